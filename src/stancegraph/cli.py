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
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .errors import StancegraphError
from .pipeline import Options, analyze
from .reading import read_inputs
from .render import FORMATS, render
from .types import Analysis, Document, ReadFailure

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

    e = sub.add_parser(
        "evaluate",
        help="score quotes and speakers against gold data",
        description=EVALUATE_HELP,
        formatter_class=_Formatter,
    )
    e.add_argument("--gold", required=True, metavar="PATH", help="brat folder or JSONL file")
    e.add_argument("--format", "-f", choices=("brat", "jsonl"), default="brat")
    e.add_argument("--limit", type=int, metavar="N", help="score only the first N documents")
    e.add_argument("--json", action="store_true", help="print the report as JSON")
    _nlp_options(e)
    return parser


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
    options = Options(model=args.model, workers=args.workers)
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
    from .evaluate import format_report, load_brat, load_jsonl_gold, report_to_dict, score

    _positive(args.workers, "--workers")
    if args.limit is not None:
        _positive(args.limit, "--limit")
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
