"""Build ``src/newsgraph/data/models/roles.json`` (entity role framing) from the shared SemEval data.

Usage: ``python scripts/train_roles.py [SHARED_DIR]``. Deterministic: the same data gives the same
weights (lbfgs, no sampling). Takes about a minute on one core, most of it parsing. Run it as
``OMP_NUM_THREADS=1 nice -n 10 python scripts/train_roles.py`` on a shared machine.
Three linear models share one feature extractor (``newsgraph.extract.roles``): main role,
fine role, and the gate that decides which actors of an article are cast in a role at all; a
fourth, over the article's words, tells which war camp the article takes (its lean feeds the
role models, trained on out-of-fold lean values as the pipeline meets unseen articles). The
fine-role model also reads the article's words (TF-IDF; the idf ships with it) and the actor's
name words.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from newsgraph.evaluate import shared_dir
from newsgraph.evaluate.framing import (
    camp_truth,
    featurize,
    fit_article_idf,
    fit_gate,
    fit_lean,
    fit_model,
    gate_examples,
    out_of_fold_lean,
    parse,
    taxonomy,
    with_article,
    with_lean,
)
from newsgraph.extract.roles import article_counts

OUT = Path(__file__).resolve().parents[1] / "src/newsgraph/data/models/roles.json"


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else shared_dir()
    if shared is None:
        raise SystemExit("shared data not found: pass its directory or set NEWSGRAPH_SHARED")
    t0 = time.perf_counter()
    parsed = parse(shared)
    rows, feats = featurize(shared, parsed=parsed)
    texts = {a: doc.text for a, doc in parsed[1].items()}
    feats = with_lean(rows, feats, out_of_fold_lean(rows, texts))  # each article's lean as an unseen one's
    counts = {a: article_counts(doc) for a, doc in parsed[1].items()}
    idf = fit_article_idf([counts[a] for a in sorted(counts)])
    feats = with_article(rows, feats, counts, idf)
    gate_feats, gate_labels, _ = gate_examples(rows, parsed[1])
    model = fit_model(rows, feats, taxonomy(shared), gate=fit_gate(gate_feats, gate_labels),
                      lean=fit_lean(texts, camp_truth(rows)), article_idf=idf)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(model, separators=(",", ":"), sort_keys=True) + "\n", "utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB, {len(rows)} mentions) in {time.perf_counter() - t0:.0f}s")


if __name__ == "__main__":
    main()
