"""PLOVER events: who did what to whom, where and when, read off the dependency parse.

Triggers come from an editable lexicon (``data/plover_verbs.yaml``: lemmas and multiword
patterns per PLOVER type and mode, typed as the CAMEO->PLOVER table of the GSR types them)
matched with small spaCy Matchers; a one-word trigger whose object gives it an everyday sense
("released a statement", "met the deadline") and a subjectless gerund that is only talked about
("recognizing Crimea would violate ...") report no event, and an object can decide the type
("handed over medicine" is AID, "handed over prisoners" a RETREAT). Each trigger's arguments
are read from the parse: the subject (or the "by" agent of a passive, or the object of "urged X
to", or the subject above "is prepared to" / "is guilty of") is the actor, the object (or a
"with/on/against" phrase, also on the object of a multiword trigger: "imposed sanctions on X")
the target, a GPE/LOC in an "in/near/at" phrase the place. Actors and targets are entity ids
from ``doc._.entities``: a span that is no entity is left out rather than invented. News names
parties indirectly, so the entity is looked for deeper when the head is none: "it"/"they"/"its
forces" resolve to the state or group that speaks or was named before; "Hungarian officials",
"doctors from American aid groups" give the entity inside the phrase; with no object the target
is the first entity in the trigger's complements ("demanded that the US cancel ..."), place
phrases last ("in protest against X" is a reason, not a place), then the object of the verb a
purpose clause hangs from ("summoned the ambassador to complain") or the subject of an
"if/unless" condition ("threatened to ... if the US ..."); never a topic ("discussed frozen
Russian assets") nor, outside force a state turns on itself, the actor's own country. Pronouns
follow the grammar news writes in: "I/we" in a quotation are its speaker, "his/its/their" on an
event noun its actor ("his invasions of Georgia"), "it/they/she" prefer a subject named before over
a nearer object; a passive shared by conjoined or gerund verbs ("was shot and killed by police",
"before being freed") keeps the one it is done to; a town is a place, not a party, before a noun of
a happening ("the Tulsa protest") and, for acts not done to a place, in an "in/at" phrase
("protesters gathered in Minsk"). Each event
also says whether it is negated, planned, proposed, denied or only reported, and is recoded as
PLOVER codes intentions: a cooperative act promised is AGREE, one promised "unless ..." or a
hostile one THREATEN, "Y must do Z" a REQUEST of Y (with or without a trigger word), stopping a
hostile act ("suspended its strike") a CONCEDE, or a RETREAT for military action and sanctions.
An event is dated by the time expression governing it; a past event whose clause has none takes
the date of the event it follows up in the same paragraph ("the meeting ... was overshadowed by
..." after "met yesterday").
A "verb * noun" or "verb preposition" trigger is also read off the parse ("restore complete, full
diplomatic ties", "left last week for Beijing"), so words between do not hide it. Conjoined
sides of a mutual act are each other's target ("Iran and Saudi Arabia restored ties", "A and B
clashed"), a party "along with" the subject acts too, a verb with no object shares the next
conjoined verb's ("attacked and killed three soldiers"), and a reduced passive ("if attacked",
"Criticized by Washington, Israel ...") acts on the subject above it. No event is read from words
to the reader ("you agree to our Terms", imperatives), a view shared ("I agree that ..."), an
infinitive describing a noun ("a safe place to visit") or a measure that rises ("the death toll
rose"), nor from a question ("Will Putin's army capture ...?", "asked whether ..."), an
"if/unless" condition, words to the audience ("we appreciate your feedback") or a conflict word
used in another sense, as war and climate news use them: an object or "at/with" phrase can
retype the verb ("fired back at critics": ACCUSE, "hit Moscow with sanctions": SANCTION), a
verb listed as needing an object is none without one ("the truce hangs in the balance";
"returned to Geneva for talks" is a visit). Political news borrows the same words: in a sentence
with no violence, a conflict word between politicians is a verbal attack ("attacks on Clinton",
"fired back at Trump": ACCUSE) or nothing ("only Cruz can beat Trump", "the nomination battle", "a
rally with supporters"), and what only could, might or would have happened is no event. The main event of a sentence is the one highest in
its parse outside time, reason and relative clauses ("... years after crowds burned down its
embassy").
A sentence where the hand lexicon gives no event (or only nouns some verb takes as object:
"disparaged the exercises") is read by a broad second tier, the CAMEO verb dictionary of
PETRARCH-2 (``data/cameo_verbs.yaml``, derived: verb -> CAMEO code -> PLOVER type): a verb its
block codes, or a verb + object pattern ("recalled its ambassador": SANCTION, CAMEO 161), is a
trigger when it names who acts; a natural force or a rising measure as subject ("the storm
devastated") is no party. A CAMEO pattern also retypes a one-word hand-lexicon trigger
("attacked the decision": a verbal attack, CAMEO 111).
A sentence where neither finds an event falls back to a logistic regression sentence
classifier over parse features (``sentence_features``; ``data/models/event_types.json``, trained
on NGEC synthetic stories and the PLOVER GSR dev half by ``scripts/train_event_types.py``): its
main verb becomes the trigger, with a low confidence, when that verb is no light verb and has a
party as subject.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy
import yaml
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..model import Entity, Event
from .common import (
    PLACE_TYPES,
    doc_text,
    in_sorted,
    mention_owners,
    sentence_bounds,
    sentence_evidence,
    text_span,
)

try:  # written by the time component; until it lands we fall back to the sentence's own timex
    from .timex import governing_date as _governing_date
except ImportError:  # pragma: no cover - depends on the other component's progress
    _governing_date = None

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "dative", "attr", "oprd"}
# verbs whose object is the actor's own people, sent or taken somewhere ("deploy peacekeepers in Iraq")
MOVING_VERBS = frozenset({"deploy", "send", "withdraw", "pull", "dispatch", "evacuate", "station", "move", "redeploy", "recall"})
DEFAULT_TARGET_PREPS = ("with", "against", "on", "to", "toward", "towards", "at", "into", "from")  # "from Ukraine into Russia": Russia
PLACE_PREPS = {"in", "near", "at", "outside", "inside", "around", "across", "throughout", "along", "off", "within"}
REPORTING = {
    "say", "tell", "report", "announce", "claim", "state", "allege", "add", "write", "confirm",
    "declare", "insist", "note", "assert", "quote", "suggest", "believe", "reveal",
}
PLANNING = {"plan", "intend", "prepare", "prepared", "ready", "willing", "determined", "offer", "expect", "aim", "schedule", "set", "go", "hope", "want", "seek", "decide", "vow"}
PROPOSING = {"propose", "suggest", "recommend", "envisage", "envision", "call", "urge", "demand", "ask", "consider", "weigh", "mull",
             "contemplate", "explore"}
DENYING = {"deny", "dismiss", "refute", "reject", "dispute", "rebut"}
FAILING = {"fail", "refuse", "decline"}
FAILING_NOUNS = frozenset({"failure", "refusal", "inability"})
OBLIGATION_AUX = {"must", "should"}
# Verbs under which "Y must do Z" is a demand made of Y ("said/concluded/insisted that Y must ...").
SAYING = REPORTING | {"conclude", "insist", "argue", "stress", "reiterate", "maintain", "believe", "think", "feel",
                      "decide", "rule", "urge", "emphasize", "emphasise", "underline", "repeat", "tell", "agree", "demand"}
# Verbs whose object, not subject, does what their infinitive says ("urged Iran to stop", "pressed both sides to agree").
OBJECT_CONTROL = {"urge", "press", "pressure", "ask", "force", "order", "tell", "persuade", "convince", "encourage",
                  "push", "call", "invite", "allow", "compel", "require", "advise", "warn"}
NEGATING_DETS = frozenset({"neither", "no"})  # on a subject, they deny the act
FIRST_PERSON = {"i", "we", "us"}  # "we must be vigilant": an exhortation, no one else is asked
# PLOVER codes a stated intention by its tone: a cooperative act promised is AGREE, a hostile one
# THREATEN; a cooperative act refused is REJECT; a demand that someone act is REQUEST.
COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE", "AGREE"}
HOSTILE = {"SANCTION", "COERCE", "ASSAULT", "PROTEST", "MOBILIZE"}
FUTURE_AUX = {"will", "shall", "'ll", "would", "could", "might", "may"}
PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_GROUP = {"it", "they", "we", "them", "us"}  # a state, body or group named before
POSSESSIVE_GROUP = {"its", "their"}
PRONOUNS_POSSESSIVE = frozenset({"his", "her", "its", "their", "my", "our"})
PRONOUNS_SPEAKER = frozenset({"i", "me", "my"})  # inside a quotation: its speaker
RELATIVE = {"which", "who", "that", "whom"}
# Event types whose embedded clause is their content, not a separate happening
# ("agreed to withdraw", "threatened to attack", "accused X of killing").
# Nouns of these types name a happening even when no one is said to have done it ("the assassination of X").
PHYSICAL_TYPES = {"ASSAULT", "PROTEST", "COERCE"}
# Acts only a state's authorities perform: told in the passive with no agent ("was arrested in
# Lebanon", "was sentenced in Iran"), the state of the place acts.
FORCEFUL = frozenset({"ASSAULT", "COERCE", "SANCTION"})  # acts whose promise is a threat ("vowed to fight Israel")
PROMISING = frozenset({"vow", "pledge", "promise", "swear", "commit", "guarantee", "assure"})  # not "agreed to ban": a joint decision
VOWING = frozenset({"vow", "pledge", "promise", "swear"})  # "promised more strikes" is a threat, "committing attacks" an attack
STATE_ACTS = {"COERCE", "SANCTION"}
CAMEO_CONFIDENCE = 0.45  # calibrated on real news, see extract_events
COURT_VERBS = frozenset({"convict", "sentence"})  # a court's verdict (ACCUSE, CAMEO 116 "find guilty") is the state's act too
UNDOABLE = {"SANCTION", "COERCE", "ASSAULT", "PROTEST", "MOBILIZE", "THREATEN"}  # hostile acts one can call off
DEESCALATING = {"ASSAULT", "MOBILIZE", "SANCTION"}  # stopping these is a RETREAT, other hostile acts a CONCEDE
HELPFUL = {"AID", "COOPERATE", "CONSULT"}  # acts of help whose stopping or barring is a SANCTION
FRAMING_TYPES = {"AGREE", "REQUEST", "THREATEN", "REJECT", "ACCUSE", "CONCEDE", "SUPPORT"}


# The sentence classifier (``scripts/train_event_types.py``, trained on NGEC synthetic stories).
TYPE_TOKEN_PATTERN = r"(?u)\b\w\w+\b"
FUTURE_WORDS = frozenset({"will", "would", "could", "may", "might", "shall"})
_TYPE_TOKEN = re.compile(TYPE_TOKEN_PATTERN)
TYPE_MODEL_FILE = "event_types.json"
# Light verbs, and verbs whose meaning lies in the clause they govern ("Gore made a prediction",
# "attempting to surround"): as a sentence's main verb they type nothing by themselves.
LIGHT_ROOTS = frozenset({
    "be", "have", "do", "make", "come", "go", "get", "take", "give", "put", "set", "keep", "see", "look", "know", "think",
    "want", "use", "find", "show", "seem", "become", "remain", "include", "read", "follow", "try", "attempt", "manage",
    "decide", "plan", "prepare", "need", "fail", "hope", "intend", "aim", "expect", "express", "voice",
})
CLASSIFIER_POLITICS_PROB = 0.5  # trained on diplomacy and war: on campaign news ("leads Trump in the polls") its unsure guesses were all wrong
CLASSIFIER_MIN_PROB = 0.2  # below this the sentence most likely reports no PLOVER event (balanced classes: flat probabilities)
# verbs of comment and comparison: a sentence built on one says something, it does nothing to anyone
COMMENTING = frozenset({
    "remark", "liken", "compare", "describe", "explain", "argue", "predict", "recall", "acknowledge", "admit", "comment",
    "reply", "respond", "stress", "emphasize", "emphasise", "point", "suggest", "spread", "wonder", "speculate",
})
NAMING = frozenset({"call", "label", "brand", "name", "term"})  # active: "he called the laws misogyny"; not "was called to duty"
# copulas and other state verbs: a sentence built on one describes, it reports no act to type
STATIVE = frozenset({"be", "seem", "appear", "become", "look", "sound", "feel"})


def sentence_features(sent: Span) -> list[str]:
    """What the sentence classifier reads: each verb's lemma, with its object, prepositions,
    particle, negation and future auxiliary; the root verb and the clause under it; noun lemmas;
    the words. Verb-object pairs carry over to wordings the lexicon lacks far better than word
    pairs do (cross-validated on the GSR dev half: 0.51 against 0.33 type accuracy)."""
    out: list[str] = []
    for t in sent:
        lemma = t.lemma_.lower()
        if t.pos_ == "VERB":
            out.append(f"V:{lemma}")
            for c in t.children:
                if c.dep_ in ("dobj", "nsubjpass"):
                    out.append(f"VO:{lemma}|{c.lemma_.lower()}")
                elif c.dep_ == "prep":
                    out.append(f"VP:{lemma}|{c.lower_}")
                elif c.dep_ == "prt":
                    out.append(f"V:{lemma}_{c.lower_}")
                elif c.dep_ == "neg":
                    out.append("NEG")
                elif c.dep_ == "aux" and c.lower_ in FUTURE_WORDS:
                    out.append(f"FUT:{lemma}")
            if t.dep_ == "ROOT":
                out.append(f"R:{lemma}")
            elif t.dep_ in ("xcomp", "ccomp") and t.head.dep_ == "ROOT":
                out.append(f"C:{lemma}")
        elif t.pos_ == "NOUN":
            out.append(f"N:{lemma}")
    out.extend("w:" + w.lower() for w in _TYPE_TOKEN.findall(sent.text))
    return out


@dataclass(frozen=True)
class TypeModel:
    """TF-IDF over ``sentence_features`` + multinomial logistic regression, as plain weights."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    features: dict[str, list[float]]  # feature -> [idf, weight per class]
    _index: dict[str, int] = field(init=False, repr=False, compare=False)
    _idf: numpy.ndarray = field(init=False, repr=False, compare=False)
    _weights: numpy.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        table = numpy.array(list(self.features.values()), dtype=float).reshape(len(self.features), len(self.classes) + 1)
        object.__setattr__(self, "_index", {f: i for i, f in enumerate(self.features)})
        object.__setattr__(self, "_idf", table[:, 0])
        object.__setattr__(self, "_weights", table[:, 1:])

    def probs(self, features: list[str]) -> dict[str, float]:
        """Probability of each PLOVER type for one sentence's features (the prior when none is known)."""
        counts: dict[int, int] = {}
        for f in features:
            i = self._index.get(f)
            if i is not None:
                counts[i] = counts.get(i, 0) + 1
        scores = numpy.array(self.bias, dtype=float)
        if counts:
            idx = numpy.fromiter(counts, dtype=int, count=len(counts))
            vals = (1.0 + numpy.log(numpy.fromiter(counts.values(), dtype=float, count=len(counts)))) * self._idf[idx]
            scores += (vals / (math.sqrt(float(vals @ vals)) or 1.0)) @ self._weights[idx]
        exps = numpy.exp(scores - scores.max())
        return dict(zip(self.classes, (exps / exps.sum()).tolist()))


@lru_cache(maxsize=1)
def load_type_model() -> TypeModel | None:
    """The shipped sentence classifier, read once per process; None when it was never built."""
    try:
        path = resources.files("newsgraph.data").joinpath("models").joinpath(TYPE_MODEL_FILE)
        data = json.loads(path.read_text("utf-8"))
        return TypeModel(classes=tuple(data["classes"]), bias=tuple(data["bias"]), features=data["features"])
    except (OSError, ValueError, KeyError):
        return None


