"""Tests of codebooks: reading and validating YAML, writing it back, actor entries, discovery.

Nothing here needs spaCy: analyses for ``apply_actors`` and ``suggest_concepts`` are built by
hand. Every name and phrase is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stancegraph.errors import InputError
from stancegraph.extract.codebook import (
    ActorEntry,
    Codebook,
    Concept,
    apply_actors,
    codebook_from_dict,
    dump_codebook,
    load_codebook,
    slug,
    suggest_concepts,
)
from stancegraph.types import Actor, Analysis, Document, Quote, Statement

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "codebook.yaml"

GOOD = """
title: Bridge toll
concepts:
  - id: toll
    label: bridge toll
    description: Charging drivers to cross the new bridge.
    keywords: [toll, road pricing]
    patterns: ['\\btoll(s|ing)?\\b']
  - id: transport
    label: public transport
  - id: buses
    label: night buses
    parent: transport
actors:
  - name: Mira Olsen
    aliases: [Olsen, the mayor]
    type: person
    affiliation: Town hall
"""


def _write(tmp_path: Path, text: str, name: str = "codebook.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_good_codebook(tmp_path: Path) -> None:
    book = load_codebook(_write(tmp_path, GOOD))
    assert book.title == "Bridge toll"
    assert [c.id for c in book.concepts] == ["toll", "transport", "buses"]
    toll = book.concept("toll")
    assert toll is not None
    assert toll.label == "bridge toll"
    assert toll.keywords == ("toll", "road pricing")
    assert toll.terms() == ("bridge toll", "toll", "road pricing")
    assert toll.patterns == ("\\btoll(s|ing)?\\b",)
    assert book.ancestors("buses") == ("transport",)
    assert book.ancestors("toll") == ()
    assert book.concept("nope") is None
    entry = book.actor_entry("the Mayor")
    assert entry is not None and entry.name == "Mira Olsen" and entry.type == "person"
    assert book.actor_entry("Olsen ") is entry
    assert book.actor_entry("someone else") is None


def test_example_codebook_loads() -> None:
    book = load_codebook(EXAMPLE)
    ids = {c.id for c in book.concepts}
    assert {"port-expansion", "wetlands-protection", "port-jobs", "independent-study"} <= ids
    assert book.ancestors("port-expansion") == ("port-development",)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param("concepts: [", "bad YAML at line", id="bad-yaml"),
        pytest.param("", "codebook is empty", id="empty"),
        pytest.param("- a\n- b\n", "top level must be a mapping", id="list"),
        pytest.param("actors: []\n", "no 'concepts' list", id="no-concepts"),
        pytest.param("concepts: {a: b}\n", "'concepts' must be a list", id="concepts-mapping"),
        pytest.param("concepts:\n  - label: x\n", "concepts[0].id is missing", id="no-id"),
        pytest.param("concepts:\n  - id: x\n", "concept 'x': label is missing", id="no-label"),
        pytest.param(
            "concepts:\n  - {id: x, label: ' '}\n", "concept 'x': label is empty", id="empty-label"
        ),
        pytest.param(
            "concepts:\n  - {id: x, label: a}\n  - {id: x, label: b}\n",
            "duplicate concept id 'x'",
            id="duplicate",
        ),
        pytest.param(
            "concepts:\n  - {id: x, label: a, parent: y}\n",
            "parent 'y' is not a concept id",
            id="unknown-parent",
        ),
        pytest.param(
            "concepts:\n  - {id: x, label: a, parent: y}\n  - {id: y, label: b, parent: x}\n",
            "parents form a cycle",
            id="cycle",
        ),
        pytest.param(
            "concepts:\n  - {id: x, label: a, patterns: ['(']}\n",
            "is not a regular expression",
            id="bad-pattern",
        ),
        pytest.param(
            "concepts:\n  - {id: x, label: a, keyword: [b]}\n",
            "unknown field 'keyword'",
            id="typo-field",
        ),
        pytest.param(
            "concepts:\n  - {id: x, label: a, keywords: {b: c}}\n",
            "keywords must be a list of text",
            id="keywords-mapping",
        ),
        pytest.param(
            "concepts: []\nactors:\n  - {aliases: [b]}\n",
            "actors[0].name is missing",
            id="actor-no-name",
        ),
        pytest.param(
            "concepts: []\nactors:\n  - {name: b, type: robot}\n",
            "type 'robot' is not one of",
            id="actor-type",
        ),
        pytest.param(
            "concepts: []\nactors:\n  - {name: A, aliases: [X]}\n  - {name: B, aliases: [x]}\n",
            "belongs to both 'A' and 'B'",
            id="shared-alias",
        ),
    ],
)
def test_bad_codebooks_raise_one_line_input_errors(tmp_path: Path, text: str, problem: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_codebook(path)
    message = str(caught.value)
    assert problem in message
    assert message.startswith(str(path) + ": ")
    assert "\n" not in message
    assert caught.value.source == str(path)


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="codebook not found"):
        load_codebook(tmp_path / "absent.yaml")
    with pytest.raises(InputError, match="folder"):
        load_codebook(tmp_path)
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\xff\xfe\x00concepts")
    with pytest.raises(InputError, match="not UTF-8"):
        load_codebook(binary)


def test_codebook_from_dict_raises_value_error() -> None:
    with pytest.raises(ValueError, match="duplicate concept id"):
        codebook_from_dict({"concepts": [{"id": "a", "label": "a"}, {"id": "a", "label": "b"}]})
    book = codebook_from_dict({"concepts": [{"id": 7, "label": "seven"}]})
    assert book.concepts[0].id == "7"


def test_dump_then_load_round_trip(tmp_path: Path) -> None:
    book = load_codebook(_write(tmp_path, GOOD))
    out = tmp_path / "out.yaml"
    dump_codebook(book, out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# stancegraph codebook")
    assert "description:" in text and "parent: transport" in text
    again = load_codebook(out)
    assert again == book
    # Optional fields that are empty are left out.
    assert "patterns" not in text.split("id: transport", 1)[1].split("id: buses", 1)[0]


def test_dump_to_a_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot write codebook"):
        dump_codebook(Codebook(concepts=()), tmp_path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Port expansion", "port-expansion"),
        ("  Night buses & trams! ", "night-buses-trams"),
        ("Öffentlicher Verkehr", "öffentlicher-verkehr"),
        ("---", "concept"),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


# -- actor entries -------------------------------------------------------------------------------


def _actor(actor_id: str, name: str, *aliases: str, at: int = 0) -> Actor:
    return Actor(
        id=actor_id,
        name=name,
        type="person",
        aliases=aliases,
        mentions=((at, at + len(name)),),
    )


def _quote(quote_id: str, speaker: str | None) -> Quote:
    return Quote(
        id=quote_id,
        type="direct",
        text="x",
        start=0,
        end=1,
        spans=((0, 1),),
        cue="said",
        cue_start=None,
        cue_end=None,
        speaker=speaker,
        speaker_text=None,
        speaker_start=None,
        speaker_end=None,
        confidence=0.9,
        extractor="test",
    )


def _statement(statement_id: str, actor: str | None, label: str, doc_start: int = 0) -> Statement:
    return Statement(
        id=statement_id,
        actor=actor,
        concept=slug(label),
        concept_label=label,
        agreement="support",
        start=doc_start,
        end=doc_start + 1,
        quote=None,
        confidence=0.5,
        extractor="test",
    )


def test_apply_actors_renames_retypes_and_merges() -> None:
    book = Codebook(
        concepts=(),
        actors=(
            ActorEntry(
                name="Mira Olsen", aliases=("Olsen", "M. Olsen"), type="person", affiliation="Town"
            ),
            ActorEntry(name="Harbour Board", aliases=("the board",), type="organization"),
        ),
    )
    actors = (
        _actor("a1", "Olsen", at=0),
        _actor("a2", "Kai Berg", at=20),
        _actor("a3", "M. Olsen", at=40),
        _actor("a4", "board", "the board", at=60),
    )
    analysis = Analysis(
        document=Document(id="d", text="x" * 80),
        actors=actors,
        quotes=(_quote("q1", "a3"), _quote("q2", "a2")),
        statements=(_statement("s1", "a3", "toll"),),
    )
    out = apply_actors(analysis, book)
    assert [a.id for a in out.actors] == ["a1", "a2", "a4"]
    olsen = out.actors[0]
    assert olsen.name == "Mira Olsen" and olsen.affiliation == "Town"
    assert "Olsen" in olsen.aliases and "M. Olsen" in olsen.aliases
    assert olsen.mentions == ((0, 5), (40, 48))
    board = out.actors[2]
    assert board.name == "Harbour Board" and board.type == "organization"
    assert [q.speaker for q in out.quotes] == ["a1", "a2"]
    assert out.statements[0].actor == "a1"
    assert apply_actors(analysis, None) is analysis
    assert apply_actors(analysis, Codebook(concepts=())) is analysis


# -- concept discovery ---------------------------------------------------------------------------


def _analysis(doc_id: str, labels: list[str]) -> Analysis:
    return Analysis(
        document=Document(id=doc_id, text="x" * 10),
        actors=(),
        quotes=(),
        statements=tuple(_statement(f"s{k}", None, label) for k, label in enumerate(labels)),
    )


def test_suggest_concepts_groups_related_phrases() -> None:
    analyses = [
        _analysis("d1", ["bridge toll", "toll", "night bus", "weather"]),
        _analysis("d2", ["new bridge toll", "night bus service", "it"]),
        _analysis("d3", ["bridge toll", "school meal"]),
    ]
    book = suggest_concepts(analyses)
    assert [c.label for c in book.concepts] == ["bridge toll", "night bus"]
    toll, bus = book.concepts
    assert toll.id == "bridge-toll"
    assert set(toll.keywords) == {"toll", "new bridge toll"}
    assert bus.keywords == ("night bus service",)
    assert "4 statements in 3 document(s)" in toll.description
    # Deterministic, and the documents' order does not matter.
    assert suggest_concepts(list(reversed(analyses))) == book


def test_suggest_concepts_limits_and_empty_input() -> None:
    analyses = [_analysis("d1", ["toll", "toll", "bus", "bus", "ferry", "ferry"])]
    assert len(suggest_concepts(analyses, max_concepts=2).concepts) == 2
    assert len(suggest_concepts(analyses, min_statements=3).concepts) == 0
    assert suggest_concepts([]).concepts == ()


def test_suggested_codebook_is_editable_yaml(tmp_path: Path) -> None:
    book = suggest_concepts([_analysis("d1", ["bridge toll", "bridge toll", "the toll"])])
    path = tmp_path / "suggested.yaml"
    dump_codebook(book, path)
    assert load_codebook(path) == book
    assert Concept(id="bridge-toll", label="bridge toll").id in {c.id for c in book.concepts}
