"""Shared fixtures: the demo corpus shipped in the repo and, where present, ../shared."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from newsgraph.evaluate import shared_dir

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def shared() -> Path:
    base = shared_dir()
    if base is None:
        pytest.skip("../shared (the seed article and public benchmark data) is not present beside this checkout")
    return base


@pytest.fixture(scope="session")
def seed(shared: Path) -> tuple[str, str]:
    """The canonical article's text and publication date."""
    text = (shared / "examples" / "seed" / "article.txt").read_text("utf-8")
    return text, "2025-04-26"


@pytest.fixture(scope="session")
def seed_analysis(seed):
    from newsgraph import analyze

    text, published = seed
    return analyze(text, published=published)


CHROMIUM = Path("/usr/bin/chromium")  # Debian's chromium; never `playwright install`
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian chromium driven by Playwright, shared by the browser tests."""
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_in_thread(db: Path) -> Iterator[str]:
    """The API and UI over ``db`` in uvicorn on a free loopback port; yields the base URL."""
    import uvicorn

    from newsgraph.api import create_app

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
