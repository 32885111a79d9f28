"""Source attributions: claims the article credits to a news outlet or a document.

A reader weighs "Reuters points out …" or "according to documents seen by Reuters" differently
from the reporter's own voice, so these credits are kept apart from quotations.

The line between the two, applied everywhere:
- a claim in the reporter's words credited to a *named news outlet* ("according to Reuters",
  "as reported by the Guardian", "Reuters reported that …", "Reuters points out") or to a
  *document* ("according to documents seen by Reuters", "according to the report") is a
  SourceAttribution, and quotes.py makes no Quote of it;
- the same shapes credited to a person or a group, including unnamed media
  ("State media reported that …", "according to officials") are indirect Quotes;
- words in quote marks stay direct Quotes whoever speaks them.
Chains keep every further link in ``via``: "Reuters, citing two officials, reported …" and
"documents seen by Reuters" (source Reuters, via the documents).
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LOWER, POS
from spacy.language import Language
from spacy.parts_of_speech import VERB
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..model import SourceAttribution, SourceLink
from .common import doc_text, sentence_evidence, text_span, token_chars
from .coref import DOCUMENT_NOUNS, is_outlet, noun_phrase, strip_article
from .entities import entity_at
from .quotes import OUTLET_CREDITS, REPORT_VERBS, according_phrase, clause_around

_ACCORDING = get_string_id("according")

CITING_VERBS = frozenset({"cite", "quote"})
SEEN_VERBS = frozenset({"see", "obtain", "review", "acquire", "examine", "publish", "leak"})


def _link(doc: Doc, span: Span) -> SourceLink:
    ent = entity_at(doc, span.start_char, span.end_char)
    name = ent.name if ent is not None else strip_article(span.text)
    return SourceLink(entity=ent.id if ent else None, name=name, text=span.text, start=span.start_char, end=span.end_char)


def _is_outlet_np(span: Span) -> bool:
    return span.root.ent_type_ != "PERSON" and is_outlet(span.text)


def _is_document(tok: Token) -> bool:
    return tok.lower_ in DOCUMENT_NOUNS or tok.lemma_.lower() in DOCUMENT_NOUNS


def _citing(verb: Token) -> list[Token]:
    """Objects of "citing …"/"quoting …" attached to a reporting verb or an outlet noun."""
    out = []
    for c in verb.subtree:
        if c.lemma_.lower() in CITING_VERBS and c.dep_ in {"advcl", "acl", "conj", "xcomp", "prep"} and c.i != verb.i:
            out.extend(g for g in c.children if g.dep_ in {"dobj", "pobj"})
    return out


def _record(doc: Doc, phrase: tuple[int, int], source: SourceLink, claim: tuple[int, int], via: list[SourceLink], confidence: float) -> SourceAttribution:
    start, end = phrase
    return SourceAttribution(
        start=start,
        end=end,
        text=doc_text(doc)[start:end],
        source=source,
        claim=text_span(doc, *claim),
        via=via,
        sentence=sentence_evidence(doc, start),
        confidence=confidence,
    )


def _from_according(doc: Doc, tok: Token) -> SourceAttribution | None:
    """ "according to Reuters", "according to documents seen by Reuters", "according to the report";
    a source that is not itself a named outlet keeps its whole phrase ("a recent Reuters survey of
    voter lists"), as PolNeAR marks sources."""
    found = according_phrase(tok)
    if found is None:
        return None
    phrase, pobj = found
    mention = noun_phrase(pobj)
    whole = doc[phrase.start + 2 : phrase.end]  # "a recent Reuters survey of voter lists"
    via: list[SourceLink] = []
    if _is_document(pobj):
        agent = _seen_by(pobj)
        if agent is not None:
            source, via = _link(doc, noun_phrase(agent)), [_link(doc, mention)]
        else:
            source = _link(doc, whole)
    elif _is_outlet_np(mention):
        source = _link(doc, whole if entity_at(doc, mention.start_char, mention.end_char) is None else mention)
    else:
        return None
    claim = clause_around(doc, phrase)
    if claim is None:
        return None
    via += [_link(doc, noun_phrase(t)) for t in _citing(pobj)]
    return _record(doc, (phrase.start_char, phrase.end_char), source, claim, via, 0.85)


def _from_verb(doc: Doc, verb: Token) -> SourceAttribution | None:
    """ "as reported by the Guardian", "Reuters reported that …", "…, Reuters points out"."""
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as"), None)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if agent is not None and mark is not None:  # "as reported by X"
        who = noun_phrase(agent)
        phrase = doc[mark.i : who.end]
    elif subj is not None:
        who = noun_phrase(subj)
        right = max([verb.i] + [c.i for c in verb.rights if c.dep_ == "prt"])
        lo = mark.i if mark is not None and mark.i < who.start else who.start
        if who.end > verb.i:  # "…, reported the Guardian"
            phrase = doc[min(lo, verb.i) : who.end]
        else:
            phrase = doc[lo : right + 1]
    else:
        return None
    if not _is_outlet_np(who):
        return None
    comp = [c for c in verb.children if c.dep_ == "ccomp"]
    if comp:
        lo_i = min(c.left_edge.i for c in comp)
        hi_i = max(c.right_edge.i for c in comp) + 1
        while hi_i > lo_i and doc[hi_i - 1].is_punct:
            hi_i -= 1
        claim = token_chars(doc, lo_i, hi_i) if hi_i > lo_i else None
    elif mark is not None or verb.dep_ in {"parataxis", "advcl"}:
        claim = clause_around(doc, phrase)
    else:
        return None  # "Reuters reported the news" states an act of the outlet, not a credited claim
    if claim is None:
        return None
    via = [_link(doc, noun_phrase(t)) for t in _citing(verb)]
    return _record(doc, (phrase.start_char, phrase.end_char), _link(doc, who), claim, via, 0.8)


def _from_model(doc: Doc, credit: tuple[int, ...]) -> SourceAttribution | None:
    """A credit the attribution model found ("A Bloomberg poll shows that …", "…, the Times
    reported"): the phrase runs from the outlet to the cue, or from the cue to the outlet."""
    cue_lo, cue_hi, src_lo, src_hi, con_lo, con_hi, src_head = credit
    if not (0 <= min(credit) and max(cue_hi, src_hi, con_hi) <= len(doc)):
        return None
    claim_root = doc[con_lo:con_hi].root
    if claim_root.pos_ not in {"VERB", "AUX"}:
        return None  # "Reuters published two sets of documents": an act of the outlet, not a claim
    lo, hi = (src_lo, cue_hi) if src_lo < cue_lo else (cue_lo, src_hi)
    if any(con_lo <= i < con_hi for i in (lo, hi - 1)):
        return None  # the content sits between the outlet and the cue: no single phrase
    phrase = token_chars(doc, lo, hi)
    claim = token_chars(doc, con_lo, con_hi)
    source = doc[src_lo:src_hi]
    via: list[SourceLink] = []
    if _is_document(doc[src_head]):
        agent = _seen_by(doc[src_head])
        if agent is not None:
            via, source = [_link(doc, source)], noun_phrase(agent)
    return _record(doc, phrase, _link(doc, source), claim, via, 0.7)


def _seen_by(noun: Token) -> Token | None:
    """The outlet in "documents seen by Reuters"."""
    return next(
        (
            g
            for c in noun.children
            if c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in SEEN_VERBS
            for a in c.children
            if a.dep_ == "agent"
            for g in a.children
            if g.dep_ == "pobj" and _is_outlet_np(noun_phrase(g))
        ),
        None,
    )


def extract_sources(doc: Doc) -> list[SourceAttribution]:
    """Every claim the article credits to an outlet or a document, in text order."""
    if not doc_text(doc).strip() or not (doc.has_annotation("DEP") and doc.has_annotation("SENT_START")):
        return []
    quoted = [(q.start, q.end) for q in doc._.quotes or () if q.kind == "direct"]
    out: list[SourceAttribution] = []
    # only "according" and verbs can start a record: found on the attribute array, not token by token
    words = doc.to_array([LOWER, POS]).reshape(-1, 2)
    for i in np.flatnonzero((words[:, 0] == _ACCORDING) | (words[:, 1] == VERB)).tolist():
        tok = doc[i]
        if tok.lower_ == "according":
            make = _from_according
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in REPORT_VERBS:
            make = _from_verb
        else:
            continue
        if any(s <= tok.idx < e for s, e in quoted):
            continue
        rec = make(doc, tok)
        if rec is not None:
            out.append(rec)
    for credit in doc.user_data.get(OUTLET_CREDITS) or ():
        rec = _from_model(doc, tuple(credit))
        if rec is not None and not any(r.start < rec.end and rec.start < r.end for r in out):
            out.append(rec)
    return sorted(out, key=lambda r: (r.start, r.end))


@Language.component("newsgraph_sources", assigns=["doc._.sources"])
def sources_component(doc: Doc) -> Doc:
    doc._.sources = extract_sources(doc)
    return doc
