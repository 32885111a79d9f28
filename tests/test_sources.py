"""Source attributions: claims credited to outlets and documents, with their chains."""

from __future__ import annotations

import json

import pytest

from newsgraph.nlp import load_pipeline, make_doc


def sources_of(text: str):
    nlp = load_pipeline()
    return nlp(make_doc(nlp, text, None))._.sources


@pytest.mark.parametrize(
    "text, phrase, source, claim",
    [
        (
            "The general, according to Reuters, had been under investigation for months.",
            "according to Reuters",
            "Reuters",
            "The general, according to Reuters, had been under investigation for months",
        ),
        (
            "The blast, as reported by the Guardian, damaged three buildings.",
            "as reported by the Guardian",
            "Guardian",
            "The blast, as reported by the Guardian, damaged three buildings",
        ),
        (
            "The minister's trip was his third this year, Reuters points out.",
            "Reuters points out",
            "Reuters",
            "The minister's trip was his third this year",
        ),
        (
            "According to the New York Times, the deal was signed in secret.",
            "According to the New York Times",
            "New York Times",
            "the deal was signed in secret",
        ),
        (  # a cue outside the reporting-verb list, found by the attribution model
            "The Washington Post found that the charity had spent little on its programs.",
            "The Washington Post found",
            "Washington Post",
            "that the charity had spent little on its programs",
        ),
    ],
)
def test_outlet_attributions(text, phrase, source, claim):
    (s,) = sources_of(text)
    assert s.text == phrase
    assert source in s.source.name
    assert s.claim.text == claim
    assert s.claim.text == text[s.claim.start : s.claim.end]
    assert s.sentence is not None and 0 < s.confidence <= 1


def test_document_seen_by_outlet_keeps_the_chain():
    (s,) = sources_of("According to documents seen by Reuters, the plan envisages new elections.")
    assert s.source.name == "Reuters"
    assert [v.text for v in s.via] == ["documents"]
    assert s.claim.text == "the plan envisages new elections"


def test_citing_chain():
    (s,) = sources_of("Reuters, citing two officials, reported that the talks had collapsed.")
    assert s.source.name == "Reuters"
    assert [v.text for v in s.via] == ["two officials"]
    assert "the talks had collapsed" in s.claim.text


@pytest.mark.parametrize(
    "text",
    [
        "State media reported that the minister had resigned.",  # an unnamed group: a quote
        "According to officials, the army withdrew from the city.",  # people: a quote
        "Reuters published two sets of documents yesterday.",  # an act of the outlet, no claim
        '"According to our data, prices rose," the ministry said.',  # inside a direct quote
    ],
)
def test_not_source_attributions(text):
    assert sources_of(text) == []


def test_seed_source_attributions(shared):
    text = (shared / "examples" / "seed" / "article.txt").read_text("utf-8")
    gold = json.loads((shared / "examples" / "seed" / "gold.json").read_text("utf-8"))["source_attributions"]
    sources = sources_of(text)
    assert len(sources) == len(gold)
    for g in gold:
        assert any(s.start < g["end"] and g["start"] < s.end and s.source.name.lower() in g["source"].lower() for s in sources)


def test_according_to_a_survey_keeps_the_whole_source_phrase():
    text = "Voter purges appear to be helping Republicans in Ohio, according to a recent Reuters survey of voter lists."
    (s,) = sources_of(text)
    assert s.source.text == "a recent Reuters survey of voter lists" and s.source.name == "Reuters"
    assert s.claim.text == "Voter purges appear to be helping Republicans in Ohio"
