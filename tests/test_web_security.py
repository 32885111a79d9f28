"""Hostile data and hostile requests against the web app.

A store holds one crafted analysis whose entity name, variants and role, story title, outlet,
position issue/stance/evidence, event trigger and quotation all carry HTML/script payloads (NER
would not produce such names, so the analysis is built by hand and stored with ``Store.add``). Every
UI view is opened in a real chromium with the Content-Security-Policy *bypassed*, so an escaping
bug would actually run: no dialog may fire, no injected element may exist, and the payload must be
visible as literal text. Besides: JSON answers carry the payloads as JSON strings, the HTML page
never reflects the query, per-client rate limits answer 429 with Retry-After, static serving refuses
traversal, SQL metacharacters in any parameter never cause a 500, and ``serve`` binds to 127.0.0.1.
"""

from __future__ import annotations

import ast
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import serve_in_thread
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.api import create_app
from newsgraph.api.ratelimit import DEFAULT_RULES, RateLimit, Rule
from newsgraph.model import (
    Analysis,
    Article,
    Entity,
    Event,
    Mention,
    Position,
    Quote,
    Speaker,
    TextSpan,
)
from newsgraph.store import Store

SRC = Path(__file__).resolve().parents[1] / "src" / "newsgraph"
STATIC = SRC / "web" / "static"

P = {
    "name": "<img src=x onerror=alert('name')>",
    "variant": "<svg onload=alert('variant')>",
    "role": "<script>alert('role')</script>",
    "title": "<iframe src=\"javascript:alert('title')\"></iframe>",
    "outlet": "<img src=x onerror=alert('outlet')>Wire",
    "issue": "<b onmouseover=alert('issue')>tariffs</b>",
    "stance": "<img src=x onerror=alert('stance')>",
    "trigger": "<img src=x onerror=alert('trigger')>",
    "evidence": "<script>alert('evidence')</script>",
}
SEARCH = "<img src=x onerror=alert('search')>"
# Elements or attributes that exist only if some markup got parsed; the UI itself makes none of them.
INJECTED = ("img, iframe, object, embed, [onerror], [onload], [onmouseover], [srcdoc],"
            " main script, #panel script, header script")


