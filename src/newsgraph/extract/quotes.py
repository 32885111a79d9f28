"""Quotations: who said what, in their own words (direct) or in the reporter's (indirect).

Why rules and not textacy's direct_quotations: news needs the speaker behind "he told
reporters", the reported speech around "said that" and "according to", paragraphs that
only continue a quote, and it must never raise on an odd number of quote marks.

- Direct quotes are found by a small state machine over the quote marks of each paragraph
  (straight, curly, guillemets, German „…“), which drops stray marks instead of failing.
  The attribution is looked for in the clause right after the closing mark
  ("…," he said.) or right before the opening one (Trump stated that "…"). A quote with
  no attribution of its own continues the previous speaker's quote (``continuation``).
  Short scare quotes ("nonsense") and titles are not quotations; nor is a short quote with
  no cue of its own, and one inside a reported clause the model found is left to that clause.
- Direct quotes also take a dash credit ('“…” ― Jane Doe'), a transcript's speaker tag
  ('"WALLACE: …', the colon as cue) and NYT-style '' marks. A quote
  that is only part of the reported clause ('said his rival was "a disaster"') is a mixed
  quote: the reported clause holding it is recorded instead, marks included; so is a quote
  that opens after words of its clause ('said the rules "will punish …"'), but not one that
  opens right after "that".
- Indirect quotes come from the learned attribution model (``attribution.py``, trained on
  PolNeAR): reported speech, but also attributed beliefs, intentions, findings, "according
  to X" and nominal cues, with PolNeAR's span conventions. A cue with no source mention of
  its own ("…, claiming that …") takes the subject of its clause as speaker, without a span.
  When the model file is missing, rules over the parse stand in: a reporting verb with a
  clausal complement (ccomp/xcomp), "describe X as Y", "accuse X of Y", "according to X".
- Speakers go through ``coref.Resolver`` (pronouns, "the spokesman") and are mapped to
  ``doc._.entities``; groups that are not entities keep their noun phrase as the name.

Claims credited to a news outlet ("Reuters reported that …", "according to Reuters") are
source attributions, not quotes: ``sources.py`` owns them, and this module skips them (the
model's outlet credits are handed to it on ``doc.user_data[OUTLET_CREDITS]``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..model import Quote, Speaker, TextSpan
from .attribution import (
    Attribution,
    Model,
    cue_range,
    find_attributions,
    head_span,
    load_model,
)
from .common import doc_text, sentence_evidence, text_span, token_chars
from .coref import (
    DOCUMENT_NOUNS,
    PRONOUNS,
    ROLE_NOUNS,
    Resolver,
    is_definite_description,
    is_outlet,
    noun_phrase,
    strip_article,
)
from .entities import entity_at

# Reporting verbs (lemmas) that introduce reported speech with a clause.
REPORT_VERBS = frozenset(
    """
    say tell state claim warn deny accuse announce report describe characterize add insist argue
    explain note suggest confirm admit acknowledge reveal predict promise vow pledge urge threaten
    write tweet declare allege assert maintain stress emphasize point reply respond answer ask
    recall complain charge contend concede testify indicate signal estimate disclose mention remark
    observe comment caution demand boast agree dispute reiterate affirm counter retort joke quip
    """.split()
)
# Extra verbs that only ever cue a direct quote ("…," he continued).
CUE_VERBS = REPORT_VERBS | frozenset("continue shout exclaim whisper laugh sigh begin conclude".split())
XCOMP_VERBS = frozenset("promise vow pledge threaten urge warn ask tell".split())
AS_VERBS = frozenset("describe characterize".split())
OF_VERBS = frozenset("accuse charge warn".split())
OBJECT_VERBS = frozenset({"deny"})

# Opening mark -> the marks that may close it.
_CLOSERS = {'"': '"', "“": "”", "„": "“”", "«": "»", "»": "«", "‹": "›"}
_MARK_RE = re.compile("''|[\"“”„«»‹›]")  # '' is the straight double quote of NYT-style text
_PARA_RE = re.compile(r"[^\n]+")
# a sentence end, but not the dot of a title or an initial ("Mr. Obama said", "Donald J. Trump")
_SENT_END_RE = re.compile(
    r"(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<!\bMrs)(?<!\bSen)(?<!\bRep)(?<!\bGov)"
    r"(?<!\bGen)(?<!\bCol)(?<!\bSgt)(?<!\bLt)(?<!\bRev)(?<!\bProf)(?<!\b[A-Z])[.!?;](?=\s|$)"
)
_OPEN_CONTEXT = set("([{—–-/ \t\n\u00a0")
_CLOSE_CONTEXT = set(".,;:!?)]}—–-/ \t\n\u00a0")
_SUBJECT_IDS = np.array([get_string_id(d) for d in ("nsubj", "nsubjpass")], dtype=np.uint64)
# Verbs that news uses for words and for force: "attacked the plan" is an attribution (PolNeAR
# annotates it), "attacked an army base" is no one speaking. Told apart by what is attacked.
FORCE_CUES = frozenset("attack hit strike target bomb shell raid storm".split())
PHYSICAL_THINGS = frozenset(
    "base embassy consulate building mall convoy village town city hospital school position plant station bridge ship "
    "vessel plane aircraft jet vehicle checkpoint headquarters airport port train bus car house home museum painting "
    "church mosque synagogue market office facility depot refinery dam infrastructure tank warehouse factory pipeline "
    "border camp compound barracks outpost".split()
)
WEAPONS = frozenset("cocktail knife gun rifle bomb missile drone rocket grenade explosive shell artillery".split())
MIN_QUOTE_WORDS = 4  # shorter fragments without their own punctuation are scare quotes or titles


@dataclass
class _Raw:
    """A stretch of text between quote marks."""

    open: int
    close: int | None  # None: the quote runs on into the next paragraph
    start: int
    end: int
    para: int
    runs_on: bool = False


def _straight_role(text: str, i: int, width: int = 1) -> str:
    """Whether a straight quote of ``width`` chars at ``i`` can only open, only close, or either."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    opens, closes = before in _OPEN_CONTEXT, after in _CLOSE_CONTEXT
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _scan_paragraph(text: str, ps: int, pe: int, para: int) -> tuple[list[_Raw], int | None]:
    """Pair the quote marks of one paragraph; returns the quotes and a still-open mark."""
    found: list[_Raw] = []
    open_at: int | None = None
    open_width = 1
    expect = ""
    for m in _MARK_RE.finditer(text, ps, pe):
        ch, i = m.group(), m.start()
        width = len(ch)
        if width == 2:
            ch = '"'
        role = _straight_role(text, i, width) if ch == '"' else ""
        if open_at is not None and ch in expect and role != "open":
            # ``close`` is the last character of the closing mark
            found.append(_Raw(open_at, i + width - 1, open_at + open_width, i, para))
            open_at = None
        elif ch in _CLOSERS and role != "close" and not (ch == "»" and open_at is not None):
            open_at, open_width, expect = i, width, _CLOSERS[ch]  # a new opener: an earlier unclosed one was stray
        elif ch == "”" and open_at is None and not text[ps:i].strip():
            open_at, open_width, expect = i, width, "”“"  # a closing mark typed to open a paragraph
    return found, open_at


