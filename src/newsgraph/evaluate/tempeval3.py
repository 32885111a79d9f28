"""TempEval-3 Task A: how well the time component finds and normalizes TIMEX3 expressions.

Reads the TimeML files under ``shared/data/tempeval3`` (``test`` = te3-platinum,
``train`` = TimeBank + AQUAINT), feeds the exact ``<TEXT>`` content with the document
creation time as publication date, and scores as TempEval-3 does: strict (exact) and
relaxed (overlapping) span F1, type and value accuracy over the relaxed matches, and
attribute F1 = accuracy x relaxed F1. ``--extra baseline=1`` also scores dateparser's
``search_dates`` as a newcomer would use it (DCT as RELATIVE_BASE, day-level values).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import EvalOptions, Score, Table, benchmark

_TAG = re.compile(r"(<[^>]+>)")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class TimeMLDoc:
    name: str
    dct: str
    text: str
    timexes: list[GoldTimex]


def parse_timeml(path: Path) -> TimeMLDoc:
    """The plain text inside ``<TEXT>``, its TIMEX3 elements as character offsets, and the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.DOTALL)
    dct = dct_match.group(1)[:10] if dct_match else ""
    body_match = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.DOTALL)
    body = body_match.group(1) if body_match else ""
    parts: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    for piece in _TAG.split(body):
        if not piece:
            continue
        if piece.startswith("<"):
            if piece.startswith("<TIMEX3"):
                open_timex.append((length, dict(_ATTR.findall(piece))))
            elif piece.startswith("</TIMEX3") and open_timex:
                start, attrs = open_timex.pop()
                timexes.append(GoldTimex(start, length, attrs.get("type", ""), attrs.get("value", "")))
            continue
        text = html.unescape(piece)
        parts.append(text)
        length += len(text)
    return TimeMLDoc(path.stem, dct, "".join(parts), sorted(timexes, key=lambda t: t.start))


def load_split(shared: Path, split: str, limit: int | None = None) -> list[TimeMLDoc]:
    root = shared / "data" / "tempeval3"
    pattern = "test/*.tml" if split == "test" else "train/*/*.tml"
    files = sorted(root.glob(pattern))
    if limit:
        files = files[:limit]
    return [parse_timeml(f) for f in files]


@dataclass
class _Counts:
    strict: Score
    relaxed: Score
    type_ok: int = 0
    value_ok: int = 0


def relaxed_matches(gold: list[GoldTimex], pred: list[GoldTimex]) -> list[tuple[GoldTimex, int | None]]:
    """Each gold expression with the index of the prediction it is matched to (None: missed):
    the unused one with its exact span, else the first unused one overlapping it."""
    used: set[int] = set()
    out: list[tuple[GoldTimex, int | None]] = []
    for g in gold:
        best = None
        for i, p in enumerate(pred):
            if i in used or p.end <= g.start or p.start >= g.end:
                continue
            if best is None or (p.start, p.end) == (g.start, g.end):
                best = i
        if best is not None:
            used.add(best)
        out.append((g, best))
    return out


def score_documents(pairs: list[tuple[list[GoldTimex], list[GoldTimex]]]) -> _Counts:
    """TempEval-3 counts over (gold, predicted) pairs of documents."""
    counts = _Counts(Score(), Score())
    for gold, pred in pairs:
        exact = {(p.start, p.end) for p in pred}
        strict_tp = sum(1 for g in gold if (g.start, g.end) in exact)
        counts.strict += Score(tp=strict_tp, fp=len(pred) - strict_tp, fn=len(gold) - strict_tp)
        matched = 0
        for g, best in relaxed_matches(gold, pred):
            if best is None:
                continue
            matched += 1
            counts.type_ok += pred[best].type == g.type
            counts.value_ok += pred[best].value == g.value
        counts.relaxed += Score(tp=matched, fp=len(pred) - matched, fn=len(gold) - matched)
    return counts


def _rows(counts: _Counts) -> list[dict]:
    matched = counts.relaxed.tp
    type_acc = counts.type_ok / matched if matched else 0.0
    value_acc = counts.value_ok / matched if matched else 0.0
    return [
        counts.strict.row("strict span"),
        counts.relaxed.row("relaxed span"),
        {"metric": "type", "accuracy": round(type_acc, 4), "f1": round(type_acc * counts.relaxed.f1, 4)},
        {"metric": "value", "accuracy": round(value_acc, 4), "f1": round(value_acc * counts.relaxed.f1, 4)},
    ]


def predict_newsgraph(docs: list[TimeMLDoc]) -> list[list[GoldTimex]]:
    """Run our pipeline (up to the time component) on each document's exact text."""
    from ..nlp import COMPONENTS, load_pipeline, make_doc

    nlp = load_pipeline()
    others = [name for name in COMPONENTS if name != "newsgraph_timex" and name in nlp.pipe_names]
    with nlp.select_pipes(disable=others):
        parsed = nlp.pipe(make_doc(nlp, d.text, d.dct or None) for d in docs)
        return [[GoldTimex(t.start, t.end, t.type, t.value) for t in doc._.timexes or []] for doc in parsed]


