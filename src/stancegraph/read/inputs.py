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

import csv
import io
import json
import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from stancegraph.errors import InputError
from stancegraph.types import Document, ReadFailure

__all__ = ["clean_text", "document_from_text", "read_inputs", "read_path"]

DEFAULT_MAX_CHARS = 1_000_000

_STDIN_SOURCE = "<stdin>"
_STDIN_STEM = "stdin"

_TEXT_EXTS = frozenset({".txt"})
_HTML_EXTS = frozenset({".html", ".htm"})
_JSONL_EXTS = frozenset({".jsonl", ".ndjson"})
_CSV_EXTS = frozenset({".csv"})
_JSON_EXTS = frozenset({".json"})
_FEED_EXTS = frozenset({".rss", ".atom"})
_SUPPORTED_EXTS = _TEXT_EXTS | _HTML_EXTS | _JSONL_EXTS | _CSV_EXTS | _JSON_EXTS | _FEED_EXTS

_KNOWN_FIELDS = ("text", "title", "date", "url", "id")

# A file this many times larger (in bytes) than the character limit is refused without being
# decoded: no plausible cleaning shrinks a single article that much, and it bounds memory.
_RAW_SIZE_FACTOR = 64
_SNIFF_BYTES = 8192
_CSV_FIELD_LIMIT = 2**31 - 1

# --------------------------------------------------------------------------------------------
# Cleaning
# --------------------------------------------------------------------------------------------

_ZERO_WIDTH_RE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_ODD_SPACE_RE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN_RE = re.compile(" {2,}")
_PARA_SPLIT_RE = re.compile(r"\n{2,}")

_QUOTE_RE = re.compile('["\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2018]')
# No line longer than this is page furniture (the longest kind, a captioned credit, is shorter).
_BOILERPLATE_MAX_CHARS = 400


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MONTH_SET = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_WEEKDAY_SET = _words(
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun"
)
_DATE_WORDS = _words(
    "am pm a.m p.m a.m. p.m. on at of the in and ago just now today yesterday "
    "second seconds sec secs minute minutes min mins hour hours hr hrs day days week weeks "
    "et est edt ct cst cdt mt mst mdt pt pst pdt akst hst gmt utc bst cet cest eet eest wet "
    "west ist jst kst aest aedt acst awst nzst nzdt msk sast"
)
_DATE_NUMBER_RE = re.compile(
    r"""
    \d{1,4}(?:st|nd|rd|th)?                                  # 4 | 4th | 2019
    | \d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:am|pm|a\.m\.?|p\.m\.?)?  # 10:32 | 10.32pm
    | \d{1,2}(?:am|pm)                                       # 10am
    | \d{4}-\d{1,2}-\d{1,2}(?:t[\d:.]+(?:z|[+-]\d{2}:?\d{2})?)?  # 2019-01-04 | ...T10:00Z
    | \d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}                         # 04/01/2019
    | (?:utc|gmt)[+-]\d{1,2}(?::?\d{2})?                     # UTC+2
    """,
    re.VERBOSE,
)
_FULL_DATE_RE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")
_DATE_LINE_MAX_CHARS = 160
_TOKEN_STRIP = " ,;|()[]\u2022\u00b7-\u2013\u2014/"

