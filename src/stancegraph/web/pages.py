"""The workbench's HTML pages: corpus, document, actors, precision, and the speaker palette.

In: GET requests (query parameters filter the corpus and pick an actor). Out: pages rendered
from ``templates/`` with autoescaping, from what the store returns; each route parses its
parameters (a bad one is a 400 naming it), calls the store once or twice in a worker thread,
and renders. No route writes: writes are the POST endpoints of ``api``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any, get_args
from urllib.parse import quote, urlencode

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..corpus.review import DocumentFilter
from ..corpus.store_queries import QueryFilter
from ..types import ActorType, EventType
from .document import document_view
from .highlight import palette_css

if TYPE_CHECKING:
    from .bench import Workbench

__all__ = ["doc_url", "parse_day", "routes"]

STATES = ("unreviewed", "in progress", "done")
PAGE_SIZE = 50
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def routes(bench: Workbench) -> list[Route]:
    async def corpus(request: Request) -> Response:
        params = request.query_params
        chosen = _corpus_filter(params)
        after = _int(params.get("after"), "after")
        page = await run_in_threadpool(
            bench.store.document_page, chosen, after=after, limit=PAGE_SIZE
        )
        kept = {k: v for k, v in params.items() if k != "after" and v}
        more = urlencode({**kept, "after": page.after}) if page.after is not None else None
        return bench.render(
            request,
            "corpus.html",
            page=page,
            rows=[(row, doc_url(row.source)) for row in page.rows],
            form=kept,
            states=STATES,
            more=more,
            concepts=sorted(bench.codebook.items()),
        )

    async def document(request: Request) -> Response:
        source = request.path_params["source"]
        user = bench.user(request)
        if user.signed_in and user.writes:  # a coder codes on their own: their decisions only
            doc = await run_in_threadpool(
                lambda: bench.store.reviewed_document(source, coder=user.name)
            )
        else:
            doc = await run_in_threadpool(bench.store.reviewed_document, source)
        view = document_view(doc)
        return bench.render(
            request,
            "document.html",
            doc=doc,
            view=view,
            palette=f"/palette/{max(view.speakers, 1)}.css",
            concepts=sorted(bench.codebook.items()),
            event_types=get_args(EventType),
            coder_colours=await _coder_colours(bench) if user.signed_in and not user.writes else {},
        )

    async def actors(request: Request) -> Response:
        name = request.query_params.get("name")
        listing = await run_in_threadpool(bench.store.corpus_actors)
        chosen = None
        said: list[dict[str, Any]] = []
        if name:
            chosen = await run_in_threadpool(bench.store.corpus_actor, name)
            said = await run_in_threadpool(bench.store.quotes, QueryFilter(actor=name))
        return bench.render(
            request,
            "actors.html",
            actors=listing,
            chosen=chosen,
            quotes=said[:200],
            actor_url=lambda n: "/actors?" + urlencode({"name": n}),
            actor_types=get_args(ActorType),
        )

    async def precision(request: Request) -> Response:
        table = await run_in_threadpool(bench.store.precision)
        return bench.render(request, "precision.html", table=table)

    async def palette(request: Request) -> Response:
        count = int(request.path_params["count"])
        if not 1 <= count <= 1000:
            raise HTTPException(404, "no palette of that size (1 to 1000 speakers)")
        return Response(palette_css(count), media_type="text/css")

    async def no_icon(request: Request) -> Response:
        return Response(status_code=204)

    return [
        Route("/", corpus),
        Route("/favicon.ico", no_icon),
        Route("/doc/{source:path}", document),
        Route("/actors", actors),
        Route("/precision", precision),
        Route("/palette/{count:int}.css", palette),
    ]


async def _coder_colours(bench: Workbench) -> dict[str, str]:
    """Coder -> ``by-N``: in a view of every coder's decisions, each coder of the store has a
    colour, the same on every page."""
    coders = await run_in_threadpool(bench.store.coders)
    return {c.name: f"by-{n % _BY_COLOURS}" for n, c in enumerate(coders)}


_BY_COLOURS = 6  # the by-N classes of workbench.css


def doc_url(source: str) -> str:
    """The document page of ``source`` (the store's document key)."""
    return "/doc/" + quote(source, safe="") if source else "/"


def _corpus_filter(params: Any) -> DocumentFilter:
    state = params.get("state") or None
    if state is not None and state not in STATES:
        raise HTTPException(400, f"state: {state!r} is not one of {', '.join(STATES)}")
    return DocumentFilter(
        actor=params.get("actor") or None,
        concept=params.get("concept") or None,
        start=parse_day(params.get("start"), "start"),
        stop=parse_day(params.get("stop"), "stop"),
        state=state,
        min_confidence=_float(params.get("min_confidence"), "min_confidence"),
        max_confidence=_float(params.get("max_confidence"), "max_confidence"),
        text=params.get("q") or None,
    )


def parse_day(value: str | None, name: str) -> str | None:
    if not value:
        return None
    if not _DAY.fullmatch(value):
        raise HTTPException(400, f"{name}: {value[:40]!r} is not a day (YYYY-MM-DD)")
    try:
        date.fromisoformat(value)
    except ValueError as err:
        raise HTTPException(
            400, f"{name}: {value!r} is not a day of the calendar ({err})"
        ) from None
    return value


def _float(value: str | None, name: str) -> float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise HTTPException(400, f"{name}: {value[:40]!r} is not a number") from None
    if not 0.0 <= number <= 1.0:
        raise HTTPException(400, f"{name}: {number} is not between 0 and 1")
    return number


def _int(value: str | None, name: str) -> int | None:
    if not value:
        return None
    if not value.isdigit() or len(value) > 18:
        raise HTTPException(400, f"{name}: {value[:40]!r} is not a document position")
    return int(value)
