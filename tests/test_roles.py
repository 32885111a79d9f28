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


@needs_model
def test_roles_are_opt_in_on_the_framing_component(monkeypatch):
    monkeypatch.delenv("NEWSGRAPH_ROLES", raising=False)
    doc = _analyze(TEXT)
    assert not any(e.roles for e in doc._.entities), "the default pipeline must not cast roles"
    nlp = load_pipeline()
    for framing in (nlp.create_pipe("newsgraph_framing", config={"roles": True}),
                    monkeypatch.setenv("NEWSGRAPH_ROLES", "1") or nlp.create_pipe("newsgraph_framing")):
        doc = framing(_analyze(TEXT))
        framed = [e for e in doc._.entities if e.roles]
        assert framed, "the framing component with roles on cast no entity in a role"
        assert all(e.type in roles.FRAMED_TYPES for e in framed)
        for e in doc._.entities:
            e.roles = []


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
        assert frame.sentence is not None and frame.sentence.start <= frame.mention.start < frame.sentence.end


@needs_model
def test_predict_role_on_a_given_mention():
    doc = _analyze(TEXT)
    start = TEXT.index("Omar Vance")
    frame = roles.predict_role(doc, start, start + len("Omar Vance"))
    assert isinstance(frame, RoleFrame) and frame.mention.text == "Omar Vance"


GATED = (
    "Junta shells border town as talks stall\n"
    "General Tomas Rendal ordered his troops to shell the town of Marsa on Tuesday, killing twelve civilians. "
    "Rendal, who seized power in a coup last year, has ignored calls for a ceasefire. Aid groups said Rendal's "
    "forces blocked food deliveries. The shelling lasted for hours, a correspondent for Reuters reported."
)


@needs_model
def test_the_gate_casts_the_story_actor_not_the_wire_service():
    doc = _analyze(GATED)
    by_name = {e.name: e for e in roles.assign_roles(doc)}
    general = next(e for name, e in by_name.items() if "Rendal" in name)
    assert general.roles and general.roles[0].main == "Antagonist"  # ordered the shelling, seized power
    assert "Reuters" in by_name and not by_name["Reuters"].roles  # credited once, at the end
    model = roles.load_model()
    probs = {}
    for ent in (general, by_name["Reuters"]):
        spans = [(m.start, m.end) for m in ent.mentions]
        probs[ent.name] = model.framed_probs([roles.salience(doc, spans, roles.features(doc, spans))])[0]
    assert probs[general.name] > probs["Reuters"]


def test_features_mask_the_mention_and_read_its_verb():
    doc = _analyze(TEXT)
    start = TEXT.index("General Omar Vance")
    feats = roles.features(doc, [(start + 8, start + 18)])
    assert not any("omar" in k or "vance" in k for k in feats if not k.startswith(roles.NAME))  # context masked
    assert "dep=nsubj:order" in feats  # "Vance ... ordered the attack"
    assert feats["objval:nsubj"] < 0  # what he ordered is negative: "the attack"
    assert feats["agobj:harm"] > 0  # he is the agent of a harm: "ordered the attack"


def test_agent_and_patient_of_harm_are_told_apart():
    text = "Rebels shelled the town of Kesh on Monday. Doctors in Kesh said the town was bombed by the militia."
    doc = _analyze(text)
    rebels = roles.features(doc, [(0, 6)])
    militia = roles.features(doc, [(text.index("the militia") + 4, len(text) - 1)])
    town = roles.features(doc, [(text.index("the town was") + 4, text.index("the town was") + 8)])
    assert rebels["ag:harm"] > 0 and militia["ag:harm"] > 0  # "Rebels shelled", "bombed by the militia"
    assert town["pat:harm"] > 0  # "the town was bombed"


def test_actor_camp_against_the_article_lean():
    leaning = "The Kiev regime and its neo-Nazi battalions shelled Donbass again, Russia said."
    doc = _analyze(leaning)
    ctx = roles.DocContext(doc)
    assert ctx.topic_war and ctx.stance > 0
    start = leaning.index("Russia")
    feats = roles.features(doc, [(start, start + 6)], context=ctx)
    assert feats["camp=RU|proRU"] == 1.0 and feats["aligned"] > 0
    assert not roles.DocContext(_analyze("Farmers in Kenya face drought.")).topic_war