def find_quote_spans(text: str) -> list[_Raw]:
    """Every quoted stretch of ``text``, paragraph by paragraph, stray marks dropped."""
    paras = [(m.start(), m.end()) for m in _PARA_RE.finditer(text)]
    out: list[_Raw] = []
    for n, (ps, pe) in enumerate(paras):
        found, open_at = _scan_paragraph(text, ps, pe, n)
        out.extend(found)
        if open_at is not None and n + 1 < len(paras):
            nxt = text[paras[n + 1][0] : paras[n + 1][1]].lstrip()
            if nxt[:1] and (nxt[0] in _CLOSERS or nxt.startswith("''")):  # news style: the next paragraph reopens the quote
                width = 2 if text.startswith("''", open_at) else 1
                out.append(_Raw(open_at, None, open_at + width, pe, n, runs_on=True))
    for q in out:  # trim spaces inside the marks
        while q.start < q.end and text[q.start].isspace():
            q.start += 1
        while q.end > q.start and text[q.end - 1].isspace():
            q.end -= 1
    return [q for q in out if q.end > q.start]


def _is_quotation(text: str, q: _Raw) -> bool:
    content = text[q.start : q.end]
    words = len(content.split())
    if words >= MIN_QUOTE_WORDS:
        return True
    return words > 1 and content[-1] in ".,!?…" or (words == 1 and content[-1] in ",!?" and q.close is not None)


def _tokens(doc: Doc, lo: int, hi: int) -> Span | None:
    if hi <= lo:
        return None
    return doc.char_span(lo, hi, alignment_mode="contract")


def _is_cue(tok: Token, lexicon: frozenset[str]) -> bool:
    lemma = tok.lemma_.lower()
    if lemma not in lexicon or tok.pos_ not in {"VERB", "AUX"}:
        return False
    return lemma != "point" or any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)


