"""``stancegraph network`` and ``stancegraph export``: statements in, networks and files out.

In: articles (analysed on the fly), JSON Lines of analyses, a DNA database, or the corpus store.
Out: a discourse network (GraphML, GEXF, CSV matrix, edge list, JSON, a drawing), a DNA database,
or a flat table of statements (CSV or Parquet).
"""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..errors import InputError
from ._common import (
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
    read_store,
    reviewed_option,
    write_parquet,
    write_text,
)
from ._console import say

if TYPE_CHECKING:
    from ..formats.dna import StatementRecord
    from ..network.build import Network, NetworkOptions

NETWORK_HELP = """\
Build a discourse network with DNA's semantics (organisations x concepts by default) from
articles, analyses, a DNA database or the corpus store; write it as GraphML, GEXF, a CSV matrix,
a CSV edge list or JSON; optionally draw it.

examples:
  stancegraph network analyses.jsonl -o network.graphml
  stancegraph network articles/ --codebook codebook.yaml --workers 2 -o network.graphml
  stancegraph network sample.dna --type onemode --qualifier-aggregation subtract --plot net.png
  stancegraph network sample.dna --duplicates document --normalization activity -o net.json
  stancegraph network sample.dna --window 7 --step 3 --format edgelist -o windows.csv
  stancegraph network --db corpus.db --actor Brandt --from 2024-01-01 -o brandt.graphml
  stancegraph network --db corpus.db --reviewed -o reviewed.graphml
INPUT is one or more article files or folders (analysed on the fly, as by 'stancegraph
analyze'), JSON Lines files of analyses (stancegraph analyze --format jsonl), or one DNA
database (.dna); without INPUT, the corpus store (--db), its statements as coders corrected
them in review (--reviewed: only those a coder accepted, edited or added). Without --format, -o's suffix decides
(.graphml, .gexf, .json, else csv). Time windows in graphml, gexf or csv go to numbered files
(OUT-001.graphml, ...); json and edgelist hold them all. Dates are YYYY-MM-DD or ISO date-times,
in UTC; --from/--start and --to/--stop are the same options, and the last day is included.
"""

EXPORT_HELP = """\
Export statements: as a DNA database that DNA's GUI opens (every coder's password is
'stancegraph' unless --password says otherwise), or as a flat table (CSV, or Parquet with -o)
of every statement with its variables, span and document metadata.

examples:
  stancegraph export dna analyses.jsonl -o corpus.dna
  stancegraph export dna articles/ --codebook codebook.yaml -o corpus.dna
  stancegraph export statements analyses.jsonl -o statements.csv
  stancegraph export statements news.csv --format parquet -o statements.parquet
  stancegraph export statements sample.dna
  stancegraph export dna --db corpus.db --reviewed -o reviewed.dna
INPUT is article files or folders (analysed on the fly), JSON Lines files of analyses, or one
DNA database (.dna); without INPUT, the corpus store (--db), its statements as coders corrected
them in review (--reviewed: only those a coder accepted, edited or added).
"""

_INPUT_HELP = "articles or folders to analyse, analyses (.jsonl) or one DNA database (.dna)"


def add_parsers(sub: Subparsers) -> None:
    _network_parser(sub)
    x = sub.add_parser(
        "export",
        help="export statements as a DNA database or a flat CSV or Parquet table",
        description=EXPORT_HELP,
        formatter_class=Formatter,
    )
    x.add_argument("target", choices=("dna", "statements"), help="what to write")
    x.add_argument("inputs", nargs="*", metavar="INPUT", help=f"{_INPUT_HELP}; none: --db")
    db_option(x)
    reviewed_option(x)
    x.add_argument(
        "--format",
        "-f",
        choices=("csv", "parquet"),
        help="export statements: csv (default) or parquet (needs -o)",
    )
    output_option(x, "write to this file (required for dna and parquet)")
    x.add_argument("--password", default="stancegraph", help="coder password in the DNA file")
    nlp_options(x)
    x.set_defaults(run=run_export)


