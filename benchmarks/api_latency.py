"""API latency at corpus scale: p50/p95 per endpoint over a store of N articles.

The store is built from the demo corpus analysed once, then copied N times with new ids
(a short suffix makes each text unique) and publication dates spread one demo set per day,
so nothing runs the NLP pipeline N times. Requests go through FastAPI's TestClient in-process.
Last, articles are added round by round (as in a live ingest) and the first stories requests after
each write are timed: stories are kept as articles arrive, so none of them may be a cold regrouping.

    python benchmarks/api_latency.py --n 10000
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.batch import ingest
from newsgraph.evaluate import shared_dir
from newsgraph.model import Analysis, Article
from newsgraph.store import Store

ROOT = Path(__file__).resolve().parents[1]


def demo_analyses(folder: Path) -> list[Analysis]:
    with Store(folder / "demo.db") as store:
        paths = [str(ROOT / "examples" / "articles")]
        base = shared_dir()
        if base is not None and (base / "examples" / "seed" / "article.txt").exists():
            paths.append(str(base / "examples" / "seed" / "article.txt"))
        ingest(paths, store)
        return [store.analysis(i) for i in store.article_ids()]


START = date(2021, 1, 1)


def copy_of(bases: list[Analysis], k: int, tag: str) -> Analysis:
    """The k-th copy of the demo analyses: a unique text (hence id), one demo set per day."""
    base = bases[k % len(bases)]
    text = f"{base.article.text}\n\n{tag} {k}."
    article = base.article.model_copy(update={
        "id": Article.make_id(text), "text": text,
        "published": (START + timedelta(days=k // len(bases))).isoformat()})
    return base.model_copy(update={"article": article})


def p95(times: list[float]) -> float:
    """The 95th percentile of sorted ``times`` (nearest rank)."""
    return times[max(0, round(0.95 * len(times)) - 1)]


def build(db: Path, bases: list[Analysis], n: int) -> None:
    with Store(db) as store:
        batch: list[Analysis] = []
        for k in range(n):
            batch.append(copy_of(bases, k, "Ref"))
            if len(batch) == 500:
                store.add_many(batch)
                batch.clear()
        store.add_many(batch)


def measure(client: TestClient, url: str, runs: int) -> tuple[float, float, int]:
    for _ in range(3):
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code, r.text[:200])
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), p95(times), len(r.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles in the store")
    parser.add_argument("--runs", type=int, default=50, help="timed requests per endpoint")
    parser.add_argument("--db", type=Path, help="keep the store here (default: a temporary folder)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = args.db or folder / "bench.db"
        t = time.perf_counter()
        if not db.exists():
            build(db, demo_analyses(folder), args.n)
        print(f"store: {args.n} articles in {db} ({time.perf_counter() - t:.1f} s to build)")
        client = TestClient(create_app(db))
        t = time.perf_counter()
        stories = client.get("/api/stories?limit=1").json()
        print(f"first stories page: {(time.perf_counter() - t) * 1000:.0f} ms, {stories['total']} stories")
        article_id = client.get("/api/articles?limit=1").json()["items"][0]["id"]
        trump = client.get("/api/entities?q=Trump&limit=1").json()["items"][0]["id"]
        story_id = stories["items"][0]["id"]
        endpoints = [
            "/api/articles?limit=50",
            "/api/articles?limit=50&offset=5000",
            f"/api/articles/{article_id}",
            f"/api/articles/{article_id}/entities",
            "/api/search?q=missile+strike",
            "/api/search?q=close&kind=quotes",
            f"/api/search?q=talks&entity={trump}&date_from=2022-01-01&date_to=2022-12-31",
            "/api/search?event_type=ACCUSE&outlet=Newsgraph+Demo+Wire",
            "/api/entities?q=tru",
            f"/api/entities/{trump}",
            f"/api/timeline?entity={trump}",
            "/api/timeline?q=Kharkiv",
            f"/api/timeline?story={story_id}",
            "/api/stories?limit=50",
            f"/api/stories/{story_id}",
            "/api/matrix",
            "/api/network",
            f"/api/network?entity={trump}",
        ]
        print(f"{'endpoint':<78} {'p50 ms':>7} {'p95 ms':>7} {'bytes':>8}")
        for url in endpoints:
            p50, p95_ms, size = measure(client, url, args.runs)
            flag = "" if p95_ms <= 100 else "  > 100 ms"
            print(f"{url:<78} {p50:7.1f} {p95_ms:7.1f} {size:8d}{flag}")
        (folder / "more").mkdir()
        during_ingest(client, db, demo_analyses(folder / "more"), args.n, args.runs)


def during_ingest(client: TestClient, db: Path, bases: list[Analysis], n: int, runs: int) -> None:
    """Stories read right after new articles were stored (a live ingest): each round stores 10 more
    articles (the next days of the corpus), then times the first stories page and the newest
    article's story."""
    ingest_ms: list[float] = []
    first: dict[str, list[float]] = {"/api/stories?limit=50": [], "/api/stories/{newest}": []}
    for r in range(runs):
        batch = [copy_of(bases, k, "Live") for k in range(n + 10 * r, n + 10 * (r + 1))]
        with Store(db) as store:
            t = time.perf_counter()
            store.add_many(batch)
            ingest_ms.append((time.perf_counter() - t) * 1000 / len(batch))
        for url, times in first.items():
            t = time.perf_counter()
            got = client.get(url.format(newest=batch[-1].article.id))
            assert got.status_code == 200, (url, got.status_code)
            times.append((time.perf_counter() - t) * 1000)
    print(f"during ingest ({runs} rounds of 10 new articles): store {statistics.mean(ingest_ms):.1f} ms/article")
    for url, times in first.items():
        times.sort()
        flag = "" if p95(times) <= 100 else "  > 100 ms"
        print(f"{'first ' + url + ' after the write':<78} {statistics.median(times):7.1f} {p95(times):7.1f}{flag}")


if __name__ == "__main__":
    main()
