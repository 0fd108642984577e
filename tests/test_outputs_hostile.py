"""Outputs under hostile text: control characters, formula cells, odd names and failing writes.

Every analysis here is built by hand (no model): texts carry ESC sequences, BEL, NUL, vertical
tabs, U+FFFE and cells a spreadsheet would run as formulas, and each export must stay readable,
well-formed and inert. Property tests (Hypothesis) feed any text to the exporters.
"""

from __future__ import annotations

import csv
import errno
import io
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from typing import IO

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stancegraph.cli import main
from stancegraph.cli._common import write_text
from stancegraph.cli._console import table
from stancegraph.cli.corpus import _query_text
from stancegraph.errors import InputError
from stancegraph.formats import safe
from stancegraph.formats.contract import analysis_to_dict
from stancegraph.formats.dna import STATEMENT_TYPE, StatementRecord, statements_csv
from stancegraph.formats.plover import event_to_plover_record, plover_record_to_row
from stancegraph.formats.render import render
from stancegraph.network.build import (
    NetworkOptions,
    build_network,
    network_to_csv,
    network_to_edgelist,
    network_to_gexf,
    network_to_graphml,
)
from stancegraph.network.plot import plot_network
from stancegraph.types import Actor, Analysis, Document, Event, Participant, Quote

HOSTILE = "Ev\x1b[31mil\x07 \x00Co\x01rp\x0b\ufffe \x9b2J"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all C0/C1 but tab and newline
FORMULAS = ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def _quote(qid: str, text: str, start: int, end: int, *, cue: bool, rule: str) -> Quote:
    cue_at = text.find("said")
    return Quote(
        id=qid,
        type="direct",
        text=text[start:end],
        start=start,
        end=end,
        spans=((start, end),),
        cue="said" if cue else None,
        cue_start=cue_at if cue else None,
        cue_end=cue_at + 4 if cue else None,
        speaker="a1",
        speaker_text="Brandt",
        speaker_start=None,
        speaker_end=None,
        confidence=0.9 if cue else 0.6,
        extractor=f"quotes:{rule}",
    )


def hostile_analysis() -> Analysis:
    text = (
        f"“Jobs \x1b]0;pwned\x07matter,” Brandt said of {HOSTILE}.\n\n"
        "“And we will not give \x1b[2Jup on the port.”"
    )
    first_end = text.index("”")
    second = text.index("“And") + 1
    actor = Actor("a1", f"Brandt {HOSTILE}", "person", ("Brandt",), ((0, 5),), role="Mayor\x1b")
    quotes = (
        _quote("q1", text, 1, first_end, cue=True, rule="direct-cue-after"),
        _quote("q2", text, second, len(text) - 1, cue=False, rule="direct-continuation"),
    )
    where = text.index("Brandt")
    event = Event(
        id="e1",
        type="REJECT",
        base_type="REJECT",
        mode=(),
        plover_mode=None,
        source=Participant("a1", "Brandt", where, where + 6),
        target=Participant(None, f"={HOSTILE}", 0, 4),
        trigger="said\x1b",
        trigger_start=0,
        trigger_end=4,
        sentence_start=0,
        sentence_end=len(text),
        date="2024-01-01",
        date_text=None,
        location="@Port\x07",
        location_start=None,
        location_end=None,
        quad_class=3,
        score=-4.0,
        confidence=0.8,
        extractor="events:test",
    )
    document = Document("doc\x1b1", text, title=f"Title {HOSTILE}", date="2024-01-01")
    return Analysis(document, (actor,), quotes, events=(event,))


# --- table and HTML ------------------------------------------------------------------------------


def test_table_shows_no_control_character() -> None:
    text = render([hostile_analysis()], "table")
    assert not CONTROL.search(text)
    assert "\\x1b" in text  # shown as a visible escape


def test_html_holds_no_control_character() -> None:
    page = render([hostile_analysis()], "html")
    assert not CONTROL.search(page)
    assert "\\x07" in page and "pwned" in page


def test_a_continued_quote_shows_no_cue_the_text_lacks() -> None:
    analysis = hostile_analysis()
    text = render([analysis], "table")
    assert "[continues]" not in text
    q2 = next(line for line in text.splitlines() if line.lstrip().startswith("q2"))
    assert "[-]" in q2 and q2.endswith("(continues q1)")
    cued = [q for q in analysis_to_dict(analysis)["quotes"] if q["cue"] is not None]
    doc_text = analysis.document.text
    assert all(doc_text[q["cue_start"] : q["cue_end"]] == q["cue"] for q in cued)


