"""``stancegraph concepts add|rename|nest|merge``: edit a codebook file, and the store with it.

In: the codebook file (``--codebook``), the edit's concept ids and options, and optionally a
store (``--db``). Out: the file written again with its comments kept
(``corpus.codebook_edit``), one line on stderr saying what changed, and, with ``--db``, the
rename or merge recorded in the store so its statements follow (``corpus.store_concepts``).
Without ``--db`` no store is touched. ``concepts suggest`` is in ``.analyze``.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from ..corpus.codebook_edit import (
    ConceptEdit,
    add_concept,
    merge_concepts,
    nest_concept,
    rename_concept,
)
from ..errors import InputError
from ._common import EXIT_OK, read_store
from ._console import say

__all__ = ["EDITS", "EDITS_HELP", "edit_options", "run_edit"]

EDITS = ("add", "rename", "nest", "merge")
_ARGS = {"add": (1, 1), "rename": (1, 1), "nest": (1, 2), "merge": (2, 2)}

EDITS_HELP = """\
Edit a codebook (comments kept); with --db, statements coded to a renamed or merged concept
follow it in the store:
  stancegraph concepts add wetlands --label "wetlands protection" --codebook codebook.yaml
  stancegraph concepts rename port-expansion --label "harbour expansion" --codebook codebook.yaml --db corpus.db
  stancegraph concepts nest port-jobs port-development --codebook codebook.yaml
  stancegraph concepts merge port-jobs dock-work --codebook codebook.yaml --db corpus.db
add ID: a new concept (--label, --parent, --keyword, --pattern, --description); rename ID:
a new --label and/or --id (the old label stays a keyword); nest ID [PARENT]: put ID under
PARENT, or at the top without it; merge INTO OTHER: OTHER's label, keywords, patterns and
children join INTO, and OTHER leaves the codebook.
"""


def edit_options(p: argparse.ArgumentParser) -> None:
    """The options of the edits (``--db`` is the caller's)."""
    p.add_argument("--codebook", metavar="FILE", help="edits: the YAML codebook to change")
    p.add_argument("--label", metavar="TEXT", help="add, rename: the concept's label")
    p.add_argument("--id", dest="new_id", metavar="ID", help="rename: the concept's new id")
    p.add_argument("--parent", metavar="ID", help="add: the concept to put it under")
    p.add_argument(
        "--keyword", action="append", default=[], metavar="TEXT", help="add: a keyword (repeat)"
    )
    p.add_argument(
        "--pattern",
        action="append",
        default=[],
        metavar="REGEX",
        help="add: a regular expression (repeat)",
    )
    p.add_argument("--description", metavar="TEXT", help="add: what the concept is")


def run_edit(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    least, most = _ARGS[args.action]
    if not least <= len(args.inputs) <= most:
        wanted = str(least) if least == most else f"{least} or {most}"
        raise InputError(f"concepts {args.action} takes {wanted} concept id(s)")
    if not args.codebook:
        raise InputError(f"concepts {args.action} needs --codebook FILE")
    if not args.db:
        say(err, _edit(args).describe())
        return EXIT_OK
    with read_store(args.db) as store:  # a missing store stops it before the file changes
        if args.action == "add":
            store.check_new_concept(args.inputs[0])
        edit = _edit(args)
        say(err, edit.describe())
        if store.record_concept_edit(edit):
            say(err, f"statements in {store.url} follow it")
    return EXIT_OK


def _edit(args: argparse.Namespace) -> ConceptEdit:
    ids, path = args.inputs, args.codebook
    if args.action == "add":
        return add_concept(
            path,
            ids[0],
            args.label or ids[0].replace("-", " "),
            parent=args.parent,
            keywords=args.keyword,
            patterns=args.pattern,
            description=args.description or "",
        )
    if args.action == "rename":
        if not args.label and not args.new_id:
            raise InputError("concepts rename needs --label TEXT and/or --id ID")
        return rename_concept(path, ids[0], label=args.label, new_id=args.new_id)
    if args.action == "nest":
        return nest_concept(path, ids[0], ids[1] if len(ids) > 1 else None)
    return merge_concepts(path, ids[0], ids[1])
