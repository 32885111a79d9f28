"""The position matrix: issue × holder, each cell the holder's latest stance with its history.

A cell's history lists every stated position, newest first, each with its evidence words and
the article they come from, so a changed stance shows when and where it changed.
"""

from __future__ import annotations

from typing import Any

from ..store.db import Store
from ..store.queries import rows


def position_matrix(
    store: Store, *, issue: str | None = None, entity: int | None = None, history: int = 10
) -> dict[str, Any]:
    """``{'issues': [...], 'holders': [...], 'cells': [...]}``; ``history`` caps each cell's list."""
    where, params = ["1=1"], []
    if issue:
        where.append("p.issue = ?")
        params.append(issue)
    if entity is not None:
        where.append("p.holder_entity_id = ?")
        params.append(entity)
    # Newest first within each (issue, holder) cell. Dates come from the entity-record index
    # (migration 3) where the holder is a corpus entity, so only the rows a cell keeps read their article.
    found = rows(
        store.db,
        "SELECT w.issue, w.holder_entity_id, w.hkey, w.total, COALESCE(e.name, p.holder_name) AS holder_name,"
        " p.stance, p.article_id, p.start, p.end, p.evidence, p.confidence, a.published, a.title, a.outlet"
        " FROM (SELECT *, row_number() OVER cell AS n, count(*) OVER (PARTITION BY issue, hkey) AS total"
        "  FROM (SELECT p.rowid AS prow, p.issue, p.holder_entity_id,"
        "   COALESCE('e' || p.holder_entity_id, 'n:' || p.holder_name) AS hkey,"
        "   COALESCE(r.sort, (SELECT COALESCE(published, '~') FROM articles WHERE id = p.article_id)) AS sort"
        "   FROM positions p LEFT JOIN entity_records r"
        "    ON r.entity_id = p.holder_entity_id AND r.kind = 'position' AND r.record_id = p.rowid"
        f"   WHERE {' AND '.join(where)})"
        "  WINDOW cell AS (PARTITION BY issue, hkey ORDER BY sort = '~', sort DESC, prow DESC)) w"
        " JOIN positions p ON p.rowid = w.prow JOIN articles a ON a.id = p.article_id"
        " LEFT JOIN entities e ON e.id = p.holder_entity_id"
        " WHERE w.n <= ? ORDER BY w.issue, w.hkey, w.n",
        [*params, history],
    )
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    holders: dict[str, dict[str, Any]] = {}
    issues: dict[str, int] = {}
    for p in found:
        key = p["hkey"]
        cell = cells.get((p["issue"], key))
        if cell is None:
            cell = cells[(p["issue"], key)] = {"issue": p["issue"], "holder": key, "count": p["total"], "history": []}
            holders.setdefault(key, {"key": key, "entity_id": p["holder_entity_id"], "name": p["holder_name"], "positions": 0})
            holders[key]["positions"] += p["total"]
            issues[p["issue"]] = issues.get(p["issue"], 0) + p["total"]
        cell["history"].append({k: p[k] for k in (
            "stance", "article_id", "start", "end", "evidence", "confidence", "published", "title", "outlet")})
    for cell in cells.values():
        cell["latest"] = cell["history"][0]
        cell["changed"] = len({h["stance"] for h in cell["history"]}) > 1
    return {
        "issues": sorted(issues, key=lambda i: (-issues[i], i)),
        "holders": sorted(holders.values(), key=lambda h: (-h["positions"], h["name"])),
        "cells": sorted(cells.values(), key=lambda c: (c["issue"], c["holder"])),
    }
