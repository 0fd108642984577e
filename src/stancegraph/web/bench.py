"""What every route of the workbench shares: the store, the coder, the codebook and templates.

In: an open ``Store``, the coder's name (the one user of a store without coders), the codebook's
concepts (id -> label) and the file they come from, the session's CSRF value, the Jinja2
environment (autoescaping on), the signed-in sessions and the failed sign-ins (``accounts``). Out: ``Workbench``, whose ``render``
turns a template and values into an HTML response carrying the CSRF value and the user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from starlette.requests import Request
from starlette.responses import Response

from ..corpus.store import Store
from .accounts import Sessions, Throttle, User, user_of

__all__ = ["Workbench"]


@dataclass(frozen=True)
class Workbench:
    """What every route needs: the store, who is coding, the codebook, templates, CSRF value."""

    store: Store
    coder: str
    codebook: dict[str, str]  # concept id -> label, updated in place by ``reload_concepts``
    csrf: str
    templates: Environment = field(repr=False)
    sessions: Sessions = field(default_factory=Sessions, repr=False)
    throttle: Throttle = field(default_factory=Throttle, repr=False)
    codebook_file: Path | None = None  # the YAML file the codebook page edits

    def reload_concepts(self) -> None:
        """Read the codebook file's concepts again (after an edit)."""
        from ..extract.codebook import load_codebook

        if self.codebook_file is not None:
            book = load_codebook(self.codebook_file)
            self.codebook.clear()
            self.codebook.update({c.id: c.label for c in book.concepts})

    def user(self, request: Request) -> User:
        """Who makes ``request``: a signed-in coder, or the one user of a store without coders."""
        return user_of(request)

    def render(self, request: Request, name: str, code: int = 200, **values: Any) -> Response:
        user = user_of(request, User(self.coder, "admin", signed_in=False))
        page = self.templates.get_template(name).render(
            csrf=self.csrf, coder=user.name, user=user, request=request, **values
        )
        return Response(page, status_code=code, media_type="text/html; charset=utf-8")
