"""STUB: being written."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Position


def extract_positions(doc: Doc) -> tuple[list[Position], list[str]]:
    return [], []


@Language.component("newsgraph_positions", assigns=["doc._.positions", "doc._.open_issues"])
def positions_component(doc: Doc) -> Doc:
    doc._.positions, doc._.open_issues = extract_positions(doc)
    return doc
