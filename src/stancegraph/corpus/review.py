"""Review decisions: what a coder decided about the machine's items, and what they add up to.

In: decision records (``Decision``, one row each of the append-only ``decisions`` table) and a
document's machine items as the JSON entries the store keeps. Out: checked decision values,
item keys, the effective decision of each item (its latest record), a document's review state,
and the frozen values the store returns (``ReviewItem``, ``ReviewedDocument``, ``DocumentPage``,
``Precision``). Applying decisions to items is ``corpus.review_items``; the machine's precision
is ``corpus.review_precision``. Nothing here touches a database.

An item is named by a key that stays the same when a document is analysed again, as long as the
machine finds the same item: ``quote:{start}-{end}``, ``statement:{start}-{end}:{concept}``,
``event:{sentence_start}-{sentence_end}:{type}:{trigger}``; an item a coder added is
``added:{kind}:{id of its add decision}``. A decision whose key matches no current item is an
orphan: listed, never dropped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, get_args

from ..errors import InputError
from ..types import Actor, EventType, QuoteType

__all__ = [
    "ACTIONS",
    "ITEM_KINDS",
    "KINDS",
    "STATES",
    "STATUSES",
    "Decision",
    "DocumentFilter",
    "DocumentPage",
    "DocumentRow",
    "Precision",
    "ReviewError",
    "ReviewItem",
    "ReviewedDocument",
    "Score",
    "check_decision",
    "effective",
    "item_key",
    "review_state",
]

ITEM_KINDS = ("quote", "statement", "event")
KINDS = (*ITEM_KINDS, "document")
ITEM_ACTIONS = ("accept", "reject", "edit", "add", "clear")
DOCUMENT_ACTIONS = ("done", "reopen")
ACTIONS = (*ITEM_ACTIONS, *DOCUMENT_ACTIONS)
STATUSES = ("unreviewed", "accepted", "edited", "rejected", "added")
STATES = ("unreviewed", "in progress", "done")
AGREEMENTS = {"support": "support", "oppose": "oppose", "neutral": "neutral"}
AGREEMENTS.update(yes="support", no="oppose")  # DNA's words for the same
MAX_KEY = 300  # the width of decisions.item


class ReviewError(InputError, ValueError):
    """A decision that cannot be recorded: an unknown kind or action, or a malformed value."""


@dataclass(frozen=True, slots=True)
class Decision:
    """One record of the ``decisions`` table: a coder's decision on one item of a document."""

    id: int
    document: str  # documents.source
    kind: str  # quote, statement, event or document
    item: str  # the item key; "document" for kind document
    action: str  # accept, reject, edit, add, clear, done or reopen
    value: Mapping[str, Any]  # the item's fields after an edit or add, else {}
    coder: str
    created: str  # ISO 8601, UTC
    final: bool = False  # an admin's reconciliation: it wins over every other decision


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A machine item (or an added one) with the coder's effective decision on it."""

    kind: str
    key: str
    machine_id: str | None  # q1, s2, e3 ...; None for an added item
    status: str  # unreviewed, accepted, edited, rejected or added
    machine: Mapping[str, Any] | None  # the machine's JSON entry; None for an added item
    current: Mapping[str, Any]  # the entry after the decision (the machine's when none)
    confidence: float | None
    rule: str | None  # the extractor that produced it
    decision: Decision | None


@dataclass(frozen=True, slots=True)
class ReviewedDocument:
    """A document with its items, their decisions, its review state and its decision history."""

    source: str
    id: str  # the document's own id (doc_id)
    title: str | None
    date: str | None
    url: str | None
    text: str
    actors: tuple[Actor, ...]
    items: tuple[ReviewItem, ...]
    state: str  # unreviewed, in progress or done
    orphans: tuple[Decision, ...]  # effective decisions on items the machine no longer finds
    history: tuple[Decision, ...]  # every decision on the document, oldest first


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """Restricts the corpus listing; every field set must match."""

    actor: str | None = None  # a part of an actor's name or alias
    concept: str | None = None  # a concept id or label of one of its statements
    start: str | None = None  # first day (YYYY-MM-DD) included
    stop: str | None = None  # last day included
    state: str | None = None  # unreviewed, in progress or done
    min_confidence: float | None = None  # some quote or statement at least this confident
    max_confidence: float | None = None  # some quote or statement at most this confident
    text: str | None = None  # a part of the title or text (case-insensitive)


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One document of the corpus listing."""

    key: int  # documents.id: the paging cursor (it changes when the document is stored again)
    source: str
    doc_id: str
    title: str | None
    date: str | None
    url: str | None
    n_quotes: int
    n_statements: int
    n_events: int
    state: str


@dataclass(frozen=True, slots=True)
class DocumentPage:
    """A page of the corpus listing; ``after`` is the cursor of the next page (None: the last)."""

    rows: tuple[DocumentRow, ...]
    after: int | None


@dataclass(frozen=True, slots=True)
class Score:
    """How often the machine was right among the decided items."""

    decided: int
    correct: int
    precision: float | None  # correct / decided; None when nothing is decided


@dataclass(frozen=True, slots=True)
class Precision:
    """The machine's precision per kind (quote, speaker, statement, event) and per rule."""

    by_kind: Mapping[str, Score]
    by_rule: Mapping[str, Mapping[str, Score]]  # kind -> rule -> score