@dataclass(frozen=True)
class Lexicon:
    """The parsed trigger lexicon."""

    patterns: dict[str, list[list[dict[str, Any]]]]  # match key -> Matcher patterns
    longest: int  # most tokens a pattern can span
    target_preps: dict[str, tuple[str, ...]]
    light_verbs: frozenset[str]
    instruments: dict[str, str]  # instrument phrase (lemmas) -> mode
    lemma_fixes: dict[str, str]  # a lemma the small model gets wrong -> the right one ("staged" -> "stag")
    topic_verbs: frozenset[str]  # verbs whose direct object is what is talked about, not a party
    undoing_verbs: frozenset[str]  # verbs that stop what their object names ("suspended the strike")
    barring_verbs: frozenset[str]  # verbs that forbid or prevent what their object names ("banned the march")
    other_senses: dict[str, frozenset[str]]  # trigger verb -> objects that give it a sense with no event ("met the deadline")
    object_types: dict[str, dict[str, str]]  # trigger verb -> object lemma -> the type that object gives it
    verb_objects: dict[tuple[str, str], str]  # (verb, object) of a "verb * noun" phrase -> its match key, read off the parse
    verb_preps: dict[tuple[str, str], str]  # (verb, preposition) of a "verb preposition" phrase -> its match key, likewise
    needs_object: frozenset[str]  # one-word triggers that are no event with neither object nor passive ("hangs in the balance")

    def object_type(self, verb: Token) -> str | None:
        """The type the verb's object gives it ("handed over medicine", "evacuated the wounded": AID), or None."""
        table = self.object_types.get(self.lemma(verb))
        if not table:
            return None
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]  # "5,000 people were evacuated": AID
        objects += [g for p in verb.children if p.dep_ == "prep" and p.lower_ in ("at", "with") for g in p.children if g.dep_ == "pobj"]
        objects += [g for o in objects for p in o.children if p.dep_ == "prep" and p.lower_ in ("of", "in") for g in p.children]  # "700 kg of medicine", "millions in donations"
        # a sum ("received $300,000 from the foundation") is money whatever its words
        return next((table[w] for o in objects for w in (o.lemma_.lower(), o.lower_, "money" if o.ent_type_ == "MONEY" else "") if w in table), None)

    def other_sense(self, verb: Token) -> bool:
        """True when the verb's object (or passive subject) gives it an everyday sense:
        "released a statement", "met the demand", "withdrew the bill"."""
        objects = self.other_senses.get(self.lemma(verb))
        if not objects:
            return False
        said = [c for c in verb.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            said.append(verb.head)  # "a poll released last week": the noun a participle describes is what it acts on
        said += [g for o in said for p in o.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]  # "amounts of carbon dioxide"
        return any(c.lemma_.lower() in objects for c in said)

    def stopping(self, tok: Token) -> bool:
        """True when ``tok`` stops or bars what its object names."""
        lemma = self.lemma(tok)
        return lemma in self.undoing_verbs or lemma in self.barring_verbs

    def recoded(self, noun_type: str, verb: Token) -> str | None:
        """The type of stopping or barring an act of ``noun_type``: calling off a hostile act is a
        CONCEDE, or a RETREAT for military action and sanctions (CAMEO 085, 087: "halted the
        offensive", "lifted the embargo"), barring a protest a COERCE, stopping or barring help a
        SANCTION; else None."""
        lemma = self.lemma(verb)
        if lemma in self.undoing_verbs and noun_type in UNDOABLE:
            return "RETREAT" if noun_type in DEESCALATING else "CONCEDE"
        if lemma in self.barring_verbs and noun_type == "PROTEST":
            return "COERCE"
        return "SANCTION" if self.stopping(verb) and noun_type in HELPFUL else None

    def lemma(self, tok: Token) -> str:
        """The token's lemma, lower-cased, with the model's known mistakes corrected."""
        lemma = tok.lemma_.lower()
        return self.lemma_fixes.get(lemma, lemma)


def _phrase_pattern(phrase: str, kind: str, wrong: dict[str, list[str]]) -> list[dict[str, Any]]:
    words = phrase.split()
    pattern: list[dict[str, Any]] = []
    head_index = 0 if kind == "verb" else len(words) - 1
    for i, word in enumerate(words):
        if word == "*":  # a run of n stars: up to n + 1 words ("lift a night curfew", "lifted Friday a day-old blockade")
            if i and words[i - 1] == "*":
                continue
            run = next((k for k, w in enumerate(words[i:]) if w != "*"), len(words) - i)
            pattern.append({"OP": f"{{0,{run + 1}}}"})  # Lexicon.longest reads the bound back
            continue
        if "-" in word.strip("-"):  # the tokenizer splits "sit-in", "test-fired": one token per part
            pattern.extend(_hyphen_tokens(word))
            continue
        tok: dict[str, Any] = {"LEMMA": {"IN": [word, *wrong[word]]} if word in wrong else word}
        if i == head_index:
            tok["POS"] = {"IN": ["VERB"]} if kind == "verb" else {"IN": ["NOUN", "PROPN"]}
        pattern.append(tok)
    if len(words) > 1 and kind == "verb" and "LEMMA" in pattern[0]:
        pattern[0]["POS"] = {"IN": ["VERB", "AUX"]}
    return pattern


def _hyphen_tokens(word: str) -> list[dict[str, Any]]:
    """Matcher tokens for a hyphenated word: its parts around "-", the last one inflected
    ("sit-ins", "test-fired", "cyber-attacks")."""
    parts = word.split("-")
    last = parts[-1]
    stem = last.removesuffix("e")
    forms = [last, last + "s", last + "es", stem + "ed", stem + "ing", last + "d"]
    out: list[dict[str, Any]] = []
    for part in parts[:-1]:
        out += [{"LOWER": part}, {"ORTH": "-"}]
    return [*out, {"LOWER": {"IN": forms}}]


OBJECT_REACH = 8  # most tokens from a verb to the object (or preposition) that makes a "verb * noun" ("verb prep") trigger
GAP_PREPS = frozenset({"for", "to", "with", "at", "on", "against", "into", "from"})  # not "in" ("sat outside in the cold" is no sit-in)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read ``data/plover_verbs.yaml`` once."""
    raw = yaml.safe_load(resources.files("newsgraph.data").joinpath("plover_verbs.yaml").read_text("utf-8"))
    patterns: dict[str, list[list[dict[str, Any]]]] = {}
    fixes = {str(k).lower(): str(v).lower() for k, v in (raw.get("lemma_fixes") or {}).items()}
    wrong: dict[str, list[str]] = {}
    for bad, good in fixes.items():
        wrong.setdefault(good, []).append(bad)
    seen: set[tuple[str, str]] = set()
    verb_objects: dict[tuple[str, str], str] = {}
    verb_preps: dict[tuple[str, str], str] = {}
    for etype, sections in raw.items():
        if not etype.isupper():
            continue
        for section, kind in (("verbs", "verb"), ("nouns", "noun")):
            for mode, phrases in (sections.get(section) or {}).items():
                for phrase in phrases or ():
                    phrase = str(phrase).lower()
                    if (phrase, kind) in seen:
                        continue
                    seen.add((phrase, kind))
                    key = f"{etype}|{mode}|{kind}"
                    patterns.setdefault(key, []).append(_phrase_pattern(phrase, kind, wrong))
                    words = phrase.split()
                    if kind == "verb" and len(words) > 2 and set(words[1:-1]) == {"*"} and words[-1] != "*":
                        verb_objects.setdefault((words[0], words[-1]), key)  # "restore * tie": also "restore complete, full ties"
                    elif kind == "verb" and len(words) == 2 and words[1] in GAP_PREPS:
                        verb_preps.setdefault((words[0], words[1]), key)  # "leave for": also "left yesterday for"
    instruments = {str(p).lower(): mode for mode, ps in (raw.get("instruments") or {}).items() for p in ps}
    return Lexicon(
        patterns=patterns,
        longest=max((sum(int(t["OP"][3:-1]) if t.get("OP") else 1 for t in p) for ps in patterns.values() for p in ps), default=1),
        target_preps={k: tuple(str(p) for p in v or ()) for k, v in (raw.get("target_prepositions") or {}).items()},
        light_verbs=frozenset(raw.get("light_verbs") or ()),
        instruments=instruments,
        lemma_fixes=fixes,
        topic_verbs=frozenset(raw.get("topic_verbs") or ()),
        undoing_verbs=frozenset(raw.get("undoing_verbs") or ()),
        barring_verbs=frozenset(raw.get("barring_verbs") or ()),
        other_senses={str(k): frozenset(str(w) for w in v or ()) for k, v in (raw.get("other_senses") or {}).items()},
        object_types={str(verb): {str(o): str(t) for t, objs in (types or {}).items() for o in objs or ()}
                      for verb, types in (raw.get("object_types") or {}).items()},
        verb_objects=verb_objects,
        verb_preps=verb_preps,
        needs_object=frozenset(raw.get("needs_object") or ()),
    )


# ---------------------------------------------------------------- CAMEO tier

CAMEO_FILE = "cameo_verbs.yaml"
# Verbs a CAMEO block lists whose bare use in news is no event ("came", "made", "took", "said"):
# only one of their block's verb + object patterns makes them one ("set free", "put on trial").
CAMEO_TOO_GENERAL = frozenset({
    "be", "have", "do", "say", "make", "come", "go", "get", "take", "give", "put", "set", "keep", "hold", "see", "look",
    "tell", "know", "think", "want", "use", "find", "show", "move", "run", "turn", "work", "call", "leave", "bring",
    "begin", "start", "continue", "end", "close", "open", "stop", "change", "seek", "receive", "allow", "let", "play",
    "stand", "meet", "pay", "report", "include", "add", "follow", "lead", "carry", "raise", "remain", "become", "seem",
    # everyday senses outweigh the CAMEO one in plain news ("found abandoned", "tried to revive him", "offers adventure")
    "abandon", "clear", "honor", "honour", "ensure", "travel", "revive", "favor", "favour", "offer", "talk", "speak",
    "attend", "contact", "monitor", "distance", "surround", "protect", "serve", "share", "join", "sign", "prefer",
})
# Words after a verb that a CAMEO pattern reads (its object phrase, particle and prepositions).
CAMEO_WINDOW = 8
CAMEO_DEPTH = 3  # steps down the parse a pattern's words may lie ("took part in the naval exercise": exercise is 3 down)
# Dependents that open a clause of their own, and a passive's agent: a CAMEO pattern reads the
# verb's objects and phrases ("killed protesters"), not clauses nor who did it ("killed by protesters").
CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis", "csubj", "acl", "pcomp", "agent"})
# A verb in these roles describes a noun or a state ("a team sent to Nairobi", "found abandoned").
CAMEO_NOT_CLAUSES = frozenset({"acl", "amod", "oprd", "acomp", "compound"})
# Pattern words that are prepositions or particles: alone they must hang from the verb itself.
CAMEO_FUNCTION_WORDS = frozenset({
    "at", "on", "in", "into", "for", "from", "with", "against", "out", "off", "up", "down", "back", "away", "over",
    "to", "by", "between", "across", "inside", "outside", "through", "of", "about", "since", "ahead", "aside", "together",
})


def _singular(word: str) -> str:
    """A plain English singular of a pattern word ("embassies" -> "embassy", "clashes" -> "clash")."""
    if len(word) <= 4 or word.endswith(("ss", "us", "is", "news")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("shes", "ches", "xes", "sses")):
        return word[:-2]
    return word.removesuffix("s")


_PatternTable = dict[str, list[tuple[tuple[frozenset[str], ...], str]]]  # last word -> [(other words, type)]


@dataclass(frozen=True)
class CameoLexicon:
    """The CAMEO tier (``data/cameo_verbs.yaml``): verb lemma -> PLOVER type, and verb + object
    patterns -> the type they give the verb ("" where CAMEO codes no event we emit)."""

    verbs: dict[str, str]  # "verb" or "verb particle" -> type of the verb's block
    patterns: dict[str, _PatternTable]  # verb -> last word -> [(other words, type)]
    keys: frozenset[str]  # verb lemmas with an entry or a pattern
    no_event_subjects: frozenset[str]  # "the storm devastated ...", "an earthquake killed ...": nature, not a party, acts

    def natural_subject(self, verb: Token) -> bool:
        """True when the verb's subject is a natural force or a market ("the storm devastated the coast")."""
        return any(c.dep_ in SUBJECTS and c.lemma_.lower() in self.no_event_subjects for c in _controller(verb).children)

    def type_of(self, verb: Token) -> str | None:
        """The PLOVER type CAMEO gives the verb token: its most specific matching pattern, else its
        block's type (with its particle: "call off"); None for no event."""
        by_pattern = self.pattern_type(verb)
        if by_pattern is not None:
            return by_pattern or None
        lemma = verb.lemma_.lower()
        for c in verb.children:
            if c.dep_ == "prt" and (etype := self.verbs.get(f"{lemma} {c.lower_}")):
                return etype
        return None if lemma in CAMEO_TOO_GENERAL else self.verbs.get(lemma)

    def pattern_type(self, verb: Token) -> str | None:
        """The type the verb's most specific matching verb + object pattern gives it ("attacked the
        decision": ACCUSE), "" for a pattern of no event ("denied the report"), None for no match.
        Among equally long patterns the one whose last word is nearest the verb wins ("began an
        offensive across its border": the offensive, not the border), then the alphabetically first
        word and its first pattern in the file, so the answer never depends on set order (string
        hashing differs between processes)."""
        table = self.patterns.get(verb.lemma_.lower())
        if not table:
            return None
        depths = _phrase_depths(verb)
        words = set(depths)
        best: tuple[int, int, str] | None = None  # (pattern length, -depth of its last word, type)
        for head in sorted(words & table.keys()):
            for others, etype in table[head]:
                if depths[head] > _depth_limit(head, bool(others)):
                    continue
                rank = (len(others), -depths[head])
                if (best is None or rank > best[:2]) and all(alt & words for alt in others):
                    best = (*rank, etype)
        return best[2] if best is not None else None


def _phrase_depths(verb: Token) -> dict[str, int]:
    """The words (lower-case and lemma) of the verb's phrase after it, within ``CAMEO_WINDOW``
    tokens, with how many steps down the parse each lies (1: the verb's own object or particle);
    clauses under it are left out ("announced that it will withdraw": no object "withdraw")."""
    out: dict[str, int] = {}
    end = min(verb.i + 1 + CAMEO_WINDOW, verb.sent.end, verb.right_edge.i + 1)
    for t in verb.doc[verb.i + 1:end]:
        cur, depth = t, 1
        while cur.head.i != verb.i and depth <= CAMEO_DEPTH and cur.head.i != cur.i and not _opens_clause(cur):
            cur, depth = cur.head, depth + 1
        if depth <= CAMEO_DEPTH and not _opens_clause(cur):
            for w in (t.lower_, t.lemma_.lower()):
                out[w] = min(depth, out.get(w, depth))
    return out


def _opens_clause(tok: Token) -> bool:
    """True for a token that heads a clause of its own under the verb (a conjoined noun does not:
    "attacked the base and the camp")."""
    return tok.dep_ in CLAUSAL and (tok.dep_ != "conj" or tok.pos_ in ("VERB", "AUX"))


def _depth_limit(word: str, others: bool) -> int:
    """How deep under the verb a pattern's last word may lie: a lone preposition or particle is
    the verb's own ("fired at", not "an investigation into"); a lone object its object or the
    object of its preposition ("captured the town", "fled to the border"); a longer pattern's
    last word one step further ("took part in the naval exercise")."""
    if word in CAMEO_FUNCTION_WORDS:
        return 2 if others else 1
    return CAMEO_DEPTH if others else 2


def _cameo_type(code: object, types: dict[str, str]) -> str | None:
    """The PLOVER type of a CAMEO code by its longest prefix in ``types``; "" for "---" (no event)."""
    code = str(code)
    if code == "---":
        return ""
    return next((types[code[:n]] for n in range(len(code), 1, -1) if code[:n] in types), None)


@lru_cache(maxsize=1)
def load_cameo() -> CameoLexicon:
    """Read ``data/cameo_verbs.yaml`` once (a block's pattern table is built once and shared by its verbs)."""
    text = resources.files("newsgraph.data").joinpath(CAMEO_FILE).read_text("utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    types = {str(k): str(v) for k, v in (raw.get("types") or {}).items()}
    synsets = {str(k): [str(w).lower() for w in v or ()] for k, v in (raw.get("synsets") or {}).items()}
    verbs: dict[str, str] = {}
    tables: dict[str, list[_PatternTable]] = {}
    for block in (raw.get("blocks") or {}).values():
        default = _cameo_type(block.get("code"), types) if block.get("code") else None
        expanded: list[tuple[list[str], str]] = []
        for pattern, code in (block.get("patterns") or {}).items():
            etype = _cameo_type(code, types)
            if etype is None or etype == default:
                continue
            variants: list[list[str]] = [[]]
            for word in str(pattern).lower().split():
                members = synsets.get(word[1:], []) if word.startswith("&") else [word]
                variants = [v + m.split() for v in variants for m in members]
            expanded += [(v, etype) for v in variants if v]
        shared = _pattern_table(expanded, [])
        for verb in block.get("verbs") or ():
            verb = str(verb).lower()
            if default:
                verbs.setdefault(verb, default)
            lemma, *particle = verb.split()
            table = _pattern_table(expanded, particle) if particle else shared
            if table:
                tables.setdefault(lemma, []).append(table)
    patterns: dict[str, _PatternTable] = {}
    for lemma, found in tables.items():
        if len(found) == 1:
            patterns[lemma] = found[0]
            continue
        merged: _PatternTable = {}
        for table in found:
            for head, entries in table.items():
                merged.setdefault(head, []).extend(entries)
        patterns[lemma] = merged
    return CameoLexicon(
        verbs=verbs,
        patterns=patterns,
        keys=frozenset(v.split()[0] for v in verbs) | frozenset(patterns),
        no_event_subjects=frozenset(str(w).lower() for w in raw.get("no_event_subjects") or ()),
    )


def _pattern_table(expanded: list[tuple[list[str], str]], particle: list[str]) -> _PatternTable:
    """A block's patterns keyed by their last word (singular or as written), for a verb with ``particle``."""
    table: _PatternTable = {}
    for words, etype in expanded:
        alts = [frozenset({w, _singular(w)}) for w in [*particle, *words]]
        for head in alts[-1]:
            table.setdefault(head, []).append((tuple(alts[:-1]), etype))
    return table


_CAMEO_KEYS: dict[int, numpy.ndarray] = {}  # id of a vocab -> sorted hashes of the CAMEO verb lemmas


def _cameo_candidates(doc: Doc, skip: set[int]) -> list[tuple[Span, str, str, str, Token]]:
    """Verb triggers of the CAMEO tier, in the sentences (by start token) not in ``skip``: verbs
    found by a binary search over the doc's lemma array, typed by ``CameoLexicon.type_of``."""
    cameo = load_cameo()
    keys = _CAMEO_KEYS.get(id(doc.vocab))
    if keys is None:
        keys = _CAMEO_KEYS[id(doc.vocab)] = numpy.array(sorted({doc.vocab.strings.add(k) for k in cameo.keys}), dtype=numpy.uint64)
    out = []
    for i in numpy.flatnonzero(in_sorted(doc.to_array(LEMMA), keys)).tolist():
        tok = doc[i]
        if tok.pos_ != "VERB" or tok.sent.start in skip or tok.dep_ in CAMEO_NOT_CLAUSES:
            continue  # "a bulletin sent by the FBI", "the car was found abandoned": a description, not an act
        if tok.dep_ == "pcomp" and tok.head.head.pos_ in ("NOUN", "PROPN"):
            continue  # "proposals for ending the war": what a proposal is about, not an act
        etype = cameo.type_of(tok)
        if etype:
            out.append((doc[i:i + 1], etype, "", "verb", tok))
    return out


_MATCHERS: dict[int, dict[int, Matcher]] = {}
_MATCHER_KEYS: dict[int, numpy.ndarray] = {}  # the same key -> the sorted hashes of _MATCHERS' words


def _matchers(doc: Doc) -> dict[int, Matcher]:
    """One small Matcher per word a trigger pattern starts with (keyed by its string hash).

    One Matcher of all ~570 patterns costs ~15% of the spaCy parse, mostly fixed work per
    pattern on every call; a token only tries the few patterns that start with its lemma or
    its lower-case form, which gives the same matches about 20 times faster."""
    key = id(doc.vocab)
    matchers = _MATCHERS.get(key)
    if matchers is None:
        matchers = {}
        for name, pats in load_lexicon().patterns.items():
            for pattern in pats:
                first = pattern[0].get("LEMMA") or pattern[0].get("LOWER")
                for word in first["IN"] if isinstance(first, dict) else [first]:
                    matchers.setdefault(doc.vocab.strings.add(word), Matcher(doc.vocab)).add(name, [pattern])
        _MATCHERS[key] = matchers
        _MATCHER_KEYS[key] = numpy.array(sorted(matchers), dtype=numpy.uint64)
    return matchers


def _trigger_tokens(doc: Doc) -> list[int]:
    """Indices of the tokens whose lemma or lower-case form starts some trigger pattern, by a
    binary search over the doc's attribute array rather than a Python loop over every token."""
    keys = _MATCHER_KEYS[id(doc.vocab)]
    if not len(keys) or not len(doc):
        return []
    words = doc.to_array([LEMMA, LOWER]).reshape(-1, 2)
    return numpy.flatnonzero(in_sorted(words, keys).any(axis=1)).tolist()


# ---------------------------------------------------------------- arguments


_TOKEN_ENTITIES: dict[int, dict[int, Entity]] = {}  # id of the Doc being read -> its token map


def _token_entities(doc: Doc) -> dict[int, Entity]:
    """Token index -> the entity one of whose mentions covers it, built once per Doc (kept here,
    not in ``doc.user_data``, which must stay serializable; ``extract_events`` clears it)."""
    cached = _TOKEN_ENTITIES.get(id(doc))
    if cached is not None:
        return cached
    # "a Labor Day interview", "the Paris Olympics": an EVENT entity is when, not who
    parties = [ent for ent in doc._.entities or () if ent.type != "EVENT"]
    owners = mention_owners(doc, parties)
    by_token = {i: parties[owners[i]] for i in numpy.flatnonzero(owners >= 0).tolist()}
    _TOKEN_ENTITIES.clear()
    _TOKEN_ENTITIES[id(doc)] = by_token
    return by_token


def _entity(doc: Doc, tok: Token) -> Entity | None:
    return _token_entities(doc).get(tok.i)


def _quote_speaker(doc: Doc, tok: Token, direct: bool = False) -> str | None:
    """The entity quoted saying the words ``tok`` is in, if it is inside a quotation (``direct``:
    a quotation in quotation marks, where "he" is never the speaker: "Putin announced he ..." is
    an indirect one)."""
    return next((q.speaker.entity for q in doc._.quotes or () if q.start <= tok.idx < q.end and (q.kind == "direct" or not direct)), None)


def _resolve_pronoun(doc: Doc, tok: Token, exclude: set[str]) -> Entity | None:
    """He/she: a PERSON mentioned before, in this or the previous sentences: the nearest in this
    sentence, else a subject or possessor of the sentences before over a nearer object ("The former
    first lady said ..., but she denied": not the bin Laden named before as the one killed); never
    the speaker of the quotation it is in, who says "I"."""
    best: tuple[bool, bool, int, Entity] | None = None
    floor = max(0, tok.sent.start_char - 600)
    speaker = _quote_speaker(doc, tok, direct=True)
    for ent in doc._.entities or ():
        if ent.type != "PERSON" or ent.id in exclude or ent.id == speaker:
            continue
        for m in ent.mentions:
            if not floor <= m.end <= tok.idx:
                continue
            here = m.start >= tok.sent.start_char
            span = None if here else doc.char_span(m.start, m.end, alignment_mode="expand")
            salient = span is not None and (span.root.dep_ in SUBJECTS | PASSIVE_SUBJECTS or span.root.dep_ == "poss")
            key = (here, salient, m.end, ent)
            if best is None or key[:3] > best[:3]:
                best = key
    return best[3] if best else None


def _resolve_group(doc: Doc, tok: Token, depth: int, exclude: set[str]) -> list[str]:
    """It/they/we/its/their: the subject of a clause this one hangs from ("Syria says it will withdraw"),
    else the nearest state, body or group named before it in this or the previous sentence."""
    plural = tok.lower_ not in ("it", "its")
    cur = tok.head
    for _ in range(3):  # "its forces had struck": from the noun up to its verb
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            break
        cur = cur.head
    by_id = {e.id: e for e in doc._.entities or ()}

    def subject_ids(verb: Token) -> list[str]:
        for c in verb.children:
            if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS and c.lower_ not in PRONOUNS_GROUP | RELATIVE and not c.left_edge.i <= tok.i <= c.right_edge.i:
                ids = [i for i in np_entities(doc, c, depth + 1, exclude) if plural or by_id[i].type != "PERSON"]
                if plural and len(ids) == 1 and by_id[ids[0]].type == "PERSON":
                    continue  # "they started exterminating ..., he said": one person is not "they"
                if ids:
                    return ids
        return []

    if tok.dep_ == "poss" and (ids := subject_ids(cur)):
        return ids  # "Mr. Xi and Mr. Obama sealed their agreement", "Ukraine withdrew its troops"
    for _ in range(4):
        if cur.head.i == cur.i or cur.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "relcl", "pcomp", "pobj", "prep"):
            break
        cur = cur.head
        if ids := subject_ids(cur):
            return ids
    first_person = tok.lower_ in ("we", "us", "our")  # the speaker's side, never a group merely named near it
    if first_person:  # "'We will achieve justice,' the police chief said": the one quoted
        speaker = _quote_speaker(doc, tok)
        if speaker is not None and speaker not in exclude:
            return [speaker]
    best: tuple[bool, bool, int, Token] | None = None
    floor = max(0, tok.sent.start_char - 300)
    for ent in doc._.entities or ():
        if ent.id in exclude or ent.type == "PERSON" and not plural or ent.type in PLACE_TYPES - {"GPE"} or ent.type == "EVENT":
            continue
        if first_person and ent.type == "GROUP":
            continue
        for m in ent.mentions:
            if not floor <= m.end <= tok.idx:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or ent.type == "GROUP" and not plural and span[-1].tag_ in ("NNS", "NNPS"):
                continue  # "it" is not "the journalists"
            root = span.root
            if ent.type == "PERSON" and not first_person and root.dep_ != "conj" and not any(c.dep_ == "conj" for c in root.children):
                continue  # one person is "he" or "she", not "they were not granting visas"; "Obama and Clinton ... they" are two
            # this sentence first, then a subject or possessor, what a sentence is about, over a nearer object:
            # "Russia's invasion of Ukraine, including its annexation"; "Islamists bombed the WTC. ... they attacked"
            salient = (root.head if root.dep_ == "conj" else root).dep_ in SUBJECTS | PASSIVE_SUBJECTS or root.dep_ == "poss"
            key = (m.start >= tok.sent.start_char, salient, m.end, root)
            if best is None or key[:3] > best[:3]:
                best = key
    if best is None:
        return []
    root = best[3]
    ids = [e.id for t in (root, *(root.conjuncts if plural else ())) if (e := _entity(doc, t)) is not None and e.id not in exclude]
    return list(dict.fromkeys(ids))


def np_entities(doc: Doc, tok: Token, depth: int = 0, exclude: set[str] | None = None) -> list[str]:
    """Entity ids a noun phrase headed by ``tok`` names: the head itself, else its apposition,
    compound, possessor or "of" phrase, else a nationality adjective; conjuncts included."""
    exclude = exclude or set()
    if tok.dep_ == "nsubj" and tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
        tok = tok.head.head
        if tok.dep_ == "appos" and _entity(doc, tok) is None and _entity(doc, tok.head) is not None:
            tok = tok.head  # "Aung San, the Burmese leader who ...": Aung San
    ids: list[str] = []
    for head in (tok, *tok.conjuncts):
        found = _head_entities(doc, head, depth, exclude)
        ids.extend(i for i in found if i not in ids)
    return ids


# Words after "it is" that make "it" a placeholder for the clause that follows ("it is time to ...").
EXPLETIVE_WORDS = frozenset({
    "time", "moment", "mistake", "shame", "pity", "important", "necessary", "essential", "crucial", "vital", "possible",
    "impossible", "clear", "likely", "unlikely", "hard", "difficult", "easy", "right", "wrong", "urgent", "unclear",
})


def _expletive(it: Token) -> bool:
    """True for a placeholder "it" ("it was time to end the sanctions", "it is vital that ...")."""
    verb = it.head
    return it.dep_ in SUBJECTS and verb.lemma_ in STATIVE and any(
        c.dep_ in ("attr", "acomp") and c.lemma_.lower() in EXPLETIVE_WORDS for c in verb.children)


def _head_entities(doc: Doc, head: Token, depth: int, exclude: set[str]) -> list[str]:
    ent = _entity(doc, head)
    if ent is not None:
        return [ent.id]
    if head.lower_ in PRONOUNS_PERSON:
        ent = _resolve_pronoun(doc, head, exclude)
        return [ent.id] if ent else []
    if head.lower_ in PRONOUNS_SPEAKER:  # "'I will veto it,' the president said": the one quoted, else no one
        speaker = _quote_speaker(doc, head)
        return [speaker] if speaker and speaker not in exclude else []
    if head.lower_ == "it" and _expletive(head):
        return []  # "it was time to end the sanctions": no one
    if head.lower_ in PRONOUNS_GROUP and depth < 2 and (head.lower_ != "it" or head.dep_ in SUBJECTS | PASSIVE_SUBJECTS):
        return _resolve_group(doc, head, depth, exclude)
    # an adjective on the head ("Turkish sides of the island") says more than an "of" phrase
    tiers: tuple[tuple[str, ...], ...] = (("appos",), ("compound", "poss", "nmod"), ("amod",), ("prep",))
    for deps in tiers:
        ids: list[str] = []
        for child in head.children:
            if child.dep_ not in deps:
                continue
            if child.dep_ == "prep":
                if child.lower_ not in ("of", "from") or depth >= 2:
                    continue
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        ids.extend(np_entities(doc, pobj, depth + 1, exclude))
                continue
            if child.dep_ == "poss" and child.lower_ in POSSESSIVE_GROUP and depth < 2 and head.dep_ in SUBJECTS:  # "its forces"
                ids.extend(i for i in _resolve_group(doc, child, depth + 1, exclude) if i not in ids)
                continue
            for t in (child, *child.conjuncts):
                ent = _entity(doc, t)
                if ent is None and t.dep_ == "compound":  # "the Ukrainian SBU service": SBU unrecognised
                    ent = next((e for g in t.children if g.dep_ == "amod" and (e := _entity(doc, g))), None)
                if ent is not None and child.dep_ in ("compound", "amod") and head.lemma_.lower() in HAPPENINGS and _mere_place(ent):
                    continue  # "the Minsk agreement sought to end fighting", "the Kyiv attack killed three": where, not who
                if ent is not None and ent.id not in ids:
                    ids.append(ent.id)
        if ids:
            return ids
    return []


def _controller(verb: Token) -> Token:
    """The verb whose subject an xcomp/conj verb shares ("agreed to set up", "met and discussed",
    "issued a declaration demanding ...", "said he was ready to host")."""
    cur = verb
    light_verbs = load_lexicon().light_verbs
    for _ in range(4):
        if any(c.dep_ in SUBJECTS | PASSIVE_SUBJECTS for c in cur.children):
            return cur
        if cur.dep_ in ("xcomp", "conj", "advcl", "acomp") and cur.head.i != cur.i:
            cur = cur.head  # "acomp": "he is prepared to lift the ban" (lift <- prepared <- is)
        elif cur.dep_ == "acl" and cur.head.dep_ == "dobj" and load_lexicon().lemma(cur.head.head) in light_verbs:
            cur = cur.head.head
        elif cur.dep_ == "pcomp" and cur.head.head.dep_ == "acomp":
            cur = cur.head.head.head  # "X is guilty of violating", "responsible for attacking": X
        elif cur.dep_ == "pcomp" and cur.head.lower_ in TIME_PREPS and cur.head.head.pos_ in ("VERB", "AUX") and any(cur.children):
            cur = cur.head.head  # "Suu Kyi, who had breakfast ... before visiting the Oval Office": Suu Kyi visits (not "after shooting")
        elif cur.dep_ in ("relcl", "acl") and cur.head.dep_ == "attr" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            cur = cur.head.head  # "Germany was the first country to recognize Croatia": Germany
        else:
            break
    return cur


# Dependents of a trigger whose words may hold its target when no object or preposition names one.
TARGET_SCOPE = {"dobj", "dative", "attr", "oprd", "prep", "agent", "ccomp", "xcomp", "pcomp", "acomp", "pobj", "advmod"}
# Inside a subject or target phrase: clauses about it that name other parties.
CLAUSES = {"relcl", "advcl", "parataxis", "conj", "cc", "appos", "punct"}
# Prepositions of time whose gerund shares the subject of the verb they hang from ("before visiting")
TIME_PREPS = frozenset({"before", "after", "while", "by", "without", "since", "upon", "on", "when", "despite"})
# Prepositions whose object a phrase is about or aimed at, not made of ("pressure on Moscow").
ABOUT_PREPS = {"on", "against", "over", "about", "for", "to", "toward", "towards", "into", "after", "before", "since", "despite"}


# Acts a state often turns on its own places and people ("imposed a curfew in Algiers", "shelled
# Homs"): for these the actor's own country is no reason to skip a target.
DOMESTIC_TYPES = frozenset({"COERCE", "MOBILIZE", "ASSAULT", "PROTEST", "THREATEN"})


def _own_side(doc: Doc, actors: list[str]) -> set[str]:
    """Places of the actors' own country ("Szijjarto warned that Budapest would not ..."): a state
    does not target itself."""
    ents = doc._.entities or ()
    countries = {e.country for e in ents if e.id in actors and e.country}
    return {e.id for e in ents if e.type == "GPE" and e.country in countries}


def _target_scope(tok: Token) -> list[Token]:
    """The dependents after a trigger that may name its target: objects, prepositional phrases,
    complement clauses and a purpose clause ("staged a strike to protest Sweden's decision")."""
    return [
        c for c in tok.children
        if c.i > tok.i and (c.dep_ in TARGET_SCOPE or c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
    ]


def _first_entities(doc: Doc, roots: list[Token], exclude: set[str], members: bool = False) -> list[str]:
    """The first entity (with its conjuncts) named in the phrases under ``roots``, in text order
    but with place phrases ("in the Gaza Strip") last, skipping clauses that hang off them:
    "demanded that the US cancel ..." -> the US. ``members``:
    the phrase names a party, so only its own words count ("doctors from American aid groups"),
    not what it is about ("pressure on Moscow")."""
    toks: list[Token] = []
    for root in sorted(roots, key=lambda r: (_place_phrase(r), r.i)):  # "in Gaza" last
        stack, phrase = [root], []
        while stack:
            t = stack.pop()
            phrase.append(t)
            stack.extend(
                c for c in t.children
                if (c.dep_ not in CLAUSES or t.i == root.i and c.dep_ == "conj" and root.pos_ != "VERB")
                and not (members and c.dep_ == "prep" and c.lower_ in ABOUT_PREPS and not _allegiance(c))
            )
        toks.extend(sorted(phrase, key=lambda t: t.i))
    # a named party before an unnamed group: "refused to deploy peacekeepers in Iraq" -> Iraq
    for groups in (False, True):
        for t in toks:
            ent = _entity(doc, t)
            if ent is None and t.lower_ in PRONOUNS_PERSON and t.dep_ != "poss":  # "helped her beat back a challenge from Sanders"
                ent = _resolve_pronoun(doc, t, set())  # the actor itself ("denied that she ..."): no target
            if ent is None or ent.id in exclude or ent.type == "LOC" or (ent.type == "GROUP") != groups:
                continue  # a sea or region is where, not whom
            if members and t.dep_ in ("compound", "amod") and t.head.lemma_.lower() in HAPPENINGS and _mere_place(ent):
                continue  # "the Minsk agreement sought ...": where, not who
            ids = [ent.id]
            for c in t.conjuncts:
                other = _entity(doc, c)
                if other is not None and other.id not in exclude and other.id not in ids:
                    ids.append(other.id)
            return ids
    return []


def _allegiance(prep: Token) -> bool:
    """True for a phrase saying whose side a party is on ("forces loyal to Haftar", "militants
    linked to al-Qaeda", "groups allied with Iran"): an adjective or participle with "to/with"."""
    head = prep.head
    return prep.lower_ in ("to", "with") and (head.pos_ == "ADJ" or head.tag_ == "VBN") and head.dep_ in ("amod", "acl")


def _prep_objects(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    out = []
    for prep in preps:
        for child in tok.children:
            if child.dep_ in ("prep", "agent") and child.lower_ == prep:
                out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


def _passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)


def _shared_passive(verb: Token) -> bool:
    """A past participle conjoined to a passive and sharing its subject and auxiliary ("was shot
    and killed by an officer"): a passive too, not an act of the one shot."""
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and (_passive(verb.head) or any(c.dep_ == "agent" for c in verb.children)) and not any(
        c.dep_ in SUBJECTS | PASSIVE_SUBJECTS or c.dep_ in ("aux", "auxpass") for c in verb.children)  # "remains ... and patrolled by troops"


def _reduced_passive(verb: Token) -> bool:
    """A past participle heading a clause of its own with no subject or auxiliary ("if attacked",
    "Rebuked by Paris, Rome ..."): a passive whose patient is the subject of the clause above."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(
        c.dep_ in SUBJECTS | PASSIVE_SUBJECTS or c.dep_ in ("aux", "auxpass") for c in verb.children)


# Verbs whose passive with no agent states the subject's own stance ("Vietnam is committed to ...").
STANCE_PASSIVES = frozenset({"commit", "determine", "resolve", "dedicate", "engage", "involve"})
# Nouns after "in" that make the phrase a reason, not a place ("in protest against X", "in response to X").
REASON_NOUNS = frozenset({"protest", "response", "retaliation", "reprisal", "solidarity", "support", "opposition", "defiance"})


def _place_phrase(tok: Token) -> bool:
    """True for a prepositional phrase saying where ("in Gaza"), not why ("in protest against X")."""
    return tok.dep_ == "prep" and tok.lower_ in PLACE_PREPS and not any(
        c.dep_ == "pobj" and c.lemma_.lower() in REASON_NOUNS for c in tok.children)


def _shared_group(doc: Doc, phrase: Token, actors: list[str]) -> list[str]:
    """A nationality the actors' phrase and another phrase share ("Palestinian police took
    weapons from Palestinian groups"): two parties of one people, so the target keeps it."""
    if _entity(doc, phrase) is not None:
        return []  # the phrase is the actor itself ("Syria ... Syria"), not another party
    groups = {e.id for e in doc._.entities or () if e.type == "NORP"}
    return [i for i in np_entities(doc, phrase) if i in actors and i in groups]


def _condition_parties(doc: Doc, verb: Token, exclude: set[str]) -> list[str]:
    """The subject of an "if/unless" clause on the verb or its complement: the party a threat or
    demand is aimed at ("threatened to stop talks if the United States goes ahead")."""
    heads = [verb, *(c for c in verb.children if c.dep_ in ("xcomp", "ccomp"))]
    for head in heads:
        for clause in head.children:
            if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children):
                subj = [c for c in clause.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
                found = [i for i in np_entities(doc, subj[0], exclude=exclude) if i not in exclude] if subj else []
                if found:
                    return found
    return []


COMPANION_WORDS = frozenset({"along", "together", "alongside"})


def _companions(doc: Doc, verb: Token) -> list[str]:
    """Parties named as acting with the subject ("France, along with Germany, ...", "together with",
    "alongside"), before the verb: on the verb or on its subject."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    out: list[str] = []
    for tok in [verb, *subjects]:
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.i > verb.i:
                continue
            if prep.lower_ == "alongside" or prep.lower_ == "with" and any(c.lower_ in COMPANION_WORDS for c in prep.children):
                out += [i for p in prep.children if p.dep_ == "pobj" for i in np_entities(doc, p)]
            elif prep.lower_ == "along":  # "along with Germany": "with" under "along"
                out += [i for w in prep.children if w.lower_ == "with" for p in w.children if p.dep_ == "pobj" for i in np_entities(doc, p)]
    return out


def _shared_objects(verb: Token) -> list[Token]:
    """The object a verb with none of its own shares with the verb conjoined after it ("attacked
    and killed three soldiers": the soldiers were attacked too)."""
    return [
        o for c in verb.children
        if c.dep_ == "conj" and c.pos_ == "VERB" and not any(g.dep_ in SUBJECTS | PASSIVE_SUBJECTS for g in c.children)
        for o in c.children if o.dep_ == "dobj"
    ]


def _verb_arguments(doc: Doc, verb: Token, lemma: str, etype: str = "") -> tuple[list[str], list[str]]:
    lex = load_lexicon()
    actors: list[str] = []
    targets: list[str] = []
    ctrl = _controller(verb)
    reduced = _reduced_passive(verb)
    shared = _shared_passive(verb)
    passive = _passive(verb) or reduced or shared
    # "before being assassinated", "wants to be recognized", "was shot and killed": the subject above undergoes it
    undergoes = reduced or shared or passive and not any(c.dep_ in SUBJECTS | PASSIVE_SUBJECTS for c in verb.children)
    for child in ctrl.children:
        if child.dep_ in SUBJECTS | PASSIVE_SUBJECTS and undergoes and ctrl.i != verb.i:
            targets = np_entities(doc, child)  # "Rebuked by Paris, Rome recalled ...", "will strike if attacked": the subject is acted on
        elif child.dep_ in SUBJECTS:
            actors = np_entities(doc, child)
        elif child.dep_ in PASSIVE_SUBJECTS:
            if ctrl.i == verb.i and lemma in STANCE_PASSIVES and not _prep_objects(verb, ("by",)):
                actors = np_entities(doc, child)  # "Vietnam is committed to opening up": Vietnam commits
            elif ctrl.i == verb.i:
                targets = np_entities(doc, child)
            else:  # "X was invited to attack": the passive subject of the controller acts
                actors = np_entities(doc, child)
    if verb.dep_ == "acl" and ctrl.i == verb.i and verb.head.pos_ in ("NOUN", "PROPN") and not actors and not targets:
        if verb.tag_ == "VBG":  # "millions of Americans supporting Trump", "police officers killing unarmed men"
            actors = np_entities(doc, verb.head)
        elif verb.tag_ in UNTENSED_PAST:  # "29 New Yorkers wounded by a bomb": they undergo it (an acl is never finite)
            passive = True
            targets = [ent.id] if (ent := _entity(doc, verb.head)) else []  # not "a CBS News poll released last week"
    told = [c for c in verb.head.children if c.dep_ == "dobj"] if verb.dep_ == "xcomp" else []
    if told and verb.head.lemma_.lower() in OBJECT_CONTROL:  # "pressed both sides to agree": the sides agree
        ctrl, actors = verb.head, np_entities(doc, told[0])
    if passive:  # the agent of conjoined passives may hang from either ("was shot and killed by police")
        sharing = [verb, *(c for c in verb.children if c.dep_ == "conj" and _shared_passive(c))] + ([verb.head] if shared else [])
        for pobj in (p for v in sharing for p in _prep_objects(v, ("by",))):
            actors = np_entities(doc, pobj)
            break
    preferred = lex.target_preps.get(lemma, ())
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    candidates = _prep_objects(verb, preferred) + [p for o in objects for p in _prep_objects(o, preferred)]  # "imposed sanctions on X"
    if verb.dep_ == "relcl" and not targets and not candidates and any(  # "the official whom the SBU killed"
        c.dep_ in OBJECTS and c.lower_ in RELATIVE for c in verb.children
    ):
        targets = [i for i in np_entities(doc, verb.head) if i not in actors]
    if not passive and lemma not in lex.topic_verbs:  # "discussed frozen Russian assets": a topic, not a party
        candidates += [c for c in verb.children if c.dep_ in OBJECTS and c.lower_ not in RELATIVE] or _shared_objects(verb)
    candidates += _prep_objects(verb, DEFAULT_TARGET_PREPS)
    if not targets:
        # "withdraw inspectors from Iraq": the groups a moving verb moves are the actor's own
        moved = {e.id for e in doc._.entities or () if e.type == "GROUP"} if verb.lemma_.lower() in MOVING_VERBS else set()
        for cand in candidates:
            found = [i for i in np_entities(doc, cand, exclude=set(actors)) if i not in actors] or _shared_group(doc, cand, actors)
            if moved and cand.dep_ in OBJECTS:
                found = [i for i in found if i not in moved]
            if found:
                targets = found
                break
    if not actors and lex.lemma(verb) in LAUNCHING:  # "launching Iran's expected missile attack": Iran attacks
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            for poss in (c for c in obj.children if c.dep_ == "poss"):
                ent = _entity(doc, poss)
                actors = [ent.id] if ent is not None else _possessor(doc, poss) if poss.lower_ in PRONOUNS_POSSESSIVE else []
        targets = [i for i in targets if i not in actors]
    if actors:  # "France, along with Germany, imposed ...": Germany acts too
        actors += [i for i in _companions(doc, ctrl) if i not in actors and i not in targets]
    if not actors:  # "Doctors from two American aid groups donated ...": an entity deeper in the subject
        subjects = [c for c in ctrl.children if c.dep_ in SUBJECTS or (c.dep_ in PASSIVE_SUBJECTS and ctrl.i != verb.i)]
        actors = _first_entities(doc, told if ctrl.i != verb.i and told else subjects, set(targets), members=True)
    if not targets:  # "demanded that the US cancel ...", "a blockade on Palestinian lorries"
        done_to = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS] if ctrl.i == verb.i and lemma not in STANCE_PASSIVES else []
        # a lemma with its own target prepositions looks only there ("discussed frozen Russian assets": a topic)
        scope = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in preferred] if preferred else _target_scope(verb)
        scope = [c for c in scope if _same_line(verb, c)]  # "..., US defence chief vows   RAMSTEIN AIR BASE - ...": the next line is no target
        skip = set(actors) | (set() if etype in DOMESTIC_TYPES else _own_side(doc, actors))
        targets = _first_entities(doc, done_to or scope, skip)  # a passive's: its subject or no one
    if not targets and verb.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        told = [c for c in verb.head.children if c.dep_ == "dobj"]  # "summoned the ambassador to complain"
        targets = [i for i in np_entities(doc, told[0]) if i not in actors] if told else []
    if not targets:
        targets = _condition_parties(doc, verb, set(actors))
    return actors, targets


# Nouns of what is done to someone: their possessor or compound undergoes it ("Putin's arrest",
# "the Navalny killing"), unless an "of" phrase names that one ("Israel's killing of X").
PATIENT_NOUNS = frozenset({
    "arrest", "detention", "imprisonment", "deportation", "expulsion", "assassination", "kidnapping", "abduction", "execution",
    "release", "extradition", "killing", "murder", "torture", "eviction", "internment", "capture", "conviction", "sentence",
    "indictment", "prosecution", "impeachment", "rescue", "evacuation", "persecution", "harassment",
})


# Light verbs whose object's possessor is the one who does what the object names ("launched Iran's attack").
LAUNCHING = frozenset({"launch", "carry", "conduct", "stage", "mount", "begin", "start", "resume", "continue", "undertake", "renew"})
# Nouns of a happening or a pact: a town before one is where it happened ("the Minsk agreement"),
# not who acts as with "the Kherson administration".
HAPPENINGS = frozenset({
    "agreement", "accord", "deal", "treaty", "pact", "talk", "summit", "conference", "meeting", "attack", "bombing",
    "shooting", "massacre", "protest", "rally", "march", "riot", "explosion", "blast", "strike", "raid", "ceasefire", "truce",
})
FORCES = frozenset({"military", "police"})  # unnamed groups a state mobilizes: its own, never whom it acts on


def _own_forces(doc: Doc) -> set[str]:
    return {e.id for e in doc._.entities or () if e.type == "GROUP" and e.name in FORCES}


def _mere_place(ent: Entity) -> bool:
    """A town or region that stands for no government ("San Bernardino", "Volhynia", "Minsk" of
    "the Minsk agreement"), not a state ("Ukraine") nor a capital read as its government ("Moscow")."""
    return ent.type == "LOC" or ent.type == "GPE" and ent.name != ent.country and not ent.stands_for


def _possessor(doc: Doc, pron: Token) -> list[str]:
    """His/her/its/their on an event noun: the person, state or group it refers to."""
    if pron.lower_ in ("his", "her"):
        ent = _resolve_pronoun(doc, pron, set())
        return [ent.id] if ent else []
    if pron.lower_ in ("my", "our"):  # the one quoted; a columnist's "our" is no party named
        speaker = _quote_speaker(doc, pron)
        return [speaker] if speaker else []
    return _resolve_group(doc, pron, 1, set())


def _noun_arguments(doc: Doc, noun: Token, lemma: str) -> tuple[list[str], list[str]]:
    lex = load_lexicon()
    actors: list[str] = []
    targets: list[str] = []
    undergone = lemma in PATIENT_NOUNS and not _prep_objects(noun, ("of",))  # "Putin's arrest": Putin is arrested
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod") and child.i < noun.i:
            side = targets if undergone and child.dep_ in ("poss", "compound") else actors
            if child.dep_ == "poss" and child.lower_ in PRONOUNS_POSSESSIVE:  # "his invasions of Georgia", "its annexation of Crimea"
                side.extend(i for i in _possessor(doc, child) if i not in side)
                continue
            ent = _entity(doc, child)
            if ent is not None and child.dep_ in ("compound", "amod") and _mere_place(ent):
                continue  # "the San Bernardino attack", "the Tulsa protest": where it happened, not who did it
            if ent is not None and ent.id not in side:
                side.append(ent.id)
    # only a nationality adjective ("a European arrest warrant"): the subject of the verb that carries the noun says more
    adjectival = bool(actors) and not any(c.dep_ in ("poss", "compound") and _entity(doc, c) for c in noun.children)
    for pobj in _prep_objects(noun, ("by",)):
        actors = np_entities(doc, pobj) or actors
        adjectival = False
    between = _prep_objects(noun, ("between", "among"))
    parties = np_entities(doc, between[0]) if between else []
    actors = parties or actors
    for pobj in _prep_objects(noun, lex.target_preps.get(lemma, ()) + DEFAULT_TARGET_PREPS + ("of",)):
        found = [i for i in np_entities(doc, pobj) if i not in actors]
        if found:
            targets = found
            break
    np = _measured(noun)  # "launched ten days of war games", "staged a wave of strikes", "launched mortar and rocket fire"
    verb = np.head if np.i != noun.i else noun.head
    light = np.dep_ in ("dobj", "nsubjpass") and (lex.lemma(verb) in lex.light_verbs or lex.stopping(verb))
    if noun.dep_ == "pobj" and verb.lower_ in ("in", "during"):  # "in an interview with X, he said"
        verb = verb.head
        light = verb.lemma_.lower() in REPORTING
    if (not actors or parties or adjectival) and light and verb.pos_ in ("VERB", "AUX"):
        for child in _controller(verb).children:
            if child.dep_ in SUBJECTS:
                found = [i for i in np_entities(doc, child, exclude=set(targets)) if i not in targets]
                found = found or _first_entities(doc, [child], set(targets), members=True)
                if parties and found and not set(found) & set(parties):
                    actors, targets = found, targets or parties  # "X launched a mediation between A and B": X acts on A and B
                elif not parties:
                    actors = found or actors
    if not targets:  # "a suspension of air links with Serbia", "staged a hunger strike to protest X"
        scope = _target_scope(noun) + (_target_scope(verb) if light else [])
        scope = [t for t in scope if not _place_phrase(t) and t.lower_ != "by"]  # "a trip by Senate leader McConnell": who acts
        targets = _first_entities(doc, scope, set(actors))  # "an explosion near Moscow": where, not whom
    return actors, targets


# Acts done to a place itself ("shelled Kherson", "imposed a curfew in Algiers", "lifted it in Algiers"):
# for the others a place phrase says where, not to whom ("protesters gathered in Minsk").
PLACE_TARGETED = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "THREATEN", "AID", "RETREAT", "CONCEDE"})


