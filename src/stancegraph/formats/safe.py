"""What every output needs before it leaves: printable text, legal XML, inert CSV cells, whole files.

In: text taken from articles (names, concepts, quotes) and the path an output goes to.
Out: the same text with control characters shown as escapes (``printable``) or with the
characters XML 1.0 forbids replaced (``xml_text``); CSV cells that a spreadsheet would run as a
formula prefixed with ``'`` (``csv_cell``, the OWASP advice), numbers left alone; and files written
whole or not at all (``write_atomic``, ``replacing``): the data goes to a temporary file in the
target's folder, is flushed to disk, then renamed over the target, so a full disk or a crash
leaves the old file as it was and no temporary file behind.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

__all__ = ["csv_cell", "csv_row", "printable", "replacing", "write_atomic", "xml_text"]

# C0 controls, DEL and C1 controls; whitespace controls become a space, the others an escape.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_SPACES = frozenset("\t\r\x0b\x0c\x1c\x1d\x1e\x1f\x85")
# What XML 1.0 forbids (production 2, Char): C0 controls but tab, LF and CR; surrogates;
# U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A spreadsheet reads a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return " " if char in _SPACES else f"\\x{ord(char):02x}"


def printable(text: str, *, newlines: bool = False) -> str:
    """``text`` safe for a terminal or a page: no C0/C1 control character is left raw.

    Tabs, carriage returns and other whitespace controls become a space; newlines too unless
    ``newlines`` keeps them; every other control character (ESC, BEL, NUL, ...) becomes its
    visible escape, e.g. ``\\x1b``.
    """
    if newlines:
        return "\n".join(_CONTROL.sub(_escape, line) for line in text.split("\n"))
    return _CONTROL.sub(lambda m: " " if m.group() == "\n" else _escape(m), text)


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced: controls by their escape
    (``\\x00``), lone surrogates and U+FFFE/U+FFFF by U+FFFD."""

    def replace(match: re.Match[str]) -> str:
        char = match.group()
        return f"\\x{ord(char):02x}" if ord(char) < 0x20 else "\ufffd"

    return _NOT_XML.sub(replace, text)


def csv_cell(value: Any, *, formulas: bool = True) -> Any:
    """A CSV cell a spreadsheet shows as text: a text starting with ``= + - @``, a tab or a
    carriage return gets a leading ``'``; numbers, and texts that are plain numbers, stay.

    A carriage return inside a text becomes a newline: Python's CSV writer quotes a field with
    a newline but (before 3.12, with ``lineterminator="\\n"``) not one with a lone ``\\r``,
    which would break the row. ``formulas=False`` leaves formula-like texts as they are.
    """
    if not isinstance(value, str):
        return value
    cell = value.replace("\r\n", "\n").replace("\r", "\n")
    if formulas and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + cell
    return cell


def csv_row(cells: Iterable[Any], *, formulas: bool = True) -> list[Any]:
    """Every cell of a row through ``csv_cell``."""
    return [csv_cell(cell, formulas=formulas) for cell in cells]


def _write_all(handle: IO[bytes], data: bytes) -> None:
    handle.write(data)


def _new_file_mode(target: Path) -> int:
    """The target's own mode when it exists, else what the umask allows."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


@contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """A temporary path next to ``path``; when the block ends without error, the file written
    there is flushed to disk and renamed to ``path``; on an error it is removed."""
    target = Path(path)
    handle, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent if str(target.parent) else "."
    )
    os.close(handle)
    tmp = Path(name)
    try:
        os.chmod(tmp, _new_file_mode(target))
        yield tmp
        with open(tmp, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` whole or not at all."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with replacing(path) as tmp, open(tmp, "wb") as handle:
        _write_all(handle, payload)
