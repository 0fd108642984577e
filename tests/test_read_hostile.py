"""Hostile inputs to the readers: each ends in documents or one clear failure, within bounds.

Every hostile file is built here, in a temporary folder: raw line separators in JSON Lines, an
unclosed CSV quote, a gzip bomb, named pipes, devices, symbolic-link loops, closed standard
input, huge HTML and text in odd encodings.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stancegraph.read import inputs as reading
from stancegraph.read.inputs import read_inputs, read_path, spool_stdin
from stancegraph.types import Document, ReadFailure

SENTENCE = "The council approved the harbour plan on Tuesday after a long debate."


def _read(path: Path | str, **kwargs: Any) -> list[Document | ReadFailure]:
    return list(read_path(str(path), **kwargs))


def _within(seconds: float, call: Callable[[], list[Any]]) -> list[Any]:
    """The result of ``call``, which must return within ``seconds`` (a hang fails, not blocks)."""
    box: list[list[Any]] = []
    worker = threading.Thread(target=lambda: box.append(call()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still reading after {seconds} s"
    return box[0]


def _one_line(failure: ReadFailure) -> None:
    assert failure.reason and "\n" not in failure.reason and "Traceback" not in failure.reason


# ------------------------------------------------------------------------------------------
# JSON Lines and CSV
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x1c", "\x0b"])
def test_jsonl_keeps_a_raw_line_separator_inside_a_string(tmp_path: Path, separator: str) -> None:
    rows = [
        {"id": "a", "text": f"First part.{separator}Second part of the same record."},
        {"text": SENTENCE},
    ]
    lines = [json.dumps(row, ensure_ascii=False) for row in rows]
    path = tmp_path / "feed.jsonl"
    path.write_text("\r\n".join(lines) + "\n", encoding="utf-8")
    first, second = _read(path)
    assert isinstance(first, Document) and first.id == "a"
    assert "Second part of the same record." in first.text
    assert isinstance(second, Document) and second.id == "feed-2"
    assert second.source == f"{path}:2"


def test_csv_with_an_unclosed_quote_keeps_the_good_rows_and_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        f'id,text\nr1,"{SENTENCE}"\nr2,"An opened quote that never closes.\n'
        f"r3,{SENTENCE}\nr4,{SENTENCE}\n",
        encoding="utf-8",
    )
    first, second = _read(path)
    assert isinstance(first, Document) and first.id == "r1"
    assert isinstance(second, ReadFailure)
    assert second.source == f"{path}:2"
    assert "unclosed quote" in second.reason and "line 3" in second.reason
    _one_line(second)


def test_csv_whose_last_field_spans_lines_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(f'id,text\nr1,"{SENTENCE}\n\nA second paragraph."\n', encoding="utf-8")
    (doc,) = _read(path)
    assert isinstance(doc, Document) and doc.text.endswith("A second paragraph.")


# ------------------------------------------------------------------------------------------
# WARC: bounded decompression
# ------------------------------------------------------------------------------------------


def _warc(kind: str, block: bytes, *, length: int | None = None) -> bytes:
    size = len(block) if length is None else length
    head = f"WARC/1.0\r\nWARC-Type: {kind}\r\nContent-Length: {size}\r\n\r\n".encode()
    return head + block + b"\r\n\r\n"


def _page(text: str) -> bytes:
    html = f"<html><head><title>Harbour</title></head><body><article><p>{text}</p>"
    html += f"<p>{SENTENCE}</p></article></body></html>"
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html.encode()


def test_a_gzip_bomb_stops_with_one_line_and_bounded_memory(tmp_path: Path) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    size = 40_000_000
    with gzip.open(tmp_path / "bomb.warc.gz", "wb", compresslevel=9) as out:
        out.write(f"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: {size}\r\n\r\n".encode())
        out.write(head)
        for _ in range(size // 1_000_000):
            out.write(b" " * 1_000_000)
    (tmp_path / "good.warc.gz").write_bytes(gzip.compress(_warc("response", _page(SENTENCE))))
    _read(tmp_path / "good.warc.gz")  # the HTML extractor is imported outside the measure
    tracemalloc.start()
    try:
        results = _read(tmp_path, max_chars=10_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    bomb, good = results
    assert isinstance(bomb, ReadFailure) and bomb.source == str(tmp_path / "bomb.warc.gz")
    assert "decompresses to over" in bomb.reason and "--max-chars" in bomb.reason
    assert isinstance(good, Document) and SENTENCE in good.text
    assert peak < 8_000_000, f"peak {peak} bytes"


def test_a_warc_record_over_the_limit_is_skipped_and_the_next_is_read(tmp_path: Path) -> None:
    big = _page("word " * 20_000)
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc("response", big) + _warc("response", _page(SENTENCE)))
    over, good = _read(path, max_chars=200)
    assert isinstance(over, ReadFailure) and over.source == f"{path}:1"
    assert f"record is {len(big)} bytes" in over.reason
    assert isinstance(good, Document) and good.source == f"{path}:2"


@pytest.mark.parametrize("length", ["-1", "12abc", "\u0661\u0662"])
def test_a_bad_content_length_is_one_failure_after_the_good_records(
    tmp_path: Path, length: str
) -> None:
    bad = f"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: {length}\r\n\r\n".encode()
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc("response", _page(SENTENCE)) + bad + b"x" * 5_000_000)
    good, bad_record = _read(path, max_chars=1_000)
    assert isinstance(good, Document)
    assert bad_record == ReadFailure(str(path), "WARC record with a bad Content-Length")


def test_a_truncated_gzip_warc_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    filler = _warc("resource", os.urandom(300_000))  # what is read before the cut is decoded
    data = gzip.compress(_warc("response", _page(SENTENCE)) + filler * 3)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 20])
    results = _read(path)
    assert isinstance(results[0], Document)
    assert isinstance(results[-1], ReadFailure) and "cannot read WARC" in results[-1].reason


# ------------------------------------------------------------------------------------------
# Files that are not regular files, bounded reads, link loops
# ------------------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "good.txt").write_text(SENTENCE, encoding="utf-8")
    good, pipe = _within(10, lambda: _read(tmp_path))
    assert isinstance(good, Document)
    assert pipe == ReadFailure(str(tmp_path / "pipe.txt"), "a named pipe, not a regular file")
    (alone,) = _within(10, lambda: _read(tmp_path / "pipe.txt"))
    assert isinstance(alone, ReadFailure) and "named pipe" in alone.reason
    os.mkfifo(tmp_path / "crawl.warc.gz")
    (warc,) = _within(10, lambda: _read(tmp_path / "crawl.warc.gz"))
    assert warc == ReadFailure(str(tmp_path / "crawl.warc.gz"), "a named pipe, not a regular file")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_directly_and_through_a_link(tmp_path: Path, device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} is missing")
    os.symlink(device, tmp_path / "noise.txt")
    (tmp_path / "good.txt").write_text(SENTENCE, encoding="utf-8")
    good, noise = _within(10, lambda: _read(tmp_path))
    assert isinstance(good, Document)
    assert noise == ReadFailure(
        str(tmp_path / "noise.txt"), "a character device, not a regular file"
    )
    assert _within(10, lambda: _read(device)) == [
        ReadFailure(device, "a character device, not a regular file")
    ]


def test_a_regular_file_is_read_no_further_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "grows.txt"
    path.write_bytes(b"x" * 1000)
    with pytest.raises(reading._Refused, match="over 100 bytes"):
        reading._read_bytes(path, 100)
    assert reading._read_bytes(path, 1000) == b"x" * 1000


def test_a_file_that_grows_past_its_size_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "grows.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    calls: list[int] = []
    real = reading._read_bytes

    def grown(target: Path, limit: int) -> bytes:
        calls.append(limit)
        target.write_bytes(b"y" * (limit + 50))  # the file grew after it was checked
        return real(target, limit)

    monkeypatch.setattr(reading, "_read_bytes", grown)
    (failure,) = _read(path, max_chars=10)
    assert calls == [640]
    assert isinstance(failure, ReadFailure) and "over 640 bytes" in failure.reason


def test_a_symbolic_link_loop_is_named_as_one(tmp_path: Path) -> None:
    os.symlink(tmp_path / "loop.txt", tmp_path / "loop.txt")
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    assert _read(tmp_path / "loop.txt") == [
        ReadFailure(str(tmp_path / "loop.txt"), "symbolic link loop")
    ]
    (tmp_path / "good.txt").write_text(SENTENCE, encoding="utf-8")
    results = _read(tmp_path)
    assert [type(r).__name__ for r in results] == [
        "ReadFailure",
        "ReadFailure",
        "Document",
        "ReadFailure",
    ]
    assert {r.reason for r in results if isinstance(r, ReadFailure)} == {"symbolic link loop"}


# ------------------------------------------------------------------------------------------
# Standard input
# ------------------------------------------------------------------------------------------


def test_closed_standard_input_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert list(read_inputs(["-"])) == [ReadFailure("<stdin>", "standard input is closed")]
    stream = io.StringIO(SENTENCE)
    stream.close()
    assert list(read_inputs(["-"], stdin=stream)) == [
        ReadFailure("<stdin>", "standard input is closed")
    ]


@pytest.mark.parametrize("text", [SENTENCE, json.dumps({"text": SENTENCE}) + "\n"])
def test_spooled_standard_input_gives_the_same_documents_on_every_pass(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode()), "utf-8"))
    spooled = spool_stdin()
    first = list(read_inputs(["-"], stdin=spooled))
    second = list(read_inputs(["-"], stdin=spooled))
    assert first == second and len(first) == 1 and isinstance(first[0], Document)


# ------------------------------------------------------------------------------------------
# Huge HTML
# ------------------------------------------------------------------------------------------


def test_html_far_over_the_limit_is_refused_before_extraction(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{SENTENCE} Paragraph {n}.</p>\n" for n in range(40_000))
    path = tmp_path / "huge.html"
    path.write_text(f"<html><body><article>{paragraphs}</article></body></html>", "utf-8")
    started = time.perf_counter()
    (failure,) = _read(path, max_chars=100_000)
    assert time.perf_counter() - started < 5
    assert isinstance(failure, ReadFailure)
    assert failure.reason.startswith("HTML page shows about ") and "--max-chars" in failure.reason


def test_scripts_and_styles_do_not_count_as_text(tmp_path: Path) -> None:
    script = "<script>var data = '" + "x" * 50_000 + "';</script><style>p{}</style>"
    path = tmp_path / "app.html"
    path.write_text(
        f"<html><head>{script}</head><body><article><p>{SENTENCE}</p>"
        f"<p>{SENTENCE}</p></article></body></html>",
        "utf-8",
    )
    (doc,) = _read(path, max_chars=1_000)
    assert isinstance(doc, Document) and SENTENCE in doc.text


# ------------------------------------------------------------------------------------------
# Encodings
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_decoded(tmp_path: Path, codec: str) -> None:
    text = f"{SENTENCE} The caf\u00e9 owners welcomed it."
    path = tmp_path / "u16.txt"
    path.write_bytes(text.encode(codec))
    (doc,) = _read(path)
    assert isinstance(doc, Document)
    assert doc.text == text and doc.meta == {"encoding": codec}


def test_one_stray_cp1252_byte_in_utf8_keeps_the_accents(tmp_path: Path) -> None:
    before = "Le caf\u00e9 de Zo\u00eb co\u00fbte 3 \u20ac, dit le maire."
    path = tmp_path / "mixed.txt"
    path.write_bytes(before.encode("utf-8") + b" C\x92est fini.")
    (doc,) = _read(path)
    assert isinstance(doc, Document)
    assert doc.text == before + " C\u2019est fini."
    assert doc.meta == {"encoding": "utf-8 (1 invalid byte read as cp1252)"}


def test_a_cp1252_file_is_still_decoded_whole(tmp_path: Path) -> None:
    text = "Le caf\u00e9 co\u00fbte 3 \u20ac."
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    (doc,) = _read(path)
    assert isinstance(doc, Document) and doc.text == text and doc.meta == {"encoding": "cp1252"}


@pytest.mark.model
@pytest.mark.parametrize("jsonl", [False, True])
def test_ingest_of_standard_input_reads_it_once_for_both_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jsonl: bool
) -> None:
    from stancegraph.corpus.ingest import ingest
    from stancegraph.corpus.store import open_store

    story = f'"We will not accept this plan," said Mayor Helena Brandt. {SENTENCE}'
    rows = [json.dumps({"id": f"r{n}", "text": f"{story} Vote {n}."}) for n in range(2)]
    text = "\n".join(rows) + "\n" if jsonl else story
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode()), "utf-8"))
    with open_store(str(tmp_path / "c.db")) as store:
        report = ingest(["-"], store)
        expected = len(rows) if jsonl else 1
        assert (report.total, report.analysed, report.failures) == (expected, expected, ())
        assert store.status().documents == expected


def test_a_csv_of_blank_rows_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_bytes(b"id,text\n\x0b\n , \n")
    assert _read(path) == [ReadFailure(str(path), "no data rows")]
