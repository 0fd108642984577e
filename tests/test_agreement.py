"""Krippendorff's alpha, percent agreement and the units of the agreement report
(``stancegraph.corpus.agreement``), on Krippendorff's own worked examples and by hand."""

from __future__ import annotations

from typing import Any

import pytest

from stancegraph.corpus.agreement import CodedDocument, alpha, percent_agreement, report
from stancegraph.corpus.review import Decision, ReviewItem

# Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability". Annenberg School for
# Communication, University of Pennsylvania, Departmental Papers (ASC) 43.
# Section A: binary data, two observers, no missing data: alpha = 0.095.
BINARY = [
    ["0", "1", "0", "0", "0", "0", "0", "0", "1", "0"],
    ["1", "1", "1", "0", "0", "1", "0", "0", "0", "0"],
]
# Section C: nominal data, four observers, twelve units, missing data (None): alpha = 0.743.
_ = None
NOMINAL = [
    ["1", "2", "3", "3", "2", "1", "4", "1", "2", _, _, _],
    ["1", "2", "3", "3", "2", "2", "4", "1", "2", "5", _, "3"],
    [_, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", _],
    ["1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", _],
]


def test_alpha_matches_krippendorffs_worked_examples() -> None:
    assert alpha(BINARY) == pytest.approx(0.095, abs=5e-4)
    assert alpha(NOMINAL) == pytest.approx(0.743, abs=5e-4)


def test_nominal_values_are_labels_whatever_their_spelling() -> None:
    renamed = [[None if v is None else f"label {v}" for v in row] for row in NOMINAL]
    assert alpha(renamed) == pytest.approx(alpha(NOMINAL))


def test_alpha_is_undefined_without_variation_or_pairs() -> None:
    assert alpha([["a", "a"], ["a", "a"]]) is None
    assert alpha([["a", None], [None, "b"]]) is None
    assert alpha([["a", "b"], ["a", "b"]]) == pytest.approx(1.0)


def test_percent_agreement_counts_units_with_two_values() -> None:
    assert percent_agreement(BINARY) == pytest.approx(0.6)
    # NOMINAL: 11 units have two values or more (not the last); units 2, 6 and 8 disagree
    columns = [[v for v in col if v is not None] for col in zip(*NOMINAL, strict=True)]
    paired = [c for c in columns if len(c) >= 2]
    assert len(paired) == 11
    assert percent_agreement(NOMINAL) == pytest.approx(8 / 11)
    assert percent_agreement([["a", None]]) is None


def _item(kind: str, key: str, decision: str | None = None, **current: Any) -> ReviewItem:
    made = None
    if decision is not None:
        made = Decision(1, "d", kind, key, decision, {}, "x", "2026-01-01T00:00:00+00:00")
    return ReviewItem(kind, key, None, "accepted", None, current, None, None, made)


QUOTE = _item("quote", "quote:0-5", start=0, end=5, speaker_name="Ann")
OTHER = _item("quote", "quote:0-5", start=0, end=5, speaker_name="Bob")
EVENT = _item("event", "event:0-9:AID:gave", type="AID", trigger_start=7, trigger_end=11,
              sentence_start=0, sentence_end=20)  # fmt: skip


def test_the_report_pairs_units_across_versions_and_lists_disagreements() -> None:
    doc = CodedDocument(
        source="d",
        text="Hello, gave it all away.",
        machine={"quote": [QUOTE], "event": [EVENT]},
        coders={"ann": {"quote": [QUOTE], "event": [EVENT]}, "bob": {"quote": [OTHER]}},
    )
    made = report([doc])
    assert made.coders == ("ann", "bob") and made.documents == ("d",)
    scores = {s.variable: s for s in made.scores}
    assert scores["quote"].percent == 1.0 and scores["quote"].alpha is None  # no variation
    assert scores["speaker"].percent == 0.0 and scores["speaker"].units == 1
    assert scores["event_type"].percent == 0.0
    assert scores["event_type"].percent_machine == 0.0
    found = {(d.variable, d.unit): d for d in made.disagreements}
    assert set(found) == {("speaker", "0-5"), ("event_type", "7-11")}
    event = found[("event_type", "7-11")]
    assert event.values == {"ann": "AID", "bob": "none", "machine": "AID"}
    assert event.text == "gave" and not event.resolved
    choices = {c.coder: c.decisions for c in event.choices}
    assert choices["bob"] == (("event", "event:0-9:AID:gave", "reject", {}),)
    assert choices["machine"] == (("event", "event:0-9:AID:gave", "accept", {}),)
