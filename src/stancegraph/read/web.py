"""Web inputs: HTML pages, RSS/Atom feeds and WARC archives as documents.

In: the decoded text of an HTML page or a feed, or the path of a WARC file (plain or gzip).
Out: :func:`html_document`, one :class:`~stancegraph.types.Document` of the page's article body
(extracted by trafilatura, with title, date, URL, author and site name); :func:`iter_feed`, one
per RSS item or Atom entry; :func:`iter_warc`, one per HTML response record; each input that
holds no article text is a :class:`~stancegraph.types.ReadFailure` saying so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

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


def html_document(
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


def iter_warc(
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
            html, encoding = decode_bytes(block[http_end + 4 :])
        except InputError as err:
            yield ReadFailure(where, err.message)
            continue
        doc = html_document(
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
