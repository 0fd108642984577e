"""pandas DataFrames: one row per document, actor, quote, statement and event.

In: ``Analysis`` objects (``to_frames``), or the rows of the corpus store's ``quotes``,
``statements`` and ``events`` queries (``rows_to_frame``; ``Store.frame(kind, where)`` calls it).
Out: DataFrames whose columns, order and dtypes are fixed by ``COLUMNS``, so a frame made from
analyses and one made from a store hold the same columns (and, for the same documents, the same
rows), and empty input gives empty frames with them.

Every frame has a ``document`` column (the document id). A column named after a kind holds that
kind's id (``actor``, ``quote``, ``statement``, ``event``), so frames join on ``document`` plus
that column; the joined names a reader wants are there already (``speaker_name`` of a quote,
``actor_name`` of a statement, ``source_name``/``target_name`` of an event, the document actor's
name). ``start``/``end`` and the other ``*_start``/``*_end`` columns are character offsets into
the document's ``text``; ``date`` is an ISO 8601 string as read (an event's own date, else the
article's).

dtypes: ``string`` for text (missing values are ``<NA>``), ``int64`` for offsets every row has,
``Int64`` for offsets some rows lack, ``float64`` for confidences and scores, and ``object`` for
the list columns (``aliases``, ``spans``, ``mode``):

- ``documents``: document, title, date, url, source, chars, actors, quotes, statements, events
  (the last four are counts)
- ``actors``: document, actor, name, type, role, affiliation, aliases, mentions (a count),
  start, end (the first mention)
- ``quotes``: document, date, quote, type, text, start, end, spans, cue, cue_start, cue_end,
  speaker, speaker_name, speaker_text, speaker_start, speaker_end, confidence, extractor
- ``statements``: document, date, statement, actor, actor_name, concept, concept_label,
  agreement, start, end, quote, confidence, extractor
- ``events``: document, date, event, type, base_type, mode, plover_mode, trigger,
  trigger_start, trigger_end, sentence_start, sentence_end, then source_actor, source_name,
  source_text, source_start, source_end, source_country, source_sector and the same for
  ``target_``, then date_text, location, location_start, location_end, quad_class, score,
  confidence, extractor

pandas is imported when a frame is made, not with this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..types import Analysis
from .contract import analysis_to_dict

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "FRAME_KINDS", "Frames", "rows_to_frame", "to_frames"]

Kind = Literal["documents", "actors", "quotes", "statements", "events"]
FRAME_KINDS: tuple[Kind, ...] = ("documents", "actors", "quotes", "statements", "events")

_TEXT, _INT, _OPT_INT, _FLOAT, _LIST = "string", "int64", "Int64", "float64", "object"


def _participant_columns(role: str) -> list[tuple[str, str]]:
    names = ["actor", "name", "text", "start", "end", "country", "sector"]
    dtypes = [_TEXT, _TEXT, _TEXT, _OPT_INT, _OPT_INT, _TEXT, _TEXT]
    return [(f"{role}_{n}", d) for n, d in zip(names, dtypes, strict=True)]


# kind -> (column, dtype), in column order
COLUMNS: dict[Kind, tuple[tuple[str, str], ...]] = {
    "documents": (
        *[(c, _TEXT) for c in ("document", "title", "date", "url", "source")],
        *[(c, _INT) for c in ("chars", "actors", "quotes", "statements", "events")],
    ),
    "actors": (
        *[(c, _TEXT) for c in ("document", "actor", "name", "type", "role", "affiliation")],
        ("aliases", _LIST),
        ("mentions", _INT),
        ("start", _OPT_INT),
        ("end", _OPT_INT),
    ),
    "quotes": (
        *[(c, _TEXT) for c in ("document", "date", "quote", "type", "text")],
        ("start", _INT),
        ("end", _INT),
        ("spans", _LIST),
        ("cue", _TEXT),
        ("cue_start", _OPT_INT),
        ("cue_end", _OPT_INT),
        *[(c, _TEXT) for c in ("speaker", "speaker_name", "speaker_text")],
        ("speaker_start", _OPT_INT),
        ("speaker_end", _OPT_INT),
        ("confidence", _FLOAT),
        ("extractor", _TEXT),
    ),
    "statements": (
        *[(c, _TEXT) for c in ("document", "date", "statement", "actor", "actor_name")],
        *[(c, _TEXT) for c in ("concept", "concept_label", "agreement")],
        ("start", _INT),
        ("end", _INT),
        ("quote", _TEXT),
        ("confidence", _FLOAT),
        ("extractor", _TEXT),
    ),
    "events": (
        *[(c, _TEXT) for c in ("document", "date", "event", "type", "base_type")],
        ("mode", _LIST),
        ("plover_mode", _TEXT),
        ("trigger", _TEXT),
        *[(c, _INT) for c in ("trigger_start", "trigger_end", "sentence_start", "sentence_end")],
        *_participant_columns("source"),
        *_participant_columns("target"),
        ("date_text", _TEXT),
        ("location", _TEXT),
        ("location_start", _OPT_INT),
        ("location_end", _OPT_INT),
        ("quad_class", _INT),
        ("score", _FLOAT),
        ("confidence", _FLOAT),
        ("extractor", _TEXT),
    ),
}


@dataclass(frozen=True, slots=True)
class Frames:
    """The five DataFrames of ``to_frames``; iterating gives ``(kind, frame)`` pairs."""

    documents: pd.DataFrame
    actors: pd.DataFrame
    quotes: pd.DataFrame
    statements: pd.DataFrame
    events: pd.DataFrame

    def __iter__(self) -> Iterator[tuple[Kind, pd.DataFrame]]:
        for kind in FRAME_KINDS:
            yield kind, getattr(self, kind)

    def as_dict(self) -> dict[Kind, pd.DataFrame]:
        """``{"documents": ..., "actors": ..., ...}`` in ``FRAME_KINDS`` order."""
        return dict(self)


def to_frames(analyses: Iterable[Analysis]) -> Frames:
    """DataFrames of the documents, actors, quotes, statements and events of ``analyses``.

    Rows keep the input order of the analyses and, within one, the order of the analysis.
    """
    rows: dict[Kind, list[dict[str, Any]]] = {kind: [] for kind in FRAME_KINDS}
    for analysis in analyses:
        data = analysis_to_dict(analysis)
        names: dict[str | None, str] = {a.id: a.name for a in analysis.actors}
        head = {"document": data["id"], "date": data["date"]}
        rows["documents"].append(_document_row(analysis, data))
        rows["actors"].extend({"document": data["id"], **a} for a in data["actors"])
        rows["quotes"].extend(
            {**head, "speaker_name": names.get(q["speaker"]), **q} for q in data["quotes"]
        )
        rows["statements"].extend(
            {**head, "actor_name": names.get(s["actor"]), **s} for s in data["statements"]
        )
        rows["events"].extend(_event_row(_event_head(e, head, names)) for e in data["events"])
    return Frames(**{kind: _frame(kind, rows[kind]) for kind in FRAME_KINDS})


def rows_to_frame(
    rows: Iterable[Mapping[str, Any]], kind: Literal["quotes", "statements", "events"]
) -> pd.DataFrame:
    """A frame of the rows of the store query ``kind`` (``Store.quotes()`` and the others).

    It has the columns of the same frame of ``to_frames``; for the same documents and
    filters the rows are the same too.
    """
    if kind not in ("quotes", "statements", "events"):
        raise ValueError(f"no store query {kind!r}: quotes, statements or events")
    if kind != "events":
        return _frame(kind, rows)
    return _frame(kind, [_event_row(row) for row in rows])


def _document_row(analysis: Analysis, data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "document": data["id"],
        "title": data["title"],
        "date": data["date"],
        "url": data["url"],
        "source": analysis.document.source,
        "chars": len(analysis.document.text),
        **{kind: len(data[kind]) for kind in ("actors", "quotes", "statements", "events")},
    }


def _event_head(
    event: Mapping[str, Any], head: Mapping[str, Any], names: Mapping[str | None, str]
) -> dict[str, Any]:
    """A store-shaped event row (see ``Store.events``) of one analysis' event entry."""
    return {
        "document": head["document"],
        "date": event["date"] or head["date"],
        "source_name": names.get((event["source"] or {}).get("actor")),
        "target_name": names.get((event["target"] or {}).get("actor")),
        "event": event,
    }


