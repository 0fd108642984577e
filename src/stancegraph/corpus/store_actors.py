"""The corpus actors of a store: listing them, and the corrections a user makes to them.

In: corpus actor names (and an alias, a new name or a type). Out: listings and details as plain
dicts; merges, splits, renames, retypes and deletions applied in one transaction each and
recorded in ``corrections``, so they are applied again when documents are analysed again. The
rules that join name variants into corpus actors are ``stancegraph.corpus.actors``; this is the
store's door to them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.engine import Connection

from .actors import (
    delete,
    details,
    link_stored,
    listing,
    merge,
    prune,
    rename,
    retype,
    split,
    unlinked_documents,
)
from .schema import corrections
from .store_base import StoreBase, now, to_json

__all__ = ["StoreActors"]


class StoreActors(StoreBase):
    """The corpus-actor part of the store."""

    def corpus_actors(self) -> list[dict[str, Any]]:
        """Every corpus actor with documents: name, type, documents, mentions."""
        with self.engine.connect() as conn:
            return listing(conn)

    def corpus_actor(self, name: str) -> dict[str, Any]:
        """One corpus actor: name, type, aliases, roles, affiliations, documents."""
        with self.engine.connect() as conn:
            return details(conn, name)

    def link_stored_actors(self) -> int:
        """Link actors stored before corpus actors existed, one transaction per document."""
        with self.engine.connect() as conn:
            todo = unlinked_documents(conn)
        for document in todo:
            with self._write() as conn:
                link_stored(conn, document)
        return len(todo)

    def prune_corpus_actors(self) -> int:
        """Delete corpus actors no document actor links to any more (unless a user named them).

        Analysing documents again can move their actors to other corpus actors; the ones left
        behind would otherwise linger unlinked. Returns how many were deleted.
        """
        with self._write() as conn:
            return prune(conn)

    def merge_actors(self, into: str, other: str) -> tuple[str, str]:
        """Merge corpus actor ``other`` into ``into`` and record the correction."""
        with self._write() as conn:
            names = merge(conn, into, other)
            _record(conn, "actor_merge", {"into": into, "other": other})
        return names

    def split_actor(self, name: str, alias: str) -> str:
        """Make ``alias`` of corpus actor ``name`` its own corpus actor; record it."""
        with self._write() as conn:
            old = split(conn, name, alias)
            _record(conn, "actor_split", {"actor": name, "alias": alias})
        return old

    def rename_actor(self, name: str, new: str) -> str:
        """Rename corpus actor ``name`` to ``new``; record it."""
        with self._write() as conn:
            old = rename(conn, name, new)
            _record(conn, "actor_rename", {"actor": name, "name": new})
        return old

    def retype_actor(self, name: str, kind: str) -> str:
        """Give corpus actor ``name`` the actor type ``kind`` (person, organization...); record it."""
        with self._write() as conn:
            old = retype(conn, name, kind)
            _record(conn, "actor_retype", {"actor": name, "type": kind})
        return old

    def delete_actor(self, name: str) -> str:
        """Delete corpus actor ``name``: it leaves listings, and its quotes, statements and event
        participants lose it as their actor (``corpus.deleted``); record it. Returns its name.

        Its row and keys stay, so the actors that resolve to it when documents are analysed
        again stay deleted.
        """
        with self._write() as conn:
            old = delete(conn, name)
            _record(conn, "actor_delete", {"actor": name})
        return old


def _record(conn: Connection, kind: str, payload: Mapping[str, Any]) -> None:
    """Record a correction inside the transaction that applied it."""
    conn.execute(
        corrections.insert().values(kind=kind, payload=to_json(dict(payload)), created=now())
    )
