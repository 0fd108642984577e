"""The store's coders and assignments (``stancegraph.corpus.store_coders``), on SQLite and,
when configured, PostgreSQL; and migration 0006 on a store made by an older stancegraph."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from conftest import store_at_revision
from stancegraph.corpus.coders import CoderError
from stancegraph.corpus.store import Store, open_store
from test_store import _analysis

PASSWORD = "open sesame 1"


def test_a_store_at_revision_0005_gains_coders_and_keeps_its_decisions(tmp_path: Path) -> None:
    url = store_at_revision(
        tmp_path / "v5.db",
        "0005",
        "INSERT INTO decisions (document, kind, item, action, value, coder, created) "
        "VALUES ('a.txt', 'document', 'document', 'done', '{}', 'ann', '2025-01-01')",
    )
    with open_store(url) as store:
        with store.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == (
                "0006"
            )
        (old,) = store.decisions()
        assert old.coder == "ann" and old.final is False
        assert store.coders() == [] and not store.has_coders()


def test_coders_are_added_listed_and_signed_in_by_password(store: Store) -> None:
    assert not store.has_coders()
    added = store.add_coder(" anna ", "admin", PASSWORD)
    store.add_coder("ben", "coder", PASSWORD + "b")
    assert added.name == "anna" and added.role == "admin"
    assert [(c.name, c.role) for c in store.coders()] == [("anna", "admin"), ("ben", "coder")]
    assert store.has_coders()
    assert store.authenticate("anna", PASSWORD) == store.coder("anna")
    assert store.authenticate("anna", PASSWORD + "b") is None
    assert store.authenticate("nobody", PASSWORD) is None
    with store.engine.connect() as conn:
        hashes = list(conn.execute(sa.text("SELECT password FROM coders")).scalars())
    assert all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)


def test_a_taken_name_a_missing_coder_and_a_bad_role_are_one_line(store: Store) -> None:
    store.add_coder("anna", "coder", PASSWORD)
    with pytest.raises(CoderError, match="exists already"):
        store.add_coder("anna", "viewer", PASSWORD)
    with pytest.raises(CoderError, match="no such coder"):
        store.remove_coder("zoe")
    with pytest.raises(CoderError, match="a role is one of"):
        store.add_coder("carl", "owner", PASSWORD)


def test_password_and_role_change_and_removal_keeps_decisions(store: Store) -> None:
    store.put_analysis(_analysis("a"), extractor="v1")
    store.add_coder("ben", "coder", PASSWORD)
    store.set_password("ben", "another secret")
    assert store.authenticate("ben", PASSWORD) is None
    assert store.authenticate("ben", "another secret") is not None
    store.set_role("ben", "viewer")
    assert store.coder("ben").role == "viewer"
    store.decide("a.txt", "quote", "quote:1-17", "accept", coder="ben")
    store.assign_documents({"a.txt": ["ben"]})
    store.remove_coder("ben")
    assert store.coders() == [] and store.assignments() == {}
    assert [d.coder for d in store.decisions()] == ["ben"]


def test_assignment_splits_the_free_documents_and_keeps_earlier_ones(store: Store) -> None:
    for name in ("a", "b", "c", "d"):
        store.put_analysis(_analysis(name), extractor="v1")
    store.add_coder("anna", "coder", PASSWORD)
    store.add_coder("ben", "coder", PASSWORD)
    store.add_coder("vic", "viewer", PASSWORD)
    store.assign_documents({"a.txt": ["anna"]})
    planned = store.assign(["anna", "ben"], overlap=0.34, seed=2)
    assert sorted(planned) == ["b.txt", "c.txt", "d.txt"]
    assert sum(len(chosen) == 2 for chosen in planned.values()) == 1
    assert store.assignments()["a.txt"] == ("anna",)
    assert store.assign(["anna", "ben"]) == {}  # nothing left to assign
    counts = {c.name: c.documents for c in store.coders()}
    assert counts["anna"] + counts["ben"] == 5 and counts["vic"] == 0
    with pytest.raises(CoderError, match="viewer codes nothing"):
        store.assign(["vic"])


def test_a_coder_may_code_their_documents_and_unassigned_ones_and_sees_a_queue(
    store: Store,
) -> None:
    for name in ("a", "b", "c"):
        store.put_analysis(_analysis(name), extractor="v1")
    store.add_coder("anna", "coder", PASSWORD)
    store.add_coder("ben", "coder", PASSWORD)
    store.assign_documents({"a.txt": ["anna"], "b.txt": ["anna", "ben"]})
    assert store.may_code("anna", "a.txt") and not store.may_code("ben", "a.txt")
    assert store.may_code("ben", "b.txt") and store.may_code("ben", "c.txt")
    store.decide("a.txt", "document", "document", "done", coder="anna")
    store.decide("b.txt", "quote", "quote:1-17", "accept", coder="ben")
    queue = store.queue("anna")
    assert [(r.source, r.state, r.coders) for r in queue] == [
        ("b.txt", "unreviewed", ("anna", "ben")),  # ben's decision is not anna's
        ("a.txt", "done", ("anna",)),
    ]
    assert [(r.source, r.state) for r in store.queue("ben")] == [("b.txt", "in progress")]
