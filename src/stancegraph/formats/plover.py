"""PLOVER records: events in the JSON and CSV shapes of the PLOVER manual.

In: an ``Event`` and the ``Analysis`` it belongs
to. Out: a PLOVER JSON record (manual chapter 6) and a flat CSV row of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..extract.plover import COUNTRY_CODES, QUAD_NAMES, SECTOR_CODES
from ..types import Analysis, Event, Participant
from .safe import csv_cell

__all__ = ["PLOVER_CSV_FIELDS", "event_to_plover_record", "plover_record_to_row"]


def _entity(p: Participant | None, analysis: Analysis) -> dict[str, Any] | None:
    """A PLOVER entity object (manual Table 6.2 and the chapter-5 actor block)."""
    if p is None:
        return None
    actor = analysis.actor(p.actor)
    code = None
    if p.country is not None:
        code = next((c for c, name in COUNTRY_CODES.items() if name == p.country), None)
    return {
        "entityText": p.text,
        "entityName": actor.name if actor else None,
        "identifierId": p.actor,
        "code": code,
        "countryName": p.country,
        "sector": SECTOR_CODES.get(p.sector) if p.sector else None,
        "office": actor.role if actor else None,
        "start": p.start,
        "end": p.end,
    }


def event_to_plover_record(event: Event, analysis: Analysis) -> dict[str, Any]:
    """The event as a PLOVER JSON record (manual chapter 6, Table 6.1 names, camel-cased).

    ``actor`` and ``recipient`` are lists of entity objects, as PLOVER allows compound actors;
    ``mode`` is the category mode, and the auxiliary modes go to ``context`` as manual 2.3 asks.
    """
    doc = analysis.document
    text = doc.text
    record: dict[str, Any] = {
        "id": f"{doc.id}-{event.id}",
        "date": event.date,
        "event": event.type,
        "mode": event.plover_mode,
        "context": list(event.mode),
        "actor": [e for e in [_entity(event.source, analysis)] if e is not None],
        "recipient": [e for e in [_entity(event.target, analysis)] if e is not None],
        "eventText": event.trigger,
        "eventLoc": ({"extractedPlace": event.location} if event.location is not None else None),
        "quadCode": event.quad_class,
        "quadName": QUAD_NAMES[event.quad_class],
        "eventScale": event.score,
        "text": text[event.sentence_start : event.sentence_end],
        "textInfo": {"start": event.sentence_start, "end": event.sentence_end},
        "citeInfo": {"url": doc.url, "title": doc.title, "documentId": doc.id},
        "coder": event.extractor,
        "confidence": event.confidence,
    }
    return record


PLOVER_CSV_FIELDS = (
    "id",
    "date",
    "event",
    "mode",
    "context",
    "actorText",
    "actorName",
    "actorId",
    "actorCountry",
    "actorCode",
    "actorSector",
    "recipientText",
    "recipientName",
    "recipientId",
    "recipientCountry",
    "recipientCode",
    "recipientSector",
    "eventText",
    "eventLoc",
    "quadCode",
    "eventScale",
    "confidence",
    "documentId",
    "url",
    "text",
    "coder",
)


def plover_record_to_row(record: Mapping[str, Any]) -> dict[str, str]:
    """One CSV row (columns ``PLOVER_CSV_FIELDS``) of a PLOVER record; lists join with ';'.

    A text a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) starts with
    ``'``; numbers such as ``eventScale`` stay as they are.
    """

    def first(key: str) -> Mapping[str, Any]:
        items = record.get(key) or []
        return items[0] if items else {}

    actor, recipient = first("actor"), first("recipient")
    loc = record.get("eventLoc") or {}
    cite = record.get("citeInfo") or {}
    values: dict[str, Any] = {
        "id": record.get("id"),
        "date": record.get("date"),
        "event": record.get("event"),
        "mode": record.get("mode"),
        "context": ";".join(record.get("context") or []),
        "actorText": actor.get("entityText"),
        "actorName": actor.get("entityName"),
        "actorId": actor.get("identifierId"),
        "actorCountry": actor.get("countryName"),
        "actorCode": actor.get("code"),
        "actorSector": actor.get("sector"),
        "recipientText": recipient.get("entityText"),
        "recipientName": recipient.get("entityName"),
        "recipientId": recipient.get("identifierId"),
        "recipientCountry": recipient.get("countryName"),
        "recipientCode": recipient.get("code"),
        "recipientSector": recipient.get("sector"),
        "eventText": record.get("eventText"),
        "eventLoc": loc.get("extractedPlace"),
        "quadCode": record.get("quadCode"),
        "eventScale": record.get("eventScale"),
        "confidence": record.get("confidence"),
        "documentId": cite.get("documentId"),
        "url": cite.get("url"),
        "text": record.get("text"),
        "coder": record.get("coder"),
    }
    return {k: "" if values[k] is None else csv_cell(str(values[k])) for k in PLOVER_CSV_FIELDS}
