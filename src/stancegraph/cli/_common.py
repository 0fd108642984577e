"""What the commands share: exit codes, option groups, date parsing, outputs, analysing inputs.

In: the parsed options of a command. Out: checked values, analyses (read from JSON Lines or made
from articles, with a progress bar), written outputs and opened stores; a problem is a
``UsageError`` or another ``stancegraph.errors.StancegraphError``, which ``main``
turns into one line on stderr and an exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TextIO, TypeAlias

from ..errors import StancegraphError
from ..formats.safe import replacing, write_atomic
from ..pipeline import Options, analyze
from ..read.inputs import read_inputs
from ..types import ATTRIBUTIONS, Analysis, Document, ReadFailure
from ._console import Bar, progress_bar

if TYPE_CHECKING:
    from ..corpus.store import Store

EXIT_OK, EXIT_PARTIAL, EXIT_INPUT, EXIT_MODEL, EXIT_INTERRUPT = 0, 1, 2, 3, 130

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Help text as written: the examples keep their lines."""


class UsageError(StancegraphError):
    """A bad option value or an unwritable output: exit code 2 (bad usage)."""

    exit_code = EXIT_INPUT


def positive(value: int, flag: str) -> None:
    """Refuse a count below 1."""
    if value < 1:
        raise UsageError(f"{flag} must be at least 1, not {value}")


# ------------------------------------------------------------------------------------------
# option groups, named alike in every command


def output_option(p: argparse.ArgumentParser, what: str = "write to this file") -> None:
    p.add_argument("-o", "--output", metavar="OUT", help=f"{what} instead of stdout")


def db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db", metavar="URL", help="store: SQLite path or database URL (default ./stancegraph.db)"
    )


def reviewed_option(p: argparse.ArgumentParser) -> None:
    """--reviewed: only the items coders accepted, edited or added (from a corpus store)."""
    p.add_argument(
        "--reviewed",
        action="store_true",
        help="only items a coder accepted, edited or added (default: all, as corrected)",
    )


def nlp_options(p: argparse.ArgumentParser, *, codebook: bool = True) -> None:
    """--model, --workers and (for commands that code statements) --codebook."""
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline (default: packaged English)")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="parsing processes")
    p.add_argument(
        "--attribution",
        choices=ATTRIBUTIONS,
        default="learned",
        help="reported speech by the rules and the trained model (learned, the default) or by "
        "the rules alone (rules)",
    )
    if codebook:
        p.add_argument(
            "--codebook",
            metavar="FILE",
            help="YAML codebook: code statements against its concepts (see examples/codebook.yaml)",
        )


def filter_options(p: argparse.ArgumentParser, *, dates: str = "day") -> None:
    """--actor, --concept and the date range: --from/--start and --to/--stop are aliases.

    ``dates="day"`` keeps YYYY-MM-DD strings (the store's queries); ``"time"`` parses datetimes
    in UTC, the stop date up to its last second (DNA's semantics, for networks).
    """
    p.add_argument("--actor", metavar="NAME", help="only this actor (part of a name or alias)")
    p.add_argument("--concept", metavar="C", help="only this concept (id or label)")
    first, last = (_day, _day) if dates == "day" else (start_date, stop_date)
    p.add_argument(
        "--from", "--start", dest="start", metavar="DATE", type=first, help="first day included"
    )
    p.add_argument(
        "--to", "--stop", dest="stop", metavar="DATE", type=last, help="last day included"
    )


def _date(value: str, *, end: bool) -> datetime:
    from ..formats.dna import parse_date

    parsed = parse_date(value)
    if parsed is None:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}")
    if end and len(value.strip()) == 10:  # a day: up to its last second
        parsed += timedelta(days=1, seconds=-1)
    return parsed


def _day(value: str) -> str:
    _date(value, end=False)
    return value.strip()[:10]


def start_date(value: str) -> datetime:
    return _date(value, end=False)


def stop_date(value: str) -> datetime:
    return _date(value, end=True)


# ------------------------------------------------------------------------------------------
# outputs and stores


