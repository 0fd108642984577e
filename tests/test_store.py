"""The corpus store: schema, one transaction per document, replacement and queries.

Analyses are built by hand, so no spaCy pipeline is needed. Every test runs on SQLite and, when
``STANCEGRAPH_TEST_POSTGRES_URL`` names a throwaway PostgreSQL database (its public schema is
dropped), on PostgreSQL too.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from stancegraph.corpus.store import QueryFilter, Store, StoreError, database_url, open_store
from stancegraph.types import Actor, Analysis, Document, Event, Participant, Quote, Statement

POSTGRES = os.environ.get("STANCEGRAPH_TEST_POSTGRES_URL")
NO_POSTGRES = (
    "PostgreSQL store tests: set STANCEGRAPH_TEST_POSTGRES_URL to a throwaway database, e.g. "
    "postgresql+psycopg://postgres@localhost/stancegraph_test (pip install -e '.[postgres]')"
)

TEXT = '"We will build it," said Mayor Helena Brandt. The council rejected the port plan.'


def _analysis(doc_id: str = "a", *, date: str | None = "2024-03-01", quotes: int = 1) -> Analysis:
    document = Document(id=doc_id, text=TEXT, title="Port", date=date, source=f"{doc_id}.txt")
    brandt = Actor("a1", "Helena Brandt", "person", ("Brandt",), ((25, 44),), role="Mayor")
    council = Actor("a2", "council", "organization", (), ((50, 57),))
    quote = Quote(
        "q1", "direct", "We will build it", 1, 17, ((1, 17),), "said", 19, 23, "a1",
        "Mayor Helena Brandt", 24, 44, 0.9, "test",
    )  # fmt: skip
    statements = (
        Statement("s1", "a1", "port_jobs", "port jobs", "support", 1, 17, "q1", 0.8, "test"),
        Statement("s2", "a2", "port_plan", "port plan", "oppose", 46, 81, None, 0.6, "test"),
    )
    event = Event(
        id="e1", type="REJECT", base_type="REJECT", mode=(), plover_mode=None,
        source=Participant("a2", "The council", 46, 57, None, "government"),
        target=None, trigger="rejected", trigger_start=58, trigger_end=66,
        sentence_start=46, sentence_end=81, date=date, date_text=None, location=None,
        location_start=None, location_end=None, quad_class=3, score=-4.0, confidence=0.8,
        extractor="test",
    )  # fmt: skip
    extra = tuple(replace(quote, id=f"q{n}") for n in range(2, quotes + 1))
    return Analysis(document, (brandt, council), (quote, *extra), statements, (event,))


def test_open_migrates_to_the_latest_revision(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0006"
        if store.engine.dialect.name == "sqlite":
            assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
    status = store.status()
    assert (status.documents, status.quotes, status.runs) == (0, 0, 0)


def test_the_migrations_match_the_tables_the_store_uses(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from stancegraph.corpus.schema import metadata as _meta

    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), _meta) == []


def test_reopening_keeps_the_data(tmp_path: Path) -> None:
    path = str(tmp_path / "corpus.db")
    with open_store(path) as store:
        store.put_analysis(_analysis(), extractor="v1")
    with open_store(path) as store:
        assert store.status().analysed == 1


def test_put_analysis_stores_every_part(store: Store) -> None:
    store.put_analysis(_analysis(), extractor="v1")
    status = store.status()
    assert (status.documents, status.analysed, status.failed) == (1, 1, 0)
    assert (status.actors, status.quotes, status.statements, status.events) == (2, 1, 2, 1)
    (row,) = store.document_rows()
    assert row["source"] == "a.txt" and row["status"] == "analysed" and row["n_quotes"] == 1
    assert len(row["content_hash"]) == 64 and row["extractor"] == "v1"
    assert store.count_rows("aliases") == {row["id"]: 1}
    assert store.count_rows("mentions") == {row["id"]: 2}


def test_storing_again_replaces_the_rows(store: Store) -> None:
    store.put_analysis(_analysis(quotes=3), extractor="v1")
    store.put_analysis(_analysis(quotes=2), extractor="v2")
    status = store.status()
    assert (status.documents, status.quotes, status.actors) == (1, 2, 2)
    assert [r["extractor"] for r in store.document_rows()] == ["v2"]


def test_a_failed_write_leaves_the_previous_version(store: Store) -> None:
    store.put_analysis(_analysis(quotes=2), extractor="v1")
    good = _analysis()
    broken = replace(good, quotes=(good.quotes[0], good.quotes[0]))  # duplicate quote id
    with pytest.raises(StoreError, match="cannot write"):
        store.put_analysis(broken, extractor="v2")
    status = store.status()
    assert (status.documents, status.quotes) == (1, 2)
    assert [r["extractor"] for r in store.document_rows()] == ["v1"]


def test_failures_are_recorded_and_replaced_by_an_analysis(store: Store) -> None:
    store.put_failure("bad.bin", "binary file, not text", extractor="v1")
    store.put_failure("a.txt", "extraction failed", extractor="v1")
    status = store.status()
    assert (status.documents, status.failed) == (2, 2)
    assert status.failures == (("a.txt", "extraction failed"), ("bad.bin", "binary file, not text"))
    store.put_analysis(_analysis(), extractor="v1")
    status = store.status()
    assert (status.documents, status.analysed, status.failed) == (2, 1, 1)


def test_runs_and_corrections_are_recorded(store: Store) -> None:
    run = store.start_run(extractor="v1", settings={"workers": 1})
    store.put_analysis(_analysis(), extractor="v1", run=run)
    store.finish_run(run, documents=1, analysed=1, skipped=0, failed=0)
    assert store.add_correction("merge", {"actors": ["a1", "a2"]}) == 1
    assert store.status().runs == 1
    with store.engine.connect() as conn:
        row = conn.execute(sa.text("SELECT analysed, finished FROM runs")).one()
    assert row[0] == 1 and row[1]


def test_deleting_a_document_cascades(store: Store) -> None:
    store.put_analysis(_analysis(), extractor="v1")
    with store.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM documents"))
    status = store.status()
    assert (status.actors, status.quotes, status.statements, status.events) == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("kind", "where", "expected"),
    [
        ("quotes", QueryFilter(), ["a", "b"]),
        ("quotes", QueryFilter(actor="BRANDT"), ["a", "b"]),
        ("quotes", QueryFilter(actor="council"), []),
        ("quotes", QueryFilter(concept="port jobs"), ["a", "b"]),
        ("quotes", QueryFilter(concept="port_plan"), []),
        ("statements", QueryFilter(concept="port_plan"), ["a", "b"]),
        ("statements", QueryFilter(actor="helena"), ["a", "b"]),
        ("statements", QueryFilter(start="2024-03-02"), ["b"]),
        ("statements", QueryFilter(stop="2024-03-01"), ["a"]),
        ("statements", QueryFilter(start="2024-03-01", stop="2024-03-01", actor="x"), []),
        ("events", QueryFilter(actor="council"), ["a", "b"]),
        ("events", QueryFilter(concept="port plan"), ["a", "b"]),
        ("events", QueryFilter(concept="port jobs"), []),
        ("events", QueryFilter(start="2024-04-01"), ["b"]),
    ],
)
def test_queries_filter(store: Store, kind: str, where: QueryFilter, expected: list[str]) -> None:
    store.put_analysis(_analysis("a", date="2024-03-01"), extractor="v1")
    store.put_analysis(_analysis("b", date="2024-04-15T10:00:00"), extractor="v1")
    rows = getattr(store, kind)(where)
    assert sorted({r["document"] for r in rows}) == expected


def test_query_rows_carry_names_and_json(store: Store) -> None:
    store.put_analysis(_analysis(), extractor="v1")
    (quote,) = store.quotes()
    assert quote["speaker_name"] == "Helena Brandt" and quote["text"] == "We will build it"
    statement = store.statements(QueryFilter(concept="port_jobs"))[0]
    assert statement["actor_name"] == "Helena Brandt" and statement["agreement"] == "support"
    (event,) = store.events()
    assert event["source_name"] == "council" and event["event"]["type"] == "REJECT"
    assert event["record"]["event"] == "REJECT" and event["record"]["id"] == "a-e1"


def test_database_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STANCEGRAPH_DB", raising=False)
    assert database_url() == f"sqlite:///{tmp_path / 'stancegraph.db'}"
    monkeypatch.setenv("STANCEGRAPH_DB", "sqlite:///other.db")
    assert database_url() == "sqlite:///other.db"
    assert database_url("x.db") == f"sqlite:///{tmp_path / 'x.db'}"


def test_a_bad_url_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not a database URL"):
        open_store("nosuchdialect://x")
    with pytest.raises(StoreError, match="cannot open"):
        open_store(str(tmp_path / "missing" / "dir" / "x.db"))


def test_opening_a_missing_store_for_reading_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    with pytest.raises(StoreError, match="no such store"):
        open_store(str(missing), create=False)
    assert not missing.exists()
    open_store(str(missing)).close()  # the default creates it
    with open_store(str(missing), create=False) as store:
        assert store.status().documents == 0


def _cli(argv: list[str]) -> tuple[int, str]:
    """Exit code and stderr of the command line."""
    import contextlib
    import io

    from stancegraph.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, err.getvalue()


def _real_store(path: Path) -> None:
    with open_store(str(path)) as store:
        for n in range(60):
            store.put_analysis(_analysis(f"doc{n}"), extractor="v1")


_READERS = (["status"], ["quotes"], ["actors", "list"], ["events"])


@pytest.mark.parametrize("damage", ["middle", "text"])
def test_a_corrupt_store_is_one_line_naming_it(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "x.db"
    if damage == "text":
        path.write_text("these are my notes, not a database\n" * 50, encoding="utf-8")
    else:
        _real_store(path)
        data = bytearray(path.read_bytes())
        middle = len(data) // 2 // 4096 * 4096
        data[middle : middle + 4096] = bytes(range(256)) * 16
        path.write_bytes(bytes(data))
    before = path.read_bytes()
    for command in _READERS:
        code, err = _cli([*command, "--db", str(path)])
        assert code != 0, command
        assert len(err.strip().splitlines()) == 1 and str(path) in err, (command, err)
        assert "Traceback" not in err and ("corrupt" in err or "not a database" in err), err
    assert path.read_bytes() == before  # nothing written to it


def test_a_database_error_names_the_store(tmp_path: Path) -> None:
    path = tmp_path / "full.db"
    _real_store(path)
    with open_store(str(path)) as store:
        with store.engine.begin() as conn:  # as if the disk were full after this page
            conn.exec_driver_sql(
                f"PRAGMA max_page_count={conn.exec_driver_sql('PRAGMA page_count').scalar()}"
            )
            with pytest.raises(StoreError, match="database or disk is full") as caught:
                conn.execute(
                    sa.text("UPDATE documents SET text = text || :more"), {"more": "x" * 100_000}
                )
        assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_only_sqlite_and_postgresql_are_stores() -> None:
    with pytest.raises(StoreError, match="SQLite and PostgreSQL only") as caught:
        open_store("mysql://user@localhost/news")
    assert "postgres extra" not in str(caught.value)


def test_opening_an_empty_file_for_reading_leaves_it_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(StoreError, match="empty file, not a store"):
        open_store(str(empty), create=False)
    assert empty.stat().st_size == 0


def test_a_short_busy_wait_gives_up_soon_on_a_locked_store(tmp_path: Path) -> None:
    import sqlite3
    import time

    from stancegraph.corpus.store import StoreError

    db = tmp_path / "locked.db"
    with open_store(str(db)) as store:
        store.put_analysis(_analysis("a"), extractor="v1")
    writer = sqlite3.connect(str(db), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # what a running ingest holds while it writes
    try:
        with open_store(str(db), busy_seconds=0.3) as store:
            began = time.monotonic()
            with pytest.raises(StoreError, match="locked"):
                store.put_analysis(_analysis("b"), extractor="v1")
            assert time.monotonic() - began < 5  # not the 30 s a batch command waits
    finally:
        writer.execute("ROLLBACK")
        writer.close()
