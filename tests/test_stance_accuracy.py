"""Stance accuracy floors: the agreement model on IBM claim stance and BASIL quoted spans.

The floors are what ``python benchmarks/stance_eval.py --no-embeddings`` printed when they were
last raised, minus about 0.02 of slack for harmless changes (the benchmark's docstring says how
each set is read and scored). Raise them when the model gets better; never lower them to let a
change through. Both sets are scored whole, without the embeddings extra (CI does not install
it): about 10 s with the parse.

    date        set    items  macro-F1  accuracy  (majority / VADER macro-F1)
    2026-11-27  ibm    1355   0.633     0.643     (0.341 / 0.554)   IBM test split
    2026-11-27  basil   722   0.645     0.751     (0.439 / 0.635)   every quoted span
    2026-11-27  ibm    1355   0.632     0.641     negation parity, diminishers, victims
    2026-11-27  basil   722   0.648     0.752
    2026-11-30  ibm    1355   0.634     0.643     agreement constructions, evaluative words
    2026-11-30  basil   722   0.648     0.752
    2026-12-01  ibm    1355   0.635     0.644     declaring, imposing, launching a measure
    2026-12-01  basil   722   0.648     0.752       supports it

With the embeddings extra (``stancegraph+emb``, not pinned): ibm 0.637, basil 0.632.

Rules and word lists were developed on the IBM train split, not on these figures' items.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "stance_eval.py"

IBM_MACRO_F1_FLOOR = 0.615  # measured 0.635 on 2026-12-01
IBM_ACCURACY_FLOOR = 0.62  # measured 0.643 on 2026-11-30
BASIL_MACRO_F1_FLOOR = 0.625  # measured 0.648 on 2026-12-01

pytestmark = [pytest.mark.model, pytest.mark.data]


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("stance_eval", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["stance_eval"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def stance_eval() -> ModuleType:
    return _benchmark()


def test_ibm_claim_stance_floor(stance_eval: ModuleType, nlp: object) -> None:
    if not stance_eval.IBM.exists():
        pytest.skip(f"IBM claim stance not found at {stance_eval.IBM}")
    items, majority = stance_eval.load_ibm(split="test")
    assert (len(items), majority) == (1355, "PRO")
    scores = stance_eval.evaluate("ibm", items, majority, nlp=nlp, embeddings=False)
    ours = scores["stancegraph"]
    assert ours.macro_f1 >= IBM_MACRO_F1_FLOOR, ours
    assert ours.accuracy >= IBM_ACCURACY_FLOOR, ours
    assert ours.macro_f1 > scores["majority"].macro_f1
    assert ours.macro_f1 > scores["vader"].macro_f1, scores


def test_basil_quoted_spans_floor(stance_eval: ModuleType, nlp: object) -> None:
    if not (stance_eval.BASIL / "annotations").is_dir():
        pytest.skip(f"BASIL not found at {stance_eval.BASIL}")
    items, majority = stance_eval.load_basil()
    assert (len(items), majority) == (722, "neg")
    scores = stance_eval.evaluate("basil", items, majority, nlp=nlp, embeddings=False)
    ours = scores["stancegraph"]
    assert ours.macro_f1 >= BASIL_MACRO_F1_FLOOR, ours
    assert ours.macro_f1 > scores["majority"].macro_f1


def test_score_counts_undecided_as_majority(stance_eval: ModuleType) -> None:
    result = stance_eval.score(["a", "a", "b", "b"], ["a", None, "b", "a"], "a")
    assert result.n == 4
    assert result.accuracy == 0.75
    assert result.coverage == 0.75
    # F1 of a: 2*2/(2*2+1+0) = 0.8; of b: 2*1/(2*1+0+1) = 0.667
    assert abs(result.macro_f1 - (0.8 + 2 / 3) / 2) < 1e-9
