"""Discourse networks from statement records, with the semantics and option names of DNA.

In: ``StatementRecord``s and ``NetworkOptions``.
Out: ``Network``s (one, or one per moving time window), and their exports: GraphML (plain
string and double attributes, as Gephi reads them), GEXF, a CSV matrix, a CSV edge list, JSON.

A two-mode network counts, for every pair (variable1 value, variable2 value), the statements
that join them: by default organisations x concepts. A one-mode network ties two values of
variable1 through the variable2 values both used: the tie weight sums, over concepts, the
product of the two actors' statement counts (qualifier aggregation ``ignore``), of their counts
with the same agreement (``congruence``), with opposite agreement (``conflict``), or congruence
minus conflict (``subtract``). The arithmetic follows DNA's exporter, option by option:

- two-mode ``combine`` codes each cell 1 (only agreement), 2 (only disagreement), 3 (both);
  ``subtract`` counts agreement minus disagreement.
- two-mode normalisation ``activity`` divides each row by the row's statement count
  (``combine``: by its number of non-zero cells); ``prominence`` does the same per column.
- one-mode normalisation ``average`` divides a tie by the mean statement count of the two
  actors; ``cosine`` by the product of their statement counts (DNA's definition); ``jaccard``
  by m10 + m01 + m11, summed over (concept, agreement) cells: statements of one actor where the
  other has none, and the product where both have some.
- ``duplicates`` keeps one of identical statements (same statement type, variable1, variable2
  and, unless the qualifier is ignored, agreement) per document, calendar week (Monday to
  Sunday, ISO), calendar month, calendar year, or across the whole range.
- Statements with an empty variable1 or variable2 are left out; so are neutral statements
  (agreement None) whenever the qualifier is not ignored.
- ``isolates``: every value of the variables among the statements of the statement type in the
  date range, not only those active in the (filtered) statements or the time window.
- Time windows of ``window`` days move by ``step`` days from the range start; only windows that
  lie wholly inside the range are built (DNA's rule). Duplicates are removed over the whole
  range first, as in DNA.

Dates are naive UTC; statements without a date are left out as soon as a start, a stop or a
time window is set.
"""

from __future__ import annotations

import csv
import io
import json
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import InputError
from ..formats.dna import STATEMENT_TYPE, StatementRecord
from ..formats.safe import csv_row, xml_text

__all__ = [
    "DUPLICATES",
    "FORMATS",
    "NETWORK_TYPES",
    "NORMALIZATIONS",
    "QUALIFIER_AGGREGATIONS",
    "Network",
    "NetworkOptions",
    "build_network",
    "build_time_windows",
    "check_options",
    "network_to_csv",
    "network_to_edgelist",
    "network_to_gexf",
    "network_to_graphml",
    "network_to_json",
    "to_networkx",
]

NETWORK_TYPES = ("twomode", "onemode")
QUALIFIER_AGGREGATIONS = {
    "twomode": ("ignore", "combine", "subtract"),
    "onemode": ("ignore", "congruence", "conflict", "subtract"),
}
NORMALIZATIONS = {
    "twomode": ("no", "activity", "prominence"),
    "onemode": ("no", "average", "jaccard", "cosine"),
}
DUPLICATES = ("include", "document", "week", "month", "year", "acrossrange")
FORMATS = ("graphml", "gexf", "csv", "edgelist", "json")

# agreement levels of the count array: index 0 = disagree (0), 1 = agree (1), 2 = neutral (None)
_LEVELS: tuple[int | None, ...] = (0, 1, None)
_AGREEMENT_CODES = {0: "", 1: "support", 2: "oppose", 3: "mixed"}

Matrix = tuple[tuple[float, ...], ...]
Array = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class NetworkOptions:
    """What network to build; the defaults are DNA's."""

    network_type: str = "twomode"  # twomode | onemode
    variable1: str = "organization"  # rows (and columns of a one-mode network)
    variable2: str = "concept"  # columns of a two-mode network; what ties a one-mode network
    qualifier_aggregation: str = "ignore"
    normalization: str = "no"
    duplicates: str = "include"
    isolates: bool = False
    start: datetime | None = None  # first moment included
    stop: datetime | None = None  # last moment included
    window: int | None = None  # moving time window length in days (build_time_windows)
    step: int = 1  # days the window moves each time
    statement_type: str = STATEMENT_TYPE