_STAMP_RE = re.compile(
    r"^(?:first\s+published|published|updated|last\s+updated|last\s+modified|modified|posted"
    r"|originally\s+published)\b(?:\s+on\b)?\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)

# Whole-line page furniture, matched only on lines of at most _PROMPT_MAX_WORDS words.
_PROMPT_MAX_WORDS = 12
_PROMPT_RES = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # photo and image credits
        r"^\(?(?:photo|photos|photograph|image|images|picture|pictures|illustration|graphic"
        r"|video)(?:\s+credits?)?\s*[:|]\s*\S.*$",
        r"^\(?(?:photo|photograph|image|picture|illustration)s?\s+(?:by|courtesy\s+of|credit)\b"
        r".*$",
        r"^image\s+(?:copyright|caption|source)\b.*$",
        r"^\(?(?:ap|afp|epa|reuters|getty|upi)(?:\s+images)?\s*(?:photo)?\s*/.*$",
        r"^\(?[\w .,'\u2019-]{1,60}/\s*(?:getty\s+images|ap|afp|epa|reuters|bloomberg|shutterstock"
        r"|ap\s+photo|pool|sipa|zuma|alamy|anadolu)(?:\s+via\s+[\w ]+)?\s*\)?\.?$",
        r"^credits?\s*:\s*\S.*$",
        # share and navigation prompts
        r"^share\s+(?:this|the)\s+(?:article|story|page|post)\b.*$",
        r"^share\s+(?:on|via|to)\s+\w+.*$",
        r"^(?:share|tweet|email|e-mail|print|save|comments?|advertisement|advert|sponsored"
        r"|sponsored\s+content|story\s+continues\s+below(?:\s+advertisement)?|skip\s+advert"
        r"|close|menu|search)\s*:?$",
        r"^click\s+here\b.*$",
        r"^sign\s+up\b.*\b(?:newsletter|newsletters|email|emails|alerts|updates|briefing)\b.*$",
        r"^subscribe\b.*\b(?:newsletter|newsletters|podcast|channel|updates|alerts|emails?|today"
        r"|now|free)\b.*$",
        r"^follow\s+(?:us|@\w+|[\w .]+?)\s+on\s+(?:twitter|facebook|instagram|x|linkedin|tiktok"
        r"|youtube|threads|bluesky|mastodon)\b.*$",
        r"^(?:read\s+more|related|see\s+also|more\s+on\s+this\s+story|watch|listen|read\s+next"
        r"|also\s+read|recommended|most\s+read|more|related\s+(?:articles|stories|coverage))"
        r"(?:\s*[:|]|\s+[\u2014\u2013-])(?:\s.*)?$",
        r"^(?:read\s+more|related\s+(?:articles|stories|coverage)|more\s+on\s+this\s+story)$",
        # copyright
        r"^(?:copyright\s*(?:\u00a9|\(c\)|\d{4})|\u00a9|\(c\)\s*\d{4}).*$",
        r"^.*\ball\s+rights\s+reserved\.?$",
    )
)
# A picture caption that ends in its credit, e.g. "The procession. Image: Genium." (Wikinews).
_CAPTION_CREDIT_RE = re.compile(
    r"^.{1,250}?[\s(](?:Image|Photo|Picture)s?:\s*(?P<credit>[^.:;!?]{1,80})\.?$"
)
_CAPTION_MAX_WORDS = 30

_SENTENCE_END_RE = re.compile("[.!?:;\u2026][\"'\u201d\u2019\u00bb)\\]]*$")
_WS_NORM_RE = re.compile(r"\s+")
_LEAD_WINDOW = 6
_LEAD_MIN_WORDS = 3


def _fold(text: str) -> str:
    """Case- and whitespace-insensitive form of a line or paragraph, for comparisons."""
    return _WS_NORM_RE.sub(" ", text).strip().casefold()


def _is_dateish_token(token: str) -> bool:
    return (
        token in _DATE_WORDS
        or token in _MONTH_SET
        or token.rstrip(".") in _MONTH_SET
        or token in _WEEKDAY_SET
        or token.rstrip(".") in _WEEKDAY_SET
        or _DATE_NUMBER_RE.fullmatch(token) is not None
    )


def _date_tokens(text: str) -> list[str] | None:
    """The tokens of ``text`` when every one of them belongs to a date or time, else None."""
    if len(text) > _DATE_LINE_MAX_CHARS:
        return None
    tokens: list[str] = []
    for raw in text.casefold().split():
        token = raw.strip(_TOKEN_STRIP)
        if not token:
            continue
        if not _is_dateish_token(token):
            return None
        tokens.append(token)
    return tokens or None


def _is_date_line(line: str) -> bool:
    """A line that is only a date, such as a Wikinews dateline 'Friday, January 4, 2019'."""
    tokens = _date_tokens(line)
    if tokens is None:
        return False
    return any(t.rstrip(".") in _MONTH_SET or _FULL_DATE_RE.fullmatch(t) for t in tokens)


def _is_stamp_line(line: str) -> bool:
    """'Published 10:32 AM ET, March 5, 2021', 'Updated 3 hours ago' and the like."""
    match = _STAMP_RE.match(line)
    if match is None:
        return False
    rest = match.group("rest")
    return any(c.isdigit() for c in rest) and _date_tokens(rest) is not None


