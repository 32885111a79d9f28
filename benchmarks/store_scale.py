"""Store queries at scale: p50/p95 of search and entity-page queries over a store of N articles.

The store is built without running the NLP pipeline N times: the demo corpus is analysed once,
its Analysis documents are stored ``--base`` times through ``Store.add_many`` with new ids (one
demo set per publication day; the same linking as a real ingest), then that base is copied with
bulk SQL (new ids, dates moved on by the base's span, the stored Analysis JSON rewritten to
match) until the store holds N articles; the store's triggers fill the full-text and entity-page
tables for every copy as they would on ingest. The built store is cached under /tmp (``--cache``)
and reused by later runs; ``--rebuild`` makes it again.

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
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api_latency import build, demo_analyses

from newsgraph.corpus import entity_page, timeline
from newsgraph.store import Store
from newsgraph.store.queries import find_entities, search

# columns copied as they are, per table (article_id is rewritten; quotes get new ids, events keep
# theirs moved by a fixed offset so their participants can follow)
_COPIED = {
    "article_entities": "local_id, entity_id, name, type, role, variants, confidence",
    "mentions": "local_id, start, end, text",
    "quotes": "kind, start, end, text, speaker_name, speaker_entity_id, cue, date, confidence",
    "sources": "start, end, text, source_name, source_entity_id, claim_start, claim_end, confidence",
    "timex": "start, end, text, type, value",
    "positions": "holder_entity_id, holder_name, issue, stance, start, end, evidence, confidence",
    "framing": "start, end, text, technique, speaker_name, speaker_entity_id",
}


def replicate(store: Store, n: int) -> None:
    """Copy the store's articles and their records with bulk SQL until it holds ``n`` articles."""
    db = store.db
    base_rows, last_rowid = db.execute("SELECT count(*), max(rowid) FROM articles").fetchone()
    first, last = db.execute("SELECT min(published), max(published) FROM articles").fetchone()
    span = (date.fromisoformat(last) - date.fromisoformat(first)).days + 1
    event_offset = db.execute("SELECT COALESCE(max(id), 0) FROM events").fetchone()[0]
    db.execute("CREATE TEMP TABLE base AS SELECT rowid AS r, id FROM articles")
    copy = 0
    while db.execute("SELECT count(*) FROM articles").fetchone()[0] < n:
        copy += 1
        take = min(base_rows, n - db.execute("SELECT count(*) FROM articles").fetchone()[0])
        suffix, shift = f"{copy:04x}", f"+{copy * span} days"
        with store.transaction():
            db.execute("CREATE TEMP TABLE ids AS SELECT id AS old, id || ? AS new FROM base"
                       " WHERE r <= ? ORDER BY r LIMIT ?", (suffix, last_rowid, take))
            db.execute(
                "INSERT INTO articles(id, text, published, title, outlet, url, language, source, schema_version, analysis)"
                " SELECT i.new, a.text, date(a.published, ?2), a.title, a.outlet, a.url, a.language, a.source,"
                " a.schema_version, json_set(a.analysis, '$.article.id', i.new, '$.article.published', date(a.published, ?2))"
                " FROM ids i JOIN articles a ON a.id = i.old ORDER BY a.rowid",
                (None, shift),
            )
            for table, columns in _COPIED.items():
                db.execute(f"INSERT INTO {table}(article_id, {columns}) SELECT i.new, {columns}"
                           f" FROM ids i JOIN {table} t ON t.article_id = i.old")
            db.execute(
                "INSERT INTO events(id, article_id, type, mode, trigger_start, trigger_end, trigger_text,"
                " place_entity_id, date, modality, negated, confidence)"
                " SELECT ev.id + ?, i.new, ev.type, ev.mode, ev.trigger_start, ev.trigger_end, ev.trigger_text,"
                " ev.place_entity_id, ev.date, ev.modality, ev.negated, ev.confidence"
                " FROM ids i JOIN events ev ON ev.article_id = i.old",
                (copy * event_offset,),
            )
            db.execute(
                "INSERT INTO event_participants(event_id, role, entity_id) SELECT p.event_id + ?, p.role, p.entity_id"
                " FROM ids i JOIN events ev ON ev.article_id = i.old JOIN event_participants p ON p.event_id = ev.id",
                (copy * event_offset,),
            )
            db.execute("DROP TABLE ids")


def cached_store(n: int, cache: Path, rebuild: bool, base: int) -> tuple[Path, dict[str, Any]]:
    """The store of ``n`` articles at ``cache`` (built when missing) and its build figures."""
    meta_path = cache.with_suffix(".json")
    if rebuild or not cache.exists() or not meta_path.exists():
        partial = cache.with_suffix(".partial")
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            bases = demo_analyses(Path(tmp))
        t = time.perf_counter()
        build(partial, bases, min(n, base))
        with Store(partial) as store:
            replicate(store, n)
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
    return statistics.median(times), times[max(0, round(0.95 * len(times)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles in the store")
    parser.add_argument("--runs", type=int, default=30, help="timed calls per query")
    parser.add_argument("--cache", type=Path, help="store file (default /tmp/newsgraph-scale-N.db)")
    parser.add_argument("--rebuild", action="store_true", help="build the store again even when cached")
    parser.add_argument("--base", type=int, default=2100, help="articles stored through add_many before copying")
    args = parser.parse_args()

    db, meta = cached_store(args.n, args.cache or Path(f"/tmp/newsgraph-scale-{args.n}.db"), args.rebuild, args.base)
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
        (f"search 'talks' + entity {trump['id']} + dates 2022",
         lambda: search(store, "talks", entity=trump["id"], date_from="2022-01-01", date_to="2022-12-31", limit=21)),
        (f"search 'talks' + entity {trump['id']}", lambda: search(store, "talks", entity=trump["id"], limit=21)),
        ("search 'Kharkiv' + event type ASSAULT", lambda: search(store, "Kharkiv", event_type="ASSAULT", limit=21)),
        ("search 'missile' + outlet", lambda: search(store, "missile", outlet="Newsgraph Demo Wire", limit=21)),
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
