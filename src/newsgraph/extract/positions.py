"""Positions: which party stands where on which issue, and which issues are only named as disputed.

The issues and the stance cues live in an editable vocabulary (``data/issues.yaml``). A stance
needs a holder the text names: the speaker of a quote that states it, or the owner of a
proposal or document that states it ("the US proposal envisages ...", "the Ukrainian documents
stipulate ..."). A spokesman, adviser or envoy, or a seat of government named for its state
(the Kremlin), holds his state's position when the text names the state. The stance is a
short normalized description built from the cue word
(recognize, postpone until ..., lift, oppose ...), the evidence the clause that holds it.
Issues listed as disputed ("differences of opinion regarding ...") without anyone's stance are
returned as open issues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Entity, Position
from .common import (
    PLACE_TYPES,
    doc_text,
    gate_text,
    required_text,
    sentence_bounds,
    sentence_evidence,
    text_span,
)
from .entities import entity_at

NEGATIVE_HEADS = {"violate", "reject", "oppose", "refuse", "deny", "rule", "block", "veto", "unconstitutional", "illegal"}
ABSENCE = {"without"}
AUTHORING = {"present", "submit", "propose", "draft", "put", "prepare", "table", "offer", "send", "write", "author", "issue", "unveil"}
DISCUSSION = re.compile(r"\b(?:discuss\w*|talks?|focus\w*|possibilit\w+|consider\w*|explor\w*)\b", re.IGNORECASE)
OWNER_ADJ = re.compile(r"\b([A-Z][a-z]+) (?:control|authority|sovereignty|rule)\b")
OWNER_NAME = re.compile(r"\b(?:with|part of|to|of) ([A-Z][a-z]+)\b")
SENTENCE_BREAK = re.compile(r"(?<=[a-z][.!?])\s+(?=[A-Z])")
# A role whose holder speaks for a government rather than for themselves.
SPEAKS_FOR = re.compile(
    r"\b(?:spokes(?:man|woman|person)|press secretary|advis[eo]r|aide|envoy|ambassador|emissary|negotiator|representative)\b", re.IGNORECASE
)
UNTIL = re.compile(r"\buntil (.+?)(?= (?:is|are|has|have|was|were|will)\b|[,.;]|$)")


@dataclass(frozen=True)
class Vocabulary:
    # (name, pattern, gates): the pattern can only match a text holding one of the gates
    # (lower-cased); no gates: always try it
    issues: list[tuple[str, re.Pattern[str], tuple[str, ...]]]
    stances: list[dict[str, str | re.Pattern[str]]]
    disputed: re.Pattern[str]
    proposals: frozenset[str]
    demonyms: dict[str, str]


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    """Read ``data/issues.yaml`` once and compile its patterns."""
    raw = yaml.safe_load(resources.files("newsgraph.data").joinpath("issues.yaml").read_text("utf-8"))
    issues = [
        (name, re.compile(r"\b(?:" + "|".join(spec["phrases"]) + r")\b", re.IGNORECASE), _gates(spec["phrases"]))
        for name, spec in raw["issues"].items()
    ]
    stances = [{**s, "cue": re.compile(s["cue"], re.IGNORECASE)} for s in raw["stances"]]
    return Vocabulary(
        issues=issues,
        stances=stances,
        disputed=re.compile(r"\b(?:" + "|".join(raw["disputed"]) + r")\b", re.IGNORECASE),
        proposals=frozenset(raw["proposals"]),
        demonyms=raw.get("demonyms") or {},
    )


def _gates(phrases: list[str]) -> tuple[str, ...]:
    """Each phrase's ``required_text``, lower-cased; () when one of them has none."""
    gates = tuple(required_text(p).lower() for p in phrases)
    return gates if all(gates) else ()


def issue_aliases() -> dict[str, list[str]]:
    """Issue name -> other names for it (for scorers and the UI)."""
    raw = yaml.safe_load(resources.files("newsgraph.data").joinpath("issues.yaml").read_text("utf-8"))
    return {name: list(spec.get("aliases") or []) for name, spec in raw["issues"].items()}


def _issues_in(issues: list[tuple[str, re.Pattern[str]]], text: str, offset: int) -> list[tuple[str, int, int]]:
    found = []
    for name, pattern in issues:
        for m in pattern.finditer(text):
            found.append((name, offset + m.start(), offset + m.end()))
    return sorted(found, key=lambda t: t[1])