def _is_boilerplate(line: str) -> bool:
    """Whether one whole (already whitespace-normalised) line is page furniture."""
    if not line or len(line) > _BOILERPLATE_MAX_CHARS or _QUOTE_RE.search(line):
        return False
    if _is_date_line(line) or _is_stamp_line(line):
        return True
    words = len(line.split())
    if words <= _PROMPT_MAX_WORDS and any(p.match(line) for p in _PROMPT_RES):
        return True
    if words > _CAPTION_MAX_WORDS:
        return False
    caption = _CAPTION_CREDIT_RE.match(line)
    return caption is not None and caption.group("credit")[0].isupper()


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2029", "\n\n").replace("\u2028", "\n")
    text = text.replace("\x0b", "\n").replace("\x0c", "\n").replace("\x85", "\n")
    text = _ZERO_WIDTH_RE.sub("", text)
    text = _ODD_SPACE_RE.sub(" ", text)
    text = _SPACE_RUN_RE.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def clean_text(text: str, *, title: str | None = None) -> str:
    """The cleaned body of an article: the exact string that is analysed.

    Line breaks become ``\\n``; Unicode spaces become plain spaces and runs of them one space;
    zero-width characters go; each line is stripped; a blank line separates paragraphs
    (``\\n\\n``) and single line breaks inside a paragraph are kept. Whole lines that are page
    furniture (picture credits, 'Published ...'/'Updated ...' stamps, a line that is only a
    date, share and newsletter prompts, 'Advertisement', 'Read more:', copyright lines) are
    dropped, but never a line with a quotation mark in it. A first paragraph that repeats
    ``title`` is dropped, and so is a second copy of the first or second paragraph within the
    first few paragraphs (a repeated headline or lead).
    """
    paragraphs: list[str] = []
    for block in _PARA_SPLIT_RE.split(_normalise(text)):
        lines = [line for line in block.split("\n") if line and not _is_boilerplate(line)]
        if lines:
            paragraphs.append("\n".join(lines))

    if paragraphs and title is not None and _fold(title) and _fold(paragraphs[0]) == _fold(title):
        paragraphs.pop(0)

    kept: list[str] = []
    leads: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if index < _LEAD_WINDOW:
            folded = _fold(paragraph)
            if folded in leads:
                continue
            if index < 2 and len(folded.split()) >= _LEAD_MIN_WORDS:
                leads.append(folded)
        kept.append(paragraph)
    return "\n\n".join(kept).strip()


# --------------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------------


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = _WS_NORM_RE.sub(" ", _ZERO_WIDTH_RE.sub("", value)).strip()
    return value or None


_NOTHING_LEFT = "no text left after cleaning"


def _too_long(length: int, max_chars: int) -> str:
    return f"document is {length} characters; the limit is {max_chars} (raise it with --max-chars)"


def document_from_text(
    text: str,
    *,
    doc_id: str,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    source: str | None = None,
    meta: Mapping[str, str] | None = None,
    clean: bool = True,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Document:
    """A :class:`Document` of ``text``, cleaned with :func:`clean_text` unless ``clean`` is False.

    Raises :class:`InputError` (with ``source``, else ``doc_id``, as its source) when nothing is
    left to analyse or the text is longer than ``max_chars`` characters.
    """
    title = _clean_field(title)
    body = clean_text(text, title=title) if clean else text
    where = source if source is not None else doc_id
    if not body.strip():
        reason = _NOTHING_LEFT if clean and text.strip() else "no text"
        raise InputError(reason, source=where)
    if len(body) > max_chars:
        raise InputError(_too_long(len(body), max_chars), source=where)
    return Document(
        id=doc_id,
        text=body,
        title=title,
        date=_clean_field(date),
        url=_clean_field(url),
        source=source,
        meta=dict(meta) if meta else {},
    )


# --------------------------------------------------------------------------------------------
# Bytes to text
# --------------------------------------------------------------------------------------------

# Bytes that occur in text: tab, line feed, vertical tab, form feed, carriage return, escape,
# and everything from space up (0x7f, DEL, excluded).
_TEXT_BYTES = bytes([7, 8, 9, 10, 11, 12, 13, 27, *range(0x20, 0x7F), *range(0x80, 0x100)])
_MAX_CONTROL_SHARE = 0.05
_MAX_HIGH_SHARE = 0.3


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _TEXT_BYTES))
    return controls > _MAX_CONTROL_SHARE * len(sample)


