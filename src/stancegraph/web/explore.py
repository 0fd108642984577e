"""The workbench's network page: the store's discourse network, with DNA's options.

In: ``GET /network`` with the options as query parameters (``type``, ``variable1``,
``variable2``, ``qualifier_aggregation``, ``normalization``, ``duplicates``, ``isolates``,
``start``, ``stop``, ``window``, ``step``, ``reviewed``, ``actor``, ``concept``; ``at``: which
time window; ``node``: a node whose statements to list), and ``GET /network/download`` with the
same and ``format`` (graphml, gexf, csv, edgelist or json). Out: the page (the options, the
network's matrix with each cell coloured by DNA's agreement code, the time windows to step
through, a node's statements with their evidence) and the network as a file; a bad option is a
400 naming it. Built by the same code as ``stancegraph network --db``: the store's
``statement_analyses``, ``formats.dna.records_from_analyses`` and ``network.build``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..corpus.store_queries import QueryFilter
from ..errors import InputError
from ..formats.dna import StatementRecord, records_from_analyses
from ..network import build as nw
from .pages import parse_day

if TYPE_CHECKING:
    from ..corpus.store import Store
    from .bench import Workbench

__all__ = ["routes"]

MAX_CELLS = 20_000  # a bigger matrix is offered as a download only
MAX_NODE_STATEMENTS = 200
_MEDIA = {
    "graphml": ("application/xml", "graphml"),
    "gexf": ("application/xml", "gexf"),
    "csv": ("text/csv", "csv"),
    "edgelist": ("text/csv", "csv"),
    "json": ("application/json", "json"),
}
_AGREEMENT = {1: "cell-support", 2: "cell-oppose", 3: "cell-mixed"}


@dataclass(frozen=True, slots=True)
class _Request:
    """The network asked for: its options, the store filter, reviewed or not."""

    options: nw.NetworkOptions
    where: QueryFilter
    reviewed: bool


def routes(bench: Workbench, *, drawing: bool = False) -> list[Route]:
    """The routes; ``drawing``: cytoscape is served (``vendor``), so the page draws."""

    async def page(request: Request) -> Response:
        asked = _asked(request.query_params)
        try:
            said, networks = await run_in_threadpool(_build, bench.store, asked)
        except (ValueError, InputError) as err:  # no statement has the variable: the form stays
            said, networks, problem = [], [], str(err)
        else:
            problem = ""
        at = min(_int(request.query_params.get("at"), "at", 0), max(len(networks) - 1, 0))
        node = request.query_params.get("node") or ""
        shown = networks[at] if networks else None
        listed = (
            await run_in_threadpool(_statements, bench.store, said, asked.options, node, shown)
            if node and shown
            else []
        )
        kept = {k: v for k, v in request.query_params.items() if k not in ("at", "node") and v}
        return bench.render(
            request,
            "network.html",
            400 if problem else 200,
            problem=problem,
            form=kept,
            network=networks[at] if networks else None,
            windows=len(networks),
            at=at,
            cells=_cells(networks[at]) if networks else None,
            node=node,
            said=listed,
            drawing=drawing,
            link=lambda **extra: "/network?" + urlencode({**kept, **extra}),
            download=lambda fmt: "/network/download?" + urlencode({**kept, "format": fmt}),
            formats=nw.FORMATS,
            choices=_choices(),
        )

    async def download(request: Request) -> Response:
        asked = _asked(request.query_params)
        fmt = request.query_params.get("format") or "graphml"
        if fmt not in _MEDIA:
            raise HTTPException(400, f"format: one of {', '.join(_MEDIA)}, not {fmt[:40]!r}")
        _, networks = await run_in_threadpool(_build, bench.store, asked)
        if not networks:
            raise HTTPException(404, "no statements to build a network from")
        at = min(_int(request.query_params.get("at"), "at", 0), len(networks) - 1)
        text = _render(fmt, networks, at, windows=asked.options.window is not None)
        media, suffix = _MEDIA[fmt]
        headers = {"content-disposition": f'attachment; filename="network.{suffix}"'}
        return Response(text, media_type=media, headers=headers)

    return [Route("/network", page), Route("/network/download", download)]


def _asked(params: Any) -> _Request:
    start, stop = parse_day(params.get("start"), "start"), parse_day(params.get("stop"), "stop")
    window = _int(params.get("window"), "window", None)
    options = nw.NetworkOptions(
        network_type=params.get("type") or "twomode",
        variable1=params.get("variable1") or "organization",
        variable2=params.get("variable2") or "concept",
        qualifier_aggregation=params.get("qualifier_aggregation") or "ignore",
        normalization=params.get("normalization") or "no",
        duplicates=params.get("duplicates") or "include",
        isolates=bool(params.get("isolates")),
        start=_moment(start, end=False),
        stop=_moment(stop, end=True),
        window=window,
        step=_int(params.get("step"), "step", 1) or 1,
    )
    nw.check_options(options)  # a ValueError is a 400 naming the option
    where = QueryFilter(
        actor=params.get("actor") or None,
        concept=params.get("concept") or None,
        start=start,
        stop=stop,
    )
    return _Request(options, where, bool(params.get("reviewed")))


def _moment(day: str | None, *, end: bool) -> datetime | None:
    if day is None:
        return None
    moment = datetime.fromisoformat(day)  # naive, meaning UTC, like DNA's dates
    return moment + timedelta(days=1, seconds=-1) if end else moment


def _int(value: str | None, name: str, default: int | None) -> Any:
    if not value:
        return default
    if not value.isdigit() or len(value) > 6:
        raise HTTPException(400, f"{name}: {value[:40]!r} is not a whole number")
    return int(value)


def _build(store: Store, asked: _Request) -> tuple[list[_Said], list[nw.Network]]:
    """The statements of the store (each record with where its evidence is) and the network
    (or its time windows) of them."""
    analyses = store.statement_analyses(asked.where, reviewed=asked.reviewed)
    records = records_from_analyses(analyses)
    spans = [(a.document.id, s.start, s.end) for a in analyses for s in a.statements]
    said = [_Said(record, *span) for record, span in zip(records, spans, strict=True)]
    if not records:
        return said, []
    if asked.options.window is None:
        return said, [nw.build_network(records, asked.options)]
    return said, nw.build_time_windows(records, asked.options)


@dataclass(frozen=True, slots=True)
class _Said:
    """A statement record and its evidence's place (document id, start, end)."""

    record: StatementRecord
    document: str
    start: int
    end: int


