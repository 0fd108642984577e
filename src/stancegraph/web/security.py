"""The workbench's guard: a session token on every request, CSRF on every write, strict headers.

In: each HTTP request of the ASGI app. Out: the request passed on, or refused before any route
sees it:

- ``?token=T`` with the right token sets an HttpOnly, SameSite=Strict cookie named for the port
  the app listens on (two workbenches on one host keep their own) and redirects to the
  same URL without the token (so it stays out of history and logs); a request with neither the
  cookie nor the query token gets 401, static files included;
- a POST must carry the per-session CSRF value (``X-CSRF-Token`` header, or a ``csrf`` form
  field); else 403;
- every answer carries a Content-Security-Policy that allows scripts, styles and fetches from
  the app only (no inline script or style), and refuses framing and sniffing.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, quote, unquote_to_bytes

__all__ = [
    "COOKIE",
    "CSP",
    "CSRF_FIELD",
    "CSRF_HEADER",
    "Guard",
    "cookie_name",
    "cookie_value",
    "new_token",
]

COOKIE = "stancegraph_token"  # the cookie's name, then "_" and the port
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]
_MAX_FORM = 1 << 20  # a form body read to find its CSRF field: 1 MiB at most

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def cookie_name(scope: Scope, base: str = COOKIE) -> str:
    """The cookie ``base``'s name for the port the request came in on.

    A browser sends a host's cookies to every port of it, so two workbenches on one host would
    overwrite each other's cookie under one name.
    """
    server = scope.get("server") or (None, None)
    return f"{base}_{server[1]}" if server[1] is not None else base


def new_token() -> str:
    """A fresh session token (URL-safe, 256 bits)."""
    return secrets.token_urlsafe(32)


class Guard:
    """ASGI middleware: token, CSRF and security headers around ``app``."""

    def __init__(self, app: App, *, token: str, csrf: str) -> None:
        self.app = app
        self.token = token
        self.csrf = csrf

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = [v for k, v in query if k == "token"]
        if given:
            if not self._is_token(given[0]):
                await _plain(
                    send, 401, "wrong session token: use the URL stancegraph serve printed"
                )
                return
            await self._sign_in(scope, send)
            return
        if not self._is_token(_cookie(scope)):
            await _plain(send, 401, "no session token: open the URL stancegraph serve printed")
            return
        if scope["method"] not in ("GET", "HEAD"):
            ok, receive = await self._csrf_ok(scope, receive)
            if not ok:
                await _plain(send, 403, "missing or wrong CSRF token: reload the page")
                return
        await self.app(scope, receive, _with_headers(send))

    def _is_token(self, value: str | None) -> bool:
        return value is not None and secrets.compare_digest(value.encode(), self.token.encode())

    async def _sign_in(self, scope: Scope, send: Send) -> None:
        """Set the cookie and send the browser to the same URL without the token."""
        location = _location_without_token(scope)
        cookie = f"{cookie_name(scope)}={self.token}; Path=/; HttpOnly; SameSite=Strict"
        headers = [(b"location", location.encode("ascii")), (b"set-cookie", cookie.encode())]
        await send({"type": "http.response.start", "status": 303, "headers": _HEADERS + headers})
        await send({"type": "http.response.body", "body": b""})

    async def _csrf_ok(self, scope: Scope, receive: Receive) -> tuple[bool, Receive]:
        """Whether the request carries the CSRF value; and a ``receive`` replaying the body."""
        header = _header(scope, CSRF_HEADER.encode())
        if header is not None:
            return secrets.compare_digest(header.encode(), self.csrf.encode()), receive
        kind = _header(scope, b"content-type") or ""
        if not kind.startswith("application/x-www-form-urlencoded"):
            return False, receive
        body = await _read_body(receive)
        if body is None:
            return False, receive
        fields = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        value = next((v for k, v in fields if k == CSRF_FIELD), "")
        return secrets.compare_digest(value.encode(), self.csrf.encode()), _replay(body)


def _location_without_token(scope: Scope) -> str:
    """The request's own path and query, still percent-encoded, less the ``token`` field.

    Built from ``raw_path`` (``/doc/%2Fa`` stays one segment), with leading slashes collapsed to
    one (``//host/`` would leave the app) and every byte outside the URL's own characters
    percent-encoded (no CR or LF reaches the header).
    """
    raw = scope.get("raw_path")
    if raw is None:
        raw = quote((scope.get("root_path", "") + scope["path"]).encode("utf-8"), safe="/")
    path = "/" + _url_safe(raw).lstrip("/")
    fields = bytes(scope.get("query_string", b"")).split(b"&")
    rest = [f for f in fields if f and unquote_to_bytes(f.split(b"=", 1)[0]) != b"token"]
    return path + ("?" + "&".join(_url_safe(f) for f in rest) if rest else "")


def _url_safe(raw: bytes | str) -> str:
    """``raw`` with its percent escapes kept and any other unsafe byte percent-encoded."""
    return quote(raw, safe="/%!$&'()*+,;=:@-._~")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


def _cookie(scope: Scope) -> str | None:
    return cookie_value(scope, COOKIE)


def cookie_value(scope: Scope, base: str) -> str | None:
    """The value of the request's cookie ``base`` (named for the port), or None."""
    raw = _header(scope, b"cookie")
    if not raw:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # a malformed Cookie header is no token
        return None
    morsel = jar.get(cookie_name(scope, base))
    return morsel.value if morsel is not None else None


async def _read_body(receive: Receive) -> bytes | None:
    """The whole request body, or None when it is over ``_MAX_FORM``."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > _MAX_FORM:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _with_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            names = {bytes(k).lower() for k, _ in message.get("headers", ())}
            extra = [(k, v) for k, v in _HEADERS if k not in names]
            message["headers"] = list(message.get("headers", ())) + extra
        await send(message)

    return sending


async def _plain(send: Send, status: int, text: str) -> None:
    body = (text + "\n").encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), *_HEADERS]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
