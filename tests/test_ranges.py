"""Ranges answers exactly what a walk over every range answers, in any order of adding."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from stancegraph.extract.ranges import Ranges

_range = st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda r: (r[0], r[0] + r[1]))
_ranges = st.lists(_range, max_size=10)


@given(first=_ranges, later=_ranges, char=st.integers(-3, 80))
def test_holds_as_a_walk_would(
    first: list[tuple[int, int]], later: list[tuple[int, int]], char: int
) -> None:
    ranges = Ranges(first)
    ranges.extend(later)
    assert ranges.holds(char) == any(s <= char < e for s, e in first + later)


@given(first=_ranges, later=_ranges, start=st.integers(-3, 80), width=st.integers(-2, 15))
def test_overlaps_as_a_walk_would(
    first: list[tuple[int, int]], later: list[tuple[int, int]], start: int, width: int
) -> None:
    ranges = Ranges(first)
    ranges.extend(later)
    end = start + width
    assert ranges.overlaps(start, end) == any(s < end and start < e for s, e in first + later)


def test_empty_holds_nothing() -> None:
    assert not Ranges().holds(0)
    assert not Ranges().overlaps(0, 10)
    assert not Ranges([(5, 5)]).holds(5)  # an empty range holds no character


@given(ranges=st.lists(_range, max_size=12), char=st.integers(-3, 80))
def test_holders_are_the_values_of_the_ranges_holding(
    ranges: list[tuple[int, int]], char: int
) -> None:
    index: Ranges[int] = Ranges()
    for n, (start, end) in enumerate(ranges):
        index.add(start, end, n)
    expected = {n for n, (s, e) in enumerate(ranges) if s <= char < e}
    assert sorted(index.holders(char)) == sorted(expected)
