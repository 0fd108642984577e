"""Accuracy floors: statements on the hand-coded development set of tests/data/statements_dev.

The floors are what these commands printed when they were last raised, minus a little slack
for harmless changes::

    stancegraph evaluate --gold-format statements --gold tests/data/statements_dev/gold.jsonl
    stancegraph evaluate --gold-format statements --gold tests/data/statements_dev/gold.jsonl \\
        --no-codebook

Raise them when statement coding gets better; never lower them to let a change through. The
codebooks and statements were coded by hand from the texts before any of them was run through
stancegraph (tests/data/statements_dev/README.md). History:

    date        codebook: triple F1  evidence F1  |  none: evidence F1  purity  inverse purity
    2026-11-30            0.309      0.271        |        0.270        1.000   0.818
                (first measurement)
    2026-11-30            0.325      0.286        |        0.292        1.000   0.817
                (agreement: conditions, stance adjectives and agent nouns, phrasal verbs,
                modality of actions, reported wishes, proposing and actions against)
    2026-11-30            0.321      0.286        |        0.286        1.000   0.806
                (learned attribution as the default finds more reported speech)
    2026-11-30            0.327      0.292        |        0.294        1.000   0.778
                (who-is-who work: titles, governments, names with particles; 63 statements
                are now paired instead of 62, and the new pair sits in a key-phrase concept
                of its own, so inverse purity, 49 of 63, moves by one statement: the floor
                below is set from this measurement, not raised past the old one)
    2026-11-30            0.408      0.386        |        0.364        1.000   0.756
                (a concept the actor raises as their own matter, with nothing taking a
                side, is weak support instead of neutral; 78 statements paired)
    2026-11-30            0.415      0.397        |        0.364        1.000   0.756
                (the words naming a concept do not count in the evidence's overall polarity)
    2026-11-30            0.421      0.402        |        0.368        1.000   0.747
                (a speaker's proper name ends before "of" and brackets)
    2026-11-30            0.443      0.422        |        0.389        0.988   0.753
                (every actor conjoined with a speaker holds the position too)
    2026-11-30            0.452      0.430        |        0.397        0.989   0.750
                (a passive stance verb's agent holds the position: "X was condemned by Y";
                the holders of positions stated outside quotes are actors)
    2026-11-30            0.469      0.434        |        0.396        0.989   0.739
                (quote speakers: the issuer of a document, frames around reported speech,
                announcing sentences, a possessive pronoun's subject, mixed-up quotation
                marks; inverse purity moves by one statement)
    2026-12-01            0.479      0.443        |        0.401        0.989   0.742
                (actors: organisations that are nowhere a party are left out, so fewer
                statements go to them; lone given names join their person; shares and
                kinds are no groups)
    2026-12-01            0.483      0.447        |        0.404        0.989   0.742
                (a news medium relays the position of the actor its report is about; a
                report about no actor holds no position; "initial reports" are no one)
    2026-12-01            0.473      0.443        |        0.402        0.989   0.739
                (learned content boundaries, issue 11: longer, truer quote contents carry
                more words into agreement and concept; 4 right triples lost, 2 gained,
                e.g. "a national emergency in response to the ongoing coronavirus
                outbreak" now reads as against the emergency)
    2026-12-01            0.489      0.457        |        0.415        0.989   0.736
                (an agent who declares, imposes, launches, announces, establishes or
                initiates a measure is for it; "declare" came from reading this set's
                errors, the rest from the same sense; IBM 0.634 -> 0.635, BASIL same)
    2026-12-01            0.490      0.459        |        0.416        0.989   0.736
                (doing the act a concept names is for it; lawsuits and challenges over a
                measure are against it; joining; passive relative clauses' agents; fewer
                candidates redrawn, for speed)

The issue's targets are triple F1 >= 0.70 with the codebook, and without one
actor-agreement-evidence F1 >= 0.55 and concept purity >= 0.80; the xfails below say which are
not met yet. Purity is met, but only because the machine's key-phrase concepts rarely group
two statements of an article at all (a concept per statement is pure).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED_DATA
from stancegraph.evaluation.statements import (
    StatementReport,
    analyse_gold,
    load_statement_gold,
    score_statements,
)

GOLD = Path(__file__).parent / "data" / "statements_dev" / "gold.jsonl"

# measured on 2026-11-30 with the two commands above (last row of the history)
CODEBOOK_TRIPLE_F1_FLOOR = 0.47  # measured 0.490 on 2026-12-01 (precision 0.541, recall 0.447)
CODEBOOK_EVIDENCE_F1_FLOOR = 0.43  # measured 0.459
NO_CODEBOOK_EVIDENCE_F1_FLOOR = 0.39  # measured 0.416
NO_CODEBOOK_PURITY_FLOOR = 0.95  # measured 0.989
NO_CODEBOOK_INVERSE_PURITY_FLOOR = 0.72  # measured 0.736 (about 90 paired statements)

pytestmark = [pytest.mark.model, pytest.mark.data]


def _report(*, with_codebook: bool) -> StatementReport:
    if not (SHARED_DATA / "wikinews").is_dir():
        pytest.skip(f"the development set's articles are read from {SHARED_DATA}")
    gold = load_statement_gold(GOLD, SHARED_DATA)
    assert len(gold) >= 30
    analyses = analyse_gold(gold, with_codebook=with_codebook)
    return score_statements(gold, {a.document.id: a for a in analyses})


@pytest.fixture(scope="module")
def with_codebook() -> StatementReport:
    return _report(with_codebook=True)


@pytest.fixture(scope="module")
def without_codebook() -> StatementReport:
    return _report(with_codebook=False)


def test_statement_floors_with_the_codebook(with_codebook: StatementReport) -> None:
    assert with_codebook.triple_f1 >= CODEBOOK_TRIPLE_F1_FLOOR
    assert with_codebook.evidence_f1 >= CODEBOOK_EVIDENCE_F1_FLOOR


def test_statement_floors_without_a_codebook(without_codebook: StatementReport) -> None:
    assert without_codebook.evidence_f1 >= NO_CODEBOOK_EVIDENCE_F1_FLOOR
    assert without_codebook.purity >= NO_CODEBOOK_PURITY_FLOOR
    assert without_codebook.inverse_purity >= NO_CODEBOOK_INVERSE_PURITY_FLOOR


def test_the_purity_target_without_a_codebook(without_codebook: StatementReport) -> None:
    assert without_codebook.purity >= 0.80


@pytest.mark.xfail(strict=True, reason="codebook triple F1 is 0.325, below the issue's 0.70")
def test_the_triple_target_with_the_codebook(with_codebook: StatementReport) -> None:
    assert with_codebook.triple_f1 >= 0.70


@pytest.mark.xfail(
    strict=True, reason="actor-agreement-evidence F1 without a codebook is 0.292, below 0.55"
)
def test_the_evidence_target_without_a_codebook(without_codebook: StatementReport) -> None:
    assert without_codebook.evidence_f1 >= 0.55