def test_cli_rich_table_cells_carry_no_control_character() -> None:
    rows = [{"name": HOSTILE, "type": "person\x1b[0m", "documents": 2}]
    for terminal in (False, True):
        assert not CONTROL.search(
            re.sub(r"\x1b\[[0-9;]*m", "", table(rows, ("name", "type"), terminal=terminal))
        )


# --- XML exports -------------------------------------------------------------------------------


def hostile_records(names: list[str], concepts: list[str]) -> list[StatementRecord]:
    return [
        StatementRecord("d1", "", datetime(2024, 1, 1), STATEMENT_TYPE, None, n, c, k % 2)
        for k, (n, c) in enumerate(zip(names, concepts, strict=True))
    ]


NAMES = ["\x00A", "\x01A", "B\x1b", "\x0bC", "D\ufffe", "=E"]
CONCEPTS = ["x\x00", "x\x01", "y\x1b", "\x0bz", "\ufffex", "@y"]


@pytest.mark.parametrize("network_type", ["twomode", "onemode"])
def test_graphml_and_gexf_parse_with_control_characters(network_type: str) -> None:
    network = build_network(
        hostile_records(NAMES, CONCEPTS), NetworkOptions(network_type=network_type)
    )
    graphml = network_to_graphml(network)
    ET.fromstring(graphml)
    graph = nx.parse_graphml(graphml)
    assert graph.number_of_nodes() == len(network.rows) + (
        len(network.columns) if network_type == "twomode" else 0
    )
    assert graph.number_of_edges() == sum(1 for row in network.matrix for v in row if v) // (
        2 if network_type == "onemode" else 1
    )
    gexf = network_to_gexf(network)
    ET.fromstring(gexf)
    assert nx.read_gexf(io.BytesIO(gexf.encode())).number_of_nodes() == graph.number_of_nodes()


def test_gexf_graph_has_no_name_attribute() -> None:
    root = ET.fromstring(network_to_gexf(build_network(hostile_records(["A"], ["x"]))))
    graph = root.find("{http://www.gexf.net/1.2draft}graph")
    assert graph is not None and "name" not in graph.attrib


# --- CSV ---------------------------------------------------------------------------------------


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _live(cells: list[str]) -> list[str]:
    return [c for c in cells if c.startswith(safe._FORMULA_START) and not safe._NUMBER.fullmatch(c)]


def test_statement_and_network_csv_cells_are_no_formulas() -> None:
    records = hostile_records(FORMULAS, ["=A1"] * len(FORMULAS))  # half agree, half do not
    network = build_network(records)
    onemode = build_network(
        records, NetworkOptions(network_type="onemode", qualifier_aggregation="subtract")
    )
    for text in (
        statements_csv(records),
        network_to_csv(network),
        network_to_edgelist(network),
        network_to_csv(onemode),
        network_to_edgelist(onemode),
    ):
        cells = _cells(text)
        assert not _live(cells)
        assert '\'=HYPERLINK("http://x")' in cells
    assert "-1" in _cells(network_to_edgelist(onemode))  # a negative weight stays a number
    raw = _cells(statements_csv(records, spreadsheet_safe=False))
    assert '=HYPERLINK("http://x")' in raw


def test_plover_csv_row_and_store_query_csv_cells_are_no_formulas() -> None:
    analysis = hostile_analysis()
    row = plover_record_to_row(event_to_plover_record(analysis.events[0], analysis))
    assert not _live(list(row.values()))
    assert row["recipientText"].startswith("'=") and row["eventLoc"] == "'@Port\x07"
    rows = [
        {"document": "=cmd|' /C calc'!A0", "date": "2024-01-01", "speaker_name": "@x", "start": -3}
    ]
    cells = _cells(_query_text(rows, "quotes", "csv", terminal=False))
    assert not _live(cells) and "-3" in cells


# --- atomic -o writes --------------------------------------------------------------------------


