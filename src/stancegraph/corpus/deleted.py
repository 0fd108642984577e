"""Deleted corpus actors as reading sees them: no actor of a quote, statement or event.

In: document keys (``documents.id``) on a connection, or one machine JSON entry of a quote,
statement or event (or an event's PLOVER record) and the ids of its document's deleted actors.
Out: the document actors linked to a corpus actor a user deleted (``corpus.actors.delete``), per
document, or as a SQL condition; and entries without them: a quote loses its speaker, a
statement its actor, an event participant its actor (the participant keeps its text), and the
names shown with them go too. The quote's text and the participant's text stay.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .schema import actor_links as al
from .schema import corpus_actors as ca

__all__ = ["deleted_actors", "is_deleted", "record_without", "without"]

_CHUNK = 500


def is_deleted(
    document: sa.ColumnElement[Any], actor: sa.ColumnElement[Any]
) -> sa.ColumnElement[bool]:
    """Whether this document actor is linked to a deleted corpus actor (a SQL condition)."""
    return sa.exists().where(
        al.c.document == document,
        al.c.actor == actor,
        ca.c.id == al.c.corpus_actor,
        ca.c.deleted == sa.true(),
    )


def deleted_actors(conn: Connection, keys: Sequence[int]) -> dict[int, set[str]]:
    """The ids of the document actors linked to a deleted corpus actor, by document key."""
    found: dict[int, set[str]] = defaultdict(set)
    for start in range(0, len(keys), _CHUNK):
        query = (
            sa.select(al.c.document, al.c.actor)
            .join(ca, ca.c.id == al.c.corpus_actor)
            .where(ca.c.deleted == sa.true(), al.c.document.in_(list(keys[start : start + _CHUNK])))
        )
        for document, actor in conn.execute(query):
            found[int(document)].add(actor)
    return dict(found)


def without(kind: str, entry: Mapping[str, Any], gone: Collection[str]) -> dict[str, Any]:
    """A copy of the ``kind`` entry without the actors ``gone`` (see the module)."""
    out = dict(entry)
    if not gone:
        return out
    if kind == "quote" and out.get("speaker") in gone:
        out["speaker"] = None
        if "speaker_name" in out:
            out["speaker_name"] = None
    elif kind == "statement" and out.get("actor") in gone:
        out["actor"] = None
        if "actor_name" in out:
            out["actor_name"] = None
    elif kind == "event":
        for role in ("source", "target"):
            who = out.get(role)
            if isinstance(who, Mapping) and who.get("actor") in gone:
                out[role] = {**who, "actor": None}
                if f"{role}_name" in out:
                    out[f"{role}_name"] = None
    return out


def record_without(record: Mapping[str, Any], gone: Collection[str]) -> dict[str, Any]:
    """A PLOVER record (``formats.plover``) whose entities of actors ``gone`` name no actor."""
    out = dict(record)
    for role in ("actor", "recipient"):
        entities = out.get(role)
        if isinstance(entities, list):
            out[role] = [_entity_without(e, gone) for e in entities]
    return out


def _entity_without(entity: Any, gone: Collection[str]) -> Any:
    if not isinstance(entity, Mapping) or entity.get("identifierId") not in gone:
        return entity
    return {**entity, "entityName": None, "identifierId": None, "office": None}