def hostile_analysis() -> Analysis:
    """One article in which every field the UI shows carries a payload."""
    text = (f"{P['name']} accused Olga Ivanova of lying on Monday, and {P['trigger']} followed. "
            f"Olga Ivanova said she backs the plan {P['evidence']} completely. "
            f"The {P['variant']} group met Olga Ivanova again.")

    def at(sub: str, after: int = 0) -> TextSpan:
        start = text.index(sub, after)
        return TextSpan(start=start, end=start + len(sub), text=sub)

    first = TextSpan(start=0, end=text.index(". ") + 1, text=text[: text.index(". ") + 1])
    name, variant, trigger, evidence = at(P["name"]), at(P["variant"]), at(P["trigger"]), at(P["evidence"])
    olga = [at("Olga Ivanova"), at("Olga Ivanova", at("Olga Ivanova").end)]
    return Analysis(
        article=Article(id=Article.make_id(text), text=text, published="2025-04-21", title=P["title"], outlet=P["outlet"]),
        entities=[
            Entity(id="e1", name=P["name"], type="PERSON", role=P["role"], variants=[P["name"], P["variant"]],
                   mentions=[Mention(**name.model_dump()), Mention(**variant.model_dump())]),
            Entity(id="e2", name="Olga Ivanova", type="PERSON", variants=["Olga Ivanova"],
                   mentions=[Mention(**m.model_dump()) for m in olga]),
        ],
        events=[Event(type="ACCUSE", trigger=trigger, actors=["e1"], targets=["e2"], sentence=first, date="2025-04-21")],
        positions=[Position(holder="e1", holder_name=P["name"], issue=P["issue"], stance=P["stance"],
                            evidence=evidence, sentence=first)],
        quotes=[Quote(kind="indirect", start=evidence.start, end=evidence.end, text=P["evidence"],
                      speaker=Speaker(entity="e1", name=P["name"]), sentence=first)],
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("websec") / "news.db"
    with Store(path) as store:
        store.add(hostile_analysis())
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


@pytest.fixture(scope="module")
def ids(client: TestClient) -> dict[str, str]:
    """The article, story and corpus entity ids of the hostile record."""
    entities = {e["name"]: e["id"] for e in client.get("/api/entities").json()["items"]}
    article = client.get("/api/articles").json()["items"][0]["id"]
    return {"article": article, "story": client.get("/api/stories").json()["items"][0]["id"],
            "entity": str(entities[P["name"]]), "olga": str(entities["Olga Ivanova"])}


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[str]:
    with serve_in_thread(db) as url:
        yield url


# --- the UI in a real browser -------------------------------------------------------------------


@pytest.fixture()
def page(browser, server):
    """A page with the CSP switched off: escaping alone must keep the payloads inert."""
    context = browser.new_context(viewport={"width": 1360, "height": 900}, bypass_csp=True)
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def _go(page, url: str) -> None:
    page.evaluate("document.body && delete document.body.dataset.ready")
    page.goto(url)
    page.wait_for_function("url => document.body.dataset.ready !== undefined && location.href === url", arg=url)


def _assert_inert(page, where: str) -> None:
    page.hover("main")  # would trigger an injected onmouseover
    page.wait_for_timeout(100)
    assert page.locator(INJECTED).count() == 0, (where, page.inner_html("body")[:2000])
    assert page.evaluate("document.scripts.length") == 1, where  # app.js only
    assert page.dialogs == [], (where, page.dialogs)


@pytest.mark.browser
def test_every_view_shows_payloads_as_text(page, server, ids) -> None:
    views = {
        "#/": ["title", "outlet"],
        f"#/article/{ids['article']}": ["title", "outlet", "name", "trigger", "evidence", "variant"],
        f"#/entity/{ids['entity']}": ["name", "variant", "role", "issue", "stance", "evidence", "trigger"],
        f"#/entity/{ids['olga']}": ["name"],
        "#/stories": ["title"],
        f"#/story/{ids['article']}": ["title", "outlet", "name", "trigger", "evidence"],
        f"#/timeline?entity={ids['entity']}": ["name", "trigger", "evidence"],
        "#/matrix": ["name", "issue", "stance"],
        "#/search?q=Ivanova": ["title", "outlet", "name"],
        "#/search?q=evidence&kind=quotes": ["name", "evidence", "title"],
        f"#/search?outlet={quote(P['outlet'])}": ["title", "outlet"],
    }
    for hash_, fields in views.items():
        _go(page, f"{server}/{hash_}")
        shown = page.inner_text("main")
        for f in fields:
            assert P[f] in shown, (hash_, f, shown[:1500])
        _assert_inert(page, hash_)
    _go(page, f"{server}/#/network")
    labels = page.locator("svg.network text").all_text_contents()
    assert P["name"] in labels and "Olga Ivanova" in labels
    assert P["name"] in page.locator("svg.network line title").first.text_content()
    _assert_inert(page, "#/network")


@pytest.mark.browser
def test_detail_panels_show_payloads_as_text(page, server, ids) -> None:
    _go(page, f"{server}/#/article/{ids['article']}")
    page.locator("#article-text .seg.k-entity", has_text=P["name"]).first.click()
    assert page.inner_text("#panel h3") == P["name"]
    panel = page.inner_text("#panel")
    assert P["role"] in panel and P["variant"] in panel
    _assert_inert(page, "entity panel")
    page.locator("#article-text .seg.k-event").first.click()
    assert P["trigger"] in page.inner_text("#panel") and "ACCUSE" in page.inner_text("#panel h3")
    _assert_inert(page, "event panel")
    page.locator(".quote-item").first.click()
    assert page.inner_text("#panel-speaker") == P["name"] and P["evidence"] in page.inner_text("#panel blockquote")
    _assert_inert(page, "quote panel")
    _go(page, f"{server}/#/matrix")
    page.locator("table.matrix td.cell button").first.click()
    panel = page.inner_text("#panel")
    assert P["stance"] in panel and P["evidence"] in panel and P["issue"] in panel and P["name"] in panel
    _assert_inert(page, "matrix panel")


@pytest.mark.browser
def test_search_payloads_typed_or_in_the_url_stay_text(page, server) -> None:
    _go(page, f"{server}/#/")
    page.fill("#quick-q", SEARCH)
    page.press("#quick-q", "Enter")
    page.wait_for_function("() => location.hash.startsWith('#/search') && document.body.dataset.ready.startsWith('#/search')")
    page.wait_for_selector("#results")
    assert page.input_value("#search-form input[name=q]") == SEARCH
    _assert_inert(page, "quick search")
    page.fill("#search-form input[name=q]", P["evidence"])
    page.fill("#search-form input[name=outlet]", P["outlet"])
    page.click("#search-form button[type=submit]")
    page.wait_for_function("() => decodeURIComponent(location.hash).includes('outlet=')")
    page.wait_for_selector("#results")
    assert page.input_value("#search-form input[name=outlet]") == P["outlet"]
    _assert_inert(page, "search form")
    for url in (f"{server}/#/search?q={quote(SEARCH)}",
                f"{server}/?q={quote(SEARCH)}#/search?q={quote(SEARCH)}&outlet={quote(P['outlet'])}",
                f"{server}/#/search?q={SEARCH}",
                f"{server}/#/entity/{quote(SEARCH)}",
                f"{server}/#/article/{quote(SEARCH)}",
                f"{server}/#/story/{quote(SEARCH)}",
                f"{server}/#/timeline?q={quote(SEARCH)}&entity={quote(SEARCH)}",
                f"{server}/#/{quote(SEARCH)}"):
        page.goto(url)
        page.wait_for_function("() => document.body.dataset.ready !== undefined")
        _assert_inert(page, url)


# --- HTTP: JSON and HTML answers ----------------------------------------------------------------


def test_json_api_returns_payloads_as_json_strings(client: TestClient, ids: dict[str, str]) -> None:
    urls = ["/api/articles", f"/api/articles/{ids['article']}", "/api/stories", f"/api/stories/{ids['story']}",
            f"/api/entities/{ids['entity']}", f"/api/entities?q={quote(P['name'])}", "/api/matrix", "/api/network",
            f"/api/timeline?entity={ids['entity']}", "/api/search?q=Ivanova", "/api/search?q=evidence&kind=quotes"]
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("application/json"), url
        assert r.headers["x-content-type-options"] == "nosniff"
        values = _strings(r.json())
        assert any("<img src=x onerror=alert(" in v or "<script>" in v or "<iframe" in v for v in values), url
    entity = client.get(f"/api/entities/{ids['entity']}").json()
    assert entity["name"] == P["name"] and {v["text"] for v in entity["variants"]} == {P["name"], P["variant"]}
    assert [r["role"] for r in entity["roles"]] == [P["role"]]
    matrix = client.get("/api/matrix").json()
    assert matrix["issues"] == [P["issue"]] and matrix["cells"][0]["latest"]["stance"] == P["stance"]


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_html_never_reflects_the_query(client: TestClient) -> None:
    index = (STATIC / "index.html").read_text("utf-8")
    for url in (f"/?q={quote(SEARCH)}", f"/index.html?q={quote(SEARCH)}&x={quote(P['evidence'])}", f"/?{quote(SEARCH)}"):
        r = client.get(url)
        assert r.status_code == 200 and r.text == index
    for url in (f"/docs?q={quote(SEARCH)}", f"/redoc?q={quote(SEARCH)}"):  # FastAPI's HTML pages
        r = client.get(url)
        assert r.status_code == 200 and "onerror" not in r.text and "alert(" not in r.text
    # error answers echo bad input only inside JSON, never as HTML
    for url in (f"/{quote(SEARCH)}", f"/api/{quote(SEARCH)}", f"/api/search?date_from={quote(SEARCH)}",
                f"/api/articles/{quote(SEARCH)}", f"/api/entities?type={quote(SEARCH)}", f"/api/search?kind={quote(SEARCH)}"):
        r = client.get(url)
        assert r.status_code in (404, 422), url
        assert not r.headers["content-type"].startswith("text/html"), url
        assert r.headers["x-content-type-options"] == "nosniff"


# --- rate limits --------------------------------------------------------------------------------


def test_rate_limit_answers_429_with_retry_after(db: Path) -> None:
    limited = TestClient(create_app(db, rate_limit=(Rule(5, 10), Rule(2, 60, "/api/analyze", "POST"))))
    assert [limited.get("/api/health").status_code for _ in range(5)] == [200] * 5
    r = limited.get("/api/articles")
    assert r.status_code == 429 and r.json()["detail"].startswith("too many requests")
    assert 1 <= int(r.headers["retry-after"]) <= 2
    assert r.headers["x-content-type-options"] == "nosniff" and "content-security-policy" in r.headers
    assert limited.get("/").status_code == 200 and limited.get("/app.js").status_code == 200  # the UI's files are not limited
    assert limited.get("/api/health", headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 429  # not trusted

    strict = TestClient(create_app(db, rate_limit=(Rule(100, 10), Rule(2, 60, "/api/analyze", "POST"))))
    # the analyzer's own budget runs out first (an empty body is refused with 422 without running the NLP)
    assert [strict.post("/api/analyze", json={}).status_code for _ in range(3)] == [422, 422, 429]
    assert 20 <= int(strict.post("/api/analyze", json={}).headers["retry-after"]) <= 30
    assert strict.get("/api/health").status_code == 200


def test_rate_limit_buckets_refill_and_are_per_client() -> None:
    now = [0.0]
    limit = RateLimit(app=None, rules=(Rule(3, 6),), clock=lambda: now[0])  # one token per 2 s
    assert [limit.take("10.0.0.1", 0, 0.0) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limit.take("10.0.0.1", 0, 0.0) == pytest.approx(2.0)
    assert limit.take("10.0.0.2", 0, 0.0) == 0.0  # another client has its own bucket
    assert limit.take("10.0.0.1", 0, 1.0) == pytest.approx(1.0)
    assert limit.take("10.0.0.1", 0, 2.0) == 0.0
    limit.prune(100.0)
    assert limit.buckets == {}
    assert DEFAULT_RULES[0].requests / DEFAULT_RULES[0].seconds >= 10  # generous for a person clicking around


def test_serve_binds_to_loopback_with_rate_limits_by_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from newsgraph.cli import app

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: seen.update(app=application, **kw))
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1"
    assert any(m.cls is RateLimit and m.kwargs["rules"] == DEFAULT_RULES for m in seen["app"].user_middleware)
    CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "n.db"), "--no-rate-limit"])
    assert not any(m.cls is RateLimit for m in seen["app"].user_middleware)
    help_text = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"}).output
    assert "127.0.0.1" in help_text


