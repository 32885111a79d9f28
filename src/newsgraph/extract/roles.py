"""Entity role framing: is an actor cast as protagonist, antagonist or innocent, and how?

SemEval-2025 Task 10 (subtask 1) labels a named entity's role in a news story with a main role
(Protagonist / Antagonist / Innocent) and fine roles under it (Guardian, Tyrant, Victim ...).
686 training mentions are too few to learn word meanings from scratch, so the model reads
*cue classes*: small general lexicons of harm, suffering, help, peace, deceit, plotting,
provocation, tyranny, corruption ... words, and where the actor stands towards them in the parse
(agent of a harm verb, patient of it, described by it, or just near it in the sentence). Beside
them: the governing verb and modifiers (mention masked: how actors are *described*, not who they
are), VADER valence, whether the words are inside a quotation, and for war reporting, which camp
the actor belongs to against the camp the article takes, read twice: from tell-tale wording
("Kiev regime" vs "invasion") and from a TF-IDF model of the article's words. Linear models
(``scripts/train_roles.py``, weights shipped as JSON in ``data/models/roles.json``) score a
softmax over main roles and one over fine roles; the fine role is the most likely one under the
chosen main role (one role: a second rarely pays off in exact-match terms). The fine-role model
also reads the whole article's words (TF-IDF of its lemmas) and the words of the actor's name:
which of a dozen antagonist roles the annotators chose (conspirator, deceiver, corrupt ...)
follows the story's theme, and how a public figure is habitually cast, as much as the
mention's sentence. A gate over the same features plus prominence (mentions, position, title)
keeps the roles to the actors a story casts: the annotators framed a few actors per article,
not every name in it. Without the file, roles are simply not filled.

Measured by ``newsgraph evaluate framing`` (5-fold cross-validation by article on the public
English train set); the framing component runs it on request only (``NEWSGRAPH_ROLES=1``).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, LIKE_NUM, LOWER, SENT_START
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from ..model import Entity, RoleFrame
from .common import doc_text, in_sorted, sentence_evidence, text_span

MAIN_ROLES = ("Protagonist", "Antagonist", "Innocent")
MAX_MENTIONS = 6  # mentions read per entity (the first ones: where an actor is introduced)
OTHER_WEIGHT = 0.15  # the framed mention counts fully, the entity's other mentions add a little context
FRAMED_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
MODEL_FILE = "roles.json"
QUOTE_OPEN, QUOTE_CLOSE = '"\u201c', '"\u201d'
ARTICLE = "art="  # prefix of the article-word features: TF-IDF values, read by the fine-role model only
NAME = "name="  # prefix of the words of the actor's name, read by the fine-role model only
FINE_ONLY = (ARTICLE, NAME)  # feature blocks that come scaled (not L2-scaled with the rest) and skip the main role
NAME_WEIGHT = 0.5  # the name words' block, L2-normalised, times this
NAME_WORD = re.compile(r"(?u)\b\w\w+\b")

# plural common nouns for people are the usual innocents ("civilians", "refugees")
PLURAL_GROUPS = {"civilians", "people", "children", "residents", "refugees", "citizens", "families", "victims",
                 "workers", "farmers", "women", "soldiers", "prisoners", "migrants", "villagers", "patients"}

# Cue classes: lemmas (or word forms) whose presence, and the actor's place towards them, tell its role.
CUE_WORDS: dict[str, str] = {
    "harm": "kill attack invade bomb shell strike destroy murder massacre torture arrest detain jail imprison occupy "
            "annex oppress persecute threaten target shoot poison blockade starve abuse assault rape deport punish "
            "coerce bully seize loot steal displace terrorize terrorise harass censor suppress crush slaughter execute "
            "abduct kidnap invasion aggression war shelling bombing killing occupation sanction sanctions blow sabotage "
            "hit raid fire assassinate devastate ravage genocide poisoning pressure contain encircle surround blackmail "
            "intimidate strangle cripple repress persecution crime crimes atrocity atrocities exterminate annihilate "
            "bombard missile missiles drone drones airstrike airstrikes harm kidnapping abduction hostility",
    "suffer": "suffer die flee lose starve struggle endure mourn perish survive wound injure victim casualty casualties "
              "refugee hunger famine poverty plight suffering death dead wounded injured hostage displaced loss grieve "
              "hardship destruction ruin homeless orphan tragedy",
    "help": "help protect defend save rescue support aid assist liberate free resist negotiate mediate broker donate "
            "rebuild heal treat shelter uphold champion guard secure stabilize restore welcome praise commend honor "
            "honour assistance protection defence defense relief cooperation cooperate ally allies partner solidarity "
            "humanitarian welcome safety",
    "peace": "peace ceasefire truce negotiation talks dialogue diplomacy diplomatic settlement agreement deal reconcile "
             "mediator mediation",
    "deceive": "lie deceive mislead manipulate fabricate distort twist falsify deny propaganda misinformation "
               "disinformation hoax scam fraud myth lies narrative claim pretend conceal cover hide fake false",
    "plot": "plot conspire scheme orchestrate agenda fund finance control profit bribe embezzle launder elite elites "
            "globalist cabal secret covert behind collude puppet",
    "provoke": "provoke escalate instigate incite wage fuel arm weapon weapons escalation provocation warmonger hawkish "
               "expand expansion",
    "accuse": "accuse blame condemn criticize criticise denounce slam allege accusation blamed responsible guilty charge",
    "tyrant": "regime dictator tyrant despot authoritarian dictatorship autocrat autocracy junta totalitarian repression "
              "crackdown oppressive",
    "corrupt": "corrupt corruption bribe money billion billionaire profit greedy greed rich wealthy enrich oligarch "
               "embezzlement scandal",
    "incompetent": "fail failure incompetent reckless blunder mistake disastrous inept mismanage humiliate humiliating "
                   "unable failed",
    "terror": "terrorist terrorism terror extremist militant mercenary fanatic nazi neo-nazi fascist radical",
    "hero": "hero heroic brave courageous courage bravery defender champion noble honest integrity legitimate democratic "
            "freedom liberty fighter activist resistance dissident opposition",
    "victimn": "civilian civilians innocent poor vulnerable child children woman women family families people residents",
    "bigot": "racist racism bigot antisemitic antisemitism hate discrimination xenophobic homophobic sexist",
    "foreign": "foreign enemy adversary rival threat hostile interference interfere",
    "spy": "spy espionage intelligence agent",
    "betray": "betray traitor treason betrayal disloyal sell",
    "speak": "say tell state warn note stress explain announce add emphasize emphasise insist urge call declare "
             "argue write comment",
}
CUES: dict[str, tuple[str, ...]] = {}
for _cls, _words in CUE_WORDS.items():
    for _w in _words.split():
        CUES[_w] = (*CUES.get(_w, ()), _cls)

# The actor's place towards its governing word: agent, patient, or described by it.
PLACE = {"nsubj": "ag", "csubj": "ag", "by": "ag", "poss": "ag", "nsubjpass": "pat", "dobj": "pat", "pat": "pat",
         "iobj": "pat", "attr": "is", "appos": "is"}
PATIENT_PREPS = {"on", "against", "of", "in", "to", "into", "for"}
MOD_DEPS = {"amod", "appos", "compound", "relcl", "acl", "poss"}
OBJ_DEPS = {"dobj", "attr", "acomp", "xcomp", "ccomp", "prep"}

# War reporting: the camp an actor belongs to, and the camp an article's vocabulary leans to.
RUSSIA_CAMP = re.compile(r"\b(?:Russia|Russian|Russians|Putin|Moscow|Kremlin|Lavrov|Peskov|Shoigu|Medvedev|Wagner|"
                         r"Prigozhin|Belarus|Belarusian|Lukashenko|Soviet|USSR|Kadyrov|Gerasimov|Zakharova|RT|Nebenzia|"
                         r"Donetsk|Luhansk|Lugansk|Gazprom|Rosneft|Sputnik|TASS)\b")
RUSSIA_ALLIES = re.compile(r"\b(?:China|Chinese|Beijing|Xi|Iran|Iranian|Tehran|North Korea|Pyongyang|Syria|Assad|"
                           r"Hamas|Hezbollah)\b")
UKRAINE_CAMP = re.compile(r"\b(?:Ukraine|Ukrainian|Ukrainians|Zelensky|Zelenskyy|Zelenskiy|Kiev|Kyiv|Azov|NATO|Biden|"
                          r"Blinken|Austin|Pentagon|Washington|West|Western|EU|Brussels|US|U\.S|United States|America|"
                          r"American|Americans|Britain|British|UK|U\.K|London|Sunak|Johnson|Macron|Scholz|Stoltenberg|"
                          r"Kuleba|Zaluzhny|Reznikov|Yermak|Podolyak|Europe|European|Poland|Polish|Germany|German|France|"
                          r"French|CIA|Obama|Harris|Nuland|Sullivan|Kirby|G7|Baltic|Lithuania|Latvia|Estonia|Finland|"
                          r"Von der Leyen|Borrell)\b")
LEANS = re.compile(  # wording of the Russian camp (ru) or of its opponents (ua)
    r"\b(?:(?P<ru>Kiev regime|Zelensky regime|Kiev|neo-?Nazis?|Nazis?|special military operation|collective West|"
    r"proxy war|Anglo-Saxons?|Western elites?|globalists?|Russophob\w*|denazification|Banderites?|NATO expansion|"
    r"provocations?|puppet|warmongers?|Donbass|junta|Maidan coup|coup|US-backed|Western sponsors|Kiev authorities|"
    r"militants|mercenaries)|"
    r"(?P<ua>Kyiv|invasion|invaded|invaders?|aggression|aggressor|war crimes?|atrocit\w+|full-scale|occupiers?|"
    r"occupied|dictator|despot|Putin's war|brutal|unprovoked|illegal\w*|Russian forces|liberat\w+|annex\w*|"
    r"Kremlin propaganda|Russian propaganda|terrorist state|deport\w*|Zelenskyy))\b",
    re.IGNORECASE)
LEAN_TOKEN = re.compile(r"(?u)\b\w[\w'-]*\b")  # the article-lean model's words, case kept
WAR_TOPIC = re.compile(r"Ukrain|Russia|Kyiv|Kiev|Putin|Zelensk")

Features = dict[str, float]


@lru_cache(maxsize=1)
def valence() -> dict[str, float]:
    """The VADER lexicon (word -> valence -4..4), or empty when vaderSentiment is not installed."""
    try:
        text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {}
    out: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            try:
                out[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return out


def _add(feats: Features, key: str, value: float) -> None:
    feats[key] = feats.get(key, 0.0) + value


@lru_cache(maxsize=1)
def _hashed_lexicons() -> tuple[dict[int, tuple[str, ...]], dict[int, float], np.ndarray, np.ndarray]:
    """Cue classes and valence keyed by spaCy string hash (and their sorted keys), to read them
    off ``Doc.to_array`` without a Python pass over every token."""
    cues = {hash_string(w): c for w, c in CUES.items()}
    vals = {hash_string(w): v for w, v in valence().items()}
    return cues, vals, np.array(sorted(cues), dtype=np.uint64), np.array(sorted(vals), dtype=np.uint64)


class DocContext:
    """What every entity of one article reads, computed once per article: each token's cue
    classes and valence, their sums per sentence, the war topic and the camp the wording leans to."""

    def __init__(self, doc: Doc) -> None:
        self.text = doc_text(doc)
        self.topic_war = bool(WAR_TOPIC.search(self.text))
        leans = [m.lastgroup for m in LEANS.finditer(self.text)] if self.topic_war else []
        self.stance = (leans.count("ru") - leans.count("ua")) / (len(leans) + 2)
        self.lean: float | None = None  # the learned article lean (RoleModel.article_lean), where known
        self.article: Features = {}  # the article's words as the fine-role model reads them (RoleModel.article_features)
        n = len(doc)
        self.cues: list[tuple[str, ...]] = [()] * n
        self.val: list[float] = [0.0] * n
        self.sent_of: list[int] = []
        self.sent_first: list[int] = []
        self.sent_cues: list[dict[str, float]] = []
        self.sent_val: list[list[float]] = []
        if not n or not doc.has_annotation("SENT_START"):
            return
        cue_of, val_of, cue_keys, val_keys = _hashed_lexicons()
        words = doc.to_array([LOWER, LEMMA])
        lower, lemma = words[:, 0], words[:, 1]
        for i in np.flatnonzero(in_sorted(lemma, cue_keys) | in_sorted(lower, cue_keys)).tolist():
            self.cues[i] = cue_of.get(int(lemma[i])) or cue_of.get(int(lower[i])) or ()
        for i in np.flatnonzero(in_sorted(lower, val_keys) | in_sorted(lemma, val_keys)).tolist():
            self.val[i] = val_of.get(int(lower[i]), val_of.get(int(lemma[i]), 0.0))
        flags = doc.to_array(SENT_START) == 1
        flags[0] = True
        self.sent_of = (np.cumsum(flags) - 1).tolist()
        self.sent_first = np.flatnonzero(flags).tolist()
        self.sent_cues = [{} for _ in self.sent_first]
        self.sent_val = [[0.0, 0.0] for _ in self.sent_first]
        for i, cues in enumerate(self.cues):
            for cue in cues:
                sent = self.sent_cues[self.sent_of[i]]
                sent[cue] = sent.get(cue, 0.0) + 1.0
        for i, v in enumerate(self.val):
            if v:
                self.sent_val[self.sent_of[i]][v < 0] += abs(v)


def article_counts(doc: Doc) -> Counter[str]:
    """The article's lemmas (lower case; no punctuation, spaces or numbers) and their counts."""
    counts: Counter[str] = Counter()
    if not len(doc):
        return counts
    arr = doc.to_array([LEMMA, IS_PUNCT, IS_SPACE, LIKE_NUM])
    hashes, ns = np.unique(arr[(arr[:, 1:] == 0).all(axis=1), 0], return_counts=True)
    strings = doc.vocab.strings
    for h, n in zip(hashes.tolist(), ns.tolist()):
        if h in strings:
            counts[strings[h].lower()] += n
    return counts


