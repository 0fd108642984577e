"""Ingest on a real Dask cluster: a scheduler and two workers on 127.0.0.1, started as processes.

The results must be those of the local engine: the same stored rows, the same failure record,
the same skipping on a rerun. Marked ``model``; skipped when Dask's distributed is not installed.
"""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from stancegraph.cli import main
from stancegraph.corpus.store import open_store
from stancegraph.pipeline.batch import load_analyzer

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.model

DASK = Path(sys.executable).with_name("dask")
WAIT = 45  # seconds, at most, for the scheduler and the workers to come up

STORY = (
    "Port vote {n}\n\n"
    '"We will not accept this plan," said Mayor Helena Brandt on Monday in Port Aldwick. '
    "The council rejected the port expansion {n}, councillor Omar Haddad told reporters. "
    "Haddad said the wetlands had to be protected before any new berth was built.\n"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def scheduler(tmp_path: Path) -> Iterator[str]:
    """A ``dask scheduler`` and two ``dask worker`` processes; yields the scheduler's address."""
    if not DASK.exists():
        pytest.skip(f"no dask command beside {sys.executable}")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path / "dask-logs"
    logs.mkdir()
    processes: list[subprocess.Popen[bytes]] = []

    def start(name: str, *args: str) -> None:
        with (logs / f"{name}.log").open("wb") as log:
            processes.append(
                subprocess.Popen(
                    [str(DASK), *args], stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path
                )
            )

    try:
        start(
            "scheduler", "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"
        )
        deadline = time.monotonic() + WAIT
        while not _listening(port):
            assert processes[0].poll() is None, (logs / "scheduler.log").read_text()
            assert time.monotonic() < deadline, "the Dask scheduler did not start"
            time.sleep(0.2)
        for n in (1, 2):
            start(
                f"worker{n}",
                "worker",
                address,
                "--host",
                "127.0.0.1",
                "--nthreads",
                "1",
                "--no-nanny",
                "--no-dashboard",
                "--death-timeout",
                "60",
                "--local-directory",
                str(tmp_path / f"worker{n}"),
            )
        with distributed.Client(address, timeout=WAIT) as client:
            client.wait_for_workers(2, timeout=WAIT)
        yield address
    finally:
        for process in reversed(processes):  # workers first, then the scheduler
            _stop(process)


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = main(argv)
    finally:
        sys.stdout, sys.stderr = old
    return code, out.getvalue(), err.getvalue()


def _stored(db: str) -> tuple[list[dict[str, object]], ...]:
    with open_store(db) as store:
        return store.quotes(), store.statements(), store.events()


def test_dask_ingest_matches_local_and_is_idempotent(tmp_path: Path, scheduler: str) -> None:
    corpus = tmp_path / "news"
    corpus.mkdir()
    for n in range(11):
        (corpus / f"story{n:02d}.txt").write_text(STORY.format(n=n), encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\x00\x01\x02\x03 not text \x00")
    db, local_db = str(tmp_path / "dask.db"), str(tmp_path / "local.db")
    command = ["ingest", str(corpus), "--db", db, "--engine", "dask", "--scheduler", scheduler]

    code, _, err = _run(command)
    assert code == 1, err
    assert "completed with 1 failures (11 analysed, 0 already stored, 1 failed" in err
    code, _, _ = _run(["ingest", str(corpus), "--db", local_db])
    assert code == 1
    with open_store(db) as store, open_store(local_db) as local:
        status, expected = store.status(), local.status()
        assert (status.documents, status.analysed, status.failed) == (12, 11, 1)
        assert status.failures == expected.failures
        assert [Path(s).name for s, _ in status.failures] == ["bad.txt"]
        assert status.failures[0][1] == "binary file, not text"
        assert (status.actors, status.quotes, status.statements, status.events) == (
            expected.actors,
            expected.quotes,
            expected.statements,
            expected.events,
        )
        assert status.quotes >= 22
    assert _stored(db) == _stored(local_db)

    # Each worker loaded the spaCy pipeline at most once, however many tasks it ran.
    with distributed.Client(scheduler, timeout=WAIT) as client:
        loads = client.run(load_analyzer.cache_info)
    assert 1 <= sum(info.misses for info in loads.values()) <= 2, loads

    code, _, err = _run(command)
    assert code == 1 and "(0 analysed, 11 already stored, 1 failed" in err
    with open_store(db) as store:
        again = store.status()
    assert (again.documents, again.analysed, again.failed) == (12, 11, 1)
    assert again.quotes == status.quotes


def test_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    code, _, err = _run(["ingest", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1"])
    assert code == 2 and "--scheduler needs --engine dask" in err
