"""Corpus views over a real store: stories group reports of one happening and show where they
disagree; timelines, entity pages, the position matrix, the network and filtered search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.batch import ingest
from newsgraph.corpus import (
    entity_page,
    group_stories,
    network,
    position_matrix,
    story_detail,
    timeline,
)
from newsgraph.corpus.stories import (
    batch_groups,
    count_stories,
    counts_in,
    list_stories,
    regroup_stories,
    story_of,
)
from newsgraph.corpus.timeline import sentence_around
from newsgraph.store import Store
from newsgraph.store.queries import find_entities, search

# Two outlets reporting one strike with different death tolls, and an unrelated story.
REPORTS = [
    {"published": "2025-03-10", "outlet": "Wire A", "title": "Missile strike on Dnipro kills four",
     "text": "A Russian missile strike on a residential building in Dnipro killed four people on Monday, "
             "regional governor Serhiy Lysak said. Rescuers pulled 12 people from the rubble."},
    {"published": "2025-03-11", "outlet": "Wire B", "title": "Dnipro strike death toll",
     "text": "Seven people were killed when a Russian missile hit a residential building in Dnipro, "
             "Serhiy Lysak, the regional governor, said on Tuesday. Rescuers pulled 12 people from the rubble."},
    {"published": "2025-03-25", "outlet": "Wire A", "title": "Central bank holds rates",
     "text": "The European Central Bank kept interest rates unchanged on Thursday, President Christine Lagarde "
             "said, citing persistent inflation in services."},
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Store:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "reports.jsonl").write_text("\n".join(json.dumps(r) for r in REPORTS) + "\n", "utf-8")
    s = Store(folder / "news.db")
    report = ingest([str(examples_dir), str(folder / "reports.jsonl")], s)
    assert report.problems == []
    return s


def _story_of(stories: list[dict], title: str, store: Store) -> dict:
    article = store.db.execute("SELECT id FROM articles WHERE title = ?", (title,)).fetchone()[0]
    return next(s for s in stories if article in s["articles"])


def test_reports_of_one_strike_form_one_story_and_disagree_on_the_toll(store: Store) -> None:
    stories = group_stories(store)
    dnipro = _story_of(stories, "Missile strike on Dnipro kills four", store)
    assert len(dnipro["articles"]) == 2
    assert dnipro["first"] == "2025-03-10" and dnipro["last"] == "2025-03-11"
    bank = _story_of(stories, "Central bank holds rates", store)
    assert bank is not dnipro and len(bank["articles"]) == 1
    detail = story_detail(store, dnipro)
    figures = [d for d in detail["disagreements"] if d["kind"] == "figures"]
    assert [d["about"] for d in figures] == ["people"]
    assert {c["value"] for c in figures[0]["claims"]} >= {4.0, 7.0}
    assert {c["outlet"] for c in figures[0]["claims"]} == {"Wire A", "Wire B"}
    assert "Serhiy Lysak" in {e["name"] for e in detail["entities"]}


def test_every_article_is_in_exactly_one_story(store: Store) -> None:
    ids = [a for s in group_stories(store) for a in s["articles"]]
    assert sorted(ids) == sorted(store.article_ids())


def test_counted_things() -> None:
    found = {(c["thing"], c["value"], c["approx"]) for c in counts_in(
        "The strike killed three people and wounded at least 20 others; 1,200 homes lost power for two days in 2024.")}
    assert ("people", 3.0, False) in found and ("other", 20.0, True) in found and ("home", 1200.0, False) in found
    assert not any(t == "day" or v == 2024.0 for t, v, _ in found)
    assert counts_in("") == [] and counts_in("«»\u200b 12") == []


def test_timeline_for_an_entity_and_a_query_is_in_date_order(store: Store) -> None:
    trump = find_entities(store, "Trump")[0]
    items = timeline(store, entity=trump["id"])
    assert items and all(i["kind"] == "quote" and i["speaker_entity_id"] == trump["id"] for i in items if i["kind"] == "quote")
    dates = [i["date"] for i in items if i["date"]]
    assert dates == sorted(dates)
    thursday = next(i for i in items if "very close" in i["text"])
    assert thursday["date"] == "2025-04-24" and thursday["dated_by"] == "text"  # said on Thursday, printed Friday
    kharkiv = timeline(store, query="Kharkiv")
    assert any(i["kind"] == "event" and i["type"] == "ASSAULT" for i in kharkiv)
    assert all(i["sentence"] for i in kharkiv)
    assert timeline(store, query="   ") == [] and timeline(store, story=[]) == []
    assert len(timeline(store, entity=trump["id"], limit=1, offset=1)) <= 1


def test_entity_page_gathers_names_roles_quotes_and_companions(store: Store) -> None:
    witkoff = find_entities(store, "Witkoff")[0]
    page = entity_page(store, witkoff["id"])
    assert page["name"] == "Steve Witkoff" and page["type"] == "PERSON"
    assert page["articles"] >= 1 and page["mentions"]
    assert any(e["type"] == "CONSULT" for e in page["events"])
    assert "Vladimir Putin" in {c["name"] for c in page["co_occurring"]}
    for m in page["mentions"]:
        text = store.db.execute("SELECT text FROM articles WHERE id = ?", (m["article_id"],)).fetchone()[0]
        assert text[m["start"]:m["end"]] == m["text"] and m["text"] in m["sentence"]
    assert entity_page(store, 10**9) is None


def test_position_matrix_and_network(store: Store) -> None:
    m = position_matrix(store)
    if not m["cells"]:
        pytest.skip("the positions extractor found nothing in the demo corpus")
    cell = m["cells"][0]
    assert cell["issue"] in m["issues"] and cell["holder"] in {h["key"] for h in m["holders"]}
    assert cell["latest"] == cell["history"][0] and cell["latest"]["evidence"]
    net = network(store)
    ids = {n["id"] for n in net["nodes"]}
    assert net["edges"] and all(e["source"] in ids and e["target"] in ids for e in net["edges"])


def test_filtered_search(store: Store) -> None:
    hits = search(store, "missile")
    assert {h["title"] for h in hits} >= {"Missile strike on Dnipro kills four", "Missile strike on Kharkiv kills three"}
    only_a = search(store, "missile", outlet="Wire A")
    assert [h["title"] for h in only_a] == ["Missile strike on Dnipro kills four"]
    march = search(store, "", date_from="2025-03-01", date_to="2025-03-31")
    assert len(march) == 3
    assert all(h["published"] >= "2025-04-26" for h in search(store, "", date_from="2025-04-26"))
    lysak = find_entities(store, "Lysak")[0]
    assert len(search(store, "", entity=lysak["id"])) == 2
    accuse = search(store, "", event_type="accuse")
    assert accuse and all(store.db.execute(
        "SELECT 1 FROM events WHERE article_id = ? AND type = 'ACCUSE'", (h["id"],)).fetchone() for h in accuse)
    quotes = search(store, "close", kind="quotes")
    assert any(q["speaker_name"] == "Donald Trump" for q in quotes)
    assert isinstance(search(store, 'NEAR(" OR *'), list)  # FTS operators are quoted, never parsed
    with pytest.raises(ValueError):
        search(store, "x", kind="nope")


def test_sentence_around_never_fails() -> None:
    text = "First one. Second sentence here! Third?"
    assert sentence_around(text, 11, 17) == "Second sentence here!"
    assert sentence_around("", 0, 0) == ""
    assert sentence_around("no end", 0, 2) == "no end"


# What the entity-page tables (migration 3, kept by triggers) must hold, recomputed from the records.
_EXPECTED = {
    "entity_articles": "SELECT DISTINCT ae.entity_id, ae.article_id, COALESCE(a.published, '~')"
                       " FROM article_entities ae JOIN articles a ON a.id = ae.article_id",
    "entity_pairs": "SELECT m.entity_id, o.entity_id, count(DISTINCT m.article_id) FROM article_entities m"
                    " JOIN article_entities o ON o.article_id = m.article_id AND o.entity_id != m.entity_id"
                    " JOIN entities e ON e.id = o.entity_id WHERE e.type IN ('PERSON', 'ORG', 'NORP', 'GPE')"
                    " GROUP BY m.entity_id, o.entity_id",
    "entity_article_rows": "SELECT DISTINCT ae.entity_id, a.rowid FROM article_entities ae"
                           " JOIN articles a ON a.id = ae.article_id",
    "entity_counts": "SELECT entity_id, count(DISTINCT article_id) FROM article_entities GROUP BY entity_id",
    "entity_records": "SELECT speaker_entity_id, 'quote', id FROM quotes WHERE speaker_entity_id IS NOT NULL"
                      " UNION SELECT place_entity_id, 'event', id FROM events WHERE place_entity_id IS NOT NULL"
                      " UNION SELECT entity_id, 'event', event_id FROM event_participants"
                      " UNION SELECT holder_entity_id, 'position', rowid FROM positions WHERE holder_entity_id IS NOT NULL",
}
_HELD = {
    "entity_articles": "SELECT entity_id, article_id, sort FROM entity_articles",
    "entity_pairs": "SELECT entity_id, other_id, articles FROM entity_pairs WHERE articles > 0",
    "entity_records": "SELECT entity_id, kind, record_id FROM entity_records",
    "entity_article_rows": "SELECT entity_id, article_rowid FROM entity_article_rows",
    "entity_counts": "SELECT entity_id, articles FROM entity_counts WHERE articles > 0",
}


def _assert_entity_tables_consistent(s: Store) -> None:
    for table, sql in _EXPECTED.items():
        held = {tuple(r) for r in s.db.execute(_HELD[table])}
        assert held == {tuple(r) for r in s.db.execute(sql)}, table
    _assert_stories_consistent(s)


def _assert_stories_consistent(s: Store) -> None:
    """Every article in one story; each story's size, dates and public id follow its articles."""
    assert sorted(a for st in group_stories(s) for a in st["articles"]) == sorted(s.article_ids())
    held = {tuple(r) for r in s.db.execute("SELECT id, size, first_date, last_date, first_article FROM stories")}
    expected = {tuple(r) for r in s.db.execute(
        "SELECT sa.story_id, count(*), min(a.published), max(a.published), (SELECT x.article_id FROM story_articles x"
        " JOIN articles y ON y.id = x.article_id WHERE x.story_id = sa.story_id"
        " ORDER BY y.published IS NULL, y.published, y.id LIMIT 1)"
        " FROM story_articles sa JOIN articles a ON a.id = sa.article_id GROUP BY sa.story_id")}
    assert held == expected


