"""``stancegraph analyze`` and ``stancegraph concepts``: articles in, analyses out.

In: article files, folders or standard input (and analyses, for ``concepts``). Out: a report,
JSON, JSON Lines or HTML of the analyses; a drafted YAML codebook. The edits of a codebook
(``concepts add|rename|nest|merge``) are in ``.concepts``.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from ..errors import InputError
from ..formats.render import FORMATS, render
from ..read.inputs import read_inputs
from ..types import Document, ReadFailure
from ._common import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_PARTIAL,
    Formatter,
    Subparsers,
    UsageError,
    analyse_with_progress,
    analyses_of,
    emit,
    nlp_options,
    options_of,
    output_option,
    positive,
    skipped,
)
from ._console import say
from .concepts import EDITS, EDITS_HELP, edit_options, run_edit

ANALYZE_HELP = """\
Analyse news articles: actors, quotes and speakers.

examples:
  stancegraph analyze article.txt
  stancegraph analyze page.html --format json -o page.json
  stancegraph analyze news.jsonl news.csv --format jsonl -o analyses.jsonl
  cat article.txt | stancegraph analyze -
inputs: .txt (a short first line followed by a blank line is the title), .html, .jsonl, .csv,
.json, RSS/Atom feeds (.rss, .atom, .xml), WARC (.warc, .warc.gz), folders, and - for
standard input. Exit codes: 0 ok, 1 some inputs skipped, 2 bad input,
3 model missing. On a terminal, several documents show a progress bar on stderr.
"""

CONCEPTS_HELP = """\
Draft a codebook: cluster what the statements of a corpus address and name each cluster by its
key phrase. Edit the YAML, then code with 'stancegraph analyze --codebook'.

examples:
  stancegraph analyze news.jsonl -f jsonl -o analyses.jsonl
  stancegraph concepts suggest analyses.jsonl -o codebook.yaml
  stancegraph concepts suggest articles/ --max-concepts 20 -o codebook.yaml
"""


def add_parsers(sub: Subparsers) -> None:
    p = sub.add_parser(
        "analyze",
        help="analyse articles: actors, quotes, speakers",
        description=ANALYZE_HELP,
        formatter_class=Formatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="input files or folders; - for stdin")
    p.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format")
    output_option(p)
    nlp_options(p)
    p.add_argument(
        "--max-chars",
        type=int,
        default=1_000_000,
        metavar="N",
        help="skip documents longer than N characters (default 1,000,000)",
    )
    p.add_argument("--no-clean", action="store_true", help="analyse text exactly as read")
    p.set_defaults(run=run_analyze)

    c = sub.add_parser(
        "concepts",
        help="draft a codebook from the statements of a corpus, or edit one",
        description=CONCEPTS_HELP + "\n" + EDITS_HELP,
        formatter_class=Formatter,
    )
    c.add_argument("action", choices=("suggest", *EDITS), help="what to do")
    c.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="suggest: analyses (.jsonl) or articles to analyse; edits: concept ids",
    )
    output_option(c, "write the YAML codebook to this file")
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
    nlp_options(c, codebook=False)
    edit_options(c)
    c.add_argument(
        "--db",
        metavar="URL",
        help="edits: the store whose statements follow a rename or merge (none without it)",
    )
    c.set_defaults(run=run_concepts)


def run_analyze(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    positive(args.max_chars, "--max-chars")
    options = options_of(args)  # a bad codebook or --workers fails before reading
    failures: list[ReadFailure] = []
    docs: list[Document] = []
    for item in read_inputs(
        args.paths, stdin=sys.stdin, max_chars=args.max_chars, clean=not args.no_clean
    ):
        if isinstance(item, ReadFailure):
            failures.append(item)
            skipped(err, item)
        else:
            docs.append(item)
    if not docs:
        say(err, "no document to analyse", error=True)
        return EXIT_INPUT
    analyses, failed = analyse_with_progress(docs, options, err)
    failures.extend(failed)
    if not analyses:
        say(err, "no document could be analysed", error=True)
        return EXIT_INPUT
    emit(args.output, render(analyses, args.format), out)
    return EXIT_PARTIAL if failures else EXIT_OK


def run_concepts(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..extract.codebook import codebook_to_dict, dump_codebook, suggest_concepts
    from ..formats.safe import replacing

    if args.action != "suggest":
        return run_edit(args, out, err)
    if not args.inputs:
        raise InputError("concepts suggest needs analyses or articles to draw concepts from")
    positive(args.max_concepts, "--max-concepts")
    positive(args.min_statements, "--min-statements")
    analyses, failures = analyses_of(args.inputs, args, err)
    if not analyses:
        say(err, "no analysis to draw concepts from", error=True)
        return EXIT_INPUT
    codebook = suggest_concepts(
        analyses, max_concepts=args.max_concepts, min_statements=args.min_statements
    )
    if args.output:
        try:
            with replacing(args.output) as tmp:  # whole or not at all
                dump_codebook(codebook, tmp)
        except (OSError, InputError) as exc:
            cause = exc.__cause__ if isinstance(exc, InputError) else exc
            reason = getattr(cause, "strerror", None) or type(cause).__name__
            raise UsageError(f"cannot write: {reason}", source=args.output) from exc
        say(err, f"wrote {len(codebook.concepts)} concepts to {args.output}")
    else:
        import yaml

        out.write(yaml.safe_dump(codebook_to_dict(codebook), sort_keys=False, allow_unicode=True))
    return EXIT_PARTIAL if failures else EXIT_OK
