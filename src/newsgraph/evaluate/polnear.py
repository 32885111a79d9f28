"""``newsgraph evaluate polnear``: source, cue and content spans against PolNeAR.

PolNeAR (Newell et al., LREC 2018) annotates every attribution in 1,008 US political news
articles as Source / Cue / Content spans (brat standoff, character offsets). Our quotes and
source attributions map onto those roles: speaker mention -> Source, cue -> Cue, quoted
or reported words -> Content (for direct quotes the marks are counted in, as PolNeAR does;
for source attributions the cue is the attribution phrase minus the outlet).

Two scores per role, summed over the articles of ``options.split`` (train, dev or test;
tune on train/dev, report test):
- exact: a predicted span is right when both ends equal a gold span of the same role after
  trimming edge whitespace, punctuation and quote marks (discontinuous gold spans count as
  their fragments);
- token overlap (as BBC Citron reports it): precision = predicted word tokens inside gold
  spans of the role / all predicted word tokens, recall = gold word tokens covered / all.
The published anchors (CofeNet, COLING 2022, PolNeAR test, exact F1 source/cue/content) are
printed with the table; they score CoreNLP tokens per sentence, so compare with care.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..model import Quote, SourceAttribution
from ..nlp import load_pipeline, make_doc
from . import EvalOptions, benchmark
from .scoring import Score, Table

ROLES = ("Source", "Cue", "Content")
_TRIM = " \t\n\r.,;:!?\"'“”‘’«»„"
_WORD_RE = re.compile(r"\w+")
_MARKS = "\"“”„«»"
ANCHORS = {
    "rule-based (CofeNet paper)": (0.107, 0.228, 0.056),
    "BiLSTM-CRF": (0.696, 0.667, 0.590),
    "BERT-CofeNet": (0.832, 0.753, 0.729),
}
SPLITS = {"train": "train", "dev": "dev", "valid": "dev", "test": "test"}

Span = tuple[int, int]


def polnear_dir(shared: Path) -> Path:
    return shared / "data" / "quotes" / "polnear" / "data"


def read_ann(path: Path) -> dict[str, list[Span]]:
    """Gold spans per role from one brat standoff file (discontinuous spans as fragments)."""
    spans: dict[str, list[Span]] = {r: [] for r in ROLES}
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if not line.startswith("T") or len(parts) < 2:
            continue
        role, _, offsets = parts[1].partition(" ")
        if role not in spans:
            continue
        for frag in offsets.split(";"):
            a, _, b = frag.partition(" ")
            if a.isdigit() and b.isdigit():
                spans[role].append((int(a), int(b)))
    return spans


def read_relations(path: Path) -> list[dict[str, list[Span]]]:
    """The attribution relations of one brat standoff file: role -> fragments, per relation."""
    spans: dict[str, list[Span]] = {}
    relations: list[dict[str, list[Span]]] = []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if line.startswith("T"):
            offsets = parts[1].partition(" ")[2]
            frags = [f.partition(" ") for f in offsets.split(";")]
            spans[parts[0]] = [(int(a), int(b)) for a, _, b in frags if a.isdigit() and b.isdigit()]
        elif line.startswith("E"):
            rel: dict[str, list[Span]] = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                role = role.rstrip("0123456789")
                if role in ROLES and ref in spans:
                    rel.setdefault(role, []).extend(spans[ref])
            relations.append(rel)
    return relations


def articles(shared: Path, split: str, limit: int | None = None) -> Iterator[tuple[str, str, dict[str, list[Span]]]]:
    """(name, text, gold spans) for each article of a split; one annotator's file per article."""
    folder = polnear_dir(shared) / SPLITS.get(split, split)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no PolNeAR split {split!r} (choose train, dev or test)")
    anns = sorted((folder / "attributions").glob("*.ann"))
    done: set[str] = set()
    for ann in anns:
        name = ann.stem.rsplit("_", 1)[0]
        text_path = folder / "text" / f"{name}.txt"
        if name in done or not text_path.is_file():
            continue
        done.add(name)
        yield name, text_path.read_text("utf-8"), read_ann(ann)
        if limit is not None and len(done) >= limit:
            return


