"""Document-level entities: spaCy NER mentions grouped into one identity per actor.

The small English model labels the same name differently from one sentence to the next
("Trump" as ORG in one, PERSON in the next), misses repeated mentions, and knows nothing of
transliteration ("Witkoff" / "Vitkoff"). This component turns its mentions into actors:

1. mentions: NER spans of the kinds that name actors and places (article and possessive
   trimmed), plus matches of the known-actor table (which fixes types NER gets wrong), plus
   every further token-bounded occurrence of a name already found (NER misses repeats);
2. grouping: by table actor or name key, then merging partial names into full ones
   ("Trump" -> "Donald Trump") and spelling variants (``resolve.same_actor``, guarded);
   a capital acting as a government ("Washington's envoy") joins its country; a bare company
   name joins its registered name ("Magna" -> "Magna International Inc");
3. typing by the table, a registered company name (suffix Inc, Ltd, SpA, ...), else a weighted
   vote over all mentions and title cues ("President X"); a full person name outweighs two
   mistyped bare surnames (sports copy: "Shearer" as ORG);
4. roles from pre-modifiers and appositives ("Kremlin spokesman Dmitry Peskov").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from ..model import Entity, Mention
from ..resolve import (
    Actor,
    ActorTable,
    clean_surface,
    default_actor_table,
    name_key,
    same_actor,
    spelling_variant,
)
from .common import in_sorted
from .groups import group_entities

# spaCy label -> our entity type; labels not here (DATE, CARDINAL, ...) belong to other components.
NER_TYPES: dict[str, str] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "NORP",
    "EVENT": "EVENT",
}
# Words that, right before a name, say it is a person.
PERSON_TITLES = frozenset(
    """president vice-president premier minister chancellor secretary spokesman spokeswoman spokesperson
    envoy ambassador diplomat general colonel lieutenant major captain admiral commander sergeant marshal
    senator sen rep representative congressman congresswoman governor mayor king queen prince princess
    pope sheikh ayatollah emir mr mrs ms dr sir dame lord lady judge justice chief director adviser
    advisor aide chairman chairwoman ceo leader head deputy journalist reporter correspondent analyst
    professor prof officer official presenter host actor singer coach striker""".split()
)
# Last words that say a name is a company ("Magna International Inc", "Pirelli SpA").
ORG_SUFFIXES = frozenset(
    """inc incorporated corp corporation co cos company ltd limited plc llc llp lp spa sa ag gmbh nv bv ab asa
    oyj kk bhd pty sarl srl""".split()
)
# Prepositions that, right before a name, say it is a place ("in Moscow", "near Kharkiv").
PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "across", "throughout"})
CLOSING = {")": "(", "]": "["}
# Lower-case words NER may take into a name that only say what kind of thing it is.
DESCRIPTORS = frozenset(
    """magazine newspaper daily weekly tabloid province region district county prefecture oblast city
    town village""".split()
)
POSSESSIVES = frozenset({"'s", "\u2019s", "'", "\u2019"})
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})
GOVERNMENT_NOUNS = frozenset({"regime", "government", "authorities", "administration", "leadership", "officials"})
CUT_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj", "appos"})
MAX_ROLE_TOKENS = 20


@dataclass
class _Cand:
    """One mention while entities are being built (token offsets)."""

    start: int
    end: int
    text: str
    ner: str | None = None
    actor: Actor | None = None
    cue: bool = False
    place_cue: bool = False
    metonym: bool = False


@dataclass(frozen=True)
class _Facts:
    """What a group's mentions say, computed once per state of the group."""

    votes: Counter
    surfaces: tuple[str, ...]
    keys: frozenset[str]
    top: str  # the type with the most votes ("OTHER" without any)
    multiword: bool  # a surface of more than one word
    # the surfaces' company cores (``_company_core``), joined ('magna international'), and their
    # first words; any core: one of the names is a registered company name ('Lear Corp')
    core_names: tuple[str, ...]
    core_firsts: tuple[str, ...]
    surnames: frozenset[str]  # the last words of the multi-word surfaces' name keys


