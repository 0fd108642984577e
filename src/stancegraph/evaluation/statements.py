"""Scoring statements (actor, concept, agreement) against an analyst's hand-coded ones.

In: a gold JSON Lines file read by ``load_statement_gold``, one article per line::

    {"ref": "wikinews_2019.csv#row=64", "title": "...",
     "codebook": {"concepts": [{"id": "extradition-bill", "label": "extradition bill", ...}]},
     "actors": [{"name": "Carrie Lam", "type": "person", "forms": ["Carrie Lam", "Lam"]}],
     "statements": [{"actor": "Carrie Lam", "concept": "extradition-bill", "agreement": 0,
                     "start": 120, "end": 171, "text": "the bill will be formally withdrawn"}]}

``ref`` points into a data folder as in ``evaluation.actors``; ``codebook`` is in the format of
``stancegraph analyze --codebook``; ``agreement`` is DNA's qualifier, 1 (support) or 0 (oppose);
``start``/``end`` are character offsets of the evidence into the article text and ``text`` is
the evidence itself, which must be that substring. With the machine's analyses of the same texts
(``analyse_gold`` makes them, with each article's codebook or with none).

Out: ``score_statements`` returns a ``StatementReport``; ``format_statement_report`` and
``statement_report_to_dict`` render it. Nothing here prints; unreadable gold raises ``GoldError``
naming the file and line.

Measures, micro-averaged over articles:

- triples: per article, the unique (actor, concept, agreement) triples, DNA's counting. A
  predicted statement's actor is the gold actor ``evaluation.actors.match_actors`` matches it to
  (a shared folded form: name, alias or mention text), so "Lam" and "Carrie Lam" are one actor.
  Concepts are compared by id, which is meaningful only when the machine used the gold codebook.
- actor-agreement-evidence: statements paired one-to-one, greedily by longest evidence overlap,
  where the actor matches, the agreement is equal and the evidence spans overlap; precision =
  paired predicted / predicted statements, recall = paired gold / gold statements. A predicted
  "neutral" statement never pairs (the gold codes no neutral positions).
- purity: over those pairs, within each article, each predicted concept's most frequent gold
  concept, summed, over the pairs: 1.0 when no predicted concept mixes two gold concepts.
  Purity alone rewards splitting (a concept per statement is pure), so inverse purity is
  reported beside it: each gold concept's most frequent predicted concept, summed, over the
  pairs: 1.0 when no gold concept is split over two predicted concepts.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import GoldError
from ..extract.codebook import Codebook, codebook_from_dict
from ..pipeline import Options, analyze
from ..types import Analysis, Document, ReadFailure, Statement
from .actors import GoldActor, gold_actor, match_actors, read_ref
from .measures import f1, ratio

__all__ = [
    "GoldStatement",
    "StatementArticle",
    "StatementReport",
    "StatementScore",
    "analyse_gold",
    "format_statement_report",
    "load_statement_gold",
    "score_statement_article",
    "score_statements",
    "statement_report_to_dict",
]

_AGREEMENT = {1: "support", 0: "oppose"}


@dataclass(frozen=True, slots=True)
class GoldStatement:
    """One position as the analyst coded it; ``agreement`` is "support" or "oppose"."""

    actor: str  # a gold actor's name
    concept: str  # a concept id of the article's codebook
    agreement: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class StatementArticle:
    """An article's text (read through its ref), codebook, actors and gold statements."""

    ref: str
    title: str
    text: str
    codebook: Codebook
    actors: tuple[GoldActor, ...]
    statements: tuple[GoldStatement, ...]


@dataclass(frozen=True, slots=True)
class StatementScore:
    """Counts for one article."""

    ref: str
    gold_triples: int
    predicted_triples: int
    matched_triples: int
    gold_statements: int
    predicted_statements: int
    paired: int  # actor-agreement-evidence pairs
    pure: int  # pairs whose gold concept is their predicted concept's most frequent one
    collocated: int  # pairs whose predicted concept is their gold concept's most frequent one
    missed: tuple[str, ...]  # gold triples not predicted, "actor | concept | agreement"
    spurious: tuple[str, ...]  # predicted triples not in the gold


