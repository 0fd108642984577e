"""Properties of the readers and the quote-mark scanner, over generated inputs (Hypothesis).

Any bytes in a file of any supported kind come back as documents or one-line failures naming
the file, never as an exception; any text given to ``find_quotations`` comes back as spans
inside the text, in order and not overlapping.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from stancegraph.extract.quotes import find_quotations
from stancegraph.read.inputs import read_path
from stancegraph.types import Document, ReadFailure

MAX_CHARS = 2_000

# Characters that steer the parsers: quotes, separators, brackets, line breaks of every kind,
# markup, accents and a few controls.
_SYNTAX = list("abc XYZ.,;:\"'`{}[]<>/=&#\\\n\r\t\x00\x0b\x1b\u2028\u0085é€“”‘’«»„")
_TEXTY = st.text(alphabet=st.sampled_from(_SYNTAX), max_size=400)
_CODECS = ["utf-8", "utf-16-le", "utf-16", "cp1252", "latin-1"]


@st.composite
def _file_bytes(draw: st.DrawFn) -> bytes:
    """Raw bytes, or syntax-heavy text in one of several encodings."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=600))
    text = draw(_TEXTY)
    return text.encode(draw(st.sampled_from(_CODECS)), errors="replace")


_RECORD_PREFIXES = {
    ".jsonl": [b'{"text": "', b'{"id": 1, "text": "a\\u2028b', b""],
    ".csv": [b"id,text\n", b'text\n"', b""],
    ".json": [b'[{"text": "', b'{"text": ', b""],
    ".html": [b"<html><body><article><p>", b""],
    ".rss": [b"<rss><channel><item><description>", b""],
    ".warc": [b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n", b""],
    ".txt": [b""],
}


def _check(results: list[Document | ReadFailure], path: str) -> None:
    assert results, "no result at all"
    for item in results:
        assert isinstance(item, Document | ReadFailure), type(item)
        assert item.source is not None and item.source.startswith(path)
        if isinstance(item, ReadFailure):
            assert item.reason.strip() and "\n" not in item.reason, item.reason
        else:
            assert item.text.strip() and len(item.text) <= MAX_CHARS


@settings(max_examples=150, deadline=None)
@given(
    ext=st.sampled_from(sorted(_RECORD_PREFIXES)),
    prefix_index=st.integers(min_value=0, max_value=2),
    data=_file_bytes(),
)
def test_any_bytes_read_as_documents_or_one_line_failures(
    ext: str, prefix_index: int, data: bytes
) -> None:
    prefixes = _RECORD_PREFIXES[ext]
    content = prefixes[prefix_index % len(prefixes)] + data
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{ext}"
        path.write_bytes(content)
        _check(list(read_path(str(path), max_chars=MAX_CHARS)), str(path))


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(_TEXTY, st.text(max_size=300)))
def test_find_quotations_gives_ordered_spans_inside_the_text(text: str) -> None:
    quotations = find_quotations(text)
    last_end = 0
    for quotation in quotations:
        assert 0 <= quotation.open < len(text)
        assert quotation.open >= last_end
        assert quotation.open <= quotation.close <= len(text)
        assert quotation.pieces
        for start, end in quotation.pieces:
            assert quotation.open < start < end <= quotation.close
            assert start >= last_end
            last_end = end
        last_end = max(last_end, quotation.close)