def _render(fmt: str, networks: list[nw.Network], at: int, *, windows: bool) -> str:
    if fmt == "json":
        return nw.network_to_json(networks if windows else networks[0])
    if fmt == "edgelist":
        return nw.network_to_edgelist(networks)
    render = {"graphml": nw.network_to_graphml, "gexf": nw.network_to_gexf}
    return render.get(fmt, nw.network_to_csv)(networks[at])


def _cells(network: nw.Network) -> list[list[tuple[Any, str]]] | None:
    """The matrix as (weight, CSS class) rows, or None when it is too big to show."""
    if len(network.rows) * len(network.columns) > MAX_CELLS:
        return None
    codes = network.agreement
    return [
        [(_shown(value), _AGREEMENT.get(codes[i][j], "") if codes else "")
         for j, value in enumerate(row)]
        for i, row in enumerate(network.matrix)
    ]  # fmt: skip


def _shown(value: float) -> str:
    if value == 0:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def _statements(
    store: Store, said: list[_Said], options: nw.NetworkOptions, node: str, shown: nw.Network
) -> list[dict[str, Any]]:
    """The statements behind ``node`` in the network shown: those whose ``variable1`` or
    ``variable2`` is the node, in its dates, with their evidence from the document's text."""
    chosen = [s for s in said if _behind(s.record, options, node, shown)][:MAX_NODE_STATEMENTS]
    texts = store.texts(sorted({s.document for s in chosen}))
    return [
        {"actor": s.record.person or s.record.organization or "",
         "concept": s.record.concept or "",
         "agreement": _AGREEMENT_WORD.get(s.record.agreement, "neutral"),
         "evidence": (texts.get(s.document) or "")[s.start : s.end],
         "document": s.record.document_title or s.record.document_id}
        for s in chosen
    ]  # fmt: skip


def _behind(
    record: StatementRecord, options: nw.NetworkOptions, node: str, shown: nw.Network
) -> bool:
    if node not in (record.value(options.variable1), record.value(options.variable2)):
        return False
    when = record.date
    if when is None:
        return True
    return not (shown.start and when < shown.start or shown.stop and when > shown.stop)


_AGREEMENT_WORD: dict[int | None, str] = {1: "support", 0: "oppose"}


def _choices() -> dict[str, Any]:
    return {
        "types": nw.NETWORK_TYPES,
        "aggregations": sorted({a for kind in nw.QUALIFIER_AGGREGATIONS.values() for a in kind}),
        "normalizations": sorted({a for kind in nw.NORMALIZATIONS.values() for a in kind}),
        "duplicates": nw.DUPLICATES,
    }
