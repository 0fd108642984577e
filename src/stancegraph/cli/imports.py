"""``stancegraph import dna``: a DNA database's coded statements into the corpus store.

In: a DNA database (DNA 3, or DNA 2's format) and a store URL. Out: the store (created when
missing) holding one document per DNA document with its actors and statements
(``formats.dna_import``), which ``network --db``, the workbench's network page and the store's
queries read like analysed documents; one line on stderr with the counts. Importing the same
file again replaces its documents.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from ..errors import InputError
from ._common import EXIT_OK, Formatter, Subparsers, db_option
from ._console import say

IMPORT_HELP = """\
examples:
  stancegraph import dna sample.dna --db corpus.db
  stancegraph network --db corpus.db -o network.graphml
Puts the coded statements of a DNA database into the store: each DNA document with its text,
title and date; each person (with their organisation) or organisation as an actor; each DNA
Statement with its concept, agreement (1 support, 0 oppose) and coded span. The networks of
the store are then DNA's own. Importing the file again replaces its documents.
"""


def add_parsers(sub: Subparsers) -> None:
    i = sub.add_parser(
        "import", help="put a DNA database's coded statements into the store",
        description=IMPORT_HELP, formatter_class=Formatter,
    )  # fmt: skip
    i.add_argument("kind", choices=("dna",), help="what is imported: a DNA database")
    i.add_argument("path", metavar="FILE", help="the DNA database (.dna)")
    db_option(i)
    i.set_defaults(run=run_import)


def run_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..corpus.store import open_store
    from ..formats.dna import is_dna_file, read_dna, read_dna_texts
    from ..formats.dna_import import IMPORTED, analyses_from_dna

    if not is_dna_file(args.path):
        raise InputError("not a DNA database", source=args.path)
    analyses = analyses_from_dna(read_dna(args.path), read_dna_texts(args.path), args.path)
    if not analyses:
        raise InputError("no DNA Statement to import", source=args.path)
    with open_store(args.db) as store:
        for analysis in analyses:
            store.put_analysis(analysis, extractor=IMPORTED)
        where = store.url
    statements = sum(len(a.statements) for a in analyses)
    say(err, f"imported {len(analyses)} documents and {statements} statements into {where}")
    return EXIT_OK
