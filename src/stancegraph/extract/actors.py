"""Actors: named people, organisations, places and groups, clustered into one entry per actor.

In: a parsed spaCy ``Doc`` and, optionally, extra speaker spans found by the quote extractor
(pronouns, titles such as "the president", groups such as "30 Democratic lawmakers", documents
such as "the letter"). Out: an ``ActorTable`` of frozen ``Actor``
entries (fullest name, type, aliases, every mention's character offsets, role, affiliation) and the
actor id each extra span resolves to.

Coreference is rule based, in the spirit of deterministic name clustering plus salience-ranked
pronoun resolution:

* names cluster when they are equal after folding case and accents, when one is the surname or
  the given name of the other, or when surnames differ only by transliteration (Zelenskyy,
  Zelenskyj, Zelensky); a lone surname tagged as an organisation joins the person it names;
* titles ("the president", "the senator") resolve to the latest person whose role holds the
  title, or at the end to the one person holding it;
* groups and documents resolve to an earlier group or document with the same head noun, and a
  document that speaks to the author the text names ("a letter signed by X");
* he/she/they/it/we resolve to the most salient compatible actor of the last few sentences:
  recency, being the latest speaker, subject position and gender (from titles, role nouns, given
  names and earlier pronouns) decide.

The clusters and the joins made when the whole document is read are in
``stancegraph.extract.clusters``; bystanders (places that only locate, bodies named only in a
title, buildings and laws) are marked here and left out by the pipeline unless they speak.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..types import Actor, ActorType
from .affiliations import body_of_role, document_country, of_the_state, party_said
from .clusters import (
    OTHER_OFFICE,
    Cluster,
    every,
    fold,
    join_at_end,
    similar_surname,
    surname_key,
    titles_held,
)
from .lexicons import (
    AUTHOR_VERBS,
    COUNTRIES,
    COUNTRY_NAMES,
    DOCUMENT_NOUNS,
    FACILITY_NOUNS,
    FEMALE_NAMES,
    FEMALE_WORDS,
    GOVERNMENT_SEATS,
    GROUP_NOUNS,
    LAW_NOUNS,
    MALE_NAMES,
    MALE_WORDS,
    ORGANIZATION_NOUNS,
    PARTY_WORDS,
    PLATFORMS,
    PRONOUNS,
    TITLE_WORDS,
)
from .nlp import entities_in, entity_texts, token_offsets
from .plover import country_form, country_of
from .ranges import Ranges

__all__ = ["ActorTable", "extract_actors", "speaker_span"]

_ENTITY_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}
_HONORIFICS = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. sir dame monsignor monseñor monsenor".split()
)
_PARTY_TAG = re.compile(r"\s*\(\s*([DRI])(?:\s*[-–,]\s*[A-Z][\w. ]{0,20})?\s*\)")
_PARTIES = {"D": "Democratic Party", "R": "Republican Party", "I": "Independent"}
_POSSESSIVE = re.compile(r"\s*['’]s?$")
_PRONOUN_WINDOW = 4  # sentences looked back for a pronoun's antecedent
_FIRST_PERSON = {"i", "me", "we", "us"}
_SHARES = {"half", "third", "quarter", "majority", "minority", "percent", "plurality", "most"}
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for"})  # words an acronym leaves out


@dataclass(frozen=True, slots=True)
class ActorTable:
    """The actors of one document, and what each requested span resolved to."""

    actors: tuple[Actor, ...]
    resolved: dict[tuple[int, int], str]  # (start, end) of a requested span -> actor id
    agents: frozenset[str] = frozenset()  # ids of actors the text makes a subject somewhere
    titles_only: frozenset[str] = frozenset()  # ids of bodies named only in someone's title
    things: frozenset[str] = frozenset()  # ids of buildings, sites and laws (see ``_thing``)

    def actor_at(self, start: int, end: int) -> str | None:
        """The actor with a mention overlapping [start, end), preferring an exact span."""
        if (start, end) in self.resolved:
            return self.resolved[(start, end)]
        for actor in self.actors:
            for m_start, m_end in actor.mentions:
                if m_start < end and start < m_end:
                    return actor.id
        return None


def speaker_span(token: Token) -> Span:
    """The noun phrase a subject token heads, without appositions, relative clauses or commas."""
    doc = token.doc
    if token.lower_ in PRONOUNS or token.pos_ == "PRON":
        return doc[token.i : token.i + 1]
    left = token.i
    subtree = {t.i for t in token.subtree}
    while left - 1 in subtree and not doc[left - 1].is_punct and doc[left - 1].dep_ != "cc":
        left -= 1
    right = token.i
    for child in token.rights:
        if child.dep_ in {"appos", "relcl", "acl", "punct", "cc", "conj", "advcl", "prep"}:
            if child.dep_ == "prep" and child.lower_ in {"of", "for", "at"}:
                right = max(right, child.right_edge.i)
                continue
            break
        right = max(right, child.right_edge.i)
    span = doc[left : right + 1]
    while len(span) > 1 and (span[-1].is_punct or span[-1].dep_ == "case"):
        span = span[:-1]
    while len(span) > 1 and (span[0].is_punct or _lead_word(span[0])):
        span = span[1:]
    return span


_LEAD_POS = frozenset({"ADV", "CCONJ", "ADP", "SCONJ", "AUX", "PART"})


def _lead_word(token: Token) -> bool:
    """A word before a noun phrase that is not part of whom it names: "even", "both",
    "perhaps", "unlike", a sentence's "Will" ("even Sanders", "Both President Trump")."""
    return token.pos_ in _LEAD_POS and token.dep_ not in {"compound", "nummod"}


_NAME_PARTICLES = {
    "de",
    "da",
    "del",
    "della",
    "van",
    "von",
    "der",
    "den",
    "bin",
    "ibn",
    "al",
    "el",
    "la",
    "le",
    "di",
    "du",
    "dos",
    "das",
    "y",
    "st",
    "st.",
}


# Prepositions and conjunctions a tagger takes into a name when they open a sentence.
_CAPITALISED_FUNCTION_WORDS = frozenset(
    "unlike like despite amid during after before since although though while when if as "
    "for with without among against under over".split()
)


