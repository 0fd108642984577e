"""What reviewing reads from the store: documents with their actors, machine items, decisions.

In: a connection and document sources (or row keys). Out: ``Context`` values (a document's key,
id, title, date, URL, text and actors with their mentions), the machine's JSON entries of one
kind per document, and the decision history per document, oldest first. Reads only. An actor
whose corpus actor a user deleted is left out of the actors (kept apart, as ``deleted``), and out
of the entries as an actor (``corpus.deleted``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..types import Actor
from .deleted import deleted_actors, without
from .review import Decision
from .schema import actors, aliases, decisions, documents, events, mentions, quotes, statements

__all__ = ["CHUNK", "Context", "contexts", "decision_of", "entries", "history"]

_T = TypeVar("_T")

_TABLES = {"quote": (quotes, quotes.c.start), "statement": (statements, statements.c.start)}
_TABLES["event"] = (events, events.c.sentence_start)


@dataclass(frozen=True, slots=True)
class Context:
    """An analysed document as reviewing needs it."""

    source: str
    key: int  # documents.id
    doc_id: str
    title: str | None
    date: str | None
    url: str | None
    text: str
    actors: tuple[Actor, ...]
    deleted: tuple[Actor, ...] = ()  # actors whose corpus actor a user deleted


CHUNK = 500  # documents per query: an IN list stays far below the databases' limits


def contexts(conn: Connection, sources: Sequence[str]) -> dict[str, Context]:
    """The analysed documents among ``sources``, by source."""
    if len(sources) > CHUNK:
        return {k: v for part in _chunks(sources) for k, v in contexts(conn, part).items()}
    if not sources:
        return {}
    c = documents.c
    rows = list(
        conn.execute(
            sa.select(c.source, c.id, c.doc_id, c.title, c.date, c.url, c.text).where(
                c.source.in_(list(sources)), c.status == "analysed"
            )
        )
    )
    keys = [int(row.id) for row in rows]
    found, gone = _actors(conn, keys), deleted_actors(conn, keys)
    split = {k: _split(found.get(k, []), gone.get(k, set())) for k in keys}
    return {
        row.source: Context(
            row.source, int(row.id), row.doc_id, row.title, row.date, row.url, row.text or "",
            *split[int(row.id)],
        )
        for row in rows
    }  # fmt: skip


def _split(listed: list[Actor], gone: set[str]) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """(the actors kept, the deleted ones)."""
    return tuple(a for a in listed if a.id not in gone), tuple(a for a in listed if a.id in gone)


def _actors(conn: Connection, keys: list[int]) -> dict[int, list[Actor]]:
    """The actors of these documents, with their aliases and mentions, in id order."""
    if not keys:
        return {}
    named: dict[tuple[int, str], list[str]] = defaultdict(list)
    for doc, actor, alias in conn.execute(
        sa.select(aliases.c.document, aliases.c.actor, aliases.c.alias)
        .where(aliases.c.document.in_(keys))
        .order_by(aliases.c.id)
    ):
        named[(doc, actor)].append(alias)
    spans: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)
    for doc, actor, start, end in conn.execute(
        sa.select(mentions.c.document, mentions.c.actor, mentions.c.start, mentions.c.end)
        .where(mentions.c.document.in_(keys))
        .order_by(mentions.c.id)
    ):
        spans[(doc, actor)].append((int(start), int(end)))
    found: dict[int, list[Actor]] = defaultdict(list)
    a = actors.c
    query = sa.select(a.document, a.actor, a.name, a.type, a.role, a.affiliation)
    for doc, actor, name, kind, role, affiliation in conn.execute(
        query.where(a.document.in_(keys))
    ):
        ident = (doc, actor)
        found[doc].append(
            Actor(actor, name, kind, tuple(named[ident]), tuple(spans[ident]), role, affiliation)
        )
    for listed in found.values():
        listed.sort(key=lambda actor: _actor_order(actor.id))
    return found


def _actor_order(actor_id: str) -> tuple[int, str]:
    digits = actor_id.lstrip("a")
    return (int(digits), actor_id) if digits.isdigit() else (1 << 30, actor_id)


def entries(conn: Connection, kind: str, keys: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """The machine's JSON entries of ``kind`` for documents ``keys``, in text order."""
    if len(keys) > CHUNK:
        return {k: v for part in _chunks(keys) for k, v in entries(conn, kind, part).items()}
    if not keys:
        return {}
    table, start = _TABLES[kind]
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    query = (
        sa.select(table.c.document, table.c.data)
        .where(table.c.document.in_(list(keys)))
        .order_by(table.c.document, start)
    )
    gone = deleted_actors(conn, list(keys))
    for doc, data in conn.execute(query):
        found[int(doc)].append(without(kind, json.loads(data), gone.get(int(doc), ())))
    return found


def history(conn: Connection, sources: Sequence[str]) -> dict[str, list[Decision]]:
    """Every decision on documents ``sources``, oldest first, by source."""
    if len(sources) > CHUNK:
        return {k: v for part in _chunks(sources) for k, v in history(conn, part).items()}
    if not sources:
        return {}
    query = (
        sa.select(decisions).where(decisions.c.document.in_(list(sources))).order_by(decisions.c.id)
    )
    found: dict[str, list[Decision]] = defaultdict(list)
    for row in conn.execute(query):
        decision = decision_of(row)
        found[decision.document].append(decision)
    return found


def decision_of(row: Any) -> Decision:
    """A ``Decision`` of a row of the ``decisions`` table."""
    loaded = json.loads(row.value)
    return Decision(
        id=int(row.id),
        document=row.document,
        kind=row.kind,
        item=row.item,
        action=row.action,
        value=loaded if isinstance(loaded, dict) else {},
        coder=row.coder,
        created=row.created,
        final=bool(row.final),
    )


def _chunks(items: Sequence[_T]) -> list[Sequence[_T]]:
    return [items[start : start + CHUNK] for start in range(0, len(items), CHUNK)]
