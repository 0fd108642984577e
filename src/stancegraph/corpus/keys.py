"""A document's identity in the store: one key however its path was typed.

In: the ``source`` a reader gave a document (``path`` for a file that is one document,
``path:N`` for record N of a JSON Lines, CSV, JSON, feed or WARC file, ``<stdin>`` and
``<stdin>:N`` for standard input) and the document's id. Out: an ``Identity``: the key the
store files the document under and the input file it came from.

The rule: the key starts with the file's resolved absolute path, so ``good.txt``,
``./good.txt`` and ``/home/me/good.txt`` are one document. A record adds its position
(``/abs/news.jsonl:3``), or its own ``id`` field when it has one (``/abs/news.jsonl#story-7``),
so that removing a line does not shift the records after it. Standard input keeps its
``<stdin>`` key and belongs to no file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["STDIN", "Identity", "identity"]

STDIN = "<stdin>"
_RECORD = re.compile(r"^(?P<file>.+):(?P<number>\d+)$")


@dataclass(frozen=True, slots=True)
class Identity:
    """Where a document is filed: its ``key`` and the resolved ``file`` (None for stdin)."""

    key: str
    file: str | None


def _resolved(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):  # a symlink loop: the absolute path as it stands
        return os.path.abspath(path)


def _is_file(path: str) -> bool:
    try:
        return Path(path).is_file()
    except OSError:
        return False


def identity(source: str, doc_id: str | None = None) -> Identity:
    """The key of the document read from ``source`` (see the module for the rule).

    ``doc_id`` names the record when it differs from the defaults a reader or a failure record
    gives (``STEM-N``, ``STEM``); pass None to key a record by its position only.
    """
    if source == STDIN or source.startswith(STDIN + ":"):
        return Identity(source, None)
    match = _RECORD.match(source)
    if match is not None and not _is_file(source):
        file = _resolved(match["file"])
        number = match["number"]
        stem = Path(match["file"]).stem
        own = doc_id not in (None, stem, f"{stem}-{number}")  # not a reader's default id
        return Identity(f"{file}#{doc_id}" if own else f"{file}:{number}", file)
    file = _resolved(source)
    return Identity(file, file)
