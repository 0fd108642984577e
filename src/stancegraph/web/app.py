"""The review workbench as an ASGI application.

In: an open corpus ``Store``, the session token, the coder's name and an optional codebook
(concept id -> label). Out: a Starlette app (``create_app``) serving the corpus, document,
actors, precision and codebook pages, the JSON endpoints that record decisions and correct actors, the
speaker palette and the package's own static files, all behind ``security.Guard`` (token,
CSRF, Content-Security-Policy) and, when the store has coders, ``accounts.Accounts`` (sign-in,
sessions, roles; ``signin`` serves the sign-in page). Errors become a one-line message with a 4xx or 5xx status,
never a stack trace; a store locked by a running ingest answers 503 so the page can retry.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import sqlalchemy as sa
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from ..corpus.store import Store
from ..corpus.store_base import StoreError
from ..errors import StancegraphError
from . import api, explore, manage, pages, signin, team
from . import codebook as codebook_page
from .accounts import Accounts, Sessions, Throttle
from .bench import Workbench
from .security import Guard
from .vendor import cytoscape_dir

__all__ = ["create_app", "error_status"]

HERE = Path(__file__).parent


def create_app(
    store: Store,
    *,
    token: str,
    coder: str,
    codebook: Mapping[str, str] | None = None,
    sessions: Sessions | None = None,
    throttle: Throttle | None = None,
    codebook_file: str | Path | None = None,
) -> Guard:
    """The workbench over ``store``; every request must carry ``token`` (see ``security``).

    When the store has coders, each user also signs in (``accounts``); ``coder`` is then unused.
    ``codebook_file`` is the YAML file the codebook page edits (its concepts are offered when
    ``codebook`` is not given).
    """
    templates = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    bench = Workbench(
        store,
        coder,
        dict(codebook or {}),
        secrets.token_urlsafe(32),
        templates,
        sessions or Sessions(),
        throttle or Throttle(),
        Path(codebook_file) if codebook_file is not None else None,
    )
    if codebook is None:
        bench.reload_concepts()
    drawing = cytoscape_dir()
    routes = [
        *signin.routes(bench),
        *pages.routes(bench),
        *team.routes(bench),
        *manage.routes(bench),
        *codebook_page.routes(bench),
        *explore.routes(bench, drawing=drawing is not None),
        *api.routes(bench),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    if drawing is not None:
        routes.append(Mount("/vendor/cytoscape", StaticFiles(directory=drawing)))
    app = Starlette(
        routes=routes,
        exception_handlers={
            HTTPException: _http_error(bench),
            StancegraphError: _store_error(bench),
            ValueError: _bad_request(bench),
            Exception: _internal_error(bench),
        },
    )
    accounts = Accounts(app, store=store, sessions=bench.sessions, single=coder)
    return Guard(_refuse_nul(accounts), token=token, csrf=bench.csrf)


def error_status(err: StancegraphError) -> int:
    """503 for a busy store, 404 for a document or actor that is not there, 500 for another
    failure of the database itself (a full disk, a damaged file), else 400 (the request).

    Busy is decided by the database's own error behind ``err`` (SQLite's "database is locked",
    a PostgreSQL lock, serialisation or connection failure, a full connection pool), never by
    the message, which may quote what the coder typed.
    """
    causes = _causes(err) if isinstance(err, StoreError) else []
    if any(_busy(cause) for cause in causes):
        return 503
    if err.message.startswith(("no such ", "no corpus actor ")):
        return 404
    if any(_database_failed(cause) for cause in causes):
        return 500
    return 400


# SQLite's result codes for a lock held by another connection; PostgreSQL's SQLSTATEs for a lock
# not granted, a serialisation failure, a deadlock, and a server shutting down or not yet up.
_SQLITE_BUSY = ("database is locked", "database table is locked")
_RETRY_STATES = {"40001", "40P01", "55P03", "57P01", "57P03"}


def _causes(err: BaseException) -> list[BaseException]:
    """``err`` and the chain of exceptions it was raised from (at most 10)."""
    chain: list[BaseException] = []
    cause: BaseException | None = err
    while cause is not None and len(chain) < 10:
        chain.append(cause)
        cause = cause.__cause__ or getattr(cause, "orig", None)
    return chain


def _busy(cause: BaseException) -> bool:
    if isinstance(cause, sqlite3.OperationalError):
        return str(cause).startswith(_SQLITE_BUSY)
    if isinstance(cause, sa.exc.TimeoutError):  # no free connection in the pool
        return True
    state = getattr(cause, "sqlstate", None)  # psycopg
    return isinstance(state, str) and (state in _RETRY_STATES or state.startswith("08"))


def _database_failed(cause: BaseException) -> bool:
    """An error the database raised on its own (SQLite's, or one with a PostgreSQL SQLSTATE)."""
    return isinstance(cause, sqlite3.Error) or isinstance(getattr(cause, "sqlstate", None), str)


def _refuse_nul(app: Any) -> Any:
    """``app`` behind a check that no path or query parameter holds a NUL character (400)."""

    async def guarded(scope: Any, receive: Any, send: Any) -> None:
        query = unquote_plus(bytes(scope.get("query_string", b"")).decode("latin-1"))
        if scope["type"] == "http" and ("\x00" in scope["path"] or "\x00" in query):
            message = "a path or query parameter holds a NUL character (\\x00)"
            await JSONResponse({"error": message}, status_code=400)(scope, receive, send)
            return
        await app(scope, receive, send)

    return guarded


def _answer(bench: Workbench, request: Request, status: int, message: str) -> Response:
    message = " ".join(message.split())[:500]
    headers = {"Retry-After": "2"} if status == 503 else None
    if request.url.path.startswith("/api/") or request.url.path.endswith(".css"):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    page = bench.render(request, "error.html", status, status=status, message=message)
    if headers:
        page.headers.update(headers)
    return page


def _http_error(bench: Workbench) -> Any:
    async def handle(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return _answer(bench, request, exc.status_code, str(exc.detail))

    return handle


def _store_error(bench: Workbench) -> Any:
    async def handle(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StancegraphError)
        status = error_status(exc)
        if status == 503:
            message = f"the store is busy (an ingest may be writing): try again ({exc})"
            return _answer(bench, request, 503, message)
        return _answer(bench, request, status, str(exc))

    return handle


def _bad_request(bench: Workbench) -> Any:
    async def handle(request: Request, exc: Exception) -> Response:
        return _answer(bench, request, 400, str(exc) or "bad request")

    return handle


def _internal_error(bench: Workbench) -> Any:
    async def handle(request: Request, exc: Exception) -> Response:
        return _answer(bench, request, 500, f"internal error ({type(exc).__name__})")

    return handle