def _clean_entity(ent: Span) -> Span | None:
    """Trim determiners, titles, possessives and punctuation from an entity span."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (
        doc[start].lower_ in {"the", "a", "an"}
        or doc[start].is_punct
        or _lead_word(doc[start])
        or (ent.label_ == "PERSON" and doc[start].lower_ in _HONORIFICS | TITLE_WORDS)
    ):
        start += 1
    for k in range(start + 1, end):
        if doc[k].text in {"(", "["}:  # "the Commission on Religious Freedom (USCIRF"
            end = k
            break
        if _second_name_starts(doc, k, end):
            end = k  # "making Ferraro the Democratic Party's first": two names run together
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in {"'s", "’s", "'"}):
        end -= 1
    if start >= end:
        return None
    span = doc[start:end]
    if not any(t.is_alpha and t.text[:1].isupper() for t in span):
        return None
    alpha = [t for t in span if t.is_alpha]
    if alpha and alpha[0].text[:1].islower() and alpha[0].lower_ not in _NAME_PARTICLES:
        return None  # "anti-Brexit" names no one
    if len(span) > 2 and span[0].lower_ in {"pro", "anti"} and span[1].text == "-":
        return None  # "Pro-Clinton" at the start of a sentence: an adjective
    while len(span) > 1 and span[0].lower_ in _CAPITALISED_FUNCTION_WORDS:
        span = span[1:]  # "Unlike Senators, who ...": the sentence's first word is no name's
    words = [t for t in span if t.is_alpha]
    titled = any(t.lower_ in TITLE_WORDS for t in words)
    if titled and all(t.lower_ in TITLE_WORDS or country_form(t.text) for t in words):
        return None  # "US Ambassador": a title without its holder's name
    if ent.label_ == "PERSON" and any(
        t.text[:1].islower() and t.lower_ not in _NAME_PARTICLES and not _hyphenated(t)
        for t in alpha
    ):
        return None
    return span


_JOINING_WORDS = frozenset({"of", "for", "and", "in", "on", "at", "to", "&"})


def _second_name_starts(doc: Doc, k: int, end: int) -> bool:
    """Whether a second name begins at token ``k`` of an entity: "the" inside it, not after a
    joining word ("Bank of the West"), before two or more capitalised words ("Ferraro the
    Democratic Party"; "Catherine the Great" stays one name)."""
    if doc[k].lower_ != "the" or doc[k - 1].lower_ in _JOINING_WORDS:
        return False
    rest = [t for t in doc[k + 1 : end] if t.is_alpha]
    return len(rest) >= 2 and all(t.text[:1].isupper() for t in rest)


def _name_part(span: Span) -> str | None:
    """The proper name a phrase ends its name with, without what follows it ("Muhammadu Buhari"
    of "Muhammadu Buhari of Nigeria", "Member of parliament" of "Member of parliament (MP")."""
    root = span.root
    if root.lower_ in GROUP_NOUNS or root.lower_ in ORGANIZATION_NOUNS:
        return None  # "Members of Parliament", "Council of Europe": the "of" is the name's
    end = root.i + 1
    for k in range(span.start + 1, span.end):
        if span.doc[k].text in {"(", "["}:
            end = min(end, k)
    if end >= span.end or end <= span.start:
        return None
    return _strip_det(span.doc[span.start : end]) or None


def _without_common_tail(ent: Span) -> Span:
    """A name the tagger ran on into common words after "of" ("Associated Press of bank" in "by
    Associated Press of bank robberies") ends before the "of"; "Bank of America" keeps it."""
    doc = ent.doc
    for k in range(ent.start + 1, ent.end - 1):
        if doc[k].lower_ == "of" and not any(t.text[:1].isupper() for t in doc[k + 1 : ent.end]):
            return Span(doc, ent.start, k, label=ent.label_)
    return ent


_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _without_run_on(ent: Span, person_names: frozenset[str]) -> Span:
    """A person's name the tagger ran on into the next word of a headline ("Bernie Sanders
    Pins", "Dennis Prager Tells") ends where the name the text names elsewhere ends."""
    if ent.label_ != "PERSON" or len(ent) < 3 or ent[-1].lower_ in _NAME_SUFFIXES:
        return ent
    shorter = ent[:-1]
    if shorter.text in person_names:
        return Span(ent.doc, shorter.start, shorter.end, label=ent.label_)
    return ent


def _hyphenated(token: Token) -> bool:
    """Whether a word is the later part of a hyphenated name ("Chan-o-cha")."""
    doc = token.doc
    return token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_


def _joining_hyphen(tok: Token) -> bool:
    """Whether ``tok`` is a hyphen inside a word ("ABS-CBN", "Hewlett-Packard")."""
    doc = tok.doc
    return (
        tok.text == "-"
        and 0 < tok.i < len(doc) - 1
        and not doc[tok.i - 1].whitespace_
        and (not tok.whitespace_)
    )


def _premodifier(ent: Span) -> Span | None:
    """Title words before a name in the same noun phrase ("House Minority Leader" Kevin ...)."""
    doc = ent.doc
    k = ent.start
    inside = set(range(ent.start, ent.end))
    while k > 0:
        tok = doc[k - 1]
        if (
            tok.lower_ in {"of", "from", "for"}
            and k >= 2
            and doc[k - 2].lower_ in TITLE_WORDS
            and doc[k].text[:1].isupper()
        ):
            # "Senator from Vermont", "Secretary of State": the title runs on.
            inside.update({k - 1, k - 2})
            k -= 2
            continue
        if _joining_hyphen(tok) and doc[k - 2].text[:1].isupper():
            inside.update({k - 1, k - 2})  # "ABS-CBN CEO": a hyphenated name before the title
            k -= 2
            continue
        if tok.is_punct or tok.dep_ in {"det", "cc", "prep"} or tok.pos_ in {"VERB", "AUX", "ADP"}:
            break
        if tok.head.i not in inside and not (k - 1 < tok.head.i < ent.end):
            break
        inside.add(tok.i)
        k -= 1
    if k == ent.start:
        return None
    span = doc[k : ent.start]
    while len(span) and span[0].lower_ in _HONORIFICS:
        span = span[1:]
    # A role names a function: a title word or a common noun, not only a place ("Vermont").
    if not any(_is_role_word(t) for t in span):
        return None
    return span


# Endings of English agent and office nouns (pollster, host, chief, director, secretary...).
_ROLE_ENDINGS = (
    "er",
    "or",
    "ist",
    "ian",
    "ant",
    "ent",
    "man",
    "woman",
    "ee",
    "ive",
    "ary",
    "ief",
    "ster",
    "ost",
    "ess",
    "eur",
    "ate",
)


def _is_role_word(tok: Token) -> bool:
    lower = tok.lower_
    if lower in TITLE_WORDS or lower in GROUP_NOUNS:
        return True
    return tok.pos_ in {"NOUN", "PROPN"} and not tok.ent_type_ and lower.endswith(_ROLE_ENDINGS)


def _apposition(head: Token) -> Span | None:
    """An apposition that says who someone is ("John Kirby, the council's director")."""
    for child in head.rights:
        party = child.lower_ in PARTY_WORDS  # "Maria Lopez, a Republican"
        title = child.pos_ == "PROPN" and child.lower_ in TITLE_WORDS  # ", a U.S. Senator from"
        if child.dep_ == "appos" and (child.pos_ == "NOUN" or party or title):
            end = child.i
            for right in child.rights:
                if right.dep_ in {"cc", "conj"}:
                    break  # "X, the chief of staff, and Y, the director": X's role only
                end = right.right_edge.i
            span = child.doc[child.left_edge.i : end + 1]
            while len(span) and (span[0].dep_ == "det" or span[0].is_punct or _then(span[0])):
                span = span[1:]
            while len(span) and span[-1].is_punct:
                span = span[:-1]
            if 0 < len(span) <= _MAX_ROLE_WORDS:
                return span
    return None


_MAX_ROLE_WORDS = 15  # "deputy executive director of the Port Authority of New York and ..."


def _then(tok: Token) -> bool:
    """A time adverb before a role ("then the deputy director", "now a senator")."""
    return tok.pos_ == "ADV" and tok.lower_ in {"then", "now", "currently", "still"}


def _affiliation_in(span: Span) -> str | None:
    """The organisation, country, party or owner a role phrase names."""
    for ent in entities_in(span):
        if ent.label_ in {"ORG", "GPE", "NORP"}:
            cleaned = _clean_entity(ent)
            if cleaned is not None:
                return cleaned.text
    phrases: list[Span] = []
    for tok in span:
        if tok.dep_ == "poss" and tok.pos_ in {"NOUN", "PROPN"}:
            return tok.doc[tok.left_edge.i : tok.i + 1].text
        if tok.dep_ == "pobj" and tok.head.lower_ in {"of", "for", "at"}:
            if tok.lower_ in TITLE_WORDS and tok.n_lefts == 0:
                continue  # "Secretary of State": the title's own words
            phrases.append(tok.doc[tok.left_edge.i : tok.right_edge.i + 1])
    # "head of global product policy at Acme": the name, not the portfolio.
    named = [p for p in phrases if p.root.pos_ == "PROPN"]
    if phrases:
        return (named or phrases)[0].text
    return _name_before_title(span)


def _name_before_title(span: Span) -> str | None:
    """The organisation a role's first words name when the tagger did not see it as one: the
    capitalised words before the first title word ("ABS-CBN CEO", "Acme Widgets spokesman")."""
    k = 0
    while k < len(span) and span[k].lower_ not in TITLE_WORDS and not _is_role_word(span[k]):
        if not (span[k].text[:1].isupper() or _joining_hyphen(span[k])):
            return None
        k += 1
    if k == 0 or k == len(span):
        return None
    name = span[:k]
    return name.text if any(t.pos_ == "PROPN" for t in name) else None


def _of_place(span: Span) -> str | None:
    """The country or place a name is "of" ("Abdel Fattah el-Sisi of Egypt"), if any."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ != "of":
        return None
    after = doc[span.end + 1]
    if after.ent_type_ == "GPE" and after.ent_iob_ == "B":
        ent = next((e for e in doc.ents if e.start == after.i), None)
        return ent.text if ent is not None else None
    return None


def _party_in(span: Span | None) -> str | None:
    """The party a role phrase or apposition names by a party word ("Democratic presidential
    candidate", "a Republican"), if any."""
    if span is None:
        return None
    for tok in span:
        party = PARTY_WORDS.get(tok.lower_)
        if party is not None:
            return party
    return None


def _gender_of(names: Iterable[str], role: str | None, prefix: str) -> str:
    words = set(fold(role or "").split()) | {prefix.lower().rstrip(".")}
    if words & {w.rstrip(".") for w in MALE_WORDS}:
        return "m"
    if words & {w.rstrip(".") for w in FEMALE_WORDS}:
        return "f"
    for name in names:
        first = fold(name).split()[:1]
        if first and len(fold(name).split()) > 1:
            if first[0] in MALE_NAMES and first[0] not in FEMALE_NAMES:
                return "m"
            if first[0] in FEMALE_NAMES and first[0] not in MALE_NAMES:
                return "f"
    return ""


class _Builder:
    """Reads mentions in document order and grows clusters.

    Names (``add_entity``) start or join clusters; requested spans (``resolve``: a
    speaker or an event participant) join the cluster already naming them, the person a pronoun
    points back to, or the cluster of a common noun's head; ``merge_stragglers`` finally
    joins lone surnames to their person.
    """

    def __init__(self, doc: Doc, text: str) -> None:
        self.doc = doc
        self.text = text
        self.chunks = list(doc.noun_chunks)  # for groups named in the text and pronouns' groups
        self._chunk_ends = [chunk.end for chunk in self.chunks]  # rising: chunks do not nest
        self.clusters: list[Cluster] = []
        self.names = _NameIndex()
        # Where the clusters are mentioned, by character and by sentence, so that finding the
        # cluster at a place or the clusters of the last few sentences does not visit them all.
        # Kept while the document is read; merging stragglers at the end does not update them.
        self.mentioned_at: Ranges[Cluster] = Ranges()
        self.mentioned_in: dict[int, dict[int, Cluster]] = {}  # sentence -> serial -> cluster
        self.last_speaker: Cluster | None = None
        self.merged_into: dict[int, Cluster] = {}
        _starts, sentence_starts = token_offsets(doc)
        self.sent_index: list[int] = []  # token index -> sentence number
        for k, begin in enumerate(sentence_starts):
            end = sentence_starts[k + 1] if k + 1 < len(sentence_starts) else len(doc)
            self.sent_index.extend([k] * (end - begin))

    def _new_cluster(self, kind: ActorType, head: str = "") -> Cluster:
        cluster = Cluster(type=kind, head=head, serial=len(self.clusters))
        self.clusters.append(cluster)
        return cluster

    def _mention(
        self, cluster: Cluster, span: Span, text: str | None, sent: int, subject: bool
    ) -> None:
        """Record a mention of ``cluster`` (the span, the name it adds, its sentence)."""
        cluster.add(span.start_char, span.end_char, text, sent, subject)
        self.mentioned_at.add(span.start_char, span.end_char, cluster)
        self.mentioned_in.setdefault(sent, {})[cluster.serial] = cluster

    def _cluster_at(self, char: int) -> Cluster | None:
        """The first-made cluster with a mention holding character ``char``."""
        return min(self.mentioned_at.holders(char), key=lambda c: c.serial, default=None)

    def _mentioned_since(self, sent: int) -> list[Cluster]:
        """The clusters with a mention in sentence ``sent`` or later, in the order made."""
        found: dict[int, Cluster] = {}
        for number in range(max(sent, 0), max(self.mentioned_in, default=-1) + 1):
            found.update(self.mentioned_in.get(number, {}))
        return [found[serial] for serial in sorted(found)]

    def _sent(self, token: int, default: int = 0) -> int:
        return self.sent_index[token] if 0 <= token < len(self.sent_index) else default

    # -- names -------------------------------------------------------------------------------
    def add_entity(self, ent: Span) -> Cluster | None:
        named = _entity_name(ent)
        if named is None:
            return None
        span, key, kind = named
        honorific = ent.doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
        gender = "m" if honorific == "mr" else "f" if honorific in {"mrs", "ms", "miss"} else ""
        cluster = _match_name(self.names.candidates(key, kind), key, kind, gender)
        if cluster is None and kind != "person" and len(key.split()) == 1:
            # A lone surname the tagger mistook for an organisation or place ("Brandt said").
            cluster = _sole_person_with_surname(self.names.candidates(key, "person"), key)
            if cluster is not None:
                kind = "person"
        sent = self._sent(span.root.i, 0)
        subject = span.root.dep_ in {"nsubj", "nsubjpass"}
        thing = _thing(span, kind)
        if cluster is None:
            cluster = self._new_cluster(thing or kind)  # type: ignore[arg-type]
        cluster.thing = every(cluster.thing, thing is not None)
        self._mention(cluster, span, span.text, sent, subject)
        cluster.acts = cluster.acts or _acts(span.root, place=kind == "place")
        cluster.elsewhere = cluster.elsewhere or not _in_a_role(span.root)
        where = kind == "organization" and (_at_a_place(span.root) or _modifier(span.root))
        cluster.placed = every(cluster.placed, where)
        if kind == "country" and key not in cluster.folded:
            cluster.names.append(_canonical_name(cluster))  # found by "United States" too
        self.names.register(cluster)
        if kind == "person":
            _add_person_details(cluster, span, self.text)
        return cluster

    # -- requested spans --------------------------------------------------------------------
    def resolve(self, span: Span, *, speaker: bool) -> Cluster | None:
        """Resolve a speaker or participant span to a cluster, creating one when needed."""
        root = span.root
        sent = self._sent(root.i, 0)
        cluster = self._already_named(span, sent)
        if cluster is None and root.lower_ in PRONOUNS:
            cluster = self._pronoun_mention(span, sent)
        elif cluster is None:
            cluster = self._authored(span, sent) or self._nominal(span, sent)
        if cluster is not None and speaker:
            self.last_speaker = cluster
        return cluster

    def _already_named(self, span: Span, sent: int) -> Cluster | None:
        """The cluster whose mention holds the span's head, the name the span is in apposition
        to, or the person or body named in apposition to it."""
        root = span.root
        known = self._cluster_at(root.idx)
        if known is not None:
            self._mention(known, span, None, sent, True)
            return known
        if root.dep_ == "appos" and root.head.ent_type_ in {"PERSON", "ORG"}:
            # "Evan Bayh, a moderate Indiana Democrat who ...": the apposition is the name's.
            known = self._cluster_at(root.head.idx)
            if known is not None:
                self._mention(known, span, None, sent, True)
                return known
        for child in root.rights:
            # "The health minister, Tomas Rell, said": the name in apposition is the speaker;
            # "One of them, Acme Health, has threatened": the body named is.
            if child.dep_ == "appos" and child.ent_type_ in {"PERSON", "ORG"}:
                known = self._cluster_at(child.idx)
                if known is not None:
                    self._mention(known, span, None, sent, True)
                    if known.role is None and known.type == "person":
                        known.role = _strip_det(span)
                        known.affiliation = known.affiliation or _affiliation_in(span)
                    return known
        return None

    def _authored(self, span: Span, sent: int) -> Cluster | None:
        """The author of a document that speaks, when the phrase names one ("Judge Miller's
        statement", "a tweet by the minister", "a letter signed by 30 owners") or an earlier
        sentence does ("30 Democrats sent a letter ... The letter says"): the document's words
        are the author's, and the document stays the quote's speaker words."""
        author = _author(span.root) or self._earlier_author(span.root)
        if author is None:
            return None
        cluster = self.resolve(speaker_span(author), speaker=False)
        if cluster is not None:
            self._mention(cluster, span, None, sent, True)
        return cluster

    def _earlier_author(self, root: Token) -> Token | None:
        """The author of the latest earlier mention of the same document in the last few
        sentences ("sent a letter", "the letter signed by X")."""
        if root.lemma_.lower() not in DOCUMENT_NOUNS:
            return None
        sent = self._sent(root.i)
        for k in range(root.i - 1, -1, -1):
            if sent - self._sent(k) > _PRONOUN_WINDOW:
                break
            earlier = root.doc[k]
            if earlier.lemma_ == root.lemma_ and earlier.pos_ == "NOUN":
                return _author(earlier) or _writer(earlier)
        return None

    def _pronoun_mention(self, span: Span, sent: int) -> Cluster | None:
        """The cluster a pronoun refers to, which learns the pronoun's gender."""
        lower = span.root.lower_
        cluster = self._pronoun(span.root, sent)
        if cluster is not None:
            self._mention(cluster, span, None, sent, True)
            if not cluster.gender and PRONOUNS[lower][0] in {"m", "f"}:
                cluster.gender = PRONOUNS[lower][0]
        return cluster

    def _nominal(self, span: Span, sent: int) -> Cluster | None:
        """The cluster of a common-noun or unnamed proper-noun phrase, created when new."""
        span = _members_of_share(span) or _one_of(span) or _without_quantifier(span)
        root = span.root
        text = _strip_det(span)
        if not text:
            return None
        if root.lower_ == "government":
            country = country_of(text)
            if country is not None:  # "the United States government", "Iran's government"
                return self._country(country[0], span, sent)
            if text.lower() == "government" and (main := self._main_country()) is not None:
                self._mention(main, span, None, sent, True)  # "the government" of the story
                return main
        if len(span) == 1 and root.text[:1].isupper() and root.pos_ != "PRON":
            # "Trump characterized ..." with "Trump" tagged a common noun at a sentence's start:
            # the one person of that surname already named.
            known = _sole_person_with_surname(
                self.names.candidates(fold(text), "person"), fold(text)
            )
            if known is not None:
                self._mention(known, span, None, sent, True)
                return known
        found = self._nominal_kind(span)
        if found is None:
            return None
        kind, lemma, lookup = found
        cluster: Cluster | None = None
        if lookup == "name":
            text = _name_part(span) or text  # "Muhammadu Buhari of Nigeria": the name
            key = fold(text)
            cluster = _match_name(self.names.candidates(key, "person"), key, "person")
        elif lookup == "head":
            cluster = _same_head(self.clusters, lemma, kind)
        elif lookup == "title":
            cluster = _title_holder(self.clusters, lemma, span)
        if cluster is None:
            cluster = self._new_cluster(kind, lemma)
        name = _name_nominal(cluster, kind, text, root)
        self._mention(cluster, span, name, sent, True)
        self.names.register(cluster)
        return cluster

    def _main_country(self) -> Cluster | None:
        """The country mentioned most so far, at least twice and more than any other."""
        counts = sorted(
            ((len(c.mentions), c.serial, c) for c in self.clusters if c.type == "country"),
            key=lambda x: (-x[0], x[1]),
        )
        if not counts or counts[0][0] < 2 or (len(counts) > 1 and counts[1][0] == counts[0][0]):
            return None
        return counts[0][2]

    def _country(self, name: str, span: Span, sent: int) -> Cluster:
        """The cluster of the country ``name``, which ``span`` mentions; created when new."""
        key = fold(name)
        cluster = _match_name(self.names.candidates(key, "country"), key, "country")
        if cluster is None:
            cluster = self._new_cluster("country")
            cluster.names.append(name)
        self._mention(cluster, span, None, sent, True)
        self.names.register(cluster)
        return cluster

    def _nominal_kind(self, span: Span) -> tuple[ActorType, str, str] | None:
        """The actor type of a noun phrase, the head it is known by, and how to look it up:
        'name' (a person's name), 'head' (same type and head), 'title' (a role holder) or 'new'.
        """
        root = span.root
        lemma = root.lemma_.lower()
        if root.tag_ == "NNS" and lemma in _NO_ONE_IN_PARTICULAR and _unowned(span):
            return None  # "according to initial reports", "sources say": no one in particular
        if root.tag_ in {"NNS", "NNPS"} and (_generic(span) or _press_addressed(root)):
            return None  # "voters might blame", "told reporters": no body of people
        if any(t.dep_ == "det" and t.lower_ in _NO_ONE for t in root.lefts):
            return None  # "no plans", "any company": no one in particular
        if root.pos_ == "PROPN" and len(span) == 1 and root.lower_ in ORGANIZATION_NOUNS:
            return "organization", root.lower_, "head"  # "Congress said", "Parliament voted"
        if len(span) == 1 and _acronym_word(root):
            return "organization", root.lower_, "head"  # "UNICEF reported": a body's initials
        if any(t.lower_ in LAW_NOUNS and t.text[:1].isupper() for t in span):
            return "document", lemma, "head"  # "Republic Act No. 3846 states"
        plural = root.tag_ in {"NNS", "NNPS"}
        singular = root.lower_[:-1] if root.lower_.endswith("s") else lemma  # "Senators"
        if plural and (lemma in TITLE_WORDS or singular in TITLE_WORDS):
            return "group", singular, "head"  # "Senators condemned": holders of a title
        if root.lower_ in {"party", "parties"}:
            return "organization", root.lower_, "head"  # "the Democratic and Republican Parties"
        if root.lower_ in PLATFORMS:
            return "organization", root.lower_, "head"  # "Facebook has to remove ...": a company
        untitled = not any(t.ent_type_ == "PERSON" for t in span)
        if root.lower_ in TITLE_WORDS and root.pos_ == "PROPN" and untitled:
            return "person", root.lower_, "title"  # "the former Acme CEO who ...": a title
        if root.pos_ == "PROPN" or (
            root.text[:1].isupper() and root.i > 0 and self._sent(root.i - 1) == self._sent(root.i)
        ):
            return "person", lemma, "name"
        if lemma in DOCUMENT_NOUNS or root.lower_ in DOCUMENT_NOUNS:
            return "document", lemma, "head"
        if lemma in ORGANIZATION_NOUNS:
            return "organization", lemma, "head"
        if root.lower_ in TITLE_WORDS and root.tag_ in {"NN", "NNP"}:
            return "person", lemma, "title"
        if (
            lemma in GROUP_NOUNS
            or root.lower_ in GROUP_NOUNS
            or (plural and (root.pos_ == "PROPN" or _agent_noun(lemma)))
        ):
            return "group", lemma, "head"  # "voters", "Democrats", "farmers"; not "estimates"
        if lemma in _ONE_OF and any(c.dep_ == "prep" and c.lower_ == "of" for c in root.rights):
            return "person", lemma, "new"  # "one of the senators": one of them speaks
        # "half of voters", "three-quarters of the members": a share of a group speaks.
        members = [t for t in span if t.lemma_.lower() in GROUP_NOUNS]
        if members:
            return "group", members[-1].lemma_.lower(), "new"
        share = root.like_num or root.pos_ == "NUM" or lemma in _SHARES
        if share and not any(c.dep_ == "relcl" for c in root.rights):
            return None  # "about 70 percent belong to the party": of a group the text implies
        if share:
            return "group", lemma, "new"  # "38 percent who said": the ones the clause names
        if root.pos_ == "NOUN" and _agent_noun(lemma):
            # Speech needs a speaker: an unknown singular noun that names a doer ("the harbour
            # master", "a spokeswoman") is taken for a person, named by its phrase; "the
            # outcome" or "its website" is no one.
            return "person", lemma, "head"
        return None

    def _pronoun(self, token: Token, sent: int) -> Cluster | None:
        """The most likely cluster a third-person pronoun refers to, within a few sentences."""
        gender, number = PRONOUNS[token.lower_]
        if token.lower_ in _FIRST_PERSON | {"you"}:
            return None
        best: tuple[float, Cluster] | None = None
        # Only a cluster mentioned within the window can be its antecedent.
        for cluster in self._mentioned_since(sent - _PRONOUN_WINDOW):
            k = cluster.last_before(token.idx)
            if k < 0:
                continue
            distance = sent - cluster.sentences[k]
            if distance > _PRONOUN_WINDOW or not _pronoun_fits(cluster, gender, number):
                continue
            score = _pronoun_score(
                cluster, k, distance, token, gender, last=cluster is self.last_speaker
            )
            if best is None or score > best[0]:
                best = (score, cluster)
        if number == "pl":
            chunk = self._group_before(token, sent)
            latest = best[1].mentions[best[1].last_before(token.idx)][0] if best else -1
            if chunk is not None and chunk.start_char > latest:
                # "Union leaders were cautious. They said ...": a group named since.
                return self._nominal(chunk, self._sent(chunk.root.i, 0))
        return best[1] if best else None

    def _group_before(self, token: Token, sent: int) -> Span | None:
        """The latest plural group noun phrase in this or the previous sentence."""
        before = bisect.bisect_right(self._chunk_ends, token.i)
        for k in range(before - 1, -1, -1):
            chunk = self.chunks[k]
            if sent - self._sent(chunk.root.i, 0) > 1:
                break
            root = chunk.root
            if root.tag_ in {"NNS", "NNPS"} and root.lemma_.lower() in GROUP_NOUNS:
                return chunk
        return None

    # -- final -------------------------------------------------------------------------------
    def merge_stragglers(self) -> None:
        """Join lone surnames and mis-typed entities to the person they name.

        A one-word cluster of any name type ("Kirby" tagged as an organisation) joins the one
        person whose surname it spells, allowing transliteration; a multi-word organisation or
        place whose words are a person's given name and surname joins that person too.
        """
        join_at_end(self.clusters, self.merged_into)


class _NameIndex:
    """The clusters under every key a name can find them by, so that looking a name up visits
    the few clusters it could match instead of all of them.

    A cluster is filed under each folded name, a person also under the key of their surname and
    their given name, an organisation under its acronym or its one-word name. Keys are only ever
    added: after a cluster's names change it is filed again, and a stale key costs one failed
    comparison. ``candidates`` returns a superset of the clusters the matching rules accept, in
    the order the clusters were made, so the rules decide exactly as over every cluster.
    """

    def __init__(self) -> None:
        self._by_key: dict[str, list[Cluster]] = {}
        self._filed: dict[int, set[str]] = {}

    def register(self, cluster: Cluster) -> None:
        filed = self._filed.setdefault(id(cluster), set())
        for key in _cluster_keys(cluster):
            if key not in filed:
                filed.add(key)
                self._by_key.setdefault(key, []).append(cluster)

    def candidates(self, key: str, kind: str) -> list[Cluster]:
        found: dict[int, Cluster] = {}
        for lookup in _query_keys(key, kind):
            for cluster in self._by_key.get(lookup, ()):
                found[id(cluster)] = cluster
        return sorted(found.values(), key=lambda c: c.serial)


def _acronym(name: str) -> str:
    """The initials of a name's words but "of", "the", "and", "for"; "" under two words."""
    words = [w for w in name.split() if w not in _ACRONYM_SKIP]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _cluster_keys(cluster: Cluster) -> set[str]:
    keys = {"=" + name for name in cluster.folded}
    if cluster.type == "person" and cluster.tokens:
        keys |= {"s:" + surname_key(cluster.tokens[-1]), "g:" + cluster.tokens[0]}
    if cluster.type == "organization":
        keys |= {"a:" + _acronym(name) for name in cluster.folded if _acronym(name)}
        keys |= {"n:" + name for name in cluster.folded if " " not in name}
    return keys


def _query_keys(key: str, kind: str) -> list[str]:
    words = key.split()
    keys = ["=" + key]
    if kind == "person" and words:
        keys += ["s:" + surname_key(words[-1]), "g:" + words[0]]
    if kind == "organization":
        keys += ["a:" + key, "n:" + _acronym(key)]
    return keys


# -- steps of the builder -----------------------------------------------------------------------


def _entity_name(ent: Span) -> tuple[Span, str, str] | None:
    """The cleaned span of a named entity, its folded key and actor type; None for no actor."""
    span = _clean_entity(ent)
    if span is None:
        return None
    label = ent.label_
    place = _country_key(span.text)
    if label == "PERSON" and (place in GOVERNMENT_SEATS or place in COUNTRY_NAMES):
        label = "GPE"  # "Kiev" or "America" tagged as a person: a place the tables know
    if label == "PERSON" and span[-1].lower_ in ORGANIZATION_NOUNS | {"party", "parties"}:
        label = "ORG"  # "the Democratic and Republican Parties" tagged as a person
    if label == "NORP" and span.root.pos_ not in {"NOUN", "PROPN"}:
        return None
    if label == "NORP" and span.root.dep_ in {"amod", "compound"}:
        return None
    if label == "NORP" and not _collective(span.root):
        return None  # "an American", "the Democrat": one person or an adjective, not a group
    if label == "NORP" and span.start > 0:
        before = span.doc[span.start - 1]
        if before.ent_type_ == "GPE" and before.dep_ == "compound" and before.head.i >= span.start:
            start = before.i
            while start > 0 and span.doc[start].ent_iob_ == "I":
                start -= 1  # "New Hampshire Democrats"
            span = span.doc[start : span.end]  # "Iowa Democrats": a group of its own
    key = fold(span.text)
    if not key:
        return None
    words = key.split()
    if len(words) == 1 and (
        words[0] in TITLE_WORDS or (words[0] in ORGANIZATION_NOUNS and _in_a_title(span.root))
    ):
        return None  # "State" of "Secretary of State": part of a title, not an actor
    kind = _ENTITY_TYPES[label]
    if key in PLATFORMS:
        return span, key, "organization"  # "Twitter" tagged as a person: a company
    country = _country_named(span, label)
    if country is not None:  # "the U.S.", "America"; "Moscow" when it acts: one country
        return span, fold(country), "country"
    if label == "GPE" or key in COUNTRIES:
        kind = "country" if key in COUNTRIES else "place"
    elif label in {"ORG", "GPE"}:
        person = _person_inside(span)
        if person is not None:  # "Vermont Bernie Sanders" tagged as an organisation
            span, key, kind = person, fold(person.text), "person"
    return span, key, kind


def _author(root: Token) -> Token | None:
    """The head of the author a document noun names: its possessor ("the judge's ruling") or
    the object of "by" ("a tweet by the minister")."""
    if root.lemma_.lower() not in DOCUMENT_NOUNS and root.lower_ not in DOCUMENT_NOUNS:
        return None
    for child in root.children:
        if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN", "PRON"}:
            return child
        by = child if child.dep_ == "prep" and child.lower_ == "by" else None
        if child.dep_ == "acl" and child.lemma_.lower() in AUTHOR_VERBS:
            by = next((c for c in child.children if c.dep_ == "agent"), None)  # "signed by X"
            sender = _sender(child)
            if by is None and sender is not None:
                return sender
        for pobj in by.children if by is not None else ():
            if pobj.dep_ == "pobj" and pobj.pos_ in {"PROPN", "NOUN"}:
                return pobj
    return None


def _sender(verb: Token) -> Token | None:
    """Whose account or office a text was sent from ("a tweet sent from the mayor's account",
    "a letter sent from Congress"): the owner, or the name itself."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "from":
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            owner = next((c for c in pobj.children if c.dep_ == "poss"), None)
            if owner is not None and owner.pos_ in {"PROPN", "NOUN"}:
                return owner
            if pobj.pos_ == "PROPN":
                return pobj
    return None


def _writer(document: Token) -> Token | None:
    """The subject of the verb that made a document ("30 Democrats sent a letter")."""
    verb = document.head
    if document.dep_ not in {"dobj", "obj"} or verb.lemma_.lower() not in AUTHOR_VERBS:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return None
    return subject


def _thing(span: Span, kind: str) -> ActorType | None:
    """The type of a name that is a building's or site's ("the Harbour Hotel": an organisation
    when it speaks) or a law's ("the Human Life Protection Act": a document), by its last word;
    None for other names."""
    if kind == "country":
        return None
    last = span[-1].lower_
    if last in FACILITY_NOUNS:
        return "organization"
    if last in LAW_NOUNS:
        return "document"
    return None


_PLACE_PREPOSITIONS = frozenset({"in", "at", "inside", "into", "outside"})


def _modifier(root: Token) -> bool:
    """Whether a name only modifies a noun for a thing ("a Pentagon construction budget", "the
    Medicare trust fund"), not one for people, a body or a text ("Pentagon officials", "a
    Reuters poll")."""
    if root.dep_ != "compound":
        return False
    head = root.head
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    lemma = head.lemma_.lower()
    return head.pos_ == "NOUN" and not (
        lemma in GROUP_NOUNS
        or lemma in ORGANIZATION_NOUNS
        or lemma in TITLE_WORDS
        or lemma in DOCUMENT_NOUNS  # "a Reuters poll": its author
        or _agent_noun(lemma)
    )


def _at_a_place(root: Token) -> bool:
    """Whether a name is where something happens ("studied at X", "a rally in the X")."""
    if root.lower_ in {"party", "parties"}:
        return False  # "in the Republican Party": membership, not a place
    if root.lower_ in PLATFORMS:  # "wrote on Twitter", "used Instagram to thank": a channel
        channel = root.dep_ == "pobj" and root.head.lower_ in {"on", "via", "through"}
        return channel or (root.dep_ == "dobj" and root.head.lemma_.lower() == "use")
    return root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS


def _in_a_role(root: Token) -> bool:
    """Whether a name only says where someone works: the owner or "of"/"at" part of a role
    noun ("the council's director", "a professor at X", "director of X") or its modifier
    ("NSC spokesman")."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in {"of", "at", "for"}:
        return _is_role_word(head.head)
    if root.dep_ == "poss" and head.ent_type_ == "PERSON":
        return True  # "CBS News' Charlie Rose": whom the person works for
    return root.dep_ in {"poss", "compound"} and head.i != root.i and _is_role_word(head)


def _in_a_title(root: Token) -> bool:
    """Whether a name is the "of" part of a title ("Secretary of State", "Minister of
    Defence") or a title's modifier ("Senate Majority Leader")."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of":
        return head.head.lower_ in TITLE_WORDS or head.head.lemma_.lower() in TITLE_WORDS
    return root.dep_ == "compound" and (head.lower_ in TITLE_WORDS or head.lower_ == "leader")


def _country_key(text: str) -> str:
    """A place name as the country tables spell it: lower case, no periods, no "the"."""
    words = _POSSESSIVE.sub("", text).lower().replace(".", "").split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _country_named(span: Span, label: str) -> str | None:
    """The country (or union) a name stands for: another name of it ("U.S.", "America"), or
    its seat of government when that acts ("Washington warned", "talks with Moscow")."""
    if label not in {"GPE", "ORG"}:
        return None
    key = _country_key(span.text)
    if key in COUNTRY_NAMES:
        return COUNTRY_NAMES[key]
    if key in GOVERNMENT_SEATS and _acts(span.root):
        return GOVERNMENT_SEATS[key]
    return None


def _sole_person_with_surname(clusters: Iterable[Cluster], key: str) -> Cluster | None:
    """The one person with several names whose surname ``key`` spells, if exactly one."""
    persons = [
        c
        for c in clusters
        if c.type == "person" and len(c.tokens) > 1 and similar_surname(key, c.tokens[-1])
    ]
    return persons[0] if len(persons) == 1 else None


def _add_person_details(cluster: Cluster, span: Span, text: str) -> None:
    """A person's role and affiliation (from a premodifier, apposition or party tag) and gender."""
    doc = span.doc
    prefix = doc[span.start - 1].text if span.start > 0 else ""
    role_span = _premodifier(span)
    appos = _apposition(span.root)
    if cluster.role is None:
        if role_span is not None:
            cluster.role = role_span.text
            cluster.affiliation = cluster.affiliation or _affiliation_in(role_span)
        elif appos is not None:
            cluster.role = appos.text
            cluster.affiliation = cluster.affiliation or _affiliation_in(appos)
    place = _of_place(span)
    if place is not None and cluster.affiliation is None:
        cluster.affiliation = place  # "President Muhammadu Buhari of Nigeria"
    tag = _PARTY_TAG.match(text, span.end_char)
    party = _PARTIES[tag.group(1)] if tag else _party_in(role_span) or _party_in(appos)
    if party is not None and cluster.affiliation not in PARTY_WORDS.values():
        # The party the text gives beats a place or body ("Former Maryland Gov. X, a
        # Democrat"), on whichever mention it is given.
        cluster.affiliation = party
    if not cluster.gender:
        cluster.gender = _gender_of(cluster.names, cluster.role, prefix)


def _match_name(
    clusters: Sequence[Cluster], key: str, kind: str, gender: str = ""
) -> Cluster | None:
    """The cluster a name belongs to: the same name, else (people) the latest compatible one,
    an exact surname before a transliterated one; never across a known gender. ``clusters``:
    the candidates, in the order they were made."""
    words = key.split()
    best: Cluster | None = None
    exact: Cluster | None = None
    for cluster in reversed(clusters):
        names = cluster.folded
        if key in names:
            return cluster
        if (
            kind == "person"
            and cluster.type == "person"
            and not (gender and cluster.gender and gender != cluster.gender)
            and _person_match(words, cluster)
        ):
            best = best or cluster
            if cluster.tokens and cluster.tokens[-1] == words[-1]:
                exact = exact or cluster
        if (
            kind == "organization"
            and cluster.type == "organization"
            and any(_acronym_of(key, n) or _acronym_of(n, key) for n in names)
        ):
            best = best or cluster
    return exact or best


def _person_match(words: list[str], cluster: Cluster) -> bool:
    """Whether a person's name (folded words) can name the person of ``cluster``."""
    other = cluster.tokens
    if not other or not words:
        return False
    if len(words) == 1:
        return similar_surname(words[0], other[-1]) or (len(other) > 1 and words[0] == other[0])
    if not similar_surname(words[-1], other[-1]):
        return False
    if len(other) == 1:
        return True
    first, other_first = words[0], other[0]
    return (
        first == other_first
        or first[0] == other_first[0]
        and min(len(first), len(other_first)) <= 2
    )


def _same_head(clusters: list[Cluster], lemma: str, kind: str) -> Cluster | None:
    """The latest cluster of type ``kind`` known by the head lemma ``lemma``."""
    for cluster in reversed(clusters):
        if cluster.type == kind and cluster.head == lemma:
            return cluster
    return None


def _title_holder(clusters: list[Cluster], lemma: str, span: Span) -> Cluster | None:
    """The most recently mentioned person whose role (or head) is the title ``lemma``, the
    same office the phrase ``span`` names ("the president" is no "Vice President" or
    "President-elect"; "the former president" is a "former President")."""
    qualifiers = frozenset(w for t in span for w in fold(t.text).split()) & OTHER_OFFICE
    for cluster in sorted(clusters, key=lambda c: -max(c.sentences, default=-1)):
        if cluster.type == "person" and cluster.role and lemma in titles_held(cluster, qualifiers):
            return cluster
        if cluster.type == "person" and cluster.head == lemma:
            return cluster
    return None


def _name_nominal(cluster: Cluster, kind: str, text: str, root: Token) -> str | None:
    """Record a noun phrase as a cluster's name where it is the best one; the name to add."""
    name = text if kind != "person" or root.pos_ == "PROPN" else None
    if cluster.type in {"group", "document", "organization"} and len(text) > len(
        cluster.names[0] if cluster.names else ""
    ):
        cluster.names.insert(0, text)
        name = None
    if kind == "person" and root.pos_ != "PROPN" and not cluster.names:
        cluster.names.append(text)
    return name


def _pronoun_fits(cluster: Cluster, gender: str, number: str) -> bool:
    """Whether a pronoun of this gender and number can refer to the cluster's type."""
    if gender in {"m", "f"}:
        return cluster.type == "person" and not (cluster.gender and cluster.gender != gender)
    if gender == "n":
        return cluster.type in {"organization", "document", "country", "place"}
    return not (number == "pl" and cluster.type not in {"group", "organization", "country"})


def _pronoun_score(
    cluster: Cluster, k: int, distance: int, token: Token, gender: str, *, last: bool
) -> float:
    """How likely a pronoun refers to ``cluster``, whose latest mention before it is ``k``:
    nearer, the last speaker, the same gender, often a subject, often and lately mentioned."""
    score = -float(distance)
    if last:
        score += 0.5
    if cluster.gender == gender and gender in {"m", "f"}:
        score += 0.5
    score += min(cluster.subjects, 4) * 0.2 + min(len(cluster.mentions), 6) * 0.05
    score += cluster.mentions[k][0] / max(token.idx, 1) * 0.5  # later is better
    return score


# Dependencies of a name that make it a party to what the clause says, not only a place: its
# subject, object, possessor or agent ("by X"), or the object of a preposition that names a
# counterpart ("talks with X", "sanctions against X"); "to", "from", "in" and the like more
# often name where something happens or goes.
_PARTY_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "poss", "agent"})
_PARTY_PREPOSITIONS = frozenset({"against", "with", "by", "toward", "towards", "between"})
# Prepositions before a party that is not a place: "remarks to ABC", "approval from Congress",
# "through Congress", "before the court" ("to Paris" and "from Iowa" are where).
_BODY_PREPOSITIONS = frozenset({"to", "from", "through", "before"})
# A region or city is a party only as the doer: "Florida's primary", "visited Ohio" and
# "won Nevada" name where things happen.
_PLACE_PARTY_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})


