"""The corpus store: analyses kept in a database, one transaction per document.

In: a database URL (default: SQLite in ``stancegraph.db`` of the working directory, or the
``STANCEGRAPH_DB`` environment variable; PostgreSQL as ``postgresql+psycopg://...`` with the
``postgres`` extra) and ``Analysis`` objects or read failures. Out: a ``Store``, whose rows live
in the tables ``documents``, ``actors``, ``aliases``, ``mentions``, ``quotes``, ``statements``,
``events``, ``runs``, ``corrections``, ``decisions``, ``coders`` and ``assignments``
(``corpus.schema``), and query results as plain dicts or DataFrames.

``open_store`` runs a quick integrity check and brings the schema up to date with the Alembic
migrations of ``corpus/migrations`` before anything else; from then on every database error is
a ``StoreError`` naming the store. A ``Store`` is six parts over one engine:
writing (``corpus.store_writes``: a document is keyed by its ``source``, the canonical key
``corpus.keys`` gives it, and storing it again replaces all its rows in one transaction, so a
document is either stored complete or not at all), queries (``corpus.store_queries``), the corpus actors with the
corrections users make to them (``corpus.store_actors``), the review decisions of coders
(``corpus.store_review``) and their agreement (``corpus.store_agreement``), the coders with their roles and assignments
(``corpus.store_coders``), and the codebook edits statements follow (``corpus.store_concepts``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from .store_actors import StoreActors
from .store_agreement import StoreAgreement
from .store_base import StoreError, name_errors
from .store_base import reason as _reason
from .store_coders import StoreCoders
from .store_concepts import StoreConcepts
from .store_queries import QueryFilter, StoreQueries, StoreStatus
from .store_writes import StoreWrites, content_hash

__all__ = [
    "BACKENDS",
    "DEFAULT_DB",
    "ENV_DB",
    "QueryFilter",
    "StoreError",
    "StoreStatus",
    "Store",
    "content_hash",
    "database_url",
    "open_store",
]

DEFAULT_DB = "stancegraph.db"  # in the working directory
BACKENDS = ("sqlite", "postgresql")  # the databases the store runs on
ENV_DB = "STANCEGRAPH_DB"
BUSY_SECONDS = 30.0  # how long a SQLite write waits for another writer by default


class Store(StoreWrites, StoreQueries, StoreActors, StoreAgreement, StoreCoders, StoreConcepts):
    """One corpus database. Writes commit per document; reads return plain values."""


# -- opening -----------------------------------------------------------------------------------


def database_url(url: str | None = None) -> str:
    """``url``, else ``$STANCEGRAPH_DB``, else SQLite in ``./stancegraph.db``.

    A bare path (no ``://``) is a SQLite file.
    """
    chosen = url or os.environ.get(ENV_DB) or DEFAULT_DB
    if "://" not in chosen:
        return f"sqlite:///{Path(chosen).resolve()}"
    return chosen


def _busy_timeout(seconds: float) -> Any:
    """A connect listener setting SQLite's wait for a lock to ``seconds``."""

    def set_timeout(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA busy_timeout={max(0, round(seconds * 1000))}")

    return set_timeout


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _migrate(engine: Engine, name: str) -> None:
    """Bring the schema to the latest migration, all of it or (on any error) none of it."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    if _up_to_date(engine, config):
        return  # the usual case: no write lock is taken just to open a store
    migrating = _transactional_ddl(engine, name)
    try:
        with migrating.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        if migrating is not engine:
            migrating.dispose()


def _up_to_date(engine: Engine, config: Any) -> bool:
    """Whether the store's schema is already at the latest migration (read, no lock taken)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as conn:
        return bool(MigrationContext.configure(conn).get_current_revision() == head)


def _transactional_ddl(engine: Engine, name: str) -> Engine:
    """``engine`` itself, or for SQLite a copy whose transactions hold DDL too.

    Python's sqlite3 opens a transaction only before INSERT, UPDATE or DELETE, so each CREATE
    TABLE of a migration commits on its own and a migration cut short (a full disk) leaves a
    half-made schema that no later run can finish. The copy lets SQLite itself open the
    transaction, with BEGIN IMMEDIATE, which also makes a second process creating the same store
    wait and then find it made.
    """
    if engine.dialect.name != "sqlite":
        return engine
    copy = sa.create_engine(engine.url, poolclass=sa.pool.NullPool)
    sa.event.listen(copy, "connect", _sqlite_pragmas)
    sa.event.listen(copy, "connect", _busy_timeout(BUSY_SECONDS))
    sa.event.listen(copy, "connect", _sqlite_leaves_transactions_alone)
    sa.event.listen(copy, "begin", _begin_immediate)
    name_errors(copy, name)
    return copy


def _sqlite_leaves_transactions_alone(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None


def _begin_immediate(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _check(engine: Engine, name: str) -> None:
    """A quick integrity check: SQLite's ``quick_check``, elsewhere a trivial query."""
    with engine.connect() as conn:
        if engine.dialect.name != "sqlite":
            conn.execute(sa.text("SELECT 1"))
            return
        problems = [str(row[0]) for row in conn.exec_driver_sql("PRAGMA quick_check")]
    if problems != ["ok"]:
        first = " ".join(problems[0].split())[:200] if problems else "no answer"
        raise StoreError(f"the database file is corrupt (quick_check: {first})", source=name)


def _sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, or None for another database or an in-memory one."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def open_store(
    url: str | None = None, *, create: bool = True, busy_seconds: float = BUSY_SECONDS
) -> Store:
    """Open (migrating as needed) the store at ``url`` (see ``database_url``).

    On SQLite a write waits up to ``busy_seconds`` for another writer (an ingest) before it
    fails as busy; an interactive server waits less and lets its client retry.

    With ``create=False`` (commands that only read) a SQLite file that does not exist, or is
    empty, is an error instead of a new, empty store.
    """
    target = database_url(url)
    path = _sqlite_path(target) if not create else None
    if path is not None and not path.is_file():
        raise StoreError("no such store (nothing has been ingested there)", source=str(path))
    if path is not None and path.stat().st_size == 0:
        raise StoreError(
            "an empty file, not a store (nothing has been ingested there)", source=str(path)
        )
    try:
        backend = sa.engine.make_url(target).get_backend_name()
        if backend not in BACKENDS:
            raise StoreError(
                f"not a database URL the store can use ({backend}): it supports SQLite and "
                "PostgreSQL only",
                source=_safe(target),
            )
        engine = sa.create_engine(target)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as err:
        raise StoreError(f"not a database URL ({err})", source=target) from err
    except ModuleNotFoundError as err:  # the PostgreSQL driver
        hint = "install the postgres extra: pip install -e '.[postgres]'"
        raise StoreError(f"no driver {err.name!r}; {hint}", source=target) from err
    name = str(_sqlite_path(target) or _safe(target))
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "connect", _busy_timeout(busy_seconds))
    name_errors(engine, name)
    try:
        _check(engine, name)
        _migrate(engine, name)
    except sa.exc.SQLAlchemyError as err:
        engine.dispose()
        raise StoreError(f"cannot open the database ({_reason(err)})", source=name) from err
    except StoreError:
        engine.dispose()
        raise
    store = Store(engine)
    store.link_stored_actors()
    return store


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return sa.engine.make_url(url).render_as_string(hide_password=True)