@dataclass
class _Group:
    cands: list[_Cand] = field(default_factory=list)
    actor: Actor | None = None
    score: float = 1.0
    # _facts() memo, valid while ``cands`` is the same list with the same length (merging scores
    # every pair of groups, asking each group's type and names many times over)
    _memo: tuple[tuple[int, int], _Facts] | None = field(default=None, repr=False, compare=False)

    @property
    def first(self) -> int:
        return min(c.start for c in self.cands)

    def _facts(self) -> _Facts:
        key = (id(self.cands), len(self.cands))
        if self._memo is None or self._memo[0] != key:
            surfaces = tuple(dict.fromkeys(c.text for c in self.cands))
            votes = self._count_votes()
            cores = tuple(core for core in map(_company_core, surfaces) if core)
            facts = _Facts(
                votes=votes,
                surfaces=surfaces,
                keys=frozenset(name_key(s) for s in surfaces),
                top=votes.most_common(1)[0][0] if votes else "OTHER",
                multiword=any(len(s.split()) > 1 for s in surfaces),
                core_names=tuple(" ".join(core) for core in cores),
                core_firsts=tuple(core[0] for core in cores),
                surnames=frozenset(name_key(s).split()[-1] for s in surfaces if len(s.split()) > 1),
            )
            self._memo = (key, facts)
        return self._memo[1]

    def votes(self) -> Counter:
        """Weighted type votes: multi-word PERSON spans (3) and title cues (2) weigh more, 'in X' a place."""
        return self._facts().votes

    def _count_votes(self) -> Counter:
        votes: Counter = Counter()
        for c in self.cands:
            if c.ner in NER_TYPES:
                kind = NER_TYPES[c.ner]
                votes[kind] += 3 if kind == "PERSON" and c.end - c.start > 1 else 1
            if c.cue:
                votes["PERSON"] += 2
        if votes and any(c.place_cue for c in self.cands):
            place = "LOC" if votes["LOC"] > votes["GPE"] else "GPE"
            votes[place] += sum(1 for c in self.cands if c.place_cue)
        return votes

    def type(self) -> str:
        if self.actor is not None:
            return self.actor.type
        facts = self._facts()
        return "ORG" if facts.core_names else facts.top

    def person_ok(self) -> bool:
        """Could this group be a person (any PERSON evidence)?"""
        return (self.actor is not None and self.actor.type == "PERSON") or self.votes()["PERSON"] > 0

    def multiword(self) -> bool:
        return self._facts().multiword


# ---------------------------------------------------------------- mentions


_TABLE_MATCHERS: dict[tuple[int, int], tuple[ActorTable, PhraseMatcher, dict[str, Actor]]] = {}
_MAX_MATCHERS = 8


def _table_matcher(doc: Doc, table: ActorTable) -> tuple[PhraseMatcher, dict[str, Actor]]:
    """A PhraseMatcher over every alias of the table, built once per vocab and table."""
    key = (id(doc.vocab), id(table))
    cached = _TABLE_MATCHERS.get(key)
    if cached is None or cached[0] is not table:  # ids are reused once a table is gone
        tokenizer = _blank_tokenizer()
        matcher = PhraseMatcher(doc.vocab, attr="ORTH")
        by_name: dict[str, Actor] = {}
        for actor in table.actors.values():
            by_name[actor.name] = actor
            patterns = [Doc(doc.vocab, words=[t.text for t in tokenizer(s)]) for s in actor.surfaces]
            matcher.add(actor.name, patterns)
        if len(_TABLE_MATCHERS) >= _MAX_MATCHERS:
            _TABLE_MATCHERS.clear()
        cached = _TABLE_MATCHERS[key] = (table, matcher, by_name)
    return cached[1], cached[2]


_BLANK: list[Language] = []


