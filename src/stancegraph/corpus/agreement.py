"""Inter-coder agreement: Krippendorff's alpha, percent agreement and the disagreements.

In: ``CodedDocument`` values, one per document coded by two coders or more: the machine's items
and each coder's version of them (the machine's items with that coder's own decisions applied;
``corpus.review_items``), and the items an admin has reconciled. Out: an ``AgreementReport``
with, per variable, Krippendorff's alpha (nominal; computed by the ``krippendorff`` package)
and percent agreement among the coders, and the same with the machine as one more coder; and
the list of ``Disagreement`` values among the coders, each with the ``Choice`` of every coder
(and of the machine): the decisions that make that coder's value the final one. Pure: the store
part is ``corpus.store_agreement``.

A unit is a place in a document, found in any version: a quote's span, a statement's evidence
span, an event's trigger span. The variables (``VARIABLES``):

- ``quote``: whether the version has a quote on the span (``found`` or ``not found``);
- ``speaker``: who says the quote (only where the version has it);
- ``concept``: the concepts of the statements on the span (``none`` when there is none);
- ``agreement``: support, oppose or neutral of a statement (its span and concept as the unit);
- ``event_type``: the PLOVER type of the event on the trigger (``none`` when there is none).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .coders import MACHINE
from .review import ReviewItem

__all__ = [
    "VARIABLES",
    "AgreementReport",
    "Choice",
    "CodedDocument",
    "Disagreement",
    "Score",
    "alpha",
    "percent_agreement",
    "report",
]

VARIABLES = {  # variable -> (item kind, what the report calls it)
    "quote": ("quote", "quote span found"),
    "speaker": ("quote", "speaker"),
    "concept": ("statement", "statement concept"),
    "agreement": ("statement", "agreement"),
    "event_type": ("event", "event type"),
}
_ABSENT = {"quote": "not found", "concept": "none", "event_type": "none"}  # else: no value

Version = Mapping[str, Sequence[ReviewItem]]  # kind -> the items a version keeps


@dataclass(frozen=True, slots=True)
class CodedDocument:
    """A document coded by several coders, with the machine's version and each coder's."""

    source: str
    text: str
    machine: Version
    coders: Mapping[str, Version]  # coder name -> their version
    # item key -> (action, value) of the final decision on it, for the items an admin reconciled
    final: Mapping[str, tuple[str, Mapping[str, Any]]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Choice:
    """One coder's value of a unit, and the decisions (kind, item, action, value) that make it
    the final one."""

    coder: str
    value: str | None  # None: the coder has no value (e.g. no speaker: the quote is not found)
    decisions: tuple[tuple[str, str, str, Mapping[str, Any]], ...]


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A unit the coders gave different values."""

    document: str
    variable: str
    unit: str  # "start-end", or "start-end:concept" for an agreement
    text: str  # the unit's words, cut at 120 characters
    values: Mapping[str, str]  # coder (and "machine") -> value, for those that have one
    resolved: bool  # an admin reconciled it
    choices: tuple[Choice, ...]
    final: str | None = None  # the coder whose value the admin made final (None: not known)


@dataclass(frozen=True, slots=True)
class Score:
    """The agreement on one variable."""

    variable: str
    label: str
    units: int  # units with values from two coders or more
    alpha: float | None  # among the coders; None when undefined (no variation, no pairs)
    percent: float | None  # share of those units where the coders agree
    alpha_machine: float | None  # with the machine as one more coder
    percent_machine: float | None


@dataclass(frozen=True, slots=True)
class AgreementReport:
    documents: tuple[str, ...]
    coders: tuple[str, ...]
    scores: tuple[Score, ...]
    disagreements: tuple[Disagreement, ...]


# -- the coefficients ----------------------------------------------------------------------------


def alpha(rows: Sequence[Sequence[str | None]]) -> float | None:
    """Krippendorff's alpha (nominal) of ``rows`` (one per coder, one column per unit; None is
    a missing value); None when it is undefined (fewer than two values in all, or no unit with
    two values)."""
    import krippendorff
    import numpy as np

    codes: dict[str, int] = {}
    data = np.array(
        [[np.nan if v is None else codes.setdefault(v, len(codes)) for v in row] for row in rows],
        dtype=float,
    )
    if len(codes) < 2 or not any(_pairable(column) for column in zip(*rows, strict=True)):
        return None
    result = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    return None if math.isnan(result) else result


def percent_agreement(rows: Sequence[Sequence[str | None]]) -> float | None:
    """The share of units with two values or more on which every value is the same."""
    columns = [
        [v for v in column if v is not None] for column in zip(*rows, strict=True)
    ]  # fmt: skip
    paired = [column for column in columns if len(column) >= 2]
    if not paired:
        return None
    return sum(len(set(column)) == 1 for column in paired) / len(paired)


def _pairable(column: Iterable[str | None]) -> bool:
    return sum(v is not None for v in column) >= 2


# -- units ---------------------------------------------------------------------------------------


def _span(item: ReviewItem, *fields: str) -> str:
    current = item.current
    return f"{current[fields[0]]}-{current[fields[1]]}"


def _units(variable: str, version: Version) -> dict[str, tuple[str, list[ReviewItem]]]:
    """Unit -> (value, the items holding it) of one version for ``variable``."""
    kind = VARIABLES[variable][0]
    grouped: dict[str, list[ReviewItem]] = defaultdict(list)
    for item in version.get(kind, ()):
        grouped[_unit(variable, item)].append(item)
    return {unit: (_value(variable, items), items) for unit, items in grouped.items()}


