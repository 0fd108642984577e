"""Bytes to text: encodings and binary sniffing.

In: the bytes of a file (or of standard input, or of a WARC record). Out: ``decode_bytes``,
the text and the fallback encoding used (``None`` for UTF-8; else ``utf-16``, ``utf-16-le`` or
``utf-16-be`` for UTF-16 without a byte-order mark, ``cp1252``, or ``utf-8 (N invalid bytes read
as cp1252)`` for UTF-8 with a few stray bytes), or an ``stancegraph.errors.InputError``
saying the input is empty, binary or undecodable.
"""

from __future__ import annotations

import re

from stancegraph.errors import InputError

__all__ = ["decode_bytes"]

_SNIFF_BYTES = 8192

# Bytes that occur in text: tab, line feed, vertical tab, form feed, carriage return, escape,
# and everything from space up (0x7f, DEL, excluded).
_TEXT_BYTES = bytes([7, 8, 9, 10, 11, 12, 13, 27, *range(0x20, 0x7F), *range(0x80, 0x100)])
_MAX_CONTROL_SHARE = 0.05
_MAX_HIGH_SHARE = 0.3

# UTF-16 without a byte-order mark: text in a Latin script has a NUL in (nearly) every other
# byte, the high byte of each code unit. Half the code units with a NUL high byte, and almost
# no NUL low byte, is far from anything a binary format or an 8-bit text produces.
_UTF16_MIN_NUL_SHARE = 0.5
_UTF16_MAX_OTHER_NUL_SHARE = 0.02

# Bytes that are not UTF-8 show as lone surrogates under 'surrogateescape'.
_ESCAPED_RE = re.compile("[\udc80-\udcff]")
_NON_ASCII_RE = re.compile("[^\x00-\x7f\udc80-\udcff]")


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _TEXT_BYTES))
    return controls > _MAX_CONTROL_SHARE * len(sample)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """The text of UTF-16 bytes without a byte-order mark, or None when they are not that."""
    sample = data[: _SNIFF_BYTES - _SNIFF_BYTES % 2]
    even, odd = sample[0::2], sample[1::2]
    if len(data) % 2 or not odd:
        return None
    for high, low, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if high.count(0) >= _UTF16_MIN_NUL_SHARE * len(high) and low.count(
            0
        ) <= _UTF16_MAX_OTHER_NUL_SHARE * len(low):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            if _looks_binary(text[:_SNIFF_BYTES].encode("utf-8", "replace")):
                return None
            return text, codec
    return None


def _utf8_with_stray_bytes(data: bytes) -> tuple[str, str] | None:
    """UTF-8 text with a few bytes that are not UTF-8, each read as cp1252 where it stands.

    Taken when the text holds at least as many well-formed non-ASCII characters as stray bytes
    (a cp1252 file rarely holds any); None otherwise.
    """
    text = data.decode("utf-8", "surrogateescape")
    stray = len(_ESCAPED_RE.findall(text))
    if len(_NON_ASCII_RE.findall(text)) < stray:
        return None

    def local(match: re.Match[str]) -> str:
        return bytes([ord(match.group(0)) - 0xDC00]).decode("cp1252", "replace")

    noun = "byte" if stray == 1 else "bytes"
    return _ESCAPED_RE.sub(local, text), f"utf-8 ({stray} invalid {noun} read as cp1252)"


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Text of a file's bytes and the fallback encoding used (None for UTF-8).

    Raises ``InputError`` for an empty, binary or undecodable file.
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
    if b"\x00" in sample and (utf16 := _utf16_without_bom(data)) is not None:
        if not utf16[0].strip():
            raise InputError("empty file")
        return utf16
    if _looks_binary(sample):
        raise InputError("binary file, not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        bad_byte, offset = data[err.start], err.start
    mixed = _utf8_with_stray_bytes(data)
    if mixed is not None:
        return mixed
    high = sum(1 for b in sample if b >= 0x80)
    if high > _MAX_HIGH_SHARE * len(sample):
        raise InputError("binary file, not text")
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise InputError(f"not valid UTF-8 (byte 0x{bad_byte:02x} at offset {offset})") from None
