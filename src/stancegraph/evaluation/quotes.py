"""Scoring quote extraction against gold attributions.

In: gold documents read by ``load_brat`` (PolNeAR-style brat standoff: ``text/NAME.txt`` plus
``attributions/NAME_ANNOTATOR.ann``, or plain ``NAME.txt`` + ``NAME.ann`` pairs) or by
``load_jsonl_gold`` (``stancegraph/analysis-1`` JSON lines taken as gold), and predictions as a
mapping from document id to ``Analysis``.

Out: ``score`` returns an ``EvalReport`` (precision, recall and F1 of quote content,
plus speaker accuracy on matched quotes, overall and per quote type); ``report_to_dict`` and
``format_report`` render it as JSON-ready data or as a plain-text table. Unreadable gold
raises ``GoldError``; nothing here prints or exits.

Matching. A quote's content is the document text over its spans, joined with a space, reduced
to a multiset ("bag") of lowercase ``\\w+`` tokens. Predicted quote *p* may match gold quote *g*
when ``|bag(g) & bag(p)| >= 0.5 * max(|bag(g)|, |bag(p)|)`` (a pair where either bag is empty
never matches). Within a document, pairs are assigned one-to-one, greedily by descending
intersection size (ties: smaller bag union first, then gold order, then predicted order).
Gold documents absent from the predictions count as predicting nothing; predictions for ids
that are not in the gold are ignored.

Speakers. On a matched pair whose gold quote has a source span, the speaker is correct when
(a) the predicted speaker span overlaps a gold source span, or (b) a mention of the predicted
speaker actor overlaps a gold source span, or (c) the gold source text shares a content token
with the predicted actor's name or aliases or the quote's ``speaker_text`` (pronouns,
determiners, other stopwords, honorific abbreviations and one-character tokens do not count, so
a pronoun-only gold source needs (a) or (b)). A prediction without any speaker is wrong. Rules
(a) and (b) compare offsets, so they apply only when the prediction's document text equals the
gold text; the ids of documents where it does not are listed in ``EvalReport.text_mismatch``.

Per type. ``by_type[T]`` has ``gold`` = gold quotes of type T, ``predicted`` = predicted quotes
of type T, ``matched`` = matches whose *gold* quote is of type T, ``recall`` = matched / gold,
``precision`` = matches whose *predicted* quote is of type T / predicted (so ``precision`` is
not ``matched / predicted`` in a type row), F1 their harmonic mean, and the source counts over
matches whose gold quote is of type T. The overall row matches all quotes regardless of type.

Gold quote types (brat). "direct" when the content, stripped of surrounding punctuation and
space, starts and ends inside quotation marks and at least 90% of its non-space characters
(marks excluded) are inside marks; "mixed" when it is not direct but contains or touches
quoted text; otherwise "indirect". Whether a character is inside marks is decided on the whole
paragraph, so marks just outside a content span count. Marks: straight ``"`` and typographic
“ ” ‘ ’ « » „; a ’ between letters or digits (or with no open ‘) is an apostrophe, and the
straight ``'`` is never a mark. An unclosed mark runs to the end of its paragraph (the
convention for quotes spanning several paragraphs).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from stancegraph.errors import GoldError
from stancegraph.types import Analysis, Quote

from .measures import f1, ratio

__all__ = [
    "MATCH_RATIO",
    "QUOTE_TYPES",
    "EvalReport",
    "GoldDocument",
    "GoldQuote",
    "Scores",
    "format_report",
    "load_brat",
    "load_jsonl_gold",
    "match_bags",
    "report_to_dict",
    "score",
    "span_text",
    "token_bag",
]

GoldType = Literal["direct", "indirect", "mixed"]
Span = tuple[int, int]

QUOTE_TYPES: tuple[GoldType, ...] = ("direct", "indirect", "mixed")
MATCH_RATIO = 0.5
DIRECT_INSIDE_RATIO = 0.9


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One gold attribution: content (and optional source and cue) as character spans."""

    content_spans: tuple[Span, ...]  # char offsets into GoldDocument.text
    content_text: str  # the pieces joined with " "
    source_spans: tuple[Span, ...]  # may be empty
    source_text: str | None
    cue_spans: tuple[Span, ...]
    type: GoldType


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One gold article: its text and the quotes annotated in it."""

    id: str
    text: str
    quotes: tuple[GoldQuote, ...]


@dataclass(frozen=True, slots=True)
class Scores:
    """One row of the report (see the module docstring for the per-type definitions)."""

    gold: int
    predicted: int
    matched: int
    precision: float
    recall: float
    f1: float
    source_total: int  # matched pairs whose gold quote has a source
    source_correct: int
    source_accuracy: float


@dataclass(frozen=True, slots=True)
class EvalReport:
    """The scores of a whole run: overall and per quote type."""

    documents: int
    overall: Scores
    by_type: Mapping[str, Scores]  # keys "direct", "indirect", "mixed"
    text_mismatch: tuple[str, ...] = ()  # ids whose predicted text differs from the gold text


# --------------------------------------------------------------------------------------------
# Quotation marks and gold quote types

_DOUBLE_OPENERS = frozenset("“«„")
_DOUBLE_CLOSERS = frozenset("”»")
_DOUBLE_PARTNER = {"„": "“", "«": "»", "»": "«"}  # opener -> closer other than ” where it differs
_STRAIGHT_DOUBLE = '"'
_SINGLE_OPEN = "‘"
_SINGLE_CLOSE = "’"


def _quote_marks(text: str) -> tuple[list[bool], list[bool]]:
    """Per character of ``text``: (is a quotation mark, is inside quotation marks).

    Two apostrophes ('') or backticks (``), the typewriter spelling of a double mark in some
    newswires (PolNeAR's New York Times texts), count as one straight double mark.
    """
    doubled = [m.start() + 1 for m in re.finditer(r"''|``", text)]
    if doubled:
        text = text.replace("''", '" ').replace("``", '" ')
    n = len(text)
    is_mark = [False] * n
    inside = [False] * n
    double: str | None = None  # the opening double mark in force
    single = False
    for i, ch in enumerate(text):
        if ch == "\n":
            double, single = None, False
            continue
        prev_alnum = i > 0 and text[i - 1].isalnum()
        next_alnum = i + 1 < n and text[i + 1].isalnum()
        if ch == _STRAIGHT_DOUBLE:
            is_mark[i] = True
            double = None if double == _STRAIGHT_DOUBLE else (double or _STRAIGHT_DOUBLE)
        elif double is not None and (
            ch == _DOUBLE_PARTNER.get(double) or (ch == "”" and double in "“„")
        ):
            is_mark[i] = True
            double = None
        elif ch in _DOUBLE_OPENERS or ch == "»":
            is_mark[i] = True
            if double is None:
                double = ch
        elif ch in _DOUBLE_CLOSERS:
            is_mark[i] = True  # a stray closer: a mark, but nothing to close
        elif ch == _SINGLE_OPEN and not prev_alnum and not text[i + 1 : i + 2].isdigit():
            is_mark[i] = True
            single = True
        elif ch == _SINGLE_CLOSE and single and not (prev_alnum and next_alnum):
            is_mark[i] = True
            single = False
        elif double is not None or single:
            inside[i] = True
    for i in doubled:
        is_mark[i], inside[i] = True, False
    return is_mark, inside


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


def _quote_type(
    spans: Sequence[Span], is_mark: Sequence[bool], inside: Sequence[bool], text: str
) -> GoldType:
    chars = [
        i
        for start, end in spans
        for i in range(start, end)
        if not is_mark[i] and not text[i].isspace()
    ]
    has_mark = any(is_mark[i] for start, end in spans for i in range(start, end))
    core = [i for i in chars if not _is_punct(text[i])]
    if core and chars:
        first, last = core[0], core[-1]
        share = sum(1 for i in chars if inside[i]) / len(chars)
        if inside[first] and inside[last] and share >= DIRECT_INSIDE_RATIO:
            return "direct"
    if has_mark or any(inside[i] for i in chars):
        return "mixed"
    return "indirect"


def infer_quote_type(text: str, spans: Sequence[Span]) -> GoldType:
    """The gold type of a content made of ``spans`` of ``text`` (rules in the module docstring)."""
    is_mark, inside = _quote_marks(text)
    return _quote_type(spans, is_mark, inside, text)


# --------------------------------------------------------------------------------------------
# Brat reader

_ANN_ID = re.compile(r"^[TERAMN#*]\d*\t")
_ROLE_DIGITS = re.compile(r"\d+$")


@dataclass(slots=True)
class _TextBound:
    label: str
    spans: tuple[Span, ...]
    text: str
    line: int


def _parse_spans(field_: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    for piece in field_.split(";"):
        parts = piece.split()
        if len(parts) != 2:
            raise ValueError(f"bad offsets {piece!r}")
        start, end = int(parts[0]), int(parts[1])
        if start < 0 or end < start:
            raise ValueError(f"bad offsets {piece!r}")
        spans.append((start, end))
    return tuple(spans)


def _read_ann(path: Path) -> tuple[dict[str, _TextBound], list[tuple[int, dict[str, list[str]]]]]:
    """Text-bound annotations by id, and event lines as (line number, role -> [T ids])."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as err:
        raise GoldError(f"cannot read annotation file: {err}", source=str(path)) from err
    bounds: dict[str, _TextBound] = {}
    events: list[tuple[int, dict[str, list[str]]]] = []
    last: _TextBound | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r")
        if not _ANN_ID.match(line):
            # A span text that runs over a newline continues on the next physical line(s).
            if last is not None:
                last.text += "\n" + line
            continue
        last = None
        ann_id, _, rest = line.partition("\t")
        where = f"{path}:{number}"
        if ann_id.startswith("T"):
            head, _, span_text = rest.partition("\t")
            label, _, offsets = head.partition(" ")
            try:
                spans = _parse_spans(offsets)
            except ValueError as err:
                raise GoldError(f"malformed text-bound annotation ({err})", source=where) from err
            last = _TextBound(label, spans, span_text, number)
            bounds[ann_id] = last
        elif ann_id.startswith("E"):
            roles: dict[str, list[str]] = {}
            for arg in rest.split("\t", 1)[0].split():
                role, sep, target = arg.partition(":")
                if not sep or not target:
                    raise GoldError(f"malformed event argument {arg!r}", source=where)
                roles.setdefault(_ROLE_DIGITS.sub("", role), []).append(target)
            events.append((number, roles))
        # A, R, M, N, # and * lines carry nothing the evaluation needs.
    # Trailing empty lines were taken as continuations of the last span text: undo that.
    for bound in bounds.values():
        bound.text = bound.text.rstrip("\n")
    return bounds, events


def _read_text(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as err:
        raise GoldError(f"cannot read text file: {err}", source=str(path)) from err


def span_text(text: str, spans: Iterable[Span]) -> str:
    return " ".join(text[start:end] for start, end in spans)


def _agreement(text: str, bounds: Mapping[str, _TextBound]) -> int:
    """How many text-bound annotations read back exactly from ``text``."""
    return sum(
        1
        for b in bounds.values()
        if all(end <= len(text) for _, end in b.spans) and span_text(text, b.spans) == b.text
    )


def _choose_text(raw: str, bounds: Mapping[str, _TextBound]) -> str:
    """The reading of ``raw`` that the offsets fit best (raw, or with CRLF/CR made LF)."""
    if "\r" not in raw:
        return raw
    normalised = raw.replace("\r\n", "\n").replace("\r", "\n")
    return normalised if _agreement(normalised, bounds) > _agreement(raw, bounds) else raw


def _brat_document(doc_id: str, text_path: Path, ann_path: Path) -> GoldDocument:
    bounds, events = _read_ann(ann_path)
    text = _choose_text(_read_text(text_path), bounds)
    is_mark, inside = _quote_marks(text)

    def spans_of(ids: Sequence[str], number: int) -> tuple[Span, ...]:
        spans: list[Span] = []
        for tid in ids:
            bound = bounds.get(tid)
            if bound is None:
                raise GoldError(f"event refers to unknown {tid}", source=f"{ann_path}:{number}")
            for start, end in bound.spans:
                if end > len(text):
                    raise GoldError(
                        f"offsets {start}-{end} run past the end of {text_path.name}",
                        source=f"{ann_path}:{bound.line}",
                    )
            spans.extend(bound.spans)
        return tuple(sorted(set(spans)))

    quotes: list[GoldQuote] = []
    for number, roles in events:
        if not roles.get("Content"):
            continue
        content = spans_of(roles["Content"], number)
        source = spans_of(roles.get("Source", []), number)
        cue = spans_of(roles.get("Cue", []), number)
        quotes.append(
            GoldQuote(
                content_spans=content,
                content_text=span_text(text, content),
                source_spans=source,
                source_text=span_text(text, source) if source else None,
                cue_spans=cue,
                type=_quote_type(content, is_mark, inside, text),
            )
        )
    quotes.sort(key=lambda q: q.content_spans)
    return GoldDocument(id=doc_id, text=text, quotes=tuple(quotes))


def load_brat(folder: str | Path) -> list[GoldDocument]:
    """Gold documents from a brat folder, sorted by id.

    ``folder`` holds either ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` (PolNeAR;
    when several annotators annotated an article the first ``.ann`` in sorted order is used) or
    ``NAME.txt`` + ``NAME.ann`` pairs. Every event line with a Content argument is one gold
    quote; all its Content arguments (PolNeAR's ``Content2`` continuations) form one content.
    A text without any annotation file is skipped.
    """
    root = Path(folder)
    if not root.is_dir():
        raise GoldError("gold folder not found", source=str(root))
    text_dir, ann_dir = root / "text", root / "attributions"
    if text_dir.is_dir() and ann_dir.is_dir():
        texts = sorted(text_dir.glob("*.txt"))
        anns: dict[str, list[Path]] = {}
        for ann in sorted(ann_dir.glob("*.ann")):
            base, sep, _annotator = ann.stem.rpartition("_")
            anns.setdefault(base if sep else ann.stem, []).append(ann)
        pairs = [(t, anns[t.stem][0]) for t in texts if t.stem in anns]
    else:
        texts = sorted(root.glob("*.txt"))
        pairs = [(t, t.with_suffix(".ann")) for t in texts if t.with_suffix(".ann").is_file()]
    if not texts:
        raise GoldError("no .txt files in gold folder", source=str(root))
    if not pairs:
        raise GoldError("no .ann file matches any .txt file in gold folder", source=str(root))
    return [_brat_document(t.stem, t, a) for t, a in pairs]


# --------------------------------------------------------------------------------------------
# JSON-lines reader


def _int_or_none(value: object, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} is not an integer")
    return value


def _checked_span(value: object, size: int, name: str) -> Span:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise ValueError(f"{name} is not a [start, end] pair")
    start = _int_or_none(value[0], name)
    end = _int_or_none(value[1], name)
    if start is None or end is None or not 0 <= start <= end <= size:
        raise ValueError(f"{name} {list(value)} is outside the text")
    return (start, end)


def _optional_span(raw: Mapping[str, Any], prefix: str, size: int) -> tuple[Span, ...]:
    start = _int_or_none(raw.get(f"{prefix}_start"), f"{prefix}_start")
    end = _int_or_none(raw.get(f"{prefix}_end"), f"{prefix}_end")
    if start is None or end is None:
        return ()
    return (_checked_span([start, end], size, prefix),)


def _json_quote(raw: object, text: str, number: int) -> GoldQuote:
    if not isinstance(raw, dict):
        raise ValueError(f"quote {number} is not an object")
    qtype = raw.get("type")
    if qtype not in QUOTE_TYPES:
        raise ValueError(f"quote {number} has type {qtype!r}, not one of {', '.join(QUOTE_TYPES)}")
    raw_spans = raw.get("spans")
    if raw_spans is None:
        raw_spans = [[raw.get("start"), raw.get("end")]]
    if not isinstance(raw_spans, list) or not raw_spans:
        raise ValueError(f"quote {number} spans is not a non-empty list")
    spans = tuple(_checked_span(s, len(text), f"quote {number} span") for s in raw_spans)
    source = _optional_span(raw, "speaker", len(text))
    speaker_text = raw.get("speaker_text")
    if speaker_text is not None and not isinstance(speaker_text, str):
        raise ValueError(f"quote {number} speaker_text is not a string")
    if source and speaker_text is None:
        speaker_text = span_text(text, source)
    return GoldQuote(
        content_spans=spans,
        content_text=span_text(text, spans),
        source_spans=source,
        source_text=speaker_text,
        cue_spans=_optional_span(raw, "cue", len(text)),
        type=cast(GoldType, qtype),
    )


def _json_document(line: str) -> GoldDocument:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        raise ValueError(f"invalid JSON ({err.msg})") from err
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    schema = obj.get("schema")
    if schema is not None and schema != "stancegraph/analysis-1":
        raise ValueError(f"unsupported schema {schema!r}")
    doc_id, text, quotes = obj.get("id"), obj.get("text"), obj.get("quotes", [])
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int):
        raise ValueError("missing or invalid id")
    if not isinstance(text, str):
        raise ValueError("missing or invalid text")
    if not isinstance(quotes, list):
        raise ValueError("quotes is not a list")
    gold = tuple(_json_quote(q, text, n) for n, q in enumerate(quotes, start=1))
    return GoldDocument(id=str(doc_id), text=text, quotes=gold)


def load_jsonl_gold(path: str | Path) -> list[GoldDocument]:
    """Gold documents from ``stancegraph/analysis-1`` JSON lines (blank lines are skipped).

    A quote's ``spans`` (else ``[[start, end]]``) give the content, ``speaker_start``/``speaker_end``
    the source and ``cue_start``/``cue_end`` the cue; its ``type`` is taken as given.
    """
    source = Path(path)
    try:
        content = source.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise GoldError("gold file not found", source=str(source)) from err
    except (OSError, UnicodeDecodeError) as err:
        raise GoldError(f"cannot read gold file: {err}", source=str(source)) from err
    documents: list[GoldDocument] = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            documents.append(_json_document(line))
        except ValueError as err:
            raise GoldError(str(err), source=f"{source}:{number}") from err
    if not documents:
        raise GoldError("no documents in gold file", source=str(source))
    return documents


# --------------------------------------------------------------------------------------------
# Scoring

_TOKEN = re.compile(r"\w+")

# Pronouns, determiners, function words and honorific abbreviations: never evidence of a source.
_STOPWORD_LIST = """
    i me my mine myself you your yours yourself yourselves he him his himself she her hers
    herself it its itself we us our ours ourselves they them their theirs themselves one ones
    oneself who whom whose which what whoever that this these those someone somebody something
    anyone anybody everyone everybody nobody none some any many much more most few several all
    both each either neither every another other others such no own same
    a an the of in on at by for with to from into onto about over under after before than as
    and or nor but so if then there here also too very not only just
    is are was were be been being am has have had do does did will would can could shall should
    may might must
    mr mrs ms mss miss dr sen rep gov gen lt col sgt jr sr st
"""
_STOPWORDS = frozenset(_STOPWORD_LIST.split())


def token_bag(text: str) -> Counter[str]:
    return Counter(token.lower() for token in _TOKEN.findall(text))


def _content_words(text: str | None) -> set[str]:
    if not text:
        return set()
    return {t for t in token_bag(text) if len(t) > 1 and t not in _STOPWORDS}


def _overlaps(span: Span, others: Iterable[Span]) -> bool:
    start, end = span
    return any(start < o_end and o_start < end for o_start, o_end in others)


def _quote_spans(quote: Quote) -> tuple[Span, ...]:
    return quote.spans if quote.spans else ((quote.start, quote.end),)


def _source_correct(gold: GoldQuote, quote: Quote, analysis: Analysis, same_text: bool) -> bool:
    actor = analysis.actor(quote.speaker)
    has_span = quote.speaker_start is not None and quote.speaker_end is not None
    if actor is None and quote.speaker_text is None and not has_span:
        return False
    if same_text:
        if has_span and _overlaps(
            (cast(int, quote.speaker_start), cast(int, quote.speaker_end)), gold.source_spans
        ):
            return True
        if actor is not None and any(_overlaps(m, gold.source_spans) for m in actor.mentions):
            return True
    names: list[str] = [quote.speaker_text or ""]
    if actor is not None:
        names.extend([actor.name, *actor.aliases])
    predicted_words = set().union(*(_content_words(name) for name in names))
    return bool(_content_words(gold.source_text) & predicted_words)


@dataclass(slots=True)
class _Tally:
    gold: int = 0
    predicted: int = 0
    matched_gold: int = 0  # matches whose gold quote has this type (recall numerator)
    matched_predicted: int = 0  # matches whose predicted quote has this type (precision num.)
    source_total: int = 0
    source_correct: int = 0

    def scores(self) -> Scores:
        precision = ratio(self.matched_predicted, self.predicted)
        recall = ratio(self.matched_gold, self.gold)
        accuracy = ratio(self.source_correct, self.source_total)
        return Scores(
            gold=self.gold,
            predicted=self.predicted,
            matched=self.matched_gold,
            precision=precision,
            recall=recall,
            f1=f1(precision, recall),
            source_total=self.source_total,
            source_correct=self.source_correct,
            source_accuracy=accuracy,
        )


def match_bags(
    gold_bags: Sequence[Counter[str]], pred_bags: Sequence[Counter[str]]
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) matches, greedy by intersection size."""
    candidates: list[tuple[int, int, int, int]] = []
    for gi, g in enumerate(gold_bags):
        g_size = g.total()
        if not g_size:
            continue
        for pi, p in enumerate(pred_bags):
            p_size = p.total()
            if not p_size:
                continue
            common = (g & p).total()
            if common and common >= MATCH_RATIO * max(g_size, p_size):
                candidates.append((-common, g_size + p_size - common, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return pairs


def score(gold: Sequence[GoldDocument], predicted: Mapping[str, Analysis]) -> EvalReport:
    """Score ``predicted`` (document id -> analysis) against ``gold``; see the module docstring."""
    overall = _Tally()
    per_type = {t: _Tally() for t in QUOTE_TYPES}
    mismatched: list[str] = []
    for doc in gold:
        analysis = predicted.get(doc.id)
        quotes = analysis.quotes if analysis is not None else ()
        overall.gold += len(doc.quotes)
        overall.predicted += len(quotes)
        for g in doc.quotes:
            per_type[g.type].gold += 1
        for q in quotes:
            if q.type in per_type:
                per_type[q.type].predicted += 1
        if analysis is None:
            continue
        text = analysis.document.text
        same_text = text == doc.text
        if not same_text:
            mismatched.append(doc.id)
        if not quotes or not doc.quotes:
            continue
        gold_bags = [token_bag(g.content_text) for g in doc.quotes]
        pred_bags = [token_bag(span_text(text, _quote_spans(q))) for q in quotes]
        for gi, pi in match_bags(gold_bags, pred_bags):
            g, q = doc.quotes[gi], quotes[pi]
            rows = [overall, per_type[g.type]]
            for row in rows:
                row.matched_gold += 1
            overall.matched_predicted += 1
            if q.type in per_type:
                per_type[q.type].matched_predicted += 1
            if g.source_spans:
                correct = _source_correct(g, q, analysis, same_text)
                for row in rows:
                    row.source_total += 1
                    row.source_correct += int(correct)
    return EvalReport(
        documents=len(gold),
        overall=overall.scores(),
        by_type={t: tally.scores() for t, tally in per_type.items()},
        text_mismatch=tuple(mismatched),
    )


# --------------------------------------------------------------------------------------------
# Rendering


def _scores_to_dict(scores: Scores) -> dict[str, Any]:
    return {
        "gold": scores.gold,
        "predicted": scores.predicted,
        "matched": scores.matched,
        "precision": round(scores.precision, 4),
        "recall": round(scores.recall, 4),
        "f1": round(scores.f1, 4),
        "source_total": scores.source_total,
        "source_correct": scores.source_correct,
        "source_accuracy": round(scores.source_accuracy, 4),
    }


def report_to_dict(report: EvalReport) -> dict[str, Any]:
    """The report as JSON-ready data (ratios rounded to 4 decimals)."""
    return {
        "documents": report.documents,
        "overall": _scores_to_dict(report.overall),
        "by_type": {name: _scores_to_dict(s) for name, s in report.by_type.items()},
        "text_mismatch": list(report.text_mismatch),
    }


def format_report(report: EvalReport) -> str:
    """A plain-text table: a header, then one line for overall and one per quote type."""
    header = (
        f"{'':<9} {'gold':>6} {'pred':>6} {'match':>6} {'P':>6} {'R':>6} {'F1':>6}"
        f" {'src':>6} {'src ok':>6} {'src acc':>7}"
    )
    lines = [f"documents: {report.documents}", header]
    rows: list[tuple[str, Scores]] = [("overall", report.overall), *report.by_type.items()]
    for name, s in rows:
        lines.append(
            f"{name:<9} {s.gold:>6} {s.predicted:>6} {s.matched:>6} {s.precision:>6.3f}"
            f" {s.recall:>6.3f} {s.f1:>6.3f} {s.source_total:>6} {s.source_correct:>6}"
            f" {s.source_accuracy:>7.3f}"
        )
    if report.text_mismatch:
        lines.append(
            f"note: {len(report.text_mismatch)} document(s) differ from the gold text;"
            " speaker offsets were not compared there"
        )
    return "\n".join(lines)
