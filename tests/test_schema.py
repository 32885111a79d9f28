"""Every analysis validates against the published JSON Schema, and offsets point at their text."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema

from newsgraph import analyze
from newsgraph.model import Analysis, dump_json_schema


def published_schema() -> dict:
    return json.loads(resources.files("newsgraph").joinpath("schema/analysis-v1.json").read_text("utf-8"))


def test_published_schema_matches_the_models() -> None:
    assert json.loads(dump_json_schema()) == published_schema(), "run `newsgraph schema > src/newsgraph/schema/analysis-v1.json`"


def assert_offsets_point_at_text(analysis: Analysis) -> None:
    text = analysis.article.text
    spans = [m for e in analysis.entities for m in e.mentions]
    spans += [q for q in analysis.quotes] + [q.cue for q in analysis.quotes if q.cue]
    spans += [s for s in analysis.sources] + [s.claim for s in analysis.sources]
    spans += list(analysis.timex) + [ev.trigger for ev in analysis.events]
    spans += [p.evidence for p in analysis.positions] + list(analysis.framing)
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start:span.end] == span.text, span


def validate(analysis: Analysis) -> None:
    jsonschema.validate(json.loads(analysis.to_json()), published_schema())
    assert_offsets_point_at_text(analysis)


def test_demo_sentences_validate() -> None:
    text = (
        'Kremlin spokesman Dmitry Peskov said on Friday that talks with Washington were "useful". '
        '"We are ready to continue," he told reporters in Moscow. According to Reuters, the next round '
        "could take place in Istanbul next week."
    )
    validate(analyze(text, published="2025-04-25"))


def test_seed_validates(seed_analysis) -> None:
    validate(seed_analysis)


def test_examples_validate(examples_dir) -> None:
    from newsgraph.analysis import analyze_articles
    from newsgraph.ingest import read_inputs

    for analysis in analyze_articles(read_inputs([examples_dir])):
        validate(analysis)
