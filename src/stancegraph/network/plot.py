"""Drawing a discourse network with matplotlib.

In: a ``Network`` and a path ending in ``.png`` or ``.svg``.
Out: the picture in that file. Nothing is shown on screen and no global matplotlib state is
touched (the figure renders with the Agg/SVG canvas of its own).

Two-mode networks are drawn as two columns: actors (variable1) on the left, concepts on the
right, ordered so that ties cross little; a tie is green when every statement behind it agrees,
red when every one disagrees, orange when both occur, grey otherwise (neutral statements).
One-mode networks use a force-directed layout; with ``congruence``, ``conflict`` or
``subtract`` aggregation a tie is green for congruence (positive weight) and red for conflict.
Actors are coloured by their ``type`` attribute (or ``affiliation``); line widths follow
absolute tie weights.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..formats.safe import replacing
from .build import Network

__all__ = ["plot_network"]

# node colours, kept clear of the green/red/orange that tie colours mean
_PALETTE = (
    "#1f77b4",
    "#9467bd",
    "#17becf",
    "#8c564b",
    "#e377c2",
    "#bcbd22",
    "#2f4f6f",
    "#c9a227",
    "#6b8e9e",
    "#a05195",
)
_UNKNOWN = "#b0b0b0"
_CONCEPT = "#dbe4ee"
_EDGE = {
    "support": "#1a9641",
    "congruence": "#1a9641",
    "oppose": "#d7191c",
    "conflict": "#d7191c",
    "mixed": "#f49a1a",
    "": "#9a9a9a",
}
_EDGE_LABELS = {
    "support": "agreement",
    "oppose": "disagreement",
    "mixed": "both",
    "congruence": "congruence",
    "conflict": "conflict",
}


def _wrap(label: str, width: int = 34) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _node_colors(
    attributes: Sequence[Mapping[str, str | float]], color_by: str
) -> tuple[list[str], dict[str, str]]:
    values = [str(a.get(color_by, "") or "") for a in attributes]
    distinct = sorted({v for v in values if v})
    legend = {v: _PALETTE[i % len(_PALETTE)] for i, v in enumerate(distinct)}
    return [legend.get(v, _UNKNOWN) for v in values], legend


def _edge_kind(network: Network, i: int, j: int, weight: float) -> str:
    if network.network_type == "twomode":
        return {1: "support", 2: "oppose", 3: "mixed"}.get(network.agreement[i][j], "")
    if network.qualifier_aggregation == "ignore":
        return ""
    if network.qualifier_aggregation == "conflict":
        return "conflict"
    return "congruence" if weight > 0 else "conflict"


def _centre(weights: Sequence[float], positions: Sequence[float], own: float) -> float:
    """The weighted mean position of a node's neighbours (its own position if it has none)."""
    total = sum(abs(w) for w in weights)
    if not total:
        return own
    return sum(abs(w) * p for w, p in zip(weights, positions, strict=True)) / total


def _bipartite_positions(network: Network) -> tuple[list[float], list[float]]:
    """Vertical positions (0 top .. 1 bottom) of rows and columns, ordered by barycentres."""
    n_rows, n_cols = len(network.rows), len(network.columns)
    row_order = list(range(n_rows))
    col_pos = [(j + 0.5) / max(n_cols, 1) for j in range(n_cols)]
    row_pos = [(i + 0.5) / max(n_rows, 1) for i in range(n_rows)]
    for _ in range(4):  # a few rounds of the barycentre heuristic
        keys = [_centre(network.matrix[i], col_pos, row_pos[i]) for i in range(n_rows)]
        row_order = sorted(range(n_rows), key=lambda i: (keys[i], i))
        for rank, i in enumerate(row_order):
            row_pos[i] = (rank + 0.5) / max(n_rows, 1)
        column_weights = [[network.matrix[i][j] for i in range(n_rows)] for j in range(n_cols)]
        keys = [_centre(column_weights[j], row_pos, col_pos[j]) for j in range(n_cols)]
        col_order = sorted(range(n_cols), key=lambda j: (keys[j], j))
        for rank, j in enumerate(col_order):
            col_pos[j] = (rank + 0.5) / max(n_cols, 1)
    return row_pos, col_pos


def _spring_positions(network: Network) -> list[tuple[float, float]]:
    import networkx as nx

    # Every pair pulls a little, so that the picture stays round; ties pull in proportion to
    # their weight. With subtract only congruence pulls, so that coalitions show.
    signed = network.qualifier_aggregation == "subtract"
    peak = max((abs(w) for row in network.matrix for w in row), default=0.0) or 1.0
    graph = nx.Graph()
    n = len(network.rows)
    graph.add_nodes_from(range(n))
    for i, row in enumerate(network.matrix):
        for j, weight in enumerate(row):
            if j > i:
                pull = max(weight, 0.0) if signed else abs(weight)
                graph.add_edge(i, j, weight=0.15 + pull / peak)
    if n == 0:
        return []
    layout = nx.spring_layout(graph, seed=7, weight="weight", iterations=200)
    return [(float(layout[i][0]), float(layout[i][1])) for i in range(len(network.rows))]


