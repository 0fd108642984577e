"""Accuracy floors: quote extraction and speaker attribution on PolNeAR dev.

The floors are the numbers `stancegraph evaluate --gold ../shared/data/polnear/data/dev` printed
when they were last raised, minus about 0.02 of slack for harmless changes. Raise them when the
extractor gets better; never lower them to let a change through. History:

    date        F1     source acc.  what
    2026-11-27  0.685  0.894        first release of quotes.py/actors.py (issue: foundation)
    2026-11-27  0.687  0.908        noun and adjective cues, dash signatures
    2026-11-27  0.688  0.910        review fixes (surnames, conjoined cues)
    2026-11-30  0.687  0.926        rules alone: a relative pronoun is a mention of the speaker
    2026-11-30  0.713  0.915        learned attribution (the default; issue: learned attribution)
    2026-11-30  0.708  0.926        the model adds a quote only with a right source (labels), the
                                    issuer of a document speaks, announcing sentences
    2026-11-30  0.711  0.930        frames around reported speech, datelines, question frames,
                                    possessive pronouns' subjects, mixed-up quotation marks;
                                    retrained
    2026-12-01  0.721  0.927        learned content boundaries: each token of the cue's sentence
                                    scored as content or not (extract/boundaries.py); retrained

The issue's acceptance bar is F1 >= 0.60 and source accuracy >= 0.85; a plain direct-quote
extractor scores about 0.23 F1 on this kind of data. The rules were developed looking at errors on
PolNeAR train and dev, so dev is not held out; the train numbers (F1 0.661) are within 0.03 of it.
"""

from __future__ import annotations

import pytest

from conftest import SHARED_DATA
from stancegraph.evaluation.quotes import EvalReport, load_brat, score
from stancegraph.pipeline import Options, analyze
from stancegraph.types import Attribution, Document

POLNEAR_DEV = SHARED_DATA / "polnear" / "data" / "dev"

F1_FLOOR = 0.70  # measured 0.721 on 2026-12-01 (learned attribution, the default)
SOURCE_ACCURACY_FLOOR = 0.92  # measured 0.927 on 2026-12-01; the targets are 0.91 and 0.93
DIRECT_F1_FLOOR = 0.89  # measured 0.911: direct quotes are the easy part and must stay easy
INDIRECT_RECALL_FLOOR = 0.53  # measured 0.547 on 2026-12-01 (0.463 with the rules alone)
RULES_F1_FLOOR = 0.67  # measured 0.690 on 2026-12-01 with --attribution rules
RULES_SOURCE_ACCURACY_FLOOR = 0.92  # measured 0.934 on 2026-12-01 with --attribution rules


def _report(attribution: Attribution) -> EvalReport:
    if not POLNEAR_DEV.is_dir():
        pytest.skip(f"PolNeAR dev not found at {POLNEAR_DEV}")
    gold = load_brat(POLNEAR_DEV)
    documents = [Document(id=g.id, text=g.text) for g in gold]
    options = Options(attribution=attribution)
    report = score(gold, {a.document.id: a for a in analyze(documents, options)})
    assert report.documents == 84
    return report


@pytest.fixture(scope="module")
def learned() -> EvalReport:
    return _report("learned")


@pytest.mark.model
@pytest.mark.data
def test_polnear_dev_floors(learned: EvalReport) -> None:
    assert learned.overall.f1 >= F1_FLOOR, learned.overall
    assert learned.overall.source_accuracy >= SOURCE_ACCURACY_FLOOR, learned.overall
    assert learned.by_type["direct"].f1 >= DIRECT_F1_FLOOR, learned.by_type["direct"]
    assert learned.by_type["indirect"].recall >= INDIRECT_RECALL_FLOOR, learned.by_type["indirect"]


@pytest.mark.model
@pytest.mark.data
def test_polnear_dev_floors_rules_alone() -> None:
    report = _report("rules")
    assert report.overall.f1 >= RULES_F1_FLOOR, report.overall
    assert report.overall.source_accuracy >= RULES_SOURCE_ACCURACY_FLOOR, report.overall
    assert report.by_type["direct"].f1 >= DIRECT_F1_FLOOR, report.by_type["direct"]


@pytest.mark.model
@pytest.mark.data
@pytest.mark.xfail(
    strict=True,
    reason="issue targets not reached yet: F1 0.721 of 0.78, indirect recall 0.547 of 0.65",
)
def test_polnear_dev_learned_attribution_targets(learned: EvalReport) -> None:
    assert learned.overall.f1 >= 0.78
    assert learned.by_type["indirect"].recall >= 0.65
