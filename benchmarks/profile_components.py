"""Where the time goes: seconds per pipeline component (spaCy's and ours) on real articles,
then the heaviest functions of ours under cProfile.

    python benchmarks/profile_components.py --articles 40
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import real_articles


def component_seconds(articles, rounds: int = 2) -> dict[str, float]:
    """CPU seconds per component, each run over the whole batch in pipeline order."""
    from newsgraph.analysis import doc_to_analysis
    from newsgraph.nlp import load_pipeline, make_doc

    nlp = load_pipeline()
    totals: dict[str, float] = {}
    for _ in range(rounds):
        t0 = time.process_time()
        docs = [make_doc(nlp, a.text, a.published) for a in articles]
        totals["tokenizer"] = totals.get("tokenizer", 0.0) + time.process_time() - t0
        for name, proc in nlp.pipeline:
            t0 = time.process_time()
            docs = list(proc.pipe(docs, batch_size=32)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            totals[name] = totals.get(name, 0.0) + time.process_time() - t0
        t0 = time.process_time()
        for doc, article in zip(docs, articles):
            doc_to_analysis(doc, article)
        totals["doc_to_analysis"] = totals.get("doc_to_analysis", 0.0) + time.process_time() - t0
    return {k: v / rounds for k, v in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    real = [a for a in real_articles() if "semeval" in (a.source or "") or "tempeval" in (a.source or "")]
    step = max(1, len(real) // args.articles)
    articles = real[::step][: args.articles]
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles, {words} words, {os.cpu_count()} cores (CPU seconds, mean of 2 rounds)")
    secs = component_seconds(articles)
    spacy_total = sum(v for k, v in secs.items() if not k.startswith("newsgraph") and k != "doc_to_analysis")
    for name, s in secs.items():
        print(f"  {name:24s} {s:7.3f} s  {100 * s / spacy_total:6.1f}% of bare spaCy")
    ours = sum(v for k, v in secs.items() if k.startswith("newsgraph") or k == "doc_to_analysis")
    print(f"  bare spaCy {spacy_total:.3f} s, ours {ours:.3f} s: ratio b/a ≈ {spacy_total / (spacy_total + ours):.3f}")

    from newsgraph.analysis import analyze_articles

    list(analyze_articles(articles[:2]))
    prof = cProfile.Profile()
    prof.enable()
    list(analyze_articles(articles))
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf).sort_stats("cumulative")
    stats.print_stats(r"newsgraph", args.top)
    print(buf.getvalue())
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(args.top)
    print(buf.getvalue())


if __name__ == "__main__":
    main()
