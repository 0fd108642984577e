"""The store's review part: recording a coder's decisions and reading documents through them.

In: a document's ``source`` (its key in the store), an item key, an action and the item's
fields; a ``DocumentFilter`` and a paging cursor. Out: ``Decision`` records appended to the
``decisions`` table (never updated or deleted: the latest record of an item is its decision,
so an undo is a new record), a ``ReviewedDocument`` (its items with their decisions, review
state, orphaned decisions and history; statements show the concept a codebook edit renamed or
merged them into, ``corpus.store_concepts``), ``DocumentPage`` listings of the corpus, paged by
``documents.id`` so a page costs the same at 100,000 documents, and the machine's ``Precision``.
The rules are ``corpus.review``, ``corpus.review_items`` and ``corpus.review_precision``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .actor_match import settle
from .review import (
    Decision,
    DocumentFilter,
    DocumentPage,
    Precision,
    ReviewedDocument,
    ReviewError,
    ReviewItem,
    added_key,
    check_decision,
    check_spans,
    effective,
    is_added,
    item_key,
    review_state,
)
from .review_context import Context, contexts, decision_of, entries, history
from .review_items import document_items, orphans
from .review_page import few_decisions, narrow_dates, page_query, page_states
from .review_precision import precision
from .schema import decisions
from .store_base import StoreBase, StoreError, now, to_json
from .store_concepts import ConceptNames, concept_names, follow

__all__ = ["StoreReview"]

MAX_CODER = 200  # the width of decisions.coder
_BATCH = 500  # documents read at once when the whole corpus is scored


class StoreReview(StoreBase):
    """The review part of the store."""

    def decide(
        self,
        source: str,
        kind: str,
        item: str,
        action: str,
        value: Mapping[str, Any] | None = None,
        *,
        coder: str,
        final: bool = False,
    ) -> Decision:
        """Record a coder's decision on an item of document ``source``; return its record.

        ``kind`` is quote, statement, event or document; ``action`` accept, reject, edit, add
        or clear for an item, done or reopen for the document (item ``"document"``). An add is
        item ``"added:{kind}:new"`` and gets the key ``"added:{kind}:{id}"``. A malformed
        decision is a ``ReviewError``, an unknown document a ``StoreError``, both one line.
        A ``final`` decision is an admin's reconciliation: it wins over every decision that is
        not final, whenever made (``corpus.review.effective``).
        """
        who = coder.strip() if isinstance(coder, str) else ""
        if not who or len(who) > MAX_CODER:
            raise ReviewError(f"a decision needs a coder name of 1 to {MAX_CODER} characters")
        checked = check_decision(kind, item, action, value)
        with self._write() as conn:
            context = _one_context(conn, source)
            check_spans(checked, len(context.text))
            if kind != "document" and action != "add":
                _check_item_exists(conn, context, kind, item, action)
            record = {"document": source, "kind": kind, "item": item, "action": action}
            values = {**record, "value": to_json(checked), "coder": who, "created": now()}
            key = conn.execute(
                decisions.insert().values(**values, final=bool(final))
            ).inserted_primary_key
            assert key is not None
            if action == "add":
                item = added_key(kind, int(key[0]))
                conn.execute(decisions.update().where(decisions.c.id == key[0]).values(item=item))
            return Decision(
                int(key[0]), source, kind, item, action, checked, who, values["created"], final
            )

    def decisions(self, source: str | None = None) -> list[Decision]:
        """Every decision (of document ``source``, or of the corpus), oldest first."""
        query = sa.select(decisions).order_by(decisions.c.id)
        if source is not None:
            query = query.where(decisions.c.document == source)
        with self.engine.connect() as conn:
            return [decision_of(row) for row in conn.execute(query)]

    def reviewed_document(self, source: str, *, coder: str | None = None) -> ReviewedDocument:
        """Document ``source`` with its items, their decisions, its state, orphans and history.

        With ``coder``, as that coder sees it: their own decisions and the final ones only
        (each coder of a document coded twice codes it on their own).
        """
        with self.engine.connect() as conn:
            context = _one_context(conn, source)
            past = history(conn, [source]).get(source, [])
            if coder is not None:
                past = [d for d in past if d.coder == coder or d.final]
            found = {
                kind: entries(conn, kind, [context.key]).get(context.key, []) for kind in _KINDS
            }
            names = concept_names(conn)
        items = [
            _followed(item, names)
            for kind in _KINDS
            for item in document_items(
                kind, found[kind], past, context.text, context.actors, deleted=context.deleted
            )
        ]
        machine = [item_key(kind, e) for kind in _KINDS for e in found[kind]]
        return ReviewedDocument(
            source=source,
            id=context.doc_id,
            title=context.title,
            date=context.date,
            url=context.url,
            text=context.text,
            actors=context.actors,
            items=tuple(items),
            state=review_state(past),
            orphans=orphans(machine, past),
            history=tuple(past),
        )

    def document_page(
        self, filter: DocumentFilter | None = None, *, after: int | None = None, limit: int = 50
    ) -> DocumentPage:
        """One page of analysed documents matching ``filter``, in storage order after ``after``.

        Pass the page's ``after`` back for the next page (keyset paging on ``documents.id``).
        """
        if limit < 1:
            raise ReviewError(f"a page holds at least one document, not {limit}")
        chosen = filter or DocumentFilter()
        with self.engine.connect() as conn:
            by_date = narrow_dates(conn, chosen)
            worked = chosen.state in ("done", "in progress") and few_decisions(conn)
            sqlite = self.engine.dialect.name == "sqlite"
            wanted = chosen.actor.strip() if chosen.actor else ""
            query = page_query(
                chosen,
                after,
                limit + 1,
                by_date=by_date,
                by_decisions=worked,
                sqlite=sqlite,
                match=settle(conn, wanted) if wanted else None,
            )
            rows = list(conn.execute(query))
            shown = rows[:limit]
            states = page_states(conn, [row.source for row in shown])
        return DocumentPage(
            rows=tuple(states(row) for row in shown),
            after=int(shown[-1].id) if len(rows) > limit else None,
        )

    def precision(self) -> Precision:
        """The machine's precision per kind and per rule, from every decision in the store."""
        return precision(self._decided_items())

    def _decided_items(self) -> Iterator[ReviewItem]:
        with self.engine.connect() as conn:
            sources = list(conn.execute(sa.select(decisions.c.document).distinct()).scalars())
            for start in range(0, len(sources), _BATCH):
                chunk = sources[start : start + _BATCH]
                found = contexts(conn, chunk)
                past = history(conn, chunk)
                keys = [c.key for c in found.values()]
                machine = {kind: entries(conn, kind, keys) for kind in _KINDS}
                for source, context in found.items():
                    for kind in _KINDS:
                        yield from document_items(
                            kind,
                            machine[kind].get(context.key, []),
                            past.get(source, []),
                            context.text,
                            context.actors,
                            deleted=context.deleted,
                        )


_KINDS = ("quote", "statement", "event")


def _one_context(conn: Connection, source: str) -> Context:
    found = contexts(conn, [source]).get(source)
    if found is None:
        raise StoreError("no such analysed document in the store", source=source)
    return found


def _check_item_exists(
    conn: Connection, context: Context, kind: str, item: str, action: str
) -> None:
    """An accept, reject or edit names a current item; a clear may also name an orphan."""
    if is_added(item):
        past = history(conn, [context.source]).get(context.source, [])
        if any(d.item == item and d.action == "add" for d in past):
            return
    else:
        found = entries(conn, kind, [context.key]).get(context.key, [])
        if any(item_key(kind, entry) == item for entry in found):
            return
        if action == "clear":
            past = history(conn, [context.source]).get(context.source, [])
            if item in effective(past):
                return
    raise ReviewError(f"document has no {kind} {item!r}", source=context.source)


def _followed(item: ReviewItem, names: ConceptNames) -> ReviewItem:
    """A statement item showing the concept a codebook edit renamed or merged it into (its key
    and machine entry stay as the machine coded it, so decisions still find it)."""
    if item.kind != "statement" or not names:
        return item
    return replace(item, current=follow([dict(item.current)], names)[0])
