"""Entity role framing: is an actor cast as protagonist, antagonist or innocent, and how?

SemEval-2025 Task 10 (subtask 1) labels a named entity's role in a news story with a main role
(Protagonist / Antagonist / Innocent) and one or more fine roles under it (Guardian, Tyrant,
Victim ...). We read the role off the words around the entity's mentions, with the entity itself
masked so the model learns how actors are *described*, not who they are: the lemmas near each
mention, the verb it is subject or object of, its modifiers, and the VADER valence of all of
these. A linear model (trained by ``scripts/train_roles.py``, shipped as compact JSON weights in
``data/models/roles.json``) scores them; without the file, roles are simply not filled.

Not part of the default pipeline: in 5-fold cross-validation on the SemEval English train set
(``newsgraph evaluate framing``) it reaches main-role accuracy 0.698 against 0.695 for always
answering "Antagonist", so its output would mislead more than inform. It stays opt-in
(``assign_roles(doc)`` after the pipeline) and measured, until a stronger model beats the baseline.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Token

from ..model import Entity, RoleFrame
from .common import doc_text, text_span

MAIN_ROLES = ("Protagonist", "Antagonist", "Innocent")
WINDOW = 8  # tokens either side of a mention, inside its sentence
MAX_MENTIONS = 6  # mentions read per entity (the first ones: where an actor is introduced)
FRAMED_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
MODEL_FILE = "roles.json"
SKIP_POS = {"PUNCT", "SPACE", "DET", "NUM", "SYM", "X", "CCONJ", "PART"}

# plural common nouns for people are the usual innocents ("civilians", "refugees")
PLURAL_GROUPS = {"civilians", "people", "children", "residents", "refugees", "citizens", "families", "victims",
                 "workers", "farmers", "women", "soldiers", "prisoners", "migrants", "villagers", "patients"}

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


def _val(tok: Token) -> float:
    lex = valence()
    return lex.get(tok.lower_, lex.get(tok.lemma_.lower(), 0.0))


def _add(feats: Features, key: str, value: float) -> None:
    feats[key] = feats.get(key, 0.0) + value


def _mention_root(doc: Doc, start: int, end: int) -> tuple[int, int, Token] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.start, span.end, span.root


def _mention_features(doc: Doc, start: int, end: int, weight: float, feats: Features) -> None:
    """Window, syntax and valence cues of one mention, added to ``feats`` with ``weight``."""
    found = _mention_root(doc, start, end)
    if found is None:
        return
    s, e, root = found
    sent = root.sent
    _add(feats, f"ner={root.ent_type_ or root.pos_}", weight * 0.5)
    if root.lower_ in PLURAL_GROUPS or (root.tag_ == "NNS" and not root.ent_type_):
        _add(feats, "group", weight)
    lo, hi = max(sent.start, s - WINDOW), min(sent.end, e + WINDOW)
    pos_val = neg_val = 0.0
    for tok in doc[lo:hi]:
        if s <= tok.i < e or tok.pos_ in SKIP_POS:
            continue
        side = "L" if tok.i < s else "R"
        lemma = tok.lemma_.lower()
        _add(feats, f"w={lemma}", weight)
        _add(feats, f"{side}={lemma}", weight * 0.5)
        v = _val(tok)
        if v > 0:
            pos_val += v
        elif v < 0:
            neg_val -= v
    _add(feats, "val+", weight * math.log1p(pos_val))
    _add(feats, "val-", weight * math.log1p(neg_val))
    # syntax: what the mention does or undergoes
    head, dep = root.head, root.dep_
    if dep == "pobj" and head.dep_ in ("prep", "agent"):
        dep, head = f"{head.lower_}", head.head
    if head is not root:
        lemma = head.lemma_.lower()
        _add(feats, f"dep={dep}:{lemma}", weight)
        _add(feats, f"head={lemma}", weight)
        _add(feats, f"dep={dep}", weight * 0.5)
        v = _val(head)
        if v:
            _add(feats, f"headval:{dep}", weight * v / 2)
        if dep in ("nsubj", "nsubjpass"):  # what the subject does it to: "X killed civilians"
            for obj in head.children:
                if obj.dep_ in ("dobj", "attr", "acomp"):
                    _add(feats, f"obj={obj.lemma_.lower()}", weight)
                    if (ov := _val(obj)) != 0:
                        _add(feats, f"objval:{dep}", weight * ov / 2)
    for child in root.children:
        if child.dep_ in ("amod", "appos", "compound", "relcl", "acl") and not (s <= child.i < e):
            _add(feats, f"mod={child.lemma_.lower()}", weight)
            if (v := _val(child)) != 0:
                _add(feats, "modval", weight * v / 2)
    first_break = doc_text(doc).find("\n")
    if sent.start == 0 or root.idx < first_break:
        _add(feats, "title", weight)


def features(doc: Doc, spans: Iterable[tuple[int, int]], primary: tuple[int, int] | None = None) -> Features:
    """Features of an entity from its mentions; ``primary`` (the framed mention) weighs double."""
    feats: Features = {}
    n = 0
    for start, end in spans:
        if n >= MAX_MENTIONS:
            break
        _mention_features(doc, start, end, 2.0 if (start, end) == primary else 1.0, feats)
        n += 1
    if n:
        feats["mentions"] = math.log1p(n)
    return feats


class RoleModel:
    """Linear scores from feature dicts: one softmax over main roles, one sigmoid per fine role."""

    def __init__(self, data: dict) -> None:
        self.main_classes: list[str] = data["main"]["classes"]
        self.main_bias: list[float] = data["main"]["bias"]
        self.main_w: dict[str, list[float]] = data["main"]["weights"]
        self.fine: dict[str, dict] = data["fine"]  # name -> {parent, bias, weights, threshold}
        self.scale: dict[str, float] = data.get("scale", {})

    def _scaled(self, feats: Features) -> Features:
        norm = math.sqrt(sum(v * v for v in feats.values())) or 1.0
        return {k: v / norm for k, v in feats.items()}

    def main_probs(self, x: Features) -> dict[str, float]:
        """Softmax over main roles of scaled features."""
        scores = list(self.main_bias)
        for k, v in x.items():
            for i, w in enumerate(self.main_w.get(k, ())):
                scores[i] += w * v
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.main_classes, exps)}

    def fine_probs(self, x: Features, main: str | None = None) -> dict[str, float]:
        """Sigmoid of each fine role (only those under ``main`` when given) of scaled features."""
        out = {}
        for name, m in self.fine.items():
            if main is not None and m["parent"] != main:
                continue
            z = m["bias"] + sum(m["weights"].get(k, 0.0) * v for k, v in x.items())
            out[name] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        return out

    def predict(self, feats: Features) -> tuple[str, list[str], float]:
        """(main role, fine roles under it, main-role probability)."""
        x = self._scaled(feats)
        probs = self.main_probs(x)
        main = max(probs, key=probs.__getitem__)
        under = self.fine_probs(x, main)
        chosen = [n for n, p in under.items() if p >= self.fine[n]["threshold"]]
        if not chosen and under:
            chosen = [max(under, key=under.__getitem__)]
        chosen.sort(key=lambda n: -under[n])
        return main, chosen[:2], probs[main]


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


def predict_role(doc: Doc, start: int, end: int, others: Iterable[tuple[int, int]] = ()) -> RoleFrame | None:
    """The role of the entity mentioned at [start, end) (other mentions of it add context)."""
    model = load_model()
    if model is None or not len(doc) or not doc.has_annotation("DEP"):
        return None
    spans = [(start, end), *[s for s in others if s != (start, end)]]
    feats = features(doc, spans, primary=(start, end))
    if not feats:
        return None
    main, fine, conf = model.predict(feats)
    return RoleFrame(main=main, fine=fine, confidence=round(conf, 3), mention=text_span(doc, start, end))  # type: ignore[arg-type]


def assign_roles(doc: Doc, entities: list[Entity] | None = None) -> list[Entity]:
    """Set ``roles`` on each actor entity (people, organisations, places, groups); returns them."""
    entities = list(entities if entities is not None else doc._.entities or ())
    model = load_model()
    if model is None or not len(doc) or not doc.has_annotation("DEP"):
        return entities
    for ent in entities:
        if ent.type not in FRAMED_TYPES or not ent.mentions:
            continue
        first = ent.mentions[0]
        frame = predict_role(doc, first.start, first.end, [(m.start, m.end) for m in ent.mentions[1:]])
        if frame is not None:
            ent.roles = [frame]
    return entities
