"""Splitting documents among coders with a share coded twice (``stancegraph.corpus.assign``)."""

from __future__ import annotations

from collections import Counter

import pytest

from stancegraph.corpus.assign import plan
from stancegraph.corpus.coders import CoderError

DOCS = [f"doc{n:02d}" for n in range(20)]


def test_every_document_gets_a_coder_and_the_overlap_share_gets_two() -> None:
    planned = plan(DOCS, ["a", "b", "c"], overlap=0.2, seed=1)
    assert sorted(planned) == DOCS
    sizes = Counter(len(chosen) for chosen in planned.values())
    assert sizes == {1: 16, 2: 4}
    assert all(len(set(chosen)) == len(chosen) for chosen in planned.values())
    load = Counter(name for chosen in planned.values() for name in chosen)
    assert sum(load.values()) == 24 and max(load.values()) - min(load.values()) <= 1


def test_the_same_seed_gives_the_same_plan_and_another_seed_another() -> None:
    one = plan(DOCS, ["a", "b"], overlap=0.5, seed=3)
    assert one == plan(list(reversed(DOCS)), ["a", "b"], overlap=0.5, seed=3)
    assert one != plan(DOCS, ["a", "b"], overlap=0.5, seed=4)


def test_no_overlap_codes_each_document_once() -> None:
    planned = plan(DOCS, ["a", "b"])
    assert all(len(chosen) == 1 for chosen in planned.values())
    assert Counter(chosen[0] for chosen in planned.values()) == {"a": 10, "b": 10}


@pytest.mark.parametrize(
    ("coders", "overlap", "message"),
    [([], 0.0, "at least one coder"), (["a"], 0.2, "two coders"), (["a", "b"], 1.5, "0 to 1")],
)
def test_an_impossible_assignment_is_one_line(
    coders: list[str], overlap: float, message: str
) -> None:
    with pytest.raises(CoderError, match=message):
        plan(DOCS, coders, overlap=overlap)
