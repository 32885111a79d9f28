"""Attribution relations (source, cue, content) read off the parse by a small learned model.

Why a model: news attributes far more than speech. PolNeAR (Newell et al., LREC 2018) marks
beliefs, intentions, findings, "according to", nominal cues ("his statement") and colons in
headlines; a hand list of reporting verbs finds about a third of them. Three logistic
regressions over parse features, trained on PolNeAR train by ``scripts/train_attribution.py``
and shipped as one JSON file of feature weights, do the recall work at a few microseconds
per token:

- cue: is this token the head of a cue? Only tokens whose lemma was seen as a cue head in
  training are scored, so the cost is one set lookup for every other token;
- source / content: for each cue, every token of its sentence is scored as the head of the
  source and of the content by the dependency path to the cue and the word's own tags; the
  best one over a threshold wins.

Spans follow PolNeAR's conventions: source and content are the subtree of their head (minus
the cue and, for content, the source), cut to the contiguous stretch around the head (a content
interrupted by its cue, "[X], he said, [Y]", keeps its far part as ``rest``); a cue is
its head plus the auxiliaries, negation, particles and adverbs that training cues include.
Annotation is univocal (a word has one role in one attribution), so a cue inside an outer
attribution's content or source is not reported: outer cues are decided first.
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, IDX, LEMMA
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from .common import in_sorted

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "models" / "attribution" / "model.json"
SOURCE_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X", "DET", "ADJ", "SYM"})
_MARKS = frozenset('"“”„«»‘’\'`')
_MARK_RE = re.compile("[" + re.escape("".join(sorted(_MARKS))) + "]")
_MAX_PATH = 4
# dependencies whose words are (almost) never a cue head in PolNeAR train (5 of 7,418 "aux"
# and "auxpass" tokens of lexicon lemmas): skipped before scoring
NOT_CUE_DEPS = frozenset({"aux", "auxpass", "poss", "nmod", "mark", "prt", "case", "intj", "nummod", "dative", "quantmod", "predet", "meta"})
_NOT_CUE_IDS = np.array(sorted(get_string_id(d) for d in NOT_CUE_DEPS), dtype=np.uint64)
_ZEROS = repeat(0.0)  # the default for every missing feature weight, for map(dict.get, ...)
_OPENING = {")": "(", "]": "["}
_CLOSING = frozenset(_OPENING)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})  # a cue's children that say who speaks
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "prep", "dobj", "mark", "advmod", "aux", "neg"})  # children keyed by lemma
_NL_POS = frozenset({"PRON", "DET", "ADP", "SCONJ", "PART"})  # candidates whose word, not POS, is a feature
_LINKING_POS = frozenset({"SCONJ", "ADP", "CCONJ", "PART", "DET"})
log = logging.getLogger(__name__)

TokRange = tuple[int, int]  # token indices [start, end)


@dataclass
class Attribution:
    """One attribution relation as token ranges into the doc."""

    cue: TokRange
    cue_head: int
    source: TokRange | None
    source_head: int | None
    content: TokRange | None
    score: float
    rest: TokRange | None = None  # the content's other part, across a parenthetical cue


# --- features (shared by training and prediction) -------------------------------------------


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def cue_features(tok: Token, quoted: bool, headline: bool = False, marks: set[int] | None = None) -> list[str]:
    """Features of a candidate cue head; ``headline``: it lies in the doc's first sentence,
    where titles state claims in the present tense ("Obama Sees 'Personal Insult' …");
    ``marks``: the doc's ``mark_tokens`` when the caller has them (else read off the tokens)."""
    lem, pos, dep, tag = _lemma(tok), tok.pos_, tok.dep_, tok.tag_
    lp = lem + "|"
    head = tok.head
    hl = _lemma(head)
    f = ["b", "l=" + lem, "p=" + pos, "d=" + dep, "t=" + tag, "ld=" + lp + dep, "lp=" + lp + pos,
         "hd=" + head.pos_ + "|" + dep, "hl=" + hl + "|" + dep, "lhl=" + lp + hl, "lt=" + lp + tag]
    subject = False
    for c in tok.children:
        cd = c.dep_
        f.append("c=" + cd)
        f.append("lc=" + lp + cd)
        if cd == "ccomp":  # "said that …", "asked whether …"
            mark = next((g.lower_ for g in c.children if g.dep_ == "mark"), "-")
            f.append("lcm=" + lp + mark)
        if cd in _SUBJECT_DEPS:
            subject = True
            kind = c.lower_ if c.pos_ == "PRON" else c.pos_ + "|" + (c.ent_type_ or "-")
            f.append("sp=" + kind)
            f.append("lsp=" + lp + kind)
        elif cd in _CLAUSE_DEPS:
            cl = cd + "|" + _lemma(c)
            f.append("cl=" + cl)
            f.append("lcl=" + lp + cl)
    if not subject:  # a conjunct or participle sharing its subject ("…, adding that …")
        f.append("ns=" + dep)
        f.append("lns=" + lem)
    doc = tok.doc
    i = tok.i
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else "</s>"
    prv = doc[i - 1].lower_ if i > 0 else "<s>"
    f.append("n=" + nxt)
    f.append("v=" + prv)
    f.append("ln=" + lp + nxt)
    f.append("lv=" + lp + prv)
    if quoted:
        f.append("inq")
        f.append("linq=" + lem)
    if headline:
        f.append("s0")
        f.append("ls0=" + lem)
    lo, hi = max(0, i - 3), min(len(doc), i + 4)
    if marks is None:
        marks = {j for j in range(lo, hi) if doc[j].text[:1] in _MARKS}
    if any(j in marks for j in range(lo, i)):
        f.append("qL")
        f.append("lqL=" + lem)
    if any(j in marks for j in range(i + 1, hi)):
        f.append("qR")
    return f


