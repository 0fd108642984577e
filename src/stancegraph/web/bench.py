"""What every route of the workbench shares: the store, the coder, the codebook and templates.

In: an open ``Store``, the coder's name, the codebook's concepts (id -> label), the session's
CSRF value and the Jinja2 environment (autoescaping on). Out: ``Workbench``, whose ``render``
turns a template and values into an HTML response carrying the CSRF value and the coder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment
from starlette.requests import Request
from starlette.responses import Response

from ..corpus.store import Store

__all__ = ["Workbench"]


@dataclass(frozen=True)
class Workbench:
    """What every route needs: the store, who is coding, the codebook, templates, CSRF value."""

    store: Store
    coder: str
    codebook: Mapping[str, str]
    csrf: str
    templates: Environment = field(repr=False)

    def render(self, request: Request, name: str, code: int = 200, **values: Any) -> Response:
        page = self.templates.get_template(name).render(
            csrf=self.csrf, coder=self.coder, request=request, **values
        )
        return Response(page, status_code=code, media_type="text/html; charset=utf-8")
