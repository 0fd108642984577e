"""DNA's coded statements as analyses, for the corpus store.

In: the statement records and document texts of a DNA database (``formats.dna.read_dna`` and
``read_dna_texts``) and the file's path. Out: one ``Analysis`` per DNA document, with its
text, title and date, one actor per person (whose affiliation is their organisation) or, where
a statement names no person, per organisation, and one statement per DNA statement of type
``DNA Statement`` (agreement 1 support, 0 oppose, none neutral; its span as the evidence).
``records_from_analyses`` gives back records that build the same networks as the DNA file. Each
document's ``source`` is ``PATH#ID``, so importing the file again replaces its documents.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..types import Actor, Agreement, Analysis, Document, Statement
from .dna import STATEMENT_TYPE, StatementRecord

__all__ = ["IMPORTED", "analyses_from_dna"]

IMPORTED = "dna"  # the extractor named on imported statements
_AGREEMENT: dict[int | None, Agreement] = {1: "support", 0: "oppose"}


def analyses_from_dna(
    records: Iterable[StatementRecord], texts: Mapping[str, str], path: str | Path
) -> list[Analysis]:
    """The analyses of a DNA database's documents (see the module), in document order."""
    by_document: dict[str, list[StatementRecord]] = defaultdict(list)
    for record in records:
        if record.statement_type == STATEMENT_TYPE:
            by_document[record.document_id].append(record)
    where = str(Path(path).resolve())
    return [
        _analysis(doc_id, found, texts.get(doc_id, ""), where)
        for doc_id, found in by_document.items()
    ]


def _analysis(doc_id: str, records: list[StatementRecord], text: str, where: str) -> Analysis:
    actors: dict[tuple[str, str | None], Actor] = {}
    statements = []
    for number, record in enumerate(records, 1):
        actor = _actor(record, actors)
        start, end = _span(record, len(text))
        concept = record.concept or ""
        statements.append(
            Statement(f"s{number}", actor, concept, concept,
                      _AGREEMENT.get(record.agreement, "neutral"), start, end, None, 1.0, IMPORTED)
        )  # fmt: skip
    first = records[0]
    document = Document(
        id=doc_id,
        text=text,
        title=first.document_title or None,
        date=first.date.isoformat() if first.date else None,
        source=f"{where}#{doc_id}",
    )
    return Analysis(document, tuple(actors.values()), (), tuple(statements), ())


def _actor(record: StatementRecord, actors: dict[tuple[str, str | None], Actor]) -> str | None:
    """The id of the record's actor (made on first sight), or None when it names nobody."""
    name = record.person or record.organization
    if not name:
        return None
    key = (name, record.organization if record.person else None)
    if key not in actors:
        number = f"a{len(actors) + 1}"
        if record.person:
            actors[key] = Actor(number, name, "person", (), (), affiliation=key[1])
        else:
            actors[key] = Actor(number, name, "organization", (), ())
    return actors[key].id


def _span(record: StatementRecord, length: int) -> tuple[int, int]:
    """The statement's span in the text, or the text's start when DNA kept none that fits."""
    start, stop = record.start, record.stop
    if start is not None and stop is not None and 0 <= start < stop <= length:
        return start, stop
    return 0, 1
