"""Clusters: the actors of one document while it is read, and the joins made at its end.

In: the mentions ``stancegraph.extract.actors`` reads in document order, each starting or
growing a ``Cluster`` (names, mentions, sentences, role, affiliation, gender, flags). Out: the
same clusters after the end-of-document joins: a lone surname, given name or mis-typed name
joined to the one person it names, a one-word fragment of an institution's name to that
institution, an unnamed title to the one person holding it, and a body named with its country
first to the body named without it. Names are compared folded (``fold``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..types import ActorType
from .lexicons import TITLE_WORDS
from .plover import country_form

__all__ = [
    "OTHER_OFFICE",
    "Cluster",
    "every",
    "fold",
    "join_at_end",
    "similar_surname",
    "surname_key",
    "titles_held",
]

_POSSESSIVE = re.compile(r"\s*['’]s?$")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation: the key names are compared by."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _POSSESSIVE.sub("", plain.lower())
    return " ".join(re.findall(r"[\w]+", plain))


def surname_key(surname: str) -> str:
    """What two surnames share whenever ``similar_surname`` holds: their first four letters."""
    return surname[:4]


def similar_surname(a: str, b: str) -> bool:
    """True for transliteration variants of one surname (Zelenskyy / Zelenskyj / Zelensky)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or a[:4] != b[:4]:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


@dataclass(slots=True)
class Cluster:
    """A growing actor while the document is read."""

    type: ActorType
    names: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    subjects: int = 0
    role: str | None = None
    affiliation: str | None = None
    gender: str = ""
    head: str = ""  # head lemma for groups, documents and titles
    serial: int = 0  # its place among the document's clusters, in the order they were made
    acts: bool = False  # named somewhere as a doer, undergoer or party (see ``_acts``)
    elsewhere: bool = False  # named somewhere other than in someone's title ("NSC spokesman")
    thing: bool | None = None  # every name a building's or a law's ("Al Noor Mosque", "... Act")
    placed: bool | None = None  # every name of an organisation where something is ("at X")
    # Names only ever grow, so what is derived from them is kept until their count changes.
    _derived_for: int = -1
    _tokens: list[str] = field(default_factory=list)
    _folded: frozenset[str] = frozenset()
    _mentioned: set[tuple[int, int]] = field(default_factory=set)  # the mentions, to look up

    def _derive(self) -> None:
        if self._derived_for != len(self.names):
            best = max(self.names, key=lambda n: len(n.split())) if self.names else ""
            self._tokens = fold(best).split()
            self._folded = frozenset(fold(n) for n in self.names)
            self._derived_for = len(self.names)

    @property
    def tokens(self) -> list[str]:
        """The folded words of the cluster's longest name."""
        self._derive()
        return self._tokens

    @property
    def folded(self) -> frozenset[str]:
        """Every name of the cluster, folded."""
        self._derive()
        return self._folded

    def add(self, start: int, end: int, text: str | None, sent: int, subject: bool) -> None:
        if (start, end) not in self._mentioned:
            self._mentioned.add((start, end))
            self.mentions.append((start, end))
            self.sentences.append(sent)
        if text and text not in self.names:
            self.names.append(text)
        if subject:
            self.subjects += 1

    def last_before(self, char: int) -> int:
        """Index of the latest mention ending before ``char``, or -1."""
        best = -1
        for k, (start, _end) in enumerate(self.mentions):
            if start < char and (best < 0 or start > self.mentions[best][0]):
                best = k
        return best


def every(so_far: bool | None, this: bool | None) -> bool | None:
    """Whether every name seen has a property, given the answer so far and this name's (None:
    no name seen yet), as a cluster's ``thing`` and ``placed`` flags are kept."""
    if so_far is None or this is None:
        return this if so_far is None else so_far
    return so_far and this


