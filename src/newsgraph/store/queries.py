"""Read queries the corpus views, the CLI and the web API share: article lists, entity look-up
and filtered full-text search. Every value reaches SQLite as a bound parameter, never as SQL text.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .db import Store, fts_query

# A TIMEX3 value as a sortable ISO date (YYYY-MM-DD), or NULL when it names no calendar day,
# month, ISO week or year (PAST_REF, XXXX-XX-XX, durations): callers fall back to the publication date.
SQL_TIMEX_DAY = """(CASE
  WHEN {v} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN substr({v}, 1, 10)
  WHEN {v} GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]*' THEN date(substr({v}, 1, 4) || '-01-04', 'weekday 0', '-6 days',
       '+' || (7 * (CAST(substr({v}, 7, 2) AS INTEGER) - 1)) || ' days')
  WHEN {v} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN {v} || '-01'
  WHEN {v} GLOB '[0-9][0-9][0-9][0-9]' THEN {v} || '-01-01'
  ELSE NULL END)"""


def timex_day(column: str) -> str:
    """SQL expression turning the TIMEX3 value in ``column`` into a sortable day (or NULL)."""
    return SQL_TIMEX_DAY.format(v=column)


def rows(db: sqlite3.Connection, sql: str, params: tuple | list = ()) -> list[dict[str, Any]]:
    return [dict(r) for r in db.execute(sql, params)]


def list_articles(store: Store, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Articles, newest first, without their text."""
    return rows(
        store.db,
        "SELECT id, title, published, outlet, source, length(text) AS chars FROM articles WHERE rowid IN"
        " (SELECT rowid FROM articles ORDER BY published DESC, rowid DESC LIMIT ? OFFSET ?)"
        " ORDER BY published DESC, rowid DESC",
        (limit, offset),
    )


