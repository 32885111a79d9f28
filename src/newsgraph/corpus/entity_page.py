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
from ..store.queries import rows, timex_day
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
    for r in db.execute("SELECT name, role, variants FROM article_entities WHERE entity_id = ? LIMIT 2000", (entity_id,)):
        names[r["name"]] += 1
        if r["role"]:
            roles[r["role"]] += 1
        variants.update(json.loads(r["variants"] or "[]"))
    page["names"] = [{"name": n, "articles": c} for n, c in names.most_common(20)]
    page["variants"] = [{"text": v, "count": c} for v, c in variants.most_common(30)]
    page["roles"] = [{"role": r, "articles": c} for r, c in roles.most_common(10)]
    page["articles"] = db.execute("SELECT count(*) FROM article_entities WHERE entity_id = ?", (entity_id,)).fetchone()[0]
    page["limit"], page["offset"] = limit, offset
    page["mentions"] = rows(
        db,
        "SELECT m.article_id, m.start, m.end, m.text, a.published, a.title FROM article_entities ae"
        " JOIN mentions m ON m.article_id = ae.article_id AND m.local_id = ae.local_id"
        " JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = ?"
        " ORDER BY a.published IS NULL, a.published, m.article_id, m.start LIMIT ? OFFSET ?",
        (entity_id, limit, offset),
    )
    page["quotes"] = rows(
        db,
        f"SELECT q.id, q.article_id, q.kind, q.start, q.end, q.text, q.cue, q.date AS timex,"
        f" COALESCE({timex_day('q.date')}, a.published) AS date, a.published, a.title FROM quotes q"
        f" JOIN articles a ON a.id = q.article_id WHERE q.speaker_entity_id = ?"
        f" ORDER BY date IS NULL, date, q.article_id, q.start LIMIT ? OFFSET ?",
        (entity_id, limit, offset),
    )
    page["events"] = rows(
        db,
        f"SELECT ev.id, ev.article_id, ev.type, ev.mode, ev.trigger_start AS start, ev.trigger_end AS end,"
        f" ev.trigger_text AS text, ev.modality, ev.negated, ev.date AS timex,"
        f" CASE WHEN ev.place_entity_id = ?1 THEN 'place' ELSE"
        f"  (SELECT group_concat(DISTINCT role) FROM event_participants p WHERE p.event_id = ev.id AND p.entity_id = ?1)"
        f" END AS as_role,"
        f" COALESCE({timex_day('ev.date')}, a.published) AS date, a.published, a.title"
        f" FROM events ev JOIN articles a ON a.id = ev.article_id"
        f" WHERE ev.id IN (SELECT event_id FROM event_participants WHERE entity_id = ?1"
        f"  UNION SELECT id FROM events WHERE place_entity_id = ?1)"
        f" ORDER BY date IS NULL, date, ev.article_id, ev.trigger_start LIMIT ?2 OFFSET ?3",
        (entity_id, limit, offset),
    )
    page["positions"] = rows(
        db,
        "SELECT p.article_id, p.issue, p.stance, p.start, p.end, p.evidence, p.confidence, a.published, a.title"
        " FROM positions p JOIN articles a ON a.id = p.article_id WHERE p.holder_entity_id = ?"
        " ORDER BY a.published IS NULL, a.published, p.issue LIMIT ? OFFSET ?",
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
    """Actors (people, organisations, groups, countries) named in the same articles, most shared first."""
    return rows(
        store.db,
        "SELECT e.id, e.name, e.type, count(DISTINCT other.article_id) AS articles"
        " FROM article_entities mine JOIN article_entities other"
        "   ON other.article_id = mine.article_id AND other.entity_id != mine.entity_id"
        " JOIN entities e ON e.id = other.entity_id"
        " WHERE mine.entity_id = ? AND e.type IN ('PERSON', 'ORG', 'NORP', 'GPE')"
        " GROUP BY e.id ORDER BY articles DESC, e.name LIMIT ?",
        (entity_id, limit),
    )
