"""The store's agreement report and reconciliation (``stancegraph.corpus.store_agreement``),
on SQLite and, when configured, PostgreSQL."""

from __future__ import annotations

import pytest

from stancegraph.corpus.agreement import alpha
from stancegraph.corpus.review import ReviewError
from stancegraph.corpus.store import Store
from test_store import _analysis

QUOTE, EVENT = "quote:1-17", "event:46-81:REJECT:rejected"
PLAN = "statement:46-81:port_plan"


def _done(store: Store, source: str, coder: str) -> None:
    store.decide(source, "document", "document", "done", coder=coder)


@pytest.fixture
def coded(store: Store) -> Store:
    """Document a coded by ben and cem, who disagree; dan never finished; b coded by ben only."""
    for name in ("a", "b"):
        store.put_analysis(_analysis(name), extractor="v1")
    store.decide("a.txt", "quote", QUOTE, "accept", coder="ben")
    store.decide("a.txt", "statement", PLAN, "edit", {"agreement": "support"}, coder="ben")
    store.decide("a.txt", "event", EVENT, "reject", coder="ben")
    store.decide("a.txt", "quote", QUOTE, "reject", coder="cem")
    store.decide("a.txt", "event", EVENT, "accept", coder="cem")
    store.decide("a.txt", "quote", QUOTE, "reject", coder="dan")
    _done(store, "a.txt", "ben")
    _done(store, "a.txt", "cem")
    _done(store, "b.txt", "ben")
    store.decide("b.txt", "quote", QUOTE, "reject", coder="cem")  # cem did not finish b
    return store


def test_only_documents_two_coders_finished_are_in_the_report(coded: Store) -> None:
    made = coded.agreement()
    assert made.documents == ("a.txt",) and made.coders == ("ben", "cem")


def test_the_report_scores_each_variable_and_lists_the_disagreements(coded: Store) -> None:
    made = coded.agreement()
    scores = {s.variable: s for s in made.scores}
    # agreement units: 1-17:port_jobs (support, support), 46-81:port_plan (support, oppose)
    assert scores["agreement"].percent == 0.5
    assert scores["agreement"].alpha == pytest.approx(
        alpha([["support", "support"], ["support", "oppose"]])
    )
    assert scores["agreement"].alpha_machine == pytest.approx(
        alpha([["support", "support"], ["support", "oppose"], ["support", "oppose"]])
    )
    assert scores["quote"].percent == 0.0 and scores["quote"].percent_machine == 0.0
    assert scores["concept"].percent == 1.0 and scores["concept"].alpha == pytest.approx(1.0)
    found = {(d.variable, d.unit): d.values for d in made.disagreements}
    assert found == {
        ("quote", "1-17"): {"ben": "found", "cem": "not found", "machine": "found"},
        ("agreement", "46-81:port_plan"): {"ben": "support", "cem": "oppose", "machine": "oppose"},
        ("event_type", "58-66"): {"ben": "none", "cem": "REJECT", "machine": "REJECT"},
    }


def test_reconciling_records_final_decisions_that_win(coded: Store) -> None:
    made = coded.reconcile("a.txt", "agreement", "46-81:port_plan", "cem", admin="ada")
    assert [(d.item, d.action, d.coder, d.final) for d in made] == [(PLAN, "accept", "ada", True)]
    coded.decide("a.txt", "statement", PLAN, "edit", {"agreement": "neutral"}, coder="ben")
    plan = [s for s in coded.statements() if s["concept"] == "port_plan" and s["document"] == "a"]
    assert [s["agreement"] for s in plan] == ["oppose"]  # the final decision still wins
    coded.reconcile("a.txt", "event_type", "58-66", "ben", admin="ada")
    assert [e["document"] for e in coded.events()] == ["b"]  # a's event rejected, as ben had it
    left = {(d.variable, d.resolved, d.final) for d in coded.disagreements("a.txt")}
    assert left == {("quote", False, None), ("agreement", True, "cem"), ("event_type", True, "ben")}
    assert coded.agreement().documents == ("a.txt",)  # the report still compares the coders


@pytest.mark.parametrize(
    ("variable", "unit", "winner", "problem"),
    [
        ("tone", "1-17", "ben", "no variable 'tone'"),
        ("quote", "2-9", "ben", "no disagreement on quote at 2-9"),
        ("quote", "1-17", "zoe", "no coder 'zoe'"),
    ],
)
def test_a_reconciliation_that_names_nothing_is_refused(
    coded: Store, variable: str, unit: str, winner: str, problem: str
) -> None:
    with pytest.raises(ReviewError, match=problem):
        coded.reconcile("a.txt", variable, unit, winner, admin="ada")
    assert not any(d.final for d in coded.decisions())
