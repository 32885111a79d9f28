"""The actor network: who meets, accuses, threatens or quotes whom, as weighted directed edges.

Event edges run from an event's actors to its targets, labelled with the PLOVER type; speech
edges run from a quotation's speaker to each entity named inside the quoted words.
"""

from __future__ import annotations

from typing import Any

from ..store.db import Store
from ..store.queries import rows

SPEAKS_ABOUT = "SPEAKS_ABOUT"


def all_edges(store: Store) -> list[dict[str, Any]]:
    """Every aggregated edge ``{'source', 'target', 'type', 'count'}``, heaviest first (one pass; cacheable)."""
    return rows(
        store.db,
        "SELECT src AS source, dst AS target, type, count(*) AS count FROM ("
        "  SELECT a.entity_id AS src, t.entity_id AS dst, ev.type AS type FROM events ev"
        "  JOIN event_participants a ON a.event_id = ev.id AND a.role = 'actor'"
        "  JOIN event_participants t ON t.event_id = ev.id AND t.role = 'target'"
        "  UNION ALL"
        "  SELECT q.speaker_entity_id, ae.entity_id, :speaks FROM quotes q"
        "  JOIN mentions m ON m.article_id = q.article_id AND m.start >= q.start AND m.end <= q.end"
        "  JOIN article_entities ae ON ae.article_id = m.article_id AND ae.local_id = m.local_id"
        "  WHERE q.speaker_entity_id IS NOT NULL"
        ") WHERE src != dst GROUP BY src, dst, type ORDER BY count DESC, src, dst, type",
        {"speaks": SPEAKS_ABOUT},
    )


def network(
    store: Store, *, entity: int | None = None, limit: int = 60, edges: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """``{'nodes': [...], 'edges': [...]}``: the ``limit`` heaviest edges, those touching ``entity``
    when given; pass ``edges`` (from :func:`all_edges`) to reuse a cached edge list."""
    found = [e for e in (edges if edges is not None else all_edges(store))
             if entity is None or entity in (e["source"], e["target"])][:limit]
    ids = sorted({e["source"] for e in found} | {e["target"] for e in found})
    nodes = rows(
        store.db, f"SELECT id, name, type FROM entities WHERE id IN ({','.join('?' * len(ids))})", ids
    ) if ids else []
    return {"nodes": nodes, "edges": found}