def _acts(root: Token, place: bool = False) -> bool:
    """Whether a name (its head token) is a party to its clause rather than a location.

    A name that modifies a noun acts as that noun does ("US troops attacked") when the noun is
    a body, a group or (not for a ``place``) a doer, except a title ("United States Senator X",
    "the Vermont senator": where the holder sits); not before a thing ("the Nevada caucuses",
    "the Cadillac tax"). A conjunct or apposition acts as the first conjunct does ("A, B and C
    made the decision"), a group counted out as its count ("two-thirds of the voters
    preferred"); a name that is not a place also acts after "to", "from", "through" and
    "before" ("remarks to ABC", "approval from Congress")."""
    while root.head is not root:
        if root.dep_ in {"conj", "appos"}:
            root = root.head  # "A, B and C made the same decision": every conjunct acts
        elif root.dep_ == "pobj" and root.head.lower_ == "of" and _counting(root.head.head):
            root = root.head.head  # "two-thirds of the voters preferred": the voters did
        else:
            break
    if root.dep_ == "compound":
        head = root.head
        if head.lower_ in TITLE_WORDS or head.lemma_.lower() in TITLE_WORDS:
            return False
        lemma = head.lemma_.lower()
        body = lemma in GROUP_NOUNS or lemma in ORGANIZATION_NOUNS
        if not body and (place or not _agent_noun(lemma)):
            return False  # "the Nevada caucuses", "the Cadillac tax", "Post-ABC polls"
        root = head
    if root.dep_ in (_PLACE_PARTY_DEPS if place else _PARTY_DEPS):
        return True
    prepositions = _PARTY_PREPOSITIONS if place else _PARTY_PREPOSITIONS | _BODY_PREPOSITIONS
    return root.dep_ == "pobj" and root.head.lower_ in prepositions


