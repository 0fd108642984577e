"""Deleted corpus actors: left out of listings, queries, networks and review, also after the
documents are analysed again; ``stancegraph actors delete``.

Analyses are built by hand (no spaCy pipeline). Every store test runs on SQLite and, when
``STANCEGRAPH_TEST_POSTGRES_URL`` names a throwaway PostgreSQL database, on PostgreSQL too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from stancegraph.cli import main
from stancegraph.corpus.deleted import record_without, without
from stancegraph.corpus.schema import corpus_actors, corrections
from stancegraph.corpus.store import QueryFilter, Store, open_store
from stancegraph.errors import InputError
from stancegraph.types import Actor, Analysis, Document, Event, Participant, Quote, Statement

TEXT = "x" * 200


def _doc(doc_id: str, speaker: str, other: str = "Helena Brandt") -> Analysis:
    """A document where ``speaker`` (a1) says q1 and states s1, and acts on ``other`` (a2)."""
    a1 = Actor("a1", speaker, "organization", (), ((15, 20),))
    a2 = Actor("a2", other, "person", (), ((40, 45),))
    document = Document(id=doc_id, text=TEXT, date="2024-03-01", source=f"{doc_id}.txt")
    quote = Quote(
        "q1", "direct", "We will", 1, 8, ((1, 8),), "said", 10, 14, "a1", speaker, 15, 20, 0.9,
        "test",
    )  # fmt: skip
    said = Statement("s1", "a1", "jobs", "jobs", "support", 1, 8, "q1", 0.8, "test")
    held = Statement("s2", "a2", "jobs", "jobs", "oppose", 40, 45, None, 0.8, "test")
    event = Event(
        id="e1", type="REJECT", base_type="REJECT", mode=(), plover_mode=None,
        source=Participant("a1", speaker, 15, 20, None, None),
        target=Participant("a2", other, 40, 45, None, None),
        trigger="rejected", trigger_start=46, trigger_end=54, sentence_start=15,
        sentence_end=60, date=None, date_text=None, location=None, location_start=None,
        location_end=None, quad_class=3, score=-4.0, confidence=0.8, extractor="test",
    )  # fmt: skip
    return Analysis(document, (a1, a2), (quote,), (said, held), (event,))


def _names(store: Store) -> set[str]:
    return {row["name"] for row in store.corpus_actors()}


def test_a_deleted_actor_leaves_listings_and_queries(store: Store) -> None:
    store.put_analysis(_doc("a", "Reuters"), extractor="v1")
    store.put_analysis(_doc("b", "Reuters"), extractor="v1")
    assert store.status().actors == 4
    assert store.delete_actor("reuters") == "Reuters"
    assert _names(store) == {"Helena Brandt"}
    assert store.status().actors == 2  # the two Helena Brandts; status counts no deleted actor
    with pytest.raises(InputError, match="no corpus actor"):
        store.corpus_actor("Reuters")
    quote = store.quotes()[0]
    assert quote["text"] == "We will" and quote["speaker"] is None
    assert quote["speaker_name"] is None
    by_actor = {row["id"]: row for row in store.statements() if row["document"] == "a"}
    assert by_actor["s1"]["actor"] is None and by_actor["s1"]["actor_name"] is None
    assert by_actor["s2"]["actor"] == "a2" and by_actor["s2"]["actor_name"] == "Helena Brandt"
    event = store.events()[0]
    assert event["source_name"] is None and event["target_name"] == "Helena Brandt"
    assert event["event"]["source"] == {**event["event"]["source"], "actor": None}
    assert event["event"]["source"]["text"] == "Reuters"
    assert event["record"]["actor"][0]["entityName"] is None
    assert event["record"]["actor"][0]["entityText"] == "Reuters"
    assert event["record"]["recipient"][0]["entityName"] == "Helena Brandt"
    for query in (store.quotes, store.statements, store.events):
        assert query(QueryFilter(actor="Reuters")) == []
    assert len(store.events(QueryFilter(actor="Brandt"))) == 2


def test_a_deletion_is_recorded_and_cannot_be_repeated(store: Store) -> None:
    store.put_analysis(_doc("a", "Reuters"), extractor="v1")
    store.delete_actor("Reuters")
    with store.engine.connect() as conn:
        kinds = conn.execute(sa.select(corrections.c.kind, corrections.c.payload)).all()
    assert [(k, json.loads(p)) for k, p in kinds] == [("actor_delete", {"actor": "Reuters"})]
    with pytest.raises(InputError, match="no corpus actor 'Reuters'"):
        store.delete_actor("Reuters")
    with pytest.raises(InputError, match="no corpus actor"):
        store.merge_actors("Helena Brandt", "Reuters")


def test_networks_and_review_leave_a_deleted_actor_out(store: Store) -> None:
    store.put_analysis(_doc("a", "Reuters"), extractor="v1")
    store.delete_actor("Reuters")
    (analysis,) = store.statement_analyses()
    assert [a.name for a in analysis.actors] == ["Helena Brandt"]
    assert {s.id: s.actor for s in analysis.statements} == {"s1": None, "s2": "a2"}
    reviewed = store.reviewed_document("a.txt")
    assert [a.name for a in reviewed.actors] == ["Helena Brandt"]
    current = {item.machine_id: item.current for item in reviewed.items}
    assert current["q1"]["speaker"] is None and current["q1"]["speaker_name"] is None
    assert current["s1"]["actor"] is None and current["s2"]["actor_name"] == "Helena Brandt"
    assert current["e1"]["source"]["actor"] is None and current["e1"]["source_name"] is None
    assert current["e1"]["target_name"] == "Helena Brandt"


def test_a_coder_naming_a_deleted_actor_names_no_actor(store: Store) -> None:
    store.put_analysis(_doc("a", "Reuters"), extractor="v1")
    reuters = {"start": 15, "end": 20, "name": "Reuters"}
    store.decide("a.txt", "statement", "statement:40-45:jobs", "edit", {"actor": reuters},
                 coder="anna")  # fmt: skip
    assert {row["id"]: row["actor_name"] for row in store.statements()}["s2"] == "Reuters"
    store.delete_actor("Reuters")
    edited = {row["id"]: row for row in store.statements()}["s2"]
    assert edited["actor"] is None and edited["actor_name"] is None
    current = {i.machine_id: i.current for i in store.reviewed_document("a.txt").items}
    assert current["s2"]["actor"] is None and current["s2"]["actor_name"] is None
    assert store.statements(QueryFilter(actor="Reuters")) == []


def test_a_deletion_survives_analysing_again_and_pruning(store: Store) -> None:
    store.put_analysis(_doc("a", "Reuters"), extractor="v1")
    store.put_analysis(_doc("b", "AFP"), extractor="v1")
    store.delete_actor("Reuters")
    store.put_analysis(_doc("a", "AFP"), extractor="v2")  # Reuters no longer linked
    assert store.prune_corpus_actors() == 0
    store.put_analysis(_doc("a", "REUTERS"), extractor="v3")  # a variant of the deleted name
    store.put_analysis(_doc("c", "Reuters"), extractor="v3")  # and a new document
    assert _names(store) == {"AFP", "Helena Brandt"}
    assert store.quotes(QueryFilter(actor="Reuters")) == []
    speakers = {row["document"]: row["speaker_name"] for row in store.quotes()}
    assert speakers == {"a": None, "b": "AFP", "c": None}
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(corpus_actors.c.name, corpus_actors.c.deleted)).all()
    assert sorted((n, bool(d)) for n, d in rows) == [
        ("AFP", False),
        ("Helena Brandt", False),
        ("Reuters", True),
    ]


@pytest.mark.model
def test_ingest_reanalyse_keeps_a_deletion(tmp_path: Path) -> None:
    article = Path(__file__).resolve().parents[1] / "examples" / "article.txt"
    db = str(tmp_path / "corpus.db")
    assert main(["ingest", str(article), "--db", db]) == 0
    with open_store(db) as store:
        assert "Pieter Dekker" in _names(store)
        said = [row for row in store.quotes() if row["speaker_name"] == "Pieter Dekker"]
        assert said
        store.delete_actor("Dekker")
    assert main(["ingest", str(article), "--db", db, "--reanalyse"]) == 0
    with open_store(db) as store:
        assert "Pieter Dekker" not in _names(store) and "Helena Brandt" in _names(store)
        again = {row["text"]: row for row in store.quotes()}
        for row in said:
            assert again[row["text"]]["speaker"] is None
            assert again[row["text"]]["speaker_name"] is None
        assert store.quotes(QueryFilter(actor="Pieter Dekker")) == []


def test_chained_corrections_rename_then_delete(store: Store) -> None:
    store.put_analysis(_doc("a", "Kiev"), extractor="v1")
    store.put_analysis(_doc("b", "Ukraine"), extractor="v1")
    store.rename_actor("Kiev", "Kyiv")
    store.merge_actors("Ukraine", "Kyiv")
    store.delete_actor("Ukraine")
    store.put_analysis(_doc("a", "Kiev"), extractor="v2")
    store.put_analysis(_doc("b", "Ukraine"), extractor="v2")
    store.put_analysis(_doc("c", "Kyiv"), extractor="v2")
    assert _names(store) == {"Helena Brandt"}
    assert {row["speaker"] for row in store.quotes()} == {None}


def test_without_takes_only_the_deleted_actors() -> None:
    quote = {"id": "q1", "speaker": "a1", "speaker_text": "Reuters", "text": "We will"}
    assert without("quote", quote, {"a1"}) == {**quote, "speaker": None}
    assert without("quote", quote, {"a2"}) == quote
    statement = {"id": "s1", "actor": "a1", "actor_name": "Reuters"}
    assert without("statement", statement, {"a1"}) == {
        "id": "s1",
        "actor": None,
        "actor_name": None,
    }
    event = {"source": {"actor": "a1", "text": "Reuters"}, "target": None, "source_name": "R"}
    assert without("event", event, {"a1"}) == {
        "source": {"actor": None, "text": "Reuters"},
        "target": None,
        "source_name": None,
    }
    record = {"actor": [{"identifierId": "a1", "entityName": "R", "entityText": "R"}]}
    entity = record_without(record, {"a1"})["actor"][0]
    assert entity == {"identifierId": None, "entityName": None, "entityText": "R", "office": None}


def test_actors_delete_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "corpus.db")
    with open_store(db) as store:
        store.put_analysis(_doc("a", "Reuters"), extractor="v1")
        store.put_analysis(_doc("b", "AFP"), extractor="v1")
    assert main(["actors", "delete", "reuters", "--db", db]) == 0
    assert "deleted 'Reuters'" in capsys.readouterr().err
    assert main(["actors", "list", "--db", db, "--format", "json"]) == 0
    assert [row["name"] for row in json.loads(capsys.readouterr().out)] == ["Helena Brandt", "AFP"]
    assert main(["quotes", "--db", db, "--format", "jsonl"]) == 0
    quotes = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(q["text"], q["speaker_name"]) for q in quotes] == [
        ("We will", None),
        ("We will", "AFP"),
    ]
    graph = tmp_path / "network.json"
    assert main(["network", "--db", db, "--isolates", "-o", str(graph)]) == 0
    assert "Reuters" not in graph.read_text(encoding="utf-8")
    assert "AFP" in graph.read_text(encoding="utf-8")
    assert main(["actors", "delete", "Reuters", "--db", db]) == 2
    assert "no corpus actor 'Reuters'" in capsys.readouterr().err
    assert main(["actors", "delete", "--db", db]) == 2
    assert "takes 1 NAME" in capsys.readouterr().err