def _strongest(network: Network, max_nodes: int) -> tuple[Network, str]:
    """The network cut to its ``max_nodes`` most tied rows and columns, and a note saying so.

    A picture of hundreds of nodes is not legible; the exports keep everything.
    """
    array = abs(network.array())
    row_weight = array.sum(axis=1)
    column_weight = array.sum(axis=0)
    if network.network_type != "twomode":
        column_weight = row_weight = row_weight + column_weight
    rows = sorted(range(len(network.rows)), key=lambda i: (-row_weight[i], network.rows[i]))
    columns = sorted(
        range(len(network.columns)), key=lambda j: (-column_weight[j], network.columns[j])
    )
    if len(rows) <= max_nodes and len(columns) <= max_nodes:
        return network, ""
    keep_rows = sorted(rows[:max_nodes])
    if network.network_type != "twomode":
        keep_columns = keep_rows
    else:
        # The concepts those actors address most, so that the drawn nodes carry the drawn ties.
        within = array[keep_rows, :].sum(axis=0)
        columns = sorted(
            (j for j in range(len(network.columns)) if within[j] > 0),
            key=lambda j: (-within[j], -column_weight[j], network.columns[j]),
        )
        keep_columns = sorted(columns[:max_nodes])
        tied = array[:, keep_columns].sum(axis=1)
        keep_rows = [i for i in keep_rows if tied[i] > 0] or keep_rows
    matrix = tuple(tuple(network.matrix[i][j] for j in keep_columns) for i in keep_rows)
    agreement = (
        tuple(tuple(network.agreement[i][j] for j in keep_columns) for i in keep_rows)
        if network.agreement
        else ()
    )
    cut = replace(
        network,
        rows=tuple(network.rows[i] for i in keep_rows),
        columns=tuple(network.columns[j] for j in keep_columns),
        matrix=matrix,
        row_attributes=tuple(network.row_attributes[i] for i in keep_rows),
        column_attributes=tuple(network.column_attributes[j] for j in keep_columns),
        agreement=agreement,
    )
    if network.network_type == "twomode":
        note = (
            f"the {len(keep_rows)} of {len(network.rows)} {network.variable1} and "
            f"{len(keep_columns)} of {len(network.columns)} {network.variable2} nodes "
            "with the most ties"
        )
    else:
        note = f"the {len(keep_rows)} of {len(network.rows)} nodes with the most ties"
    return cut, note