def _blank_tokenizer():
    if not _BLANK:
        _BLANK.append(spacy.blank("en"))
    return _BLANK[0].tokenizer


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article, a trailing descriptor ('Time magazine', 'Jiangsu province') and a
    trailing possessive or punctuation (not a bracket the name opened: 'Mladost ( BJ )')."""
    while end - start > 1 and doc[start].lower_ == "the":
        start += 1
    while end - start > 1 and doc[end - 1].text in DESCRIPTORS and not doc[end - 2].is_lower:
        end -= 1
    while end - start > 1 and (doc[end - 1].text in POSSESSIVES or doc[end - 1].is_punct):
        last = doc[end - 1].text
        if last in CLOSING and CLOSING[last] in {t.text for t in doc[start : end - 1]}:
            break
        end -= 1
    return start, end


def _is_proper(span: Span) -> bool:
    return any(t.tag_ in ("NNP", "NNPS") or t.pos_ == "PROPN" for t in span)


def _person_cue(doc: Doc, start: int) -> bool:
    return start > 0 and doc[start - 1].lower_.rstrip(".") in PERSON_TITLES


def _place_cue(doc: Doc, start: int) -> bool:
    return start > 0 and doc[start - 1].lower_ in PLACE_PREPOSITIONS


def _candidates(doc: Doc, table: ActorTable) -> list[_Cand]:
    """NER mentions and table matches, overlaps resolved in favour of the longer span."""
    found: dict[tuple[int, int], _Cand] = {}
    ner_tokens: set[int] = set()
    for ent in doc.ents:
        ner_tokens.update(range(ent.start, ent.end))
        if ent.label_ not in NER_TYPES:
            continue
        start, end = _trim(doc, ent.start, ent.end)
        text = doc[start:end].text
        if not clean_surface(text) or not any(ch.isalpha() for ch in text):
            continue
        found[(start, end)] = _Cand(start, end, text, ner=ent.label_, actor=table.lookup(text))
    matcher, by_name = _table_matcher(doc, table)
    for match_id, start, end in matcher(doc):
        start, end = _trim(doc, start, end)
        span = doc[start:end]
        if not (_is_proper(span) or any(i in ner_tokens for i in range(start, end))):
            continue  # a capitalised common word ('Time is short'), not the name
        actor = by_name[doc.vocab.strings[match_id]]
        cand = found.get((start, end))
        if cand is not None:
            cand.actor = actor
        else:
            found[(start, end)] = _Cand(start, end, span.text, actor=actor)
    return _non_overlapping(found.values(), doc)


def _non_overlapping(cands, doc: Doc) -> list[_Cand]:
    """Longest spans first; at equal length the one NER and the table agree on."""
    chosen: list[_Cand] = []
    taken: set[int] = set()
    ranked = sorted(cands, key=lambda c: (-(c.end - c.start), c.ner is None, c.actor is None, c.start))
    for c in ranked:
        if taken.isdisjoint(range(c.start, c.end)):
            c.cue = _person_cue(doc, c.start)
            c.place_cue = _place_cue(doc, c.start)
            chosen.append(c)
            taken.update(range(c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


def _recurrence_forms(doc: Doc, c: _Cand) -> list[list[str]]:
    """The token sequences that repeat a found name: itself, and for a person the bare surname
    and both in capitals, as wire headlines write them ('Tiger Woods' -> 'Woods', 'WOODS')."""
    words = [t.text for t in doc[c.start : c.end]]
    if not (c.ner == "PERSON" or (c.actor is not None and c.actor.type == "PERSON")):
        return [words]
    forms = [words]
    if len(words) > 1 and len(words[-1]) > 1 and words[-1][0].isupper() and words[-1][1:].islower():
        forms.append(words[-1:])
    return forms + [upper for upper in ([w.upper() for w in f] for f in forms) if upper not in forms]


def _form_matches(doc: Doc, by_first: dict[int, list[tuple[int, ...]]]) -> list[tuple[tuple[int, ...], int, int]]:
    """Every (form, start, end) where a form's words occur in ``doc`` (by ORTH hash), ordered by
    start, longer first: a PhraseMatcher's matches, without building one per doc."""
    if not by_first:
        return []
    orth = doc.to_array(ORTH)
    firsts = numpy.array(sorted(by_first), dtype=numpy.uint64)
    words = orth.tolist()
    out = []
    for i in numpy.flatnonzero(in_sorted(orth, firsts)).tolist():
        for form in by_first[words[i]]:
            if tuple(words[i : i + len(form)]) == form:
                out.append((form, i, i + len(form)))
    return sorted(out, key=lambda m: (m[1], -m[2]))