def _decode(data: bytes) -> tuple[str, str | None]:
    """Text of a file's bytes and the fallback encoding used (None for UTF-8).

    Raises :class:`InputError` for an empty, binary or undecodable file.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("binary file, not text") from None
        if not text.lstrip("\ufeff").strip():
            raise InputError("empty file")
        return text.lstrip("\ufeff"), "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise InputError("empty file")
    sample = data[:_SNIFF_BYTES]
    if _looks_binary(sample):
        raise InputError("binary file, not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        bad_byte, offset = data[err.start], err.start
    high = sum(1 for b in sample if b >= 0x80)
    if high > _MAX_HIGH_SHARE * len(sample):
        raise InputError("binary file, not text")
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise InputError(f"not valid UTF-8 (byte 0x{bad_byte:02x} at offset {offset})") from None


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


# --------------------------------------------------------------------------------------------
# Records (JSONL, CSV, JSON)
# --------------------------------------------------------------------------------------------


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
    doc_id = _clean_field(_optional_string(raw_id)) or default_id

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


def _iter_jsonl(
    text: str, *, source: str, stem: str, encoding: str | None, clean: bool, max_chars: int
) -> Iterator[Document | ReadFailure]:
    seen = False
    for number, line in enumerate(text.splitlines(), start=1):
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


def _iter_csv(
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
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            number += 1
            yield ReadFailure(f"{source}:{number}", f"row {number}: malformed CSV ({err})")
            continue
        number += 1
        if not any(v for v in row.values() if isinstance(v, str) and v.strip()):
            continue  # a blank row
        yield _record_document(
            {key: value for key, value in row.items() if value is not None},
            default_id=f"{stem}-{number}",
            source=f"{source}:{number}",
            label=f"row {number}",
            encoding=encoding,
            clean=clean,
            max_chars=max_chars,
        )
    if number == 0:
        yield ReadFailure(source, "no data rows")


def _iter_json(
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


# --------------------------------------------------------------------------------------------
# Plain text and HTML
# --------------------------------------------------------------------------------------------

_TITLE_RE = re.compile(r"\A\s*([^\r\n]+)(?:\r\n|\r|\n)[^\S\r\n]*(?:\r\n|\r|\n)")
_LEADING_BLANK_LINES_RE = re.compile(r"\A(?:[^\S\r\n]*(?:\r\n|\r|\n))+")
_TITLE_MAX_CHARS = 200


def _split_title(text: str) -> tuple[str | None, str]:
    """A plain-text headline (short first line without final punctuation, then a blank line)."""
    match = _TITLE_RE.match(text)
    if match is None:
        return None, text
    line = _clean_field(_ODD_SPACE_RE.sub(" ", match.group(1)))
    if (
        line is None
        or len(line) > _TITLE_MAX_CHARS
        or _SENTENCE_END_RE.search(line)
        or _is_boilerplate(line)
    ):
        return None, text
    body = _LEADING_BLANK_LINES_RE.sub("", text[match.end() :], count=1)
    if not body.strip():
        return None, text
    return line, body


def _plain_document(
    text: str,
    *,
    doc_id: str,
    source: str,
    encoding: str | None,
    clean: bool,
    max_chars: int,
) -> Document | ReadFailure:
    title, body = _split_title(text)
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


_HTML_BLOCK_TAGS = frozenset(
    {"p", "head", "quote", "list", "item", "table", "row", "code", "div", "section", "blockquote"}
)


def _tag(element: Any) -> str:
    tag = getattr(element, "tag", "")
    return tag if isinstance(tag, str) else ""


def _inline_text(element: Any) -> str:
    """The text of one extracted element; ``<lb/>`` and nested blocks become line breaks."""
    parts = [_WS_NORM_RE.sub(" ", element.text or "")]
    for child in element:
        tag = _tag(child)
        if tag == "lb":
            parts.append("\n")
        elif tag in _HTML_BLOCK_TAGS:
            parts.append("\n" + _inline_text(child).strip() + "\n")
        elif tag:
            parts.append(_inline_text(child))
        parts.append(_WS_NORM_RE.sub(" ", child.tail or ""))
    return "".join(parts)


def _html_paragraphs(container: Any) -> list[str]:
    """The paragraphs of trafilatura's extracted body, in order."""
    paragraphs: list[str] = []
    pending: list[str] = [_WS_NORM_RE.sub(" ", container.text or "")]

    def flush() -> None:
        joined = "".join(pending).strip()
        if joined:
            paragraphs.append(joined)
        pending.clear()

    for child in container:
        tag = _tag(child)
        if tag in ("list", "table"):
            flush()
            lines = [_inline_text(sub).strip() for sub in child if _tag(sub)]
            joined = "\n".join(line for line in lines if line)
            if joined:
                paragraphs.append(joined)
        elif tag in _HTML_BLOCK_TAGS and any(_tag(sub) in _HTML_BLOCK_TAGS for sub in child):
            flush()
            paragraphs.extend(_html_paragraphs(child))
        elif tag in _HTML_BLOCK_TAGS:
            flush()
            paragraphs.append(_inline_text(child).strip())
        elif tag == "lb":
            pending.append("\n")
        elif tag:
            pending.append(_inline_text(child))
        pending.append(_WS_NORM_RE.sub(" ", child.tail or ""))
    flush()
    return [p for p in paragraphs if p]