def article_features(counts: Counter[str], idf: dict[str, float], alpha: float) -> Features:
    """Sublinear, L2-normalised TF-IDF of the article's lemmas (``alpha`` times), as features."""
    vec = {w: (1.0 + math.log(n)) * idf[w] for w, n in counts.items() if w in idf and n > 0}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {ARTICLE + w: alpha * v / norm for w, v in vec.items()}


def name_features(name: str) -> Features:
    """The words of the actor's name (lower case, two letters or more), an L2-normalised block."""
    words = set(NAME_WORD.findall(name.lower()))
    return {NAME + w: NAME_WEIGHT / math.sqrt(len(words)) for w in words}


def camp(name: str) -> str:
    """The war camp a name belongs to: RU, UA (Ukraine and its backers), RUally, or none."""
    return ("RU" if RUSSIA_CAMP.search(name) else "UA" if UKRAINE_CAMP.search(name)
            else "RUally" if RUSSIA_ALLIES.search(name) else "none")


def lean_features(side: str, lean: float | None) -> Features:
    """How the learned article lean (-1 pro-Ukraine .. 1 pro-Russia) sits with the actor's camp."""
    if lean is None or side not in ("RU", "UA"):
        return {}
    return {"aligned_learned": lean if side == "RU" else -lean}