def mark_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens that start with a quote mark, found by one regex over the text."""
    starts = [m.start() for m in _MARK_RE.finditer(doc.text)]
    if not starts:
        return set()
    idx = doc.to_array(IDX)
    pos = np.searchsorted(idx, starts)
    ok = pos < len(idx)
    pos, chars = pos[ok], np.asarray(starts)[ok]
    return set(pos[idx[pos] == chars].tolist())


def first_sentence_end(doc: Doc) -> int:
    """The token index where the doc's first sentence (often its headline) ends."""
    if not len(doc) or not doc.has_annotation("SENT_START"):
        return 0
    return next(iter(doc.sents)).end


def neighbours(cue: Token) -> list[tuple[Token, str]]:
    """Every token within ``_MAX_PATH`` dependency steps of ``cue``, with the path: up to the
    common ancestor ("^dep" per step) and down from it ("vdep" per step)."""
    out: list[tuple[Token, str]] = []
    up: list[str] = []
    node, came_from = cue, -1
    while True:
        if up:
            out.append((node, "/".join(up)))
        if len(up) < _MAX_PATH:
            stack = [(c, up + ["v" + c.dep_]) for c in node.children if c.i != came_from]
            while stack:
                tok, path = stack.pop()
                out.append((tok, "/".join(path)))
                if len(path) < _MAX_PATH:
                    stack.extend((c, path + ["v" + c.dep_]) for c in tok.children)
        if node.head.i == node.i or len(up) >= _MAX_PATH:
            return out
        up = up + ["^" + node.dep_]
        node, came_from = node.head, node.i


def cue_prefixes(cue: Token) -> tuple[str, str, str, str]:
    """The cue's part of its pair features, built once per cue: the lemma- and POS-keyed prefixes."""
    lem = _lemma(cue)
    return "lpa=" + lem + "|", "cpa=" + cue.pos_ + "|", "ldi=" + lem + "|", "lh=" + lem + "|"


