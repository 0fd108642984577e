"""Which stored actors an ``--actor NAME`` filter means.

In: the name a user typed and, to settle how it matches, a connection to the store. Out: an
``ActorMatch`` whose SQL conditions (``sql_text`` over a name column, ``sql_key`` over a corpus
key column) and Python test (``matches``) every query shares.

The rule: when a corpus actor's name or one of its name variants (the folded names and aliases
its documents gave it) *is* the name (case and spacing aside, or the same folded key), only
exact names match ("US" finds the United States); otherwise a name matches where it appears as whole words ("Brandt" finds "Helena
Brandt"). A name never matches inside a word: "US" does not find "Business Insider".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .actors import fold_name
from .schema import corpus_actors, corpus_keys

__all__ = ["ActorMatch", "settle"]


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """A typed actor name and whether it matches exactly or as whole words."""

    text: str  # lower case, single spaces
    key: str  # folded (corpus keys)
    exact: bool

    def sql_text(self, column: sa.ColumnElement[Any]) -> sa.ColumnElement[bool]:
        """``column`` (a name) is the name, or holds it as whole words."""
        return _sql(sa.func.lower(column), self.text, exact=self.exact)

    def sql_key(self, column: sa.ColumnElement[Any]) -> sa.ColumnElement[bool]:
        """``column`` (a folded corpus key) is the name's key, or holds it as whole words."""
        return _sql(column, self.key, exact=self.exact) if self.key else sa.false()

    def matches(self, name: str | None) -> bool:
        """The same test in Python, for a name read from a row."""
        if not name or not self.text:
            return False
        words = " ".join(name.lower().split())
        if self.exact:
            return words == self.text or (bool(self.key) and fold_name(name) == self.key)
        return f" {self.text} " in f" {words} " or (
            bool(self.key) and f" {self.key} " in f" {fold_name(name)} "
        )


def _sql(column: sa.ColumnElement[Any], wanted: str, *, exact: bool) -> sa.ColumnElement[bool]:
    if exact:
        return column == wanted
    escaped = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return sa.or_(
        column == wanted,
        column.like(f"{escaped} %", escape="\\"),
        column.like(f"% {escaped}", escape="\\"),
        column.like(f"% {escaped} %", escape="\\"),
    )


def settle(conn: Connection, name: str) -> ActorMatch:
    """How ``name`` matches in this store: exactly when something in it bears the name."""
    text = " ".join(name.lower().split())
    key = fold_name(name)
    probe = ActorMatch(text, key, exact=True)
    found = (
        sa.select(corpus_actors.c.id).where(probe.sql_text(corpus_actors.c.name)).limit(1),
        sa.select(corpus_keys.c.corpus_actor).where(probe.sql_key(corpus_keys.c.key)).limit(1),
    )
    exact = any(conn.execute(query).first() is not None for query in found)
    return ActorMatch(text, key, exact=exact)
