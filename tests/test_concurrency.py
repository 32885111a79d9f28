"""Reading while an ingest writes (WAL), and two ingests at once: no user ever sees
"database is locked", nothing is stored twice, and readers only ever see whole articles."""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.synchronize
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import strategies as gen

from newsgraph.ingest import read_inputs
from newsgraph.model import Article
from newsgraph.store import Store

ARTICLES = 160


def _corpus(path: Path, seed: int, n: int = ARTICLES) -> set[str]:
    rng = random.Random(seed)
    with path.open("w") as fh:
        for i in range(n):
            text = f"{gen.news_text(rng, 2)} Moscow officials gave update number {i} on the talks."
            fh.write(json.dumps({"text": text, "published": "2025-04-26", "title": f"story {seed}-{i}"}) + "\n")
    return {a.id for a in read_inputs([path]) if isinstance(a, Article)}


def _ingest(corpus: Path, db: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--db", str(db), "--batch-size", "2"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_for_rows(db: Path, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
                if con.execute("SELECT count(*) FROM articles").fetchone()[0] > 0:
                    return
        except sqlite3.Error:
            pass
        time.sleep(0.05)


def _read_everything(store: Store) -> int:
    """One round of what a reader does; every analysis read must be whole. Returns rows seen."""
    seen = len(store.search("Moscow officials")) + len(store.search_quotes("said"))
    ids = store.article_ids()
    for article_id in ids[-5:]:
        analysis = store.analysis(article_id)
        assert analysis is not None and analysis.article.id == article_id
        quotes = store.db.execute("SELECT count(*) FROM quotes WHERE article_id = ?", (article_id,)).fetchone()[0]
        assert quotes == len(analysis.quotes)
    store.counts()
    return seen + len(ids)


def _in_threads(n: int, body: Callable[[int], None], until: Callable[[], bool]) -> list[str]:
    errors: list[str] = []

    def run(i: int) -> None:
        try:
            while not until():
                body(i)
        except Exception as exc:  # noqa: BLE001 - collected and asserted on below
            errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return errors


def test_readers_in_threads_and_processes_while_ingest_writes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    expected = _corpus(corpus, 1)
    db = tmp_path / "news.db"
    writer = _ingest(corpus, db)
    _wait_for_rows(db, writer)

    def done() -> bool:
        return writer.poll() is not None

    stores = [Store(db, readonly=i % 2 == 0) for i in range(4)]  # own connection per thread, both modes
    shared = Store(db)  # and one connection shared by threads, as a web server might hold it
    rounds = [0] * 6

    def body(i: int) -> None:
        rows = _read_everything(stores[i] if i < 4 else shared)
        assert rows >= 0
        rounds[i] += 1

    cli_runs: list[subprocess.CompletedProcess] = []

    def cli_reader(_: int) -> None:  # a second process: the `search` command, as a user would run it
        cli_runs.append(subprocess.run([sys.executable, "-m", "newsgraph", "search", "Moscow", "--db", str(db),
                                        "--format", "json"], capture_output=True, timeout=120, check=False))

    errors = _in_threads(6, lambda i: cli_reader(i) if i == 5 else body(i), done)
    _, stderr = writer.communicate(timeout=300)
    for s in [*stores, shared]:
        s.close()
    assert not errors, errors[:5]
    assert writer.returncode == 0, stderr.decode()[-2000:]
    assert b"locked" not in stderr
    assert cli_runs and all(r.returncode == 0 and b"locked" not in r.stderr for r in cli_runs), cli_runs[-1].stderr
    assert min(rounds[:5]) > 0, rounds
    with Store(db) as store:
        assert set(store.article_ids()) == expected
    print(f"\nconcurrency: {sum(rounds[:5])} reader rounds in 5 threads and {len(cli_runs)} `search` processes "
          f"during the ingest, 0 errors")


def test_two_ingests_into_one_new_store(tmp_path: Path) -> None:
    """Two writers start at once on a store that does not exist yet (both create its schema),
    over overlapping inputs: both finish, every article is stored exactly once."""
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    ids_a = _corpus(a, 2, 60)
    ids_b = _corpus(b, 3, 60)
    both = tmp_path / "both.jsonl"
    both.write_text(a.read_text() + b.read_text())
    db = tmp_path / "news.db"
    procs = [_ingest(both, db), _ingest(a, db), _ingest(b, db)]
    outs = [p.communicate(timeout=300)[1].decode() for p in procs]
    for p, err in zip(procs, outs):
        assert p.returncode == 0, err[-2000:]
        assert "locked" not in err and "Traceback" not in err
    with Store(db) as store:
        ids = store.article_ids()
        assert len(ids) == len(set(ids)) and set(ids) == ids_a | ids_b
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _open_store(path: str, barrier: multiprocessing.synchronize.Barrier, results: multiprocessing.Queue) -> None:
    barrier.wait()
    try:
        Store(path).close()
        results.put("ok")
    except Exception as exc:  # noqa: BLE001 - reported to the parent
        results.put(f"{type(exc).__name__}: {exc}")


def test_many_processes_create_one_store_at_once(tmp_path: Path) -> None:
    """Regression: processes opening a new store at the same instant all ran the first
    migration, and all but one failed with 'table articles already exists'."""
    ctx = multiprocessing.get_context("fork")
    for trial in range(8):
        path = str(tmp_path / f"new{trial}.db")
        barrier, results = ctx.Barrier(6), ctx.Queue()
        procs = [ctx.Process(target=_open_store, args=(path, barrier, results)) for _ in range(6)]
        for p in procs:
            p.start()
        outcomes = [results.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(timeout=60)
        assert outcomes == ["ok"] * 6, outcomes
        with Store(path) as store:
            assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
