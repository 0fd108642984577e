"""Extraction over one parsed document: a spaCy ``Doc`` in, an ``Analysis`` out.

In: a parsed ``Doc`` (from ``extract.nlp``), the ``Document`` it was parsed from and an optional
codebook. Out: one ``Analysis``: quotes from ``extract.quotes``, speakers resolved to actors by
``extract.actors``, events from ``extract.events``, statements coded by ``extract.statements``
(against a codebook's concepts, whose actor entries also rename actors, when one is given).
The spaCy component (``pipeline.component``) runs this inside spaCy's pipeline.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from ..errors import InputError
from ..extract.actors import extract_actors
from ..extract.attribution import AttributionModel, attribute, load_model
from ..extract.codebook import Codebook, apply_actors
from ..extract.events import extract_events, participant_spans
from ..extract.quotes import EXTRACTOR, extract_raw_quotes
from ..extract.stance import load_embedder
from ..extract.statements import code_statements, holder_spans
from ..types import ATTRIBUTIONS, Analysis, Attribution, Document, Quote

__all__ = ["analyze_doc"]


def analyze_doc(
    doc: Doc,
    document: Document,
    codebook: Codebook | None = None,
    *,
    attribution: Attribution = "learned",
    attribution_model: AttributionModel | None = None,
) -> Analysis:
    """Actors, quotes, statements and events of one parsed document (``doc.text == document.text``).

    With a ``codebook``, statements name its concepts (matched by meaning too when the optional
    embeddings extra is installed) and its actor entries override the actors' names and types.
    Reported speech is found by the rules and the trained ``attribution_model`` (default: the
    packaged one), or with ``attribution="rules"`` by the rules alone.
    """
    if attribution not in ATTRIBUTIONS:
        choices = ", ".join(ATTRIBUTIONS)
        raise InputError(f"attribution must be one of {choices}, not {attribution!r}")
    text = document.text  # equal to doc.text, which spaCy would rebuild on every access
    if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) != len(text):
        raise ValueError(f"document {document.id!r}: the parse is not of this document's text")
    raws = extract_raw_quotes(doc, text=text)
    if attribution == "learned":
        raws = attribute(doc, raws, attribution_model or load_model(), text=text)
    speakers = [doc[r.speaker[0] : r.speaker[1]] for r in raws if r.speaker is not None]
    # Pronoun event participants and the holders of stated positions are resolved along with
    # the speakers, in one pass.
    requests = [*speakers, *participant_spans(doc), *holder_spans(doc)]
    table = extract_actors(doc, requests, text=text)
    quotes: list[Quote] = []
    for n, raw in enumerate(raws, start=1):
        speaker_id = speaker_text = None
        speaker_start = speaker_end = None
        if raw.speaker is not None:
            span = doc[raw.speaker[0] : raw.speaker[1]]
            speaker_start, speaker_end = span.start_char, span.end_char
            speaker_text = span.text
            speaker_id = table.actor_at(speaker_start, speaker_end)
        confidence = raw.confidence
        if raw.speaker is not None and speaker_id is None:
            confidence *= 0.8
        first, last = raw.pieces[0][0], raw.pieces[-1][1]
        quotes.append(
            Quote(
                id=f"q{n}",
                type=raw.type,
                text=" ".join(text[s:e] for s, e in raw.pieces),
                start=first,
                end=last,
                spans=raw.pieces,
                cue=text[raw.cue[0] : raw.cue[1]] if raw.cue else None,
                cue_start=raw.cue[0] if raw.cue else None,
                cue_end=raw.cue[1] if raw.cue else None,
                speaker=speaker_id,
                speaker_text=speaker_text,
                speaker_start=speaker_start,
                speaker_end=speaker_end,
                confidence=round(confidence, 3),
                extractor=f"{EXTRACTOR}:{raw.rule}",
            )
        )
    events = extract_events(doc, table, document, quotes=quotes)
    analysis = apply_actors(
        Analysis(document, table.actors, tuple(quotes), events=events), codebook
    )
    embedder = load_embedder() if codebook is not None else None
    statements = code_statements(doc, analysis, codebook, embedder=embedder)
    return _without_bystanders(
        replace(analysis, statements=statements), table.agents, table.titles_only, table.things
    )


# Types of actor that a text often names only as a location or a thing ("won in Iowa", "talks
# in Paris", "the Medicare trust fund"): kept only where they are a party to their clause.
_MUST_ACT = frozenset({"place", "country", "organization"})


def _without_bystanders(
    analysis: Analysis,
    agents: frozenset[str],
    titles_only: frozenset[str] = frozenset(),
    things: frozenset[str] = frozenset(),
) -> Analysis:
    """The analysis without places, countries and organisations that are nowhere a party to
    their clause ("in Iowa", "services such as Medicare"), bodies named only in someone's title
    ("a professor at X"), and buildings and laws: one is kept when it speaks, takes a position
    or takes part in an event."""
    used = {q.speaker for q in analysis.quotes} | {s.actor for s in analysis.statements}
    for event in analysis.events:
        used |= {p.actor for p in (event.source, event.target) if p is not None}
    kept = tuple(
        a
        for a in analysis.actors
        if a.id in used
        or (
            (a.type not in _MUST_ACT or a.id in agents)
            and a.id not in titles_only
            and a.id not in things
        )
    )
    return analysis if len(kept) == len(analysis.actors) else replace(analysis, actors=kept)