def _network_parser(sub: Subparsers) -> None:
    from ..network.build import DUPLICATES, FORMATS, NETWORK_TYPES, NORMALIZATIONS
    from ..network.build import QUALIFIER_AGGREGATIONS as AGGREGATIONS

    n = sub.add_parser(
        "network",
        help="build a discourse network (DNA semantics) and export or draw it",
        description=NETWORK_HELP,
        formatter_class=Formatter,
    )
    n.add_argument("inputs", nargs="*", metavar="INPUT", help=f"{_INPUT_HELP}; none: --db")
    db_option(n)
    filter_options(n, dates="time")
    reviewed_option(n)
    n.add_argument("--type", choices=NETWORK_TYPES, default="twomode", help="network type")
    n.add_argument("--variable1", default="organization", metavar="VAR", help="rows")
    n.add_argument("--variable2", default="concept", metavar="VAR", help="columns / ties via")
    n.add_argument(
        "--qualifier-aggregation",
        choices=sorted({a for kind in AGGREGATIONS.values() for a in kind}),
        default="ignore",
        help="how agreement counts: twomode ignore|combine|subtract, "
        "onemode ignore|congruence|conflict|subtract",
    )
    n.add_argument(
        "--normalization",
        choices=sorted({a for kind in NORMALIZATIONS.values() for a in kind}),
        default="no",
        help="twomode no|activity|prominence, onemode no|average|jaccard|cosine",
    )
    n.add_argument("--duplicates", choices=DUPLICATES, default="include", help="drop repeats")
    n.add_argument("--window", type=int, metavar="DAYS", help="moving time window length")
    n.add_argument("--step", type=int, metavar="DAYS", help="days between windows (default 1)")
    n.add_argument("--isolates", action="store_true", help="keep nodes without ties")
    n.add_argument("--format", "-f", choices=FORMATS, help="output format (default: by -o)")
    output_option(n)
    n.add_argument("--plot", metavar="FILE", help="also draw the network (.png or .svg)")
    nlp_options(n)
    n.set_defaults(run=run_network)


# ------------------------------------------------------------------------------------------
# statements of the inputs


def load_statements(
    inputs: list[str], args: argparse.Namespace, err: TextIO
) -> tuple[list[StatementRecord], dict[str, str], int]:
    """Statement records, document texts and the number of skipped inputs, from ``inputs``."""
    from ..formats.dna import is_dna_file, read_dna, read_dna_texts, records_from_analyses

    for path in inputs:
        if path != "-" and not Path(path).exists():
            raise InputError("no such file", source=path)
    databases = [p for p in inputs if Path(p).is_file() and is_dna_file(p)]
    if databases:
        if len(inputs) > 1:
            raise UsageError("a DNA database is read alone, not with other inputs")
        return read_dna(databases[0]), read_dna_texts(databases[0]), 0
    analyses, failures = analyses_of(inputs, args, err)
    texts = {a.document.id: a.document.text for a in analyses}
    return records_from_analyses(analyses), texts, failures


def _store_statements(args: argparse.Namespace) -> list[StatementRecord]:
    """Statement records of a corpus store, filtered like the store's queries."""
    from ..corpus.store import QueryFilter
    from ..formats.dna import records_from_analyses

    where = QueryFilter(
        actor=args.actor,
        concept=args.concept,
        start=args.start.date().isoformat() if args.start else None,
        stop=args.stop.date().isoformat() if args.stop else None,
    )
    with read_store(args.db) as store:
        return records_from_analyses(store.statement_analyses(where, reviewed=args.reviewed))


def _source(args: argparse.Namespace, err: TextIO) -> tuple[list[StatementRecord], str, int]:
    """The records to build from, what they came from (for messages), and skipped inputs."""
    if args.db or not args.inputs:
        if args.inputs:
            raise UsageError("give INPUT or --db, not both")
        return _store_statements(args), args.db or "the corpus store", 0
    if args.actor or args.concept:
        raise UsageError("--actor and --concept filter a corpus store: use them with --db")
    if args.reviewed:
        raise UsageError("--reviewed reads a corpus store's review: use it with --db")
    records, _, failures = load_statements(args.inputs, args, err)
    return records, " ".join(args.inputs), failures


# ------------------------------------------------------------------------------------------
# network


def _options(args: argparse.Namespace) -> NetworkOptions:
    from ..network import build as nw

    options = nw.NetworkOptions(
        network_type=args.type,
        variable1=args.variable1,
        variable2=args.variable2,
        qualifier_aggregation=args.qualifier_aggregation,
        normalization=args.normalization,
        duplicates=args.duplicates,
        isolates=args.isolates,
        start=args.start,
        stop=args.stop,
        window=args.window,
        step=1 if args.step is None else args.step,
    )
    if args.step is not None and args.window is None:
        raise UsageError("--step needs --window")
    if args.plot and Path(args.plot).suffix.lower() not in (".png", ".svg"):
        raise UsageError("--plot must name a .png or .svg file", source=args.plot)
    try:
        nw.check_options(options)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    return options