def _fail_midway(handle: IO[bytes], data: bytes) -> None:
    handle.write(data[: len(data) // 2])
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_write_that_fails_midway_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old contents\n", encoding="utf-8")
    monkeypatch.setattr(safe, "_write_all", _fail_midway)
    with pytest.raises(Exception, match="No space left on device"):
        write_text(str(target), "new contents " * 1000)
    assert target.read_text(encoding="utf-8") == "old contents\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_cli_output_on_a_full_disk_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    jsonl = tmp_path / "analyses.jsonl"
    jsonl.write_text(render([hostile_analysis()], "jsonl"), encoding="utf-8")
    target = tmp_path / "out.html"
    target.write_text("old", encoding="utf-8")
    monkeypatch.setattr(safe, "_write_all", _fail_midway)
    code = main(["analyze", str(jsonl), "--format", "html", "-o", str(target)])
    assert code == 2 and target.read_text(encoding="utf-8") == "old"
    assert "out.html" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["analyses.jsonl", "out.html"]


def test_a_codebook_that_fails_midway_leaves_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from stancegraph.extract import codebook

    def half(book: object, path: Path) -> None:
        Path(path).write_text("concepts:\n  - id: x", encoding="utf-8")
        raise InputError("cannot write codebook", source=str(path)) from OSError(
            errno.ENOSPC, "No space left on device"
        )

    jsonl = tmp_path / "analyses.jsonl"
    jsonl.write_text(render([hostile_analysis()], "jsonl"), encoding="utf-8")
    target = tmp_path / "codebook.yaml"
    target.write_text("old", encoding="utf-8")
    monkeypatch.setattr(codebook, "dump_codebook", half)
    assert main(["concepts", "suggest", str(jsonl), "-o", str(target)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["analyses.jsonl", "codebook.yaml"]


def test_an_atomic_write_keeps_the_mode_and_replaces_the_text(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_text(str(target), "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_plot_that_fails_leaves_the_old_picture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from matplotlib.figure import Figure

    target = tmp_path / "plot.png"
    target.write_bytes(b"old picture")

    def broken(self: Figure, path: object, **kwargs: object) -> None:
        Path(str(path)).write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Figure, "savefig", broken)
    with pytest.raises(OSError):
        plot_network(build_network(hostile_records(["A"], ["x"])), target)
    assert target.read_bytes() == b"old picture"
    assert [p.name for p in tmp_path.iterdir()] == ["plot.png"]


# --- properties --------------------------------------------------------------------------------

LABELS = st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=5)


@settings(max_examples=100, deadline=None)
@given(names=LABELS, concepts=LABELS)
def test_any_names_and_concepts_give_wellformed_exports(
    names: list[str], concepts: list[str]
) -> None:
    size = min(len(names), len(concepts))
    records = hostile_records(names[:size], concepts[:size])
    for network_type in ("twomode", "onemode"):
        network = build_network(records, NetworkOptions(network_type=network_type))
        nodes = len(network.rows) + (len(network.columns) if network_type == "twomode" else 0)
        assert nx.parse_graphml(network_to_graphml(network)).number_of_nodes() == nodes
        gexf = network_to_gexf(network).encode()
        assert nx.read_gexf(io.BytesIO(gexf)).number_of_nodes() == nodes
        matrix = list(csv.reader(io.StringIO(network_to_csv(network))))
        assert len(matrix) == 1 + len(network.rows)
    rows = list(csv.reader(io.StringIO(statements_csv(records))))
    assert len(rows) == 1 + size and not _live([c for row in rows for c in row])


@settings(max_examples=100, deadline=None)
@given(title=st.text(max_size=30), name=st.text(min_size=1, max_size=30), body=st.text())
def test_any_text_gives_a_table_without_control_characters(
    title: str, name: str, body: str
) -> None:
    text = f"“{body}” {name} said."
    actor = Actor("a1", name, "person", (name,), ((len(body) + 3, len(body) + 3 + len(name)),))
    quote = Quote(
        "q1", "direct", body, 1, 1 + len(body), ((1, 1 + len(body)),), None, None, None,
        "a1", name, None, None, 0.6, "quotes:direct-continuation",
    )  # fmt: skip
    analysis = Analysis(Document("d", text, title=title or None), (actor,), (quote,))
    assert not CONTROL.search(render([analysis], "table"))
    assert not CONTROL.search(render([analysis], "html"))
    cells = table([{"name": name, "title": title}], ("name", "title"))
    assert not CONTROL.search(cells)