def _camp_features(name: str, context: DocContext, feats: Features) -> None:
    camp_ = camp(name)
    feats.update(lean_features(camp_, context.lean))
    stance = context.stance
    lean = "proRU" if stance > 0.1 else "proUA" if stance < -0.1 else "neutral"
    feats[f"camp={camp_}|{lean}"] = 1.0
    feats[f"camp={camp_}"] = 1.0
    if camp_ != "none":  # > 0 when the article's wording leans to the actor's own camp
        feats["aligned" if camp_ != "RUally" else "aligned_ally"] = stance if camp_ != "UA" else -stance
    feats["topic=war" if context.topic_war else "topic=other"] = 1.0


def _governor(root: Token) -> tuple[str, Token]:
    """(relation, governing token) of a mention root, seen through conjunction and prepositions."""
    if root.dep_ == "conj" and root.head is not root:
        root = root.head
    head, dep = root.head, root.dep_
    if dep == "pobj" and head.dep_ in ("prep", "agent"):
        prep = head.lower_
        dep, head = ("by" if prep == "by" else "pat" if prep in PATIENT_PREPS else prep), head.head
    return dep, head


def _mention_features(doc: Doc, ctx: DocContext, start: int, end: int, weight: float, feats: Features) -> None:
    """Syntax, cue-class, valence and quotation cues of one mention, added to ``feats`` with ``weight``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or not ctx.sent_of:
        return
    s, e, root = span.start, span.end, span.root
    cues, val = ctx.cues, ctx.val
    _add(feats, f"ner={root.ent_type_ or root.pos_}", weight * 0.5)
    if root.lower_ in PLURAL_GROUPS or (root.tag_ == "NNS" and not root.ent_type_):
        _add(feats, "group", weight)
    # the sentence: valence and cue classes around the (masked) mention
    sid = ctx.sent_of[root.i]
    in_sent = [i for i in range(s, e) if ctx.sent_of[i] == sid]
    sent_cues = dict(ctx.sent_cues[sid])
    pos_val, neg_val = ctx.sent_val[sid]
    for i in in_sent:
        for cue in cues[i]:
            sent_cues[cue] -= 1.0
        if val[i] > 0:
            pos_val -= val[i]
        elif val[i] < 0:
            neg_val += val[i]
    for cue, n in sent_cues.items():
        if n > 0:
            _add(feats, f"sc={cue}", weight * n)
    _add(feats, "val+", weight * math.log1p(max(0.0, pos_val)))
    _add(feats, "val-", weight * math.log1p(max(0.0, neg_val)))
    before = ctx.text[doc[ctx.sent_first[sid]].idx:start]
    if (sum(before.count(q) for q in QUOTE_OPEN) - before.count("\u201d")) % 2:
        _add(feats, "inquote", weight)
    # what the mention does or undergoes
    dep, head = _governor(root)
    place = PLACE.get(dep)
    if place and any(c.dep_ == "neg" for c in head.children):  # "did not attack": the cue does not hold
        place = "neg" + place
    if head is not root and not (s <= head.i < e):
        lemma = head.lemma_.lower()
        _add(feats, f"dep={dep}:{lemma}", weight)
        _add(feats, f"head={lemma}", weight)
        _add(feats, f"dep={dep}", weight)
        if v := val[head.i]:
            _add(feats, f"headval:{dep}", weight * v / 2)
        if place:
            for cue in cues[head.i]:
                _add(feats, f"{place}:{cue}", weight)
        for obj in head.children:  # what the actor does it to: "X killed civilians"
            if obj.dep_ not in OBJ_DEPS or s <= obj.i < e:
                continue
            if dep in ("nsubj", "nsubjpass") and obj.dep_ != "prep":
                _add(feats, f"obj={obj.lemma_.lower()}", weight)
                if ov := val[obj.i]:
                    _add(feats, f"objval:{dep}", weight * ov / 2)
            if place == "ag":
                for cue in cues[obj.i]:
                    _add(feats, f"agobj:{cue}", weight)
                for grand in obj.children:
                    for cue in cues[grand.i]:
                        _add(feats, f"agobj:{cue}", weight * 0.5)
        if dep == "nsubj" and head.lemma_ == "be":  # "X is a dictator"
            for attr in head.children:
                if attr.dep_ in ("attr", "acomp"):
                    for cue in cues[attr.i]:
                        _add(feats, f"is:{cue}", weight)
    for child in root.children:
        if child.dep_ not in MOD_DEPS or s <= child.i < e:
            continue
        _add(feats, f"mod={child.lemma_.lower()}", weight)
        passive = child.dep_ == "acl" and child.tag_ == "VBN"  # "children abducted ...": the actor undergoes it
        for cue in cues[child.i]:
            _add(feats, f"mod:{cue}", weight)
            if passive:
                _add(feats, f"pat:{cue}", weight)
        for tok in child.subtree:
            if tok is not child:
                for cue in cues[tok.i]:
                    _add(feats, f"modt:{cue}", weight * 0.5)


def features(doc: Doc, spans: Iterable[tuple[int, int]], primary: tuple[int, int] | None = None,
             context: DocContext | None = None) -> Features:
    """Features of an entity from its mentions: ``primary`` (the framed mention, else the first)
    counts fully, the others with ``OTHER_WEIGHT``; ``context`` is the article's ``DocContext``
    (built here when not given: pass it when framing several entities of one article)."""
    spans = list(spans)
    if not spans or not len(doc):
        return {}
    ctx = context or DocContext(doc)
    primary = primary or spans[0]
    feats: Features = {}
    _mention_features(doc, ctx, *primary, 1.0, feats)
    for start, end in [sp for sp in spans if sp != primary][: MAX_MENTIONS - 1]:
        _mention_features(doc, ctx, start, end, OTHER_WEIGHT, feats)
    if not feats:
        return {}
    feats["mentions"] = math.log1p(len(spans))
    name = ctx.text[primary[0]:primary[1]]
    _camp_features(name, ctx, feats)
    feats.update(name_features(name))
    return feats


def salience(doc: Doc, spans: list[tuple[int, int]], feats: Features) -> Features:
    """The role features plus how prominent the entity is (how often, how early, in the title):
    what the gate reads to tell the story's actors from the entities merely mentioned."""
    text = doc_text(doc)
    first = min(start for start, _ in spans)
    title_end = text.find("\n")
    return {**feats, "n_mentions": math.log1p(len(spans)), "early": 1.0 - first / max(1, len(text)),
            "in_title": 1.0 if 0 <= first < title_end else 0.0}