def _clause(tok: Token) -> tuple[int, int]:
    """Character bounds of the token's subtree without its coordinated siblings."""
    skip: set[int] = set()
    for child in tok.children:
        if child.dep_ in ("conj", "cc", "mark") or (child.dep_ == "punct" and child.i > tok.i) or (
            child.dep_ == "prep" and child.lower_ in ABSENCE
        ):
            skip.update(t.i for t in child.subtree)
    for t in tok.subtree:
        if t.lower_ in ABSENCE and t is not tok:
            skip.update(g.i for g in t.subtree)
    toks = [t for t in tok.subtree if t.i not in skip]
    toks = [t for t in toks if not (t.is_punct and t.i in (toks[0].i, toks[-1].i))] or [tok]
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _entity_of(doc: Doc, tok: Token) -> Entity | None:
    return entity_at(doc, tok.idx, tok.idx + len(tok))


def _as_party(doc: Doc, ent: Entity) -> Entity:
    """A nationality group stands for its country or region when the text names it ("Ukrainian" -> Ukraine)."""
    if ent.type != "NORP":
        return ent
    for other in doc._.entities or ():
        if other.type in PLACE_TYPES and (
            (ent.country and other.name == ent.country) or other.name[:5].lower() == ent.name[:5].lower()
        ):
            return other
    return ent


def _speaks_for(doc: Doc, ent: Entity) -> Entity:
    """A spokesman, adviser or envoy states his government's position, and so does a seat of
    government named for it (the Kremlin, the White House): the country, when the text names it
    ("Kremlin adviser Yuri Ushakov" -> Russia); else the speaker."""
    spokesman = ent.type == "PERSON" and bool(ent.role and SPEAKS_FOR.search(ent.role))
    metonym = ent.type == "ORG" and bool(ent.stands_for)
    if not ent.country or not (spokesman or metonym):
        return ent
    return next((e for e in doc._.entities or () if e.name == ent.country and e.type == "GPE"), ent)


def _proposal_owners(doc: Doc, sent: Span, vocab: Vocabulary) -> list[Entity]:
    """Parties that own a proposal/document in the sentence: "US proposal", "proposal presented by X"."""
    owners: list[Entity] = []
    for tok in sent:
        if tok.lower_ not in vocab.proposals or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        cands: list[Token] = []
        for child in tok.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod"):
                cands.extend((child, *child.conjuncts))
            if child.dep_ == "acl" and child.lemma_.lower() in AUTHORING:  # "the proposal presented by Witkoff"
                for g in child.children:
                    if g.dep_ == "agent":
                        cands.extend(p for p in g.children if p.dep_ == "pobj")
        for c in cands:
            ent = _entity_of(doc, c)
            if ent is None:
                continue
            if ent.type == "PERSON" and ent.country:
                ent = next((e for e in doc._.entities or () if e.name == ent.country), ent)
            ent = _as_party(doc, ent)
            if ent.id not in {o.id for o in owners}:
                owners.append(ent)
    return owners


