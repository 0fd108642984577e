"""The data model: what every stage takes and returns.

In: nothing (plain definitions). Out: frozen, slotted dataclasses that carry character offsets into
the analysed text of one :class:`Document`, never live spaCy objects, so that every result can be
stored, serialised and compared. :func:`analysis_to_dict` is the single place that turns a result
into the ``stancegraph/analysis-1`` JSON shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # events.py builds on this module; its Event is imported lazily below
    from .extract.events import Event

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
    "analysis_from_dict",
    "analysis_to_dict",
]

SCHEMA = "stancegraph/analysis-1"

ActorType = Literal["person", "organization", "country", "place", "group", "document"]
QuoteType = Literal["direct", "indirect", "mixed"]
Agreement = Literal["support", "oppose", "neutral"]


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
class Analysis:
    """Everything extracted from one document."""

    document: Document
    actors: tuple[Actor, ...]
    quotes: tuple[Quote, ...]
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()  # PLOVER events, see stancegraph.events

    def actor(self, actor_id: str | None) -> Actor | None:
        """The actor with this id, or None."""
        if actor_id is None:
            return None
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None


def _actor_to_dict(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "type": actor.type,
        "aliases": list(actor.aliases),
        "mentions": [list(m) for m in actor.mentions],
        "role": actor.role,
        "affiliation": actor.affiliation,
    }


def _quote_to_dict(quote: Quote) -> dict[str, Any]:
    return {
        "id": quote.id,
        "type": quote.type,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "spans": [list(s) for s in quote.spans],
        "cue": quote.cue,
        "cue_start": quote.cue_start,
        "cue_end": quote.cue_end,
        "speaker": quote.speaker,
        "speaker_text": quote.speaker_text,
        "speaker_start": quote.speaker_start,
        "speaker_end": quote.speaker_end,
        "confidence": round(quote.confidence, 3),
        "extractor": quote.extractor,
    }


def _statement_to_dict(statement: Statement) -> dict[str, Any]:
    return {
        "id": statement.id,
        "actor": statement.actor,
        "concept": statement.concept,
        "concept_label": statement.concept_label,
        "agreement": statement.agreement,
        "start": statement.start,
        "end": statement.end,
        "quote": statement.quote,
        "confidence": round(statement.confidence, 3),
        "extractor": statement.extractor,
    }


def analysis_to_dict(analysis: Analysis) -> dict[str, Any]:
    """The ``stancegraph/analysis-1`` JSON object of one analysis."""
    from .extract.events import event_to_dict

    doc = analysis.document
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "id": doc.id,
        "title": doc.title,
        "date": doc.date,
        "url": doc.url,
        "text": doc.text,
        "actors": [_actor_to_dict(a) for a in analysis.actors],
        "quotes": [_quote_to_dict(q) for q in analysis.quotes],
        "statements": [_statement_to_dict(s) for s in analysis.statements],
        "events": [event_to_dict(e) for e in analysis.events],
    }
    if doc.meta:
        out["meta"] = dict(doc.meta)
    return out


def analysis_from_dict(data: Mapping[str, Any]) -> Analysis:
    """The inverse of :func:`analysis_to_dict`; raises KeyError/TypeError/ValueError on bad data."""
    if data.get("schema") != SCHEMA:
        raise ValueError(f"not a {SCHEMA} object (schema {data.get('schema')!r})")
    document = Document(
        id=str(data["id"]),
        text=str(data["text"]),
        title=data.get("title"),
        date=data.get("date"),
        url=data.get("url"),
        meta=dict(data.get("meta") or {}),
    )
    actors = tuple(
        Actor(
            id=a["id"],
            name=a["name"],
            type=a["type"],
            aliases=tuple(a.get("aliases") or ()),
            mentions=tuple((int(m[0]), int(m[1])) for m in a.get("mentions") or ()),
            role=a.get("role"),
            affiliation=a.get("affiliation"),
        )
        for a in data.get("actors") or ()
    )
    quotes = tuple(
        Quote(
            id=q["id"],
            type=q["type"],
            text=q["text"],
            start=int(q["start"]),
            end=int(q["end"]),
            spans=tuple((int(p[0]), int(p[1])) for p in q.get("spans") or [[q["start"], q["end"]]]),
            cue=q.get("cue"),
            cue_start=q.get("cue_start"),
            cue_end=q.get("cue_end"),
            speaker=q.get("speaker"),
            speaker_text=q.get("speaker_text"),
            speaker_start=q.get("speaker_start"),
            speaker_end=q.get("speaker_end"),
            confidence=float(q.get("confidence", 1.0)),
            extractor=q.get("extractor", ""),
        )
        for q in data.get("quotes") or ()
    )
    statements = tuple(
        Statement(
            id=st["id"],
            actor=st.get("actor"),
            concept=st["concept"],
            concept_label=st.get("concept_label", st["concept"]),
            agreement=st["agreement"],
            start=int(st["start"]),
            end=int(st["end"]),
            quote=st.get("quote"),
            confidence=float(st.get("confidence", 1.0)),
            extractor=st.get("extractor", ""),
        )
        for st in data.get("statements") or ()
    )
    from .extract.events import event_from_dict

    events = tuple(event_from_dict(e) for e in data.get("events") or ())
    return Analysis(document, actors, quotes, statements, events)
