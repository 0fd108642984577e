"""Sanity warnings: what about a built network would surprise the person reading it.

In: the statement records a network was built from, the ``Network``s built (one, or one per
time window) and their ``NetworkOptions``. Out: ``NetworkWarning``s, each a problem and, when
one exists, the option that would fix it, named as the ``stancegraph network`` option
(``--variable1 organization``). Nothing is printed; the command line shows them.

The warnings:

- statements left out because they have no value for ``variable1`` or ``variable2`` (a person
  who speaks for no organisation, an organisation's statement in a person network); when more
  than half are left out, the other actor variable is proposed if it would keep some of them;
- more than half of the statements left out because they are neutral while the qualifier
  counts (any aggregation but ``ignore``);
- a network with nodes but no ties, with its likely cause: in a one-mode network no two actors
  share a concept (or share one only with the agreement the aggregation does not count);
- no statement at all in the network.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..formats.dna import StatementRecord
from .build import Network, NetworkOptions, _in_range, build_network

__all__ = ["NetworkWarning", "network_warnings"]

# The actor variables stand in for each other: a statement without a person may have an
# organisation, and the other way round.
_OTHER_ACTOR = {"person": "organization", "organization": "person"}


@dataclass(frozen=True, slots=True)
class NetworkWarning:
    """A problem with a network and the option that would fix it ("" when none would)."""

    problem: str
    remedy: str = ""

    def __str__(self) -> str:
        return f"{self.problem}; {self.remedy}" if self.remedy else self.problem


def network_warnings(
    records: Sequence[StatementRecord], networks: Sequence[Network], options: NetworkOptions
) -> tuple[NetworkWarning, ...]:
    """The warnings about ``networks``, built from ``records`` with ``options``."""
    pool = _in_range(records, options)
    found = [*_left_out(pool, options), *_neutral_left_out(pool, options)]
    if networks and all(n.statements == 0 for n in networks):
        found.append(NetworkWarning("no statement matched; the network is empty"))
    else:
        found.extend(_tieless(pool, networks, options))
    return tuple(found)


def _left_out(pool: Sequence[StatementRecord], options: NetworkOptions) -> list[NetworkWarning]:
    """Statements without a value for a variable: counted, and the option that keeps them."""
    first, second = options.variable1, options.variable2
    missing = [r for r in pool if not (r.value(first) and r.value(second))]
    if not missing:
        return []
    problem = (
        f"{len(missing)} of {len(pool)} statements have no {first} or no {second} and are left out"
    )
    remedy = _keeping_option(missing, options) if 2 * len(missing) > len(pool) else ""
    return [NetworkWarning(problem, remedy)]


def _keeping_option(missing: Sequence[StatementRecord], options: NetworkOptions) -> str:
    """'--variable1 organization would keep 4 of them', or '' when no variable would."""
    best = ("", "", 0)
    for slot, variable, other in (
        ("variable1", options.variable1, options.variable2),
        ("variable2", options.variable2, options.variable1),
    ):
        alternative = _OTHER_ACTOR.get(variable)
        if alternative is None or alternative == other:
            continue
        kept = sum(1 for r in missing if r.value(alternative) and r.value(other))
        if kept > best[2]:
            best = (slot, alternative, kept)
    slot, alternative, kept = best
    if not kept:
        return ""
    return f"--{slot} {alternative} would keep {kept} of them"


def _neutral_left_out(
    pool: Sequence[StatementRecord], options: NetworkOptions
) -> list[NetworkWarning]:
    """Neutral statements, which only ``--qualifier-aggregation ignore`` counts."""
    if options.qualifier_aggregation == "ignore" or not pool:
        return []
    neutral = sum(
        1
        for r in pool
        if r.agreement is None and r.value(options.variable1) and r.value(options.variable2)
    )
    if 2 * neutral <= len(pool):
        return []
    return [
        NetworkWarning(
            f"{neutral} of {len(pool)} statements are neutral and left out by "
            f"--qualifier-aggregation {options.qualifier_aggregation}",
            "--qualifier-aggregation ignore would keep them",
        )
    ]


def _has_ties(network: Network) -> bool:
    array = network.array()
    if network.network_type == "onemode":
        np.fill_diagonal(array, 0.0)
    return bool(np.any(array != 0.0))


def _tieless(
    pool: Sequence[StatementRecord], networks: Sequence[Network], options: NetworkOptions
) -> list[NetworkWarning]:
    """Networks with nodes but no ties, and why."""
    bare = [n for n in networks if n.rows and not _has_ties(n)]
    if not bare:
        return []
    if len(networks) > 1:
        if 2 * len(bare) <= len(networks):
            return []
        return [
            NetworkWarning(
                f"{len(bare)} of {len(networks)} time windows have nodes but no ties",
                "a longer --window collects more statements into each",
            )
        ]
    network = bare[0]
    nodes = len(network.rows)
    problem = f"the network has {nodes} node{'' if nodes == 1 else 's'} but no ties"
    return [NetworkWarning(problem, _tie_remedy(pool, options))]


def _tie_remedy(pool: Sequence[StatementRecord], options: NetworkOptions) -> str:
    """The option that would give a tieless network ties, judged on its statements."""
    plain = replace(
        options,
        network_type="twomode",
        qualifier_aggregation="ignore",
        normalization="no",
        isolates=False,
        window=None,
    )
    counts = np.asarray(build_network(pool, plain).array() != 0.0)
    if options.network_type == "twomode":
        if counts.any():
            return "--qualifier-aggregation ignore counts every statement"
        return ""
    first, second = options.variable1, options.variable2
    if counts.size and int(counts.sum(axis=0).max()) > 1:
        return f"--qualifier-aggregation ignore ties each two {first} values that share a {second}"
    remedy = f"no two {first} values share a {second}: --type twomode shows each one's {second}s"
    if second == "concept":
        remedy += " (statements coded with a codebook, --codebook, share its concepts)"
    return remedy
