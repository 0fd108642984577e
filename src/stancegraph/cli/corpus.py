"""``stancegraph ingest``, ``status`` and the store's queries (``quotes``, ``statements``).

In: article files, folders and glob patterns (``ingest``); a store URL and filters (the others).
Out: a filled store with a progress bar and one line per failure on stderr; counts, tables, CSV,
JSON Lines or Parquet of what the store holds. Only ``ingest`` creates a store.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TextIO

from ..errors import InputError
from ._common import (
    EXIT_OK,
    EXIT_PARTIAL,
    Formatter,
    Subparsers,
    UsageError,
    db_option,
    emit,
    filter_options,
    nlp_options,
    options_of,
    output_option,
    read_store,
    reviewed_option,
    write_frame,
)
from ._console import is_terminal, progress_bar, say, table

if TYPE_CHECKING:
    from ..corpus.ingest import Progress

INGEST_HELP = """\
Analyse a corpus into the store, one transaction per document: rerunning skips what is stored
with the same content and extractor version, and finishes a run that was killed.

examples:
  stancegraph ingest articles/
  stancegraph ingest 'news/**/*.jsonl' --db corpus.db --workers 4
  stancegraph ingest news.csv --db postgresql+psycopg://user@localhost/news --reanalyse
  stancegraph ingest articles/ --codebook codebook.yaml --db corpus.db
  stancegraph ingest articles/ --engine dask --workers 4
  stancegraph ingest articles/ --engine dask --scheduler tcp://10.0.0.5:8786
--engine dask analyses on Dask workers (a local cluster of --workers processes, or those of
--scheduler) and stores here; it needs pip install -e '.[dask]'.
The store is --db URL (a path is a SQLite file), else $STANCEGRAPH_DB, else ./stancegraph.db.
A document that cannot be read or analysed is stored as failed with its reason and the run goes
on. On a terminal a progress bar (rate, ETA) is drawn on stderr. Exit codes: 0 all stored,
1 completed with failures, 2 bad input or database.
"""

STATUS_HELP = """\
Count what the corpus store holds: documents (analysed, failed with reasons), actors, quotes,
statements and events. A store that does not exist is an error, never created.

examples:
  stancegraph status
  stancegraph status --db corpus.db --format json -o status.json
"""

QUERY_HELP = """\
List the {what} of the corpus store, filtered by actor (a part of a name or alias), concept
(id or label) and article date. --from/--start and --to/--stop are the same options. The
{what} are as coders corrected them in review (rejected ones left out, edits applied, added
ones included); --reviewed lists only those a coder accepted, edited or added.

examples:
  stancegraph {command} --actor Brandt
  stancegraph {command} --db corpus.db --concept port_jobs --from 2024-01-01 --to 2024-06-30
  stancegraph {command} --format csv > {command}.csv
  stancegraph {command} --format parquet -o {command}.parquet
  stancegraph {command} --db corpus.db --reviewed --format csv -o {command}.csv
