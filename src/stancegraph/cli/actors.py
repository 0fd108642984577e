"""``stancegraph actors``: list, show and correct the corpus actors of a store.

In: a store URL, an action and corpus actor names. Out: a table or JSON of corpus actors, one
actor's aliases, roles, affiliations and documents, or a recorded merge, split, rename,
retype or deletion. The store must exist: nothing here creates one.
"""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from ..errors import InputError
from ..formats.safe import printable
from ._common import EXIT_OK, Formatter, Subparsers, db_option, emit, output_option, read_store
from ._console import is_terminal, say, table

ACTORS_HELP = """\
examples:
  stancegraph actors list --db corpus.db
  stancegraph actors list --format json -o actors.json
  stancegraph actors show Zelenskyy
  stancegraph actors merge "Volodymyr Zelenskyy" "Zelensky"
  stancegraph actors split "Helena Brandt" --alias "Karl Brandt"
  stancegraph actors rename "US" "United States"
  stancegraph actors retype "Kiev" place
  stancegraph actors delete "Reuters"
Corpus actors join the document actors of the whole store (name variants, titles, case,
transliterations). list: name, type, documents, mentions; show NAME: aliases, roles,
affiliations, documents; merge A B: B into A; split NAME --alias X: X its own actor; rename
NAME NEW; retype NAME TYPE (person, organization, country, group, document, place); delete
NAME: no longer an actor (its quotes keep their text and lose the speaker, its statements and
event participants lose their actor). A correction names its actor exactly (its name, a name
variant or a person's surname; "Kiev" does not pick "mayor of Kiev"), show may guess from part
of a name. Corrections are recorded and kept, in order, when documents are analysed again.
"""

_NAMES = {"list": 0, "show": 1, "merge": 2, "split": 1, "rename": 2, "retype": 2, "delete": 1}


def add_parsers(sub: Subparsers) -> None:
    a = sub.add_parser(
        "actors",
        help="list, show and correct the corpus actors of the store",
        description=ACTORS_HELP,
        formatter_class=Formatter,
    )
    a.add_argument("action", choices=tuple(_NAMES))
    a.add_argument("names", nargs="*", metavar="NAME", help="corpus actor name(s)")
    a.add_argument("--alias", metavar="X", help="split: the name that becomes its own actor")
    a.add_argument("--format", "-f", choices=("table", "json"), default="table")
    output_option(a, "list, show: write to this file")
    db_option(a)
    a.set_defaults(run=run_actors)


def run_actors(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    wanted = _NAMES[args.action]
    if len(args.names) != wanted:
        raise InputError(f"actors {args.action} takes {wanted} NAME argument(s)")
    if args.action == "split" and not args.alias:
        raise InputError("actors split needs --alias X")
    with read_store(args.db) as store:
        if args.action == "list":
            rows = store.corpus_actors()
            if args.format == "json":
                text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
            else:
                columns = ("name", "type", "documents", "mentions")
                text = table(rows, columns, terminal=not args.output and is_terminal(out))
            emit(args.output, text, out)
        elif args.action == "show":
            item = store.corpus_actor(args.names[0])
            if args.format == "json":
                text = json.dumps(item, ensure_ascii=False, indent=2) + "\n"
            else:
                lines = []
                for key, value in item.items():
                    shown = ", ".join(value) if isinstance(value, list) else str(value)
                    lines.append(f"{key + ':':<14}{printable(shown)}\n")
                text = "".join(lines)
            emit(args.output, text, out)
        elif args.action == "merge":
            into, other = store.merge_actors(*args.names)
            say(err, f"merged {other!r} into {into!r}")
        elif args.action == "split":
            old = store.split_actor(args.names[0], args.alias)
            say(err, f"split {args.alias!r} from {old!r}")
        elif args.action == "rename":
            old = store.rename_actor(*args.names)
            say(err, f"renamed {old!r} to {args.names[1]!r}")
        elif args.action == "retype":
            old = store.retype_actor(*args.names)
            say(err, f"retyped {old!r} as {args.names[1]!r}")
        else:
            old = store.delete_actor(args.names[0])
            say(err, f"deleted {old!r}")
    return EXIT_OK