def test_entity_page_tables_follow_ingest_merge_split_and_delete(tmp_path: Path, examples_dir: Path) -> None:
    s = Store(tmp_path / "news.db")
    (tmp_path / "reports.jsonl").write_text("\n".join(json.dumps(r) for r in REPORTS) + "\n", "utf-8")
    ingest([str(examples_dir), str(tmp_path / "reports.jsonl")], s)
    _assert_entity_tables_consistent(s)
    assert s.db.execute("SELECT count(*) FROM entity_pairs").fetchone()[0] > 0
    trump, putin = find_entities(s, "Trump")[0]["id"], find_entities(s, "Putin")[0]["id"]
    s.merge_entities(trump, putin)  # a wrong merge, then undone by a split: both keep the tables right
    _assert_entity_tables_consistent(s)
    s.split_entity(trump, "Vladimir Putin")
    _assert_entity_tables_consistent(s)
    with s.transaction():
        s.db.execute("DELETE FROM articles WHERE id = ?", (s.article_ids()[0],))
    _assert_entity_tables_consistent(s)
    s.close()


def test_entity_page_lists_are_date_ordered_pages(store: Store) -> None:
    trump = find_entities(store, "Trump")[0]["id"]
    whole = entity_page(store, trump, limit=200)
    assert whole["articles"] == store.db.execute(
        "SELECT count(DISTINCT article_id) FROM article_entities WHERE entity_id = ?", (trump,)).fetchone()[0]
    for section in ("mentions", "quotes", "events"):
        items = whole[section]
        assert items or section == "events", section
        keys = [(x.get("date") or x["published"] or "~", x["article_id"], x["start"]) for x in items]
        assert keys == sorted(keys), section
        second = entity_page(store, trump, limit=2, offset=1)[section]
        assert [(x["article_id"], x["start"]) for x in second] == [(x["article_id"], x["start"]) for x in items[1:3]]
    names = {n["name"]: n["articles"] for n in whole["names"]}
    assert names.get("Donald Trump", 0) >= 1 and {"text": "Trump"}.items() <= next(
        v for v in whole["variants"] if v["text"] == "Trump").items()


