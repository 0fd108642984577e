"""Assignment: the documents split among coders, a share of them coded by two.

In: document sources, coder names, the share to code twice (``overlap``, 0 to 1) and a seed.
Out: a plan, source -> the coders who code it. The documents are shuffled with the seed (the
same seed gives the same plan), the first ``round(overlap * n)`` go to two coders, the rest to
one, each to the coders with the fewest documents so far, so loads differ by one at most.
Pure: the store part is ``corpus.store_coders``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from .coders import CoderError

__all__ = ["plan"]


def plan(
    sources: Sequence[str], coders: Sequence[str], *, overlap: float = 0.0, seed: int = 0
) -> dict[str, tuple[str, ...]]:
    """Source -> its coders (one, or two for the double-coded share); see the module."""
    names = list(dict.fromkeys(coders))
    if not names:
        raise CoderError("assignment needs at least one coder")
    if not 0.0 <= overlap <= 1.0:
        raise CoderError(f"--overlap is a share from 0 to 1, not {overlap}")
    if overlap > 0 and len(names) < 2:
        raise CoderError("double coding (--overlap above 0) needs at least two coders")
    order = sorted(sources)
    random.Random(seed).shuffle(order)
    twice = round(overlap * len(order))
    load = dict.fromkeys(names, 0)
    out: dict[str, tuple[str, ...]] = {}
    for index, source in enumerate(order):
        chosen = _least_loaded(load, 2 if index < twice else 1, start=index)
        for name in chosen:
            load[name] += 1
        out[source] = chosen
    return out


def _least_loaded(load: dict[str, int], count: int, *, start: int) -> tuple[str, ...]:
    """The ``count`` coders with the fewest documents; ties go round the list from ``start``."""
    names = list(load)
    rank = {name: (i - start) % len(names) for i, name in enumerate(names)}
    ranked = sorted(names, key=lambda name: (load[name], rank[name]))
    return tuple(sorted(ranked[:count], key=names.index))
