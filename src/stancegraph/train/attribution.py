"""Training the attribution model of ``extract.attribution`` on brat gold attributions.

In: gold documents (``evaluation.quotes.load_brat``, e.g. PolNeAR train) parsed by the same
pipeline ``analyze`` runs, and a seed. Out: an ``AttributionModel`` and a ``TrainingReport``.

What is learned. First the boundary scorer (``train.boundaries``), which redraws the content
of the rules' reported quotes and of the candidates token by token. Then, for each document,
the rules run and their quotes are redrawn; the examples are the (redrawn) candidates
(``extract.attribution.open_candidates``) whose content no rule quote touches. A candidate is
positive when its content matches a gold attribution the rules did not find, by the
evaluator's own test (half of the larger token bag shared), and its source overlaps that
attribution's source (when the gold names one): a quote given to the wrong person is no use
in a discourse network, so the model learns to add only the ones it can give. A logistic
regression with an L2 penalty is fitted to them by full-batch Adam (``train.linear``). The
threshold at which a candidate is added is the one with the best content F1 in ``folds``-fold cross-validation over the training
documents (documents, not candidates, are split). Each rule's confidence is its precision on
the training documents, smoothed by one success and one failure. The cross-validation folds
share the boundary scorer, which is fitted once on all training documents.

Nothing here reads development data: ``stancegraph.train.__main__`` scores the trained model
on a development folder only after training, to report it.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from ..evaluation.measures import f1, ratio
from ..evaluation.quotes import MATCH_RATIO, GoldDocument, match_bags, span_text, token_bag
from ..extract.attribution import (
    AttributionModel,
    Candidate,
    boundary_scorer,
    candidate_features,
    open_candidates,
    quotation_pieces,
    redraw_quote,
    select,
)
from ..extract.quotes import RawQuote, extract_raw_quotes, span_chars, speaker_tokens
from ..extract.ranges import Ranges
from ..pipeline.batch import load_parser
from .boundaries import train_boundaries
from .linear import fit, matrix, vocabulary

__all__ = ["Settings", "TrainingReport", "parse_gold", "parser_name", "train_attribution"]


@dataclass(frozen=True, slots=True)
class Settings:
    """How to train. The defaults are the shipped model's."""

    seed: int = 0  # shuffles the documents into cross-validation folds
    folds: int = 5
    l2: float = 1e-3  # penalty on the squared weights, per example
    steps: int = 300  # full-batch Adam steps
    learning_rate: float = 0.1
    min_count: int = 2  # a feature seen in fewer training candidates is dropped
    thresholds: tuple[float, ...] = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
    # the boundary scorer (``train.boundaries``): many more, much plainer examples
    boundary_l2: float = 1e-4
    boundary_min_count: int = 3


@dataclass(slots=True)
class TrainingReport:
    """What training saw and chose."""

    documents: int = 0
    examples: int = 0
    positives: int = 0
    features: int = 0
    boundary_features: int = 0  # token features the boundary scorer weighs
    rules_only: tuple[float, float, float] = (0.0, 0.0, 0.0)  # P, R, F1 on the training docs
    cross_validated: dict[float, tuple[float, float, float]] = field(default_factory=dict)
    accept: float = 0.5


@dataclass(frozen=True, slots=True)
class _Document:
    """One training document: its parse, gold, the rules' quotes and the candidates."""

    doc: Doc
    gold: GoldDocument
    raws: tuple[RawQuote, ...]
    candidates: tuple[Candidate, ...]
    features: tuple[tuple[str, ...], ...]
    labels: tuple[int, ...]
    rules_matched: frozenset[int]  # indexes of ``raws`` that match a gold quote


@cache
def _parser(model: str | None) -> Language:
    """The parsing pipeline, built once for the name, the train and the dev parses."""
    return load_parser(model)


def parser_name(model: str | None = None) -> str:
    """The name and version of the spaCy pipeline ``parse_gold`` parses with."""
    meta = _parser(model).meta
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"


def parse_gold(gold: Sequence[GoldDocument], model: str | None = None) -> list[Doc]:
    """The gold texts parsed as ``analyze`` parses them."""
    nlp = _parser(model)
    return list(nlp.pipe((g.text for g in gold), batch_size=16))


def _prepare(doc: Doc, gold: GoldDocument, content: dict[str, float]) -> _Document:
    """One document's rule quotes and open candidates, contents redrawn by the boundary
    scorer ``content`` as ``extract.attribution.attribute`` redraws them."""
    text = doc.text
    pieces = quotation_pieces(text)
    quoted: Ranges[None] = Ranges(pieces)
    scorer = boundary_scorer(doc, content, pieces)
    raws = [redraw_quote(doc, r, scorer, quoted) for r in extract_raw_quotes(doc, text=text)]
    gold_bags = [token_bag(q.content_text) for q in gold.quotes]
    pairs = match_bags(gold_bags, [token_bag(span_text(text, r.pieces)) for r in raws])
    found = {g for g, _ in pairs}
    missed = [
        (bag, gold.quotes[g].source_spans) for g, bag in enumerate(gold_bags) if g not in found
    ]
    cands = open_candidates(doc, raws, scorer)
    features, labels = [], []
    for c in cands:
        features.append(tuple(candidate_features(doc, c, quoted)))
        pieces = [span_chars(doc, a, b) for a, b in c.pieces]
        bag = token_bag(span_text(text, pieces))
        labels.append(int(_matches_any(bag, _source_chars(doc, c), missed)))
    return _Document(
        doc=doc,
        gold=gold,
        raws=tuple(raws),
        candidates=tuple(cands),
        features=tuple(features),
        labels=tuple(labels),
        rules_matched=frozenset(p for _, p in pairs),
    )


