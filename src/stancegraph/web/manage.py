"""The admin's coders page: coders added, given a role or a new password, and removed.

In: ``GET /coders`` and a POST form to it (``op``: add, role, password or remove; ``name``;
``role``; ``password``; the CSRF field checked by ``security.Guard``), from an admin only (else
403). Out: the page listing the coders (never a hash) with a form per coder and one to add a
coder; after a change, a redirect back to it saying what changed. What the store refuses (a
taken name, a short password) is one line through the app's error handlers, and never quotes
the password. A new password or a removal ends the coder's sessions. An admin cannot remove themselves or drop their own admin role (the store would
be left without the admin who is signed in).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..corpus.coders import ROLES

if TYPE_CHECKING:
    from ..corpus.store import Store
    from .accounts import User
    from .bench import Workbench

__all__ = ["routes"]

_OPS = ("add", "role", "password", "remove")


def routes(bench: Workbench) -> list[Route]:
    store = bench.store

    async def page(request: Request) -> Response:
        _signed_in_admin(bench, request)
        coders = await run_in_threadpool(store.coders)
        said = request.query_params.get("done", "")[:200]
        return bench.render(request, "coders.html", coders=coders, roles=ROLES, said=said)

    async def change(request: Request) -> Response:
        user = _signed_in_admin(bench, request)
        form = await request.form(max_files=0, max_fields=10)
        op, name = str(form.get("op") or ""), str(form.get("name") or "").strip()
        if op not in _OPS or not name:
            raise HTTPException(400, f"op: one of {', '.join(_OPS)}, with a name")
        if name == user.name and (op == "remove" or (op == "role" and form.get("role") != "admin")):
            raise HTTPException(400, "an admin cannot remove themselves or drop their own role")
        role, password = str(form.get("role") or "coder"), str(form.get("password") or "")
        said = await run_in_threadpool(_apply, store, op, name, role, password)
        if op in ("password", "remove"):
            bench.sessions.end(name)  # signed in elsewhere with the old password: no longer
        return RedirectResponse("/coders?" + urlencode({"done": said}), 303)

    return [
        Route("/coders", page, methods=["GET"]),
        Route("/coders", change, methods=["POST"]),
    ]


def _apply(store: Store, op: str, name: str, role: str, password: str) -> str:
    if op == "add":
        added = store.add_coder(name, role, password)
        return f"added {added.name} as {added.role}"
    if op == "role":
        store.set_role(name, role)
        return f"{name} is now {role}"
    if op == "password":
        store.set_password(name, password)
        return f"changed the password of {name}"
    store.remove_coder(name)
    return f"removed {name} (their decisions stay)"


def _signed_in_admin(bench: Workbench, request: Request) -> User:
    user = bench.user(request)
    if not user.signed_in:
        raise HTTPException(404, "no coders yet: add the first admin with stancegraph coders add")
    if not user.admin:
        raise HTTPException(403, "only an admin manages coders")
    return user