def _trim(text: str, span: Span) -> Span:
    a, b = span
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    return a, b


def _with_marks(text: str, q: Quote) -> Span:
    a, b = q.start, q.end
    if a > 0 and text[a - 1] in _MARKS:
        a -= 1
    if b < len(text) and text[b] in _MARKS:
        b += 1
    return a, b


def predicted_spans(text: str, quotes: list[Quote], sources: list[SourceAttribution]) -> dict[str, list[Span]]:
    """Our records as PolNeAR roles."""
    out: dict[str, list[Span]] = {r: [] for r in ROLES}
    for q in quotes:
        out["Content"].append(_with_marks(text, q) if q.kind == "direct" else (q.start, q.end))
        if q.cue is not None:
            out["Cue"].append((q.cue.start, q.cue.end))
        sp = q.speaker
        if not q.continuation and sp.start is not None and sp.end is not None:
            out["Source"].append((sp.start, sp.end))
    for s in sources:
        out["Source"].append((s.source.start, s.source.end))
        out["Content"].append((s.claim.start, s.claim.end))
        if s.source.start <= s.start:
            out["Cue"].append((s.source.end, s.end))
        elif s.source.end >= s.end:
            out["Cue"].append((s.start, s.source.start))
    return {r: sorted({sp for sp in (_trim(text, x) for x in v) if sp[1] > sp[0]}) for r, v in out.items()}


def _words(text: str, spans: list[Span]) -> set[int]:
    """Start offsets of the word tokens that lie inside any of the spans."""
    return {m.start() for a, b in spans for m in _WORD_RE.finditer(text, a, b)}


def score_article(text: str, gold: dict[str, list[Span]], pred: dict[str, list[Span]]) -> dict[str, tuple[Score, Score]]:
    """(exact, token-overlap) scores per role for one article."""
    out = {}
    for role in ROLES:
        g = {sp for sp in (_trim(text, x) for x in gold[role]) if sp[1] > sp[0]}
        p = set(pred[role])
        exact = Score(tp=len(g & p), fp=len(p - g), fn=len(g - p))
        gw, pw = _words(text, sorted(g)), _words(text, sorted(p))
        overlap = Score(tp=len(gw & pw), fp=len(pw - gw), fn=len(gw - pw))
        out[role] = (exact, overlap)
    return out


@benchmark("polnear")
def evaluate_polnear(options: EvalOptions) -> list[Table]:
    nlp = load_pipeline()
    keep = {"newsgraph_entities", "newsgraph_quotes", "newsgraph_sources"}
    skip = [p for p in nlp.pipe_names if p.startswith("newsgraph_") and p not in keep]
    totals = {r: (Score(), Score()) for r in ROLES}
    n = 0
    docs = list(articles(options.shared, options.split, options.limit))
    with nlp.select_pipes(disable=skip):
        for (_, text, gold), doc in zip(docs, nlp.pipe(make_doc(nlp, t, None) for _, t, _ in docs)):
            pred = predicted_spans(text, doc._.quotes or [], doc._.sources or [])
            for role, (ex, ov) in score_article(text, gold, pred).items():
                totals[role][0].__iadd__(ex)
                totals[role][1].__iadd__(ov)
            n += 1
    rows = [totals[r][0].row(f"{r.lower()} exact") for r in ROLES]
    rows += [totals[r][1].row(f"{r.lower()} token overlap") for r in ROLES]
    notes = [f"PolNeAR {options.split}: {n} articles (one annotator's file each)"]
    notes += [f"anchor {k}: exact F1 source {s:.2f} / cue {c:.2f} / content {t:.2f}" for k, (s, c, t) in ANCHORS.items()]
    return [Table(f"polnear ({options.split})", rows, notes)]
