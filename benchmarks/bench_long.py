"""Time and peak memory of analysing one long document, against its length.

Each case runs in a fresh process (``python bench_long.py --one CASE``) that builds the text,
analyses it with ``stancegraph.analyze_text`` and reports its own peak resident set size
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``); the parent times the child. Cases:

* ``10k`` ... ``1M``: ordinary news, Wikinews articles read at run time from
  ``../shared/data/wikinews/wikinews_2019.csv`` (and 2020) joined by blank lines, cut at a
  paragraph end near the size (the texts are never stored in the repository);
* ``quotes``: 250,000 characters of news with 5,000 opening quotation marks that never close;
* ``nopunct``: 250,000 characters of news words with no punctuation and no line break;
* ``said``: 20,000 repetitions of "X said." in one paragraph.

Usage: python benchmarks/bench_long.py [CASE ...] [--json]
(no CASE: all of them). Prints one row per case: characters, seconds, peak RSS in MB.
Exit code: 0 measured, 2 no data or bad options.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

SHARED = Path(
    os.environ.get("STANCEGRAPH_SHARED_DATA") or Path(__file__).parents[2] / "shared/data"
)
SOURCES = [SHARED / "wikinews" / f"wikinews_{year}.csv" for year in (2019, 2020)]
SIZES = {"10k": 10_000, "30k": 30_000, "100k": 100_000, "300k": 300_000, "1M": 1_000_000}
PATHOLOGICAL = ("quotes", "nopunct", "said")
CASES = (*SIZES, *PATHOLOGICAL)


def news(size: int) -> str:
    """Wikinews articles joined by blank lines, repeated if need be, cut after a paragraph."""
    csv.field_size_limit(sys.maxsize)
    articles: list[str] = []
    for source in SOURCES:
        with source.open(encoding="utf-8", newline="") as handle:
            articles += [row["text"].strip() for row in csv.DictReader(handle) if row["text"]]
    paragraphs = [p.strip() for a in articles for p in a.split("\n\n") if p.strip()]
    chosen: list[str] = []
    length = 0
    while length < size:
        for paragraph in paragraphs:
            chosen.append(paragraph)
            length += len(paragraph) + 2
            if length >= size:
                break
    return "\n\n".join(chosen)


def pathological(case: str) -> str:
    if case == "said":
        return " ".join(["X said."] * 20_000)
    words = re.findall(r"[A-Za-z]+", news(300_000))
    if case == "nopunct":
        return " ".join(words)[:250_000]
    # "quotes": an opening mark every ~50 characters, none of them closed.
    pieces = [" ".join(words[n : n + 8]) for n in range(0, 8 * 5_000, 8)]
    return " ".join(f"\u201c{piece}" for piece in pieces)[:250_000]


def text_of(case: str) -> str:
    return news(SIZES[case]) if case in SIZES else pathological(case)


def run_one(case: str) -> None:
    """The child: analyse the case's text once, print its length and peak RSS in kB."""
    from stancegraph import analyze_text

    text = text_of(case)
    analyze_text(text, doc_id=case)
    print(len(text), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def measure(case: str) -> dict[str, object]:
    """Wall seconds and peak RSS of one child process analysing ``case``."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--one", case], check=True, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    chars, peak_kb = (int(n) for n in done.stdout.split()[-2:])
    return {
        "case": case,
        "chars": chars,
        "seconds": round(seconds, 1),
        "peak_mb": round(peak_kb / 1024),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", metavar="CASE")
    parser.add_argument("--one", choices=CASES, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.cases) - set(CASES))
    if unknown:
        parser.error(f"unknown case {unknown[0]!r}; cases: {', '.join(CASES)}")
    if not all(source.exists() for source in SOURCES):
        print(f"bench_long: no Wikinews data in {SHARED / 'wikinews'}", file=sys.stderr)
        return 2
    if args.one:
        run_one(args.one)
        return 0
    rows = []
    for case in args.cases or CASES:
        rows.append(measure(case))
        if not args.json:
            row = rows[-1]
            print(
                f"{row['case']:>8} {row['chars']:>10,} {row['seconds']:>8} s {row['peak_mb']:>6} MB"
            )
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
