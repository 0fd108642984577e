"""Codebook edits (``stancegraph.corpus.codebook_edit``): each operation on a copy of
``examples/codebook.yaml``, the comments it keeps, and the errors that leave the file alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stancegraph.corpus.codebook_edit import (
    add_concept,
    merge_concepts,
    nest_concept,
    read_codebook,
    rename_concept,
)
from stancegraph.errors import InputError
from stancegraph.extract.codebook import load_codebook

EXAMPLE = Path(__file__).parents[1] / "examples" / "codebook.yaml"
COMMENT = "# Codebook for examples/article.txt (the Port Aldwick port expansion vote)."


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "codebook.yaml"
    shutil.copy(EXAMPLE, path)
    return path


def test_an_edit_keeps_comments_order_and_every_untouched_line(book: Path) -> None:
    before = book.read_text(encoding="utf-8").splitlines()
    nest_concept(book, "wetlands-protection", "port-development")
    after = book.read_text(encoding="utf-8").splitlines()
    assert after[0] == COMMENT and after[:4] == before[:4]
    at = before.index("    keywords: [wetlands, estuary]") + 1
    assert after == [*before[:at], "    parent: port-development", *before[at:]]
    nest_concept(book, "wetlands-protection", None)
    assert book.read_text(encoding="utf-8").splitlines() == before


def test_add_appends_a_concept_that_loads(book: Path) -> None:
    edit = add_concept(
        book, "dredging", "river dredging", parent="port-development", keywords=["dredge"]
    )
    assert edit.describe() == "added concept 'dredging' (river dredging) under 'port-development'"
    concept = load_codebook(book).concept("dredging")
    assert concept is not None
    assert (concept.label, concept.keywords, concept.parent) == (
        "river dredging",
        ("dredge",),
        "port-development",
    )
    assert "    keywords: [dredge]" in book.read_text(encoding="utf-8")
    assert COMMENT in book.read_text(encoding="utf-8")


def test_rename_changes_label_and_id_children_follow_old_label_stays_a_keyword(book: Path) -> None:
    edit = rename_concept(book, "port-development", label="harbour future", new_id="harbour")
    assert (edit.concept, edit.id, edit.label) == ("port-development", "harbour", "harbour future")
    loaded = load_codebook(book)
    assert loaded.concept("port-development") is None
    renamed = loaded.concept("harbour")
    assert renamed is not None and renamed.keywords == ("port development",)
    assert loaded.concept("port-jobs").parent == "harbour"  # type: ignore[union-attr]
    assert loaded.concept("port-expansion").parent == "harbour"  # type: ignore[union-attr]


def test_merge_joins_variants_and_patterns_and_moves_children(book: Path) -> None:
    add_concept(book, "berths", "new berths", parent="council-decision", patterns=[r"\bberth"])
    edit = merge_concepts(book, "port-expansion", "council-decision")
    assert edit.describe() == (
        "merged concept 'council-decision' into 'port-expansion' (port expansion)"
    )
    loaded = load_codebook(book)
    assert loaded.concept("council-decision") is None
    kept = loaded.concept("port-expansion")
    assert kept is not None
    assert kept.keywords == (
        "container terminal",
        "new berth",
        "the project",
        "council decision against the expansion",
        "the result",
    )
    assert kept.patterns == (r"\bexpan(d|sion)\w*", r"\b(the|this|council.s) decision\b")
    assert loaded.concept("berths").parent == "port-expansion"  # type: ignore[union-attr]
    text = book.read_text(encoding="utf-8")
    assert COMMENT in text and "council-decision" not in text


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda p: rename_concept(p, "nothing", label="x"), "no such concept 'nothing'"),
        (lambda p: merge_concepts(p, "port-jobs", "nothing"), "no such concept 'nothing'"),
        (lambda p: nest_concept(p, "nothing", None), "no such concept 'nothing'"),
        (lambda p: nest_concept(p, "port-jobs", "nothing"), "no such concept 'nothing'"),
        (lambda p: add_concept(p, "port-jobs", "jobs again"), "concept id 'port-jobs' is taken"),
        (lambda p: add_concept(p, "jobs", "Port Jobs"), "label 'Port Jobs' is concept 'port-jobs'"),
        (
            lambda p: rename_concept(p, "port-jobs", new_id="port-expansion"),
            "concept id 'port-expansion' is taken",
        ),
        (
            lambda p: nest_concept(p, "port-development", "port-jobs"),
            "makes a cycle: 'port-jobs' is already under 'port-development'",
        ),
        (lambda p: nest_concept(p, "port-jobs", "port-jobs"), "cannot go under itself"),
        (lambda p: merge_concepts(p, "port-jobs", "port-jobs"), "into itself"),
        (
            lambda p: merge_concepts(p, "port-jobs", "port-development"),
            "cannot merge 'port-development' into 'port-jobs', which it contains",
        ),
        (lambda p: rename_concept(p, "port-jobs", label="port jobs"), "already has that id"),
    ],
)
def test_a_refused_edit_is_one_line_naming_the_file_and_leaves_it_alone(
    book: Path, edit: object, message: str
) -> None:
    before = book.read_bytes()
    with pytest.raises(InputError) as caught:
        edit(book)  # type: ignore[operator]
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(book)) and "\n" not in str(caught.value)
    assert book.read_bytes() == before


def test_a_file_that_is_no_codebook_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "none.yaml"
    with pytest.raises(InputError, match="codebook not found"):
        read_codebook(missing)
    broken = tmp_path / "broken.yaml"
    broken.write_text("concepts: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad YAML"):
        add_concept(broken, "a", "a")
    a_list = tmp_path / "list.yaml"
    a_list.write_text("- a\n", encoding="utf-8")
    with pytest.raises(InputError, match="top level must be a mapping"):
        add_concept(a_list, "a", "a")
