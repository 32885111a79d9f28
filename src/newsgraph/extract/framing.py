"""Framing: loaded and labelling language, tagged with its persuasion technique and whose words it is.

The phrases live in ``data/framing_lexicon.yaml`` grouped by SemEval-2023 Task 3 technique. What
matters for a reader is who frames: the speaker of the quote a phrase sits in, the (often unnamed)
accusers of a reported accusation ("has been accused of repeating Kremlin narratives"), or else
the article's author. On request (``config={"roles": True}`` or ``NEWSGRAPH_ROLES=1``) the
component also casts each actor entity in its story role (protagonist, antagonist or innocent,
``extract.roles``), which fills ``Entity.roles``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

import yaml
from spacy.language import Language
from spacy.tokens import Doc

from ..model import Framing, Speaker
from .common import doc_text, gate_text, required_text, sentence_evidence
from .roles import assign_roles

AUTHOR = "(article author)"
UNNAMED_ACCUSERS = "(unnamed accusers)"
ACCUSED = re.compile(r"\b(?:has|have|had|was|were|is|are|been|being)\b[\w\s]{0,30}?\baccused of\b", re.IGNORECASE)
ACCUSER = re.compile(r"\b([A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*) (?:has |have |had )?accused \w+ of\b")


@lru_cache(maxsize=1)
def load_lexicon() -> list[tuple[str, re.Pattern[str], str]]:
    """(technique, compiled pattern, gate) triples; patterns naming a capital are case-sensitive.
    The gate is text every match contains (lower-cased for case-insensitive patterns), or ''."""
    raw = yaml.safe_load(resources.files("newsgraph.data").joinpath("framing_lexicon.yaml").read_text("utf-8"))
    out = []
    for technique, patterns in raw.items():
        for p in patterns:
            flags = 0 if "[A-Z]" in p else re.IGNORECASE
            gate = required_text(p)
            out.append((technique, re.compile(r"\b(?:" + p + r")\b", flags), gate.lower() if flags else gate))
    return out


def _speaker(doc: Doc, start: int, end: int) -> tuple[Speaker, float]:
    for q in doc._.quotes or ():
        if q.start <= start and end <= q.end:
            return Speaker(entity=q.speaker.entity, name=q.speaker.name, text=q.speaker.text,
                           start=q.speaker.start, end=q.speaker.end), 0.75
    sent = sentence_evidence(doc, start)
    before = doc_text(doc)[sent.start if sent else 0:start]
    if ACCUSED.search(before):
        return Speaker(name=UNNAMED_ACCUSERS), 0.6
    if m := ACCUSER.search(before):
        return Speaker(name=m.group(1), text=m.group(1), start=(sent.start if sent else 0) + m.start(1),
                       end=(sent.start if sent else 0) + m.end(1)), 0.6
    return Speaker(name=AUTHOR), 0.55


def extract_framing(doc: Doc) -> list[Framing]:
    """Every lexicon phrase, longest first where they overlap, with its technique and speaker."""
    if not doc_text(doc):
        return []
    text = doc_text(doc)
    lowered = gate_text(text)
    hits: list[tuple[int, int, str]] = []
    for technique, pattern, gate in load_lexicon():
        if gate and lowered is not None and gate not in (lowered if pattern.flags & re.IGNORECASE else text):
            continue  # a plain substring test rules the pattern out (one regex scan costs ~30x more)
        hits.extend((m.start(), m.end(), technique) for m in pattern.finditer(text))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[Framing] = []
    last_end = -1
    for start, end, technique in hits:
        if start < last_end:
            continue
        last_end = end
        speaker, confidence = _speaker(doc, start, end)
        out.append(Framing(start=start, end=end, text=doc_text(doc)[start:end], technique=technique, speaker=speaker,
                           sentence=sentence_evidence(doc, start), confidence=confidence))
    return out


ROLES_ENV = "NEWSGRAPH_ROLES"


def roles_wanted(roles: bool | None) -> bool:
    """Entity roles are opt-in: the model, trained on SemEval-2025 T10's war and climate articles
    (70% antagonists, many partisan outlets), beats the majority class (0.80 vs 0.70 main-role
    accuracy, 5-fold) but is confidently wrong on plain wire reports, where it would mislead a
    reader more than it helps. ``roles=None`` reads ``$NEWSGRAPH_ROLES`` (1/true/yes)."""
    if roles is not None:
        return roles
    return os.environ.get(ROLES_ENV, "").strip().lower() in {"1", "true", "yes"}


@Language.factory("newsgraph_framing", assigns=["doc._.framing"], default_config={"roles": None})
def framing_component(nlp: Language, name: str, roles: bool | None) -> Callable[[Doc], Doc]:
    """Loaded language on every article; entity roles too when asked for (``config={"roles": True}``)."""
    with_roles = roles_wanted(roles)

    def annotate(doc: Doc) -> Doc:
        doc._.framing = extract_framing(doc)
        if with_roles:
            assign_roles(doc)
        return doc

    return annotate