def _place_targets(doc: Doc, head: Token, targets: list[str]) -> list[str]:
    """The towns and regions among the targets that the sentence names only as a place, in an
    "in/at/near" phrase on the trigger or on a noun (a compound or apposition included: "at the
    Sunnylands estate in California"), not on another verb ("refused to deploy peacekeepers in
    Iraq": where the act refused is aimed)."""
    # a known town or region only: a state where it happens is whom it concerns, as CAMEO codes it
    # ("rioted at a jail in Israel"), and a name the actor table lacks may be one ("appealed for peace in Ithilen")
    places = {e.id for e in doc._.entities or () if e.id in targets and (e.type == "LOC" or e.type == "GPE" and e.country and e.name != e.country)}
    where: dict[str, bool] = {}
    by_token = _token_entities(doc)
    for tok in head.sent:
        ent = by_token.get(tok.i)
        if ent is None or ent.id not in places:
            continue
        top = tok
        for _ in range(3):
            if top.dep_ not in ("compound", "appos", "nmod", "amod") or top.head.i == top.i:
                break
            top = top.head
        inside = top.dep_ == "pobj" and _place_phrase(top.head) and _governor(top.head) == head.i
        where[ent.id] = where.get(ent.id, True) and inside
    return [i for i, inside in where.items() if inside]


