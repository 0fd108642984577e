"""The store's agreement part: the documents coded twice, the report, and reconciliation.

In: the store's documents, machine items and decisions; for a reconciliation, a document, a
variable, a unit, the coder (or ``machine``) whose value wins and the admin's name. Out: the
``CodedDocument`` values of the documents two coders or more have marked done (each coder's
version built from their own decisions only, an admin's final decisions left out), the
``AgreementReport`` (``corpus.agreement``), a document's disagreements, and the final
decisions a reconciliation records (``decide(..., final=True)``, which win over every coder's).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from .agreement import VARIABLES, AgreementReport, CodedDocument, Disagreement, report
from .coders import MACHINE
from .review import Decision, ReviewError, ReviewItem, effective, review_state
from .review_context import Context, contexts, entries, history
from .review_items import document_items
from .schema import decisions
from .store_review import StoreReview

__all__ = ["StoreAgreement"]

_KINDS = ("quote", "statement", "event")


class StoreAgreement(StoreReview):
    """The agreement part of the store."""

    def coded_documents(self, sources: Sequence[str] | None = None) -> list[CodedDocument]:
        """The documents (among ``sources``, else all) two coders or more marked done."""
        query = sa.select(decisions.c.document, decisions.c.coder).where(
            decisions.c.final == sa.false()
        )
        if sources is not None:
            query = query.where(decisions.c.document.in_(list(sources)))
        with self.engine.connect() as conn:
            by_doc: dict[str, set[str]] = defaultdict(set)
            for row in conn.execute(query.distinct()):
                by_doc[row.document].add(row.coder)
            candidates = sorted(doc for doc, names in by_doc.items() if len(names) > 1)
            found = contexts(conn, candidates)
            past = history(conn, list(found))
            machine = {
                kind: entries(conn, kind, [c.key for c in found.values()]) for kind in _KINDS
            }
        out = []
        for source, context in found.items():
            coded = _coded(past.get(source, []))
            if len(coded) < 2:
                continue
            raw = {kind: machine[kind].get(context.key, []) for kind in _KINDS}

            out.append(
                CodedDocument(
                    source=source,
                    text=context.text,
                    machine=_version(raw, context, []),
                    coders={name: _version(raw, context, mine) for name, mine in coded.items()},
                    final={
                        key: (d.action, d.value)
                        for key, d in effective(d for d in past.get(source, []) if d.final).items()
                    },
                )
            )
        return sorted(out, key=lambda doc: doc.source)

    def agreement(self, sources: Sequence[str] | None = None) -> AgreementReport:
        """The agreement report over the documents coded twice (see ``coded_documents``)."""
        return report(self.coded_documents(sources))

    def disagreements(self, source: str) -> list[Disagreement]:
        """The disagreements among the coders of document ``source`` (none if not coded twice)."""
        return list(self.agreement([source]).disagreements)

    def reconcile(
        self, source: str, variable: str, unit: str, winner: str, *, admin: str
    ) -> list[Decision]:
        """Make ``winner``'s value (a coder's, or ``machine``) of a disagreement the final one.

        Records the winner's decisions on the unit's items as final decisions of ``admin``; a
        ``ReviewError`` when the document has no such disagreement or coder.
        """
        if variable not in VARIABLES:
            raise ReviewError(f"no variable {variable!r}: {', '.join(VARIABLES)}")
        found = [d for d in self.disagreements(source) if (d.variable, d.unit) == (variable, unit)]
        if not found:
            raise ReviewError(f"no disagreement on {variable} at {unit}", source=source)
        choice = next((c for c in found[0].choices if c.coder == winner), None)
        if choice is None:
            known = ", ".join(c.coder for c in found[0].choices)
            raise ReviewError(f"no coder {winner!r} on this document ({known})", source=source)
        return [
            self.decide(source, kind, item, action, value or None, coder=admin, final=True)
            for kind, item, action, value in choice.decisions
        ]


def _coded(past: Sequence[Decision]) -> dict[str, list[Decision]]:
    """Coder -> their own decisions, for the coders whose own state of the document is done."""
    mine: dict[str, list[Decision]] = defaultdict(list)
    for decision in past:
        if not decision.final and decision.coder != MACHINE:
            mine[decision.coder].append(decision)
    return {name: own for name, own in sorted(mine.items()) if review_state(own) == "done"}


def _version(
    raw: Mapping[str, Sequence[Mapping[str, Any]]], context: Context, mine: Sequence[Decision]
) -> dict[str, list[ReviewItem]]:
    """Kind -> the items a version keeps: the machine's items with ``mine`` applied."""
    return {
        kind: [
            item
            for item in document_items(
                kind, raw[kind], mine, context.text, context.actors, deleted=context.deleted
            )
            if item.status != "rejected"
        ]
        for kind in _KINDS
    }
