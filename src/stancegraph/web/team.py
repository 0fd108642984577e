"""The workbench's pages for several coders: queues, agreement and reconciliation.

In: GET ``/queue`` (the signed-in coder's documents; ``?coder=NAME`` another's, for an admin
or a viewer), ``/agreement`` (the inter-coder report, for everyone signed in) and
``/reconcile/{source}`` (a document's disagreements, for an admin), and a POST form to the
same address (an admin picks whose value of one disagreement is final; the CSRF field checked
by ``security.Guard``). Out: pages rendered from ``templates/`` with autoescaping, and a
redirect after a reconciliation; what the store refuses becomes one line through the app's
error handlers. The computation is ``corpus.agreement``; the agreement page computes the whole
report on each visit (it reads every document coded twice).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..corpus.agreement import VARIABLES
from .pages import doc_url

if TYPE_CHECKING:
    from .accounts import User
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

    async def agreement(request: Request) -> Response:
        made = await run_in_threadpool(store.agreement)
        open_ = [d for d in made.disagreements if not d.resolved]
        per_doc = sorted({d.document for d in open_})
        return bench.render(
            request,
            "agreement.html",
            report=made,
            open_docs=[(source, "/reconcile/" + quote(source, safe=""), doc_url(source))
                       for source in per_doc],
            open_count=len(open_),
        )  # fmt: skip

    async def reconcile_page(request: Request) -> Response:
        _admin(bench, request)
        source = request.path_params["source"]
        found = await run_in_threadpool(store.disagreements, source)
        return bench.render(
            request,
            "reconcile.html",
            source=source,
            doc=doc_url(source),
            disagreements=found,
            labels={name: label for name, (_, label) in VARIABLES.items()},
        )

    async def reconcile(request: Request) -> Response:
        user = _admin(bench, request)
        source = request.path_params["source"]
        form = await request.form(max_files=0, max_fields=10)
        fields = [str(form.get(name) or "") for name in ("variable", "unit", "winner")]
        if not all(fields):
            raise HTTPException(400, "a reconciliation names a variable, a unit and a winner")
        await run_in_threadpool(
            lambda: store.reconcile(source, *fields, admin=user.name or bench.coder)
        )
        return RedirectResponse("/reconcile/" + quote(source, safe=""), 303)

    return [
        Route("/queue", queue),
        Route("/agreement", agreement),
        Route("/reconcile/{source:path}", reconcile_page, methods=["GET"]),
        Route("/reconcile/{source:path}", reconcile, methods=["POST"]),
    ]


def _admin(bench: Workbench, request: Request) -> User:
    user = bench.user(request)
    if not user.admin:
        raise HTTPException(403, "only an admin reconciles")
    return user