def _where(doc: Doc, head: Token, etype: str, mode: str, targets: list[str]) -> tuple[list[str], str | None]:
    """The targets and the place of an event: a target named only in a place phrase is the place
    unless the act is done to the place ("protesters gathered in Minsk": where; "shelled Kherson": whom)."""
    place = _place(doc, head)
    if etype in PLACE_TARGETED or mode == "visit" or not targets:
        return targets, place
    where = _place_targets(doc, head, targets)
    return [i for i in targets if i not in where], place or next(iter(where), None)


def _governor(tok: Token) -> int:
    """Index of the trigger or verb a phrase hangs from, through the nouns and prepositions above it."""
    cur = tok.head
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i or cur.dep_ not in ("prep", "pobj", "dobj", "compound", "appos", "conj", "nmod"):
            return cur.i
        cur = cur.head
    return cur.i


def _place(doc: Doc, trigger: Token) -> str | None:
    """A GPE/LOC entity in an "in/near/at" phrase on the trigger or its objects (a few steps down),
    or a town named before an event noun ("the Tulsa protest")."""
    for child in trigger.children:
        ent = _entity(doc, child) if child.dep_ in ("compound", "amod") and trigger.pos_ in ("NOUN", "PROPN") else None
        if ent is not None and _mere_place(ent):
            return ent.id
    frontier = [trigger]
    for _ in range(3):
        nxt: list[Token] = []
        for tok in frontier:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            ent = _entity(doc, pobj)
                            if ent is not None and ent.type in PLACE_TYPES:
                                return ent.id
                            nxt.append(pobj)
                elif child.dep_ in ("dobj", "pobj", "prep"):
                    nxt.append(child)
        frontier = nxt
    return None