def _counting(token: Token) -> bool:
    """Whether a word counts or portions out what its "of" phrase names ("half", "two-thirds",
    "a number", "several", "most")."""
    lower = token.lower_
    return (
        _share_word(token)
        or lower in _QUANTIFIERS
        or lower in _ONE_OF
        or ("-" in lower and lower.split("-")[-1].rstrip("s") in {"third", "quarter", "fifth"})
    )


def _share_word(token: Token) -> bool:
    """A number or a word for a share or a count ("40", "half", "percent", "dozens")."""
    return (
        token.like_num or token.pos_ == "NUM" or token.lemma_.lower() in _SHARES | _QUANTITY_NOUNS
    )


def _collective(root: Token) -> bool:
    """Whether a nationality, religion or party word names a group: plural ("Democrats"), or a
    group noun as head ("the Islamic State group")."""
    lemma = root.lemma_.lower()
    if root.tag_ in {"NNS", "NNPS"}:
        return True
    if root.lower_ in PARTY_WORDS:
        return False  # "a Republican", "the Democratic and Republican primaries": one or none
    return lemma in GROUP_NOUNS or lemma in ORGANIZATION_NOUNS


# Endings of English nouns for a person who does something (teacher, inspector, economist,
# historian, consultant, president, chairman, spokeswoman, nominee, deputy's -ty aside).
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee", "ive")


