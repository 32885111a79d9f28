"""A light resolver for who "he", "it" or "the spokesman" is, shared by the speaker-aware extractors.

News prose names a speaker once ("Kremlin spokesman Dmitry Peskov") and then goes on with
pronouns and role nouns ("he told reporters", "the spokesman added"). A full coreference
model is slow and heavy; the house style of news makes a cheap rule good enough: the
antecedent is the most recent compatible actor, preferring one that was the grammatical
subject of its clause, looked for across sentence and paragraph boundaries.

Candidates come from ``doc._.entities`` when the entities component has filled it, else
from spaCy's ``doc.ents`` (canonical name = the longest PERSON name sharing the surname).
The module also holds the small lexicons that say what kind of thing a mention is
(pronoun, role noun, news outlet), so quotes and sources classify speakers the same way.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .common import doc_text

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
GROUP_PRONOUNS = frozenset({"it", "they", "them", "its", "their"})
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS

ROLE_NOUNS = frozenset(
    """
    spokesman spokeswoman spokesperson aide adviser advisor minister president premier senator
    official officer governor mayor chancellor secretary ambassador envoy diplomat general commander
    chief director leader chairman chairwoman chair candidate lawmaker legislator congressman
    congresswoman representative prosecutor judge lawyer attorney analyst expert economist
    researcher professor scientist executive ceo founder owner manager negotiator mediator
    king queen prince princess pope bishop cleric activist campaigner monarch dictator
    deputy head nominee justice sheriff investigator inspector commissioner
    """.split()
)

# Named news organizations and the endings that mark one ("... Times", "... News").
OUTLETS = frozenset(
    """
    reuters ap afp bloomberg bbc cnn guardian observer politico axios tass interfax xinhua kyodo
    yonhap ansa efe dpa ria novosti sputnik rt npr pbs msnbc cnbc nbc cbs abc fox vox slate
    breitbart buzzfeed huffpost vice vice news al jazeera haaretz spiegel economist forbes
    """.split()
)
_OUTLET_RE = re.compile(
    r"\b(?:Times|Post|News|Journal|Herald|Tribune|Gazette|Telegraph|Guardian|Independent|"
    r"Observer|Mail|Express|Chronicle|Agency|Press|Radio|Television|TV|Network|Magazine|Daily|"
    r"Wire|Kommersant|Izvestia|Pravda|Vedomosti|Monde|Figaro|Spiegel|Zeit|Pais|Repubblica|"
    r"Associated Press|Agence France-Presse|Novosti|Broadcasting|Inquirer|Examiner)\b"
)
_OUTLET_NOUNS = frozenset({"newspaper", "agency", "broadcaster", "outlet", "daily", "tabloid", "magazine", "website"})
DOCUMENT_NOUNS = frozenset(
    """
    document documents report reports memo memos letter letters email emails cable cables filing
    filings record records transcript transcripts draft drafts data survey poll study studies
    analysis assessment estimate estimates figures statistics leak leaks
    """.split()
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def is_outlet(text: str) -> bool:
    """Whether a name reads as a news outlet ("Reuters", "The New York Times", "the news agency")."""
    name = text.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    words = name.lower().split()
    if not words:
        return False
    if " ".join(words) in OUTLETS or (words[0] in OUTLETS and len(words) <= 2):
        return True
    if words[-1] in _OUTLET_NOUNS:
        return True
    return name[0].isupper() and bool(_OUTLET_RE.search(name))


def strip_article(name: str) -> str:
    """ "the Kremlin" -> "Kremlin": names are kept without a leading article."""
    return name[4:] if name[:4].lower() == "the " and len(name) > 4 else name


def noun_phrase(token: Token) -> Span:
    """The name-like phrase headed by ``token``: its determiners, modifiers and compounds, but
    not appositions or relative clauses ("Kremlin spokesman Dmitry Peskov", not ", who ...")."""
    doc = token.doc
    start, end = token.i, token.i + 1
    for child in token.lefts:
        if child.dep_ in {"det", "compound", "amod", "poss", "nummod", "nmod", "flat", "quantmod", "case"}:
            start = min(start, child.left_edge.i)
    for child in token.rights:
        if child.dep_ in {"compound", "flat", "case"} and child.i == end:
            end = child.right_edge.i + 1
    while start < token.i and doc[start].is_punct:
        start += 1
    return doc[start:end]


@dataclass(frozen=True)
class Referent:
    """What a mention resolves to: an entity id (or None) and the canonical name."""

    entity: str | None
    name: str
    start: int
    end: int


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    kind: str  # "PERSON" or "GROUP"
    entity: str | None
    name: str
    subject: bool
    context: str  # lower-cased text around the mention, where roles are stated


def _is_subject(span: Span) -> bool:
    root = span.root
    while root.dep_ in {"appos", "compound", "flat", "conj"} and root.head.i != root.i:
        root = root.head
    return root.dep_ in SUBJECT_DEPS


class Resolver:
    """Resolves pronouns and definite descriptions in one Doc; build once per Doc."""

    def __init__(self, doc: Doc, groups: list[Span] = ()) -> None:
        """``groups``: extra group mentions (e.g. "the company" as a speaker) for "it"/"they"."""
        self.doc = doc
        self._cands = self._candidates(doc)
        seen = {(c.start, c.end) for c in self._cands}
        self._cands += [
            _Candidate(g.start_char, g.end_char, "GROUP", None, strip_article(g.text), True, "")
            for g in groups
            if (g.start_char, g.end_char) not in seen
        ]
        self._cands.sort(key=lambda c: c.start)
        self._starts = [c.start for c in self._cands]

    def _context(self, span: Span) -> str:
        sent = span.sent
        lo = max(sent.start_char, span.start_char - 60)
        return doc_text(self.doc)[lo : min(sent.end_char, span.end_char + 80)].lower()

    def _candidates(self, doc: Doc) -> list[_Candidate]:
        out: list[_Candidate] = []
        entities = doc._.entities or []
        if entities:
            for ent in entities:
                kind = "PERSON" if ent.type == "PERSON" else "GROUP" if ent.type in {"ORG", "NORP"} else ""
                if not kind:
                    continue
                for m in ent.mentions:
                    span = doc.char_span(m.start, m.end, alignment_mode="expand")
                    if span is None or not len(span):
                        continue
                    ctx = self._context(span) + " " + (ent.role or "").lower()
                    out.append(_Candidate(m.start, m.end, kind, ent.id, ent.name, _is_subject(span), ctx))
        else:
            longest: dict[str, str] = {}
            for ent in doc.ents:
                if ent.label_ == "PERSON":
                    key = ent[-1].lower_
                    if len(ent.text) > len(longest.get(key, "")):
                        longest[key] = ent.text
            for ent in doc.ents:
                surname = ent[-1].lower_
                if ent.label_ == "PERSON" or (ent.label_ in {"ORG", "GPE"} and surname in longest):
                    kind, name = "PERSON", longest.get(surname, ent.text)  # NER often mislabels surnames
                elif ent.label_ in {"ORG", "NORP"}:
                    kind, name = "GROUP", strip_article(ent.text)
                else:
                    continue
                out.append(
                    _Candidate(ent.start_char, ent.end_char, kind, None, name, _is_subject(ent), self._context(ent))
                )
        return out

    def canonical(self, start: int, end: int) -> Referent | None:
        """The known actor whose mention overlaps [start, end), preferring a person."""
        hits = [c for c in self._cands if c.start < end and start < c.end]
        if not hits:
            return None
        best = next((c for c in hits if c.kind == "PERSON"), hits[0])
        return Referent(best.entity, best.name, best.start, best.end)

    def _before(self, char: int, kind: str, window: int = 1500) -> list[_Candidate]:
        i = bisect_left(self._starts, char)
        return [c for c in reversed(self._cands[:i]) if c.kind == kind and c.end <= char and char - c.end <= window]

    def resolve_pronoun(self, token: Token) -> Referent | None:
        """Most recent compatible actor before a pronoun, subjects first."""
        low = token.lower_
        if low in PERSON_PRONOUNS:
            kind = "PERSON"
        elif low in GROUP_PRONOUNS:
            kind = "GROUP"
        else:
            return None
        cands = self._before(token.idx, kind)
        best = next((c for c in cands if c.subject), None) or (cands[0] if cands else None)
        return Referent(best.entity, best.name, best.start, best.end) if best else None

    def resolve_description(self, span: Span) -> Referent | None:
        """A definite description ("the spokesman", "the Kremlin aide") to the most recent person
        whose stated role contains its head noun."""
        head = span.root.lower_
        if head not in ROLE_NOUNS:
            return None
        pattern = re.compile(rf"\b{re.escape(head)}")
        for c in self._before(span.start_char, "PERSON", window=4000):
            if pattern.search(c.context):
                return Referent(c.entity, c.name, c.start, c.end)
        return None


def is_definite_description(span: Span) -> bool:
    """ "the spokesman", "the Kremlin aide": a determiner and a role noun, no proper name."""
    return (
        len(span) > 1
        and span[0].lower_ in {"the", "this", "that"}
        and span.root.lower_ in ROLE_NOUNS
        and not any(t.pos_ == "PROPN" and t.ent_type_ == "PERSON" for t in span)
    )