# ---------------------------------------------------------------- modality and time


def _ancestors_within_clause(tok: Token, limit: int = 5) -> list[Token]:
    out = []
    cur = tok
    for _ in range(limit):
        if cur.head.i == cur.i:
            break
        out.append(cur.head)
        cur = cur.head
    return out


def _modality(doc: Doc, trigger: Token, verbal: bool) -> tuple[bool, str, str | None]:
    """(negated, modality, reported_by) from negation, aux verbs, governing verbs and quotes."""
    negated = any(c.dep_ == "neg" for c in trigger.children) or any(  # "neither X nor Y boycotted", "no shots were fired"
        c.dep_ in SUBJECTS | PASSIVE_SUBJECTS and any(g.dep_ in ("det", "preconj") and g.lower_ in NEGATING_DETS for g in c.children)
        for c in _controller(trigger).children
    )
    modality = "asserted"
    reported_by: str | None = None
    head_chain = _ancestors_within_clause(trigger)
    if verbal and any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in trigger.children):
        modality = "planned"
    step = trigger
    for anc in head_chain:
        if step.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "conj", "acl", "advcl"):
            break
        lemma = anc.lemma_.lower()
        if step.dep_ == "xcomp" and (lemma in FAILING or any(c.dep_ == "neg" or c.lower_ == "yet" for c in anc.children)):
            negated = True  # "refused to", "did not agree to", "has yet to recognise"
        if step.dep_ == "acl" and (any(c.dep_ == "det" and c.lower_ == "no" for c in anc.children) or lemma in FAILING_NOUNS):
            negated = True  # "has no plans to veto", "no intention of attacking", "failure to capture a single city"
        if lemma in DENYING:
            modality = "denied"
        elif lemma in PROPOSING and modality == "asserted":
            modality = "proposed"
        elif lemma in PLANNING and step.dep_ == "xcomp" and modality == "asserted":
            modality = "planned"
        elif lemma in REPORTING and step.dep_ in ("ccomp", "conj"):
            for c in anc.children:
                if c.dep_ in SUBJECTS:
                    ids = np_entities(doc, c)
                    reported_by = ids[0] if ids else reported_by
            if modality == "asserted":
                modality = "reported"
            break
        step = anc
    for quote in doc._.quotes or ():
        if quote.start <= trigger.idx < quote.end:
            reported_by = quote.speaker.entity or reported_by
            if modality == "asserted":
                modality = "reported"
            break
    else:
        for src in doc._.sources or ():
            if src.claim.start <= trigger.idx < src.claim.end:
                reported_by = src.source.entity or reported_by
                if modality == "asserted":
                    modality = "reported"
                break
    return negated, modality, reported_by


def event_date(doc: Doc, start: int, end: int) -> str | None:
    """The TIMEX3 value governing a span: the time component's answer, else the nearest date in the sentence."""
    if _governing_date is not None:
        try:
            found = _governing_date(doc, start, end)
        except Exception:  # noqa: BLE001 - the other component must never break ours
            found = None
        if found is not None:
            return getattr(found, "value", found) if not isinstance(found, str) else found
    sent = sentence_evidence(doc, start)
    if sent is None:
        return None
    best: tuple[int, str] | None = None
    for tx in doc._.timexes or ():
        if tx.type == "DATE" and sent.start <= tx.start < sent.end:
            dist = abs(tx.start - start)
            if best is None or dist < best[0]:
                best = (dist, tx.value)
    return best[1] if best else None


# ---------------------------------------------------------------- extraction


def _instrument(lex: Lexicon, trigger: Token) -> tuple[str, Token] | None:
    """"killed in a car explosion": the instrument's mode and the last token of its phrase."""
    for pobj in _prep_objects(trigger, ("in", "by", "with")):
        words = [c.lemma_.lower() for c in pobj.lefts if c.dep_ == "compound"] + [pobj.lemma_.lower()]
        for n in range(len(words)):
            mode = lex.instruments.get(" ".join(words[n:]))
            if mode:
                return mode, pobj
    return None


ADVERBIAL = frozenset({"advmod", "npadvmod", "punct"})


def _adverbial_gap(doc: Doc, start: int, end: int) -> bool:
    """True when the words between a verb and its preposition only say when or how ("left
    yesterday for", "called again for"), not with whom ("traveled with her sister to")."""
    return all(t.dep_ in ADVERBIAL or t.head.dep_ == "npadvmod" and start < t.head.i < end for t in doc[start + 1:end])


def _candidates(doc: Doc) -> list[tuple[Span, str, str, str, Token]]:
    """(match span, type, mode, kind, head token) for every trigger, longest match kept."""
    matchers = _matchers(doc)
    lex = load_lexicon()
    longest = lex.longest
    spans = []
    for i in _trigger_tokens(doc):
        tok = doc[i]
        if tok.pos_ == "VERB" and not any(c.dep_ == "prt" for c in tok.children):  # "verb * noun" phrases read off the parse
            # too, whatever the words between; not a phrasal verb ("called off a strike" is no "call * strike")
            keys: set[str] = set()
            for obj in tok.children:  # in text order: the nearest preposition ("left yesterday for Beijing for talks")
                if not tok.i + 1 < obj.i <= tok.i + OBJECT_REACH:
                    continue
                table = lex.verb_objects if obj.dep_ == "dobj" else lex.verb_preps if obj.dep_ == "prep" and _adverbial_gap(doc, tok.i, obj.i) else {}
                key = table.get((lex.lemma(tok), obj.lower_ if obj.dep_ == "prep" else obj.lemma_.lower()))
                if key is not None and key not in keys:
                    keys.add(key)
                    spans.append(Span(doc, tok.i, obj.i + 1, label=doc.vocab.strings.add(key)))
        for word in {tok.lemma, tok.lower}:
            matcher = matchers.get(word)
            if matcher is None:
                continue
            for match_id, start, end in matcher(doc[tok.i:tok.i + longest]):
                if start == 0:  # matches starting later begin at a token of their own
                    spans.append(Span(doc, tok.i, tok.i + end, label=match_id))
    out = []
    for span in filter_spans(spans):
        etype, mode, kind = doc.vocab.strings[span.label].split("|")
        words = [t for t in span if t.pos_ in (("VERB", "AUX") if kind == "verb" else ("NOUN", "PROPN"))]
        if not words and not any(t.text == "-" for t in span):
            continue
        head = (words[0] if kind == "verb" else words[-1]) if words else span.root  # "sit-in": no part is a noun
        if kind == "verb" and etype == "ASSAULT" and span.start >= 2 and doc[span.start - 1].text == "-" and (
            doc[span.start - 2].lower_ == "test"
        ):  # "test-fired two missiles" (the tokenizer splits the hyphen): a weapons test
            span, etype, mode = doc[span.start - 2:span.end], "MOBILIZE", "weapons"
        out.append((span, etype, mode, kind, head))
    return out


# Verbs that are a meeting only when what they take is an actor ("received the envoy").
NEEDS_ACTOR_OBJECT = frozenset({"receive", "host"})
# Types whose act between conjoined subjects and no one else is mutual ("A and B met", "renewed ties").
RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT"})
RECIPROCAL_VERBS = frozenset({"clash", "fight", "exchange", "battle", "skirmish"})  # "India and Pakistan exchanged fire"


def _conjoined_subject(verb: Token) -> bool:
    """True when the subject the verb reads is a coordination ("Iran and Saudi Arabia", "Armenian
    and Azerbaijani troops")."""
    return any(
        c.dep_ in SUBJECTS and any(g.dep_ == "conj" or g.dep_ in ("amod", "compound") and any(x.dep_ == "conj" for x in g.children) for g in c.children)
        for c in _controller(verb).children
    )


# Verbs whose subject is the one given to when their object makes them AID (object_types).
RECEIVING = frozenset({"receive", "accept"})
# Verbs that are a demand only with a clause of what is to be done ("ordered him to appear",
# not "ordered an offensive", where the offensive is the event).
NEEDS_CLAUSE = frozenset({"order"})


def _prenominal_participle(tok: Token) -> bool:
    """A past participle right before the noun it describes, with no subject or auxiliary of
    its own: the small parser often attaches "occupied territories" as a clause."""
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    return (
        tok.tag_ == "VBN"
        and nxt is not None
        and nxt.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children)
    )


def _measured(noun: Token) -> Token:
    """The phrase that stands for a noun as a verb's object: the first of its conjuncts
    ("launched artillery, mortar and rocket fire") or what it is measured or counted by ("tons of
    food aid", "a wave of strikes"), when that is the object or passive subject of a verb; else the noun."""
    first = noun
    for _ in range(8):  # up a chain of conjuncts to the first one
        if first.dep_ != "conj" or first.head.i >= first.i:
            break
        first = first.head
    if first.dep_ in ("dobj", "nsubjpass"):
        return first
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.dep_ in ("dobj", "nsubjpass") and prep.head.i < noun.i:
        return prep.head
    return noun


def _topic_gerund(tok: Token) -> bool:
    """A gerund with no subject that is itself a clause's subject or what a noun is about
    ("recognizing Crimea would violate ...", "any mention of recognizing ..."): an idea talked
    about, not an act anyone did."""
    if tok.tag_ != "VBG" or any(c.dep_ in SUBJECTS | PASSIVE_SUBJECTS for c in tok.children):
        return False
    if tok.dep_ in ("csubj", "csubjpass"):
        return True
    prep = tok.head
    return tok.dep_ == "pcomp" and prep.lower_ in ("of", "about", "on") and prep.head.pos_ == "NOUN"


EXERCISES = frozenset({"drill", "exercise", "manoeuvre", "maneuver", "game", "wargame", "patrol"})


def _solo_exercise(doc: Doc, span: Span, head: Token) -> bool:
    """A military exercise with no partner: no "joint" in its words, no "with" party beside it."""
    words = {t.lemma_.lower() for t in span} | {t.lemma_.lower() for t in head.subtree if t.dep_ in ("dobj", "compound", "amod")}
    if not words & EXERCISES or "joint" in words:
        return False
    return not any(_entity(doc, p) for t in (head, *(c for c in head.children if c.dep_ == "dobj")) for p in _prep_objects(t, ("with",)))


def _before(verb: Token) -> Span:
    """The words of the verb's sentence before it."""
    return verb.doc[verb.sent.start:verb.i]