def _absorb_cluster(target: Cluster, cluster: Cluster) -> None:
    """Move the mentions, names and details of ``cluster`` into ``target``."""
    for (start, end), sent in zip(cluster.mentions, cluster.sentences, strict=True):
        target.add(start, end, None, sent, False)
    target.names.extend(n for n in cluster.names if n not in target.names)
    target.subjects += cluster.subjects
    target.acts = target.acts or cluster.acts
    target.elsewhere = target.elsewhere or cluster.elsewhere
    target.placed = every(target.placed, cluster.placed)
    target.thing = every(target.thing, cluster.thing)
    target.role = target.role or cluster.role
    target.affiliation = target.affiliation or cluster.affiliation
    target.gender = target.gender or cluster.gender


def _join(
    target: Cluster, cluster: Cluster, clusters: list[Cluster], merged_into: dict[int, Cluster]
) -> None:
    """Absorb ``cluster`` into ``target``, record where it went and drop it from ``clusters``."""
    _absorb_cluster(target, cluster)
    merged_into[id(cluster)] = target
    clusters.remove(cluster)


def _given_names(persons: Iterable[Cluster]) -> set[str]:
    return {p.tokens[0] for p in persons if len(p.tokens) > 1}


def _straggler_target(
    cluster: Cluster, by_surname: dict[str, list[Cluster]], given: set[str]
) -> Cluster | None:
    """The one person a lone surname or a mis-typed full name names, if exactly one
    (``by_surname``: the persons under the key of their surname; ``given``: their given names).
    """
    if not cluster.names or cluster.type not in {"person", "organization", "place"}:
        return None
    words = cluster.tokens
    if not words or (cluster.type == "person" and len(words) > 1):
        return None
    persons = by_surname.get(surname_key(words[-1]), [])
    full_name = len(words) == 2 and (
        words[0] in given
        or any(len(p.tokens) == 1 and similar_surname(words[1], p.tokens[0]) for p in persons)
    )
    if len(words) > 1 and not full_name:
        return None
    matches = [
        p
        for p in persons
        if p is not cluster
        and similar_surname(words[-1], p.tokens[-1])
        and (len(words) == 1 or len(p.tokens) == 1 or p.tokens[0] == words[0])
    ]
    return matches[0] if len(matches) == 1 else None


def _merge_one_straggler(clusters: list[Cluster], merged_into: dict[int, Cluster]) -> bool:
    """Merge the first straggler found into its person; whether one was merged."""
    persons = [c for c in clusters if c.type == "person" and c.tokens]
    given = _given_names(persons)
    by_surname: dict[str, list[Cluster]] = {}
    for person in persons:
        by_surname.setdefault(surname_key(person.tokens[-1]), []).append(person)
    for cluster in list(clusters):
        target = _straggler_target(cluster, by_surname, given)
        if target is None:
            continue
        if len(target.tokens) < len(cluster.tokens):
            target, cluster = cluster, target  # keep the fuller name's cluster
            target.type = "person"
        _join(target, cluster, clusters, merged_into)
        return True
    return False


def _merge_given_names(clusters: list[Cluster], merged_into: dict[int, Cluster]) -> None:
    """Join a one-word person that is no one's surname to the one person whose given name it is
    ("Khizr and Ghazala Khan", "Hillary" and "Hillary Clinton"); two such people leave it
    alone."""
    persons = [c for c in clusters if c.type == "person" and len(c.tokens) > 1]
    surnames = {p.tokens[-1] for p in persons}
    for cluster in list(clusters):
        words = cluster.tokens
        if cluster.type != "person" or len(words) != 1 or words[0] in surnames:
            continue
        found = [p for p in persons if p.tokens[0] == words[0]]
        if len(found) == 1:
            _join(found[0], cluster, clusters, merged_into)


def _merge_surname_pairs(clusters: list[Cluster], merged_into: dict[int, Cluster]) -> None:
    """Join a person named only by a double surname ("Glawischnig-Piesczek") to the one person
    whose full name ends with it ("Eva Glawischnig-Piesczek"); two such people leave it alone."""
    persons = [c for c in clusters if c.type == "person" and len(c.tokens) > 2]
    for cluster in list(clusters):
        words = cluster.tokens
        if cluster.type != "person" or len(words) != 2:
            continue
        if not all("-" in n for n in cluster.names):
            continue  # "Luther King" or "Van Buren" may be someone else's name
        found = [p for p in persons if p.tokens[-2:] == words and p is not cluster]
        if len(found) == 1:
            _join(found[0], cluster, clusters, merged_into)