@dataclass(frozen=True, slots=True)
class Network:
    """A network matrix with its labels and node attributes.

    ``rows`` label the matrix rows (variable1 values) and ``columns`` its columns (variable2
    values, or variable1 values again in a one-mode network). ``row_attributes`` and
    ``column_attributes`` are aligned with them: ``variable``, ``type`` and, when known,
    ``affiliation`` and ``color`` (strings) and ``statements`` (a float count).
    ``agreement`` codes each two-mode cell like DNA's ``combine`` (0 none, 1 only agreement,
    2 only disagreement, 3 both) whatever the aggregation, for drawing; it is empty for
    one-mode networks. ``start``/``stop`` bound the statements' dates (inclusive); ``midpoint``
    is set for a time window.
    """

    network_type: str
    variable1: str
    variable2: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    matrix: Matrix
    row_attributes: tuple[Mapping[str, str | float], ...]
    column_attributes: tuple[Mapping[str, str | float], ...]
    agreement: tuple[tuple[int, ...], ...] = ()
    qualifier_aggregation: str = "ignore"
    normalization: str = "no"
    statements: int = 0  # statements the matrix counts
    start: datetime | None = None
    stop: datetime | None = None
    midpoint: datetime | None = None
    options: NetworkOptions = field(default_factory=NetworkOptions)

    def array(self) -> Array:
        """The matrix as a numpy array (rows x columns)."""
        return np.array(self.matrix, dtype=float).reshape(len(self.rows), len(self.columns))

    def total(self) -> float:
        """The sum of all cells."""
        return float(sum(sum(row) for row in self.matrix))


# --- options -----------------------------------------------------------------------------------


def check_options(options: NetworkOptions) -> None:
    """Raise ValueError naming the first option that is invalid for the network type."""
    kind = options.network_type
    if kind not in NETWORK_TYPES:
        raise ValueError(f"network type must be one of {', '.join(NETWORK_TYPES)}, not {kind!r}")
    if options.qualifier_aggregation not in QUALIFIER_AGGREGATIONS[kind]:
        allowed = ", ".join(QUALIFIER_AGGREGATIONS[kind])
        raise ValueError(
            f"qualifier aggregation {options.qualifier_aggregation!r} is not for {kind} "
            f"networks (use {allowed})"
        )
    if options.normalization not in NORMALIZATIONS[kind]:
        allowed = ", ".join(NORMALIZATIONS[kind])
        raise ValueError(
            f"normalization {options.normalization!r} is not for {kind} networks (use {allowed})"
        )
    if options.duplicates not in DUPLICATES:
        raise ValueError(f"duplicates must be one of {', '.join(DUPLICATES)}")
    if options.variable1 == options.variable2:
        raise ValueError("variable1 and variable2 must differ")
    if "agreement" in (options.variable1, options.variable2):
        raise ValueError("agreement is the qualifier, not a network variable")
    if options.window is not None and options.window < 1:
        raise ValueError(f"the window must be at least 1 day, not {options.window}")
    if options.step < 1:
        raise ValueError(f"the step must be at least 1 day, not {options.step}")
    if options.start and options.stop and options.start > options.stop:
        raise ValueError("the start date is after the stop date")


# --- statement selection -----------------------------------------------------------------------


def _in_range(records: Iterable[StatementRecord], options: NetworkOptions) -> list[StatementRecord]:
    """Statements of the statement type within the date range (DNA's "original statements")."""
    dated = options.start is not None or options.stop is not None or options.window is not None
    selected = []
    for record in records:
        if record.statement_type != options.statement_type:
            continue
        if dated:
            if record.date is None:
                continue
            if options.start is not None and record.date < options.start:
                continue
            if options.stop is not None and record.date > options.stop:
                continue
        selected.append(record)
    return selected


def _period(record: StatementRecord, duplicates: str) -> object:
    date = record.date
    if duplicates == "document":
        return record.document_id
    if duplicates == "acrossrange" or date is None:
        return None
    if duplicates == "year":
        return date.year
    if duplicates == "month":
        return date.year, date.month
    iso = date.isocalendar()  # "week": Monday to Sunday, as DNA's UK calendar weeks
    return iso.year, iso.week


