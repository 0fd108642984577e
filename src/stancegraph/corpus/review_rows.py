"""The store's query rows as coders corrected them: what ``quotes``, ``statements`` and
``events`` return by default.

In: the machine's rows of one kind (each with its document's source and row key), the query's
``QueryFilter`` and whether only reviewed items are wanted. Out: the rows with every decision
applied: rejected items left out, edits applied (an event's PLOVER record made again), items a
coder added included where the filter matches them; with ``reviewed`` only accepted, edited and
added items. Rows keep the queries' shape and order (document, then text).

The filter chose the machine rows in SQL; a corrected row is checked again only where its
decision changed what the filter looks at: an edited actor must still match ``actor``, an
edited concept ``concept``; an added item must match the whole filter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..formats.contract import event_from_dict
from ..formats.plover import event_to_plover_record
from ..types import Analysis, Document
from .actor_match import ActorMatch
from .actors import fold_name
from .review import Decision, ReviewItem, is_added, item_key
from .review_context import Context, contexts, decision_of
from .review_items import NAME_KEYS, document_items
from .schema import decisions

__all__ = ["Filter", "Sourced", "correct_rows", "edited_sources"]

_NAME = {"quote": "speaker_name", "statement": "actor_name"}
_ACTOR_FIELDS = {"quote": ("speaker",), "statement": ("actor",), "event": ("source", "target")}
_ROW_KEYS = ("document", "date", "title", *NAME_KEYS)
_KEEP = {
    False: ("unreviewed", "accepted", "edited", "added"),
    True: ("accepted", "edited", "added"),
}


class Filter(Protocol):
    """What a query filters on (``corpus.store_queries.QueryFilter``)."""

    @property
    def actor(self) -> str | None: ...
    @property
    def concept(self) -> str | None: ...
    @property
    def start(self) -> str | None: ...
    @property
    def stop(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class _Where:
    """A filter with its actor name settled (``corpus.actor_match``)."""

    actor: str | None
    concept: str | None
    start: str | None
    stop: str | None
    match: ActorMatch | None


@dataclass(frozen=True, slots=True)
class Sourced:
    """A query row with the document it came from."""

    source: str
    key: int  # documents.id
    row: dict[str, Any]
    machine_id: str = ""  # q1, s2, e3 ...
    matched: bool = True  # False: read without the actor and concept filter (see the module)


def correct_rows(
    conn: Connection,
    kind: str,
    rows: Sequence[Sourced],
    where: Filter,
    *,
    reviewed: bool,
    match: ActorMatch | None = None,
) -> list[dict[str, Any]]:
    """``rows`` with the decisions on them applied (see the module); ``match`` is how the
    filter's actor name matches (words, when not given)."""
    if where.actor and match is None:
        match = ActorMatch(" ".join(where.actor.lower().split()), fold_name(where.actor), False)
    where = _Where(where.actor, where.concept, where.start, where.stop, match)
    past = _decisions(conn, kind)
    if not past:
        return [] if reviewed else [s.row for s in rows]
    by_source: dict[str, list[Sourced]] = defaultdict(list)
    for sourced in rows:
        by_source[sourced.source].append(sourced)
    relevant = [s for s in past if s in by_source or any(is_added(d.item) for d in past[s])]
    found = contexts(conn, sorted(relevant))
    out: list[tuple[tuple[str, int, int], dict[str, Any]]] = []
    for sourced in rows:
        if not reviewed and sourced.source not in found:
            out.append((_order(kind, sourced.row, sourced.key), sourced.row))
    for source, context in found.items():
        machine: dict[str, list[Sourced]] = defaultdict(list)
        for sourced in by_source.get(source, []):
            machine[item_key(kind, _entry(kind, sourced.row))].append(sourced)
        entries = [_entry(kind, s.row) for listed in machine.values() for s in listed]
        items = document_items(
            kind, entries, past[source], context.text, context.actors, deleted=context.deleted
        )
        for item in items:
            mine = machine[item.key].pop(0) if machine.get(item.key) else None
            row = _kept(kind, item, mine, context, where, reviewed=reviewed)
            if row is not None:
                out.append((_order(kind, row, context.key), row))
    out.sort(key=lambda pair: pair[0])
    return [row for _, row in out]


def edited_sources(conn: Connection, kind: str) -> list[str]:
    """The documents where a coder edited an item of ``kind``."""
    query = sa.select(decisions.c.document).where(
        decisions.c.kind == kind, decisions.c.action == "edit"
    )
    return list(conn.execute(query.distinct()).scalars())