@needs_model
def test_learned_article_lean_tells_the_camps_apart():
    model = roles.load_model()
    kremlin = ("The Kiev regime continues its provocations against Donbass, shelling civilians with Western weapons, "
               "the Russian Foreign Ministry said. Moscow has repeatedly warned NATO that its proxy war will fail.")
    kyiv = ("Russian forces shelled Kyiv overnight in another brutal attack, killing civilians. Ukraine vowed to "
            "liberate occupied territories as allies pledged more air defence against the invasion.")
    assert model.article_lean(kremlin) > 0 > model.article_lean(kyiv)
    assert roles.lean_features("UA", 0.5) == {"aligned_learned": -0.5}
    assert roles.lean_features("none", 0.5) == {} and roles.lean_features("RU", None) == {}


def test_sentence_cues_skip_the_mention_and_stay_in_its_sentence():
    text = "Officials praised the volunteers. The army shelled the port, and refugees fled."
    doc = _analyze(text)
    start = text.index("refugees")
    feats = roles.features(doc, [(start, start + 8)])
    assert feats["sc=harm"] == 1.0  # "shelled", in its own sentence
    assert "sc=help" not in feats  # "praised" is in the sentence before
    assert feats.get("sc=suffer", 0.0) >= 1.0  # "fled" counts, the masked "refugees" does not


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


def test_article_words_are_lemma_counts_read_by_the_fine_model_only():
    text = "Protesters marched in Paris. The protesters said 2,000 people marched!"
    counts = roles.article_counts(_analyze(text))
    assert counts["marched"] == 0 and counts["march"] == 2  # lemmas, lower case
    assert "2,000" not in counts and "!" not in counts and "." not in counts
    feats = roles.article_features(counts, {"march": 2.0, "protester": 1.5}, 1.0)
    assert set(feats) == {"art=march", "art=protester"}
    assert sum(v * v for v in feats.values()) == pytest.approx(1.0)  # L2-normalised block
    assert roles.article_features(roles.article_counts(_analyze("")), {"march": 2.0}, 1.0) == {}


@needs_model
def test_the_shipped_fine_model_reads_the_article_words():
    model = roles.load_model()
    doc = _analyze(TEXT)
    block = model.article_features(doc)
    assert block and all(k.startswith(roles.ARTICLE) for k in block)
    start = TEXT.index("Omar Vance")
    feats = roles.features(doc, [(start, start + 10)])
    with_block = {**feats, **block}
    main_only = model.scores([feats])[0, : model.n_main]
    assert model.scores([with_block])[0, : model.n_main] == pytest.approx(main_only)  # main role: mention only
    assert model.scores([with_block])[0, model.n_main:] != pytest.approx(model.scores([feats])[0, model.n_main:])
    assert model.scores([feats], shared=block) == pytest.approx(model.scores([with_block]))  # the pipeline's way


def test_name_words_are_a_normalised_block_beside_the_masked_context():
    doc = _analyze(TEXT)
    start = TEXT.index("Omar Vance")
    feats = roles.features(doc, [(start, start + 10)])
    names = {k: v for k, v in feats.items() if k.startswith(roles.NAME)}
    assert set(names) == {"name=omar", "name=vance"}
    assert sum(v * v for v in names.values()) == pytest.approx(roles.NAME_WEIGHT ** 2)
    assert roles.name_features("") == {} and roles.name_features("‽ 🙂") == {}


def test_a_passive_participle_modifier_makes_the_actor_its_patient():
    text = "The children abducted by the soldiers were taken across the border, officials said."
    doc = _analyze(text)
    feats = roles.features(doc, [(4, 12)])
    assert feats.get("pat:harm", 0.0) > 0  # "children abducted": they undergo the harm
    assert not feats.get("ag:harm")


def test_a_negated_verb_does_not_cast_its_subject_as_agent():
    text = "The army did not attack the village, the ministry said. The rebels attacked the town."
    doc = _analyze(text)
    army = roles.features(doc, [(4, 8)])
    rebels = roles.features(doc, [(text.index("rebels"), text.index("rebels") + 6)])
    assert army.get("negag:harm", 0.0) > 0 and not army.get("ag:harm")
    assert rebels.get("ag:harm", 0.0) > 0
