"""How much ``analyze --workers 2`` gains over ``--workers 1``.

Runs the command line as a whole process, as a user would, on the same input:

  stancegraph analyze INPUT --format jsonl -o OUT --workers 1
  stancegraph analyze INPUT --format jsonl -o OUT --workers 2

in alternating order, ``--repeat`` times each after one warm-up run of each, and reports per
worker count the wall time (median and range), the CPU time of the process and its workers, the
words per second and the speed-up (median of the paired ratios ``workers 1 / workers 2``), which
the issue asks to be at least 1.8 on a 2-core machine. The two outputs must be byte-identical.
The input defaults to ``../shared/data/wikinews/wikinews_2019.csv``; its words are counted from
the analysed texts of the output.

With ``--ceiling`` it also measures what this machine allows at best: the input split into
``--workers`` parts, each analysed by its own ``--workers 1`` process, all at once, with nothing
shared. The speed-up of that run over one process on the whole input is the ceiling that
``--workers N`` can approach; on a machine whose cores slow each other down (shared caches,
memory bandwidth) it is well below N.

Usage: python benchmarks/bench_workers.py [--input PATH] [--workers N] [--repeat N] [--ceiling] [--json]
Exit code: 0 measured (whatever the speed-up), 1 outputs differ, 2 no data or bad options.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

TARGET = 1.8
SHARED = Path(
    os.environ.get("STANCEGRAPH_SHARED_DATA") or Path(__file__).parents[2] / "shared/data"
)
INPUT = SHARED / "wikinews" / "wikinews_2019.csv"
STANCEGRAPH = Path(sys.executable).with_name("stancegraph")


def run_once(source: Path, workers: int, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + sys, workers included) of one ``analyze`` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    cmd = [str(STANCEGRAPH), "analyze", str(source), "--format", "jsonl", "-o", str(out)]
    subprocess.run([*cmd, "--workers", str(workers)], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def words_of(path: Path) -> int:
    return sum(len(json.loads(line)["text"].split()) for line in path.open(encoding="utf-8"))


def measure(source: Path, workers: int, repeat: int, tmp: Path) -> dict[str, object]:
    outs = {1: tmp / "w1.jsonl", workers: tmp / f"w{workers}.jsonl"}
    for n, out in outs.items():  # warm-up: disk caches, bytecode
        run_once(source, n, out)
    if outs[1].read_bytes() != outs[workers].read_bytes():
        raise AssertionError(f"--workers {workers} output differs from --workers 1")
    walls: dict[int, list[float]] = {1: [], workers: []}
    cpus: dict[int, list[float]] = {1: [], workers: []}
    for round_ in range(repeat):
        order = [1, workers] if round_ % 2 == 0 else [workers, 1]
        for n in order:
            wall, cpu = run_once(source, n, outs[n])
            walls[n].append(wall)
            cpus[n].append(cpu)
    ratios = [a / b for a, b in zip(walls[1], walls[workers], strict=True)]
    words = words_of(outs[1])
    return {
        "input": str(source),
        "words": words,
        "repeat": repeat,
        "workers": workers,
        "runs": {
            str(n): {
                "wall_median": round(statistics.median(walls[n]), 3),
                "wall_min": round(min(walls[n]), 3),
                "wall_max": round(max(walls[n]), 3),
                "cpu_median": round(statistics.median(cpus[n]), 3),
                "words_per_second": round(words / statistics.median(walls[n]), 1),
            }
            for n in walls
        },
        "speedup_median": round(statistics.median(ratios), 3),
        "speedup_min": round(min(ratios), 3),
        "speedup_max": round(max(ratios), 3),
        "target": TARGET,
    }


def split_input(source: Path, parts: int, tmp: Path) -> list[Path]:
    """The input's documents dealt round-robin into ``parts`` JSON Lines files."""
    from stancegraph.read.inputs import read_inputs
    from stancegraph.types import Document

    files = [tmp / f"part{k}.jsonl" for k in range(parts)]
    handles = [f.open("w", encoding="utf-8") for f in files]
    try:
        documents = (d for d in read_inputs([str(source)]) if isinstance(d, Document))
        for n, doc in enumerate(documents):
            row = {"id": doc.id, "text": doc.text, "title": doc.title, "date": doc.date}
            handles[n % parts].write(json.dumps(row) + "\n")
    finally:
        for handle in handles:
            handle.close()
    return files


def run_parts(files: Sequence[Path], tmp: Path) -> float:
    """Wall seconds of one ``--workers 1`` process per part, all started at once."""
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            [str(STANCEGRAPH), "analyze", str(f), "--no-clean", "--format", "jsonl"]
            + ["-o", str(tmp / f"{f.stem}.out.jsonl"), "--workers", "1"],
            stdout=subprocess.DEVNULL,
        )
        for f in files
    ]
    for proc in procs:
        if proc.wait() != 0:
            raise AssertionError("a part's analysis failed")
    return time.perf_counter() - start


def ceiling(source: Path, workers: int, repeat: int, tmp: Path) -> dict[str, float]:
    """Paired ratios: one process on the whole input / ``workers`` processes on its parts."""
    files = split_input(source, workers, tmp)
    run_parts(files, tmp)  # warm-up
    ratios = []
    for _ in range(repeat):
        whole, _cpu = run_once(source, 1, tmp / "whole.jsonl")
        ratios.append(whole / run_parts(files, tmp))
    return {
        "ceiling_median": round(statistics.median(ratios), 3),
        "ceiling_min": round(min(ratios), 3),
        "ceiling_max": round(max(ratios), 3),
    }


def report(result: dict[str, object]) -> None:
    runs = result["runs"]
    assert isinstance(runs, dict)
    print(f"input: {result['input']}  words: {result['words']}")
    print(f"{result['repeat']} run(s) each after a warm-up, alternating order; outputs identical")
    for n, row in runs.items():
        print(
            f"--workers {n}:  wall {row['wall_median']:7.2f} s "
            f"(min {row['wall_min']:.2f}, max {row['wall_max']:.2f})  "
            f"cpu {row['cpu_median']:7.2f} s  {row['words_per_second']:8.0f} words/s"
        )
    print(
        f"speed-up (paired, workers 1 / workers {result['workers']}): "
        f"median {result['speedup_median']:.2f}x "
        f"(min {result['speedup_min']:.2f}, max {result['speedup_max']:.2f}); target {TARGET}x"
    )
    if "ceiling_median" in result:
        print(
            f"ceiling ({result['workers']} independent processes on parts of the input): "
            f"median {result['ceiling_median']:.2f}x "
            f"(min {result['ceiling_min']:.2f}, max {result['ceiling_max']:.2f})"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--input", type=Path, default=INPUT, help="file or folder to analyse")
    parser.add_argument("--workers", type=int, default=2, metavar="N", help="against 1 (2)")
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="runs of each (3)")
    parser.add_argument(
        "--ceiling", action="store_true", help="also time independent processes on parts"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.workers < 2:
        print("bench_workers: --repeat must be at least 1, --workers at least 2", file=sys.stderr)
        return 2
    if not args.input.exists():
        print(f"bench_workers: input not found: {args.input}", file=sys.stderr)
        return 2
    if not STANCEGRAPH.exists():
        print(f"bench_workers: no stancegraph command beside {sys.executable}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        try:
            result = measure(args.input, args.workers, args.repeat, Path(tmp))
            if args.ceiling:
                result.update(ceiling(args.input, args.workers, args.repeat, Path(tmp)))
        except AssertionError as err:
            print(f"bench_workers: {err}", file=sys.stderr)
            return 1
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
