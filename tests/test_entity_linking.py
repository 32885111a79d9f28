"""Cross-article identity in the store: variants link to one corpus entity; user merges and splits stick."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import analyze
from newsgraph.store import Store, StoreError

ARTICLES = [
    ("Ukrainian President Volodymyr Zelenskyy said on Monday that Kyiv would not cede land.", "2025-04-21"),
    ("Volodymyr Zelensky met European leaders in Brussels on Tuesday to discuss air defence.", "2025-04-22"),
    ("US envoy Steve Witkoff flew to Moscow on Friday for talks with President Vladimir Putin.", "2025-04-25"),
    ("Steve Vitkoff, the US special envoy, said after the meeting that progress had been made.", "2025-04-26"),
    ("Historian Harry Truman Jr. spoke at the library in Missouri on Friday about the archive.", "2025-04-25"),
    ("President Donald Trump said on Thursday that a deal was close, speaking in Washington.", "2025-04-24"),
]


def corpus_entity(store: Store, name: str) -> int:
    row = store.db.execute(
        "SELECT entity_id FROM article_entities WHERE name = ? OR variants LIKE ?", (name, f'%"{name}"%')
    ).fetchone()
    assert row, f"{name} not stored"
    return row[0]


def articles_of(store: Store, entity_id: int) -> int:
    return store.db.execute(
        "SELECT count(DISTINCT article_id) FROM article_entities WHERE entity_id = ?", (entity_id,)
    ).fetchone()[0]


@pytest.fixture()
def store(tmp_path: Path):
    with Store(tmp_path / "news.db") as store:
        store.add_many(analyze(text, published=date) for text, date in ARTICLES)
        yield store


def test_spelling_variants_link_across_articles(store: Store) -> None:
    zelensky = corpus_entity(store, "Volodymyr Zelensky")
    assert corpus_entity(store, "Volodymyr Zelenskyy") == zelensky
    assert articles_of(store, zelensky) == 2
    witkoff = corpus_entity(store, "Steve Witkoff")
    assert corpus_entity(store, "Steve Vitkoff") == witkoff
    assert articles_of(store, witkoff) == 2


def test_different_people_stay_apart(store: Store) -> None:
    assert corpus_entity(store, "Donald Trump") != corpus_entity(store, "Harry Truman Jr.")
    assert corpus_entity(store, "Vladimir Putin") != corpus_entity(store, "Steve Witkoff")


def test_user_split_and_merge_are_kept_for_later_articles(store: Store) -> None:
    witkoff = corpus_entity(store, "Steve Witkoff")
    vitkoff = store.split_entity(witkoff, "Steve Vitkoff")
    assert vitkoff != witkoff and articles_of(store, witkoff) == 1 and articles_of(store, vitkoff) == 1
    later = analyze("Steve Vitkoff arrived in Riyadh on Sunday, officials said.", published="2025-04-27")
    store.add(later)
    assert articles_of(store, vitkoff) == 2  # the split holds for new articles
    store.merge_entities(witkoff, vitkoff)
    assert articles_of(store, witkoff) == 3
    assert store.db.execute("SELECT count(*) FROM entities WHERE id = ?", (vitkoff,)).fetchone()[0] == 0
    again = analyze("Steve Vitkoff left Riyadh on Monday.", published="2025-04-28")
    store.add(again)
    assert articles_of(store, witkoff) == 4  # so does the merge
    kinds = [r[0] for r in store.db.execute("SELECT kind FROM entity_decisions ORDER BY id")]
    assert kinds == ["split", "merge"]


def test_bad_corrections_are_clear_errors(store: Store) -> None:
    putin = corpus_entity(store, "Vladimir Putin")
    with pytest.raises(StoreError, match="no article that names it"):
        store.split_entity(putin, "Boris Yeltsin")
    with pytest.raises(StoreError, match="itself"):
        store.merge_entities(putin, putin)


def test_cli_merge_and_split(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    db = tmp_path / "news.db"
    with Store(db) as store:
        store.add_many(analyze(text, published=date) for text, date in ARTICLES)
        witkoff = corpus_entity(store, "Steve Witkoff")
        putin = corpus_entity(store, "Vladimir Putin")
    runner = CliRunner()
    split = runner.invoke(app, ["split-entity", str(witkoff), "Steve Vitkoff", "--db", str(db)])
    assert split.exit_code == 0 and "new entity" in split.stderr
    merged = runner.invoke(app, ["merge-entities", str(putin), str(putin), "--db", str(db)])
    assert merged.exit_code == 2 and "itself" in merged.stderr
