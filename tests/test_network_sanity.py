"""Network sanity warnings: statements left out for a missing variable or a neutral qualifier,
networks with nodes but no ties, each with the option that would help; and the ``network``
command showing them as one line each."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from stancegraph.cli import main
from stancegraph.formats.contract import analysis_to_dict
from stancegraph.formats.dna import STATEMENT_TYPE, StatementRecord
from stancegraph.network.build import NetworkOptions, build_network, build_time_windows
from stancegraph.network.sanity import NetworkWarning, network_warnings
from stancegraph.types import Actor, Analysis, Document, Statement


def rec(
    org: str | None,
    concept: str,
    agreement: int | None = 1,
    *,
    person: str | None = None,
    day: int = 1,
) -> StatementRecord:
    date = datetime(2024, 1, day)
    return StatementRecord("d1", "", date, STATEMENT_TYPE, person, org, concept, agreement)


def warnings_for(records: list[StatementRecord], **options: object) -> list[str]:
    opts = NetworkOptions(**options)  # type: ignore[arg-type]
    return [str(w) for w in network_warnings(records, [build_network(records, opts)], opts)]


# A network whose actors share concepts, agreeing and disagreeing: nothing to warn about.
SHARED = [rec("A", "x", 1), rec("B", "x", 0), rec("B", "y", 1), rec("C", "y", 1)]


@pytest.mark.parametrize("kind", ["twomode", "onemode"])
def test_a_sound_network_has_no_warnings(kind: str) -> None:
    assert warnings_for(SHARED, network_type=kind) == []


def test_a_warning_reads_as_its_problem_and_remedy() -> None:
    assert str(NetworkWarning("a problem", "an option")) == "a problem; an option"
    assert str(NetworkWarning("a problem")) == "a problem"


def test_a_few_statements_without_a_value_are_counted_without_a_remedy() -> None:
    records = [*SHARED, rec(None, "x", person="Ann Lee")]
    assert warnings_for(records) == [
        "1 of 5 statements have no organization or no concept and are left out"
    ]


def test_more_than_half_left_out_names_the_actor_variable_that_keeps_them() -> None:
    people = [rec(None, c, person=p) for p, c in [("Ann", "x"), ("Ben", "x"), ("Cy", "y")]]
    records = [rec("A", "x"), *people]
    assert warnings_for(records) == [
        "3 of 4 statements have no organization or no concept and are left out; "
        "--variable1 person would keep 3 of them"
    ]
    # and the other way round: organisations' statements in a network of persons
    records = [rec("A", "x"), rec("B", "y"), rec(None, "x", person="Ann")]
    assert warnings_for(records, variable1="person")[0].endswith(
        "--variable1 organization would keep 2 of them"
    )


def test_statements_left_out_for_want_of_a_concept_have_no_remedy() -> None:
    records = [rec("A", "x"), rec("A", ""), rec("B", ""), rec("C", "")]
    assert warnings_for(records) == [
        "3 of 4 statements have no organization or no concept and are left out"
    ]


def test_mostly_neutral_statements_left_out_by_the_qualifier() -> None:
    records = [rec("A", "x", 1), rec("B", "x", None), rec("C", "x", None)]
    found = warnings_for(records, qualifier_aggregation="subtract")
    assert found[0] == (
        "2 of 3 statements are neutral and left out by --qualifier-aggregation subtract; "
        "--qualifier-aggregation ignore would keep them"
    )
    assert warnings_for(records) == []  # ignore counts neutral statements


def test_onemode_without_shared_concepts_has_no_ties_and_says_why() -> None:
    records = [rec("A", "x"), rec("B", "y"), rec("C", "z")]
    assert warnings_for(records, network_type="onemode") == [
        "the network has 3 nodes but no ties; no two organization values share a concept: "
        "--type twomode shows each one's concepts (statements coded with a codebook, "
        "--codebook, share its concepts)"
    ]


def test_onemode_conflict_without_disagreement_proposes_ignore() -> None:
    records = [rec("A", "x", 1), rec("B", "x", 1)]
    assert warnings_for(records, network_type="onemode", qualifier_aggregation="conflict") == [
        "the network has 2 nodes but no ties; --qualifier-aggregation ignore ties each two "
        "organization values that share a concept"
    ]


def test_twomode_subtract_that_cancels_out_has_no_ties() -> None:
    records = [rec("A", "x", 1), rec("A", "x", 0)]
    assert warnings_for(records, qualifier_aggregation="subtract") == [
        "the network has 1 node but no ties; --qualifier-aggregation ignore counts every statement"
    ]


def test_an_empty_network_says_so() -> None:
    records = [rec("A", "x", day=1)]
    options = NetworkOptions(start=datetime(2024, 2, 1))
    network = build_network(records, options)
    found = network_warnings(records, [network], options)
    assert [str(w) for w in found] == ["no statement matched; the network is empty"]


def test_time_windows_mostly_without_ties() -> None:
    records = [rec("A", "x", day=1), rec("B", "x", day=5), rec("C", "y", day=9)]
    options = NetworkOptions(network_type="onemode", window=1, step=4, isolates=True)
    windows = build_time_windows(records, options)
    assert len(windows) == 3
    assert [str(w) for w in network_warnings(records, windows, options)] == [
        "3 of 3 time windows have nodes but no ties; a longer --window collects more "
        "statements into each"
    ]
    wide = NetworkOptions(network_type="onemode", window=5, step=4)
    windows = build_time_windows(records, wide)
    assert network_warnings(records, windows, wide) == ()


# --- the command ------------------------------------------------------------------------------

TEXT = "Ann Lee backed the toll. Bo Park backed the tunnel. The union opposed the bridge."


def _statement(sid: str, actor: str, label: str, agreement: str) -> Statement:
    start = TEXT.index(label)
    return Statement(
        sid,
        actor,
        label,
        label,
        agreement,
        start,
        start + len(label),
        None,
        0.9,
        "test",  # type: ignore[arg-type]
    )


@pytest.fixture
def analyses_jsonl(tmp_path: Path) -> Path:
    actors = (
        Actor("a1", "Ann Lee", "person", (), ()),
        Actor("a2", "Bo Park", "person", (), ()),
        Actor("a3", "union", "organization", (), ()),
    )
    statements = (
        _statement("s1", "a1", "toll", "support"),
        _statement("s2", "a2", "tunnel", "support"),
        _statement("s3", "a3", "bridge", "oppose"),
    )
    analysis = Analysis(Document(id="d", text=TEXT), actors, (), statements)
    path = tmp_path / "analyses.jsonl"
    path.write_text(json.dumps(analysis_to_dict(analysis)) + "\n", encoding="utf-8")
    return path


def test_cli_network_warns_and_still_writes_the_network(
    analyses_jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["network", str(analyses_jsonl), "--type", "onemode", "--variable1", "person"])
    out, err = capsys.readouterr()
    assert code == 0 and out.startswith(",Ann Lee,Bo Park")
    assert err.splitlines() == [
        "stancegraph: 1 of 3 statements have no person or no concept and are left out",
        "stancegraph: the network has 2 nodes but no ties; no two person values share a "
        "concept: --type twomode shows each one's concepts (statements coded with a codebook, "
        "--codebook, share its concepts)",
    ]
    code = main(["network", str(analyses_jsonl)])
    out, err = capsys.readouterr()
    assert (code, err) == (
        0,
        "stancegraph: 2 of 3 statements have no organization or no "
        "concept and are left out; --variable1 person would keep 2 of them\n",
    )
