"""Build ``src/newsgraph/data/models/event_types.json``: a sentence-level PLOVER event-type classifier.

Trained on the NGEC synthetic stories (silver: LLM-written stories labelled by the headline that
prompted them; ``data/events/ngec_synthetic``): each story gives its filled-in headline and its
first two sentences, labelled with the story's type. The dev half of the PLOVER GSR (odd record
numbers, ``newsgraph.evaluate.plover.gsr_split``) is added with weight ``GSR_WEIGHT``: hand-coded
news sentences in the style we meet; the test half, whose figure we report, is never read.
TF-IDF of words and word pairs + multinomial logistic regression; exported as compact JSON
(vocabulary, idf, weights) that ``extract.events`` scores without scikit-learn.
Usage: ``python scripts/train_event_types.py [SHARED_DIR]``. Deterministic; about a minute on one core.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from newsgraph.evaluate import shared_dir
from newsgraph.evaluate.plover import load_gsr, select
from newsgraph.extract.events import TYPE_TOKEN_PATTERN

OUT = Path(__file__).resolve().parents[1] / "src/newsgraph/data/models/event_types.json"
ZIP = Path("data/events/ngec_synthetic/gpt_synthetic_events_2023-10-19_19.csv.zip")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
LEAD_SENTENCES = 2
MAX_FEATURES = 12000
MIN_WEIGHT = 0.02
GSR_WEIGHT = 3.0  # one hand-coded GSR sentence counts as three silver NGEC sentences


def training_texts(shared: Path) -> tuple[list[str], list[str]]:
    with zipfile.ZipFile(shared / ZIP) as z:
        name = next(n for n in z.namelist() if n.endswith(".csv") and not n.startswith("__"))
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(name), "utf-8")))
    texts, labels = [], []
    for r in rows:
        headline = r["prompt"].split("\n")[0].strip()
        if headline:
            texts.append(headline)
            labels.append(r["label"])
        for sent in SENTENCE_END.split(r["text"].strip())[:LEAD_SENTENCES]:
            texts.append(sent)
            labels.append(r["label"])
    return texts, labels


def train(texts: list[str], labels: list[str], weights: list[float], note: str) -> dict:
    """Fit the classifier; its weights as the JSON-ready dict ``extract.events.TypeModel`` reads."""
    vec = TfidfVectorizer(token_pattern=TYPE_TOKEN_PATTERN, ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                          max_features=MAX_FEATURES, lowercase=True)
    x = vec.fit_transform(texts)
    model = LogisticRegression(C=10.0, max_iter=3000).fit(x, labels, sample_weight=weights)
    names = vec.get_feature_names_out()
    features = {}
    for j, n in enumerate(names):
        col = model.coef_[:, j]
        if np.any(np.abs(col) >= MIN_WEIGHT):
            features[str(n)] = [float(vec.idf_[j])] + [round(float(w), 3) for w in col]
    return {"classes": [str(c) for c in model.classes_], "bias": [round(float(b), 4) for b in model.intercept_],
            "features": features, "note": "weights[f] = [idf, w_class...]; TF-IDF sublinear, l2 over kept features",
            "trained_on": note}


def training_set(shared: Path, gsr: list[dict]) -> tuple[list[str], list[str], list[float]]:
    """The NGEC sentences (weight 1) and the given GSR records (weight ``GSR_WEIGHT``)."""
    texts, labels = training_texts(shared)
    weights = [1.0] * len(texts)
    texts += [r["text"] for r in gsr]
    labels += [r["event"] for r in gsr]
    weights += [GSR_WEIGHT] * len(gsr)
    return texts, labels, weights


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else shared_dir()
    if shared is None:
        raise SystemExit("shared data not found: pass its directory or set NEWSGRAPH_SHARED")
    t0 = time.perf_counter()
    dev = select(load_gsr(shared), "dev")
    texts, labels, weights = training_set(shared, dev)
    data = train(texts, labels, weights, f"NGEC synthetic stories (silver) and the PLOVER GSR dev half (x{GSR_WEIGHT:g}), "
                                          f"{len(texts)} sentences ({len(dev)} GSR)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n", "utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB, {len(texts)} sentences) in {time.perf_counter() - t0:.0f}s")


if __name__ == "__main__":
    main()
