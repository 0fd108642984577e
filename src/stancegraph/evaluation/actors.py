"""Scoring a document's actor list against an analyst's hand-made one.

In: a gold JSON Lines file read by ``load_actor_gold``, one article per line::

    {"ref": "wikinews_2019.csv#row=17", "title": "...",
     "actors": [{"name": "Nancy Pelosi", "type": "person", "affiliation": "Democratic Party",
                 "forms": ["Nancy Pelosi", "Pelosi", "the Speaker"]}, ...]}

where ``ref`` points into a data folder (``wikinews_YEAR.csv#row=N``: row N, counted from 0, of
``wikinews/wikinews_YEAR.csv``; ``polnear/train/NAME.txt``: ``polnear/data/train/text/NAME.txt``)
so that gold files need not hold the texts; and the machine's analyses of those texts, by ref.

Out: ``score_actors`` returns an ``ActorReport``; ``format_actor_report`` and
``actor_report_to_dict`` render it. Nothing here prints; unreadable gold raises ``GoldError``
naming the file and line.

Matching. A surface form is compared folded: Unicode-normalised, lower-case, without periods,
a leading "the" or a trailing possessive, spaces collapsed ("the U.S." = "US"); a gold person's
form also counts without the titles before the name ("President Trump" = "Trump"). A predicted
actor's forms are its name, its aliases and the text of its mentions; it matches the gold actor
sharing the most forms with it (ties: the earlier gold actor), or none.

Measures (micro-averaged over articles): precision = matched predicted actors / predicted
actors; recall = gold actors with at least one match / gold actors; split rate = matched
predicted actors / gold actors found (1.0 when every gold actor is one predicted actor); junk
= unmatched predicted actors per article; type accuracy = matched predicted actors whose type
is the gold type; affiliation accuracy = over matched predicted actors whose gold actor has an
affiliation, those whose affiliation folds to the gold one or to one of that actor's forms.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import GoldError
from ..extract.lexicons import TITLE_WORDS
from ..read.clean import document_from_text, split_title
from ..types import Actor, Analysis, Document
from .measures import ratio

__all__ = [
    "ActorReport",
    "ArticleScore",
    "GoldActor",
    "GoldArticle",
    "actor_report_to_dict",
    "article_document",
    "fold_form",
    "format_actor_report",
    "gold_actor",
    "load_actor_gold",
    "match_actors",
    "read_ref",
    "score_actors",
    "score_article",
]

_TYPES = frozenset({"person", "organization", "country", "group", "document", "place"})
_WIKINEWS_REF = re.compile(r"^(wikinews_\d{4}\.csv)#row=(\d+)$")
_POLNEAR_REF = re.compile(r"^polnear/(train|dev)/([\w.\-]+\.txt)$")


@dataclass(frozen=True, slots=True)
class GoldActor:
    """One actor as the analyst lists it."""

    name: str
    type: str
    affiliation: str | None
    forms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """An article's text (read through its ref) and its gold actors."""

    ref: str
    title: str
    text: str
    actors: tuple[GoldActor, ...]


@dataclass(frozen=True, slots=True)
class ArticleScore:
    """What matched in one article."""

    ref: str
    predicted: int
    gold: int
    matched: int  # predicted actors matched to a gold actor
    found: int  # gold actors with at least one match
    type_right: int
    affiliation_asked: int
    affiliation_right: int
    junk: tuple[str, ...]  # names of unmatched predicted actors
    missed: tuple[str, ...]  # names of gold actors nothing matched
    split: tuple[str, ...]  # names of gold actors matched by more than one predicted actor


@dataclass(frozen=True, slots=True)
class ActorReport:
    """Actor precision, recall, split rate and junk over a gold set."""

    articles: tuple[ArticleScore, ...]

    def _sum(self, field: str) -> int:
        return sum(int(getattr(a, field)) for a in self.articles)

    @property
    def precision(self) -> float:
        return ratio(self._sum("matched"), self._sum("predicted"))

    @property
    def recall(self) -> float:
        return ratio(self._sum("found"), self._sum("gold"))

    @property
    def split_rate(self) -> float:
        return ratio(self._sum("matched"), self._sum("found"))

    @property
    def junk_per_article(self) -> float:
        return ratio(sum(len(a.junk) for a in self.articles), len(self.articles))

    @property
    def type_accuracy(self) -> float:
        return ratio(self._sum("type_right"), self._sum("matched"))

    @property
    def affiliation_accuracy(self) -> float:
        return ratio(self._sum("affiliation_right"), self._sum("affiliation_asked"))


