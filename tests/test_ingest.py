"""Ingest into the corpus store: idempotence, failure records, kill -9 resume, CLI queries.

These run the spaCy pipeline (marked ``model``) on short texts written to a temporary folder.
"""

from __future__ import annotations

import io
import json
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from stancegraph.cli import main
from stancegraph.corpus.ingest import Progress, expand_paths, ingest
from stancegraph.corpus.store import Store, open_store

pytestmark = pytest.mark.model

STORY = (
    "Port vote {n}\n\n"
    '"We will not accept this plan," said Mayor Helena Brandt on Monday in Port Aldwick. '
    "The council rejected the port expansion {n}, councillor Omar Haddad told reporters. "
    "Haddad said the wetlands had to be protected before any new berth was built.\n"
)


def _corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"story{n:02d}.txt").write_text(STORY.format(n=n), encoding="utf-8")
    return folder


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = main(argv)
    finally:
        sys.stdout, sys.stderr = old
    return code, out.getvalue(), err.getvalue()


def _whole(store: Store) -> None:
    """Every analysed document holds exactly the rows its counts say: no half documents."""
    quotes, actors = store.count_rows("quotes"), store.count_rows("actors")
    statements, events = store.count_rows("statements"), store.count_rows("events")
    for row in store.document_rows():
        if row["status"] != "analysed":
            continue
        key = row["id"]
        assert quotes.get(key, 0) == row["n_quotes"], row["source"]
        assert actors.get(key, 0) == row["n_actors"], row["source"]
        assert statements.get(key, 0) == row["n_statements"], row["source"]
        assert events.get(key, 0) == row["n_events"], row["source"]