def _merge_fragments(clusters: list[Cluster], merged_into: dict[int, Cluster]) -> None:
    """Join a one-word institution name to the one longer institution name it begins or ends
    ("House" and "Representatives" to "House of Representatives"); two candidates ("House":
    "White House" too) leave it alone."""
    bodies = [c for c in clusters if c.type == "organization" and len(c.tokens) > 1]
    for cluster in list(clusters):
        words = cluster.tokens
        if cluster.type not in {"organization", "place", "group"} or len(words) != 1:
            continue
        found = [b for b in bodies if words[0] in (b.tokens[0], b.tokens[-1])]
        if len(found) == 1:
            _join(found[0], cluster, clusters, merged_into)


def _merge_country_prefixed(clusters: list[Cluster], merged_into: dict[int, Cluster]) -> None:
    """Join an organisation named with its country before the name ("US Supreme Court",
    "United States Democratic Party") to the one named without it ("Supreme Court")."""
    bodies = {key: c for c in clusters if c.type == "organization" for key in c.folded}
    for cluster in list(clusters):
        if cluster.type != "organization":
            continue
        target = next(filter(None, map(_without_country, cluster.names)), None)
        body = bodies.get(fold(target)) if target else None
        if body is not None and body is not cluster:
            _join(body, cluster, clusters, merged_into)


def _without_country(name: str) -> str | None:
    """The rest of a name that begins with a country's name ("US Supreme Court"), else None."""
    words = name.split()
    for k in range(1, min(3, len(words) - 1) + 1):
        if country_form(" ".join(words[:k])):
            return " ".join(words[k:])
    return None


_TITLE_ABBREVIATIONS = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "pres": "president",
    "gen": "general",
    "prof": "professor",
}


# Words that make a title another office ("Vice President", "former Senator", "President-elect").
OTHER_OFFICE = frozenset({"vice", "deputy", "former", "assistant", "ex", "acting", "elect"})


def titles_held(person: Cluster, qualifiers: frozenset[str] = frozenset()) -> set[str]:
    """The title words of a named person's role and names ("Sen." counts as "senator"); none
    when the role is another office than its title word ("Vice President", "President-elect"),
    unless the words asking for the title say so too (``qualifiers``: "the former president")."""
    words = fold(person.role or "").split() + [w for n in person.names for w in fold(n).split()]
    if (OTHER_OFFICE & set(words)) - qualifiers:
        return set()
    return {_TITLE_ABBREVIATIONS.get(w, w) for w in words} & TITLE_WORDS


def _merge_titles(clusters: list[Cluster], merged_into: dict[int, Cluster]) -> None:
    """Join an unnamed title ("a federal judge", "the president") to the one named person of
    the document who holds that title ("U.S. District Judge Gray Miller"), wherever the name
    comes; two holders leave it alone. The title does not become the person's name."""
    named = [c for c in clusters if c.type == "person" and c.head not in TITLE_WORDS]
    for cluster in list(clusters):
        if cluster.type != "person" or cluster.head not in TITLE_WORDS:
            continue
        holders = [p for p in named if cluster.head in titles_held(p)]
        if len(holders) != 1:
            continue
        names = list(holders[0].names)
        _join(holders[0], cluster, clusters, merged_into)
        holders[0].names[:] = names


def join_at_end(clusters: list[Cluster], merged_into: dict[int, Cluster]) -> None:
    """The joins made once the whole document is read, in this order: lone surnames and
    mis-typed names to their person, lone given names and double surnames to theirs, one-word fragments to their institution, unnamed titles
    to the one person holding them, country-prefixed bodies to the body. ``clusters`` loses
    the joined ones; ``merged_into`` maps each joined cluster's id to the cluster it joined."""
    while _merge_one_straggler(clusters, merged_into):
        pass
    _merge_given_names(clusters, merged_into)
    _merge_surname_pairs(clusters, merged_into)
    _merge_fragments(clusters, merged_into)
    _merge_titles(clusters, merged_into)
    _merge_country_prefixed(clusters, merged_into)
