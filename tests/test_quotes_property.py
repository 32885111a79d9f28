"""Property tests: any text with any quote marks is handled, and every offset points at its text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.extract.quotes import find_quote_spans
from newsgraph.nlp import load_pipeline, make_doc

PIECES = st.sampled_from(
    ['"', "“", "”", "„", "«", "»", "‹", "›", "'", "\n", "\n\n", " ", ",", ".", "?", "he said", "said",
     "Peskov", "according to Reuters", "The minister", "that", "we will win", "é", "\u200b", "🙂"]
)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_quote_spans_stay_in_range(text):
    for q in find_quote_spans(text):
        assert 0 <= q.start < q.end <= len(text)
        assert q.open < q.start


def _check(text: str, span) -> None:
    assert 0 <= span.start <= span.end <= len(text)
    assert span.text == text[span.start : span.end]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_extractors_never_crash_and_offsets_match(text):
    nlp = load_pipeline()
    doc = nlp(make_doc(nlp, text, None))
    for q in doc._.quotes:
        _check(text, q)
        for part in (q.cue, q.sentence):
            if part is not None:
                _check(text, part)
        sp = q.speaker
        if sp.start is not None:
            assert sp.text == text[sp.start : sp.end]
    for s in doc._.sources:
        _check(text, s)
        _check(text, s.claim)
        for link in [s.source, *s.via]:
            _check(text, link)