# -- keys ----------------------------------------------------------------------------------------


def item_key(kind: str, entry: Mapping[str, Any]) -> str:
    """The key of a machine item of ``kind`` given its JSON entry (see the module)."""
    if kind == "quote":
        key = f"quote:{entry['start']}-{entry['end']}"
    elif kind == "statement":
        key = f"statement:{entry['start']}-{entry['end']}:{entry['concept']}"
    elif kind == "event":
        span = f"{entry['sentence_start']}-{entry['sentence_end']}"
        key = f"event:{span}:{entry['type']}:{entry['trigger']}"
    else:
        raise ReviewError(f"no item kind {kind!r}: {', '.join(ITEM_KINDS)}")
    if len(key) <= MAX_KEY:
        return key
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return f"{key[: MAX_KEY - 17]}~{digest}"


def added_key(kind: str, decision_id: int) -> str:
    """The key of the item added by decision ``decision_id``."""
    return f"added:{kind}:{decision_id}"


def is_added(key: str) -> bool:
    return key.startswith("added:")


# -- checking a decision ---------------------------------------------------------------------------


def check_decision(
    kind: str, item: str, action: str, value: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The checked value of a decision (agreements normalised); ``ReviewError`` when malformed."""
    if kind not in KINDS:
        raise ReviewError(f"no item kind {kind!r}: {', '.join(KINDS)}")
    if action not in ACTIONS:
        raise ReviewError(f"no action {action!r}: {', '.join(ACTIONS)}")
    if not isinstance(item, str):
        raise ReviewError(f"an item key is a string, not {item!r}")
    if value is not None and not isinstance(value, Mapping):
        raise ReviewError(f"a decision's value is an object of fields, not {type(value).__name__}")
    given = dict(value or {})
    if kind == "document":
        if action not in DOCUMENT_ACTIONS or item != "document":
            raise ReviewError("a document decision is 'done' or 'reopen' on item 'document'")
        _no_value(given, action)
        return {}
    if action not in ITEM_ACTIONS:
        raise ReviewError(f"'{action}' is for a whole document, not a {kind}")
    _check_item(kind, item, action)
    if action in ("accept", "reject", "clear"):
        _no_value(given, action)
        return {}
    if not given:
        raise ReviewError(f"an {action} needs the {kind}'s fields as its value")
    checked = _check_fields(kind, given)
    if action == "add":
        missing = [f for f in _REQUIRED[kind] if f not in checked]
        if missing:
            raise ReviewError(f"an added {kind} needs {', '.join(missing)}")
    return checked


def _check_item(kind: str, item: str, action: str) -> None:
    if action == "add":
        if item != f"added:{kind}:new":
            raise ReviewError(f"an added {kind} is item 'added:{kind}:new', not {item!r}")
        return
    if not (item.startswith(f"{kind}:") or item.startswith(f"added:{kind}:")):
        raise ReviewError(f"{item!r} is not the key of a {kind}")
    if len(item) > MAX_KEY:
        raise ReviewError(f"an item key is at most {MAX_KEY} characters")


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def _no_value(given: Mapping[str, Any], action: str) -> None:
    if given:
        raise ReviewError(f"'{action}' takes no value")


_QUOTE_TYPES: tuple[str, ...] = get_args(QuoteType)
_EVENT_TYPES: tuple[str, ...] = get_args(EventType)
_REQUIRED = {
    "quote": ("type", "start", "end"),
    "statement": ("concept", "agreement", "start", "end"),
    "event": ("type", "start", "end"),
}
_SPANS = {"quote": ("speaker",), "statement": ("actor",), "event": ("source", "target")}
_FIELDS = {
    "quote": ("type", "start", "end", "speaker"),
    "statement": ("actor", "concept", "concept_label", "agreement", "start", "end"),
    "event": ("type", "mode", "source", "target", "start", "end"),
}


def _check_fields(kind: str, given: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(given) - set(_FIELDS[kind]))
    if unknown:
        raise ReviewError(f"{_a(kind)} has no field {unknown[0]!r} ({', '.join(_FIELDS[kind])})")
    checked: dict[str, Any] = {}
    for field, raw in given.items():
        if field in _SPANS[kind]:
            checked[field] = _mention(field, raw)
        else:
            checked[field] = _FIELD_CHECKS[field](kind, raw)
    if "start" in checked and "end" in checked and checked["start"] >= checked["end"]:
        raise ReviewError(
            f"{_a(kind)} must end after it starts ({checked['start']}-{checked['end']})"
        )
    return checked


def _offset(field: str, raw: Any) -> int:
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
        raise ReviewError(f"{field} must be a character offset (an integer from 0), not {raw!r}")
    return raw


def _text(field: str, raw: Any, *, optional: bool = False) -> str | None:
    if raw is None and optional:
        return None
    if not isinstance(raw, str) or not raw.strip():
        raise ReviewError(f"{field} must be a non-empty string, not {raw!r}")
    return raw.strip()


def _type(kind: str, raw: Any) -> str:
    choices = _QUOTE_TYPES if kind == "quote" else _EVENT_TYPES
    if raw not in choices:
        raise ReviewError(f"{_a(kind)} type is one of {', '.join(choices)}, not {raw!r}")
    return str(raw)


def _agreement(_kind: str, raw: Any) -> str:
    if not isinstance(raw, str) or raw not in AGREEMENTS:
        raise ReviewError(f"agreement is support, oppose or neutral (or yes, no), not {raw!r}")
    return AGREEMENTS[raw]


_FIELD_CHECKS: dict[str, Any] = {
    "type": _type,
    "start": lambda _k, raw: _offset("start", raw),
    "end": lambda _k, raw: _offset("end", raw),
    "concept": lambda _k, raw: _text("concept", raw),
    "concept_label": lambda _k, raw: _text("concept_label", raw),
    "agreement": _agreement,
    "mode": lambda _k, raw: _text("mode", raw, optional=True),
}


def _mention(field: str, raw: Any) -> dict[str, Any] | None:
    """An actor named by a mention span and a name: ``{"start", "end", "name"}``, or None."""
    if raw is None:
        return None
    if not isinstance(raw, Mapping) or set(raw) != {"start", "end", "name"}:
        raise ReviewError(f"{field} is null or an object with start, end and name")
    start, end = _offset(f"{field}.start", raw["start"]), _offset(f"{field}.end", raw["end"])
    if start >= end:
        raise ReviewError(f"{field} must end after it starts ({start}-{end})")
    return {"start": start, "end": end, "name": _text(f"{field}.name", raw["name"])}


def check_spans(value: Mapping[str, Any], length: int) -> None:
    """Every offset of a checked value lies within a text of ``length`` characters."""
    spans = [value] + [v for v in value.values() if isinstance(v, Mapping)]
    for span in spans:
        for field in ("start", "end"):
            if field in span and span[field] > length:
                raise ReviewError(f"{field} {span[field]} is past the end of the text ({length})")


# -- effective decisions and state ------------------------------------------------------------------


def effective(decisions: Iterable[Decision]) -> dict[str, Decision]:
    """The latest decision (largest id) of each item key; a final one (an admin's
    reconciliation) wins over any later decision that is not final."""
    latest: dict[str, Decision] = {}
    for decision in sorted(decisions, key=lambda d: (d.final, d.id)):
        latest[decision.item] = decision
    return latest


def review_state(decisions: Sequence[Decision]) -> str:
    """``done`` when the latest document decision is ``done``; ``in progress`` when any item has
    a decision; else ``unreviewed``."""
    marks = [d for d in decisions if d.kind == "document"]
    if marks and max(marks, key=lambda d: d.id).action == "done":
        return "done"
    if any(d.kind != "document" for d in decisions):
        return "in progress"
    return "unreviewed"
