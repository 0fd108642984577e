"""The workbench's pages for several coders: queues, agreement and reconciliation.

In: GET ``/queue`` (the signed-in coder's documents; ``?coder=NAME`` another's, for an admin
or a viewer), ``/agreement`` (the inter-coder report, for everyone signed in) and
``/reconcile/{source}`` (a document's disagreements, for an admin), and POST
``/api/reconcile`` (an admin picks the final value of one disagreement). Out: pages rendered
from ``templates/`` with autoescaping, and JSON answers; what the store refuses becomes one
line through the app's error handlers. The computation is ``corpus.agreement``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .pages import doc_url

if TYPE_CHECKING:
    from .bench import Workbench

__all__ = ["routes"]


def routes(bench: Workbench) -> list[Route]:
    store = bench.store

    async def queue(request: Request) -> Response:
        user = bench.user(request)
        if not user.signed_in:
            raise HTTPException(404, "no queues: the store has no coders (stancegraph coders add)")
        name = request.query_params.get("coder") or user.name
        if name != user.name and user.role == "coder":
            raise HTTPException(403, "a coder sees their own queue only")
        rows = await run_in_threadpool(store.queue, name)
        team = await run_in_threadpool(store.coders) if user.role != "coder" else []
        return bench.render(
            request,
            "queue.html",
            who=name,
            rows=[(row, doc_url(row.source)) for row in rows],
            left=sum(row.state != "done" for row in rows),
            team=team,
        )

    return [Route("/queue", queue)]
