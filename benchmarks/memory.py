"""Memory: does streaming ingest stay flat as the corpus grows?

Feeds a generator of N articles (never a list) through ``batch.ingest`` into SQLite with
one process, sampling resident memory (/proc/self/status VmRSS) and the peak so far every ``--every``
articles; prints the samples, the peak (getrusage ru_maxrss) and the growth between the
first sample after warm-up and the last. ``--tracemalloc`` adds Python-heap figures
(slower: use with a few hundred articles).

    python benchmarks/memory.py --articles 10000
    python benchmarks/memory.py --small --json out.json       # CI smoke run
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus, write_jsonl


def rss_mb() -> float:
    """Current resident set size of this process in MiB (Linux), else the peak so far."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", action="store_true", help="tiny run for CI (40 articles from the demo corpus)")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--every", type=int, help="sample memory every N articles (default: articles/20)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    n = 40 if args.small else args.articles
    every = args.every or max(1, n // 20)

    from newsgraph.batch import ingest
    from newsgraph.nlp import load_pipeline
    from newsgraph.store import Store

    load_pipeline()
    if args.tracemalloc:
        tracemalloc.start()
    samples: list[tuple[int, float, float]] = []  # (articles done, RSS now, peak RSS so far)
    done = 0

    def tick(_item: object) -> None:
        nonlocal done
        done += 1
        if done % every == 0:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            samples.append((done, round(rss_mb(), 1), round(peak, 1)))

    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "corpus.jsonl"
        write_jsonl(corpus(n, small=args.small), jsonl)  # streamed to disk: the corpus is never a list
        start_rss = rss_mb()
        t0 = time.perf_counter()
        with Store(Path(tmp) / "news.db") as store:
            report = ingest([str(jsonl)], store, workers=args.workers, on_item=tick)
        seconds = time.perf_counter() - t0
        db_mb = (Path(tmp) / "news.db").stat().st_size / 2**20
    warm = samples[min(1, len(samples) - 1)][1] if samples else start_rss
    result = {
        "cores": os.cpu_count(),
        "articles": n,
        "workers": args.workers,
        "stored": report.stored,
        "seconds": round(seconds, 2),
        "articles_per_s": round(n / seconds, 2),
        "rss_mb_after_model_load": round(start_rss, 1),
        "rss_mb_samples": samples,
        "rss_mb_growth_after_warmup": round((samples[-1][1] if samples else warm) - warm, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_mb_largest_child": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "db_mb": round(db_mb, 1),
    }
    if args.tracemalloc:
        current, peak = tracemalloc.get_traced_memory()
        result["tracemalloc_mb"] = {"current": round(current / 2**20, 1), "peak": round(peak / 2**20, 1)}
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", "utf-8")
    return result


if __name__ == "__main__":
    main()
