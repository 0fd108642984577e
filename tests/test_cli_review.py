"""The command line over a reviewed corpus store: ``--reviewed`` on the store's queries,
``network``, ``export`` and ``evaluate --db --reviewed``.

The store is built by hand (``tests/test_store_review.py``'s reviewed story), so no spaCy
pipeline is needed.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from stancegraph.corpus.store import open_store
from test_cli import run
from test_store_review import _reviewed_story, _stored


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "reviewed.db")
    with open_store(path) as store:
        _reviewed_story(store)
    return path


def _jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def test_quotes_are_corrected_by_default_and_reviewed_on_request(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    every = _jsonl(run(capsys, "quotes", "--db", db, "-f", "jsonl").out)
    assert [(q["document"], q["speaker_name"]) for q in every] == [
        ("a", "council"),
        ("b", "Helena Brandt"),
    ]
    reviewed = run(capsys, "quotes", "--db", db, "-f", "jsonl", "--reviewed")
    assert reviewed.code == 0
    assert [q["document"] for q in _jsonl(reviewed.out)] == ["a"]


def test_statements_reviewed_as_csv(capsys: pytest.CaptureFixture[str], db: str) -> None:
    r = run(capsys, "statements", "--db", db, "-f", "csv", "--reviewed")
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert [(row["document"], row["actor_name"], row["agreement"]) for row in rows] == [
        ("a", "Helena Brandt", "support"),
        ("a", "Unions", "support"),
    ]


def test_events_reviewed_from_the_store(capsys: pytest.CaptureFixture[str], db: str) -> None:
    records = _jsonl(run(capsys, "events", "--db", db, "-f", "jsonl", "--reviewed").out)
    assert [record["event"] for record in records] == ["ACCUSE"]
    assert len(_jsonl(run(capsys, "events", "--db", db, "-f", "jsonl").out)) == 2


def test_events_reviewed_needs_the_store(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    analyses = tmp_path / "a.jsonl"
    analyses.write_text("", encoding="utf-8")
    r = run(capsys, "events", str(analyses), "--reviewed")
    assert r.code == 2 and r.err.strip().endswith(
        "--reviewed queries the corpus store; give no INPUT"
    )


def test_network_reviewed_from_the_store(capsys: pytest.CaptureFixture[str], db: str) -> None:
    base = ["network", "--db", db, "--variable1", "person", "-f", "json"]
    every = json.loads(run(capsys, *base).out)
    reviewed = json.loads(run(capsys, *base, "--reviewed").out)
    assert every != reviewed
    assert "Unions" in json.dumps(reviewed) and "council" not in json.dumps(reviewed)


def test_network_reviewed_with_input_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    analyses = tmp_path / "a.jsonl"
    analyses.write_text("", encoding="utf-8")
    r = run(capsys, "network", str(analyses), "--reviewed")
    assert r.code == 2 and "--reviewed reads a corpus store's review: use it with --db" in r.err


def test_export_from_the_store_reviewed(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    every = list(csv.DictReader(io.StringIO(run(capsys, "export", "statements", "--db", db).out)))
    reviewed = run(capsys, "export", "statements", "--db", db, "--reviewed")
    rows = list(csv.DictReader(io.StringIO(reviewed.out)))
    assert (len(every), len(rows)) == (4, 2)
    target = tmp_path / "reviewed.dna"
    assert run(capsys, "export", "dna", "--db", db, "--reviewed", "-o", str(target)).code == 0
    with sqlite3.connect(target) as conn:
        texts = [row[0] for row in conn.execute("SELECT Text FROM DOCUMENTS")]
        assert len(texts) == 1 and texts[0].startswith('"We will build it,"')
        assert conn.execute("SELECT count(*) FROM STATEMENTS").fetchone()[0] == 2


def test_evaluate_prints_the_precision_of_a_reviewed_store(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    r = run(capsys, "evaluate", "--db", db, "--reviewed")
    assert r.code == 0
    lines = [line.split() for line in r.out.splitlines()]
    assert lines[0] == ["kind", "rule", "decided", "correct", "precision"]
    rows = {(line[0], line[1]): line[2:] for line in lines[1:] if len(line) == 5}
    assert rows[("quote", "all")] == ["1", "1", "1.00"]
    assert rows[("speaker", "all")] == ["1", "0", "0.00"]
    assert rows[("statement", "all")] == ["2", "1", "0.50"]
    assert rows[("event", "test")] == ["1", "0", "0.00"]
    report = json.loads(run(capsys, "evaluate", "--db", db, "--reviewed", "--json").out)
    assert report["by_kind"]["statement"] == {"decided": 2, "correct": 1, "precision": 0.5}


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["--db", "DB"], "evaluate --db scores the coders' decisions: add --reviewed"),
        (["--db", "DB", "--reviewed", "--gold", "x"], "give --gold PATH or --db URL --reviewed"),
        ([], "give --gold PATH, or --db URL --reviewed"),
    ],
)
def test_evaluate_store_usage_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], db: str, argv: list[str], problem: str
) -> None:
    r = run(capsys, "evaluate", *[db if a == "DB" else a for a in argv])
    assert r.code == 2 and problem in r.err and len(r.err.splitlines()) == 1


def test_evaluate_a_store_without_decisions_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = str(tmp_path / "plain.db")
    with open_store(path) as store:
        _stored(store, "a")
    r = run(capsys, "evaluate", "--db", path, "--reviewed")
    assert r.code == 2 and len(r.err.splitlines()) == 1
    assert "no review decisions on machine items: nothing to score" in r.err
