"""``stancegraph serve``: the review workbench in the browser, over a corpus store.

In: a store URL, a host and port, an optional codebook (its concepts are offered when a
statement is edited, and the Codebook page edits it) and the coder's name. Out: a local web server (uvicorn) until Ctrl-C; on
stderr, the URL holding the session token (open it once: a cookie keeps the session), and a
warning when the host is not a loopback address. A missing store, an unreadable codebook or a
port in use is one line and exit code 2.
"""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import socket
from typing import TextIO

from ..errors import InputError
from ._common import EXIT_OK, Formatter, Subparsers, db_option
from ._console import say

SERVE_HELP = """\
examples:
  stancegraph serve --db corpus.db
  stancegraph serve --db corpus.db --codebook examples/codebook.yaml --coder anna
  stancegraph serve --db postgresql+psycopg://user:pw@localhost/news --port 9000
Opens the review workbench on http://127.0.0.1:8765: the corpus, each document with its
quotes, statements and events to accept (a), reject (x) or edit (e), the corpus actors and
the machine's precision. Open the printed URL once; it holds the session token. Every
decision is stored with the coder's name (--coder, default: your login name); once the
store has coders (stancegraph coders add), each signs in and --coder is not used. With
--codebook, admins add, rename, nest and merge its concepts on the Codebook page.
"""

SERVE_BUSY_SECONDS = 2.0  # how long a write waits for another writer before a 503


def add_parsers(sub: Subparsers) -> None:
    s = sub.add_parser(
        "serve",
        help="review and correct the store's quotes, statements and events in the browser",
        description=SERVE_HELP,
        formatter_class=Formatter,
    )
    db_option(s)
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8765, help="port (default 8765; 0: any free)")
    s.add_argument(
        "--codebook",
        metavar="FILE",
        help="YAML codebook: concepts to choose from, edited on the Codebook page",
    )
    s.add_argument("--coder", metavar="NAME", help="who is coding (default: your login name)")
    s.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import uvicorn

    from ..corpus.store import open_store
    from ..web import create_app, new_token

    coder = (args.coder or _login()).strip()
    if not coder or len(coder) > 200:
        raise InputError("--coder: a name of 1 to 200 characters")
    concepts = _concepts(args.codebook)
    # A write waits briefly for a running ingest, then answers 503 and the page retries.
    store = open_store(args.db, create=False, busy_seconds=SERVE_BUSY_SECONDS)
    try:
        listening = bind(args.host, args.port)
    except InputError:
        store.close()
        raise
    token = new_token()
    app = create_app(
        store, token=token, coder=coder, codebook=concepts, codebook_file=args.codebook
    )
    port = listening.getsockname()[1]
    if not is_loopback(args.host):
        say(err, f"warning: listening on {args.host}, reachable from other machines", error=True)
    if store.has_coders():
        say(err, f"review workbench on {store.url}, coders sign in; open:")
    else:
        say(err, f"review workbench on {store.url} as {coder!r}; open:")
    print(f"http://{_url_host(args.host)}:{port}/?token={token}", file=out, flush=True)
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    try:
        uvicorn.Server(config).run(sockets=[listening])
    finally:
        store.close()
    return EXIT_OK


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port``, or an ``InputError`` naming them."""
    if not 0 <= port <= 65535:
        raise InputError(f"--port: {port} is not a port (0 to 65535)")
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        # IPPROTO_TCP named, so asyncio sets TCP_NODELAY on each connection (else Nagle's
        # algorithm holds a small answer on a kept-alive connection for some 40 ms)
        listening = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind((host, port))
        listening.listen(128)
    except OSError as exc:
        raise InputError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from exc
    return listening


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", "::"):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "coder"


def _concepts(path: str | None) -> dict[str, str]:
    if not path:
        return {}
    from ..extract.codebook import load_codebook

    book = load_codebook(path)
    return {c.id: c.label for c in book.concepts}
