"""Discourse networks: DNA's numbers on its sample, each option's arithmetic on hand-made
records, the exports, the plot, and the ``network`` and ``export`` commands end to end.

Tests marked ``data`` read DNA's sample database and are skipped when it is absent.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path

import networkx as nx
import pytest

from conftest import DNA_SAMPLE_OLD as SAMPLE_OLD
from stancegraph.cli import main
from stancegraph.errors import InputError
from stancegraph.formats.contract import analysis_to_dict
from stancegraph.formats.dna import STATEMENT_TYPE, StatementRecord, read_dna, records_from_analyses
from stancegraph.network.build import (
    Network,
    NetworkOptions,
    build_network,
    build_time_windows,
    check_options,
    network_to_csv,
    network_to_edgelist,
    network_to_gexf,
    network_to_graphml,
    network_to_json,
)
from stancegraph.network.plot import plot_network
from stancegraph.types import Actor, Analysis, Document, Statement


def rec(
    org: str,
    concept: str,
    agreement: int | None,
    *,
    doc: str = "d1",
    date: datetime | None = datetime(2024, 1, 1),
    person: str | None = None,
    org_type: str | None = None,
) -> StatementRecord:
    meta = {"organization.type": org_type} if org_type else {}
    return StatementRecord(
        doc, "", date, STATEMENT_TYPE, person, org, concept, agreement, meta=meta
    )


def matrix(network: Network) -> list[list[float]]:
    return [[round(v, 6) for v in row] for row in network.matrix]


# A: x agree twice, y disagree; B: x agree, y agree; C: x disagree.
ABC = [
    rec("A", "x", 1),
    rec("A", "x", 1),
    rec("A", "y", 0),
    rec("B", "x", 1),
    rec("B", "y", 1),
    rec("C", "x", 0),
]


def twomode(records: list[StatementRecord], **options: object) -> list[list[float]]:
    return matrix(build_network(records, NetworkOptions(**options)))  # type: ignore[arg-type]


def onemode(records: list[StatementRecord], **options: object) -> list[list[float]]:
    opts = NetworkOptions(network_type="onemode", **options)  # type: ignore[arg-type]
    return matrix(build_network(records, opts))


# --- DNA's own expectations on its sample ------------------------------------------------------


@pytest.mark.data
def test_dna_sample_twomode_with_dna_defaults(sample: Path) -> None:
    network = build_network(read_dna(sample))
    assert (len(network.rows), len(network.columns)) == (7, 6)
    assert network.total() == 40
    assert network.statements == 40
    assert network.rows[0] == "Alliance to Save Energy"
    assert network.columns[0] == "CO2 legislation will not hurt the economy."
    assert network.rows[1].startswith("Energy") and network.matrix[1][:2] == (2.0, 0.0)
    assert (network.start, network.stop) == (datetime(2005, 1, 26), datetime(2005, 2, 16))
    graph = nx.parse_graphml(network_to_graphml(network))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (13, 22)


@pytest.mark.data
def test_dna_sample_onemode_with_dna_defaults(sample: Path) -> None:
    network = build_network(read_dna(sample), NetworkOptions(network_type="onemode"))
    assert (len(network.rows), len(network.columns)) == (7, 7)
    assert network.total() == 276
    assert network.rows[2] == "Environmental Protection Agency"
    assert network.matrix[2][:2] == (10.0, 2.0)
    graph = nx.parse_graphml(network_to_graphml(network))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (7, 21)


@pytest.mark.data
def test_dna_sample_congruence_and_conflict_add_up_to_ignore(sample: Path) -> None:
    records = read_dna(sample)
    totals = {
        agg: build_network(
            records, NetworkOptions(network_type="onemode", qualifier_aggregation=agg)
        ).total()
        for agg in ("congruence", "conflict", "subtract")
    }
    assert totals == {"congruence": 160, "conflict": 116, "subtract": 44}


@pytest.mark.data
def test_dna_sample_old_format_gives_the_same_networks(sample: Path) -> None:
    if not SAMPLE_OLD.is_file():
        pytest.skip(f"not found: {SAMPLE_OLD}")
    for kind in ("twomode", "onemode"):
        options = NetworkOptions(network_type=kind)
        new = build_network(read_dna(sample), options)
        old = build_network(read_dna(SAMPLE_OLD), options)
        assert (old.rows, old.columns, old.matrix) == (new.rows, new.columns, new.matrix)


# --- two-mode arithmetic -----------------------------------------------------------------------


def test_twomode_qualifier_aggregations() -> None:
    network = build_network(ABC)
    assert (network.rows, network.columns) == (("A", "B", "C"), ("x", "y"))
    assert matrix(network) == [[2, 1], [1, 1], [1, 0]]
    assert twomode(ABC, qualifier_aggregation="subtract") == [[2, -1], [1, 1], [-1, 0]]
    # combine: 1 only agreement, 2 only disagreement, 3 both
    assert twomode(ABC, qualifier_aggregation="combine") == [[1, 2], [1, 1], [2, 0]]
    mixed = [*ABC, rec("C", "x", 1)]
    assert twomode(mixed, qualifier_aggregation="combine")[2] == [3, 0]


def test_twomode_agreement_codes_whatever_the_aggregation() -> None:
    assert build_network(ABC).agreement == ((1, 2), (1, 1), (2, 0))


@pytest.mark.parametrize(
    ("aggregation", "normalization", "expected"),
    [
        ("ignore", "activity", [[2 / 3, 1 / 3], [0.5, 0.5], [1, 0]]),
        ("ignore", "prominence", [[0.5, 0.5], [0.25, 0.5], [0.25, 0]]),
        ("subtract", "activity", [[2 / 3, -1 / 3], [0.5, 0.5], [-1, 0]]),
        ("subtract", "prominence", [[0.5, -0.5], [0.25, 0.5], [-0.25, 0]]),
        ("combine", "activity", [[0.5, 1], [0.5, 0.5], [2, 0]]),
        ("combine", "prominence", [[1 / 3, 1], [1 / 3, 0.5], [2 / 3, 0]]),
    ],
)
def test_twomode_normalizations(
    aggregation: str, normalization: str, expected: list[list[float]]
) -> None:
    result = twomode(ABC, qualifier_aggregation=aggregation, normalization=normalization)
    assert result == [[round(v, 6) for v in row] for row in expected]


# --- one-mode arithmetic -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aggregation", "ab", "ac", "bc"),
    [
        ("ignore", 3, 2, 1),  # A-B: x 2*1 + y 1*1; A-C: x 2*1; B-C: x 1*1
        ("congruence", 2, 0, 0),  # only A-B agree together on x (2*1)
        ("conflict", 1, 2, 1),  # A-B on y; A-C and B-C on x
        ("subtract", 1, -2, -1),
    ],
)
def test_onemode_qualifier_aggregations(aggregation: str, ab: float, ac: float, bc: float) -> None:
    result = onemode(ABC, qualifier_aggregation=aggregation)
    assert result == [[0, ab, ac], [ab, 0, bc], [ac, bc, 0]]


@pytest.mark.parametrize(
    ("normalization", "ab", "ac", "bc"),
    [
        ("average", 3 / 2.5, 2 / 2, 1 / 1.5),  # tie / mean activity (A 3, B 2, C 1)
        ("cosine", 3 / 6, 2 / 3, 1 / 2),  # tie / product of activities (DNA's definition)
        # tie / (m10 + m01 + m11) over (concept, agreement) cells:
        # A-B: 1 + 1 + 2*1; A-C: (2 + 1) + 1 + 0; B-C: 2 + 1 + 0
        ("jaccard", 3 / 4, 2 / 4, 1 / 3),
    ],
)
def test_onemode_normalizations(normalization: str, ab: float, ac: float, bc: float) -> None:
    result = onemode(ABC, normalization=normalization)
    expected = [[0, ab, ac], [ab, 0, bc], [ac, bc, 0]]
    assert result == [[round(v, 6) for v in row] for row in expected]


def test_onemode_congruence_with_average_normalization() -> None:
    # A-B congruence 2 over the mean activity of A (3) and B (2)
    assert onemode(ABC, qualifier_aggregation="congruence", normalization="average")[0][1] == 0.8


# --- neutral statements, empty values and isolates ---------------------------------------------


def test_neutral_statements_count_only_when_the_qualifier_is_ignored() -> None:
    records = [*ABC, rec("D", "x", None)]
    network = build_network(records, NetworkOptions(network_type="onemode"))
    assert network.rows == ("A", "B", "C", "D")
    assert network.matrix[0][3] == 2  # A's two x statements x D's one
    congruence = NetworkOptions(network_type="onemode", qualifier_aggregation="congruence")
    assert build_network(records, congruence).rows == ("A", "B", "C")
    assert build_network(records, NetworkOptions(qualifier_aggregation="subtract")).rows == (
        "A",
        "B",
        "C",
    )


def test_statements_without_a_value_are_left_out() -> None:
    records = [*ABC, rec("", "x", 1), rec("E", "", 1)]
    network = build_network(records)
    assert network.rows == ("A", "B", "C") and network.total() == 6


def test_isolates_keep_every_node_of_the_range() -> None:
    records = [*ABC, rec("D", "z", None)]
    options = NetworkOptions(qualifier_aggregation="subtract")
    assert build_network(records, options).columns == ("x", "y")
    with_isolates = build_network(
        records, NetworkOptions(qualifier_aggregation="subtract", isolates=True)
    )
    assert with_isolates.rows == ("A", "B", "C", "D")
    assert with_isolates.columns == ("x", "y", "z")
    assert with_isolates.matrix[3] == (0.0, 0.0, 0.0)


def test_other_variables_and_statement_types() -> None:
    records = [
        rec("Org", "x", 1, person="Ann"),
        rec("Org", "x", 0, person="Bob"),
        rec("Org", "y", 1, person="Bob", doc="d2"),
    ]
    network = build_network(records, NetworkOptions(variable1="person"))
    assert network.rows == ("Ann", "Bob")
    assert network.row_attributes[1]["affiliation"] == "Org"
    by_document = build_network(records, NetworkOptions(variable1="document"))
    assert by_document.rows == ("d1", "d2")
    assert build_network(records, NetworkOptions(statement_type="Other")).rows == ()
    with pytest.raises(InputError, match="'colour'"):
        build_network(records, NetworkOptions(variable2="colour"))


def test_node_attributes() -> None:
    records = [rec("A", "x", 1, org_type="NGO"), rec("A", "y", 1), rec("B", "x", 0)]
    network = build_network(records)
    assert network.row_attributes[0] == {
        "variable": "organization",
        "type": "NGO",
        "statements": 2.0,
    }
    assert network.row_attributes[1]["type"] == ""
    assert network.column_attributes[0]["variable"] == "concept"


# --- duplicates and dates ----------------------------------------------------------------------

DUPLICATE_SET = [
    rec("A", "x", 1, doc="d1", date=datetime(2024, 1, 1)),
    rec("A", "x", 1, doc="d1", date=datetime(2024, 1, 1)),  # same document
    rec("A", "x", 1, doc="d2", date=datetime(2024, 1, 3)),  # same ISO week (Mon 1 - Sun 7)
    rec("A", "x", 0, doc="d3", date=datetime(2024, 1, 20)),  # same month, other week
    rec("A", "x", 1, doc="d4", date=datetime(2024, 3, 5)),  # same year
    rec("A", "x", 1, doc="d5", date=datetime(2025, 1, 2)),  # January again, next year
]


@pytest.mark.parametrize(
    ("duplicates", "ignore", "subtract"),
    [
        ("include", 6, 4),  # subtract: 5 agree - 1 disagree
        ("document", 5, 3),
        ("week", 4, 2),
        ("month", 3, 2),  # calendar months: January 2024 and January 2025 differ
        ("year", 2, 1),
        ("acrossrange", 1, 0),  # with the qualifier: one agree and one disagree are kept
    ],
)
def test_duplicates(duplicates: str, ignore: int, subtract: int) -> None:
    assert twomode(DUPLICATE_SET, duplicates=duplicates) == [[ignore]]
    result = twomode(DUPLICATE_SET, duplicates=duplicates, qualifier_aggregation="subtract")
    assert result == [[subtract]]


def test_duplicate_weeks_cross_the_new_year() -> None:
    records = [
        rec("A", "x", 1, doc="a", date=datetime(2024, 12, 30)),  # ISO week 1 of 2025
        rec("A", "x", 1, doc="b", date=datetime(2025, 1, 2)),
    ]
    assert twomode(records, duplicates="week") == [[1]]
    assert twomode(records, duplicates="year") == [[2]]


def test_date_range_is_inclusive_and_drops_undated_statements() -> None:
    records = [
        rec("A", "x", 1, date=datetime(2024, 1, 1)),
        rec("A", "x", 1, date=datetime(2024, 1, 2, 23, 59, 59)),
        rec("A", "x", 1, date=datetime(2024, 1, 3)),
        rec("A", "x", 1, date=None),
    ]
    assert twomode(records) == [[4]]
    range_ = {"start": datetime(2024, 1, 2), "stop": datetime(2024, 1, 3)}
    assert twomode(records, **range_) == [[2]]
    assert twomode(records, start=datetime(2024, 1, 2)) == [[2]]
    network = build_network(records, NetworkOptions(stop=datetime(2024, 1, 1)))
    assert network.total() == 1 and network.stop == datetime(2024, 1, 1)


# --- time windows ------------------------------------------------------------------------------

DAILY = [
    rec("A" if day % 2 else "B", "x", 1, date=datetime(2024, 1, day), doc=str(day))
    for day in range(1, 11)
]


def test_time_windows_move_by_the_step_and_stay_inside_the_range() -> None:
    windows = build_time_windows(DAILY, NetworkOptions(window=3, step=2))
    assert [w.start for w in windows] == [datetime(2024, 1, d) for d in (1, 3, 5, 7)]
    assert windows[0].stop == datetime(2024, 1, 3, 23, 59, 59)
    assert windows[0].midpoint == datetime(2024, 1, 2, 12)
    assert [w.statements for w in windows] == [3, 3, 3, 3]
    assert [w.rows for w in windows] == [("A", "B")] * 4
    assert [matrix(w) for w in windows] == [[[2], [1]], [[2], [1]], [[2], [1]], [[2], [1]]]


def test_time_windows_isolates_and_empty_windows() -> None:
    sparse = [
        rec("A", "x", 1, date=datetime(2024, 1, 1)),
        rec("B", "y", 1, date=datetime(2024, 1, 10)),
    ]
    windows = build_time_windows(sparse, NetworkOptions(window=2, step=4))
    assert [w.rows for w in windows] == [("A",), (), ("B",)]
    with_isolates = build_time_windows(sparse, NetworkOptions(window=2, step=4, isolates=True))
    assert [w.rows for w in with_isolates] == [("A", "B")] * 3
    assert [len(w.columns) for w in with_isolates] == [2, 2, 2]
    assert build_time_windows(sparse, NetworkOptions(window=30)) == []


def test_time_windows_follow_an_explicit_range_and_onemode() -> None:
    options = NetworkOptions(
        network_type="onemode",
        window=5,
        step=5,
        start=datetime(2024, 1, 1),
        stop=datetime(2024, 1, 10, 23, 59, 59),
    )
    windows = build_time_windows(DAILY, options)
    assert len(windows) == 2
    assert [w.total() for w in windows] == [12, 12]  # A 3 x B 2 on x, both directions


# --- options -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (NetworkOptions(network_type="threemode"), "network type"),
        (NetworkOptions(qualifier_aggregation="congruence"), "not for twomode"),
        (
            NetworkOptions(network_type="onemode", qualifier_aggregation="combine"),
            "not for onemode",
        ),
        (NetworkOptions(normalization="jaccard"), "not for twomode"),
        (NetworkOptions(network_type="onemode", normalization="activity"), "not for onemode"),
        (NetworkOptions(duplicates="daily"), "duplicates"),
        (NetworkOptions(variable2="organization"), "must differ"),
        (NetworkOptions(variable1="agreement"), "qualifier"),
        (NetworkOptions(window=0), "window"),
        (NetworkOptions(step=0), "step"),
        (NetworkOptions(start=datetime(2024, 2, 1), stop=datetime(2024, 1, 1)), "after"),
    ],
)
def test_invalid_options_are_named(options: NetworkOptions, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_options(options)


# --- exports -----------------------------------------------------------------------------------


def test_graphml_has_plain_attributes_gephi_reads() -> None:
    network = build_network([*ABC, rec("A", "z", 1, org_type="NGO")])
    text = network_to_graphml(network)
    root = ET.fromstring(text)
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    keys = root.findall(f"{ns}key")
    assert {k.get("attr.type") for k in keys} <= {"string", "double"}
    assert {(k.get("for"), k.get("attr.name")) for k in keys} >= {
        ("node", "type"),
        ("node", "label"),
        ("edge", "weight"),
    }
    assert all(k.get("yfiles.type") is None for k in keys)  # no visone/yFiles graphics keys
    assert "visone" not in text and "yworks" not in text
    graph = nx.parse_graphml(text)
    assert graph.number_of_nodes() == 3 + 3
    assert graph["A"]["x"]["weight"] == 2.0
    assert graph["A"]["y"]["agreement"] == "oppose"
    assert graph.nodes["A"]["type"] == "NGO"
    assert graph.nodes["x"]["bipartite"] == "1"


def test_twomode_node_ids_stay_unique_when_labels_repeat() -> None:
    records = [rec("Same", "Same", 1), rec("Other", "x", 1)]
    graph = nx.parse_graphml(network_to_graphml(build_network(records)))
    assert set(graph.nodes) == {"Same", "Other", "concept: Same", "x"}
    assert graph.nodes["concept: Same"]["label"] == "Same"


def test_onemode_graphml_gexf_csv_edgelist_json() -> None:
    network = build_network(
        ABC, NetworkOptions(network_type="onemode", qualifier_aggregation="subtract")
    )
    graph = nx.parse_graphml(network_to_graphml(network))
    assert graph["A"]["C"] == {"weight": -2.0, "agreement": "conflict"}
    assert graph.number_of_edges() == 3
    gexf = nx.read_gexf(io.BytesIO(network_to_gexf(network).encode()))
    assert gexf.number_of_edges() == 3

    rows = list(csv.reader(io.StringIO(network_to_csv(network))))
    assert rows == [
        ["", "A", "B", "C"],
        ["A", "0", "1", "-2"],
        ["B", "1", "0", "-1"],
        ["C", "-2", "-1", "0"],
    ]
    edges = list(csv.DictReader(io.StringIO(network_to_edgelist(network))))
    assert [(e["source"], e["target"], e["weight"], e["agreement"]) for e in edges] == [
        ("A", "B", "1", "congruence"),
        ("A", "C", "-2", "conflict"),
        ("B", "C", "-1", "conflict"),
    ]
    data = json.loads(network_to_json(network))
    assert data["rows"] == ["A", "B", "C"] and data["matrix"][0] == [0, 1, -2]
    assert data["options"]["qualifier_aggregation"] == "subtract"


def test_time_window_exports_hold_every_window() -> None:
    windows = build_time_windows(DAILY, NetworkOptions(window=3, step=2))
    edges = list(csv.DictReader(io.StringIO(network_to_edgelist(windows))))
    assert len(edges) == 8 and edges[0]["window_start"] == "2024-01-01 00:00:00"
    data = json.loads(network_to_json(windows))
    assert [d["midpoint"] for d in data][:2] == ["2024-01-02 12:00:00", "2024-01-04 12:00:00"]


# --- plot --------------------------------------------------------------------------------------


def test_plot_network_png_and_svg(tmp_path: Path) -> None:
    records = [*ABC, rec("A", "x", 1, org_type="NGO"), rec("B", "x", 1, org_type="Business")]
    plot_network(build_network(records), tmp_path / "two.png")
    assert (tmp_path / "two.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    onemode_net = build_network(
        records, NetworkOptions(network_type="onemode", qualifier_aggregation="subtract")
    )
    plot_network(onemode_net, tmp_path / "one.svg")
    assert "<svg" in (tmp_path / "one.svg").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="png or .svg"):
        plot_network(onemode_net, tmp_path / "one.pdf")


def test_plot_an_empty_network(tmp_path: Path) -> None:
    empty = build_network([], NetworkOptions(network_type="onemode"))
    plot_network(empty, tmp_path / "empty.png")
    assert (tmp_path / "empty.png").stat().st_size > 0


# --- command line ------------------------------------------------------------------------------

TEXT = (
    "Mayor Helena Brandt said the port expansion would bring jobs. "
    "The Green Party rejected the port expansion. "
    "The Chamber of Commerce welcomed the port expansion and the river study."
)


def _statement(sid: str, actor: str, label: str, agreement: str, phrase: str) -> Statement:
    start = TEXT.index(phrase)
    return Statement(
        sid,
        actor,
        label.lower(),
        label,
        agreement,  # type: ignore[arg-type]
        start,
        start + len(phrase),
        None,
        0.9,
        "test",
    )


def _analyses() -> list[Analysis]:
    actors = (
        Actor("a1", "Helena Brandt", "person", ("Brandt",), (), "Mayor", "City Council"),
        Actor("a2", "Green Party", "organization", (), ()),
        Actor("a3", "Chamber of Commerce", "organization", (), ()),
    )
    statements = (
        _statement("s1", "a1", "Port expansion", "support", "the port expansion would bring jobs"),
        _statement("s2", "a2", "Port expansion", "oppose", "rejected the port expansion"),
        _statement("s3", "a3", "Port expansion", "support", "welcomed the port expansion"),
        _statement("s4", "a3", "River study", "neutral", "the river study"),
    )
    doc = Document(id="port", text=TEXT, title="Port vote", date="2024-03-01")
    doc2 = Document(id="later", text=TEXT, title="Port vote again", date="2024-03-20")
    return [Analysis(doc, actors, (), statements), Analysis(doc2, actors, (), statements[:2])]


@pytest.fixture
def analyses_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "analyses.jsonl"
    lines = [json.dumps(analysis_to_dict(a)) for a in _analyses()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.data
def test_cli_network_on_the_dna_sample(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "network", str(sample), "--type", "onemode", "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) == 8 and sum(float(v) for row in rows[1:] for v in row[1:]) == 276

    graphml, png = tmp_path / "net.graphml", tmp_path / "net.png"
    code, out, err = run(capsys, "network", str(sample), "-o", str(graphml), "--plot", str(png))
    assert (code, out, err) == (0, "", "")
    graph = nx.read_graphml(graphml)
    assert sum(d["weight"] for _, _, d in graph.edges(data=True)) == 40
    assert png.stat().st_size > 10_000


@pytest.mark.data
def test_cli_network_time_windows_on_the_sample(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_csv = tmp_path / "w.csv"
    args = ["network", str(sample), "--window", "7", "--step", "7", "--format", "csv"]
    code, _, _ = run(capsys, *args, "-o", str(out_csv))
    assert code == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["w-001.csv", "w-002.csv", "w-003.csv"]
    code, _, err = run(capsys, *args)
    assert code == 2 and "need -o" in err


def test_cli_network_from_analyses(
    analyses_jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "network", str(analyses_jsonl))
    assert (code, err) == (0, "")
    assert list(csv.reader(io.StringIO(out))) == [
        ["", "Port expansion", "River study"],
        ["Chamber of Commerce", "1", "1"],
        ["City Council", "2", "0"],
        ["Green Party", "2", "0"],
    ]
    code, out, _ = run(
        capsys,
        "network",
        str(analyses_jsonl),
        "--type",
        "onemode",
        "--qualifier-aggregation",
        "subtract",
        "--duplicates",
        "acrossrange",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert data["rows"] == ["Chamber of Commerce", "City Council", "Green Party"]
    assert data["matrix"] == [[0, 1, -1], [1, 0, -1], [-1, -1, 0]]
    code, out, err = run(
        capsys, "network", str(analyses_jsonl), "--variable1", "person", "--stop", "2024-03-01"
    )
    assert list(csv.reader(io.StringIO(out)))[1] == ["Helena Brandt", "1"]
    assert err == (
        "stancegraph: 3 of 4 statements have no person or no concept and are left out; "
        "--variable1 organization would keep 3 of them\n"
    )


def test_cli_network_windows_edgelist(
    analyses_jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "network", str(analyses_jsonl), "--window", "10", "--step", "5", "-f", "edgelist"
    )
    assert code == 0
    edges = list(csv.DictReader(io.StringIO(out)))
    assert {e["window_start"][:10] for e in edges} == {"2024-03-01", "2024-03-11"}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--type", "onemode", "--qualifier-aggregation", "combine"], "not for onemode"),
        (["--normalization", "cosine"], "not for twomode"),
        (["--step", "3"], "--step needs --window"),
        (["--window", "365"], "no 365-day window"),
        (["--plot", "net.pdf"], ".png or .svg"),
        (["--variable2", "colour"], "'colour'"),
    ],
)
def test_cli_network_bad_usage(
    analyses_jsonl: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    code, out, err = run(capsys, "network", str(analyses_jsonl), *extra)
    assert code == 2 and out == ""
    assert err.startswith("stancegraph: ") and message in err and err.count("\n") == 1


def test_cli_network_bad_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"schema": "stancegraph/analysis-1"}\n', encoding="utf-8")
    code, _, err = run(capsys, "network", str(bad))
    assert code == 2 and f"{bad}:1: not a stancegraph/analysis-1 object" in err
    code, _, err = run(capsys, "network", str(tmp_path / "missing.jsonl"))
    assert code == 2 and "no such file" in err
    empty = tmp_path / "empty.jsonl"
    doc = Document(id="e", text="Nothing here.")
    empty.write_text(json.dumps(analysis_to_dict(Analysis(doc, (), ()))) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "network", str(empty))
    assert code == 2 and "no statements" in err


def test_cli_export_dna_and_statements(
    analyses_jsonl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus.dna"
    code, out, err = run(capsys, "export", "dna", str(analyses_jsonl), "-o", str(corpus))
    assert (code, out, err) == (0, "", "")
    assert read_dna(corpus) == records_from_analyses(_analyses())

    code, out, _ = run(capsys, "export", "statements", str(corpus))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 6
    assert rows[0]["person"] == "Helena Brandt" and rows[0]["organization"] == "City Council"
    assert rows[3]["agreement"] == "" and rows[3]["concept"] == "River study"

    # the network of the exported database is the network of the analyses
    code, from_dna, _ = run(capsys, "network", str(corpus))
    code, from_jsonl, _ = run(capsys, "network", str(analyses_jsonl))
    assert from_dna == from_jsonl

    out_csv = tmp_path / "statements.csv"
    code, _, _ = run(capsys, "export", "statements", str(analyses_jsonl), "-o", str(out_csv))
    assert code == 0 and out_csv.read_text(encoding="utf-8").startswith("document_id,")


def test_cli_export_bad_usage(
    analyses_jsonl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "export", "dna", str(analyses_jsonl))
    assert code == 2 and "needs -o" in err
    target = tmp_path / "no" / "such" / "dir" / "x.dna"
    code, _, err = run(capsys, "export", "dna", str(analyses_jsonl), "-o", str(target))
    assert code == 2 and "cannot write" in err and err.count("\n") == 1


def test_window_boundaries_are_days() -> None:
    # a statement at 23:59 on the last day of a window belongs to that window
    records = [
        rec("A", "x", 1, date=datetime(2024, 1, 1)),
        rec("A", "x", 1, date=datetime(2024, 1, 2) - timedelta(minutes=1)),
        rec("A", "x", 1, date=datetime(2024, 1, 2)),
    ]
    windows = build_time_windows(records, NetworkOptions(window=1))
    assert [w.statements for w in windows] == [2, 1]
