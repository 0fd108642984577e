"""The command line: a thin layer over the library that parses, calls, prints and exits.

In: ``argv``. Out: text on stdout (or ``-o FILE``), one-line messages on stderr, and an exit code:

    0  everything went well
    1  finished, but some inputs were skipped (each named on stderr with its reason)
    2  bad usage or input: nothing could be analysed, or a gold file is unreadable
    3  the spaCy pipeline could not be loaded
    130 interrupted
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ._version import __version__
from .errors import InputError, StancegraphError
from .extract.codebook import load_codebook
from .formats.render import FORMATS, render
from .pipeline import Options, analyze
from .read.inputs import read_inputs
from .types import Analysis, Document, ReadFailure

if TYPE_CHECKING:
    from .corpus.ingest import Progress
    from .formats.dna import StatementRecord

__all__ = ["build_parser", "main"]

EXIT_OK, EXIT_PARTIAL, EXIT_INPUT, EXIT_MODEL, EXIT_INTERRUPT = 0, 1, 2, 3, 130

ANALYZE_HELP = """\
Analyse news articles: actors, quotes and speakers.

examples:
  stancegraph analyze article.txt
  stancegraph analyze page.html --format json -o page.json
  stancegraph analyze news.jsonl news.csv --format jsonl -o analyses.jsonl
  cat article.txt | stancegraph analyze -
inputs: .txt (a short first line followed by a blank line is the title), .html, .jsonl, .csv,
.json, folders, and - for standard input. Exit codes: 0 ok, 1 some inputs skipped, 2 bad input,
3 model missing.
"""

EVALUATE_HELP = """\
Score quote extraction against gold attributions: precision, recall and F1 of quote content
(a match shares at least half of the larger token bag), source accuracy on matched quotes, and
both per quote type.

examples:
  stancegraph evaluate --gold ../shared/data/polnear/data/dev
  stancegraph evaluate --gold gold.jsonl --format jsonl --json
"""

NETWORK_HELP = """\
Build a discourse network with DNA's semantics (organisations x concepts by default) from
analyses or a DNA database; write it as GraphML, GEXF, a CSV matrix, a CSV edge list or JSON;
optionally draw it.

examples:
  stancegraph network analyses.jsonl -o network.graphml
  stancegraph network sample.dna --type onemode --qualifier-aggregation subtract --plot net.png
  stancegraph network sample.dna --duplicates document --normalization activity -o net.json
  stancegraph network sample.dna --window 7 --step 3 --format edgelist -o windows.csv
INPUT is a JSON Lines file of analyses (stancegraph analyze --format jsonl) or a DNA database
(.dna). Without --format, -o's suffix decides (.graphml, .gexf, .json, else csv). Time windows
in graphml, gexf or csv go to numbered files (OUT-001.graphml, ...); json and edgelist hold
them all. Dates are YYYY-MM-DD or ISO date-times, in UTC; --stop includes its whole day.
"""

EXPORT_HELP = """\
Export statements: as a DNA database that DNA's GUI opens (every coder's password is
'stancegraph' unless --password says otherwise), or as a flat CSV of every statement with its
variables, span and document metadata.

examples:
  stancegraph export dna analyses.jsonl -o corpus.dna
  stancegraph export statements analyses.jsonl -o statements.csv
  stancegraph export statements sample.dna
"""


EVENTS_HELP = """\
Write one PLOVER event record per event: type, mode, source and target actors (with country and
sector), trigger, date, location, quad class and score, with the document's metadata.

examples:
  stancegraph events news.csv --format csv -o events.csv
  stancegraph events analyses.jsonl -o events.jsonl
  stancegraph events --db corpus.db --actor Brandt --from 2024-01-01
Without INPUT, lists the events of the corpus store (see 'stancegraph ingest'): --format table
(the default then), csv or jsonl (PLOVER records, as for INPUT). --actor matches the source or
the target; --concept keeps events in a sentence coded with a statement on that concept.
"""

INGEST_HELP = """\
Analyse a corpus into the store, one transaction per document: rerunning skips what is stored
with the same content and extractor version, and finishes a run that was killed.

