"""Quotations: direct and indirect, their speakers, and graceful handling of odd quote marks."""

from __future__ import annotations

import json

import pytest

from newsgraph.extract.quotes import find_quote_spans
from newsgraph.nlp import load_pipeline, make_doc


def quotes_of(text: str):
    nlp = load_pipeline()
    return nlp(make_doc(nlp, text, None))._.quotes


def _words(name: str | None) -> set[str]:
    return {w for w in (name or "").lower().replace("'s", "").split() if w not in {"the", "of"}}


def test_curly_quote_with_trailing_attribution():
    (q,) = quotes_of("“We will not back down under any pressure,” said Angela Merkel.")
    assert q.kind == "direct"
    assert q.text == "We will not back down under any pressure,"
    assert q.speaker.name == "Angela Merkel"
    assert q.cue.text == "said"


@pytest.mark.parametrize(
    "text, content",
    [
        ("Scholz said: „Wir schaffen das, und zwar gemeinsam mit allen.“", "Wir schaffen das, und zwar gemeinsam mit allen."),
        ("Macron warned: « Nous sommes en guerre contre le virus. »", "Nous sommes en guerre contre le virus."),
        ('The minister said: "Prices will keep rising until the summer."', "Prices will keep rising until the summer."),
    ],
)
def test_quote_mark_styles(text, content):
    (q,) = quotes_of(text)
    assert q.text == content
    assert q.speaker.name and q.cue is not None


def test_split_quote_gives_two_records_with_one_speaker():
    text = 'Mayor Anne Hidalgo spoke at the opening. "The river is clean now," she said, "and people will swim in it."'
    direct = [q for q in quotes_of(text) if q.kind == "direct"]
    assert [q.text for q in direct] == ["The river is clean now,", "and people will swim in it."]
    assert {q.speaker.name for q in direct} == {"Anne Hidalgo"}
    assert direct[0].speaker.text == "she"


def test_paragraph_that_only_continues_a_quote():
    text = (
        '"We will rebuild every school that was destroyed," Education Minister Oksen Lisovyi said.\n'
        '"Children deserve to learn in safety, and we owe them that much."'
    )
    first, second = [q for q in quotes_of(text) if q.kind == "direct"]
    assert not first.continuation and first.cue.text == "said"
    assert second.continuation and second.cue is None
    assert second.speaker.name == first.speaker.name == "Oksen Lisovyi"


def test_quote_running_over_paragraphs_takes_the_later_cue():
    text = (
        'Finance Minister Jane Doe spoke on Monday.\n'
        '"We expect growth of two percent this year.\n'
        '"Inflation will fall as well," she said.'
    )
    direct = [q for q in quotes_of(text) if q.kind == "direct"]
    assert len(direct) == 2
    assert all(q.speaker.name == "Jane Doe" for q in direct)


def test_scare_quotes_are_not_quotations():
    text = 'He said it was "nonsense" to think the plan would fail, calling critics "naive".'
    assert all(q.kind == "indirect" for q in quotes_of(text))


@pytest.mark.parametrize(
    "text",
    [
        'He said "this never closes and goes on. And more text here.',
        'Stray ” closing mark and a “ lone opener.\n\n"',
        '"""',
        "„“«»‹›",
        "",
        "   \n\n  ",
        '"Ok," "ok," "ok."',
    ],
)
def test_unbalanced_or_odd_marks_never_crash(text):
    for q in quotes_of(text):
        assert q.text == text[q.start : q.end]


def test_unclosed_mark_is_dropped():
    assert find_quote_spans('He said "this never closes. The end.') == []


def test_pronoun_resolves_across_sentences():
    text = (
        "Kremlin spokesman Dmitry Peskov spoke to journalists on Friday. "
        "The talks were useful, he said."
    )
    q = next(q for q in quotes_of(text) if q.kind == "indirect")
    assert q.speaker.text == "he" and q.speaker.name == "Dmitry Peskov"


def test_definite_description_resolves_to_role_holder():
    text = "John Smith, the Kremlin aide, met reporters on Monday. The aide said that the talks went well."
    q = next(q for q in quotes_of(text) if q.kind == "indirect")
    assert q.speaker.text == "The aide" and q.speaker.name == "John Smith"


@pytest.mark.parametrize(
    "text, cue, content, speaker",
    [
        ("The company said in a statement that profits fell sharply.", "said", "that profits fell sharply", "company"),
        ("Police accused the suspect of stealing the car.", "accused", "the suspect of stealing the car", "police"),
        ("The minister described the talks as constructive.", "described", "the talks as constructive", "minister"),
        ("According to officials, the army withdrew from the city.", "According to", "the army withdrew from the city", "officials"),
        (
            "The senator defended the bill, claiming that it would create jobs.",
            "claiming",
            "that it would create jobs",
            "senator",
        ),
    ],
)
def test_indirect_speech(text, cue, content, speaker):
    # the cue picks the record: a sentence can hold more than one attribution ("defended the bill")
    q = next(q for q in quotes_of(text) if q.kind == "indirect" and q.cue.text == cue)
    assert q.text == content
    assert speaker in (q.speaker.name or "")


def test_outlet_reports_are_sources_not_quotes():
    assert quotes_of("Reuters reported that the talks had collapsed.") == []


def test_every_quote_has_evidence():
    for q in quotes_of('"We are ready," the general said. He added that troops were moving.'):
        assert q.sentence is not None and 0 < q.confidence <= 1


def test_seed_quotations_and_speakers(shared):
    text = (shared / "examples" / "seed" / "article.txt").read_text("utf-8")
    gold = json.loads((shared / "examples" / "seed" / "gold.json").read_text("utf-8"))["quotes"]
    quotes = quotes_of(text)
    found = 0
    for g in gold:
        hits = [
            q
            for q in quotes
            if q.kind == g["kind"] and q.start < g["end"] and g["start"] < q.end and _words(q.speaker.name) & _words(g["speaker"])
        ]
        found += bool(hits)
    assert found == len(gold)
    assert not any("nonsense" == q.text for q in quotes)


def test_closing_mark_that_opens_a_paragraph_opens_the_quote():
    text = "Readers wrote in.\n”Fear. I am truly afraid of what happens next.” ― Edwin Monroy"
    assert [text[q.start : q.end] for q in find_quote_spans(text)] == ["Fear. I am truly afraid of what happens next."]


@pytest.mark.parametrize(
    "text, words",
    [
        ("Rebels attacked an army base near the border on Sunday, killing five soldiers.", False),
        ("A man attacked the Russian embassy with two Molotov cocktails on Sunday.", False),
        ("Cruz attacked Trump's tax plan on Tuesday.", True),  # words: an attribution, as PolNeAR annotates it
        ("Spitzer attacked him for failing to enforce a court order.", True),
    ],
)
def test_a_force_verb_is_an_attribution_only_when_it_is_words(text, words):
    found = [q for q in quotes_of(text) if q.cue is not None and q.cue.text == "attacked"]
    assert bool(found) == words
