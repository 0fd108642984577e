"""The command line: a thin layer over the library that parses, calls, prints and exits.

In: ``argv``. Out: text on stdout (or ``-o FILE``), one-line messages on stderr (``stancegraph:
<input>: <problem>``, never a traceback), progress bars on stderr when it is a terminal, and an
exit code:

    0  everything went well
    1  finished, but some inputs were skipped (each named on stderr with its reason)
    2  bad usage or input: nothing could be analysed, or a gold file is unreadable
    3  the spaCy pipeline could not be loaded
    130 interrupted

One module per group of commands, each with ``add_parsers(sub)`` that sets the function running
the command: ``.analyze`` (analyze, concepts), ``.evaluate``, ``.network`` (network,
export), ``.events``, ``.corpus`` (ingest, status, quotes, statements), ``.actors``,
``.serve`` (the review workbench), ``.coders`` (coders, assign, queue, agreement),
``.imports`` (import dna).
Shared options and helpers are in ``._common``; what is drawn with rich in ``._console``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from .._version import __version__
from ..errors import StancegraphError
from . import actors, analyze, coders, corpus, evaluate, events, imports, network, serve
from ._common import EXIT_INPUT, EXIT_INTERRUPT, EXIT_MODEL, EXIT_OK, EXIT_PARTIAL
from ._console import say

__all__ = [
    "EXIT_INPUT",
    "EXIT_INTERRUPT",
    "EXIT_MODEL",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "build_parser",
    "main",
]


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors on one line: what is wrong, and where the help is."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (tests call it with a list)."""
    parser = _Parser(
        prog="stancegraph",
        description="Who said what, about which issue, for or against: from political news.",
        epilog="Run 'stancegraph COMMAND --help' for a command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"stancegraph {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in (analyze, evaluate, network, events, corpus, imports, actors, coders, serve):
        group.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_INPUT
    out, err = sys.stdout, sys.stderr
    try:
        code: int = args.run(args, out, err)
    except StancegraphError as exc:
        say(err, str(exc), error=True)
        return exc.exit_code
    except KeyboardInterrupt:
        say(err, "interrupted", error=True)
        return EXIT_INTERRUPT
    except BrokenPipeError:
        return EXIT_OK
    return code
