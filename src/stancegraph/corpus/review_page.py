"""The corpus listing of the review workbench: a filtered page of documents with review states.

In: a ``DocumentFilter``, the paging cursor (the last ``documents.id`` shown) and a page size.
Out: the query of one page (keyset paging on the primary key, never OFFSET, so the last page of
100,000 documents costs what the first does; counts from the ``documents`` row itself) and the
review state of the page's documents, from one grouped query over ``decisions`` restricted to
them. Only analysed documents are listed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .actor_match import ActorMatch
from .review import STATES, DocumentFilter, DocumentRow, ReviewError
from .schema import (
    actor_links,
    corpus_actors,
    corpus_keys,
    decisions,
    documents,
    quotes,
    statements,
)
from .store_queries import _concept_is

__all__ = ["SELECTIVE", "few_decisions", "narrow_dates", "page_query", "page_states"]


SELECTIVE = 5000  # at most this many documents in the date range: read them by the date index


def page_query(
    f: DocumentFilter,
    after: int | None,
    limit: int,
    *,
    by_date: bool = False,
    by_decisions: bool = False,
    sqlite: bool = False,
    match: ActorMatch | None = None,
) -> sa.Select[Any]:
    """Up to ``limit`` analysed documents matching ``f`` with an id above ``after``.

    ``by_date`` lets the database find them through the index on the date (worth it when the
    range is narrow, see ``narrow_dates``); else it walks the documents in id order;
    ``by_decisions`` likewise finds done and in-progress documents from their decisions (see
    ``few_decisions``). Words are
    searched with LIKE, case-insensitive: on ``sqlite`` LIKE is so already (for ASCII, as
    SQLite's ``lower`` is), and lowering every text first would take twice as long.
    """
    c = documents.c
    query = (
        sa.select(c.id, c.source, c.doc_id, c.title, c.date, c.url)
        .add_columns(c.n_quotes, c.n_statements, c.n_events)
        .where(c.status == "analysed", *_days(c.date, f, indexed=by_date))
        .order_by(c.id)
        .limit(limit)
    )
    if after is not None:
        query = query.where(c.id > after)
    if match is not None:
        query = query.where(c.id.in_(_documents_of_actor(match)))
    if f.concept:
        query = query.where(
            sa.exists().where(statements.c.document == c.id, _concept_is(f.concept))
        )
    if f.min_confidence is not None or f.max_confidence is not None:
        query = query.where(sa.or_(_confident(quotes, f), _confident(statements, f)))
    if f.text and f.text.strip():
        wanted = f.text.strip()
        if sqlite:
            found = [
                c.title.contains(wanted, autoescape=True),
                c.text.contains(wanted, autoescape=True),
            ]
        else:
            found = [
                c.title.icontains(wanted, autoescape=True),
                c.text.icontains(wanted, autoescape=True),
            ]
        query = query.where(sa.or_(*found))
    if f.state is not None:
        query = query.where(_in_state(f.state, from_decisions=by_decisions))
    return query


def narrow_dates(conn: Connection, f: DocumentFilter) -> bool:
    """Whether ``f`` has a date range holding at most ``SELECTIVE`` documents (a bounded count)."""
    if not (f.start or f.stop):
        return False
    inside = sa.select(documents.c.id).where(*_days(documents.c.date, f, indexed=True))
    capped = sa.select(sa.func.count()).select_from(inside.limit(SELECTIVE + 1).subquery())
    return int(conn.execute(capped).scalar_one()) <= SELECTIVE


def _days(
    column: sa.ColumnElement[Any], f: DocumentFilter, *, indexed: bool
) -> list[sa.ColumnElement[bool]]:
    """The first and last day: as plain comparisons, which the index on the date serves, or
    on the first ten characters, which it cannot (so the walk in id order is kept).

    For ISO dates, ``date >= start`` and ``date < the day after stop`` say what comparing the
    first ten characters says (``store_queries``).
    """
    day = column if indexed else sa.func.substr(column, 1, 10)
    out: list[sa.ColumnElement[bool]] = []
    if f.start:
        out.append(day >= f.start[:10])
    if f.stop:
        after = _day_after(f.stop[:10]) if indexed else None
        out.append(column < after if after else sa.func.substr(column, 1, 10) <= f.stop[:10])
    return out


def _day_after(day: str) -> str | None:
    try:
        return (date.fromisoformat(day) + timedelta(days=1)).isoformat()
    except ValueError:
        return None


def _documents_of_actor(match: ActorMatch) -> sa.Select[Any]:
    """The documents with an actor linked to a corpus actor the name matches (its name or a
    name variant, ``corpus.actor_match``), deleted ones aside.

    Read through the small corpus-actor tables and the index on the links, so a rare actor is
    found at once among 100,000 documents; ``store_queries`` matches the same names.
    """
    variants = sa.select(corpus_keys.c.corpus_actor).where(match.sql_key(corpus_keys.c.key))
    matching = sa.select(corpus_actors.c.id).where(
        sa.or_(match.sql_text(corpus_actors.c.name), corpus_actors.c.id.in_(variants)),
        corpus_actors.c.deleted == sa.false(),
    )
    return sa.select(actor_links.c.document).where(actor_links.c.corpus_actor.in_(matching))


def _confident(table: sa.Table, f: DocumentFilter) -> sa.ColumnElement[bool]:
    bounds = [table.c.document == documents.c.id]
    if f.min_confidence is not None:
        bounds.append(table.c.confidence >= f.min_confidence)
    if f.max_confidence is not None:
        bounds.append(table.c.confidence <= f.max_confidence)
    return sa.exists().where(*bounds)


def _in_state(state: str, *, from_decisions: bool) -> sa.ColumnElement[bool]:
    """Documents in review ``state``. With ``from_decisions`` the done and in-progress ones are
    found from their decisions, through the index on ``documents.source``: fast when few
    documents have decisions, where walking the documents and probing each would read them all.
    """
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
        marked = sa.select(decisions.c.document).where(decisions.c.action == "done")
        return sa.and_(documents.c.source.in_(marked), done) if from_decisions else done
    if state == "in progress":
        worked = sa.select(decisions.c.document).where(decisions.c.kind != "document")
        progress = sa.and_(~done, touched)
        return sa.and_(documents.c.source.in_(worked), ~done) if from_decisions else progress
    return sa.and_(~done, ~touched)


def few_decisions(conn: Connection) -> bool:
    """Whether the store holds at most ``SELECTIVE`` decisions (a bounded count)."""
    some = sa.select(decisions.c.id).limit(SELECTIVE + 1).subquery()
    return int(conn.execute(sa.select(sa.func.count()).select_from(some)).scalar_one()) <= SELECTIVE


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
