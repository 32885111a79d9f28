"""The embedded store: one SQLite file (WAL, FTS5) that any SQLite tool can open.

Each article goes in with all its records in one transaction, so a crash or Ctrl-C
leaves either the whole article or none of it; article ids are content hashes, so
running an ingest again stores nothing twice and finishes what was left.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from ..model import SCHEMA_VERSION, Analysis, Entity
from ..resolve import name_key, same_actor, translit_key
from .schema import MIGRATIONS

STORIES_MIGRATION = 7  # the schema version from which stories are kept incrementally


class StoreError(RuntimeError):
    """The store cannot be opened or used; the message says why."""


class Store:
    """A newsgraph database. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        try:
            if readonly:
                uri = f"file:{self.path}?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)
            else:
                self.db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA busy_timeout = 30000")
            self.db.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self._retry_while_locked(self._prepare)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable newsgraph database ({exc})") from None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- schema -------------------------------------------------------------

    def _prepare(self) -> None:
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")
        self._migrate()

    def _retry_while_locked(self, step, seconds: float = 30.0) -> None:
        """Run ``step``, again while SQLite says 'database is locked'. Switching a new file to
        WAL while other processes open it too can fail at once, without the busy timeout."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                return step()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _migrate(self) -> None:
        before = self._schema_version()
        while (version := self._schema_version()) < len(MIGRATIONS):
            with self.transaction():
                # Read again under the write lock: another process opening the same new store
                # at the same moment may have applied this migration while we waited.
                if self._schema_version() != version:
                    continue
                for statement in _statements(MIGRATIONS[version]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {version + 1}")
                if version + 1 == STORIES_MIGRATION and before < STORIES_MIGRATION:
                    # stories are kept as articles arrive from now on; the ones stored before are
                    # grouped once, in batch, in the migration's transaction
                    from ..corpus.stories import regroup_stories

                    regroup_stories(self)

    def _schema_version(self) -> int:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path} was written by a newer newsgraph (schema {version}); upgrade newsgraph to open it"
            )
        return version

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error (including KeyboardInterrupt)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- writing ------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def add_many(self, analyses: Iterable[Analysis]) -> int:
        """Store a batch in one transaction; returns how many were new."""
        with self.transaction():
            return sum(self._insert(a) for a in analyses)

    def add(self, analysis: Analysis) -> bool:
        return self.add_many([analysis]) == 1

    def record_problem(self, source: str, message: str) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO problems(source, message) VALUES (?, ?)", (source, message))

    def _insert(self, analysis: Analysis) -> bool:
        a = analysis.article
        if self.has_article(a.id):
            return False
        db = self.db
        db.execute(
            "INSERT INTO articles(id, text, published, title, outlet, url, language, source, schema_version, analysis)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            (a.id, a.text, a.published, a.title, a.outlet, a.url, a.language, a.source,
             SCHEMA_VERSION, analysis.to_json()),
        )
        corpus_id = {}
        for e in analysis.entities:
            corpus_id[e.id] = self.link_entity(e)
            db.execute(
                "INSERT INTO article_entities VALUES (?,?,?,?,?,?,?,?)",
                (a.id, e.id, corpus_id[e.id], e.name, e.type, e.role, json.dumps(e.variants), e.confidence),
            )
            db.executemany(
                "INSERT INTO mentions VALUES (?,?,?,?,?)",
                [(a.id, e.id, m.start, m.end, m.text) for m in e.mentions],
            )
        db.executemany(
            "INSERT INTO quotes(article_id, kind, start, end, text, speaker_name, speaker_entity_id, cue, date, confidence)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(a.id, q.kind, q.start, q.end, q.text, q.speaker.name or q.speaker.text,
              corpus_id.get(q.speaker.entity), q.cue.text if q.cue else None, q.date, q.confidence)
             for q in analysis.quotes],
        )
        db.executemany(
            "INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?)",
            [(a.id, s.start, s.end, s.text, s.source.name, corpus_id.get(s.source.entity),
              s.claim.start, s.claim.end, s.confidence) for s in analysis.sources],
        )
        db.executemany(
            "INSERT INTO timex VALUES (?,?,?,?,?,?)",
            [(a.id, t.start, t.end, t.text, t.type, t.value) for t in analysis.timex],
        )
        for ev in analysis.events:
            cur = db.execute(
                "INSERT INTO events(article_id, type, mode, trigger_start, trigger_end, trigger_text,"
                " place_entity_id, date, modality, negated, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (a.id, ev.type, ev.mode, ev.trigger.start, ev.trigger.end, ev.trigger.text,
                 corpus_id.get(ev.place), ev.date, ev.modality, int(ev.negated), ev.confidence),
            )
            db.executemany(
                "INSERT INTO event_participants VALUES (?,?,?)",
                [(cur.lastrowid, role, corpus_id[ent]) for role, ents in (("actor", ev.actors), ("target", ev.targets))
                 for ent in ents if ent in corpus_id],
            )
        db.executemany(
            "INSERT INTO positions VALUES (?,?,?,?,?,?,?,?,?)",
            [(a.id, corpus_id.get(p.holder), p.holder_name, p.issue, p.stance, p.evidence.start,
              p.evidence.end, p.evidence.text, p.confidence) for p in analysis.positions],
        )
        db.executemany(
            "INSERT INTO framing VALUES (?,?,?,?,?,?,?)",
            [(a.id, f.start, f.end, f.text, f.technique, f.speaker.name or f.speaker.text,
              corpus_id.get(f.speaker.entity)) for f in analysis.framing],
        )
        # corpus views import the store, so the story hook is imported late
        from ..corpus.stories import assign_story

        assign_story(db, a.id, a.title, a.text, a.published)
        return True

    def link_entity(self, entity: Entity) -> int:
        """The corpus entity an article's entity is: the same Wikidata id, a known name of it
        (including names a user's merge or split assigned), or a spelling variant of the same
        type (``resolve.same_actor``); else a new corpus entity. Its names are remembered."""
        keys = _alias_keys(entity)
        found = None
        for key in keys if entity.kb_id else keys[1:]:
            row = self.db.execute("SELECT entity_id FROM entity_aliases WHERE key = ?", (key,)).fetchone()
            if row:
                found = row[0]
                break
        if found is None:
            found = self._fuzzy_match(entity)
        if found is None:
            cur = self.db.execute(
                "INSERT INTO entities(key, name, type, kb_id, block) VALUES (?,?,?,?,?)",
                (keys[0] if entity.kb_id else keys[1], entity.name, entity.type, entity.kb_id, _block(entity)),
            )
            found = cur.lastrowid
        self.db.executemany(
            "INSERT OR IGNORE INTO entity_aliases(key, entity_id) VALUES (?, ?)", [(k, found) for k in keys if k]
        )
        return found

    def _fuzzy_match(self, entity: Entity) -> int | None:
        best, best_score = None, 0.0
        rows = self.db.execute("SELECT id, name, type FROM entities WHERE block = ?", (_block(entity),))
        for row in rows:
            score = same_actor(entity.name, row["name"], entity.type, row["type"])
            if score > best_score:
                best, best_score = row["id"], score
        return best

    def merge_entities(self, keep: int, other: int) -> None:
        """The user says two corpus entities are one actor: ``other`` is folded into ``keep``."""
        if keep == other:
            raise StoreError("cannot merge an entity with itself")
        with self.transaction():
            names = self._entity_names(keep, other)
            for table, column in _ENTITY_REFERENCES:
                self.db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (keep, other))
            self.db.execute("UPDATE OR IGNORE entity_aliases SET entity_id = ? WHERE entity_id = ?", (keep, other))
            self.db.execute("DELETE FROM entities WHERE id = ?", (other,))
            self._log("merge", {"keep": keep, "other": other, "names": names})

    def split_entity(self, entity_id: int, variant: str) -> int:
        """The user says articles naming the actor ``variant`` are someone else: those go to a new
        entity, and later articles with that name link to it."""
        with self.transaction():
            row = self.db.execute("SELECT type FROM entities WHERE id = ?", (entity_id,)).fetchone()
            if row is None:
                raise StoreError(f"no entity with id {entity_id}")
            key = name_key(variant)
            moved = [
                (r["article_id"], r["local_id"])
                for r in self.db.execute(
                    "SELECT article_id, local_id, name, variants FROM article_entities WHERE entity_id = ?", (entity_id,)
                )
                if key in {name_key(v) for v in [r["name"], *json.loads(r["variants"])]}
            ]
            if not moved:
                raise StoreError(f"entity {entity_id} has no article that names it {variant!r}")
            cur = self.db.execute(
                "INSERT INTO entities(key, name, type, block) VALUES (?,?,?,?)",
                (f"split:{entity_id}:{row['type']}:{key}", variant, row["type"],
                 f"{row['type']}:{translit_key(variant.split()[-1])[:3]}"),
            )
            new = cur.lastrowid
            for article_id, local_id in moved:
                self.db.execute(
                    "UPDATE article_entities SET entity_id = ? WHERE article_id = ? AND local_id = ?",
                    (new, article_id, local_id),
                )
                self._repoint_article_records(article_id, entity_id, new, local_id)
            self.db.execute(
                "INSERT OR REPLACE INTO entity_aliases(key, entity_id) VALUES (?, ?)", (f"{row['type']}:{key}", new)
            )
            self._log("split", {"from": entity_id, "new": new, "variant": variant, "articles": len(moved)})
            return new

    def _repoint_article_records(self, article_id: str, old: int, new: int, local_id: str) -> None:
        """Records of one article that named the split-off actor follow it to the new entity."""
        analysis = self.analysis(article_id)
        if analysis is None:
            return
        quotes = [q.start for q in analysis.quotes if q.speaker.entity == local_id]
        self.db.executemany(
            "UPDATE quotes SET speaker_entity_id = ? WHERE article_id = ? AND start = ? AND speaker_entity_id = ?",
            [(new, article_id, start, old) for start in quotes],
        )
        for table, column in (("sources", "source_entity_id"), ("positions", "holder_entity_id"),
                              ("framing", "speaker_entity_id"), ("events", "place_entity_id")):
            self.db.execute(
                f"UPDATE {table} SET {column} = ? WHERE article_id = ? AND {column} = ?", (new, article_id, old)
            )
        self.db.execute(
            "UPDATE event_participants SET entity_id = ? WHERE entity_id = ? AND event_id IN "
            "(SELECT id FROM events WHERE article_id = ?)", (new, old, article_id),
        )

    def _entity_names(self, *ids: int) -> list[str]:
        marks = ",".join("?" * len(ids))
        return [r[0] for r in self.db.execute(f"SELECT name FROM entities WHERE id IN ({marks})", ids)]

    def _log(self, kind: str, detail: dict) -> None:
        self.db.execute("INSERT INTO entity_decisions(kind, detail) VALUES (?, ?)", (kind, json.dumps(detail)))

    # -- reading ------------------------------------------------------------

    def analysis(self, article_id: str) -> Analysis | None:
        row = self.db.execute("SELECT analysis FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Analysis.model_validate_json(row[0]) if row else None

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY rowid")]

    def counts(self) -> dict[str, int]:
        tables = ("articles", "entities", "mentions", "quotes", "sources", "timex", "events", "positions",
                  "framing", "problems")
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[dict]:
        """Full-text search over article titles and text, best match first, with a highlighted snippet."""
        fts = fts_query(query)
        if not fts:
            return []
        rows = self.db.execute(
            "SELECT a.id, a.title, a.published, a.outlet, a.source,"
            " snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
            (fts, limit, offset),
        )
        return [dict(r) for r in rows]

    def search_quotes(self, query: str, *, limit: int = 20, offset: int = 0) -> list[dict]:
        """Full-text search over quotation text and speaker names."""
        fts = fts_query(query)
        if not fts:
            return []
        rows = self.db.execute(
            "SELECT q.article_id, q.kind, q.start, q.end, q.text, q.speaker_name, a.published"
            " FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid JOIN articles a ON a.id = q.article_id"
            " WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
            (fts, limit, offset),
        )
        return [dict(r) for r in rows]


_ENTITY_REFERENCES = (
    ("article_entities", "entity_id"), ("quotes", "speaker_entity_id"), ("sources", "source_entity_id"),
    ("events", "place_entity_id"), ("event_participants", "entity_id"), ("positions", "holder_entity_id"),
    ("framing", "speaker_entity_id"),
)


def _alias_keys(entity: Entity) -> list[str]:
    """[Wikidata key or '', the canonical name key, then the keys of its other spellings]."""
    keys = [f"kb:{entity.kb_id}" if entity.kb_id else "", f"{entity.type}:{name_key(entity.name)}"]
    keys += [f"{entity.type}:{name_key(v)}" for v in entity.variants if len(name_key(v).split()) > 1]
    return list(dict.fromkeys(keys))


def _block(entity: Entity) -> str:
    """Blocking key for fuzzy linking: type and the start of the last name word's spelling key."""
    last = name_key(entity.name).split()[-1:] or [""]
    return f"{entity.type}:{translit_key(last[0])[:3]}"


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(query: str) -> str:
    """A user's words as a safe FTS5 query: every word quoted (no operators injected), all required."""
    return " ".join(f'"{w}"' for w in _WORD.findall(query))


def _statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies (which contain ';') whole."""
    statements, buf = [], []
    for line in script.strip().splitlines():
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            buf = []
    if "".join(buf).strip():
        statements.append("\n".join(buf))
    return statements