def write_text(path: str, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (a temporary file renamed over it); an
    unwritable path is a usage error naming it, and the old file stays as it was."""
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise UsageError(
            f"cannot write: {exc.strerror or type(exc).__name__}", source=path
        ) from exc


def write_frame(frame: Any, output: str) -> None:
    """A pandas frame as a Parquet file at ``output``, whole or not at all."""
    try:
        with replacing(output) as tmp:
            frame.to_parquet(tmp, index=False)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UsageError(f"cannot write: {reason}", source=output) from exc


def emit(output: str | None, text: str, out: TextIO) -> None:
    """``text`` to the file ``output``, else to ``out``."""
    if output:
        write_text(output, text)
    else:
        out.write(text)


def write_parquet(rows: Sequence[dict[str, Any]], output: str | None) -> None:
    """Rows as a Parquet file (``-o`` is required: Parquet is binary)."""
    import pandas as pd

    if not output:
        raise UsageError("--format parquet needs -o FILE.parquet")
    write_frame(pd.DataFrame(list(rows)), output)


def read_store(db: str | None) -> Store:
    """The store at ``db`` for a command that only reads: a missing store is an error, not new."""
    from ..corpus.store import open_store

    return open_store(db, create=False)


# ------------------------------------------------------------------------------------------
# analyses of inputs


def looks_like_analyses(path: str) -> bool:
    """Whether a JSON Lines file holds stancegraph analyses rather than articles."""
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    return '"stancegraph/analysis-1"' in line
    except (OSError, UnicodeDecodeError):
        return False
    return False


def options_of(args: argparse.Namespace) -> Options:
    """Pipeline options from --model, --workers and --codebook (if the command has it)."""
    from ..extract.codebook import load_codebook

    positive(args.workers, "--workers")
    path = getattr(args, "codebook", None)
    codebook = load_codebook(path) if path else None
    return Options(
        model=args.model, workers=args.workers, codebook=codebook, attribution=args.attribution
    )


def analyses_of(
    inputs: Sequence[str], args: argparse.Namespace, err: TextIO, *, what: str = "analysing"
) -> tuple[list[Analysis], int]:
    """Analyses read from JSONL files of analyses, or made from articles; and the failures."""
    from ..formats.dna import read_analyses_jsonl

    options = options_of(args)  # a bad codebook fails before anything is read
    analyses: list[Analysis] = []
    articles: list[str] = []
    for path in inputs:
        if path.endswith((".jsonl", ".ndjson")) and looks_like_analyses(path):
            analyses.extend(read_analyses_jsonl(path))
        else:
            articles.append(path)
    failures = 0
    if articles:
        docs: list[Document] = []
        for item in read_inputs(articles, stdin=sys.stdin):
            if isinstance(item, ReadFailure):
                failures += 1
                skipped(err, item)
            else:
                docs.append(item)
        made, failed = analyse_with_progress(docs, options, err, what=what)
        analyses.extend(made)
        failures += len(failed)
    return analyses, failures


def skipped(err: TextIO | Bar, item: ReadFailure) -> None:
    """The one line that names a skipped input and why."""
    message = f"skipped {item.source}: {item.reason}"
    if isinstance(err, Bar):
        err.say(message)
    else:
        from ._console import say

        say(err, message)


def analyse_with_progress(
    docs: Sequence[Document], options: Options, err: TextIO, *, what: str = "analysing"
) -> tuple[list[Analysis], list[ReadFailure]]:
    """Analyse ``docs`` in order with a progress bar on a terminal; name each failure on stderr."""
    failed: list[ReadFailure] = []
    analyses: list[Analysis] = []
    reported = 0
    with progress_bar(err, what) as bar:
        bar.update(done=0, total=len(docs))
        for analysis in analyze(docs, options, failures=failed):
            analyses.append(analysis)
            for item in failed[reported:]:
                skipped(bar, item)
            reported = len(failed)
            bar.update(done=len(analyses) + reported, total=len(docs))
        for item in failed[reported:]:
            skipped(bar, item)
        bar.update(done=len(docs), total=len(docs))
    return analyses, failed
