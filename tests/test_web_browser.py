"""The web UI in a real browser (Debian's chromium driven by Playwright) over the demo corpus:
open an article, click a quote and see its speaker, open an entity page, search, and check that
hostile article text is shown as text and never run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import serve_in_thread

from newsgraph.batch import ingest
from newsgraph.model import Analysis, Article, Entity, Mention, Quote, Speaker
from newsgraph.store import Store

SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
pytestmark = pytest.mark.browser

PAYLOAD_SCRIPT = '<script>alert("xss")</script>'
PAYLOAD_IMG = "<img src=x onerror=alert(1)>"


def hostile_analysis() -> Analysis:
    """An article whose text, title and speaker name carry HTML/script payloads."""
    text = (f"Police spokesman Ivan Petrov said the message {PAYLOAD_SCRIPT} was harmless. "
            f"A reader posted {PAYLOAD_IMG} under the report on Monday.")
    start = text.index("the message")
    end = text.index(" was harmless") + len(" was harmless")
    name_at = text.index("Ivan Petrov")
    return Analysis(
        article=Article(id=Article.make_id(text), text=text, published="2025-04-20",
                        title=f"Payload test {PAYLOAD_SCRIPT}", outlet="Test <b>Outlet</b>"),
        entities=[Entity(id="e1", name="Ivan Petrov", type="PERSON", role="Police spokesman",
                         mentions=[Mention(start=name_at, end=name_at + 11, text="Ivan Petrov")], variants=["Ivan Petrov"])],
        quotes=[Quote(kind="indirect", start=start, end=end, text=text[start:end],
                      speaker=Speaker(entity=None, name=PAYLOAD_IMG))],
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Iterator[tuple[str, str]]:
    from newsgraph.evaluate import shared_dir

    db = tmp_path_factory.mktemp("web") / "news.db"
    hostile = hostile_analysis()
    with Store(db) as store:
        paths = [str(examples_dir)]
        base = shared_dir()
        if base is not None and (base / "examples" / "seed" / "article.txt").exists():
            paths.append(str(base / "examples" / "seed" / "article.txt"))
        ingest(paths, store)
        store.add(hostile)
    with serve_in_thread(db) as url:
        yield url, hostile.article.id


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = context.new_page()
    pg.dialogs = []
    pg.csp_errors = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("console", lambda m: pg.csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    yield pg
    context.close()


def _go(page, url: str) -> None:
    """Navigate and wait until the app has rendered this route (a hash change alone would find
    body[data-ready] still set by the previous view)."""
    page.evaluate("document.body && delete document.body.dataset.ready")
    page.goto(url)
    page.wait_for_function("url => document.body.dataset.ready !== undefined && location.href === url", arg=url)


def test_article_quote_shows_speaker_and_leads_to_entity_page(page, server) -> None:
    base, _ = server
    _go(page, base + "/#/")
    page.get_by_role("link", name="Trump says Russia deal is close").click()
    page.wait_for_selector("#article-text .seg.k-quote")
    assert "Donald Trump said on Thursday" in page.inner_text("#article-text")
    # a click on the quoted words (not on a name inside them) shows the quote and its speaker
    page.locator("#article-text .seg.k-quote:not(.k-entity):not(.k-timex):not(.k-event)").first.click()
    assert page.inner_text("#panel-speaker") == "Donald Trump"
    assert "quote" in page.inner_text("#panel h3")
    # a click on a name shows the entity record
    page.locator("#article-text .seg.k-entity", has_text="Trump").first.click()
    assert page.inner_text("#panel h3") == "Donald Trump"
    page.locator(".quote-item").first.click()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "article.png"), full_page=True)
    page.locator("#panel-speaker a").click()
    page.wait_for_selector("main h1:has-text('Donald Trump')")
    page.wait_for_selector("body[data-ready^='#/entity/']")
    body = page.inner_text("main")
    assert "US President" in body and "Quotes" in body and "Appears with" in body
    assert "We are very close" in body
    page.screenshot(path=str(SHOTS / "entity.png"), full_page=True)
    assert page.dialogs == [] and page.csp_errors == []


def test_search_story_matrix_and_network(page, server) -> None:
    base, _ = server
    _go(page, base + "/#/")
    page.fill("#quick-q", "Kharkiv")
    page.press("#quick-q", "Enter")
    page.wait_for_selector("#results .result")
    assert "Missile strike on Kharkiv kills three" in page.inner_text("#results")
    _go(page, base + "/#/search?q=close&kind=quotes")
    page.wait_for_selector("#results .result")
    assert "Donald Trump" in page.inner_text("#results")
    _go(page, base + "/#/stories")
    page.locator(".card a").first.click()
    page.wait_for_selector("main h2:has-text('Timeline')")
    assert page.locator("ol.dated li").count() > 0
    _go(page, base + "/#/matrix")
    page.wait_for_selector("table.matrix td.cell button")
    page.locator("table.matrix td.cell button").first.click()
    assert page.locator("#panel q").count() >= 1
    page.screenshot(path=str(SHOTS / "matrix.png"), full_page=True)
    _go(page, base + "/#/network")
    assert page.locator("svg.network line").count() > 0 and page.locator("svg.network text").count() > 1
    page.screenshot(path=str(SHOTS / "network.png"), full_page=True)
    assert page.dialogs == [] and page.csp_errors == []


def test_hostile_text_is_shown_not_run(page, server) -> None:
    base, hostile_id = server
    _go(page, f"{base}/#/article/{hostile_id}")
    page.wait_for_selector("#article-text")
    text = page.inner_text("#article-text")
    assert PAYLOAD_SCRIPT in text and PAYLOAD_IMG in text
    assert page.inner_text("main h1") == f"Payload test {PAYLOAD_SCRIPT}"
    assert page.locator("#article-text img, #article-text script, main img").count() == 0
    page.locator(".quote-item").first.click()
    assert page.inner_text("#panel-speaker") == PAYLOAD_IMG
    assert page.locator("#panel img").count() == 0
    page.get_by_text(PAYLOAD_SCRIPT, exact=False).first.wait_for(state="visible")
    _go(page, base + "/#/search?q=payload")
    page.wait_for_selector("#results .result")
    assert page.locator("#results img").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []
