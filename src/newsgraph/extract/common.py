"""Small helpers shared by the extractors: evidence spans and sentence lookup."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from ..model import TextSpan


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token on each access."""
    text = doc.user_data.get("newsgraph_text")
    if text is None:
        text = doc.user_data["newsgraph_text"] = doc.text
    return text


def text_span(doc: Doc, start: int, end: int) -> TextSpan:
    """A TextSpan over character offsets, its text taken from the document itself."""
    return TextSpan(start=start, end=end, text=doc_text(doc)[start:end])


def token_chars(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    """Character bounds of the tokens [lo, hi) (hi > lo), without the last one's trailing space."""
    last = doc[hi - 1]
    return doc[lo].idx, last.idx + len(last.text)


def span_of(span: Span) -> TextSpan:
    return TextSpan(start=span.start_char, end=span.end_char, text=span.text)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Character bounds of every sentence, computed once per Doc (kept as plain ints so the
    cache survives Doc serialization between processes)."""
    cached = doc.user_data.get("newsgraph_sents")
    if cached is None:
        if doc.has_annotation("SENT_START"):
            cached = [(s.start_char, s.end_char) for s in doc.sents]
        else:
            cached = [(0, len(doc_text(doc)))]
        doc.user_data["newsgraph_sents"] = cached
    return cached


def sentence_at(doc: Doc, char: int) -> Span | None:
    """The sentence that contains character offset ``char``."""
    bounds = sentence_bounds(doc)
    i = bisect_right([b[0] for b in bounds], char) - 1
    if i < 0:
        return None
    start, end = bounds[i]
    return doc.char_span(start, end, alignment_mode="expand")


def sentence_evidence(doc: Doc, char: int) -> TextSpan | None:
    """The sentence around ``char`` as evidence for a record."""
    bounds = sentence_bounds(doc)
    i = bisect_right([b[0] for b in bounds], char) - 1
    if i < 0:
        return None
    return text_span(doc, *bounds[i])
