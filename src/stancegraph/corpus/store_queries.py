"""Reading the corpus store: counts, quotes, statements, events and documents for networks.

In: a ``QueryFilter`` (actor, concept, first and last day). Out: plain rows, one dict per
quote, statement or event with its document id, date, title and the joined actor names (the
``*_name`` keys); ``StoreQueries.frame`` gives the same rows as a pandas DataFrame
(``stancegraph.formats.frames.rows_to_frame``); ``StoreQueries.statement_analyses``
gives statements grouped into analyses whose actors carry their corpus actor's name, for
networks; ``StoreQueries.status`` counts what the store holds. An actor filter matches a
document actor's name or alias, or its corpus actor's name or name variants, exactly when the
store has that name and else as whole words (``corpus.actor_match``).
An actor whose corpus actor a user deleted is no actor here (``corpus.deleted``): its quotes
have no speaker, its statements no actor, its event participants no actor, and no filter
matches it. Statements show the concept a codebook edit renamed or merged them into
(``corpus.store_concepts``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

import sqlalchemy as sa

from ..types import Actor, Analysis, Document, Statement
from .actor_match import ActorMatch, settle
from .deleted import is_deleted, record_without, without
from .review_rows import Sourced, correct_rows, edited_sources
from .schema import (
    actor_links,
    actors,
    aliases,
    corpus_actors,
    corpus_keys,
    documents,
    events,
    metadata,
    quotes,
    runs,
    statements,
)
from .store_base import StoreBase
from .store_concepts import concept_names, follow, renamed_into

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["QueryFilter", "StoreQueries", "StoreStatus"]


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

    actor: str | None = None  # an actor's name, exactly or as whole words (corpus.actor_match)
    concept: str | None = None  # a concept id or label
    start: str | None = None  # first day (YYYY-MM-DD) included
    stop: str | None = None  # last day included
    # stored concept ids a codebook edit renamed or merged into ``concept`` (the store sets it)
    renamed_from: tuple[str, ...] = ()


class StoreQueries(StoreBase):
    """The reading part of the store: each method reads in one connection."""

    def states(self) -> dict[str, tuple[str | None, str, str]]:
        """Every stored document's source -> (content hash, extractor version, status)."""
        c = documents.c
        query = sa.select(c.source, c.content_hash, c.extractor, c.status)
        with self.engine.connect() as conn:
            return {row[0]: (row[1], row[2], row[3]) for row in conn.execute(query)}

    def resume_point(self, extractor: str) -> int | None:
        """The run a killed ``reanalyse`` with ``extractor`` started, to resume from; else None.

        That is the newest reanalysing run of ``extractor`` when it never finished (or the run
        it was itself resuming, recorded as ``resumes`` in its settings).
        """
        query = sa.select(runs.c.id, runs.c.finished, runs.c.settings).where(
            runs.c.extractor == extractor
        )
        with self.engine.connect() as conn:
            for key, finished, settings in conn.execute(query.order_by(runs.c.id.desc())):
                chosen = json.loads(settings)
                if not chosen.get("reanalyse"):
                    continue
                return None if finished is not None else int(chosen.get("resumes", key))
        return None

    def stored_since(self, run: int, extractor: str) -> set[str]:
        """The keys of documents stored by run ``run`` or later with ``extractor``."""
        c = documents.c
        query = sa.select(c.source).where(c.run >= run, c.extractor == extractor)
        with self.engine.connect() as conn:
            return set(conn.execute(query).scalars())

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
                actors=count(actors, ~is_deleted(actors.c.document, actors.c.actor)),
                quotes=count(quotes),
                statements=count(statements),
                events=count(events),
                runs=count(runs),
                failures=tuple((row[0], row[1] or "") for row in failures),
            )

    def quotes(
        self, where: QueryFilter | None = None, *, reviewed: bool = False
    ) -> list[dict[str, Any]]:
        """Stored quotes with their document and speaker, in document and text order.

        Each row is the quote's JSON entry plus ``document``, ``date``, ``title`` and
        ``speaker_name``, as coders corrected it (``corpus.review_rows``); ``reviewed`` keeps
        only the quotes a coder accepted, edited or added.
        """
        return self._read("quote", _quotes_query, _said_row("quote"), where, reviewed)

    def statements(
        self, where: QueryFilter | None = None, *, reviewed: bool = False
    ) -> list[dict[str, Any]]:
        """Stored statements with their document and actor, in document and text order.

        Each row is the statement's JSON entry plus ``document``, ``date``, ``title`` and
        ``actor_name``, as coders corrected it; ``reviewed`` keeps only the statements a coder
        accepted, edited or added.
        """
        statement_row = _said_row("statement")
        return self._read("statement", _statements_query, statement_row, where, reviewed)

    def _read(
        self,
        kind: str,
        build: Callable[[QueryFilter, ActorMatch | None], sa.Select[Any]],
        make: Callable[[Any], Sourced],
        where: QueryFilter | None,
        reviewed: bool,
    ) -> list[dict[str, Any]]:
        """The rows of query ``build`` with the decisions on them applied.

        With an actor or concept filter, the rows of documents where a coder edited items of
        ``kind`` are read without it too (marked unmatched), so that an edit that makes an
        item match the filter shows.
        """
        f = where or QueryFilter()
        with self.engine.connect() as conn:
            names = concept_names(conn)
            if f.concept and names:
                f = replace(f, renamed_from=renamed_into(names, f.concept))
            match = settle(conn, f.actor) if f.actor and f.actor.strip() else None
            rows = [make(row) for row in conn.execute(build(f, match))]
            edited = edited_sources(conn, kind) if f.actor or f.concept else []
            if edited:
                seen = {(s.source, s.machine_id) for s in rows}
                loose = build(QueryFilter(start=f.start, stop=f.stop), None)
                for start in range(0, len(edited), 500):
                    chunk = edited[start : start + 500]
                    for row in conn.execute(loose.where(documents.c.source.in_(chunk))):
                        more = make(row)
                        if (more.source, more.machine_id) not in seen:
                            rows.append(replace(more, matched=False))
            found = correct_rows(conn, kind, rows, f, reviewed=reviewed, match=match)
            if kind != "statement" or not names:
                return found
            return follow(found, names, concept=f.concept)

    def events(
        self, where: QueryFilter | None = None, *, reviewed: bool = False
    ) -> list[dict[str, Any]]:
        """Stored events: ``event`` is the analysis JSON entry, ``record`` its PLOVER record.

        ``actor`` matches the source or the target; ``concept`` keeps events whose sentence
        overlaps the evidence of a statement coded with that concept; dates are the event's,
        else the article's. Each row also has ``document``, ``date``, ``title``,
        ``source_name`` and ``target_name``. Rows are as coders corrected them; ``reviewed``
        keeps only the events a coder accepted, edited or added.
        """
        return self._read("event", _events_query, _event_row, where, reviewed)

    def frame(
        self,
        kind: Literal["quotes", "statements", "events"],
        where: QueryFilter | None = None,
        *,
        reviewed: bool = False,
    ) -> pd.DataFrame:
        """The rows of query ``kind`` as a DataFrame, with the columns of ``to_frames``.

        ``store.frame("quotes", QueryFilter(actor="Brandt"))``; needs pandas.
        """
        from ..formats.frames import rows_to_frame

        if kind not in ("quotes", "statements", "events"):
            raise ValueError(f"no store query {kind!r}: quotes, statements or events")
        return rows_to_frame(getattr(self, kind)(where, reviewed=reviewed), kind)

    def statement_analyses(
        self, where: QueryFilter | None = None, *, reviewed: bool = False
    ) -> list[Analysis]:
        """Analysed documents with their statements and actors, for networks.

        Actors carry their corpus actor's canonical name (so "US" and "United States" are one
        node); the filter's dates select documents, its actor and concept select statements.
        Statements are as coders corrected them (``reviewed``: only those they accepted,
        edited or added); a statement whose actor a coder named but the document does not
        resolve gets an actor of that name.
        """
        by_document: dict[str, list[dict[str, Any]]] = {}
        for row in self.statements(where or QueryFilter(), reviewed=reviewed):
            by_document.setdefault(row["document"], []).append(row)
        if not by_document:
            return []
        doc_rows = sa.select(
            documents.c.doc_id, documents.c.title, documents.c.date, documents.c.url
        ).where(documents.c.doc_id.in_(list(by_document)), documents.c.status == "analysed")
        with self.engine.connect() as conn:
            found = _canonical_actors(conn, list(by_document))
            docs = list(conn.execute(doc_rows))
        return [
            Analysis(
                Document(id=doc_id, text="", title=title, date=date, url=url),
                (*found.get(doc_id, ()), *_named_actors(by_document[doc_id])),
                (),
                tuple(_statement(row) for row in by_document[doc_id]),
            )
            for doc_id, title, date, url in docs
        ]

    def texts(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """The analysed text of each document id (for a DNA file of stored statements)."""
        query = sa.select(documents.c.doc_id, documents.c.text).where(
            documents.c.doc_id.in_(list(doc_ids)), documents.c.status == "analysed"
        )
        with self.engine.connect() as conn:
            return {doc_id: text or "" for doc_id, text in conn.execute(query)}

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


def _quotes_query(f: QueryFilter, match: ActorMatch | None) -> sa.Select[Any]:
    query = _said_by(quotes, quotes.c.speaker, f, match)
    if f.concept:
        query = query.where(
            sa.exists().where(
                statements.c.document == quotes.c.document,
                statements.c.quote == quotes.c.quote,
                _concept_is(f.concept, f.renamed_from),
            )
        )
    return query


def _statements_query(f: QueryFilter, match: ActorMatch | None) -> sa.Select[Any]:
    query = _said_by(statements, statements.c.actor, f, match)
    if f.concept:
        query = query.where(_concept_is(f.concept, f.renamed_from))
    return query


def _said_row(kind: Literal["quote", "statement"]) -> Callable[[Any], Sourced]:
    """A function making the row of a quote or statement of ``_said_by``."""
    name_key, who = ("speaker_name", "speaker") if kind == "quote" else ("actor_name", "actor")

    def make(row: Any) -> Sourced:
        d, date, t, n, data, source, key, gone = row
        entry = json.loads(data)
        if gone:
            entry, n = without(kind, entry, {entry.get(who)}), None
        made = {"document": d, "date": date, "title": t, name_key: n, **entry}
        return Sourced(source, key, made, machine_id=str(entry["id"]))

    return make


def _event_row(row: Any) -> Sourced:
    """The row of an event of ``_events_query``."""
    d, date, t, s, g, data, record, source, key, source_gone, target_gone = row
    entry, plover = json.loads(data), json.loads(record)
    gone = {
        who["actor"]
        for who, flag in ((entry.get("source"), source_gone), (entry.get("target"), target_gone))
        if flag and who
    }
    if gone:
        entry, plover = without("event", entry, gone), record_without(plover, gone)
        s, g = (None if source_gone else s), (None if target_gone else g)
    made = {"document": d, "date": date, "title": t, "source_name": s, "target_name": g}
    made |= {"event": entry, "record": plover}
    return Sourced(source, key, made, machine_id=str(entry["id"]))


def _said_by(
    table: sa.Table, who: sa.Column[Any], f: QueryFilter, match: ActorMatch | None
) -> sa.Select[tuple[Any, ...]]:
    """Rows of ``table`` (quotes or statements) with their document and the name of ``who``,
    restricted by ``f``'s dates and actor, in document and text order."""
    person = actors.alias("person")
    query = (
        sa.select(documents.c.doc_id, documents.c.date, documents.c.title, person.c.name)
        .add_columns(table.c.data, documents.c.source, documents.c.id)
        .add_columns(is_deleted(table.c.document, who))
        .select_from(
            table.join(documents, documents.c.id == table.c.document).outerjoin(
                person, _same_actor(person, table.c.document, who)
            )
        )
        .where(*_date_range(documents.c.date, f))
        .order_by(documents.c.doc_id, documents.c.id, table.c.start)
    )
    if match is not None:
        query = query.where(_actor_is(table.c.document, who, match))
    return query


def _events_query(f: QueryFilter, match: ActorMatch | None) -> sa.Select[Any]:
    """Events with their document and the names of their source and target actors."""
    source, target = actors.alias("source"), actors.alias("target")
    day = sa.func.coalesce(events.c.date, documents.c.date)
    query = (
        sa.select(documents.c.doc_id, day, documents.c.title, source.c.name, target.c.name)
        .add_columns(events.c.data, events.c.record, documents.c.source, documents.c.id)
        .add_columns(is_deleted(events.c.document, events.c.source_actor))
        .add_columns(is_deleted(events.c.document, events.c.target_actor))
        .select_from(
            events.join(documents, documents.c.id == events.c.document)
            .outerjoin(source, _same_actor(source, events.c.document, events.c.source_actor))
            .outerjoin(target, _same_actor(target, events.c.document, events.c.target_actor))
        )
        .where(*_date_range(day, f))
        .order_by(documents.c.doc_id, documents.c.id, events.c.sentence_start)
    )
    if match is not None:
        query = query.where(
            sa.or_(
                _actor_is(events.c.document, events.c.source_actor, match),
                _actor_is(events.c.document, events.c.target_actor, match),
            )
        )
    if f.concept:
        query = query.where(
            sa.exists().where(
                statements.c.document == events.c.document,
                statements.c.start < events.c.sentence_end,
                statements.c.end > events.c.sentence_start,
                _concept_is(f.concept, f.renamed_from),
            )
        )
    return query


def _canonical_actors(conn: sa.Connection, doc_ids: Sequence[str]) -> dict[str, list[Actor]]:
    """The actors of these documents, named (and affiliated) as their corpus actors are."""
    query = (
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
            .outerjoin(actor_links, _same_actor(actor_links, actors.c.document, actors.c.actor))
            .outerjoin(corpus_actors, corpus_actors.c.id == actor_links.c.corpus_actor)
        )
        .where(
            documents.c.doc_id.in_(list(doc_ids)),
            sa.or_(corpus_actors.c.id.is_(None), corpus_actors.c.deleted == sa.false()),
        )
    )
    found: dict[str, list[Actor]] = {}
    for doc_id, actor_id, name, kind, role, affiliation in conn.execute(query):
        found.setdefault(doc_id, []).append(Actor(actor_id, name, kind, (), (), role, affiliation))
    return found


