"""Stories: articles about the same happening, grouped, with the places where their sources disagree.

Two articles belong to one story when they appeared within a few days of each other, share
actors or places, and use the same distinctive words. Grouping is incremental: when an article is
stored, ``assign_story`` (called by ``Store._insert`` in the article's transaction) compares it only
with the articles of the ±``WINDOW_DAYS`` window that share an entity with it (entity index), joins
the story of its strongest link — merging other linked stories too, as long as no story spans more
than ``MAX_SPAN_DAYS`` — or starts a new one, and persists the result (migration 7), so reading
stories is a paged index read and no request ever waits for a regrouping. ``regroup_stories`` is
the batch grouping (strongest links first, union-find) over the whole store: run once when a store
is migrated, and on demand.

What the incremental grouping does not redo: a merge or split of entities changes the entities a
story lists (read live) but not which articles are grouped; deleting an article removes it from its
story (trigger) without splitting what it bridged; word and entity weights are those known when each
article arrived. ``regroup_stories`` recomputes all of it. An undated article pairs with any date, as
in the batch grouping, but only with each shared entity's ``UNDATED_PER_ENTITY`` latest articles.

Disagreements are computed for one story at a time, on demand: different figures for the same
counted thing, and different holders' stances on one issue.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..store.db import Store
from ..store.queries import rows
from ..store.schema import STORY_REFRESH

WINDOW_DAYS = 3
LINK_THRESHOLD = 0.35
MAX_SPAN_DAYS = 7
TERMS_PER_ARTICLE = 60
KEPT_TERMS = 2 * TERMS_PER_ARTICLE
MAX_CANDIDATES = 200  # articles one new article is compared with, those sharing the most entities first
UNDATED_PER_ENTITY = 50  # an undated article is compared with each shared entity's latest articles
_REFRESH = STORY_REFRESH.format(story=":story")  # a story's summary from its articles

_TOKEN = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_STOP = frozenset(
    """the and for that with was were are has have had this from but not his her its their they them she
    said says told would could should will also after before over into about than then there which who
    whom what when where while been being more most some such only other any all can may might our out
    one two three four five six seven eight nine ten new last next week day days year years month
    according reported report reports official officials""".split()
)


@dataclass
class _Doc:
    id: str
    title: str | None
    published: str | None
    outlet: str | None
    day: int | None
    entities: set[int] = field(default_factory=set)
    vector: dict[str, float] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)


def _day(published: str | None) -> int | None:
    try:
        return date.fromisoformat((published or "")[:10]).toordinal()
    except ValueError:
        return None


def _terms(title: str | None, text: str) -> Counter[str]:
    """The distinctive words of an article (title and text), counted."""
    return Counter(t for t in _TOKEN.findall(f"{title or ''} {text}".lower()) if t not in _STOP)


def _idf(df: dict[str, int], n: int) -> dict[str, float]:
    """Inverse document frequency of each counted word among ``n`` articles."""
    return {t: math.log(1 + n / max(1, c)) for t, c in df.items()}


def _heaviest(counts: Counter[str] | dict[str, int], idf: dict[str, float], k: int) -> list[tuple[str, float]]:
    """The ``k`` words of highest TF-IDF weight, with their weights."""
    weights = [(t, (1 + math.log(c)) * idf.get(t, 0.0)) for t, c in counts.items()]
    return sorted(weights, key=lambda kv: (-kv[1], kv[0]))[:k]


def _vector(counts: Counter[str] | dict[str, int], idf: dict[str, float]) -> dict[str, float]:
    """Unit TF-IDF vector of an article's ``TERMS_PER_ARTICLE`` heaviest words."""
    top = _heaviest(counts, idf, TERMS_PER_ARTICLE)
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {t: w / norm for t, w in top}


def _kept(counts: Counter[str], idf: dict[str, float]) -> str:
    """What the store keeps of an article's words (JSON): its ``KEPT_TERMS`` heaviest, counted, so later
    comparisons weigh them with the document frequencies of that time."""
    return json.dumps({t: counts[t] for t, _ in _heaviest(counts, idf, KEPT_TERMS)})