def _decisions(conn: Connection, kind: str) -> dict[str, list[Decision]]:
    """Every decision on items of ``kind``, by document, oldest first."""
    query = sa.select(decisions).where(decisions.c.kind == kind).order_by(decisions.c.id)
    found: dict[str, list[Decision]] = defaultdict(list)
    for row in conn.execute(query):
        found[row.document].append(decision_of(row))
    return found


def _kept(
    kind: str,
    item: ReviewItem,
    machine: Sourced | None,
    context: Context,
    where: Filter,
    *,
    reviewed: bool,
) -> dict[str, Any] | None:
    """The row ``item`` shows as, or None when it is left out."""
    if item.status not in _KEEP[reviewed]:
        return None
    if machine is not None and not machine.matched and item.status != "edited":
        return None  # read only in case an edit made it match, and none did
    if machine is not None and item.status in ("unreviewed", "accepted"):
        return machine.row
    return _corrected(kind, item, context, where, matched=machine is None or machine.matched)


def _order(kind: str, row: Mapping[str, Any], key: int) -> tuple[str, int, int]:
    start = row["event"]["sentence_start"] if kind == "event" else row["start"]
    return (str(row["document"]), key, int(start))


def _entry(kind: str, row: Mapping[str, Any]) -> dict[str, Any]:
    if kind == "event":
        return dict(row["event"])
    return {k: v for k, v in row.items() if k not in _ROW_KEYS}


def _corrected(
    kind: str, item: ReviewItem, context: Context, where: Filter, *, matched: bool
) -> dict[str, Any] | None:
    """The row of ``item`` as corrected, or None when the filter does not match it."""
    if item.status == "added" and not _added_matches(kind, item, context, where):
        return None
    changed = set(item.decision.value) if item.decision and item.status == "edited" else set()
    if item.status == "added":
        changed = {*_ACTOR_FIELDS[kind], "concept"}
    if not matched and not _edit_decides(kind, changed, where):
        return None
    if where.actor and changed & set(_ACTOR_FIELDS[kind]) and not _actor_matches(kind, item, where):
        return None
    new_concept = kind == "statement" and changed & {"concept", "concept_label"}
    if where.concept and new_concept and not _concept_matches(item.current, where.concept):
        return None
    return _row(kind, item.current, context)


def _edit_decides(kind: str, changed: set[str], where: Filter) -> bool:
    """Whether an edit of ``changed`` fields changed everything the filter failed on."""
    actor_changed = bool(changed & set(_ACTOR_FIELDS[kind]))
    concept_changed = kind == "statement" and bool(changed & {"concept", "concept_label"})
    if where.actor and where.concept:
        return actor_changed and concept_changed
    return actor_changed if where.actor else concept_changed


def _added_matches(kind: str, item: ReviewItem, context: Context, where: Filter) -> bool:
    if where.concept and kind != "statement":
        return False  # an added quote or event has no statement coded from it
    day = (item.current.get("date") if kind == "event" else None) or context.date or ""
    if where.start and (not day or day[:10] < where.start[:10]):
        return False
    return not (where.stop and (not day or day[:10] > where.stop[:10]))


def _actor_matches(kind: str, item: ReviewItem, where: Filter) -> bool:
    match = where.match if isinstance(where, _Where) else None
    names = [item.current.get(k) for k in NAME_KEYS]
    return match is not None and any(match.matches(str(name)) for name in names if name)


def _concept_matches(current: Mapping[str, Any], concept: str) -> bool:
    wanted = concept.strip().lower()
    return wanted in (
        str(current.get("concept", "")).lower(),
        str(current.get("concept_label", "")).lower(),
    )


def _row(kind: str, current: Mapping[str, Any], context: Context) -> dict[str, Any]:
    head = {"document": context.doc_id, "date": context.date, "title": context.title}
    entry = {k: v for k, v in current.items() if k not in NAME_KEYS}
    if kind != "event":
        return {**head, _NAME[kind]: current.get(_NAME[kind]), **entry}
    document = Document(
        id=context.doc_id,
        text=context.text,
        title=context.title,
        date=context.date,
        url=context.url,
    )
    record = event_to_plover_record(event_from_dict(entry), Analysis(document, context.actors, ()))
    return {
        **head,
        "date": entry.get("date") or context.date,
        "source_name": current.get("source_name"),
        "target_name": current.get("target_name"),
        "event": entry,
        "record": record,
    }
