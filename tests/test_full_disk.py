"""Ingest onto a disk that fills up: one line naming the store, then a rerun with room finishes.

In: the chaos test's corpus (the bundled Wikinews sample and generated stories) and a small
tmpfs mounted under the test's temporary folder, most of it taken by a filler file. Out: the
ingest that runs out of space exits non-zero with one line that names the store and says the disk
is full, no traceback; once the filler is deleted, a rerun leaves the store equal to an
uninterrupted run's, document for document. Needs root (to mount); skipped with the reason
otherwise. The tmpfs is always unmounted afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from stancegraph.corpus.ingest import ingest
from stancegraph.corpus.store import open_store
from test_chaos import _corpus, _documents

pytestmark = pytest.mark.model

TIMEOUT = 300  # seconds; a hang fails the test instead of blocking CI
MOUNT_SIZE = 8 << 20  # SQLite's write-ahead log grows to about 4 MB before a checkpoint


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of ``MOUNT_SIZE`` bytes under ``tmp_path``, unmounted after the test."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", f"size={MOUNT_SIZE}", "tmpfs", str(disk)]
    try:
        done = subprocess.run(mount, capture_output=True, text=True, timeout=30)
    except OSError as exc:
        pytest.skip(f"cannot mount a tmpfs: {exc}")
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True, timeout=30)


def _fill(disk: Path, *, free: int) -> Path:
    """A filler file that leaves about ``free`` bytes on the disk."""
    stats = os.statvfs(disk)
    filler = disk / "filler"
    filler.write_bytes(bytes(stats.f_bavail * stats.f_frsize - free))
    return filler


def _ingest(corpus: Path, db: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "stancegraph.cli", "ingest", str(corpus), "--db", str(db)]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)


def _says_disk_full(result: subprocess.CompletedProcess[str], db: Path) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert str(db) in lines[0] and "disk is full" in lines[0]


def test_a_full_disk_is_one_line_and_a_rerun_with_room_completes(
    tmp_path: Path, small_disk: Path
) -> None:
    corpus = _corpus(tmp_path / "news")
    with open_store(str(tmp_path / "reference.db")) as store:
        ingest([str(corpus)], store)
        expected = _documents(store)
    db = small_disk / "corpus.db"
    filler = _fill(small_disk, free=600_000)  # room for the schema and a few documents
    _says_disk_full(_ingest(corpus, db), db)
    filler.unlink()
    rerun = _ingest(corpus, db)
    assert rerun.returncode == 0, rerun.stderr
    with open_store(str(db)) as store:
        assert _documents(store) == expected


def test_a_store_whose_creation_hit_a_full_disk_opens_once_there_is_room(
    tmp_path: Path, small_disk: Path
) -> None:
    corpus = _corpus(tmp_path / "news")
    db = small_disk / "corpus.db"
    filler = _fill(small_disk, free=100_000)  # not even room for the empty store's log
    _says_disk_full(_ingest(corpus, db), db)
    filler.unlink()
    rerun = _ingest(corpus, db)
    assert rerun.returncode == 0, rerun.stderr
