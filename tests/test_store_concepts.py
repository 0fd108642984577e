"""Statements follow codebook edits in the store (``stancegraph.corpus.store_concepts``): renames
and merges recorded, composed, applied to queries and networks, and kept when a document is
stored again. The store is built by hand (``tests/test_web.py``'s port story)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from stancegraph.corpus.codebook_edit import ConceptEdit
from stancegraph.corpus.store import QueryFilter, Store, StoreError
from test_web import _port_analysis


def _concepts(store: Store) -> list[tuple[str, str]]:
    return [(row["concept"], row["concept_label"]) for row in store.statements()]


def test_a_rename_shows_in_statements_networks_and_counts(store: Store) -> None:
    store.put_analysis(_port_analysis("port"), extractor="test")
    assert store.concept_counts() == {"port": 2}
    recorded = store.record_concept_edit(ConceptEdit("rename", "port", "harbour", "harbour plan"))
    assert recorded
    assert _concepts(store) == [("harbour", "harbour plan")] * 2
    assert store.concept_counts() == {"harbour": 2}
    (analysis,) = store.statement_analyses()
    assert {s.concept_label for s in analysis.statements} == {"harbour plan"}


def test_edits_compose_and_survive_a_document_stored_again(store: Store) -> None:
    store.put_analysis(_port_analysis("port"), extractor="test")
    store.record_concept_edit(ConceptEdit("rename", "port", "harbour", "harbour plan"))
    store.record_concept_edit(ConceptEdit("merge", "harbour", "docks", "the docks"))
    assert _concepts(store) == [("docks", "the docks")] * 2
    store.put_analysis(_port_analysis("port"), extractor="test")  # analysed again
    store.put_analysis(_port_analysis("other"), extractor="test")
    assert _concepts(store) == [("docks", "the docks")] * 4
    assert store.concept_counts() == {"docks": 4}


def test_a_merge_leaves_other_concepts_alone_and_adding_records_nothing(store: Store) -> None:
    analysis = _port_analysis("port")
    second = replace(analysis.statements[1], concept="jobs", concept_label="port jobs")
    store.put_analysis(
        replace(analysis, statements=(analysis.statements[0], second)), extractor="t"
    )
    assert not store.record_concept_edit(ConceptEdit("add", "new", "new", "new one"))
    assert not store.record_concept_edit(ConceptEdit("nest", "jobs", "jobs", "port jobs", "port"))
    assert _concepts(store) == [("port", "port expansion"), ("jobs", "port jobs")]
    store.record_concept_edit(ConceptEdit("merge", "jobs", "port", "port expansion"))
    assert _concepts(store) == [("port", "port expansion")] * 2
    assert store.concept_counts() == {"port": 2}


def test_a_concept_filter_names_the_concept_as_it_is_now(store: Store) -> None:
    store.put_analysis(_port_analysis("port"), extractor="test")
    store.record_concept_edit(ConceptEdit("rename", "port", "harbour", "harbour plan"))
    assert len(store.statements(QueryFilter(concept="harbour"))) == 2
    assert len(store.statements(QueryFilter(concept="Harbour Plan"))) == 2
    assert store.statements(QueryFilter(concept="port")) == []
    assert store.statements(QueryFilter(concept="port expansion")) == []
    assert len(store.quotes(QueryFilter(concept="harbour"))) == 2
    (analysis,) = store.statement_analyses(QueryFilter(concept="harbour plan"))
    assert len(analysis.statements) == 2


def test_the_reviewed_document_shows_the_new_name_and_decisions_still_find_it(
    store: Store,
) -> None:
    store.put_analysis(_port_analysis("port"), extractor="test")
    (first, _second) = [
        i for i in store.reviewed_document("/news/port").items if i.kind == "statement"
    ]
    store.decide("/news/port", "statement", first.key, "accept", coder="anna")
    store.record_concept_edit(ConceptEdit("rename", "port", "harbour", "harbour plan"))
    items = [i for i in store.reviewed_document("/news/port").items if i.kind == "statement"]
    assert [i.current["concept_label"] for i in items] == ["harbour plan"] * 2
    assert [i.status for i in items] == ["accepted", "unreviewed"]
    assert items[0].machine is not None and items[0].machine["concept"] == "port"


def test_a_new_concept_may_not_take_an_id_an_edit_moved_away(store: Store) -> None:
    store.check_new_concept("port")  # nothing moved yet
    store.record_concept_edit(ConceptEdit("merge", "port", "docks", "the docks"))
    with pytest.raises(StoreError, match="'port' was renamed or merged into 'docks'"):
        store.check_new_concept("port")
    store.check_new_concept("docks")
