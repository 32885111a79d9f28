"""The PLOVER GSR benchmark runs and beats its keyword baseline."""

import pytest

from newsgraph.evaluate import EvalOptions, shared_dir


def test_plover_benchmark_small():
    shared = shared_dir()
    if shared is None:
        pytest.skip("shared data directory not found (set NEWSGRAPH_SHARED)")
    from newsgraph.evaluate.plover import run

    row = run(EvalOptions(shared=shared, limit=60))[0].rows[0]
    assert row["n"] == 60 and row["type_accuracy"] >= 0.5