def pair_features(cue: Token, cand: Token, path: str, prefixes: tuple[str, str, str, str] | None = None) -> list[str]:
    """Features of ``cand`` (reached from ``cue`` by ``path``) as the head of the source or
    content of ``cue``; ``prefixes``: ``cue_prefixes(cue)`` when the caller has them."""
    lpa, cpa, ldi, lh = prefixes or cue_prefixes(cue)
    d = cand.i - cue.i
    ad = abs(d)
    dist = ("L" if d < 0 else "R") + ("1" if ad == 1 else "2" if ad <= 3 else "3" if ad <= 8 else "4")
    pos, dep = cand.pos_, cand.dep_
    return [
        "b",
        "pa=" + path,
        lpa + path,
        cpa + path,
        "npa=" + pos + "|" + path,
        "np=" + pos,
        "nt=" + cand.tag_,
        "nd=" + dep,
        "ne=" + (cand.ent_type_ or "-"),
        "di=" + dist,
        ldi + dist,
        "nl=" + (cand.lower_ if pos in _NL_POS else pos),
        lh + dep + "|" + cand.head.lower_,  # "called [for] X", "accused Y [of] X"
    ]


# --- the model --------------------------------------------------------------------------------


@dataclass
class Model:
    """Weights per part, the cue-head lexicon, the cue-extension table and the thresholds."""

    weights: dict[str, dict[str, float]]
    lexicon: frozenset[str]
    extend: dict[str, bool]
    widen: dict[str, bool]
    keep: dict[str, bool]
    thresholds: dict[str, float]

    def __post_init__(self) -> None:
        # lemma hashes of the lexicon, cased as spaCy writes them, for a vectorized first pass
        forms = {f for lem in self.lexicon for f in (lem, lem.capitalize(), lem.upper())}
        self.lexicon_ids = np.array(sorted(get_string_id(f) for f in forms), dtype=np.uint64)

    def prob(self, part: str, feats: list[str]) -> float:
        z = sum(map(self.weights[part].get, feats, _ZEROS))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict:
        return {
            "weights": self.weights,
            "lexicon": sorted(self.lexicon),
            "extend": dict(sorted(self.extend.items())),
            "widen": dict(sorted(self.widen.items())),
            "keep": dict(sorted(self.keep.items())),
            "thresholds": self.thresholds,
        }

    @classmethod
    def from_json(cls, data: dict) -> Model:
        return cls(
            weights={k: dict(v) for k, v in data["weights"].items()},
            lexicon=frozenset(data["lexicon"]),
            extend=dict(data["extend"]),
            widen=dict(data["widen"]),
            keep=dict(data["keep"]),
            thresholds=dict(data["thresholds"]),
        )


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> Model | None:
    """The shipped model, or None (with a warning) when it is missing or unreadable."""
    try:
        return Model.from_json(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, KeyError) as exc:
        log.warning("attribution model %s not loaded (%s); reported speech falls back to rules", path, exc)
        return None


def extend_key(head: Token, child: Token) -> tuple[str, str, str]:
    """Keys of the cue-extension table, general to specific: by dependency and side, with the
    child's word, and with the cue's lemma too ("said on Tuesday" but "commented on")."""
    side = "L" if child.i < head.i else "R"
    general = child.dep_ + "|" + side
    specific = general + "|" + child.lower_
    return general, specific, _lemma(head) + "|" + specific


def cue_range(head: Token, extend: dict[str, bool]) -> TokRange:
    """The cue: the head plus the adjacent children that training cues include (the most
    specific entry of the table decides)."""
    keep = set()
    for c in head.children:
        general, specific, lexical = extend_key(head, c)
        if extend.get(lexical, extend.get(specific, extend.get(general, False))):
            keep.add(c.i)
    lo = hi = head.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    return lo, hi + 1


def widen_keys(sibling: Token) -> tuple[str, str]:
    """Keys of the content-widening table: a later dependent of the cue, by dependency and word."""
    general = sibling.dep_
    return general, general + "|" + sibling.lower_


def widen_content(cue: Token, content: TokRange, used: set[int], bounds: TokRange, widen: dict[str, bool]) -> TokRange:
    """Stretch a content that is an object of the cue over the cue's later dependents that
    training contents take in ("described [the talks as constructive]")."""
    doc = cue.doc
    hi = content[1]
    for sib in cue.rights:
        if sib.i < hi:
            continue
        general, specific = widen_keys(sib)
        end = sib.right_edge.i + 1
        if not widen.get(specific, widen.get(general, False)) or end > bounds[1]:
            break
        if any(i in used for i in range(hi, end)):
            break
        hi = end
    while hi > content[0] + 1 and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return content[0], max(hi, content[1])


