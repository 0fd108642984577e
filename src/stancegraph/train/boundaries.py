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
from ..extract.attribution import (
    Proposal,
    candidate_proposal,
    candidates,
    quotation_pieces,
    rule_proposal,
)
from ..extract.boundaries import MAX_SENTENCE, Sheet, quoted_tokens, sentence_features
from ..extract.quotes import extract_raw_quotes
from .linear import fit, matrix, vocabulary

__all__ = ["boundary_examples", "train_boundaries"]


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
    for cue_i, source, first, last, kind in _proposals(doc):
        cue = doc[cue_i]
        quote = _gold_of(gold, cue)
        start, end = sheet.sentence[cue_i]
        if quote is None or end - start > MAX_SENTENCE or not start <= first < end:
            continue  # as ``extract.boundaries.redraw`` leaves such a range alone
        tokens, rows = sentence_features(sheet, cue_i, source, first, last, kind)
        for i, row in zip(tokens, rows, strict=True):
            tok = doc[i]
            end_char = tok.idx + len(tok)
            yield row, int(any(s < end_char and tok.idx < e for s, e in quote.content_spans))


def _proposals(doc: Doc) -> Iterator[Proposal]:
    """The candidates and rule quotes the boundary scorer redraws, read as it reads them."""
    found = [candidate_proposal(c) for c in candidates(doc)]
    found += [rule_proposal(doc, raw) for raw in extract_raw_quotes(doc, text=doc.text)]
    return (p for p in found if p is not None)


def _gold_of(gold: GoldDocument, cue: Token) -> GoldQuote | None:
    """The gold attribution whose cue holds ``cue``, if any."""
    start, end = cue.idx, cue.idx + len(cue)
    for quote in gold.quotes:
        if any(s < end and start < e for s, e in quote.cue_spans):
            return quote
    return None
