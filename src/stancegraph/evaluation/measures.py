"""The arithmetic every scorer shares.

In: counts. Out: ``ratio`` (a share, 0.0 when there is nothing to share) and ``f1`` (the
harmonic mean of precision and recall, 0.0 when both are 0).
"""

from __future__ import annotations

__all__ = ["f1", "ratio"]


def ratio(part: int, whole: int) -> float:
    """``part / whole``, or 0.0 when ``whole`` is 0."""
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of ``precision`` and ``recall``; 0.0 when both are 0."""
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0
