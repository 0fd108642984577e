"""Bytes to text: encodings and binary sniffing.

In: the bytes of a file (or of standard input, or of a WARC record). Out: :func:`decode_bytes`,
the text and the fallback encoding used (``None`` for UTF-8, else ``utf-16`` or ``cp1252``), or
an :class:`~stancegraph.errors.InputError` saying the input is empty, binary or undecodable.
"""

from __future__ import annotations

from stancegraph.errors import InputError

__all__ = ["decode_bytes"]

_SNIFF_BYTES = 8192

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


def decode_bytes(data: bytes) -> tuple[str, str | None]:
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
