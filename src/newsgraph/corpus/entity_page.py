"""Entity pages: everything the corpus says about one actor or place, by date.

Names and variants, stated roles, every mention, every quotation they are the speaker of,
every event they take part in, every position they hold, and the actors they co-occur with.
Long lists are paged with one ``limit``/``offset`` shared by the record lists.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ..store.db import Store
from ..store.queries import rows
from .timeline import sentence_around


def entity_page(store: Store, entity_id: int, *, limit: int = 50, offset: int = 0) -> dict[str, Any] | None:
    """The page of corpus entity ``entity_id``, or None when there is no such entity."""
    db = store.db
    head = db.execute("SELECT id, name, type, kb_id FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if head is None:
        return None
    page: dict[str, Any] = dict(head)
    names: Counter[str] = Counter()
    variants: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    # one row per distinct spelling, read from a covering index: exact counts even for frequent actors
    for r in db.execute(
        "SELECT name, role, variants, count(*) AS n FROM article_entities WHERE entity_id = ?"
        " GROUP BY name, role, variants", (entity_id,),
    ):
        names[r["name"]] += r["n"]
        if r["role"]:
            roles[r["role"]] += r["n"]
        for v in json.loads(r["variants"] or "[]"):
            variants[v] += r["n"]
    page["names"] = [{"name": n, "articles": c} for n, c in names.most_common(20)]
    page["variants"] = [{"text": v, "count": c} for v, c in variants.most_common(30)]
    page["roles"] = [{"role": r, "articles": c} for r, c in roles.most_common(10)]
    page["articles"] = db.execute("SELECT count(*) FROM entity_articles WHERE entity_id = ?", (entity_id,)).fetchone()[0]
    page["limit"], page["offset"] = limit, offset
    # each list walks the entity's date-ordered index (migration 3) for one page only
    page["mentions"] = rows(
        db,
        "SELECT x.article_id, m.start, m.end, m.text, a.published, a.title FROM"
        " (SELECT ea.sort, ea.article_id, m.rowid AS mention, m.start FROM entity_articles ea"
        "  CROSS JOIN article_entities ae ON ae.entity_id = ea.entity_id AND ae.article_id = ea.article_id"
        "  CROSS JOIN mentions m ON m.article_id = ae.article_id AND m.local_id = ae.local_id"
        "  WHERE ea.entity_id = ? ORDER BY ea.sort, ea.article_id, m.start LIMIT ? OFFSET ?) x"
        " JOIN mentions m ON m.rowid = x.mention JOIN articles a ON a.id = x.article_id"
        " ORDER BY x.sort, x.article_id, x.start",
        (entity_id, limit, offset),
    )
    page["quotes"] = rows(
        db,
        "SELECT q.id, q.article_id, q.kind, q.start, q.end, q.text, q.cue, q.date AS timex,"
        " NULLIF(r.sort, '~') AS date, a.published, a.title FROM (SELECT * FROM entity_records"
        "  WHERE entity_id = ? AND kind = 'quote' ORDER BY sort, article_id, start LIMIT ? OFFSET ?) r"
        " JOIN quotes q ON q.id = r.record_id JOIN articles a ON a.id = q.article_id"
        " ORDER BY r.sort, r.article_id, r.start",
        (entity_id, limit, offset),
    )
    page["events"] = rows(
        db,
        "SELECT ev.id, ev.article_id, ev.type, ev.mode, ev.trigger_start AS start, ev.trigger_end AS end,"
        " ev.trigger_text AS text, ev.modality, ev.negated, ev.date AS timex,"
        " CASE WHEN ev.place_entity_id = ?1 THEN 'place' ELSE"
        "  (SELECT group_concat(DISTINCT role) FROM event_participants p WHERE p.event_id = ev.id AND p.entity_id = ?1)"
        " END AS as_role,"
        " NULLIF(r.sort, '~') AS date, a.published, a.title FROM (SELECT * FROM entity_records"
        "  WHERE entity_id = ?1 AND kind = 'event' ORDER BY sort, article_id, start LIMIT ?2 OFFSET ?3) r"
        " JOIN events ev ON ev.id = r.record_id JOIN articles a ON a.id = ev.article_id"
        " ORDER BY r.sort, r.article_id, r.start",
        (entity_id, limit, offset),
    )
    page["positions"] = rows(
        db,
        "SELECT p.article_id, p.issue, p.stance, p.start, p.end, p.evidence, p.confidence, a.published, a.title"
        " FROM (SELECT * FROM entity_records WHERE entity_id = ? AND kind = 'position'"
        "  ORDER BY sort, article_id, start LIMIT ? OFFSET ?) r"
        " JOIN positions p ON p.rowid = r.record_id JOIN articles a ON a.id = p.article_id"
        " ORDER BY r.sort, r.article_id, r.start",
        (entity_id, limit, offset),
    )
    _add_sentences(store, page)
    page["co_occurring"] = co_occurring(store, entity_id)
    return page


def _add_sentences(store: Store, page: dict[str, Any]) -> None:
    texts: dict[str, str] = {}
    for section in ("mentions", "events"):
        for item in page[section]:
            if item["article_id"] not in texts:
                row = store.db.execute("SELECT text FROM articles WHERE id = ?", (item["article_id"],)).fetchone()
                texts[item["article_id"]] = row[0] if row else ""
            item["sentence"] = sentence_around(texts[item["article_id"]], item["start"], item["end"])
    for ev in page["events"]:
        ev["negated"] = bool(ev["negated"])


def co_occurring(store: Store, entity_id: int, *, limit: int = 20) -> list[dict[str, Any]]:
    """Actors (people, organisations, groups, countries) named in the same articles, most shared first
    (counts kept up to date by the store's triggers, so this reads one index range)."""
    return rows(
        store.db,
        "SELECT e.id, e.name, e.type, p.articles FROM entity_pairs p JOIN entities e ON e.id = p.other_id"
        " WHERE p.entity_id = ? AND p.articles > 0 AND e.type IN ('PERSON', 'ORG', 'NORP', 'GPE')"
        " ORDER BY p.articles DESC, e.name LIMIT ?",
        (entity_id, limit),
    )
