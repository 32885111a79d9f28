"""Stories: articles about the same happening, grouped, with the places where their sources disagree.

Two articles belong to one story when they appeared within a few days of each other, share
actors or places, and use the same distinctive words. Pairs are only compared inside the date
window and only when they share an entity, so grouping stays near-linear in the corpus size;
linked pairs are merged with union-find. Disagreements are computed for one story at a time:
different figures for the same counted thing, and different holders' stances on one issue.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..store.db import Store
from ..store.queries import rows

WINDOW_DAYS = 3
LINK_THRESHOLD = 0.35
MAX_SPAN_DAYS = 7
TERMS_PER_ARTICLE = 60

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


def _day(published: str | None) -> int | None:
    try:
        return date.fromisoformat((published or "")[:10]).toordinal()
    except ValueError:
        return None


def _load(store: Store) -> list[_Doc]:
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
        counts = Counter(t for t in _TOKEN.findall(f"{title or ''} {text}".lower()) if t not in _STOP)
        token_counts[article_id] = counts
        df.update(counts.keys())
    n = max(1, len(docs))
    for article_id, counts in token_counts.items():
        weights = {t: (1 + math.log(c)) * math.log(1 + n / df[t]) for t, c in counts.items()}
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TERMS_PER_ARTICLE]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        docs[article_id].vector = {t: w / norm for t, w in top}
    return sorted(docs.values(), key=lambda d: (d.day is None, d.day or 0, d.id))


def _overlap(a: set[int], b: set[int], idf: dict[int, float]) -> float:
    """IDF-weighted share of the smaller entity set found in the other: a short wire item inside a
    long report scores high, and sharing a rare actor counts more than sharing 'Russia'."""
    if not a or not b:
        return 0.0
    weight = lambda s: sum(idf.get(e, 1.0) for e in s)  # noqa: E731
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


def group_stories(store: Store, *, window: int = WINDOW_DAYS, threshold: float = LINK_THRESHOLD) -> list[dict[str, Any]]:
    """Every story in the store (single-article ones included), biggest and latest first.

    Each story: ``id`` (its first article's id), ``title``, ``articles`` (ids in date order),
    ``first``/``last`` publication dates, ``outlets`` and ``entities`` (top shared entity ids).
    """
    docs = _load(store)
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
    # strongest links first, and never a story spanning more than MAX_SPAN_DAYS: day-by-day
    # follow-ups would otherwise chain a long-running topic into one endless "story"
    span = {i: (d.day, d.day) for i, d in enumerate(docs) if d.day is not None}
    for _score, i, j in sorted(links, reverse=True):
        a, b = find(i), find(j)
        if a == b:
            continue
        lo = [x for x in (span.get(a, (None, None))[0], span.get(b, (None, None))[0]) if x is not None]
        hi = [x for x in (span.get(a, (None, None))[1], span.get(b, (None, None))[1]) if x is not None]
        if lo and max(hi) - min(lo) > MAX_SPAN_DAYS:
            continue
        parent[a] = b
        if lo:
            span[b] = (min(lo), max(hi))
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(docs)):
        groups[find(i)].append(i)
    stories = []
    for members in groups.values():
        members.sort(key=lambda i: (docs[i].day is None, docs[i].day or 0, docs[i].id))
        central = max(members, key=lambda i: (docs[i].title is not None, centrality[i]))
        shared = Counter(e for i in members for e in docs[i].entities)
        dates = [docs[i].published for i in members if docs[i].published]
        stories.append({
            "id": docs[members[0]].id,
            "title": docs[central].title or _untitled(store, docs[central].id),
            "articles": [docs[i].id for i in members],
            "first": min(dates) if dates else None,
            "last": max(dates) if dates else None,
            "outlets": sorted({docs[i].outlet for i in members if docs[i].outlet}),
            "entities": [e for e, c in shared.most_common(8) if c > 1 or len(members) == 1],
        })
    stories.sort(key=lambda s: (-len(s["articles"]), s["last"] is None, _neg(s["last"]), s["id"]))
    return stories


def _neg(value: str | None) -> str:
    """Sort key that puts later ISO dates first."""
    return "".join(chr(0x10FFFF - ord(c)) for c in value or "")


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
