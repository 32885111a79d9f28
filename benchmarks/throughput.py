"""Throughput: how close newsgraph runs to bare spaCy, and how it scales with processes.

Measures, on the same articles in one run:
  a  bare en_core_web_sm (spacy.load + nlp.pipe)
  b  the whole newsgraph analysis (newsgraph.analysis.analyze_articles)
  c  the peer glue stack: spaCy + textacy direct_quotations + dateparser search_dates
     (publication date as RELATIVE_BASE); needs `pip install -e .[bench]`
a, b and c run interleaved, chunk by chunk, so that load from other processes on the
machine hits all three alike, each with its own pipeline object (so that no stack warms
another's caches); throughput is given per wall second and per CPU second of this
process (the fairer figure on a shared machine). Then ingest into SQLite with 1 and
2 worker processes (local engine) and 2 Dask workers (LocalCluster).

    python benchmarks/throughput.py                 # real corpus (~485 articles)
    python benchmarks/throughput.py --articles 2000 --sections ingest,dask
    python benchmarks/throughput.py --small --json out.json   # CI smoke run
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus, real_articles, write_jsonl

from newsgraph.model import Article

SECTIONS = ("pipelines", "ingest", "dask")


def _words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def _peer_stack():
    """(textacy quotations or None, dateparser.search_dates or None) and why any is missing."""
    notes = []
    try:
        from textacy.extract.triples import direct_quotations
    except Exception as exc:  # noqa: BLE001 - report, measure what is there
        direct_quotations = None
        notes.append(f"textacy unavailable ({type(exc).__name__}: {exc})")
    try:
        from dateparser.search import search_dates
    except Exception as exc:  # noqa: BLE001
        search_dates = None
        notes.append(f"dateparser unavailable ({type(exc).__name__}: {exc})")
    return direct_quotations, search_dates, notes


def bench_pipelines(articles: list[Article], chunk: int = 16) -> dict:
    """a/b/c interleaved chunk by chunk (rotating which goes first); seconds and ratios."""
    import spacy

    from newsgraph.analysis import analyze_articles
    from newsgraph.nlp import MODEL, load_pipeline

    # each stack gets its own pipeline object: a shared one would let c warm a's caches (tokenizer,
    # lexemes, lemmas) on every chunk it sees first, which flattered a by ~3% against b
    bare = spacy.load(MODEL)
    peer = spacy.load(MODEL)
    ours = load_pipeline()
    quotations, search_dates, notes = _peer_stack()

    def run_a(batch: list[Article]) -> None:
        for _ in bare.pipe((a.text for a in batch), batch_size=32):
            pass

    def run_b(batch: list[Article]) -> None:
        for _ in analyze_articles(batch, nlp=ours, batch_size=32):
            pass

    def run_c(batch: list[Article]) -> None:
        for doc, article in zip(peer.pipe((a.text for a in batch), batch_size=32), batch):
            if quotations is not None:
                try:
                    list(quotations(doc))
                except ValueError:  # textacy bails out on unbalanced quotation marks
                    pass
            if search_dates is not None:
                settings = {"RELATIVE_BASE": datetime.fromisoformat(article.published)} if article.published else {}
                search_dates(article.text, languages=["en"], settings=settings)

    runners = {"a": run_a, "b": run_b}
    if quotations is not None or search_dates is not None:
        runners["c"] = run_c
    for run in runners.values():  # warm-up: caches, lazy imports, dateparser's language data
        run(articles[:2])
    wall = dict.fromkeys(runners, 0.0)
    cpu = dict.fromkeys(runners, 0.0)
    for i in range(0, len(articles), chunk):
        batch = articles[i : i + chunk]
        names = list(runners)
        k = (i // chunk) % len(names)
        for name in names[k:] + names[:k]:
            t0, c0 = time.perf_counter(), time.process_time()
            runners[name](batch)
            wall[name] += time.perf_counter() - t0
            cpu[name] += time.process_time() - c0
    n, words = len(articles), _words(articles)
    result = {
        "articles": n,
        "words": words,
        "mean_words": round(words / max(n, 1), 1),
        "peer_stack": "spaCy" + (" + textacy direct_quotations" if quotations else "")
        + (" + dateparser search_dates" if search_dates else ""),
        "notes": notes,
    }
    for name in runners:
        result[name] = {
            "seconds_wall": round(wall[name], 3),
            "seconds_cpu": round(cpu[name], 3),
            "articles_per_s": round(n / wall[name], 2),
            "words_per_s": round(words / wall[name]),
            "articles_per_cpu_s": round(n / cpu[name], 2),
            "words_per_cpu_s": round(words / cpu[name]),
        }
    for name in runners:
        if name != "a":
            result[f"ratio_{name}_a_wall"] = round(wall["a"] / wall[name], 3)
            result[f"ratio_{name}_a_cpu"] = round(cpu["a"] / cpu[name], 3)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished child processes."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def bench_ingest(jsonl: Path, n: int, words: int, workers: tuple[int, ...]) -> dict:
    """Local engine into a fresh SQLite store, per worker count (wall time, process start included)."""
    from newsgraph.batch import ingest
    from newsgraph.store import Store

    out = {}
    for w in workers:
        with tempfile.TemporaryDirectory() as tmp:
            self0, kids0 = _cpu()
            t0 = time.perf_counter()
            with Store(Path(tmp) / "news.db") as store:
                report = ingest([str(jsonl)], store, workers=w)
            seconds = time.perf_counter() - t0
            self1, kids1 = _cpu()
        parent, children = self1 - self0, kids1 - kids0
        out[f"workers_{w}"] = {
            "stored": report.stored,
            "problems": len(report.problems),
            "seconds": round(seconds, 2),
            "articles_per_s": round(n / seconds, 2),
            "words_per_s": round(words / seconds),
            "cpu_seconds_parent": round(parent, 2),
            "cpu_seconds_workers": round(children, 2),
            # what the wall time would be with a free core per process: the busiest process
            "seconds_if_cores_were_free": round(max(parent, children / w) if w > 1 else parent, 2),
        }
    if "workers_1" in out and "workers_2" in out:
        one, two = out["workers_1"], out["workers_2"]
        out["speedup_2_vs_1"] = round(one["seconds"] / two["seconds"], 2)
        out["speedup_2_vs_1_if_cores_were_free"] = round(
            one["seconds_if_cores_were_free"] / two["seconds_if_cores_were_free"], 2
        )
    out["peak_rss_mb_self"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    out["peak_rss_mb_largest_child"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    return out


def bench_dask(
    jsonl: Path, n: int, words: int, workers: int = 2, partition_size: int = 32, parquet: bool = False
) -> dict:
    """Dask engine on a LocalCluster of ``workers`` processes into SQLite (the local path's work),
    or into SQLite and Parquet. Timed from a started cluster: worker processes are spawned
    (fresh interpreters that import everything and load the model at their first task)."""
    import dask
    from dask.distributed import LocalCluster

    from newsgraph.scale import ingest_dask, local_worker_config
    from newsgraph.store import Store

    self0, kids0 = _cpu()
    t0 = time.perf_counter()
    with dask.config.set(local_worker_config()), LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        started = time.perf_counter() - t0
        with tempfile.TemporaryDirectory() as tmp:
            t1 = time.perf_counter()
            with Store(Path(tmp) / "news.db") as store:
                report = ingest_dask(
                    [str(jsonl)], scheduler=cluster.scheduler_address, store=store,
                    parquet=Path(tmp) / "parquet" if parquet else None, partition_size=partition_size,
                )
            seconds = time.perf_counter() - t1
    self1, kids1 = _cpu()  # worker processes are reaped when the cluster closes
    parent, children = self1 - self0, kids1 - kids0
    return {
        "workers": workers,
        "parquet": parquet,
        "stored": report.stored,
        "partitions": report.partitions,
        "cluster_start_seconds": round(started, 2),
        "seconds": round(seconds, 2),
        "seconds_with_start": round(seconds + started, 2),
        "articles_per_s": round(n / seconds, 2),
        "words_per_s": round(words / seconds),
        "cpu_seconds_parent": round(parent, 2),
        "cpu_seconds_workers": round(children, 2),
        "seconds_if_cores_were_free": round(max(parent, children / workers), 2),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", action="store_true", help="tiny run for CI: demo corpus + seed, 8 articles")
    parser.add_argument("--articles", type=int, help="articles for the ingest runs (default: the real corpus)")
    parser.add_argument("--sections", default=",".join(SECTIONS), help=f"comma-separated: {', '.join(SECTIONS)}")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    sections = [s for s in args.sections.split(",") if s]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")

    real = real_articles(small=args.small)
    n = 8 if args.small else (args.articles or len(real))
    articles = list(corpus(n, small=args.small))
    results: dict = {"cores": os.cpu_count(), "articles": n, "mean_words": round(_words(articles) / n, 1)}

    def save() -> None:  # after every section, so a long run that fails later keeps what it measured
        if args.json:
            args.json.write_text(json.dumps(results, indent=2) + "\n", "utf-8")

    if "pipelines" in sections:
        results["pipelines"] = bench_pipelines(articles if args.small else real[: min(len(real), n)])
        save()
    if "ingest" in sections or "dask" in sections:
        with tempfile.TemporaryDirectory() as tmp:
            jsonl = Path(tmp) / "corpus.jsonl"
            write_jsonl(iter(articles), jsonl)
            words = _words(articles)
            del articles
            if "ingest" in sections:
                results["ingest"] = bench_ingest(jsonl, n, words, (1, 2))
                save()
            if "dask" in sections:
                size = 4 if args.small else 32
                results["dask"] = bench_dask(jsonl, n, words, partition_size=size)
                results["dask_parquet"] = bench_dask(jsonl, n, words, partition_size=size, parquet=True)
    if "ingest" in results and "dask" in results:
        results["dask_vs_local_2_workers"] = round(
            results["ingest"]["workers_2"]["seconds"] / results["dask"]["seconds"], 2
        )
        results["dask_vs_local_2_workers_if_cores_were_free"] = round(
            results["ingest"]["workers_2"]["seconds_if_cores_were_free"]
            / results["dask"]["seconds_if_cores_were_free"], 2
        )
    save()
    print(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
