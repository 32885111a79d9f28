"""Small helpers shared by the extractors: evidence spans, sentence lookup, and substring gates
that spare a lexicon regex its scan when its literal text is nowhere in the article."""

from __future__ import annotations

import re
from bisect import bisect_right

import numpy as np
from spacy.tokens import Doc, Span

from ..model import Entity, TextSpan

# The only characters re.IGNORECASE matches to an ASCII letter that str.lower() does not turn
# into exactly it (dotted capital I, dotless i, long s; found by trying every code point):
# with one of them in a text, no gate is safe.
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f")
_LEAD = re.compile(r"[A-Za-z -]+")
PLACE_TYPES = frozenset({"GPE", "LOC"})  # entity types that are places: an event's place, a group's country


def gate_text(text: str) -> str | None:
    """``text`` lower-cased, in which every case-insensitive match of a pattern contains the
    pattern's ``required_text`` (lower-cased); None when the text has a character that breaks this."""
    return None if any(c in text for c in _FOLDS_TO_ASCII) else text.lower()


def required_text(pattern: str) -> str:
    """The literal lead of a regex ``pattern`` (letters, spaces, hyphens up to the first special
    character, less a last character a quantifier makes optional), which every match contains;
    '' when there is none or the pattern has an alternative at its top level."""
    depth, i = 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return ""
        elif ch == "[":  # a class: skip to its end (a ']' first in it is literal)
            i = pattern.find("]", i + 2)
            if i < 0:
                return ""
        i += 1
    m = _LEAD.match(pattern)
    if m is None:
        return ""
    lead = m.group()
    if pattern[m.end() : m.end() + 1] in ("?", "*", "+", "{"):
        lead = lead[:-1]
    return lead


def in_sorted(values: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """Which of ``values`` (any shape) are in the sorted, unique ``sorted_keys``: a binary search,
    cheaper than ``np.isin`` on an article's attribute arrays (string hashes)."""
    if not len(sorted_keys):
        return np.zeros(np.shape(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, values), len(sorted_keys) - 1)
    return sorted_keys[at] == values


def mention_owners(doc: Doc, entities: list[Entity]) -> np.ndarray:
    """Per token, the index in ``entities`` of the first one with a mention covering it, else -1:
    the token -> actor map that groups and events read their parties from."""
    owner = np.full(len(doc), -1, dtype=np.int32)
    for k, ent in enumerate(entities):
        for m in ent.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                covered = owner[span.start : span.end]
                covered[covered < 0] = k
    return owner


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