def _stance(vocab: Vocabulary, doc: Doc, sent: Span, issue_start: int, issue_end: int, vs: int, ve: int):
    """(stance text, evidence bounds) of the first cue whose clause holds the issue, within [vs, ve)."""
    best = None
    for spec in vocab.stances:
        for m in spec["cue"].finditer(doc_text(doc), vs, ve):  # type: ignore[union-attr]
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None:
                continue
            cue = span.root
            anc = [cue, *list(cue.ancestors)[:3]]
            if any(a.lower_ in ABSENCE for a in anc):
                continue
            head = cue
            while head.dep_ in ("amod", "compound", "prep", "pobj", "acomp", "advmod", "aux", "xcomp") and head.head is not head:
                if head.pos_ in ("NOUN", "VERB") and head is not cue:
                    break
                head = head.head
            if head.pos_ not in ("NOUN", "VERB", "AUX"):
                head = cue
            if head.dep_ in ("csubj", "nsubj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
                head = head.head  # "recognizing Crimea ... would violate the constitution"
            cs, ce = _clause(head)
            if not (cs <= issue_start and issue_end <= ce):
                continue
            if "{until}" in str(spec["stance"]) and (u := UNTIL.search(doc_text(doc), m.end(), ce)) and u.start() < issue_start:
                continue  # "postponed until a ceasefire": the ceasefire is the condition, not the issue
            size = ce - cs
            if best is not None and best[0] <= size:
                continue
            governor = next((a for a in [head, *head.ancestors] if a.pos_ in ("VERB", "AUX")), head)
            negated = any(
                a.dep_ == "neg" or a.lemma_.lower() in NEGATIVE_HEADS
                for a in [head, *head.children, *list(cue.ancestors)[:3], *governor.children]  # "will never accept lifting"
            )
            text = str(spec["negated"]) if negated and spec.get("negated") else str(spec["stance"])
            if "{owner}" in text:
                clause_text = doc_text(doc)[cs:ce]
                owner = OWNER_ADJ.search(clause_text)
                name = owner.group(1) if owner else None
                if name is None and (on := OWNER_NAME.search(doc_text(doc)[m.start():ce])):
                    name = vocab.demonyms.get(on.group(1), on.group(1))
                text = text.replace("{owner}", name or "").replace("  ", " ").strip()
            if "{until}" in text:
                until = UNTIL.search(doc_text(doc)[m.start():sent.end_char])
                text = text.replace("{until}", until.group(1)) if until else str(spec.get("plain", text))
            if spec.get("asserted") and not DISCUSSION.search(doc_text(doc)[sent.start_char:m.start()]):
                text = str(spec["asserted"])
            best = (size, text, cs, ce)
    return best


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentence bounds, with sentences the parser ran together split again at ". Capital"."""
    out = []
    for start, end in sentence_bounds(doc):
        cut = start
        for m in SENTENCE_BREAK.finditer(doc_text(doc), start, end):
            out.append((cut, m.start()))
            cut = m.end()
        out.append((cut, end))
    return out


def _holder_options(doc: Doc, owners: list[Entity], quotes: list, s_start: int, s_end: int, i_start: int, i_end: int):
    """Who may hold a stance on an issue mention: a proposal's owners, then the speaker of a quote holding it."""
    if owners:
        yield owners, (s_start, s_end), 0.6
    quote = next((q for q in quotes if q.start <= i_start and i_end <= q.end and q.speaker.entity), None)
    if quote is not None:
        ent = next((e for e in doc._.entities or () if e.id == quote.speaker.entity), None)
        if ent is not None:
            yield [_speaks_for(doc, ent)], (max(s_start, quote.start), min(s_end, quote.end)), 0.7 if quote.kind == "direct" else 0.65


def extract_positions(doc: Doc) -> tuple[list[Position], list[str]]:
    """Positions held by named parties, and the issues named as disputed with no stance."""
    if not doc_text(doc).strip() or not doc.has_annotation("DEP"):
        return [], []
    vocab = load_vocabulary()
    positions: list[Position] = []
    seen: set[tuple[str, str]] = set()
    disputed: list[str] = []
    quotes = doc._.quotes or []
    lowered = gate_text(doc_text(doc))
    # the issues whose phrases may occur at all: a substring test spares the others a regex per sentence
    present = [
        (name, pattern) for name, pattern, gates in vocab.issues if not gates or lowered is None or any(g in lowered for g in gates)
    ]
    for s_start, s_end in _sentences(doc):
        stext = doc_text(doc)[s_start:s_end]
        issues = _issues_in(present, stext, s_start)
        if not issues:
            continue
        if vocab.disputed.search(stext):
            disputed.extend(name for name, _, _ in issues)
            continue
        sent = doc.char_span(s_start, s_end, alignment_mode="expand")
        if sent is None:
            continue
        owners = _proposal_owners(doc, sent, vocab)
        for name, i_start, i_end in issues:
            found, holders, confidence = None, [], 0.6
            for holders, window, confidence in _holder_options(doc, owners, quotes, s_start, s_end, i_start, i_end):
                found = _stance(vocab, doc, sent, i_start, i_end, *window)
                if found is not None:
                    break
            if found is None:
                continue
            _, stance, cs, ce = found
            for holder in holders:
                if (holder.id, name) in seen:
                    continue
                seen.add((holder.id, name))
                positions.append(
                    Position(
                        holder=holder.id,
                        holder_name=holder.name,
                        issue=name,
                        stance=stance,
                        evidence=text_span(doc, cs, ce),
                        sentence=sentence_evidence(doc, s_start),
                        confidence=confidence,
                    )
                )
    held = {p.issue for p in positions}
    open_issues = list(dict.fromkeys(i for i in disputed if i not in held))
    return positions, open_issues


@Language.component("newsgraph_positions", assigns=["doc._.positions", "doc._.open_issues"])
def positions_component(doc: Doc) -> Doc:
    doc._.positions, doc._.open_issues = extract_positions(doc)
    return doc