def test_ingest_is_idempotent(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news", 3)
    with open_store(str(tmp_path / "c.db")) as store:
        first = ingest([str(corpus)], store)
        assert (first.total, first.analysed, first.skipped, first.failures) == (3, 3, 0, ())
        counts = store.status()
        again = ingest([str(corpus)], store)
        assert (again.analysed, again.skipped) == (0, 3)
        assert store.status() == replace(counts, runs=2)
        (corpus / "story01.txt").write_text(STORY.format(n=99), encoding="utf-8")
        changed = ingest([str(corpus)], store)
        assert (changed.analysed, changed.skipped) == (1, 2)
        redo = ingest([str(corpus)], store, reanalyse=True)
        assert (redo.analysed, redo.skipped) == (3, 0)
        assert store.status().documents == 3
        _whole(store)


def test_bad_documents_are_recorded_and_the_run_goes_on(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news", 2)
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\x03 not text \x00")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    lines = [json.dumps({"text": "Brandt said the port must grow.", "date": "2024-03-01"}), "{oops"]
    (corpus / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    code, _, err = _run(["ingest", str(corpus), "--db", db])
    assert code == 1
    assert "completed with 3 failures" in err
    assert "binary file" in err and "empty" in err and "invalid JSON" in err
    code, out, _ = _run(["status", "--db", db, "--format", "json"])
    status = json.loads(out)
    assert code == 0
    assert (status["documents"], status["analysed"], status["failed"]) == (6, 3, 3)
    reasons = {Path(f["source"]).name: f["reason"] for f in status["failures"]}
    assert set(reasons) == {"binary.txt", "empty.txt", "feed.jsonl:2"}
    # Without the bad inputs, a rerun skips the good documents and ends well.
    (corpus / "feed.jsonl").write_text(lines[0] + "\n", encoding="utf-8")
    (corpus / "binary.txt").unlink()
    (corpus / "empty.txt").unlink()
    code, _, err = _run(["ingest", str(corpus), "--db", db])
    assert code == 0 and "3 already stored" in err
    code, out, _ = _run(["status", "--db", db, "--format", "json"])
    status = json.loads(out)  # inputs that are gone stay recorded; feed.jsonl:2 is no more
    assert (status["documents"], status["analysed"], status["failed"]) == (5, 3, 2)
    code, out, _ = _run(["status", "--db", db])
    assert code == 0 and "binary file, not text" in out


def test_killed_ingest_resumes_with_every_document_once(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news", 40)
    db = tmp_path / "c.db"
    command = [sys.executable, "-m", "stancegraph.cli", "ingest", str(corpus), "--db", str(db)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        stored = _stored(db)
        if stored >= 3:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "ingest ended before it could be killed"
    before = _stored(db)
    assert 3 <= before < 40
    with open_store(str(db)) as store:
        _whole(store)
        report = ingest([str(corpus)], store)
        assert report.skipped == before and report.analysed == 40 - before
        status = store.status()
        assert (status.documents, status.analysed, status.failed) == (40, 40, 0)
        sources = [row["source"] for row in store.document_rows()]
        assert len(sources) == len(set(sources)) == 40
        _whole(store)


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:  # not migrated yet
        return 0


def test_queries_from_the_command_line(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news", 2)
    db = str(tmp_path / "c.db")
    assert _run(["ingest", str(corpus / "*.txt"), "--db", db])[0] == 0
    code, out, _ = _run(["quotes", "--db", db, "--actor", "brandt"])
    assert code == 0 and "Helena Brandt" in out and out.count("We will not accept") == 2
    code, out, _ = _run(["quotes", "--db", db, "--actor", "brandt", "--format", "jsonl"])
    rows = [json.loads(line) for line in out.splitlines()]
    assert {r["document"] for r in rows} == {"story00", "story01"}
    code, out, _ = _run(["statements", "--db", db, "--format", "csv"])
    assert out.startswith("document,date,id,actor_name,concept")
    code, out, _ = _run(["events", "--db", db, "--format", "jsonl"])
    assert code == 0 and all(json.loads(line)["event"] for line in out.splitlines())
    code, out, err = _run(["statements", "--db", db, "--from", "2030-01-01"])
    assert code == 0 and "no statements matched" in err
    code, _, err = _run(["events", str(corpus), "--db", db])
    assert code == 2 and "give no INPUT" in err


def test_globs_expand_and_unmatched_patterns_stay(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news", 2)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "deep.txt").write_text("x", encoding="utf-8")
    found = expand_paths([str(corpus / "**" / "*.txt"), str(tmp_path / "none*.txt")])
    assert [Path(p).name for p in found] == ["story00.txt", "story01.txt", "deep.txt", "none*.txt"]


def test_network_from_the_store_with_filters(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news", 3)
    db = str(tmp_path / "c.db")
    assert _run(["ingest", str(corpus), "--db", db])[0] == 0
    code, out, err = _run(["network", "--db", db, "--variable1", "person", "--format", "json"])
    assert code == 0, err
    network = json.loads(out)
    text = json.dumps(network)
    assert "Helena Brandt" in text and "Omar Haddad" in text
    code, out, err = _run(
        ["network", "--db", db, "--variable1", "person", "--actor", "haddad", "-f", "json"]
    )
    assert code == 0, err
    assert "Omar Haddad" in out and "Helena Brandt" not in out
    code, _, err = _run(["network", str(corpus / "story00.txt"), "--db", db])
    assert code == 2 and "not both" in err


def test_a_corpus_with_bad_inputs_finishes_and_reports_each(tmp_path: Path) -> None:
    """A binary file, a broken JSONL line, an empty document and a 20 MB HTML page among good
    documents: the run finishes, stores every good document and names each failure."""
    corpus = _corpus(tmp_path / "news", 2)
    (corpus / "scan.txt").write_bytes(bytes(range(256)) * 40)
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "feed.jsonl").write_text(
        '{"id": "wire-1", "text": "The minister said taxes would fall next year."}\n{broken\n',
        encoding="utf-8",
    )
    paragraph = (
        "<p>Item {n}: the harbour committee met and the chair said the budget was tight.</p>\n"
    )
    pieces, size, n = [], 0, 0
    while size < 20_000_000:
        piece = paragraph.format(n=n)
        pieces.append(piece)
        size += len(piece)
        n += 1
    (corpus / "huge.html").write_text(
        "<html><body><article>" + "".join(pieces) + "</article></body></html>", encoding="utf-8"
    )
    db = str(tmp_path / "c.db")
    code, _, err = _run(["ingest", str(corpus), "--db", db])
    assert code == 1
    assert "completed with" in err
    store = open_store(db)
    try:
        status = store.status()
        _whole(store)
    finally:
        store.close()
    reasons = " | ".join(f"{source}: {reason}" for source, reason in status.failures)
    assert "scan.txt: binary file" in reasons
    assert "empty.txt: empty file" in reasons
    assert "feed.jsonl:2" in reasons
    assert "huge.html" in reasons  # far over the 1,000,000-character limit
    assert status.analysed == 3  # two stories and the good JSONL line


def test_a_document_is_one_key_however_its_path_is_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _corpus(tmp_path, 1)
    monkeypatch.chdir(tmp_path)
    with open_store(str(tmp_path / "c.db")) as store:
        first = ingest(["story00.txt"], store)
        again = ingest(["./story00.txt", str(tmp_path / "story00.txt")], store)
        assert (first.analysed, again.analysed, again.skipped) == (1, 0, 2)
        rows = store.document_rows()
        assert [row["source"] for row in rows] == [str(tmp_path / "story00.txt")]


def _lines(path: Path, ids: list[str | None]) -> None:
    records = [
        {"text": STORY.format(n=n), **({"id": ident} if ident else {})}
        for n, ident in enumerate(ids)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


@pytest.mark.parametrize("ids", [[None, None, None], ["w-1", "w-2", "w-3"]])
def test_a_file_read_again_replaces_its_old_records(tmp_path: Path, ids: list[str | None]) -> None:
    feed = tmp_path / "feed.jsonl"
    _lines(feed, ids)
    with open_store(str(tmp_path / "c.db")) as store:
        ingest([str(feed)], store)
        assert store.status().documents == 3
        quotes = store.status().quotes
        records = feed.read_text(encoding="utf-8").splitlines()
        feed.write_text(records[0] + "\n" + records[2] + "\n", encoding="utf-8")
        report = ingest([str(feed)], store)
        status = store.status()
        assert status.documents == 2 and status.quotes == quotes * 2 // 3
        # Records with their own id keep their key: the third is not analysed again.
        assert report.skipped == (2 if ids[0] else 1)
        with store.engine.connect() as conn:
            stories = list(conn.execute(sa.text("SELECT text FROM documents")).scalars())
        assert not any("expansion 1," in text for text in stories)
        _whole(store)


def test_an_id_given_twice_in_a_file_keeps_both_records(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    _lines(feed, ["same", "same"])
    with open_store(str(tmp_path / "c.db")) as store:
        assert ingest([str(feed)], store).analysed == 2
        assert ingest([str(feed)], store).skipped == 2
        assert store.status().documents == 2


def _unlinked(store: Store) -> tuple[int, int]:
    """Document actors without a corpus actor, and corpus actors without a document actor."""
    with store.engine.connect() as conn:
        loose = conn.execute(
            sa.text(
                "SELECT count(*) FROM actors a WHERE NOT EXISTS (SELECT 1 FROM actor_links l "
                "WHERE l.document = a.document AND l.actor = a.actor)"
            )
        ).scalar_one()
        orphans = conn.execute(
            sa.text(
                "SELECT count(*) FROM corpus_actors c WHERE NOT EXISTS "
                "(SELECT 1 FROM actor_links l WHERE l.corpus_actor = c.id)"
            )
        ).scalar_one()
    return int(loose), int(orphans)


class _Killed(Exception):
    pass


def test_a_killed_reanalyse_resumes_and_links_every_actor(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news", 6)
    with open_store(str(tmp_path / "c.db")) as store:
        ingest([str(corpus)], store)
        for n in range(6):  # other names, so reanalysing moves actors between corpus actors
            text = STORY.format(n=n).replace("Helena", "Lena" if n % 2 else "Helena")
            (corpus / f"story{n:02d}.txt").write_text(text.replace("Omar", "O."), "utf-8")

        def kill_after_two(p: Progress) -> None:
            if p.analysed == 2:
                raise _Killed

        with pytest.raises(_Killed):
            ingest([str(corpus)], store, reanalyse=True, progress=kill_after_two)
        resumed = ingest([str(corpus)], store, reanalyse=True)
        assert (resumed.skipped, resumed.analysed) == (2, 4)
        assert ingest([str(corpus)], store, reanalyse=True).analysed == 6  # finished: anew
        assert store.link_stored_actors() == 0
        assert _unlinked(store) == (0, 0)
        _whole(store)


def test_ingest_of_a_missing_path_is_one_line_and_stores_nothing(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news", 1)
    db = str(tmp_path / "c.db")
    code, _, err = _run(["ingest", str(corpus), str(tmp_path / "gone.txt"), "--db", db])
    assert code == 2 and "gone.txt" in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and _stored(tmp_path / "c.db") == 0