# --- static files: no traversal -----------------------------------------------------------------

TRAVERSALS = [
    "/static/../../etc/passwd", "/../../../../etc/passwd", "/static/../../../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/..%2f..%2f..%2f..%2fetc%2fpasswd", "/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/..\\..\\..\\..\\etc\\passwd", "/..%5c..%5c..%5c..%5cetc%5cpasswd", "/....//....//....//etc/passwd",
    "/etc/passwd", "//etc/passwd", "/%2fetc%2fpasswd", "/app.js/../../../../../etc/passwd",
    "/../api/guard.py", "/%2e%2e/api/guard.py", "/../../../../pyproject.toml", "/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
    "/%00/etc/passwd", "/index.html%00.txt",
]


def _raw_get(base: str, target: str) -> tuple[int, bytes]:
    """GET with the request target sent byte for byte (HTTP clients normalise ``..`` away)."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 400
    return status, data.partition(b"\r\n\r\n")[2]


def test_static_serving_refuses_traversal(server: str) -> None:
    assert _raw_get(server, "/app.js")[0] == 200
    for target in TRAVERSALS:
        status, body = _raw_get(server, target)
        assert status in (400, 404), (target, status, body[:200])
        assert b"root:" not in body and b"MAX_BODY" not in body and b"[project]" not in body, target


# --- SQL metacharacters in every parameter ------------------------------------------------------

SQL_BITS = ["'", '"', ";", "--", "/*", "*/", "%", "_", "\\", "*", "^", ":", "(", ")", "NEAR(", " OR 1=1", "' OR '1'='1",
            "UNION SELECT * FROM articles", "; DROP TABLE articles; --", "AND", "NOT", "\x00", "{}", "[", "]", "?", "?1",
            ":name", "@x", "$1", "\u2019", "é", " ", "a", "1", "2025-01-01"]
sql_text = st.lists(st.sampled_from(SQL_BITS), min_size=1, max_size=6).map("".join)
ENDPOINTS = {
    "/api/search": ["q", "kind", "entity", "date_from", "date_to", "outlet", "event_type", "limit", "offset"],
    "/api/entities": ["q", "type", "limit", "offset"],
    "/api/timeline": ["q", "story", "entity", "limit", "offset"],
    "/api/matrix": ["issue", "entity", "history"],
    "/api/network": ["entity", "limit"],
    "/api/stories": ["min_size", "limit", "offset"],
    "/api/articles": ["limit", "offset"],
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(endpoint=st.sampled_from(sorted(ENDPOINTS)), data=st.data())
def test_sql_metacharacters_never_cause_a_server_error(client: TestClient, endpoint: str, data: st.DataObject) -> None:
    names = data.draw(st.lists(st.sampled_from(ENDPOINTS[endpoint]), min_size=1, max_size=3, unique=True))
    params = {n: data.draw(sql_text) for n in names}
    if endpoint == "/api/search" and "kind" not in params and data.draw(st.booleans()):
        params["kind"] = "quotes"
    r = client.get(endpoint, params=params)
    assert r.status_code < 500, (endpoint, params, r.text[:300])
    assert r.status_code in (200, 404, 422), (endpoint, params, r.status_code)
    assert r.headers["content-type"].startswith("application/json")
    path_value = quote(data.draw(sql_text), safe="")
    for path in (f"/api/articles/{path_value}", f"/api/entities/{path_value}", f"/api/stories/{path_value}"):
        assert client.get(path).status_code in (200, 404, 422), path


def test_store_survives_the_injection_attempts(client: TestClient) -> None:
    for q in ("'; DROP TABLE articles; --", "x' OR '1'='1", '" OR ""="', "Ivanova) OR (1=1", "NEAR(a b", "*"):
        for url in (f"/api/search?q={quote(q)}", f"/api/search?q={quote(q)}&kind=quotes", f"/api/entities?q={quote(q)}",
                    f"/api/search?outlet={quote(q)}", f"/api/matrix?issue={quote(q)}", f"/api/timeline?q={quote(q)}"):
            r = client.get(url)
            assert r.status_code in (200, 422), (url, r.text[:300])
            if r.status_code == 200 and "items" in r.json():
                assert len(r.json()["items"]) <= 1, url  # no "OR 1=1" widening: the store holds one article
    counts = client.get("/api/health").json()["counts"]
    assert counts["articles"] == 1 and counts["entities"] == 2


SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|MATCH|ORDER BY|LIMIT|VALUES|PRAGMA)\b")
# The names request values travel under from the API into the store and corpus views.
REQUEST_VALUES = {"q", "query", "words", "fts", "text", "outlet", "issue", "date_from", "date_to", "event_type",
                  "type_", "kind", "title", "name", "article_id", "story_id"}


def _interpolated(node: ast.AST) -> tuple[str, set[str]] | None:
    """The SQL text and the variable names spliced into it, for an f-string, ``%`` or ``.format`` on SQL."""
    if isinstance(node, ast.JoinedStr):
        sql = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        parts = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant):
        sql, parts = str(node.left.value), [node.right]
    elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
          and isinstance(node.func.value, ast.Constant)):
        sql, parts = str(node.func.value.value), [*node.args, *(k.value for k in node.keywords)]
    else:
        return None
    if not SQL_WORDS.search(sql):
        return None
    return sql, {n.id for part in parts for n in ast.walk(part) if isinstance(n, ast.Name)}


def test_sql_is_never_built_from_request_values() -> None:
    """SQL in the store and the corpus views splices in only internal pieces (placeholders, table and
    column names from fixed tuples, WHERE clauses of ``?``); request values go in as parameters."""
    spliced = 0
    for path in sorted((SRC / "store").glob("*.py")) + sorted((SRC / "corpus").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            found = _interpolated(node)
            if found is not None:
                spliced += 1
                assert not found[1] & REQUEST_VALUES, (path.name, node.lineno, found[1] & REQUEST_VALUES)
    assert spliced > 0  # the scan sees the dynamic SQL that exists
