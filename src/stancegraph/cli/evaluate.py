"""``stancegraph evaluate``: gold attributions or PLOVER records in, a score report out.

In: a brat folder, a JSON Lines file of gold analyses, or PLOVER gold-standard records; or a
corpus store whose documents coders reviewed (``--db URL --reviewed``). Out: precision, recall
and F1 (quotes) or type accuracy and F1 (events); for a store, the machine's precision per kind
(quote, speaker, statement, event) and per rule, judged by the coders' decisions; as text or
JSON.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..types import Document, ReadFailure
from ._common import (
    EXIT_OK,
    Formatter,
    Subparsers,
    UsageError,
    analyse_with_progress,
    db_option,
    emit,
    nlp_options,
    options_of,
    output_option,
    positive,
    read_store,
    skipped,
)
from ._console import is_terminal, progress_bar, table

if TYPE_CHECKING:
    from ..corpus.review import Precision

EVALUATE_HELP = """\
Score quote extraction against gold attributions: precision, recall and F1 of quote content
(a match shares at least half of the larger token bag), source accuracy on matched quotes, and
both per quote type.

examples:
  stancegraph evaluate --gold ../shared/data/polnear/data/dev
  stancegraph evaluate --gold gold.jsonl --gold-format jsonl --json -o report.json
  stancegraph evaluate --gold-format plover --gold PLOVER_GSR_CAMEO.txt
  stancegraph evaluate --gold-format actors --gold tests/data/actors_dev/gold.jsonl
  stancegraph evaluate --gold-format statements --gold tests/data/statements_dev/gold.jsonl
  stancegraph evaluate --db corpus.db --reviewed
