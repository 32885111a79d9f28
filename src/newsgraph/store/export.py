"""Export a store as JSONL (one Analysis per line), or CSV / Parquet (one file per table)."""

from __future__ import annotations

import csv
from pathlib import Path

from .db import Store

TABLES = (
    "articles", "entities", "article_entities", "mentions", "quotes", "sources", "timex",
    "events", "event_participants", "positions", "framing", "problems",
)
FORMATS = ("jsonl", "csv", "parquet")
_CHUNK = 5000


def export(store: Store, fmt: str, out: Path) -> list[Path]:
    """Write the store to ``out`` (a folder) and return the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        path = out / "analyses.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for (doc,) in store.db.execute("SELECT analysis FROM articles ORDER BY rowid"):
                fh.write(doc + "\n")
        return [path]
    return [_export_table(store, table, fmt, out) for table in TABLES]


def _columns(store: Store, table: str) -> list[str]:
    cols = [r[1] for r in store.db.execute(f"PRAGMA table_info({table})")]
    return [c for c in cols if c != "analysis"]  # the JSON document goes to the jsonl export


def _export_table(store: Store, table: str, fmt: str, out: Path) -> Path:
    cols = _columns(store, table)
    cursor = store.db.execute(f"SELECT {', '.join(cols)} FROM {table}")
    if fmt == "csv":
        path = out / f"{table}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(cols)
            while rows := cursor.fetchmany(_CHUNK):
                writer.writerows(tuple(r) for r in rows)
        return path
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = out / f"{table}.parquet"
    schema = _arrow_schema(store, table, cols)
    with pq.ParquetWriter(path, schema) as writer:
        writer.write_table(schema.empty_table())
        while rows := cursor.fetchmany(_CHUNK):
            writer.write_table(pa.Table.from_pylist([dict(zip(cols, r)) for r in rows], schema=schema))
    return path


def _arrow_schema(store: Store, table: str, cols: list[str]):
    """Arrow types from the declared SQLite column types, so empty and NULL-only columns keep their type."""
    import pyarrow as pa

    declared = {r[1]: (r[2] or "").upper() for r in store.db.execute(f"PRAGMA table_info({table})")}
    mapping = {"INTEGER": pa.int64(), "REAL": pa.float64()}
    return pa.schema([(c, mapping.get(declared[c], pa.string())) for c in cols])