def _load(store: Store) -> tuple[list[_Doc], Counter[str]]:
    """Every article with its entities and vector (corpus-wide word weights), and the word counts."""
    docs = {
        r["id"]: _Doc(r["id"], r["title"], r["published"], r["outlet"], _day(r["published"]))
        for r in store.db.execute("SELECT id, title, published, outlet FROM articles")
    }
    for article_id, entity_id in store.db.execute("SELECT article_id, entity_id FROM article_entities"):
        if article_id in docs:
            docs[article_id].entities.add(entity_id)
    token_counts: dict[str, Counter[str]] = {}
    df: Counter[str] = Counter()
    for article_id, title, text in store.db.execute("SELECT id, title, text FROM articles"):
        counts = token_counts[article_id] = _terms(title, text)
        df.update(counts.keys())
    idf = _idf(df, max(1, len(docs)))
    for article_id, counts in token_counts.items():
        docs[article_id].vector = _vector(counts, idf)
        docs[article_id].counts = counts
    return sorted(docs.values(), key=lambda d: (d.day is None, d.day or 0, d.id)), df


def _overlap(a: set[int], b: set[int], idf: dict[int, float]) -> float:
    """IDF-weighted share of the smaller entity set found in the other: a short wire item inside a
    long report scores high, and sharing a rare actor counts more than sharing 'Russia'."""
    if not a or not b:
        return 0.0
    weight = lambda s: sum(idf.get(e, 1.0) for e in s)
    return weight(a & b) / min(weight(a), weight(b))


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def similarity(a: _Doc, b: _Doc, idf: dict[int, float]) -> float:
    """How alike two articles are: shared entities and TF-IDF cosine of their words, equally weighted."""
    return 0.5 * _overlap(a.entities, b.entities, idf) + 0.5 * _cosine(a.vector, b.vector)


def _entity_idf(docs: list[_Doc]) -> dict[int, float]:
    df = Counter(e for d in docs for e in d.entities)
    return {e: math.log(1 + len(docs) / c) for e, c in df.items()}


def _candidate_pairs(docs: list[_Doc], window: int) -> list[tuple[int, int]]:
    """Index pairs within ``window`` days of each other (undated articles pair with all) sharing an entity."""
    dated = [i for i, d in enumerate(docs) if d.day is not None]
    undated = [i for i, d in enumerate(docs) if d.day is None]
    days = [docs[i].day for i in dated]
    pairs: list[tuple[int, int]] = []
    for pos, i in enumerate(dated):
        for j in dated[pos + 1 : bisect_right(days, docs[i].day + window)]:
            if docs[i].entities & docs[j].entities:
                pairs.append((i, j))
    for k, i in enumerate(undated):
        for j in dated + undated[k + 1 :]:
            if docs[i].entities & docs[j].entities:
                pairs.append((i, j))
    return pairs


def _span_ok(*spans: tuple[int | None, int | None]) -> tuple[bool, tuple[int | None, int | None]]:
    """Whether stories with these day spans may be one (at most ``MAX_SPAN_DAYS``), and the joint span."""
    lo = [s[0] for s in spans if s[0] is not None]
    hi = [s[1] for s in spans if s[1] is not None]
    if not lo:
        return True, (None, None)
    return max(hi) - min(lo) <= MAX_SPAN_DAYS, (min(lo), max(hi))