def _filter(records: Sequence[StatementRecord], options: NetworkOptions) -> list[StatementRecord]:
    """Drop empty values (and neutral statements unless the qualifier is ignored), then
    duplicates, keeping the earliest of identical statements."""
    ignore = options.qualifier_aggregation == "ignore"
    ordered = sorted(records, key=lambda r: (r.date is not None, r.date or datetime.min))
    kept: list[StatementRecord] = []
    seen: set[tuple[object, ...]] = set()
    for record in ordered:
        value1, value2 = record.value(options.variable1), record.value(options.variable2)
        if not value1 or not value2 or (not ignore and record.agreement is None):
            continue
        if options.duplicates != "include":
            key = (
                record.statement_type,
                value1,
                value2,
                None if ignore else record.agreement,
                _period(record, options.duplicates),
            )
            if key in seen:
                continue
            seen.add(key)
        kept.append(record)
    return kept


def _labels(records: Iterable[StatementRecord], variable: str) -> tuple[str, ...]:
    return tuple(sorted({v for r in records if (v := r.value(variable))}))


def _counts(
    records: Sequence[StatementRecord],
    variable1: str,
    variable2: str,
    rows: Sequence[str],
    columns: Sequence[str],
) -> Array:
    """rows x columns x agreement level statement counts."""
    row_index = {label: i for i, label in enumerate(rows)}
    column_index = {label: j for j, label in enumerate(columns)}
    counts = np.zeros((len(rows), len(columns), len(_LEVELS)))
    for record in records:
        i = row_index.get(record.value(variable1) or "")
        j = column_index.get(record.value(variable2) or "")
        if i is not None and j is not None:
            counts[i, j, _LEVELS.index(record.agreement)] += 1
    return counts


# --- arithmetic --------------------------------------------------------------------------------


def _divide(values: Array, norm: Array) -> Array:
    out = np.zeros_like(values)
    np.divide(values, norm, out=out, where=norm != 0)
    return out


def _twomode(counts: Array, aggregation: str, normalization: str) -> Array:
    disagree, agree = counts[:, :, 0], counts[:, :, 1]
    if aggregation == "combine":
        matrix = (agree > 0) * 1.0 + (disagree > 0) * 2.0
    elif aggregation == "subtract":
        matrix = agree - disagree
    else:
        matrix = counts.sum(axis=2)
    if normalization == "no":
        return matrix
    axis = 1 if normalization == "activity" else 0
    if aggregation == "combine":
        denominator = (matrix > 0).sum(axis=axis).astype(float)
    elif aggregation == "subtract":
        denominator = counts.sum(axis=(2, axis))
    else:
        denominator = matrix.sum(axis=axis)
    shaped = denominator[:, None] if axis == 1 else denominator[None, :]
    return _divide(matrix, np.broadcast_to(shaped, matrix.shape).astype(float))


def _onemode(counts: Array, aggregation: str, normalization: str) -> Array:
    disagree, agree = counts[:, :, 0], counts[:, :, 1]
    congruence = agree @ agree.T + disagree @ disagree.T
    conflict = agree @ disagree.T + disagree @ agree.T
    if aggregation == "congruence":
        matrix = congruence
    elif aggregation == "conflict":
        matrix = conflict
    elif aggregation == "subtract":
        matrix = congruence - conflict
    else:
        totals = counts.sum(axis=2)
        matrix = totals @ totals.T
    np.fill_diagonal(matrix, 0.0)
    if normalization == "no":
        return matrix
    activity = counts.sum(axis=(1, 2))
    if normalization == "average":
        norm = (activity[:, None] + activity[None, :]) / 2
    elif normalization == "cosine":
        norm = activity[:, None] * activity[None, :]
    else:  # jaccard, over (concept, agreement) cells
        flat = counts.reshape(counts.shape[0], -1)
        absent = (flat == 0).astype(float)
        only_first = flat @ absent.T
        norm = only_first + only_first.T + flat @ flat.T
    matrix = _divide(matrix, norm)
    np.fill_diagonal(matrix, 0.0)
    return matrix


# --- node attributes ---------------------------------------------------------------------------


NodeIndex = dict[str, dict[str, str]]  # label -> attributes known for it