--gold-format (or its older name --format) says what --gold holds: brat (default), jsonl,
plover (PLOVER gold-standard records, to score events), or actors (an analyst's actor lists,
whose articles are read from --data: actor precision, recall, split rate and junk), or
statements (an analyst's codebook and statements per article, read likewise: unique
actor-concept-agreement triples per article, actor-agreement-evidence pairs and concept
purity; each article is analysed with its own codebook, or with none under --no-codebook). --db URL --reviewed scores instead the
machine's items that coders reviewed in the store: an accepted item is right, a rejected one
wrong, an edited one wrong in what the edit changed (a quote given another speaker is a right
quote with a wrong speaker).
"""


def add_parsers(sub: Subparsers) -> None:
    e = sub.add_parser(
        "evaluate",
        help="score quotes and speakers against gold data",
        description=EVALUATE_HELP,
        formatter_class=Formatter,
    )
    e.add_argument("--gold", metavar="PATH", help="brat folder or JSONL file")
    e.add_argument(
        "--gold-format",
        "--format",
        "-f",
        dest="gold_format",
        choices=("brat", "jsonl", "plover", "actors", "statements"),
        default="brat",
        help="brat/jsonl: quote gold; plover: PLOVER event gold-standard records; "
        "actors: actor lists; statements: codebooks and coded statements",
    )
    codebooks = e.add_mutually_exclusive_group()
    codebooks.add_argument(
        "--codebook-from-gold",
        dest="gold_codebook",
        action="store_true",
        default=True,
        help="with --gold-format statements: code each article against its gold codebook "
        "(the default)",
    )
    codebooks.add_argument(
        "--no-codebook",
        dest="gold_codebook",
        action="store_false",
        help="with --gold-format statements: code statements without a codebook",
    )
    e.add_argument(
        "--data",
        metavar="DIR",
        help="with --gold-format actors or statements: the folder the articles' refs point into "
        "(default: $STANCEGRAPH_SHARED_DATA, else ../shared/data)",
    )
    e.add_argument("--limit", type=int, metavar="N", help="score only the first N documents")
    db_option(e)
    e.add_argument(
        "--reviewed",
        action="store_true",
        help="score the machine against the coders' decisions in the store (--db)",
    )
    e.add_argument("--json", action="store_true", help="print the report as JSON")
    output_option(e, "write the report to this file")
    nlp_options(e, codebook=False)
    e.set_defaults(run=run_evaluate)


def run_evaluate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..evaluation.quotes import format_report, load_brat, load_jsonl_gold, report_to_dict, score

    if args.db or args.reviewed:
        return _evaluate_store(args, out)
    if not args.gold:
        raise UsageError("give --gold PATH, or --db URL --reviewed to score a reviewed store")
    options = options_of(args)
    if args.limit is not None:
        positive(args.limit, "--limit")
    if args.gold_format == "plover":
        return _evaluate_plover(args, out, err)
    if args.gold_format == "actors":
        return _evaluate_actors(args, out, err)
    if args.gold_format == "statements":
        return _evaluate_statements(args, out, err)
    gold = load_brat(args.gold) if args.gold_format == "brat" else load_jsonl_gold(args.gold)
    if args.limit is not None:
        gold = gold[: args.limit]
    docs = [Document(id=g.id, text=g.text) for g in gold]
    analyses, _ = analyse_with_progress(docs, options, err, what="evaluating")
    predicted = {a.document.id: a for a in analyses}  # a skipped document predicts nothing
    report = score(gold, predicted)
    if args.json:
        emit(args.output, json.dumps(report_to_dict(report), indent=2) + "\n", out)
    else:
        emit(args.output, format_report(report) + "\n", out)
    return EXIT_OK


def _evaluate_actors(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..evaluation.actors import (
        actor_report_to_dict,
        article_document,
        format_actor_report,
        load_actor_gold,
        score_actors,
    )

    gold = load_actor_gold(args.gold, _data_folder(args))[: args.limit]
    docs = [article_document(g) for g in gold]
    analyses, _ = analyse_with_progress(docs, options_of(args), err, what="evaluating")
    report = score_actors(gold, {a.document.id: a for a in analyses})
    if args.json:
        emit(args.output, json.dumps(actor_report_to_dict(report), indent=2) + "\n", out)
    else:
        emit(args.output, format_actor_report(report) + "\n", out)
    return EXIT_OK


def _data_folder(args: argparse.Namespace) -> str:
    return str(args.data or os.environ.get("STANCEGRAPH_SHARED_DATA") or "../shared/data")


def _evaluate_statements(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..evaluation.statements import (
        analyse_gold,
        format_statement_report,
        load_statement_gold,
        score_statements,
        statement_report_to_dict,
    )

    gold = load_statement_gold(args.gold, _data_folder(args))[: args.limit]
    failed: list[ReadFailure] = []
    analyses = {}
    with progress_bar(err, "evaluating") as bar:
        runs = analyse_gold(
            gold, with_codebook=args.gold_codebook, model=args.model, failures=failed
        )
        for analysis in runs:
            analyses[analysis.document.id] = analysis
            bar.update(done=len(analyses) + len(failed), total=len(gold))
    for item in failed:
        skipped(err, item)
    report = score_statements(gold, analyses)
    if args.json:
        emit(args.output, json.dumps(statement_report_to_dict(report), indent=2) + "\n", out)
    else:
        emit(args.output, format_statement_report(report) + "\n", out)
    return EXIT_OK


def _evaluate_plover(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..errors import GoldError
    from ..evaluation.plover import evaluate_plover, format_plover_report

    if not Path(args.gold).is_file():
        raise GoldError("no such gold file", source=args.gold)
    try:
        with progress_bar(err, "evaluating"):  # no count to show: the bar only pulses
            report = evaluate_plover(args.gold, model=args.model, limit=args.limit)
    except (ValueError, KeyError, TypeError) as exc:
        raise GoldError(f"not PLOVER gold-standard records ({exc})", source=args.gold) from exc
    if not args.json:
        emit(args.output, format_plover_report(report) + "\n", out)
        return EXIT_OK
    payload = {
        "sentences": report.sentences,
        "type_accuracy": report.type_accuracy,
        "micro_f1": report.micro.f1,
        "macro_f1": report.macro_f1,
        "source_accuracy": report.source_accuracy,
        "target_accuracy": report.target_accuracy,
        "by_type": {k: v.f1 for k, v in report.by_type.items()},
    }
    emit(args.output, json.dumps(payload, indent=2) + "\n", out)
    return EXIT_OK


def _evaluate_store(args: argparse.Namespace, out: TextIO) -> int:
    """The machine's precision on the items coders reviewed in the store."""
    from ..errors import InputError

    if args.gold:
        raise UsageError("give --gold PATH or --db URL --reviewed, not both")
    if not args.reviewed:
        raise UsageError("evaluate --db scores the coders' decisions: add --reviewed")
    with read_store(args.db) as store:
        found = store.precision()
    if not any(score.decided for score in found.by_kind.values()):
        raise InputError("no review decisions on machine items: nothing to score", source=store.url)
    if args.json:
        emit(args.output, json.dumps(_precision_dict(found), indent=2) + "\n", out)
        return EXIT_OK
    terminal = not args.output and is_terminal(out)
    columns = ("kind", "rule", "decided", "correct", "precision")
    emit(args.output, table(_precision_rows(found), columns, terminal=terminal), out)
    return EXIT_OK


def _precision_rows(found: Precision) -> list[dict[str, Any]]:
    """One row per kind (rule "all") followed by one per rule of that kind."""
    rows: list[dict[str, Any]] = []
    for kind, total in found.by_kind.items():
        for rule, score in [("all", total), *found.by_rule[kind].items()]:
            shown = "-" if score.precision is None else f"{score.precision:.2f}"
            rows.append(
                {"kind": kind, "rule": rule or "-", "decided": score.decided,
                 "correct": score.correct, "precision": shown}
            )  # fmt: skip
    return rows


def _precision_dict(found: Precision) -> dict[str, Any]:
    from dataclasses import asdict

    return {
        "by_kind": {kind: asdict(score) for kind, score in found.by_kind.items()},
        "by_rule": {
            kind: {rule: asdict(score) for rule, score in rules.items()}
            for kind, rules in found.by_rule.items()
        },
    }
