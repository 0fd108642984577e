"""Training the boundary scorer of ``extract.boundaries`` on brat gold attributions.

In: gold documents and their parses. Out: the token feature weights of the boundary scorer.

The examples are the tokens of a cue's sentence, for every attribution the parse proposes
whose cue is a gold attribution's cue: the candidates of ``extract.attribution`` with one
content piece, and the rules' reported quotes (direct quotes keep their quotation marks' bounds
and are not redrawn). A token is positive when it lies in that gold attribution's content. A
proposal whose cue no gold attribution has teaches nothing about boundaries and is left out:
whether a proposal is an attribution at all is the candidate model's question.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
from spacy.tokens import Doc, Token

from ..evaluation.quotes import GoldDocument, GoldQuote
from ..extract.attribution import Candidate, candidates, quotation_pieces
from ..extract.boundaries import MAX_SENTENCE, Sheet, quoted_tokens, sentence_features
from ..extract.quotes import RawQuote, extract_raw_quotes
from .linear import fit, matrix, vocabulary

__all__ = ["boundary_examples", "train_boundaries"]

_Proposal = tuple[Token, Token | None, int, int, str]  # cue, source, first, last, kind


def train_boundaries(
    gold: Sequence[GoldDocument],
    docs: Sequence[Doc],
    *,
    l2: float,
    steps: int,
    learning_rate: float,
    min_count: int,
) -> dict[str, float]:
    """The boundary scorer's weights, fitted to every token example of ``gold``."""
    rows: list[list[str]] = []
    labels: list[int] = []
    for doc, g in zip(docs, gold, strict=True):
        for row, label in boundary_examples(doc, g):
            rows.append(row)
            labels.append(label)
    vocab = vocabulary(rows, min_count)
    y = np.array(labels, dtype=float)
    w = fit(matrix(rows, vocab), y, len(vocab), l2=l2, steps=steps, learning_rate=learning_rate)
    return {f: round(float(w[i]), 5) for f, i in vocab.items() if abs(w[i]) >= 1e-5}


def boundary_examples(doc: Doc, gold: GoldDocument) -> Iterator[tuple[list[str], int]]:
    """Each token of each proposal's sentence with its features and whether it is content."""
    sheet = Sheet(doc, quoted_tokens(doc, quotation_pieces(doc.text)))
    for cue, source, first, last, kind in _proposals(doc):
        quote = _gold_of(gold, cue)
        if quote is None or len(cue.sent) > MAX_SENTENCE:
            continue
        source_i = source.i if source is not None else None
        tokens, rows = sentence_features(sheet, cue.i, source_i, first, last, kind)
        for i, row in zip(tokens, rows, strict=True):
            tok = doc[i]
            end = tok.idx + len(tok)
            yield row, int(any(s < end and tok.idx < e for s, e in quote.content_spans))


def _proposals(doc: Doc) -> Iterator[_Proposal]:
    for c in candidates(doc):
        proposal = _from_candidate(doc, c)
        if proposal is not None:
            yield proposal
    for raw in extract_raw_quotes(doc, text=doc.text):
        proposal = _from_rule(doc, raw)
        if proposal is not None:
            yield proposal


def _from_candidate(doc: Doc, c: Candidate) -> _Proposal | None:
    if len(c.pieces) != 1:
        return None
    cue = doc[c.cue]
    first, last = c.pieces[0]
    if not cue.sent.start <= first < cue.sent.end:
        return None
    return cue, doc[c.source], first, last, c.kind.split("-")[0]


def _from_rule(doc: Doc, raw: RawQuote) -> _Proposal | None:
    """As ``extract.attribution.redraw_quote`` reads a rule's quote."""
    if raw.type == "direct" or len(raw.pieces) != 1 or raw.cue is None:
        return None
    span = doc.char_span(*raw.pieces[0], alignment_mode="expand")
    cue = doc.char_span(*raw.cue, alignment_mode="expand")
    if span is None or cue is None or not len(span) or not len(cue):
        return None
    if not cue[0].sent.start <= span.start < cue[0].sent.end:
        return None
    source = doc[raw.speaker[0] : raw.speaker[1]].root if raw.speaker else None
    return cue[0], source, span.start, span.end - 1, "rule"


def _gold_of(gold: GoldDocument, cue: Token) -> GoldQuote | None:
    """The gold attribution whose cue holds ``cue``, if any."""
    start, end = cue.idx, cue.idx + len(cue)
    for quote in gold.quotes:
        if any(s < end and start < e for s, e in quote.cue_spans):
            return quote
    return None