def plot_network(
    network: Network,
    path: str | Path,
    *,
    title: str | None = None,
    color_by: str = "type",
    max_nodes: int = 40,
) -> None:
    """Draw the network into ``path`` (PNG or SVG, by suffix). Raises ValueError otherwise.

    Only the ``max_nodes`` most tied nodes of each mode are drawn, and the title says so.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ValueError(f"a plot must be .png or .svg, not {target.name!r}")
    network, note = _strongest(network, max_nodes)
    if note:
        title = f"{title or _title(network)}\n(showing {note})"
    n = max(len(network.rows), len(network.columns), 1)
    twomode = network.network_type == "twomode"
    height = max(5.0, 0.5 * n + 1.8)
    width = 13.0 if twomode else max(9.0, min(16.0, 0.45 * n + 7))
    figure = Figure(figsize=(width, height), dpi=110, layout="constrained")
    ax = figure.add_subplot()
    ax.set_axis_off()

    row_colors, legend_colors = _node_colors(network.row_attributes, color_by)
    if twomode:
        row_y, col_y = _bipartite_positions(network)
        row_xy = [(0.0, 1 - y) for y in row_y]
        col_xy = [(1.0, 1 - y) for y in col_y]
    else:
        row_xy = _spring_positions(network)
        col_xy = row_xy

    kinds_used = _draw_edges(ax, network, row_xy, col_xy)
    _draw_rows(ax, network, row_xy, row_colors)
    if twomode:
        _draw_columns(ax, network, col_xy)
    else:
        ax.margins(0.18)
    _draw_legend(ax, network, legend_colors, row_colors, kinds_used, color_by)
    heading = title or _title(network)
    figure.suptitle(heading, fontsize=12)
    with replacing(target) as tmp:  # whole or not at all
        figure.savefig(tmp, format=suffix[1:])


_Point = tuple[float, float]


def _draw_edges(ax: Axes, network: Network, row_xy: list[_Point], col_xy: list[_Point]) -> set[str]:
    """One line per tie, as wide as its weight and coloured by its kind; the kinds drawn."""
    twomode = network.network_type == "twomode"
    peak = max((abs(w) for row in network.matrix for w in row), default=0.0) or 1.0
    kinds_used: set[str] = set()
    for i, row in enumerate(network.matrix):
        for j, weight in enumerate(row):
            if weight == 0 or (not twomode and j <= i):
                continue
            kind = _edge_kind(network, i, j, weight)
            kinds_used.add(kind)
            (x1, y1), (x2, y2) = row_xy[i], col_xy[j]
            ax.plot(
                [x1, x2],
                [y1, y2],
                color=_EDGE[kind],
                linewidth=0.8 + 5.2 * abs(weight) / peak,
                alpha=0.75,
                zorder=1,
                solid_capstyle="round",
            )
    return kinds_used


def _draw_rows(ax: Axes, network: Network, row_xy: list[_Point], row_colors: list[str]) -> None:
    """The row nodes, sized by their statements, with their labels."""
    twomode = network.network_type == "twomode"
    sizes = [float(a.get("statements", 0) or 0) for a in network.row_attributes]
    biggest = max(sizes, default=0.0) or 1.0
    for (x, y), color, size, label in zip(row_xy, row_colors, sizes, network.rows, strict=True):
        ax.scatter(
            [x],
            [y],
            s=90 + 420 * size / biggest,
            color=color,
            edgecolors="#333333",
            linewidths=0.8,
            zorder=3,
        )
        if twomode:
            ax.text(x - 0.04, y, _wrap(label), ha="right", va="center", fontsize=9, zorder=4)
        else:
            ax.annotate(
                _wrap(label, 24),
                (x, y),
                xytext=(0, 11),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=9,
                zorder=4,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
            )


def _draw_columns(ax: Axes, network: Network, col_xy: list[_Point]) -> None:
    """The column nodes of a two-mode network (squares, right) and both modes' headings."""
    for (x, y), label in zip(col_xy, network.columns, strict=True):
        ax.scatter([x], [y], s=160, marker="s", color=_CONCEPT, edgecolors="#333333", zorder=3)
        ax.text(x + 0.04, y, _wrap(label, 40), ha="left", va="center", fontsize=9, zorder=4)
    ax.set_xlim(-0.9, 1.9)
    ax.set_ylim(-0.04, 1.04)
    ax.text(0.0, 1.06, network.variable1, ha="center", fontsize=10, weight="bold")
    ax.text(1.0, 1.06, network.variable2, ha="center", fontsize=10, weight="bold")


_EDGE_ORDER = ["support", "oppose", "mixed", "congruence", "conflict", ""]


def _draw_legend(
    ax: Axes,
    network: Network,
    legend_colors: dict[str, str],
    row_colors: list[str],
    kinds_used: set[str],
    color_by: str,
) -> None:
    """A legend of the node colours and the tie kinds drawn."""
    twomode = network.network_type == "twomode"
    handles: list[Patch | Line2D] = [
        Patch(facecolor=color, edgecolor="#333333", label=value)
        for value, color in legend_colors.items()
    ]
    if any(c == _UNKNOWN for c in row_colors):
        handles.append(Patch(facecolor=_UNKNOWN, edgecolor="#333333", label="unknown"))
    if twomode:
        handles.append(Patch(facecolor=_CONCEPT, edgecolor="#333333", label=network.variable2))
    labels = {**_EDGE_LABELS, "": "neutral" if twomode else "tie"}
    handles += [
        Line2D([0], [0], color=_EDGE[k], linewidth=3, label=labels[k])
        for k in _EDGE_ORDER
        if k in kinds_used
    ]
    if handles:
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0) if not twomode else (0.0, -0.02),
            ncol=1 if not twomode else min(len(handles), 8),
            fontsize=9,
            frameon=False,
            title=f"{network.variable1} {color_by}" if legend_colors and not twomode else None,
            title_fontsize=9,
        )


def _title(network: Network) -> str:
    kind = "Two-mode" if network.network_type == "twomode" else "One-mode"
    via = f" x {network.variable2}" if network.network_type == "twomode" else ""
    via = via or f" via {network.variable2}"
    parts = [f"{kind} network: {network.variable1}{via}"]
    details = []
    if network.qualifier_aggregation != "ignore":
        details.append(network.qualifier_aggregation)
    if network.normalization != "no":
        details.append(f"{network.normalization} normalisation")
    if network.start and network.stop:
        details.append(f"{network.start:%Y-%m-%d} to {network.stop:%Y-%m-%d}")
    details.append(f"{network.statements} statements")
    return parts[0] + " (" + ", ".join(details) + ")"