def _node_index(records: Sequence[StatementRecord], variable: str) -> NodeIndex:
    """Per value of the variable: its most frequent type and affiliation, and its colour."""
    types: dict[str, Counter[str]] = {}
    colors: dict[str, str] = {}
    affiliations: dict[str, Counter[str]] = {}
    for record in records:
        value = record.value(variable)
        if not value:
            continue
        kind = record.meta.get(f"{variable}.type")
        if kind:
            types.setdefault(value, Counter())[kind] += 1
        color = record.meta.get(f"{variable}.color")
        if color:
            colors.setdefault(value, color)
        affiliation = record.meta.get(f"{variable}.affiliation")
        if variable == "person" and not affiliation:
            affiliation = record.organization
        if affiliation:
            affiliations.setdefault(value, Counter())[affiliation] += 1
    index: NodeIndex = {}
    for value in {*types, *colors, *affiliations}:
        attrs = index.setdefault(value, {})
        if value in types:
            attrs["type"] = types[value].most_common(1)[0][0]
        if value in affiliations:
            attrs["affiliation"] = affiliations[value].most_common(1)[0][0]
        if value in colors:
            attrs["color"] = colors[value]
    return index


def _attributes(
    labels: Sequence[str], variable: str, index: NodeIndex, used: Counter[str]
) -> tuple[Mapping[str, str | float], ...]:
    """Per label: variable, type, affiliation (persons), colour, statement count."""
    out: list[Mapping[str, str | float]] = []
    for label in labels:
        attrs: dict[str, str | float] = {"variable": variable, "type": ""}
        attrs.update(index.get(label, {}))
        attrs["statements"] = float(used.get(label, 0))
        out.append(attrs)
    return tuple(out)


def _matrix(array: Array) -> Matrix:
    return tuple(tuple(float(x) + 0.0 for x in row) for row in array)


def _network(
    kept: Sequence[StatementRecord],
    pool: Sequence[StatementRecord],
    options: NetworkOptions,
    indexes: tuple[NodeIndex, NodeIndex],
    *,
    start: datetime | None,
    stop: datetime | None,
    midpoint: datetime | None = None,
) -> Network:
    names_from = pool if options.isolates else kept
    rows = _labels(names_from, options.variable1)
    columns = _labels(names_from, options.variable2)
    counts = _counts(kept, options.variable1, options.variable2, rows, columns)
    used1 = Counter(v for r in kept if (v := r.value(options.variable1)))
    used2 = Counter(v for r in kept if (v := r.value(options.variable2)))
    row_attributes = _attributes(rows, options.variable1, indexes[0], used1)
    if options.network_type == "twomode":
        matrix = _twomode(counts, options.qualifier_aggregation, options.normalization)
        column_attributes = _attributes(columns, options.variable2, indexes[1], used2)
        codes = (counts[:, :, 1] > 0) * 1 + (counts[:, :, 0] > 0) * 2
        agreement = tuple(tuple(int(c) for c in row) for row in codes)
        labels = columns
    else:
        matrix = _onemode(counts, options.qualifier_aggregation, options.normalization)
        column_attributes, agreement, labels = row_attributes, (), rows
    return Network(
        network_type=options.network_type,
        variable1=options.variable1,
        variable2=options.variable2,
        rows=rows,
        columns=labels,
        matrix=_matrix(matrix),
        row_attributes=row_attributes,
        column_attributes=column_attributes,
        agreement=agreement,
        qualifier_aggregation=options.qualifier_aggregation,
        normalization=options.normalization,
        statements=len(kept),
        start=start,
        stop=stop,
        midpoint=midpoint,
        options=options,
    )


def _check_variables(records: Sequence[StatementRecord], options: NetworkOptions) -> None:
    for variable in (options.variable1, options.variable2):
        if records and not any(r.value(variable) for r in records):
            raise InputError(f"no statement has a value for the variable {variable!r}")


def build_network(
    records: Iterable[StatementRecord], options: NetworkOptions | None = None
) -> Network:
    """One network over the whole date range (``options.window`` is ignored).

    Raises ValueError for invalid options and ``InputError`` when no statement has a value
    for a variable.
    """
    options = options or NetworkOptions()
    check_options(options)
    pool = _in_range(records, replace(options, window=None))
    _check_variables(pool, options)
    kept = _filter(pool, options)
    dates = [r.date for r in kept if r.date is not None]
    start = options.start or (min(dates) if dates else None)
    stop = options.stop or (max(dates) if dates else None)
    return _network(kept, pool, options, _indexes(pool, options), start=start, stop=stop)


