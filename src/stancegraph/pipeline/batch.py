"""Batches of documents through spaCy with the stancegraph component: documents in, analyses out.

In: ``stancegraph.types.Document`` objects (from ``stancegraph.read`` or built by hand) and
``Options``. Out: one ``stancegraph.types.Analysis`` per document, in input order.
Each document's text goes to spaCy's ``nlp.pipe`` with its metadata (``Text``), and in
``Options.workers`` processes when asked the pipeline tokenises it (setting the metadata as Doc
extensions), parses it and runs the ``stancegraph`` component (``.component``); a last step
hands back a Doc holding only the analysis dict. So tokenising, parsing, extraction and
serialisation all happen in the workers; this process only rebuilds ``Analysis`` objects
(``formats.contract``) and puts them back in input order, as documents are dealt to the workers
in an order that gives each about the same number of characters (``balanced``).
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from ..errors import AnalysisError, InputError
from ..extract.attribution import load_model
from ..extract.codebook import Codebook
from ..extract.nlp import ChunkedParse, build_pipeline
from ..formats.contract import analysis_from_dict
from ..types import ATTRIBUTIONS, Analysis, Attribution, Document, ReadFailure
from .component import ERROR, FACTORY, RESULT

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "HANDOFF",
    "Options",
    "Text",
    "analyze",
    "analyze_text",
    "balanced",
    "load_analyzer",
    "load_parser",
]

HANDOFF = "stancegraph_handoff"
CHUNKED = "stancegraph_chunked_parse"
# Runs every extractor once (lazy imports, caches) so that workers are forked warm.
WARM_UP = 'Last Tuesday the minister said: "We agree." Rebels attacked the base on 3 March.'


@dataclass(frozen=True, slots=True)
class Options:
    """How to analyse. Defaults suit English news on a laptop."""

    model: str | None = None  # spaCy pipeline name or path; None = the packaged English pipeline
    workers: int = 1  # processes that parse and extract (spaCy n_process)
    batch_size: int = 32  # documents per nlp.pipe batch
    codebook: Codebook | None = None  # concepts to code statements against; None = key phrases
    attribution: Attribution = "learned"  # "rules": reported speech by the rules alone


class Text(str):
    """A document's text carrying its metadata (``doc_id``, ``title``, ``date``, ``url``).

    It travels to spaCy's worker processes as a plain text would, and ``MetadataTokenizer``
    sets the Doc extensions from it there, so documents are tokenised in the workers too.
    """

    meta: dict[str, str | None]

    @classmethod
    def of(cls, document: Document) -> Text:
        text = cls(document.text)
        text.meta = {
            "doc_id": document.id,
            "title": document.title,
            "date": document.date,
            "url": document.url,
        }
        return text


class MetadataTokenizer:
    """The pipeline's tokenizer, then the metadata of a ``Text`` into the Doc extensions."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(str(text))
        for name, value in getattr(text, "meta", {}).items():
            setattr(doc._, name, value)
        return doc


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

    A pipeline of its own (not the cached one of ``extract.nlp.load_pipeline``), cached per model
    and warmed up on a short text, so that worker processes forked from it start warm.
    """
    from spacy.language import Language

    nlp = build_pipeline(model)
    _parse_in_pieces(nlp)
    nlp.tokenizer = MetadataTokenizer(nlp.tokenizer)
    # The reader's --max-chars is the limit; spaCy's check runs in the workers, so lift it here.
    nlp.max_length = sys.maxsize
    nlp.add_pipe(FACTORY, config={"on_error": "record"})
    if not Language.has_factory(HANDOFF):
        Language.component(HANDOFF, func=handoff)
    nlp.add_pipe(HANDOFF, last=True)
    nlp(WARM_UP)
    return nlp


def load_parser(model: str | None = None) -> Language:
    """The parsing pipeline of ``model`` exactly as ``analyze`` runs it, without extraction:
    for tools that need the parse itself (``stancegraph.train``)."""
    nlp = build_pipeline(model)
    _parse_in_pieces(nlp)
    nlp.max_length = sys.maxsize
    return nlp


def _parse_in_pieces(nlp: Language) -> None:
    """Replace ``nlp``'s parsing components by one that parses long Docs in pieces.

    The components stay in the pipeline, disabled: ``ChunkedParse`` runs them itself.
    """
    from spacy.language import Language

    components = list(nlp.pipe_names)
    if not Language.has_factory(CHUNKED):
        Language.factory(CHUNKED, func=_make_chunked)
    nlp.add_pipe(CHUNKED, first=True)
    for name in components:
        nlp.disable_pipe(name)


def _make_chunked(nlp: Language, name: str) -> ChunkedParse:
    """spaCy factory: the components enabled in ``nlp`` so far, run by ``ChunkedParse``."""
    del name
    return ChunkedParse(list(nlp.pipeline))


def balanced(
    documents: Iterable[Document], *, workers: int, batch_size: int
) -> Iterator[tuple[int, Document]]:
    """Documents with their input index, in the order that gives workers equal shares.

    spaCy hands batch k of ``batch_size`` documents to worker k mod ``workers``; each window of
    ``workers`` batches is packed, longest text first, into the batch with the fewest characters.
    """
    if workers < 2:
        yield from enumerate(documents)
        return
    window: list[tuple[int, Document]] = []
    for item in enumerate(documents):
        window.append(item)
        if len(window) == workers * batch_size:
            yield from _packed(window, batch_size)
            window = []
    yield from _packed(window, batch_size)


def _packed(window: list[tuple[int, Document]], batch_size: int) -> Iterator[tuple[int, Document]]:
    sizes = [min(batch_size, len(window) - n) for n in range(0, len(window), batch_size)]
    batches: list[list[tuple[int, Document]]] = [[] for _ in sizes]
    chars = [0] * len(sizes)
    for index, document in sorted(window, key=lambda item: -len(item[1].text)):
        k = min(
            (k for k, size in enumerate(sizes) if len(batches[k]) < size), key=chars.__getitem__
        )
        batches[k].append((index, document))
        chars[k] += len(document.text)
    for batch in batches:
        yield from sorted(batch, key=lambda item: item[0])


def _readable(
    items: Iterable[Document | ReadFailure], failures: list[ReadFailure] | None
) -> Iterator[Document]:
    """The documents of ``items`` (as ``read_inputs`` yields them); read failures recorded."""
    for item in items:
        if isinstance(item, Document):
            yield item
        elif failures is not None:
            failures.append(item)
        else:
            raise InputError(item.reason, source=item.source)


def analyze(
    documents: Iterable[Document | ReadFailure],
    options: Options | None = None,
    *,
    failures: list[ReadFailure] | None = None,
) -> Iterator[Analysis]:
    """Analyse documents in input order, parsing and extracting them in batches.

    ``documents`` may come straight from ``read_inputs``: its read failures go to ``failures``
    with those of extraction. When extraction fails on one document, the failure is appended to
    ``failures`` and the batch goes on. Without a ``failures`` list, a read failure raises
    ``InputError`` and an extraction failure ``AnalysisError``.
    """
    opts = options or Options()
    if opts.attribution not in ATTRIBUTIONS:
        choices = ", ".join(ATTRIBUTIONS)
        raise InputError(f"attribution must be one of {choices}, not {opts.attribution!r}")
    nlp = load_analyzer(opts.model)
    if opts.attribution == "learned":
        load_model()  # once, before any document: a broken model file fails the run, not each one
    workers = max(1, opts.workers)
    sent: deque[tuple[int, Document]] = deque()  # handed to spaCy, not yet back

    def texts() -> Iterator[Text]:
        readable = _readable(documents, failures)
        for item in balanced(readable, workers=workers, batch_size=opts.batch_size):
            sent.append(item)
            yield Text.of(item[1])

    kwargs: dict[str, Any] = {
        "batch_size": opts.batch_size,
        "component_cfg": {FACTORY: {"codebook": opts.codebook, "attribution": opts.attribution}},
    }
    if workers > 1:
        kwargs["n_process"] = workers
    back: dict[int, tuple[Document, Doc]] = {}  # results waiting for an earlier document
    following = 0  # input index of the next document to yield
    for doc in nlp.pipe(texts(), **kwargs):
        index, document = sent.popleft()
        back[index] = (document, doc)
        while following in back:
            document, doc = back.pop(following)
            following += 1
            analysis = _result(doc, document, failures)
            if analysis is not None:
                yield analysis


def _result(doc: Doc, document: Document, failures: list[ReadFailure] | None) -> Analysis | None:
    """The analysis a worker sent back for ``document``, or None after recording its failure."""
    reason = doc.user_data.get(ERROR)
    if reason is None:
        data = {**doc.user_data[RESULT], "text": document.text}
        return replace(analysis_from_dict(data), document=document)
    source = document.source or document.id
    if failures is None:
        raise AnalysisError(str(reason), source=source)
    failures.append(ReadFailure(source=source, reason=str(reason)))
    return None


def analyze_text(text: str, *, doc_id: str = "text", options: Options | None = None) -> Analysis:
    """Analyse one string as it is (no cleaning); handy in notebooks and tests."""
    return next(analyze([Document(id=doc_id, text=text)], options))