def _agent_noun(lemma: str) -> bool:
    """Whether a common noun can name a person: a title, a group word's singular, or an
    agent ending."""
    if lemma in TITLE_WORDS or lemma in GROUP_NOUNS:
        return True
    return lemma.endswith(_AGENT_ENDINGS) and not lemma.endswith("ment")  # not "assessment"


def _acting_groups(chunks: Sequence[Span]) -> list[Span]:
    """The noun chunks naming a collective party to their clause ("voters rejected it", "talks
    with farmers"): a plural group noun as head, outside any name, not a pronoun."""
    found: list[Span] = []
    for chunk in chunks:
        root = chunk.root
        if root.tag_ not in {"NNS", "NNPS"} or root.ent_type_:
            continue
        named = root.lemma_.lower() in GROUP_NOUNS or root.lower_ in GROUP_NOUNS
        counted = any(t.like_num for t in chunk)  # "9 delegates": a count, not a body
        if not named or counted or not _acts(root) or _press_addressed(root) or _generic(chunk):
            continue
        while len(chunk) > 1 and _lead_word(chunk[0]):
            chunk = chunk[1:]  # "even senior members"
        whose = _with_of_phrase(chunk)
        if root.lemma_.lower() in _ANYONE and not any(
            t.ent_type_ in {"NORP", "GPE", "ORG"} for t in whose
        ):
            continue  # "people", "some people": anyone; "the British people", "residents of X"
        found.append(whose)
    return found