def keep_keys(head: Token, child: Token) -> tuple[str, str]:
    """Keys of the content-keeping table: a dependent of the content head, by dependency and
    side, and with its first word ("…, citing" / "…, which")."""
    side = "L" if child.i < head.i else "R"
    general = child.dep_ + "|" + side
    return general, general + "|" + child.doc[child.left_edge.i].lower_


def cut_content(head: Token, content: TokRange, keep: dict[str, bool]) -> TokRange:
    """Drop the dependents of the content head that training contents leave out: trailing
    ones (", citing …", ", which …") and leading ones ("However, …")."""
    doc = head.doc
    lo, hi = content
    for c in head.rights:
        if lo <= c.i < hi:
            general, specific = keep_keys(head, c)
            if not keep.get(specific, keep.get(general, True)):
                hi = c.left_edge.i
                break
    for c in head.lefts:
        if lo <= c.left_edge.i and c.i < hi:
            general, specific = keep_keys(head, c)
            if keep.get(specific, keep.get(general, True)):
                break
            lo = c.right_edge.i + 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space) and hi - 1 != head.i:
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space) and lo != head.i:
        lo += 1
    return (lo, hi) if lo <= head.i < hi else content


def head_span(head: Token, exclude: set[int], bounds: TokRange) -> TokRange | None:
    """The contiguous stretch of ``head``'s subtree around it, without ``exclude``, inside
    ``bounds`` and its paragraph (a headline the parser ran on into the text ends at its line
    break), its edge punctuation trimmed."""
    doc = head.doc
    lo_lim = max(head.left_edge.i, bounds[0])
    hi_lim = min(head.right_edge.i + 1, bounds[1])
    lo = hi = head.i
    while lo - 1 >= lo_lim and lo - 1 not in exclude and not _is_break(doc[lo - 1]):
        lo -= 1
    while hi + 1 < hi_lim and hi + 1 not in exclude and not _is_break(doc[hi + 1]):
        hi += 1
    hi += 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space) and lo != head.i:
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space) and hi - 1 != head.i:
        if doc[hi - 1].text in _CLOSING and _OPENING[doc[hi - 1].text] in doc[lo : hi - 1].text:
            break  # "Rep. Trey Gowdy (R-S.C.)" keeps its closing bracket
        hi -= 1
    return (lo, hi) if hi > lo else None


def _is_break(tok: Token) -> bool:
    return tok.is_space and "\n" in tok.text


def far_part(head: Token, content: TokRange, cue: TokRange, used: set[int], bounds: TokRange) -> TokRange | None:
    """The rest of ``head``'s subtree on the far side of a cue that interrupts the content
    ("[The latest test], North Korea said, [was its biggest yet]"), edge punctuation trimmed."""
    doc = head.doc
    lo_lim = max(head.left_edge.i, bounds[0])
    hi_lim = min(head.right_edge.i + 1, bounds[1])
    if content[1] <= cue[0] and cue[1] < hi_lim:
        j = cue[1]
        while j < hi_lim and (j in used or doc[j].is_punct or doc[j].is_space):
            j += 1
        k = j
        while k < hi_lim and k not in used:
            k += 1
    elif cue[1] <= content[0] and lo_lim < cue[0]:
        k = cue[0]
        while k > lo_lim and (k - 1 in used or doc[k - 1].is_punct or doc[k - 1].is_space):
            k -= 1
        j = k
        while j > lo_lim and j - 1 not in used:
            j -= 1
    else:
        return None
    while k > j and (doc[k - 1].is_punct or doc[k - 1].is_space or doc[k - 1].dep_ == "cc"):
        k -= 1
    while j < k and (doc[j].is_punct or doc[j].is_space or doc[j].dep_ == "cc"):
        j += 1
    if all(doc[i].pos_ in _LINKING_POS for i in range(j, k)):
        return None  # only "As" or "While" is left
    return (j, k)