def _recurrences(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """Further occurrences of names already found, where NER missed them."""
    if not cands:
        return []
    source: dict[tuple[int, ...], _Cand] = {}  # the form's word hashes -> the name it repeats
    by_first: dict[int, list[tuple[int, ...]]] = {}
    for c in cands:
        for words in _recurrence_forms(doc, c):
            form = tuple(get_string_id(w) for w in words)
            if form and form not in source:
                source[form] = c
                by_first.setdefault(form[0], []).append(form)
    taken = {i for c in cands for i in range(c.start, c.end)}
    taken.update(i for ent in doc.ents for i in range(ent.start, ent.end))
    extra: list[_Cand] = []
    for form, start, end in _form_matches(doc, by_first):
        if not taken.isdisjoint(range(start, end)) or not _is_proper(doc[start:end]):
            continue
        origin = source[form]
        extra.append(
            _Cand(
                start, end, doc[start:end].text, actor=origin.actor,
                cue=_person_cue(doc, start), place_cue=_place_cue(doc, start),
            )
        )
        taken.update(range(start, end))
    return extra


# ---------------------------------------------------------------- grouping


def _acts(doc: Doc, cand: _Cand) -> bool:
    """Is this place name used as an actor: possessor, subject, or 'the Kiev regime'?"""
    span = doc[cand.start : cand.end]
    root = span.root
    if cand.end < len(doc) and doc[cand.end].text in POSSESSIVES:
        return True
    if root.dep_ in ACTOR_DEPS and root.head.pos_ == "VERB":
        return True
    return root.dep_ == "compound" and root.head.lower_ in GOVERNMENT_NOUNS


def _unlink_borrowed_surnames(cands: list[_Cand]) -> None:
    """'Vance' after 'General Omar Vance' is Omar Vance, not the table's JD Vance.

    A bare surname that the actor table knows yields to a full person name in the same text
    with that surname, unless the text also names the table's actor in full.
    """
    surnames = {
        name_key(c.text).split()[-1]
        for c in cands
        if c.actor is None and c.ner == "PERSON" and len(name_key(c.text).split()) > 1
    }
    if not surnames:
        return
    named_in_full = {id(c.actor) for c in cands if c.actor is not None and len(name_key(c.text).split()) > 1}
    for c in cands:
        if (
            c.actor is not None
            and c.actor.type == "PERSON"
            and id(c.actor) not in named_in_full
            and len(key := name_key(c.text).split()) == 1
            and key[0] in surnames
        ):
            c.actor = None


def _initial_groups(doc: Doc, cands: list[_Cand]) -> list[_Group]:
    """One group per table actor or per name key; a capital acting joins its country."""
    groups: dict[str, _Group] = {}
    for c in cands:
        key = f"actor:{c.actor.name}" if c.actor else f"name:{name_key(c.text)}"
        group = groups.setdefault(key, _Group(actor=c.actor))
        group.cands.append(c)
    for key, group in list(groups.items()):
        capital = group.actor.capital_of if group.actor else None
        if not capital:
            continue
        for c in group.cands:
            c.metonym = _acts(doc, c)
        country = groups.get(f"actor:{capital}")
        moving = [c for c in group.cands if c.metonym and not _compound(doc, c)]
        if country is not None and moving:
            country.cands.extend(moving)
            group.cands = [c for c in group.cands if c not in moving]
            if not group.cands:
                del groups[key]
    return sorted(groups.values(), key=lambda g: g.first)


def _compound(doc: Doc, cand: _Cand) -> bool:
    """'the Kiev regime': the city names the government's seat, it stays the city."""
    return doc[cand.start : cand.end].root.dep_ == "compound"


@dataclass(frozen=True)
class _View:
    """What pair scoring reads of a group, taken once: groups stay fixed while ``_merge``
    scores every pair of them."""

    has_actor: bool
    type: str
    person_ok: bool
    facts: _Facts


def _view(group: _Group) -> _View:
    return _View(group.actor is not None, group.type(), group.person_ok(), group._facts())


def _pair_score(a: _View, b: _View) -> float:
    """How surely two groups are one actor; 0 when they must stay apart."""
    if a.has_actor and b.has_actor:
        return 0.0  # the table already decided they differ
    if _company_short_name(a, b) or _company_short_name(b, a):
        return 0.8
    ta, tb = a.type, b.type
    if ta != tb:
        if "PERSON" not in (ta, tb):
            return 0.0
        if not (a.person_ok and b.person_ok or _bare_surname(a, b) or _bare_surname(b, a)):
            return 0.0
        ta = tb = "PERSON"
    return max(
        (same_actor(sa, sb, ta, tb) for sa in a.facts.surfaces for sb in b.facts.surfaces),
        default=0.0,
    )


@lru_cache(maxsize=4096)
def _company_core(surface: str) -> tuple[str, ...] | None:
    """'Magna International Inc' -> ('magna', 'international'); None without a company suffix."""
    words = name_key(surface).split()
    if len(words) < 2 or words[-1] not in ORG_SUFFIXES:
        return None
    while len(words) > 1 and words[-1] in ORG_SUFFIXES:
        words.pop()
    return tuple(words)


def _company_short_name(short: _View, full: _View) -> bool:
    """'Magna' or 'Douglas & Lomason' after 'Magna International Inc' / 'Douglas & Lomason Co'.

    NER often calls a bare company name a person; the registered name with its suffix decides.
    A first word alone ('Wuxi' of 'Wuxi Tong Ling Company Ltd') may be the place a company is
    named after, so it joins only when not typed as a place.
    """
    if short.has_actor or not full.facts.core_names:
        return False
    keys = short.facts.keys
    if any(name in keys for name in full.facts.core_names):
        return True
    return short.type in ("PERSON", "ORG") and any(first in keys for first in full.facts.core_firsts)


def _bare_surname(single: _View, full: _View) -> bool:
    """A one-word name, typed only by NER, that is the surname of a full person name, or a
    spelling of it (``resolve.spelling_variant``: 'Vitkoff' of 'Steve Witkoff').

    NER types lone surnames poorly ('Moskalik' as a place); the full name decides.
    """
    if single.has_actor or single.facts.multiword or full.type != "PERSON" or not full.facts.multiword:
        return False
    surnames = full.facts.surnames
    return all(key in surnames or any(spelling_variant(key, s) > 0 for s in surnames) for key in single.facts.keys)


def _merge(groups: list[_Group], doc: Doc, cands: list[_Cand]) -> list[_Group]:
    """Union partial names, spellings and 'Full Name (ACRONYM)' pairs, avoiding ambiguous surnames."""
    parent = list(range(len(groups)))
    score = [g.score for g in groups]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int, s: float) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
            score[min(ri, rj)] = min(score[ri], score[rj], s)

    links: dict[int, list[tuple[int, float]]] = {i: [] for i in range(len(groups))}
    views = [_view(g) for g in groups]
    for i in range(len(groups)):
        for j in range(i + 1, len(groups)):
            s = _pair_score(views[i], views[j])
            if s > 0:
                links[i].append((j, s))
                links[j].append((i, s))
    # 'Biden' between 'Joe Biden' and 'Hunter Biden': leave it alone
    ambiguous = {
        i
        for i, group in enumerate(groups)
        if not group.multiword() and not _all_linked([j for j, _ in links[i] if groups[j].multiword()], links)
    }
    for i in range(len(groups)):
        for j, s in links[i]:
            if i not in ambiguous and j not in ambiguous:
                union(i, j, s)
    index = {id(c): gi for gi, g in enumerate(groups) for c in g.cands}
    by_start = {c.start: c for c in cands}
    for c in cands:
        after = c.end
        inner = by_start.get(after + 1)
        if (
            after + 2 <= len(doc)
            and doc[after].text == "("
            and inner is not None
            and inner.end < len(doc)
            and doc[inner.end].text == ")"
            and _acronym_of(inner.text, c.text)
        ):
            union(index[id(c)], index[id(inner)], 0.9)
    merged: dict[int, _Group] = {}
    for i, group in enumerate(groups):
        root = find(i)
        target = merged.setdefault(root, _Group(score=score[root]))
        target.cands.extend(group.cands)
        target.actor = target.actor or group.actor
    return sorted(merged.values(), key=lambda g: g.first)


