"""How much stancegraph adds on top of spaCy parsing.

Times, on the same texts in one process:

  (a) parse   the bare spaCy pipeline stancegraph uses (``stancegraph.extract.nlp.load_pipeline()``):
              ``nlp.pipe(texts)`` with stancegraph's batch size, consuming every doc;
  (b) full    ``stancegraph.pipeline.analyze(documents)`` plus the JSON serialisation of each
              analysis (``render([analysis], "jsonl")``): parsing, extraction and output.

The texts are every row of ``../shared/data/wikinews/*.csv``, read with
``stancegraph.read_inputs`` (so cleaned exactly as the CLI cleans them). Both are
warmed up once on a few texts, then measured ``--repeat`` times in alternating order; the
minimum of each is reported, with the overhead ``full / parse - 1`` against a 15% budget.

Usage: python benchmarks/bench_analyze.py [--limit N] [--repeat N] [--json]
Exit code: 0 within budget, 1 over budget, 2 no data or bad options.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from stancegraph.extract.nlp import load_pipeline
from stancegraph.formats.render import render
from stancegraph.pipeline import Options, analyze
from stancegraph.read.inputs import read_inputs
from stancegraph.types import Document, ReadFailure

BUDGET = 0.15
WARMUP_DOCS = 5
# The shared data folder: $STANCEGRAPH_SHARED_DATA, else ../shared/data beside the repository.
SHARED_DATA = Path(
    os.environ.get("STANCEGRAPH_SHARED_DATA")
    or Path(__file__).resolve().parents[2] / "shared" / "data"
)
DATA = SHARED_DATA / "wikinews"


def load_documents(folder: Path, limit: int | None) -> tuple[list[Document], int]:
    """The documents of every CSV in ``folder`` (sorted), and how many rows failed to read."""
    paths = [str(p) for p in sorted(folder.glob("*.csv"))]
    docs: list[Document] = []
    failed = 0
    for item in read_inputs(paths):
        if isinstance(item, ReadFailure):
            failed += 1
            continue
        docs.append(item)
        if limit is not None and len(docs) >= limit:
            break
    return docs, failed


def time_parse(texts: Sequence[str], batch_size: int) -> float:
    """Seconds for the bare pipeline to parse ``texts`` (every doc consumed)."""
    nlp = load_pipeline()
    tokens = 0
    start = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        tokens += len(doc)
    elapsed = time.perf_counter() - start
    assert tokens > 0
    return elapsed


def time_full(docs: Sequence[Document], options: Options) -> float:
    """Seconds for analyze() plus one JSON line per analysis."""
    size = 0
    start = time.perf_counter()
    for analysis in analyze(docs, options):
        size += len(render([analysis], "jsonl"))
    elapsed = time.perf_counter() - start
    assert size > 0
    return elapsed


def measure(fn: Callable[[], float]) -> float:
    gc.collect()
    return fn()


def run(docs: Sequence[Document], repeat: int) -> dict[str, float]:
    options = Options()
    texts = [d.text for d in docs]
    # Warm-up: load the pipeline and touch every code path once.
    time_parse(texts[:WARMUP_DOCS], options.batch_size)
    time_full(docs[:WARMUP_DOCS], options)

    parse_times: list[float] = []
    full_times: list[float] = []
    for round_ in range(repeat):
        steps: list[tuple[list[float], Callable[[], float]]] = [
            (parse_times, lambda: time_parse(texts, options.batch_size)),
            (full_times, lambda: time_full(docs, options)),
        ]
        if round_ % 2:
            steps.reverse()
        for sink, fn in steps:
            sink.append(measure(fn))
    return {"parse": min(parse_times), "full": min(full_times)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, metavar="N", help="use only the first N documents")
    parser.add_argument("--repeat", type=int, default=2, metavar="N", help="runs of each (2)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--data", type=Path, default=DATA, help="folder of Wikinews CSV files")
    args = parser.parse_args(argv)
    if args.repeat < 1 or (args.limit is not None and args.limit < 1):
        print("bench_analyze: --repeat and --limit must be at least 1", file=sys.stderr)
        return 2
    if not args.data.is_dir():
        print(f"bench_analyze: data folder not found: {args.data}", file=sys.stderr)
        return 2

    docs, failed = load_documents(args.data, args.limit)
    if not docs:
        print(f"bench_analyze: no documents in {args.data}", file=sys.stderr)
        return 2
    words = sum(len(d.text.split()) for d in docs)
    times = run(docs, args.repeat)
    parse_s, full_s = times["parse"], times["full"]
    overhead = full_s / parse_s - 1
    passed = overhead <= BUDGET

    result = {
        "documents": len(docs),
        "skipped_rows": failed,
        "words": words,
        "characters": sum(len(d.text) for d in docs),
        "repeat": args.repeat,
        "parse_seconds": round(parse_s, 3),
        "full_seconds": round(full_s, 3),
        "parse_words_per_second": round(words / parse_s, 1),
        "full_words_per_second": round(words / full_s, 1),
        "overhead": round(overhead, 4),
        "budget": BUDGET,
        "pass": passed,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"documents: {len(docs)} ({failed} rows skipped)  words: {words}")
        print(f"minimum of {args.repeat} run(s) each, alternating order")
        print(f"(a) spaCy parse only:        {parse_s:8.2f} s  {words / parse_s:9.0f} words/s")
        print(f"(b) analyze + JSON output:   {full_s:8.2f} s  {words / full_s:9.0f} words/s")
        print(f"overhead (b/a - 1): {overhead:+.1%}")
        verdict = "PASS" if passed else "FAIL"
        print(f"{verdict}: overhead {overhead:.1%} {'<=' if passed else '>'} budget {BUDGET:.0%}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
