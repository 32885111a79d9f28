"""The terminal report: one Analysis as a person reads it, top to bottom, with Rich.

All article text goes through ``Text`` objects (never markup strings), so brackets in
untrusted text cannot inject Rich styling.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import Analysis

_MAX = 110


def _clip(s: str | None, n: int = _MAX) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _table(title: str, *columns: str) -> Table:
    t = Table(title=title, title_justify="left", title_style="bold cyan", box=box.SIMPLE_HEAD, expand=False)
    for c in columns:
        t.add_column(c, overflow="fold")
    return t


def _name(analysis: Analysis, entity_id: str | None, fallback: str | None = None) -> str:
    e = analysis.entity(entity_id)
    return e.name if e else (fallback or "—")


def render(analysis: Analysis, console: Console) -> None:
    a = analysis.article
    head = Text()
    head.append(a.title or (a.source or "article"), style="bold")
    head.append(f"\nid {a.id} · published {a.published or 'unknown'} · outlet {a.outlet or 'unknown'}"
                f" · language {a.language or '?'} · {len(a.text.split())} words")
    for w in analysis.warnings:
        head.append(f"\n⚠ {w}", style="yellow")
    console.print(Panel(head, box=box.ROUNDED))

    ents = _table(f"Entities ({len(analysis.entities)})", "name", "type", "role", "variants", "mentions")
    for e in analysis.entities:
        ents.add_row(Text(e.name), e.type, Text(_clip(e.role, 60)), Text(" / ".join(e.variants)), str(len(e.mentions)))
    quotes = _table(f"Quotations ({len(analysis.quotes)})", "speaker", "kind", "words", "cue")
    for q in analysis.quotes:
        speaker = _name(analysis, q.speaker.entity, q.speaker.name or q.speaker.text)
        via = f" (“{q.speaker.text}”)" if q.speaker.text and q.speaker.text != speaker else ""
        kind = q.kind + (" ↩" if q.continuation else "")
        quotes.add_row(Text(speaker + via), kind, Text(_clip(q.text)), Text(q.cue.text if q.cue else "—"))
    sources = _table(f"According to ({len(analysis.sources)})", "source", "attribution", "claim")
    for s in analysis.sources:
        sources.add_row(Text(s.source.name), Text(s.text), Text(_clip(s.claim.text)))
    timeline = _table(f"Time ({len(analysis.timex)})", "value", "type", "expression", "in the sentence")
    for t in sorted(analysis.timex, key=lambda t: (t.value, t.start)):
        timeline.add_row(t.value, t.type, Text(t.text), Text(_clip(t.sentence.text if t.sentence else "", 80)))
    events = _table(f"Events ({len(analysis.events)})", "date", "type", "actor", "target", "trigger", "how")
    for ev in sorted(analysis.events, key=lambda ev: (ev.date or "~", ev.trigger.start)):
        events.add_row(
            ev.date or "—", ev.type + (f"/{ev.mode}" if ev.mode else ""),
            Text(", ".join(_name(analysis, x) for x in ev.actors) or "—"),
            Text(", ".join(_name(analysis, x) for x in ev.targets) or "—"),
            Text(ev.trigger.text), ev.modality + (" (negated)" if ev.negated else ""),
        )
    positions = _table(f"Positions ({len(analysis.positions)})", "issue", "party", "stance", "evidence")
    for p in sorted(analysis.positions, key=lambda p: (p.issue, p.holder_name)):
        positions.add_row(Text(p.issue), Text(p.holder_name), Text(p.stance), Text(_clip(p.evidence.text, 80)))
    framing = _table(f"Framing ({len(analysis.framing)})", "words", "technique", "whose words")
    for f in analysis.framing:
        framing.add_row(Text(f.text), f.technique, Text(_name(analysis, f.speaker.entity, f.speaker.name)))

    parts = [t if t.row_count else Text(f"{t.title}: none found\n", style="cyan") for t in
             (ents, quotes, sources, timeline, events, positions)]
    if analysis.open_issues:
        parts.append(Text("Open issues (disputed, no stance stated): " + ", ".join(analysis.open_issues) + "\n"))
    parts.append(framing if framing.row_count else Text(f"{framing.title}: none found", style="cyan"))
    console.print(Group(*parts))