def _acronym_of(short: str, full: str) -> bool:
    """'SBU' for 'Security Service of Ukraine': the short form's letters are the long form's initials, in order."""
    letters = [ch for ch in short if ch.isalpha()]
    if len(letters) < 2 or not short.replace(".", "").isupper():
        return False
    initials = [w[0].upper() for w in full.split() if w[:1].isalpha()]
    it = iter(initials)
    return letters[0] == initials[0] and all(ch in it for ch in letters) if initials else False


def _all_linked(members: list[int], links: dict[int, list[tuple[int, float]]]) -> bool:
    """Are all these groups linked to one another (spellings of one full name)?"""
    return all(j in {k for k, _ in links[i]} for i in members for j in members if i != j)


# ---------------------------------------------------------------- roles


def _role_before(doc: Doc, span: Span) -> str | None:
    """Pre-modifiers of the name: 'Kremlin spokesman' Dmitry Peskov, 'US President' Donald Trump."""
    root = span.root
    mods = [t for t in root.lefts if t.i < span.start and t.dep_ in ("compound", "amod", "nmod")]
    if not mods:
        return None
    start = min(t.left_edge.i for t in mods)
    while start < span.start and doc[start].pos_ in ("DET", "PUNCT"):
        start += 1
    return _role_text(doc[start : span.start])


def _role_of_head(doc: Doc, span: Span) -> str | None:
    """The noun this name is in apposition to: "Trump's special envoy, Steve Witkoff"."""
    root = span.root
    head = root.head
    if root.dep_ != "appos" or head.i >= span.start or head.pos_ not in ("NOUN", "PROPN"):
        return None
    return _role_text(doc[head.left_edge.i : head.i + 1])


