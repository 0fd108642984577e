"""The review workbench: a local web application over the corpus store.

In: an open ``Store`` (``stancegraph serve`` opens it), a session token and the coder's name.
Out: an ASGI app (``create_app``) where a coder reviews the machine's quotes, statements and
events document by document, corrects corpus actors and sees the machine's precision. Modules:
``app`` (wiring and errors), ``security`` (token, CSRF, headers), ``accounts`` and ``signin``
(coders signing in, sessions, roles), ``pages`` (HTML pages), ``api`` (JSON writes), ``team``
(queues, agreement, reconciliation), ``manage`` (the admin's coders page), ``explore`` (the
network page), ``document`` and ``highlight`` (what a document page shows).
"""

from __future__ import annotations

from .app import create_app
from .security import new_token

__all__ = ["create_app", "new_token"]
