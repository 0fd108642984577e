"""Batches of documents through spaCy with the stancegraph component: documents in, analyses out.

In: :class:`~stancegraph.types.Document` objects (from ``stancegraph.read`` or built by hand) and
:class:`Options`. Out: one :class:`~stancegraph.types.Analysis` per document, in input order.
Each document becomes a tokenised ``Doc`` carrying its metadata in Doc extensions; spaCy's
``nlp.pipe`` parses it and runs the ``stancegraph`` component (:mod:`.component`), in
``Options.workers`` processes when asked, so parsing, extraction and serialisation all happen in
the workers. A last step hands back a Doc holding only the analysis dict; this process only
rebuilds ``Analysis`` objects from it (``formats.contract``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from ..errors import AnalysisError
from ..extract.codebook import Codebook
from ..extract.nlp import build_pipeline
from ..formats.contract import analysis_from_dict
from ..types import Analysis, Document, ReadFailure
from .component import ERROR, FACTORY, RESULT

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["HANDOFF", "Options", "analyze", "analyze_text", "load_analyzer"]

HANDOFF = "stancegraph_handoff"


@dataclass(frozen=True, slots=True)
class Options:
    """How to analyse. Defaults suit English news on a laptop."""

    model: str | None = None  # spaCy pipeline name or path; None = the packaged English pipeline
    workers: int = 1  # processes that parse and extract (spaCy n_process)
    batch_size: int = 32  # documents per nlp.pipe batch
    codebook: Codebook | None = None  # concepts to code statements against; None = key phrases


def handoff(doc: Doc) -> Doc:
    """A Doc holding only the result of ``doc``, so little crosses back from a worker."""
    slim = Doc(doc.vocab)
    for key in (RESULT, ERROR):
        if key in doc.user_data:
            slim.user_data[key] = doc.user_data[key]
    return slim


@lru_cache(maxsize=4)
def load_analyzer(model: str | None = None) -> Language:
    """The parsing pipeline of ``model`` with the stancegraph component, which records failures.

    A pipeline of its own (not the cached one of ``extract.nlp.load_pipeline``), cached per model.
    """
    from spacy.language import Language

    nlp = build_pipeline(model)
    nlp.add_pipe(FACTORY, config={"on_error": "record"})
    if not Language.has_factory(HANDOFF):
        Language.component(HANDOFF, func=handoff)
    nlp.add_pipe(HANDOFF, last=True)
    return nlp


def analyze(
    documents: Iterable[Document],
    options: Options | None = None,
    *,
    failures: list[ReadFailure] | None = None,
) -> Iterator[Analysis]:
    """Analyse documents in input order, parsing and extracting them in batches.

    When extraction fails on one document, the failure is appended to ``failures`` and the batch
    goes on; without a ``failures`` list, :class:`~stancegraph.errors.AnalysisError` is raised.
    """
    opts = options or Options()
    nlp = load_analyzer(opts.model)
    pending: deque[Document] = deque()  # handed to spaCy, not yet back

    def docs() -> Iterator[Doc]:
        for document in documents:
            # spaCy refuses texts over nlp.max_length; the reader's --max-chars is the real limit.
            nlp.max_length = max(nlp.max_length, len(document.text) + 1)
            doc = nlp.make_doc(document.text)
            doc._.doc_id, doc._.title = document.id, document.title
            doc._.date, doc._.url = document.date, document.url
            pending.append(document)
            yield doc

    kwargs: dict[str, Any] = {
        "batch_size": opts.batch_size,
        "component_cfg": {FACTORY: {"codebook": opts.codebook}},
    }
    if opts.workers > 1:
        kwargs["n_process"] = opts.workers
    for doc in nlp.pipe(docs(), **kwargs):
        document = pending.popleft()
        reason = doc.user_data.get(ERROR)
        if reason is not None:
            source = document.source or document.id
            if failures is None:
                raise AnalysisError(str(reason), source=source)
            failures.append(ReadFailure(source=source, reason=str(reason)))
            continue
        data = {**doc.user_data[RESULT], "text": document.text}
        yield replace(analysis_from_dict(data), document=document)


def analyze_text(text: str, *, doc_id: str = "text", options: Options | None = None) -> Analysis:
    """Analyse one string as it is (no cleaning); handy in notebooks and tests."""
    return next(analyze([Document(id=doc_id, text=text)], options))
