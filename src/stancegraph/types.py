"""The data model: what every stage takes and returns.

In: nothing (plain definitions). Out: frozen, slotted dataclasses that carry character offsets into
the analysed text of one ``Document``, never live spaCy objects, so that every result can be
stored, serialised and compared. ``stancegraph.formats.contract`` is the single place that
turns a result into the ``stancegraph/analysis-1`` JSON shape and back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "SCHEMA",
    "Actor",
    "Agreement",
    "ActorType",
    "Analysis",
    "Document",
    "Quote",
    "QuoteType",
    "ReadFailure",
    "Statement",
    "Event",
    "EventType",
    "Participant",
]

SCHEMA = "stancegraph/analysis-1"

ActorType = Literal["person", "organization", "country", "place", "group", "document"]
QuoteType = Literal["direct", "indirect", "mixed"]
# How reported speech is found: the rules alone, or the rules with the trained model
# (``extract.attribution``) adding what they miss.
Attribution = Literal["learned", "rules"]
ATTRIBUTIONS: tuple[Attribution, ...] = ("learned", "rules")
Agreement = Literal["support", "oppose", "neutral"]
EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]


@dataclass(frozen=True, slots=True)
class Document:
    """One article to analyse. ``text`` is the cleaned body; every offset indexes into it."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None  # the path (and row) it was read from
    meta: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A document that could not be read; a batch records it and goes on."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Actor:
    """One real-world actor of a document, with every mention of it."""

    id: str
    name: str
    type: ActorType
    aliases: tuple[str, ...]
    mentions: tuple[tuple[int, int], ...]
    role: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """Something an actor said, directly or in reported speech.

    ``start``/``end`` cover the content only (without cue and speaker). A split quote
    ("A," he said, "B.") has several ``spans``; then ``text`` joins them with a space and
    ``start``/``end`` run from the first span's start to the last span's end.
    """

    id: str
    type: QuoteType
    text: str
    start: int
    end: int
    spans: tuple[tuple[int, int], ...]
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker: str | None  # actor id
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    confidence: float
    extractor: str


@dataclass(frozen=True, slots=True)
class Statement:
    """A position an actor takes on a concept, DNA style: (actor, concept, agreement).

    ``concept`` is a codebook concept id, or, without a codebook, a normalised key phrase of what
    the statement addresses (then ``concept_label`` is that phrase too). ``start``/``end`` are the
    evidence: the quote content or position-taking clause the statement was coded from.
    """

    id: str
    actor: str | None  # actor id in the same analysis
    concept: str
    concept_label: str
    agreement: Agreement
    start: int
    end: int
    quote: str | None  # quote id when coded from a quote
    confidence: float
    extractor: str


@dataclass(frozen=True, slots=True)
class Participant:
    """The source or target of an event: the words that name it and the actor they resolve to."""

    actor: str | None  # actor id in the same analysis, None when unresolved
    text: str
    start: int
    end: int
    country: str | None = None  # ISO short name ("Ukraine"), or an international body
    sector: str | None = None  # government, military, police, rebel, business, media ...


@dataclass(frozen=True, slots=True)
class Event:
    """One PLOVER event: who did what to whom, when and where, with the text it came from.

    ``type`` is the PLOVER category after the manual's auxiliary-mode rules; ``base_type`` is
    what the trigger denotes on its own ("will not hold talks": REJECT from CONSULT). ``mode`` is
    the auxiliary modes, empty for an asserted event: any of "negated", "hypothetical",
    "future", "reported". ``plover_mode`` is the category mode of the manual's chapter 3
    ("arrest", "withdraw", "demo"...), when the trigger tells it.
    """

    id: str
    type: EventType
    base_type: EventType
    mode: tuple[str, ...]
    plover_mode: str | None
    source: Participant | None
    target: Participant | None
    trigger: str
    trigger_start: int
    trigger_end: int
    sentence_start: int
    sentence_end: int
    date: str | None  # ISO 8601 day
    date_text: str | None  # the words it was resolved from; None when it is the article date
    location: str | None
    location_start: int | None
    location_end: int | None
    quad_class: int  # 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
    score: float  # PLOVER conflict-cooperation score, -10 .. +10
    confidence: float
    extractor: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything extracted from one document."""

    document: Document
    actors: tuple[Actor, ...]
    quotes: tuple[Quote, ...]
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()  # PLOVER events, see stancegraph.extract.events

    def actor(self, actor_id: str | None) -> Actor | None:
        """The actor with this id, or None."""
        if actor_id is None:
            return None
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None
