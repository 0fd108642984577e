"""How a trained attribution model does on held-out gold: the numbers its model card quotes.

In: gold documents (e.g. PolNeAR dev), their parses and an ``AttributionModel``. Out: a
``HeldOutReport``: the evaluator's report for the rules alone and for the rules with the
model, and a reliability table (for each band of confidence, how many predicted quotes fall
in it and what share of them match a gold quote). Nothing here trains.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from ..evaluation.quotes import (
    EvalReport,
    GoldDocument,
    match_bags,
    score,
    span_text,
    token_bag,
)
from ..extract.attribution import AttributionModel
from ..pipeline.extraction import analyze_doc
from ..types import Analysis, Document

__all__ = ["BANDS", "HeldOutReport", "Reliability", "score_held_out"]

BANDS: tuple[float, ...] = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


@dataclass(frozen=True, slots=True)
class Reliability:
    """Quotes whose confidence is in [low, high) and the share of them that is right."""

    low: float
    high: float
    quotes: int
    right: int

    @property
    def precision(self) -> float:
        return self.right / self.quotes if self.quotes else 0.0


@dataclass(frozen=True, slots=True)
class HeldOutReport:
    """The evaluator's reports without and with the model, and the learned run's reliability."""

    rules: EvalReport
    learned: EvalReport
    reliability: tuple[Reliability, ...]


def _analyses(
    gold: Sequence[GoldDocument], docs: Sequence[Doc], model: AttributionModel | None
) -> dict[str, Analysis]:
    out = {}
    for g, doc in zip(gold, docs, strict=True):
        document = Document(id=g.id, text=g.text)
        if model is None:
            out[g.id] = analyze_doc(doc, document, attribution="rules")
        else:
            out[g.id] = analyze_doc(doc, document, attribution_model=model)
    return out


def _reliability(gold: Sequence[GoldDocument], analyses: dict[str, Analysis]) -> list[Reliability]:
    counts = [[0, 0] for _ in BANDS[:-1]]
    for g in gold:
        quotes = analyses[g.id].quotes
        text = g.text
        pairs = match_bags(
            [token_bag(q.content_text) for q in g.quotes],
            [token_bag(span_text(text, q.spans or ((q.start, q.end),))) for q in quotes],
        )
        right = {p for _, p in pairs}
        for i, quote in enumerate(quotes):
            band = next(k for k in range(len(BANDS) - 1) if quote.confidence < BANDS[k + 1])
            counts[band][0] += 1
            counts[band][1] += int(i in right)
    return [Reliability(BANDS[k], min(BANDS[k + 1], 1.0), n, r) for k, (n, r) in enumerate(counts)]


def score_held_out(
    gold: Sequence[GoldDocument], docs: Sequence[Doc], model: AttributionModel
) -> HeldOutReport:
    """The rules alone and the rules with ``model`` on ``gold`` (parsed as ``docs``)."""
    rules = _analyses(gold, docs, None)
    learned = _analyses(gold, docs, model)
    return HeldOutReport(
        rules=score(gold, rules),
        learned=score(gold, learned),
        reliability=tuple(_reliability(gold, learned)),
    )
