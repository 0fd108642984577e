"""PLOVER evaluation: event extraction scored against PLOVER and WikiEvents gold standards.

In: a PLOVER gold-standard file (JSON records with a sentence, its event type, source and target)
or WikiEvents JSON Lines. Out: a ``PloverReport`` (type accuracy, micro and per-type F1,
source and target accuracy on matched events, the commonest confusions) or a
``WikiEventsReport``, and their printed tables. ``python -m stancegraph.evaluation.plover
GSR_FILE [WIKIEVENTS.jsonl ...]`` prints both.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import StancegraphError
from ..extract.plover import EVENT_TYPES
from ..types import Event, EventType

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "GSR_LABELS",
    "PloverReport",
    "TypeScore",
    "WikiEventsReport",
    "evaluate_plover",
    "evaluate_wikievents",
    "format_plover_report",
    "format_wikievents_report",
    "load_gsr",
    "map_gsr_label",
    "participant_matches",
]

# -- evaluation ------------------------------------------------------------------------------
# The gold-standard file codes with an older PLOVER draft (0.5b1-0.6b1). Its labels map to the
# 16 types of the current manual by Table 7.1 and CAMEO2PLOVER-2021.txt: DEMAND became REQUEST
# (CAMEO 10), DISAPPROVE and INVESTIGATE became ACCUSE (CAMEO 11 and 09, modes disapprove and
# investigate), FIGHT became ASSAULT (CAMEO 19); the rest kept their names. A label missing
# here has no clean mapping: it is reported and left out.
GSR_LABELS: dict[str, EventType] = {
    **{t: t for t in EVENT_TYPES},
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

# WikiEvents (KAIROS ontology) types that map cleanly to one PLOVER type. Life.Die and
# Life.Injure name outcomes, not acts (a death may be natural); Contact.Contact.Unspecified is
# any communication; Justice.Sentence and Convict straddle SANCTION and COERCE: all left out.
WIKIEVENTS_TYPES: dict[str, EventType] = {
    "Conflict.Attack": "ASSAULT",
    "Conflict.Demonstrate": "PROTEST",
    "Justice.ArrestJailDetain": "COERCE",
    "Contact.ThreatenCoerce": "THREATEN",
    "Contact.RequestCommand": "REQUEST",
    "Contact.Contact.Meet": "CONSULT",
    "Justice.ChargeIndict": "ACCUSE",
    "Justice.InvestigateCrime": "ACCUSE",
    "Justice.ReleaseParole": "RETREAT",
}
# Outcome types a predicted ASSAULT may legitimately sit on ("killed"): neither hit nor miss.
_WIKIEVENTS_NEUTRAL = ("Life.Die", "Life.Injure", "ArtifactExistence.DamageDestroyDisableDismantle")

# Words too generic to make a source or target match on their own ("officials", "the
# government"): a match needs a shared content word, unless the gold names only such words.
_GENERIC = frozenset(
    """
    the a an of and for in on at to by with from 's ’s its their his her
    government governments official officials authority authorities force forces troops army
    people group groups leader leaders president minister ministers police party spokesman
    state states country countries side sides member members
    """.split()
)


def map_gsr_label(label: str) -> EventType | None:
    """The current PLOVER type of an older gold-standard label, or None without a clean one."""
    return GSR_LABELS.get(label.strip().upper())


def _tokens(text: str) -> set[str]:
    return {w for w in re.findall(r"[\w'’.-]+", text.lower().replace("’", "'")) if w not in {"'s"}}


def _content_words(text: str) -> set[str]:
    words = {w.strip(".'") for w in _tokens(text)} - {""}
    content = words - _GENERIC
    return content if content else words - {"the", "a", "an", "of", "and"}


def participant_matches(predicted: Iterable[str], gold: Iterable[str]) -> bool:
    """True when a predicted text or canonical name shares a content word with a gold actor."""
    gold_words: set[str] = set()
    for text in gold:
        gold_words |= _content_words(text)
    if not gold_words:
        return False
    return any(_content_words(text) & gold_words for text in predicted)


@dataclass(frozen=True, slots=True)
class TypeScore:
    """Precision, recall and F1 of one event type (or of all, micro-averaged)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class PloverReport:
    """Event typing and participant accuracy against gold-standard sentences."""

    sentences: int  # scored sentences (mapped labels)
    unmapped: Mapping[str, int]  # old labels without a clean mapping: left out
    type_accuracy: float  # the most confident predicted event has the gold type
    micro: TypeScore
    by_type: Mapping[str, TypeScore]
    matched: int
    source_correct: int
    source_total: int  # matched events whose gold has a source
    target_correct: int
    target_total: int  # matched events whose gold has a target
    confusions: Mapping[tuple[str, str], int]  # (gold, primary predicted or NONE) -> count
    misses: Sequence[tuple[str, str, str]] = field(default_factory=tuple)  # (id, gold, predicted)

    @property
    def source_accuracy(self) -> float:
        return self.source_correct / self.source_total if self.source_total else 0.0

    @property
    def target_accuracy(self) -> float:
        return self.target_correct / self.target_total if self.target_total else 0.0

    @property
    def macro_f1(self) -> float:
        scores = [s.f1 for s in self.by_type.values() if s.tp + s.fn]
        return sum(scores) / len(scores) if scores else 0.0


