"""The SQLite schema as an ordered list of migrations; ``PRAGMA user_version`` says how many ran.

Append a migration to change the schema, never edit one that has shipped: a store written
by an older newsgraph is brought up to date when it is opened.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: articles, per-article records, corpus entities, full-text search
    """
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        published TEXT,
        title TEXT,
        outlet TEXT,
        url TEXT,
        language TEXT,
        source TEXT,
        schema_version INTEGER NOT NULL,
        analysis TEXT NOT NULL,
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_outlet ON articles(outlet);

    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        kb_id TEXT,
        block TEXT NOT NULL
    );
    CREATE INDEX entities_name ON entities(name);
    CREATE INDEX entities_block ON entities(block);

    -- every name key an entity is known by: the first match wins when linking a new article
    CREATE TABLE entity_aliases (
        key TEXT PRIMARY KEY,
        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE
    );
    CREATE INDEX entity_aliases_entity ON entity_aliases(entity_id);

    -- the user's merge and split decisions, kept as a log
    CREATE TABLE entity_decisions (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
        detail TEXT NOT NULL,
        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
    );

    CREATE TABLE article_entities (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        role TEXT,
        variants TEXT NOT NULL,
        confidence REAL NOT NULL,
        PRIMARY KEY (article_id, local_id)
    );
    CREATE INDEX article_entities_entity ON article_entities(entity_id);

    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX mentions_article ON mentions(article_id, local_id);

    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        speaker_name TEXT,
        speaker_entity_id INTEGER REFERENCES entities(id),
        cue TEXT,
        date TEXT,
        confidence REAL NOT NULL
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE INDEX quotes_speaker ON quotes(speaker_entity_id);

    CREATE TABLE sources (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        source_name TEXT NOT NULL,
        source_entity_id INTEGER REFERENCES entities(id),
        claim_start INTEGER NOT NULL,
        claim_end INTEGER NOT NULL,
        confidence REAL NOT NULL
    );
    CREATE INDEX sources_article ON sources(article_id);

    CREATE TABLE timex (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        type TEXT NOT NULL,
        value TEXT NOT NULL
    );
    CREATE INDEX timex_article ON timex(article_id);
    CREATE INDEX timex_value ON timex(value);

    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        mode TEXT,
        trigger_start INTEGER NOT NULL,
        trigger_end INTEGER NOT NULL,
        trigger_text TEXT NOT NULL,
        place_entity_id INTEGER REFERENCES entities(id),
        date TEXT,
        modality TEXT NOT NULL,
        negated INTEGER NOT NULL,
        confidence REAL NOT NULL
    );
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX events_type_date ON events(type, date);

    CREATE TABLE event_participants (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('actor', 'target')),
        entity_id INTEGER NOT NULL REFERENCES entities(id)
    );
    CREATE INDEX event_participants_entity ON event_participants(entity_id);

    CREATE TABLE positions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        holder_entity_id INTEGER REFERENCES entities(id),
        holder_name TEXT NOT NULL,
        issue TEXT NOT NULL,
        stance TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        evidence TEXT NOT NULL,
        confidence REAL NOT NULL
    );
    CREATE INDEX positions_issue ON positions(issue, holder_entity_id);

    CREATE TABLE framing (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        technique TEXT NOT NULL,
        speaker_name TEXT,
        speaker_entity_id INTEGER REFERENCES entities(id)
    );
    CREATE INDEX framing_article ON framing(article_id);

    CREATE TABLE problems (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        message TEXT NOT NULL,
        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
    );

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;

    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        text, speaker_name, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (new.id, new.text, new.speaker_name);
    END;
    CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name) VALUES ('delete', old.id, old.text, old.speaker_name);
    END;
    """,
    # 2: events by place, for entity pages and timelines of places
    """
    CREATE INDEX IF NOT EXISTS events_place ON events(place_entity_id);
    """,
]
