"""The web API and UI server: FastAPI over a store, JSON in the same schema as ``analyze``.

``create_app(db_path)`` returns the ASGI app; ``newsgraph serve`` runs it with uvicorn. Every list
is paged (``limit`` ≤ ``MAX_LIMIT``), request bodies over ``MAX_BODY`` bytes are refused with 413,
clients over their rate limit get 429 with ``Retry-After``,
every response carries security headers (a strict Content-Security-Policy among them), and the
static UI is served by Starlette's ``StaticFiles``, which refuses paths outside its folder.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from .. import corpus
from ..store import queries
from ..store.db import Store
from .guard import MAX_BODY, Guard
from .ratelimit import RateLimit, Rule

MAX_LIMIT = 200
STATIC = Path(__file__).resolve().parent.parent / "web" / "static"

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page (at most {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
Words = Annotated[str | None, Query(max_length=500, description="Words to find (all must occur).")]
IsoDate = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")]
ArticleId = Annotated[str, PathParam(pattern=r"^[0-9a-f]{1,64}$", description="article id (content hash)")]


class AnalyzeRequest(BaseModel):
    """One text to analyze; nothing is stored."""

    text: str = Field(max_length=MAX_BODY, description="The article text.")
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")
    title: str | None = Field(default=None, max_length=1000)


class _Stores:
    """One read-only connection per worker thread (sqlite3 connections are not shared across threads),
    and whole-corpus views (network edges, the position matrix) cached until the set of articles or
    entities changes. Stories need no cache: the store keeps them as articles arrive."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.local = threading.local()
        self.lock = threading.Lock()
        self.cache: dict[str, tuple[tuple[int, int], Any]] = {}

    def get(self) -> Store:
        store = getattr(self.local, "store", None)
        if store is None:
            store = self.local.store = Store(self.path, readonly=True)
        return store

    def cached(self, name: str, compute: Callable[[Store], Any]) -> Any:
        """``compute(store)``, recomputed only when articles were added or removed or entities
        merged or split."""
        store = self.get()
        stamp = tuple(store.db.execute(
            "SELECT count(*), COALESCE(max(rowid), 0), (SELECT COALESCE(max(id), 0) FROM entity_decisions)"
            " FROM articles").fetchone())
        with self.lock:
            if name not in self.cache or self.cache[name][0] != stamp:
                self.cache[name] = (stamp, compute(store))
            return self.cache[name][1]