def _indexes(
    pool: Sequence[StatementRecord], options: NetworkOptions
) -> tuple[NodeIndex, NodeIndex]:
    return _node_index(pool, options.variable1), _node_index(pool, options.variable2)


def build_time_windows(
    records: Iterable[StatementRecord], options: NetworkOptions
) -> list[Network]:
    """One network per moving time window of ``options.window`` days, ``options.step`` apart.

    Windows start at ``options.start`` (else midnight of the first statement's day) and must end
    by ``options.stop`` (else the end of the last statement's day); an empty list when the range
    is shorter than one window.
    """
    if options.window is None:
        raise ValueError("build_time_windows needs options.window (days)")
    check_options(options)
    pool = _in_range(records, options)
    _check_variables(pool, options)
    kept = _filter(pool, options)
    dates = [r.date for r in pool if r.date is not None]
    if not dates:
        return []
    first = options.start or datetime.combine(min(dates).date(), datetime.min.time())
    last = options.stop or max(dates)
    end = datetime.combine(last.date(), datetime.min.time()) + timedelta(days=1)
    if options.stop is not None and options.stop.time() != datetime.min.time():
        end = options.stop + timedelta(seconds=1)
    size, step = timedelta(days=options.window), timedelta(days=options.step)
    timeline = sorted((r for r in kept if r.date is not None), key=lambda r: r.date or first)
    moments = [r.date or first for r in timeline]
    indexes = _indexes(pool, options)
    networks: list[Network] = []
    begin = first
    while begin + size <= end:
        finish = begin + size
        inside = timeline[bisect_left(moments, begin) : bisect_left(moments, finish)]
        networks.append(
            _network(
                inside,
                pool,
                options,
                indexes,
                start=begin,
                stop=finish - timedelta(seconds=1),
                midpoint=begin + size / 2,
            )
        )
        begin += step
    return networks


# --- exports -----------------------------------------------------------------------------------


_GRAPH_NAME = re.compile(r"(<graph\b[^>]*?)\s+name=\"[^\"]*\"")


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 6)


def _node_ids(network: Network) -> tuple[list[str], list[str]]:
    """Node ids: the labels; a two-mode column label that is also a row label gets a prefix."""
    rows = list(network.rows)
    if network.network_type == "onemode":
        return rows, rows
    taken = set(rows)
    columns = [f"{network.variable2}: {c}" if c in taken else c for c in network.columns]
    return rows, columns


def _edges(network: Network) -> Iterable[tuple[int, int, float, str]]:
    """(row, column, weight, agreement) of every non-zero cell; one-mode pairs once."""
    for i, row in enumerate(network.matrix):
        for j, weight in enumerate(row):
            if weight == 0 or (network.network_type == "onemode" and j <= i):
                continue
            code = network.agreement[i][j] if network.agreement else 0
            if network.network_type == "onemode" and network.qualifier_aggregation != "ignore":
                agreement = "congruence" if weight > 0 else "conflict"
                if network.qualifier_aggregation == "conflict":
                    agreement = "conflict"
            else:
                agreement = _AGREEMENT_CODES[code]
            yield i, j, weight, agreement


def _xml_ids(row_ids: list[str], column_ids: list[str]) -> tuple[list[str], list[str]]:
    """Node ids XML can carry; an id that became another's after the change gets a number."""
    taken: dict[str, str] = {}
    out: list[list[str]] = []
    for ids in (row_ids, column_ids):
        safe: list[str] = []
        for node in ids:
            name, n = xml_text(node), 1
            while taken.get(name, node) != node:
                n += 1
                name = f"{xml_text(node)} ({n})"
            taken[name] = node
            safe.append(name)
        out.append(safe)
    return out[0], out[1]


