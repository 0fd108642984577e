"""Who is using the workbench: signed-in coders, their sessions, and failed sign-ins.

In: the store's coders (``corpus.store_coders``) and each HTTP request that passed the session
token (``security.Guard``). Out: the request's ``User`` (name and role) in its scope, or the
request refused: with no coders in the store, every request is the one user ``stancegraph
serve`` names (role admin, as before coders existed); with coders, a request without a live
session goes to the sign-in page (a page) or gets 401 (anything else), and a viewer's POST gets
403. The role is read from the store on every request, so a coder removed or made a viewer
loses their rights at once.

A session is a random value in an HttpOnly, SameSite=Strict cookie named for the port; it
expires ``SESSION_SECONDS`` after sign-in, on the server as in the browser. Failed sign-ins are
counted per name and per client address over ``THROTTLE_SECONDS``; past ``MAX_FAILS_NAME`` or
``MAX_FAILS_CLIENT`` the sign-in is refused (429) until the window has passed.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, RedirectResponse

from ..corpus.coders import CoderError
from ..corpus.store import Store
from .security import App, Receive, Scope, Send, cookie_value

__all__ = [
    "MAX_FAILS_CLIENT",
    "MAX_FAILS_NAME",
    "SESSION_COOKIE",
    "SESSION_SECONDS",
    "THROTTLE_SECONDS",
    "Accounts",
    "Sessions",
    "Throttle",
    "User",
    "user_of",
]

SESSION_COOKIE = "stancegraph_session"  # then "_" and the port, like the token's cookie
SESSION_SECONDS = 8 * 3600  # a working day; then sign in again
THROTTLE_SECONDS = 15 * 60
MAX_FAILS_NAME = 5  # wrong passwords for one name within the window (OWASP: a small number)
MAX_FAILS_CLIENT = 20  # for one client address, whatever the names tried
OPEN_PATHS = ("/signin", "/favicon.ico")  # reachable without a session (the token still holds)
_SCOPE_KEY = "stancegraph.user"
_MAX_KEYS = 10_000  # names and clients with failed sign-ins kept before old ones are swept


@dataclass(frozen=True, slots=True)
class User:
    """Who makes a request: a coder's name and role."""

    name: str
    role: str  # admin, coder or viewer
    signed_in: bool = True  # False: the one user of a store without coders

    @property
    def writes(self) -> bool:
        return self.role in ("admin", "coder")

    @property
    def admin(self) -> bool:
        return self.role == "admin"


def user_of(scope_or_request: Any, default: User | None = None) -> User:
    """The ``User`` that ``Accounts`` put in a request's scope (else ``default``)."""
    scope = getattr(scope_or_request, "scope", scope_or_request)
    found = scope.get(_SCOPE_KEY, default)
    assert isinstance(found, User), "the request did not pass Accounts"
    return found


@dataclass
class Sessions:
    """Live sessions: a random value -> (coder name, when it expires)."""

    seconds: float = SESSION_SECONDS
    clock: Callable[[], float] = time.monotonic
    _live: dict[str, tuple[str, float]] = field(default_factory=dict)

    def open(self, name: str) -> str:
        self._sweep()
        value = secrets.token_urlsafe(32)
        self._live[value] = (name, self.clock() + self.seconds)
        return value

    def name(self, value: str | None) -> str | None:
        """The coder of a live session, or None (unknown or expired)."""
        found = self._live.get(value or "")
        if found is None:
            return None
        if found[1] <= self.clock():
            del self._live[value or ""]
            return None
        return found[0]

    def close(self, value: str | None) -> None:
        self._live.pop(value or "", None)

    def end(self, name: str) -> None:
        """End every session of coder ``name`` (their password changed, or they were removed)."""
        self._live = {v: (who, until) for v, (who, until) in self._live.items() if who != name}

    def _sweep(self) -> None:
        now = self.clock()
        for value in [v for v, (_, until) in self._live.items() if until <= now]:
            del self._live[value]


@dataclass
class Throttle:
    """Failed sign-ins per name and per client within a sliding window."""

    seconds: float = THROTTLE_SECONDS
    per_name: int = MAX_FAILS_NAME
    per_client: int = MAX_FAILS_CLIENT
    clock: Callable[[], float] = time.monotonic
    _fails: dict[str, list[float]] = field(default_factory=dict)

    def wait(self, name: str, client: str) -> float:
        """Seconds until ``name`` from ``client`` may try again (0: now)."""
        waits = [
            self._wait(f"name:{name.casefold()}", self.per_name),
            self._wait(f"client:{client}", self.per_client),
        ]
        return max(waits)

    def failed(self, name: str, client: str) -> None:
        if len(self._fails) > _MAX_KEYS:  # many names tried: forget the windows that passed
            self._sweep()
        for key in (f"name:{name.casefold()}", f"client:{client}"):
            self._fails.setdefault(key, []).append(self.clock())

    def _sweep(self) -> None:
        since = self.clock() - self.seconds
        self._fails = {k: v for k, v in self._fails.items() if v and v[-1] > since}

    def succeeded(self, name: str) -> None:
        self._fails.pop(f"name:{name.casefold()}", None)

    def _wait(self, key: str, limit: int) -> float:
        now = self.clock()
        recent = [t for t in self._fails.get(key, []) if t > now - self.seconds]
        self._fails[key] = recent
        if len(recent) < limit:
            return 0.0
        return recent[-limit] + self.seconds - now


class Accounts:
    """ASGI middleware: the request's ``User``, or a sign-in asked for (see the module)."""

    def __init__(self, app: App, *, store: Store, sessions: Sessions, single: str) -> None:
        self.app = app
        self.store = store
        self.sessions = sessions
        self.single = User(single, "admin", signed_in=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        user = await run_in_threadpool(self._user, scope)
        path = scope["path"]
        if user is None and not (path in OPEN_PATHS or path.startswith("/static/")):
            await self._ask_sign_in(scope, receive, send)
            return
        if user is not None and not user.writes and _writes(scope):
            answer = JSONResponse({"error": "a viewer reads only"}, status_code=403)
            await answer(scope, receive, send)
            return
        scope[_SCOPE_KEY] = user or User("", "viewer", signed_in=False)
        await self.app(scope, receive, send)

    def _user(self, scope: Scope) -> User | None:
        if not self.store.has_coders():
            return self.single
        name = self.sessions.name(cookie_value(scope, SESSION_COOKIE))
        if name is None:
            return None
        try:
            coder = self.store.coder(name)
        except CoderError:  # removed since signing in
            return None
        return User(coder.name, coder.role)

    async def _ask_sign_in(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] in ("GET", "HEAD") and not scope["path"].startswith("/api/"):
            target = scope["path"] + (
                "?" + scope["query_string"].decode("latin-1") if scope.get("query_string") else ""
            )
            answer: Any = RedirectResponse("/signin?" + urlencode({"next": target}), 303)
        else:
            answer = JSONResponse({"error": "sign in first (your session expired?)"}, 401)
        await answer(scope, receive, send)


def _writes(scope: Scope) -> bool:
    """Whether a request would change something (any method but GET and HEAD, signing in and
    out aside)."""
    return scope["method"] not in ("GET", "HEAD") and scope["path"] not in ("/signin", "/signout")
