"""How fast the review workbench answers: document pages, a long article, and a load run.

Builds a store of ``--documents`` synthetic analysed documents (built by hand, no spaCy: each a
short article with two quotes, two statements and an event, between them speakers that vary)
plus one article with ``--quotes`` quotes by ten speakers, starts ``stancegraph serve`` on it as
a separate process on loopback, and measures with httpx:

1. the document page of random documents, one request at a time (``--samples`` requests);
2. the document page of the long article, one at a time;
3. the corpus page: the first page, a full-text search, and a deep page (keyset paging);
4. a bounded load run: ``--clients`` concurrent clients sending ``--requests`` requests in all
   (document pages of random documents and corpus pages), with p50, p95 and the errors.

Reports latencies in milliseconds (p50, p95, max). The issue's target is a p95 under 150 ms for a
document page and no errors. Nothing is timed in the test suite; this prints numbers.

Usage: python benchmarks/bench_web.py [--documents N] [--quotes N] [--samples N]
                                      [--clients N] [--requests N] [--db PATH] [--json]
Exit code: 0 measured, 1 some request failed in the load run.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import quote as urlquote

import httpx

from stancegraph.corpus.store import Store, open_store
from stancegraph.types import Actor, Analysis, Document, Event, Participant, Quote, Statement

NAMES = ["Helena Brandt", "Omar Haddad", "Lena Marsh", "Pieter Dekker", "Ana Ruiz",
         "Tom Okafor", "Mia Chen", "Jon Berg", "Sara Nilsen", "Ivan Petrov"]  # fmt: skip


def _at(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return start, start + len(words)


def article(number: int, quotes: int) -> Analysis:
    """A synthetic article of ``quotes`` sentences ``Name said "...".`` and one event."""
    rng = random.Random(number)
    speakers = rng.sample(NAMES, k=min(len(NAMES), max(2, quotes)))
    parts: list[str] = []
    spans: list[tuple[str, tuple[int, int], tuple[int, int], tuple[int, int]]] = []
    size = 0
    for k in range(quotes):
        who = speakers[k % len(speakers)]
        said = f"We have to talk about issue {number}-{k} before the vote in the harbour city."
        sentence = f'{who} said "{said}" '
        base = size
        spans.append(
            (
                who,
                (base, base + len(who)),
                (base + len(who) + 1, base + len(who) + 5),
                (base + len(who) + 7, base + len(who) + 7 + len(said)),
            )
        )
        parts.append(sentence)
        size += len(sentence)
    closing = "The council rejected the plan."
    text = "".join(parts) + closing
    actors = []
    for i, who in enumerate(dict.fromkeys(s[0] for s in spans)):
        mentions = tuple(s[1] for s in spans if s[0] == who)
        actors.append(Actor(f"a{i + 1}", who, "person", (), mentions))
    ids = {a.name: a.id for a in actors}
    council = Actor(
        f"a{len(actors) + 1}", "council", "organization", (), (_at(text, "council", size),)
    )
    quote_rows = tuple(
        Quote(f"q{k + 1}", "direct", text[q[0]:q[1]], q[0], q[1], (q,), "said", c[0], c[1],
              ids[who], who, m[0], m[1], 0.9, "bench")
        for k, (who, m, c, q) in enumerate(spans)
    )  # fmt: skip
    statements = tuple(
        Statement(f"s{k + 1}", q.speaker, "port", "port expansion", ("support", "oppose")[k % 2],
                  q.start, q.end, q.id, 0.7, "bench")
        for k, q in enumerate(quote_rows[:2])
    )  # fmt: skip
    sentence = _at(text, closing)
    event = Event(
        id="e1", type="REJECT", base_type="REJECT", mode=(), plover_mode=None,
        source=Participant(council.id, "The council", sentence[0], sentence[0] + 11), target=None,
        trigger="rejected", trigger_start=sentence[0] + 12, trigger_end=sentence[0] + 20,
        sentence_start=sentence[0], sentence_end=sentence[1], date=None, date_text=None,
        location=None, location_start=None, location_end=None, quad_class=3, score=-4.0,
        confidence=0.8, extractor="bench",
    )  # fmt: skip
    day = f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}"
    document = Document(id=f"doc{number}", text=text, title=f"Harbour debate {number}", date=day,
                        source=f"/bench/doc{number}.txt")  # fmt: skip
    return Analysis(document, (*actors, council), quote_rows, statements, (event,))


def build(store: Store, documents: int, quotes: int) -> None:
    have = store.status().documents
    for number in range(have, documents):
        store.put_analysis(article(number, 2), extractor="bench")
        if number % 1000 == 999:
            print(f"  stored {number + 1:,} documents", file=sys.stderr)
    if have <= documents:
        store.put_analysis(article(10**7, quotes), extractor="bench")


def serve(db: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "stancegraph", "serve", "--db", str(db), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    return process, process.stdout.readline().strip()


def doc_path(number: int) -> str:
    return "/doc/" + urlquote(f"/bench/doc{number}.txt", safe="")


def timed(client: httpx.Client, path: str) -> tuple[float, int]:
    start = time.perf_counter()
    answer = client.get(path)
    return (time.perf_counter() - start) * 1000, answer.status_code


def summary(times: Sequence[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return {
        "n": len(ordered),
        "p50": round(statistics.median(ordered), 1),
        "p95": round(p95, 1),
        "max": round(ordered[-1], 1),
    }


def sequential(client: httpx.Client, paths: Callable[[], str], samples: int) -> dict[str, float]:
    times = []
    for _ in range(samples):
        ms, status = timed(client, paths())
        if status != 200:
            raise SystemExit(f"bench_web: a page answered {status}")
        times.append(ms)
    return summary(times)


def load(
    base: str, cookies: httpx.Cookies, documents: int, clients: int, requests: int
) -> dict[str, float]:
    times: list[float] = []
    errors = 0
    lock = threading.Lock()
    left = [requests]

    def worker(seed: int) -> None:
        nonlocal errors
        rng = random.Random(seed)
        with httpx.Client(base_url=base, cookies=cookies, timeout=30) as client:
            while True:
                with lock:
                    if left[0] <= 0:
                        return
                    left[0] -= 1
                path = "/" if rng.random() < 0.2 else doc_path(rng.randrange(documents))
                try:
                    ms, status = timed(client, path)
                except httpx.HTTPError:
                    ms, status = 0.0, 0
                with lock:
                    times.append(ms)
                    errors += status != 200

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {**summary(times), "errors": errors, "requests_per_s": round(len(times) / wall, 1)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--quotes", type=int, default=100)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--db", type=Path, help="keep (and reuse) the store here")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    db = args.db or Path(tempfile.mkdtemp()) / "bench.db"
    started = time.perf_counter()
    with open_store(str(db)) as store:
        build(store, args.documents, args.quotes)
        first = store.document_page(limit=50).rows
        assert first
    built = time.perf_counter() - started
    process, url = serve(db)
    try:
        base = url.split("/?", 1)[0]
        with httpx.Client(base_url=base, timeout=30, follow_redirects=True) as client:
            client.get(url)
            rng = random.Random(1)
            results = {
                "store": {"documents": args.documents + 1, "built_s": round(built, 1)},
                "document page": sequential(
                    client, lambda: doc_path(rng.randrange(args.documents)), args.samples
                ),
                f"article with {args.quotes} quotes": sequential(
                    client, lambda: doc_path(10**7), args.samples
                ),
                "corpus page 1": sequential(client, lambda: "/", args.samples // 4),
                "corpus search (title and text)": sequential(
                    client,
                    lambda: f"/?q=issue+{rng.randrange(args.documents)}-1",
                    args.samples // 4,
                ),
                "corpus page 150": sequential(
                    client, lambda: f"/?after={args.documents - 100}", args.samples // 4
                ),
            }
            cookies = client.cookies
        results["load"] = load(base, cookies, args.documents, args.clients, args.requests)
    finally:
        process.terminate()
        process.wait(timeout=10)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print("| what | n | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|")
        for name, r in results.items():
            if "p50" in r:
                print(f"| {name} | {r['n']} | {r['p50']} | {r['p95']} | {r['max']} |")
        print(f"\nload: {args.clients} clients, {results['load']['n']} requests, "
              f"{results['load']['errors']} errors, {results['load']['requests_per_s']} requests/s")  # fmt: skip
    return 1 if results["load"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
