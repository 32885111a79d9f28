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


# a TIMEX3 value of each type (TimeML 1.2.1); a gold value outside these is an annotation slip
_VALID_VALUE = {
    "DATE": re.compile(r"(?:\d{2,4}|XXXX)(?:-(?:\d\d|XX|W\d\d|WXX|Q[1-4X]|H[12]|SP|SU|FA|WI)(?:-(?:\d\d|XX|WE|\d))?)?"
                       r"(?:T(?:\d\d(?::\d\d)?|MO|AF|EV|NI|DT))?|PAST_REF|PRESENT_REF|FUTURE_REF"),
    "TIME": re.compile(r"(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)T(?:\d\d(?::\d\d(?::\d\d)?)?|MO|AF|EV|NI|DT)"
                       r"|PRESENT_REF"),
    "DURATION": re.compile(r"PT?(?:[\d.]+|X)[YMWDHSQECL](?:\d+[YMWDHS])*|P(?:[\d.]+|X)(?:DE|CE|ML)"),
    "SET": re.compile(r".+"),
}
_DEICTIC_SHAPES = (  # a value as an offset from the DCT, so 'last week' compares across documents
    (re.compile(r"(\d{4})-W(\d\d)"), "W"), (re.compile(r"(\d{4})-Q([1-4])"), "Q"),
    (re.compile(r"(\d{4})-(\d\d)"), "M"), (re.compile(r"(\d{4})"), "Y"))
_NAMED_TIMES = re.compile(r"\d|day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", re.IGNORECASE)


def _shape(value: str, dct: str) -> str:
    """'1998-W33' with DCT 1998-08-18 -> 'W-1'; values that are not a week, quarter, month or year
    keep their letters with the digits of any year blanked."""
    year, month = int(dct[:4]), int(dct[5:7])
    week = datetime.fromisoformat(dct[:10]).isocalendar()[1]
    for pattern, unit in _DEICTIC_SHAPES:
        m = pattern.fullmatch(value)
        if m:
            y, n = int(m[1]), int(m[2]) if m.lastindex == 2 else 0
            offset = {"W": (y - year) * 52 + n - week, "Q": (y - year) * 4 + n - (month - 1) // 3 - 1,
                      "M": (y - year) * 12 + n - month, "Y": y - year}[unit]
            return f"{unit}{offset:+d}"
    return re.sub(r"\d{4}", "YYYY", value)


def value_disagreements(docs: list[TimeMLDoc], preds: list[list[GoldTimex]]) -> list[dict]:
    """Why matched expressions get another value than the gold: the gold value is not a TIMEX3
    value of its type; the gold elsewhere in these documents writes the same deictic words
    ('last week', 'a year ago') the way we did; both name the same time at another granularity
    ('1988' vs '1988-Q3'); or anything else. Separates annotation conventions from our errors."""
    def words(doc: TimeMLDoc, t: GoldTimex) -> str:
        return re.sub(r"^(?:the|a|an)\s+", "", " ".join(doc.text[t.start:t.end].lower().split()))

    written: dict[str, set[str]] = {}
    for d in docs:
        for g in d.timexes:
            written.setdefault(words(d, g), set()).add(_shape(g.value, d.dct))
    counts: dict[str, int] = {}
    for d, pred in zip(docs, preds):
        for g, hit in relaxed_matches(d.timexes, pred):
            if hit is None or pred[hit].value == g.value:
                continue
            ours, key = pred[hit].value, words(d, g)
            valid = _VALID_VALUE.get(g.type)
            if valid is not None and not valid.fullmatch(g.value):
                cause = "gold value is not a TIMEX3 value of its type"
            elif not _NAMED_TIMES.search(key) and _shape(ours, d.dct) in written.get(key, ()):
                cause = "gold elsewhere writes these words as we do"
            elif ours.split("T")[0].startswith(g.value.split("T")[0]) or g.value.startswith(ours.split("T")[0]):
                cause = "same time, other granularity"
            else:
                cause = "other"
            counts[cause] = counts.get(cause, 0) + 1
    return [{"cause": k, "count": v} for k, v in sorted(counts.items(), key=lambda kv: -kv[1])]


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
        tables.append(Table(f"TempEval-3 ({options.split}) wrong values by cause", value_disagreements(docs, preds)))
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