def batch_groups(store: Store, *, window: int = WINDOW_DAYS, threshold: float = LINK_THRESHOLD
                 ) -> tuple[list[list[_Doc]], dict[str, float], Counter[str]]:
    """The whole store grouped at once: strongest links first, union-find, no story spanning more than
    ``MAX_SPAN_DAYS`` (day-by-day follow-ups would otherwise chain a long-running topic into one
    endless story). Returns the groups (date order), each article's centrality and the word counts."""
    docs, df = _load(store)
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    centrality = [0.0] * len(docs)
    idf = _entity_idf(docs)
    links = []
    for i, j in _candidate_pairs(docs, window):
        score = similarity(docs[i], docs[j], idf)
        if score >= threshold:
            centrality[i] += score
            centrality[j] += score
            links.append((score, i, j))
    span = {i: (d.day, d.day) for i, d in enumerate(docs)}
    for _score, i, j in sorted(links, reverse=True):
        a, b = find(i), find(j)
        if a == b:
            continue
        ok, joint = _span_ok(span[a], span[b])
        if ok:
            parent[a] = b
            span[b] = joint
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(docs)):
        groups[find(i)].append(i)
    return ([[docs[i] for i in members] for members in groups.values()],
            {d.id: centrality[i] for i, d in enumerate(docs)}, df)


def regroup_stories(store: Store) -> int:
    """Replace the stored stories by the batch grouping of the whole store (call inside a transaction);
    returns how many stories there are."""
    groups, centrality, df = batch_groups(store)
    db = store.db
    db.execute("DELETE FROM stories")
    db.execute("DELETE FROM story_articles")
    db.execute("DELETE FROM story_terms")
    db.executemany("INSERT INTO story_terms VALUES (?, ?)", [*df.items(), ("", len(centrality))])
    idf = _idf(df, max(1, len(centrality)))
    for members in groups:
        first = members[0].id
        story = db.execute(
            "INSERT INTO stories(first_article, title_article, size) VALUES (?, ?, 0)", (first, first)).lastrowid
        db.executemany(
            "INSERT INTO story_articles VALUES (?, ?, ?, ?)",
            [(d.id, story, centrality[d.id], _kept(d.counts, idf)) for d in members],
        )
        db.execute(f"UPDATE stories SET {_REFRESH} WHERE id = :story", {"story": story})
    return len(groups)


# -- incremental ------------------------------------------------------------------


def assign_story(db: sqlite3.Connection, article_id: str, title: str | None, text: str,
                 published: str | None) -> int:
    """Put a just-stored article (entities already linked) into a story; returns the story's row id.

    Compared only with articles of the ±``WINDOW_DAYS`` window sharing an entity (at most
    ``MAX_CANDIDATES``, those sharing the most entities first), with the batch similarity."""
    counts = _terms(title, text)
    words = json.dumps([*counts, ""])
    db.execute("INSERT INTO story_terms SELECT value, 1 FROM json_each(?) WHERE true"
               " ON CONFLICT(term) DO UPDATE SET df = df + 1", (words,))
    df = dict(db.execute("SELECT term, df FROM story_terms WHERE term IN (SELECT value FROM json_each(?))", (words,)))
    n = df.pop("", 1)
    idf = _idf(df, n)
    doc = _Doc(article_id, title, published, None, _day(published),
               {r[0] for r in db.execute("SELECT entity_id FROM entity_articles WHERE article_id = ?", (article_id,))},
               _vector(counts, idf))
    candidates, story_of_candidate = _candidates(db, doc, n)
    links: list[tuple[float, str]] = []
    if candidates:
        marks = json.dumps(list(candidates))
        for other, entity_id in db.execute(
                "SELECT article_id, entity_id FROM entity_articles WHERE article_id IN (SELECT value FROM json_each(?))",
                (marks,)):
            candidates[other].entities.add(entity_id)
        every = json.dumps(sorted(doc.entities.union(*(c.entities for c in candidates.values()))))
        entity_idf = {e: math.log(1 + n / max(1, c)) for e, c in db.execute(
            "SELECT entity_id, articles FROM entity_counts WHERE entity_id IN (SELECT value FROM json_each(?))", (every,))}
        for other in candidates.values():
            score = similarity(doc, other, entity_idf)
            if score >= LINK_THRESHOLD:
                links.append((score, other.id))
    db.executemany("UPDATE story_articles SET centrality = centrality + ? WHERE article_id = ?", links)
    best: dict[int, float] = {}
    for score, other in links:
        story_id = story_of_candidate[other]
        best[story_id] = max(best.get(story_id, 0.0), score)
    target = None
    span = (doc.day, doc.day)
    for story_id, _score in sorted(best.items(), key=lambda kv: (-kv[1], kv[0])):
        first, last = db.execute("SELECT first_date, last_date FROM stories WHERE id = ?", (story_id,)).fetchone()
        ok, joint = _span_ok(span, (_day(first), _day(last)))
        if not ok:
            continue
        span = joint
        if target is None:
            target = story_id
        else:  # the new article bridges two stories: they are one, as in the batch grouping
            db.execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?", (target, story_id))
            db.execute("DELETE FROM stories WHERE id = ?", (story_id,))
    if target is None:
        target = db.execute("INSERT INTO stories(first_article, title_article, size) VALUES (?, ?, 0)",
                            (article_id, article_id)).lastrowid
    db.execute("INSERT INTO story_articles VALUES (?, ?, ?, ?)",
               (article_id, target, sum(s for s, _ in links), _kept(counts, idf)))
    db.execute(f"UPDATE stories SET {_REFRESH} WHERE id = :story", {"story": target})
    return target