def _opinion(verb: Token) -> bool:
    """True when "agree" takes only a that-clause or a "with" party: a view shared ("agree that the
    disputes should go to arbitration"), not a deal ("agreed to", "agreed on a ceasefire", "agreed a deal")."""
    deps = {(c.dep_, c.lower_ if c.dep_ == "prep" else "") for c in verb.children}
    if any(d in ("xcomp", "dobj") or d == "prep" and p != "with" for d, p in deps) or any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    ):
        return False
    return any(d == "ccomp" or d == "prep" for d, _ in deps)


def _addressed(verb: Token) -> bool:
    """True for a verb said to the reader: its subject is "you" or it is an imperative ("Invite
    your friends", "Sign up to get our newsletter")."""
    ctrl = _controller(verb)
    lines = [t.i for t in _before(ctrl) if t.is_space]  # "BYPASS THE CENSORS  Sign up to ...": a heading, then the imperative
    start = lines[-1] + 1 if lines else ctrl.sent.start
    subjects = [c for c in ctrl.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS and c.i >= start]
    if subjects:
        return subjects[0].lower_ == "you"
    imperative = ctrl.tag_ == "VB" or ctrl.tag_ == "VBP" and ctrl.i == start > ctrl.sent.start  # a line opened by a bare verb
    return ctrl.dep_ == "ROOT" and imperative and not any(c.dep_ in ("aux", "auxpass") for c in ctrl.children) and not any(
        t.pos_ in ("NOUN", "PROPN", "PRON") for t in ctrl.doc[start:ctrl.i]
    )  # "Denmark to Punish Farmers": a headline, not an imperative


def _courtesy(verb: Token) -> bool:
    """True when "I" or "we" act on "you" or "your ..." ("we appreciate your feedback", "I want to
    thank you", "we ask that you consider"): the outlet or a guest speaking to its audience (a
    hostile act keeps its event: "we will shoot you")."""
    subjects = [c for c in _controller(verb).children if c.dep_ in SUBJECTS]
    return bool(subjects) and subjects[0].lower_ in FIRST_PERSON and _to_you(verb)


def _to_you(verb: Token) -> bool:
    """True when what the verb acts on is "you" or "your ..."."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    objects += [g for c in verb.children if c.dep_ == "ccomp" for g in c.children if g.dep_ in SUBJECTS]
    return any(o.lower_ == "you" or any(g.dep_ == "poss" and g.lower_ == "your" for g in o.children) for o in objects)


TALK_NOUNS = frozenset({"talk", "negotiation", "meeting", "summit", "consultation", "discussion", "table", "conference", "dialogue"})


TROOPS = frozenset({"troop", "force", "soldier", "army", "unit", "battalion", "brigade", "paratrooper", "marine"})


def _sent_into(span: Span, verb: Token) -> bool:
    """True for troops sent "into" a place ("sent its troops into Ukraine"), not "to" a government that asked."""
    return any(t.lemma_.lower() in TROOPS for t in span) and any(c.dep_ == "prep" and c.lower_ == "into" for c in verb.children)


SANCTION_WORDS = frozenset({"sanction", "tariff", "embargo", "penalty", "levy", "duty"})


def _sanction_subject(verb: Token) -> bool:
    """True when what strikes or targets is a sanction: the verb's subject, or the noun a participle
    describes ("sanctions regimes targeting those businesses"), or a word compounded with it."""
    doers = [c for c in verb.children if c.dep_ in SUBJECTS]
    if verb.dep_ in ("acl", "xcomp", "relcl"):  # the small parser may tag the noun ("regimes") a verb
        doers.append(verb.head)
    return any(w.lemma_.lower() in SANCTION_WORDS for d in doers for w in (d, *(c for c in d.children if c.dep_ == "compound")))


def _for_talks(verb: Token) -> bool:
    """True when a journey's "for"/"to" phrase names talks ("return to Geneva for talks", "returned to the negotiating table")."""
    return any(
        g.dep_ == "pobj" and g.lemma_.lower() in TALK_NOUNS
        for p in verb.children if p.dep_ == "prep" and p.lower_ in ("for", "to")
        for g in p.children
    )


# Political news borrows the words of war: a campaign "attack ad", candidates who "fight for" votes,
# "beat" a rival, "capture" delegates or "target" voters, "rally" supporters. Such a word is an act of
# force or protest only where the sentence speaks of violence; between named politicians it is a
# verbal attack or nothing.
CONTEST_WORDS = frozenset({
    "attack", "assault", "fight", "battle", "beat", "clash", "crush", "capture", "seize", "target", "hit", "blast", "slam",
    "wrestle", "execute", "blow", "smash", "shatter", "kill", "destroy", "occupy", "lock", "rally", "march",
    "mobilize", "mobilise", "demonstrate", "demonstration", "struggle", "spar", "ambush", "bludgeon", "torpedo", "war",
    "warfare", "shoot", "strike", "assail", "lash", "hammer", "bash", "pummel", "trounce", "rout", "defeat", "conquer",
    "wipe", "take", "onslaught", "offensive", "blitz", "raid", "siege", "besiege", "storm", "invade", "invasion", "bomb", "fire",
})
VERBAL_ATTACKS = frozenset({
    "attack", "assault", "assail", "blast", "slam", "hit", "hammer", "bash", "lash", "clash", "spar", "bludgeon", "pummel", "onslaught", "fire",
})
GATHERING = frozenset({"rally", "march", "demonstrate", "demonstration"})
FIGURATIVE_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "THREATEN", "MOBILIZE", "SANCTION"})
_CAMPAIGN = re.compile(
    r"(?i)\b(?:campaign\w*|debates?|primar(?:y|ies)|caucus(?:es)?|nominations?|nominee|elections?|electoral|polls?|polling|voters?|"
    r"votes?|delegates?|superdelegates?|ads?|advert\w*|candida\w+|rivals?|opponents?|super ?PACs?|PACs?|races?|ticket|GOP|"
    r"front-?runner|supporters|conventions?|presidential|presidency|midterms?|swing states?|battleground|fundrais\w*|donors?|"
    r"airwaves|stump|incumbent|challenger|Democrat(?:s|ic)?|Republicans?|senators?|congressm[ae]n|lawmakers?|Congress|"
    r"congressional|Senate|legislat\w*|parliament\w*|bills?)\b")
_VIOLENCE = re.compile(
    r"(?i)\b(?:kill\w*|dead|deaths?|died|murder\w*|wound\w*|injur\w*|shot|shoot\w*|gun\w*|rifles?|knife|stabb?\w*|bomb\w*|"
    r"explos\w*|missiles?|rockets?|troops?|soldiers?|militar\w*|army|armed|terror\w*|massacre|hostages?|police|officers?|"
    r"air ?strikes?|war|wars|weapons?|hospital\w*|militants?|insurgent\w*|rebels?|jihad\w*|ISIS|ISIL|Islamic State|Taliban|"
    r"Qaeda|violen\w*|riot\w*|beat(?:en|ing)|punch\w*|hack\w*|cyber\w*|assassin\w*|gunm[ae]n|attackers?|victims?|"
    r"tear gas|arrest\w*|invasion|occupation|ceasefire|casualt\w*|civilians?|bloodshed|brawl\w*|fistfight|shov\w*|assaulted)\b")


def _campaign_figure(head: Token, lemma: str, etype: str, actors: list[Entity | None], targets: list[Entity | None]) -> str | None:
    """How a conflict word reads in a sentence with no violence in it: "ACCUSE" for a verbal attack on
    someone ("Clinton attacked Sanders over his vote", "attacks on Trump"), "" for no event ("Cruz can
    beat Trump", "the GOP nomination battle", "a rally with supporters in Colorado"), None when it keeps
    its sense (a violent sentence, a state or nation among the parties, a passive with no one named
    attacking: "we were attacked in downtown Manhattan", or no politics around it)."""
    sent = head.sent
    if etype not in FIGURATIVE_TYPES or lemma not in CONTEST_WORDS or _VIOLENCE.search(sent.text):
        return None
    if head.pos_ in ("VERB", "AUX") and _passive(head) and not any(c.dep_ == "agent" for c in head.children):
        return None
    named = [e for e in actors + targets if e is not None]
    if any(e is not None and e.type in ("GPE", "NORP") for e in (actors if lemma in GATHERING else actors + targets)):
        return None  # "Russia attacked Ukraine": a state's attack needs no violent word to be one; not "a rally in Colorado"
    politics = _CAMPAIGN.search(sent.text) is not None
    if not politics and not (named and all(e.type == "PERSON" for e in named)):
        return None  # "a man attacked a woman on the subway": no politics, the word keeps its sense
    if lemma in VERBAL_ATTACKS and (any(e is not None for e in targets) or any(c.dep_ == "dobj" for c in head.children)):
        return "ACCUSE"  # "Romney blasts Trump as a 'fraud'": words, whoever they hit
    return ""


SPEAKING = frozenset({
    "comment", "say", "answer", "discuss", "elaborate", "speculate", "respond", "confirm", "disclose", "reveal", "specify",
    "identify", "name", "detail", "address", "explain", "talk", "speak",
})
CLAIM_NOUNS = frozenset({
    "assertion", "claim", "statement", "view", "idea", "notion", "characterization", "characterisation", "assessment", "premise",
    "analysis", "argument", "suggestion", "conclusion", "sentiment", "comment", "remark", "description", "interpretation", "reading",
})
# Things that "threaten", "hit" or "strike" only in a figure ("a debate that threatened to make or break
# campaigns", "the bill hit a nerve", "the schedule struck supporters as unfair")
THING_SUBJECTS = frozenset({
    "debate", "race", "campaign", "election", "case", "bill", "law", "issue", "scandal", "decision", "ruling", "vote", "poll",
    "crisis", "schedule", "question", "controversy", "proposal", "plan", "policy", "measure", "ad", "speech", "comment", "remark",
    "statement", "report", "story", "news", "book", "movie", "film", "show", "idea", "argument", "result", "outcome", "loss", "win",
    "victory", "defeat", "deadlock", "tie", "move", "change", "reform", "deal", "rule", "legislation", "tweet", "video",
})


def _words_only(verb: Token) -> bool:
    """A refusal or disagreement about words, no act: "declined to comment", "disagree with the assertion that ..."."""
    lemma = verb.lemma_.lower()
    if lemma in FAILING and any(c.dep_ == "xcomp" and c.lemma_.lower() in SPEAKING for c in verb.children):
        return True
    return lemma == "disagree" and any(
        c.dep_ == "prep" and c.lower_ == "with" and any(g.dep_ == "pobj" and g.lemma_.lower() in CLAIM_NOUNS for g in c.children)
        for c in verb.children
    )


def _thing_subject(verb: Token, etype: str) -> bool:
    """A hostile verb whose subject is a thing of politics or talk ("the debate threatened to break
    campaigns", "the bill hit a nerve"): a figure, no party acts."""
    return etype in FIGURATIVE_TYPES | {"THREATEN"} and any(
        c.dep_ in SUBJECTS and c.lemma_.lower() in THING_SUBJECTS and c.ent_type_ == "" for c in _controller(verb).children
    )


def _idiom(verb: Token) -> bool:
    """A fixed phrase that holds a trigger word in no sense of its own: "as opposed to", "seized on
    the massacre" (made use of it), a court "struck down" a law, "demonstrated that"/"demonstrating
    an easy access" (showed; a protest has no object), "recognize that ...", "dropped out"."""
    lemma = verb.lemma_.lower()
    if lemma in ("seize", "pounce") and any(
        c.dep_ == "prep" and c.lower_ in ("on", "upon") and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)
        for c in verb.children
    ):
        return True  # not "seized the town on Tuesday"
    if lemma == "strike" and any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children):
        return True
    if lemma == "demonstrate" and any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return True
    if lemma in ("recognize", "recognise") and any(c.dep_ == "ccomp" for c in verb.children):
        return True  # "finally recognize that the king has no clothes": a view, not a state's recognition
    if lemma == "drop" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return True  # "dropped out of the race": a candidate's exit, no concession to anyone
    return verb.lower_ == "opposed" and verb.i > 0 and verb.doc[verb.i - 1].lower_ == "as"


QUESTION_WORDS = frozenset({"why", "whether"})


def _question(verb: Token) -> bool:
    """True for a verb asked about rather than told: a direct question ("Will Putin's army capture
    the tanks?", an auxiliary before the subject and a question mark) or an indirect one ("why
    Moscow would target its own pipeline")."""
    asked = [c.lower_ for c in verb.children if c.dep_ in ("advmod", "mark") and c.lower_ in QUESTION_WORDS and c.i < verb.i]
    if "whether" in asked or asked and any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return True  # "why Moscow would target its own pipeline"; not "that's why they kidnap the mayors", told as done
    ctrl = _controller(verb)
    last = next((t for t in reversed(ctrl.sent) if not (t.is_space or t.is_quote)), None)
    if last is None or last.text != "?":
        return False
    subj = next((c.i for c in ctrl.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS), None)
    return subj is not None and any(c.dep_ in ("aux", "auxpass") and c.i < subj for c in ctrl.children)


def _condition(verb: Token) -> bool:
    """True for a verb in an "if/unless" clause ("... will be resisted if he invades", "if he went
    into a synagogue and killed people"): a condition, not a happening."""
    if verb.dep_ == "conj" and verb.head.dep_ == "advcl":
        verb = verb.head
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)


def _hypothetical(verb: Token) -> bool:
    """True for what only might happen or might have happened: could/might on the verb ("Clinton
    could crack down on the banks", "the case could cripple the unions") or "would have" ("a tie would
    have left the ruling in place")."""
    ctrl = _controller(verb)
    aux = [c.lower_ for c in ctrl.children if c.dep_ in ("aux", "auxpass")]
    return any(a in ("could", "might") for a in aux) or "would" in aux and "have" in aux


def _asks_question(verb: Token) -> bool:
    """True when "ask" takes a question ("asked the ministry if/whether ...", "asked about ..."), not a request."""
    return any(
        c.dep_ == "prep" and c.lower_ == "about"
        or c.dep_ == "ccomp" and any(g.dep_ in ("mark", "advmod") and g.lower_ in ("if", "whether", "why", "how", "when") for g in c.children)
        or c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in c.children)  # not "when he visited"
        for c in verb.children
    )


WARNING = frozenset({"warn", "caution"})
# Words that make a warning a threat: what the warner will do or make the other side pay.
CONSEQUENCES = frozenset({
    "consequence", "retaliation", "retaliate", "response", "respond", "reprisal", "action", "measure", "price", "pay", "punish",
    "punishment", "revenge", "force", "countermeasure", "war",
})


def _mere_warning(verb: Token, cand_types: dict[int, str]) -> bool:
    """True for "warn" that forecasts rather than threatens: no party warned ("warned Israel"),
    and its "that" clause, quote or "about/of" phrase holds no hostile act nor consequence ("the
    US warned that the package would only last a few weeks", "warned about the spillover of
    weapons"); a bare "X warned" stays a threat."""
    if verb.lemma_.lower() not in WARNING or any(c.dep_ in ("dobj", "dative", "nsubjpass") for c in verb.children):
        return False  # "warned Israel", "Berlin was warned": a party is warned
    if load_cameo().pattern_type(verb):
        return False  # CAMEO codes it: "warned about the plot" is intelligence shared (06)
    parts = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and _same_line(verb, c)]
    parts += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("about", "of", "that")]
    if not parts:
        return False
    hostile = HOSTILE | {"THREATEN"}
    cameo = load_cameo()
    own = {c.lower_ for c in verb.children if c.dep_ in SUBJECTS}
    if any(g.dep_ == "pobj" and (g.pos_ == "PROPN" or _entity(verb.doc, g) is not None) for p in parts if p.dep_ == "prep" for g in p.children):
        return False  # "warned of the Prince": a party warned against
    for part in parts:
        for t in part.subtree:
            if cand_types.get(t.i) in hostile or t.lemma_.lower() in CONSEQUENCES or t.pos_ == "VERB" and cameo.type_of(t) in hostile:
                return False
            if t.dep_ in SUBJECTS and t.head.i == part.i and (t.lower_ in FIRST_PERSON or t.lower_ in own):
                return False  # "warned that we will ...": the warner's own act
    return True


def _same_line(a: Token, b: Token) -> bool:
    """True when no line break or run of spaces lies between two tokens (a headline and the text
    after it often parse as one sentence)."""
    lo, hi = sorted((a.i, b.i))
    return not any(t.is_space for t in a.doc[lo:hi])


