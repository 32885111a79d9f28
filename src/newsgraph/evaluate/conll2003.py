"""CoNLL-2003 English NER: how well our entity mentions and types hold up on Reuters news.

Reads ``data/conll2003/eng.{train,testa,testb}`` (splits train / dev / test), turns the IOB1
tags into spans, and runs the pipeline on each document with CoNLL's own tokenization
(``Doc(words=..., spaces=...)``, so spans compare token for token) up to and including
``newsgraph_entities``. Scored twice, entity-level exact span + type, micro P/R/F1 (conlleval):

- ``raw``: the spaCy model's ``doc.ents``;
- ``ours``: the mentions of our entities, typed by the entity's voted type.

Label mapping (OntoNotes -> CoNLL): PERSON -> PER; ORG -> ORG; GPE, LOC, FAC -> LOC;
NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE and our OTHER -> MISC; DATE, TIME,
CARDINAL, ORDINAL, QUANTITY, MONEY, PERCENT -> ignored. "overall" is micro over PER, ORG
and LOC (MISC is scored on its own: OntoNotes has no MISC, so the mapping is loose).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import load_pipeline, register_extensions
from . import EvalOptions, Score, Table, benchmark

SPLITS = {"train": "eng.train", "dev": "eng.testa", "test": "eng.testb"}
LABEL_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "OTHER": "MISC",
}
TYPES = ("PER", "ORG", "LOC", "MISC")
Span3 = tuple[int, int, str]  # token start, token end, CoNLL type


def read_conll(path: Path) -> Iterator[tuple[list[str], list[bool], set[Span3]]]:
    """Documents as (words, sentence starts, gold spans) from an IOB1 file."""
    words: list[str] = []
    starts: list[bool] = []
    tags: list[str] = []
    new_sentence = True

    def flush():
        return words, starts, iob1_spans(tags)

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                new_sentence = True
                continue
            if parts[0] == "-DOCSTART-":
                if words:
                    yield flush()
                words, starts, tags = [], [], []
                new_sentence = True
                continue
            words.append(parts[0])
            starts.append(new_sentence)
            tags.append(parts[-1])
            new_sentence = False
    if words:
        yield flush()


def iob1_spans(tags: list[str]) -> set[Span3]:
    """Entity spans from IOB1 tags (B- only separates two adjacent entities of one type)."""
    spans: set[Span3] = set()
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if start is not None and (tag == "O" or prefix == "B" or label != kind):
            spans.add((start, i, kind))
            start, kind = None, None
        if tag != "O" and start is None:
            start, kind = i, label
    return spans


def make_conll_doc(nlp: Language, words: list[str], sent_starts: list[bool]) -> Doc:
    """A Doc with CoNLL's tokens and sentence breaks, words joined by single spaces."""
    register_extensions()
    spaces = [True] * len(words)
    if spaces:
        spaces[-1] = False
    return Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=sent_starts)


def run_pipeline(nlp: Language, doc: Doc) -> Doc:
    """The model's components and our entity component (the later ones do not bear on NER)."""
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "newsgraph_entities":
            break
    return doc


def raw_spans(doc: Doc) -> set[Span3]:
    return {(e.start, e.end, LABEL_MAP[e.label_]) for e in doc.ents if e.label_ in LABEL_MAP}


def our_spans(doc: Doc) -> set[Span3]:
    """Our entity mentions as token spans, typed by their entity."""
    spans: set[Span3] = set()
    for entity in doc._.entities or ():
        kind = LABEL_MAP.get(entity.type)
        for m in entity.mentions:
            span = doc.char_span(m.start, m.end)
            if kind and span is not None:
                spans.add((span.start, span.end, kind))
    return spans


def score_spans(gold: set[Span3], pred: set[Span3], scores: dict[str, Score]) -> None:
    for kind in TYPES:
        g = {s for s in gold if s[2] == kind}
        p = {s for s in pred if s[2] == kind}
        scores[kind] += Score(tp=len(g & p), fp=len(p - g), fn=len(g - p))


def _rows(scores: dict[str, Score], system: str) -> list[dict]:
    overall = Score()
    for kind in ("PER", "ORG", "LOC"):
        overall += scores[kind]
    every = Score()
    for kind in TYPES:
        every += scores[kind]
    rows = [scores[k].row(k, system=system) for k in TYPES]
    rows.append(overall.row("overall PER/ORG/LOC", system=system))
    rows.append(every.row("overall with MISC", system=system))
    return rows


@benchmark("conll2003")
def conll2003(options: EvalOptions) -> list[Table]:
    """Entity-level P/R/F1 of the raw model and of our entities on a CoNLL-2003 split."""
    path = options.shared / "data" / "conll2003" / SPLITS.get(options.split, options.split)
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found; splits are {', '.join(SPLITS)} under shared/data/conll2003")
    nlp = load_pipeline()
    raw = {k: Score() for k in TYPES}
    ours = {k: Score() for k in TYPES}
    docs = 0
    for words, starts, gold in read_conll(path):
        if options.limit is not None and docs >= options.limit:
            break
        doc = run_pipeline(nlp, make_conll_doc(nlp, words, starts))
        score_spans(gold, raw_spans(doc), raw)
        score_spans(gold, our_spans(doc), ours)
        docs += 1
    table = Table(
        title=f"CoNLL-2003 {options.split} ({path.name}, {docs} documents): entity-level exact span + type",
        rows=_rows(raw, "raw spaCy") + _rows(ours, "newsgraph"),
        notes=[
            "raw = en_core_web_sm NER; newsgraph = entity component (table, recurrences, type voting)",
            "mapping: PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, NORP/EVENT/other names->MISC",
        ],
    )
    return [table]