def _page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A page from ``limit + 1`` fetched rows: the extra row only says whether there is more."""
    return {"items": items[:limit], "limit": limit, "offset": offset, "has_more": len(items) > limit}


def create_app(db_path: str | Path, *, rate_limit: tuple[Rule, ...] | None = None) -> FastAPI:
    """The app serving the store at ``db_path`` (created empty when missing) and the web UI.

    ``rate_limit``: per-client rules (e.g. ``DEFAULT_RULES``, which ``newsgraph serve`` applies); None
    (in-process use: tests, benchmarks) limits nothing."""
    path = Path(db_path)
    Store(path).close()  # create or migrate once, then read-only connections per thread
    stores = _Stores(path)
    app = FastAPI(
        title="newsgraph",
        description="Who said what, who did what to whom, when, and according to whom — over a news corpus.",
        version="1",
    )
    if rate_limit:
        app.add_middleware(RateLimit, rules=rate_limit)
    app.add_middleware(Guard)  # outermost: its headers go on every answer, 429s included

    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, Any]:
        """Row counts of the store."""
        return {"ok": True, "counts": stores.get().counts()}

    @app.get("/api/articles", tags=["articles"])
    def articles(limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Articles, newest first (metadata only)."""
        return _page(queries.list_articles(stores.get(), limit=limit + 1, offset=offset), limit, offset)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(article_id: ArticleId) -> Response:
        """The stored Analysis document of one article (the JSON ``newsgraph analyze --format json`` prints)."""
        row = stores.get().db.execute("SELECT analysis FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise HTTPException(404, f"no article {article_id}")
        return Response(row[0], media_type="application/json")

    @app.get("/api/articles/{article_id}/entities", tags=["articles"])
    def article_entities(article_id: ArticleId) -> dict[str, Any]:
        """The corpus entity id of each of the article's local entity ids (``e3`` → 39), for linking."""
        found = stores.get().db.execute(
            "SELECT local_id, entity_id FROM article_entities WHERE article_id = ?", (article_id,)).fetchall()
        return {"article_id": article_id, "entities": {r[0]: r[1] for r in found}}

    @app.get("/api/stories", tags=["corpus"])
    def stories(limit: Limit = 50, offset: Offset = 0, min_size: Annotated[int, Query(ge=1, le=1000)] = 1) -> dict:
        """Stories (articles about the same happening), biggest and latest first."""
        store = stores.get()
        found = corpus.list_stories(store, limit=limit + 1, offset=offset, min_size=min_size)
        return {**_page(found, limit, offset), "total": corpus.count_stories(store, min_size=min_size)}

    @app.get("/api/stories/{story_id}", tags=["corpus"])
    def story(story_id: ArticleId) -> dict[str, Any]:
        """One story: its articles, shared entities and where its sources disagree."""
        found = corpus.story_of(stores.get(), story_id)
        if found is None:
            raise HTTPException(404, f"no story {story_id}")
        return corpus.story_detail(stores.get(), found)

    @app.get("/api/timeline", tags=["corpus"])
    def timeline(
        story: Annotated[str | None, Query(pattern=r"^[0-9a-f]{1,64}$")] = None,
        entity: Annotated[int | None, Query(ge=0)] = None,
        q: Words = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Dated events and quotations of a story, an entity or the articles matching ``q``, earliest first."""
        if story is None and entity is None and not q:
            raise HTTPException(422, "give story, entity or q")
        ids = None
        if story is not None:
            found = corpus.story_of(stores.get(), story)
            if found is None:
                raise HTTPException(404, f"no story {story}")
            ids = found["articles"]
        items = corpus.timeline(stores.get(), story=ids, entity=entity, query=q or None, limit=limit + 1, offset=offset)
        return _page(items, limit, offset)

    @app.get("/api/entities", tags=["entities"])
    def entities(
        q: Words = None,
        type: Annotated[str | None, Query(pattern=r"^[A-Z]{2,10}$")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Corpus entities whose name contains ``q``, most frequent first."""
        return _page(queries.find_entities(stores.get(), q or "", type_=type, limit=limit + 1, offset=offset),
                     limit, offset)

    @app.get("/api/entities/{entity_id}", tags=["entities"])
    def entity(entity_id: Annotated[int, PathParam(ge=0)], limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """An entity's page: names, roles, mentions, quotations, events, positions, co-occurring actors."""
        page = corpus.entity_page(stores.get(), entity_id, limit=limit, offset=offset)
        if page is None:
            raise HTTPException(404, f"no entity {entity_id}")
        return page

    @app.get("/api/matrix", tags=["corpus"])
    def matrix(
        issue: Annotated[str | None, Query(max_length=200)] = None,
        entity: Annotated[int | None, Query(ge=0)] = None,
        history: Annotated[int, Query(ge=1, le=100)] = 10,
    ) -> dict[str, Any]:
        """The position matrix: issue × holder, latest stance and history with evidence."""
        if issue is None and entity is None:  # the whole matrix reads every position: cached
            return stores.cached(f"matrix:{history}", lambda store: corpus.position_matrix(store, history=history))
        return corpus.position_matrix(stores.get(), issue=issue, entity=entity, history=history)

    @app.get("/api/network", tags=["corpus"])
    def network(entity: Annotated[int | None, Query(ge=0)] = None, limit: Limit = 60) -> dict[str, Any]:
        """Who meets, accuses or speaks about whom: weighted directed edges between entities."""
        edges = stores.cached("edges", corpus.all_edges)
        return corpus.network(stores.get(), entity=entity, limit=limit, edges=edges)

    @app.get("/api/search", tags=["search"])
    def search(
        q: Words = None,
        kind: Annotated[str, Query(pattern="^(articles|quotes)$")] = "articles",
        entity: Annotated[int | None, Query(ge=0)] = None,
        date_from: IsoDate = None,
        date_to: IsoDate = None,
        outlet: Annotated[str | None, Query(max_length=200)] = None,
        event_type: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{2,20}$")] = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Full-text search over articles or quotations, with entity, date, outlet and event-type filters."""
        found = queries.search(stores.get(), q or "", kind=kind, entity=entity, date_from=date_from,
                               date_to=date_to, outlet=outlet, event_type=event_type, limit=limit + 1, offset=offset)
        return _page(found, limit, offset)

    @app.post("/api/analyze", tags=["analyze"])
    async def analyze(request: AnalyzeRequest) -> Response:
        """Analyze one text (not stored); the response is an Analysis document."""
        from ..analysis import analyze as run

        result = await run_in_threadpool(run, request.text, published=request.published, title=request.title)
        return Response(result.to_json(), media_type="application/json")

    @app.exception_handler(ValueError)
    async def bad_value(_request: Any, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    app.mount("/", StaticFiles(directory=STATIC, html=True), name="ui")
    return app
