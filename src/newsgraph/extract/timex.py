"""STUB: being written."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Timex


def extract_timexes(doc: Doc) -> list[Timex]:
    return []


@Language.component("newsgraph_timex", assigns=["doc._.timexes"])
def timex_component(doc: Doc) -> Doc:
    doc._.timexes = extract_timexes(doc)
    return doc
