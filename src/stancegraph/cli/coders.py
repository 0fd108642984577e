"""``stancegraph coders``, ``assign``, ``queue`` and ``agreement``: several coders on one store.

In: a store URL; a coder's name, role and password (typed at a hidden prompt, twice, or one
line on stdin with ``--password-stdin``; never an argument, never echoed or logged); coder
names with the share to code twice. Out: the coders listed (a table or JSON, never a hash),
one line on stderr per change, the assignment made, a coder's queue, and the agreement report
(``corpus.agreement``) as a table, JSON or CSV. The store must exist.
"""

from __future__ import annotations

import argparse
import csv
import getpass
import io
import json
import sys
from collections import Counter
from typing import Any, TextIO

from ..corpus.agreement import AgreementReport
from ..corpus.coders import ROLES
from ..errors import InputError
from ._common import EXIT_OK, Formatter, Subparsers, db_option, emit, output_option, read_store
from ._console import is_terminal, say, table

CODERS_HELP = """\
examples:
  stancegraph coders add anna --role admin --db corpus.db
  printf '%s\\n' "$PASSWORD" | stancegraph coders add ben --role coder --password-stdin
  stancegraph coders list --db corpus.db
  stancegraph coders password ben
  stancegraph coders remove ben
Once a store has coders, the workbench (stancegraph serve) asks each user to sign in. A viewer
reads; a coder decides on the documents assigned to them or to nobody; an admin does
everything: actors, and reconciling coders who disagree. The password is asked twice at a
hidden prompt (or read as one line from stdin with --password-stdin) and kept as an argon2
hash only. Removing a coder keeps their decisions.
"""

ASSIGN_HELP = """\
examples:
  stancegraph assign --coders anna,ben --db corpus.db
  stancegraph assign --coders anna,ben,carla --overlap 0.2 --seed 7
Splits the analysed documents that nobody is assigned yet among the coders, evenly; a share
(--overlap, 0 to 1) goes to two coders each, for the agreement report (stancegraph
agreement). The same --seed gives the same split. Assignments made before are kept.
"""

QUEUE_HELP = """\
examples:
  stancegraph queue ben --db corpus.db
  stancegraph queue ben --format json
A coder's documents: those left (unreviewed or in progress, by the coder's own decisions)
first, then those the coder marked done.
"""

AGREEMENT_HELP = """\
examples:
  stancegraph agreement --db corpus.db
  stancegraph agreement --format json -o agreement.json
  stancegraph agreement --format csv --disagreements -o disagreements.csv
Inter-coder agreement on the documents two coders or more marked done: per variable (quote
span found, speaker, statement concept, agreement, event type), Krippendorff's alpha (nominal)
and percent agreement among the coders, and again with the machine as one more coder. Each
coder counts with their own decisions; an item a coder left alone counts as the machine had it.
--disagreements lists the units the coders coded differently (an admin reconciles them in the
workbench).
"""

_NEEDS_NAME = {"add": True, "list": False, "remove": True, "password": True, "role": True}


def add_parsers(sub: Subparsers) -> None:
    c = sub.add_parser(
        "coders", help="add, list and remove the coders of a store", description=CODERS_HELP,
        formatter_class=Formatter,
    )  # fmt: skip
    c.add_argument("action", choices=tuple(_NEEDS_NAME))
    c.add_argument("name", nargs="?", metavar="NAME", help="the coder's name")
    c.add_argument("--role", choices=ROLES, help="add (default coder), role: the coder's role")
    c.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    c.add_argument("--format", "-f", choices=("table", "json"), default="table")
    output_option(c, "list: write to this file")
    db_option(c)
    c.set_defaults(run=run_coders)
    a = sub.add_parser(
        "assign", help="split the store's documents among coders, a share coded twice",
        description=ASSIGN_HELP, formatter_class=Formatter,
    )  # fmt: skip
    a.add_argument("--coders", required=True, metavar="A,B", help="the coders, comma-separated")
    a.add_argument("--overlap", type=float, default=0.0, help="share coded by two (default 0)")
    a.add_argument("--seed", type=int, default=0, help="the shuffle's seed (default 0)")
    db_option(a)
    a.set_defaults(run=run_assign)
    g = sub.add_parser(
        "agreement", help="inter-coder agreement (Krippendorff's alpha) and disagreements",
        description=AGREEMENT_HELP, formatter_class=Formatter,
    )  # fmt: skip
    g.add_argument("--format", "-f", choices=("table", "json", "csv"), default="table")
    g.add_argument("--disagreements", action="store_true", help="list the disagreements")
    output_option(g)
    db_option(g)
    g.set_defaults(run=run_agreement)
    q = sub.add_parser(
        "queue", help="a coder's documents, those left first", description=QUEUE_HELP,
        formatter_class=Formatter,
    )  # fmt: skip
    q.add_argument("name", metavar="NAME", help="the coder's name")
    q.add_argument("--format", "-f", choices=("table", "json"), default="table")
    output_option(q)
    db_option(q)
    q.set_defaults(run=run_queue)