def _depth(tok: Token) -> int:
    n = 0
    while tok.head.i != tok.i and n < 50:
        tok, n = tok.head, n + 1
    return n


def _best(
    model: Model, part: str, cue: Token, cands: list[tuple[Token, str]], feats: dict[int, list[str]], prefixes: tuple[str, str, str, str]
) -> tuple[Token | None, float]:
    """The candidate with the highest ``part`` probability over the threshold; ``feats``
    caches pair features by candidate index for this cue (source and content share them)."""
    best, best_p = None, 0.0
    for cand, path in cands:
        f = feats.get(cand.i)
        if f is None:
            f = feats[cand.i] = pair_features(cue, cand, path, prefixes)
        p = model.prob(part, f)
        if p > best_p:
            best, best_p = cand, p
    if best is None or best_p < model.thresholds[part]:
        return None, best_p
    return best, best_p


def find_attributions(
    doc: Doc,
    model: Model,
    quoted: list[tuple[int, int]] | None = None,
    skip: set[int] | None = None,
) -> list[Attribution]:
    """Attribution relations of a parsed doc. ``quoted``: character ranges inside quote marks
    (their words are someone's, so cues there are not the reporter's); ``skip``: token indices
    already used as cues."""
    quoted = quoted or []
    skip = skip or set()
    threshold = model.thresholds["cue"]
    found: list[tuple[int, Token, float]] = []
    first_end = first_sentence_end(doc)
    arr = doc.to_array([LEMMA, DEP]).reshape(-1, 2)
    mask = in_sorted(arr[:, 0], model.lexicon_ids) & ~in_sorted(arr[:, 1], _NOT_CUE_IDS)
    marks = mark_tokens(doc)
    for i in np.flatnonzero(mask).tolist():
        tok = doc[i]
        if i in skip:
            continue
        inq = any(s <= tok.idx < e for s, e in quoted)
        p = model.prob("cue", cue_features(tok, inq, i < first_end, marks))
        if p >= threshold:
            found.append((_depth(tok), tok, p))
    found.sort(key=lambda x: (x[0], x[1].i))
    taken: set[int] = set()
    out: list[Attribution] = []
    for _, cue, p in found:
        if cue.i in taken:
            continue
        cue_lo, cue_hi = cue_range(cue, model.extend)
        if any(i in taken for i in range(cue_lo, cue_hi)):
            cue_lo, cue_hi = cue.i, cue.i + 1
        sent: Span = cue.sent
        bounds = (sent.start, sent.end)
        cue_ids = set(range(cue_lo, cue_hi))
        near = neighbours(cue)
        src_cands = [(t, pa) for t, pa in near if t.pos_ in SOURCE_POS and t.i not in cue_ids and t.i not in taken]
        feats: dict[int, list[str]] = {}
        prefixes = cue_prefixes(cue)
        src, _ = _best(model, "source", cue, src_cands, feats, prefixes)
        source = head_span(src, cue_ids | taken, bounds) if src is not None else None
        used = cue_ids | taken | (set(range(*source)) if source else set())
        con_cands = [(t, pa) for t, pa in near if t.i not in used and not t.is_punct and not t.is_space]
        con, _ = _best(model, "content", cue, con_cands, feats, prefixes)
        content = head_span(con, used, bounds) if con is not None else None
        if content is None:
            continue
        if con is not None:
            content = cut_content(con, content, model.keep)
        if con is not None and con.head.i == cue.i and con.i > cue.i:
            content = widen_content(cue, content, used, bounds, model.widen)
        rest = far_part(con, content, (cue_lo, cue_hi), used | set(range(*content)), bounds)
        out.append(Attribution((cue_lo, cue_hi), cue.i, source, src.i if src is not None else None, content, p, rest))
        taken |= used | set(range(*content)) | (set(range(*rest)) if rest else set())
    return sorted(out, key=lambda a: a.cue[0])
