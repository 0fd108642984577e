"""Logistic regression over binary string features, fitted by full-batch Adam with numpy.

In: rows of feature names and 0/1 labels. Out: a weight per kept feature. Both models of
``extract.attribution`` (the candidate scorer and the boundary scorer) are fitted here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["Matrix", "fit", "matrix", "vocabulary"]


@dataclass(frozen=True, slots=True)
class Matrix:
    """Binary features of examples, row by row (CSR without values)."""

    indices: np.ndarray
    indptr: np.ndarray

    @property
    def rows(self) -> np.ndarray:
        return np.repeat(np.arange(len(self.indptr) - 1), np.diff(self.indptr))


def vocabulary(rows: Iterable[Sequence[str]], min_count: int) -> dict[str, int]:
    """Each feature seen in at least ``min_count`` rows, numbered in sorted order."""
    counts = Counter(f for row in rows for f in set(row))
    kept = sorted(f for f, n in counts.items() if n >= min_count)
    return {f: i for i, f in enumerate(kept)}


def matrix(rows: Iterable[Sequence[str]], vocab: dict[str, int]) -> Matrix:
    """``rows`` as a sparse matrix over ``vocab`` (features outside it are dropped)."""
    indices: list[int] = []
    indptr = [0]
    for row in rows:
        indices.extend(sorted({vocab[f] for f in row if f in vocab}))
        indptr.append(len(indices))
    return Matrix(np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64))


def fit(
    x: Matrix, y: np.ndarray, width: int, *, l2: float, steps: int, learning_rate: float
) -> np.ndarray:
    """Weights minimising the mean log loss plus ``l2 / 2 * |w|^2``, by full-batch Adam."""
    rows, n = x.rows, len(y)
    w = np.zeros(width)
    m, v = np.zeros(width), np.zeros(width)
    beta1, beta2 = 0.9, 0.999
    for t in range(1, steps + 1):
        z = np.bincount(rows, weights=w[x.indices], minlength=n)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        residual = (p - y) / max(n, 1)
        grad = np.bincount(x.indices, weights=residual[rows], minlength=width) + l2 * w
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        step = (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + 1e-8)
        w -= learning_rate * step
    return w
