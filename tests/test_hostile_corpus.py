"""A folder of hostile inputs, generated here, through ``analyze``, ``ingest`` and the store queries.

In: one temporary folder holding every bad input of the hardening issue (binary, odd encodings,
empty, oversized, deeply nested HTML, malformed and entity-laden feeds, truncated and bombed
WARC, broken JSONL and CSV, symbolic-link loops, a link to a device, a named pipe, odd file
names) next to three good articles. Out: each command run as a subprocess ends with the
documented exit code, prints no traceback, names each bad input on exactly one stderr line, and
the good articles are analysed and stored exactly once, also when the folder is ingested again.
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from stancegraph.formats.safe import printable

pytestmark = pytest.mark.model

MAX_CHARS = 20_000  # small, so the oversized cases stay fast to build and to refuse
TIMEOUT = 120  # seconds; a hang fails the test instead of blocking CI
GOOD = {
    "good1.txt": "Harbour vote\n\n"
    '"We will not accept this plan," said Mayor Helena Brandt on Monday in Port Aldwick. '
    "The council rejected the expansion, councillor Omar Haddad told reporters.\n",
    "good2.txt": "Budget row\n\n"
    "Finance minister Anna Keller said on Tuesday that the budget would be cut. "
    '"We have no other choice," Keller told parliament in Berlin.\n',
    "good3.html": "<html><head><title>Wetlands</title></head><body><article>"
    "<p>Environment groups said on Friday that the wetlands must be protected.</p>"
    "<p>&quot;This river is our future,&quot; said campaigner Ruth Owusu in Port Aldwick.</p>"
    "</article></body></html>",
}


def _warc(block: bytes) -> bytes:
    head = f"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: {len(block)}\r\n\r\n"
    return head.encode() + block + b"\r\n\r\n"


def _gzip_bomb() -> bytes:
    """About 1 MB of gzip that decompresses to 1.1 GB of zeros: one member repeated.

    ``ingest`` has no ``--max-chars``, so the bomb must exceed the default limit's budget too.
    """
    size = 1_100_000_000
    head = f"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: {size}\r\n\r\n".encode()
    zeros = gzip.compress(bytes(1 << 23), compresslevel=9)
    return gzip.compress(head) + zeros * (size >> 23)


def _laughs() -> bytes:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    feed = f'<!DOCTYPE rss [<!ENTITY l0 "ha">{entities}]>'
    feed += "<rss><channel><item><title>x</title><description>&l9;</description></item>"
    return (feed + "</channel></rss>").encode()


XXE = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>'
    b"<channel><item><title>t</title><description>&x;</description></item></channel></rss>"
)
PAGE = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>"


def _bad_files() -> dict[str, bytes]:
    """Name -> bytes of each hostile regular file, every one to be refused with one line."""
    return {
        "binary.txt": bytes(range(256)) * 8,
        "empty.txt": b"",
        "blank.txt": b" \n\t\n   \n",
        "huge.txt": b"Words and more words. " * 50_000,  # over the default limit too
        "nested.html": b"<div>" * 50_000 + b"deep" + b"</div>" * 50_000,
        "malformed.rss": b"<rss><channel><item><title>unclosed",
        "malformed.atom": b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title>',
        "xxe.rss": XXE,
        "laughs.rss": _laughs(),
        "truncated.warc": _warc(PAGE + b"Cut short. " * 50)[:120],
        "bomb.warc.gz": _gzip_bomb(),
        "broken.jsonl": b'{"text": "broken\n',
        "unclosed.csv": b'text,title\n"never closed,title\n',
    }


def _build(folder: Path) -> list[str]:
    """Fill the folder; the names (as the CLI prints them) of the inputs to be refused."""
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    bad = _bad_files()
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    story = "Ruth Owusu said the café would close, the mayor told reporters in Zürich. " * 3
    (folder / "utf16.txt").write_bytes(story.encode("utf-16-le"))  # no byte-order mark
    (folder / "cp1252.txt").write_bytes(story.encode().replace(b"mayor", b"mayor\x92s"))
    line = json.dumps({"text": GOOD["good1.txt"], "id": "sep"}, ensure_ascii=False)
    line = line.replace("Monday", "Mon\u2028day")  # a raw line separator inside a string
    (folder / "sep.jsonl").write_bytes(line.encode() + b"\n{broken\n")
    names = [*bad, "sep.jsonl:2"]
    os.symlink("loop_b.txt", folder / "loop_a.txt")
    os.symlink("loop_a.txt", folder / "loop_b.txt")
    os.symlink("self.txt", folder / "self.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    os.mkfifo(folder / "pipe.txt")
    names += ["loop_a.txt", "loop_b.txt", "self.txt", "zero.txt", "pipe.txt"]
    for name in ("with space.txt", "-dash.txt", "new\nline.txt"):
        try:
            (folder / name).write_bytes(b"")
        except OSError:  # a file system that refuses the name
            continue
        names.append(printable(name))
    return names


GOOD_IDS = {"good1", "good2", "good3", "utf16", "cp1252", "sep"}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "stancegraph.cli", *args]
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=TIMEOUT
    )


def _named(stderr: str, folder: Path, word: str) -> list[str]:
    """The name (relative to the folder) in each ``stancegraph: <word> <path>: why`` line."""
    prefix = f"stancegraph: {word} {printable(str(folder))}/"
    names = []
    for line in stderr.splitlines():
        assert "Traceback" not in line
        if line.startswith(prefix):
            name, _, reason = line[len(prefix) :].partition(": ")
            assert reason.strip(), line
            names.append(name if name.startswith("sep.jsonl:") else name.split(":")[0])
    return names


@dataclass(frozen=True)
class Corpus:
    folder: Path
    bad: list[str]
    db: Path
    analyze: subprocess.CompletedProcess[str]
    ingests: tuple[subprocess.CompletedProcess[str], ...]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "corpus"
    bad = _build(folder)
    analyze = _run("analyze", str(folder), "--max-chars", str(MAX_CHARS), "-f", "jsonl", cwd=root)
    db = root / "store.db"
    ingests = tuple(_run("ingest", str(folder), "--db", str(db), cwd=root) for _ in range(2))
    return Corpus(folder, bad, db, analyze, ingests)


def test_analyze_names_each_bad_input_once_and_analyses_the_good(corpus: Corpus) -> None:
    result = corpus.analyze
    assert result.returncode == 1, result.stderr  # documented: 1 when some inputs were skipped
    assert "Traceback" not in result.stderr
    assert sorted(_named(result.stderr, corpus.folder, "skipped")) == sorted(corpus.bad)
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert sorted(ids) == sorted(GOOD_IDS)


def test_ingest_names_each_bad_input_once_and_stores_the_good_once(corpus: Corpus) -> None:
    first, again = corpus.ingests
    for result in corpus.ingests:
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert sorted(_named(result.stderr, corpus.folder, "failed")) == sorted(corpus.bad)
    assert "0 analysed" in again.stderr.splitlines()[-1]
    with sqlite3.connect(corpus.db) as conn:
        rows = conn.execute("SELECT source, status FROM documents").fetchall()
    assert len(rows) == len({source for source, _ in rows})  # no document twice, failed or not
    analysed = [source for source, status in rows if status == "analysed"]
    assert len(analysed) == len(set(analysed)) == len(GOOD_IDS)


@pytest.mark.parametrize(
    "command", [("status",), ("quotes",), ("statements",), ("events",), ("actors", "list")]
)
def test_store_queries_run_cleanly_on_the_hostile_store(
    corpus: Corpus, command: tuple[str, ...]
) -> None:
    result = _run(*command, "--db", str(corpus.db), cwd=corpus.folder.parent)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and result.stdout.strip()
    if command[0] in ("quotes", "statements"):  # the good articles' speakers are listed
        assert "Helena Brandt" in result.stdout and "Anna Keller" in result.stdout


BAD_NAME = os.fsdecode(b"bad\xffname.txt")  # a file name that is not UTF-8


def _bad_name_folder(root: Path) -> Path:
    folder = root / "names"
    folder.mkdir()
    (folder / "good1.txt").write_text(GOOD["good1.txt"], encoding="utf-8")
    try:
        (folder / BAD_NAME).write_text(GOOD["good2.txt"], encoding="utf-8")
    except OSError:  # pragma: no cover - a file system that refuses the name
        pytest.skip("the file system refuses a file name that is not UTF-8")
    return folder


def test_analyze_reads_a_file_whose_name_is_not_utf8(tmp_path: Path) -> None:
    folder, out = _bad_name_folder(tmp_path), tmp_path / "out.jsonl"
    result = _run("analyze", str(folder), "-f", "jsonl", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(ids) == 2 and "good1" in ids


def test_ingest_stores_a_file_whose_name_is_not_utf8(tmp_path: Path) -> None:
    db = tmp_path / "names.db"
    result = _run("ingest", str(_bad_name_folder(tmp_path)), "--db", str(db), cwd=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    with sqlite3.connect(db) as conn:
        statuses = [status for (status,) in conn.execute("SELECT status FROM documents")]
    assert statuses == ["analysed", "analysed"]
