"""Codebooks: the concepts statements are coded against, and the actors a user names.

In: a YAML file (``load_codebook``), a mapping (``codebook_from_dict``) or analyses whose
statements were coded without a codebook (``suggest_concepts``). Out: a frozen ``Codebook``;
``dump_codebook`` writes one back as YAML a person can edit, and ``apply_actors`` lets the
codebook's actor entries override the names, types and affiliations the text suggests.

The file format, after the codebooks of Discourse Network Analyzer (DNA)::

    concepts:
      - id: port-expansion            # unique; statements carry it
        label: port expansion         # what tables and networks show
        description: Expanding the container terminal.
        keywords: [terminal expansion, new berth]   # matched by lemma, case-insensitively
        patterns: ['\\bexpan(d|sion)']             # Python regular expressions
        parent: port-development      # optional: another concept's id
    actors:
      - name: Helena Brandt           # the canonical name
        aliases: [Brandt, the mayor]
        type: person                  # person, organization, country, place, group, document
        affiliation: City council
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast, get_args

import yaml

from ..errors import InputError
from ..types import Actor, ActorType, Analysis

__all__ = [
    "ActorEntry",
    "Codebook",
    "Concept",
    "apply_actors",
    "codebook_from_dict",
    "codebook_to_dict",
    "dump_codebook",
    "load_codebook",
    "slug",
    "suggest_concepts",
]

_CONCEPT_FIELDS = {"id", "label", "description", "keywords", "patterns", "parent"}
_ACTOR_FIELDS = {"name", "aliases", "type", "affiliation"}
_TOP_FIELDS = {"concepts", "actors", "version", "title", "description"}
_ACTOR_TYPES = frozenset(get_args(ActorType))


@dataclass(frozen=True, slots=True)
class Concept:
    """One issue or claim actors take positions on."""

    id: str
    label: str
    description: str = ""
    keywords: tuple[str, ...] = ()  # phrases matched by lemma
    patterns: tuple[str, ...] = ()  # regular expressions matched on the text
    parent: str | None = None  # another concept's id

    def terms(self) -> tuple[str, ...]:
        """The label and keywords: every phrase that names the concept."""
        return (self.label, *self.keywords)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """An actor as the user wants it named; overrides what the text suggests."""

    name: str
    aliases: tuple[str, ...] = ()
    type: ActorType | None = None
    affiliation: str | None = None

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Codebook:
    """Concepts (unique ids, parents known) and optional actor entries."""

    concepts: tuple[Concept, ...]
    actors: tuple[ActorEntry, ...] = ()
    title: str | None = None
    _by_id: Mapping[str, Concept] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self._by_id:
            object.__setattr__(self, "_by_id", {c.id: c for c in self.concepts})

    def concept(self, concept_id: str) -> Concept | None:
        """The concept with this id, or None."""
        return self._by_id.get(concept_id)

    def ancestors(self, concept_id: str) -> tuple[str, ...]:
        """Ids of the concept's parent, grandparent, ... (nearest first)."""
        out: list[str] = []
        current = self._by_id.get(concept_id)
        while current is not None and current.parent and current.parent not in out:
            out.append(current.parent)
            current = self._by_id.get(current.parent)
        return tuple(out)

    def actor_entry(self, name: str) -> ActorEntry | None:
        """The actor entry one of whose names equals ``name`` (case and spacing ignored)."""
        key = _fold(name)
        for entry in self.actors:
            if any(_fold(n) == key for n in entry.names()):
                return entry
        return None


def _fold(name: str) -> str:
    name = " ".join(name.lower().split())
    return name[4:] if name.startswith("the ") else name


def slug(text: str) -> str:
    """A concept id made from a phrase: lower case, words joined by hyphens."""
    words = re.findall(r"[^\W_]+", text.lower())
    return "-".join(words) or "concept"


# -- reading -----------------------------------------------------------------------------------


class _Bad(Exception):
    """A problem in the codebook's content; load_codebook adds the file name."""


def _string(value: Any, where: str, *, required: bool = True) -> str | None:
    if value is None:
        if required:
            raise _Bad(f"{where} is missing")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _Bad(f"{where} must be text, not {type(value).__name__}")
    text = " ".join(str(value).split())
    if required and not text:
        raise _Bad(f"{where} is empty")
    return text or None


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise _Bad(f"{where} must be a list of text")
    out = []
    for k, item in enumerate(value):
        text = _string(item, f"{where}[{k}]")
        assert text is not None
        out.append(text)
    return tuple(out)


