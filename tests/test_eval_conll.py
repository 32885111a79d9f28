"""CoNLL-2003 reader and scorer: IOB1 spans, CoNLL tokenization kept, raw vs our figures."""

from __future__ import annotations

import pytest

from newsgraph.evaluate import EvalOptions, Score, run_benchmark
from newsgraph.evaluate.conll2003 import (
    iob1_spans,
    make_conll_doc,
    our_spans,
    read_conll,
    run_pipeline,
    score_spans,
)
from newsgraph.nlp import load_pipeline

SAMPLE = """-DOCSTART- -X- -X- O

EU NNP I-NP I-ORG
rejects VBZ I-VP O
German JJ I-NP I-MISC
call NN I-NP O
to TO I-VP O
boycott VB I-VP O
British JJ I-NP I-MISC
lamb NN I-NP O
. . O O

Peter NNP I-NP I-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- -X- O

BRUSSELS NNP I-NP I-LOC
1996-08-22 CD I-NP O
"""


def test_iob1_spans_split_on_b_and_type_change():
    tags = ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG", "I-ORG"]
    assert iob1_spans(tags) == {(0, 2, "PER"), (2, 3, "PER"), (4, 5, "LOC"), (5, 7, "ORG")}


def test_read_conll_documents_and_sentences(tmp_path):
    path = tmp_path / "sample.conll"
    path.write_text(SAMPLE, encoding="utf-8")
    docs = list(read_conll(path))
    assert len(docs) == 2
    words, starts, gold = docs[0]
    assert words[:2] == ["EU", "rejects"] and starts[0] and starts[9] and not starts[1]
    assert gold == {(0, 1, "ORG"), (2, 3, "MISC"), (6, 7, "MISC"), (9, 11, "PER")}


def test_pipeline_keeps_conll_tokens_and_scores(tmp_path):
    path = tmp_path / "sample.conll"
    path.write_text(SAMPLE, encoding="utf-8")
    nlp = load_pipeline()
    words, starts, gold = next(read_conll(path))
    doc = run_pipeline(nlp, make_conll_doc(nlp, words, starts))
    assert [t.text for t in doc] == words
    pred = our_spans(doc)
    assert all(0 <= s < e <= len(words) for s, e, _ in pred)
    scores = {k: Score() for k in ("PER", "ORG", "LOC", "MISC")}
    score_spans(gold, pred, scores)
    assert sum(s.tp + s.fn for s in scores.values()) == len(gold)


def test_benchmark_on_dev_sample(shared):
    (table,) = run_benchmark("conll2003", EvalOptions(shared=shared, split="dev", limit=15))
    rows = {(r["system"], r["metric"]): r for r in table.rows}
    raw = rows[("raw spaCy", "overall PER/ORG/LOC")]
    ours = rows[("newsgraph", "overall PER/ORG/LOC")]
    assert raw["tp"] + raw["fn"] == ours["tp"] + ours["fn"] > 0
    assert ours["f1"] >= raw["f1"] - 0.02


def test_unknown_split_says_where_to_look(shared):
    with pytest.raises(FileNotFoundError, match="splits are"):
        run_benchmark("conll2003", EvalOptions(shared=shared, split="nosuch"))