def _candidates(db: sqlite3.Connection, doc: _Doc, n: int) -> tuple[dict[str, _Doc], dict[str, int]]:
    """The stored articles ``doc`` may belong with (same window, a shared entity), with their word
    vectors weighed by today's document frequencies, and their stories."""
    if not doc.entities:
        return {}, {}
    if doc.day is None:  # any date: each shared entity's latest (undated first) articles
        shared: Counter[str] = Counter()
        for entity in sorted(doc.entities):
            shared.update(r[0] for r in db.execute(
                "SELECT article_id FROM entity_articles WHERE entity_id = ? AND article_id != ?"
                " ORDER BY sort DESC LIMIT ?", (entity, doc.id, UNDATED_PER_ENTITY)))
        ids = [a for a, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]]
    else:  # the window, and the undated articles
        lo = date.fromordinal(max(1, doc.day - WINDOW_DAYS)).isoformat()
        hi = date.fromordinal(doc.day + WINDOW_DAYS + 1).isoformat()
        entities = json.dumps(sorted(doc.entities))
        ids = [r[0] for r in db.execute(
            "SELECT article_id FROM ("
            " SELECT article_id FROM entity_articles WHERE entity_id IN (SELECT value FROM json_each(:e))"
            " AND sort >= :lo AND sort < :hi"
            " UNION ALL SELECT article_id FROM entity_articles WHERE entity_id IN (SELECT value FROM json_each(:e))"
            " AND sort = '~')"
            " WHERE article_id != :id GROUP BY article_id ORDER BY count(*) DESC, article_id LIMIT :n",
            {"e": entities, "lo": lo, "hi": hi, "id": doc.id, "n": MAX_CANDIDATES})]
    found, stories = {}, {}
    for r in db.execute(
            "SELECT sa.article_id, sa.story_id, sa.terms, a.published FROM story_articles sa"
            " JOIN articles a ON a.id = sa.article_id WHERE sa.article_id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),)):
        found[r[0]] = _Doc(r[0], None, r[3], None, _day(r[3]), set(), {}, json.loads(r[2]))
        stories[r[0]] = r[1]
    words = json.dumps(sorted({t for d in found.values() for t in d.counts}))
    idf = _idf(dict(db.execute(
        "SELECT term, df FROM story_terms WHERE term IN (SELECT value FROM json_each(?))", (words,))), n)
    for d in found.values():
        d.vector = _vector(d.counts, idf)
    return found, stories


# -- reading ------------------------------------------------------------------------

def count_stories(store: Store, *, min_size: int = 1) -> int:
    """How many stories have at least ``min_size`` articles."""
    return store.db.execute("SELECT count(*) FROM stories WHERE size >= ?", (min_size,)).fetchone()[0]


def list_stories(store: Store, *, limit: int = 50, offset: int = 0, min_size: int = 1) -> list[dict[str, Any]]:
    """A page of stories with at least ``min_size`` articles, biggest and latest first.

    Each story: ``id`` (its first article's id), ``title``, ``articles`` (ids in date order),
    ``first``/``last`` publication dates, ``outlets`` and ``entities`` (top shared entity ids)."""
    found = rows(store.db, "SELECT id, first_article, title_article, first_date, last_date FROM stories"
                 " WHERE size >= ? ORDER BY size DESC, last_date DESC, first_article LIMIT ? OFFSET ?",
                 (min_size, limit, offset))
    return _summaries(store, found)


def story_of(store: Store, article_id: str) -> dict[str, Any] | None:
    """The story holding ``article_id`` (any of its articles), or None."""
    found = rows(store.db, "SELECT s.id, s.first_article, s.title_article, s.first_date, s.last_date FROM stories s"
                 " JOIN story_articles sa ON sa.story_id = s.id WHERE sa.article_id = ?", (article_id,))
    return _summaries(store, found)[0] if found else None


def group_stories(store: Store) -> list[dict[str, Any]]:
    """Every story in the store (single-article ones included), biggest and latest first."""
    return list_stories(store, limit=-1)


def _summaries(store: Store, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stored stories as view dicts: articles, outlets and shared entities read for these stories only."""
    ids = json.dumps([s["id"] for s in found])
    members: dict[int, list[str]] = defaultdict(list)
    outlets: dict[int, set[str]] = defaultdict(set)
    for story, article, outlet in store.db.execute(
            "SELECT sa.story_id, a.id, a.outlet FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            " WHERE sa.story_id IN (SELECT value FROM json_each(?))"
            " ORDER BY a.published IS NULL, a.published, a.id", (ids,)):
        members[story].append(article)
        if outlet:
            outlets[story].add(outlet)
    shared: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for story, entity, count in store.db.execute(
            "SELECT sa.story_id, ea.entity_id, count(*) AS c FROM story_articles sa"
            " JOIN entity_articles ea ON ea.article_id = sa.article_id"
            " WHERE sa.story_id IN (SELECT value FROM json_each(?)) GROUP BY sa.story_id, ea.entity_id"
            " ORDER BY c DESC, ea.entity_id", (ids,)):
        shared[story].append((entity, count))
    titles = dict(store.db.execute(
        "SELECT id, title FROM articles WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps([s["title_article"] for s in found]),)))
    out = []
    for s in found:
        single = len(members[s["id"]]) == 1
        out.append({
            "id": s["first_article"],
            "title": titles.get(s["title_article"]) or _untitled(store, s["title_article"]),
            "articles": members[s["id"]],
            "first": s["first_date"],
            "last": s["last_date"],
            "outlets": sorted(outlets[s["id"]]),
            "entities": [e for e, c in shared[s["id"]][:8] if c > 1 or single],
        })
    return out


def _untitled(store: Store, article_id: str) -> str:
    row = store.db.execute("SELECT substr(text, 1, 200) FROM articles WHERE id = ?", (article_id,)).fetchone()
    first = (row[0] if row else "").split("\n")[0].strip()
    return first[:90] + ("…" if len(first) > 90 else "")


def story_detail(store: Store, story: dict[str, Any]) -> dict[str, Any]:
    """One story with its articles' metadata, entity names and where its sources disagree."""
    ids = story["articles"]
    marks = ",".join("?" * len(ids))
    articles = rows(
        store.db,
        f"SELECT id, title, published, outlet, source FROM articles WHERE id IN ({marks})"
        " ORDER BY published IS NULL, published, id",
        ids,
    )
    entities = rows(
        store.db,
        f"SELECT id, name, type FROM entities WHERE id IN ({','.join('?' * len(story['entities']))})",
        story["entities"],
    ) if story["entities"] else []
    order = {e: k for k, e in enumerate(story["entities"])}
    entities.sort(key=lambda e: order[e["id"]])
    return {**story, "articles": articles, "entities": entities, "disagreements": disagreements(store, ids)}


# -- disagreements ------------------------------------------------------------

_NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
    " seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                      "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 24})
