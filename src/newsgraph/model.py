"""The records newsgraph produces and the Analysis that holds them.

Every record points back into ``Article.text`` with character offsets, names the
sentence it sits in and carries a confidence, so any consumer (terminal report,
JSON, store, web UI) can always show the words a fact came from.
The JSON Schema published in ``newsgraph/schema/`` is generated from these models.
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1


class Record(BaseModel):
    """Base for all records: strict fields, no silent extras."""

    model_config = ConfigDict(extra="forbid")


class TextSpan(Record):
    """A stretch of the article text: ``text == article.text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Evidence(Record):
    """Where a record came from: the sentence that holds it and how sure we are."""

    sentence: TextSpan | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class Article(Record):
    id: str = Field(description="sha256 of the cleaned text (first 16 hex digits)")
    text: str
    published: str | None = Field(default=None, description="ISO date (YYYY-MM-DD) the article appeared")
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    source: str | None = Field(default=None, description="file or location it was read from")
    boilerplate: list[TextSpan] = Field(default_factory=list, description="lines removed from the raw text")

    @staticmethod
    def make_id(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Mention(TextSpan):
    label: str | None = Field(default=None, description="the NER label this mention had before voting")


class RoleFrame(Evidence):
    """How the article casts an actor (SemEval-2025 Task 10 entity framing roles), with the
    mention it was read at and that mention's sentence as evidence."""

    main: Literal["Protagonist", "Antagonist", "Innocent"]
    fine: list[str] = Field(default_factory=list, description="fine roles under the main one, e.g. Victim, Tyrant")
    mention: TextSpan | None = Field(default=None, description="the mention the role was read at")


EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "GROUP", "OTHER"]


class Entity(Record):
    id: str = Field(description="document-local id, e.g. 'e3'")
    name: str = Field(description="canonical name: the longest full form seen")
    type: EntityType
    mentions: list[Mention]
    variants: list[str] = Field(default_factory=list, description="distinct surface forms")
    role: str | None = Field(default=None, description="title or role stated in the text")
    kb_id: str | None = Field(default=None, description="Wikidata id when the actor is known")
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    stands_for: str | None = Field(default=None, description="what a metonym means as an actor: Kremlin -> Russian presidency")
    country: str | None = Field(default=None, description="country of a known actor, from the actor table")
    roles: list[RoleFrame] = Field(default_factory=list, description="framing roles the article casts it in (model-predicted)")


class Speaker(Record):
    entity: str | None = Field(default=None, description="entity id the speaker resolves to")
    name: str | None = Field(default=None, description="canonical name, or the group named")
    text: str | None = None
    start: int | None = None
    end: int | None = None


class Quote(Evidence):
    kind: Literal["direct", "indirect"]
    start: int
    end: int
    text: str
    speaker: Speaker
    cue: TextSpan | None = None
    continuation: bool = Field(default=False, description="continues the previous quote without a cue of its own")
    date: str | None = Field(default=None, description="TIMEX3 value of the time the words were said")


class SourceLink(Record):
    entity: str | None = None
    name: str
    text: str
    start: int
    end: int


class SourceAttribution(Evidence):
    start: int
    end: int
    text: str = Field(description="the attribution phrase, e.g. 'according to Reuters'")
    source: SourceLink
    claim: TextSpan
    via: list[SourceLink] = Field(default_factory=list, description="further links of a chain ('citing two officials')")


class Timex(Evidence):
    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str = Field(description="TIMEX3 value, e.g. 2025-04-25, 2025-W17, P3D, PAST_REF")
    mod: str | None = None


class Event(Evidence):
    type: str = Field(description="PLOVER event type, e.g. CONSULT")
    mode: str | None = None
    trigger: TextSpan
    actors: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    place: str | None = Field(default=None, description="entity id of the place")
    date: str | None = Field(default=None, description="TIMEX3 value")
    negated: bool = False
    modality: Literal["asserted", "reported", "planned", "proposed", "denied"] = "asserted"
    reported_by: str | None = Field(default=None, description="entity id of whoever reports it")


class Position(Evidence):
    holder: str = Field(description="entity id")
    holder_name: str
    issue: str
    stance: str
    evidence: TextSpan


class Framing(Evidence):
    start: int
    end: int
    text: str
    technique: str
    speaker: Speaker


class Analysis(Record):
    schema_version: int = SCHEMA_VERSION
    article: Article
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    sources: list[SourceAttribution] = Field(default_factory=list)
    timex: list[Timex] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    open_issues: list[str] = Field(default_factory=list, description="issues named as disputed with no stance stated")
    framing: list[Framing] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(indent=indent)

    def to_dict(self) -> dict:
        return self.model_dump(mode="json")

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)


def json_schema() -> dict:
    """The JSON Schema of one Analysis document, as published in ``schema/``."""
    schema = Analysis.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://newsgraph.dev/schema/analysis-v{SCHEMA_VERSION}.json"
    return schema


def dump_json_schema() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"
