"""The corpus listing of the review workbench: a filtered page of documents with review states.

In: a ``DocumentFilter``, the paging cursor (the last ``documents.id`` shown) and a page size.
Out: the query of one page (keyset paging on the primary key, never OFFSET, so the last page of
100,000 documents costs what the first does; counts from the ``documents`` row itself) and the
review state of the page's documents, from one grouped query over ``decisions`` restricted to
them. Only analysed documents are listed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .review import STATES, DocumentFilter, DocumentRow, ReviewError
from .schema import actors, decisions, documents, quotes, statements
from .store_queries import QueryFilter, _actor_is, _concept_is, _date_range

__all__ = ["page_query", "page_states"]


def page_query(f: DocumentFilter, after: int | None, limit: int) -> sa.Select[Any]:
    """Up to ``limit`` analysed documents matching ``f`` with an id above ``after``."""
    c = documents.c
    query = (
        sa.select(c.id, c.source, c.doc_id, c.title, c.date, c.url)
        .add_columns(c.n_quotes, c.n_statements, c.n_events)
        .where(c.status == "analysed", *_date_range(c.date, _dates(f)))
        .order_by(c.id)
        .limit(limit)
    )
    if after is not None:
        query = query.where(c.id > after)
    if f.actor:
        query = query.where(
            sa.exists().where(
                actors.c.document == c.id, _actor_is(actors.c.document, actors.c.actor, f.actor)
            )
        )
    if f.concept:
        query = query.where(
            sa.exists().where(statements.c.document == c.id, _concept_is(f.concept))
        )
    if f.min_confidence is not None or f.max_confidence is not None:
        query = query.where(sa.or_(_confident(quotes, f), _confident(statements, f)))
    if f.text and f.text.strip():
        wanted = f.text.strip().lower()
        query = query.where(
            sa.or_(
                sa.func.lower(c.title).contains(wanted, autoescape=True),
                sa.func.lower(c.text).contains(wanted, autoescape=True),
            )
        )
    if f.state is not None:
        query = query.where(_in_state(f.state))
    return query


def _dates(f: DocumentFilter) -> QueryFilter:
    return QueryFilter(start=f.start, stop=f.stop)


def _confident(table: sa.Table, f: DocumentFilter) -> sa.ColumnElement[bool]:
    bounds = [table.c.document == documents.c.id]
    if f.min_confidence is not None:
        bounds.append(table.c.confidence >= f.min_confidence)
    if f.max_confidence is not None:
        bounds.append(table.c.confidence <= f.max_confidence)
    return sa.exists().where(*bounds)


def _in_state(state: str) -> sa.ColumnElement[bool]:
    if state not in STATES:
        raise ReviewError(f"no review state {state!r}: {', '.join(STATES)}")
    latest = decisions.alias("latest")
    last_mark = (
        sa.select(sa.func.max(latest.c.id))
        .where(latest.c.document == documents.c.source, latest.c.kind == "document")
        .correlate(documents)
        .scalar_subquery()
    )
    done = sa.exists().where(decisions.c.id == last_mark, decisions.c.action == "done")
    touched = sa.exists().where(
        decisions.c.document == documents.c.source, decisions.c.kind != "document"
    )
    if state == "done":
        return done
    if state == "in progress":
        return sa.and_(~done, touched)
    return sa.and_(~done, ~touched)


def page_states(conn: Connection, sources: Sequence[str]) -> Callable[[Any], DocumentRow]:
    """A function making the ``DocumentRow`` of a page row, with its review state."""
    marked: dict[str, int] = {}
    touched: set[str] = set()
    if sources:
        is_mark = decisions.c.kind == "document"
        grouped = (
            sa.select(decisions.c.document, is_mark, sa.func.max(decisions.c.id))
            .where(decisions.c.document.in_(list(sources)))
            .group_by(decisions.c.document, is_mark)
        )
        for source, mark, last in conn.execute(grouped):
            if mark:
                marked[source] = int(last)
            else:
                touched.add(source)
    done = set()
    if marked:
        query = sa.select(decisions.c.document).where(
            decisions.c.id.in_(list(marked.values())), decisions.c.action == "done"
        )
        done = set(conn.execute(query).scalars())

    def row_of(row: Any) -> DocumentRow:
        state = "done" if row.source in done else "in progress" if row.source in touched else None
        return DocumentRow(
            key=int(row.id),
            source=row.source,
            doc_id=row.doc_id,
            title=row.title,
            date=row.date,
            url=row.url,
            n_quotes=int(row.n_quotes),
            n_statements=int(row.n_statements),
            n_events=int(row.n_events),
            state=state or "unreviewed",
        )

    return row_of