examples:
  stancegraph ingest articles/
  stancegraph ingest 'news/**/*.jsonl' --db corpus.db --workers 4
  stancegraph ingest news.csv --db postgresql+psycopg://user@localhost/news --reanalyse
  stancegraph ingest articles/ --engine dask --workers 4
  stancegraph ingest articles/ --engine dask --scheduler tcp://10.0.0.5:8786
--engine dask analyses on Dask workers (a local cluster of --workers processes, or those of
--scheduler) and stores here; it needs pip install -e '.[dask]'.
The store is --db URL (a path is a SQLite file), else $STANCEGRAPH_DB, else ./stancegraph.db.
A document that cannot be read or analysed is stored as failed with its reason and the run goes
on. Exit codes: 0 all stored, 1 completed with failures, 2 bad input or database.
"""

STATUS_HELP = """\
Count what the corpus store holds: documents (analysed, failed with reasons), actors, quotes,
statements and events.

examples:
  stancegraph status
  stancegraph status --db corpus.db --format json
"""

QUERY_HELP = """\
List the {what} of the corpus store, filtered by actor (a part of a name or alias), concept
(id or label) and article date.

examples:
  stancegraph {command} --actor Brandt
  stancegraph {command} --db corpus.db --concept port_jobs --from 2024-01-01 --to 2024-06-30
  stancegraph {command} --format csv > {command}.csv
"""

CONCEPTS_HELP = """\
Draft a codebook: cluster what the statements of a corpus address and name each cluster by its
key phrase. Edit the YAML, then code with 'stancegraph analyze --codebook'.

examples:
  stancegraph analyze news.jsonl -f jsonl -o analyses.jsonl
  stancegraph concepts suggest analyses.jsonl -o codebook.yaml
  stancegraph concepts suggest articles/ --max-concepts 20 -o codebook.yaml
