"""kill -9 at random points of a long ingest, twenty times over, into one store.

After every kill the database must pass ``PRAGMA integrity_check`` and hold only whole
articles (every record of an article stored with it); a final run must then finish the
job: every input article stored exactly once, none lost, none duplicated. The kill points
come from a seeded generator: some land during start-up and schema creation, most a
random moment after the run has begun writing. Tiny articles and ``--batch-size 2`` keep
the whole test to a couple of minutes.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import strategies as gen

from newsgraph.ingest import read_inputs
from newsgraph.model import Article

KILLS = 20
ARTICLES = 3000  # enough work that no run finishes before its kill, however fast the machine
SEED = 9


def _corpus(path: Path) -> list[str]:
    """ARTICLES distinct short news articles as JSONL; returns their ids."""
    rng = random.Random(SEED)
    with path.open("w") as fh:
        for i in range(ARTICLES):
            text = f"{gen.news_text(rng, 2)} Officials gave update number {i} later that day."
            fh.write(json.dumps({"text": text, "published": "2025-04-26", "title": f"story {i}"}) + "\n")
    ids = [a.id for a in read_inputs([path]) if isinstance(a, Article)]
    assert len(ids) == len(set(ids)) == ARTICLES
    return ids


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created yet, or mid-migration
        return 0


def _check_store(db: Path, expected: set[str]) -> int:
    """Integrity, and every stored article whole and expected; returns how many are stored."""
    con = sqlite3.connect(db, timeout=30)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone():
            return 0  # killed before the schema was committed: nothing half-made is left either
        rows = con.execute("SELECT id, analysis FROM articles").fetchall()
        ids = [r[0] for r in rows]
        assert len(ids) == len(set(ids)) and set(ids) <= expected
        for table in ("mentions", "quotes", "timex"):
            counts = dict(con.execute(f"SELECT article_id, count(*) FROM {table} GROUP BY article_id").fetchall())
            for article_id, analysis in rows:
                doc = json.loads(analysis)
                want = {"mentions": sum(len(e["mentions"]) for e in doc["entities"]),
                        "quotes": len(doc["quotes"]), "timex": len(doc["timex"])}[table]
                assert counts.get(article_id, 0) == want, f"{article_id}: {table} incomplete"
        orphans = con.execute("SELECT count(*) FROM quotes WHERE article_id NOT IN (SELECT id FROM articles)")
        assert orphans.fetchone()[0] == 0
        return len(ids)
    finally:
        con.close()


def test_kill_9_twenty_times_then_finish(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    expected = set(_corpus(corpus))
    db = tmp_path / "news.db"
    cmd = [sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--db", str(db), "--batch-size", "2"]
    rng = random.Random(SEED)
    landed = recovered = 0
    history = []
    for _ in range(KILLS):
        before = _stored(db)
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if rng.random() < 0.25:  # anywhere in start-up: imports, model load, opening and migrating the store
            time.sleep(rng.uniform(0.2, 5.0))
        else:  # a random moment once this run is writing
            deadline = time.monotonic() + 90
            while proc.poll() is None and _stored(db) <= before and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(rng.uniform(0.0, 1.5))
        if proc.poll() is None:
            landed += 1
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        stored = _check_store(db, expected)
        recovered += 1
        history.append(stored)
    assert landed >= KILLS - 2, f"only {landed} kills landed before the run ended"
    final = subprocess.run(cmd, capture_output=True, timeout=600, check=False)
    assert final.returncode == 0, final.stderr.decode()[-2000:]
    assert _check_store(db, expected) == ARTICLES
    with sqlite3.connect(db) as con:
        assert {r[0] for r in con.execute("SELECT id FROM articles")} == expected
    print(f"\ncrash safety: {landed} kill -9 landed, {recovered}/{KILLS} recovered "
          f"(integrity ok, only whole articles); stored after each kill: {history}; "
          f"final run completed {ARTICLES}/{ARTICLES}, no duplicates")
