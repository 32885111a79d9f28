"""Events: PLOVER type, actor/target/place and modality on real news-style sentences."""

import pytest

from newsgraph.analysis import analyze


def _names(a, ids):
    return {a.entity(i).name for i in ids}


def test_meeting_with_place():
    a = analyze("Steve Witkoff met with President Vladimir Putin in Moscow on Friday.", published="2025-04-26")
    ev = next(e for e in a.events if e.type == "CONSULT")
    assert "Witkoff" in " ".join(_names(a, ev.actors))
    assert "Putin" in " ".join(_names(a, ev.targets))
    assert a.entity(ev.place).name == "Moscow"


def test_passive_killing_has_target_and_no_actor():
    a = analyze("Russian authorities said that General Yaroslav Moskalik was killed in a car explosion near Moscow.")
    ev = next(e for e in a.events if e.type == "ASSAULT")
    assert ev.actors == []
    assert "Moskalik" in " ".join(_names(a, ev.targets))
    assert "explosion" in ev.trigger.text
    assert ev.modality == "reported"


def test_blame_on_target():
    a = analyze("The bombing, which the Kremlin blamed on Ukraine, shocked Moscow.")
    ev = next(e for e in a.events if e.type == "ACCUSE")
    assert _names(a, ev.targets) == {"Ukraine"}


def test_negated_cooperation_is_reject_and_future_is_agree():
    a = analyze("Germany will not send weapons to Ukraine. France will withdraw its troops from Mali.")
    types = {e.type for e in a.events}
    assert "REJECT" in types and "AGREE" in types


def test_odd_input_does_not_crash():
    for text in ["", "“Unbalanced quote", "\u200b\u00a0 ..."]:
        analyze(text)


def test_sentence_classifier_types_a_sentence_without_trigger():
    from newsgraph.extract.events import load_type_model

    model = load_type_model()
    if model is None:
        pytest.skip("data/models/event_types.json not built (scripts/train_event_types.py)")
    probs = model.probs("Thousands of workers walked off the job in Lagos on Monday over unpaid wages.")
    assert abs(sum(probs.values()) - 1.0) < 1e-6
    assert max(probs, key=probs.get) == "PROTEST"
    assert model.probs("") and model.probs("\u201c\u2014 🙂")  # unknown words: the prior, no crash



def test_classifier_fallback_only_where_the_lexicon_found_nothing():
    from newsgraph.extract.events import load_type_model
    from newsgraph.nlp import load_pipeline, make_doc

    if load_type_model() is None:
        pytest.skip("data/models/event_types.json not built (scripts/train_event_types.py)")
    nlp = load_pipeline()
    text = "Russian forces attacked Kharkiv on Monday. Thousands of Kenyan nurses walked out of hospitals in Nairobi."
    doc = nlp(make_doc(nlp, text, None))
    first = [e for e in doc._.events if e.trigger.start < text.index("Thousands")]
    assert any(e.type == "ASSAULT" and e.confidence > 0.5 for e in first)
    later = [e for e in doc._.events if e.trigger.start >= text.index("Thousands")]
    assert all(e.confidence <= 0.5 for e in later if e.mode is None)


def test_adjectival_participles_and_objectless_hosting_are_not_events():
    from newsgraph import analyze

    a = analyze(
        "Ukrainian President Volodymyr Zelenskyy said Kyiv would not recognize occupied territories as Russian. "
        "Kremlin spokesman Dmitry Peskov said on Saturday that Moscow had received no formal proposal.",
        published="2025-04-27",
    )
    triggers = {ev.trigger.text for ev in a.events}
    assert "occupied" not in triggers and "received" not in triggers
    b = analyze("President Emmanuel Macron received Chancellor Friedrich Merz in Paris on Monday.", published="2025-05-06")
    [meeting] = [ev for ev in b.events if ev.trigger.text.startswith("received")]
    assert meeting.type == "CONSULT"
    assert [b.entity(x).name for x in meeting.targets] == ["Friedrich Merz"]
