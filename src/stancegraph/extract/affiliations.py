"""Affiliations: the party, body or country an actor belongs to, as the text gives it.

In: a parsed spaCy ``Doc`` and an actor's mentions (spans), role and type. Out: strings an
analyst writes in DNA's "organization" column: a party ("Democratic Party"), a body ("Senate")
or a country ("Poland"), or None when the text gives nothing.

The role phrase beside a name ("Labour MP", "the council's director") is read by
``stancegraph.extract.actors``; what is here reads the rest of the document:

* ``party_said``: a party the text ties a person to away from the name's own modifiers: "X is
  a Republican", "Republican state senators A and B", "Senators A, B and C, all Republicans",
  "X won the Democratic primary";
* ``body_of_role``: the legislative body a title names ("Senate Minority Whip", "Sen.");
* ``document_country`` and ``of_the_state``: the country of a state office or body the text
  does not place ("the Health Minister", "the Ministry of Health"), when one country is the
  story's own: named at least twice and at least twice as often as any other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from .lexicons import PARTY_WORDS
from .plover import country_of

__all__ = [
    "STATE_BODIES",
    "STATE_ROLES",
    "body_of_role",
    "document_country",
    "of_the_state",
    "party_said",
]

# Offices of a state's executive whose holder acts for the country (head words of a role).
STATE_ROLES = frozenset(
    """
    president premier chancellor minister king queen monarch emir sultan ambassador envoy
    """.split()
)
# Head nouns of a state's own bodies ("the Ministry of Health", "the cabinet", "police").
STATE_BODIES = frozenset(
    """
    ministry cabinet government police military army navy parliament congress presidency
    authorities authority
    """.split()
)
# Contests a candidate enters for a party ("won the Democratic primary", "the GOP nomination").
_CONTESTS = frozenset(
    "primary primaries caucus caucuses nomination nominee race debate convention ticket".split()
)
# How a title names the legislative body its holder sits in.
_TITLE_BODIES = {
    "senator": "Senate",
    "sen": "Senate",
    "representative": "House of Representatives",
    "rep": "House of Representatives",
    "congressman": "House of Representatives",
    "congresswoman": "House of Representatives",
}
_BODY_WORDS = frozenset({"senate", "house", "congress", "parliament", "assembly"})
# Words before a body's name that are not part of it ("Former House Speaker", "US Senator").
_NOT_IN_A_NAME = frozenset({"former", "then", "acting", "incoming", "outgoing", "late", "the"})
_CHAIN_DEPS = frozenset({"conj", "appos", "compound"})
_INTERNATIONAL = frozenset({"UNO", "EUR", "IGO", "NGO"})  # bodies above countries
_LIST_WORDS = frozenset({",", "and", "of", "from", "(", ")", "-", "–"})
_LIST_SPAN = 30  # tokens a list of names with their places runs to
_MIN_MENTIONS = 2  # a story's own country is named at least this often
_DOMINANCE = 2  # ... and this many times as often as the next country


def _party_of(token: Token) -> str | None:
    return PARTY_WORDS.get(token.lower_)


def _one_party(tokens: Iterable[Token]) -> str | None:
    """The party the tokens name, when they name exactly one."""
    parties = {p for p in map(_party_of, tokens) if p is not None}
    return parties.pop() if len(parties) == 1 else None


def _modifiers(token: Token) -> list[Token]:
    """The token and its modifiers before it ("the moderate Indiana Democrat")."""
    found = [token]
    for child in token.lefts:
        if child.dep_ in {"amod", "compound", "nmod", "poss"}:
            found.extend(child.subtree)
    return found


def _copula(root: Token) -> str | None:
    """'X is a Republican', 'X is the Republican governor of Florida'."""
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_ != "be":
        return None
    for child in verb.rights:
        if child.dep_ == "attr" and child.pos_ in {"NOUN", "PROPN"}:
            return _one_party(_modifiers(child))
    return None


def _shared_phrase(root: Token) -> str | None:
    """A party named for the whole phrase a name sits in: "Republican state senators A and B",
    "three Republican hopefuls: A, B and C", "A and B, both Democrats"."""
    chain = [root]
    top = root
    while top.dep_ in _CHAIN_DEPS and top.head is not top and len(chain) < 12:
        top = top.head
        chain.append(top)
    if top.pos_ not in {"NOUN", "PROPN"}:
        return None
    tokens = _modifiers(top)
    for node in chain:
        for child in node.children:
            if child.dep_ == "appos" and child.pos_ in {"NOUN", "PROPN"} and child not in chain:
                tokens.extend(_modifiers(child))
    return _one_party(tokens)


def _list_apposition(root: Token) -> str | None:
    """'Senators A of Ohio, B of Iowa and C of Utah, all Republicans': a name in a list that
    ends in "all" or "both" and a party word."""
    doc = root.doc
    k = root.i + 1
    while k < len(doc) - 1 and k - root.i <= _LIST_SPAN:
        token = doc[k]
        if token.lower_ in {"all", "both"}:
            return PARTY_WORDS.get(doc[k + 1].lower_)
        if not (token.pos_ == "PROPN" or token.lower_ in _LIST_WORDS):
            return None
        k += 1
    return None


def _contest(root: Token) -> str | None:
    """'X won the Democratic primary', 'X dropped out of the GOP race', 'X's lead for the
    Democratic nomination'."""
    if root.dep_ not in {"nsubj", "poss"}:
        return None
    verb = root.head  # or the noun of "X's bid for the GOP nomination"
    objects = [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
    for prep in (c for c in verb.children if c.dep_ in {"prep", "prt"}):
        objects += [c for c in prep.children if c.dep_ == "pobj"]
        for inner in (c for c in prep.children if c.dep_ == "prep"):
            objects += [c for c in inner.children if c.dep_ == "pobj"]  # "out of the race"
    for obj in objects:
        if obj.lemma_.lower() in _CONTESTS or obj.lower_ in _CONTESTS:
            party = _one_party(t for t in obj.subtree if t.i < obj.i)
            if party is not None:
                return party
    return None


def party_said(mentions: Iterable[Span]) -> str | None:
    """The one party the text ties an actor to through any of its mentions, or None when it
    names none or more than one."""
    parties = set()
    for span in mentions:
        root = span.root
        for reader in (_copula, _shared_phrase, _list_apposition, _contest):
            party = reader(root)
            if party is not None:
                parties.add(party)
    return parties.pop() if len(parties) == 1 else None


def body_of_role(role: str) -> str | None:
    """The legislative body a role names: "Senate Minority Whip" (Senate), "White House press
    secretary" (White House), "State Senator" and "Sen." (Senate), "Rep." (House of
    Representatives)."""
    words = role.replace(".", " ").split()
    for k, word in enumerate(words):
        if word[:1].isupper() and word.lower() in _BODY_WORDS:
            start = k
            while start > 0 and words[start - 1][:1].isupper():
                start -= 1
            while start < k and words[start].lower() in _NOT_IN_A_NAME:
                start += 1
            return " ".join(words[start : k + 1])
    for word in words:
        body = _TITLE_BODIES.get(word.lower())
        if body is not None:
            return body
    return None


def document_country(doc: Doc) -> str | None:
    """The story's own country: the country its names and nationality words name most, at
    least ``_MIN_MENTIONS`` times and ``_DOMINANCE`` times as often as any other."""
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ in {"GPE", "NORP"}:
            found = country_of(ent.text)
            if found is not None and found[1] not in _INTERNATIONAL:
                counts[found[0]] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < _MIN_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[0][1] < _DOMINANCE * ranked[1][1]:
        return None
    return ranked[0][0]


def of_the_state(kind: str, name: str, role: str | None) -> bool:
    """Whether an actor is an office or body of a state: a person whose role is an executive
    office ("Prime Minister", "deputy health minister"), or an organisation whose name is a
    state body ("Ministry of Health", "the cabinet")."""
    if kind == "person":
        words = (role or "").lower().replace("-", " ").split()
        return bool(words) and any(w in STATE_ROLES for w in words[-2:])
    if kind == "organization":
        words = name.lower().split()
        return bool(words) and (words[0] in STATE_BODIES or words[-1] in STATE_BODIES)
    return False