def _gold_actor_texts(value: Any) -> list[str]:
    if not value or not isinstance(value, list):
        return []
    return [
        str(a.get("actorText", "")) for a in value if isinstance(a, dict) and a.get("actorText")
    ]


def load_gsr(path: str | Path) -> tuple[list[dict[str, Any]], Counter[str]]:
    """The gold records with mapped labels (``label`` added), and counts of unmapped labels."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    records: list[dict[str, Any]] = []
    unmapped: Counter[str] = Counter()
    for record in data:
        label = str(record.get("event", ""))
        if label == "DOCUMENT" or not record.get("text"):
            continue
        mapped = map_gsr_label(label)
        if mapped is None:
            unmapped[label] += 1
            continue
        records.append({**record, "label": mapped})
    return records, unmapped


def _participant_texts(event: Event, which: str, names: Mapping[str, str]) -> list[str]:
    p = event.source if which == "source" else event.target
    if p is None:
        return []
    texts = [p.text]
    if p.actor is not None and p.actor in names:
        texts.append(names[p.actor])
    return texts


def evaluate_plover(
    path: str | Path, *, model: str | None = None, limit: int | None = None
) -> PloverReport:
    """Score ``stancegraph.extract.events.extract_events`` on a PLOVER gold-standard file.

    Each record is one sentence with one gold event. A predicted event in the sentence matches
    when its type equals the (mapped) gold type; of several, the best is the one whose source
    and target match, then the most confident. Unmatched predicted events are false positives
    of their type, an unmatched gold event a false negative of its. On matched events, the
    source (target) is correct when the predicted text or its actor's canonical name shares a
    content word with a gold actorText. The article date is the record's date.
    """
    from ..extract.nlp import load_pipeline

    records, unmapped = load_gsr(path)
    if limit is not None:
        records = records[:limit]
    nlp = load_pipeline(model)
    tally = _PloverTally()
    docs = nlp.pipe([str(r["text"]) for r in records], batch_size=64)
    for record, doc in zip(records, docs, strict=True):
        events, names = _sentence_events(doc, record)
        tally.add(record, events, names)
    return tally.report(len(records), unmapped)


def _sentence_events(doc: Doc, record: Mapping[str, Any]) -> tuple[Sequence[Event], dict[str, str]]:
    """The events of one parsed gold sentence, and its actors' canonical names by id."""
    from ..extract.actors import extract_actors
    from ..extract.events import extract_events, participant_spans
    from ..extract.quotes import extract_raw_quotes
    from ..types import Document

    document = Document(id=str(record.get("id")), text=doc.text, date=record.get("date"))
    raws = extract_raw_quotes(doc, text=doc.text)
    speakers = [doc[r.speaker[0] : r.speaker[1]] for r in raws if r.speaker is not None]
    table = extract_actors(doc, [*speakers, *participant_spans(doc)], text=doc.text)
    reported = [piece for r in raws for piece in r.pieces]
    events = extract_events(doc, table, document, reported=reported)
    return events, {a.id: a.name for a in table.actors}


