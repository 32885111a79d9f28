"""The SQLite schema as an ordered list of migrations; ``PRAGMA user_version`` says how many ran.

Append a migration to change the schema, never edit one that has shipped: a store written
by an older newsgraph is brought up to date when it is opened.
"""

from __future__ import annotations

# Frozen copies of the SQL the migrations use (a shipped migration must not change when the
# query helpers do): a TIMEX3 value as a sortable ISO day, else NULL (see queries.timex_day).
_DAY = """(CASE
  WHEN {v} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN substr({v}, 1, 10)
  WHEN {v} GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]*' THEN date(substr({v}, 1, 4) || '-01-04', 'weekday 0', '-6 days',
       '+' || (7 * (CAST(substr({v}, 7, 2) AS INTEGER) - 1)) || ' days')
  WHEN {v} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN {v} || '-01'
  WHEN {v} GLOB '[0-9][0-9][0-9][0-9]' THEN {v} || '-01-01'
  ELSE NULL END)"""
# the entity types an entity page lists as co-occurring actors
_ACTORS = "('PERSON', 'ORG', 'NORP', 'GPE')"


def _sort(timex: str | None, article: str) -> str:
    """An entity-page sort key: the record's TIMEX3 day, else its article's publication date, else '~'
    (after every date)."""
    published = f"(SELECT published FROM articles WHERE id = {article})"
    return f"COALESCE({_DAY.format(v=timex)}, {published}, '~')" if timex else f"COALESCE({published}, '~')"


