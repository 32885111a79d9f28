"""STUB: being written."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Quote


def extract_quotes(doc: Doc) -> list[Quote]:
    return []


@Language.component("newsgraph_quotes", assigns=["doc._.quotes"])
def quotes_component(doc: Doc) -> Doc:
    doc._.quotes = extract_quotes(doc)
    return doc
