"""Ingest throughput and memory: what storing adds to analysis, and what Dask workers bring.

Throughput, on every row of ``../shared/data/wikinews/*.csv`` (both CSVs), each into a new
temporary SQLite store, after the spaCy pipeline is loaded (in this process and on the workers):

  bare      ``stancegraph.pipeline.analyze`` over the documents, every analysis consumed;
  local     ``stancegraph.ingest(..., engine="local")``: reading (twice), analysis, storing;
  dask N    ``ingest(..., engine="dask")`` on a ``distributed.LocalCluster`` of N single-threaded
            worker processes (N = 1, 2), started and warmed up (pipeline loaded) beforehand.

Reported: documents per second, the time spent in ``Store.put_analysis`` (timed around each call)
and the storing overhead of the local engine, ``local / bare - 1``, against a 10% budget.

Memory: peak RSS (``ru_maxrss``) of a fresh process that ingests 300 and 3,000 documents with the
local engine: the Wikinews texts re-ingested under new ids (a JSON Lines file, one row per copy),
so memory can be compared across corpus sizes.

Usage: python benchmarks/bench_ingest.py [--limit N] [--workers 1,2] [--rss 300,3000] [--json]
       [--skip-throughput]
Exit code: 0 within budget, 1 over budget, 2 no data.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stancegraph.corpus.ingest import BATCH_SIZE, ingest
from stancegraph.corpus.store import Store, open_store
from stancegraph.extract.nlp import load_pipeline
from stancegraph.pipeline import Options, analyze
from stancegraph.read.inputs import read_inputs
from stancegraph.types import Analysis, Document

BUDGET = 0.10
# The shared data folder: $STANCEGRAPH_SHARED_DATA, else ../shared/data beside the repository.
SHARED_DATA = Path(
    os.environ.get("STANCEGRAPH_SHARED_DATA")
    or Path(__file__).resolve().parents[2] / "shared" / "data"
)
DATA = SHARED_DATA / "wikinews"


def csv_paths(limit: int | None, folder: Path) -> list[str]:
    """The Wikinews CSVs, or (with ``limit``) one JSON Lines file with their first rows."""
    paths = [str(p) for p in sorted(folder.glob("*.csv"))]
    if limit is None:
        return paths
    out = Path(tempfile.mkdtemp(prefix="bench-ingest-")) / "wikinews.jsonl"
    write_copies(documents(paths)[:limit], limit, out)
    return [str(out)]


def documents(paths: Sequence[str]) -> list[Document]:
    return [d for d in read_inputs(paths) if isinstance(d, Document)]


def write_copies(docs: Sequence[Document], count: int, out: Path) -> None:
    """``count`` rows cycling through ``docs``, each under a new id."""
    with out.open("w", encoding="utf-8") as f:
        for n in range(count):
            d = docs[n % len(docs)]
            row = {"id": f"copy{n:05d}", "text": d.text, "title": d.title, "date": d.date}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


class TimedStore:
    """Times every ``put_analysis`` of a store (the store's own class is left as it is)."""

    def __init__(self, store: Store) -> None:
        self.seconds = 0.0
        put = store.put_analysis

        def timed(analysis: Analysis, *, extractor: str, run: int | None = None) -> None:
            start = time.perf_counter()
            put(analysis, extractor=extractor, run=run)
            self.seconds += time.perf_counter() - start

        store.put_analysis = timed  # type: ignore[method-assign]


def bench_bare(paths: Sequence[str]) -> dict[str, Any]:
    docs = documents(paths)
    start = time.perf_counter()
    count = sum(1 for _ in analyze(docs, Options(batch_size=BATCH_SIZE)))
    elapsed = time.perf_counter() - start
    return {"documents": count, "seconds": elapsed, "docs_per_s": count / elapsed}


def bench_ingest(paths: Sequence[str], engine: str, scheduler: str | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "c.db")) as store:
        timer = TimedStore(store)
        start = time.perf_counter()
        report = ingest(
            paths,
            store,
            options=Options(batch_size=BATCH_SIZE),
            engine=engine,
            scheduler=scheduler,
        )
        elapsed = time.perf_counter() - start
    return {
        "documents": report.analysed,
        "failed": len(report.failures),
        "seconds": elapsed,
        "docs_per_s": report.analysed / elapsed,
        "store_seconds": timer.seconds,
    }