def _role_after(doc: Doc, span: Span) -> str | None:
    """An appositive after the name: "Yuri Ushakov, the Kremlin's foreign policy adviser"."""
    for app in span.root.rights:
        if app.dep_ != "appos" or app.i < span.end or app.pos_ not in ("NOUN", "PROPN"):
            continue
        end = app.right_edge.i + 1
        for child in app.rights:
            if child.dep_ in CUT_DEPS:
                end = min(end, child.left_edge.i)
                break
        while end > app.i + 1 and doc[end - 1].is_punct:
            end -= 1
        return _role_text(doc[app.left_edge.i : end])
    return None


def _role_text(span: Span) -> str | None:
    """A role is a short phrase holding a common noun or a title word, on the name's own line
    (a headline above 'General Omar Vance' is not part of his title)."""
    breaks = [t.i for t in span if "\n" in t.text or "\n" in t.whitespace_]
    if breaks:
        span = span.doc[breaks[-1] + 1 : span.end]
    if not len(span) or len(span) > MAX_ROLE_TOKENS:
        return None
    if not any(t.pos_ == "NOUN" or t.lower_ in PERSON_TITLES for t in span):
        return None
    return span.text


def _role(doc: Doc, cands: list[_Cand]) -> str | None:
    """Title and appositive of the first mention that states them, joined by '; '."""
    for c in cands:
        span = doc[c.start : c.end]
        parts = [p for p in (_role_before(doc, span), _role_of_head(doc, span), _role_after(doc, span)) if p]
        if parts:
            return "; ".join(dict.fromkeys(parts))
    return None


# ---------------------------------------------------------------- records


def _canonical(group: _Group) -> str:
    if group.actor is not None:
        return group.actor.name
    forms = [c for c in group.cands if not c.metonym]
    return max(forms or group.cands, key=lambda c: (len(c.text.split()), c.ner is not None, len(c.text))).text


def _stands_for(group: _Group) -> str | None:
    """What a metonym stands for: always for seats of power, for a capital only when it acts."""
    actor = group.actor
    if actor is None or not actor.stands_for:
        return None
    if actor.capital_of and not any(c.metonym for c in group.cands if c.actor is actor):
        return None
    return actor.stands_for


def _confidence(group: _Group) -> float:
    if group.actor is not None:
        return round(0.95 * group.score, 3)
    votes = group.votes()
    total = sum(votes.values())
    share = votes[group.type()] / total if total else 0.5
    return round(max(0.3, min(1.0, share * group.score)), 3)


def _entity(doc: Doc, group: _Group, number: int) -> Entity:
    cands = sorted(group.cands, key=lambda c: c.start)
    etype = group.type()
    return Entity(
        id=f"e{number}",
        name=_canonical(group),
        type=etype,
        mentions=[
            Mention(start=doc[c.start].idx, end=doc[c.end - 1].idx + len(doc[c.end - 1]), text=c.text, label=c.ner)
            for c in cands
        ],
        variants=list(dict.fromkeys(c.text for c in cands)),
        role=_role(doc, cands) if etype == "PERSON" else None,
        kb_id=group.actor.wikidata if group.actor else None,
        stands_for=_stands_for(group),
        country=group.actor.country if group.actor else None,
        confidence=_confidence(group),
    )


def extract_entities(doc: Doc, table: ActorTable | None = None) -> list[Entity]:
    """One Entity per actor in the document: named ones in order of first mention, then the
    unnamed groups (``groups``: "the police", "protesters")."""
    if not len(doc):
        return []
    table = table if table is not None else default_actor_table()
    cands = _candidates(doc, table)
    cands = sorted(cands + _recurrences(doc, cands), key=lambda c: c.start)
    _unlink_borrowed_surnames(cands)
    groups = _merge(_initial_groups(doc, cands), doc, cands)
    named = [_entity(doc, g, n) for n, g in enumerate(groups, start=1)]
    return named + group_entities(doc, named)


def entity_at(doc: Doc, start: int, end: int) -> Entity | None:
    """The entity one of whose mentions overlaps the character range [start, end)."""
    for entity in doc._.entities or ():
        for m in entity.mentions:
            if m.start < end and start < m.end:
                return entity
    return None


@Language.component("newsgraph_entities", requires=["doc.ents"], assigns=["doc._.entities"])
def entities_component(doc: Doc) -> Doc:
    doc._.entities = extract_entities(doc)
    return doc
