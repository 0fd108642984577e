"""The machine's precision on the items coders decided: how far to trust unreviewed documents.

In: ``ReviewItem`` values (``corpus.review_items``). Out: a ``Precision``: per kind (quote,
speaker, statement, event) and per rule (the extractor named on the item), how many items were
decided and how many the machine got right. An accepted item is right; a rejected one is wrong;
an edited one is wrong in the fields the edit changed: a quote whose speaker alone was changed
counts as a right quote and a wrong speaker. A rejected quote says nothing of its speaker, and
items a coder added are misses, not precision, so neither counts. Unreviewed items do not count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from .review import Precision, ReviewItem, Score

__all__ = ["PRECISION_KINDS", "precision"]

PRECISION_KINDS = ("quote", "speaker", "statement", "event")
_FIELDS = {
    "quote": ("type", "start", "end"),
    "speaker": ("speaker", "speaker_start", "speaker_end"),
    "statement": ("actor", "concept", "agreement", "start", "end"),
    "event": ("type", "plover_mode", "source", "target", "sentence_start", "sentence_end"),
}


def precision(items: Iterable[ReviewItem]) -> Precision:
    """Decided and correct counts per kind and per rule, with their ratio."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rules: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for item in items:
        for kind, right in _judgements(item):
            rule = item.rule or ""
            for tally in (counts[kind], rules[kind][rule]):
                tally[0] += 1
                tally[1] += int(right)
    return Precision(
        by_kind={k: _score(*counts[k]) for k in PRECISION_KINDS},
        by_rule={
            k: {rule: _score(*tally) for rule, tally in sorted(rules[k].items())}
            for k in PRECISION_KINDS
        },
    )


def _judgements(item: ReviewItem) -> list[tuple[str, bool]]:
    """(precision kind, machine right?) for each thing the item's decision judges."""
    if item.machine is None or item.status not in ("accepted", "edited", "rejected"):
        return []
    if item.status == "rejected":
        return [(item.kind, False)]
    kinds = ("quote", "speaker") if item.kind == "quote" else (item.kind,)
    return [(kind, _same(item.machine, item.current, _FIELDS[kind])) for kind in kinds]


def _same(machine: Mapping[str, Any], current: Mapping[str, Any], fields: Iterable[str]) -> bool:
    return all(_comparable(machine.get(f)) == _comparable(current.get(f)) for f in fields)


def _comparable(value: Any) -> Any:
    """A participant compares by its span and actor, not by country or sector."""
    if isinstance(value, Mapping):
        return (value.get("start"), value.get("end"), value.get("actor"))
    return value


def _score(decided: int, correct: int) -> Score:
    return Score(decided, correct, correct / decided if decided else None)
