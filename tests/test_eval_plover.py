"""The PLOVER GSR benchmark runs, splits the GSR into a dev and a test half, and beats its keyword baseline."""

import pytest

from newsgraph.evaluate import EvalOptions, shared_dir
from newsgraph.evaluate.plover import _spans, gsr_split, select


def test_split_by_record_number_parity():
    records = [{"id": "PLOVER-GSR01-AGREE-0001"}, {"id": "PLOVER-GSR01-AGREE-0002"}, {"id": "PLOVER-GSR01-FIGHT-0017"}]
    assert [gsr_split(r) for r in records] == ["dev", "test", "dev"]
    assert select(records, "test") == [records[1]] and select(records, "all") == records


def test_plover_benchmark_small():
    shared = shared_dir()
    if shared is None:
        pytest.skip("shared data directory not found (set NEWSGRAPH_SHARED)")
    from newsgraph.evaluate.plover import run

    rows = run(EvalOptions(shared=shared, limit=60))[0].rows
    ours = {r["split"]: r for r in rows if r["system"] == "newsgraph events"}
    assert list(ours) == ["test", "dev", "all"]
    assert ours["all"]["n"] == 60 and ours["dev"]["n"] + ours["test"]["n"] == 60
    assert ours["all"]["type_accuracy"] >= 0.5
    dev_only = run(EvalOptions(shared=shared, split="dev", limit=60))[0].rows
    assert {r["split"] for r in dev_only} == {"dev"}


def test_gold_actor_texts_that_are_not_substrings_are_still_found():
    text = "Prisoners rioted at a jail in East Timor's capital Dili on Monday, joining thousands of demonstrators."
    assert [text[s:e] for s, e in _spans(text, ["Prisoners in East Timor's capital Dili"])] == ["Prisoners"]
    parts = _spans(text, ["in East Timor's capital Dili ... demonstrators"])
    assert [text[s:e] for s, e in parts] == ["in East Timor's capital Dili", "demonstrators"]
    assert _spans(text, ["the Indonesian army"]) == []  # a lone function word is no match
