"""Reading and cleaning articles.

In: paths to article files (``.txt``, ``.html``/``.htm``, ``.jsonl``/``.ndjson``, ``.csv``,
``.json``; any other extension is read as plain text), directories of such files (read
recursively in sorted order, hidden files skipped), or ``-`` for standard input (plain text, or
JSONL when its first non-blank character is ``{``).

Out: one ``stancegraph.types.Document`` per article, in input order, whose ``text`` is the
cleaned body that every later offset indexes into; or, for a file, row or record that cannot be
read, a ``stancegraph.types.ReadFailure`` naming it (``path`` or ``path:row``) and saying
why in a few lowercase words, after which reading goes on.

Record fields (JSONL, CSV, JSON): ``text`` (required), ``title``, ``date``, ``url`` and ``id``;
every other field is kept in ``Document.meta`` as a string. Without an ``id``, a record's id is
``<file stem>-<row>``: the line number for JSONL, the data row number (header excluded) for CSV
and the item number for a JSON list, each counted from 1.

Only regular files are read (a named pipe, device or socket is a failure, never opened for a
blocking read), each with a bounded read: a single-article file up to ``_RAW_SIZE_FACTOR`` bytes
per character of the limit, a file of records or standard input up to ``_RECORDS_MAX_BYTES``.
Standard input is read once (``spool_stdin``), so several passes see the same documents.

Text that is not UTF-8 is decoded as UTF-16 (without a byte-order mark too) or cp1252 when it
decodes cleanly and looks like text, and UTF-8 with a few stray bytes keeps its UTF-8 and reads
each stray byte as cp1252; ``meta["encoding"]`` then records it. ``clean_text`` is the one cleaning step; it only
normalises whitespace and drops whole lines that are clearly page furniture (credits, time
stamps, share prompts, datelines) or a repeated headline. Nothing here prints or exits.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from stancegraph.errors import InputError
from stancegraph.read.clean import DEFAULT_MAX_CHARS, clean_text, document_from_text, split_title
from stancegraph.read.decode import decode_bytes
from stancegraph.read.records import iter_csv, iter_json, iter_jsonl
from stancegraph.read.web import html_document, is_warc, iter_feed, iter_warc, looks_like_feed
from stancegraph.types import Document, ReadFailure

__all__ = [
    "DEFAULT_MAX_CHARS",
    "SpooledStdin",
    "clean_text",
    "document_from_text",
    "read_inputs",
    "read_path",
    "spool_stdin",
]

_STDIN_SOURCE = "<stdin>"
_STDIN_STEM = "stdin"

_TEXT_EXTS = frozenset({".txt"})
_HTML_EXTS = frozenset({".html", ".htm"})
_JSONL_EXTS = frozenset({".jsonl", ".ndjson"})
_CSV_EXTS = frozenset({".csv"})
_JSON_EXTS = frozenset({".json"})
_FEED_EXTS = frozenset({".rss", ".atom"})
_SUPPORTED_EXTS = _TEXT_EXTS | _HTML_EXTS | _JSONL_EXTS | _CSV_EXTS | _JSON_EXTS | _FEED_EXTS

# A file this many times larger (in bytes) than the character limit is refused without being
# decoded: no plausible cleaning shrinks a single article that much, and it bounds memory.
_RAW_SIZE_FACTOR = 64


# A file of records (JSONL, CSV, JSON, a feed) or standard input is read whole; past this many
# bytes it is refused, so that a runaway file cannot take all the memory.
_RECORDS_MAX_BYTES = 1 << 30

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class _Refused(Exception):
    """A file is not read: not a regular file, or more bytes than allowed."""


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"{kind}, not a regular file" if kind.startswith("a ") else kind


def _read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, at most ``limit``; raises ``_Refused`` past it.

    Opened without blocking (a named pipe put in place after the check cannot hang the read)
    and checked again on the open file. A module-level seam, so tests can simulate I/O errors.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        reason = _not_regular(os.fstat(fd).st_mode)
        if reason is not None:
            raise _Refused(reason)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise _Refused(f"file is over {limit} bytes")
    return data


def _os_reason(err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(err, FileNotFoundError):
        return "no such file"
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, IsADirectoryError):
        return "is a directory"
    detail = (err.strerror or type(err).__name__).lower()
    return f"cannot read file ({detail})"


def _plain_document(
    text: str,
    *,
    doc_id: str,
    source: str,
    encoding: str | None,
    clean: bool,
    max_chars: int,
) -> Document | ReadFailure:
    title, body = split_title(text)
    meta = {"encoding": encoding} if encoding else None
    try:
        return document_from_text(
            body,
            doc_id=doc_id,
            title=title,
            source=source,
            meta=meta,
            clean=clean,
            max_chars=max_chars,
        )
    except InputError as err:
        return ReadFailure(source, err.message)


# --------------------------------------------------------------------------------------------
# Paths
# --------------------------------------------------------------------------------------------


def _check_max_chars(max_chars: int) -> None:
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, not {max_chars}")


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _directory_files(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not _is_hidden(d)]
        for name in files:
            if not _is_hidden(name) and (
                Path(name).suffix.lower() in _SUPPORTED_EXTS or is_warc(Path(name))
            ):
                found.append(Path(folder) / name)
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def _over_limit(single: bool, max_chars: int) -> str:
    if single:
        return f", far over the limit of {max_chars} characters (raise it with --max-chars)"
    return f", over the limit of {_RECORDS_MAX_BYTES} bytes for a file of records"


def _file_bytes(path: Path, *, single: bool, max_chars: int) -> bytes | str:
    """The bytes of a regular file within its limit, or why it is not read."""
    limit = _RAW_SIZE_FACTOR * max_chars if single else _RECORDS_MAX_BYTES
    try:
        info = path.stat()
        reason = _not_regular(info.st_mode)
        if reason is None and info.st_size > limit:
            reason = f"file is {info.st_size} bytes"
        if reason is None:
            return _read_bytes(path, limit)
    except OSError as err:
        return _os_reason(err)
    except _Refused as err:
        reason = str(err)
    if reason.startswith("file is "):
        reason += _over_limit(single, max_chars)
    return reason


def _displayable(name: str) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 become U+FFFD."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a lone surrogate that no file system produced
        return name.encode("utf-8", "replace").decode("utf-8")


def _read_file(
    path: Path, source: str, *, max_chars: int, clean: bool
) -> Iterator[Document | ReadFailure]:
    source = _displayable(source)
    if is_warc(path):  # read as a stream, within its own bounds
        try:
            reason = _not_regular(path.stat().st_mode)
        except OSError as err:
            reason = _os_reason(err)
        if reason is not None:
            yield ReadFailure(source, reason)
        else:
            yield from iter_warc(path, source, max_chars=max_chars, clean=clean)
        return
    ext = path.suffix.lower()
    stem = _displayable(path.stem)
    single = ext not in _JSONL_EXTS | _CSV_EXTS | _JSON_EXTS | _FEED_EXTS
    data = _file_bytes(path, single=single, max_chars=max_chars)
    if isinstance(data, str):
        yield ReadFailure(source, data)
        return
    try:
        text, encoding = decode_bytes(data)
    except InputError as err:
        yield ReadFailure(source, err.message)
        return
    del data

    if ext in _JSONL_EXTS or ext in _CSV_EXTS or ext in _JSON_EXTS:
        parse = iter_jsonl if ext in _JSONL_EXTS else iter_csv if ext in _CSV_EXTS else iter_json
        yield from parse(
            text, source=source, stem=stem, encoding=encoding, clean=clean, max_chars=max_chars
        )
    elif ext in _FEED_EXTS or (ext == ".xml" and looks_like_feed(text)):
        yield from iter_feed(
            text, source=source, stem=stem, encoding=encoding, clean=clean, max_chars=max_chars
        )
    elif ext in _HTML_EXTS:
        yield html_document(
            text, doc_id=stem, source=source, encoding=encoding, clean=clean, max_chars=max_chars
        )
    else:
        yield _plain_document(
            text, doc_id=stem, source=source, encoding=encoding, clean=clean, max_chars=max_chars
        )


def read_path(
    path: str, *, max_chars: int = DEFAULT_MAX_CHARS, clean: bool = True
) -> Iterator[Document | ReadFailure]:
    """The documents of one file, or of every supported file under one directory.

    The format follows the extension (case-insensitive); unknown extensions are read as plain
    text, but a directory only contributes files with a supported extension.
    """
    _check_max_chars(max_chars)
    target = Path(path)
    try:
        is_dir = stat.S_ISDIR(target.stat().st_mode)
    except OSError as err:
        yield ReadFailure(_displayable(path), _os_reason(err))
        return
    if not is_dir:
        yield from _read_file(target, path, max_chars=max_chars, clean=clean)
        return
    try:
        files = _directory_files(target)
    except OSError as err:
        yield ReadFailure(_displayable(path), _os_reason(err))
        return
    if not files:
        yield ReadFailure(_displayable(path), "no supported files in directory")
        return
    for file in files:
        yield from _read_file(file, str(file), max_chars=max_chars, clean=clean)


@dataclass(frozen=True, slots=True)
class SpooledStdin:
    """Standard input read once: its text and fallback encoding, or why it cannot be read.

    Handed to ``read_inputs`` as ``stdin``, it lets several passes over the same inputs see
    the same documents (a stream is used up by the first).
    """

    text: str | None
    encoding: str | None = None
    reason: str = ""


def _stdin_text(stream: TextIO) -> tuple[str, str | None]:
    """The text of a stream (its bytes decoded like a file's) and the fallback encoding."""
    raw = getattr(stream, "buffer", None)
    if raw is None:
        text = stream.read(_RECORDS_MAX_BYTES + 1)
        if len(text) > _RECORDS_MAX_BYTES:
            raise InputError(f"input is over {_RECORDS_MAX_BYTES} characters")
        return text, None
    data = raw.read(_RECORDS_MAX_BYTES + 1)  # a bad byte is not smuggled on as text
    if len(data) > _RECORDS_MAX_BYTES:
        raise InputError(f"input is over {_RECORDS_MAX_BYTES} bytes")
    return decode_bytes(data)


def spool_stdin(stream: TextIO | None = None) -> SpooledStdin:
    """Read standard input (default: ``sys.stdin``) once, within a bounded size."""
    stream = stream if stream is not None else sys.stdin
    if stream is None:  # the process was started with its standard input closed
        return SpooledStdin(None, reason="standard input is closed")
    try:
        text, encoding = _stdin_text(stream)
    except InputError as err:
        return SpooledStdin(None, reason=err.message)
    except UnicodeDecodeError as err:
        return SpooledStdin(None, reason=f"not valid text ({err.reason})")
    except OSError as err:
        return SpooledStdin(None, reason=_os_reason(err))
    except ValueError:  # reading a closed file
        return SpooledStdin(None, reason="standard input is closed")
    return SpooledStdin(text.removeprefix("\ufeff"), encoding)


def _read_stdin(
    stream: TextIO | SpooledStdin | None, *, max_chars: int, clean: bool
) -> Iterator[Document | ReadFailure]:
    spooled = stream if isinstance(stream, SpooledStdin) else spool_stdin(stream)
    text, encoding = spooled.text, spooled.encoding
    if text is None:
        yield ReadFailure(_STDIN_SOURCE, spooled.reason)
        return
    if not text.strip():
        yield ReadFailure(_STDIN_SOURCE, "empty input")
        return
    if text.lstrip().startswith("{"):
        yield from iter_jsonl(
            text,
            source=_STDIN_SOURCE,
            stem=_STDIN_STEM,
            encoding=encoding,
            clean=clean,
            max_chars=max_chars,
        )
        return
    yield _plain_document(
        text,
        doc_id=_STDIN_STEM,
        source=_STDIN_SOURCE,
        encoding=encoding,
        clean=clean,
        max_chars=max_chars,
    )


def read_inputs(
    paths: Sequence[str],
    *,
    stdin: TextIO | SpooledStdin | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    clean: bool = True,
) -> Iterator[Document | ReadFailure]:
    """Every document of ``paths`` in order; ``-`` reads ``stdin`` (default: ``sys.stdin``), a
    stream or standard input already read by ``spool_stdin``.

    Standard input is JSONL when its first non-blank character is ``{``, else one plain-text
    article; its documents have the source ``<stdin>`` (``<stdin>:LINE`` for JSONL) and the id
    ``stdin`` (``stdin-LINE``).
    """
    _check_max_chars(max_chars)
    for path in paths:
        if path == "-":
            yield from _read_stdin(stdin, max_chars=max_chars, clean=clean)
        else:
            yield from read_path(path, max_chars=max_chars, clean=clean)
