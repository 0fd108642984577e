"""What every part of the corpus store shares: the engine, transactions and the store's error.

In: a SQLAlchemy engine (made by ``stancegraph.corpus.store.open_store``). Out:
``StoreBase``, which the writing, query and corpus-actor parts of
``Store`` extend, and ``StoreError``, the one error a
database problem becomes.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, Self

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..errors import StancegraphError

__all__ = ["StoreBase", "StoreError", "name_errors"]


class StoreError(StancegraphError):
    """The database cannot be opened, migrated or written."""

    exit_code = 2


class StoreBase:
    """One corpus database: its engine, its URL, and one transaction per write."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> str:
        """The database URL, without its password."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _write(self) -> _Transaction:
        return _Transaction(self.engine)


class _Transaction:
    """``with store._write() as conn``: one transaction; database errors become StoreError."""

    def __init__(self, engine: Engine) -> None:
        self._context = engine.begin()

    def __enter__(self) -> Connection:
        try:
            return self._context.__enter__()
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(f"cannot write to the database ({reason(err)})") from err

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> None:
        try:
            self._context.__exit__(kind, value, traceback)
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(f"cannot write to the database ({reason(err)})") from err
        if isinstance(value, sa.exc.SQLAlchemyError):
            raise StoreError(f"cannot write to the database ({reason(value)})") from value


def name_errors(engine: Engine, name: str) -> None:
    """Make every database error on ``engine`` a ``StoreError`` naming the store ``name``.

    The message says what failed (opening, reading or writing) and the database's own reason,
    e.g. ``corpus.db: cannot write to the database (database or disk is full)``.
    """

    def translate(context: sa.engine.ExceptionContext) -> None:
        original = context.original_exception
        if not isinstance(original, Exception) or isinstance(original, StoreError):
            return
        statement = (context.statement or "").lstrip().upper()
        if context.connection is None or not statement:
            doing = "cannot open the database"
        elif statement.startswith(("SELECT", "PRAGMA", "WITH")):
            doing = "cannot read the database"
        else:
            doing = "cannot write to the database"
        detail = " ".join(str(original).split())[:200] or type(original).__name__
        raise StoreError(f"{doing} ({detail})", source=name) from original

    sa.event.listen(engine, "handle_error", translate)


def reason(err: sa.exc.SQLAlchemyError) -> str:
    """The database's own message of ``err``, on one line and at most 200 characters."""
    inner = getattr(err, "orig", None) or err
    return " ".join(str(inner).split())[:200]


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def to_json(value: Any) -> str:
    """``value`` as the JSON text the store keeps (keys sorted, non-ASCII kept)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
