"""The store's coders part: coders with their roles and password hashes, and assignments.

In: coder names, roles and passwords (checked and hashed by ``corpus.coders``), document
sources and an assignment plan (``corpus.assign``). Out: ``Coder`` values (never a hash), the
coder a name and password sign in as (or None), which documents each coder codes, whether a
coder may decide on a document, and a coder's queue (``QueueRow``: their documents and how far
they are). Rows live in the tables ``coders`` and ``assignments`` (migration 0006).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from .assign import plan
from .coders import (
    Coder,
    CoderError,
    check_name,
    check_role,
    hash_password,
    verify_password,
)
from .review import review_state
from .review_context import history
from .schema import assignments, coders, documents
from .store_base import StoreBase, now

__all__ = ["QueueRow", "StoreCoders"]

# Checked when a name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = hash_password("no such coder, no such password")


@dataclass(frozen=True, slots=True)
class QueueRow:
    """A document assigned to a coder, and the coder's own review state of it."""

    source: str
    title: str | None
    state: str  # unreviewed, in progress or done (the coder's own decisions only)
    coders: tuple[str, ...]  # everyone the document is assigned to


class StoreCoders(StoreBase):
    """The coders part of the store."""

    def add_coder(self, name: str, role: str, password: str) -> Coder:
        """A new coder; a ``CoderError`` when the name is taken or anything is malformed."""
        who, kind = check_name(name), check_role(role)
        hashed = hash_password(password)
        with self._write() as conn:
            if _row(conn, who) is not None:
                raise CoderError("a coder of that name exists already", source=who)
            created = now()
            row = {"name": who, "role": kind, "password": hashed, "created": created}
            conn.execute(coders.insert().values(**row))
        return Coder(who, kind, created)

    def coders(self) -> list[Coder]:
        """Every coder, by name, with how many documents each is assigned."""
        counted = (
            sa.select(assignments.c.coder, sa.func.count().label("n"))
            .group_by(assignments.c.coder)
            .subquery()
        )
        query = (
            sa.select(coders.c.name, coders.c.role, coders.c.created, counted.c.n)
            .outerjoin(counted, counted.c.coder == coders.c.name)
            .order_by(coders.c.name)
        )
        with self.engine.connect() as conn:
            return [Coder(r.name, r.role, r.created, int(r.n or 0)) for r in conn.execute(query)]

    def coder(self, name: str) -> Coder:
        """The coder called ``name``; a ``CoderError`` ("no such coder") when there is none."""
        who = name.strip() if isinstance(name, str) else ""
        with self.engine.connect() as conn:
            row = _row(conn, who) if who else None
            if row is None:
                raise CoderError("no such coder", source=name)
            count = sa.select(sa.func.count()).where(assignments.c.coder == who)
            return Coder(row.name, row.role, row.created, int(conn.execute(count).scalar() or 0))

    def has_coders(self) -> bool:
        """Whether any coder is set up (else the workbench has one user and no sign-in)."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(coders.c.name).limit(1)).first() is not None

    def remove_coder(self, name: str) -> None:
        """Remove a coder and their assignments; their decisions stay, under their name."""
        who = self.coder(name).name
        with self._write() as conn:
            conn.execute(assignments.delete().where(assignments.c.coder == who))
            conn.execute(coders.delete().where(coders.c.name == who))

    def set_password(self, name: str, password: str) -> None:
        who = self.coder(name).name
        hashed = hash_password(password)
        with self._write() as conn:
            conn.execute(coders.update().where(coders.c.name == who).values(password=hashed))

    def set_role(self, name: str, role: str) -> None:
        who, kind = self.coder(name).name, check_role(role)
        with self._write() as conn:
            conn.execute(coders.update().where(coders.c.name == who).values(role=kind))

    def authenticate(self, name: str, password: str) -> Coder | None:
        """The coder that ``name`` and ``password`` sign in as, or None (same time either way)."""
        who = name.strip() if isinstance(name, str) else ""
        with self.engine.connect() as conn:
            row = _row(conn, who) if who else None
        if row is None:
            verify_password(_DUMMY_HASH, password)
            return None
        if not verify_password(row.password, password):
            return None
        return Coder(row.name, row.role, row.created)

    # -- assignments --------------------------------------------------------------------------

    def assign(
        self, names: Sequence[str], *, overlap: float = 0.0, seed: int = 0
    ) -> dict[str, tuple[str, ...]]:
        """Split the analysed documents nobody is assigned yet among ``names``; return the plan.

        Every name must be a coder of role coder or admin (a viewer does not code).
        """
        chosen = [self.coder(name) for name in names]
        for c in chosen:
            if c.role == "viewer":
                raise CoderError("a viewer codes nothing: give them the role coder", source=c.name)
        with self.engine.connect() as conn:
            taken = set(conn.execute(sa.select(assignments.c.document).distinct()).scalars())
            analysed = conn.execute(
                sa.select(documents.c.source).where(documents.c.status == "analysed")
            ).scalars()
            free = [source for source in analysed if source not in taken]
        planned = plan(free, [c.name for c in chosen], overlap=overlap, seed=seed)
        self.assign_documents(planned)
        return planned

    def assign_documents(self, planned: Mapping[str, Sequence[str]]) -> None:
        """Record ``planned`` (source -> coders), keeping assignments already made."""
        created = now()
        with self._write() as conn:
            for source, names in planned.items():
                for name in names:
                    if _assigned(conn, source, name):
                        continue
                    row = {"document": source, "coder": name, "created": created}
                    conn.execute(assignments.insert().values(**row))

    def assignments(self) -> dict[str, tuple[str, ...]]:
        """Source -> the coders it is assigned to (by name), for every assigned document."""
        query = sa.select(assignments).order_by(assignments.c.document, assignments.c.coder)
        out: dict[str, list[str]] = defaultdict(list)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                out[row.document].append(row.coder)
        return {source: tuple(names) for source, names in out.items()}

    def may_code(self, name: str, source: str) -> bool:
        """Whether ``name`` may decide on ``source``: it is assigned to them, or to nobody."""
        query = sa.select(assignments.c.coder).where(assignments.c.document == source)
        with self.engine.connect() as conn:
            names = set(conn.execute(query).scalars())
        return not names or name in names

    def queue(self, name: str) -> list[QueueRow]:
        """The documents assigned to ``name``: what is left first, then what they marked done."""
        who = self.coder(name).name
        mine = sa.select(assignments.c.document).where(assignments.c.coder == who)
        query = (
            sa.select(documents.c.source, documents.c.title)
            .where(documents.c.source.in_(mine))
            .order_by(documents.c.id)
        )
        everyone = self.assignments()
        with self.engine.connect() as conn:
            rows = list(conn.execute(query))
            past = history(conn, [r.source for r in rows])
        listed = [
            QueueRow(
                r.source,
                r.title,
                review_state([d for d in past.get(r.source, []) if d.coder == who]),
                everyone.get(r.source, ()),
            )
            for r in rows
        ]
        return sorted(listed, key=lambda row: row.state == "done")


def _row(conn: sa.Connection, name: str) -> sa.Row[tuple[object, ...]] | None:
    return conn.execute(sa.select(coders).where(coders.c.name == name)).first()


def _assigned(conn: sa.Connection, source: str, name: str) -> bool:
    query = sa.select(assignments.c.coder).where(
        assignments.c.document == source, assignments.c.coder == name
    )
    return conn.execute(query).first() is not None
