"""The PolNeAR benchmark: reading brat standoff, mapping our records to roles, scoring."""

from __future__ import annotations

from pathlib import Path

from newsgraph.evaluate import EvalOptions
from newsgraph.evaluate.polnear import evaluate_polnear, predicted_spans, read_ann, score_article
from newsgraph.model import Quote, Speaker, TextSpan

TEXT = 'Kerry said that 100,000 would be accepted. "It adds up," he said.'


def test_read_ann_splits_discontinuous_spans(tmp_path: Path):
    ann = tmp_path / "a.ann"
    ann.write_text(
        "T1\tSource 0 5\tKerry\nT2\tCue 6 10\tsaid\nT3\tContent 11 20;21 41\tthat 100,000 would be accepted\n"
        "T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n#1\tAnnotatorNotes T1\tnote\n",
        "utf-8",
    )
    spans = read_ann(ann)
    assert spans["Source"] == [(0, 5)] and spans["Cue"] == [(6, 10)]
    assert spans["Content"] == [(11, 20), (21, 41)]


def test_direct_quote_content_counts_its_marks_and_scores_exactly():
    quote = Quote(
        kind="direct", start=43, end=54, text=TEXT[43:54],
        speaker=Speaker(name="Kerry", text="he", start=56, end=58),
        cue=TextSpan(start=59, end=63, text="said"),
    )
    pred = predicted_spans(TEXT, [quote], [])
    gold = {"Source": [(56, 58)], "Cue": [(59, 63)], "Content": [(42, 55)]}
    scores = score_article(TEXT, gold, pred)
    for role in ("Source", "Cue", "Content"):
        exact, overlap = scores[role]
        assert (exact.tp, exact.fp, exact.fn) == (1, 0, 0)
        assert overlap.f1 == 1.0


def test_partial_content_is_an_exact_miss_but_overlaps():
    gold = {"Source": [], "Cue": [], "Content": [(11, 41)]}
    pred = {"Source": [], "Cue": [], "Content": [(16, 41)]}
    exact, overlap = score_article(TEXT, gold, pred)["Content"]
    assert exact.tp == 0 and exact.fp == 1 and exact.fn == 1
    assert overlap.precision == 1.0 and 0 < overlap.recall < 1


def test_benchmark_runs_on_dev_articles(shared):
    (table,) = evaluate_polnear(EvalOptions(shared=shared, split="dev", limit=2))
    metrics = {r["metric"]: r for r in table.rows}
    assert {"source exact", "cue exact", "content exact", "content token overlap"} <= set(metrics)
    assert metrics["cue exact"]["tp"] > 0