def test_entity_timeline_fast_path_matches_the_filtered_query(store: Store) -> None:
    trump = find_entities(store, "Trump")[0]["id"]
    def key(items: list[dict]) -> list[tuple]:
        return [(i["kind"], i["record_id"]) for i in items]

    fast = timeline(store, entity=trump, limit=200)
    assert fast and key(fast) == key(timeline(store, story=store.article_ids(), entity=trump, limit=200))
    assert key(timeline(store, entity=trump, limit=3, offset=2)) == key(fast[2:5])
    assert all(i["sentence"] for i in fast)


def test_ranked_search_ranks_the_newest_candidates_only(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.store import queries

    every = search(store, "missile", limit=50)
    assert len(every) >= 2
    newest = store.db.execute(
        "SELECT id FROM articles WHERE rowid = (SELECT max(rowid) FROM articles_fts WHERE articles_fts MATCH 'missile')"
    ).fetchone()[0]
    monkeypatch.setattr(queries, "RANK_WINDOW", 1)
    assert [h["id"] for h in search(store, "missile", limit=50)] == [newest]
    only_a = search(store, "missile", outlet="Wire A", limit=50)
    assert [h["title"] for h in only_a] == ["Missile strike on Dnipro kills four"] and "[" in only_a[0]["snippet"]


def _partition(groups: list[list[str]]) -> list[list[str]]:
    return sorted(sorted(g) for g in groups)


def test_stories_kept_on_ingest_match_the_batch_grouping(store: Store) -> None:
    kept = _partition([st["articles"] for st in group_stories(store)])
    assert kept == _partition([[d.id for d in g] for g in batch_groups(store)[0]])
    assert any(len(g) > 1 for g in kept)


def test_each_article_keeps_its_heaviest_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.corpus import stories

    monkeypatch.setattr(stories, "KEPT_TERMS", 5)
    (tmp_path / "reports.jsonl").write_text("\n".join(json.dumps(r) for r in REPORTS) + "\n", "utf-8")
    with Store(tmp_path / "news.db") as s:
        ingest([str(tmp_path / "reports.jsonl")], s)
        toll = s.db.execute("SELECT id FROM articles WHERE title = 'Dnipro strike death toll'").fetchone()[0]
        words = json.loads(s.db.execute("SELECT terms FROM story_articles WHERE article_id = ?", (toll,)).fetchone()[0])
    # 'dnipro' twice, rare: the heaviest; 'building' is in both Dnipro reports, so lighter than this one's own words
    assert len(words) == 5 and words["dnipro"] == 2 and "building" not in words


def test_stories_are_paged_from_the_store(store: Store) -> None:
    every = group_stories(store)
    assert list_stories(store, limit=2, offset=1) == every[1:3]
    assert count_stories(store) == len(every) and count_stories(store, min_size=2) == sum(
        len(st["articles"]) >= 2 for st in every)
    sizes = [len(st["articles"]) for st in every]
    assert sizes == sorted(sizes, reverse=True)
    dnipro = _story_of(every, "Dnipro strike death toll", store)
    assert all(story_of(store, a) == dnipro for a in dnipro["articles"])
    assert dnipro["title"] in {"Missile strike on Dnipro kills four", "Dnipro strike death toll"}
    assert story_of(store, "0" * 16) is None


def test_a_store_from_before_stories_were_kept_is_grouped_when_opened(tmp_path: Path, examples_dir: Path) -> None:
    s = Store(tmp_path / "news.db")
    (tmp_path / "reports.jsonl").write_text("\n".join(json.dumps(r) for r in REPORTS) + "\n", "utf-8")
    ingest([str(examples_dir), str(tmp_path / "reports.jsonl")], s)
    kept = _partition([st["articles"] for st in group_stories(s)])
    with s.transaction():  # back to schema 6: no story tables
        for trigger in ("entity_counts_ai", "entity_counts_ad", "story_articles_ad"):
            s.db.execute(f"DROP TRIGGER {trigger}")
        for table in ("story_articles", "stories", "story_terms", "entity_counts"):
            s.db.execute(f"DROP TABLE {table}")
        s.db.execute("PRAGMA user_version = 6")
    s.close()
    s = Store(tmp_path / "news.db")
    assert _partition([st["articles"] for st in group_stories(s)]) == kept
    _assert_entity_tables_consistent(s)
    with s.transaction():
        assert regroup_stories(s) == len(kept)
    _assert_stories_consistent(s)
    s.close()
