"""The TempEval-3 benchmark: TimeML reading, TempEval-3 scoring, and a run on a few train files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.evaluate import EvalOptions, run_benchmark, shared_dir
from newsgraph.evaluate.tempeval3 import (
    GoldTimex,
    TimeMLDoc,
    error_breakdown,
    load_split,
    parse_timeml,
    score_documents,
    value_disagreements,
)

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>
The flu killed 105 children, officials <EVENT eid="e1" class="REPORTING">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2013-03-22">Friday</TIMEX3> &amp; <TIMEX3 tid="t2" type="DURATION" value="P1M">a month</TIMEX3> ago.
</TEXT>
</TimeML>
"""


def test_parse_timeml_offsets(tmp_path: Path):
    path = tmp_path / "x.tml"
    path.write_text(TIMEML, encoding="utf-8")
    doc = parse_timeml(path)
    assert doc.dct == "2013-03-22"
    assert [doc.text[t.start:t.end] for t in doc.timexes] == ["Friday", "a month"]
    assert "&" in doc.text and "<" not in doc.text
    assert doc.timexes[1].type == "DURATION" and doc.timexes[1].value == "P1M"


def test_scoring_strict_relaxed_and_value():
    gold = [GoldTimex(0, 6, "DATE", "2013-03-22"), GoldTimex(10, 17, "DURATION", "P1M")]
    pred = [GoldTimex(0, 6, "DATE", "2013-03-22"), GoldTimex(8, 17, "DURATION", "P2M"), GoldTimex(30, 35, "DATE", "X")]
    counts = score_documents([(gold, pred)])
    assert (counts.strict.tp, counts.strict.fp, counts.strict.fn) == (1, 2, 1)
    assert (counts.relaxed.tp, counts.relaxed.fp, counts.relaxed.fn) == (2, 1, 0)
    assert counts.type_ok == 2 and counts.value_ok == 1


def test_error_breakdown_kinds():
    gold = [GoldTimex(0, 6, "DATE", "2013-03-22"), GoldTimex(10, 17, "DURATION", "P1M"), GoldTimex(20, 24, "DATE", "2012")]
    pred = [GoldTimex(0, 6, "DATE", "2013-03-15"), GoldTimex(8, 17, "DURATION", "P1M"), GoldTimex(30, 35, "SET", "P1D")]
    doc = TimeMLDoc("x", "2013-03-22", "", gold)
    rows = {r["kind"]: r["count"] for r in error_breakdown([doc], [pred])}
    assert rows == {"wrong value DATE": 1, "span edge only": 1, "missed DATE": 1, "spurious SET": 1}


def test_wrong_values_by_cause():
    # two documents write 'last week' differently; one gold value is no TIMEX3 duration; one is coarser
    a = TimeMLDoc("a", "1998-08-18", "last week", [GoldTimex(0, 9, "DATE", "1998-W33")])
    b = TimeMLDoc("b", "1989-11-01", "last week; ten days; 1988", [
        GoldTimex(0, 9, "DATE", "1989-WXX"), GoldTimex(11, 19, "DURATION", "1998-10-13"),
        GoldTimex(21, 25, "DATE", "1988-Q3")])
    c = TimeMLDoc("c", "2000-01-15", "Wednesday", [GoldTimex(0, 9, "DATE", "2000-01-05")])
    preds = [[GoldTimex(0, 9, "DATE", "1998-W33")],
             [GoldTimex(0, 9, "DATE", "1989-W43"), GoldTimex(11, 19, "DURATION", "P10D"),
              GoldTimex(21, 25, "DATE", "1988")],
             [GoldTimex(0, 9, "DATE", "2000-01-12")]]
    rows = {r["cause"]: r["count"] for r in value_disagreements([a, b, c], preds)}
    assert rows == {"gold elsewhere writes these words as we do": 1, "gold value is not a TIMEX3 value of its type": 1,
                    "same time, other granularity": 1, "other": 1}


def test_benchmark_on_train_files():
    shared = shared_dir()
    if shared is None:
        pytest.skip("shared data not found (set NEWSGRAPH_SHARED): TempEval-3 files are not available")
    docs = load_split(shared, "train", limit=3)
    assert docs and all(d.dct and d.timexes for d in docs)
    for d in docs:
        assert all(d.text[t.start:t.end].strip() for t in d.timexes)
    tables = run_benchmark("tempeval3", EvalOptions(shared=shared, split="train", limit=3))
    rows = {r["metric"]: r for r in tables[0].rows}
    assert any("by kind" in t.title for t in tables[1:])  # the train split lists disagreements by kind
    assert any("by cause" in t.title for t in tables[1:])
    assert set(rows) == {"strict span", "relaxed span", "type", "value"}
    assert rows["relaxed span"]["f1"] > 0.7
    assert rows["value"]["f1"] > 0.5
