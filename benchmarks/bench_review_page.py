"""How fast the corpus listing of the review workbench is on a large store.

Builds a SQLite store of ``--documents`` generated documents (bulk inserts: two actors, two
quotes and a statement each, 400 words of text; a twentieth of them with a decision, half of
those marked done), then times ``Store.document_page`` for the first, a middle and the last
page and for each filter: review state, actor, concept, date ranges (narrow and wide),
confidence and text search. Each is run ``--repeat`` times; the median and the maximum are
reported in milliseconds.

Usage: python benchmarks/bench_review_page.py [--documents N] [--repeat N] [--db PATH]
Exit code: 0.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from stancegraph.corpus.review import DocumentFilter
from stancegraph.corpus.schema import actors, decisions, documents, quotes, statements
from stancegraph.corpus.store import Store, open_store

WORDS = "port council mayor harbour wetlands berth jobs study river freight budget tax".split()
NAMES = ["Helena Brandt", "Omar Haddad", "John Kirby", "Maria Lopez", "Tom Becker"]


def _document(rng: random.Random, n: int) -> dict[str, Any]:
    day = f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return {
        "id": n, "source": f"/news/{n:06d}.txt", "file": f"/news/{n:06d}.txt",
        "doc_id": f"{n:06d}", "content_hash": "x", "url": None,
        "title": f"Story {n} {rng.choice(WORDS)}", "date": day,
        "text": " ".join(rng.choice(WORDS) for _ in range(400)), "meta": None,
        "status": "analysed", "error": None, "extractor": "bench", "run": None,
        "stored": "2026-01-01", "n_actors": 2, "n_quotes": 2, "n_statements": 1, "n_events": 0,
    }  # fmt: skip


def _items(rng: random.Random, n: int) -> tuple[list[Any], list[Any], list[Any]]:
    people = [
        {"document": n, "actor": f"a{k}", "name": name, "type": "person"}
        for k, name in enumerate(rng.sample(NAMES, 2), 1)
    ]
    said = []
    for k in (1, 2):
        entry = {"id": f"q{k}", "type": "direct", "text": "x", "start": 10 * k,
                 "end": 10 * k + 5, "speaker": f"a{k}", "confidence": round(rng.random(), 3),
                 "extractor": "bench"}  # fmt: skip
        said.append({"document": n, "quote": entry["id"], "type": "direct", "text": "x",
                     "start": entry["start"], "end": entry["end"], "speaker": entry["speaker"],
                     "confidence": entry["confidence"], "extractor": "bench",
                     "data": json.dumps(entry)})  # fmt: skip
    concept = rng.choice(WORDS)
    entry = {"id": "s1", "actor": "a1", "concept": concept, "concept_label": concept,
             "agreement": "support", "start": 10, "end": 15, "quote": "q1", "confidence": 0.5,
             "extractor": "bench"}  # fmt: skip
    coded = [{**{k: v for k, v in entry.items() if k != "id"}, "document": n,
              "statement": "s1", "data": json.dumps(entry)}]  # fmt: skip
    return people, said, coded


def build(store: Store, count: int) -> None:
    rng = random.Random(7)
    with store.engine.begin() as conn:
        for first in range(1, count + 1, 5000):
            batch = range(first, min(count, first + 4999) + 1)
            conn.execute(documents.insert(), [_document(rng, n) for n in batch])
            parts = [_items(rng, n) for n in batch]
            for table, index in ((actors, 0), (quotes, 1), (statements, 2)):
                conn.execute(table.insert(), [row for part in parts for row in part[index]])
        marks = []
        for n in rng.sample(range(1, count + 1), count // 20):
            common = {"document": f"/news/{n:06d}.txt", "value": "{}", "coder": "bench"}
            common["created"] = "2026-01-01T00:00:00+00:00"
            marks.append({**common, "kind": "quote", "item": "quote:10-15", "action": "accept"})
            if rng.random() < 0.5:
                marks.append({**common, "kind": "document", "item": "document", "action": "done"})
        conn.execute(decisions.insert(), marks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--db", help="SQLite file to build (default: a temporary one)")
    args = parser.parse_args(argv)
    folder = tempfile.mkdtemp(prefix="stancegraph-bench-")
    path = args.db or str(Path(folder) / "page.db")
    with open_store(path) as store:
        started = time.perf_counter()
        build(store, args.documents)
        print(f"{args.documents} documents built in {time.perf_counter() - started:.0f} s")
        with store.engine.connect() as conn:
            last = int(conn.execute(sa.select(sa.func.max(documents.c.id))).scalar_one())
        cases: list[tuple[str, DocumentFilter, int | None]] = [
            ("first page", DocumentFilter(), None),
            ("middle page", DocumentFilter(), last // 2),
            ("last page", DocumentFilter(), last - 30),
            ("state done", DocumentFilter(state="done"), None),
            ("state in progress", DocumentFilter(state="in progress"), None),
            ("state unreviewed", DocumentFilter(state="unreviewed"), None),
            ("actor", DocumentFilter(actor="Kirby"), None),
            ("concept", DocumentFilter(concept="budget"), None),
            ("one day", DocumentFilter(start="2015-03-03", stop="2015-03-03"), None),
            ("one year", DocumentFilter(start="2015-01-01", stop="2015-12-31"), None),
            ("all years", DocumentFilter(start="2010-01-01", stop="2024-12-31"), None),
            ("max confidence 0.01", DocumentFilter(max_confidence=0.01), None),
            ("text, common word", DocumentFilter(text="harbour"), None),
            ("text, no match (reads every text)", DocumentFilter(text="zeppelin"), None),
        ]
        print(f"{'case':36} {'rows':>5} {'median ms':>10} {'max ms':>8}")
        for label, chosen, after in cases:
            times = []
            for _ in range(args.repeat):
                began = time.perf_counter()
                page = store.document_page(chosen, after=after)
                times.append(1000 * (time.perf_counter() - began))
            times.sort()
            median = times[len(times) // 2]
            print(f"{label:36} {len(page.rows):5d} {median:10.1f} {times[-1]:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
