"""Entity role framing: the shipped model fills roles on actors, within the taxonomy, without crashing."""

from __future__ import annotations

import pytest

from newsgraph.extract import roles
from newsgraph.model import Entity, Mention, RoleFrame
from newsgraph.nlp import load_pipeline, make_doc

FINE_UNDER = {
    "Protagonist": {"Guardian", "Martyr", "Peacemaker", "Rebel", "Underdog", "Virtuous"},
    "Antagonist": {"Instigator", "Conspirator", "Tyrant", "Foreign Adversary", "Traitor", "Spy", "Saboteur",
                   "Corrupt", "Incompetent", "Terrorist", "Deceiver", "Bigot"},
    "Innocent": {"Forgotten", "Exploited", "Victim", "Scapegoat"},
}

TEXT = (
    "Rebels shell city as talks stall\n"
    "The junta's troops shelled the village of Marsa on Tuesday, killing twelve civilians, "
    "local officials said. General Omar Vance, who seized power in a coup last year, ordered the attack. "
    "Aid worker Lena Ortiz, who has treated the wounded for weeks, said the villagers had nowhere to go."
)

needs_model = pytest.mark.skipif(roles.load_model() is None, reason="data/models/roles.json not built (scripts/train_roles.py)")


def _analyze(text: str):
    nlp = load_pipeline()
    return nlp(make_doc(nlp, text, "2025-03-04"))


def test_roles_are_opt_in_not_in_the_default_pipeline():
    doc = _analyze(TEXT)
    assert doc._.entities and all(not e.roles for e in doc._.entities)


@needs_model
def test_actor_entities_get_one_role_frame_within_taxonomy():
    doc = _analyze(TEXT)
    framed = [e for e in roles.assign_roles(doc) if e.roles]
    assert framed, "no entity got a role"
    for ent in framed:
        frame = ent.roles[0]
        assert frame.main in FINE_UNDER
        assert frame.fine and set(frame.fine) <= FINE_UNDER[frame.main]
        assert 0.0 < frame.confidence <= 1.0
        assert frame.mention is not None and doc.text[frame.mention.start:frame.mention.end] == frame.mention.text


@needs_model
def test_predict_role_on_a_given_mention():
    doc = _analyze(TEXT)
    start = TEXT.index("Omar Vance")
    frame = roles.predict_role(doc, start, start + len("Omar Vance"))
    assert isinstance(frame, RoleFrame) and frame.mention.text == "Omar Vance"


def test_features_mask_the_mention_and_read_its_verb():
    doc = _analyze(TEXT)
    start = TEXT.index("General Omar Vance")
    feats = roles.features(doc, [(start + 8, start + 18)])
    assert "w=omar" not in feats and "w=vance" not in feats
    assert "dep=nsubj:order" in feats  # "Vance ... ordered the attack"
    assert feats["objval:nsubj"] < 0  # what he ordered is negative: "the attack"


def test_no_model_means_no_roles(monkeypatch):
    monkeypatch.setattr(roles, "load_model", lambda: None)
    doc = _analyze(TEXT)
    ents = [Entity(id="e1", name="Lena Ortiz", type="PERSON",
                   mentions=[Mention(start=TEXT.index("Lena"), end=TEXT.index("Lena") + 10, text="Lena Ortiz")])]
    assert all(not e.roles for e in roles.assign_roles(doc, ents))


@pytest.mark.parametrize("text", ["", "   ", "\u201cUnbalanced quote by Maria Lopez", "Ébène 🙂 — ‽\n\n"])
def test_odd_input_never_crashes(text):
    doc = _analyze(text)
    for ent in roles.assign_roles(doc):
        assert all(r.main in FINE_UNDER for r in ent.roles)