def run_coders(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if _NEEDS_NAME[args.action] and not args.name:
        raise InputError(f"coders {args.action} needs a NAME")
    if args.action == "role" and not args.role:
        raise InputError("coders role needs --role admin|coder|viewer")
    with read_store(args.db) as store:
        if args.action == "list":
            rows = [
                {"name": c.name, "role": c.role, "documents": c.documents, "created": c.created}
                for c in store.coders()
            ]
            _show(rows, ("name", "role", "documents", "created"), args, out)
        elif args.action == "add":
            added = store.add_coder(args.name, args.role or "coder", _password(args, err))
            say(err, f"added {added.name!r} as {added.role}")
        elif args.action == "password":
            name = store.coder(args.name).name
            store.set_password(name, _password(args, err))
            say(err, f"changed the password of {name!r}")
        elif args.action == "role":
            store.set_role(args.name, args.role)
            say(err, f"{args.name.strip()!r} is now {args.role}")
        else:
            store.remove_coder(args.name)
            say(err, f"removed {args.name.strip()!r} (their decisions stay)")
    return EXIT_OK


def run_assign(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    names = [n.strip() for n in args.coders.split(",") if n.strip()]
    if not names:
        raise InputError("--coders: at least one coder's name")
    with read_store(args.db) as store:
        planned = store.assign(names, overlap=args.overlap, seed=args.seed)
    load = Counter(name for chosen in planned.values() for name in chosen)
    twice = sum(1 for chosen in planned.values() if len(chosen) > 1)
    each = ", ".join(f"{name} {load[name]}" for name in names)
    documents = "document" if len(planned) == 1 else "documents"
    say(err, f"assigned {len(planned)} {documents} ({twice} coded twice): {each}")
    return EXIT_OK


def run_queue(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with read_store(args.db) as store:
        rows = [
            {"state": r.state, "title": r.title, "source": r.source, "coders": ",".join(r.coders)}
            for r in store.queue(args.name)
        ]
    _show(rows, ("state", "title", "source", "coders"), args, out)
    return EXIT_OK


def run_agreement(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with read_store(args.db) as store:
        made = store.agreement()
    if not made.documents:
        say(err, "no document is coded by two coders yet (a coder's counts once marked done)")
    if args.format == "json":
        emit(
            args.output, json.dumps(agreement_json(made), ensure_ascii=False, indent=2) + "\n", out
        )
        return EXIT_OK
    if args.disagreements:
        rows, columns = (
            _disagreement_rows(made),
            ("document", "variable", "unit", "text", "values", "resolved"),
        )
    else:
        rows, columns = _score_rows(made), _SCORE_COLUMNS
    if args.format == "csv":
        emit(args.output, _csv(rows, columns), out)
    else:
        _show(rows, columns, args, out)
        if not args.disagreements:
            coders = ", ".join(made.coders) or "none"
            docs, found = len(made.documents), len(made.disagreements)
            say(err, f"{_count(docs, 'document')} coded twice; coders: {coders}; "
                f"{_count(found, 'disagreement')} (--disagreements lists them)")  # fmt: skip
    return EXIT_OK


_SCORE_COLUMNS = ("variable", "units", "alpha", "percent", "alpha_machine", "percent_machine")


def agreement_json(made: AgreementReport) -> dict[str, Any]:
    """The report as JSON: documents, coders, scores and disagreements (without the choices)."""
    return {
        "documents": list(made.documents),
        "coders": list(made.coders),
        "scores": _score_rows(made),
        "disagreements": [
            {**row, "values": dict(d.values)}
            for row, d in zip(_disagreement_rows(made), made.disagreements, strict=True)
        ],
    }


def _score_rows(made: AgreementReport) -> list[dict[str, Any]]:
    return [
        {"variable": s.label, "units": s.units, "alpha": _round(s.alpha),
         "percent": _round(s.percent), "alpha_machine": _round(s.alpha_machine),
         "percent_machine": _round(s.percent_machine)}
        for s in made.scores
    ]  # fmt: skip


def _disagreement_rows(made: AgreementReport) -> list[dict[str, Any]]:
    return [
        {"document": d.document, "variable": d.variable, "unit": d.unit, "text": d.text,
         "values": "; ".join(f"{k}={v}" for k, v in d.values.items()), "resolved": d.resolved}
        for d in made.disagreements
    ]  # fmt: skip


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _show(rows: list[dict[str, Any]], columns: tuple[str, ...], args: argparse.Namespace,
          out: TextIO) -> None:  # fmt: skip
    if args.format == "json":
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    else:
        text = table(rows, columns, terminal=not args.output and is_terminal(out))
    emit(args.output, text, out)


def _password(args: argparse.Namespace, err: TextIO) -> str:
    """The new password: one line of stdin, or typed twice at a hidden prompt."""
    if args.password_stdin:
        line = sys.stdin.readline()
        return line.removesuffix("\n").removesuffix("\r")
    if not sys.stdin.isatty():
        raise InputError("no terminal to ask the password at: use --password-stdin")
    first = getpass.getpass(f"password for {args.name.strip()}: ", stream=err)
    second = getpass.getpass("again: ", stream=err)
    if first != second:
        raise InputError("the two passwords differ: nothing changed")
    return first