def _check_fields(entry: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(str(k) for k in entry if k not in allowed)
    if unknown:
        raise _Bad(
            f"{where} has unknown field {unknown[0]!r} (known: {', '.join(sorted(allowed))})"
        )


def _concept(raw: Any, k: int) -> Concept:
    where = f"concepts[{k}]"
    if not isinstance(raw, Mapping):
        raise _Bad(f"{where} must be a mapping with id and label")
    _check_fields(raw, _CONCEPT_FIELDS, where)
    concept_id = _string(raw.get("id"), f"{where}.id")
    assert concept_id is not None
    where = f"concept {concept_id!r}"
    label = _string(raw.get("label"), f"{where}: label")
    assert label is not None
    patterns = _strings(raw.get("patterns"), f"{where}: patterns")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as err:
            raise _Bad(f"{where}: pattern {pattern!r} is not a regular expression ({err})") from err
    return Concept(
        id=concept_id,
        label=label,
        description=_string(raw.get("description"), f"{where}: description", required=False) or "",
        keywords=_strings(raw.get("keywords"), f"{where}: keywords"),
        patterns=patterns,
        parent=_string(raw.get("parent"), f"{where}: parent", required=False),
    )


def _actor_entry(raw: Any, k: int) -> ActorEntry:
    where = f"actors[{k}]"
    if not isinstance(raw, Mapping):
        raise _Bad(f"{where} must be a mapping with a name")
    _check_fields(raw, _ACTOR_FIELDS, where)
    name = _string(raw.get("name"), f"{where}.name")
    assert name is not None
    kind = _string(raw.get("type"), f"actor {name!r}: type", required=False)
    if kind is not None and kind not in _ACTOR_TYPES:
        raise _Bad(f"actor {name!r}: type {kind!r} is not one of {', '.join(sorted(_ACTOR_TYPES))}")
    return ActorEntry(
        name=name,
        aliases=_strings(raw.get("aliases"), f"actor {name!r}: aliases"),
        type=cast("ActorType | None", kind),
        affiliation=_string(raw.get("affiliation"), f"actor {name!r}: affiliation", required=False),
    )


def codebook_from_dict(data: Any) -> Codebook:
    """A codebook from parsed YAML or JSON; raises ValueError with a one-line reason."""
    try:
        return _from_dict(data)
    except _Bad as err:
        raise ValueError(str(err)) from err


def _from_dict(data: Any) -> Codebook:
    if not isinstance(data, Mapping):
        raise _Bad("the top level must be a mapping with a 'concepts' list")
    _check_fields(data, _TOP_FIELDS, "the codebook")
    raw_concepts = data.get("concepts")
    if raw_concepts is None:
        raise _Bad("no 'concepts' list")
    if not isinstance(raw_concepts, list):
        raise _Bad("'concepts' must be a list")
    concepts = [_concept(raw, k) for k, raw in enumerate(raw_concepts)]
    seen: set[str] = set()
    for concept in concepts:
        if concept.id in seen:
            raise _Bad(f"duplicate concept id {concept.id!r}")
        seen.add(concept.id)
    for concept in concepts:
        if concept.parent is not None and concept.parent not in seen:
            raise _Bad(f"concept {concept.id!r}: parent {concept.parent!r} is not a concept id")
    parents = {c.id: c.parent for c in concepts}
    for concept in concepts:
        chain = [concept.id]
        up = parents[concept.id]
        while up is not None:
            if up in chain:
                raise _Bad(f"concept {concept.id!r}: parents form a cycle ({' -> '.join(chain)})")
            chain.append(up)
            up = parents[up]
    raw_actors = data.get("actors") or []
    if not isinstance(raw_actors, list):
        raise _Bad("'actors' must be a list")
    actors = [_actor_entry(raw, k) for k, raw in enumerate(raw_actors)]
    names: dict[str, str] = {}
    for entry in actors:
        for name in entry.names():
            other = names.setdefault(_fold(name), entry.name)
            if other != entry.name:
                raise _Bad(f"actor name {name!r} belongs to both {other!r} and {entry.name!r}")
    title = _string(data.get("title"), "title", required=False)
    return Codebook(concepts=tuple(concepts), actors=tuple(actors), title=title)


def load_codebook(path: str | Path) -> Codebook:
    """Read a YAML codebook; raise InputError naming the file and the problem in one line."""
    source = str(path)
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise InputError("codebook not found", source=source) from err
    except IsADirectoryError as err:
        raise InputError("codebook is a folder, not a YAML file", source=source) from err
    except UnicodeDecodeError as err:
        raise InputError("codebook is not UTF-8 text", source=source) from err
    except OSError as err:
        raise InputError(f"cannot read codebook ({err.strerror or err})", source=source) from err
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or type(err).__name__
        raise InputError(f"bad YAML{where}: {problem}", source=source) from err
    if data is None:
        raise InputError("codebook is empty", source=source)
    try:
        return _from_dict(data)
    except _Bad as err:
        raise InputError(str(err), source=source) from err


# -- writing -----------------------------------------------------------------------------------


def codebook_to_dict(codebook: Codebook) -> dict[str, Any]:
    """The codebook as plain data in the file format (empty optional fields left out)."""
    concepts: list[dict[str, Any]] = []
    for c in codebook.concepts:
        item: dict[str, Any] = {"id": c.id, "label": c.label}
        if c.description:
            item["description"] = c.description
        if c.keywords:
            item["keywords"] = list(c.keywords)
        if c.patterns:
            item["patterns"] = list(c.patterns)
        if c.parent:
            item["parent"] = c.parent
        concepts.append(item)
    out: dict[str, Any] = {}
    if codebook.title:
        out["title"] = codebook.title
    out["concepts"] = concepts
    if codebook.actors:
        actors: list[dict[str, Any]] = []
        for a in codebook.actors:
            entry: dict[str, Any] = {"name": a.name}
            if a.aliases:
                entry["aliases"] = list(a.aliases)
            if a.type:
                entry["type"] = a.type
            if a.affiliation:
                entry["affiliation"] = a.affiliation
            actors.append(entry)
        out["actors"] = actors
    return out


_HEADER = """\
# stancegraph codebook. Edit freely, then: stancegraph analyze --codebook THIS_FILE ...
# Each concept: id (unique), label, optional description, keywords (matched by lemma),
# patterns (regular expressions) and parent (another concept's id).
"""


def dump_codebook(codebook: Codebook, path: str | Path) -> None:
    """Write the codebook as commented YAML that ``load_codebook`` reads back unchanged."""
    body = yaml.safe_dump(
        codebook_to_dict(codebook), sort_keys=False, allow_unicode=True, width=100
    )
    try:
        Path(path).write_text(_HEADER + body, encoding="utf-8")
    except OSError as err:
        raise InputError(
            f"cannot write codebook ({err.strerror or err})", source=str(path)
        ) from err


# -- actor entries -----------------------------------------------------------------------------


def apply_actors(analysis: Analysis, codebook: Codebook | None) -> Analysis:
    """The analysis with actors renamed, retyped and merged as the codebook's entries say.

    An actor matches an entry when its name or one of its aliases is one of the entry's names.
    Actors that match the same entry become one (the first keeps its id; quotes and statements
    that named the others now name it).
    """
    if codebook is None or not codebook.actors:
        return analysis
    keep: dict[str, Actor] = {}  # entry name -> merged actor
    rename: dict[str, str] = {}  # old actor id -> kept actor id
    order: list[str | Actor] = []  # entry names (merged slots) and untouched actors, in order
    for actor in analysis.actors:
        entry = next(
            (e for n in (actor.name, *actor.aliases) if (e := codebook.actor_entry(n))), None
        )
        if entry is None:
            order.append(actor)
            continue
        previous = keep.get(entry.name)
        if previous is None:
            aliases = [n for n in (actor.name, *actor.aliases, *entry.aliases) if n != entry.name]
            keep[entry.name] = replace(
                actor,
                name=entry.name,
                type=entry.type or actor.type,
                affiliation=entry.affiliation or actor.affiliation,
                aliases=tuple(dict.fromkeys(aliases)),
            )
            order.append(entry.name)
            continue
        rename[actor.id] = previous.id
        aliases = [*previous.aliases, *(n for n in (actor.name, *actor.aliases) if n != entry.name)]
        keep[entry.name] = replace(
            previous,
            aliases=tuple(dict.fromkeys(aliases)),
            mentions=tuple(sorted(set(previous.mentions) | set(actor.mentions))),
            role=previous.role or actor.role,
        )
    actors = tuple(keep[item] if isinstance(item, str) else item for item in order)
    quotes = tuple(
        replace(q, speaker=rename[q.speaker]) if q.speaker in rename else q for q in analysis.quotes
    )
    statements = tuple(
        replace(s, actor=rename[s.actor]) if s.actor in rename else s for s in analysis.statements
    )
    events = tuple(
        replace(
            e,
            source=replace(e.source, actor=rename[e.source.actor])
            if e.source is not None and e.source.actor in rename
            else e.source,
            target=replace(e.target, actor=rename[e.target.actor])
            if e.target is not None and e.target.actor in rename
            else e.target,
        )
        for e in analysis.events
    )
    return replace(analysis, actors=actors, quotes=quotes, statements=statements, events=events)


# -- concept discovery -------------------------------------------------------------------------

_STOP = frozenset(
    """
    a an the this that these those of to for in on at by with from and or but not no its their
    his her our my your be is are was were been it they he she we i you as into about over than
    """.split()
)


def _stems(phrase: str) -> frozenset[str]:
    """Content words of a key phrase, crudely stemmed so 'expansion' and 'expand' meet."""
    out = set()
    for word in re.findall(r"[^\W_]+", phrase.lower()):
        if word in _STOP or word.isdigit():
            continue
        out.add(word[:5] if len(word) > 5 else word)
    return frozenset(out)


@dataclass(slots=True)
class _Cluster:
    phrases: Counter[str]
    stems: Counter[str]
    documents: set[str]
    statements: int = 0


def _similarity(a: Counter[str], b: frozenset[str], idf: Mapping[str, float]) -> float:
    """Weighted overlap of a cluster's stems with a phrase's stems (cosine on IDF weights)."""
    if not a or not b:
        return 0.0
    total = sum(a.values())
    dot = sum((a[s] / total) * idf[s] ** 2 for s in b if s in a)
    norm_a = math.sqrt(sum((n / total * idf[s]) ** 2 for s, n in a.items()))
    norm_b = math.sqrt(sum(idf[s] ** 2 for s in b))
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


def suggest_concepts(
    analyses: Iterable[Analysis],
    *,
    max_concepts: int = 30,
    min_statements: int = 2,
    threshold: float = 0.5,
) -> Codebook:
    """A draft codebook from the key phrases of statements across documents.

    Statements coded without a codebook name what they address by a key phrase (their
    ``concept_label``). Phrases are grouped greedily, most frequent first: a phrase joins the
    cluster whose content words it shares most, by IDF-weighted cosine, when that reaches
    ``threshold``; otherwise it starts a cluster. Clusters with fewer than ``min_statements``
    statements are dropped; the ``max_concepts`` largest are kept (ties: more documents, then
    alphabetical). Each is named by its most frequent phrase; the others become keywords.
    Deterministic: the same analyses give the same codebook.
    """
    counts: Counter[str] = Counter()
    docs_of: defaultdict[str, set[str]] = defaultdict(set)
    for analysis in analyses:
        for statement in analysis.statements:
            phrase = " ".join(statement.concept_label.lower().split())
            if not _stems(phrase):
                continue
            counts[phrase] += 1
            docs_of[phrase].add(analysis.document.id)
    if not counts:
        return Codebook(concepts=())
    # Document frequency of stems over phrases: common words weigh less.
    df: Counter[str] = Counter()
    for phrase in counts:
        df.update(_stems(phrase))
    n = len(counts)
    idf = {s: math.log((1 + n) / (1 + k)) + 1.0 for s, k in df.items()}
    clusters: list[_Cluster] = []
    for phrase in sorted(counts, key=lambda p: (-counts[p], -len(docs_of[p]), p)):
        stems = _stems(phrase)
        best, best_score = None, threshold
        for cluster in clusters:
            score = _similarity(cluster.stems, stems, idf)
            if score >= best_score + 1e-12 or (best is None and score >= threshold):
                best, best_score = cluster, score
        if best is None:
            best = _Cluster(Counter(), Counter(), set())
            clusters.append(best)
        best.phrases[phrase] += counts[phrase]
        best.stems.update({s: counts[phrase] for s in stems})
        best.documents |= docs_of[phrase]
        best.statements += counts[phrase]
    kept = [c for c in clusters if c.statements >= min_statements]
    kept.sort(key=lambda c: (-c.statements, -len(c.documents), _name(c)))
    concepts: list[Concept] = []
    used: set[str] = set()
    for cluster in kept[:max_concepts]:
        label = _name(cluster)
        concept_id = slug(label)
        k = 2
        while concept_id in used:
            concept_id, k = f"{slug(label)}-{k}", k + 1
        used.add(concept_id)
        keywords = tuple(p for p, _ in _ranked(cluster.phrases) if p != label)
        concepts.append(
            Concept(
                id=concept_id,
                label=label,
                description=(
                    f"Suggested from {cluster.statements} statements in "
                    f"{len(cluster.documents)} document(s)."
                ),
                keywords=keywords[:10],
            )
        )
    return Codebook(concepts=tuple(concepts))


def _ranked(phrases: Counter[str]) -> list[tuple[str, int]]:
    return sorted(phrases.items(), key=lambda item: (-item[1], len(item[0]), item[0]))


def _name(cluster: _Cluster) -> str:
    return _ranked(cluster.phrases)[0][0]
