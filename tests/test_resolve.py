"""Name keys, spelling variants with their false-merge guards, and the actor table."""

from __future__ import annotations

import pytest

from newsgraph.resolve import (
    ActorTable,
    clean_surface,
    load_actor_table,
    name_key,
    same_actor,
    spelling_variant,
    translit_key,
)


def test_name_key_strips_article_possessive_and_dots():
    assert name_key("the U.S.") == name_key("US") == "us"
    assert name_key("Kremlin\u2019s") == "kremlin"
    assert name_key("Erdoğan") == "erdogan"
    assert clean_surface("the Kremlin's") == "Kremlin"


def test_translit_key_unifies_ukrainian_spellings():
    assert translit_key("Zelensky") == translit_key("Zelenskyy") == translit_key("Zelenskiy")


@pytest.mark.parametrize(
    "a,b",
    [("Witkoff", "Vitkoff"), ("Witkoff", "Viktof"), ("Zelensky", "Zelenskyy"), ("Kharkov", "Kharkiv")],
)
def test_spelling_variants_merge(a, b):
    assert spelling_variant(a, b) > 0


@pytest.mark.parametrize(
    "a,b",
    [("Trump", "Truman"), ("Peskov", "Pesko"), ("Hanson", "Hansen"), ("Carlson", "Carlsen"), ("Kim", "Kin")],
)
def test_false_merge_guards(a, b):
    assert spelling_variant(a, b) == 0


def test_same_actor_partial_and_full_names():
    assert same_actor("Trump", "Donald Trump", "PERSON", "PERSON") > 0
    assert same_actor("Vitkoff", "Steve Witkoff", "PERSON", "PERSON") > 0
    assert same_actor("Truman", "Donald Trump", "PERSON", "PERSON") == 0
    assert same_actor("Joe Biden", "Hunter Biden", "PERSON", "PERSON") == 0
    assert same_actor("Paris", "Paris", "GPE", "PERSON") == 0
    assert same_actor("Volodymyr Zelensky", "Volodymyr Zelenskyy", "PERSON", "PERSON") > 0


def test_packaged_table_is_versioned_and_knows_actors():
    table = load_actor_table()
    assert table.versions and table.versions[0].startswith("actors.yaml:")
    assert 150 <= len(table) <= 400
    assert table.lookup("Kiev").name == "Kyiv"
    assert table.lookup("the U.S.").wikidata == "Q30"
    assert table.lookup("Kremlin").stands_for == "Russian presidency"
    assert table.lookup("us") is None  # the pronoun, not the country
    assert table.lookup("Zelenskiy").name == "Volodymyr Zelenskyy"


def test_user_table_adds_and_overrides(tmp_path, monkeypatch):
    user = tmp_path / "mine.yaml"
    user.write_text(
        "version: 3\nactors:\n"
        "- {name: Oleksandr Merezhko, type: PERSON, country: Ukraine, aliases: [Merezhko]}\n"
        "- {name: Kyiv, type: GPE, country: Ukraine, aliases: [Kiev, Kyjiw]}\n",
        encoding="utf-8",
    )
    table = load_actor_table([user])
    assert table.lookup("Merezhko").name == "Oleksandr Merezhko"
    assert table.lookup("Kyjiw").name == "Kyiv"
    assert table.versions[-1] == "mine.yaml:3"
    monkeypatch.setenv("NEWSGRAPH_ACTORS", str(user))
    assert load_actor_table().lookup("Merezhko") is not None


def test_missing_user_table_says_which_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.yaml"):
        load_actor_table([tmp_path / "nope.yaml"])


def test_empty_table_knows_nothing():
    assert ActorTable().lookup("Putin") is None
