"""What the document page shows: a reviewed document turned into text pieces and item rows.

In: a ``ReviewedDocument`` of the store (its text, actors, and review items with their machine
values, current values and decisions). Out: a ``DocumentView``: the highlighted text as
``Segment`` pieces (quotes in their speaker's colour, cues, speaker mentions, statement
evidence, event triggers, every actor mention), one ``ItemView`` per item for the side panel,
the speakers in colour order, and a JSON-ready dict the page's script reads for edit forms.
Pure functions: nothing here touches the store or the network.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .highlight import Mark, Segment, segments

__all__ = ["ActorView", "DocumentView", "ItemView", "document_view"]

_SIGNS = {"support": "+", "oppose": "−", "neutral": "0", "yes": "+", "no": "−"}


@dataclass(frozen=True, slots=True)
class ItemView:
    """One row of the side panel."""

    index: int
    kind: str  # quote | statement | event
    key: str
    status: str  # unreviewed | accepted | edited | rejected | added
    label: str  # what the item says, short
    who: str  # speaker, actor or source -> target
    confidence: float | None
    rule: str | None
    colour: str  # CSS class of the speaker's colour ("" when none)
    start: int  # where it starts in the text, to scroll to
    coder: str = ""  # who made the item's decision ("" when none)
    final: bool = False  # the decision is an admin's reconciliation


@dataclass(frozen=True, slots=True)
class ActorView:
    """An actor of the document with its colour (when it speaks) and mention count."""

    id: str
    name: str
    type: str
    mentions: int
    colour: str


@dataclass(frozen=True, slots=True)
class DocumentView:
    segments: tuple[Segment, ...]
    items: tuple[ItemView, ...]
    actors: tuple[ActorView, ...]
    speakers: int  # how many speaker colours the page's palette needs
    data: Mapping[str, Any]  # for the page's script (edit forms, undo)


def document_view(doc: Any) -> DocumentView:
    """The view of ``doc`` (a ``ReviewedDocument``)."""
    items: Sequence[Any] = doc.items
    colours = _speaker_colours(items)
    names = {a.id: a.name for a in doc.actors}
    marks = [
        Mark(start, end, ("mention",), (), (actor.id,))
        for actor in doc.actors
        for start, end in actor.mentions
    ]
    rows = []
    for index, item in enumerate(items):
        current: Mapping[str, Any] = item.current or {}
        marks.extend(_marks(index, item.kind, item.status, current, colours))
        rows.append(_row(index, item, current, names, colours))
    actor_rows = tuple(
        ActorView(a.id, a.name, a.type, len(a.mentions), colours.get(a.id, "")) for a in doc.actors
    )
    return DocumentView(
        segments=tuple(segments(doc.text or "", marks)),
        items=tuple(rows),
        actors=actor_rows,
        speakers=len(colours),
        data=_data(doc, items),
    )


def _speaker_colours(items: Sequence[Any]) -> dict[str, str]:
    """Actor id -> ``sp-N``, in order of each speaker's first quote."""
    out: dict[str, str] = {}
    for item in items:
        speaker = (item.current or {}).get("speaker") if item.kind == "quote" else None
        if speaker and speaker not in out:
            out[speaker] = f"sp-{len(out)}"
    return out


def _span(value: Mapping[str, Any], start: str, end: str) -> tuple[int, int] | None:
    a, b = value.get(start), value.get(end)
    if isinstance(a, int) and isinstance(b, int) and a < b:
        return a, b
    return None