"""

QUERY_FORMATS = ("table", "csv", "jsonl", "parquet")


def add_parsers(sub: Subparsers) -> None:
    i = sub.add_parser(
        "ingest",
        help="analyse a corpus into the store (resumable)",
        description=INGEST_HELP,
        formatter_class=Formatter,
    )
    i.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or glob patterns")
    db_option(i)
    nlp_options(i)
    i.add_argument("--reanalyse", action="store_true", help="analyse stored documents again")
    i.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where to analyse: this process (default) or Dask workers",
    )
    i.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler, e.g. tcp://HOST:8786 (with --engine dask; default: a local cluster)",
    )
    i.set_defaults(run=run_ingest)

    s = sub.add_parser(
        "status",
        help="count what the corpus store holds",
        description=STATUS_HELP,
        formatter_class=Formatter,
    )
    db_option(s)
    s.add_argument("--format", "-f", choices=("table", "json"), default="table")
    output_option(s)
    s.set_defaults(run=run_status)

    for command in ("quotes", "statements"):
        q = sub.add_parser(
            command,
            help=f"list the {command} of the corpus store",
            description=QUERY_HELP.format(what=command, command=command),
            formatter_class=Formatter,
        )
        db_option(q)
        filter_options(q)
        reviewed_option(q)
        q.add_argument("--format", "-f", choices=QUERY_FORMATS, default="table")
        output_option(q, "write to this file (required for parquet)")
        q.set_defaults(run=run_query)


# ------------------------------------------------------------------------------------------
# ingest


def run_ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..corpus.ingest import BATCH_SIZE, check_paths, expand_paths, ingest
    from ..corpus.store import open_store

    check_paths(expand_paths(args.paths))  # a missing input is a usage error: no store, no row
    chosen = options_of(args)
    if args.scheduler is not None and args.engine != "dask":
        raise InputError("--scheduler needs --engine dask")
    options = replace(chosen, batch_size=BATCH_SIZE)
    with open_store(args.db) as store, progress_bar(err, "ingesting") as bar:

        def progress(p: Progress) -> None:
            note = f"{p.failed} failed, {p.skipped} already stored"
            bar.update(done=p.done, total=p.todo, note=note)

        report = ingest(
            args.paths,
            store,
            options=options,
            reanalyse=args.reanalyse,
            progress=progress,
            engine=args.engine,
            scheduler=args.scheduler,
        )
    for failure in report.failures:
        say(err, f"failed {failure.source}: {failure.reason}")
    summary = (
        f"{report.analysed} analysed, {report.skipped} already stored, "
        f"{len(report.failures)} failed, in {store.url}"
    )
    if report.failures:
        say(err, f"completed with {len(report.failures)} failures ({summary})", error=True)
        return EXIT_PARTIAL
    say(err, f"completed ({summary})")
    return EXIT_OK


# ------------------------------------------------------------------------------------------
# status and queries


def run_status(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from dataclasses import asdict

    with read_store(args.db) as store:
        status = store.status()
    if args.format == "json":
        data = asdict(status)
        data["failures"] = [{"source": s, "reason": r} for s, r in status.failures]
        emit(args.output, json.dumps(data, indent=2) + "\n", out)
        return EXIT_OK
    terminal = not args.output and is_terminal(out)
    names = ("documents", "analysed", "failed", "actors", "quotes", "statements", "events")
    counts = [{"what": n, "count": getattr(status, n)} for n in names]
    text = f"store: {store.url}\n" + table(counts, ("what", "count"), terminal=terminal)
    if status.failures:
        failures = [{"source": s, "reason": r} for s, r in status.failures]
        text += "failed documents\n" + table(failures, ("source", "reason"), terminal=terminal)
    emit(args.output, text, out)
    return EXIT_OK


_QUERY_COLUMNS = {
    "quotes": (
        "document date id speaker_name speaker_text type cue text start end confidence".split(),
        "document date speaker_name type cue text".split(),
    ),
    "statements": (
        "document date id actor_name concept concept_label agreement quote start end "
        "confidence".split(),
        "document date actor_name agreement concept quote confidence".split(),
    ),
    "events": ([], "document date type source_name trigger target_name mode".split()),
}


def run_query(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..corpus.store import QueryFilter

    where = QueryFilter(actor=args.actor, concept=args.concept, start=args.start, stop=args.stop)
    fmt = args.format or "table"
    if fmt == "parquet" and not args.output:
        raise UsageError("--format parquet needs -o FILE.parquet")
    with read_store(args.db) as store:
        rows = getattr(store, args.command)(where, reviewed=args.reviewed)
    if fmt == "parquet":
        _query_parquet(rows, args.command, args.output)
    else:
        terminal = not args.output and is_terminal(out)
        emit(args.output, _query_text(rows, args.command, fmt, terminal=terminal), out)
    if not rows:
        say(err, f"no {args.command} matched")
    return EXIT_OK


def _query_parquet(rows: list[dict[str, Any]], kind: str, output: str) -> None:
    from ..formats.frames import rows_to_frame

    write_frame(rows_to_frame(rows, kind), output)  # type: ignore[arg-type]


def _query_text(rows: list[dict[str, Any]], kind: str, fmt: str, *, terminal: bool) -> str:
    """Rows as JSON Lines, CSV or a table (events as PLOVER records in JSONL and CSV)."""
    from ..formats.plover import PLOVER_CSV_FIELDS, plover_record_to_row
    from ..formats.safe import csv_cell

    buffer = io.StringIO()
    if fmt == "jsonl":
        for row in rows:
            item = row["record"] if kind == "events" else row
            buffer.write(json.dumps(item, ensure_ascii=False) + "\n")
    elif fmt == "csv" and kind == "events":
        writer = csv.DictWriter(buffer, fieldnames=list(PLOVER_CSV_FIELDS))
        writer.writeheader()
        for row in rows:
            writer.writerow(plover_record_to_row(row["record"]))
    elif fmt == "csv":
        writer = csv.DictWriter(buffer, fieldnames=_QUERY_COLUMNS[kind][0], extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    else:
        if kind == "events":
            rows = [_event_cells(row) for row in rows]
        buffer.write(table(rows, _QUERY_COLUMNS[kind][1], terminal=terminal))
    return buffer.getvalue()


def _event_cells(row: dict[str, Any]) -> dict[str, Any]:
    event = row["event"]
    return {
        **row,
        "type": event["type"],
        "trigger": event["trigger"],
        "mode": ",".join(event["mode"]),
    }