@dataclass
class _PloverTally:
    """Counts over the gold sentences, turned into a ``PloverReport`` at the end."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    correct_primary: int = 0
    matched: int = 0
    source_ok: int = 0
    source_n: int = 0
    target_ok: int = 0
    target_n: int = 0

    def add(
        self, record: Mapping[str, Any], events: Sequence[Event], names: dict[str, str]
    ) -> None:
        """Score one sentence's predicted events against its gold event."""
        gold: str = record["label"]
        gold_sources = _gold_actor_texts(record.get("source"))
        gold_targets = _gold_actor_texts(record.get("target"))
        primary = max(events, key=lambda e: (e.confidence, -e.trigger_start), default=None)
        primary_type = primary.type if primary is not None else "NONE"
        self.confusions[(gold, primary_type)] += 1
        if primary_type == gold:
            self.correct_primary += 1
        candidates = [e for e in events if e.type == gold]
        best: Event | None = None
        if candidates:
            best = max(
                candidates,
                key=lambda e: (
                    participant_matches(_participant_texts(e, "source", names), gold_sources),
                    participant_matches(_participant_texts(e, "target", names), gold_targets),
                    e.confidence,
                ),
            )
            self._matched(best, names, gold, gold_sources, gold_targets)
        else:
            self.fn[gold] += 1
            found = ",".join(e.type for e in events) or "NONE"
            self.misses.append((str(record.get("id")), gold, found))
        for event in events:
            if event is not best:
                self.fp[event.type] += 1

    def _matched(
        self,
        best: Event,
        names: dict[str, str],
        gold: str,
        gold_sources: list[str],
        gold_targets: list[str],
    ) -> None:
        self.tp[gold] += 1
        self.matched += 1
        if gold_sources:
            self.source_n += 1
            texts = _participant_texts(best, "source", names)
            self.source_ok += participant_matches(texts, gold_sources)
        if gold_targets:
            self.target_n += 1
            texts = _participant_texts(best, "target", names)
            self.target_ok += participant_matches(texts, gold_targets)

    def report(self, sentences: int, unmapped: Mapping[str, int]) -> PloverReport:
        tp, fp, fn = self.tp, self.fp, self.fn
        by_type: dict[str, TypeScore] = {t: TypeScore(tp[t], fp[t], fn[t]) for t in EVENT_TYPES}
        micro = TypeScore(sum(tp.values()), sum(fp.values()), sum(fn.values()))
        return PloverReport(
            sentences=sentences,
            unmapped=dict(unmapped),
            type_accuracy=self.correct_primary / sentences if sentences else 0.0,
            micro=micro,
            by_type=by_type,
            matched=self.matched,
            source_correct=self.source_ok,
            source_total=self.source_n,
            target_correct=self.target_ok,
            target_total=self.target_n,
            confusions=dict(self.confusions),
            misses=tuple(self.misses),
        )