def _marks(
    index: int, kind: str, status: str, current: Mapping[str, Any], colours: Mapping[str, str]
) -> list[Mark]:
    """The highlighted ranges of one item."""
    # A rejected quote is struck through; a rejected statement or event loses its underline
    # (striking it would strike the quote its words belong to).
    state = ("rejected",) if status == "rejected" else ()
    out: list[Mark] = []
    if kind == "quote":
        colour = colours.get(current.get("speaker") or "", "sp-none")
        spans = current.get("spans") or [[current.get("start"), current.get("end")]]
        for piece in spans:
            if len(piece) == 2 and isinstance(piece[0], int) and isinstance(piece[1], int):
                out.append(Mark(piece[0], piece[1], ("quote", colour, *state), (index,)))
        if cue := _span(current, "cue_start", "cue_end"):
            out.append(Mark(*cue, ("cue",), (index,)))
        if who := _span(current, "speaker_start", "speaker_end"):
            actor = (current["speaker"],) if current.get("speaker") else ()
            out.append(Mark(*who, ("speaker",), (index,), actor))
    elif kind == "statement":
        if evidence := _span(current, "start", "end"):
            out.append(Mark(*evidence, ("evidence-rejected" if state else "evidence",), (index,)))
    elif kind == "event":
        if trigger := _span(current, "trigger_start", "trigger_end"):
            out.append(Mark(*trigger, ("trigger-rejected" if state else "trigger",), (index,)))
        for role in ("source", "target"):
            part = current.get(role) or {}
            if where := _span(part, "start", "end"):
                actor = (part["actor"],) if part.get("actor") else ()
                out.append(Mark(*where, ("participant",), (index,), actor))
    return out


def _row(
    index: int,
    item: Any,
    current: Mapping[str, Any],
    names: Mapping[str, str],
    colours: Mapping[str, str],
) -> ItemView:
    kind = item.kind
    if kind == "quote":
        who = _name(current.get("speaker"), _said(current, "speaker_name", "speaker_text"), names)
        label = f"{current.get('type', '')}: {_clip(current.get('text') or '', 140)}"
        colour = colours.get(current.get("speaker") or "", "")
    elif kind == "statement":
        who = _name(current.get("actor"), current.get("actor_name"), names)
        sign = _SIGNS.get(str(current.get("agreement")), "?")
        label = f"{sign} {current.get('concept_label') or current.get('concept') or ''}"
        colour = colours.get(current.get("actor") or "", "")
    else:
        source, target = current.get("source") or {}, current.get("target") or {}
        who = (
            f"{_name(source.get('actor'), _said(current, 'source_name') or source.get('text'), names)}"
            f" → {_name(target.get('actor'), _said(current, 'target_name') or target.get('text'), names)}"
        )
        raw = current.get("mode") or []
        mode = raw if isinstance(raw, str) else ", ".join(raw)
        label = (
            f"{current.get('type', '')}{f' ({mode})' if mode else ''}: {current.get('trigger', '')}"
        )
        colour = colours.get(source.get("actor") or "", "")
    start = current.get("start", current.get("sentence_start", 0))
    return ItemView(
        index=index,
        kind=kind,
        key=item.key,
        status=item.status,
        label=label,
        who=who,
        confidence=item.confidence,
        rule=item.rule,
        colour=colour,
        start=start if isinstance(start, int) else 0,
        coder=item.decision.coder if item.decision is not None else "",
        final=bool(item.decision is not None and item.decision.final),
    )


def _name(actor: Any, text: Any, names: Mapping[str, str]) -> str:
    if isinstance(actor, str) and actor in names:
        return names[actor]
    return str(text) if text else "(nobody)"


def _said(current: Mapping[str, Any], *keys: str) -> str | None:
    """The first of ``keys`` that ``current`` holds a name under."""
    return next((str(current[k]) for k in keys if current.get(k)), None)


def _clip(text: str, size: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _data(doc: Any, items: Sequence[Any]) -> dict[str, Any]:
    """What the page's script needs: the items' keys, values and decisions, and the actors."""
    return {
        "source": doc.source,
        "state": doc.state,
        "actors": [
            {"id": a.id, "name": a.name, "mentions": [list(m) for m in a.mentions]}
            for a in doc.actors
        ],
        "items": [
            {
                "kind": item.kind,
                "key": item.key,
                "status": item.status,
                "current": dict(item.current or {}),
                "decision": _decision(item.decision),
            }
            for item in items
        ],
    }


def _decision(decision: Any) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {"action": decision.action, "value": dict(decision.value or {})}
