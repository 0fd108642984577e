"""``stancegraph coders``, ``assign`` and ``queue`` (``stancegraph.cli.coders``)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from stancegraph.corpus.store import open_store
from test_cli import assert_clean_stderr, run
from test_store import _analysis

PASSWORD = "s3cret-pass"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "corpus.db")
    with open_store(path) as store:
        for name in ("a", "b", "c", "d", "e"):
            store.put_analysis(_analysis(name), extractor="v1")
    return path


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_coders_add_reads_the_password_from_stdin_and_never_shows_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: str
) -> None:
    _stdin(monkeypatch, PASSWORD + "\n")
    r = run(capsys, "coders", "add", "anna", "--role", "admin", "--password-stdin", "--db", db)
    assert r.code == 0 and "added 'anna' as admin" in r.err
    assert PASSWORD not in r.out + r.err
    listed = run(capsys, "coders", "list", "--db", db, "-f", "json")
    (row,) = json.loads(listed.out)
    assert (row["name"], row["role"], row["documents"]) == ("anna", "admin", 0)
    assert PASSWORD not in listed.out and "argon2" not in listed.out
    with open_store(db) as store:
        assert store.authenticate("anna", PASSWORD) is not None


def test_coders_password_role_and_remove(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: str
) -> None:
    _stdin(monkeypatch, PASSWORD + "\n")
    run(capsys, "coders", "add", "ben", "--password-stdin", "--db", db)
    _stdin(monkeypatch, "a new password\n")
    r = run(capsys, "coders", "password", "ben", "--password-stdin", "--db", db)
    assert r.code == 0 and "a new password" not in r.err
    assert run(capsys, "coders", "role", "ben", "--role", "viewer", "--db", db).code == 0
    with open_store(db) as store:
        assert store.authenticate("ben", "a new password") is not None
        assert store.coder("ben").role == "viewer"
    assert run(capsys, "coders", "remove", "ben", "--db", db).code == 0
    assert "ben" not in run(capsys, "coders", "list", "--db", db).out


@pytest.mark.parametrize(
    ("argv", "stdin", "needles"),
    [
        (("coders", "add", "x", "--password-stdin"), "short\n", ("at least 8 characters",)),
        (("coders", "add", "--password-stdin"), "", ("needs a NAME",)),
        (("coders", "remove", "zoe"), "", ("zoe", "no such coder")),
        (("coders", "add", "x"), "", ("use --password-stdin",)),  # stdin is no terminal
        (("assign", "--coders", "zoe"), "", ("zoe", "no such coder")),
        (("queue", "zoe"), "", ("zoe", "no such coder")),
    ],
)
def test_bad_input_is_one_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    db: str,
    argv: tuple[str, ...],
    stdin: str,
    needles: tuple[str, ...],
) -> None:
    _stdin(monkeypatch, stdin)
    r = run(capsys, *argv, "--db", db)
    assert r.code == 2
    assert_clean_stderr(r.err, *needles)
    assert "short" not in r.err


def test_assign_then_queue(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: str
) -> None:
    for name in ("anna", "ben"):
        _stdin(monkeypatch, PASSWORD + "\n")
        run(capsys, "coders", "add", name, "--password-stdin", "--db", db)
    r = run(capsys, "assign", "--coders", "anna,ben", "--overlap", "0.4", "--seed", "1", "--db", db)
    assert r.code == 0
    assert "assigned 5 documents (2 coded twice): anna 4, ben 3" in r.err
    queue = json.loads(run(capsys, "queue", "anna", "--db", db, "-f", "json").out)
    assert len(queue) == 4 and {row["state"] for row in queue} == {"unreviewed"}
    assert sum(row["coders"] == "anna,ben" for row in queue) == 2
    table = run(capsys, "queue", "ben", "--db", db).out
    assert "unreviewed" in table and table.count(".txt") == 3


@pytest.fixture
def coded_db(tmp_path: Path) -> str:
    path = str(tmp_path / "coded.db")
    with open_store(path) as store:
        store.put_analysis(_analysis("a"), extractor="v1")
        store.decide("a.txt", "quote", "quote:1-17", "accept", coder="ben")
        store.decide("a.txt", "quote", "quote:1-17", "reject", coder="cem")
        for name in ("ben", "cem"):
            store.decide("a.txt", "document", "document", "done", coder=name)
    return path


def test_agreement_as_a_table_json_and_csv(
    capsys: pytest.CaptureFixture[str], coded_db: str
) -> None:
    r = run(capsys, "agreement", "--db", coded_db)
    assert r.code == 0 and "quote span found" in r.out
    assert "1 document coded twice; coders: ben, cem; 1 disagreement (--disagreements" in r.err
    made = json.loads(run(capsys, "agreement", "--db", coded_db, "-f", "json").out)
    assert made["coders"] == ["ben", "cem"] and made["documents"] == ["a.txt"]
    quote = next(s for s in made["scores"] if s["variable"] == "quote span found")
    assert (quote["units"], quote["percent"], quote["percent_machine"]) == (1, 0.0, 0.0)
    (disagreement,) = made["disagreements"]
    assert disagreement["values"] == {"ben": "found", "cem": "not found", "machine": "found"}
    assert disagreement["text"] == "We will build it"
    rows = run(capsys, "agreement", "--db", coded_db, "-f", "csv", "--disagreements").out
    assert rows.splitlines() == [
        "document,variable,unit,text,values,resolved",
        "a.txt,quote,1-17,We will build it,ben=found; cem=not found; machine=found,False",
    ]
    scores = run(capsys, "agreement", "--db", coded_db, "-f", "csv").out.splitlines()
    assert scores[0] == "variable,units,alpha,percent,alpha_machine,percent_machine"
    assert len(scores) == 6


def test_agreement_on_a_store_nobody_coded_twice_says_so(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    r = run(capsys, "agreement", "--db", db)
    assert r.code == 0 and "no document is coded by two coders yet" in r.err
