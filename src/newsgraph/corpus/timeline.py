"""Timelines: the dated events and statements of a story, of an entity, or of a search, in date order.

An item's date is the TIMEX3 value attached to it when that names a day, week, month or year;
otherwise the article's publication date (``dated_by`` says which). Sorting and paging happen
in SQL so an entity that occurs in thousands of articles still pages quickly.
"""

from __future__ import annotations

import re
from typing import Any

from ..store.db import Store, fts_query
from ..store.queries import rows, timex_day

MAX_QUERY_ARTICLES = 500
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*\s+|\n+")


def timeline(
    store: Store,
    *,
    story: list[str] | None = None,
    entity: int | None = None,
    query: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Events and quotations, earliest first, for the articles of a story, for one corpus entity
    (as actor, target, place or speaker), or for the articles matching a full-text query."""
    article_ids = list(story or [])
    if query is not None:
        fts = fts_query(query)
        if not fts:
            return []
        article_ids += [r[0] for r in store.db.execute(
            "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", (fts, MAX_QUERY_ARTICLES))]
        if not article_ids:
            return []
    ev_where, q_where, params_ev, params_q = ["1=1"], ["1=1"], [], []
    page: list[tuple[str, int]] | None = None
    if entity is not None and story is None and query is None:
        page = _entity_page(store, entity, limit, offset)
    elif article_ids or story is not None:
        page = _articles_page(store, article_ids, entity, limit, offset)
    if page is not None:
        # only the records of this page are read in full
        events = [r[1] for r in page if r[0] == "event"]
        quotes = [r[1] for r in page if r[0] == "quote"]
        ev_where.append(f"ev.id IN ({','.join('?' * len(events)) or 'NULL'})")
        q_where.append(f"q.id IN ({','.join('?' * len(quotes)) or 'NULL'})")
        params_ev += events
        params_q += quotes
        offset = 0
    sql = f"""
        SELECT * FROM (
          SELECT 'event' AS kind, ev.id AS record_id, ev.article_id, ev.type, ev.mode, ev.trigger_start AS start,
                 ev.trigger_end AS end, ev.trigger_text AS text, NULL AS speaker_name, NULL AS speaker_entity_id,
                 ev.modality, ev.negated, ev.date AS timex, {timex_day('ev.date')} AS tday,
                 a.published, a.title, a.outlet
          FROM events ev JOIN articles a ON a.id = ev.article_id WHERE {' AND '.join(ev_where)}
          UNION ALL
          SELECT 'quote', q.id, q.article_id, q.kind, NULL, q.start, q.end, q.text, q.speaker_name,
                 q.speaker_entity_id, NULL, 0, q.date, {timex_day('q.date')}, a.published, a.title, a.outlet
          FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {' AND '.join(q_where)}
        )
        ORDER BY COALESCE(tday, published) IS NULL, COALESCE(tday, published), article_id, start
        LIMIT ? OFFSET ?"""
    items = rows(store.db, sql, [*params_ev, *params_q, limit, offset])
    _decorate(store, items)
    return items


def _entity_page(store: Store, entity: int, limit: int, offset: int) -> list[tuple[str, int]]:
    """(kind, id) of one page of an entity's events and quotes: both are kept in date order
    (migration 3), so the first ``offset + limit`` of each are merged."""
    return [tuple(r) for r in store.db.execute(
        "SELECT kind, record_id FROM (SELECT * FROM (SELECT kind, record_id, sort, article_id, start"
        "  FROM entity_records WHERE entity_id = ?1 AND kind = 'event' ORDER BY sort, article_id, start LIMIT ?2)"
        " UNION ALL SELECT * FROM (SELECT kind, record_id, sort, article_id, start"
        "  FROM entity_records WHERE entity_id = ?1 AND kind = 'quote' ORDER BY sort, article_id, start LIMIT ?2))"
        " ORDER BY sort, article_id, start LIMIT ?3 OFFSET ?4",
        (entity, offset + limit, limit, offset),
    )]


def _articles_page(
    store: Store, article_ids: list[str], entity: int | None, limit: int, offset: int
) -> list[tuple[str, int]]:
    """(kind, id) of one page of the events and quotes in ``article_ids`` (of ``entity`` when given),
    sorted on their dates with each article's publication date read once."""
    if not article_ids:
        return []
    ev_extra, q_extra, entity_params_ev, entity_params_q = "", "", [], []
    if entity is not None:
        ev_extra = " AND (ev.place_entity_id = ? OR ev.id IN (SELECT event_id FROM event_participants WHERE entity_id = ?))"
        q_extra = " AND q.speaker_entity_id = ?"
        entity_params_ev, entity_params_q = [entity, entity], [entity]
    sql = f"""
        WITH arts AS MATERIALIZED (SELECT id, published FROM articles WHERE id IN ({','.join('?' * len(article_ids))}))
        SELECT kind, record_id FROM (
          SELECT 'event' AS kind, ev.id AS record_id, ev.article_id, ev.trigger_start AS start,
                 COALESCE({timex_day('ev.date')}, arts.published) AS day
          FROM arts JOIN events ev ON ev.article_id = arts.id WHERE 1=1{ev_extra}
          UNION ALL
          SELECT 'quote', q.id, q.article_id, q.start, COALESCE({timex_day('q.date')}, arts.published)
          FROM arts JOIN quotes q ON q.article_id = arts.id WHERE 1=1{q_extra}
        )
        ORDER BY day IS NULL, day, article_id, start LIMIT ? OFFSET ?"""
    return [tuple(r) for r in store.db.execute(
        sql, [*article_ids, *entity_params_ev, *entity_params_q, limit, offset])]


def _decorate(store: Store, items: list[dict[str, Any]]) -> None:
    """Add each item's date, its sentence, and an event's actors and targets by name."""
    event_ids = [i["record_id"] for i in items if i["kind"] == "event"]
    people: dict[int, dict[str, list[dict[str, Any]]]] = {}
    if event_ids:
        for r in store.db.execute(
            f"SELECT p.event_id, p.role, e.id, e.name FROM event_participants p JOIN entities e ON e.id = p.entity_id"
            f" WHERE p.event_id IN ({','.join('?' * len(event_ids))})", event_ids):
            people.setdefault(r[0], {"actor": [], "target": []})[r[1]].append({"id": r[2], "name": r[3]})
    texts: dict[str, str] = {}
    for item in items:
        item["date"] = item.pop("tday") or item["published"]
        item["dated_by"] = "text" if item["date"] != item["published"] or item["timex"] else "published"
        if item["article_id"] not in texts:
            row = store.db.execute("SELECT text FROM articles WHERE id = ?", (item["article_id"],)).fetchone()
            texts[item["article_id"]] = row[0] if row else ""
        item["sentence"] = sentence_around(texts[item["article_id"]], item["start"], item["end"])
        item["negated"] = bool(item["negated"])
        if item["kind"] == "event":
            roles = people.get(item["record_id"], {"actor": [], "target": []})
            item["actors"], item["targets"] = roles["actor"], roles["target"]


def sentence_around(text: str, start: int, end: int, *, reach: int = 300) -> str:
    """The sentence(s) holding ``text[start:end]``, cut at sentence ends within ``reach`` characters."""
    lo = max(0, start - reach)
    before = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    begin = before[-1] if before else lo
    after = _SENTENCE_END.search(text, max(end - 1, start), min(len(text), end + reach))
    stop = after.start() + 1 if after else min(len(text), end + reach)
    return text[begin:stop].strip()
