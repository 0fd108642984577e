"""The spaCy component: ``nlp.add_pipe("stancegraph")`` after a parser and named entities.

In: a parsed spaCy ``Doc``, with optional document metadata in ``doc._.doc_id``,
``doc._.title``, ``doc._.date`` (ISO day; events resolve "on Monday" against it) and
``doc._.url``. Out: the same ``Doc`` with its analysis in ``doc.user_data["stancegraph"]`` as a
JSON-ready dict of the ``stancegraph/analysis-1`` contract (without the text, which the Doc
holds), so that it survives ``Doc.to_bytes`` and thus ``nlp.pipe(..., n_process=N)``. The
extension getters ``doc._.actors``, ``doc._.quotes``, ``doc._.statements``, ``doc._.events``
(tuples of the dataclasses of ``stancegraph.types``) and ``doc._.analysis`` read it back.

The factory is registered through spaCy's ``spacy_factories`` entry point, so spaCy imports this
module whenever it builds a pipeline: it imports the extractors only when it analyses a Doc.
Importing it also registers ``stancegraph_paragraphs`` (a sentence starts after each line break,
as in stancegraph's own pipeline; add it before the parser for the same sentences).
Config: ``codebook`` (path of a YAML codebook, or null for key phrases), ``attribution``
("learned", the default, or "rules") and ``on_error``
("raise", or "record": the reason goes to ``doc._.stancegraph_error`` and the batch goes on).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import AnalysisError, InputError
from ..extract.nlp import PARAGRAPHS, paragraph_boundaries
from ..types import ATTRIBUTIONS, Attribution, Document

if TYPE_CHECKING:
    from ..extract.codebook import Codebook
    from ..types import Actor, Analysis, Event, Quote, Statement

__all__ = ["ERROR", "FACTORY", "METADATA", "RESULT", "Stancegraph", "make_stancegraph"]

FACTORY = "stancegraph"
RESULT = "stancegraph"  # doc.user_data key of the analysis dict
ERROR = "stancegraph_error"  # doc.user_data key of why extraction failed (on_error="record")
METADATA = ("doc_id", "title", "date", "url")  # Doc extensions read into the Document
_ON_ERROR = ("raise", "record")


def _analysis(doc: Doc) -> Analysis | None:
    """The analysis stored on ``doc``, rebuilt from its dict; None before the component ran."""
    from ..formats.contract import analysis_from_dict

    data = doc.user_data.get(RESULT)
    return None if data is None else analysis_from_dict({**data, "text": doc.text})


def _actors(doc: Doc) -> tuple[Actor, ...]:
    analysis = _analysis(doc)
    return analysis.actors if analysis else ()


def _quotes(doc: Doc) -> tuple[Quote, ...]:
    analysis = _analysis(doc)
    return analysis.quotes if analysis else ()


def _statements(doc: Doc) -> tuple[Statement, ...]:
    analysis = _analysis(doc)
    return analysis.statements if analysis else ()


def _events(doc: Doc) -> tuple[Event, ...]:
    analysis = _analysis(doc)
    return analysis.events if analysis else ()


def _error(doc: Doc) -> str | None:
    reason = doc.user_data.get(ERROR)
    return None if reason is None else str(reason)


_GETTERS = {
    "actors": _actors,
    "quotes": _quotes,
    "statements": _statements,
    "events": _events,
    "analysis": _analysis,
    "stancegraph_error": _error,
}


def register_extensions() -> None:
    """Register the Doc extensions (once; an extension another package owns is left alone)."""
    for name in METADATA:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name, getter in _GETTERS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=getter)


class Stancegraph:
    """Actors, quotes, statements and events of each Doc, stored as JSON-ready data."""

    def __init__(
        self,
        *,
        codebook: Codebook | None = None,
        on_error: str = "raise",
        attribution: Attribution = "learned",
    ) -> None:
        if on_error not in _ON_ERROR:
            raise ValueError(f"on_error must be one of {', '.join(_ON_ERROR)}, not {on_error!r}")
        if attribution not in ATTRIBUTIONS:
            choices = ", ".join(ATTRIBUTIONS)
            raise ValueError(f"attribution must be one of {choices}, not {attribution!r}")
        self.codebook = codebook
        self.attribution: Attribution = attribution
        if attribution == "learned":
            from ..extract.attribution import load_model

            load_model()  # a missing or broken model fails here, once, not on every document
        self.on_error = on_error
        register_extensions()

    def __call__(
        self,
        doc: Doc,
        *,
        codebook: Codebook | None = None,
        attribution: Attribution | None = None,
    ) -> Doc:
        """Analyse ``doc``; ``codebook`` and ``attribution`` (e.g. from ``component_cfg``)
        replace the configured ones (``attribution="rules"``: reported speech by the rules
        alone)."""
        from ..formats.contract import analysis_to_dict
        from .extraction import analyze_doc

        document = document_of(doc)
        try:
            analysis = analyze_doc(
                doc,
                document,
                codebook or self.codebook,
                attribution=attribution or self.attribution,
            )
        except Exception as err:  # an extractor bug: raise, or record it and let the batch go on
            reason = f"extraction failed ({type(err).__name__}: {err})".splitlines()[0]
            if self.on_error == "raise":
                raise AnalysisError(reason, source=document.id or None) from err
            doc.user_data.pop(RESULT, None)
            doc.user_data[ERROR] = reason
            return doc
        data: dict[str, Any] = analysis_to_dict(analysis)
        del data["text"]  # the Doc has it
        doc.user_data.pop(ERROR, None)
        doc.user_data[RESULT] = data
        return doc


def document_of(doc: Doc) -> Document:
    """The Document a Doc stands for: its text and the metadata in its extensions."""
    meta = {name: getattr(doc._, name) for name in METADATA}
    return Document(
        id=str(meta["doc_id"] or ""),
        text=doc.text,
        title=meta["title"],
        date=meta["date"],
        url=meta["url"],
    )


@Language.factory(
    FACTORY, default_config={"codebook": None, "on_error": "raise", "attribution": "learned"}
)
def make_stancegraph(
    nlp: Language, name: str, codebook: str | None, on_error: str, attribution: Attribution
) -> Stancegraph:
    """spaCy factory: ``nlp.add_pipe("stancegraph", config={"codebook": "codebook.yaml"})``."""
    del nlp, name  # the component needs neither
    if codebook is None:
        return Stancegraph(on_error=on_error, attribution=attribution)
    from ..extract.codebook import load_codebook

    if not str(codebook).strip():
        raise InputError("codebook path is empty", source="stancegraph component")
    return Stancegraph(codebook=load_codebook(codebook), on_error=on_error, attribution=attribution)


if not Language.has_factory(PARAGRAPHS):
    Language.component(PARAGRAPHS, func=paragraph_boundaries)
