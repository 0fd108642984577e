"""The codebook page: the concepts as a tree with their statement counts, and an admin's edits.

In: ``GET /codebook`` and a POST form to it (``op``: add, rename, nest or merge; ``concept``,
``label``, ``new_id``, ``parent``, ``other``; the CSRF field checked by ``security.Guard``),
from an admin (or the one user of a store without coders) for a POST, else 403. Out: the page
listing the codebook file's concepts, each under its parent with how many statements of the
store it has (the recorded edits applied, ``corpus.store_concepts``), the store's concepts the
file does not have, and a form per edit; after
an edit, the file rewritten (``corpus.codebook_edit``), the store's record of a rename or merge,
the workbench's concept choices updated, and a redirect back saying what changed. A refused edit
is one line through the app's error handlers (404 for an unknown concept, else 400). Without a
codebook file the page says how to start the workbench with one.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..corpus.codebook_edit import (
    ConceptEdit,
    add_concept,
    merge_concepts,
    nest_concept,
    rename_concept,
)
from ..extract.codebook import Codebook, load_codebook

if TYPE_CHECKING:
    from .bench import Workbench

__all__ = ["concept_tree", "routes"]

_OPS = ("add", "rename", "nest", "merge")


def routes(bench: Workbench) -> list[Route]:
    async def page(request: Request) -> Response:
        said = request.query_params.get("done", "")[:300]
        if bench.codebook_file is None:
            return bench.render(request, "codebook.html", file=None, rows=[], said=said)
        book = await run_in_threadpool(load_codebook, bench.codebook_file)
        counts = await run_in_threadpool(bench.store.concept_counts)
        rows = concept_tree(book, counts)
        elsewhere = sorted((k, n) for k, n in counts.items() if book.concept(k) is None)
        return bench.render(
            request,
            "codebook.html",
            file=str(bench.codebook_file),
            rows=rows,
            elsewhere=elsewhere,
            said=said,
        )

    async def change(request: Request) -> Response:
        user = bench.user(request)
        if not user.admin:
            raise HTTPException(403, "only an admin edits the codebook")
        if bench.codebook_file is None:
            raise HTTPException(409, "no codebook file: start with stancegraph serve --codebook")
        form = await request.form(max_files=0, max_fields=10)
        values = {key: " ".join(str(form.get(key) or "").split()) for key in _FIELDS}
        if values["op"] not in _OPS or not values["concept"]:
            raise HTTPException(400, f"op: one of {', '.join(_OPS)}, with a concept")
        edit = await run_in_threadpool(_apply, bench, values)
        return RedirectResponse("/codebook?" + urlencode({"done": edit.describe()}), 303)

    return [
        Route("/codebook", page, methods=["GET"]),
        Route("/codebook", change, methods=["POST"]),
    ]


_FIELDS = ("op", "concept", "label", "new_id", "parent", "other")


_ONE_AT_A_TIME = threading.Lock()  # two admins' edits must not read the same old file


def _apply(bench: Workbench, values: Mapping[str, str]) -> ConceptEdit:
    """Edit the file, record the edit in the store, refresh the concept choices."""
    with _ONE_AT_A_TIME:
        return _edit(bench, values)


def _edit(bench: Workbench, values: Mapping[str, str]) -> ConceptEdit:
    path, op, concept = bench.codebook_file, values["op"], values["concept"]
    assert path is not None
    if op == "add":
        bench.store.check_new_concept(concept)
        named = values["label"] or concept.replace("-", " ")
        edit = add_concept(path, concept, named, parent=values["parent"] or None)
    elif op == "rename":
        label, new_id = values["label"] or None, values["new_id"] or None
        if label is None and new_id is None:
            raise ValueError("rename: give a new label or a new id")
        edit = rename_concept(path, concept, label=label, new_id=new_id)
    elif op == "nest":
        edit = nest_concept(path, concept, values["parent"] or None)
    else:
        if not values["other"]:
            raise ValueError("merge: name the concept to merge into it")
        edit = merge_concepts(path, concept, values["other"])
    bench.store.record_concept_edit(edit)
    bench.reload_concepts()
    return edit


def concept_tree(book: Codebook, counts: Mapping[str, int]) -> list[dict[str, Any]]:
    """The concepts in tree order (each after its parent), with depth and statement counts;
    ``total`` adds the counts of the concepts under it."""
    children: dict[str | None, list[str]] = {}
    for c in book.concepts:
        children.setdefault(c.parent, []).append(c.id)
    rows: list[dict[str, Any]] = []

    def visit(concept_id: str, depth: int) -> int:
        concept = book.concept(concept_id)
        assert concept is not None
        own = int(counts.get(concept.id, 0))
        row: dict[str, Any] = {
            "id": concept.id,
            "label": concept.label,
            "keywords": concept.keywords,
            "patterns": concept.patterns,
            "parent": concept.parent,
            "depth": depth,
            "statements": own,
        }
        rows.append(row)
        below = sum(visit(child, depth + 1) for child in children.get(concept_id, []))
        row["total"] = own + below
        return own + below

    for top in children.get(None, []):
        visit(top, 0)
    return rows