_COUNT = re.compile(
    r"(?<![\w.,-])(?P<approx>(?:at least|more than|over|about|around|nearly|almost|some)\s+)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?P<unit>\s+(?:percent|per cent|%))?"
    r"\s+(?P<mod>(?-i:[A-Z])[\w-]+\s+)?(?P<thing>[a-z][a-z-]{2,})\b",
    re.IGNORECASE,
)
# counted things that measure time or are parts of dates, not quantities reports would disagree on
_NOT_COUNTS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years times time"
    " of and or to in on at am pm a.m p.m".split()
)


def _value(num: str) -> float | None:
    low = num.lower()
    if low in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[low])
    try:
        return float(num.replace(",", ""))
    except ValueError:
        return None


def counts_in(text: str) -> list[dict[str, Any]]:
    """Counted things in a text: ``{'thing': 'people', 'value': 3.0, 'text': 'three people', ...}``."""
    found = []
    for m in _COUNT.finditer(text):
        thing = m["thing"].lower()
        value = _value(m["num"])
        if thing in _NOT_COUNTS or value is None or (1900 <= value <= 2100 and m["num"].isdigit()):
            continue
        key = thing[:-1] if thing.endswith("s") and not thing.endswith("ss") else thing
        if m["unit"]:
            key = f"% {key}"
        found.append({"thing": key, "value": value, "approx": bool(m["approx"]),
                      "start": m.start(), "end": m.end(), "text": m[0]})
    return found


