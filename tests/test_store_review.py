"""The store's review decisions: migration, deciding, reading a reviewed document, paging.

Analyses are built by hand (``tests/test_store.py``'s), so most tests need no spaCy pipeline.
Every test runs on SQLite and, when ``STANCEGRAPH_TEST_POSTGRES_URL`` names a throwaway
PostgreSQL database, on PostgreSQL too (the ``store`` fixture of ``conftest.py``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from conftest import store_at_revision
from stancegraph.corpus.review import DocumentFilter, ReviewError
from stancegraph.corpus.store import QueryFilter, Store, open_store
from stancegraph.errors import StancegraphError
from stancegraph.types import Actor
from test_store import TEXT, _analysis


def test_a_store_at_revision_0003_gains_the_decisions_table(tmp_path: Path) -> None:
    url = store_at_revision(
        tmp_path / "v3.db",
        "0003",
        "INSERT INTO documents (source, doc_id, status, extractor, stored, n_actors, n_quotes, "
        "n_statements, n_events) VALUES ('/a.txt', 'a', 'analysed', 'v1', '2025-01-01', 0, 0, 0, 0)",
    )
    with open_store(url) as store:
        with store.engine.connect() as conn:
            version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
            assert version == "0006"
            assert conn.execute(sa.text("SELECT count(*) FROM decisions")).scalar() == 0
        assert store.status().documents == 1


def _stored(store: Store, *names: str) -> None:
    for name in names:
        store.put_analysis(_analysis(name), extractor="v1")


def test_a_decision_is_recorded_with_its_coder_and_time(store: Store) -> None:
    _stored(store, "a")
    made = store.decide("a.txt", "quote", "quote:1-17", "accept", coder=" ann ")
    assert (made.document, made.kind, made.item, made.action) == (
        "a.txt",
        "quote",
        "quote:1-17",
        "accept",
    )
    assert made.coder == "ann" and made.value == {} and made.created.endswith("+00:00")
    assert store.decisions() == [made] == store.decisions("a.txt")
    assert store.decisions("b.txt") == []


def test_decisions_are_appended_and_the_latest_wins(store: Store) -> None:
    _stored(store, "a")
    first = store.decide("a.txt", "quote", "quote:1-17", "reject", coder="ann")
    second = store.decide("a.txt", "quote", "quote:1-17", "accept", coder="bob")  # another tab
    assert [d.id for d in store.decisions("a.txt")] == [first.id, second.id]
    [quote] = [i for i in store.reviewed_document("a.txt").items if i.kind == "quote"]
    assert (quote.status, quote.decision) == ("accepted", second)
    store.decide("a.txt", "quote", "quote:1-17", "clear", coder="ann")  # undo
    [quote] = [i for i in store.reviewed_document("a.txt").items if i.kind == "quote"]
    assert quote.status == "unreviewed" and len(store.decisions()) == 3


def test_an_added_item_gets_the_id_of_its_decision(store: Store) -> None:
    _stored(store, "a")
    value = {"type": "indirect", "start": 46, "end": 81, "speaker": None}
    made = store.decide("a.txt", "quote", "added:quote:new", "add", value, coder="ann")
    assert made.item == f"added:quote:{made.id}" and store.decisions()[0].item == made.item
    store.decide("a.txt", "quote", made.item, "edit", {"type": "mixed"}, coder="ann")
    doc = store.reviewed_document("a.txt")
    [added] = [i for i in doc.items if i.key == made.item]
    assert added.status == "added" and added.current["type"] == "mixed"
    assert added.current["text"] == "The council rejected the port plan."


@pytest.mark.parametrize(
    ("source", "item", "action", "value", "problem"),
    [
        ("nope.txt", "quote:1-17", "accept", None, "nope.txt: no such analysed document"),
        ("a.txt", "quote:2-17", "accept", None, "a.txt: document has no quote 'quote:2-17'"),
        ("a.txt", "added:quote:99", "edit", {"type": "direct"}, "document has no quote"),
        ("a.txt", "quote:1-17", "edit", {"end": 500}, "end 500 is past the end of the text"),
    ],
)
def test_a_decision_on_something_missing_is_one_line(
    store: Store, source: str, item: str, action: str, value: Any, problem: str
) -> None:
    _stored(store, "a")
    with pytest.raises(StancegraphError, match=problem) as caught:
        store.decide(source, "quote", item, action, value, coder="ann")
    assert "\n" not in str(caught.value)
    assert store.decisions() == []


def test_a_decision_needs_a_coder(store: Store) -> None:
    _stored(store, "a")
    with pytest.raises(ReviewError, match="coder name"):
        store.decide("a.txt", "quote", "quote:1-17", "accept", coder=" ")


def test_the_reviewed_document_holds_text_actors_items_state_and_history(store: Store) -> None:
    _stored(store, "a")
    empty = store.reviewed_document("a.txt")
    assert (empty.id, empty.title, empty.text, empty.state) == ("a", "Port", TEXT, "unreviewed")
    assert [a.name for a in empty.actors] == ["Helena Brandt", "council"]
    assert empty.actors[0].mentions == ((25, 44),) and empty.actors[0].aliases == ("Brandt",)
    assert [(i.kind, i.machine_id, i.status) for i in empty.items] == [
        ("quote", "q1", "unreviewed"),
        ("statement", "s1", "unreviewed"),
        ("statement", "s2", "unreviewed"),
        ("event", "e1", "unreviewed"),
    ]
    speaker = {"start": 50, "end": 57, "name": "council"}
    store.decide("a.txt", "quote", "quote:1-17", "edit", {"speaker": speaker}, coder="ann")
    store.decide("a.txt", "document", "document", "done", coder="ann")
    doc = store.reviewed_document("a.txt")
    assert doc.state == "done" and len(doc.history) == 2 and doc.orphans == ()
    assert doc.items[0].current["speaker_name"] == "council"
    store.decide("a.txt", "document", "document", "reopen", coder="ann")
    assert store.reviewed_document("a.txt").state == "in progress"


def test_document_page_filters_and_pages_by_key(store: Store) -> None:
    _stored(store, "a", "b", "c")
    store.put_analysis(_analysis("d", date="2023-01-05"), extractor="v1")
    store.decide("b.txt", "quote", "quote:1-17", "accept", coder="ann")
    store.decide("c.txt", "document", "document", "done", coder="ann")

    def sources(f: DocumentFilter | None = None, **kw: Any) -> list[str]:
        return [row.source for row in store.document_page(f, **kw).rows]

    first = store.document_page(limit=2)
    assert [r.source for r in first.rows] == ["a.txt", "b.txt"] and first.after is not None
    second = store.document_page(after=first.after, limit=2)
    assert [r.source for r in second.rows] == ["c.txt", "d.txt"] and second.after is None
    row = first.rows[1]
    assert (row.doc_id, row.title, row.n_quotes, row.n_statements, row.n_events, row.state) == (
        "b", "Port", 1, 2, 1, "in progress",
    )  # fmt: skip
    assert [r.state for r in second.rows] == ["done", "unreviewed"]
    assert sources(DocumentFilter(state="unreviewed")) == ["a.txt", "d.txt"]
    assert sources(DocumentFilter(state="in progress")) == ["b.txt"]
    assert sources(DocumentFilter(state="done")) == ["c.txt"]
    assert sources(DocumentFilter(start="2024-01-01")) == ["a.txt", "b.txt", "c.txt"]
    assert sources(DocumentFilter(stop="2023-12-31")) == ["d.txt"]
    assert sources(DocumentFilter(actor="brandt"), limit=1) == ["a.txt"]
    assert sources(DocumentFilter(actor="nobody")) == []
    assert sources(DocumentFilter(actor="HELENA"), limit=2) == ["a.txt", "b.txt"]
    store.rename_actor("Helena Brandt", "Lena Brandt-Ode")  # the corpus actor's name counts
    assert sources(DocumentFilter(actor="brandt-ode"), limit=1) == ["a.txt"]
    assert sources(DocumentFilter(concept="port plan")) == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert sources(DocumentFilter(concept="taxes")) == []
    assert sources(DocumentFilter(min_confidence=0.95)) == []
    assert len(sources(DocumentFilter(max_confidence=0.6))) == 4
    assert sources(DocumentFilter(text="COUNCIL rejected")) == sources()
    assert sources(DocumentFilter(text="100%")) == []
    with pytest.raises(ReviewError, match="no review state 'open'"):
        store.document_page(DocumentFilter(state="open"))
    other = _analysis("e")
    haddad = Actor("a1", "Omar Haddad", "person", (), ((25, 44),))
    store.put_analysis(replace(other, actors=(haddad, other.actors[1])), extractor="v1")
    assert sources(DocumentFilter(actor="haddad")) == ["e.txt"]
    assert "e.txt" not in sources(DocumentFilter(actor="brandt"))


def test_precision_over_the_stores_decisions(store: Store) -> None:
    _stored(store, "a", "b")
    speaker = {"start": 50, "end": 57, "name": "council"}
    store.decide("a.txt", "quote", "quote:1-17", "edit", {"speaker": speaker}, coder="ann")
    store.decide("b.txt", "quote", "quote:1-17", "accept", coder="ann")
    store.decide("b.txt", "event", "event:46-81:REJECT:rejected", "reject", coder="ann")
    found = store.precision()
    assert (found.by_kind["quote"].decided, found.by_kind["quote"].correct) == (2, 2)
    assert (found.by_kind["speaker"].decided, found.by_kind["speaker"].correct) == (2, 1)
    assert found.by_kind["event"].precision == 0.0 and found.by_kind["statement"].decided == 0
    assert set(found.by_rule["quote"]) == {"test"}


def _reviewed_story(store: Store) -> None:
    """Documents a and b; in a: the quote's speaker changed to the council, statement s2
    rejected, s1 accepted, a statement added for a named actor, the event made an ACCUSE."""
    _stored(store, "a", "b")
    council = {"start": 50, "end": 57, "name": "council"}
    store.decide("a.txt", "quote", "quote:1-17", "edit", {"speaker": council}, coder="ann")
    store.decide("a.txt", "statement", "statement:46-81:port_plan", "reject", coder="ann")
    store.decide("a.txt", "statement", "statement:1-17:port_jobs", "accept", coder="ann")
    unions = {"start": 0, "end": 3, "name": "Unions"}
    added = {"actor": unions, "concept": "port_plan", "agreement": "yes", "start": 46, "end": 81}
    store.decide("a.txt", "statement", "added:statement:new", "add", added, coder="ann")
    event = "event:46-81:REJECT:rejected"
    store.decide("a.txt", "event", event, "edit", {"type": "ACCUSE"}, coder="ann")


def test_queries_return_the_corrected_items_by_default(store: Store) -> None:
    _reviewed_story(store)
    quotes = store.quotes()
    assert [(q["document"], q["speaker_name"], q["speaker"]) for q in quotes] == [
        ("a", "council", "a2"),
        ("b", "Helena Brandt", "a1"),
    ]
    assert quotes[0]["speaker_text"] == "council" and "source" not in quotes[0]
    statements = store.statements()
    assert [(s["document"], s["actor_name"], s["concept"], s["agreement"]) for s in statements] == [
        ("a", "Helena Brandt", "port_jobs", "support"),
        ("a", "Unions", "port_plan", "support"),
        ("b", "Helena Brandt", "port_jobs", "support"),
        ("b", "council", "port_plan", "oppose"),
    ]
    events = store.events()
    assert [(e["document"], e["event"]["type"], e["record"]["event"]) for e in events] == [
        ("a", "ACCUSE", "ACCUSE"),
        ("b", "REJECT", "REJECT"),
    ]
    assert events[0]["record"]["quadCode"] == 3 and events[0]["source_name"] == "council"


def test_reviewed_keeps_only_accepted_edited_and_added_items(store: Store) -> None:
    _reviewed_story(store)
    assert [q["document"] for q in store.quotes(reviewed=True)] == ["a"]
    reviewed = store.statements(reviewed=True)
    assert [(s["document"], s["actor_name"]) for s in reviewed] == [
        ("a", "Helena Brandt"),
        ("a", "Unions"),
    ]
    assert [e["event"]["type"] for e in store.events(reviewed=True)] == ["ACCUSE"]
    assert list(store.frame("statements", reviewed=True)["actor_name"]) == [
        "Helena Brandt",
        "Unions",
    ]


def test_an_empty_review_leaves_the_queries_as_the_machine_made_them(store: Store) -> None:
    _stored(store, "a")
    assert len(store.quotes()) == 1 and store.quotes(reviewed=True) == []
    assert store.events(reviewed=True) == [] and len(store.statements()) == 2


def test_filters_apply_to_corrected_and_added_items(store: Store) -> None:
    _reviewed_story(store)
    assert [q["document"] for q in store.quotes(QueryFilter(actor="Brandt"))] == ["b"]
    assert [q["document"] for q in store.quotes(QueryFilter(actor="council"))] == ["a"]
    unions = store.statements(QueryFilter(actor="unions"))
    assert [(s["document"], s["id"]) for s in unions] == [("a", unions[0]["id"])]
    assert unions[0]["id"].startswith("added:statement:")
    assert store.statements(QueryFilter(actor="unions", stop="2023-12-31")) == []
    assert len(store.statements(QueryFilter(concept="port_plan"))) == 2


def test_statement_analyses_use_the_corrections_and_name_unresolved_actors(store: Store) -> None:
    _reviewed_story(store)
    [a, _] = store.statement_analyses(reviewed=False)
    assert [s.agreement for s in a.statements] == ["support", "support"]
    named = a.actor(a.statements[1].actor)
    assert named is not None and named.name == "Unions"
    reviewed = store.statement_analyses(reviewed=True)
    assert [analysis.document.id for analysis in reviewed] == ["a"]


STORY = (
    "Port vote {n}\n\n"
    '"We will not accept this plan," said Mayor Helena Brandt on Monday in Port Aldwick. '
    "The council rejected the port expansion {n}, councillor Omar Haddad told reporters. "
    "Haddad said the wetlands had to be protected before any new berth was built.\n"
)


@pytest.mark.model
def test_reanalysis_keeps_every_decision_and_lists_vanished_items_as_orphans(
    tmp_path: Path,
) -> None:
    from stancegraph.corpus.ingest import ingest

    news = tmp_path / "news"
    news.mkdir()
    for n in range(2):
        (news / f"story{n:02d}.txt").write_text(STORY.format(n=n), encoding="utf-8")
    with open_store(str(tmp_path / "c.db")) as store:
        ingest([str(news)], store)
        source = str((news / "story00.txt").resolve())
        doc = store.reviewed_document(source)
        quotes = [i for i in doc.items if i.kind == "quote"]
        statements = [i for i in doc.items if i.kind == "statement"]
        assert len(quotes) >= 2 and statements
        first = doc.text.index("We will not")
        store.decide(source, "quote", quotes[0].key, "accept", coder="ann")
        store.decide(source, "quote", quotes[1].key, "reject", coder="ann")
        store.decide(source, "statement", statements[0].key, "reject", coder="ann")
        added = {"type": "direct", "start": first, "end": first + 8}
        store.decide(source, "quote", "added:quote:new", "add", added, coder="ann")
        store.decide(source, "document", "document", "done", coder="ann")
        before = store.decisions()
        seen = {i.key: i.status for i in store.reviewed_document(source).items}

        ingest([str(news)], store, reanalyse=True)
        assert store.decisions() == before
        again = store.reviewed_document(source)
        assert {i.key: i.status for i in again.items} == seen
        assert again.state == "done" and again.orphans == ()

        changed = STORY.format(n=0).replace('"We will not accept this plan," said', "Said")
        (news / "story00.txt").write_text(changed, encoding="utf-8")
        ingest([str(news)], store)
        assert store.decisions() == before
        gone = store.reviewed_document(source)
        assert quotes[0].key in [d.item for d in gone.orphans]
        assert quotes[0].key not in [i.key for i in gone.items]


@pytest.mark.parametrize("selective", [0, 5000])
def test_dates_and_states_list_the_same_documents_by_index_or_by_walk(
    store: Store, monkeypatch: pytest.MonkeyPatch, selective: int
) -> None:
    import stancegraph.corpus.review_page as review_page

    monkeypatch.setattr(review_page, "SELECTIVE", selective)  # 0: never an index
    _stored(store, "a", "b")
    store.put_analysis(_analysis("c", date="2024-03-02T23:59:00+00:00"), extractor="v1")
    store.put_analysis(_analysis("d", date="2024-03-03"), extractor="v1")
    store.put_analysis(_analysis("e", date=None), extractor="v1")

    def sources(**kw: Any) -> list[str]:
        return [row.source for row in store.document_page(DocumentFilter(**kw)).rows]

    assert sources(start="2024-03-02", stop="2024-03-02") == ["c.txt"]
    assert sources(start="2024-03-01", stop="2024-03-02") == ["a.txt", "b.txt", "c.txt"]
    assert sources(start="2024-03-02") == ["c.txt", "d.txt"]
    assert sources(stop="2024-03-01") == ["a.txt", "b.txt"]
    assert sources(start="2024-03-01", stop="2024-03-01", text="council") == ["a.txt", "b.txt"]
    store.decide("b.txt", "quote", "quote:1-17", "accept", coder="ann")
    store.decide("d.txt", "document", "document", "done", coder="ann")
    store.decide("e.txt", "event", "event:46-81:REJECT:rejected", "reject", coder="ann")
    store.decide("e.txt", "document", "document", "done", coder="ann")
    store.decide("e.txt", "document", "document", "reopen", coder="ann")
    assert sources(state="done") == ["d.txt"]
    assert sources(state="in progress") == ["b.txt", "e.txt"]
    assert sources(state="unreviewed") == ["a.txt", "c.txt"]
    assert sources(state="in progress", stop="2024-03-01") == ["b.txt"]


def test_many_reviewed_documents_are_read_in_chunks(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stancegraph.corpus.review_context as review_context

    _reviewed_story(store)
    store.decide("b.txt", "quote", "quote:1-17", "accept", coder="ann")
    whole = (store.quotes(), store.statements(), store.precision())
    monkeypatch.setattr(review_context, "CHUNK", 1)
    assert (store.quotes(), store.statements(), store.precision()) == whole
    assert [q["document"] for q in store.quotes(reviewed=True)] == ["a", "b"]