def to_networkx(network: Network, *, xml: bool = False) -> Any:
    """The network as an undirected ``networkx.Graph`` with plain string/float attributes.

    Nodes carry ``label``, ``variable``, ``type`` (and ``affiliation``, ``color``,
    ``statements`` when known); a two-mode graph's nodes also carry ``bipartite`` (0 rows,
    1 columns, as a string). Edges carry ``weight`` and, when known, ``agreement``. With
    ``xml``, every id, attribute name and text has the characters XML 1.0 forbids replaced
    (``formats.safe.xml_text``), as the GraphML and GEXF exports need.
    """
    import networkx as nx

    graph = nx.Graph()
    row_ids, column_ids = _node_ids(network)
    if xml:
        row_ids, column_ids = _xml_ids(row_ids, column_ids)
    clean = xml_text if xml else str
    for ids, labels, attributes, part in (
        (row_ids, network.rows, network.row_attributes, "0"),
        (column_ids, network.columns, network.column_attributes, "1"),
    ):
        for node, label, attrs in zip(ids, labels, attributes, strict=True):
            data: dict[str, str | float] = {
                "label": clean(label),
                **{clean(k): clean(v) if isinstance(v, str) else v for k, v in attrs.items()},
            }
            if network.network_type == "twomode":
                data["bipartite"] = part
            graph.add_node(node, **data)
    for i, j, weight, agreement in _edges(network):
        data = {"weight": float(weight)}
        if agreement:
            data["agreement"] = agreement
        graph.add_edge(row_ids[i], column_ids[j], **data)
    return graph


def network_to_graphml(network: Network) -> str:
    """GraphML with string and double attributes only (Gephi, yEd, Cytoscape, networkx)."""
    import networkx as nx

    return "\n".join(nx.generate_graphml(to_networkx(network, xml=True))) + "\n"


def network_to_gexf(network: Network) -> str:
    """GEXF 1.2 (Gephi's own format), valid against the 1.2draft schema."""
    import networkx as nx

    text = "\n".join(nx.generate_gexf(to_networkx(network, xml=True))) + "\n"
    # networkx gives <graph> a name attribute, which the GEXF 1.2draft schema does not allow.
    return _GRAPH_NAME.sub(r"\1", text, count=1)


def network_to_csv(network: Network) -> str:
    """The matrix as CSV: a header of column labels, then one row per row label."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(csv_row(["", *network.columns]))
    for label, row in zip(network.rows, network.matrix, strict=True):
        writer.writerow(csv_row([label, *(_number(v) for v in row)]))
    return out.getvalue()


def _stamp(date: datetime | None) -> str:
    return date.isoformat(sep=" ") if date else ""


def network_to_edgelist(networks: Network | Sequence[Network]) -> str:
    """Every non-zero tie as a CSV row: source, target, weight, agreement (and the window)."""
    items = [networks] if isinstance(networks, Network) else list(networks)
    windows = len(items) > 1 or any(n.midpoint is not None for n in items)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = ["source", "target", "weight", "agreement"]
    writer.writerow(header + (["window_start", "window_stop", "midpoint"] if windows else []))
    for network in items:
        for i, j, weight, agreement in _edges(network):
            cells: list[object] = [network.rows[i], network.columns[j], _number(weight), agreement]
            if windows:
                cells += [_stamp(network.start), _stamp(network.stop), _stamp(network.midpoint)]
            writer.writerow(csv_row(cells))
    return out.getvalue()


def _json_object(network: Network) -> dict[str, Any]:
    options = {
        k: (_stamp(v) or None) if isinstance(v, datetime) else v
        for k, v in asdict(network.options).items()
    }
    return {
        "network_type": network.network_type,
        "variable1": network.variable1,
        "variable2": network.variable2,
        "qualifier_aggregation": network.qualifier_aggregation,
        "normalization": network.normalization,
        "start": _stamp(network.start) or None,
        "stop": _stamp(network.stop) or None,
        "midpoint": _stamp(network.midpoint) or None,
        "statements": network.statements,
        "rows": list(network.rows),
        "columns": list(network.columns),
        "matrix": [[_number(v) for v in row] for row in network.matrix],
        "row_attributes": [dict(a) for a in network.row_attributes],
        "column_attributes": [dict(a) for a in network.column_attributes],
        "agreement": [list(row) for row in network.agreement],
        "options": options,
    }


def network_to_json(networks: Network | Sequence[Network]) -> str:
    """One JSON object, or a list of them for time windows."""
    if isinstance(networks, Network):
        data: Any = _json_object(networks)
    else:
        data = [_json_object(n) for n in networks]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
