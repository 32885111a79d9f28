"""Document-level entities: spaCy NER mentions grouped into one identity per actor."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Entity


def extract_entities(doc: Doc) -> list[Entity]:
    return []  # STUB: being written


def entity_at(doc: Doc, start: int, end: int) -> Entity | None:
    """The entity one of whose mentions overlaps the character range [start, end)."""
    for entity in doc._.entities or ():
        for m in entity.mentions:
            if m.start < end and start < m.end:
                return entity
    return None


@Language.component("newsgraph_entities", requires=["doc.ents"], assigns=["doc._.entities"])
def entities_component(doc: Doc) -> Doc:
    doc._.entities = extract_entities(doc)
    return doc
