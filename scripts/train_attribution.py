"""Build ``src/newsgraph/data/models/attribution/model.json`` (the attribution model) from PolNeAR train.

Usage::

    OMP_NUM_THREADS=1 python scripts/train_attribution.py [--shared DIR] [--cache DIR]

Reads the PolNeAR train split only (one annotator's file per article, as the benchmark does),
parses it with the product's own spaCy pipeline (our components off) and fits three L2
logistic regressions (liblinear, deterministic; ``random_state`` fixed anyway) on the features
of ``newsgraph.extract.attribution``: cue head, source head given the cue, content head given
the cue. The cue-head lexicon and the cue-extension table are counted from the same data.
Thresholds were chosen on PolNeAR dev and are set below. ``--cache`` keeps the parsed train
docs (a DocBin) so that reruns skip the parse. About 4 minutes on one core (3.5 of them parsing);
writes a 4.6 MB JSON file.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc, DocBin, Token

from newsgraph.evaluate import shared_dir
from newsgraph.evaluate.polnear import Span, polnear_dir, read_relations
from newsgraph.extract.attribution import (
    MODEL_PATH,
    NOT_CUE_DEPS,
    SOURCE_POS,
    Model,
    cue_features,
    cue_range,
    extend_key,
    first_sentence_end,
    keep_keys,
    neighbours,
    pair_features,
    widen_keys,
)
from newsgraph.extract.quotes import find_quote_spans
from newsgraph.nlp import load_pipeline, make_doc

SEED = 0
C = {"cue": 0.5, "source": 0.5, "content": 0.5}
THRESHOLDS = {"cue": 0.5, "source": 0.3, "content": 0.2}
LEXICON_MIN_COUNT = 3
LEXICON_MIN_RATE = 0.02
EXTEND_MIN_COUNT = 5
PRUNE = 0.03


def load_train(shared: Path, cache: Path | None) -> list[tuple[Doc, list[dict[str, list[Span]]]]]:
    """Parsed train articles with their gold relations (first annotator file per article)."""
    folder = polnear_dir(shared) / "train"
    items: list[tuple[str, Path]] = []
    seen: set[str] = set()
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        text_path = folder / "text" / f"{name}.txt"
        if name not in seen and text_path.is_file():
            seen.add(name)
            items.append((name, ann))
    nlp = load_pipeline()
    cached = cache / "polnear_train.spacy" if cache else None
    if cached is not None and cached.is_file():
        docs = list(DocBin().from_disk(cached).get_docs(nlp.vocab))
    else:
        texts = [(folder / "text" / f"{name}.txt").read_text("utf-8") for name, _ in items]
        skip = [p for p in nlp.pipe_names if p.startswith("newsgraph_")]
        with nlp.select_pipes(disable=skip):
            docs = list(nlp.pipe((make_doc(nlp, t, None) for t in texts), batch_size=16))
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            db = DocBin(attrs=["ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START"])
            for d in docs:
                db.add(d)
            db.to_disk(cached)
    return [(doc, read_relations(ann)) for doc, (_, ann) in zip(docs, items)]


def tokens_of(doc: Doc, frags: list[Span]) -> set[int]:
    out: set[int] = set()
    for a, b in frags:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


def head_of(doc: Doc, toks: set[int]) -> Token | None:
    """The syntactic head of a set of tokens: the highest one whose head lies outside."""
    heads = [doc[i] for i in toks if doc[i].head.i not in toks or doc[i].head.i == i]
    if not heads:
        return None
    return min(heads, key=lambda t: (len(list(t.ancestors)), t.i))


def examples(data: list[tuple[Doc, list[dict[str, list[Span]]]]]) -> tuple[Model, dict[str, tuple[list[list[str]], list[int]]]]:
    """Lexicon and extension table, then the labelled feature rows of the three parts."""
    gold: list[list[tuple[Token, set[int], Token | None, set[int], Token | None]]] = []
    heads: Counter[str] = Counter()
    ext_n: Counter[str] = Counter()
    ext_in: Counter[str] = Counter()
    wid_n: Counter[str] = Counter()
    wid_in: Counter[str] = Counter()
    keep_n: Counter[str] = Counter()
    keep_in: Counter[str] = Counter()
    for doc, rels in data:
        rows = []
        for rel in rels:
            cue_t = tokens_of(doc, rel.get("Cue", []))
            cue = head_of(doc, cue_t)
            if cue is None:
                continue
            src_t = tokens_of(doc, rel.get("Source", []))
            con_t = tokens_of(doc, rel.get("Content", []))
            con = head_of(doc, con_t) if con_t else None
            rows.append((cue, src_t, head_of(doc, src_t) if src_t else None, con_t, con))
            if con is not None:
                for c in con.children:
                    if not (c.is_punct or c.i in cue_t or c.i in src_t):
                        for key in keep_keys(con, c):
                            keep_n[key] += 1
                            keep_in[key] += c.i in con_t
            if con is not None and con.head.i == cue.i and con.i > cue.i:
                for sib in cue.rights:
                    if sib.i > con.right_edge.i:
                        for key in widen_keys(sib):
                            wid_n[key] += 1
                            wid_in[key] += sib.i in con_t
            heads[cue.lemma_.lower()] += 1
            for c in cue.children:
                for key in extend_key(cue, c):
                    ext_n[key] += 1
                    ext_in[key] += c.i in cue_t
        gold.append(rows)
    seen: Counter[str] = Counter()
    for doc, _ in data:
        seen.update(t.lemma_.lower() for t in doc)
    lexicon = frozenset(
        lem for lem, n in heads.items() if n >= LEXICON_MIN_COUNT and n / seen[lem] >= LEXICON_MIN_RATE
    )
    extend = {k: ext_in[k] * 2 > n for k, n in ext_n.items() if n >= EXTEND_MIN_COUNT}
    widen = {k: wid_in[k] * 2 > n for k, n in wid_n.items() if n >= EXTEND_MIN_COUNT}
    keep = {k: keep_in[k] * 2 > n for k, n in keep_n.items() if n >= EXTEND_MIN_COUNT}
    model = Model(weights={}, lexicon=lexicon, extend=extend, widen=widen, keep=keep, thresholds=dict(THRESHOLDS))

    parts: dict[str, tuple[list[list[str]], list[int]]] = {p: ([], []) for p in ("cue", "source", "content")}
    for (doc, _), rows in zip(data, gold):
        text = doc.text
        quoted = [(q.start, q.end) for q in find_quote_spans(text)]
        cue_heads = {r[0].i for r in rows}
        first_end = first_sentence_end(doc)
        for tok in doc:
            if tok.lemma_.lower() in lexicon and tok.dep_ not in NOT_CUE_DEPS:
                inq = any(s <= tok.idx < e for s, e in quoted)
                parts["cue"][0].append(cue_features(tok, inq, tok.i < first_end))
                parts["cue"][1].append(int(tok.i in cue_heads))
        for cue, src_t, src, con_t, con in rows:
            lo, hi = cue_range(cue, extend)
            cue_ids = set(range(lo, hi))
            near = neighbours(cue)
            for t, path in near:
                if t.pos_ in SOURCE_POS and t.i not in cue_ids:
                    parts["source"][0].append(pair_features(cue, t, path))
                    parts["source"][1].append(int(src is not None and t.i == src.i))
            for t, path in near:
                if t.i not in cue_ids and t.i not in src_t and not t.is_punct and not t.is_space:
                    parts["content"][0].append(pair_features(cue, t, path))
                    parts["content"][1].append(int(con is not None and t.i == con.i))
    return model, parts


def fit(rows: list[list[str]], labels: list[int], c: float) -> dict[str, float]:
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(r, 1) for r in rows]).tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)  # liblinear wants 32-bit
    clf = LogisticRegression(C=c, solver="liblinear", fit_intercept=False, max_iter=1000, random_state=SEED)
    clf.fit(x, labels)
    return {f: round(float(w), 4) for f, w in zip(vec.get_feature_names_out(), clf.coef_[0]) if abs(w) >= PRUNE}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--cache", type=Path, default=None, help="keep the parsed train docs here")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    shared = args.shared or shared_dir()
    if shared is None:
        raise SystemExit("shared data not found: pass --shared or set NEWSGRAPH_SHARED")
    t0 = time.perf_counter()
    data = load_train(shared, args.cache)
    t1 = time.perf_counter()
    model, parts = examples(data)
    for part, (rows, labels) in parts.items():
        model.weights[part] = fit(rows, labels, C[part])
        print(f"{part}: {len(rows)} rows, {sum(labels)} positive, {len(model.weights[part])} weights")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model.to_json(), separators=(",", ":"), sort_keys=True) + "\n", "utf-8")
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({size:.2f} MB; lexicon {len(model.lexicon)} lemmas) parse {t1 - t0:.0f}s, fit {time.perf_counter() - t1:.0f}s")


if __name__ == "__main__":
    main()
