"""STUB: being written."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Event


def extract_events(doc: Doc) -> list[Event]:
    return []


@Language.component("newsgraph_events", assigns=["doc._.events"])
def events_component(doc: Doc) -> Doc:
    doc._.events = extract_events(doc)
    return doc