def _source_chars(doc: Doc, candidate: Candidate) -> tuple[int, int]:
    first, end = speaker_tokens(doc[candidate.source])
    return doc[first:end].start_char, doc[first:end].end_char


def _matches_any(
    bag: Counter[str],
    source: tuple[int, int],
    golds: Iterable[tuple[Counter[str], Sequence[tuple[int, int]]]],
) -> bool:
    """Whether a candidate with content ``bag`` and source characters ``source`` is one of
    ``golds`` (content bag, source spans): the contents match by the evaluator's test, and
    the source overlaps the gold source when the gold names one."""
    size = bag.total()
    start, end = source
    for gold, spans in golds:
        common = (gold & bag).total()
        if not common or common < MATCH_RATIO * max(size, gold.total()):
            continue
        if not spans or any(start < e and s < end for s, e in spans):
            return True
    return False


# -- the candidate model ---------------------------------------------------------------------


def _weights(documents: Sequence[_Document], settings: Settings) -> dict[str, float]:
    rows = [f for d in documents for f in d.features]
    vocab = vocabulary(rows, settings.min_count)
    labels = np.array([label for d in documents for label in d.labels], dtype=float)
    x = matrix(rows, vocab)
    w = fit(
        x,
        labels,
        len(vocab),
        l2=settings.l2,
        steps=settings.steps,
        learning_rate=settings.learning_rate,
    )
    return {f: round(float(w[i]), 5) for f, i in vocab.items() if abs(w[i]) >= 1e-5}


# -- scoring and choosing ----------------------------------------------------------------------


def _counts(document: _Document, quotes: Sequence[RawQuote]) -> tuple[int, int, int]:
    """Gold, predicted and matched quotes of one document, as the evaluator counts content."""
    text = document.doc.text
    gold = [token_bag(q.content_text) for q in document.gold.quotes]
    predicted = [token_bag(span_text(text, q.pieces)) for q in quotes]
    return len(gold), len(predicted), len(match_bags(gold, predicted))


def _prf(gold: int, predicted: int, matched: int) -> tuple[float, float, float]:
    p, r = ratio(matched, predicted), ratio(matched, gold)
    return p, r, f1(p, r)


def _selected(document: _Document, model: AttributionModel, accept: float) -> list[RawQuote]:
    doc = document.doc
    quoted: Ranges[None] = Ranges(quotation_pieces(doc.text))
    scored = [
        (model.probability(f), c)
        for f, c in zip(document.features, document.candidates, strict=True)
    ]
    return select(doc, doc.text, document.raws, scored, accept, quoted)


def _cross_validate(
    documents: Sequence[_Document], settings: Settings
) -> dict[float, tuple[float, float, float]]:
    order = list(range(len(documents)))
    random.Random(settings.seed).shuffle(order)
    fold_of = {d: k % settings.folds for k, d in enumerate(order)}
    tallies = {t: [0, 0, 0] for t in settings.thresholds}
    for fold in range(settings.folds):
        train = [d for i, d in enumerate(documents) if fold_of[i] != fold]
        model = AttributionModel(_weights(train, settings), 0.5, {}, {})
        for i, document in enumerate(documents):
            if fold_of[i] != fold:
                continue
            for t in settings.thresholds:
                counts = _counts(document, _selected(document, model, t))
                tallies[t] = [a + b for a, b in zip(tallies[t], counts, strict=True)]
    return {t: _prf(*tally) for t, tally in tallies.items()}


def _rule_precision(documents: Sequence[_Document]) -> dict[str, float]:
    fired: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for d in documents:
        for i, raw in enumerate(d.raws):
            fired[raw.rule] += 1
            right[raw.rule] += int(i in d.rules_matched)
    return {rule: round((right[rule] + 1) / (n + 2), 3) for rule, n in sorted(fired.items())}


def train_attribution(
    gold: Sequence[GoldDocument],
    docs: Sequence[Doc],
    settings: Settings | None = None,
    *,
    meta: dict[str, object] | None = None,
) -> tuple[AttributionModel, TrainingReport]:
    """The model trained on ``gold`` (parsed as ``docs``, e.g. by ``parse_gold``)."""
    settings = settings or Settings()
    content = train_boundaries(
        gold,
        docs,
        l2=settings.boundary_l2,
        steps=settings.steps,
        learning_rate=settings.learning_rate,
        min_count=settings.boundary_min_count,
    )
    documents = [_prepare(doc, g, content) for doc, g in zip(docs, gold, strict=True)]
    report = TrainingReport(documents=len(documents))
    report.boundary_features = len(content)
    report.examples = sum(len(d.labels) for d in documents)
    report.positives = sum(sum(d.labels) for d in documents)
    totals = [sum(c) for c in zip(*(_counts(d, d.raws) for d in documents), strict=True)] or [
        0,
        0,
        0,
    ]
    report.rules_only = _prf(*totals)
    report.cross_validated = _cross_validate(documents, settings)
    report.accept = max(report.cross_validated, key=lambda t: (report.cross_validated[t][2], -t))
    weights = _weights(documents, settings)
    report.features = len(weights)
    model = AttributionModel(
        weights=weights,
        accept=report.accept,
        rule_precision=_rule_precision(documents),
        meta={**(meta or {}), "documents": len(documents), "examples": report.examples},
        content=content,
    )
    return model, report
