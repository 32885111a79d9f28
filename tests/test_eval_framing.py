"""The SemEval-2025 entity framing benchmark: data loads, scoring is right, the CV runs on a slice."""

from __future__ import annotations

import pytest

from newsgraph.evaluate import EvalOptions, shared_dir
from newsgraph.evaluate.framing import load_annotations, score, taxonomy


@pytest.fixture(scope="module")
def shared():
    base = shared_dir()
    if base is None or not (base / "data/framing/semeval2025t10").is_dir():
        pytest.skip("shared SemEval-2025 Task 10 data not found (set NEWSGRAPH_SHARED)")
    return base


def test_annotations_point_at_their_mentions(shared):
    rows, texts = load_annotations(shared)
    assert len(rows) == 686
    assert all(texts[r["article"]][r["start"]:r["end"]] == r["mention"] for r in rows)
    parents = taxonomy(shared)
    assert len(parents) == 22 and all(parents[f] == r["main"] for r in rows for f in r["fine"])


def test_score_exact_match_and_main_accuracy():
    rows = [{"main": "Antagonist", "fine": ["Deceiver", "Tyrant"]}, {"main": "Innocent", "fine": ["Victim"]}]
    s = score(rows, [("Antagonist", ["Tyrant"]), ("Innocent", ["Victim"])])
    assert s["main_accuracy"] == 1.0 and s["emr"] == 0.5
    assert s["fine_precision"] == 1.0 and s["fine_recall"] == pytest.approx(2 / 3)


@pytest.mark.slow
def test_cross_validation_runs_and_reports_baseline(shared):
    from newsgraph.evaluate.framing import run

    table = run(EvalOptions(shared=shared, limit=120))[0]
    ours, base, *folds = table.rows
    assert ours["n"] == 120 and 0.0 <= ours["emr"] <= 1.0
    assert ours["main_accuracy"] >= base["main_accuracy"] - 0.1
    assert len(folds) == 10 and sum(r["n"] for r in folds[::2]) == 120  # each fold: ours, then its baseline
