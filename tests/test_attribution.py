"""The learned attribution model: what it ships, the spans it reads off the parse, and the
quotes the pipeline makes of them (beliefs, "according to", mixed quotes, NYT '' marks, dash credits)."""

from __future__ import annotations

import spacy

from newsgraph.extract.attribution import MODEL_PATH, find_attributions, load_model, neighbours
from newsgraph.extract.quotes import extract_quotes, find_quote_spans
from newsgraph.nlp import load_pipeline, make_doc, register_extensions


def parsed(text: str):
    nlp = load_pipeline()
    return nlp(make_doc(nlp, text, None))


def relations(text: str):
    doc = parsed(text)
    out = []
    for a in find_attributions(doc, load_model()):
        span = lambda r: doc[r[0] : r[1]].text if r else None
        out.append((span(a.source), span(a.cue), span(a.content)))
    return out


def test_model_ships_small_and_loads():
    assert MODEL_PATH.is_file() and MODEL_PATH.stat().st_size < 15_000_000
    model = load_model()
    assert model is not None
    assert {"say", "accord", "believe"} <= model.lexicon
    assert set(model.weights) == {"cue", "source", "content"}


def test_belief_is_an_attribution():
    assert relations("Senator Maria Lopez believes that the new tariffs will hurt farmers in Iowa.") == [
        ("Senator Maria Lopez", "believes", "that the new tariffs will hurt farmers in Iowa")
    ]


def test_according_to_puts_the_source_after_the_cue():
    assert relations("According to the campaign, the rally drew 5,000 people.") == [
        ("the campaign", "According to", "the rally drew 5,000 people")
    ]


def test_nested_attribution_is_one_relation():
    # PolNeAR gives each word one role: the inner "claimed" is part of the outer content
    (rel,) = relations("The mayor said that the governor claimed the budget was balanced.")
    assert rel == ("The mayor", "said", "that the governor claimed the budget was balanced")


def test_neighbours_give_dependency_paths():
    doc = parsed("The senator defended the bill, claiming that it would create jobs.")
    cue = next(t for t in doc if t.text == "claiming")
    paths = {t.text: p for t, p in neighbours(cue)}
    assert paths["senator"] == "^advcl/vnsubj"
    assert paths["create"] == "vccomp"
    assert "claiming" not in paths


def test_second_cue_takes_the_clause_subject_as_speaker_without_a_span():
    quotes = parsed("The union criticized the decision, arguing that it would cost thousands of jobs.")._.quotes
    q = next(q for q in quotes if q.cue.text == "arguing")
    assert q.text == "that it would cost thousands of jobs"
    assert q.speaker.name == "union" and q.speaker.start is None


def test_mixed_quote_stays_inside_its_reported_clause():
    (q,) = parsed('Trump said his rival was "a total disaster for the country."')._.quotes
    assert q.kind == "indirect" and q.cue.text == "said"
    assert q.text == 'his rival was "a total disaster for the country."'
    assert q.speaker.name == "Donald Trump"


def test_double_apostrophe_marks_and_title_abbreviations():
    text = "''We will not raise taxes on the middle class,'' Mr. Obama said on Tuesday."
    (span,) = find_quote_spans(text)
    assert text[span.start : span.end] == "We will not raise taxes on the middle class,"
    (q,) = parsed(text)._.quotes
    assert q.kind == "direct" and q.speaker.text == "Mr. Obama" and q.cue.text == "said"


def test_dash_credit_after_a_quote():
    text = "Readers wrote in.\n“The most unqualified child to ever run for president.” ― Francisco Herrero"
    (q,) = parsed(text)._.quotes
    assert q.kind == "direct" and q.cue.text == "―"
    assert q.speaker.name == "Francisco Herrero"


def test_unparsed_and_empty_docs_do_not_crash():
    register_extensions()
    blank = spacy.blank("en")
    assert find_attributions(blank("He said that it rained."), load_model()) == []
    assert extract_quotes(blank("")) == []
    assert extract_quotes(blank('He said: "We are ready to go now."'))[0].kind == "direct"


def test_quote_opening_inside_its_clause_is_recorded_with_the_clause():
    (q,) = parsed('Mr. Lopez said the new rules "will punish small farmers who did nothing wrong."')._.quotes
    assert q.kind == "indirect" and q.cue.text == "said"
    assert q.text == 'the new rules "will punish small farmers who did nothing wrong."'
    (q,) = parsed('Mills "got an immunity agreement that nobody else received," Jordan said on Tuesday.')._.quotes
    assert q.kind == "indirect" and q.text.startswith('Mills "got') and q.speaker.name == "Jordan"
    (q,) = parsed('The mayor said that "the plan will not survive a court challenge this year."')._.quotes
    assert q.kind == "direct" and q.text == "the plan will not survive a court challenge this year."


def test_content_interrupted_by_its_cue_gives_both_parts():
    quotes = parsed("The latest test, North Korea said, was its biggest yet.")._.quotes
    assert [q.text for q in quotes] == ["The latest test", "was its biggest yet"]
    assert quotes[0].cue.text == "said" and not quotes[0].continuation and quotes[1].continuation


def test_short_quote_without_a_cue_is_a_title_not_a_quotation():
    assert parsed('Maria Lopez arrived at the studio of "Nightly News." She left an hour later.')._.quotes == []


def test_quoted_transcript_line_takes_its_speaker_tag():
    text = 'The transcript follows.\n\n"WALLACE: Let\'s start with breaking news on the debate story tonight."'
    (q,) = parsed(text)._.quotes
    assert q.kind == "direct" and q.cue.text == ":" and q.speaker.text == "WALLACE"
    assert q.text == "Let's start with breaking news on the debate story tonight."


def test_quoted_fragments_inside_a_reported_clause_are_one_quote():
    text = 'Senator Warren called the senator a "nasty guy," an "anchor baby," and "deeply unstable" during the debate.'
    (q,) = parsed(text)._.quotes
    assert q.kind == "indirect" and q.cue.text == "called" and '"anchor baby,"' in q.text


def test_cue_preposition_leads_to_the_content():
    text = "He sharply criticized free-trade deals and called for steep new tariffs on goods from China."
    q = next(q for q in parsed(text)._.quotes if q.cue.text == "called for")
    assert q.text == "steep new tariffs on goods from China"


def test_spans_stop_at_a_line_break():
    text = "7:45 a.m.\n\nHillary Clinton said on Tuesday that she would visit Ohio next week."
    (q,) = parsed(text)._.quotes
    assert q.speaker.text == "Hillary Clinton" and q.text == "that she would visit Ohio next week"
