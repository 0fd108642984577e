"""The workbench's JSON endpoints: review decisions and corrections of corpus actors.

In: POST requests with a JSON object body (the CSRF header checked by ``security.Guard``):

    /api/decide         {source, kind, item, action, value?}   -> {"decision": {...}}
    /api/actors/merge   {into, other}                          -> {"message": "..."}
    /api/actors/split   {name, alias}
    /api/actors/rename  {name, new}
    /api/actors/retype  {name, type}
    /api/actors/delete  {name}

Out: JSON answers; a body that is not a JSON object, or lacks a field, is a 400 naming it; what
the store refuses (``ValueError``, ``StancegraphError``) is turned into one line by the app's
error handlers. Each call goes to the store once, in a worker thread, with the signed-in coder
(or the one user of a store without coders). A coder decides only on documents assigned to
them or to nobody, and only an admin corrects actors (else 403); a viewer's POST never gets
here (``accounts``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

if TYPE_CHECKING:
    from ..corpus.review import Decision
    from .bench import Workbench

__all__ = ["routes"]

_MAX_BODY = 1 << 20


def routes(bench: Workbench) -> list[Route]:
    store = bench.store

    async def decide(request: Request) -> Response:
        body = await _object(request)
        value = body.get("value")
        if value is not None and not isinstance(value, dict):
            raise HTTPException(400, "value: must be a JSON object")
        user, source = bench.user(request), _text(body, "source")
        mine = not user.signed_in or user.admin
        if not mine and not await run_in_threadpool(store.may_code, user.name, source):
            raise HTTPException(403, "this document is assigned to other coders")
        decision = await run_in_threadpool(
            lambda: store.decide(
                source,
                _text(body, "kind"),
                _text(body, "item"),
                _text(body, "action"),
                value,
                coder=user.name,
            )
        )
        return JSONResponse({"decision": _decision(decision)})

    actions: dict[str, tuple[tuple[str, ...], Callable[..., Any], str]] = {
        "merge": (("into", "other"), store.merge_actors, "merged {1} into {0}"),
        "split": (("name", "alias"), store.split_actor, "split {1} from {0}"),
        "rename": (("name", "new"), store.rename_actor, "renamed {0} to {1}"),
        "retype": (("name", "type"), store.retype_actor, "{0} is now of type {1}"),
        "delete": (("name",), store.delete_actor, "deleted {0}"),
    }

    async def actor(request: Request) -> Response:
        op = request.path_params["op"]
        if op not in actions:
            raise HTTPException(404, f"no actor correction {op!r}: {', '.join(actions)}")
        fields, method, said = actions[op]
        if not bench.user(request).admin:
            raise HTTPException(403, "only an admin corrects actors")
        body = await _object(request)
        args = [_text(body, f) for f in fields]
        await run_in_threadpool(method, *args)
        return JSONResponse({"message": said.format(*args)})

    return [
        Route("/api/decide", decide, methods=["POST"]),
        Route("/api/actors/{op}", actor, methods=["POST"]),
    ]


async def _object(request: Request) -> Mapping[str, Any]:
    body = await request.body()
    if len(body) > _MAX_BODY:
        raise HTTPException(413, "request body over 1 MiB")
    try:
        data = json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError) as err:
        raise HTTPException(400, f"body: not JSON ({err})") from None
    except RecursionError:
        raise HTTPException(400, "body: JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise HTTPException(400, "body: must be a JSON object")
    if _holds_nul(data):
        raise HTTPException(400, "body: a string holds a NUL character (\\x00)")
    return data


def _holds_nul(data: Any) -> bool:
    """Whether any string (key or value) of the parsed JSON ``data`` holds a NUL character."""
    todo = [data]
    while todo:
        value = todo.pop()
        if isinstance(value, str) and "\x00" in value:
            return True
        if isinstance(value, dict):
            todo.extend(value)
            todo.extend(value.values())
        elif isinstance(value, list):
            todo.extend(value)
    return False


def _text(body: Mapping[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        raise HTTPException(400, f"{name}: missing (a non-empty string)")
    if len(value) > 2000:
        raise HTTPException(400, f"{name}: over 2,000 characters")
    return value


def _decision(decision: Decision) -> dict[str, Any]:
    return {**asdict(decision), "value": dict(decision.value or {})}