# A story's summary recomputed from its articles (size, dates, earliest article, naming article):
# the most central titled article names it, as in the batch grouping.
STORY_REFRESH = """size = (SELECT count(*) FROM story_articles WHERE story_id = {story}),
    first_date = (SELECT min(a.published) FROM story_articles sa JOIN articles a ON a.id = sa.article_id
                  WHERE sa.story_id = {story}),
    last_date = (SELECT max(a.published) FROM story_articles sa JOIN articles a ON a.id = sa.article_id
                 WHERE sa.story_id = {story}),
    first_article = COALESCE((SELECT sa.article_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id
                              WHERE sa.story_id = {story} ORDER BY a.published IS NULL, a.published, a.id LIMIT 1),
                             first_article),
    title_article = COALESCE((SELECT sa.article_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id
                              WHERE sa.story_id = {story} ORDER BY a.title IS NULL, sa.centrality DESC, a.id LIMIT 1),
                             title_article)"""


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
    # 3: entity pages at scale. Denormalised, trigger-maintained (so ingest, merge, split and
    # deletes keep them right): each entity's articles and records (quotes it speaks, events it
    # takes part in or is the place of, positions it holds) in date order, and per entity the
    # actors it shares articles with, counted; an entity page then reads one index range per list.
    """
    CREATE TABLE entity_articles (
        entity_id INTEGER NOT NULL,
        article_id TEXT NOT NULL,
        sort TEXT NOT NULL,
        PRIMARY KEY (entity_id, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX entity_articles_order ON entity_articles(entity_id, sort, article_id);
    CREATE INDEX entity_articles_article ON entity_articles(article_id);

    CREATE TABLE entity_records (
        entity_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('quote', 'event', 'position')),
        record_id INTEGER NOT NULL,
        sort TEXT NOT NULL,
        article_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        PRIMARY KEY (entity_id, kind, record_id)
    ) WITHOUT ROWID;
    CREATE INDEX entity_records_order ON entity_records(entity_id, kind, sort, article_id, start);

    CREATE TABLE entity_pairs (
        entity_id INTEGER NOT NULL,
        other_id INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        PRIMARY KEY (entity_id, other_id)
    ) WITHOUT ROWID;

    CREATE INDEX IF NOT EXISTS event_participants_event ON event_participants(event_id, entity_id);
    -- names, roles and variants of an entity, counted from the index alone
    CREATE INDEX article_entities_names ON article_entities(entity_id, name, role, variants);

    INSERT OR IGNORE INTO entity_articles
        SELECT ae.entity_id, ae.article_id, COALESCE(a.published, '~')
        FROM article_entities ae JOIN articles a ON a.id = ae.article_id;
    INSERT INTO entity_pairs
        SELECT m.entity_id, o.entity_id, count(*) FROM entity_articles m
        JOIN entity_articles o ON o.article_id = m.article_id AND o.entity_id != m.entity_id
        JOIN entities e ON e.id = o.entity_id WHERE e.type IN {actors}
        GROUP BY m.entity_id, o.entity_id;
    INSERT OR IGNORE INTO entity_records
        SELECT q.speaker_entity_id, 'quote', q.id, {quote_sort}, q.article_id, q.start
        FROM quotes q WHERE q.speaker_entity_id IS NOT NULL;
    INSERT OR IGNORE INTO entity_records
        SELECT ev.place_entity_id, 'event', ev.id, {event_sort}, ev.article_id, ev.trigger_start
        FROM events ev WHERE ev.place_entity_id IS NOT NULL;
    INSERT OR IGNORE INTO entity_records
        SELECT p.entity_id, 'event', ev.id, {event_sort}, ev.article_id, ev.trigger_start
        FROM event_participants p JOIN events ev ON ev.id = p.event_id;
    INSERT OR IGNORE INTO entity_records
        SELECT p.holder_entity_id, 'position', p.rowid, {position_sort}, p.article_id, p.start
        FROM positions p WHERE p.holder_entity_id IS NOT NULL;

    CREATE TRIGGER entity_articles_ai AFTER INSERT ON entity_articles BEGIN
        INSERT INTO entity_pairs(entity_id, other_id, articles)
            SELECT new.entity_id, o.entity_id, 1 FROM entity_articles o JOIN entities e ON e.id = o.entity_id
            WHERE o.article_id = new.article_id AND o.entity_id != new.entity_id AND e.type IN {actors}
            ON CONFLICT(entity_id, other_id) DO UPDATE SET articles = articles + 1;
        INSERT INTO entity_pairs(entity_id, other_id, articles)
            SELECT o.entity_id, new.entity_id, 1 FROM entity_articles o
            WHERE o.article_id = new.article_id AND o.entity_id != new.entity_id
              AND (SELECT type FROM entities WHERE id = new.entity_id) IN {actors}
            ON CONFLICT(entity_id, other_id) DO UPDATE SET articles = articles + 1;
    END;
    CREATE TRIGGER entity_articles_ad AFTER DELETE ON entity_articles BEGIN
        UPDATE entity_pairs SET articles = articles - 1 WHERE entity_id = old.entity_id
            AND other_id IN (SELECT entity_id FROM entity_articles WHERE article_id = old.article_id);
        UPDATE entity_pairs SET articles = articles - 1 WHERE other_id = old.entity_id
            AND entity_id IN (SELECT entity_id FROM entity_articles WHERE article_id = old.article_id);
    END;

    CREATE TRIGGER article_entities_ai AFTER INSERT ON article_entities BEGIN
        INSERT OR IGNORE INTO entity_articles VALUES (new.entity_id, new.article_id, {article_sort_new});
    END;
    CREATE TRIGGER article_entities_ad AFTER DELETE ON article_entities BEGIN
        DELETE FROM entity_articles WHERE entity_id = old.entity_id AND article_id = old.article_id
            AND NOT EXISTS (SELECT 1 FROM article_entities WHERE article_id = old.article_id AND entity_id = old.entity_id);
    END;
    CREATE TRIGGER article_entities_au AFTER UPDATE OF entity_id ON article_entities BEGIN
        DELETE FROM entity_articles WHERE entity_id = old.entity_id AND article_id = old.article_id
            AND NOT EXISTS (SELECT 1 FROM article_entities WHERE article_id = old.article_id AND entity_id = old.entity_id);
        INSERT OR IGNORE INTO entity_articles VALUES (new.entity_id, new.article_id, {article_sort_new});
    END;

    CREATE TRIGGER quotes_entity_ai AFTER INSERT ON quotes WHEN new.speaker_entity_id IS NOT NULL BEGIN
        INSERT OR IGNORE INTO entity_records
            VALUES (new.speaker_entity_id, 'quote', new.id, {quote_sort_new}, new.article_id, new.start);
    END;
    CREATE TRIGGER quotes_entity_ad AFTER DELETE ON quotes WHEN old.speaker_entity_id IS NOT NULL BEGIN
        DELETE FROM entity_records WHERE entity_id = old.speaker_entity_id AND kind = 'quote' AND record_id = old.id;
    END;
    CREATE TRIGGER quotes_entity_au AFTER UPDATE OF speaker_entity_id ON quotes BEGIN
        DELETE FROM entity_records WHERE entity_id = old.speaker_entity_id AND kind = 'quote' AND record_id = old.id;
        INSERT OR IGNORE INTO entity_records
            SELECT new.speaker_entity_id, 'quote', new.id, {quote_sort_new}, new.article_id, new.start
            WHERE new.speaker_entity_id IS NOT NULL;
    END;

    CREATE TRIGGER events_entity_ai AFTER INSERT ON events WHEN new.place_entity_id IS NOT NULL BEGIN
        INSERT OR IGNORE INTO entity_records
            VALUES (new.place_entity_id, 'event', new.id, {event_sort_new}, new.article_id, new.trigger_start);
    END;
    CREATE TRIGGER events_entity_ad AFTER DELETE ON events WHEN old.place_entity_id IS NOT NULL BEGIN
        DELETE FROM entity_records WHERE entity_id = old.place_entity_id AND kind = 'event' AND record_id = old.id
            AND NOT EXISTS (SELECT 1 FROM event_participants WHERE event_id = old.id AND entity_id = old.place_entity_id);
    END;
    CREATE TRIGGER events_entity_au AFTER UPDATE OF place_entity_id ON events BEGIN
        DELETE FROM entity_records WHERE entity_id = old.place_entity_id AND kind = 'event' AND record_id = old.id
            AND NOT EXISTS (SELECT 1 FROM event_participants WHERE event_id = old.id AND entity_id = old.place_entity_id);
        INSERT OR IGNORE INTO entity_records
            SELECT new.place_entity_id, 'event', new.id, {event_sort_new}, new.article_id, new.trigger_start
            WHERE new.place_entity_id IS NOT NULL;
    END;

    CREATE TRIGGER event_participants_entity_ai AFTER INSERT ON event_participants BEGIN
        INSERT OR IGNORE INTO entity_records
            SELECT new.entity_id, 'event', ev.id, {event_sort}, ev.article_id, ev.trigger_start
            FROM events ev WHERE ev.id = new.event_id;
    END;
    CREATE TRIGGER event_participants_entity_ad AFTER DELETE ON event_participants BEGIN
        DELETE FROM entity_records WHERE entity_id = old.entity_id AND kind = 'event' AND record_id = old.event_id
            AND NOT EXISTS (SELECT 1 FROM event_participants WHERE event_id = old.event_id AND entity_id = old.entity_id)
            AND NOT EXISTS (SELECT 1 FROM events WHERE id = old.event_id AND place_entity_id = old.entity_id);
    END;
    CREATE TRIGGER event_participants_entity_au AFTER UPDATE OF entity_id ON event_participants BEGIN
        DELETE FROM entity_records WHERE entity_id = old.entity_id AND kind = 'event' AND record_id = old.event_id
            AND NOT EXISTS (SELECT 1 FROM event_participants WHERE event_id = old.event_id AND entity_id = old.entity_id)
            AND NOT EXISTS (SELECT 1 FROM events WHERE id = old.event_id AND place_entity_id = old.entity_id);
        INSERT OR IGNORE INTO entity_records
            SELECT new.entity_id, 'event', ev.id, {event_sort}, ev.article_id, ev.trigger_start
            FROM events ev WHERE ev.id = new.event_id;
    END;

    CREATE TRIGGER positions_entity_ai AFTER INSERT ON positions WHEN new.holder_entity_id IS NOT NULL BEGIN
        INSERT OR IGNORE INTO entity_records
            VALUES (new.holder_entity_id, 'position', new.rowid, {position_sort_new}, new.article_id, new.start);
    END;
    CREATE TRIGGER positions_entity_ad AFTER DELETE ON positions WHEN old.holder_entity_id IS NOT NULL BEGIN
        DELETE FROM entity_records WHERE entity_id = old.holder_entity_id AND kind = 'position' AND record_id = old.rowid;
    END;
    CREATE TRIGGER positions_entity_au AFTER UPDATE OF holder_entity_id ON positions BEGIN
        DELETE FROM entity_records WHERE entity_id = old.holder_entity_id AND kind = 'position' AND record_id = old.rowid;
        INSERT OR IGNORE INTO entity_records
            SELECT new.holder_entity_id, 'position', new.rowid, {position_sort_new}, new.article_id, new.start
            WHERE new.holder_entity_id IS NOT NULL;
    END;
    """.format(
        actors=_ACTORS,
        quote_sort=_sort("q.date", "q.article_id"),
        quote_sort_new=_sort("new.date", "new.article_id"),
        event_sort=_sort("ev.date", "ev.article_id"),
        event_sort_new=_sort("new.date", "new.article_id"),
        position_sort=_sort(None, "p.article_id"),
        position_sort_new=_sort(None, "new.article_id"),
        article_sort_new=_sort(None, "new.article_id"),
    ),
    # 4: filtered search at scale: an outlet's articles newest first without a sort, and the
    # articles with an event type read from an index alone
    """
    CREATE INDEX IF NOT EXISTS articles_outlet_published ON articles(outlet, published);
    CREATE INDEX IF NOT EXISTS events_type_article ON events(type, article_id);
    """,
    # 5: an entity page's mentions page deep (offset thousands) from indexes alone
    """
    CREATE INDEX IF NOT EXISTS mentions_article_start ON mentions(article_id, local_id, start);
    DROP INDEX IF EXISTS mentions_article;
    CREATE INDEX IF NOT EXISTS article_entities_entity_article ON article_entities(entity_id, article_id, local_id);
    DROP INDEX IF EXISTS article_entities_entity;
    """,
    # 6: each entity's articles by article rowid (the full-text index's key), so a search filtered
    # by entity checks or lists candidates from an index instead of reading article rows
    """
    CREATE TABLE entity_article_rows (
        entity_id INTEGER NOT NULL,
        article_rowid INTEGER NOT NULL,
        PRIMARY KEY (entity_id, article_rowid)
    ) WITHOUT ROWID;
    CREATE INDEX entity_article_rows_article ON entity_article_rows(article_rowid);
    INSERT OR IGNORE INTO entity_article_rows
        SELECT ea.entity_id, a.rowid FROM entity_articles ea JOIN articles a ON a.id = ea.article_id;
    CREATE TRIGGER entity_article_rows_ai AFTER INSERT ON entity_articles BEGIN
        INSERT OR IGNORE INTO entity_article_rows SELECT new.entity_id, rowid FROM articles WHERE id = new.article_id;
    END;
    CREATE TRIGGER entity_article_rows_ad AFTER DELETE ON entity_articles BEGIN
        DELETE FROM entity_article_rows WHERE entity_id = old.entity_id
            AND article_rowid = (SELECT rowid FROM articles WHERE id = old.article_id);
    END;
    CREATE TRIGGER entity_article_rows_article_ad AFTER DELETE ON articles BEGIN
        DELETE FROM entity_article_rows WHERE article_rowid = old.rowid;
    END;
    """,
    # 7: stories kept as articles arrive (corpus.stories.assign_story runs inside each article's
    # transaction): each article's story, centrality and heaviest words; per story its public id (its
    # earliest article), naming article, dates and size; the word and entity document frequencies
    # the similarity needs. Deleting an article (cascade) shrinks its story and refreshes its summary;
    # existing stores are grouped once in batch when this migration runs (Store._migrate).
    """
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        first_article TEXT NOT NULL,
        title_article TEXT NOT NULL,
        first_date TEXT,
        last_date TEXT,
        size INTEGER NOT NULL
    );
    CREATE INDEX stories_order ON stories(size DESC, last_date DESC, first_article);

    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id INTEGER NOT NULL,
        centrality REAL NOT NULL DEFAULT 0,
        terms TEXT NOT NULL -- its heaviest words and their counts, as a JSON object
    ) WITHOUT ROWID;
    CREATE INDEX story_articles_story ON story_articles(story_id);

    -- how many articles use each word ('' counts the articles themselves)
    CREATE TABLE story_terms (
        term TEXT PRIMARY KEY,
        df INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE entity_counts (
        entity_id INTEGER PRIMARY KEY,
        articles INTEGER NOT NULL
    );
    INSERT INTO entity_counts SELECT entity_id, count(*) FROM entity_articles GROUP BY entity_id;
    CREATE TRIGGER entity_counts_ai AFTER INSERT ON entity_articles BEGIN
        INSERT INTO entity_counts VALUES (new.entity_id, 1)
            ON CONFLICT(entity_id) DO UPDATE SET articles = articles + 1;
    END;
    CREATE TRIGGER entity_counts_ad AFTER DELETE ON entity_articles BEGIN
        UPDATE entity_counts SET articles = articles - 1 WHERE entity_id = old.entity_id;
    END;

    CREATE TRIGGER story_articles_ad AFTER DELETE ON story_articles BEGIN
        UPDATE stories SET {refresh} WHERE id = old.story_id;
        DELETE FROM stories WHERE id = old.story_id AND size = 0;
    END;
    """.format(refresh=STORY_REFRESH.format(story="old.story_id")),
]