def fold_form(form: str) -> str:
    """A surface form as it is compared: "the U.S.'s" and "US" fold alike."""
    text = unicodedata.normalize("NFKC", form).casefold().replace(".", "")
    text = re.sub(r"['’]s?$", "", " ".join(text.split()))
    text = re.sub(r"^the ", "", text)
    return text.strip()


# -- gold ---------------------------------------------------------------------------------------


def read_ref(ref: str, data: Path) -> str:
    """The text an article reference points to under the data folder ``data``."""
    wikinews = _WIKINEWS_REF.match(ref)
    if wikinews:
        return _wikinews_row(data / "wikinews" / wikinews.group(1), int(wikinews.group(2)), ref)
    polnear = _POLNEAR_REF.match(ref)
    if polnear:
        path = data / "polnear" / "data" / polnear.group(1) / "text" / polnear.group(2)
        try:
            return path.read_text(encoding="utf-8")
        except OSError as err:
            raise GoldError(f"cannot read {path}: {err.strerror}", source=ref) from err
    raise GoldError(
        "not an article reference (wikinews_YEAR.csv#row=N or polnear/train/NAME.txt)", source=ref
    )


def _wikinews_row(path: Path, row: int, ref: str) -> str:
    csv.field_size_limit(sys.maxsize)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for n, record in enumerate(csv.DictReader(handle)):
                if n == row:
                    return str(record.get("text") or "")
    except OSError as err:
        raise GoldError(f"cannot read {path}: {err.strerror}", source=ref) from err
    raise GoldError(f"{path.name} has no row {row}", source=ref)


def load_actor_gold(path: str | Path, data: str | Path) -> list[GoldArticle]:
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
            where = f"{gold_path}:{number}"
            record = _record(line, where)
            articles.append(_article(record, Path(data), where))
    return articles


def article_document(article: GoldArticle) -> Document:
    """The article as a user's reading of it is analysed: a text file's first line is its
    headline, a Wikinews row has its title apart, and the body is cleaned of page furniture
    (picture credits, datelines, "Follow X on Twitter") like any document read from disk."""
    if _POLNEAR_REF.match(article.ref):
        title, body = split_title(article.text)
    else:
        title, body = article.title or None, article.text
    return document_from_text(body, doc_id=article.ref, title=title)


