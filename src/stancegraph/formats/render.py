"""Rendering: analyses to text for people and machines.

In: ``Analysis`` objects. Out: strings: a terminal report (``table``),
JSON (``json``, one object, or an array for several documents), JSON Lines (``jsonl``, one
analysis per line in input order) and a self-contained HTML page (``html``) that highlights each
quote with its speaker. Nothing here prints; the CLI writes what these functions return.
"""

from __future__ import annotations

import html
import json
import textwrap
from collections.abc import Sequence

from ..types import Analysis, Participant, Quote
from .colours import speaker_palette
from .contract import analysis_to_dict
from .safe import printable

__all__ = ["FORMATS", "render"]

FORMATS = ("table", "json", "jsonl", "html")


def render(analyses: Sequence[Analysis], fmt: str, *, width: int = 100) -> str:
    """All analyses in one output format."""
    if fmt == "table":
        return "\n\n".join(render_table(a, width=width) for a in analyses) + "\n"
    if fmt == "json":
        dicts = [analysis_to_dict(a) for a in analyses]
        payload = dicts[0] if len(dicts) == 1 else dicts
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(analysis_to_dict(a), ensure_ascii=False) + "\n" for a in analyses)
    if fmt == "html":
        return render_html(analyses)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _clip(text: str, size: int) -> str:
    text = " ".join(printable(text).split())
    return text if len(text) <= size else text[: size - 1] + "…"


def render_table(analysis: Analysis, *, width: int = 100) -> str:
    """A readable report: the document, its actors with roles, then its quotes."""
    doc = analysis.document
    head = _clip(doc.title or doc.id, 200)
    lines = [f"== {head} ==" + (f"  ({_clip(doc.date, 40)})" if doc.date else "")]
    if doc.title:
        lines.append(f"id: {_clip(doc.id, 200)}")
    speakers = {q.speaker for q in analysis.quotes if q.speaker}
    lines.append("")
    lines.append(f"ACTORS ({len(analysis.actors)}; * = quoted)")
    name_w = min(32, max((len(a.name) for a in analysis.actors), default=4))
    for actor in analysis.actors:
        mark = "*" if actor.id in speakers else " "
        about = actor.role or ""
        if actor.affiliation and actor.affiliation.lower() not in about.lower():
            about = f"{about}, {actor.affiliation}" if about else actor.affiliation
        row = (
            f" {mark}{actor.id:<4} {_clip(actor.name, name_w):<{name_w}}  "
            f"{actor.type:<12} {_mention_count(actor.mentions):>3}x  {_clip(about, 40)}"
        )
        lines.append(row.rstrip())
    lines.append("")
    lines.append(f"QUOTES ({len(analysis.quotes)})")
    for quote in analysis.quotes:
        speaker = analysis.actor(quote.speaker)
        who = _clip(speaker.name if speaker else (quote.speaker_text or "(unknown speaker)"), 60)
        if speaker and quote.speaker_text and quote.speaker_text != speaker.name:
            who += f' ("{_clip(quote.speaker_text, 30)}")'
        cue = f"[{_clip(quote.cue, 40)}]" if quote.cue else "[-]"
        lines.append(
            f"  {quote.id:<4} {who}  {cue}  {quote.type}  {quote.confidence:.2f}"
            + _continues(analysis, quote)
        )
        pieces = " … ".join(analysis.document.text[a:b] for a, b in quote.spans) or quote.text
        body = textwrap.fill(
            _clip(pieces, 600),
            width=width,
            initial_indent="       “",
            subsequent_indent="        ",
        )
        lines.append(body + "”")
    if analysis.statements:
        lines.append("")
        lines.append(f"STATEMENTS ({len(analysis.statements)}; + support, − oppose, 0 neutral)")
        signs = {"support": "+", "oppose": "−", "neutral": "0"}
        names = {
            s.id: (a.name if (a := analysis.actor(s.actor)) else "(unknown actor)")
            for s in analysis.statements
        }
        who_w = min(32, max(len(n) for n in names.values()))
        for statement in analysis.statements:
            source = f"  {statement.quote}" if statement.quote else ""
            lines.append(
                f"  {statement.id:<4} {_clip(names[statement.id], who_w):<{who_w}}  "
                f"{signs[statement.agreement]}  {_clip(statement.concept_label, 44):<44}  "
                f"{statement.confidence:.2f}{source}"
            )
    if analysis.events:
        lines.append("")
        lines.append(f"EVENTS ({len(analysis.events)}; PLOVER)")
        for event in analysis.events:
            kind = (
                event.type if event.base_type == event.type else f"{event.type}<{event.base_type}"
            )
            mode = f" ({', '.join(event.mode)})" if event.mode else ""
            source = _participant(analysis, event.source)
            target = _participant(analysis, event.target)
            where = f"  @ {_clip(event.location, 40)}" if event.location else ""
            when = f"  {_clip(event.date, 40)}" if event.date else ""
            lines.append(
                f"  {event.id:<4} {kind}{mode}: {_clip(source, 30)} [{_clip(event.trigger, 40)}] "
                f"{_clip(target, 30)}{when}{where}"
            )
    return printable("\n".join(lines), newlines=True)


