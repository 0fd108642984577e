"""Writing to the corpus store: runs, analyses, failures and corrections.

In: ``Analysis`` objects, read failures and ingest-run counts. Out: rows
of ``runs``, ``documents`` and, per analysed document, ``actors``, ``aliases``, ``mentions``,
``quotes``, ``statements`` and ``events``. A document is keyed by its ``source``; storing it
again deletes what it held (its children cascade) and writes it anew in the same transaction,
so a document is stored complete or not at all. Rows also name the input ``file`` they came
from, so the records a re-ingested file no longer holds can be removed (``remove_stale``). Its actors are linked to corpus actors, and
recorded corrections applied again, in that transaction too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..formats.contract import analysis_to_dict, event_to_dict
from ..formats.plover import event_to_plover_record
from ..types import Analysis, Document
from .actors import link_actors, reapply
from .schema import actors, aliases, corrections, documents, events, mentions, quotes, runs
from .schema import statements as statements_table
from .store_base import StoreBase, now, to_json

__all__ = ["StoreWrites", "content_hash"]


def content_hash(document: Document) -> str:
    """SHA-256 of what an analysis depends on: id, text, title, date, url and metadata."""
    payload = json.dumps(
        [document.id, document.text, document.title, document.date, document.url, document.meta],
        sort_keys=True,
        ensure_ascii=False,
        default=dict,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class StoreWrites(StoreBase):
    """The writing part of the store: each method is one transaction."""

    def start_run(self, *, extractor: str, settings: Mapping[str, Any]) -> int:
        """Record the start of an ingest run; return its id."""
        counts = {"documents": 0, "analysed": 0, "skipped": 0, "failed": 0}
        with self._write() as conn:
            values = {"started": now(), "extractor": extractor, **counts}
            result = conn.execute(runs.insert().values(**values, settings=to_json(dict(settings))))
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    def finish_run(
        self, run: int, *, documents: int, analysed: int, skipped: int, failed: int
    ) -> None:
        """Record the end of ingest run ``run`` and what it did."""
        counts = {"documents": documents, "analysed": analysed, "skipped": skipped}
        with self._write() as conn:
            conn.execute(
                runs.update()
                .where(runs.c.id == run)
                .values(finished=now(), failed=failed, **counts)
            )

    def put_analysis(
        self,
        analysis: Analysis,
        *,
        extractor: str,
        run: int | None = None,
        file: str | None = None,
    ) -> None:
        """Store one analysis (replacing what its source held) in one transaction.

        ``file`` is the input file the document was read from (see ``remove_stale``).
        """
        counts = (
            len(analysis.actors),
            len(analysis.quotes),
            len(analysis.statements),
            len(analysis.events),
        )
        with self._write() as conn:
            key = _replace_document(
                conn,
                analysis.document,
                status="analysed",
                error=None,
                extractor=extractor,
                run=run,
                counts=counts,
                file=file,
            )
            _insert(conn, actors, _actor_rows(key, analysis))
            _insert(conn, aliases, _alias_rows(key, analysis))
            _insert(conn, mentions, _mention_rows(key, analysis))
            link_actors(conn, key, analysis.actors)
            reapply(conn, key)
            data = analysis_to_dict(analysis)
            _insert(conn, quotes, _quote_rows(key, analysis, data["quotes"]))
            _insert(conn, statements_table, _statement_rows(key, analysis, data["statements"]))
            _insert(conn, events, _event_rows(key, analysis))

    def put_failure(
        self,
        source: str,
        reason: str,
        *,
        extractor: str,
        document: Document | None = None,
        run: int | None = None,
        file: str | None = None,
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
            _replace_document(
                conn,
                doc_source,
                status="failed",
                error=reason,
                extractor=extractor,
                run=run,
                counts=(0, 0, 0, 0),
                hashed=document is not None,
                file=file,
            )

    def remove_stale(self, file: str, keep: Collection[str]) -> int:
        """Delete the documents of input ``file`` whose key is not in ``keep``; return how many.

        Called once every record ``file`` now holds is stored, so an edited file replaces its
        old records and a crash before this leaves the old rows, never fewer.
        """
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(documents.c.id, documents.c.source).where(documents.c.file == file)
            ).all()
        stale = [int(row.id) for row in rows if row.source not in keep]
        with self._write() as conn:
            for start in range(0, len(stale), 500):
                chunk = stale[start : start + 500]
                conn.execute(documents.delete().where(documents.c.id.in_(chunk)))
        return len(stale)

    def add_correction(self, kind: str, payload: Mapping[str, Any]) -> int:
        """Record a user correction (applied by later commands); return its id."""
        with self._write() as conn:
            result = conn.execute(
                corrections.insert().values(
                    kind=kind, payload=to_json(dict(payload)), created=now()
                )
            )
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])


def _replace_document(
    conn: Connection,
    doc: Document,
    *,
    status: str,
    error: str | None,
    extractor: str,
    run: int | None,
    counts: tuple[int, int, int, int],
    hashed: bool = True,
    file: str | None = None,
) -> int:
    """Delete what ``doc``'s source held and insert its document row; return the row's key."""
    source = doc.source or doc.id
    conn.execute(documents.delete().where(documents.c.source == source))  # children cascade
    result = conn.execute(
        documents.insert().values(
            source=source,
            file=file,
            doc_id=doc.id,
            content_hash=content_hash(doc) if hashed else None,
            url=doc.url,
            title=doc.title,
            date=doc.date,
            text=doc.text or None,
            meta=to_json(dict(doc.meta)) if doc.meta else None,
            status=status,
            error=error,
            extractor=extractor,
            run=run,
            stored=now(),
            n_actors=counts[0],
            n_quotes=counts[1],
            n_statements=counts[2],
            n_events=counts[3],
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _insert(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(table.insert(), rows)


def _actor_rows(key: int, analysis: Analysis) -> list[dict[str, Any]]:
    return [
        {
            "document": key,
            "actor": a.id,
            "name": a.name,
            "type": a.type,
            "role": a.role,
            "affiliation": a.affiliation,
        }
        for a in analysis.actors
    ]


def _alias_rows(key: int, analysis: Analysis) -> list[dict[str, Any]]:
    return [
        {"document": key, "actor": a.id, "alias": alias}
        for a in analysis.actors
        for alias in a.aliases
    ]


def _mention_rows(key: int, analysis: Analysis) -> list[dict[str, Any]]:
    return [
        {"document": key, "actor": a.id, "start": s, "end": e}
        for a in analysis.actors
        for s, e in a.mentions
    ]


def _quote_rows(key: int, analysis: Analysis, data: list[Any]) -> list[dict[str, Any]]:
    """Quote rows; ``data`` is the quotes' JSON entries, kept whole in the ``data`` column."""
    return [
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
            "data": to_json(entry),
        }
        for q, entry in zip(analysis.quotes, data, strict=True)
    ]


def _statement_rows(key: int, analysis: Analysis, data: list[Any]) -> list[dict[str, Any]]:
    """Statement rows; ``data`` is the statements' JSON entries, kept in the ``data`` column."""
    return [
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
            "data": to_json(entry),
        }
        for s, entry in zip(analysis.statements, data, strict=True)
    ]


def _event_rows(key: int, analysis: Analysis) -> list[dict[str, Any]]:
    """Event rows with the JSON entry and the PLOVER record of each event."""
    return [
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
            "data": to_json(event_to_dict(e)),
            "record": to_json(event_to_plover_record(e, analysis)),
        }
        for e in analysis.events
    ]
