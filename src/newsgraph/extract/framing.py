"""STUB: being written."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Framing


def extract_framing(doc: Doc) -> list[Framing]:
    return []


@Language.component("newsgraph_framing", assigns=["doc._.framing"])
def framing_component(doc: Doc) -> Doc:
    doc._.framing = extract_framing(doc)
    return doc
