"""The JSON contract: analyses to ``stancegraph/analysis-1`` objects and back.

In: ``Analysis`` objects (or the dicts this module made of them). Out:
plain JSON-ready dicts, and analyses read back from them. This is the one place that knows the
shape of the JSON; the store, the Dask workers, the spaCy component and every JSON export use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..extract.plover import EVENT_TYPES, QUAD_CLASS, plover_score
from ..types import (
    SCHEMA,
    Actor,
    Analysis,
    Document,
    Event,
    Participant,
    Quote,
    Statement,
)

__all__ = ["analysis_from_dict", "analysis_to_dict", "event_from_dict", "event_to_dict"]


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
    """The inverse of ``analysis_to_dict``; raises KeyError/TypeError/ValueError on bad data."""
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
    events = tuple(event_from_dict(e) for e in data.get("events") or ())
    return Analysis(document, actors, quotes, statements, events)


def _participant_to_dict(p: Participant | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "actor": p.actor,
        "text": p.text,
        "start": p.start,
        "end": p.end,
        "country": p.country,
        "sector": p.sector,
    }


def event_to_dict(event: Event) -> dict[str, Any]:
    """One entry of the analysis JSON's ``events`` list."""
    return {
        "id": event.id,
        "type": event.type,
        "base_type": event.base_type,
        "mode": list(event.mode),
        "plover_mode": event.plover_mode,
        "source": _participant_to_dict(event.source),
        "target": _participant_to_dict(event.target),
        "trigger": event.trigger,
        "trigger_start": event.trigger_start,
        "trigger_end": event.trigger_end,
        "sentence_start": event.sentence_start,
        "sentence_end": event.sentence_end,
        "date": event.date,
        "date_text": event.date_text,
        "location": event.location,
        "location_start": event.location_start,
        "location_end": event.location_end,
        "quad_class": event.quad_class,
        "score": event.score,
        "confidence": round(event.confidence, 3),
        "extractor": event.extractor,
    }


def event_from_dict(data: Mapping[str, Any]) -> Event:
    """The inverse of ``event_to_dict``; raises KeyError/TypeError/ValueError on bad data."""

    def participant(p: Mapping[str, Any] | None) -> Participant | None:
        if p is None:
            return None
        return Participant(
            actor=p.get("actor"),
            text=str(p["text"]),
            start=int(p["start"]),
            end=int(p["end"]),
            country=p.get("country"),
            sector=p.get("sector"),
        )

    etype = data["type"]
    if etype not in EVENT_TYPES:
        raise ValueError(f"unknown PLOVER event type {etype!r}")
    return Event(
        id=str(data["id"]),
        type=etype,
        base_type=data.get("base_type", etype),
        mode=tuple(data.get("mode") or ()),
        plover_mode=data.get("plover_mode"),
        source=participant(data.get("source")),
        target=participant(data.get("target")),
        trigger=str(data["trigger"]),
        trigger_start=int(data["trigger_start"]),
        trigger_end=int(data["trigger_end"]),
        sentence_start=int(data["sentence_start"]),
        sentence_end=int(data["sentence_end"]),
        date=data.get("date"),
        date_text=data.get("date_text"),
        location=data.get("location"),
        location_start=data.get("location_start"),
        location_end=data.get("location_end"),
        quad_class=int(data.get("quad_class", QUAD_CLASS[etype])),
        score=float(data.get("score", plover_score(etype))),
        confidence=float(data.get("confidence", 1.0)),
        extractor=str(data.get("extractor", "")),
    )
