"""Analysis on Dask workers, for ``stancegraph ingest --engine dask``.

In: documents (read on the client), pipeline options and a Dask scheduler address, or none for
a ``distributed.LocalCluster`` of ``options.workers`` processes. Out: analyses, in the order
they finish, for the client to store. Documents travel to the workers in small tasks; each worker
process loads the analysing pipeline once (``load_analyzer`` is cached per process) and sends back
plain JSON-ready dicts (``analysis_to_dict``), never spaCy objects. A
document whose extraction fails, or whose task dies with its worker, becomes a failure.

Needs the optional extra: ``pip install -e '.[dask]'``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import Any

from ..errors import InputError, ModelError
from ..formats.contract import analysis_from_dict, analysis_to_dict
from ..pipeline import Options, analyze
from ..types import Analysis, Document, ReadFailure

__all__ = ["TASK_SIZE", "analyse_batch", "analyse_on_dask"]

TASK_SIZE = 8  # documents per task: one nlp.pipe batch on a worker
QUEUED_PER_WORKER = 3  # tasks submitted ahead per worker, so workers never wait for the client
CONNECT_TIMEOUT = 60  # seconds to reach a scheduler and see a first worker

Result = tuple[str, str, Any]  # ("analysis", key, dict) or ("failed", key, reason)


def _key(document: Document) -> str:
    return document.source or document.id


def analyse_batch(documents: list[Document], options: Options) -> list[Result]:
    """On a worker: each document's analysis as a dict, or the reason it failed."""
    failures: list[ReadFailure] = []
    out: list[Result] = []
    for analysis in analyze(documents, replace(options, workers=1), failures=failures):
        out.append(("analysis", _key(analysis.document), analysis_to_dict(analysis)))
    out.extend(("failed", f.source, f.reason) for f in failures)
    return out


def _distributed() -> Any:
    """Dask's ``distributed`` module (untyped, hence Any)."""
    try:
        return importlib.import_module("distributed")
    except ImportError as err:
        raise InputError(
            "--engine dask needs Dask's distributed package: pip install -e '.[dask]'"
        ) from err


def _client(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    dd = _distributed()
    if scheduler is None:
        cluster = dd.LocalCluster(  # on the loopback only: see SECURITY.md
            host="127.0.0.1",
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        return dd.Client(cluster), cluster
    try:
        client = dd.Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as err:
        raise InputError(f"cannot reach the Dask scheduler ({err})", source=scheduler) from err
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except TimeoutError as err:
        client.close()
        raise InputError(
            f"the Dask scheduler has no workers after {CONNECT_TIMEOUT} s", source=scheduler
        ) from err
    return client, None


def analyse_on_dask(
    documents: Iterable[Document],
    options: Options,
    *,
    scheduler: str | None = None,
    failures: list[ReadFailure],
) -> Iterator[Analysis]:
    """Analyse ``documents`` on Dask workers; yield analyses as they finish (see the module).

    Failed documents are appended to ``failures``. Each analysis carries the client's own
    ``Document`` (with its ``source``), not a copy from the worker.
    """
    client, cluster = _client(scheduler, options.workers)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        stream = iter(documents)
        sent: dict[str, Document] = {}
        batches: dict[str, list[str]] = {}  # task key -> its documents' keys
        finished = _distributed().as_completed()

        def submit() -> bool:
            chunk = list(islice(stream, TASK_SIZE))
            if not chunk:
                return False
            keys = [_key(d) for d in chunk]
            sent.update(zip(keys, chunk, strict=True))
            future = client.submit(analyse_batch, chunk, options, pure=False)
            batches[future.key] = keys
            finished.add(future)
            return True

        for _ in range(workers * QUEUED_PER_WORKER):
            if not submit():
                break
        for future in finished:
            keys = batches.pop(future.key)
            try:
                results: list[Result] = future.result()
            except ModelError:
                raise
            except Exception as err:  # the task died (a killed worker, an unpicklable result)
                reason = f"analysis task failed ({type(err).__name__}: {err})".splitlines()[0]
                results = [("failed", key, reason) for key in keys]
            future.release()
            for kind, key, value in results:
                document = sent.pop(key, None)  # None only for a key given twice
                if kind == "analysis":
                    analysis = analysis_from_dict(value)
                    yield analysis if document is None else replace(analysis, document=document)
                else:
                    failures.append(ReadFailure(source=key, reason=str(value)))
            submit()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
