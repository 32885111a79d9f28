"""Store queries at scale: p50/p95 of search and entity-page queries over a store of N articles.

The store is built without running the NLP pipeline N times: the demo corpus is analysed once
and its stored Analysis documents are inserted again and again through ``Store.add_many`` with
new ids (a short suffix makes each text unique) and one demo set per publication day, so every
insert goes through the same linking, triggers and full-text indexing as a real ingest. The built
store is cached under /tmp (``--cache``) and reused by later runs; ``--rebuild`` makes it again.

    python benchmarks/store_scale.py --n 100000
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api_latency import build, demo_analyses  # noqa: E402

from newsgraph.corpus import entity_page, timeline  # noqa: E402
from newsgraph.store import Store  # noqa: E402
from newsgraph.store.queries import find_entities, search  # noqa: E402


def cached_store(n: int, cache: Path, rebuild: bool) -> tuple[Path, dict[str, Any]]:
    """The store of ``n`` articles at ``cache`` (built when missing) and its build figures."""
    meta_path = cache.with_suffix(".json")
    if rebuild or not cache.exists() or not meta_path.exists():
        partial = cache.with_suffix(".partial")
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            bases = demo_analyses(Path(tmp))
        t = time.perf_counter()
        build(partial, bases, n)
        with Store(partial) as store:
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        seconds = time.perf_counter() - t
        partial.replace(cache)
        meta_path.write_text(json.dumps({"articles": n, "build_seconds": round(seconds, 1)}))
    Store(cache).close()  # bring a cached store up to the current schema
    meta = json.loads(meta_path.read_text())
    meta["bytes"] = cache.stat().st_size
    return cache, meta


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    """p50 and p95 in milliseconds of ``runs`` calls after two warm-up calls."""
    for _ in range(2):
        fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(round(0.95 * len(times))) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles in the store")
    parser.add_argument("--runs", type=int, default=30, help="timed calls per query")
    parser.add_argument("--cache", type=Path, help="store file (default /tmp/newsgraph-scale-N.db)")
    parser.add_argument("--rebuild", action="store_true", help="build the store again even when cached")
    args = parser.parse_args()

    db, meta = cached_store(args.n, args.cache or Path(f"/tmp/newsgraph-scale-{args.n}.db"), args.rebuild)
    print(f"store: {meta['articles']} articles, {meta['bytes'] / 2**20:.0f} MiB, built in {meta['build_seconds']} s ({db})")
    store = Store(db, readonly=True)
    top = find_entities(store, "", limit=1)[0]
    rare = find_entities(store, "", limit=200)[-1]
    trump = (find_entities(store, "Trump", limit=1) or [top])[0]
    late = store.db.execute("SELECT max(published) FROM articles").fetchone()[0][:4]
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("search words 'missile strike'", lambda: search(store, "missile strike", limit=21)),
        ("search common word 'said'", lambda: search(store, "said", limit=21)),
        ("search quotes 'close'", lambda: search(store, "close", kind="quotes", limit=21)),
        (f"search 'talks' + entity {trump['id']} + dates {late}",
         lambda: search(store, "talks", entity=trump["id"], date_from=f"{late}-01-01", date_to=f"{late}-12-31", limit=21)),
        ("search event type ACCUSE + outlet", lambda: search(store, "", event_type="ACCUSE",
                                                            outlet="Newsgraph Demo Wire", limit=21)),
        (f"search entity {trump['id']} only", lambda: search(store, "", entity=trump["id"], limit=21)),
        ("search dates only", lambda: search(store, "", date_from=f"{late}-01-01", date_to=f"{late}-06-30", limit=21)),
        ("search deep page (offset 2000)", lambda: search(store, "missile", limit=21, offset=2000)),
        ("entity names 'tru'", lambda: find_entities(store, "tru", limit=51)),
        (f"entity page {top['name']} ({top['articles']} articles)", lambda: entity_page(store, top["id"])),
        (f"entity page {trump['name']} ({trump['articles']} articles)", lambda: entity_page(store, trump["id"])),
        (f"entity page {trump['name']}, offset 5000", lambda: entity_page(store, trump["id"], offset=5000)),
        (f"entity page {rare['name']} ({rare['articles']} articles)", lambda: entity_page(store, rare["id"])),
        (f"entity timeline {trump['name']}", lambda: timeline(store, entity=trump["id"], limit=51)),
    ]
    print(f"{'query':<66} {'p50 ms':>7} {'p95 ms':>7}")
    for label, fn in cases:
        p50, p95 = timed(fn, args.runs)
        print(f"{label:<66} {p50:7.1f} {p95:7.1f}{'' if p95 <= 50 else '  > 50 ms'}")


if __name__ == "__main__":
    main()
