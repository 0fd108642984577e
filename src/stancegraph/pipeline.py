"""The analysis pipeline: documents in, analyses out.

In: ``Document`` objects (from ``stancegraph.read`` or built by hand) and pipeline options.
Out: one ``Analysis`` per document, in input order: the parse from ``extract.nlp``, quotes from
``extract.quotes``, speakers resolved to actors by ``extract.actors``, statements coded by
``extract.statements`` (against a codebook's concepts, whose actor entries also rename actors,
when one is given).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from .errors import AnalysisError
from .extract.actors import extract_actors
from .extract.codebook import Codebook, apply_actors
from .extract.events import extract_events, participant_spans
from .extract.nlp import parse
from .extract.quotes import EXTRACTOR, extract_raw_quotes
from .extract.stance import load_embedder
from .extract.statements import code_statements
from .types import Analysis, Document, Quote, ReadFailure

__all__ = ["Options", "analyze", "analyze_doc", "analyze_text"]


@dataclass(frozen=True, slots=True)
class Options:
    """How to analyse. Defaults suit English news on a laptop."""

    model: str | None = None  # spaCy pipeline name or path; None = the packaged English pipeline
    workers: int = 1  # processes for parsing (spaCy n_process)
    batch_size: int = 32  # documents per nlp.pipe batch
    codebook: Codebook | None = None  # concepts to code statements against; None = key phrases


def analyze_doc(doc: Doc, document: Document, codebook: Codebook | None = None) -> Analysis:
    """Actors, quotes, statements and events of one parsed document (``doc.text == document.text``).

    With a ``codebook``, statements name its concepts (matched by meaning too when the optional
    embeddings extra is installed) and its actor entries override the actors' names and types.
    """
    text = document.text  # equal to doc.text, which spaCy would rebuild on every access
    if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) != len(text):
        raise ValueError(f"document {document.id!r}: the parse is not of this document's text")
    raws = extract_raw_quotes(doc, text=text)
    speakers = [doc[r.speaker[0] : r.speaker[1]] for r in raws if r.speaker is not None]
    # Pronoun event participants are resolved along with the speakers, in one pass.
    table = extract_actors(doc, [*speakers, *participant_spans(doc)], text=text)
    quotes: list[Quote] = []
    for n, raw in enumerate(raws, start=1):
        speaker_id = speaker_text = None
        speaker_start = speaker_end = None
        if raw.speaker is not None:
            span = doc[raw.speaker[0] : raw.speaker[1]]
            speaker_start, speaker_end = span.start_char, span.end_char
            speaker_text = span.text
            speaker_id = table.actor_at(speaker_start, speaker_end)
        confidence = raw.confidence
        if raw.speaker is not None and speaker_id is None:
            confidence *= 0.8
        first, last = raw.pieces[0][0], raw.pieces[-1][1]
        quotes.append(
            Quote(
                id=f"q{n}",
                type=raw.type,
                text=" ".join(text[s:e] for s, e in raw.pieces),
                start=first,
                end=last,
                spans=raw.pieces,
                cue=text[raw.cue[0] : raw.cue[1]] if raw.cue else None,
                cue_start=raw.cue[0] if raw.cue else None,
                cue_end=raw.cue[1] if raw.cue else None,
                speaker=speaker_id,
                speaker_text=speaker_text,
                speaker_start=speaker_start,
                speaker_end=speaker_end,
                confidence=round(confidence, 3),
                extractor=f"{EXTRACTOR}:{raw.rule}",
            )
        )
    events = extract_events(doc, table, document, quotes=quotes)
    analysis = apply_actors(
        Analysis(document, table.actors, tuple(quotes), events=events), codebook
    )
    embedder = load_embedder() if codebook is not None else None
    statements = code_statements(doc, analysis, codebook, embedder=embedder)
    return replace(analysis, statements=statements)


def analyze(
    documents: Iterable[Document],
    options: Options | None = None,
    *,
    failures: list[ReadFailure] | None = None,
) -> Iterator[Analysis]:
    """Analyse documents in input order, parsing them in batches.

    When extraction fails on one document, the failure is appended to ``failures`` and the batch
    goes on; without a ``failures`` list, ``AnalysisError`` is raised.
    """
    opts = options or Options()
    pending: list[Document] = []  # documents handed to spaCy, not yet extracted

    def texts() -> Iterator[str]:
        for document in documents:
            pending.append(document)
            yield document.text

    for doc in parse(texts(), model=opts.model, workers=opts.workers, batch_size=opts.batch_size):
        document = pending.pop(0)
        try:
            analysis = analyze_doc(doc, document, opts.codebook)
        except Exception as err:  # an extractor bug must not sink the batch
            reason = f"extraction failed ({type(err).__name__}: {err})".splitlines()[0]
            if failures is None:
                raise AnalysisError(reason, source=document.source or document.id) from err
            failures.append(ReadFailure(source=document.source or document.id, reason=reason))
            continue
        yield analysis


def analyze_text(text: str, *, doc_id: str = "text", options: Options | None = None) -> Analysis:
    """Analyse one string as it is (no cleaning); handy in notebooks and tests."""
    return next(analyze([Document(id=doc_id, text=text)], options))