def _asks_for_something(verb: Token) -> bool:
    """True when "ask" says what is asked for: someone "to" act, "that" something be done, or a
    "for" phrase; "Carlson asks Pence." and "They asked, 'How many times?'" are questions."""
    return any(
        c.dep_ == "xcomp"
        or c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        or c.dep_ == "prep" and c.lower_ == "for"
        or c.dep_ == "dobj" and _prep_objects(c, ("for",))
        for c in verb.children
    )


def _peaceful_promise(verb: Token, cand_types: dict[int, str]) -> bool:
    """True when a vow's clause ("vowed that X will not let Ukraine fail") holds no hostile act: a promise, not a threat."""
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "parataxis") and _same_line(verb, c)]
    hostile = HOSTILE | {"THREATEN"}
    cameo = load_cameo()
    return bool(clauses) and not any(
        cand_types.get(t.i) in hostile or t.pos_ == "VERB" and cameo.type_of(t) in hostile for c in clauses for t in c.subtree
    )


HELPING = frozenset({"help", "aid", "assist"})
LAMENTING = frozenset({"lament", "complain", "bemoan", "regret", "grumble"})
DISMISSIVE = frozenset({
    "baseless", "groundless", "unfounded", "false", "absurd", "ridiculous", "nonsense", "lie", "fabricated", "fabrication",
    "fake", "untrue", "slander", "slanderous", "propaganda", "preposterous", "fiction", "invention", "provocation",
})
LABELLING = frozenset({"call", "label", "brand", "term", "describe", "dismiss", "denounce", "reject", "characterize", "characterise"})


def _dismissed(noun: Token) -> bool:
    """True when an accusation is the object of a verb that calls it false ("called the
    accusations baseless", "dismissed the claims as lies"): the accused denies it, a REJECT."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in LABELLING:
        return False
    return any(t.i > noun.i and t.lemma_.lower() in DISMISSIVE for t in verb.subtree)


def _sworn_in(verb: Token) -> bool:
    """True for "was sworn in", "sworn into office": an inauguration, not a vow."""
    return verb.lemma_.lower() == "swear" and any(c.lower_ in ("in", "into") and c.dep_ in ("prt", "prep") for c in verb.children)


def _gap_infinitive(tok: Token) -> bool:
    """An infinitive describing the noun it hangs from, which is its own missing object ("a safe
    place to visit", "an easy target to attack"): a quality of the noun, no one acts."""
    return tok.dep_ in ("relcl", "acl") and tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and not any(
        c.dep_ in SUBJECTS | PASSIVE_SUBJECTS | OBJECTS or c.dep_ in ("prep", "ccomp", "xcomp") for c in tok.children
    )


# Adjectives whose infinitive says how hard, far or costly an act would be, not that anyone does it
# ("far enough to strike Russia", "harder to hit", "difficult to defend"); not ready/willing/able.
QUALITY_ADJECTIVES = frozenset({
    "hard", "difficult", "easy", "impossible", "possible", "tough", "far", "close", "safe", "dangerous", "expensive", "cheap",
    "costly", "risky", "simple", "complicated",
})


def _quality_infinitive(tok: Token) -> bool:
    """An infinitive under an adjective of difficulty or distance, or one "enough"/"too" measures:
    a capability or a quality, not an act."""
    cur = tok
    for _ in range(4):  # "harder to plan against, hit and defeat": up the conjuncts to the infinitive
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            head = cur.head
            return head.pos_ in ("ADJ", "ADV") and (
                head.lemma_.lower() in QUALITY_ADJECTIVES or head.lower_ in ("enough", "too")
                or any(c.lower_ in ("enough", "too") for c in head.children)
            )
        if cur.dep_ not in ("conj", "prep", "dep") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


# Nouns whose infinitive is a power or chance to act, not an act ("the ability to strike", "the
# time to fight for freedom has come", "the will to keep supporting it"); not "plans to attack".
POTENTIAL_NOUNS = frozenset({
    "time", "moment", "chance", "opportunity", "right", "ability", "capacity", "capability", "power", "way", "reason", "need",
    "urge", "temptation", "courage", "will", "desire", "means", "freedom", "authority", "license", "licence",
})
POSSIBLE_AUX = frozenset({"could", "might", "may"})


MILITARY_MODIFIERS = frozenset({
    "air", "missile", "drone", "military", "retaliatory", "nuclear", "precision", "preemptive", "pre-emptive", "artillery",
    "rocket", "aerial", "naval", "surgical", "targeted", "long-range", "cruise", "ballistic", "deadly", "lethal", "bomb",
})
LABOUR_WORDS = frozenset({"worker", "union", "labor", "labour", "rail", "teacher", "nurse", "doctor", "staff", "employee", "general", "hunger", "wage", "pay"})


def _military_strike(doc: Doc, noun: Token) -> bool:
    """True for "strike" as an attack: a military word on it ("air strikes", "retaliatory strike"),
    a place or party struck ("strikes on Kharkiv", "against Hezbollah"), or a state's adjective with
    no word of work around it ("relentless Russian strikes"); a walkout has workers or pay."""
    mods = [c for c in noun.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
    words = {t.lemma_.lower() for m in mods for t in m.subtree} | {t.lemma_.lower() for t in noun.subtree}
    carrier = _measured(noun).head  # "rail workers began a strike": who strikes
    doers = {t.lemma_.lower() for c in carrier.children if c.dep_ in SUBJECTS for t in c.subtree}
    if (words | doers) & LABOUR_WORDS:
        return False
    if words & MILITARY_MODIFIERS:
        return True
    if _first_entities(doc, _prep_objects(noun, ("on", "against")), set()):
        return True  # "strikes on Kharkiv", "strikes on the Odesa port infrastructure"
    return any((e := _entity(doc, m)) is not None and e.type in ("NORP", "GPE") for m in mods)


def _potential(tok: Token) -> bool:
    """A verb that only may happen: an infinitive under a noun of ability or chance ("the ability
    to strike"), or a relative clause with could/might/may ("firepower that could blow cities to
    smithereens", "groups that might disagree")."""
    cur = tok
    for _ in range(3):  # "the will to keep supporting it": up the infinitives
        if cur.dep_ != "xcomp":
            break
        cur = cur.head
    if cur.dep_ in ("acl", "relcl") and cur.head.lemma_.lower() in POTENTIAL_NOUNS and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in cur.children
    ):
        return True
    return tok.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ in POSSIBLE_AUX for c in tok.children)


HABIT_WORDS = frozenset({"known", "famous", "notorious", "renowned", "infamous"})


def _habit(tok: Token) -> bool:
    """A gerund saying what someone is known for ("a group known for harassing officials"): a habit, no one event."""
    prep = tok.head
    return tok.tag_ == "VBG" and tok.dep_ == "pcomp" and prep.lower_ == "for" and prep.head.lower_ in HABIT_WORDS


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok = tok.head
        d += 1
    return d


def extract_events(doc: Doc) -> list[Event]:
    """Every PLOVER event the lexicon finds, with its arguments, time, place and modality."""
    if not len(doc) or not doc.has_annotation("DEP"):
        return []
    _TOKEN_ENTITIES.clear()  # a new Doc may reuse the id of one read before
    lex = load_lexicon()
    cands = _candidates(doc)
    verbal_heads = {c[4].i: c[1] for c in cands if c[1] in FRAMING_TYPES}
    cand_types = {c[4].i: c[1] for c in cands}
    explained: set[int] = set()  # sentences whose trigger word has its everyday sense: the classifier leaves them alone
    # "suspended its strike", "called off the offensive": stopping a hostile act is a concession
    undone: dict[int, str] = {}  # noun trigger -> its type once stopped or barred ("banned the march": COERCE)
    for c in cands:
        np = _measured(c[4])
        if c[3] == "noun" and np.dep_ in ("dobj", "nsubjpass") and (new := lex.recoded(c[1], np.head)):
            undone[c[4].i] = new
    stoppers = {_measured(doc[i]).head.i for i in undone}

    ents = {e.id: e for e in doc._.entities or ()}
    figures: set[int] = set()  # sentences whose conflict word is a figure of politics: no weaker tier guesses another event there

    def read(batch: list[tuple[Span, str, str, str, Token]], cameo: bool) -> list[tuple[int, bool, Event]]:
        """The events of a batch of triggers; ``cameo``: the CAMEO tier's, kept only with a named party."""
        events: list[tuple[int, bool, Event]] = []
        for span, etype, mode, kind, head in batch:
            if _nested(head, verbal_heads) or kind == "verb" and head.i in stoppers:
                continue
            if kind == "noun" and head.dep_ == "pobj" and head.head.lower_ == "for" and cand_types.get(head.head.head.i) == etype:
                continue  # "a warrant for his arrest": what the warrant is for, told by the warrant
            if kind == "noun" and head.i in undone:
                etype, mode = undone[head.i], mode or etype.lower()
            lemma = lex.lemma(head)
            if kind == "verb" and (head.dep_ == "amod" or _prenominal_participle(head)):
                continue  # a participle used as an adjective ("a negotiated solution", "occupied territories")
            if kind == "verb" and len(span) == 1 and (lex.other_sense(head) or _sworn_in(head) or _idiom(head)):
                explained.add(head.sent.start_char)
                continue  # "released a statement", "met the deadline", "was sworn in": the word's other, everyday sense
            if kind == "verb" and len(span) == 1 and lemma in lex.needs_object and not _passive(head) and not any(
                c.dep_ == "dobj" for c in head.children
            ):
                if not (lemma == "return" and _for_talks(head)):
                    explained.add(head.sent.start_char)
                    continue  # "the truce hangs in the balance", "the wind was blowing", "returned home": no act on anyone
                etype, mode = "CONSULT", "visit"  # "return to Geneva for talks": a journey to negotiate, not a retreat
            pattern = load_cameo().pattern_type(head) if kind == "verb" and len(span) == 1 and not cameo else None
            if kind == "verb" and (pattern == "" or _mere_warning(head, cand_types)):
                explained.add(head.sent.start_char)
                continue  # CAMEO's "---" patterns ("warned of catastrophe"), "warned that the package would only last weeks": a forecast, no threat
            if kind == "verb" and _hypothetical(head):
                explained.add(head.sent.start_char)
                continue  # "might be signed and ratified by then": a guess, and no other verb of it is the event
            if kind == "verb" and (_question(head) or _condition(head)):
                continue  # "Will Putin's army capture the tanks?", "asked why Moscow would target ...", "if he invades": not told as done
            if kind == "verb" and lemma == "ask" and (_asks_question(head) or len(span) == 1 and not _asks_for_something(head)):
                explained.add(head.sent.start_char)
                continue  # "asked the ministry whether the plants will be used": a journalist's question, no demand
            if kind == "verb" and etype == "CONSULT" and lemma == "fly" and (_passive(head) or any(c.dep_ == "dobj" for c in head.children)):
                continue  # "14 sailors were flown to Sevastopol", "flew the wounded to Kyiv": people carried, no visit
            if kind == "verb" and etype == "AID" and _sent_into(span, head):
                etype, mode = "MOBILIZE", "troops"  # "sent its troops into Ukraine": an incursion, not help asked for
            if kind == "verb" and etype == "AGREE" and lemma in PROMISING and any(
                c.dep_ == "xcomp" and cand_types.get(c.i) in FORCEFUL or c.dep_ == "dobj" and lemma in VOWING and cand_types.get(c.i) in HOSTILE
                for c in head.children
            ):
                etype, mode = "THREATEN", ""  # "vowed to fight Israel", "promising more strikes": a promise of force is a threat
            elif kind == "verb" and etype == "THREATEN" and len(span) == 1 and lemma in PROMISING and _peaceful_promise(head, cand_types):
                etype, mode = "AGREE", ""  # "'We will not let Ukraine fail,' the US vowed": a promise of help, no threat
            elif kind == "verb" and etype == "ASSAULT" and _sanction_subject(head):
                etype, mode = "SANCTION", ""  # "new sanctions targeting Russian banks", "tariffs hit Chinese steel": no force used
            elif kind == "verb" and (by_object := lex.object_type(head)) and by_object != etype:
                etype, mode = by_object, ""  # "handed over 700 kg of medicine": aid, not a release
            elif pattern and pattern != etype:
                etype, mode = pattern, ""  # "attacked the decision": a verbal attack (CAMEO 111), not an assault
            if kind == "verb" and head.tag_ in UNTENSED_PAST and head.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and any(
                c.dep_ == "det" for c in head.children
            ):
                continue  # "evacuated the wounded": a participle used as a noun names people, not an act
            if kind == "verb" and (_words_only(head) or _thing_subject(head, etype)):
                explained.add(head.sent.start_char)
                continue  # "declined to comment", "the bill hit a nerve": words or a figure, no act between parties
            if kind == "verb" and load_cameo().natural_subject(head):
                continue  # "an earthquake killed 200 people", "the storm devastated the coast": no party acts
            if kind == "verb" and lemma == "agree" and _opinion(head):
                continue  # "I agree that Russia is an autocracy", "agree with the government": a view shared, nothing agreed to do
            if kind == "verb" and (_addressed(head) or etype not in HOSTILE | {"THREATEN"} and _courtesy(head)):
                continue  # "By subscribing you agree to our Terms", "Sign up to get news": the reader is told, no party acts
            if kind == "verb" and (
                _topic_gerund(head) or _gap_infinitive(head) or _quality_infinitive(head) or _habit(head) or _potential(head)
            ):
                continue  # "recognizing Crimea would violate ...", "a safe place to visit": a topic or a quality, not an act
            if kind == "verb":
                actors, targets = _verb_arguments(doc, head, lemma, etype)
                if etype == "AID" and lemma in RECEIVING and not _passive(head):  # "Kyiv received tanks from Berlin": Berlin gives
                    actors, targets = [i for p in _prep_objects(head, ("from",)) for i in np_entities(doc, p)], actors
                if len(actors) > 1 and (etype in RECIPROCAL or lemma in RECIPROCAL_VERBS) and _conjoined_subject(head) and (
                    not targets or targets == _first_entities(doc, [c for c in head.children if _place_phrase(c)], set())
                ):
                    targets = list(actors)  # "Iran and Saudi Arabia restored ties", "A and B clashed along the border": each with the other
                if cameo and not actors:
                    continue  # a verb only the broad tier knows: an event only when it names who acts ("It is being challenged in court": no one)
                if lemma in NEEDS_ACTOR_OBJECT and not targets:
                    continue  # "received no formal proposal", "host the talks": no one is met
                if lemma in NEEDS_CLAUSE and not any(c.dep_ in ("xcomp", "ccomp") for c in head.children):
                    continue
                if lemma in LAMENTING and not targets:
                    continue  # "farmers are complaining about low prices": a grievance about things, no one is accused
                if lemma in HELPING and (not targets or any(c.dep_ == "xcomp" for c in head.children)) and not any(
                    c.dep_ in ("dobj", "dative") for c in head.children
                ):
                    continue  # "would help ensure that ...", "help our species work in symbiosis": a cause, no one is helped
            else:
                if head.dep_ in ("dobj",) and head.i not in undone and lex.lemma(head.head) not in lex.light_verbs and head.head.i in {
                    c[4].i for c in cands
                }:
                    continue  # "rejected the proposals" / "condemned the attack": the verb is the event
                if etype == "PROTEST" and lemma == "strike" and _military_strike(doc, head):
                    etype, mode = "ASSAULT", ""  # "relentless Russian strikes", "strikes on Kharkiv": not a walkout
                actors, targets = _noun_arguments(doc, head, lemma)
                if etype == "ACCUSE" and _dismissed(head):
                    etype, mode = "REJECT", ""  # "called the accusations baseless": a denial by the accused side
                    targets = [i for p in _prep_objects(head, ("by", "from")) for i in np_entities(doc, p) if i not in actors]
                carrier = _measured(head).head
                if not targets and len(actors) > 1 and etype in RECIPROCAL and carrier.pos_ == "VERB" and _conjoined_subject(carrier):
                    targets = list(actors)  # "French and Egyptian warships launched war games": with each other
                named_place = etype in PHYSICAL_TYPES and any(  # "the Tulsa protest", "the San Bernardino attack": one happening
                    c.dep_ in ("compound", "amod") and (e := _entity(doc, c)) is not None and _mere_place(e) for c in head.children)
                if not actors and not named_place and (not targets or etype not in PHYSICAL_TYPES and lemma not in PATIENT_NOUNS):
                    continue  # a bare noun ("the war", "sanctions against X") names no event we can attribute
            figure = _campaign_figure(head, lemma, etype, [ents.get(i) for i in actors], [ents.get(i) for i in targets])
            if figure == "":
                explained.add(head.sent.start_char)
                figures.add(head.sent.start)
                continue  # "only Ted Cruz can beat Donald Trump", "the GOP nomination battle": a contest of votes, no force
            if figure:
                etype, mode = figure, "disapprove"  # "Sanders's attacks on Clinton", "clashed with Johnson at the hearing": words
            if etype == "COOPERATE" and len(actors) < 2 and _solo_exercise(doc, span, head):
                etype, mode = "MOBILIZE", "troops"  # "Russia to stage naval drills off Ireland": a show of force, no partner
            if etype == "MOBILIZE":  # "Russia carried out a military maneuver of 80,000 troops": its own forces
                targets = [i for i in targets if i not in _own_forces(doc)]
            targets, place = _where(doc, head, etype, mode, targets)
            state = next((e for e in doc._.entities or () if e.id == place and e.type == "GPE"), None) if place else None
            if kind == "verb" and not actors and (etype in STATE_ACTS or lemma in COURT_VERBS) and state is not None and _passive(head):
                actors = [state.id]  # "was arrested in Lebanon": the state whose authorities act there
            start_char, end_char = span.start_char, span.end_char
            inst = _instrument(lex, head) if etype == "ASSAULT" and kind == "verb" else None
            if inst is not None:
                mode = mode or inst[0]
                if mode != inst[0]:
                    mode = f"{mode} ({inst[0]})"
                end_char = max(end_char, inst[1].idx + len(inst[1]))
            if kind == "noun" and mode == "interview":
                for pobj in _prep_objects(head, ("with",)):
                    end_char = max(end_char, pobj.idx + len(pobj))
            np = _measured(head)  # "provide 25,000 tons of food aid": the tons are what is provided
            carried = kind == "noun" and np.dep_ in ("dobj", "nsubjpass") and (lex.lemma(np.head) in lex.light_verbs or head.i in undone)
            if carried and np.dep_ == "dobj":
                start_char = min(start_char, np.head.idx)  # "staged mass demonstrations"
            verb = np.head if carried else head
            negated, modality, reported_by = _modality(doc, verb, verb.i != head.i or kind == "verb")  # "will provide aid"
            etype, mode, actors, targets = _recode(doc, head, etype, mode, actors, targets, negated, modality)
            # the CAMEO tier's events were right about two times in five on a sample of 200 real articles
            # (102 events: financial and everyday senses of its broad verb blocks), the hand lexicon's about two in three
            confidence = CAMEO_CONFIDENCE if cameo else 0.8 if kind == "verb" else 0.65
            if not actors and not targets:
                confidence -= 0.2
            if modality == "reported":
                confidence -= 0.05
            event = Event(
                type=etype,
                mode=mode or None,
                trigger=text_span(doc, start_char, end_char),
                actors=actors,
                targets=targets,
                place=place,
                date=event_date(doc, start_char, end_char),
                negated=negated,
                modality=modality,  # type: ignore[arg-type]
                reported_by=reported_by,
                sentence=sentence_evidence(doc, start_char),
                confidence=round(max(0.1, confidence), 2),
            )
            events.append((head.i, kind == "noun", event))
        return events

    events = read(cands, False)
    # the CAMEO tier reads the other sentences, and those whose only events are nouns a verb takes as
    # object ("chided an attack by ..."): the verb CAMEO codes is then the event, not the noun
    covered = {doc[i].sent.start for i, is_noun, _ in events if not (is_noun and doc[i].dep_ == "dobj" and not _dismissed(doc[i]))}
    cameo_cands = _cameo_candidates(doc, covered | figures)
    verbal_heads.update((c[4].i, c[1]) for c in cameo_cands if c[1] in FRAMING_TYPES)
    cameo_events = read(cameo_cands, True)
    cameo_heads = {i for i, _, _ in cameo_events}
    events = [e for e in events if not (e[1] and doc[e[0]].dep_ == "dobj" and doc[e[0]].head.i in cameo_heads)] + cameo_events
    found = events + _demands(doc, {c[4].i for c in cands})
    found += _classified_events(doc, [e for _, _, e in found], explained)
    _anchor_dates(doc, found)
    return _dedupe(found)