def run_network(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..network import build as nw
    from ..network.sanity import network_warnings

    options = _options(args)
    records, source, failures = _source(args, err)
    typed = [r for r in records if r.statement_type == options.statement_type]
    if not typed:
        raise InputError("no statements to build a network from", source=source)
    if args.window is None:
        networks = [nw.build_network(records, options)]
    else:
        networks = nw.build_time_windows(records, options)
        if not networks:
            raise UsageError(f"no {args.window}-day window fits in the statements' date range")
    for warning in network_warnings(records, networks, options):
        say(err, str(warning))
    _write_networks(args, networks, out)
    if args.plot:
        _plot(args.plot, networks)
    return EXIT_PARTIAL if failures else EXIT_OK


def _write_networks(args: argparse.Namespace, networks: list[Network], out: TextIO) -> None:
    from ..network import build as nw

    fmt = args.format or _format_for(args.output)
    if fmt == "json":  # time windows: a list of networks
        emit(args.output, nw.network_to_json(networks if args.window else networks[0]), out)
        return
    if fmt == "edgelist":
        emit(args.output, nw.network_to_edgelist(networks), out)
        return
    render = {
        "graphml": nw.network_to_graphml,
        "gexf": nw.network_to_gexf,
        "csv": nw.network_to_csv,
    }[fmt]
    if len(networks) == 1:
        emit(args.output, render(networks[0]), out)
    elif not args.output:
        raise UsageError(f"time windows in {fmt} need -o (one numbered file per window)")
    else:
        for number, network in enumerate(networks, 1):
            write_text(_numbered(args.output, number, len(networks)), render(network))


def _plot(target: str, networks: list[Network]) -> None:
    from ..network.plot import plot_network

    for number, network in enumerate(networks, 1):
        path = target if len(networks) == 1 else _numbered(target, number, len(networks))
        try:
            plot_network(network, path)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise UsageError(f"cannot write: {reason}", source=path) from exc


def _numbered(path: str, number: int, count: int) -> str:
    """OUT-001.graphml ... for the time windows of one run."""
    target = Path(path)
    width = max(3, len(str(count)))
    return str(target.with_name(f"{target.stem}-{number:0{width}d}{target.suffix}"))


def _format_for(output: str | None) -> str:
    suffix = Path(output).suffix.lower() if output else ""
    return {".graphml": "graphml", ".gexf": "gexf", ".json": "json"}.get(suffix, "csv")


# ------------------------------------------------------------------------------------------
# export


def run_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..formats.dna import statements_csv, write_dna

    if args.target == "dna" and not args.output:
        raise UsageError("export dna needs -o FILE.dna")
    if args.target == "dna" and args.format:
        raise UsageError("--format is for export statements; export dna writes a DNA database")
    if args.format == "parquet" and not args.output:
        raise UsageError("--format parquet needs -o FILE.parquet")
    records, texts, failures, source = _export_source(args, err)
    if not records:
        raise InputError("no statements to export", source=source)
    status = EXIT_PARTIAL if failures else EXIT_OK
    if args.target == "statements":
        if args.format == "parquet":
            write_parquet(
                _statement_rows(statements_csv(records, spreadsheet_safe=False)), args.output
            )
        else:
            emit(args.output, statements_csv(records), out)
        return status
    try:
        write_dna(records, args.output, texts=texts, password=args.password)
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise UsageError(f"cannot write: {reason}", source=args.output) from exc
    return status


def _export_source(
    args: argparse.Namespace, err: TextIO
) -> tuple[list[StatementRecord], dict[str, str], int, str]:
    """Records, document texts, skipped inputs and a name for messages: INPUT or the store."""
    from ..formats.dna import records_from_analyses

    if args.db or not args.inputs:
        if args.inputs:
            raise UsageError("give INPUT or --db, not both")
        with read_store(args.db) as store:
            analyses = store.statement_analyses(reviewed=args.reviewed)
            texts = store.texts([a.document.id for a in analyses])
        return records_from_analyses(analyses), texts, 0, args.db or "the corpus store"
    if args.reviewed:
        raise UsageError("--reviewed reads a corpus store's review: use it with --db")
    records, texts, failures = load_statements(args.inputs, args, err)
    return records, texts, failures, " ".join(args.inputs)


def _statement_rows(text: str) -> list[dict[str, object]]:
    """The statement CSV's rows with numbers as numbers (agreement, start, stop) and no blanks."""
    import csv
    import io

    rows: list[dict[str, object]] = []
    for row in csv.DictReader(io.StringIO(text)):
        item: dict[str, object] = {k: (v if v != "" else None) for k, v in row.items()}
        for key in ("agreement", "start", "stop"):
            value = item.get(key)
            item[key] = int(value) if isinstance(value, str) else None
        rows.append(item)
    return rows
