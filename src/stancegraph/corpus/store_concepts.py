"""The concepts of a store's statements, and the codebook edits they follow.

In: codebook edits (``corpus.codebook_edit.ConceptEdit``) and statement rows read from the
store. Out: the renames and merges recorded in ``corrections`` (``concept_rename``,
``concept_merge``), the concept names they give (``concept_names``), statement rows with them
applied (``follow``; a concept filter matches the new names, ``renamed_into``), and each
concept's statement count.

The store has no concept table: a concept lives only in the statements coded to it (their
``concept`` id and ``concept_label``), and review decisions find a machine statement by a key
that holds its concept id. So the stored rows stay as the machine coded them, and the edits are
recorded and applied when statements are read (``StoreQueries.statements`` and everything built
on it: queries, networks, exports, the network page). A document analysed again needs nothing
more, its decisions still find their statements, and a later edit of the same concept composes
with the earlier ones (a rename of a concept already merged into another moves both).
Adding and nesting concepts change the codebook only, so they are not recorded here.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .codebook_edit import ConceptEdit
from .schema import corrections, statements
from .store_base import StoreBase, StoreError, now, to_json

__all__ = ["ConceptNames", "StoreConcepts", "concept_names", "follow", "renamed_into"]

ConceptNames = Mapping[str, tuple[str, str]]  # stored concept id -> (id, label) to show
_KINDS = {"rename": "concept_rename", "merge": "concept_merge"}


class StoreConcepts(StoreBase):
    """The concept part of the store."""

    def record_concept_edit(self, edit: ConceptEdit) -> bool:
        """Record a rename or merge so statements coded to the concept follow it; return
        whether anything was recorded (adding and nesting touch no statement)."""
        kind = _KINDS.get(edit.kind)
        if kind is None:
            return False
        payload = {"concept": edit.concept, "id": edit.id, "label": edit.label}
        with self._write() as conn:
            conn.execute(
                corrections.insert().values(kind=kind, payload=to_json(payload), created=now())
            )
        return True

    def check_new_concept(self, concept_id: str) -> None:
        """Refuse a new concept with an id that an edit renamed or merged away: the store would
        show its statements under the concept that id became."""
        with self.engine.connect() as conn:
            moved = concept_names(conn).get(concept_id)
        if moved is not None and moved[0] != concept_id:
            raise StoreError(
                f"concept id {concept_id!r} was renamed or merged into {moved[0]!r} in this "
                "store (its statements show there): choose another id"
            )

    def concept_counts(self) -> Counter[str]:
        """How many statements each concept id has, with the recorded edits applied."""
        query = sa.select(statements.c.concept, sa.func.count()).group_by(statements.c.concept)
        with self.engine.connect() as conn:
            names = concept_names(conn)
            rows = list(conn.execute(query))
        counts: Counter[str] = Counter()
        for concept, n in rows:
            counts[names.get(concept, (concept, ""))[0]] += int(n)
        return counts


def concept_names(conn: Connection) -> dict[str, tuple[str, str]]:
    """What each renamed or merged concept id is now: stored id -> (id, label), edits composed
    in the order they were made."""
    query = (
        sa.select(corrections.c.payload)
        .where(corrections.c.kind.in_(tuple(_KINDS.values())))
        .order_by(corrections.c.id)
    )
    names: dict[str, tuple[str, str]] = {}
    for (payload,) in conn.execute(query):
        edit = json.loads(payload)
        old, now_is = edit["concept"], (edit["id"], edit["label"])
        for stored, (current, _label) in list(names.items()):
            if current == old:
                names[stored] = now_is
        names[old] = now_is
    return names


def follow(
    rows: Iterable[dict[str, Any]], names: ConceptNames, *, concept: str | None = None
) -> list[dict[str, Any]]:
    """Statement rows with the concept id and label the recorded edits give them; with
    ``concept`` (a filter's id or label), only the rows whose concept it still names."""
    wanted = concept.strip().casefold() if concept else None
    out = []
    for row in rows:
        found = names.get(str(row.get("concept")))
        if found is not None:
            row = {**row, "concept": found[0], "concept_label": found[1]}
            if wanted is not None and wanted not in (found[0].casefold(), found[1].casefold()):
                continue  # the filter named the concept this one was before the edit
        out.append(row)
    return out


def renamed_into(names: ConceptNames, concept: str) -> tuple[str, ...]:
    """The stored concept ids that the edits turned into ``concept`` (an id or a label)."""
    wanted = concept.strip().casefold()
    return tuple(
        sorted(
            old
            for old, (now_id, label) in names.items()
            if wanted in (now_id.casefold(), label.casefold())
        )
    )