def _classified_events(doc: Doc, found: list[Event], explained: set[int]) -> list[tuple[int, bool, Event]]:
    """Sentences the lexicon found no trigger in: their main verb typed by the sentence classifier,
    kept only when it has an entity as actor or target and the classifier is sure enough; not
    the ``explained`` ones (sentence start offsets) whose trigger word was read in its everyday sense."""
    model = load_type_model()
    if model is None:
        return []
    covered = {ev.sentence.start for ev in found if ev.sentence is not None} | explained
    named = sorted(_token_entities(doc))
    out: list[tuple[int, bool, Event]] = []
    for sent in doc.sents:
        k = bisect_right(named, sent.start - 1)
        if sent.start_char in covered or k == len(named) or named[k] >= sent.end:
            continue  # an event found already, or no entity in the sentence to act or be acted on
        root = sent.root
        if root.lemma_.lower() in REPORTING:  # "X did Y, officials said": Y
            root = next((c for c in root.children if c.dep_ in ("ccomp", "conj") and c.pos_ in ("VERB", "AUX")), root)
        if root.pos_ not in ("VERB", "AUX") or root.lemma_.lower() in REPORTING | COMMENTING or root.lemma_.lower() in STATIVE:
            continue  # 'a deal was very close': a state, not an act
        if any(c.dep_ == "neg" for c in root.children):
            continue  # 'Moscow did not comment on the attack': the classifier would read the topic
        if any(c.dep_ in ("csubj", "csubjpass", "expl") for c in root.children) or load_cameo().natural_subject(root):
            continue  # "recognizing Crimea would violate ...", "an earthquake killed ...": no party acts
        if load_lexicon().other_sense(root) or _idiom(root):
            continue  # "handed Roberts the difficult task", "has been accepting cases": the verb's everyday sense
        if root.lemma_.lower() in LIGHT_ROOTS or root.lemma_.lower() in NAMING and not _passive(root):
            continue  # "Gore made the prediction", "troops are attempting to surround": the verb says nothing of the act
        subjects = [c for c in root.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
        if not subjects or not (np_entities(doc, subjects[0]) or _first_entities(doc, subjects[:1], set(), members=True)):
            continue  # "the death toll has risen", "data shows": no party is the subject, no one acts
        probs = model.probs(sentence_features(sent))  # first: most sentences fail here, cheaper than the arguments
        etype = max(probs, key=probs.__getitem__)
        prob = probs[etype]
        if prob < CLASSIFIER_MIN_PROB:
            continue
        actors, targets = _verb_arguments(doc, root, root.lemma_.lower())
        if not actors or not targets or (root.lemma_.lower() in NEEDS_ACTOR_OBJECT and not targets):
            continue  # "CPAC is conducting a straw poll": a guess with no one acted on is mostly wrong on real news
        if _hypothetical(root) or prob < CLASSIFIER_POLITICS_PROB and _CAMPAIGN.search(sent.text):
            continue  # "it might cost his party the White House", "leads Trump in the polls", "ran a brilliant campaign"
        negated, modality, reported_by = _modality(doc, root, True)
        etype, mode, actors, targets = _recode(doc, root, etype, "", actors, targets, negated, modality)
        start, end = root.idx, root.idx + len(root)
        targets, place = _where(doc, root, etype, mode, targets)
        out.append((root.i, False, Event(
            type=etype, mode=mode or None, trigger=text_span(doc, start, end), actors=actors, targets=targets, place=place,
            date=event_date(doc, start, end), negated=negated, modality=modality,  # type: ignore[arg-type]
            reported_by=reported_by, sentence=sentence_evidence(doc, start),
            confidence=round(min(0.5, prob * 0.6), 2))))
    return out


def _demand(doc: Doc, verb: Token) -> list[str] | None:
    """Who demands it, when ``verb`` is what someone says another must or should do ("the Forum
    concluded that the US must allocate more", "saying he must resign"); None otherwise."""
    if verb.dep_ != "ccomp" or not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in verb.children):
        return None
    says = verb.head
    if says.lemma_.lower() not in SAYING:
        return None
    subj = [c for c in _controller(says).children if c.dep_ in SUBJECTS]
    return (np_entities(doc, subj[0]) or _first_entities(doc, subj, set(), members=True)) if subj else []


def _demands(doc: Doc, heads: set[int]) -> list[tuple[int, bool, Event]]:
    """Demands with no trigger word of their own: "the Red Cross said US forces must ensure security"."""
    out: list[tuple[int, bool, Event]] = []
    modals = numpy.array([doc.vocab.strings[w] for w in OBLIGATION_AUX], dtype=numpy.uint64)  # hashes: no float rounding
    for i in numpy.flatnonzero(numpy.isin(doc.to_array("LOWER"), modals)):
        tok = doc[int(i)]
        if tok.dep_ != "aux" or tok.head.i in heads:
            continue
        verb = tok.head
        speaker = _demand(doc, verb)
        if speaker is None:
            continue
        subj = [c for c in verb.children if c.dep_ in SUBJECTS and not (c.lower_ in FIRST_PERSON and c.pos_ == "PRON")]  # not "the US"
        addressee = [i for i in np_entities(doc, subj[0]) if i not in speaker] if subj else []
        if not addressee:
            continue  # "prices should fall": no one is asked to act
        negated, modality, reported_by = _modality(doc, verb, True)
        start, end = tok.idx, verb.idx + len(verb)
        out.append((verb.i, False, Event(
            type="REQUEST", trigger=text_span(doc, start, end), actors=speaker, targets=addressee, place=_place(doc, verb),
            date=event_date(doc, start, end), negated=negated, modality=modality,  # type: ignore[arg-type]
            reported_by=reported_by, sentence=sentence_evidence(doc, start), confidence=0.6)))
    return out


def _recode(
    doc: Doc, head: Token, etype: str, mode: str, actors: list[str], targets: list[str], negated: bool, modality: str
) -> tuple[str, str, list[str], list[str]]:
    """Intentions, refusals and demands recoded as PLOVER does (see COOPERATIVE/HOSTILE)."""
    if negated and etype in COOPERATIVE:
        return "REJECT", mode or etype.lower(), actors, targets
    demand = _demand(doc, head)
    if demand is not None:
        return "REQUEST", mode or etype.lower(), demand, actors or targets
    if modality == "planned" and etype not in FRAMING_TYPES - {"AGREE"} and any(
        c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children if m.dep_ == "mark") for c in head.children
    ):
        return "THREATEN", mode or etype.lower(), actors, targets  # "will withdraw its troops unless ...": an ultimatum
    if modality == "planned" and etype in COOPERATIVE - {"AGREE"}:
        return "AGREE", mode or etype.lower(), actors, targets
    if modality == "planned" and etype in HOSTILE:
        return "THREATEN", mode or etype.lower(), actors, targets
    return etype, mode, actors, targets


UNTENSED_PAST = {"VBD", "VBN"}
ANCHOR_SENTENCES = 2  # an undated event may take the date of the same kind of event this many sentences back


def _anchor_dates(doc: Doc, events: list[tuple[int, bool, Event]]) -> None:
    """Date past events whose own clause carries no date from the narrative before them.

    Two cues, both within a paragraph's reach: a noun naming again an event dated earlier ("The
    meeting between Witkoff and Putin was overshadowed by ...", after "Witkoff met Putin
    yesterday") dates the undated events of its sentence; an undated event of the same type as a
    dated one at most ``ANCHOR_SENTENCES`` sentences before it in the same paragraph is the same
    happening told again ("the assassination of X ..." then "X was killed in a car explosion")."""
    text = doc_text(doc)
    ordered = sorted(events, key=lambda t: t[2].trigger.start)
    dated: dict[tuple[str, frozenset[str]], str] = {}
    anchors: dict[int, str] = {}
    for _, is_noun, ev in ordered:
        key = (ev.type, frozenset(ev.actors) | frozenset(ev.targets))
        if ev.date is None and is_noun and len(key[1]) > 1 and key in dated and ev.sentence is not None:
            anchors.setdefault(ev.sentence.start, dated[key])
        elif ev.date is not None:
            dated.setdefault(key, ev.date)
    starts = [b[0] for b in sentence_bounds(doc)]
    previous: list[tuple[int, Event]] = []  # (sentence index, event) of dated events so far
    for head_i, _, ev in ordered:
        if ev.date is None and ev.sentence is not None and _past(doc[head_i], ev):
            sent_i = bisect_right(starts, ev.trigger.start) - 1
            date = anchors.get(ev.sentence.start)
            for prev_i, prev in reversed(previous):
                if date is not None or sent_i - prev_i > ANCHOR_SENTENCES or "\n" in text[prev.trigger.end:ev.trigger.start]:
                    break
                if prev.type == ev.type and prev_i < sent_i:
                    date = prev.date
            ev.date = date
        if ev.date is not None:
            previous.append((bisect_right(starts, ev.trigger.start) - 1, ev))


def _past(head: Token, ev: Event) -> bool:
    """True for an event told as having happened: a past verb or a noun, not planned or proposed."""
    if ev.modality in ("planned", "proposed"):
        return False
    if head.pos_ not in ("VERB", "AUX"):
        return True
    return head.tag_ in UNTENSED_PAST and not any(c.lower_ in FUTURE_AUX for c in head.children if c.dep_ in ("aux", "auxpass"))


def _nested(head: Token, verbal_heads: dict[int, str]) -> bool:
    """True when the trigger is the content of another speech-act event ("agreed to withdraw")."""
    step = head
    for anc in _ancestors_within_clause(head, 4):
        if step.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj"):
            return False
        if anc.i in verbal_heads and step.dep_ != "dobj":
            return True
        step = anc
    return False


def _dedupe(events: list[tuple[int, bool, Event]]) -> list[Event]:
    """Drop a noun event that repeats a verb event's type and participants in the same document,
    or that lies inside a verb event's trigger ("killed in a car explosion")."""
    out: list[Event] = []
    keys: set[tuple[str, tuple[str, ...]]] = set()
    spans: list[tuple[int, int]] = []
    for _, is_noun, ev in sorted(events, key=lambda t: (t[1], t[0])):
        key = (ev.type, tuple(sorted(set(ev.actors) | set(ev.targets))))
        if is_noun and (key in keys or any(s <= ev.trigger.start and ev.trigger.end <= e for s, e in spans)):
            continue
        if not is_noun:
            spans.append((ev.trigger.start, ev.trigger.end))
        keys.add(key)
        out.append(ev)
    return sorted(out, key=lambda e: e.trigger.start)


# Subordinators of a clause that tells the background of the news, not the news itself.
BACKGROUND_MARKS = frozenset({"after", "before", "since", "when", "while", "as", "because", "until", "once", "following", "although", "though"})


def _background(tok: Token) -> bool:
    """True when ``tok`` lies in a time, reason or relative clause ("... five years after crowds
    burned down its embassy", "since rebels seized the town", "Israel, which invaded Lebanon,
    ..."): background to the news, and the small parser often hangs such a clause higher than the
    news it qualifies."""
    for _ in range(50):
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in tok.children) or tok.dep_ == "relcl":
            return True  # "... after crowds burned down its embassy", "Israel, which invaded Lebanon in 2006, ..."
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def main_event(doc: Doc, events: list[Event], start: int, end: int) -> Event | None:
    """The event of a sentence highest in its parse (the one a one-event coding would pick); one
    named only as the circumstance of a clause ("In an interview, X said ...") or in a time or
    reason clause ("after crowds burned down its embassy") comes last."""
    best: tuple[tuple[bool, int, int], Event] | None = None
    for ev in events:
        if not (start <= ev.trigger.start < end):
            continue
        span = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
        if span is None:
            continue
        top = min(span, key=_depth)
        circumstance = top.dep_ == "pobj" and top.head.dep_ == "prep" and top.head.head.pos_ in ("VERB", "AUX")
        key = (circumstance or _background(top), _depth(top), ev.trigger.start)
        if best is None or key < best[0]:
            best = (key, ev)
    return best[1] if best else None


@Language.component("newsgraph_events", assigns=["doc._.events"])
def events_component(doc: Doc) -> Doc:
    doc._.events = extract_events(doc)
    return doc