# The press as the audience of a statement ("told reporters", "speaking to journalists"): the
# news formula names no actor.
_PRESS = frozenset({"reporter", "journalist", "correspondent"})
# Modal verbs that, with a bare plural subject, make a statement about any member of a kind
# ("voters might blame", "senators may serve"): a generic reading, no actor.
_GENERIC_MODALS = frozenset({"may", "might", "could", "would", "can", "should", "must"})


def _unowned(span: Span) -> bool:
    """Whether a phrase names no owner or author: no name, possessive or "by"/"from" phrase
    ("eyewitness reports", not "Reuters reports" or "reports from the ministry")."""
    if any(t.ent_type_ in {"ORG", "PERSON", "GPE", "NORP"} or t.dep_ == "poss" for t in span):
        return False
    return not any(c.dep_ == "prep" and c.lower_ in {"by", "from"} for c in span.root.rights)


def _press_addressed(root: Token) -> bool:
    """Whether a plural noun for the press is the audience of speech, not a party."""
    if root.lemma_.lower() not in _PRESS:
        return False
    if root.dep_ in {"dative", "dobj"}:
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "to"


def _generic(chunk: Span) -> bool:
    """Whether a plural subject is a kind, not a body: bare (no article, possessive or number)
    and the subject, or a conjunct of it, of a modal verb ("Voters might blame a Democrat",
    "senators and representatives may serve", "senators would be limited")."""
    root = chunk.root
    if any(t.dep_ in {"det", "poss", "nummod"} for t in root.lefts):
        return False
    if any(c.dep_ == "relcl" for c in root.rights):
        return False  # "senators who wanted to attend could ...": those senators
    first = root
    while first.dep_ == "conj" and first.head is not first:
        first = first.head  # "senators and representatives may serve"
    if first.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = first.head
    return any(c.dep_ in {"aux", "auxpass"} and c.lower_ in _GENERIC_MODALS for c in verb.children)


