"""What the command line draws with rich: progress bars, tables and one-line messages.

In: the stream to draw on (stderr for progress and messages, stdout or ``-o FILE`` for tables)
and what to show. Out: text on that stream. Progress is drawn only when the stream is a terminal,
so pipes, files and tests get none of it; messages are plain text unless the stream is a terminal,
where ``stancegraph:`` is coloured.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from ..formats.safe import printable

__all__ = ["Bar", "is_terminal", "progress_bar", "say", "table"]

CELL_WIDTH = 60  # a table cell longer than this is cut with "…"


def is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is an interactive terminal."""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def say(err: TextIO, message: str, *, error: bool = False) -> None:
    """One line ``stancegraph: message`` on ``err``; coloured on a terminal, else plain text.

    Control characters in the message (a file name, a text) are shown as escapes.
    """
    message = printable(message)
    if not is_terminal(err):
        err.write(f"stancegraph: {message}\n")
        err.flush()
        return
    line = Text("stancegraph: ", style="bold red" if error else "bold")
    line.append(message)
    Console(file=err, soft_wrap=True, highlight=False).print(line)


class _Rate(ProgressColumn):
    """Items per second, e.g. ``6.2 docs/s``."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("-" if speed is None else f"{speed:.1f} {self.unit}/s", style="cyan")


class Bar:
    """A progress bar's handle: move it on, or print a line above it."""

    def __init__(self, progress: Progress | None, err: TextIO) -> None:
        self._progress, self._err = progress, err
        self._task = progress.add_task("", total=None, note="") if progress is not None else None

    def update(self, *, done: int, total: int | None = None, note: str = "") -> None:
        """Set how many items are done (of ``total``), with a short note after the bar."""
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=done, total=total, note=note)

    def say(self, message: str) -> None:
        """A ``stancegraph:`` line that scrolls above the bar (or plain, without one)."""
        if self._progress is None:
            say(self._err, message)
        else:
            line = Text(f"stancegraph: {printable(message)}")
            self._progress.console.print(line, soft_wrap=True)


@contextmanager
def progress_bar(err: TextIO, what: str, *, unit: str = "docs") -> Iterator[Bar]:
    """A bar with rate and ETA on ``err`` while the block runs, if ``err`` is a terminal."""
    if not is_terminal(err):
        yield Bar(None, err)
        return
    progress = Progress(
        TextColumn(f"[bold]{what}"),
        BarColumn(),
        MofNCompleteColumn(),
        _Rate(unit),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[note]}"),
        console=Console(file=err),
        transient=False,
    )
    with progress:
        yield Bar(progress, err)


def _cell(value: object) -> str:
    """A cell on one line, control characters shown as escapes, cut at ``CELL_WIDTH``."""
    text = "" if value is None else " ".join(printable(str(value)).split())
    return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"


def table(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    *,
    terminal: bool = False,
) -> str:
    """Rows as a table, cells cut at 60 characters; a column named ``x_name`` is headed ``x``.

    For a ``terminal``, the table fits its width and has colour; else each row is one line
    without colour, for grep and less.
    """
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in columns:
        numeric = any(isinstance(row.get(column), int | float) for row in rows)
        grid.add_column(
            column.removesuffix("_name"),
            justify="right" if numeric else "left",
            no_wrap=not terminal,
        )
    for row in rows:
        grid.add_row(*(_cell(row.get(c)) for c in columns))
    buffer = io.StringIO()
    if terminal:
        width = shutil.get_terminal_size().columns
        Console(file=buffer, force_terminal=True, width=width, highlight=False).print(grid)
    else:
        Console(file=buffer, width=100_000, color_system=None, highlight=False).print(grid)
    return buffer.getvalue()
