"""The HTTP API over the demo corpus: schema-identical article JSON, paging and its limits,
size limits, security headers, static files without path traversal, and the views' endpoints."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import MAX_LIMIT, create_app
from newsgraph.api.guard import MAX_BODY
from newsgraph.batch import ingest
from newsgraph.model import Analysis
from newsgraph.store import Store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> TestClient:
    db = tmp_path_factory.mktemp("api") / "news.db"
    with Store(db) as store:
        ingest([str(examples_dir)], store)
    return TestClient(create_app(db))


def _first_id(client: TestClient) -> str:
    return client.get("/api/articles?limit=1").json()["items"][0]["id"]


def test_article_json_is_the_analysis_schema(client: TestClient) -> None:
    article_id = _first_id(client)
    r = client.get(f"/api/articles/{article_id}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    analysis = Analysis.model_validate_json(r.content)
    assert analysis.article.id == article_id
    links = client.get(f"/api/articles/{article_id}/entities").json()["entities"]
    assert set(links) == {e.id for e in analysis.entities}
    assert client.get("/api/articles/0123456789abcdef").status_code == 404
    assert client.get("/api/articles/not-an-id").status_code == 422


def test_paging_and_its_limits(client: TestClient) -> None:
    first = client.get("/api/articles?limit=2&offset=0").json()
    second = client.get("/api/articles?limit=2&offset=2").json()
    assert first["has_more"] and len(first["items"]) == 2
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}
    assert client.get(f"/api/articles?limit={MAX_LIMIT + 1}").status_code == 422
    assert client.get("/api/articles?offset=-1").status_code == 422
    assert client.get("/api/search?q=" + "x" * 501).status_code == 422
    every = client.get(f"/api/articles?limit={MAX_LIMIT}").json()
    assert len(every["items"]) == 6 and not every["has_more"]


def test_views(client: TestClient) -> None:
    stories = client.get("/api/stories").json()
    assert stories["total"] == len(stories["items"]) and stories["items"]
    story = client.get(f"/api/stories/{stories['items'][0]['id']}").json()
    assert story["articles"] and "disagreements" in story
    tl = client.get(f"/api/timeline?story={story['id']}").json()
    assert tl["items"] and {"date", "kind", "sentence"} <= set(tl["items"][0])
    assert client.get("/api/timeline").status_code == 422
    trump = client.get("/api/entities?q=Trump").json()["items"][0]
    page = client.get(f"/api/entities/{trump['id']}").json()
    assert page["name"] == "Donald Trump" and page["quotes"]
    assert client.get("/api/entities/999999").status_code == 404
    assert "cells" in client.get("/api/matrix").json()
    assert client.get(f"/api/network?entity={trump['id']}").status_code == 200
    hits = client.get("/api/search", params={"q": "Kharkiv", "event_type": "ASSAULT"}).json()["items"]
    assert [h["title"] for h in hits] == ["Missile strike on Kharkiv kills three"]
    quotes = client.get("/api/search", params={"q": "close", "kind": "quotes"}).json()["items"]
    assert any(q["speaker_name"] == "Donald Trump" for q in quotes)
    assert client.get("/api/search?kind=sql").status_code == 422
    assert client.get("/api/search", params={"q": "\"; DROP TABLE articles; --"}).status_code == 200
    assert client.get("/api/health").json()["counts"]["articles"] == 6


def test_security_headers_and_static_files(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and "<title>newsgraph</title>" in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "object-src 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
    assert client.get("/app.js").headers["content-type"].startswith(("text/javascript", "application/javascript"))
    for bad in ("/../pyproject.toml", "/%2e%2e/%2e%2e/pyproject.toml", "/..%2f..%2fapi%2f__init__.py", "/static/../../x"):
        assert client.get(bad).status_code == 404
    assert client.get("/api/health").headers["x-content-type-options"] == "nosniff"
    assert client.get("/docs").status_code == 200 and client.get("/openapi.json").json()["info"]["title"] == "newsgraph"


def test_analyze_endpoint_and_body_limit(client: TestClient) -> None:
    r = client.post("/api/analyze", json={"text": "Defence Minister Anna Berg said on Monday that talks would resume.",
                                          "published": "2025-05-05"})
    assert r.status_code == 200
    analysis = Analysis.model_validate_json(r.content)
    assert analysis.article.published == "2025-05-05" and analysis.quotes
    assert client.post("/api/analyze", json={"text": "x", "published": "May 5"}).status_code == 422
    big = b'{"text": "' + b"a" * (MAX_BODY + 10) + b'"}'
    assert client.post("/api/analyze", content=big, headers={"content-type": "application/json"}).status_code == 413

    def chunks():
        yield b'{"text": "'
        for _ in range(20):
            yield b"a" * 100_000
        yield b'"}'

    streamed = client.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


def test_stories_follow_new_articles_at_once(tmp_path: Path, examples_dir: Path) -> None:
    """Stories are kept as articles are stored: the next request already sees a new article's story,
    paged like any list, and any of a story's articles finds it."""
    db = tmp_path / "news.db"
    with Store(db) as store:
        ingest([str(examples_dir / "2025-04-24-sanctions-eu.json")], store)
    client = TestClient(create_app(db))
    before = client.get("/api/stories").json()["total"]
    with Store(db) as store:
        ingest([str(examples_dir)], store)
        newest = store.article_ids()[-1]
    page = client.get("/api/stories?limit=1").json()
    assert page["total"] > before and len(page["items"]) == 1 and page["has_more"]
    story = client.get(f"/api/stories/{newest}").json()
    assert newest in {a["id"] for a in story["articles"]}
    assert all(client.get(f"/api/stories/{a['id']}").json()["id"] == story["id"] for a in story["articles"])
    assert client.get("/api/stories/0123456789abcdef").status_code == 404
    assert client.get("/api/stories?min_size=1000").json() == {
        "items": [], "limit": 50, "offset": 0, "has_more": False, "total": 0}
