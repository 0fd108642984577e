"""Ingest killed with SIGKILL at random moments: after the reruns the store is the same as one
uninterrupted run's, document for document.

The corpus is the bundled Wikinews sample (CC BY 2.5, see examples/wikinews/README.md) and short
generated stories, copied to a temporary folder. Kills are seeded: a kill lands after the running
process has stored a chosen number of documents (plus a short random pause), or at a random time
that may fall in start-up, planning or the first batch. Six kills hit plain runs; once a rerun
has completed the corpus, four hit ``--reanalyse`` runs, which the next ``--reanalyse`` resumes.
"""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from stancegraph.corpus.ingest import ingest
from stancegraph.corpus.store import Store, open_store

pytestmark = [pytest.mark.model, pytest.mark.slow]

SEED = 13
KILLS = 6, 4  # kills of first runs, then of --reanalyse runs once the corpus is stored
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "wikinews" / "articles.jsonl"
STORY = (
    "Harbour vote {n}\n\n"
    '"We will not accept plan {n}," said Mayor Helena Brandt on Monday in Port Aldwick. '
    "The council rejected the expansion, councillor Omar Haddad told reporters. "
    "Haddad said the wetlands had to be protected before berth {n} was built.\n"
)


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(EXAMPLES, folder / "wikinews.jsonl")
    for n in range(13):
        (folder / f"story{n:02d}.txt").write_text(STORY.format(n=n), encoding="utf-8")
    return folder


def _stored_by_last_run(db: Path) -> int:
    """Documents the newest run has stored so far (0 before the store exists)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=1) as conn:
            query = "SELECT count(*) FROM documents WHERE run = (SELECT max(id) FROM runs)"
            return int(conn.execute(query).fetchone()[0])
    except sqlite3.Error:  # not created or migrated yet, or busy
        return 0


def _killed_run(corpus: Path, db: Path, rng: random.Random, *, reanalyse: bool) -> bool:
    """Start an ingest and SIGKILL it at a seeded moment; whether the kill landed."""
    command = [sys.executable, "-m", "stancegraph.cli", "ingest", str(corpus), "--db", str(db)]
    process = subprocess.Popen(
        [*command, *(["--reanalyse"] if reanalyse else [])],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if rng.random() < 0.3:  # any moment: start-up, migration, planning, the first batch
        deadline = time.monotonic() + rng.uniform(0.2, 6.0)
        target = None
    else:  # while storing: after this many documents of this run, and a short pause
        deadline = time.monotonic() + 60
        target = rng.randint(1, 4)
    while process.poll() is None and time.monotonic() < deadline:
        if target is not None and _stored_by_last_run(db) >= target:
            time.sleep(rng.uniform(0.0, 0.2))
            break
        time.sleep(0.005)
    if process.poll() is not None:
        return False
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    return True


def _documents(store: Store) -> dict[str, tuple[Any, ...]]:
    """Each document's key -> content hash, status, counts and the rows actually stored."""
    tables = ("actors", "quotes", "statements", "events")
    rows = {table: store.count_rows(table) for table in tables}
    return {
        row["source"]: (
            row["content_hash"],
            row["status"],
            row["n_quotes"],
            row["n_statements"],
            row["n_events"],
            *(rows[table].get(row["id"], 0) for table in tables),
        )
        for row in store.document_rows()
    }


def test_a_killed_ingest_ends_as_an_uninterrupted_one(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news")
    with open_store(str(tmp_path / "reference.db")) as store:
        report = ingest([str(corpus)], store)
        expected = _documents(store)
    assert report.analysed == len(expected) == 20
    db = tmp_path / "chaos.db"
    rng = random.Random(SEED)
    for reanalyse, kills in zip((False, True), KILLS, strict=True):
        done = attempts = 0
        while done < kills:
            attempts += 1
            assert attempts <= 10 * kills, f"only {done} of {attempts} kills landed"
            done += _killed_run(corpus, db, rng, reanalyse=reanalyse)
        with open_store(str(db)) as store:
            ingest([str(corpus)], store, reanalyse=reanalyse)  # the rerun finishes the job
            assert _documents(store) == expected
            assert store.link_stored_actors() == 0
