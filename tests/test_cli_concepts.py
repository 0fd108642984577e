"""``stancegraph concepts add|rename|nest|merge`` (``stancegraph.cli.concepts``): the file is
edited, the store follows with ``--db``, and a refused edit is one line with exit code 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stancegraph.cli import main
from stancegraph.corpus.store import open_store
from stancegraph.extract.codebook import load_codebook
from test_web import _port_analysis

EXAMPLE = Path(__file__).parents[1] / "examples" / "codebook.yaml"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "codebook.yaml"
    shutil.copy(EXAMPLE, path)
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["concepts", *argv])
    return code, capsys.readouterr().err


def test_each_edit_from_the_command_line(capsys: pytest.CaptureFixture[str], book: Path) -> None:
    where = ("--codebook", str(book))
    code, err = _run(capsys, "add", "dredging", "--label", "river dredging", *where,
                     "--parent", "port-development", "--keyword", "dredge", "--pattern", "dredg")  # fmt: skip
    assert code == 0 and "added concept 'dredging'" in err
    code, err = _run(capsys, "rename", "dredging", "--id", "dredge", *where)
    assert code == 0 and "renamed concept 'dredging' to 'dredge'" in err
    code, err = _run(capsys, "nest", "dredge", *where)
    assert code == 0 and "put concept 'dredge' at the top" in err
    code, err = _run(capsys, "merge", "wetlands-protection", "dredge", *where)
    assert code == 0
    loaded = load_codebook(book)
    assert loaded.concept("dredge") is None
    kept = loaded.concept("wetlands-protection")
    assert kept is not None and kept.patterns == ("dredg",)
    assert "river dredging" in kept.keywords


def test_with_db_the_store_follows_and_without_it_no_store_is_needed(
    capsys: pytest.CaptureFixture[str], book: Path, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.db"
    with open_store(str(db)) as store:
        store.put_analysis(_port_analysis("port"), extractor="test")
    add = ("add", "port", "--label", "port plan", "--codebook", str(book), "--db", str(db))
    assert _run(capsys, *add)[0] == 0
    code, err = _run(capsys, "rename", "port", "--label", "harbour plan", "--codebook", str(book),
                     "--db", str(db))  # fmt: skip
    assert code == 0 and "follow it" in err
    with open_store(str(db), create=False) as store:
        assert {row["concept_label"] for row in store.statements()} == {"harbour plan"}
    where = ("--codebook", str(book), "--db", str(db))
    assert _run(capsys, "rename", "port", "--id", "harbour", *where)[0] == 0
    before = book.read_bytes()
    code, err = _run(capsys, "add", "port", *where)  # its old statements would show as harbour
    assert code == 2 and "choose another id" in err
    assert book.read_bytes() == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("merge", "port-jobs"), "concepts merge takes 2 concept id(s)"),
        (("rename", "port-jobs"), "needs --label TEXT and/or --id ID"),
        (("nest", "port-jobs", "nothing"), "no such concept 'nothing'"),
        (("add", "port-jobs"), "concept id 'port-jobs' is taken"),
    ],
)
def test_a_refused_edit_is_one_line(
    capsys: pytest.CaptureFixture[str], book: Path, argv: tuple[str, ...], message: str
) -> None:
    before = book.read_bytes()
    code, err = _run(capsys, *argv, "--codebook", str(book))
    assert code == 2 and message in err and err.count("\n") == 1
    assert book.read_bytes() == before


def test_an_edit_needs_a_codebook_and_a_missing_store_stops_it_before_the_file_changes(
    capsys: pytest.CaptureFixture[str], book: Path, tmp_path: Path
) -> None:
    code, err = _run(capsys, "add", "x")
    assert code == 2 and "needs --codebook FILE" in err
    before = book.read_bytes()
    code, err = _run(capsys, "add", "x", "--codebook", str(book), "--db", str(tmp_path / "no.db"))
    assert code == 2 and "no such store" in err
    assert book.read_bytes() == before