"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    pass


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (tests call it with a list)."""
    parser = argparse.ArgumentParser(
        prog="stancegraph",
        description="Who said what, about which issue, for or against: from political news.",
        epilog="Run 'stancegraph COMMAND --help' for a command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"stancegraph {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "analyze",
        help="analyse articles: actors, quotes, speakers",
        description=ANALYZE_HELP,
        formatter_class=_Formatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="input files or folders; - for stdin")
    p.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format")
    p.add_argument("-o", "--output", metavar="OUT", help="write to this file instead of stdout")
    _nlp_options(p)
    p.add_argument(
        "--max-chars",
        type=int,
        default=1_000_000,
        metavar="N",
        help="skip documents longer than N characters (default 1,000,000)",
    )
    p.add_argument("--no-clean", action="store_true", help="analyse text exactly as read")
    p.add_argument(
        "--codebook",
        metavar="FILE",
        help="YAML codebook: code statements against its concepts (see examples/codebook.yaml)",
    )

    e = sub.add_parser(
        "evaluate",
        help="score quotes and speakers against gold data",
        description=EVALUATE_HELP,
        formatter_class=_Formatter,
    )
    e.add_argument("--gold", required=True, metavar="PATH", help="brat folder or JSONL file")
    e.add_argument(
        "--format",
        "-f",
        choices=("brat", "jsonl", "plover"),
        default="brat",
        help="brat/jsonl: quote gold; plover: PLOVER event gold-standard records",
    )
    e.add_argument("--limit", type=int, metavar="N", help="score only the first N documents")
    e.add_argument("--json", action="store_true", help="print the report as JSON")
    _nlp_options(e)

    _network_parser(sub)
    _export_parser(sub)
    _concepts_parser(sub)
    _events_parser(sub)
    _store_parsers(sub)
    _actors_parser(sub)
    return parser


def _db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db", metavar="URL", help="store: SQLite path or database URL (default ./stancegraph.db)"
    )


def _filter_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--actor", metavar="NAME", help="only this actor (part of a name or alias)")
    p.add_argument("--concept", metavar="C", help="only this concept (id or label)")
    p.add_argument("--from", dest="start", metavar="DATE", type=_day, help="first day included")
    p.add_argument("--to", dest="stop", metavar="DATE", type=_day, help="last day included")


def _day(value: str) -> str:
    _date(value, end=False)
    return value.strip()[:10]


def _store_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    i = sub.add_parser(
        "ingest",
        help="analyse a corpus into the store (resumable)",
        description=INGEST_HELP,
        formatter_class=_Formatter,
    )
    i.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or glob patterns")
    _db_option(i)
    _nlp_options(i)
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

    s = sub.add_parser(
        "status",
        help="count what the corpus store holds",
        description=STATUS_HELP,
        formatter_class=_Formatter,
    )
    _db_option(s)
    s.add_argument("--format", "-f", choices=("table", "json"), default="table")

    for command, what in (("quotes", "quotes"), ("statements", "statements")):
        q = sub.add_parser(
            command,
            help=f"list the {what} of the corpus store",
            description=QUERY_HELP.format(what=what, command=command),
            formatter_class=_Formatter,
        )
        _db_option(q)
        _filter_options(q)
        q.add_argument("--format", "-f", choices=("table", "csv", "jsonl"), default="table")
        q.add_argument("-o", "--output", metavar="OUT", help="write to this file instead of stdout")


def _events_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    v = sub.add_parser(
        "events",
        help="write PLOVER event records (who did what to whom)",
        description=EVENTS_HELP,
        formatter_class=_Formatter,
    )
    v.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="analyses (.jsonl) or articles to analyse; none: the corpus store",
    )
    v.add_argument(
        "--format", "-f", choices=("table", "csv", "jsonl"), help="jsonl, or table for the store"
    )
    v.add_argument("-o", "--output", metavar="OUT", help="write to this file instead of stdout")
    _nlp_options(v)
    _db_option(v)
    _filter_options(v)


def _concepts_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    c = sub.add_parser(
        "concepts",
        help="draft a codebook from the statements of a corpus",
        description=CONCEPTS_HELP,
        formatter_class=_Formatter,
    )
    c.add_argument("action", choices=("suggest",), help="what to do")
    c.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="analyses (.jsonl) or articles to analyse"
    )
    c.add_argument("-o", "--output", metavar="OUT", help="write the YAML codebook here")
    c.add_argument(
        "--max-concepts", type=int, default=30, metavar="N", help="keep the N largest clusters"
    )
    c.add_argument(
        "--min-statements",
        type=int,
        default=2,
        metavar="N",
        help="drop clusters with fewer statements",
    )
    _nlp_options(c)


def _network_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from .network.build import DUPLICATES, FORMATS, NETWORK_TYPES, NORMALIZATIONS
    from .network.build import QUALIFIER_AGGREGATIONS as AGGREGATIONS

    n = sub.add_parser(
        "network",
        help="build a discourse network (DNA semantics) and export or draw it",
        description=NETWORK_HELP,
        formatter_class=_Formatter,
    )
    n.add_argument(
        "input",
        nargs="?",
        metavar="INPUT",
        help="analyses (.jsonl) or a DNA database (.dna); omit with --db",
    )
    n.add_argument("--db", metavar="URL", help="build from a corpus store instead of INPUT")
    n.add_argument("--actor", metavar="NAME", help="with --db: statements of this actor only")
    n.add_argument("--concept", metavar="C", help="with --db: statements on this concept only")
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
    n.add_argument("--start", type=_start_date, metavar="DATE", help="first day included")
    n.add_argument("--stop", type=_stop_date, metavar="DATE", help="last day included")
    n.add_argument("--window", type=int, metavar="DAYS", help="moving time window length")
    n.add_argument("--step", type=int, metavar="DAYS", help="days between windows (default 1)")
    n.add_argument("--isolates", action="store_true", help="keep nodes without ties")
    n.add_argument("--format", "-f", choices=FORMATS, help="output format (default: by -o)")
    n.add_argument("-o", "--output", metavar="OUT", help="write to this file instead of stdout")
    n.add_argument("--plot", metavar="FILE", help="also draw the network (.png or .svg)")


def _export_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    x = sub.add_parser(
        "export",
        help="export statements as a DNA database or a flat CSV",
        description=EXPORT_HELP,
        formatter_class=_Formatter,
    )
    x.add_argument("target", choices=("dna", "statements"), help="what to write")
    x.add_argument("input", metavar="INPUT", help="analyses (.jsonl) or a DNA database (.dna)")
    x.add_argument("-o", "--output", metavar="OUT", help="output file (required for dna)")
    x.add_argument("--password", default="stancegraph", help="coder password in the DNA file")


def _date(value: str, *, end: bool) -> datetime:
    from .formats.dna import parse_date

    parsed = parse_date(value)
    if parsed is None:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}")
    if end and len(value.strip()) == 10:  # a day: up to its last second
        parsed += timedelta(days=1, seconds=-1)
    return parsed


def _start_date(value: str) -> datetime:
    return _date(value, end=False)


def _stop_date(value: str) -> datetime:
    return _date(value, end=True)


def _nlp_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline (default: packaged English)")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="parsing processes")


class _UsageError(StancegraphError):
    """A bad option value or an unwritable output: exit code 2 (bad usage)."""

    exit_code = EXIT_INPUT


def _positive(value: int, flag: str) -> None:
    if value < 1:
        raise _UsageError(f"{flag} must be at least 1, not {value}")


def _cmd_analyze(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    _positive(args.workers, "--workers")
    _positive(args.max_chars, "--max-chars")
    codebook = load_codebook(args.codebook) if args.codebook else None  # fail before reading
    failures: list[ReadFailure] = []

    def documents() -> list[Document]:
        docs: list[Document] = []
        for item in read_inputs(
            args.paths, stdin=sys.stdin, max_chars=args.max_chars, clean=not args.no_clean
        ):
            if isinstance(item, ReadFailure):
                failures.append(item)
                print(f"stancegraph: skipped {item.source}: {item.reason}", file=err)
            else:
                docs.append(item)
        return docs

    docs = documents()
    if not docs:
        print("stancegraph: no document to analyse", file=err)
        return EXIT_INPUT
    options = Options(model=args.model, workers=args.workers, codebook=codebook)
    failed: list[ReadFailure] = []
    analyses: list[Analysis] = list(analyze(docs, options, failures=failed))
    for item in failed:
        failures.append(item)
        print(f"stancegraph: skipped {item.source}: {item.reason}", file=err)
    if not analyses:
        print("stancegraph: no document could be analysed", file=err)
        return EXIT_INPUT
    text = render(analyses, args.format)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise _UsageError(f"cannot write: {reason}", source=args.output) from exc
    else:
        out.write(text)
    return EXIT_PARTIAL if failures else EXIT_OK


def _cmd_evaluate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .evaluation.quotes import format_report, load_brat, load_jsonl_gold, report_to_dict, score

    _positive(args.workers, "--workers")
    if args.limit is not None:
        _positive(args.limit, "--limit")
    if args.format == "plover":
        return _evaluate_plover(args, out)
    gold = load_brat(args.gold) if args.format == "brat" else load_jsonl_gold(args.gold)
    if args.limit is not None:
        gold = gold[: args.limit]
    docs = [Document(id=g.id, text=g.text) for g in gold]
    options = Options(model=args.model, workers=args.workers)
    failed: list[ReadFailure] = []
    predicted = {a.document.id: a for a in analyze(docs, options, failures=failed)}
    for item in failed:  # scored as predicting nothing
        print(f"stancegraph: skipped {item.source}: {item.reason}", file=err)
    report = score(gold, predicted)
    if args.json:
        out.write(json.dumps(report_to_dict(report), indent=2) + "\n")
    else:
        out.write(format_report(report) + "\n")
    return EXIT_OK


def _store_statements(args: argparse.Namespace) -> list[StatementRecord]:
    """Statement records of a corpus store, filtered like the store's queries."""
    from .corpus.store import QueryFilter, open_store
    from .formats.dna import records_from_analyses

    where = QueryFilter(
        actor=args.actor,
        concept=args.concept,
        start=args.start.date().isoformat() if args.start else None,
        stop=args.stop.date().isoformat() if args.stop else None,
    )
    store = open_store(args.db)
    try:
        return records_from_analyses(store.statement_analyses(where))
    finally:
        store.close()


