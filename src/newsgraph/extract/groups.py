"""Unnamed group actors: "Police fired tear gas at protesters" has two parties and no name.

NER only finds names, so events, quotes and positions lost every actor that news calls by its
sector: the police, troops, rebels, protesters, the government, officials. This module finds
those noun phrases from a shipped, editable vocabulary (``data/groups.yaml``) and makes one
``GROUP`` entity per group and article, so they can be an event's actor or target, a speaker
or a position holder; a group said to be in a country is that country's ("rebels in the Ivory
Coast" -> "rebels (Ivory Coast)"), as PLOVER codes a sector with its country. A phrase that names its owner ("Russian troops", "Kenya's police",
"their soldiers") is left to the named actor, which already stands for it; so is a word inside
a name ("the National Guard" when NER finds it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml
from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ..model import Entity, Mention
from .common import PLACE_TYPES, doc_text, in_sorted, mention_owners

DEFAULT_VOCABULARY = Path(__file__).resolve().parent.parent / "data" / "groups.yaml"
# children that make the phrase name its owner ("Israeli police", "the army's", "its troops")
OWNER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos"})
OWNER_PREPOSITIONS = frozenset({"of", "from"})
PRONOUN_OWNERS = frozenset({"its", "their", "our", "his", "her", "my", "your", "whose"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
BUILDINGS = frozenset({"parliament", "congress", "court"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "into", "around", "across", "from"})
SYSTEM_WORDS = frozenset({"regime", "administration", "government", "cabinet", "court"})
NOUN_TAGS = frozenset({"NOUN", "PROPN"})
ORG_MEMBER = 2  # ``_covered`` value of an organisation's tokens
CONFIDENCE = 0.6  # the phrase is certain; whether the article means one group by it is not


@dataclass(frozen=True)
class GroupVocabulary:
    """Surface -> canonical group name; two-word surfaces keyed by (modifier, head)."""

    single: dict[str, str]
    pairs: dict[tuple[str, str], str]
    head_keys: np.ndarray  # sorted string hashes of every head word, for the first filter


def load_group_vocabulary(path: str | Path | None = None) -> GroupVocabulary:
    """Read a groups file (``data/groups.yaml`` shape); errors name the file."""
    path = Path(path) if path else DEFAULT_VOCABULARY
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        rows = data["groups"]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a groups file ({exc})") from exc
    single: dict[str, str] = {}
    pairs: dict[tuple[str, str], str] = {}
    for name, surfaces in rows.items():
        for surface in surfaces:
            words = str(surface).lower().split()
            if len(words) == 1:
                single[words[0]] = str(name)
            elif len(words) == 2:
                pairs[(words[0], words[1])] = str(name)
            else:
                raise ValueError(f"{path}: group surface {surface!r} has more than two words")
    heads = {get_string_id(w) for w in single} | {get_string_id(h) for _, h in pairs}
    return GroupVocabulary(single, pairs, np.array(sorted(heads), dtype=np.uint64))


@lru_cache(maxsize=1)
def default_group_vocabulary() -> GroupVocabulary:
    """The shipped vocabulary, or the user's file named by ``$NEWSGRAPH_GROUPS``."""
    return load_group_vocabulary(os.environ.get("NEWSGRAPH_GROUPS") or None)


def _covered(owner: np.ndarray, named: list[Entity]) -> np.ndarray:
    """Per token: 0 outside every named mention, ORG_MEMBER inside an organisation's, 1 inside another's."""
    orgs = np.array([e.type == "ORG" for e in named] + [False], dtype=bool)  # index -1: no entity
    return np.where(owner < 0, 0, np.where(orgs[owner], ORG_MEMBER, 1)).astype(np.int8)


