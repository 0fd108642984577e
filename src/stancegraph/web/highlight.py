"""Highlighted text from character offsets: the pieces a page shows, each with what covers it.

In: a document's text and ``Mark`` objects (a character range, CSS classes, the review items and
actors it belongs to). Out: ``Segment`` objects that cut the text at every mark boundary, each
with the union of the classes, items and actors of the marks covering it and where it starts
(in code points, so the page's script can count a selection as Python does), in text order. The
template writes each piece through Jinja2's autoescaping, so no document text is ever markup.
Also: ``speaker_palette``, one distinct colour per speaker, as CSS served by the app itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..formats.colours import speaker_palette

__all__ = ["Mark", "Segment", "palette_css", "segments", "speaker_palette"]


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted character range ``[start, end)``."""

    start: int
    end: int
    classes: tuple[str, ...] = ()
    items: tuple[int, ...] = ()  # indexes of the review items it belongs to
    actors: tuple[str, ...] = ()  # actor ids it names


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the text and what covers it (all empty for plain text)."""

    text: str
    classes: str = ""
    items: str = ""  # space-separated item indexes
    actors: str = ""  # space-separated actor ids
    start: int = 0  # where the piece starts in the text, in characters (code points)

    @property
    def plain(self) -> bool:
        return not (self.classes or self.items or self.actors)


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """``text`` cut at every boundary of ``marks`` (clipped to the text; empty ones dropped)."""
    size = len(text)
    kept = [m for m in marks if 0 <= m.start < m.end and m.start < size]
    cuts = sorted({0, size, *(m.start for m in kept), *(min(m.end, size) for m in kept)})
    starting: dict[int, list[Mark]] = {}
    for mark in kept:
        starting.setdefault(mark.start, []).append(mark)
    active: list[Mark] = []
    out: list[Segment] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        active = [m for m in active if m.end > left] + starting.get(left, [])
        out.append(_segment(text[left:right], left, active))
    return out


def _segment(piece: str, start: int, covering: Sequence[Mark]) -> Segment:
    if not covering:
        return Segment(piece, start=start)
    classes = sorted({c for m in covering for c in m.classes})
    items = sorted({i for m in covering for i in m.items})
    actors = sorted({a for m in covering for a in m.actors})
    return Segment(piece, " ".join(classes), " ".join(map(str, items)), " ".join(actors), start)


def palette_css(count: int) -> str:
    """Stylesheet of classes ``sp-0`` .. ``sp-{count-1}``, one colour per speaker."""
    rules = [
        f".sp-{i}{{background:{c}}}.sw-{i}{{border-left:6px solid {c}}}"
        for i, c in enumerate(speaker_palette(count))
    ]
    return "\n".join(rules) + "\n"
