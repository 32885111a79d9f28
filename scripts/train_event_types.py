"""Build ``src/newsgraph/data/models/event_types.json``: a sentence-level PLOVER event-type classifier.

Trained on the NGEC synthetic stories (silver: LLM-written stories labelled by the headline that
prompted them; ``data/events/ngec_synthetic``): each story gives its filled-in headline and its
first two sentences, labelled with the story's type. The dev half of the PLOVER GSR (odd record
numbers, ``newsgraph.evaluate.plover.gsr_split``) is added with weight ``GSR_WEIGHT``: hand-coded
news sentences in the style we meet; the test half, whose figure we report, is never read.
Features are ``extract.events.sentence_features`` of the spaCy parse (verb lemmas with their
objects and prepositions, the root verb, noun lemmas, words); TF-IDF + multinomial logistic
regression with balanced class weights (the NGEC label mix is far from news: a third CONCEDE),
exported as compact JSON (feature, idf, weights) that ``extract.events`` scores without scikit-learn.
Usage: ``python scripts/train_event_types.py [SHARED_DIR]`` (about two minutes on one core,
deterministic); ``--cv`` instead reports type accuracy on the GSR dev half, each of its two
folds (record number mod 4) predicted by a model trained without it, and writes nothing.
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
import spacy
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from newsgraph.evaluate import shared_dir
from newsgraph.evaluate.plover import load_gsr, select
from newsgraph.extract.events import sentence_features
from newsgraph.nlp import MODEL

OUT = Path(__file__).resolve().parents[1] / "src/newsgraph/data/models/event_types.json"
ZIP = Path("data/events/ngec_synthetic/gpt_synthetic_events_2023-10-19_19.csv.zip")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
LEAD_SENTENCES = 2
MIN_WEIGHT = 0.02
C = 1.0
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


def featurize(texts: list[str]) -> list[str]:
    """Each text's ``sentence_features`` as one space-joined string (features hold no spaces)."""
    nlp = spacy.load(MODEL, disable=["ner"])
    return [" ".join(sentence_features(doc[:])) for doc in nlp.pipe(texts, batch_size=256)]


def train(docs: list[str], labels: list[str], weights: list[float], note: str) -> dict:
    """Fit the classifier on featurized sentences; its weights as the JSON-ready dict ``TypeModel`` reads."""
    vec = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, min_df=2, sublinear_tf=True)
    x = vec.fit_transform(docs)
    model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced").fit(x, labels, sample_weight=weights)
    names = vec.get_feature_names_out()
    features = {}
    for j, n in enumerate(names):
        col = model.coef_[:, j]
        if np.any(np.abs(col) >= MIN_WEIGHT):
            features[str(n)] = [round(float(vec.idf_[j]), 4)] + [round(float(w), 3) for w in col]
    return {"classes": [str(c) for c in model.classes_], "bias": [round(float(b), 4) for b in model.intercept_],
            "features": features, "note": "weights[f] = [idf, w_class...]; TF-IDF sublinear, l2 over kept features",
            "trained_on": note}


def cross_validate(ngec: tuple[list[str], list[str]], dev: list[dict], dev_docs: list[str]) -> float:
    """Type accuracy on the dev half, each fold (record number mod 4) predicted without its own records."""
    from newsgraph.extract.events import TypeModel

    fold = [int(r["id"].rsplit("-", 1)[-1]) % 4 for r in dev]
    right = 0
    for f in sorted(set(fold)):
        train_i = [i for i, k in enumerate(fold) if k != f]
        data = train(ngec[0] + [dev_docs[i] for i in train_i], ngec[1] + [dev[i]["event"] for i in train_i],
                     [1.0] * len(ngec[0]) + [GSR_WEIGHT] * len(train_i), "cv")
        model = TypeModel(classes=tuple(data["classes"]), bias=tuple(data["bias"]), features=data["features"])
        for i, k in enumerate(fold):
            if k == f:
                probs = model.probs(dev_docs[i].split())
                right += max(probs, key=probs.__getitem__) == dev[i]["event"]
    return right / len(dev)


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--cv"]
    shared = Path(args[0]) if args else shared_dir()
    if shared is None:
        raise SystemExit("shared data not found: pass its directory or set NEWSGRAPH_SHARED")
    t0 = time.perf_counter()
    texts, labels = training_texts(shared)
    dev = select(load_gsr(shared), "dev")
    docs = featurize(texts + [r["text"] for r in dev])
    ngec, dev_docs = (docs[: len(texts)], labels), docs[len(texts):]
    if "--cv" in sys.argv:
        print(f"GSR dev half, two-fold cross-validated type accuracy: {cross_validate(ngec, dev, dev_docs):.3f}")
        return
    data = train(ngec[0] + dev_docs, labels + [r["event"] for r in dev], [1.0] * len(texts) + [GSR_WEIGHT] * len(dev),
                 f"NGEC synthetic stories (silver) and the PLOVER GSR dev half (x{GSR_WEIGHT:g}), "
                 f"{len(docs)} sentences ({len(dev)} GSR)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n", "utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB, {len(docs)} sentences) in {time.perf_counter() - t0:.0f}s")


if __name__ == "__main__":
    main()