def _named_actors(rows: list[dict[str, Any]]) -> list[Actor]:
    """Actors for the statements whose actor a coder named without a mention the document
    resolves (``actor`` None, ``actor_name`` set): one per name, its id ``named:NAME``."""
    names = {
        row["actor_name"] for row in rows if row.get("actor") is None and row.get("actor_name")
    }
    return [Actor(f"named:{name}", name, "person", (), ()) for name in sorted(names)]


def _statement(row: dict[str, Any]) -> Statement:
    """A statement of one row of ``StoreQueries.statements``."""
    named = row.get("actor_name") if row.get("actor") is None else None
    return Statement(
        id=row["id"],
        actor=row.get("actor") or (f"named:{named}" if named else None),
        concept=row["concept"],
        concept_label=row.get("concept_label", row["concept"]),
        agreement=row["agreement"],
        start=int(row["start"]),
        end=int(row["end"]),
        quote=row.get("quote"),
        confidence=float(row.get("confidence", 1.0)),
        extractor=row.get("extractor", ""),
    )


def _same_actor(
    table: Any, document: sa.ColumnElement[Any], actor: sa.ColumnElement[Any]
) -> sa.ColumnElement[bool]:
    """``table``'s row is this document's actor (a join condition)."""
    return sa.and_(table.c.document == document, table.c.actor == actor)


