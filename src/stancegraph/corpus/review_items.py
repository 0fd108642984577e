"""A document's items with the coder's decisions applied: what the machine found, as corrected.

In: the machine's JSON entries of one kind (quote, statement or event, as the store keeps them),
every decision on the document (oldest first), the document's text and its actors. Out:
``ReviewItem`` values (each machine item with its status and corrected entry, plus the items a
coder added) and the orphaned decisions, whose item the machine no longer finds.

An edit's value names actors by a mention span and a name, never by the machine's actor ids
(they change when a document is analysed again); here the span resolves to the actor holding
that mention now, else to the actor with the most overlapping mention, else to the name alone.
The corrected entry carries the names it shows (``speaker_name``, ``actor_name``,
``source_name``, ``target_name``), so an actor the text no longer resolves still shows. A span
that resolves to a deleted actor (``corpus.deleted``) names no actor and no name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..extract.plover import QUAD_CLASS, plover_score
from ..types import Actor
from .deleted import without
from .review import ITEM_KINDS, Decision, ReviewItem, effective, is_added, item_key

__all__ = ["ADDED_RULE", "NAME_KEYS", "apply_value", "document_items", "orphans", "resolve"]

ADDED_RULE = "review"  # the extractor named on an item a coder added
NAME_KEYS = ("speaker_name", "actor_name", "source_name", "target_name")
_STARTS = {"quote": "start", "statement": "start", "event": "sentence_start"}


def document_items(
    kind: str,
    entries: Sequence[Mapping[str, Any]],
    history: Sequence[Decision],
    text: str,
    actors: Sequence[Actor],
    *,
    deleted: Sequence[Actor] = (),
) -> list[ReviewItem]:
    """The machine's items of ``kind`` and the added ones, each with its decision, in text order.

    ``deleted`` are the document's actors whose corpus actor was deleted: a coder's span that
    resolves to one of them names no actor.
    """
    latest = effective(d for d in history if d.kind == kind)
    everyone = (*actors, *deleted)
    items = [
        _machine_item(kind, entry, latest.get(item_key(kind, entry)), text, everyone)
        for entry in entries
    ]
    adds = {d.id: d for d in history if d.kind == kind and d.action == "add"}
    for key, decision in latest.items():
        if is_added(key) and _add_id(key) in adds:
            items.append(_added_item(kind, key, adds[_add_id(key)], decision, text, everyone))
    gone = {actor.id for actor in deleted}
    if gone:
        items = [replace(item, current=without(kind, item.current, gone)) for item in items]
    return sorted(items, key=lambda item: int(item.current[_STARTS[kind]]))


def orphans(machine_keys: Iterable[str], history: Sequence[Decision]) -> tuple[Decision, ...]:
    """The effective decisions on machine items that no longer exist (a ``clear`` is no decision)."""
    present = set(machine_keys)
    latest = effective(d for d in history if d.kind in ITEM_KINDS)
    return tuple(
        d
        for key, d in sorted(latest.items(), key=lambda kv: kv[1].id)
        if not is_added(key) and key not in present and d.action != "clear"
    )


def _add_id(key: str) -> int:
    tail = key.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else -1


_STATUS = {"accept": "accepted", "reject": "rejected", "edit": "edited"}


def _machine_item(
    kind: str,
    entry: Mapping[str, Any],
    decision: Decision | None,
    text: str,
    actors: Sequence[Actor],
) -> ReviewItem:
    status = "unreviewed" if decision is None else _STATUS.get(decision.action, "unreviewed")
    current = _named(kind, entry, actors)
    if status == "edited" and decision is not None:
        current = apply_value(kind, entry, decision.value, text, actors)
    return ReviewItem(
        kind=kind,
        key=item_key(kind, entry),
        machine_id=str(entry["id"]),
        status=status,
        machine=dict(entry),
        current=current,
        confidence=float(entry["confidence"]),
        rule=str(entry.get("extractor") or "") or None,
        decision=None if status == "unreviewed" else decision,
    )


def _added_item(
    kind: str,
    key: str,
    add: Decision,
    decision: Decision,
    text: str,
    actors: Sequence[Actor],
) -> ReviewItem:
    current = apply_value(kind, _blank(kind, key, add.value, text), add.value, text, actors)
    if decision.action == "edit":
        current = apply_value(kind, current, decision.value, text, actors)
    return ReviewItem(
        kind=kind,
        key=key,
        machine_id=None,
        status="rejected" if decision.action == "reject" else "added",
        machine=None,
        current=current,
        confidence=None,
        rule=ADDED_RULE,
        decision=decision,
    )


def _blank(kind: str, key: str, value: Mapping[str, Any], text: str) -> dict[str, Any]:
    """The entry of an added item before its value is applied."""
    common = {"id": key, "confidence": 1.0, "extractor": ADDED_RULE}
    if kind == "quote":
        return {
            **dict.fromkeys(("cue", "cue_start", "cue_end", "speaker", "speaker_text")),
            **dict.fromkeys(("speaker_start", "speaker_end")),
            "type": value["type"],
            "text": "",
            "start": 0,
            "end": 0,
            "spans": [],
            **common,
        }
    if kind == "statement":
        return {"actor": None, "quote": None, "start": 0, "end": 0, **common}
    start, end = value["start"], value["end"]
    return {
        **dict.fromkeys(("plover_mode", "source", "target", "date", "date_text", "location")),
        **dict.fromkeys(("location_start", "location_end")),
        "type": value["type"],
        "base_type": value["type"],
        "mode": [],
        "trigger": text[start:end],
        "trigger_start": start,
        "trigger_end": end,
        "sentence_start": start,
        "sentence_end": end,
        **common,
    }


# -- applying a value --------------------------------------------------------------------------------


def apply_value(
    kind: str,
    entry: Mapping[str, Any],
    value: Mapping[str, Any],
    text: str,
    actors: Sequence[Actor],
) -> dict[str, Any]:
    """``entry`` with the fields of an edit or add ``value`` (checked) applied, and its names."""
    out = _named(kind, entry, actors)
    if kind == "quote":
        _apply_quote(out, value, text, actors)
    elif kind == "statement":
        _apply_statement(out, value, text, actors)
    else:
        _apply_event(out, value, text, actors)
    return out


def _apply_quote(
    out: dict[str, Any], value: Mapping[str, Any], text: str, actors: Sequence[Actor]
) -> None:
    if "type" in value:
        out["type"] = value["type"]
    start, end = value.get("start", out["start"]), value.get("end", out["end"])
    if (start, end) != (out["start"], out["end"]):  # the same span keeps its pieces
        out.update(start=start, end=end, spans=[[start, end]], text=text[start:end])
    if "speaker" in value:
        speaker = value["speaker"]
        actor = resolve(speaker, actors)
        out.update(
            speaker=actor.id if actor else None,
            speaker_text=text[speaker["start"] : speaker["end"]] if speaker else None,
            speaker_start=speaker["start"] if speaker else None,
            speaker_end=speaker["end"] if speaker else None,
            speaker_name=_name(speaker, actor),
        )


def _apply_statement(
    out: dict[str, Any], value: Mapping[str, Any], text: str, actors: Sequence[Actor]
) -> None:
    for field in ("agreement", "start", "end"):
        if field in value:
            out[field] = value[field]
    if "concept" in value:
        out["concept"] = value["concept"]
        out["concept_label"] = value.get("concept_label", value["concept"])
    elif "concept_label" in value:
        out["concept_label"] = value["concept_label"]
    if "actor" in value:
        actor = resolve(value["actor"], actors)
        out["actor"] = actor.id if actor else None
        out["actor_name"] = _name(value["actor"], actor)


def _apply_event(
    out: dict[str, Any], value: Mapping[str, Any], text: str, actors: Sequence[Actor]
) -> None:
    if "type" in value:
        out["type"] = value["type"]
    if "mode" in value:
        out["plover_mode"] = value["mode"]
    if "type" in value or "mode" in value:
        out["quad_class"] = QUAD_CLASS[out["type"]]
        out["score"] = plover_score(out["type"], out["plover_mode"])
    if "start" in value:
        out["sentence_start"] = value["start"]
    if "end" in value:
        out["sentence_end"] = value["end"]
    for role in ("source", "target"):
        if role in value:
            out[role] = _participant(out.get(role), value[role], text, actors)
            out[f"{role}_name"] = _name(value[role], resolve(value[role], actors))


def _participant(
    old: Mapping[str, Any] | None,
    mention: Mapping[str, Any] | None,
    text: str,
    actors: Sequence[Actor],
) -> dict[str, Any] | None:
    if mention is None:
        return None
    if old and (old["start"], old["end"]) == (mention["start"], mention["end"]):
        return dict(old)
    actor = resolve(mention, actors)
    start, end = mention["start"], mention["end"]
    return {
        "actor": actor.id if actor else None,
        "text": text[start:end],
        "start": start,
        "end": end,
        "country": None,
        "sector": None,
    }


# -- actors --------------------------------------------------------------------------------------------


def resolve(mention: Mapping[str, Any] | None, actors: Sequence[Actor]) -> Actor | None:
    """The actor holding the mention span now: an exact mention, else the most overlap, else None."""
    if mention is None:
        return None
    span = (int(mention["start"]), int(mention["end"]))
    best, overlap = None, 0
    for actor in actors:
        for start, end in actor.mentions:
            if (start, end) == span:
                return actor
            shared = min(end, span[1]) - max(start, span[0])
            if shared > overlap:
                best, overlap = actor, shared
    return best


def _name(mention: Mapping[str, Any] | None, actor: Actor | None) -> str | None:
    if actor is not None:
        return actor.name
    return None if mention is None else str(mention["name"])


def _named(kind: str, entry: Mapping[str, Any], actors: Sequence[Actor]) -> dict[str, Any]:
    """A copy of ``entry`` with the names of its actors (kept when already there)."""
    names = {a.id: a.name for a in actors}
    out = dict(entry)
    if kind == "quote":
        out.setdefault("speaker_name", names.get(entry.get("speaker") or ""))
    elif kind == "statement":
        out.setdefault("actor_name", names.get(entry.get("actor") or ""))
    else:
        for role in ("source", "target"):
            who = entry.get(role) or {}
            out.setdefault(f"{role}_name", names.get(who.get("actor") or ""))
    return out