# Determiners that make a noun phrase name no one in particular ("any company", "no plans").
_NO_ONE = frozenset({"no", "any", "every"})
# Plural nouns that, bare ("reports say", "sources said"), name no actor an analyst would list.
_NO_ONE_IN_PARTICULAR = frozenset({"report", "source", "poll", "survey", "estimate", "study"})

# Plural nouns for people at large: a group only when a nationality or place says whose.
_ANYONE = frozenset({"people", "person", "individual", "citizen", "resident"})

_OF_PHRASE_MAX = 6  # tokens of an "of" phrase that still belongs to a group's name


def _with_of_phrase(chunk: Span) -> Span:
    """A group's noun phrase with the "of" phrase that says whose members they are ("members
    of Congress", "supporters of the bill") or the "from" phrase that says where they are from
    ("delegates from South Carolina"), when that phrase is short and has no clause."""
    root = chunk.root
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "from"} and child.i == chunk.end:
            end = child.right_edge.i + 1
            phrase = chunk.doc[child.i : end]
            if child.lower_ == "from" and not any(t.ent_type_ == "GPE" for t in phrase):
                continue  # "delegates from South Carolina"; not "support from the start"
            if len(phrase) <= _OF_PHRASE_MAX and not any(t.pos_ in {"VERB", "AUX"} for t in phrase):
                return chunk.doc[chunk.start : end]
    return chunk


def _person_inside(span: Span) -> Span | None:
    """The person's name inside a mis-typed entity: a given name and one or two capitalised
    words after it, and no institution noun anywhere in the entity."""
    words = [t.lower_ for t in span]
    if any(w in ORGANIZATION_NOUNS for w in words):
        return None
    doc = span.doc
    after_title = span.start >= 2 and doc[span.start - 1].lower_ in {"from", "of"}
    if after_title and doc[span.start - 2].lower_ in TITLE_WORDS and len(span) >= 3:
        name = span[-2:]  # "Senator from [Vermont Bernie Sanders]": the place, then the name
        if all(_name_word(t) for t in name):
            return name
    if (
        len(span) == 3
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span)
        and span[1:].text in entity_texts(span.doc)
    ):
        return span[1:]  # "Scotland Nicola Sturgeon", where "Nicola Sturgeon" stands alone too
    for k, word in enumerate(words[:-1]):
        if word in MALE_NAMES or word in FEMALE_NAMES:
            rest = span[k + 1 :]
            if 1 <= len(rest) <= 2 and all(t.text[:1].isupper() for t in rest):
                return span[k:]
    # "Presidential Spokesperson Harry Roque": title words, then a name of two or three words.
    k = 0
    while k < len(words) and words[k] in TITLE_WORDS:
        k += 1
    rest = span[k:]
    if k and words[k - 1] not in _TITLE_MODIFIERS and 2 <= len(rest) <= 3:
        return rest if all(_name_word(t) for t in rest) else None
    return None


# Title words that only qualify the title after them ("Health Minister", "Presidential
# Spokesperson"), so that before a name of a body ("Health Emergency Operation Center") they hold
# no one.
_TITLE_MODIFIERS = frozenset(
    "presidential former acting interim incoming outgoing state foreign defense defence finance "
    "interior health justice vice deputy assistant chief general".split()
)


def _name_word(tok: Token) -> bool:
    """A capitalised proper noun that is no title, body or place word."""
    lower = tok.lower_
    return (
        tok.pos_ == "PROPN"
        and tok.text[:1].isupper()
        and lower not in TITLE_WORDS
        and lower not in GROUP_NOUNS
        and lower not in FACILITY_NOUNS
        and not country_form(tok.text)
    )


def _acronym_of(short: str, long: str) -> bool:
    return len(short) >= 2 and " " not in short and short == _acronym(long)


# Words before a plural noun that say how many of a group ("many voters", "most delegates"):
# the group is the same one whatever the share.
_QUANTIFIERS = frozenset("many most some several both all few numerous various other even".split())


def _without_quantifier(span: Span) -> Span:
    """A group's phrase without the quantity before it: "Many world leaders" is "world
    leaders", "all the parties" is "parties"; other phrases as they are."""
    if span.root.tag_ not in {"NNS", "NNPS"}:
        return span
    start = span.start
    while start < span.root.i and (
        span.doc[start].lower_ in _QUANTIFIERS or span.doc[start].lower_ in {"the", "of"}
    ):
        start += 1
    return span.doc[start : span.end] if start > span.start else span


# Nouns that count or portion out a group ("a number of the families", "dozens of
# protesters", "the rest of the delegates").
_QUANTITY_NOUNS = frozenset(
    "% number handful dozen dozens hundreds thousands millions couple rest share part".split()
)


