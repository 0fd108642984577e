"""Resumable ingest: read a corpus, analyse what is new, store every document exactly once.

In: paths (files, folders read recursively, glob patterns), a ``Store``
and pipeline options. Out: an ``IngestReport``; every document ends up in the store either
analysed or failed with its reason, one transaction per document, so a killed run leaves only
whole documents and a rerun finishes the rest. A document already stored with the same content
hash and extractor version is skipped unless ``reanalyse`` is set; a reanalysing run that was
killed is resumed by the next one (what it stored with the same extractor is not analysed again).

Documents are filed under a canonical key (``corpus.keys``: the resolved path plus the record's
position or own id), and a file read again replaces its old records: once its records are
stored, the ones it no longer holds are deleted. At the end every document actor is linked
to a corpus actor and corpus actors left without links are removed.

With ``engine="dask"`` the documents are analysed on Dask workers and this process (the client)
stores what comes back, with the same skipping and failure records.

Two passes over the inputs: the first counts the work (so progress can give an ETA) and keeps
only each document's key, the second reads again and analyses, holding one batch in memory.
"""

from __future__ import annotations

import glob
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from .._version import __version__
from ..errors import InputError
from ..extract.attribution import load_model
from ..extract.events import EXTRACTOR as EVENTS
from ..extract.quotes import EXTRACTOR as QUOTES
from ..extract.statements import EXTRACTOR as STATEMENTS
from ..pipeline import Options, analyze
from ..read.inputs import SpooledStdin, read_inputs, spool_stdin
from ..types import Analysis, Document, ReadFailure
from .keys import Identity, identity
from .store import Store, content_hash

__all__ = [
    "ENGINES",
    "IngestReport",
    "Progress",
    "check_paths",
    "expand_paths",
    "extractor_version",
    "ingest",
]

BATCH_SIZE = 8  # documents per parse batch: small, so a killed run loses little work
ENGINES = ("local", "dask")  # where documents are analysed: this process, or Dask workers


def extractor_version(options: Options) -> str:
    """What an analysis depends on besides its document: package, extractors, model, codebook,
    and how reported speech is found (the rules, or the rules and the attribution model named by
    its content hash, so that a retrained model re-analyses the corpus)."""
    parts = [f"stancegraph/{__version__}", QUOTES, STATEMENTS, EVENTS]
    parts.append(f"model={options.model or 'default'}")
    if options.attribution == "learned":
        parts.append(f"attribution={load_model().digest}")
    else:
        parts.append("attribution=rules")
    if options.codebook is not None:
        parts.append(f"codebook={len(options.codebook.concepts)}")
    return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Progress:
    """Where an ingest run stands; ``todo`` counts documents to analyse or record as failed."""

    done: int
    todo: int
    analysed: int
    failed: int
    skipped: int
    elapsed: float  # seconds

    @property
    def rate(self) -> float:
        """Documents per second so far."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the current rate, or None before the first document."""
        return (self.todo - self.done) / self.rate if self.rate > 0 else None


@dataclass(frozen=True, slots=True)
class IngestReport:
    run: int
    total: int  # documents and unreadable inputs seen
    analysed: int
    skipped: int  # already stored with the same content and extractor version
    failures: tuple[ReadFailure, ...] = field(default=())


def expand_paths(paths: Sequence[str]) -> list[str]:
    """Paths with glob patterns (``*``, ``?``, ``[...]``, ``**``) expanded, in sorted order.

    A pattern that matches nothing stays as it is, so reading reports it as missing.
    """
    out: list[str] = []
    for path in paths:
        if path != "-" and glob.has_magic(path):
            out.extend(sorted(glob.glob(path, recursive=True)) or [path])
        else:
            out.append(path)
    return out


def check_paths(paths: Sequence[str]) -> None:
    """Raise ``InputError`` naming the first input that does not exist (a usage error)."""
    for path in paths:
        if path != "-" and not os.path.lexists(path):
            raise InputError("no such file or folder", source=path)


class _Keys:
    """The canonical identity of each item read, the same on both passes over the inputs."""

    def __init__(self) -> None:
        self.of: dict[str, Identity] = {}  # reader's source -> identity
        self.files: dict[str | None, set[str]] = {}  # input file -> the keys it holds now
        self.file_of: dict[str, str | None] = {}  # key -> input file

    def __call__(self, item: Document | ReadFailure) -> Identity:
        source = item.source if isinstance(item, ReadFailure) else item.source or item.id
        known = self.of.get(source)
        if known is not None:
            return known
        found = identity(source, None if isinstance(item, ReadFailure) else item.id)
        if found.key in self.file_of:  # an id given twice in one file: the position decides
            found = identity(source, None)
        self.of[source] = found
        self.file_of[found.key] = found.file
        self.files.setdefault(found.file, set()).add(found.key)
        return found


def _unchanged(
    item: Document | ReadFailure, stored: tuple[str | None, str, str] | None, extractor: str
) -> bool:
    """Whether ``item`` is stored analysed, with the same content and extractor version."""
    if stored is None or isinstance(item, ReadFailure):
        return False
    return stored == (content_hash(item), extractor, "analysed")


def _plan(
    inputs: Sequence[str],
    store: Store,
    extractor: str,
    keys: _Keys,
    *,
    done: set[str] | None,
    stdin: SpooledStdin | None = None,
) -> tuple[set[str], int, int]:
    """First pass over the inputs: the keys to analyse or record, how many items, how many skipped.

    ``done`` is None for a plain run (stored and unchanged is done); for a reanalysing run, the
    keys a killed reanalysing run already stored.
    """
    known = store.states()
    todo: set[str] = set()
    total = skipped = 0
    for item in read_inputs(inputs, stdin=stdin):
        total += 1
        key = keys(item).key
        if (done is None or key in done) and _unchanged(item, known.get(key), extractor):
            skipped += 1
            continue
        todo.add(key)
    return todo, total, skipped