def _cue_span(tok: Token) -> TextSpan:
    """The cue word, with its particle for phrasal verbs ("points out")."""
    end = tok.idx + len(tok.text)
    for c in tok.rights:
        if c.dep_ == "prt":
            end = c.idx + len(c.text)
    return text_span(tok.doc, tok.idx, end)


def _subject(verb: Token) -> Token | None:
    """The grammatical subject of a reporting verb, climbing through participles and conjuncts."""
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            if subj.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl":
                return verb.head
            return subj
        if verb.dep_ in {"advcl", "conj", "xcomp", "ccomp"} and verb.head.i != verb.i:
            verb = verb.head
        else:
            return None
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _group_speakers(doc: Doc) -> list[Span]:
    """Subjects of reporting verbs that are not people ("the company said"): antecedents for "it"."""
    out = []
    deps = doc.to_array([DEP]).reshape(-1)
    for i in np.flatnonzero(np.isin(deps, _SUBJECT_IDS)).tolist():
        tok = doc[i]
        if tok.pos_ in {"NOUN", "PROPN"} and tok.ent_type_ != "PERSON" and _is_cue(tok.head, CUE_VERBS):
            out.append(noun_phrase(tok))
    return out


def _person_in(span: Span) -> Span | None:
    """The first PERSON entity that lies wholly inside ``span`` (``span.ents`` walks every
    entity of the doc, this only the span's tokens)."""
    doc = span.doc
    for tok in span:
        if tok.ent_iob_ == "B" and tok.ent_type_ == "PERSON":
            end = tok.i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            if end <= span.end:
                return doc[tok.i : end]
    return None