def disagreements(store: Store, article_ids: list[str]) -> list[dict[str, Any]]:
    """Where the articles of one story disagree: different figures for the same counted thing,
    and different holders taking different stances on the same issue."""
    if len(article_ids) < 2:
        return []
    marks = ",".join("?" * len(article_ids))
    meta = {r["id"]: r for r in rows(
        store.db, f"SELECT id, text, outlet, published, title FROM articles WHERE id IN ({marks})", article_ids)}
    by_thing: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article_id, a in meta.items():
        for c in counts_in(a["text"]):
            by_thing[c["thing"]].append({**c, "article_id": article_id, "outlet": a["outlet"],
                                         "published": a["published"]})
    found: list[dict[str, Any]] = []
    for thing, claims in sorted(by_thing.items()):
        per_article = {(c["article_id"], c["value"]) for c in claims}
        articles = {a for a, _ in per_article}
        values = {v for _, v in per_article}
        if len(articles) > 1 and len(values) > 1 and not _only_bounds(claims):
            found.append({"kind": "figures", "about": thing, "claims": claims})
    positions = rows(
        store.db,
        f"SELECT p.article_id, p.holder_entity_id, p.holder_name, p.issue, p.stance, p.start, p.end,"
        f" p.evidence, p.confidence, a.published, a.outlet FROM positions p JOIN articles a ON a.id = p.article_id"
        f" WHERE p.article_id IN ({marks}) ORDER BY p.issue, a.published",
        article_ids,
    )
    by_issue: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in positions:
        by_issue[p["issue"]].append(p)
    for issue, claims in by_issue.items():
        if len({c["stance"] for c in claims}) > 1 and len({c["holder_entity_id"] or c["holder_name"] for c in claims}) > 1:
            found.append({"kind": "stances", "about": issue, "claims": claims})
    return found


def _only_bounds(claims: list[dict[str, Any]]) -> bool:
    """'at least twenty' and 'twenty-five' do not contradict: only exact figures that differ count."""
    exact = {c["value"] for c in claims if not c["approx"]}
    return len(exact) <= 1
