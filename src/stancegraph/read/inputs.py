"""Reading and cleaning articles.

In: paths to article files (``.txt``, ``.html``/``.htm``, ``.jsonl``/``.ndjson``, ``.csv``,
``.json``; any other extension is read as plain text), directories of such files (read
recursively in sorted order, hidden files skipped), or ``-`` for standard input (plain text, or
JSONL when its first non-blank character is ``{``).

Out: one :class:`~stancegraph.types.Document` per article, in input order, whose ``text`` is the
cleaned body that every later offset indexes into; or, for a file, row or record that cannot be
read, a :class:`~stancegraph.types.ReadFailure` naming it (``path`` or ``path:row``) and saying
why in a few lowercase words, after which reading goes on.

Record fields (JSONL, CSV, JSON): ``text`` (required), ``title``, ``date``, ``url`` and ``id``;
every other field is kept in ``Document.meta`` as a string. Without an ``id``, a record's id is
``<file stem>-<row>``: the line number for JSONL, the data row number (header excluded) for CSV
and the item number for a JSON list, each counted from 1.

Text that is not UTF-8 is decoded as cp1252 when it decodes cleanly and looks like text, and
``meta["encoding"]`` then records it. :func:`clean_text` is the one cleaning step; it only
normalises whitespace and drops whole lines that are clearly page furniture (credits, time
stamps, share prompts, datelines) or a repeated headline. Nothing here prints or exits.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from stancegraph.errors import InputError
from stancegraph.read.clean import DEFAULT_MAX_CHARS, clean_text, document_from_text, split_title
from stancegraph.read.decode import decode_bytes
from stancegraph.read.records import iter_csv, iter_json, iter_jsonl
from stancegraph.read.web import html_document, is_warc, iter_feed, iter_warc, looks_like_feed
from stancegraph.types import Document, ReadFailure

__all__ = ["DEFAULT_MAX_CHARS", "clean_text", "document_from_text", "read_inputs", "read_path"]

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


def _read_bytes(path: Path) -> bytes:
    """The bytes of a file (a module-level seam, so tests can simulate I/O errors)."""
    return path.read_bytes()


def _os_reason(err: OSError) -> str:
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


def _read_file(
    path: Path, source: str, *, max_chars: int, clean: bool
) -> Iterator[Document | ReadFailure]:
    if is_warc(path):
        yield from iter_warc(path, source, max_chars=max_chars, clean=clean)
        return
    ext = path.suffix.lower()
    stem = path.stem
    single = ext not in _JSONL_EXTS | _CSV_EXTS | _JSON_EXTS | _FEED_EXTS
    try:
        if single:
            size = path.stat().st_size
            if size > _RAW_SIZE_FACTOR * max_chars:
                yield ReadFailure(
                    source,
                    f"file is {size} bytes, far over the limit of {max_chars} characters "
                    "(raise it with --max-chars)",
                )
                return
        data = _read_bytes(path)
    except OSError as err:
        yield ReadFailure(source, _os_reason(err))
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
        is_dir = target.is_dir()
        exists = is_dir or target.exists()
    except OSError as err:
        yield ReadFailure(path, _os_reason(err))
        return
    if not exists:
        yield ReadFailure(path, "no such file")
        return
    if not is_dir:
        yield from _read_file(target, path, max_chars=max_chars, clean=clean)
        return
    try:
        files = _directory_files(target)
    except OSError as err:
        yield ReadFailure(path, _os_reason(err))
        return
    if not files:
        yield ReadFailure(path, "no supported files in directory")
        return
    for file in files:
        yield from _read_file(file, str(file), max_chars=max_chars, clean=clean)


def _read_stdin(stream: TextIO, *, max_chars: int, clean: bool) -> Iterator[Document | ReadFailure]:
    encoding: str | None = None
    try:
        raw = getattr(stream, "buffer", None)
        if raw is not None:  # the bytes, decoded like a file's (a bad byte is not smuggled on)
            text, encoding = decode_bytes(raw.read())
        else:
            text = stream.read()
    except InputError as err:
        yield ReadFailure(_STDIN_SOURCE, err.message)
        return
    except UnicodeDecodeError as err:
        yield ReadFailure(_STDIN_SOURCE, f"not valid text ({err.reason})")
        return
    except OSError as err:
        yield ReadFailure(_STDIN_SOURCE, _os_reason(err))
        return
    text = text.removeprefix("\ufeff")
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
    stdin: TextIO | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    clean: bool = True,
) -> Iterator[Document | ReadFailure]:
    """Every document of ``paths`` in order; ``-`` reads ``stdin`` (default: ``sys.stdin``).

    Standard input is JSONL when its first non-blank character is ``{``, else one plain-text
    article; its documents have the source ``<stdin>`` (``<stdin>:LINE`` for JSONL) and the id
    ``stdin`` (``stdin-LINE``).
    """
    _check_max_chars(max_chars)
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin
            yield from _read_stdin(stream, max_chars=max_chars, clean=clean)
        else:
            yield from read_path(path, max_chars=max_chars, clean=clean)