class _Speakers:
    """Turns speaker mentions into Speaker records, resolving pronouns and descriptions."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.resolver = Resolver(doc, groups=_group_speakers(doc))

    def from_span(self, span: Span) -> Speaker:
        doc, head = self.doc, span.root
        s, e = span.start_char, span.end_char
        if len(span) == 1 and head.lower_ in PRONOUNS:
            ref = self.resolver.resolve_pronoun(head)
            return Speaker(entity=ref.entity if ref else None, name=ref.name if ref else None, text=span.text, start=s, end=e)
        if is_definite_description(span):
            ref = self.resolver.resolve_description(span)
            if ref is not None:
                return Speaker(entity=ref.entity, name=ref.name, text=span.text, start=s, end=e)
        person = _person_in(span)
        lo, hi = (person.start_char, person.end_char) if person is not None else (head.idx, head.idx + len(head.text))
        ent = entity_at(doc, lo, hi)
        if ent is not None:
            return Speaker(entity=ent.id, name=ent.name, text=span.text, start=s, end=e)
        if person is not None or head.ent_type_ in {"PERSON", "ORG", "NORP"}:
            ref = self.resolver.canonical(lo, hi)
            if ref is not None:
                return Speaker(entity=None, name=ref.name, text=span.text, start=s, end=e)
        name = strip_article(span.text)
        return Speaker(entity=None, name=name, text=span.text, start=s, end=e)

    def from_token(self, tok: Token) -> Speaker:
        return self.from_span(noun_phrase(tok))


def _is_outlet_speaker(span: Span) -> bool:
    return span.root.ent_type_ != "PERSON" and is_outlet(span.text)


def _timex_in(doc: Doc, lo: int, hi: int) -> str | None:
    for t in doc._.timexes or ():
        if lo <= t.start and t.end <= hi:
            return t.value
    return None


def _frames(text: str, q: _Raw, ps: int, pe: int, prev_end: int, next_open: int) -> list[tuple[int, int]]:
    """The clause before the opening mark and after the closing one, nearest first."""
    lo = max(ps, prev_end)
    ends = list(_SENT_END_RE.finditer(text, lo, q.open))
    if ends:
        lo = ends[-1].end()
    before = (lo, q.open)
    after = (q.open, q.open)
    if q.close is not None:
        hi = min(pe, next_open)
        m = _SENT_END_RE.search(text, q.close + 1, hi)
        after = (q.close + 1, m.start() if m else hi)
    content = text[q.start : q.end]
    after_text = text[after[0] : after[1]].strip(" ,")
    after_first = content.endswith(",") or (after_text[:1].islower())
    return [after, before] if after_first else [before, after]


def _direct_cue(doc: Doc, frame: tuple[int, int], after: bool) -> tuple[Token | None, Span | None]:
    """The reporting verb (or "according to X") in a frame and the speaker mention it has."""
    span = _tokens(doc, *frame)
    if span is None:
        return None, None
    toks = list(span) if after else list(reversed(span))
    for tok in toks:
        if tok.lower_ == "according":
            pobj = next((g for c in tok.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return tok, noun_phrase(pobj)
        if _is_cue(tok, CUE_VERBS):
            subj = _subject(tok)
            if subj is not None and span.start <= subj.i < span.end:
                return tok, noun_phrase(subj)
            people = [e for e in span.ents if e.label_ in {"PERSON", "ORG"}]
            return tok, (people[0] if people else None)
    people = [e for e in span.ents if e.label_ == "PERSON"]
    return None, (people[0] if after and people else None)


def _direct_cue_span(doc: Doc, cue: Token, model: Model | None) -> TextSpan:
    """The cue as PolNeAR marks it (with auxiliaries, particles, "to" of "according to") when the
    attribution model is there, else the verb and its particle."""
    if model is not None:
        lo, hi = cue_range(cue, model.extend)
        return text_span(doc, *token_chars(doc, lo, hi))
    if cue.lower_ == "according":
        return text_span(doc, cue.idx, cue.idx + len("according to"))
    return _cue_span(cue)


def _widen_speaker(doc: Doc, speaker: Speaker, mention: Span, cue: Token | None, frame: tuple[int, int], model: Model) -> Speaker:
    """The speaker mention as the whole phrase it heads within the attribution clause
    ("Yuri Ushakov, the Kremlin's adviser"), as PolNeAR marks sources; resolution unchanged."""
    span = _tokens(doc, *frame)
    if span is None:
        return speaker
    exclude = set(range(*cue_range(cue, model.extend))) if cue is not None else set()
    found = head_span(mention.root, exclude, (span.start, span.end))
    if found is None or not (found[0] <= mention.start and mention.end <= found[1]):
        return speaker
    full = doc[found[0] : found[1]]
    return speaker.model_copy(update={"text": full.text, "start": full.start_char, "end": full.end_char})


def _is_mixed(doc: Doc, q: _Raw, cue: Token) -> bool:
    """Whether the quoted words after a cue are only part of the reported clause ('said his
    temperament is "unfit"'): some of them hang on a word outside the marks other than the cue."""
    span = _tokens(doc, q.start, q.end)
    if span is None:
        return False
    lo, hi = span.start, span.end
    return any(
        not t.is_punct and not (lo <= t.head.i < hi) and t.head.i != cue.i and t.head.i < lo
        for t in span
    )


def _clause_lead(doc: Doc, q: _Raw, cue: Token, mention: Span | None) -> int | None:
    """Where the reported clause starts when the quote opens inside it ('said Putin has "been
    a leader …"', 'Mills "got an immunity agreement," Jordan said'): the first of the words
    between the cue (or the sentence start) and the opening mark that hang on a quoted word;
    None when the quote opens the clause or only "that" comes before it."""
    span = _tokens(doc, q.start, q.end)
    if span is None:
        return None
    lo, hi = span.start, span.end
    if cue.i < lo:
        floor = max(cue.i, mention.end - 1 if mention is not None and mention.start > cue.i else cue.i) + 1
    else:  # the cue follows the quote ('Mills "got an immunity agreement," Jordan said')
        floor = doc[lo].sent.start
    start = None
    j = lo - 1
    while j >= floor and lo - j <= 12:
        tok = doc[j]
        if tok.is_punct or tok.is_space:
            if tok.text in {":", ";"} or ("\n" in tok.text):
                break
            j -= 1
            continue
        node, steps = tok, 0
        while node.i != cue.i and not (lo <= node.i < hi) and node.head.i != node.i and steps < 8:
            node, steps = node.head, steps + 1
        if not lo <= node.i < hi:
            break
        start, j = j, j - 1
    if start is None or all(doc[k].dep_ == "mark" or doc[k].is_punct for k in range(start, lo)):
        return None  # 'said that "…"': the quote is the whole clause, it stays direct
    return doc[start].idx


_TAG_RE = re.compile(r"([A-Z][A-Z.'’\- ]{1,30}[A-Z]):[ \t]")


def _skip_space(text: str, i: int, end: int) -> int:
    while i < end and text[i].isspace():
        i += 1
    return i


def _speaker_tag(doc: Doc, q: _Raw) -> tuple[Token, Span] | None:
    """A transcript line quoted whole ('"WALLACE: Let's start …'): the colon and the speaker's
    name in capitals before it."""
    m = _TAG_RE.match(doc_text(doc), q.start, q.end)
    if m is None:
        return None
    name = doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
    colon = doc.char_span(m.end(1), m.end(1) + 1)
    if name is None or colon is None:
        return None
    return colon[0], name


_DASHES = "―—"


def _dash_credit(doc: Doc, q: _Raw, para_end: int) -> tuple[int, Span] | None:
    """A quote credited with a dash after its closing mark ('“…” ― Jane Doe'): the dash's
    offset and the name after it."""
    text = doc_text(doc)
    if q.close is None:
        return None
    j = q.close + 1
    while j < para_end and text[j] in " \u00a0":
        j += 1
    if j >= para_end or text[j] not in _DASHES:
        return None
    span = doc.char_span(j + 1, para_end, alignment_mode="contract")
    if span is None:
        return None
    name = next((e for e in span.ents if e.label_ in {"PERSON", "ORG", "NORP"}), None)
    if name is None:
        first = next((t for t in span if not (t.is_punct or t.is_space)), None)
        if first is None or first.pos_ != "PROPN":
            return None
        name = noun_phrase(first)
    return j, name


def _direct_quotes(doc: Doc, speakers: _Speakers | None, model: Model | None) -> tuple[list[Quote], list[_Raw], set[int], set[int]]:
    """Direct quotes, the quoted stretches, the cue tokens used, and which quotes are mixed
    (returned as indices; their cue is left to the attribution model)."""
    text = doc_text(doc)
    paras = [(m.start(), m.end()) for m in _PARA_RE.finditer(text)]
    raws = [q for q in find_quote_spans(text) if _is_quotation(text, q)]
    all_marks = find_quote_spans(text)
    quotes: list[Quote] = []
    cue_ids: set[int] = set()
    mixed: set[int] = set()
    prev: Quote | None = None
    prev_para = -10
    prev_runs_on = False
    for n, q in enumerate(raws):
        ps, pe = paras[q.para]
        prev_end = max((r.close + 1 for r in all_marks if r.close is not None and r.close < q.open), default=ps)
        next_open = min((r.open for r in all_marks if r.open > q.open), default=pe)
        cue = mention = None
        frame_used = (q.open, q.open)
        dash = _dash_credit(doc, q, pe) if speakers is not None else None
        tag = _speaker_tag(doc, q) if speakers is not None and dash is None else None
        if tag is not None:
            cue, mention = tag
            frame_used = (mention.start_char, cue.idx + 1)
            q.start = _skip_space(text, cue.idx + 1, q.end)
        elif dash is not None:
            mention, frame_used = dash[1], (q.close + 1, dash[1].end_char)  # type: ignore[operator]
        elif speakers is not None:
            for frame in _frames(text, q, ps, pe, prev_end, next_open):
                cue, mention = _direct_cue(doc, frame, after=frame[0] > q.open)
                if cue is not None or mention is not None:
                    frame_used = frame
                    break
        continuation = False
        if mention is not None and speakers is not None:
            speaker = speakers.from_span(mention)
            if model is not None:
                speaker = _widen_speaker(doc, speaker, mention, cue, frame_used, model)
            confidence = 0.9 if cue is not None or dash is not None else 0.7
            if speaker.name is None:
                confidence = 0.5
        elif prev is not None and (q.para - prev_para <= 1 or prev_runs_on):
            speaker, continuation, confidence = prev.speaker, True, 0.75
        else:
            speaker, confidence = Speaker(), 0.4
        lead = None
        if cue is not None and model is not None and frame_used[1] <= q.open and _is_mixed(doc, q, cue):
            mixed.add(n)
        elif cue is not None:
            cue_ids.add(cue.i)
            if model is not None:
                lead = _clause_lead(doc, q, cue, mention if frame_used[1] <= q.open else None)
        elif dash is None and model is not None:
            mixed.add(n)  # no cue of its own: kept unless a reported clause found by the model holds it
        start, end = (q.start, q.end) if lead is None else (lead, _close_marks(text, lead, q.end))
        record = Quote(
            kind="direct" if lead is None else "indirect",
            start=start,
            end=end,
            text=text[start:end],
            speaker=speaker,
            cue=text_span(doc, dash[0], dash[0] + 1) if dash is not None else (
                _direct_cue_span(doc, cue, model) if cue is not None else None
            ),
            continuation=continuation,
            date=_timex_in(doc, *frame_used),
            sentence=sentence_evidence(doc, q.start),
            confidence=confidence,
        )
        quotes.append(record)
        prev, prev_para, prev_runs_on = record, q.para, q.runs_on
    _back_fill(quotes, raws)
    return quotes, raws, cue_ids, mixed


def _back_fill(quotes: list[Quote], raws: list[_Raw]) -> None:
    """A quote running over paragraphs whose cue comes only in a later paragraph takes that speaker."""
    for i in range(len(quotes) - 2, -1, -1):
        if raws[i].runs_on and quotes[i].speaker.name is None and quotes[i + 1].speaker.name is not None:
            quotes[i] = quotes[i].model_copy(update={"speaker": quotes[i + 1].speaker, "confidence": 0.7})


def _complement(verb: Token) -> list[Token]:
    """The tokens that carry what was said: ccomp, xcomp, "as"-phrase, "of"-phrase."""
    lemma = verb.lemma_.lower()
    kids = list(verb.children)
    comp = [c for c in kids if c.dep_ == "ccomp"]
    if comp:
        return comp
    if lemma in XCOMP_VERBS:
        comp = [c for c in kids if c.dep_ == "xcomp"]
        if comp:
            return comp + [c for c in kids if c.dep_ == "dobj" and c.i < comp[0].i]
    for verbs, word in ((AS_VERBS, "as"), (OF_VERBS, "of")):
        if lemma in verbs:  # "describe X as Y", "accuse X of Y": the preposition hangs on the verb or on X
            objs = [c for c in kids if c.dep_ == "dobj"]
            heads = kids + [g for o in objs for g in o.children]
            if any(c.dep_ in {"prep", "oprd"} and c.lower_ == word for c in heads):
                return objs + [c for c in kids if c.dep_ in {"prep", "oprd"} and c.lower_ == word]
    if lemma in OBJECT_VERBS:
        return [c for c in kids if c.dep_ == "dobj"]
    return []


def _trim(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    """Character range of tokens [lo, hi) without edge punctuation."""
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return lo, hi


def _inside(spans: list[tuple[int, int]], lo: int, hi: int) -> bool:
    return any(s <= lo and hi <= e for s, e in spans)


def _mostly_inside(spans: list[tuple[int, int]], lo: int, hi: int) -> bool:
    """Whether one of ``spans`` holds at least 80% of [lo, hi) (edge punctuation may differ)."""
    return any(min(hi, e) - max(lo, s) >= 0.8 * (hi - lo) for s, e in spans)


def _close_marks(text: str, start: int, end: int) -> int:
    """``end`` moved past the closing mark (and the punctuation before it) of a quotation
    opened inside [start, end) and left open there: 'was "a disaster."' not 'was "a disaster'."""
    inner = text[start:end]
    if len(_MARK_RE.findall(inner)) % 2 == 0:
        return end
    j = end
    while j < len(text) and j - end < 3 and text[j] in ".,!?":
        j += 1
    m = _MARK_RE.match(text, j)
    return m.end() if m else end


def _indirect_quotes(doc: Doc, speakers: _Speakers, direct: list[_Raw], cue_ids: set[int]) -> list[Quote]:
    text = doc_text(doc)
    quoted = [(q.open, (q.close + 1) if q.close is not None else q.end) for q in direct]
    out: list[Quote] = []
    for tok in doc:
        low = tok.lower_
        if low == "according":
            rec = _according(doc, tok, speakers, quoted)
            if rec is not None:
                out.append(rec)
            continue
        if tok.i in cue_ids or not _is_cue(tok, REPORT_VERBS) or _inside(quoted, tok.idx, tok.idx + 1):
            continue
        comp = _complement(tok)
        if not comp:
            continue
        lo, hi = _trim(doc, min(c.left_edge.i for c in comp), max(c.right_edge.i for c in comp) + 1)
        if hi <= lo:
            continue
        start, end = token_chars(doc, lo, hi)
        if any(s <= start and end <= e for s, e in quoted):
            continue
        if sum(max(0, min(end, e) - max(start, s)) for s, e in quoted) > 0.6 * (end - start):
            continue  # the complement is a direct quote already recorded
        subj = _subject(tok)
        if subj is None or (_is_passive(tok) and subj.head.i == tok.i):
            continue
        mention = noun_phrase(subj)
        if _is_outlet_speaker(mention):
            continue
        out.append(
            Quote(
                kind="indirect",
                start=start,
                end=end,
                text=text[start:end],
                speaker=speakers.from_span(mention),
                cue=_cue_span(tok),
                date=_date_of(doc, tok, comp),
                sentence=sentence_evidence(doc, tok.idx),
                confidence=0.7 if mention.root.lower_ not in PRONOUNS else 0.6,
            )
        )
    return out


def _date_of(doc: Doc, verb: Token, comp: list[Token]) -> str | None:
    """A time expression that modifies the reporting verb itself ("said on Thursday")."""
    if not doc._.timexes:
        return None
    for c in verb.children:
        if c.dep_ in {"npadvmod", "prep", "advmod", "tmod"} and c not in comp:
            value = _timex_in(doc, c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
            if value:
                return value
    return None


def according_phrase(tok: Token) -> tuple[Span, Token] | None:
    """For "according to X": the whole phrase and the head noun of X."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None:
        return None
    return tok.doc[tok.i : pobj.right_edge.i + 1], pobj


def clause_around(doc: Doc, phrase: Span) -> tuple[int, int] | None:
    """Character range of the sentence holding ``phrase`` without the phrase when it sits at
    an edge ("According to X, …" / "…, X said"); the whole sentence when it sits inside."""
    sent = phrase.sent
    lo, hi = _trim(doc, sent.start, sent.end)
    if phrase.start <= lo:
        lo, hi = _trim(doc, phrase.end, hi)
    elif phrase.end >= hi:
        lo, hi = _trim(doc, lo, phrase.start)
    if hi <= lo:
        return None
    return token_chars(doc, lo, hi)


def _according(doc: Doc, tok: Token, speakers: _Speakers, quoted: list[tuple[int, int]]) -> Quote | None:
    """ "according to officials, …": an indirect quote when X is a person or group (outlets and
    documents are source attributions)."""
    found = according_phrase(tok)
    if found is None or _inside(quoted, tok.idx, tok.idx + 1):
        return None
    phrase, pobj = found
    mention = noun_phrase(pobj)
    if is_outlet(mention.text) or pobj.ent_type_ not in {"PERSON", "ORG", "NORP", "GPE"} and not _is_actor_noun(pobj):
        return None
    bounds = clause_around(doc, phrase)
    if bounds is None:
        return None
    start, end = bounds
    return Quote(
        kind="indirect",
        start=start,
        end=end,
        text=doc_text(doc)[start:end],
        speaker=speakers.from_span(mention),
        cue=text_span(doc, tok.idx, tok.nbor().idx + len(tok.nbor().text)),
        sentence=sentence_evidence(doc, tok.idx),
        confidence=0.6,
    )


_ACTOR_NOUNS = frozenset(
    """
    official officials source sources authority authorities spokesman spokeswoman spokesperson
    police prosecutor prosecutors witness witnesses people person resident residents expert experts
    analyst analysts diplomat diplomats aide aides officer officers lawmaker lawmakers
    government ministry military army committee council agency office
    """.split()
)


def _is_actor_noun(tok: Token) -> bool:
    return tok.lower_ in _ACTOR_NOUNS or tok.lemma_.lower() in ROLE_NOUNS or tok.lower_ in PRONOUNS


def _model_quotes(doc: Doc, speakers: _Speakers, model: Model, direct: list[_Raw], cue_ids: set[int]) -> list[Quote]:
    """Indirect quotes from the learned attribution model (beliefs, intentions, findings and
    nominal cues as well as reported speech)."""
    text = doc_text(doc)
    quoted = [(q.open, (q.close + 1) if q.close is not None else q.end) for q in direct]
    marks = [(q.start, q.end) for q in find_quote_spans(text)]
    out: list[Quote] = []
    credits: list[tuple[int, ...]] = []
    for att in find_attributions(doc, model, quoted=marks, skip=cue_ids):
        rec = _model_quote(doc, speakers, att, quoted)
        if isinstance(rec, Quote):
            out.append(rec)
            if att.rest is not None:  # the content's other part, across the cue: the later part continues the earlier
                start, end = token_chars(doc, *att.rest)
                if not _inside(quoted, start, end):
                    part = rec.model_copy(update={"start": start, "end": end, "text": text[start:end]})
                    first, second = (part, rec) if start < rec.start else (rec, part)
                    out[-1:] = [first, second.model_copy(update={"continuation": True})]
        elif rec == _OUTLET and att.source is not None and att.content is not None:
            credits.append((*att.cue, *att.source, *att.content, att.source_head))  # type: ignore[arg-type]
    doc.user_data[OUTLET_CREDITS] = credits
    return out


# Token ranges (cue, source, content) and source head of the model's attributions whose source
# is a news outlet or a document: sources.py turns them into SourceAttributions. Plain ints, so
# they survive Doc serialization.
OUTLET_CREDITS = "newsgraph_outlet_credits"
_OUTLET = "outlet"


def _model_quote(doc: Doc, speakers: _Speakers, att: Attribution, quoted: list[tuple[int, int]]) -> Quote | str | None:
    """The Quote for one attribution; ``_OUTLET`` when it credits an outlet or a document."""
    text = doc_text(doc)
    lo, hi = att.content  # type: ignore[misc]
    if hi - lo == 1 and doc[lo].pos_ in {"PRON", "DET"}:
        return None  # "which the Kremlin blamed on …": the content is only a relative word
    start, end = token_chars(doc, lo, hi)
    end = _close_marks(text, start, end)
    if _inside(quoted, start, end):
        return None
    if sum(max(0, min(end, e) - max(start, s)) for s, e in quoted) > 0.6 * (end - start):
        return None  # the content is a direct quote already recorded
    cue = doc[att.cue_head]
    if _use_of_force(doc, cue, lo, hi):
        return None
    if att.source is not None and att.source_head is not None:
        mention = noun_phrase(doc[att.source_head])
        if _is_outlet_speaker(mention) or (cue.lower_ == "according" and _is_document(doc[att.source_head])):
            return _OUTLET  # a claim credited to an outlet or a document: sources.py records it
        full = doc[att.source[0] : att.source[1]]
        speaker = speakers.from_span(mention).model_copy(
            update={"text": full.text, "start": full.start_char, "end": full.end_char}
        )
    else:
        speaker = _implicit_speaker(speakers, cue)
    cs, ce = att.cue
    confidence = round(0.4 + 0.5 * att.score, 3) if speaker.name else round(0.3 + 0.4 * att.score, 3)
    return Quote(
        kind="indirect",
        start=start,
        end=end,
        text=text[start:end],
        speaker=speaker,
        cue=text_span(doc, *token_chars(doc, cs, ce)),
        date=_date_of(doc, cue, [doc[i] for i in range(lo, hi) if doc[i].head.i == cue.i]),
        sentence=sentence_evidence(doc, cue.idx),
        confidence=confidence,
    )


def _use_of_force(doc: Doc, cue: Token, lo: int, hi: int) -> bool:
    """A force verb whose content is a place or thing, or done with a weapon: "attacked an army base",
    "attacked the embassy with two Molotov cocktails" (not "attacked the plan", "attacked him for ...")."""
    if cue.lemma_.lower() not in FORCE_CUES:
        return False
    heads = [doc[i] for i in range(lo, hi) if not lo <= doc[i].head.i < hi or doc[i].head.i == i]
    if any(h.pos_ in ("NOUN", "PROPN") and h.lemma_.lower() in PHYSICAL_THINGS for h in heads):
        return True
    return any(g.lemma_.lower() in WEAPONS for p in cue.children if p.dep_ == "prep" and p.lower_ == "with" for g in p.subtree)


def _is_document(tok: Token) -> bool:
    return tok.lower_ in DOCUMENT_NOUNS or tok.lemma_.lower() in DOCUMENT_NOUNS


def _implicit_speaker(speakers: _Speakers, cue: Token) -> Speaker:
    """The speaker of a cue with no source mention of its own ("…, claiming that …"): the
    subject of the clause it hangs on, resolved but with no text span (PolNeAR gives each
    word one role, so the mention already belongs to the outer attribution)."""
    subj = _subject(cue)
    if subj is None or subj.dep_ == "nsubjpass":  # "X was accused of …": X is not the speaker
        return Speaker()
    found = speakers.from_span(noun_phrase(subj))
    return Speaker(entity=found.entity, name=found.name)


def extract_quotes(doc: Doc) -> list[Quote]:
    """Direct and indirect quotations of ``doc`` with their speakers, in text order."""
    if not doc_text(doc).strip():
        return []
    parsed = doc.has_annotation("DEP") and doc.has_annotation("SENT_START")
    speakers = _Speakers(doc) if parsed else None
    model = load_model() if speakers is not None else None
    direct, raws, cue_ids, mixed = _direct_quotes(doc, speakers, model)
    doc.user_data[OUTLET_CREDITS] = []
    if speakers is None:
        indirect = []
    elif model is not None:
        indirect = _model_quotes(doc, speakers, model, [r for n, r in enumerate(raws) if n not in mixed], cue_ids)
        # a mixed quote is kept inside the reported clause that holds it, when the model found one
        spans = [(q.start, q.end) for q in indirect]
        direct = [
            q for n, q in enumerate(direct)
            if n not in mixed or not (_mostly_inside(spans, q.start, q.end) or q.cue is None and not q.continuation and len(q.text.split()) <= MIN_QUOTE_WORDS)
        ]
    else:
        indirect = _indirect_quotes(doc, speakers, raws, cue_ids)
    return sorted(direct + indirect, key=lambda q: (q.start, q.end))


def _annotate(doc: Doc) -> Doc:
    doc._.quotes = extract_quotes(doc)
    return doc


@Language.factory("newsgraph_quotes", assigns=["doc._.quotes"])
def quotes_component(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The quotes component; the attribution model is read here, with the pipeline, rather
    than on the first article."""
    load_model()
    return _annotate