_PROSE_MIN_WORDS = 10
_PROSE_END_RE = re.compile("[.!?\u2026][\"'\u201d\u2019\u00bb)\\]]*(?:\\s|$)")


def _has_prose(paragraphs: Sequence[str]) -> bool:
    """Whether extracted HTML holds a sentence, not just leftover menu labels ('Home', ...)."""
    return any(_PROSE_END_RE.search(p) or len(p.split()) >= _PROSE_MIN_WORDS for p in paragraphs)


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    match = re.match(r"\d{4}-\d{2}-\d{2}", value.strip())
    return match.group(0) if match else value.strip() or None


def _html_document(
    html: str,
    *,
    doc_id: str,
    source: str,
    encoding: str | None,
    clean: bool,
    max_chars: int,
) -> Document | ReadFailure:
    try:
        import trafilatura
    except ImportError as err:  # pragma: no cover - a broken installation
        return ReadFailure(source, f"cannot read HTML: trafilatura does not import ({err})")
    try:
        extracted = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as err:  # noqa: BLE001 - a third-party parser failing on one page
        return ReadFailure(source, f"cannot parse HTML ({type(err).__name__})")
    if extracted is None:
        return ReadFailure(source, "no article text found in HTML")
    if isinstance(extracted, dict):  # pragma: no cover - only with as_dict=True
        return ReadFailure(source, "no article text found in HTML")

    body = getattr(extracted, "body", None)
    paragraphs = _html_paragraphs(body) if body is not None else []
    if not paragraphs:
        fallback = getattr(extracted, "text", None) or ""
        paragraphs = [line.strip() for line in fallback.split("\n") if line.strip()]
    if not _has_prose(paragraphs):
        return ReadFailure(source, "no article text found in HTML")

    meta: dict[str, str] = {}
    if encoding:
        meta["encoding"] = encoding
    for name in ("author", "sitename"):
        value = _clean_field(getattr(extracted, name, None))
        if value:
            meta[name] = value
    try:
        return document_from_text(
            "\n\n".join(paragraphs),
            doc_id=doc_id,
            title=getattr(extracted, "title", None),
            date=_iso_date(getattr(extracted, "date", None)),
            url=getattr(extracted, "url", None),
            source=source,
            meta=meta,
            clean=clean,
            max_chars=max_chars,
        )
    except InputError as err:
        if err.message == _NOTHING_LEFT:
            return ReadFailure(source, "no article text found in HTML")
        return ReadFailure(source, err.message)


# --------------------------------------------------------------------------------------------
# RSS and Atom feeds
# --------------------------------------------------------------------------------------------


def _looks_like_feed(text: str) -> bool:
    head = text[:2000].lower()
    return "<rss" in head or "<feed" in head


def _local(tag: str) -> str:
    """An XML tag without its namespace: '{http://www.w3.org/2005/Atom}entry' -> 'entry'."""
    return tag.rsplit("}", 1)[-1].lower()


def _child_text(item: Any, *names: str) -> str | None:
    for name in names:
        for child in item:
            if _local(child.tag) == name:
                if name == "link" and child.get("href"):
                    return str(child.get("href"))
                if child.text and child.text.strip():
                    return str(child.text.strip())
    return None


def _feed_body(markup: str) -> str:
    """Plain paragraphs of an item's HTML content (or its text when it has no markup)."""
    if "<" not in markup:
        return markup
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except Exception:  # noqa: BLE001 - malformed markup: keep its text
        return re.sub(r"<[^>]+>", " ", markup)
    blocks = [
        " ".join(el.text_content().split())
        for el in root.iter("p", "li", "blockquote", "h1", "h2", "h3", "h4")
    ]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else " ".join(root.text_content().split())


def _feed_date(value: str | None) -> str | None:
    if not value:
        return None
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return _iso_date(value)


