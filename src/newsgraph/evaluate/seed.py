"""``newsgraph evaluate seed``: score the canonical article against its hand annotation.

Gold spans are character offsets into ``examples/seed/article.txt``. A predicted record
matches a gold one when their spans overlap; names match when they are the same actor
(any surface form of the gold entity, compared case- and article-insensitively).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..analysis import analyze
from ..extract.positions import issue_aliases
from ..model import Analysis
from . import EvalOptions, benchmark
from .scoring import Score, Table


def load_seed(shared: Path) -> tuple[str, dict, dict]:
    seed = shared / "examples" / "seed"
    if not (seed / "gold.json").is_file():
        raise FileNotFoundError(f"{seed}: no gold.json (is the shared folder right?)")
    text = (seed / "article.txt").read_text("utf-8")
    meta = json.loads((seed / "meta.json").read_text("utf-8"))
    gold = json.loads((seed / "gold.json").read_text("utf-8"))
    return text, meta, gold


@benchmark("seed")
def evaluate_seed(options: EvalOptions) -> list[Table]:
    text, meta, gold = load_seed(options.shared)
    analysis = analyze(text, published=meta.get("published"))
    names = _GoldNames(gold)
    return [
        Table("seed: summary", [
            *entity_rows(analysis, gold),
            *quote_rows(analysis, gold, names),
            *source_rows(analysis, gold, names),
            *timex_rows(analysis, gold),
            *event_rows(analysis, gold, names),
            *position_rows(analysis, gold, names),
            *framing_rows(analysis, gold, names),
        ], notes=["found = gold items matched by span; right = also the right speaker/value/participants"]),
    ]


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _fold(name: str | None) -> str:
    name = re.sub(r"^the\s+|'s$|’s$", "", (name or "").strip(), flags=re.IGNORECASE)
    return re.sub(r"\W+", " ", name).strip().casefold()


class _GoldNames:
    """Every surface form of every gold entity, for matching predicted names to gold names."""

    def __init__(self, gold: dict) -> None:
        self.forms: dict[str, set[str]] = {}
        for e in gold["entities"]:
            self.forms[_fold(e["canonical"])] = {_fold(e["canonical"]), *map(_fold, e["surface_forms"])}

    def same(self, predicted: list[str | None], gold_name: str) -> bool:
        forms = self.forms.get(_fold(gold_name), {_fold(gold_name)})
        for p in map(_fold, filter(None, predicted)):
            if p in forms or any(p and (p in f.split() or f in p) for f in forms if len(f) > 3):
                return True
        return False


def _entity_names(analysis: Analysis, entity_id: str | None) -> list[str]:
    e = analysis.entity(entity_id)
    return [e.name, *e.variants] if e else []


def entity_rows(analysis: Analysis, gold: dict) -> list[dict]:
    owner = {}  # (start, end) of a predicted mention -> predicted entity id
    for e in analysis.entities:
        if e.type == "GROUP":
            continue  # the gold annotates names; unnamed groups ("the police") are not in it
        for m in e.mentions:
            owner[(m.start, m.end)] = e.id
    mention_score = Score()
    unified = 0
    gold_of_pred: dict[str, set[str]] = {}
    for g in gold["entities"]:
        hits = [owner.get((m["start"], m["end"])) for m in g["mentions"]]
        found = [h for h in hits if h]
        mention_score.tp += len(found)
        mention_score.fn += len(hits) - len(found)
        if found and len(set(found)) == 1 and len(found) == len(hits):
            unified += 1
        for h in found:
            gold_of_pred.setdefault(h, set()).add(g["canonical"])
    gold_spans = {(m["start"], m["end"]) for g in gold["entities"] for m in g["mentions"]}
    mention_score.fp = sum(1 for span in owner if span not in gold_spans)
    wrong_merges = sum(1 for v in gold_of_pred.values() if len(v) > 1)
    return [
        mention_score.row("entity mentions (exact span)"),
        {"metric": "entities unified (all mentions, one identity)", "tp": unified, "fn": len(gold["entities"]) - unified,
         "recall": round(unified / len(gold["entities"]), 4)},
        {"metric": "wrong merges (one identity, several gold actors)", "fp": wrong_merges},
    ]


def quote_rows(analysis: Analysis, gold: dict, names: _GoldNames) -> list[dict]:
    score, right = Score(), 0
    used: set[int] = set()
    for g in gold["quotes"]:
        match = next((i for i, q in enumerate(analysis.quotes) if i not in used and q.kind == g["kind"]
                      and _overlap(q.start, q.end, g["start"], g["end"])), None)
        if match is None:
            score.fn += 1
            continue
        used.add(match)
        score.tp += 1
        q = analysis.quotes[match]
        if names.same([q.speaker.name, q.speaker.text, *_entity_names(analysis, q.speaker.entity)], g["speaker"]):
            right += 1
    score.fp = len(analysis.quotes) - len(used)
    return [score.row("quotes found (span overlap, kind)"),
            {"metric": "quotes with the right speaker", "tp": right, "recall": round(right / len(gold["quotes"]), 4)}]


def source_rows(analysis: Analysis, gold: dict, names: _GoldNames) -> list[dict]:
    score, right = Score(), 0
    used: set[int] = set()
    for g in gold["source_attributions"]:
        match = next((i for i, s in enumerate(analysis.sources) if i not in used
                      and _overlap(s.start, s.end, g["start"], g["end"])), None)
        if match is None:
            score.fn += 1
            continue
        used.add(match)
        score.tp += 1
        s = analysis.sources[match]
        right += names.same([s.source.name, s.source.text, *_entity_names(analysis, s.source.entity)], g["source"])
    score.fp = len(analysis.sources) - len(used)
    return [score.row("source attributions found"),
            {"metric": "source attributions with the right source", "tp": right,
             "recall": round(right / len(gold["source_attributions"]), 4)}]


def timex_rows(analysis: Analysis, gold: dict) -> list[dict]:
    strict, relaxed, values = Score(), Score(), 0
    predicted = analysis.timex
    for g in gold["timex"]:
        exact = any(t.start == g["start"] and t.end == g["end"] for t in predicted)
        near = next((t for t in predicted if _overlap(t.start, t.end, g["start"], g["end"])), None)
        strict.tp += exact
        strict.fn += not exact
        relaxed.tp += near is not None
        relaxed.fn += near is None
        values += near is not None and near.value == g["value"]
    strict.fp = sum(not any(t.start == g["start"] and t.end == g["end"] for g in gold["timex"]) for t in predicted)
    relaxed.fp = sum(not any(_overlap(t.start, t.end, g["start"], g["end"]) for g in gold["timex"]) for t in predicted)
    return [strict.row("timex span (strict)"), relaxed.row("timex span (relaxed)"),
            {"metric": "timex values right", "tp": values, "recall": round(values / len(gold["timex"]), 4)}]


def event_rows(analysis: Analysis, gold: dict, names: _GoldNames) -> list[dict]:
    found, right = 0, 0
    for g in gold["events"]:
        candidates = [ev for ev in analysis.events if ev.type == g["type"]
                      and _overlap(ev.trigger.start, ev.trigger.end, g["trigger"]["start"], g["trigger"]["end"])]
        found += bool(candidates)
        for ev in candidates:
            participants = [n for x in ev.actors + ev.targets for n in _entity_names(analysis, x)]
            gold_participants = g["actors"] + g["targets"]
            if any(names.same(participants, p) for p in gold_participants) and ev.date == g["date"]:
                right += 1
                break
    n = len(gold["events"])
    return [{"metric": "events found (type + trigger)", "tp": found, "fp": max(0, len(analysis.events) - found),
             "fn": n - found, "recall": round(found / n, 4)},
            {"metric": "events right (type, a participant, date)", "tp": right, "recall": round(right / n, 4)}]


def _issue_names() -> dict[str, set[str]]:
    """Our issue name -> every folded name a scorer may use for it (the vocabulary's aliases)."""
    return {_fold(k): {_fold(k), *map(_fold, v)} for k, v in issue_aliases().items()}


def _same_issue(ours: str, gold_issue: str, aliases: dict[str, set[str]]) -> bool:
    return _fold(gold_issue) in aliases.get(_fold(ours), {_fold(ours)})


def position_rows(analysis: Analysis, gold: dict, names: _GoldNames) -> list[dict]:
    right = 0
    aliases = _issue_names()
    for g in gold["positions"]:
        right += any(
            _same_issue(p.issue, g["issue"], aliases)
            and names.same([p.holder_name, *_entity_names(analysis, p.holder)], g["holder"])
            and _overlap(p.evidence.start, p.evidence.end, g["evidence"]["start"], g["evidence"]["end"])
            for p in analysis.positions
        )
    open_right = sum(any(_same_issue(o, g, aliases) for o in analysis.open_issues) for g in gold["open_issues"])
    return [{"metric": "positions right (issue, holder, evidence)", "tp": right,
             "fp": max(0, len(analysis.positions) - right), "fn": len(gold["positions"]) - right,
             "recall": round(right / len(gold["positions"]), 4)},
            {"metric": "open issues listed", "tp": open_right, "fp": max(0, len(analysis.open_issues) - open_right),
             "recall": round(open_right / len(gold["open_issues"]), 4)}]


def framing_rows(analysis: Analysis, gold: dict, names: _GoldNames) -> list[dict]:
    found, right = 0, 0
    for g in gold["framing"]:
        hits = [f for f in analysis.framing if _overlap(f.start, f.end, g["start"], g["end"])]
        found += bool(hits)
        right += any(
            names.same([f.speaker.name, f.speaker.text, *_entity_names(analysis, f.speaker.entity)], g["speaker"])
            for f in hits
        )
    n = len(gold["framing"])
    return [{"metric": "framing spans found", "tp": found, "fp": max(0, len(analysis.framing) - found),
             "fn": n - found, "recall": round(found / n, 4)},
            {"metric": "framing with the right speaker", "tp": right, "recall": round(right / n, 4)}]