def bench_dask(paths: Sequence[str], workers: int) -> dict[str, Any]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(load_pipeline)  # warm: each worker loads the pipeline before the clock starts
        result = bench_ingest(paths, "dask", cluster.scheduler_address)
    result["workers"] = workers
    return result


def rss_child(count: int, paths: Sequence[str]) -> None:
    """In a fresh process: ingest ``count`` copies; print the peak RSS in MiB as JSON."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "copies.jsonl"
        write_copies(documents(paths), count, corpus)
        with open_store(str(Path(tmp) / "c.db")) as store:
            start = time.perf_counter()
            report = ingest([str(corpus)], store, options=Options(batch_size=BATCH_SIZE))
            elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        json.dumps(
            {
                "documents": report.analysed,
                "failed": len(report.failures),
                "seconds": elapsed,
                "peak_rss_mib": round(peak, 1),
            }
        )
    )


def bench_rss(count: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--rss-child", str(count)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, help="only the first N Wikinews documents")
    parser.add_argument("--workers", default="1,2", help="Dask worker counts (default 1,2)")
    parser.add_argument("--rss", default="300,3000", help="corpus sizes for peak RSS ('' = none)")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--rss-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"bench_ingest: no data at {DATA}", file=sys.stderr)
        return 2
    if args.rss_child is not None:
        rss_child(args.rss_child, csv_paths(None, DATA))
        return 0

    results: dict[str, Any] = {}
    paths = csv_paths(args.limit, DATA)
    if not args.skip_throughput:
        load_pipeline()
        list(analyze(documents(paths)[:3], Options(batch_size=BATCH_SIZE)))  # warm-up
        results["bare"] = bench_bare(paths)
        results["local"] = bench_ingest(paths, "local", None)
        for n in (int(w) for w in args.workers.split(",") if w):
            results[f"dask{n}"] = bench_dask(paths, n)
        results["overhead"] = results["local"]["seconds"] / results["bare"]["seconds"] - 1
        _progress(results)
    for count in (int(c) for c in args.rss.split(",") if c):
        results[f"rss{count}"] = bench_rss(count)
        _progress({f"rss{count}": results[f"rss{count}"]})

    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(report(results))
    overhead = results.get("overhead")
    return 1 if overhead is not None and overhead > BUDGET else 0


def _progress(part: dict[str, Any]) -> None:
    print(f"bench_ingest: {json.dumps(part)}", file=sys.stderr, flush=True)


def report(results: dict[str, Any]) -> str:
    lines: list[str] = []
    if "bare" in results:
        bare = results["bare"]
        lines.append(f"{bare['documents']} Wikinews documents (both CSVs), SQLite store")
        lines.append(
            f"bare analyze:              {bare['seconds']:7.1f} s  {bare['docs_per_s']:6.2f} docs/s"
        )
        for name in ["local", *sorted(k for k in results if k.startswith("dask"))]:
            r = results[name]
            label = (
                "ingest, local engine"
                if name == "local"
                else f"ingest, dask {r['workers']} worker(s)"
            )
            lines.append(
                f"{label + ':':<26} {r['seconds']:7.1f} s  {r['docs_per_s']:6.2f} docs/s"
                f"  (storing {r['store_seconds']:.1f} s, {r['failed']} failed)"
            )
        overhead = results["overhead"]
        verdict = "PASS" if overhead <= BUDGET else "FAIL"
        lines.append(
            f"storing overhead (local / bare - 1): {overhead:+.1%}  {verdict} (budget {BUDGET:.0%})"
        )
    for key in sorted((k for k in results if k.startswith("rss")), key=lambda k: int(k[3:])):
        r = results[key]
        lines.append(
            f"peak RSS, {r['documents']:>5} documents (local engine): {r['peak_rss_mib']:7.1f} MiB"
            f"  ({r['seconds']:.0f} s)"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
