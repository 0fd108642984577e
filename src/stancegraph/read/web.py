"""Web inputs: HTML pages, RSS/Atom feeds and WARC archives as documents.

In: the decoded text of an HTML page or a feed, or the path of a WARC file (plain or gzip).
Out: ``html_document``, one ``stancegraph.types.Document`` of the page's article body
(extracted by trafilatura, with title, date, URL, author and site name); ``iter_feed``, one
per RSS item or Atom entry; ``iter_warc``, one per HTML response record; each input that
holds no article text is a ``stancegraph.types.ReadFailure`` saying so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from stancegraph.errors import InputError
from stancegraph.read.clean import NOTHING_LEFT, clean_field, document_from_text
from stancegraph.read.decode import decode_bytes
from stancegraph.types import Document, ReadFailure

__all__ = ["html_document", "is_warc", "iter_feed", "iter_warc", "looks_like_feed"]

_WS_NORM_RE = re.compile(r"\s+")

# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

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


# Extraction takes time and memory in proportion to the page, so a page whose visible text is
# far over the limit is refused before it is parsed. Visible text (tags, scripts and styles
# removed) bounds the article body from above; the margin leaves room for menus and footers.
_HTML_TEXT_MARGIN = 2
_TAG_RE = re.compile(r"<[^>]*>")
_WS_RUN_RE = re.compile(r"\s{2,}")
_HIDDEN_OPEN_RE = re.compile(r"<(script|style)\b", re.IGNORECASE)
_HIDDEN_CLOSE_RE = {
    name: re.compile(f"</{name}\\s*>", re.IGNORECASE) for name in ("script", "style")
}


def _visible_chars(html: str) -> int:
    """About how many characters of text an HTML page shows (linear in the page)."""
    pieces: list[str] = []
    pos = 0
    while (match := _HIDDEN_OPEN_RE.search(html, pos)) is not None:
        pieces.append(html[pos : match.start()])
        close = _HIDDEN_CLOSE_RE[match.group(1).lower()].search(html, match.end())
        pos = len(html) if close is None else close.end()
    pieces.append(html[pos:])
    text = _TAG_RE.sub(" ", "".join(pieces))
    return len(text) - sum(run.end() - run.start() - 1 for run in _WS_RUN_RE.finditer(text))


def html_document(
    html: str,
    *,
    doc_id: str,
    source: str,
    encoding: str | None,
    clean: bool,
    max_chars: int,
) -> Document | ReadFailure:
    visible = _visible_chars(html)
    if visible > _HTML_TEXT_MARGIN * max_chars:
        return ReadFailure(
            source,
            f"HTML page shows about {visible} characters of text; the limit is {max_chars} "
            "(raise it with --max-chars)",
        )
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
        value = clean_field(getattr(extracted, name, None))
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
        if err.message == NOTHING_LEFT:
            return ReadFailure(source, "no article text found in HTML")
        return ReadFailure(source, err.message)


# --------------------------------------------------------------------------------------------
# RSS and Atom feeds
# --------------------------------------------------------------------------------------------


def looks_like_feed(text: str) -> bool:
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


def iter_feed(
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
# WARC archives
# --------------------------------------------------------------------------------------------


def is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".warc", ".warc.gz"))


# A WARC file is read as a stream. It may decompress to this many bytes per character of the
# limit (a gigabyte at the default), and one record's block to a sixty-fourth of that; past the
# first, reading stops (a gzip bomb turns a few megabytes into gigabytes), past the second the
# record is skipped.
_WARC_SIZE_FACTOR = 1024
_WARC_RECORD_FACTOR = 64
_WARC_LINE_MAX = 64 * 1024
_WARC_HEADERS_MAX = 1000
_WARC_CHUNK = 1 << 20


class _WarcStop(Exception):
    """Reading a WARC file stops here; the message says why."""


class _Budget:
    """A binary stream that refuses to give more than ``limit`` bytes in all."""

    def __init__(self, handle: BinaryIO, limit: int) -> None:
        self.handle, self.limit, self.used = handle, limit, 0

    def _count(self, data: bytes) -> bytes:
        self.used += len(data)
        if self.used > self.limit:
            raise _WarcStop(
                f"WARC file decompresses to over {self.limit} bytes; reading stopped "
                "(raise the limit with --max-chars)"
            )
        return data

    def read(self, size: int) -> bytes:
        return self._count(self.handle.read(size))

    def readline(self) -> bytes:
        return self._count(self.handle.readline(_WARC_LINE_MAX))

    def skip(self, size: int) -> None:
        while size > 0:
            chunk = self.read(min(size, _WARC_CHUNK))
            if not chunk:
                return
            size -= len(chunk)


def _warc_headers(stream: _Budget, *, first: bool) -> dict[str, str] | None:
    """The named headers of the next record (lowercased names), or None at the end."""
    line = stream.readline()
    while line in (b"\r\n", b"\n"):
        line = stream.readline()
    if not line:
        return None
    if not line.startswith(b"WARC/"):
        raise _WarcStop("not a WARC file" if first else "malformed WARC record")
    headers: dict[str, str] = {}
    for _ in range(_WARC_HEADERS_MAX):
        line = stream.readline()
        if line in (b"\r\n", b"\n", b""):
            return headers
        key, _, value = line.decode("utf-8", "replace").partition(":")
        headers[key.strip().lower()] = value.strip()
    raise _WarcStop("malformed WARC record (header too long)")


def _warc_html(stream: _Budget, length: int, record_limit: int) -> bytes | None | str:
    """The HTML body of a response block: its bytes, None when not HTML, or why it is skipped."""
    block = stream.read(min(length, record_limit))
    http_end = block.find(b"\r\n\r\n")
    is_html = http_end >= 0 and b"text/html" in block[:http_end].lower()
    if length > record_limit:
        stream.skip(length - len(block))
        if is_html:
            return (
                f"record is {length} bytes, over the limit of {record_limit} "
                "(raise it with --max-chars)"
            )
    return block[http_end + 4 :] if is_html else None


def _content_length(headers: dict[str, str]) -> int:
    value = headers.get("content-length", "0")
    if not value.isascii() or not value.isdigit():
        raise _WarcStop("WARC record with a bad Content-Length")
    return int(value)


def _warc_documents(
    stream: _Budget, path: Path, source: str, *, max_chars: int, clean: bool
) -> Iterator[Document | ReadFailure]:
    number = records = 0
    while (headers := _warc_headers(stream, first=records == 0)) is not None:
        records += 1
        length = _content_length(headers)
        if headers.get("warc-type") != "response":
            stream.skip(length)
            continue
        body = _warc_html(stream, length, _WARC_RECORD_FACTOR * max_chars)
        if body is None:
            continue
        number += 1
        where = f"{source}:{number}"
        if isinstance(body, str):
            yield ReadFailure(where, body)
            continue
        yield _warc_page(body, headers, where, f"{path.stem}-{number}", max_chars, clean)
    if number == 0:
        yield ReadFailure(source, "no HTML response records in WARC file")


def _warc_page(
    body: bytes, headers: dict[str, str], where: str, default_id: str, max_chars: int, clean: bool
) -> Document | ReadFailure:
    try:
        html, encoding = decode_bytes(body)
    except InputError as err:
        return ReadFailure(where, err.message)
    doc = html_document(
        html,
        doc_id=headers.get("warc-record-id", "").strip("<>") or default_id,
        source=where,
        encoding=encoding,
        clean=clean,
        max_chars=max_chars,
    )
    if isinstance(doc, Document) and not doc.url and headers.get("warc-target-uri"):
        doc = replace(doc, url=headers["warc-target-uri"])
    return doc


def iter_warc(
    path: Path, source: str, *, max_chars: int, clean: bool
) -> Iterator[Document | ReadFailure]:
    """One document per HTML response record of a WARC file (plain or gzip-compressed).

    The file is read as a stream within a bounded size (see ``_WARC_SIZE_FACTOR``); a file that
    ends early or decompresses to too much ends in one failure after the records read so far.
    """
    import gzip
    import zlib

    opener: Callable[[Path, str], Any] = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            stream = _Budget(handle, _WARC_SIZE_FACTOR * max_chars)
            yield from _warc_documents(stream, path, source, max_chars=max_chars, clean=clean)
    except _WarcStop as err:
        yield ReadFailure(source, str(err))
    except (OSError, EOFError, zlib.error) as err:
        yield ReadFailure(source, f"cannot read WARC ({err})")
