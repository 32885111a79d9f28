"""Speed of the time component against dateparser's ``search_dates`` on real news text.

Runs on the seed article and the TempEval-3 train documents (from ``shared/``): parses each
text once with the bare spaCy model, then times (a) our ``extract_timexes`` on the parsed
docs and (b) dateparser's ``search_dates`` on the raw text, and prints the ratio and the
share our component adds to the per-article pipeline time (the budget is 5%).

    python benchmarks/timex_vs_dateparser.py [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime

from newsgraph.evaluate import shared_dir
from newsgraph.evaluate.tempeval3 import load_split
from newsgraph.extract.timex import extract_timexes
from newsgraph.nlp import MODEL, make_doc, register_extensions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="number of TempEval-3 train documents")
    args = parser.parse_args()
    shared = shared_dir()
    if shared is None:
        print("shared data not found: set NEWSGRAPH_SHARED", file=sys.stderr)
        return 1
    import spacy
    from dateparser.search import search_dates

    seed = shared / "examples" / "seed"
    texts = [((seed / "article.txt").read_text(encoding="utf-8"), "2025-04-26")]
    texts += [(d.text, d.dct) for d in load_split(shared, "train", args.limit)]
    register_extensions()
    nlp = spacy.load(MODEL)

    t0 = time.perf_counter()
    docs = list(nlp.pipe(make_doc(nlp, text, published) for text, published in texts))
    spacy_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_ours = sum(len(extract_timexes(doc)) for doc in docs)
    ours_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_dp = 0
    for text, published in texts:
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": datetime.fromisoformat(published)})
        n_dp += len(found or [])
    dateparser_s = time.perf_counter() - t0

    n = len(texts)
    print(f"{n} articles, {sum(len(t) for t, _ in texts)} characters")
    print(f"spaCy {MODEL}:        {spacy_s / n * 1000:8.2f} ms/article")
    print(f"newsgraph timex:      {ours_s / n * 1000:8.2f} ms/article  ({n_ours} expressions)")
    print(f"dateparser search:    {dateparser_s / n * 1000:8.2f} ms/article  ({n_dp} hits)")
    print(f"dateparser / timex:   {dateparser_s / ours_s:8.1f}x")
    print(f"timex share of spaCy time: {ours_s / spacy_s:.1%} (budget 5%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