class RoleModel:
    """Linear scores from feature dicts: a softmax over main roles and one over fine roles."""

    def __init__(self, data: dict) -> None:
        self.main_classes: list[str] = data["main"]["classes"]
        self.fine_classes: list[str] = data["fine"]["classes"]
        parents: dict[str, str] = data["fine"]["parents"]
        names = sorted(set(data["main"]["weights"]) | set(data["fine"]["weights"]))
        self.index = {name: i for i, name in enumerate(names)}
        k = len(self.main_classes)
        main_w, fine_w = data["main"]["weights"], data["fine"]["weights"]
        zero_main, zero_fine = [0.0] * k, [0.0] * len(self.fine_classes)
        # one matrix, main-role columns first, so a batch of mentions costs one gather and one sum
        self.weights = np.array([main_w.get(n, zero_main) + fine_w.get(n, zero_fine) for n in names],
                                dtype=float).reshape(len(names), k + len(self.fine_classes))
        self.bias = np.array(data["main"]["bias"] + data["fine"]["bias"], dtype=float)
        self.n_main = k
        self.under = {m: [j for j, c in enumerate(self.fine_classes) if parents.get(c) == m] for m in self.main_classes}
        gate = data.get("gate") or {"bias": 0.0, "weights": {}, "threshold": 0.0}
        self.gate_index = {name: i for i, name in enumerate(sorted(gate["weights"]))}
        self.gate_w = np.array([gate["weights"][n] for n in sorted(gate["weights"])], dtype=float)
        self.gate_bias = float(gate["bias"])
        self.gate_threshold = float(gate["threshold"])
        article = data["fine"].get("article") or {"idf": {}, "alpha": 0.0}
        self.article_idf: dict[str, float] = article["idf"]
        self.article_alpha = float(article["alpha"])
        lean = data.get("lean") or {"bias": 0.0, "idf": {}, "weights": {}}
        self.lean_bias = float(lean["bias"])
        self.lean_idf: dict[str, float] = lean["idf"]
        self.lean_w: dict[str, float] = lean["weights"]

    def article_lean(self, text: str) -> float | None:
        """Which camp a war article's vocabulary takes, -1 (Ukraine's) .. 1 (Russia's): a logistic
        model over TF-IDF words (as scikit-learn's sublinear, L2-normalised TfidfVectorizer)."""
        if not self.lean_idf:
            return None
        counts = Counter(t for t in LEAN_TOKEN.findall(text) if t in self.lean_idf)
        vec = {t: (1.0 + math.log(n)) * self.lean_idf[t] for t, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        z = self.lean_bias + sum(self.lean_w.get(t, 0.0) * v / norm for t, v in vec.items())
        return 2.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - 1.0

    def article_features(self, doc: Doc) -> Features:
        """The article's words as the fine-role model reads them (none without that block)."""
        if not self.article_idf:
            return {}
        return article_features(article_counts(doc), self.article_idf, self.article_alpha)

    def framed_probs(self, batch: list[Features]) -> list[float]:
        """Probability that each entity (``salience`` features) is cast in a role at all: the
        SemEval annotators framed the story's actors, not every name in it. 1.0 without a gate."""
        if not self.gate_index:
            return [1.0] * len(batch)
        out = []
        for feats in batch:
            known = [(self.gate_index[k], v) for k, v in feats.items() if k in self.gate_index]
            norm = math.sqrt(sum(v * v for _, v in known)) or 1.0
            z = self.gate_bias + sum(self.gate_w[i] * v / norm for i, v in known)
            out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
        return out

    def scores(self, batch: list[Features], shared: Features | None = None) -> np.ndarray:
        """Linear scores (rows: feature dicts; columns: main roles, then fine roles). Each dict
        is L2-scaled over the features the model knows, as in training; the fine-role model's own
        blocks (article and name words) come already scaled. ``shared``: such a block every row
        has (the article's words, ``DocContext.article``), scored once."""
        rows, cols, vals = [], [], []
        for r, feats in enumerate(batch):
            known = [(self.index[k], v, k.startswith(FINE_ONLY)) for k, v in feats.items() if k in self.index]
            norm = math.sqrt(sum(v * v for _, v, art in known if not art)) or 1.0
            rows.extend([r] * len(known))
            cols.extend(i for i, _, _ in known)
            vals.extend(v if art else v / norm for _, v, art in known)
        out = np.tile(self.bias, (len(batch), 1))
        common = [(self.index[k], v) for k, v in (shared or {}).items() if k in self.index]
        if common:
            out += self.weights[[i for i, _ in common]].T @ np.array([v for _, v in common])
        if cols:
            np.add.at(out, np.array(rows), self.weights[cols] * np.array(vals)[:, None])
        return out

    @staticmethod
    def _softmax(scores: np.ndarray) -> np.ndarray:
        exps = np.exp(scores - scores.max(axis=-1, keepdims=True))
        return exps / exps.sum(axis=-1, keepdims=True)

    def main_probs(self, feats: Features) -> dict[str, float]:
        """Softmax over main roles."""
        return dict(zip(self.main_classes, self._softmax(self.scores([feats])[0, : self.n_main]).tolist()))

    def fine_probs(self, feats: Features) -> dict[str, float]:
        """Softmax over fine roles."""
        return dict(zip(self.fine_classes, self._softmax(self.scores([feats])[0, self.n_main:]).tolist()))

    def predict_many(self, batch: list[Features], shared: Features | None = None
                     ) -> list[tuple[str, list[str], float]]:
        """(main role, the most likely fine role under it, main-role probability) per feature dict
        (``shared``: as in ``scores``)."""
        if not batch:
            return []
        scores = self.scores(batch, shared)
        probs = self._softmax(scores[:, : self.n_main])
        out = []
        for row, p in zip(scores[:, self.n_main:].tolist(), probs.tolist()):
            best = max(range(self.n_main), key=p.__getitem__)
            main = self.main_classes[best]
            under = self.under[main]
            fine = [self.fine_classes[max(under, key=row.__getitem__)]] if under else []
            out.append((main, fine, p[best]))
        return out

    def predict(self, feats: Features, shared: Features | None = None) -> tuple[str, list[str], float]:
        """(main role, the most likely fine role under it, main-role probability)."""
        return self.predict_many([feats], shared)[0]


def model_path() -> Path:
    return Path(str(resources.files("newsgraph.data").joinpath("models").joinpath(MODEL_FILE)))


@lru_cache(maxsize=1)
def load_model() -> RoleModel | None:
    """The shipped model, read once per process; None when it was never trained."""
    path = model_path()
    if not path.is_file():
        return None
    try:
        return RoleModel(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, KeyError):
        return None


def _frame(doc: Doc, start: int, end: int, prediction: tuple[str, list[str], float]) -> RoleFrame:
    main, fine, conf = prediction
    return RoleFrame(main=main, fine=fine, confidence=round(conf, 3), mention=text_span(doc, start, end),  # type: ignore[arg-type]
                     sentence=sentence_evidence(doc, start))


def _context(doc: Doc, model: RoleModel) -> DocContext:
    context = DocContext(doc)
    if context.topic_war:
        context.lean = model.article_lean(context.text)
    context.article = model.article_features(doc)
    return context


def predict_role(doc: Doc, start: int, end: int, others: Iterable[tuple[int, int]] = (),
                 context: DocContext | None = None) -> RoleFrame | None:
    """The role of the entity mentioned at [start, end) (other mentions of it add context)."""
    model = load_model()
    if model is None or not len(doc) or not doc.has_annotation("DEP"):
        return None
    context = context or _context(doc, model)
    feats = features(doc, [(start, end), *others], primary=(start, end), context=context)
    return _frame(doc, start, end, model.predict(feats, context.article)) if feats else None


def assign_roles(doc: Doc, entities: list[Entity] | None = None) -> list[Entity]:
    """Set ``roles`` on the actor entities (people, organisations, places, groups) the gate finds
    cast in the story, read at the first mention with the others as context; returns the entities."""
    entities = list(entities if entities is not None else doc._.entities or ())
    model = load_model()
    if model is None or not len(doc) or not doc.has_annotation("DEP"):
        return entities
    context = _context(doc, model)
    framed, batch = [], []
    for ent in entities:
        if ent.type not in FRAMED_TYPES or not ent.mentions:
            continue
        spans = [(m.start, m.end) for m in ent.mentions]
        if feats := features(doc, spans, primary=spans[0], context=context):
            framed.append(ent)
            batch.append(feats)
    keep = [p >= model.gate_threshold for p in
            model.framed_probs([salience(doc, [(m.start, m.end) for m in e.mentions], f) for e, f in zip(framed, batch)])]
    framed = [e for e, k in zip(framed, keep) if k]
    batch = [f for f, k in zip(batch, keep) if k]
    for ent, prediction in zip(framed, model.predict_many(batch, context.article)):
        first = ent.mentions[0]
        ent.roles = [_frame(doc, first.start, first.end, prediction)]
    return entities
