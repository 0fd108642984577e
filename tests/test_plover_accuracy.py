"""Accuracy floors: PLOVER event typing and participants on the PLOVER gold-standard records.

The floors are what ``python -m stancegraph.evaluation.plover
../shared/data/plover_gsr/PLOVER_GSR_CAMEO.txt`` printed when they were last raised, minus
about 0.02 of slack for harmless changes. Raise them when the extractor gets better; never lower
them to let a change through. The cue lexicons restate the PLOVER manual's definitions, but the
rules were developed while watching this score, so it is not a held-out number: WikiEvents
(``python -m stancegraph.evaluation.plover ../shared/data/wikievents/dev.jsonl``, trigger F1 about 0.25, or
0.37 without requiring a source) is the less flattering second check. History:

    date        micro F1  source acc.  target acc.  what
    2026-11-27  0.681     0.909        0.624        first release of events.py (issue: events)

The issue's acceptance bar is event type F1 >= 0.60 and source accuracy >= 0.70 on matched
events. Matching and the label mapping are defined in ``stancegraph.evaluation.plover.evaluate_plover`` and
``docs/plover.md``.
"""

from __future__ import annotations

import pytest

from conftest import SHARED_DATA
from stancegraph.evaluation.plover import evaluate_plover

GSR = SHARED_DATA / "plover_gsr" / "PLOVER_GSR_CAMEO.txt"

F1_FLOOR = 0.66  # measured 0.681 on 2026-11-27
SOURCE_ACCURACY_FLOOR = 0.89  # measured 0.909 on 2026-11-27
TARGET_ACCURACY_FLOOR = 0.60  # measured 0.624 on 2026-11-27
TYPE_ACCURACY_FLOOR = 0.64  # measured 0.661 on 2026-11-27 (the most confident event per sentence)


@pytest.mark.model
@pytest.mark.data
def test_plover_gsr_floors() -> None:
    if not GSR.is_file():
        pytest.skip(f"PLOVER gold-standard records not found at {GSR}")
    report = evaluate_plover(GSR)
    assert report.sentences == 322
    assert not report.unmapped
    assert report.micro.f1 >= F1_FLOOR, report.micro
    assert report.source_accuracy >= SOURCE_ACCURACY_FLOOR, report.source_accuracy
    assert report.target_accuracy >= TARGET_ACCURACY_FLOOR, report.target_accuracy
    assert report.type_accuracy >= TYPE_ACCURACY_FLOOR, report.type_accuracy