def _load_statements(path: str) -> tuple[list[StatementRecord], dict[str, str]]:
    """Statement records and document texts from analyses (JSON Lines) or a DNA database."""
    from .formats.dna import (
        is_dna_file,
        read_analyses_jsonl,
        read_dna,
        read_dna_texts,
        records_from_analyses,
    )

    if not Path(path).is_file():
        raise InputError("no such file", source=path)
    if is_dna_file(path):
        return read_dna(path), read_dna_texts(path)
    analyses = read_analyses_jsonl(path)
    return records_from_analyses(analyses), {a.document.id: a.document.text for a in analyses}


def _write_text(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise _UsageError(f"cannot write: {reason}", source=path) from exc


def _numbered(path: str, number: int, count: int) -> str:
    """OUT-001.graphml ... for the time windows of one run."""
    target = Path(path)
    width = max(3, len(str(count)))
    return str(target.with_name(f"{target.stem}-{number:0{width}d}{target.suffix}"))


def _cmd_network(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .network import build as nw

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
        raise _UsageError("--step needs --window")
    if args.plot and Path(args.plot).suffix.lower() not in (".png", ".svg"):
        raise _UsageError("--plot must name a .png or .svg file", source=args.plot)
    try:
        nw.check_options(options)
    except ValueError as exc:
        raise _UsageError(str(exc)) from exc
    if args.db or not args.input:
        if args.input:
            raise _UsageError("give INPUT or --db, not both")
        records = _store_statements(args)
        args.input = args.db or "the corpus store"
    else:
        if args.actor or args.concept:
            raise _UsageError("--actor and --concept filter a corpus store: use them with --db")
        records, _ = _load_statements(args.input)
    typed = [r for r in records if r.statement_type == options.statement_type]
    if not typed:
        raise InputError("no statements to build a network from", source=args.input)
    if args.window is None:
        networks = [nw.build_network(records, options)]
    else:
        networks = nw.build_time_windows(records, options)
        if not networks:
            raise _UsageError(f"no {args.window}-day window fits in the statements' date range")
    empty = sum(1 for r in typed if not (r.value(args.variable1) and r.value(args.variable2)))
    if empty:
        print(
            f"stancegraph: {empty} of {len(typed)} statements have no {args.variable1} or no "
            f"{args.variable2} and are left out",
            file=err,
        )
    if all(n.statements == 0 for n in networks):
        print("stancegraph: no statement matched; the network is empty", file=err)

    fmt = args.format or _format_for(args.output)
    if fmt == "json":  # time windows: a list of networks
        _emit(args.output, nw.network_to_json(networks if args.window else networks[0]), out)
    elif fmt == "edgelist":
        _emit(args.output, nw.network_to_edgelist(networks), out)
    else:
        render = {
            "graphml": nw.network_to_graphml,
            "gexf": nw.network_to_gexf,
            "csv": nw.network_to_csv,
        }[fmt]
        if len(networks) == 1:
            _emit(args.output, render(networks[0]), out)
        elif not args.output:
            raise _UsageError(f"time windows in {fmt} need -o (one numbered file per window)")
        else:
            for number, network in enumerate(networks, 1):
                _write_text(_numbered(args.output, number, len(networks)), render(network))
    if args.plot:
        from .network.plot import plot_network

        for number, network in enumerate(networks, 1):
            path = args.plot if len(networks) == 1 else _numbered(args.plot, number, len(networks))
            try:
                plot_network(network, path)
            except OSError as exc:
                reason = exc.strerror or type(exc).__name__
                raise _UsageError(f"cannot write: {reason}", source=path) from exc
    return EXIT_OK


def _format_for(output: str | None) -> str:
    suffix = Path(output).suffix.lower() if output else ""
    return {".graphml": "graphml", ".gexf": "gexf", ".json": "json"}.get(suffix, "csv")


def _emit(output: str | None, text: str, out: TextIO) -> None:
    if output:
        _write_text(output, text)
    else:
        out.write(text)


def _cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .formats.dna import statements_csv, write_dna

    if args.target == "dna" and not args.output:
        raise _UsageError("export dna needs -o FILE.dna")
    records, texts = _load_statements(args.input)
    if not records:
        raise InputError("no statements to export", source=args.input)
    if args.target == "statements":
        _emit(args.output, statements_csv(records), out)
        return EXIT_OK
    try:
        write_dna(records, args.output, texts=texts, password=args.password)
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise _UsageError(f"cannot write: {reason}", source=args.output) from exc
    return EXIT_OK


def _evaluate_plover(args: argparse.Namespace, out: TextIO) -> int:
    from .errors import GoldError
    from .evaluation.plover import evaluate_plover, format_plover_report

    if not Path(args.gold).is_file():
        raise GoldError("no such gold file", source=args.gold)
    try:
        report = evaluate_plover(args.gold, model=args.model, limit=args.limit)
    except (ValueError, KeyError, TypeError) as exc:
        raise GoldError(f"not PLOVER gold-standard records ({exc})", source=args.gold) from exc
    if args.json:
        payload = {
            "sentences": report.sentences,
            "type_accuracy": report.type_accuracy,
            "micro_f1": report.micro.f1,
            "macro_f1": report.macro_f1,
            "source_accuracy": report.source_accuracy,
            "target_accuracy": report.target_accuracy,
            "by_type": {k: v.f1 for k, v in report.by_type.items()},
        }
        out.write(json.dumps(payload, indent=2) + "\n")
    else:
        out.write(format_plover_report(report) + "\n")
    return EXIT_OK


def _cmd_concepts(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .extract.codebook import codebook_to_dict, dump_codebook, suggest_concepts

    _positive(args.max_concepts, "--max-concepts")
    _positive(args.min_statements, "--min-statements")
    analyses, failures = _analyses_of(args.inputs, args, err)
    if not analyses:
        print("stancegraph: no analysis to draw concepts from", file=err)
        return EXIT_INPUT
    codebook = suggest_concepts(
        analyses, max_concepts=args.max_concepts, min_statements=args.min_statements
    )
    if args.output:
        try:
            dump_codebook(codebook, args.output)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise _UsageError(f"cannot write: {reason}", source=args.output) from exc
        print(f"stancegraph: wrote {len(codebook.concepts)} concepts to {args.output}", file=err)
    else:
        import yaml

        out.write(yaml.safe_dump(codebook_to_dict(codebook), sort_keys=False, allow_unicode=True))
    return EXIT_PARTIAL if failures else EXIT_OK


def _analyses_of(
    inputs: Sequence[str], args: argparse.Namespace, err: TextIO
) -> tuple[list[Analysis], int]:
    """Analyses read from JSONL files of analyses, or made from articles; and the failures."""
    from .formats.dna import read_analyses_jsonl

    analyses: list[Analysis] = []
    articles: list[str] = []
    for path in inputs:
        if path.endswith((".jsonl", ".ndjson")) and _looks_like_analyses(path):
            analyses.extend(read_analyses_jsonl(path))
        else:
            articles.append(path)
    failures = 0
    if articles:
        docs: list[Document] = []
        for item in read_inputs(articles, stdin=sys.stdin):
            if isinstance(item, ReadFailure):
                failures += 1
                print(f"stancegraph: skipped {item.source}: {item.reason}", file=err)
            else:
                docs.append(item)
        failed: list[ReadFailure] = []
        options = Options(model=args.model, workers=args.workers)
        analyses.extend(analyze(docs, options, failures=failed))
        for item in failed:
            failures += 1
            print(f"stancegraph: skipped {item.source}: {item.reason}", file=err)
    return analyses, failures


def _cmd_events(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import csv
    import io

    from .formats.plover import PLOVER_CSV_FIELDS, event_to_plover_record, plover_record_to_row

    _positive(args.workers, "--workers")
    if not args.inputs:
        return _cmd_query(args, out, err)
    store_only = [f"--{n}" for n in ("db", "actor", "concept") if getattr(args, n)]
    store_only += [f for f, v in (("--from", args.start), ("--to", args.stop)) if v]
    if store_only:
        raise _UsageError(f"{store_only[0]} queries the corpus store; give no INPUT")
    if args.format == "table":
        raise _UsageError("--format table lists stored events; with INPUT use csv or jsonl")
    analyses, failures = _analyses_of(args.inputs, args, err)
    if not analyses:
        print("stancegraph: no document to take events from", file=err)
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
    _write(args.output, buffer.getvalue(), out)
    return EXIT_PARTIAL if failures else EXIT_OK


def _write(path: str | None, text: str, out: TextIO) -> None:
    if not path:
        out.write(text)
        return
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise _UsageError(f"cannot write: {reason}", source=path) from exc


def _looks_like_analyses(path: str) -> bool:
    """Whether a JSON Lines file holds stancegraph analyses rather than articles."""
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    return '"stancegraph/analysis-1"' in line
    except (OSError, UnicodeDecodeError):
        return False
    return False


class _ProgressLine:
    """Progress on stderr: one line rewritten with \\r on a terminal, else a line every N."""

    def __init__(self, err: TextIO, *, every: int = 50) -> None:
        self.err, self.every = err, every
        self.tty = hasattr(err, "isatty") and err.isatty()
        self.last = 0.0

    def __call__(self, p: Progress) -> None:
        import time

        finished = p.done == p.todo
        if self.tty:
            now = time.monotonic()
            if not finished and now - self.last < 0.2:
                return
            self.last = now
        elif not (finished or (p.done and p.done % self.every == 0)):
            return
        eta = "-" if p.eta is None else f"{p.eta:.0f}s"
        line = (
            f"stancegraph: {p.done}/{p.todo} documents ({p.failed} failed, {p.skipped} already "
            f"stored), {p.rate:.1f} docs/s, ETA {eta}"
        )
        if self.tty:
            self.err.write("\r" + line + ("\n" if finished else ""))
        else:
            self.err.write(line + "\n")
        self.err.flush()


def _cmd_ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .corpus.ingest import BATCH_SIZE, ingest
    from .corpus.store import open_store

    _positive(args.workers, "--workers")
    if args.scheduler is not None and args.engine != "dask":
        raise InputError("--scheduler needs --engine dask")
    options = Options(model=args.model, workers=args.workers, batch_size=BATCH_SIZE)
    with open_store(args.db) as store:
        report = ingest(
            args.paths,
            store,
            options=options,
            reanalyse=args.reanalyse,
            progress=_ProgressLine(err),
            engine=args.engine,
            scheduler=args.scheduler,
        )
    for failure in report.failures:
        print(f"stancegraph: failed {failure.source}: {failure.reason}", file=err)
    summary = (
        f"{report.analysed} analysed, {report.skipped} already stored, "
        f"{len(report.failures)} failed, in {store.url}"
    )
    if report.failures:
        print(f"stancegraph: completed with {len(report.failures)} failures ({summary})", file=err)
        return EXIT_PARTIAL
    print(f"stancegraph: completed ({summary})", file=err)
    return EXIT_OK


def _cmd_status(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from dataclasses import asdict

    from .corpus.store import open_store

    with open_store(args.db) as store:
        status = store.status()
    if args.format == "json":
        data = asdict(status)
        data["failures"] = [{"source": s, "reason": r} for s, r in status.failures]
        out.write(json.dumps(data, indent=2) + "\n")
        return EXIT_OK
    lines = [f"store: {store.url}"]
    for name in ("documents", "analysed", "failed", "actors", "quotes", "statements", "events"):
        lines.append(f"{name:<11} {getattr(status, name):>9,}")
    for source, reason in status.failures:
        lines.append(f"  failed {source}: {reason}")
    out.write("\n".join(lines) + "\n")
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
    "events": ((), "document date type source_name trigger target_name mode".split()),
}


def _cmd_query(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import csv
    import io

    from .corpus.store import QueryFilter, open_store
    from .formats.plover import PLOVER_CSV_FIELDS, plover_record_to_row

    where = QueryFilter(actor=args.actor, concept=args.concept, start=args.start, stop=args.stop)
    with open_store(args.db) as store:
        rows = getattr(store, args.command)(where)
    fmt = args.format or "table"
    if args.command == "events":
        for row in rows:
            row.update(type=row["event"]["type"], trigger=row["event"]["trigger"])
            row["mode"] = ",".join(row["event"]["mode"])
    full, short = _QUERY_COLUMNS[args.command]
    buffer = io.StringIO()
    if fmt == "jsonl":
        for row in rows:
            item = row["record"] if args.command == "events" else row
            buffer.write(json.dumps(item, ensure_ascii=False) + "\n")
    elif fmt == "csv" and args.command == "events":
        writer = csv.DictWriter(buffer, fieldnames=list(PLOVER_CSV_FIELDS))
        writer.writeheader()
        for row in rows:
            writer.writerow(plover_record_to_row(row["record"]))
    elif fmt == "csv":
        writer = csv.DictWriter(buffer, fieldnames=full, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    else:
        buffer.write(_table(rows, short))
    _write(args.output, buffer.getvalue(), out)
    if not rows:
        print(f"stancegraph: no {args.command} matched", file=err)
    return EXIT_OK


def _table(rows: Sequence[dict[str, object]], columns: Sequence[str]) -> str:
    """Rows as aligned text columns, each cell on one line and cut at 60 characters."""

    def cell(value: object) -> str:
        text = "" if value is None else " ".join(str(value).split())
        return text if len(text) <= 60 else text[:59] + "…"

    header = [c.removesuffix("_name") for c in columns]
    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    lines = [
        "  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip()
        for line in [header, *cells]
    ]
    return "\n".join(lines) + "\n"


ACTORS_HELP = """\
examples:
  stancegraph actors list --db corpus.db
  stancegraph actors show Zelenskyy
  stancegraph actors merge "Volodymyr Zelenskyy" "Zelensky"
  stancegraph actors split "Helena Brandt" --alias "Karl Brandt"
  stancegraph actors rename "US" "United States"
Corpus actors join the document actors of the whole store (name variants, titles, case,
transliterations). list: name, type, documents, mentions; show NAME: aliases, roles,
affiliations, documents; merge A B: B into A; split NAME --alias X: X its own actor; rename
NAME NEW. Corrections are recorded and kept when documents are analysed again.
"""


def _actors_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    a = sub.add_parser(
        "actors",
        help="list, show and correct the corpus actors of the store",
        description=ACTORS_HELP,
        formatter_class=_Formatter,
    )
    a.add_argument("action", choices=("list", "show", "merge", "split", "rename"))
    a.add_argument("names", nargs="*", metavar="NAME", help="corpus actor name(s)")
    a.add_argument("--alias", metavar="X", help="split: the name that becomes its own actor")
    a.add_argument("--format", "-f", choices=("table", "json"), default="table")
    _db_option(a)


def _cmd_actors(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .corpus.store import open_store

    wanted = {"list": 0, "show": 1, "merge": 2, "split": 1, "rename": 2}[args.action]
    if len(args.names) != wanted:
        raise InputError(f"actors {args.action} takes {wanted} NAME argument(s)")
    if args.action == "split" and not args.alias:
        raise InputError("actors split needs --alias X")
    with open_store(args.db) as store:
        if args.action == "list":
            rows = store.corpus_actors()
            if args.format == "json":
                out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
            else:
                out.write(_table(rows, ("name", "type", "documents", "mentions")))
            return EXIT_OK
        if args.action == "show":
            item = store.corpus_actor(args.names[0])
            if args.format == "json":
                out.write(json.dumps(item, ensure_ascii=False, indent=2) + "\n")
            else:
                for key, value in item.items():
                    text = ", ".join(value) if isinstance(value, list) else str(value)
                    out.write(f"{key + ':':<14}{text}\n")
            return EXIT_OK
        if args.action == "merge":
            into, other = store.merge_actors(*args.names)
            print(f"stancegraph: merged {other!r} into {into!r}", file=err)
        elif args.action == "split":
            old = store.split_actor(args.names[0], args.alias)
            print(f"stancegraph: split {args.alias!r} from {old!r}", file=err)
        else:
            old = store.rename_actor(*args.names)
            print(f"stancegraph: renamed {old!r} to {args.names[1]!r}", file=err)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_INPUT
    out, err = sys.stdout, sys.stderr
    try:
        if args.command == "analyze":
            return _cmd_analyze(args, out, err)
        if args.command == "network":
            return _cmd_network(args, out, err)
        if args.command == "events":
            return _cmd_events(args, out, err)
        if args.command == "concepts":
            return _cmd_concepts(args, out, err)
        if args.command == "export":
            return _cmd_export(args, out, err)
        if args.command == "ingest":
            return _cmd_ingest(args, out, err)
        if args.command == "status":
            return _cmd_status(args, out, err)
        if args.command in ("quotes", "statements"):
            return _cmd_query(args, out, err)
        if args.command == "actors":
            return _cmd_actors(args, out, err)
        return _cmd_evaluate(args, out, err)
    except StancegraphError as exc:
        print(f"stancegraph: {exc}", file=err)
        return exc.exit_code
    except KeyboardInterrupt:
        print("stancegraph: interrupted", file=err)
        return EXIT_INTERRUPT
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