@dataclass(frozen=True, slots=True)
class StatementReport:
    """Triple and actor-agreement-evidence scores and concept purity over a gold set."""

    articles: tuple[StatementScore, ...]

    def total(self, field: str) -> int:
        """A ``StatementScore`` count summed over the articles."""
        return sum(int(getattr(a, field)) for a in self.articles)

    @property
    def triple_precision(self) -> float:
        return ratio(self.total("matched_triples"), self.total("predicted_triples"))

    @property
    def triple_recall(self) -> float:
        return ratio(self.total("matched_triples"), self.total("gold_triples"))

    @property
    def triple_f1(self) -> float:
        return f1(self.triple_precision, self.triple_recall)

    @property
    def evidence_precision(self) -> float:
        return ratio(self.total("paired"), self.total("predicted_statements"))

    @property
    def evidence_recall(self) -> float:
        return ratio(self.total("paired"), self.total("gold_statements"))

    @property
    def evidence_f1(self) -> float:
        return f1(self.evidence_precision, self.evidence_recall)

    @property
    def purity(self) -> float:
        return ratio(self.total("pure"), self.total("paired"))

    @property
    def inverse_purity(self) -> float:
        return ratio(self.total("collocated"), self.total("paired"))


# -- gold ---------------------------------------------------------------------------------------


def load_statement_gold(path: str | Path, data: str | Path) -> list[StatementArticle]:
    """The gold articles of a JSON Lines file, their texts read from the data folder."""
    gold_path = Path(path)
    try:
        lines = gold_path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise GoldError(f"cannot read the gold file: {err.strerror}", source=str(path)) from err
    except UnicodeDecodeError as err:
        raise GoldError("the gold file is not UTF-8", source=str(path)) from err
    articles = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            articles.append(_article(line, Path(data), f"{gold_path}:{number}"))
    return articles


def _article(line: str, data: Path, where: str) -> StatementArticle:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise GoldError(f"not JSON ({err.msg})", source=where) from err
    if not isinstance(record, dict) or not isinstance(record.get("ref"), str):
        raise GoldError('a gold line is an object with a "ref" string', source=where)
    for key in ("actors", "statements"):
        if not isinstance(record.get(key), list):
            raise GoldError(f'a gold line has a "{key}" list', source=where)
    try:
        codebook = codebook_from_dict(record.get("codebook"))
    except ValueError as err:
        raise GoldError(f"bad codebook: {err}", source=where) from err
    actors = tuple(gold_actor(a, where) for a in record["actors"])
    try:
        text = read_ref(record["ref"], data)
    except GoldError as err:
        raise GoldError(str(err), source=where) from err
    statements = tuple(_statement(s, text, codebook, actors, where) for s in record["statements"])
    return StatementArticle(
        record["ref"], str(record.get("title") or ""), text, codebook, actors, statements
    )


def _statement(
    value: Any, text: str, codebook: Codebook, actors: Sequence[GoldActor], where: str
) -> GoldStatement:
    if not isinstance(value, dict):
        raise GoldError("each statement is an object", source=where)
    actor, concept = value.get("actor"), value.get("concept")
    if actor not in {a.name for a in actors}:
        raise GoldError(f"statement actor {actor!r} is not in the actors list", source=where)
    if not isinstance(concept, str) or codebook.concept(concept) is None:
        raise GoldError(f"statement concept {concept!r} is not in the codebook", source=where)
    agreement = value.get("agreement")
    if isinstance(agreement, bool) or agreement not in _AGREEMENT:
        raise GoldError(f"statement agreement {agreement!r} is not 1 or 0", source=where)
    start, end = value.get("start"), value.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
        raise GoldError(
            f"statement evidence offsets {start!r}:{end!r} are not a span", source=where
        )
    if text[start:end] != value.get("text"):
        raise GoldError(
            f"statement evidence at {start}:{end} is not the text {value.get('text')!r}",
            source=where,
        )
    return GoldStatement(str(actor), concept, _AGREEMENT[agreement], start, end)


# -- analysing ----------------------------------------------------------------------------------


def analyse_gold(
    gold: Sequence[StatementArticle],
    *,
    with_codebook: bool,
    model: str | None = None,
    failures: list[ReadFailure] | None = None,
) -> Iterator[Analysis]:
    """The machine's analysis of each gold article, in order: with the article's own codebook,
    or (``with_codebook=False``) with none. A failed article goes to ``failures``."""
    for article in gold:
        options = Options(model=model, codebook=article.codebook if with_codebook else None)
        document = Document(id=article.ref, text=article.text, title=article.title or None)
        yield from analyze([document], options, failures=failures)


# -- scoring ------------------------------------------------------------------------------------


def _actor_names(article: StatementArticle, analysis: Analysis) -> dict[str, str]:
    """Predicted actor id -> the gold actor name it matches, or its own name marked unmatched."""
    matches = match_actors(analysis.actors, article.actors, analysis.document.text)
    return {
        actor.id: article.actors[k].name if k is not None else f"~{actor.name}"
        for actor, k in zip(analysis.actors, matches, strict=True)
    }


def _predicted_actor(statement: Statement, names: Mapping[str, str]) -> str:
    return names.get(statement.actor or "", "~")


