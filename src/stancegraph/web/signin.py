"""Signing in and out of the workbench when the store has coders.

In: ``GET /signin`` (the form), ``POST /signin`` (a form: name, password, the CSRF field and
where to go next) and ``POST /signout``. Out: the sign-in page; on the right password a session
cookie (``accounts``) and a redirect to the page asked for (on this site only); on a wrong one
the page again with 401 and one line that does not say which of the two was wrong; past the
limit of failed tries (``accounts.Throttle``) 429 with the wait. The password is never logged,
echoed or put in a message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from .accounts import SESSION_COOKIE, user_of
from .security import cookie_name, cookie_value

if TYPE_CHECKING:
    from .bench import Workbench

__all__ = ["routes", "safe_next"]

_MAX_FIELD = 1024


def routes(bench: Workbench) -> list[Route]:
    async def form(request: Request) -> Response:
        if user_of(request).signed_in:
            return RedirectResponse(safe_next(request.query_params.get("next")), 303)
        return _page(bench, request, 200, "")

    async def sign_in(request: Request) -> Response:
        data = await request.form(max_files=0, max_fields=10)
        name = str(data.get("name") or "")[:_MAX_FIELD].strip()
        password = str(data.get("password") or "")[:_MAX_FIELD]
        client = request.client.host if request.client else "unknown"
        wait = bench.throttle.wait(name, client)
        if wait > 0:
            minutes = max(1, round(wait / 60))
            message = f"too many failed sign-ins: try again in {minutes} minute(s)"
            return _page(bench, request, 429, message, next_url=data.get("next"))
        coder = await run_in_threadpool(bench.store.authenticate, name, password)
        if coder is None:
            bench.throttle.failed(name, client)
            return _page(bench, request, 401, "wrong name or password", next_url=data.get("next"))
        bench.throttle.succeeded(name)
        bench.sessions.close(cookie_value(request.scope, SESSION_COOKIE))  # a new one, always
        session = bench.sessions.open(coder.name)
        answer = RedirectResponse(safe_next(str(data.get("next") or "")), 303)
        answer.set_cookie(
            cookie_name(request.scope, SESSION_COOKIE),
            session,
            max_age=int(bench.sessions.seconds),
            httponly=True,
            samesite="strict",
        )
        return answer

    async def sign_out(request: Request) -> Response:
        bench.sessions.close(cookie_value(request.scope, SESSION_COOKIE))
        answer = RedirectResponse("/signin", 303)
        answer.delete_cookie(cookie_name(request.scope, SESSION_COOKIE), httponly=True)
        return answer

    return [
        Route("/signin", form, methods=["GET"]),
        Route("/signin", sign_in, methods=["POST"]),
        Route("/signout", sign_out, methods=["POST"]),
    ]


def safe_next(value: object) -> str:
    """``value`` when it is a path of this site, else ``/`` (no open redirect)."""
    text = str(value or "")
    if (
        not text.startswith("/")
        or text.startswith(("//", "/\\"))
        or any(ch in text for ch in "\r\n\x00")
    ):
        return "/"
    return text


def _page(
    bench: Workbench, request: Request, status: int, message: str, *, next_url: object = None
) -> Response:
    wanted = safe_next(next_url if next_url is not None else request.query_params.get("next"))
    return bench.render(request, "signin.html", status, message=message, next_url=wanted)