def format_plover_report(report: PloverReport, *, confusions: int = 12) -> str:
    """A plain-text report: overall numbers, a per-type table and the commonest confusions."""
    lines = [
        f"sentences scored: {report.sentences}",
        "unmapped labels (left out): "
        + (", ".join(f"{k} {v}" for k, v in sorted(report.unmapped.items())) or "none"),
        f"event type accuracy (most confident event): {report.type_accuracy:.3f}",
        f"event type micro P/R/F1: {report.micro.precision:.3f} / {report.micro.recall:.3f}"
        f" / {report.micro.f1:.3f}   (macro F1 {report.macro_f1:.3f})",
        f"source accuracy on matched events: {report.source_accuracy:.3f}"
        f" ({report.source_correct}/{report.source_total})",
        f"target accuracy on matched events: {report.target_accuracy:.3f}"
        f" ({report.target_correct}/{report.target_total})",
        "",
        f"{'type':<10} {'gold':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for etype, s in report.by_type.items():
        if not (s.tp or s.fp or s.fn):
            continue
        lines.append(
            f"{etype:<10} {s.tp + s.fn:>5} {s.tp:>4} {s.fp:>4} {s.fn:>4}"
            f" {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        )
    wrong = sorted(((n, g, p) for (g, p), n in report.confusions.items() if g != p), reverse=True)[
        :confusions
    ]
    if wrong:
        lines += ["", "commonest confusions (gold -> most confident prediction):"]
        lines += [f"  {g:<10} -> {p:<10} {n}" for n, g, p in wrong]
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class WikiEventsReport:
    """Trigger-level recall and precision on the WikiEvents types that map to PLOVER."""

    documents: int
    by_type: Mapping[str, TypeScore]
    micro: TypeScore


def evaluate_wikievents(
    paths: Sequence[str | Path], *, model: str | None = None, require_source: bool = True
) -> WikiEventsReport:
    """Score events against WikiEvents triggers (``dev.jsonl``/``test.jsonl``).

    The text is the document's tokens joined by spaces. A gold trigger of a mapped type is found
    when a predicted event of that PLOVER type has a trigger overlapping it. A predicted event of
    a scored type is a false positive unless its trigger overlaps a gold trigger of its type, or
    of an outcome type (Life.Die, Life.Injure, damage) that a PLOVER event may sit on.
    """
    from ..extract.actors import extract_actors
    from ..extract.events import extract_events, participant_spans
    from ..extract.nlp import load_pipeline
    from ..types import Document

    nlp = load_pipeline(model)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    scored = set(WIKIEVENTS_TYPES.values())
    n_docs = 0
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            tokens: list[str] = item["tokens"]
            offsets: list[int] = []
            at = 0
            for tok in tokens:
                offsets.append(at)
                at += len(tok) + 1
            text = " ".join(tokens)
            doc = nlp(text)
            table = extract_actors(doc, participant_spans(doc), text=text)
            events = extract_events(
                doc, table, Document(id=item["doc_id"], text=text), require_source=require_source
            )
            gold: list[tuple[int, int, EventType | None, bool]] = []
            for mention in item.get("event_mentions", []):
                trig = mention["trigger"]
                start = offsets[trig["start"]]
                end = offsets[trig["end"] - 1] + len(tokens[trig["end"] - 1])
                etype = mention["event_type"]
                mapped = next((v for k, v in WIKIEVENTS_TYPES.items() if etype.startswith(k)), None)
                neutral = etype.startswith(_WIKIEVENTS_NEUTRAL)
                gold.append((start, end, mapped, neutral))
            for start, end, mapped, _neutral in gold:
                if mapped is None:
                    continue
                if any(
                    e.type == mapped and e.trigger_start < end and start < e.trigger_end
                    for e in events
                ):
                    tp[mapped] += 1
                else:
                    fn[mapped] += 1
            for event in events:
                if event.type not in scored:
                    continue
                overlapping = [
                    g for g in gold if event.trigger_start < g[1] and g[0] < event.trigger_end
                ]
                if any(g[2] == event.type for g in overlapping):
                    continue  # counted as a hit above
                if any(g[3] for g in overlapping):
                    continue
                fp[event.type] += 1
            n_docs += 1
    by_type: dict[str, TypeScore] = {
        t: TypeScore(tp[t], fp[t], fn[t]) for t in EVENT_TYPES if t in scored
    }
    micro = TypeScore(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return WikiEventsReport(documents=n_docs, by_type=by_type, micro=micro)


def format_wikievents_report(report: WikiEventsReport) -> str:
    lines = [
        f"documents: {report.documents}",
        f"trigger micro P/R/F1: {report.micro.precision:.3f} / {report.micro.recall:.3f}"
        f" / {report.micro.f1:.3f}",
        f"{'type':<10} {'gold':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for etype, s in report.by_type.items():
        lines.append(
            f"{etype:<10} {s.tp + s.fn:>5} {s.tp:>4} {s.fp:>4} {s.fn:>4}"
            f" {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m stancegraph.evaluation.plover GSR_FILE [WIKIEVENTS.jsonl ...]``: the reports.

    A script for the numbers in ``docs/plover.md``; ``stancegraph evaluate --gold-format plover``
    is the command users run. A file that cannot be read is one line on stderr, exit status 2.
    """
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        prog="python -m stancegraph.evaluation.plover",
        description="Score PLOVER event coding against the PLOVER GSR and WikiEvents files.",
    )
    parser.add_argument("gsr", help="PLOVER gold-standard file (PLOVER_GSR_CAMEO.txt)")
    parser.add_argument("wikievents", nargs="*", help="WikiEvents JSON Lines files")
    args = parser.parse_args(argv)
    try:
        report = format_plover_report(evaluate_plover(args.gsr))
        wiki = [
            format_wikievents_report(evaluate_wikievents(args.wikievents, require_source=require))
            for require in (True, False)
            if args.wikievents
        ]
    except (OSError, ValueError, StancegraphError) as err:
        print(f"{parser.prog}: {' '.join(str(err).split())}", file=sys.stderr)
        return 2
    print(report)
    for require, text in zip((True, False), wiki, strict=False):
        print()
        print(
            "WikiEvents, events "
            + ("with a source only" if require else "with or without a source")
        )
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