def _record(line: str, where: str) -> Mapping[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise GoldError(f"not JSON ({err.msg})", source=where) from err
    if not isinstance(record, dict) or not isinstance(record.get("ref"), str):
        raise GoldError('a gold line is an object with a "ref" string', source=where)
    if not isinstance(record.get("actors"), list):
        raise GoldError('a gold line has an "actors" list', source=where)
    return record


def _article(record: Mapping[str, Any], data: Path, where: str) -> GoldArticle:
    actors = tuple(gold_actor(a, where) for a in record["actors"])
    try:
        text = read_ref(record["ref"], data)
    except GoldError as err:
        raise GoldError(str(err), source=where) from err
    return GoldArticle(record["ref"], str(record.get("title") or ""), text, actors)


def gold_actor(value: Any, where: str) -> GoldActor:
    """One actor of a gold line (``where`` names the line in errors)."""
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        raise GoldError('each actor is an object with a "name"', source=where)
    kind = value.get("type")
    if kind not in _TYPES:
        raise GoldError(f"actor {value['name']!r} has an unknown type {kind!r}", source=where)
    forms = value.get("forms") or [value["name"]]
    if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
        raise GoldError(f"actor {value['name']!r}: forms is a list of strings", source=where)
    affiliation = value.get("affiliation")
    return GoldActor(
        name=value["name"],
        type=kind,
        affiliation=affiliation if isinstance(affiliation, str) and affiliation else None,
        forms=tuple(dict.fromkeys([value["name"], *forms])),
    )


# -- matching and scoring -----------------------------------------------------------------------


def _forms(gold: GoldActor) -> list[str]:
    """A gold actor's forms, and a person's forms also without a title before the name
    ("President Trump" is "Trump" too): a title is not part of a name."""
    forms = list(gold.forms)
    if gold.type == "person":
        forms += [name for name in map(_untitled, gold.forms) if name]
    return forms


def _untitled(form: str) -> str | None:
    words = form.split()
    k = 0
    while k < len(words) - 1 and words[k].casefold() in TITLE_WORDS:
        k += 1
    rest = words[k:]
    return " ".join(rest) if k and rest[0][:1].isupper() else None


def _predicted_forms(actor: Actor, text: str) -> set[str]:
    surfaces = [actor.name, *actor.aliases, *(text[s:e] for s, e in actor.mentions)]
    return {f for f in (fold_form(s) for s in surfaces) if f}


def match_actors(
    predicted: Sequence[Actor], gold: Sequence[GoldActor], text: str
) -> list[int | None]:
    """For each predicted actor, the index of the gold actor it matches, or None."""
    gold_forms = [{fold_form(f) for f in _forms(g)} - {""} for g in gold]
    matches: list[int | None] = []
    for actor in predicted:
        forms = _predicted_forms(actor, text)
        shared = [len(forms & g) for g in gold_forms]
        best = max(range(len(gold)), key=lambda k: (shared[k], -k), default=None)
        matches.append(best if best is not None and shared[best] > 0 else None)
    return matches


def _affiliation_right(actor: Actor, gold: GoldActor, gold_set: Sequence[GoldActor]) -> bool:
    if not actor.affiliation or gold.affiliation is None:
        return False
    said = fold_form(actor.affiliation)
    if said == fold_form(gold.affiliation):
        return True
    named = [g for g in gold_set if fold_form(g.name) == fold_form(gold.affiliation)]
    return any(said in {fold_form(f) for f in g.forms} for g in named)


def score_article(article: GoldArticle, analysis: Analysis | None) -> ArticleScore:
    """Match one article's predicted actors to its gold actors."""
    predicted = analysis.actors if analysis is not None else ()
    text = analysis.document.text if analysis is not None else article.text
    matches = match_actors(predicted, article.actors, text)
    hits: dict[int, int] = {}
    for k in matches:
        if k is not None:
            hits[k] = hits.get(k, 0) + 1
    pairs = [
        (a, article.actors[k]) for a, k in zip(predicted, matches, strict=True) if k is not None
    ]
    asked = [(a, g) for a, g in pairs if g.affiliation is not None]
    return ArticleScore(
        ref=article.ref,
        predicted=len(predicted),
        gold=len(article.actors),
        matched=len(pairs),
        found=len(hits),
        type_right=sum(a.type == g.type for a, g in pairs),
        affiliation_asked=len(asked),
        affiliation_right=sum(_affiliation_right(a, g, article.actors) for a, g in asked),
        junk=tuple(a.name for a, k in zip(predicted, matches, strict=True) if k is None),
        missed=tuple(g.name for k, g in enumerate(article.actors) if k not in hits),
        split=tuple(article.actors[k].name for k, n in sorted(hits.items()) if n > 1),
    )


def score_actors(gold: Sequence[GoldArticle], analyses: Mapping[str, Analysis]) -> ActorReport:
    """Score the analyses (by article ref) against the gold articles; a missing analysis
    predicts no actors."""
    return ActorReport(tuple(score_article(g, analyses.get(g.ref)) for g in gold))


# -- rendering ----------------------------------------------------------------------------------


def actor_report_to_dict(report: ActorReport) -> dict[str, Any]:
    """The report as JSON-ready data: totals, then one entry per article."""
    return {
        "articles": len(report.articles),
        "precision": round(report.precision, 4),
        "recall": round(report.recall, 4),
        "split_rate": round(report.split_rate, 4),
        "junk_per_article": round(report.junk_per_article, 4),
        "type_accuracy": round(report.type_accuracy, 4),
        "affiliation_accuracy": round(report.affiliation_accuracy, 4),
        "per_article": [
            {
                "ref": a.ref,
                "predicted": a.predicted,
                "gold": a.gold,
                "matched": a.matched,
                "found": a.found,
                "junk": list(a.junk),
                "missed": list(a.missed),
                "split": list(a.split),
            }
            for a in report.articles
        ],
    }


def format_actor_report(report: ActorReport) -> str:
    """The totals as a small plain-text table."""
    predicted = sum(a.predicted for a in report.articles)
    gold = sum(a.gold for a in report.articles)
    rows = [
        ("articles", f"{len(report.articles)}"),
        ("gold actors", f"{gold}"),
        ("predicted actors", f"{predicted}"),
        ("precision", f"{report.precision:.3f}"),
        ("recall", f"{report.recall:.3f}"),
        ("split rate", f"{report.split_rate:.3f}"),
        ("junk per article", f"{report.junk_per_article:.2f}"),
        ("type accuracy", f"{report.type_accuracy:.3f}"),
        ("affiliation accuracy", f"{report.affiliation_accuracy:.3f}"),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value:>7}" for name, value in rows)