class _Run:
    """One ingest run under way: stores each outcome as it comes and reports progress."""

    def __init__(
        self,
        store: Store,
        run: int,
        extractor: str,
        *,
        keys: _Keys,
        todo: set[str],
        skipped: int,
        progress: Callable[[Progress], None] | None,
    ) -> None:
        self.store, self.run, self.extractor, self.keys = store, run, extractor, keys
        self.todo, self.skipped, self.progress = todo, skipped, progress
        self.started = time.monotonic()
        self.failures: list[ReadFailure] = []
        self.pending: dict[str, Document] = {}  # handed to analysis, not yet stored
        self.analysed = 0

    def tick(self) -> None:
        if self.progress is not None:
            done = self.analysed + len(self.failures)
            elapsed = time.monotonic() - self.started
            self.progress(
                Progress(
                    done,
                    len(self.todo),
                    self.analysed,
                    len(self.failures),
                    self.skipped,
                    elapsed,
                )
            )

    def fail(self, failure: ReadFailure, key: str | None = None) -> None:
        """Record ``failure``; ``key`` None: its source is the key it was analysed under."""
        key = failure.source if key is None else key
        document = self.pending.pop(key, None)
        self.store.put_failure(
            key,
            failure.reason,
            extractor=self.extractor,
            document=document,
            run=self.run,
            file=self.keys.file_of.get(key),
        )
        self.failures.append(failure)
        self.tick()

    def put(self, analysis: Analysis) -> None:
        key = analysis.document.source or analysis.document.id
        file = self.keys.file_of.get(key)
        self.store.put_analysis(analysis, extractor=self.extractor, run=self.run, file=file)
        self.pending.pop(key, None)
        self.analysed += 1
        self.tick()

    def documents(
        self, inputs: Sequence[str], *, stdin: SpooledStdin | None = None
    ) -> Iterator[Document]:
        """Second pass: the documents to analyse; unreadable ones are recorded on the way."""
        seen: set[str] = set()
        for item in read_inputs(inputs, stdin=stdin):
            key = self.keys(item).key
            if key not in self.todo or key in seen:
                continue
            seen.add(key)
            if isinstance(item, ReadFailure):
                self.fail(item, key)
            else:
                document = replace(item, source=key)  # analysed and stored under its key
                self.pending[key] = document
                yield document


def _analyses(
    documents: Iterator[Document],
    opts: Options,
    *,
    engine: str,
    scheduler: str | None,
    failures: list[ReadFailure],
) -> Iterator[Analysis]:
    if engine == "dask":
        from .dask_engine import analyse_on_dask

        return analyse_on_dask(documents, opts, scheduler=scheduler, failures=failures)
    return analyze(documents, opts, failures=failures)


def _settings(
    paths: Sequence[str], opts: Options, *, reanalyse: bool, engine: str, scheduler: str | None
) -> dict[str, object]:
    settings: dict[str, object] = {
        "paths": list(paths),
        "model": opts.model,
        "workers": opts.workers,
        "batch_size": opts.batch_size,
        "attribution": opts.attribution,
        "reanalyse": reanalyse,
        "engine": engine,
    }
    if scheduler is not None:
        settings["scheduler"] = scheduler
    return settings


def _tidy(store: Store, keys: _Keys) -> None:
    """After every document is stored: stale records of the files read go, actors are linked."""
    for file, held in keys.files.items():
        if file is not None:
            store.remove_stale(file, held)
    store.link_stored_actors()
    store.prune_corpus_actors()


def ingest(
    paths: Sequence[str],
    store: Store,
    *,
    options: Options | None = None,
    reanalyse: bool = False,
    progress: Callable[[Progress], None] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> IngestReport:
    """Analyse and store every document of ``paths`` that the store lacks; see the module.

    ``engine="dask"`` analyses on Dask workers (at ``scheduler``, else on a local cluster of
    ``options.workers`` processes, see ``stancegraph.corpus.dask_engine``); this process stores.
    An input path that does not exist raises ``InputError`` before anything is stored.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    opts = options or Options(batch_size=BATCH_SIZE)
    extractor = extractor_version(opts)
    inputs = expand_paths(paths)
    check_paths(inputs)
    resumes = store.resume_point(extractor) if reanalyse else None
    done: set[str] | None = None if not reanalyse else set()
    if resumes is not None:
        done = store.stored_since(resumes, extractor)
    keys = _Keys()
    stdin = spool_stdin() if "-" in inputs else None  # read once: both passes see it
    todo, total, skipped = _plan(inputs, store, extractor, keys, done=done, stdin=stdin)
    settings = _settings(paths, opts, reanalyse=reanalyse, engine=engine, scheduler=scheduler)
    if resumes is not None:
        settings["resumes"] = resumes
    run = _Run(
        store,
        store.start_run(extractor=extractor, settings=settings),
        extractor,
        keys=keys,
        todo=todo,
        skipped=skipped,
        progress=progress,
    )
    run.tick()
    extraction_failures: list[ReadFailure] = []
    for analysis in _analyses(
        run.documents(inputs, stdin=stdin),
        opts,
        engine=engine,
        scheduler=scheduler,
        failures=extraction_failures,
    ):
        while extraction_failures:
            run.fail(extraction_failures.pop(0))
        run.put(analysis)
    while extraction_failures:
        run.fail(extraction_failures.pop(0))
    _tidy(store, keys)
    store.finish_run(
        run.run, documents=total, analysed=run.analysed, skipped=skipped, failed=len(run.failures)
    )
    return IngestReport(run.run, total, run.analysed, skipped, tuple(run.failures))