def _event_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """One flat events-frame row of a store-shaped event row."""
    event = row["event"]
    out = {k: v for k, v in event.items() if k not in ("id", "date", "source", "target")}
    out.update(document=row["document"], date=row["date"], event=event["id"])
    for role in ("source", "target"):
        part = event[role] or {}
        out.update({f"{role}_{k}": part.get(k) for k in ("text", "start", "end")})
        out.update({f"{role}_{k}": part.get(k) for k in ("country", "sector")})
        out[f"{role}_actor"] = part.get("actor")
        out[f"{role}_name"] = row[f"{role}_name"]
    return out


_RENAME: dict[Kind, dict[str, str]] = {
    "actors": {"id": "actor"},
    "quotes": {"id": "quote"},
    "statements": {"id": "statement"},
}


def _frame(kind: Kind, rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """The rows as a frame with exactly the columns and dtypes of ``kind``."""
    import pandas as pd

    columns = COLUMNS[kind]
    rename = _RENAME.get(kind, {})
    fix = _actor_fields if kind == "actors" else _same
    records = [fix({rename.get(k, k): v for k, v in row.items()}) for row in rows]
    names = [name for name, _ in columns]
    data = {name: [r.get(name) for r in records] for name in names}
    frame = pd.DataFrame(data, columns=names)
    for name, dtype in columns:
        if dtype == _LIST:
            frame[name] = pd.Series(data[name], dtype=object, index=frame.index)
        else:
            frame[name] = frame[name].astype(dtype)
    return frame


def _same(row: dict[str, Any]) -> dict[str, Any]:
    return row


def _actor_fields(row: dict[str, Any]) -> dict[str, Any]:
    """An actor entry with its mention count and first mention instead of every mention."""
    mentions: Sequence[Sequence[int]] = row.pop("mentions", None) or ()
    first: tuple[int | None, ...] = min((tuple(m) for m in mentions), default=(None, None))
    return {**row, "mentions": len(mentions), "start": first[0], "end": first[1]}