def _acronym_word(token: Token) -> bool:
    """An untagged word in capitals ("UNICEF", "NATO"), not a pronoun or a shouted word of a
    headline (its sentence has lower-case words)."""
    text = token.text
    if not (text.isupper() and text.isalpha() and 2 <= len(text) <= 8) or text == "I":
        return False
    return any(t.is_lower for t in token.sent)


_ONE_OF = frozenset({"one", "each", "either", "neither"})


def _one_of(span: Span) -> Span | None:
    """ "One of the schools" with its "of" phrase, when the span stops at "one": one member,
    named by whose member it is."""
    root = span.root
    if root.lower_ not in _ONE_OF:
        return None
    for prep in root.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.right_edge.i >= span.end:
            return span.doc[span.start : prep.right_edge.i + 1]
    return None


def _members_of_share(span: Span) -> Span | None:
    """The group a share of it stands for: "52% of participating voters" and "half of the
    delegates" are the voters and the delegates; None for other phrases."""
    root = span.root
    if root.lower_ in _ONE_OF or not _share_word(root):
        return None  # "One of the schools": one member, not the group
    for prep in root.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            member = next((c for c in prep.children if c.dep_ == "pobj"), None)
            people = member is not None and (
                member.lemma_.lower() in GROUP_NOUNS or member.lower_ in GROUP_NOUNS
            )
            if member is not None and people and member.tag_ in {"NNS", "NNPS"}:
                whose = member.doc[member.left_edge.i : member.right_edge.i + 1]
                return _without_quantifier(whose)
    return None


def _strip_det(span: Span) -> str:
    tokens = list(span)
    while tokens and (tokens[0].dep_ == "det" and tokens[0].lower_ in {"the", "a", "an"}):
        tokens = tokens[1:]
    if not tokens:
        return ""
    return "".join(t.text_with_ws for t in tokens).strip()


def _canonical_name(cluster: Cluster) -> str:
    if not cluster.names:
        return ""
    if cluster.type == "country":
        for name in cluster.names:
            key = _country_key(name)
            if key in COUNTRY_NAMES or key in GOVERNMENT_SEATS:
                return COUNTRY_NAMES.get(key) or GOVERNMENT_SEATS[key]
    if cluster.type == "person":
        return max(cluster.names, key=lambda n: (len(fold(n).split()), len(n)))
    if cluster.type == "organization":
        long = [n for n in cluster.names if " " in n]
        if long:
            return max(long, key=len)
    return (
        max(cluster.names, key=len) if cluster.type in {"group", "document"} else cluster.names[0]
    )


def _affiliation_name(text: str) -> str:
    """An affiliation as an analyst writes it: the party a party word names ("Democrat"), the
    country a nationality word or other name of it names ("German", "U.S."), else as found."""
    bare = _POSSESSIVE.sub("", text).strip()
    return PARTY_WORDS.get(bare.lower()) or country_form(bare) or bare


def _affiliation_of_body(name: str, kind: str) -> str | None:
    """The party or country an organisation's or group's own name places it in: "Senate
    Republicans" (Republican Party), "the Samoan government" (Samoa)."""
    if kind not in {"organization", "group"}:
        return None
    words = _POSSESSIVE.sub("", name).lower().split()
    party = next((PARTY_WORDS[w] for w in words if w in PARTY_WORDS), None)
    if party is not None:
        return None if fold(party) == fold(name) else party
    found = country_of(name)
    if found is None or found[1] in {"IGO", "NGO"} or fold(found[0]) == fold(name):
        return None  # no country, or a kind of body ("Non-governmental Organization"), or itself
    return found[0]


def _settle_affiliations(clusters: Iterable[Cluster], doc: Doc) -> None:
    """Affiliations from the whole text: a party said of a person anywhere beats a body or
    place; a title's legislative body beats a place ("Senator from Vermont"); the story's own
    country fills the empty affiliation of an office or body of the state."""
    country = document_country(doc)
    parties = set(PARTY_WORDS.values())
    for cluster in clusters:
        if cluster.type == "person" and cluster.affiliation not in parties:
            spans = (doc.char_span(s, e, alignment_mode="expand") for s, e in cluster.mentions)
            cluster.affiliation = party_said(s for s in spans if s) or cluster.affiliation
        body = body_of_role(cluster.role) if cluster.type == "person" and cluster.role else None
        held = cluster.affiliation or ""
        if body is not None and held not in parties and fold(body) not in fold(held):
            cluster.affiliation = body  # "Senator from Vermont" sits in the Senate
        stately = cluster.names and of_the_state(
            cluster.type, _canonical_name(cluster), cluster.role
        )
        if not cluster.affiliation and country is not None and stately:
            cluster.affiliation = country


def _one_line(text: str | None) -> str:
    """A name as shown: no line breaks or runs of spaces, nothing around it, no editor's
    brackets ("[Hillary] Clinton")."""
    return " ".join(text.replace("[", "").replace("]", "").split()) if text else ""


_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})


def _relative_pronoun(span: Span) -> Token | None:
    """The relative pronoun subject of a clause on ``span``'s head ("who" in "Ana Reyes, who
    said ..."), or None."""
    for clause in span.root.children:
        if clause.dep_ != "relcl":
            continue
        for child in clause.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ in _RELATIVE_PRONOUNS:
                return child
    return None


def extract_actors(
    doc: Doc, requests: Sequence[Span] = (), *, text: str | None = None
) -> ActorTable:
    """Cluster the document's actors; also resolve each requested span (e.g. speakers).

    Requested spans are resolved in document order together with the named mentions, so that a
    pronoun sees only what came before it.
    """
    builder = _Builder(doc, doc.text if text is None else text)
    events: list[tuple[int, int, Span | None, Span | None]] = []
    person_names = frozenset(e.text for e in doc.ents if e.label_ == "PERSON")
    for entity in doc.ents:
        if entity.label_ in _ENTITY_TYPES:
            entity = _without_run_on(_without_common_tail(entity), person_names)
            events.append((entity.start_char, 0, entity, None))
    for request in requests:
        # After any entity inside the span, so that "pollster Ana Reyes" finds the name.
        edge = request.root.right_edge
        events.append((max(request.end_char, edge.idx + len(edge.text)), 1, None, request))
    groups = _acting_groups(builder.chunks)
    for group in groups:
        events.append((group.end_char, 2, None, group))
    events.sort(key=lambda e: (e[0], e[1]))
    requested: list[tuple[Span, Cluster | None]] = []
    for _pos, order, ent, span in events:
        if ent is not None:
            builder.add_entity(ent)
        elif span is not None and order == 2:
            builder.resolve(span, speaker=False)
        elif span is not None:
            requested.append((span, builder.resolve(span, speaker=True)))
    builder.merge_stragglers()
    _settle_affiliations(builder.clusters, doc)
    for span, found in requested:
        relative = _relative_pronoun(span)
        while found is not None and id(found) in builder.merged_into:
            found = builder.merged_into[id(found)]
        if relative is not None and found is not None:
            # "Ana Reyes, who said ...": the relative pronoun is a mention of the speaker.
            sent = builder.sent_index[relative.i]
            builder._mention(found, relative.doc[relative.i : relative.i + 1], None, sent, False)

    actors: list[Actor] = []
    ids: dict[int, str] = {}
    ordered = sorted(
        (c for c in builder.clusters if c.mentions and _one_line(_canonical_name(c))),
        key=lambda c: min(c.mentions),
    )
    for n, cluster in enumerate(ordered, start=1):
        actor_id = f"a{n}"
        ids[id(cluster)] = actor_id
        name = _one_line(_canonical_name(cluster))
        aliases = sorted({_one_line(a) for a in cluster.names} - {name, ""})
        actors.append(
            Actor(
                id=actor_id,
                name=name,
                type=cluster.type,
                aliases=tuple(aliases),
                mentions=tuple(sorted(set(cluster.mentions))),
                role=_one_line(cluster.role) or None,
                affiliation=_affiliation_name(_one_line(cluster.affiliation))
                or _affiliation_of_body(name, cluster.type)
                or None,
            )
        )
    resolved: dict[tuple[int, int], str] = {}
    for span, found in requested:
        while found is not None and id(found) in builder.merged_into:
            found = builder.merged_into[id(found)]
        if found is not None and id(found) in ids:
            resolved[(span.start_char, span.end_char)] = ids[id(found)]
    agents = frozenset(ids[id(c)] for c in ordered if c.subjects > 0 or c.acts)
    titles_only = frozenset(
        ids[id(c)] for c in ordered if c.type == "organization" and not c.elsewhere
    )
    things = frozenset(ids[id(c)] for c in ordered if c.thing or c.placed)
    return ActorTable(
        actors=tuple(actors),
        resolved=resolved,
        agents=agents,
        titles_only=titles_only,
        things=things,
    )
