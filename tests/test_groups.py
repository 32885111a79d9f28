"""Unnamed group actors (police, troops, protesters) become GROUP entities that events can use."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import analyze
from newsgraph.extract.groups import load_group_vocabulary


def _groups(analysis) -> dict[str, list[str]]:
    return {e.name: [m.text for m in e.mentions] for e in analysis.entities if e.type == "GROUP"}


def _names(analysis, ids: list[str]) -> list[str]:
    return [analysis.entity(i).name for i in ids]


def test_police_and_protesters_are_the_parties_of_the_event() -> None:
    a = analyze("Police fired tear gas at protesters in the capital on Monday.", published="2016-05-02")
    assert _groups(a) == {"police": ["Police"], "protesters": ["protesters"]}
    ev = next(e for e in a.events if e.type == "COERCE")
    assert _names(a, ev.actors) == ["police"] and _names(a, ev.targets) == ["protesters"]


def test_rights_groups_accuse_the_army() -> None:
    a = analyze("Human rights groups accused the army of torturing prisoners.", published="2016-05-02")
    ev = next(e for e in a.events if e.type == "ACCUSE")
    assert _names(a, ev.actors) == ["rights groups"] and _names(a, ev.targets) == ["military"]


def test_one_identity_per_group_and_ids_after_the_named_entities() -> None:
    a = analyze(
        "Police clashed with demonstrators near the parliament in Belgrade. "
        "The police later said that 20 protesters had been detained.",
        published="2016-05-02",
    )
    groups = _groups(a)
    assert groups["police"] == ["Police", "police"]
    assert "lawmakers" not in groups  # 'near the parliament' is where, not who
    assert groups["protesters"] == ["demonstrators", "protesters"]
    named = [int(e.id[1:]) for e in a.entities if e.type != "GROUP"]
    unnamed = [int(e.id[1:]) for e in a.entities if e.type == "GROUP"]
    assert named and max(named) < min(unnamed)


@pytest.mark.parametrize(
    "text",
    [
        "Russian troops shelled the town overnight.",  # the named people stands for them
        "Kenya's police arrested the suspect.",
        "The rebels said their soldiers would not disarm.",  # 'their soldiers': the rebels' own
        "Fighters loyal to Hamas fired rockets at the town.",
    ],
)
def test_a_group_that_names_its_owner_is_left_to_the_named_actor(text: str) -> None:
    groups = _groups(analyze(text, published="2016-05-02"))
    assert not ({"military", "police"} & set(groups)) or "rebels" in groups
    mentions = {text for texts in groups.values() for text in texts}
    assert "soldiers" not in mentions
    assert "Fighters" not in mentions


def test_a_modifier_of_another_noun_is_no_group() -> None:
    a = analyze("A bomb exploded outside a police station and an army base.", published="2016-05-02")
    assert _groups(a) == {}
    a = analyze("London will tighten the sanctions regime and reform the tax administration.", published="2016-05-02")
    assert _groups(a) == {}


def test_the_people_moved_are_the_actors_own_not_the_target() -> None:
    a = analyze("Pakistan has refused to deploy peacekeepers in Iraq.", published="2003-05-02")
    ev = next(e for e in a.events if e.type == "REJECT")
    assert _names(a, ev.targets) == ["Iraq"]
    a = analyze("The United Nations said it would withdraw inspectors and aid workers from Iraq.", published="2003-05-02")
    assert all("workers" not in _names(a, ev.targets) for ev in a.events)


def test_we_in_a_quote_is_not_the_reporters_it_was_told_to() -> None:
    a = analyze(
        'Donald Trump met the Russian envoy on Friday. "The meetings are going well," Trump told reporters. '
        '"I think we are going to make a deal."',
        published="2025-04-26",
    )
    for ev in a.events:
        assert "journalists" not in _names(a, ev.actors)


def test_a_bad_vocabulary_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "groups.yaml"
    bad.write_text("version: 1\nrows: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="groups.yaml"):
        load_group_vocabulary(bad)
    bad.write_text("groups: {police: [the city police force]}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="more than two words"):
        load_group_vocabulary(bad)


def test_it_is_a_singular_group_never_a_plural_one() -> None:
    a = analyze(
        "Reporters asked about the ruling. It also held Moscow responsible for the harassment of journalists.",
        published="2016-05-02",
    )
    assert all("journalists" not in _names(a, ev.actors) for ev in a.events)
    a = analyze("The court heard the case in March. It upheld the ruling on Friday.", published="2016-05-02")
    assert any(_names(a, ev.actors) == ["court"] for ev in a.events)


def test_members_of_an_organisation_act_as_it_but_a_group_in_a_country_stays_a_group() -> None:
    a = analyze("Senior officials at the Foreign Ministry met the envoy.", published="2016-05-02")
    assert "officials" not in _groups(a)
    a = analyze("Rebels in the Ivory Coast rejected the appeal. The rebels said they would fight on.", published="2016-05-02")
    ev = next(e for e in a.events if e.type == "REJECT")
    assert _names(a, ev.actors) == ["rebels (Ivory Coast)"]
    group = a.entity(ev.actors[0])
    assert group.country == "Ivory Coast" and [m.text for m in group.mentions] == ["Rebels in the Ivory Coast", "rebels"]
