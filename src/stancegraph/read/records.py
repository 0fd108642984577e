"""Records: JSON Lines, CSV and JSON files as documents.

In: the decoded text of a ``.jsonl``/``.ndjson``, ``.csv`` or ``.json`` file, its source name
and file stem. Out: one ``stancegraph.types.Document`` per record, or a
``stancegraph.types.ReadFailure`` naming the record (``path:row``) and why it cannot be
read. Fields: ``text`` (required), ``title``, ``date``, ``url`` and ``id``; every other field is
kept in ``Document.meta`` as a string. Without an ``id``, a record's id is ``<file stem>-<row>``:
the line number for JSONL, the data row number (header excluded) for CSV and the item number for
a JSON list, each counted from 1.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterator, Mapping
from typing import Any

from stancegraph.errors import InputError
from stancegraph.read.clean import clean_field, document_from_text
from stancegraph.types import Document, ReadFailure

__all__ = ["iter_csv", "iter_json", "iter_jsonl"]

_KNOWN_FIELDS = ("text", "title", "date", "url", "id")
_CSV_FIELD_LIMIT = 2**31 - 1


def _as_string(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _optional_string(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return _as_string(value)


def _record_document(
    record: Mapping[str, Any],
    *,
    default_id: str,
    source: str,
    label: str | None,
    encoding: str | None,
    clean: bool,
    max_chars: int,
) -> Document | ReadFailure:
    """One record (a JSON object or CSV row) as a document.

    ``label`` ('line 3', 'row 2', 'item 1') starts every failure reason, when given.
    """

    def failure(reason: str) -> ReadFailure:
        return ReadFailure(source, f"{label}: {reason}" if label else reason)

    keys: dict[str, str] = {}
    for key in record:
        folded = key.strip().casefold() if isinstance(key, str) else ""
        if folded in _KNOWN_FIELDS and folded not in keys:
            keys[folded] = key

    text = record.get(keys["text"]) if "text" in keys else None
    if text is None:
        return failure("no text field")
    if not isinstance(text, str):
        return failure("text is not a string")
    if not text.strip():
        return failure("empty text")

    raw_id = record.get(keys["id"]) if "id" in keys else None
    doc_id = clean_field(_optional_string(raw_id)) or default_id

    meta: dict[str, str] = {}
    if encoding is not None:
        meta["encoding"] = encoding
    known = set(keys.values())
    for key, value in record.items():
        if key in known:
            continue
        meta[str(key)] = _as_string(value)

    def field(name: str) -> str | None:
        return _optional_string(record.get(keys[name])) if name in keys else None

    try:
        return document_from_text(
            text,
            doc_id=doc_id,
            title=field("title"),
            date=field("date"),
            url=field("url"),
            source=source,
            meta=meta,
            clean=clean,
            max_chars=max_chars,
        )
    except InputError as err:
        return failure(err.message)


def iter_jsonl(
    text: str, *, source: str, stem: str, encoding: str | None, clean: bool, max_chars: int
) -> Iterator[Document | ReadFailure]:
    seen = False
    # Only a line feed ends a JSON line: str.splitlines would also split at U+2028, U+0085 and
    # other characters that may stand raw inside a JSON string.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        seen = True
        where = f"{source}:{number}"
        label = f"line {number}"
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as err:
            detail = err.msg if isinstance(err, json.JSONDecodeError) else type(err).__name__
            yield ReadFailure(where, f"{label}: invalid JSON ({detail})")
            continue
        if not isinstance(record, dict):
            yield ReadFailure(where, f"{label}: not a JSON object")
            continue
        yield _record_document(
            record,
            default_id=f"{stem}-{number}",
            source=where,
            label=label,
            encoding=encoding,
            clean=clean,
            max_chars=max_chars,
        )
    if not seen:
        yield ReadFailure(source, "empty file")


def _raise_csv_field_limit() -> None:
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)


def _unclosed_quote(text: str, start_line: int) -> bool:
    """Whether the CSV row from ``start_line`` (1-based) to the end opens a quote it never closes.

    The lenient reader takes such a row as one field holding every later line; only the row
    that ends the file can be one, and a strict reader of its lines runs out of data.
    """
    lines = itertools.islice(io.StringIO(text, newline=""), start_line - 1, None)
    try:
        for _ in csv.reader(lines, strict=True):
            pass
    except csv.Error as err:
        return "unexpected end of data" in str(err)
    return False


def iter_csv(
    text: str, *, source: str, stem: str, encoding: str | None, clean: bool, max_chars: int
) -> Iterator[Document | ReadFailure]:
    _raise_csv_field_limit()
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey="_extra")
    try:
        columns = reader.fieldnames
    except csv.Error as err:
        yield ReadFailure(source, f"malformed CSV header ({err})")
        return
    if not columns:
        yield ReadFailure(source, "empty file")
        return
    if not any(c.strip().casefold() == "text" for c in columns):
        yield ReadFailure(source, f"no 'text' column (columns: {', '.join(columns)})")
        return
    number = yielded = 0
    last_line = sum(1 for _ in io.StringIO(text, newline=""))
    while True:
        start_line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            number += 1
            yielded += 1
            yield ReadFailure(f"{source}:{number}", f"row {number}: malformed CSV ({err})")
            continue
        number += 1
        if reader.line_num == last_line and _unclosed_quote(text, start_line):
            yielded += 1
            yield ReadFailure(
                f"{source}:{number}",
                f"row {number}: unclosed quote (the field opened on line {start_line} "
                "runs to the end of the file)",
            )
            break
        if not any(v for v in row.values() if isinstance(v, str) and v.strip()):
            continue  # a blank row
        yielded += 1
        yield _record_document(
            {key: value for key, value in row.items() if value is not None},
            default_id=f"{stem}-{number}",
            source=f"{source}:{number}",
            label=f"row {number}",
            encoding=encoding,
            clean=clean,
            max_chars=max_chars,
        )
    if yielded == 0:
        yield ReadFailure(source, "no data rows")


def iter_json(
    text: str, *, source: str, stem: str, encoding: str | None, clean: bool, max_chars: int
) -> Iterator[Document | ReadFailure]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        yield ReadFailure(source, f"invalid JSON ({err.msg} at line {err.lineno})")
        return
    except (ValueError, RecursionError) as err:
        yield ReadFailure(source, f"invalid JSON ({type(err).__name__})")
        return
    if isinstance(data, dict):
        yield _record_document(
            data,
            default_id=stem,
            source=source,
            label=None,
            encoding=encoding,
            clean=clean,
            max_chars=max_chars,
        )
        return
    if not isinstance(data, list):
        yield ReadFailure(source, "JSON is neither an object nor a list of objects")
        return
    if not data:
        yield ReadFailure(source, "empty JSON list")
        return
    for number, item in enumerate(data, start=1):
        where = f"{source}:{number}"
        if not isinstance(item, dict):
            yield ReadFailure(where, f"item {number}: not a JSON object")
            continue
        yield _record_document(
            item,
            default_id=f"{stem}-{number}",
            source=where,
            label=f"item {number}",
            encoding=encoding,
            clean=clean,
            max_chars=max_chars,
        )
