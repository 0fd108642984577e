"""A DNA database's statements in the corpus store (``stancegraph.formats.dna_import`` and
``stancegraph import dna``): the store's networks are DNA's own."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from stancegraph.corpus.store import open_store
from stancegraph.formats.dna import STATEMENT_TYPE, StatementRecord, read_dna, write_dna
from stancegraph.formats.dna_import import analyses_from_dna
from test_cli import assert_clean_stderr, run

TEXT = "Ann said cuts hurt. Org B backs cuts. Ben doubts it."


def _record(person: str | None, org: str | None, concept: str, agreement: int | None,
            start: int, stop: int, doc: str = "1", day: int = 1) -> StatementRecord:  # fmt: skip
    return StatementRecord(doc, f"Doc {doc}", datetime(2024, 1, day), STATEMENT_TYPE, person, org,
                           concept, agreement, TEXT[start:stop], start, stop)  # fmt: skip


RECORDS = [
    _record("Ann", "Org A", "cuts", 0, 0, 18),
    _record(None, "Org B", "cuts", 1, 20, 36),
    _record("Ben", "Org A", "cuts", None, 37, 52),
    _record("Ann", "Org A", "taxes", 1, 0, 18, doc="2", day=9),
]


@pytest.fixture
def dna(tmp_path: Path) -> Path:
    path = tmp_path / "hand.dna"
    write_dna(RECORDS, path, texts={"1": TEXT, "2": TEXT})
    return path


def test_each_dna_document_becomes_an_analysis_with_its_actors_and_statements(dna: Path) -> None:
    analyses = analyses_from_dna(read_dna(dna), {"1": TEXT, "2": TEXT}, dna)
    first = analyses[0]
    assert first.document.source == f"{dna.resolve()}#1" and first.document.text == TEXT
    assert [(a.name, a.type, a.affiliation) for a in first.actors] == [
        ("Ann", "person", "Org A"), ("Org B", "organization", None), ("Ben", "person", "Org A"),
    ]  # fmt: skip
    assert [(s.concept, s.agreement, s.start, s.end) for s in first.statements] == [
        ("cuts", "oppose", 0, 18), ("cuts", "support", 20, 36), ("cuts", "neutral", 37, 52),
    ]  # fmt: skip


@pytest.mark.parametrize("kind", ["twomode", "onemode"])
def test_the_store_builds_the_networks_the_dna_file_does(
    capsys: pytest.CaptureFixture[str], dna: Path, tmp_path: Path, kind: str
) -> None:
    db = str(tmp_path / "corpus.db")
    imported = run(capsys, "import", "dna", str(dna), "--db", db)
    assert imported.code == 0 and "imported 2 documents and 4 statements" in imported.err
    options = ("--type", kind, "--format", "json")
    from_store = json.loads(run(capsys, "network", "--db", db, *options).out)
    from_file = json.loads(run(capsys, "network", str(dna), *options).out)
    for key in ("rows", "columns", "matrix", "statements"):
        assert from_store[key] == from_file[key], key


def test_importing_again_replaces_the_documents(
    capsys: pytest.CaptureFixture[str], dna: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "corpus.db")
    for _ in range(2):
        assert run(capsys, "import", "dna", str(dna), "--db", db).code == 0
    with open_store(db) as store:
        assert (store.status().documents, store.status().statements) == (2, 4)


def test_a_file_that_is_not_a_dna_database_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    r = run(capsys, "import", "dna", str(text), "--db", str(tmp_path / "c.db"))
    assert r.code == 2
    assert_clean_stderr(r.err, "notes.txt", "not a DNA database")
    assert not (tmp_path / "c.db").exists()


@pytest.mark.data
def test_dnas_sample_in_the_store_gives_its_known_7x6_network(
    capsys: pytest.CaptureFixture[str], sample: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "sample.db")
    assert run(capsys, "import", "dna", str(sample), "--db", db).code == 0
    network = json.loads(run(capsys, "network", "--db", db, "--format", "json").out)
    assert (len(network["rows"]), len(network["columns"])) == (7, 6)
    assert sum(map(sum, network["matrix"])) == 40 == network["statements"]
    assert network["rows"][0] == "Alliance to Save Energy"
    assert network["matrix"][1][:2] == [2, 0]
