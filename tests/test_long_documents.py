"""Long documents are parsed in pieces: same text and offsets, same quotes, bounded work.

``extract.nlp.chunk_bounds`` cuts a tokenised Doc at paragraph breaks, else sentence ends, else
spaces; ``ChunkedParse`` parses the pieces and joins them. The tokeniser tests need no trained
model; the parse tests analyse the bundled invented article (``examples/article.txt``) repeated.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from stancegraph.extract.nlp import (
    CHUNK_CHARS,
    MAX_RUN,
    ChunkedParse,
    chunk_bounds,
    paragraph_boundaries,
)
from stancegraph.pipeline import Options, analyze, analyze_doc, analyze_text
from stancegraph.pipeline.batch import load_analyzer
from stancegraph.pipeline.component import document_of
from stancegraph.types import Document

ARTICLE = (Path(__file__).parents[1] / "examples" / "article.txt").read_text(encoding="utf-8")


def repeated(size: int) -> str:
    """The invented article repeated (paragraphs kept) until ``size`` characters are reached."""
    copies = -(-size // (len(ARTICLE) + 2))
    return "\n\n".join([ARTICLE.strip()] * copies)


def pieces(doc: Doc, size: int) -> list[Doc]:
    return [doc[start:end].as_doc() for start, end in chunk_bounds(doc, size=size)]


@pytest.fixture(scope="module")
def blank() -> spacy.language.Language:
    return spacy.blank("en")


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("One paragraph.\n\nTwo sentences here. And here.\n\n\nThree  spaced  out ", 20),
        ("word " * 500, 64),  # no punctuation at all
        ('"' * 50 + " said. " * 300, 100),  # unbalanced quotes, a run of marks as tokens
        ("x" * 300 + " tail", 100),  # one token longer than the piece
        (repeated(CHUNK_CHARS + 500), CHUNK_CHARS),
        ("Short text.", CHUNK_CHARS),
        ("", CHUNK_CHARS),
    ],
)
def test_pieces_join_into_the_same_text_and_offsets(
    blank: spacy.language.Language, text: str, size: int
) -> None:
    doc = blank(text)
    bounds = chunk_bounds(doc, size=size)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(doc)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    for start, end in bounds:
        assert end - start <= 1 or doc[end - 1].idx + len(doc[end - 1]) - doc[start].idx <= size
    joined = Doc.from_docs(pieces(doc, size), ensure_whitespace=False) if len(doc) else doc
    assert joined.text == text
    assert [t.idx for t in joined] == [t.idx for t in doc]


def test_pieces_end_at_paragraph_breaks_when_there_are_some(
    blank: spacy.language.Language,
) -> None:
    doc = blank(repeated(3 * CHUNK_CHARS))
    bounds = chunk_bounds(doc)
    assert len(bounds) >= 3
    assert all("\n" in doc[end - 1].text for _, end in bounds[:-1])
    no_breaks = blank("Yes. " * 100)
    assert all(no_breaks[end - 1].text == "." for _, end in chunk_bounds(no_breaks, size=64))


def test_text_without_stops_is_cut_into_pseudo_sentences(blank: spacy.language.Language) -> None:
    doc = paragraph_boundaries(blank("word " * (3 * MAX_RUN)))
    starts = [0, *(t.i for t in doc if t.is_sent_start), len(doc)]
    assert len(starts) > 3
    assert max(b - a for a, b in zip(starts, starts[1:], strict=False)) <= MAX_RUN
    news = paragraph_boundaries(blank("The minister said it would pass. " * MAX_RUN))
    assert not any(t.is_sent_start for t in news[1:])


@pytest.mark.model
def test_a_document_over_the_piece_size_has_the_quotes_of_its_whole_parse() -> None:
    nlp = load_analyzer()
    chunked = nlp.get_pipe("stancegraph_chunked_parse")
    whole = ChunkedParse(chunked.components, size=10**9)
    text = repeated(CHUNK_CHARS + 2_000)
    in_pieces, at_once = chunked(nlp.make_doc(text)), whole(nlp.make_doc(text))
    assert len(chunk_bounds(at_once)) > 1
    assert in_pieces.text == text
    assert [t.idx for t in in_pieces] == [t.idx for t in at_once]
    first_piece_end = at_once[chunk_bounds(at_once)[0][1] - 1].idx

    def quotes(doc: Doc) -> list[tuple[object, ...]]:
        analysis = analyze_doc(doc, document_of(doc))
        return [(q.start, q.end, q.cue, q.speaker_text, q.type) for q in analysis.quotes]

    got, expected = quotes(in_pieces), quotes(at_once)
    assert got
    assert [q for q in got if q[1] <= first_piece_end] == [
        q for q in expected if q[1] <= first_piece_end
    ]
    assert len(got) == len(expected)


@pytest.mark.model
def test_a_long_document_among_short_ones_keeps_the_input_order() -> None:
    long_text = repeated(CHUNK_CHARS + 2_000)
    texts = [ARTICLE, long_text, ARTICLE.replace("Brandt", "Berger")]
    documents = [Document(id=f"d{n}", text=text) for n, text in enumerate(texts)]
    analyses = list(analyze(documents, Options(batch_size=2)))
    assert [a.document.id for a in analyses] == ["d0", "d1", "d2"]
    assert [a.document.text for a in analyses] == texts
    assert any(q.speaker_text == "Berger" for q in analyses[2].quotes)
    assert len(analyses[1].quotes) > len(analyses[0].quotes)


@pytest.mark.model
@pytest.mark.slow
def test_a_300k_character_document_is_analysed() -> None:
    text = repeated(300_000)
    one = analyze_text(ARTICLE.strip())
    analysis = analyze_text(text)
    assert analysis.document.text == text
    copies = text.count(ARTICLE.strip())
    assert len(analysis.quotes) == copies * len(one.quotes)
    assert all(text[q.start : q.end].strip() for q in analysis.quotes)
