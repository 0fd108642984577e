"""How much PLOVER event extraction adds to ``analyze``.

Times, on the same texts in one process:

  (a) parse    ``nlp.pipe(texts)`` with the pipeline stancegraph uses, every doc kept;
  (b) extract  ``stancegraph.pipeline.analyze_doc`` on each parsed doc: quotes, actors,
               speakers (the rest of ``analyze`` after parsing);
  (c) events   what events add on top: ``participant_spans(doc)`` (the extra requests
               ``extract_actors`` resolves) plus ``extract_events`` with the document's quotes.

The actor table (c) reads is built untimed, with the extra requests, as the pipeline will build
it once. The texts are every row of ``../shared/data/wikinews/*.csv`` read with
``stancegraph.read_inputs``. Each stage is measured ``--repeat`` times after a warm-up
and the minimum kept; the overhead ``events / (parse + extract)`` is checked against a 10%
budget.

Usage: python benchmarks/bench_events.py [--limit N] [--repeat N] [--json]
Exit code: 0 within budget, 1 over budget, 2 no data or bad options.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc

from stancegraph.extract.actors import ActorTable, extract_actors
from stancegraph.extract.events import extract_events, participant_spans
from stancegraph.extract.nlp import load_pipeline
from stancegraph.pipeline import Options, analyze_doc
from stancegraph.read.inputs import read_inputs
from stancegraph.types import Analysis, Document, ReadFailure

BUDGET = 0.10
WARMUP_DOCS = 5
# The shared data folder: $STANCEGRAPH_SHARED_DATA, else ../shared/data beside the repository.
SHARED_DATA = Path(
    os.environ.get("STANCEGRAPH_SHARED_DATA")
    or Path(__file__).resolve().parents[2] / "shared" / "data"
)
DATA = SHARED_DATA / "wikinews"


def load_documents(folder: Path, limit: int | None) -> list[Document]:
    paths = [str(p) for p in sorted(folder.glob("*.csv"))]
    docs: list[Document] = []
    for item in read_inputs(paths):
        if isinstance(item, ReadFailure):
            continue
        docs.append(item)
        if limit is not None and len(docs) >= limit:
            break
    return docs


def time_parse(texts: Sequence[str], batch_size: int) -> tuple[float, list[Doc]]:
    nlp = load_pipeline()
    start = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=batch_size))
    return time.perf_counter() - start, parsed


def time_extract(parsed: Sequence[Doc], docs: Sequence[Document]) -> tuple[float, list[Analysis]]:
    start = time.perf_counter()
    analyses = [analyze_doc(doc, document) for doc, document in zip(parsed, docs, strict=True)]
    return time.perf_counter() - start, analyses


def tables_for(parsed: Sequence[Doc], analyses: Sequence[Analysis]) -> list[ActorTable]:
    """The actor tables the pipeline would build with the event participants requested."""
    tables = []
    for doc, analysis in zip(parsed, analyses, strict=True):
        speakers = [
            doc.char_span(q.speaker_start, q.speaker_end)
            for q in analysis.quotes
            if q.speaker_start is not None and q.speaker_end is not None
        ]
        requests = [s for s in speakers if s is not None] + participant_spans(doc)
        tables.append(extract_actors(doc, requests, text=analysis.document.text))
    return tables


def time_events(
    parsed: Sequence[Doc], analyses: Sequence[Analysis], tables: Sequence[ActorTable]
) -> tuple[float, int]:
    count = 0
    start = time.perf_counter()
    for doc, analysis, table in zip(parsed, analyses, tables, strict=True):
        participant_spans(doc)
        count += len(extract_events(doc, table, analysis.document, quotes=analysis.quotes))
    return time.perf_counter() - start, count


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, metavar="N", help="use only the first N documents")
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="runs of each (3)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--data", type=Path, default=DATA, help="folder of Wikinews CSV files")
    args = parser.parse_args(argv)
    if args.repeat < 1 or (args.limit is not None and args.limit < 1):
        print("bench_events: --repeat and --limit must be at least 1", file=sys.stderr)
        return 2
    if not args.data.is_dir():
        print(f"bench_events: data folder not found: {args.data}", file=sys.stderr)
        return 2
    docs = load_documents(args.data, args.limit)
    if not docs:
        print(f"bench_events: no documents in {args.data}", file=sys.stderr)
        return 2
    texts = [d.text for d in docs]
    batch = Options().batch_size

    # Warm-up: load the pipeline and touch every code path once (dateparser included).
    _, warm = time_parse(texts[:WARMUP_DOCS], batch)
    _, warm_analyses = time_extract(warm, docs[:WARMUP_DOCS])
    time_events(warm, warm_analyses, tables_for(warm, warm_analyses))

    parse_times, extract_times, event_times = [], [], []
    events = 0
    for _ in range(args.repeat):
        gc.collect()
        seconds, parsed = time_parse(texts, batch)
        parse_times.append(seconds)
        gc.collect()
        seconds, analyses = time_extract(parsed, docs)
        extract_times.append(seconds)
        tables = tables_for(parsed, analyses)
        gc.collect()
        seconds, events = time_events(parsed, analyses, tables)
        event_times.append(seconds)
    parse_s, extract_s, events_s = min(parse_times), min(extract_times), min(event_times)
    analyze_s = parse_s + extract_s
    overhead = events_s / analyze_s
    passed = overhead <= BUDGET
    words = sum(len(t.split()) for t in texts)
    result = {
        "documents": len(docs),
        "words": words,
        "events": events,
        "repeat": args.repeat,
        "parse_seconds": round(parse_s, 3),
        "extract_seconds": round(extract_s, 3),
        "events_seconds": round(events_s, 3),
        "events_ms_per_document": round(1000 * events_s / len(docs), 2),
        "overhead": round(overhead, 4),
        "budget": BUDGET,
        "pass": passed,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"documents: {len(docs)}  words: {words}  events: {events}")
        print(f"minimum of {args.repeat} run(s) each")
        print(f"(a) spaCy parse:             {parse_s:8.2f} s")
        print(f"(b) quotes, actors:          {extract_s:8.2f} s")
        print(
            f"(c) events:                  {events_s:8.2f} s  ({result['events_ms_per_document']} ms/doc)"
        )
        print(f"events / analyze (a+b): {overhead:+.1%}")
        verdict = "PASS" if passed else "FAIL"
        print(f"{verdict}: overhead {overhead:.1%} {'<=' if passed else '>'} budget {BUDGET:.0%}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
