"""STUB: being written."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..model import SourceAttribution


def extract_sources(doc: Doc) -> list[SourceAttribution]:
    return []


@Language.component("newsgraph_sources", assigns=["doc._.sources"])
def sources_component(doc: Doc) -> Doc:
    doc._.sources = extract_sources(doc)
    return doc