def find_entities(
    store: Store, query: str = "", *, type_: str | None = None, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """Corpus entities whose name starts with (or contains) ``query``, most-mentioned first."""
    where, params = ["1=1"], []
    if query.strip():
        where.append("e.name LIKE ? ESCAPE '\\'")
        params.append("%" + _like_escape(query.strip()) + "%")
    if type_:
        where.append("e.type = ?")
        params.append(type_)
    sql = (
        "SELECT e.id, e.name, e.type, e.kb_id,"
        " (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id) AS articles"
        f" FROM entities e WHERE {' AND '.join(where)} ORDER BY articles DESC, e.name LIMIT ? OFFSET ?"
    )
    return rows(store.db, sql, [*params, limit, offset])


def _like_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def article_filters(
    *, entity: int | None, date_from: str | None, date_to: str | None, outlet: str | None, event_type: str | None
) -> tuple[list[str], list[Any]]:
    """WHERE clauses (over alias ``a`` = articles) and their parameters for the search filters."""
    where: list[str] = []
    params: list[Any] = []
    if entity is not None:
        where.append("EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article_id = a.id AND +ae.entity_id = ?)")
        params.append(entity)
    if date_from:
        where.append("a.published >= ?")
        params.append(date_from)
    if date_to:
        where.append("a.published <= ?")
        params.append(date_to)
    if outlet:
        where.append("a.outlet = ?")
        params.append(outlet)
    if event_type:
        where.append("EXISTS (SELECT 1 FROM events ev WHERE ev.article_id = a.id AND +ev.type = ?)")
        params.append(event_type.upper())
    return where, params


RANK_WINDOW = 2000
# filter sizes are counted up to this many rows: past it, any filter is 'broad'
COUNT_CAP = 20_000


def search(
    store: Store,
    query: str = "",
    *,
    kind: str = "articles",
    entity: int | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    outlet: str | None = None,
    event_type: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Full-text search over articles (``kind='articles'``) or quotations (``kind='quotes'``),
    best match first, narrowed by entity, publication date range, outlet and event type.
    With no words, the filters alone list matching articles (or quotes), newest first. When more than
    ``RANK_WINDOW`` articles (or, with no filter, quotes) match, the newest ``RANK_WINDOW`` of them in
    store order are the ones ranked: ranking costs microseconds per row, walking the matches far less."""
    if kind not in ("articles", "quotes"):
        raise ValueError("kind must be 'articles' or 'quotes'")
    where, params = article_filters(
        entity=entity, date_from=date_from, date_to=date_to, outlet=outlet, event_type=event_type
    )
    fts = fts_query(query)
    if kind == "articles":
        if fts:
            return _ranked_articles(store, fts, limit=limit, offset=offset, filters={
                "entity": entity, "date_from": date_from, "date_to": date_to, "outlet": outlet,
                "event_type": event_type})
        sql = ("SELECT a.id, a.title, a.published, a.outlet, a.source, substr(a.text, 1, 160) AS snippet"
               " FROM articles a WHERE 1=1")
        order = "a.published DESC, a.rowid DESC"  # NULL dates sort last, the published index serves it
    else:
        if fts:
            sql = ("SELECT q.id AS quote_id, q.article_id, q.kind, q.start, q.end, q.text, q.speaker_name,"
                   " q.speaker_entity_id, a.published, a.title, a.outlet"
                   " FROM quotes_fts CROSS JOIN quotes q ON q.id = quotes_fts.rowid JOIN articles a ON a.id = q.article_id"
                   " WHERE quotes_fts MATCH ?")
            order = "rank"
        else:
            sql = ("SELECT q.id AS quote_id, q.article_id, q.kind, q.start, q.end, q.text, q.speaker_name,"
                   " q.speaker_entity_id, a.published, a.title, a.outlet"
                   " FROM quotes q JOIN articles a ON a.id = q.article_id WHERE 1=1")
            order = "a.published DESC, q.id"
    all_params: list[Any] = ([fts] if fts else []) + params
    for clause in where:
        sql += " AND " + clause
    if fts and not where:  # quotes by words alone: rank the newest window of matches
        sql += " AND quotes_fts.rowid >= ?"
        all_params.append(_window_start(store, "quotes_fts", fts))
    sql += f" ORDER BY {order} LIMIT ? OFFSET ?"
    return rows(store.db, sql, [*all_params, limit, offset])


def _window_start(store: Store, table: str, fts: str) -> int:
    """The lowest rowid among the newest ``RANK_WINDOW`` rows of ``table`` matching ``fts`` (a cheap walk)."""
    row = store.db.execute(
        f"SELECT min(r) FROM (SELECT rowid AS r FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT ?)",
        (fts, RANK_WINDOW),
    ).fetchone()
    return row[0] or 0


def _ranked_candidates(
    store: Store, fts: str, *, entity: int | None, date_from: str | None, date_to: str | None,
    outlet: str | None, event_type: str | None,
) -> list[int]:
    """Rowids of the newest ``RANK_WINDOW`` articles matching the words and every filter.

    The narrowest filter (counted from its index) yields the candidates and the others are checked
    on those only: when it is the words, their match list is walked newest first; otherwise that
    filter's rowids are kept where the match list (cheap to walk in rowid order) has them."""
    db = store.db
    # (size, SQL of rowids AS r, check on a rowid ``{row}``, parameters) per filter; index-only checks first
    filters: list[tuple[int, str, str, list[Any]]] = []
    if entity is not None:
        filters.append((_count(db, "SELECT 1 FROM entity_article_rows WHERE entity_id = ?", [entity]),
                        "SELECT article_rowid AS r FROM entity_article_rows WHERE entity_id = ?",
                        "EXISTS (SELECT 1 FROM entity_article_rows x WHERE x.entity_id = ? AND x.article_rowid = {row})",
                        [entity]))
    if date_from or date_to:
        span = [date_from or "", date_to or "\uffff"]
        filters.append((_count(db, "SELECT 1 FROM articles WHERE published >= ? AND published <= ?", span),
                        "SELECT rowid AS r FROM articles WHERE published >= ? AND published <= ?",
                        "EXISTS (SELECT 1 FROM articles x WHERE x.rowid = {row} AND x.published >= ? AND x.published <= ?)",
                        span))
    if outlet:
        filters.append((_count(db, "SELECT 1 FROM articles WHERE outlet = ?", [outlet]),
                        "SELECT rowid AS r FROM articles WHERE outlet = ?",
                        "EXISTS (SELECT 1 FROM articles x WHERE x.rowid = {row} AND x.outlet = ?)", [outlet]))
    if event_type:
        kind = [event_type.upper()]
        filters.append((_count(db, "SELECT 1 FROM events WHERE type = ?", kind),
                        ("SELECT DISTINCT a.rowid AS r FROM events ev JOIN articles a ON a.id = ev.article_id"
                         " WHERE ev.type = ?"),
                        ("EXISTS (SELECT 1 FROM events ev WHERE ev.type = ?"
                         " AND ev.article_id = (SELECT id FROM articles WHERE rowid = {row}))"), kind))
    narrowest = min(range(len(filters)), key=lambda i: filters[i][0])
    matches = _count(db, "SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?", [fts])
    if matches <= filters[narrowest][0]:
        # the words are the narrowest filter: walk their matches newest first, checking each
        checks = " AND ".join(f[2].format(row="articles_fts.rowid") for f in filters)
        return [r[0] for r in db.execute(
            f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND {checks} ORDER BY rowid DESC LIMIT ?",
            [fts, *(p for f in filters for p in f[3]), RANK_WINDOW])]
    _, sql, _, params = filters[narrowest]
    others = [f for i, f in enumerate(filters) if i != narrowest]
    if others:
        sql = f"SELECT d.r FROM ({sql}) d WHERE {' AND '.join(f[2].format(row='d.r') for f in others)}"
        params = [*params, *(p for f in others for p in f[3])]
    narrowed = [r[0] for r in db.execute(sql, params)]
    if not narrowed:
        return []
    # the candidates' rowid range bounds the walk of the match list
    return [r[0] for r in db.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND rowid <= ?"
        " AND +rowid IN (SELECT value FROM json_each(?)) ORDER BY rowid DESC LIMIT ?",
        [fts, min(narrowed), max(narrowed), json.dumps(narrowed), RANK_WINDOW])]


def _ranked_articles(store: Store, fts: str, *, limit: int, offset: int, filters: dict[str, Any]) -> list[dict[str, Any]]:
    """One page of ranked article hits: rank the candidates by rowid alone, then read articles and
    make snippets for the page's rows only."""
    db = store.db
    if any(v not in (None, "") for v in filters.values()):
        ranked = _ranked_candidates(store, fts, **filters)
        if not ranked:
            return []
        page = [r[0] for r in db.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND rowid <= ?"
            " AND +rowid IN (SELECT value FROM json_each(?)) ORDER BY bm25(articles_fts) LIMIT ? OFFSET ?",
            (fts, min(ranked), max(ranked), json.dumps(ranked), limit, offset))]
    else:
        page = [r[0] for r in db.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ? OFFSET ?",
            (fts, _window_start(store, "articles_fts", fts), limit, offset))]
    if not page:
        return []
    found = {r["rowid"]: r for r in rows(
        db,
        "SELECT articles_fts.rowid AS rowid, a.id, a.title, a.published, a.outlet, a.source,"
        " snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet"
        " FROM articles_fts CROSS JOIN articles a ON a.rowid = articles_fts.rowid"
        f" WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({','.join('?' * len(page))})",
        [fts, *page],
    )}
    return [{k: v for k, v in found[r].items() if k != "rowid"} for r in page if r in found]


def _count(db: sqlite3.Connection, sql: str, params: list[Any]) -> int:
    """How many rows ``sql`` yields, counted up to ``COUNT_CAP``."""
    return db.execute(f"SELECT count(*) FROM ({sql} LIMIT {COUNT_CAP})", params).fetchone()[0]
