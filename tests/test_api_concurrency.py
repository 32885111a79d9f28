"""The served API under concurrent use: ``newsgraph serve`` (uvicorn, its own process) answers reads
from several threads while ``newsgraph ingest`` writes to the same store from another process — no
5xx, no "database is locked" in any answer, all within a bounded time."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
import strategies as gen
from conftest import free_port

READERS = 4
ARTICLES = 30
DEADLINE_S = 60


def _corpus(path: Path, n: int = ARTICLES) -> None:
    rng = random.Random(7)
    with path.open("w") as fh:
        for i in range(n):
            text = f"{gen.news_text(rng, 2)} Moscow officials gave update number {i} on the talks."
            fh.write(json.dumps({"text": text, "published": f"2025-04-{1 + i % 28:02d}", "title": f"update {i}",
                                 "outlet": "Concurrency Wire"}) + "\n")


def _wait_up(base: str, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"newsgraph serve exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail("newsgraph serve did not answer within 30 s")


def _reader(base: str, stop: threading.Event, statuses: Counter, problems: list[str], lock: threading.Lock) -> None:
    """One client: the pages a person clicks through, over and over, with ids found along the way."""
    with httpx.Client(base_url=base, timeout=30) as client:
        while not stop.is_set():
            urls = ["/api/search?q=Moscow+officials", "/api/search?q=said&kind=quotes", "/api/matrix",
                    "/api/stories?limit=5", "/api/network", "/api/timeline?q=talks", "/api/articles?limit=5",
                    "/api/entities?limit=5"]
            for url in urls:
                answer = client.get(url)
                _check(url, answer, statuses, problems, lock)
                if answer.status_code != 200:
                    continue
                if url.startswith("/api/articles?"):
                    urls += [f"/api/articles/{a['id']}" for a in answer.json()["items"][:2]]
                elif url.startswith("/api/entities?"):
                    urls += [f"/api/entities/{e['id']}" for e in answer.json()["items"][:2]]


def _check(url: str, answer: httpx.Response, statuses: Counter, problems: list[str], lock: threading.Lock) -> None:
    with lock:
        statuses[answer.status_code] += 1
        if answer.status_code >= 500 or "locked" in answer.text.lower():
            problems.append(f"{url}: {answer.status_code} {answer.text[:200]}")


def test_reads_while_ingesting_through_the_served_api(tmp_path: Path) -> None:
    db, corpus = tmp_path / "news.db", tmp_path / "wire.jsonl"
    _corpus(corpus)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(port),
                               "--no-rate-limit"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ingest = None
    try:
        _wait_up(base, server)
        started = time.monotonic()
        ingest = subprocess.Popen([sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--db", str(db),
                                   "--batch-size", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        stop, lock = threading.Event(), threading.Lock()
        statuses: Counter = Counter()
        problems: list[str] = []
        threads = [threading.Thread(target=_reader, args=(base, stop, statuses, problems, lock)) for _ in range(READERS)]
        for thread in threads:
            thread.start()
        try:
            ingest_err = ingest.communicate(timeout=DEADLINE_S)[1].decode(errors="replace")
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=30)
        elapsed = time.monotonic() - started
        assert ingest.returncode == 0, ingest_err[-2000:]
        assert not any(t.is_alive() for t in threads), "a reader hung"
        assert problems == [], problems[:5]
        assert set(statuses) == {200}, statuses
        assert sum(statuses.values()) >= 50, statuses
        assert elapsed < DEADLINE_S
        final = httpx.get(base + "/api/health", timeout=10).json()["counts"]
        assert final["articles"] == ARTICLES
    finally:
        for proc in (ingest, server):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=10)


def test_served_api_rate_limits_a_burst(tmp_path: Path) -> None:
    """``newsgraph serve`` applies its default per-client limit: a burst past 120 requests gets 429."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(tmp_path / "news.db"),
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_up(base, server)  # one request spent
        with httpx.Client(base_url=base, timeout=10) as client:
            started, granted = time.monotonic(), 0
            while (answer := client.get("/api/articles?limit=1")).status_code == 200 and granted < 1000:
                granted += 1
            refill = 12 * (time.monotonic() - started)  # 120 per 10 s flow back in while the burst runs
            assert answer.status_code == 429 and 115 <= granted <= 120 + refill, (answer.status_code, granted, refill)
            assert int(answer.headers["retry-after"]) >= 1 and answer.json()["detail"].startswith("too many")
            assert client.get("/").status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
