"""``stancegraph events``: articles or analyses in, PLOVER event records out.

In: article files or folders (analysed on the fly) or JSON Lines of analyses; without them, the
corpus store. Out: one PLOVER record per event, as JSON Lines or CSV (a table or Parquet too, for
the store).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from typing import TextIO

from ._common import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_PARTIAL,
    Formatter,
    Subparsers,
    UsageError,
    analyses_of,
    db_option,
    emit,
    filter_options,
    nlp_options,
    output_option,
    positive,
    reviewed_option,
)
from ._console import say
from .corpus import QUERY_FORMATS, run_query

EVENTS_HELP = """\
Write one PLOVER event record per event: type, mode, source and target actors (with country and
sector), trigger, date, location, quad class and score, with the document's metadata.

examples:
  stancegraph events news.csv --format csv -o events.csv
  stancegraph events analyses.jsonl -o events.jsonl
  stancegraph events --db corpus.db --actor Brandt --from 2024-01-01
  stancegraph events --db corpus.db --format parquet -o events.parquet
  stancegraph events --db corpus.db --reviewed --format csv -o reviewed-events.csv
Without INPUT, lists the events of the corpus store (see 'stancegraph ingest'): --format table
(the default then), csv, jsonl (PLOVER records, as for INPUT) or parquet. --actor matches the
source or the target; --concept keeps events in a sentence coded with a statement on that
concept; --from/--start and --to/--stop are the same options. Stored events are as coders
corrected them in review; --reviewed lists only those a coder accepted, edited or added.
"""


def add_parsers(sub: Subparsers) -> None:
    v = sub.add_parser(
        "events",
        help="write PLOVER event records (who did what to whom)",
        description=EVENTS_HELP,
        formatter_class=Formatter,
    )
    v.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="analyses (.jsonl) or articles to analyse; none: the corpus store",
    )
    v.add_argument(
        "--format",
        "-f",
        choices=QUERY_FORMATS,
        help="jsonl (default with INPUT) or csv; table (default) and parquet for the store",
    )
    output_option(v, "write to this file (required for parquet)")
    nlp_options(v)
    db_option(v)
    filter_options(v)
    reviewed_option(v)
    v.set_defaults(run=run_events)


def run_events(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..formats.plover import PLOVER_CSV_FIELDS, event_to_plover_record, plover_record_to_row

    positive(args.workers, "--workers")
    if not args.inputs:
        return run_query(args, out, err)
    store_only = [f"--{n}" for n in ("db", "actor", "concept", "reviewed") if getattr(args, n)]
    store_only += [f for f, v in (("--from", args.start), ("--to", args.stop)) if v]
    if store_only:
        raise UsageError(f"{store_only[0]} queries the corpus store; give no INPUT")
    if args.format in ("table", "parquet"):
        raise UsageError(
            f"--format {args.format} is for stored events; with INPUT use csv or jsonl"
        )
    analyses, failures = analyses_of(args.inputs, args, err)
    if not analyses:
        say(err, "no document to take events from", error=True)
        return EXIT_INPUT
    records = [event_to_plover_record(e, a) for a in analyses for e in a.events]
    buffer = io.StringIO()
    if args.format == "csv":
        writer = csv.DictWriter(buffer, fieldnames=list(PLOVER_CSV_FIELDS))
        writer.writeheader()
        for record in records:
            writer.writerow(plover_record_to_row(record))
    else:
        for record in records:
            buffer.write(json.dumps(record, ensure_ascii=False) + "\n")
    emit(args.output, buffer.getvalue(), out)
    return EXIT_PARTIAL if failures else EXIT_OK