def _date_range(column: sa.ColumnElement[Any], f: QueryFilter) -> list[sa.ColumnElement[bool]]:
    day = sa.func.substr(column, 1, 10)
    out: list[sa.ColumnElement[bool]] = []
    if f.start:
        out.append(day >= f.start[:10])
    if f.stop:
        out.append(day <= f.stop[:10])
    return out


def _actor_is(
    document: sa.ColumnElement[Any], actor: sa.ColumnElement[Any], match: ActorMatch
) -> sa.ColumnElement[bool]:
    """The actor's name or an alias is the wanted name (``corpus.actor_match``), or its corpus
    actor's name or a name variant; an actor whose corpus actor was deleted matches nothing."""
    by_name = sa.exists().where(_same_actor(actors, document, actor), match.sql_text(actors.c.name))
    by_alias = sa.exists().where(
        _same_actor(aliases, document, actor), match.sql_text(aliases.c.alias)
    )
    by_key = sa.exists().where(
        corpus_keys.c.corpus_actor == corpus_actors.c.id, match.sql_key(corpus_keys.c.key)
    )
    by_corpus = sa.exists().where(
        _same_actor(actor_links, document, actor),
        corpus_actors.c.id == actor_links.c.corpus_actor,
        sa.or_(match.sql_text(corpus_actors.c.name), by_key),
    )
    return sa.and_(sa.or_(by_name, by_alias, by_corpus), ~is_deleted(document, actor))


def _concept_is(concept: str, renamed_from: Sequence[str] = ()) -> sa.ColumnElement[bool]:
    wanted = concept.strip().lower()
    return sa.or_(
        sa.func.lower(statements.c.concept) == wanted,
        sa.func.lower(statements.c.concept_label) == wanted,
        statements.c.concept.in_(list(renamed_from)),
    )
