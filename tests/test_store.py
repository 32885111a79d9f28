"""The SQLite store: migrations, idempotent ingest, search, export, and crash safety."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsgraph.batch import ingest
from newsgraph.store import Store, StoreError
from newsgraph.store.export import export
from newsgraph.store.schema import MIGRATIONS


def test_ingest_is_idempotent_and_complete(tmp_path: Path, examples_dir: Path) -> None:
    db = tmp_path / "news.db"
    with Store(db) as store:
        first = ingest([str(examples_dir)], store)
        second = ingest([str(examples_dir)], store)
        counts = store.counts()
    assert first.stored == 6 and first.problems == []
    assert second.stored == 0 and second.skipped == 6
    assert counts["articles"] == 6
    assert counts["mentions"] > 0 and counts["quotes"] > 0 and counts["timex"] > 0
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_records_point_back_to_their_text(tmp_path: Path, examples_dir: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        ingest([str(examples_dir)], store)
        rows = store.db.execute(
            "SELECT a.text, q.start, q.end, q.text FROM quotes q JOIN articles a ON a.id = q.article_id"
        ).fetchall()
        assert rows
        assert all(text[start:end] == quote for text, start, end, quote in rows)
        mention_rows = store.db.execute(
            "SELECT a.text, m.start, m.end, m.text FROM mentions m JOIN articles a ON a.id = m.article_id"
        ).fetchall()
        assert all(text[start:end] == m for text, start, end, m in mention_rows)


def test_search_articles_and_quotes(tmp_path: Path, examples_dir: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        ingest([str(examples_dir)], store)
        hits = store.search("Kharkiv missile")
        assert [h["title"] for h in hits] == ["Missile strike on Kharkiv kills three"]
        assert "[" in hits[0]["snippet"]
        assert store.search('" OR 1=1; DROP TABLE articles; --') == []  # operators are quoted away
        assert store.counts()["articles"] == 6
        quotes = store.search_quotes("ready host talks")
        assert quotes and "host the talks" in quotes[0]["text"]


def test_problems_are_recorded_and_good_articles_kept(tmp_path: Path, examples_dir: Path) -> None:
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "ok.txt").write_text("The Japanese prime minister visited Seoul on Monday, officials in Tokyo said.")
    with Store(tmp_path / "news.db") as store:
        report = ingest([str(bad)], store)
        assert report.stored == 1 and len(report.problems) == 1
        assert store.counts()["problems"] == 1


def test_export_formats(tmp_path: Path, examples_dir: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        ingest([str(examples_dir)], store)
        [jsonl] = export(store, "jsonl", tmp_path / "j")
        assert len(jsonl.read_text().splitlines()) == 6
        assert json.loads(jsonl.read_text().splitlines()[0])["schema_version"] == 1
        csvs = export(store, "csv", tmp_path / "c")
        assert (tmp_path / "c" / "quotes.csv").read_text().startswith("id,article_id,kind,start,end,text")
        parquet = export(store, "parquet", tmp_path / "p")
        assert pq.read_table(tmp_path / "p" / "articles.parquet").num_rows == 6
        assert pq.read_table(tmp_path / "p" / "problems.parquet").num_rows == 0
        assert len(csvs) == len(parquet)


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="not a usable newsgraph database"):
        Store(path)


def _corpus(tmp_path: Path, examples_dir: Path, n: int) -> Path:
    """n distinct articles made from the demo texts (each with its own closing line)."""
    from newsgraph.ingest import read_inputs

    base = [a for a in read_inputs([examples_dir])]
    path = tmp_path / "corpus.jsonl"
    with path.open("w") as fh:
        for i in range(n):
            a = base[i % len(base)]
            text = f"{a.text}\nOfficials gave update number {i} on the situation later that day."
            fh.write(json.dumps({"text": text, "published": a.published, "title": f"{a.title} #{i}"}) + "\n")
    return path


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_ingest_resumes_without_loss_or_duplicates(tmp_path: Path, examples_dir: Path, sig) -> None:
    corpus = _corpus(tmp_path, examples_dir, 60)
    db = tmp_path / "news.db"
    cmd = [sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--db", str(db), "--batch-size", "4"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=5) as con:
                    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 8:
                break
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and b"run the same command again" in stderr
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    partial = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 8 <= partial < 60
    # every stored article is whole: its records went in with it
    assert con.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                       "(SELECT 1 FROM mentions m WHERE m.article_id = a.id)").fetchone()[0] == 0
    con.close()
    rerun = subprocess.run(cmd, capture_output=True, timeout=600, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{partial} already in".encode() in rerun.stderr
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute("SELECT id FROM articles")]
    assert len(ids) == 60 == len(set(ids))
    assert sorted(r[0] for r in con.execute("SELECT title FROM articles")) == sorted(
        json.loads(line)["title"] for line in corpus.read_text().splitlines()
    )