def _pairs(
    gold: Sequence[GoldStatement], predicted: Sequence[Statement], names: Mapping[str, str]
) -> list[tuple[GoldStatement, Statement]]:
    """Gold and predicted statements paired one-to-one by actor, agreement and overlapping
    evidence, longest overlap first (ties: gold order, then predicted order)."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            same = _predicted_actor(p, names) == g.actor and p.agreement == g.agreement
            if same and overlap > 0:
                candidates.append((-overlap, i, j))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates):
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
            pairs.append((gold[i], predicted[j]))
    return pairs


def _pure(pairs: Sequence[tuple[str, str]]) -> int:
    """Pairs (cluster, class) whose class is the most frequent one of their cluster."""
    clusters: dict[str, Counter[str]] = defaultdict(Counter)
    for cluster, kind in pairs:
        clusters[cluster][kind] += 1
    return sum(max(counts.values()) for counts in clusters.values())


def _triple(actor: str, concept: str, agreement: str) -> str:
    return f"{actor} | {concept} | {agreement}"


def score_statement_article(article: StatementArticle, analysis: Analysis | None) -> StatementScore:
    """Score one article's predicted statements against its gold statements."""
    predicted = analysis.statements if analysis is not None else ()
    names = _actor_names(article, analysis) if analysis is not None else {}
    gold_triples = {_triple(s.actor, s.concept, s.agreement) for s in article.statements}
    predicted_triples = {
        _triple(_predicted_actor(s, names), s.concept, s.agreement) for s in predicted
    }
    pairs = _pairs(article.statements, predicted, names)
    return StatementScore(
        ref=article.ref,
        gold_triples=len(gold_triples),
        predicted_triples=len(predicted_triples),
        matched_triples=len(gold_triples & predicted_triples),
        gold_statements=len(article.statements),
        predicted_statements=len(predicted),
        paired=len(pairs),
        pure=_pure([(p.concept, g.concept) for g, p in pairs]),
        collocated=_pure([(g.concept, p.concept) for g, p in pairs]),
        missed=tuple(sorted(gold_triples - predicted_triples)),
        spurious=tuple(sorted(predicted_triples - gold_triples)),
    )


def score_statements(
    gold: Sequence[StatementArticle], analyses: Mapping[str, Analysis]
) -> StatementReport:
    """Score the analyses (by article ref) against the gold; a missing analysis predicts
    no statements."""
    return StatementReport(tuple(score_statement_article(g, analyses.get(g.ref)) for g in gold))


# -- rendering ----------------------------------------------------------------------------------


def statement_report_to_dict(report: StatementReport) -> dict[str, Any]:
    """The report as JSON-ready data: totals, then one entry per article."""
    return {
        "articles": len(report.articles),
        "gold_triples": report.total("gold_triples"),
        "predicted_triples": report.total("predicted_triples"),
        "triple_precision": round(report.triple_precision, 4),
        "triple_recall": round(report.triple_recall, 4),
        "triple_f1": round(report.triple_f1, 4),
        "gold_statements": report.total("gold_statements"),
        "predicted_statements": report.total("predicted_statements"),
        "evidence_precision": round(report.evidence_precision, 4),
        "evidence_recall": round(report.evidence_recall, 4),
        "evidence_f1": round(report.evidence_f1, 4),
        "purity": round(report.purity, 4),
        "inverse_purity": round(report.inverse_purity, 4),
        "per_article": [
            {
                "ref": a.ref,
                "gold_triples": a.gold_triples,
                "predicted_triples": a.predicted_triples,
                "matched_triples": a.matched_triples,
                "paired": a.paired,
                "missed": list(a.missed),
                "spurious": list(a.spurious),
            }
            for a in report.articles
        ],
    }


def format_statement_report(report: StatementReport) -> str:
    """The totals as a small plain-text table."""
    rows = [
        ("articles", f"{len(report.articles)}"),
        ("gold triples", f"{report.total('gold_triples')}"),
        ("predicted triples", f"{report.total('predicted_triples')}"),
        ("triple precision", f"{report.triple_precision:.3f}"),
        ("triple recall", f"{report.triple_recall:.3f}"),
        ("triple F1", f"{report.triple_f1:.3f}"),
        ("gold statements", f"{report.total('gold_statements')}"),
        ("predicted statements", f"{report.total('predicted_statements')}"),
        ("evidence precision", f"{report.evidence_precision:.3f}"),
        ("evidence recall", f"{report.evidence_recall:.3f}"),
        ("evidence F1", f"{report.evidence_f1:.3f}"),
        ("concept purity", f"{report.purity:.3f}"),
        ("inverse purity", f"{report.inverse_purity:.3f}"),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value:>7}" for name, value in rows)
