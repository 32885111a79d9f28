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


def test_gate_examples_mark_the_annotated_actors(shared):
    import spacy

    from newsgraph.evaluate.framing import gate_examples
    from newsgraph.nlp import MODEL

    rows, texts = load_annotations(shared)
    one = sorted(texts)[:10]
    nlp = spacy.load(MODEL)
    rows = [r for r in rows if r["article"] in one]
    feats, labels, groups = gate_examples(rows, {a: nlp(texts[a]) for a in one})
    assert len(feats) == len(labels) == len(groups) and set(groups) <= set(one)
    assert 0 < sum(labels) < len(labels)  # some actors framed, most merely mentioned
    assert all("n_mentions" in f and "early" in f for f in feats)


@pytest.mark.slow
def test_cross_validation_runs_and_reports_baseline(shared):
    from newsgraph.evaluate.framing import run

    table, gate = run(EvalOptions(shared=shared, limit=120))
    ours, base, *folds = table.rows
    assert ours["n"] == 120 and 0.0 <= ours["emr"] <= 1.0
    assert ours["main_accuracy"] >= base["main_accuracy"] - 0.1
    assert len(folds) == 10 and sum(r["n"] for r in folds[::2]) == 120  # each fold: ours, then its baseline
    (row,) = gate.rows
    assert 0 < row["framed"] < row["actors"] and 0.5 < row["roc_auc"] <= 1.0