def predict_dateparser(docs: list[TimeMLDoc]) -> list[list[GoldTimex]]:
    """dateparser's ``search_dates`` with the DCT as relative base, mapped to day-level DATE values."""
    from dateparser.search import search_dates

    out: list[list[GoldTimex]] = []
    for d in docs:
        base = datetime.fromisoformat(d.dct) if d.dct else datetime.now()
        found = search_dates(d.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        pred: list[GoldTimex] = []
        cursor = 0
        for phrase, when in found:
            start = d.text.find(phrase, cursor)
            if start < 0:
                continue
            cursor = start + len(phrase)
            pred.append(GoldTimex(start, cursor, "DATE", when.date().isoformat()))
        out.append(pred)
    return out


def _error_rows(docs: list[TimeMLDoc], preds: list[list[GoldTimex]], limit: int = 2000) -> list[dict]:
    """Gold and predicted expressions that disagree, for tuning on the train split."""
    rows: list[dict] = []
    for d, pred in zip(docs, preds):
        gold_spans = {(g.start, g.end): g for g in d.timexes}
        pred_spans = {(p.start, p.end): p for p in pred}
        for g in d.timexes:
            p = pred_spans.get((g.start, g.end)) or next(
                (q for q in pred if q.start < g.end and q.end > g.start), None)
            if p is None or p.value != g.value or (p.start, p.end) != (g.start, g.end):
                rows.append({"doc": d.name, "dct": d.dct, "gold": d.text[g.start:g.end], "gtype": g.type,
                             "gvalue": g.value, "pred": p and d.text[p.start:p.end], "ptype": p and p.type,
                             "pvalue": p and p.value})
        for p in pred:
            if (p.start, p.end) not in gold_spans and not any(g.start < p.end and g.end > p.start for g in d.timexes):
                rows.append({"doc": d.name, "dct": d.dct, "gold": None, "pred": d.text[p.start:p.end],
                             "ptype": p.type, "pvalue": p.value,
                             "context": d.text[max(0, p.start - 40): p.end + 40].replace("\n", " ")})
    return rows[:limit]


def error_breakdown(docs: list[TimeMLDoc], preds: list[list[GoldTimex]]) -> list[dict]:
    """Counts of disagreements by kind: missed and spurious expressions, wrong values and types
    (by gold type), and matches whose only fault is a span edge. Most frequent first."""
    counts: dict[str, int] = {}

    def add(key: str) -> None:
        counts[key] = counts.get(key, 0) + 1

    for d, pred in zip(docs, preds):
        matched: set[int] = set()
        for g, hit in relaxed_matches(d.timexes, pred):
            if hit is None:
                add(f"missed {g.type}")
                continue
            matched.add(hit)
            p = pred[hit]
            if p.value != g.value:
                add(f"wrong value {g.type}" + ("" if p.type == g.type else f" (typed {p.type})"))
            elif p.type != g.type:
                add(f"wrong type {g.type} (typed {p.type})")
            elif (p.start, p.end) != (g.start, g.end):
                add("span edge only")
        for i, p in enumerate(pred):
            if i not in matched:
                add(f"spurious {p.type}")
    return [{"kind": k, "count": v} for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


@benchmark("tempeval3")
def run(options: EvalOptions) -> list[Table]:
    docs = load_split(options.shared, options.split, options.limit)
    gold = [[g for g in d.timexes] for d in docs]
    preds = predict_newsgraph(docs)
    n_gold = sum(len(g) for g in gold)
    tables = [Table(
        f"TempEval-3 Task A ({options.split}): newsgraph time component",
        _rows(score_documents(list(zip(gold, preds)))),
        [f"{len(docs)} documents, {n_gold} gold TIMEX3 (DCT excluded); value F1 = value accuracy x relaxed F1",
         "anchors on te3-platinum value F1: HeidelTime 0.776, UWTime ~0.82, SUTime 0.674"],
    )]
    if options.split != "test":  # tuning aid; the test split is scored, never inspected
        tables.append(Table(f"TempEval-3 ({options.split}) disagreements by kind", error_breakdown(docs, preds)))
    if options.extra.get("baseline"):
        base = predict_dateparser(docs)
        tables.append(Table(
            f"TempEval-3 Task A ({options.split}): dateparser search_dates baseline",
            _rows(score_documents(list(zip(gold, base)))),
            ["RELATIVE_BASE = DCT; every hit typed DATE with a day-level value"],
        ))
    if options.extra.get("errors"):
        tables.append(Table(f"TempEval-3 ({options.split}) disagreements", _error_rows(docs, preds)))
    return tables