def _unit(variable: str, item: ReviewItem) -> str:
    if variable in ("quote", "speaker", "concept"):
        return _span(item, "start", "end")
    if variable == "agreement":
        return f"{_span(item, 'start', 'end')}:{item.current.get('concept')}"
    current = item.current
    if isinstance(current.get("trigger_start"), int) and isinstance(
        current.get("trigger_end"), int
    ):
        return _span(item, "trigger_start", "trigger_end")
    return _span(item, "sentence_start", "sentence_end")


def _value(variable: str, items: Sequence[ReviewItem]) -> str:
    first = items[0].current
    if variable == "quote":
        return "found"
    if variable == "speaker":
        return str(first.get("speaker_name") or first.get("speaker_text") or "(nobody)")
    if variable == "concept":
        return "; ".join(sorted({str(i.current.get("concept")) for i in items}))
    if variable == "agreement":
        return str(first.get("agreement"))
    return "; ".join(sorted({str(i.current.get("type")) for i in items}))


# -- the report ----------------------------------------------------------------------------------


def report(documents: Sequence[CodedDocument]) -> AgreementReport:
    """The agreement report of ``documents`` (see the module)."""
    coders = tuple(sorted({name for doc in documents for name in doc.coders}))
    scores, disagreements = [], []
    for variable, (_, label) in VARIABLES.items():
        human: list[list[str | None]] = [[] for _ in coders]
        machine: list[str | None] = []
        for doc in documents:
            for column in _columns(doc, variable):
                for row, name in zip(human, coders, strict=True):
                    row.append(column.values.get(name))
                machine.append(column.values.get(MACHINE))
                if column.disagree:
                    disagreements.append(column.disagreement)
        both = [*human, machine]
        units = sum(_pairable(column) for column in zip(*both, strict=True)) if machine else 0
        scores.append(
            Score(variable, label, units, alpha(human), percent_agreement(human), alpha(both),
                  percent_agreement(both))
        )  # fmt: skip
    return AgreementReport(
        documents=tuple(doc.source for doc in documents),
        coders=coders,
        scores=tuple(scores),
        disagreements=tuple(disagreements),
    )


@dataclass(frozen=True, slots=True)
class _Column:
    values: Mapping[str, str]  # coder or machine -> value
    disagree: bool
    disagreement: Disagreement


def _columns(doc: CodedDocument, variable: str) -> list[_Column]:
    versions: dict[str, Version] = {**doc.coders, MACHINE: doc.machine}
    found = {name: _units(variable, version) for name, version in versions.items()}
    every = sorted({unit for units in found.values() for unit in units}, key=_order)
    out = []
    for unit in every:
        values = {
            name: units[unit][0] if unit in units else _ABSENT.get(variable)
            for name, units in found.items()
        }
        kept = {name: value for name, value in values.items() if value is not None}
        human = {kept[name] for name in doc.coders if name in kept}
        items = {name: units[unit][1] if unit in units else [] for name, units in found.items()}
        keys = {item.key for listed in items.values() for item in listed}
        choices = tuple(
            Choice(name, values[name], _decisions(VARIABLES[variable][0], name, keys, versions))
            for name in versions
        )
        disagreement = Disagreement(
            document=doc.source,
            variable=variable,
            unit=unit,
            text=_words(doc.text, unit),
            values=kept,
            resolved=bool(keys & set(doc.final)),
            choices=choices,
            final=_chosen(choices, doc.final),
        )
        out.append(_Column(kept, len(human) > 1, disagreement))
    return out


def _chosen(
    choices: Sequence[Choice], final: Mapping[str, tuple[str, Mapping[str, Any]]]
) -> str | None:
    """The first coder whose decisions are the final ones, on every item that has one."""
    for choice in choices:
        decided = [(action, dict(value)) == _plain(final.get(item)) for _, item, action, value
                   in choice.decisions if item in final]  # fmt: skip
        if decided and all(decided):
            return choice.coder
    return None


def _plain(final: tuple[str, Mapping[str, Any]] | None) -> tuple[str, dict[str, Any]] | None:
    return None if final is None else (final[0], dict(final[1]))


def _order(unit: str) -> tuple[int, int, str]:
    span, _, rest = unit.partition(":")
    start, _, end = span.partition("-")
    return int(start), int(end), rest


def _words(text: str, unit: str) -> str:
    start, end = _order(unit)[:2]
    words = " ".join(text[start:end].split())
    return words if len(words) <= 120 else words[:119] + "…"


def _decisions(
    kind: str, name: str, keys: set[str], versions: Mapping[str, Version]
) -> tuple[tuple[str, str, str, Mapping[str, Any]], ...]:
    """What makes coder ``name``'s version of the items ``keys`` the final one: their decision
    on each item they keep (an accept for one they left as the machine had it), a reject for
    each item they do not have."""
    theirs = {item.key: item for item in versions[name].get(kind, ())}
    out: list[tuple[str, str, str, Mapping[str, Any]]] = []
    for key in sorted(keys):
        item = theirs.get(key)
        decision = item.decision if item is not None else None
        if item is None:
            out.append((kind, key, "reject", {}))
        elif decision is not None and decision.action == "edit":
            out.append((kind, key, "edit", dict(decision.value)))
        else:
            out.append((kind, key, "accept", {}))
    return tuple(out)