def _continues(analysis: Analysis, quote: Quote) -> str:
    """``  (continues q3)`` for a quotation that carries on the speaker's previous quote.

    Such a quote has no cue in the text; the note names the quote it continues instead.
    """
    if quote.cue is not None or not quote.extractor.endswith("continuation"):
        return ""
    earlier = [
        q
        for q in analysis.quotes
        if q.speaker == quote.speaker and q.end <= quote.start and q is not quote
    ]
    previous = max(earlier, key=lambda q: q.end, default=None)
    return f"  (continues {previous.id})" if previous else "  (continues)"


def _mention_count(mentions: Sequence[tuple[int, int]]) -> int:
    """Mentions counted once per stretch of text ("Mayor Helena Brandt" holds "Helena Brandt")."""
    count, reach = 0, -1
    for start, end in sorted(mentions, key=lambda m: (m[0], -m[1])):
        if start >= reach:
            count += 1
        reach = max(reach, end)
    return count


def _participant(analysis: Analysis, participant: Participant | None) -> str:
    if participant is None:
        return "-"
    actor = analysis.actor(participant.actor)
    return actor.name if actor else participant.text


def _h(text: str) -> str:
    """Text for the page: HTML-escaped, with no raw control character."""
    return html.escape(printable(text, newlines=True))


def render_html(analyses: Sequence[Analysis]) -> str:
    """A self-contained page: each document's text with quotes highlighted by speaker."""
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>stancegraph</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
        "line-height:1.5}mark{border-radius:3px;padding:0 2px}.cue{font-weight:bold}"
        "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:2px 8px;"
        "text-align:left}.text{white-space:pre-wrap}</style></head><body>",
    ]
    for analysis in analyses:
        doc = analysis.document
        palette = speaker_palette(len(analysis.actors))
        colours = {a.id: palette[k] for k, a in enumerate(analysis.actors)}
        parts.append(f"<h2>{_h(doc.title or doc.id)}</h2>")
        parts.append("<table><tr><th>actor</th><th>type</th><th>role</th><th>affiliation</th></tr>")
        for actor in analysis.actors:
            parts.append(
                f"<tr><td><mark style='background:{colours[actor.id]}'>"
                f"{_h(actor.name)}</mark></td><td>{_h(actor.type)}</td>"
                f"<td>{_h(actor.role or '')}</td>"
                f"<td>{_h(actor.affiliation or '')}</td></tr>"
            )
        parts.append("</table>")
        marks: list[tuple[int, int, str, str]] = []
        for quote in analysis.quotes:
            colour = colours.get(quote.speaker or "", "#e5e7eb")
            speaker = analysis.actor(quote.speaker)
            title = f"{quote.id} {quote.type}: {speaker.name if speaker else 'unknown speaker'}"
            for start, end in quote.spans:
                marks.append((start, end, colour, title))
            if quote.cue_start is not None and quote.cue_end is not None:
                marks.append((quote.cue_start, quote.cue_end, "", "cue"))
        marks.sort()
        out: list[str] = []
        pos = 0
        for start, end, colour, title in marks:
            if start < pos:
                continue
            out.append(_h(doc.text[pos:start]))
            inner = _h(doc.text[start:end])
            if colour:
                out.append(f"<mark style='background:{colour}' title='{_h(title)}'>{inner}</mark>")
            else:
                out.append(f"<span class='cue'>{inner}</span>")
            pos = end
        out.append(_h(doc.text[pos:]))
        parts.append(f"<div class='text'>{''.join(out)}</div>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