def _iter_feed(
    text: str, *, source: str, stem: str, encoding: str | None, clean: bool, max_chars: int
) -> Iterator[Document | ReadFailure]:
    """One document per RSS item or Atom entry: title, link, date and its content."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as err:
        yield ReadFailure(source, f"not a well-formed feed ({err})")
        return
    items = [el for el in root.iter() if _local(el.tag) in {"item", "entry"}]
    if not items:
        yield ReadFailure(source, "feed has no items")
        return
    for number, item in enumerate(items, start=1):
        where = f"{source}:{number}"
        body = _child_text(item, "encoded", "content", "description", "summary") or ""
        try:
            yield document_from_text(
                _feed_body(body),
                doc_id=_child_text(item, "guid", "id") or f"{stem}-{number}",
                title=_child_text(item, "title"),
                date=_feed_date(_child_text(item, "pubdate", "published", "updated", "date")),
                url=_child_text(item, "link"),
                source=where,
                meta={"encoding": encoding} if encoding else None,
                clean=clean,
                max_chars=max_chars,
            )
        except InputError as err:
            yield ReadFailure(where, f"item {number}: {err.message}")


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
                Path(name).suffix.lower() in _SUPPORTED_EXTS or _is_warc(Path(name))
            ):
                found.append(Path(folder) / name)
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def _is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".warc", ".warc.gz"))


def _iter_warc(
    path: Path, source: str, *, max_chars: int, clean: bool
) -> Iterator[Document | ReadFailure]:
    """One document per HTML response record of a WARC file (plain or gzip-compressed)."""
    import gzip

    try:
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        with opener(path, "rb") as handle:
            data = handle.read()
    except (OSError, EOFError) as err:
        yield ReadFailure(source, f"cannot read WARC ({err})")
        return
    if not data.startswith(b"WARC/"):
        yield ReadFailure(source, "not a WARC file")
        return
    pos, number, found = 0, 0, False
    while pos < len(data):
        head_end = data.find(b"\r\n\r\n", pos)
        if not data.startswith(b"WARC/", pos) or head_end < 0:
            break
        headers: dict[str, str] = {}
        for line in data[pos:head_end].decode("utf-8", "replace").split("\r\n")[1:]:
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        try:
            length = int(headers.get("content-length", "0"))
        except ValueError:
            yield ReadFailure(source, "WARC record with a bad Content-Length")
            return
        block = data[head_end + 4 : head_end + 4 + length]
        pos = head_end + 4 + length
        while data.startswith(b"\r\n", pos):
            pos += 2
        if headers.get("warc-type") != "response":
            continue
        http_end = block.find(b"\r\n\r\n")
        if http_end < 0 or b"text/html" not in block[:http_end].lower():
            continue
        number += 1
        found = True
        where = f"{source}:{number}"
        try:
            html, encoding = _decode(block[http_end + 4 :])
        except InputError as err:
            yield ReadFailure(where, err.message)
            continue
        doc = _html_document(
            html,
            doc_id=headers.get("warc-record-id", "").strip("<>") or f"{path.stem}-{number}",
            source=where,
            encoding=encoding,
            clean=clean,
            max_chars=max_chars,
        )
        if isinstance(doc, Document) and not doc.url and headers.get("warc-target-uri"):
            doc = replace(doc, url=headers["warc-target-uri"])
        yield doc
    if not found:
        yield ReadFailure(source, "no HTML response records in WARC file")


def _read_file(
    path: Path, source: str, *, max_chars: int, clean: bool
) -> Iterator[Document | ReadFailure]:
    if _is_warc(path):
        yield from _iter_warc(path, source, max_chars=max_chars, clean=clean)
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
        text, encoding = _decode(data)
    except InputError as err:
        yield ReadFailure(source, err.message)
        return
    del data

    if ext in _JSONL_EXTS or ext in _CSV_EXTS or ext in _JSON_EXTS:
        parse = _iter_jsonl if ext in _JSONL_EXTS else _iter_csv if ext in _CSV_EXTS else _iter_json
        yield from parse(
            text, source=source, stem=stem, encoding=encoding, clean=clean, max_chars=max_chars
        )
    elif ext in _FEED_EXTS or (ext == ".xml" and _looks_like_feed(text)):
        yield from _iter_feed(
            text, source=source, stem=stem, encoding=encoding, clean=clean, max_chars=max_chars
        )
    elif ext in _HTML_EXTS:
        yield _html_document(
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
            text, encoding = _decode(raw.read())
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
        yield from _iter_jsonl(
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