def _place(tok: Token, owner: np.ndarray, named: list[Entity]) -> tuple[Entity, int] | None:
    """The country or region a group is said to be in ("rebels in the Ivory Coast") and the end
    of that phrase: part of the group's identity, as PLOVER codes a sector with its country."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for g in prep.children:
                if g.dep_ == "pobj" and owner[g.i] >= 0 and named[owner[g.i]].type in PLACE_TYPES:
                    return named[owner[g.i]], g.right_edge.i
    return None


def _owned(tok: Token, covered: np.ndarray) -> bool:
    """The phrase names whose group it is: a named modifier, a possessive pronoun, 'of Russia',
    an allegiance ('loyal to Haftar'), the organisation they are in ('officials at the ministry')."""
    for child in tok.children:
        if child.dep_ in OWNER_DEPS and (covered[child.i] or child.lower_ in PRONOUN_OWNERS):
            return True
        if child.dep_ == "prep" and child.lower_ in OWNER_PREPOSITIONS and _names(child, covered):
            return True
        if child.dep_ == "prep" and child.lower_ in ("in", "at") and _names(child, covered, ORG_MEMBER):
            return True  # "officials at the ministry" (in a country they stay a group: "rebels in Ivory Coast")
        if child.dep_ in ("amod", "acl") and any(  # "loyal to Haftar", "affiliated with the union"
            p.dep_ == "prep" and p.lower_ in ("to", "with") and _names(p, covered) for p in child.children
        ):
            return True
    return False


def _building(tok: Token) -> bool:
    """An institution named as the place it sits in ("protesters gathered outside parliament")."""
    return tok.lower_ in BUILDINGS and tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPOSITIONS


def _other_sense(tok: Token) -> bool:
    """A system, not a body of people: "the sanctions regime", "the tax administration"."""
    return tok.lower_ in SYSTEM_WORDS and any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in tok.children)


def _names(prep: Token, covered: np.ndarray, kind: int = 1) -> bool:
    return any(covered[g.i] >= kind for g in prep.children if g.dep_ == "pobj")


def _surface(tok: Token, vocab: GroupVocabulary) -> tuple[int, str] | None:
    """(first token, canonical name) of the group phrase headed by ``tok``, if it is one."""
    lower = tok.lower_
    if tok.i > 0:
        left = tok.doc[tok.i - 1]
        if left.head.i == tok.i and left.dep_ in MODIFIER_DEPS and (left.lower_, lower) in vocab.pairs:
            return left.i, vocab.pairs[(left.lower_, lower)]
    if lower in vocab.single:
        return tok.i, vocab.single[lower]
    return None


def group_entities(doc: Doc, named: list[Entity], vocab: GroupVocabulary | None = None) -> list[Entity]:
    """One GROUP entity per group the article names without a name, ids after ``named``'s."""
    vocab = vocab or default_group_vocabulary()
    if not len(doc):
        return []
    lower = doc.to_array([LOWER]).reshape(-1)
    hits = np.flatnonzero(in_sorted(lower, vocab.head_keys)).tolist()
    if not hits:
        return []
    owner = mention_owners(doc, named)
    covered = _covered(owner, named)
    text = doc_text(doc)
    found: dict[tuple[str, str | None], list[Mention]] = {}
    countries: dict[tuple[str, str | None], str | None] = {}
    for i in hits:
        tok = doc[i]
        if covered[i] or tok.pos_ not in NOUN_TAGS or tok.dep_ in ("compound", "amod"):
            continue  # inside a name, or a modifier of another noun ("police station")
        surface = _surface(tok, vocab)
        if surface is None or _owned(tok, covered) or _building(tok) or _other_sense(tok):
            continue
        start, name = surface
        place = _place(tok, owner, named)
        last = doc[place[1]] if place else tok
        key = (name, place[0].name if place else None)
        if place:
            countries[key] = place[0].country or (place[0].name if place[0].type == "GPE" else None)
        begin, end = doc[start].idx, last.idx + len(last)
        found.setdefault(key, []).append(Mention(start=begin, end=end, text=text[begin:end], label=None))
    for name, where in [k for k in found if k[1] is None]:  # "the rebels" later: the one group of that kind placed
        placed = [k for k in found if k[0] == name and k[1] is not None]
        if len(placed) == 1:
            found[placed[0]] = sorted(found[placed[0]] + found.pop((name, where)), key=lambda m: m.start)
    order = sorted(found, key=lambda key: found[key][0].start)
    return [
        Entity(
            id=f"e{len(named) + n}",
            name=f"{name} ({where})" if where else name,
            type="GROUP",
            mentions=found[(name, where)],
            variants=list(dict.fromkeys(m.text for m in found[(name, where)])),
            country=countries.get((name, where)),
            confidence=CONFIDENCE,
        )
        for n, (name, where) in enumerate(order, start=1)
    ]
