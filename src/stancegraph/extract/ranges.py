"""Sets of character ranges with fast membership questions.

In: ``(start, end)`` character offsets (half-open), e.g. the pieces of the quotes found so far.
Out: answers to "does a range hold this character?" and "does a range overlap this one?" in
logarithmic time, and the values stored with the ranges that hold a character, so that
extractors asking once per token stay linear in the document's length.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Generic, TypeVar

__all__ = ["Ranges"]

V = TypeVar("V")


class Ranges(Generic[V]):
    """Half-open character ranges, asked "does one hold this character?" or "does one overlap
    this range?": kept sorted by start with a running maximum of their ends, so each question is
    a binary search instead of a walk over every range (extractors ask once per token). A range
    may carry a value (``add``), which ``holders`` returns."""

    def __init__(self, pieces: Iterable[tuple[int, int]] = ()) -> None:
        ranges = sorted(pieces)
        self._starts = [start for start, _end in ranges]
        self._ends = [end for _start, end in ranges]
        self._values: list[V | None] = [None] * len(ranges)
        self._reach: list[int] = []  # _reach[k]: the furthest end among ranges 0..k
        self._update_reach(0)

    def _update_reach(self, first: int) -> None:
        furthest = self._reach[first - 1] if first else -1
        del self._reach[first:]
        for end in self._ends[first:]:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def extend(self, pieces: Iterable[tuple[int, int]]) -> None:
        """Add ranges; quotes are mostly found in text order, so the update is mostly short."""
        for start, end in pieces:
            self.add(start, end)

    def add(self, start: int, end: int, value: V | None = None) -> None:
        """Add one range, with a value ``holders`` will return."""
        k = bisect.bisect_right(self._starts, start)
        self._starts.insert(k, start)
        self._ends.insert(k, end)
        self._values.insert(k, value)
        self._update_reach(k)

    def _reaches_past(self, count: int, char: int) -> bool:
        """Whether one of the first ``count`` ranges (by start) ends after ``char``."""
        return count > 0 and self._reach[count - 1] > char

    def holds(self, char: int) -> bool:
        """Whether some range holds character ``char`` (start <= char < end)."""
        return self._reaches_past(bisect.bisect_right(self._starts, char), char)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some range overlaps [start, end) (it starts before ``end``, ends after
        ``start``)."""
        return self._reaches_past(bisect.bisect_left(self._starts, end), start)

    def holders(self, char: int) -> list[V]:
        """The values of the ranges holding character ``char``, latest start first (ranges
        added without a value are left out)."""
        found: list[V] = []
        k = bisect.bisect_right(self._starts, char) - 1
        while k >= 0 and self._reach[k] > char:
            value = self._values[k]
            if self._ends[k] > char and value is not None:
                found.append(value)
            k -= 1
        return found
