"""The corpus store: analyses kept in a database, one transaction per document.

In: a database URL (default: SQLite in ``stancegraph.db`` of the working directory, or the
``STANCEGRAPH_DB`` environment variable; PostgreSQL as ``postgresql+psycopg://...`` with the
``postgres`` extra) and ``Analysis`` objects or read failures. Out: rows
in the tables ``documents``, ``actors``, ``aliases``, ``mentions``, ``quotes``, ``statements``,
``events``, ``runs`` and ``corrections``, and query results as plain dicts.

``open_store`` brings the schema up to date with the Alembic migrations of
``stancegraph.migrations`` before anything else. A document is keyed by its ``source`` (the path,
and row, it was read from); storing it again replaces all its rows in one transaction, so a
document is either stored complete or not at all.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..errors import StancegraphError
from ..formats.contract import analysis_to_dict
from ..types import Actor, Analysis, Document, Statement
from .actors import (
    details,
    fold_name,
    link_actors,
    link_stored,
    listing,
    merge,
    reapply,
    rename,
    split,
    unlinked_documents,
)
from .schema import (
    actor_links,
    actors,
    aliases,
    corpus_actors,
    corpus_keys,
    corrections,
    documents,
    events,
    mentions,
    metadata,
    quotes,
    runs,
    statements,
)

__all__ = [
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
ENV_DB = "STANCEGRAPH_DB"


class StoreError(StancegraphError):
    """The database cannot be opened, migrated or written."""

    exit_code = 2


# -- opening -----------------------------------------------------------------------------------


def database_url(url: str | None = None) -> str:
    """``url``, else ``$STANCEGRAPH_DB``, else SQLite in ``./stancegraph.db``.

    A bare path (no ``://``) is a SQLite file.
    """
    chosen = url or os.environ.get(ENV_DB) or DEFAULT_DB
    if "://" not in chosen:
        return f"sqlite:///{Path(chosen).resolve()}"
    return chosen


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, or None for another database or an in-memory one."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open (migrating as needed) the store at ``url`` (see ``database_url``).

    With ``create=False`` (commands that only read) a SQLite file that does not exist is an
    error instead of a new, empty store.
    """
    target = database_url(url)
    path = _sqlite_path(target) if not create else None
    if path is not None and not path.is_file():
        raise StoreError("no such store (nothing has been ingested there)", source=str(path))
    try:
        engine = sa.create_engine(target)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as err:
        raise StoreError(f"not a database URL ({err})", source=target) from err
    except ModuleNotFoundError as err:  # the PostgreSQL driver
        hint = "install the postgres extra: pip install -e '.[postgres]'"
        raise StoreError(f"no driver {err.name!r}; {hint}", source=target) from err
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    try:
        _migrate(engine)
    except sa.exc.SQLAlchemyError as err:
        engine.dispose()
        raise StoreError(
            f"cannot open the database ({_reason(err)})", source=_safe(target)
        ) from err
    store = Store(engine)
    store.link_stored_actors()
    return store


def _reason(err: sa.exc.SQLAlchemyError) -> str:
    inner = getattr(err, "orig", None) or err
    return " ".join(str(inner).split())[:200]


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return sa.engine.make_url(url).render_as_string(hide_password=True)


# -- values ------------------------------------------------------------------------------------


def content_hash(document: Document) -> str:
    """SHA-256 of what an analysis depends on: id, text, title, date, url and metadata."""
    payload = json.dumps(
        [document.id, document.text, document.title, document.date, document.url, document.meta],
        sort_keys=True,
        ensure_ascii=False,
        default=dict,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True, slots=True)
class StoreStatus:
    """What a store holds."""

    documents: int
    analysed: int
    failed: int
    actors: int
    quotes: int
    statements: int
    events: int
    runs: int
    failures: tuple[tuple[str, str], ...]  # (source, reason) of every failed document


@dataclass(frozen=True, slots=True)
class QueryFilter:
    """Restricts a query; every field set must match (case-insensitive names and concepts)."""

    actor: str | None = None  # a part of an actor's name or of one of its aliases
    concept: str | None = None  # a concept id or label
    start: str | None = None  # first day (YYYY-MM-DD) included
    stop: str | None = None  # last day included


# -- the store ---------------------------------------------------------------------------------


class Store:
    """One corpus database. Writes commit per document; reads return plain values."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> str:
        """The database URL, without its password."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- runs and states

    def start_run(self, *, extractor: str, settings: Mapping[str, Any]) -> int:
        """Record the start of an ingest run; return its id."""
        with self._write() as conn:
            result = conn.execute(
                runs.insert().values(
                    started=_now(),
                    extractor=extractor,
                    settings=_json(dict(settings)),
                    documents=0,
                    analysed=0,
                    skipped=0,
                    failed=0,
                )
            )
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    def finish_run(
        self, run: int, *, documents: int, analysed: int, skipped: int, failed: int
    ) -> None:
        with self._write() as conn:
            conn.execute(
                runs.update()
                .where(runs.c.id == run)
                .values(
                    finished=_now(),
                    documents=documents,
                    analysed=analysed,
                    skipped=skipped,
                    failed=failed,
                )
            )

    def states(self) -> dict[str, tuple[str | None, str, str]]:
        """Every stored document's source -> (content hash, extractor version, status)."""
        query = sa.select(
            documents.c.source, documents.c.content_hash, documents.c.extractor, documents.c.status
        )
        with self.engine.connect() as conn:
            return {row[0]: (row[1], row[2], row[3]) for row in conn.execute(query)}

    # -- writes

    def put_analysis(self, analysis: Analysis, *, extractor: str, run: int | None = None) -> None:
        """Store one analysis (replacing what its source held) in one transaction."""
        from ..formats.contract import event_to_dict
        from ..formats.plover import event_to_plover_record

        doc = analysis.document
        with self._write() as conn:
            key = self._replace_document(
                conn,
                doc,
                status="analysed",
                error=None,
                extractor=extractor,
                run=run,
                counts=(
                    len(analysis.actors),
                    len(analysis.quotes),
                    len(analysis.statements),
                    len(analysis.events),
                ),
            )
            data = analysis_to_dict(analysis)
            if analysis.actors:
                conn.execute(
                    actors.insert(),
                    [
                        {
                            "document": key,
                            "actor": a.id,
                            "name": a.name,
                            "type": a.type,
                            "role": a.role,
                            "affiliation": a.affiliation,
                        }
                        for a in analysis.actors
                    ],
                )
            alias_rows = [
                {"document": key, "actor": a.id, "alias": alias}
                for a in analysis.actors
                for alias in a.aliases
            ]
            if alias_rows:
                conn.execute(aliases.insert(), alias_rows)
            mention_rows = [
                {"document": key, "actor": a.id, "start": s, "end": e}
                for a in analysis.actors
                for s, e in a.mentions
            ]
            if mention_rows:
                conn.execute(mentions.insert(), mention_rows)
            link_actors(conn, key, analysis.actors)
            reapply(conn, key)
            if analysis.quotes:
                conn.execute(
                    quotes.insert(),
                    [
                        {
                            "document": key,
                            "quote": q.id,
                            "type": q.type,
                            "text": q.text,
                            "start": q.start,
                            "end": q.end,
                            "cue": q.cue,
                            "speaker": q.speaker,
                            "speaker_text": q.speaker_text,
                            "confidence": q.confidence,
                            "extractor": q.extractor,
                            "data": _json(qd),
                        }
                        for q, qd in zip(analysis.quotes, data["quotes"], strict=True)
                    ],
                )
            if analysis.statements:
                conn.execute(
                    statements.insert(),
                    [
                        {
                            "document": key,
                            "statement": s.id,
                            "actor": s.actor,
                            "concept": s.concept,
                            "concept_label": s.concept_label,
                            "agreement": s.agreement,
                            "start": s.start,
                            "end": s.end,
                            "quote": s.quote,
                            "confidence": s.confidence,
                            "extractor": s.extractor,
                            "data": _json(sd),
                        }
                        for s, sd in zip(analysis.statements, data["statements"], strict=True)
                    ],
                )
            if analysis.events:
                conn.execute(
                    events.insert(),
                    [
                        {
                            "document": key,
                            "event": e.id,
                            "type": e.type,
                            "source_actor": e.source.actor if e.source else None,
                            "target_actor": e.target.actor if e.target else None,
                            "trigger": e.trigger,
                            "sentence_start": e.sentence_start,
                            "sentence_end": e.sentence_end,
                            "date": e.date,
                            "data": _json(event_to_dict(e)),
                            "record": _json(event_to_plover_record(e, analysis)),
                        }
                        for e in analysis.events
                    ],
                )

    def put_failure(
        self,
        source: str,
        reason: str,
        *,
        extractor: str,
        document: Document | None = None,
        run: int | None = None,
    ) -> None:
        """Record that ``source`` could not be read or analysed (replacing what it held)."""
        doc = document or Document(id=Path(source.split(":")[0]).stem or source, text="")
        doc_source = Document(
            id=doc.id,
            text=doc.text,
            title=doc.title,
            date=doc.date,
            url=doc.url,
            source=source,
            meta=doc.meta,
        )
        with self._write() as conn:
            self._replace_document(
                conn,
                doc_source,
                status="failed",
                error=reason,
                extractor=extractor,
                run=run,
                counts=(0, 0, 0, 0),
                hashed=document is not None,
            )

    def add_correction(self, kind: str, payload: Mapping[str, Any]) -> int:
        """Record a user correction (applied by later commands); return its id."""
        with self._write() as conn:
            result = conn.execute(
                corrections.insert().values(kind=kind, payload=_json(dict(payload)), created=_now())
            )
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    # -- corpus actors (see stancegraph.corpus_actors)

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

    def merge_actors(self, into: str, other: str) -> tuple[str, str]:
        """Merge corpus actor ``other`` into ``into`` and record the correction."""

        with self._write() as conn:
            names = merge(conn, into, other)
            self._correct(conn, "actor_merge", {"into": into, "other": other})
        return names

    def split_actor(self, name: str, alias: str) -> str:
        """Make ``alias`` of corpus actor ``name`` its own corpus actor; record it."""

        with self._write() as conn:
            old = split(conn, name, alias)
            self._correct(conn, "actor_split", {"actor": name, "alias": alias})
        return old

    def rename_actor(self, name: str, new: str) -> str:
        """Rename corpus actor ``name`` to ``new``; record it."""

        with self._write() as conn:
            old = rename(conn, name, new)
            self._correct(conn, "actor_rename", {"actor": name, "name": new})
        return old

    def _correct(self, conn: Connection, kind: str, payload: Mapping[str, Any]) -> None:
        conn.execute(
            corrections.insert().values(kind=kind, payload=_json(dict(payload)), created=_now())
        )

    def _replace_document(
        self,
        conn: Connection,
        doc: Document,
        *,
        status: str,
        error: str | None,
        extractor: str,
        run: int | None,
        counts: tuple[int, int, int, int],
        hashed: bool = True,
    ) -> int:
        source = doc.source or doc.id
        conn.execute(documents.delete().where(documents.c.source == source))  # children cascade
        result = conn.execute(
            documents.insert().values(
                source=source,
                doc_id=doc.id,
                content_hash=content_hash(doc) if hashed else None,
                url=doc.url,
                title=doc.title,
                date=doc.date,
                text=doc.text or None,
                meta=_json(dict(doc.meta)) if doc.meta else None,
                status=status,
                error=error,
                extractor=extractor,
                run=run,
                stored=_now(),
                n_actors=counts[0],
                n_quotes=counts[1],
                n_statements=counts[2],
                n_events=counts[3],
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def _write(self) -> _Transaction:
        return _Transaction(self.engine)

    # -- reads

    def status(self) -> StoreStatus:
        """Counts of documents (analysed, failed), actors, quotes, statements, events, runs."""

        def count(table: sa.Table, *where: sa.ColumnElement[bool]) -> int:
            query = sa.select(sa.func.count()).select_from(table).where(*where)
            return int(conn.execute(query).scalar_one())

        with self.engine.connect() as conn:
            failures = conn.execute(
                sa.select(documents.c.source, documents.c.error)
                .where(documents.c.status == "failed")
                .order_by(documents.c.source)
            )
            return StoreStatus(
                documents=count(documents),
                analysed=count(documents, documents.c.status == "analysed"),
                failed=count(documents, documents.c.status == "failed"),
                actors=count(actors),
                quotes=count(quotes),
                statements=count(statements),
                events=count(events),
                runs=count(runs),
                failures=tuple((row[0], row[1] or "") for row in failures),
            )

    def quotes(self, where: QueryFilter | None = None) -> list[dict[str, Any]]:
        """Stored quotes with their document and speaker, in document and text order."""
        f = where or QueryFilter()
        speaker = actors.alias("speaker")
        query = (
            sa.select(
                documents.c.doc_id,
                documents.c.date,
                documents.c.title,
                quotes.c.quote,
                speaker.c.name,
                quotes.c.data,
            )
            .select_from(
                quotes.join(documents, documents.c.id == quotes.c.document).outerjoin(
                    speaker,
                    sa.and_(
                        speaker.c.document == quotes.c.document,
                        speaker.c.actor == quotes.c.speaker,
                    ),
                )
            )
            .where(*_date_range(documents.c.date, f))
            .order_by(documents.c.doc_id, documents.c.id, quotes.c.start)
        )
        if f.actor:
            query = query.where(_actor_is(quotes.c.document, quotes.c.speaker, f.actor))
        if f.concept:
            query = query.where(
                sa.exists().where(
                    statements.c.document == quotes.c.document,
                    statements.c.quote == quotes.c.quote,
                    _concept_is(f.concept),
                )
            )
        rows = []
        with self.engine.connect() as conn:
            for doc_id, date, title, _quote, name, data in conn.execute(query):
                item = json.loads(data)
                rows.append(
                    {"document": doc_id, "date": date, "title": title, "speaker_name": name, **item}
                )
        return rows

    def statement_analyses(self, where: QueryFilter | None = None) -> list[Analysis]:
        """Analysed documents with their statements and actors, for networks.

        Actors carry their corpus actor's canonical name (so "US" and "United States" are one
        node); the filter's dates select documents, its actor and concept select statements.
        """
        f = where or QueryFilter()
        rows = self.statements(f)
        by_document: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            by_document.setdefault(row["document"], []).append(row)
        if not by_document:
            return []
        canonical = (
            sa.select(
                documents.c.doc_id,
                actors.c.actor,
                sa.func.coalesce(corpus_actors.c.name, actors.c.name),
                actors.c.type,
                actors.c.role,
                sa.func.coalesce(corpus_actors.c.affiliation, actors.c.affiliation),
            )
            .select_from(
                actors.join(documents, documents.c.id == actors.c.document)
                .outerjoin(
                    actor_links,
                    sa.and_(
                        actor_links.c.document == actors.c.document,
                        actor_links.c.actor == actors.c.actor,
                    ),
                )
                .outerjoin(corpus_actors, corpus_actors.c.id == actor_links.c.corpus_actor)
            )
            .where(documents.c.doc_id.in_(list(by_document)))
        )
        doc_rows = sa.select(
            documents.c.doc_id, documents.c.title, documents.c.date, documents.c.url
        ).where(documents.c.doc_id.in_(list(by_document)), documents.c.status == "analysed")
        found: dict[str, list[Actor]] = {}
        with self.engine.connect() as conn:
            for doc_id, actor_id, name, kind, role, affiliation in conn.execute(canonical):
                found.setdefault(doc_id, []).append(
                    Actor(actor_id, name, kind, (), (), role, affiliation)
                )
            docs = list(conn.execute(doc_rows))
        out: list[Analysis] = []
        for doc_id, title, date, url in docs:
            statements = tuple(
                Statement(
                    id=row["id"],
                    actor=row.get("actor"),
                    concept=row["concept"],
                    concept_label=row.get("concept_label", row["concept"]),
                    agreement=row["agreement"],
                    start=int(row["start"]),
                    end=int(row["end"]),
                    quote=row.get("quote"),
                    confidence=float(row.get("confidence", 1.0)),
                    extractor=row.get("extractor", ""),
                )
                for row in by_document[doc_id]
            )
            document = Document(id=doc_id, text="", title=title, date=date, url=url)
            out.append(Analysis(document, tuple(found.get(doc_id, ())), (), statements))
        return out

    def statements(self, where: QueryFilter | None = None) -> list[dict[str, Any]]:
        """Stored statements with their document and actor, in document and text order."""
        f = where or QueryFilter()
        actor = actors.alias("actor")
        query = (
            sa.select(documents.c.doc_id, documents.c.date, documents.c.title, actor.c.name)
            .add_columns(statements.c.data)
            .select_from(
                statements.join(documents, documents.c.id == statements.c.document).outerjoin(
                    actor,
                    sa.and_(
                        actor.c.document == statements.c.document,
                        actor.c.actor == statements.c.actor,
                    ),
                )
            )
            .where(*_date_range(documents.c.date, f))
            .order_by(documents.c.doc_id, documents.c.id, statements.c.start)
        )
        if f.actor:
            query = query.where(_actor_is(statements.c.document, statements.c.actor, f.actor))
        if f.concept:
            query = query.where(_concept_is(f.concept))
        with self.engine.connect() as conn:
            return [
                {"document": d, "date": date, "title": t, "actor_name": n, **json.loads(data)}
                for d, date, t, n, data in conn.execute(query)
            ]

    def events(self, where: QueryFilter | None = None) -> list[dict[str, Any]]:
        """Stored events: ``event`` is the analysis JSON entry, ``record`` its PLOVER record.

        ``actor`` matches the source or the target; ``concept`` keeps events whose sentence
        overlaps the evidence of a statement coded with that concept; dates are the event's,
        else the article's.
        """
        f = where or QueryFilter()
        source, target = actors.alias("source"), actors.alias("target")
        day = sa.func.coalesce(events.c.date, documents.c.date)
        query = (
            sa.select(
                documents.c.doc_id,
                day,
                documents.c.title,
                source.c.name,
                target.c.name,
                events.c.data,
                events.c.record,
            )
            .select_from(
                events.join(documents, documents.c.id == events.c.document)
                .outerjoin(
                    source,
                    sa.and_(
                        source.c.document == events.c.document,
                        source.c.actor == events.c.source_actor,
                    ),
                )
                .outerjoin(
                    target,
                    sa.and_(
                        target.c.document == events.c.document,
                        target.c.actor == events.c.target_actor,
                    ),
                )
            )
            .where(*_date_range(day, f))
            .order_by(documents.c.doc_id, documents.c.id, events.c.sentence_start)
        )
        if f.actor:
            query = query.where(
                sa.or_(
                    _actor_is(events.c.document, events.c.source_actor, f.actor),
                    _actor_is(events.c.document, events.c.target_actor, f.actor),
                )
            )
        if f.concept:
            query = query.where(
                sa.exists().where(
                    statements.c.document == events.c.document,
                    statements.c.start < events.c.sentence_end,
                    statements.c.end > events.c.sentence_start,
                    _concept_is(f.concept),
                )
            )
        with self.engine.connect() as conn:
            return [
                {
                    "document": d,
                    "date": date,
                    "title": t,
                    "source_name": s,
                    "target_name": g,
                    "event": json.loads(data),
                    "record": json.loads(record),
                }
                for d, date, t, s, g, data, record in conn.execute(query)
            ]

    def document_rows(self) -> Iterator[dict[str, Any]]:
        """Every document row (without text), in source order; for checks and exports."""
        columns = [c for c in documents.c if c.name != "text"]
        with self.engine.connect() as conn:
            for row in conn.execute(sa.select(*columns).order_by(documents.c.source)):
                yield dict(row._mapping)

    def count_rows(self, table: str) -> dict[int, int]:
        """Rows of ``table`` per document key; for consistency checks."""
        t = metadata.tables[table]
        query = sa.select(t.c.document, sa.func.count()).group_by(t.c.document)
        with self.engine.connect() as conn:
            return {int(k): int(n) for k, n in conn.execute(query)}


class _Transaction:
    """``with store._write() as conn``: one transaction; database errors become StoreError."""

    def __init__(self, engine: Engine) -> None:
        self._context = engine.begin()

    def __enter__(self) -> Connection:
        try:
            return self._context.__enter__()
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(f"cannot write to the database ({_reason(err)})") from err

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> None:
        try:
            self._context.__exit__(kind, value, traceback)
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(f"cannot write to the database ({_reason(err)})") from err
        if isinstance(value, sa.exc.SQLAlchemyError):
            raise StoreError(f"cannot write to the database ({_reason(value)})") from value


def _date_range(column: sa.ColumnElement[Any], f: QueryFilter) -> list[sa.ColumnElement[bool]]:
    day = sa.func.substr(column, 1, 10)
    out: list[sa.ColumnElement[bool]] = []
    if f.start:
        out.append(day >= f.start[:10])
    if f.stop:
        out.append(day <= f.stop[:10])
    return out


def _actor_is(
    document: sa.ColumnElement[Any], actor: sa.ColumnElement[Any], name: str
) -> sa.ColumnElement[bool]:
    wanted = name.strip().lower()
    by_name = sa.exists().where(
        actors.c.document == document,
        actors.c.actor == actor,
        sa.func.lower(actors.c.name).contains(wanted, autoescape=True),
    )
    by_alias = sa.exists().where(
        aliases.c.document == document,
        aliases.c.actor == actor,
        sa.func.lower(aliases.c.alias).contains(wanted, autoescape=True),
    )

    key = fold_name(name)
    by_corpus = sa.exists().where(
        actor_links.c.document == document,
        actor_links.c.actor == actor,
        corpus_actors.c.id == actor_links.c.corpus_actor,
        sa.or_(
            sa.func.lower(corpus_actors.c.name).contains(wanted, autoescape=True),
            sa.exists().where(
                corpus_keys.c.corpus_actor == corpus_actors.c.id,
                corpus_keys.c.key.contains(key, autoescape=True),
            )
            if key
            else sa.false(),
        ),
    )
    return sa.or_(by_name, by_alias, by_corpus)


def _concept_is(concept: str) -> sa.ColumnElement[bool]:
    wanted = concept.strip().lower()
    return sa.or_(
        sa.func.lower(statements.c.concept) == wanted,
        sa.func.lower(statements.c.concept_label) == wanted,
    )
