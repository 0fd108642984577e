"""Events: who did what to whom, coded in PLOVER's 16 event types.

In: a parsed spaCy ``Doc``, the document's ``ActorTable``, its
``Document`` (for the article date), and optionally the reported-speech
spans (quotes) of the document. Out: frozen ``Event`` records, one per event, in text order:
the PLOVER type, auxiliary modes (negated, hypothetical, future, reported), the source and target
with their actor ids, countries and sectors, the trigger, date, location, quad class and
conflict-cooperation score, each with character offsets into ``document.text``.

Rules, per sentence:

* triggers are verbs of the cue lexicons of ``extract.plover`` ("invaded", "called for"),
  verbs acting on an event noun ("imposed sanctions", "lifted the curfew", "withdrew its
  troops"), and event nouns on their own ("the invasion of Ukraine by Russia");
* the source is the subject (the by-agent of a passive, the noun a participle modifies, the
  inherited subject of "agreed to ..."); the target is the object, the subject of a passive, or
  an object of a preposition that suits the type ("talks with", "sanctions on"), else the owner
  or maker of an event noun ("a U.S. request");
* an event inside the content of a verb like agree, demand, refuse or threaten is not coded on
  its own: it lends the outer event its target (the manual codes "threatened to attack" as
  THREATEN, not ASSAULT);
* PLOVER's auxiliary-mode rules then fix the type: future or intended cooperation is AGREE
  (3.1), an announced retreat is CONCEDE (3.4), a future or conditional conflict act is THREATEN
  (2.3), and a negated cooperative act ("will not hold talks") is a REJECT (3.10).

The date is the sentence's own day ("on Wednesday", "March 3") resolved against the article
date, with dateparser when it is installed, else the article date.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, TypeAlias

from spacy.tokens import Doc, Span, Token

from ..types import Actor, Document, Event, Participant, Quote
from .actors import ActorTable, speaker_span
from .lexicons import GROUP_NOUNS, ORGANIZATION_NOUNS, PRONOUNS, TITLE_WORDS
from .nlp import entities_in
from .plover import (
    ADJECTIVE_CUES,
    AGREEMENT_NOUNS,
    AID_NOUNS,
    CAPTIVE_NOUNS,
    CONTENT_NOUNS,
    CONTENT_VERBS,
    DEONTIC,
    DEPLOY_VERBS,
    FUTURE_AUX,
    GIVE_VERBS,
    INITIATE_VERBS,
    INTENT_ADJECTIVES,
    INTENT_VERBS,
    MATERIAL_RESTRICTIONS,
    MODAL_AUX,
    NON_MILITARY_PERSONNEL,
    NOUN_CUES,
    PHRASAL_CUES,
    PROPERTY_NOUNS,
    PROTESTER_NOUNS,
    QUAD_CLASS,
    REACH_VERBS,
    REPORT_VERBS,
    REVERSE_VERBS,
    SIGN_VERBS,
    SUPPLY_NOUNS,
    TROOP_NOUNS,
    VERB_CUES,
    EventType,
    country_of,
    plover_score,
    sector_of,
)

__all__ = ["EXTRACTOR", "extract_events", "participant_spans"]

EXTRACTOR = "stancegraph.events/1"

COOPERATIVE: frozenset[str] = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
)
_INTENDED_COOPERATION = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
_MATERIAL_CONFLICT = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST"})

# Preposition objects that can be a target, by type, in order of preference.
_TARGET_PREPS: dict[str, tuple[str, ...]] = {
    "AGREE": ("with", "to", "for"),
    "CONSULT": ("with", "to", "between"),
    "SUPPORT": ("for", "to", "with"),
    "CONCEDE": ("to", "for", "on"),
    "COOPERATE": ("with", "to"),
    "AID": ("to", "for"),
    "RETREAT": ("from", "to"),
    "REQUEST": ("from", "of", "to", "on", "upon"),
    "ACCUSE": ("against", "of", "on"),
    "REJECT": ("from", "by", "to", "for"),
    "THREATEN": ("against", "with", "on", "to"),
    "PROTEST": ("against", "outside", "at"),
    "SANCTION": ("on", "against", "to", "with", "from", "for", "of"),
    "MOBILIZE": ("against", "near", "along", "to"),
    "COERCE": ("on", "against", "from", "in", "of"),
    "ASSAULT": ("against", "on", "at", "in", "of"),
}
_NOUN_TARGET_PREPS = ("of", "on", "against", "with", "to", "for", "from", "in", "into")
_SOURCE_PREPS = ("by", "from")
# Things whose blocking obstructs passage (PROTEST 'obstruct', or COERCE by security forces).
_PASSAGE_NOUNS = frozenset(
    """
    road roads street streets highway highways bridge bridges traffic access entrance entrances
    port ports railway railways rail crossing crossings border borders route routes transport
    gate gates square
    """.split()
)
_CONTENT_DEPS = {
    "xcomp",
    "ccomp",
    "dobj",
    "pobj",
    "prep",
    "pcomp",
    "acl",
    "compound",
    "nmod",
    "attr",
    "oprd",
    "appos",
    "conj",
    "nsubj",
    "nsubjpass",
    "amod",
    "advcl",
}
_SUBJECT_DEPS = {"nsubj", "csubj"}
_CROWD_CONTROL = frozenset("gas tear-gas teargas cannon cannons rubber pellets grenades".split())
# Verbs that deliver a protest through official channels ("lodged a protest").
_FILING_VERBS = frozenset("lodge file issue deliver send register submit make".split())
# Modifiers that make an explosion an accident (PLOVER's ASSAULT is deliberate harm, 3.16).
_ACCIDENTS = frozenset("gas boiler accidental volcanic industrial pipeline chemical".split())
# A verb in these relations modifies or names a thing ("the Israeli-occupied West Bank", "the
# wounded", "alleged crimes"): it is not a trigger.
_NOMINAL_DEPS = {"amod", "compound", "nsubj", "nsubjpass", "dobj", "pobj", "npadvmod", "poss"}
# Entity labels that never name a participant.
_NOT_PARTICIPANTS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
_POSSESSIVE_PRONOUNS = {"its", "their", "his", "her", "our", "my", "your"}
_COUNTERPARTS = frozenset(
    """
    counterpart counterparts neighbour neighbor neighbours neighbors ally allies partner
    partners rival rivals enemy enemies opponent opponents host hosts
    """.split()
)
# Types whose object is what is moved or given, not a participant.
_INTERNATIONAL_CODES = {"UNO", "EUR", "IGO", "NGO", "ISM", "IMG", "MNC"}
_TRANSFER_TYPES = {"AID", "MOBILIZE", "RETREAT", "SANCTION", "AGREE", "COOPERATE"}
_RELATIVE = {"who", "that", "which"}
_LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "around", "along", "into"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_CONDITIONAL_MARKS = {"if", "unless", "whether"}
_FIRST_PERSON = {"i", "me", "we", "us", "our", "my"}
_STOP = {"the", "a", "an", "of", "and", "its", "their", "his", "her", "'s", "’s"}


# -- triggers ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Cue:
    """A trigger found in a sentence, before participants and modes are resolved."""

    type: EventType
    mode: str | None
    head: Token  # the token whose clause gives subject, modes and dependents
    tokens: list[int]  # trigger words (token indices)
    kind: str  # verb, object, phrasal, nominal, adjective, deontic
    event_noun: Token | None = None  # the event noun a verb acts on ("imposed sanctions")
    content: list[_Cue] = field(default_factory=list)
    takes_content: bool = False
    absorbed: bool = False


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _children(tok: Token, *deps: str) -> Iterator[Token]:
    for child in tok.children:
        if child.dep_ in deps:
            yield child


def _first(tok: Token, *deps: str) -> Token | None:
    return next(_children(tok, *deps), None)


def _passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _direct_object(verb: Token) -> Token | None:
    """The thing a verb acts on: its object, or the subject of its passive."""
    obj = _first(verb, "dobj")
    if obj is None and _passive(verb):
        obj = _first(verb, "nsubjpass")
    if obj is None and _lemma(verb) in {"engage", "participate", "involve"}:
        for prep in _children(verb, "prep"):  # "engaged in ethnic cleansing"
            if prep.lower_ == "in":
                return _first(prep, "pobj")
    if obj is None:
        # "agreed to a ceasefire", "called for talks", "withdrew from the town" are handled by
        # the prepositional readers; "agreed on a deal" and similar take the pobj here.
        for prep in _children(verb, "prep"):
            if prep.lower_ in {"to", "on", "upon", "for"} and _lemma(verb) in CONTENT_VERBS:
                pobj = _first(prep, "pobj")
                if pobj is not None and pobj.pos_ == "NOUN":
                    return pobj
    return obj


def _noun_cue(tok: Token) -> tuple[EventType, str | None] | None:
    """The event a noun names, settling the few ambiguous ones from their modifiers."""
    lemma, lower = _lemma(tok), tok.lower_
    if tok.pos_ not in {"NOUN", "PROPN"} or tok.ent_type_ in {"PERSON", "GPE", "ORG", "NORP"}:
        return None
    mods = {_lemma(c) for c in tok.children if c.dep_ in {"compound", "amod"}}
    if lemma in {"strike", "strikes"}:
        if "hunger" in mods:
            return ("PROTEST", "hunger")
        if mods & {"air", "missile", "drone", "military", "rocket", "artillery", "aerial"}:
            return ("ASSAULT", "aerial")
        for prep in _children(tok, "prep"):
            pobj = _first(prep, "pobj")
            if (
                prep.lower_ in {"on", "against"}
                and pobj is not None
                and pobj.ent_type_ not in _NOT_PARTICIPANTS
            ):
                return ("ASSAULT", None)
        return ("PROTEST", "strike")
    if lemma in {"exercise", "drill", "maneuver", "manoeuvre"} or lower in {
        "exercises",
        "drills",
        "maneuvers",
        "manoeuvres",
    }:
        if not mods & {"military", "naval", "joint", "war", "army", "air", "live-fire"}:
            return None
        return ("COOPERATE", None) if "joint" in mods else ("MOBILIZE", "troops")
    if (
        lemma in {"relation", "relations", "tie", "ties"}
        and not mods
        & {
            "diplomatic",
            "bilateral",
            "economic",
            "trade",
            "military",
        }
        and not any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)
    ):
        return None
    if lemma in {"explosion", "blast", "detonation"} and mods & _ACCIDENTS:
        return None  # a gas or boiler explosion is an accident, not an assault
    if lemma == "call" and not any(
        c.dep_ in {"prep", "acl"} and c.lower_ in {"for", "to"} for c in tok.children
    ):
        return None
    if lemma in {"support", "recognition", "praise"} and not any(
        c.dep_ == "prep" and c.lower_ in {"for", "of", "to"} for c in tok.children
    ):
        return None
    found = NOUN_CUES.get(lower) or NOUN_CUES.get(lemma)
    if found is None:
        compound = next((c for c in tok.children if c.dep_ == "compound"), None)
        if compound is not None:
            found = NOUN_CUES.get(f"{compound.lower_} {lower}")
    return found


def _object_event(verb: Token) -> tuple[Token, tuple[EventType, str | None]] | None:
    obj = _direct_object(verb)
    if obj is None:
        return None
    cue = _noun_cue(obj)
    if cue is None and obj.lower_ in {"state"}:  # "state of emergency"
        for prep in _children(obj, "prep"):
            pobj = _first(prep, "pobj")
            if pobj is not None and pobj.lower_ in {"emergency", "siege"}:
                cue = ("COERCE", "martial-law")
    if cue is None and _lemma(obj) in {"law"} and any(c.lower_ == "martial" for c in obj.children):
        cue = ("COERCE", "martial-law")
    if cue is None and _lemma(obj) in AGREEMENT_NOUNS:
        cue = ("AGREE", None)
    if cue is None:
        return None
    return obj, cue


def _reverse(noun: Token, cue: tuple[EventType, str | None]) -> tuple[EventType, str | None] | None:
    """What stopping, lifting or suspending an event is (manual 3.4, 3.7, 3.13)."""
    etype = cue[0]
    if etype in {"CONSULT", "SUPPORT", "COOPERATE", "AID", "AGREE"}:
        return ("SANCTION", "withdraw" if etype == "CONSULT" else "discontinue")
    if etype in {"COERCE", "SANCTION"}:
        if _lemma(noun) in MATERIAL_RESTRICTIONS or noun.lower_ in MATERIAL_RESTRICTIONS:
            return ("RETREAT", None)
        return ("CONCEDE", None)
    if etype in {"PROTEST", "REQUEST", "ACCUSE", "THREATEN", "REJECT"}:
        return ("CONCEDE", None)
    if etype in {"ASSAULT", "MOBILIZE"}:
        return ("RETREAT", "ceasefire")
    return None


def _object_words(obj: Token) -> set[str]:
    words = {obj.lower_, _lemma(obj)}
    for child in obj.children:
        if child.dep_ in {"compound", "amod"}:
            words.add(child.lower_)
    return words


def _verb_cue(verb: Token) -> _Cue | None:
    """The event a verb triggers: a phrasal cue, else the first verb rule that decides (by the
    verb and what it acts on), else the verb's own entry in the PLOVER verb table."""
    lemma = _lemma(verb)
    takes = lemma in CONTENT_VERBS
    phrasal = _phrasal_cue(verb, lemma, takes)
    if phrasal is not None:
        return phrasal
    obj = _direct_object(verb)
    words = frozenset(_object_words(obj)) if obj is not None else frozenset()
    verb_at = _VerbAt(verb, lemma, obj, words, takes)
    for lemmas, rule in _VERB_RULES:
        if lemmas is not None and lemma not in lemmas:
            continue
        verdict = rule(verb_at)
        if not isinstance(verdict, _GoOn):
            return verdict
    found = VERB_CUES.get(lemma)
    if found is None:
        return None
    return _Cue(found[0], found[1], verb, [verb.i], "verb", None, [], takes)


def _phrasal_cue(verb: Token, lemma: str, takes: bool) -> _Cue | None:
    """Phrasal verbs and verb + preposition ("called for", "cut off", "opened fire")."""
    for child in verb.children:
        if child.dep_ not in {"prt", "prep", "dobj"} or child.i <= verb.i:
            continue
        found = PHRASAL_CUES.get((lemma, child.lower_))
        if found is None:
            continue
        if (lemma, child.lower_) == ("go", "on"):
            pobj = _first(child, "pobj")
            if pobj is None or _lemma(pobj) not in {"strike", "rampage"}:
                continue
        found = _phrasal_by_object(verb, lemma, found)
        takes = takes or found[0] in {"REQUEST", "AGREE"}
        tokens = [verb.i, child.i]
        if (lemma, child.lower_) == ("go", "on"):
            tokens += [t.i for t in child.children if t.dep_ == "pobj"]
        return _Cue(found[0], found[1], verb, tokens, "phrasal", None, [], takes)
    return None


def _phrasal_by_object(
    verb: Token, lemma: str, found: tuple[EventType, str | None]
) -> tuple[EventType, str | None]:
    """A phrasal cue refined by its object: cutting off supplies, firing on a crowd."""
    if found == ("SANCTION", "discontinue") and lemma == "cut":
        obj = _direct_object(verb)
        if obj is not None and _object_words(obj) & SUPPLY_NOUNS:
            found = ("COERCE", "withhold")
    if found[0] == "ASSAULT" and lemma == "fire":
        obj = _direct_object(verb)
        if obj is not None and _object_words(obj) & _CROWD_CONTROL:
            found = ("ASSAULT", "crowd-control")  # manual Table 3.11
    return found


@dataclass(frozen=True, slots=True)
class _VerbAt:
    """A verb under the verb rules: its lemma, direct object and the object's words."""

    verb: Token
    lemma: str
    obj: Token | None
    words: frozenset[str]
    takes: bool

    def cue(self, etype: EventType, mode: str | None, *, takes: bool = False) -> _Cue:
        return _Cue(etype, mode, self.verb, [self.verb.i], "verb", None, [], takes)


class _GoOn:
    """A verb rule's answer when it does not decide: the next rule is asked."""


_GO_ON = _GoOn()
_Verdict: TypeAlias = _Cue | None | _GoOn


def _event_object_rule(v: _VerbAt) -> _Verdict:
    """Verbs whose event is the event noun they act on ("imposed sanctions")."""
    event_obj = _object_event(v.verb)
    if event_obj is None:
        return _GO_ON
    noun, cue = event_obj
    result = _event_object_type(v, noun, cue)
    if result is None:
        return _GO_ON
    if v.takes and v.lemma not in REVERSE_VERBS and v.lemma not in INITIATE_VERBS:
        return None  # "accepted the deal", "rejected the talks": the verb decides
    return _Cue(result[0], result[1], v.verb, [v.verb.i, noun.i], "object", noun, [], False)


def _event_object_type(
    v: _VerbAt, noun: Token, cue: tuple[EventType, str | None]
) -> tuple[EventType, str | None] | None:
    lemma = v.lemma
    if lemma in REVERSE_VERBS or (lemma == "call" and _first(v.verb, "prt") is not None):
        return _reverse(noun, cue)
    if lemma in REACH_VERBS and cue[0] == "AGREE":
        return ("AGREE", None)
    if lemma in SIGN_VERBS and (cue[0] == "AGREE" or _lemma(noun) in AGREEMENT_NOUNS):
        return ("SUPPORT", None)
    if lemma in {"violate", "breach", "break"}:
        # Breaking a ceasefire is fighting (CAMEO 196); defying an accord or a ban is a
        # rejection (CAMEO 128).
        ceasefire = _object_words(noun) & {"ceasefire", "cease-fire", "truce", "armistice"}
        return ("ASSAULT", None) if cue[0] == "RETREAT" or ceasefire else ("REJECT", "yield")
    if cue[0] == "PROTEST" and lemma in _FILING_VERBS:
        return ("ACCUSE", "disapprove")  # a protest lodged is diplomatic (3.9, 3.12)
    if lemma in {"declare", "announce"} and cue == ("RETREAT", "ceasefire"):
        return ("CONCEDE", None)  # a declared, not yet implemented, ceasefire (3.4)
    if lemma in INITIATE_VERBS or lemma in GIVE_VERBS:
        return cue
    return None


def _withdraw_rule(v: _VerbAt) -> _Verdict:
    if v.words & NON_MILITARY_PERSONNEL or v.words & AID_NOUNS:
        return v.cue("SANCTION", "withdraw")
    if v.obj is None or v.words & TROOP_NOUNS or v.obj.ent_type_ in _PLACE_LABELS:
        return v.cue("RETREAT", "withdraw")
    if v.lemma == "withdraw":
        return v.cue("CONCEDE", None)  # a demand, a complaint
    return None


def _give_or_deploy_rule(v: _VerbAt) -> _Verdict:
    lemma, obj, words = v.lemma, v.obj, v.words
    if obj is not None and words & {"peacekeeper", "peacekeepers", "peacekeeping"}:
        return v.cue("AID", "peacekeeping")
    if lemma in DEPLOY_VERBS and obj is not None and words & TROOP_NOUNS:
        return v.cue("MOBILIZE", "troops")
    if obj is not None and words & AID_NOUNS:
        return v.cue("AID", None)
    if lemma == "grant" and obj is not None and words & {"amnesty", "pardon", "permission"}:
        return v.cue("CONCEDE", None)
    if lemma == "deploy":
        return v.cue("MOBILIZE", "troops")
    if lemma == "offer":
        return v.cue("AGREE", None, takes=True)
    return None


def _release_rule(v: _VerbAt) -> _Verdict:
    if v.lemma == "return" and (v.obj is None or not v.words & (CAPTIVE_NOUNS | PROPERTY_NOUNS)):
        return None
    return v.cue("RETREAT", "release")


def _expel_rule(v: _VerbAt) -> _Verdict:
    if v.words & NON_MILITARY_PERSONNEL:
        return v.cue("SANCTION", "expel")
    return v.cue("COERCE", "deport")


def _hostage_rule(v: _VerbAt) -> _Verdict:
    if v.words & {"hostage", "hostages", "captive"}:
        tokens = [v.verb.i, v.obj.i] if v.obj else [v.verb.i]
        return _Cue("ASSAULT", "abduct", v.verb, tokens, "verb")
    if _has_prep_object(v.verb, "as", {"hostage", "hostages"}):
        return v.cue("ASSAULT", "abduct")
    return _GO_ON


def _capture_rule(v: _VerbAt) -> _Verdict:
    if v.obj is not None and (v.obj.ent_type_ in _PLACE_LABELS or v.words & PROPERTY_NOUNS):
        return v.cue("COERCE", "seize")
    if v.lemma == "capture":
        return v.cue("ASSAULT", "abduct")
    return _GO_ON


def _when_object(words: frozenset[str], etype: EventType, mode: str | None) -> _VerbRule:
    """A rule: the event ``etype`` (``mode``) when the object has one of ``words``."""

    def rule(v: _VerbAt) -> _Verdict:
        return v.cue(etype, mode) if v.words & words else _GO_ON

    return rule


def _decides(etype: EventType, mode: str | None, *, takes: bool = False) -> _VerbRule:
    """A rule: always the event ``etype`` (``mode``)."""

    def rule(v: _VerbAt) -> _Verdict:
        return v.cue(etype, mode, takes=takes)

    return rule


def _never(v: _VerbAt) -> _Verdict:
    return None


def _accept_rule(v: _VerbAt) -> _Verdict:
    if v.words & {"demand", "demands", "condition", "conditions", "terms", "request"}:
        return v.cue("CONCEDE", None, takes=True)
    return v.cue("AGREE", None, takes=True)


def _reduce_rule(v: _VerbAt) -> _Verdict:
    words = v.words
    if words & SUPPLY_NOUNS and v.lemma == "cut":
        return v.cue("COERCE", "withhold")
    if words & AID_NOUNS or words & {"tie", "ties", "relation", "relations", "link", "links"}:
        return v.cue("SANCTION", "discontinue")
    if v.lemma == "reduce" and words & TROOP_NOUNS:
        return v.cue("RETREAT", "withdraw")
    return None


def _blockade_rule(v: _VerbAt) -> _Verdict:
    if not v.words & _PASSAGE_NOUNS:
        return _GO_ON
    subject = _subject(v.verb)
    sector = sector_of([subject.lower_]) if subject is not None else None
    if sector in {"military", "police", "government"}:
        return v.cue("COERCE", "restrict")
    return v.cue("PROTEST", "obstruct")


def _commit_rule(v: _VerbAt) -> _Verdict:
    if not any(
        c.dep_ in {"prep", "xcomp"} and (c.dep_ == "xcomp" or c.lower_ == "to")
        for c in v.verb.children
    ):
        return None  # "committed a crime" is not a commitment
    return _GO_ON


def _protest_rule(v: _VerbAt) -> _Verdict:
    subject = _subject(v.verb)
    if (
        subject is not None
        and v.lemma == "protest"
        and _lemma(subject) not in PROTESTER_NOUNS
        and subject.ent_type_ != "CARDINAL"
        and subject.pos_ != "NUM"
    ):
        return v.cue("ACCUSE", "disapprove")
    return _GO_ON


def _strike_rule(v: _VerbAt) -> _Verdict:
    if v.obj is None and v.lemma == "strike":
        subject = _subject(v.verb)
        if subject is not None and _lemma(subject) in PROTESTER_NOUNS:
            return v.cue("PROTEST", "strike")
        return None
    if v.lemma in {"hit", "target"} and (v.obj is None or v.obj.pos_ not in {"PROPN", "NOUN"}):
        return None
    if v.lemma in {"hit", "target"}:
        return v.cue("ASSAULT", None)
    return _GO_ON


def _explode_rule(v: _VerbAt) -> _Verdict:
    subject = _subject(v.verb)
    if subject is not None and _object_words(subject) & _ACCIDENTS:
        return None
    return _GO_ON


def _fight_rule(v: _VerbAt) -> _Verdict:
    obj = v.obj
    if obj is not None and obj.pos_ == "NOUN" and obj.ent_type_ == "" and not _is_actorish(obj):
        return None  # "fight corruption"
    return _GO_ON


def _deny_rule(v: _VerbAt) -> _Verdict:
    return v.cue("REJECT", None, takes=True) if v.obj is not None else _GO_ON


def _seek_rule(v: _VerbAt) -> _Verdict:
    if v.obj is not None and _noun_cue(v.obj) is not None:
        return v.cue("REQUEST", None, takes=True)
    return _GO_ON


def _ask_rule(v: _VerbAt) -> _Verdict:
    verb = v.verb
    if (
        v.obj is None
        and _first(verb, "xcomp") is None
        and _first(verb, "ccomp") is None
        and not any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children)
    ):
        return None  # "she asked" alone is a question, not a request
    return _GO_ON


_VerbRule: TypeAlias = Callable[[_VerbAt], _Verdict]

_BORDERS = frozenset({"border", "borders", "crossing"})
_OPENINGS = _BORDERS | {"corridor", "bridge", "airspace", "airport", "port"}

# The verb rules in the order they are asked: the lemmas a rule looks at (None: any verb) and
# the rule. A rule answers a cue, None (no event) or _GO_ON (ask the next rule); a verb no rule
# decides gets its entry in VERB_CUES. The order matters where lemmas repeat ("stop" is decided
# by the reducing verbs before the strike rule sees it).
_VERB_RULES: tuple[tuple[frozenset[str] | None, _VerbRule], ...] = (
    (None, _event_object_rule),
    (frozenset({"withdraw", "pull", "remove", "evacuate"}), _withdraw_rule),
    (frozenset(GIVE_VERBS) | frozenset(DEPLOY_VERBS), _give_or_deploy_rule),
    (frozenset({"release", "free", "return", "hand"}), _release_rule),
    (frozenset({"expel"}), _expel_rule),
    (frozenset({"take", "hold"}), _hostage_rule),
    (frozenset({"capture", "seize"}), _capture_rule),
    (
        frozenset({"close", "shut"}),
        _when_object(
            frozenset({"embassy", "embassies", "consulate", "mission"}), "SANCTION", "withdraw"
        ),
    ),
    (frozenset({"close", "seal", "shut"}), _when_object(_BORDERS, "COERCE", "restrict")),
    (frozenset({"open"}), _when_object(_OPENINGS, "RETREAT", "access")),
    (frozenset({"allow", "permit", "let"}), _decides("CONCEDE", None, takes=True)),
    (frozenset({"accept"}), _accept_rule),
    (
        frozenset({"cut", "reduce", "halt", "suspend", "stop", "freeze", "end", "curtail"}),
        _reduce_rule,
    ),
    (frozenset({"fail"}), _never),  # a negation marker, handled by _modes
    (frozenset({"block", "barricade", "blockade", "obstruct"}), _blockade_rule),
    (frozenset({"block", "obstruct"}), _decides("REJECT", None, takes=True)),
    (
        frozenset({"stop", "shun", "quit", "down", "lay"}),
        _when_object(frozenset({"work", "tools"}), "PROTEST", "strike"),
    ),
    (frozenset({"commit"}), _commit_rule),
    (frozenset({"protest", "rally", "march"}), _protest_rule),
    (frozenset({"strike", "hit", "target"}), _strike_rule),
    (frozenset({"explode"}), _explode_rule),
    (frozenset({"fight"}), _fight_rule),
    (frozenset({"deny"}), _deny_rule),
    (frozenset({"seek", "want"}), _seek_rule),
    (
        frozenset({"share"}),
        _when_object(frozenset({"information", "intelligence", "data"}), "COOPERATE", None),
    ),
    (frozenset({"ask"}), _ask_rule),
)


def _has_prep_object(verb: Token, prep: str, words: set[str]) -> bool:
    for child in _children(verb, "prep"):
        if child.lower_ == prep:
            pobj = _first(child, "pobj")
            if pobj is not None and pobj.lower_ in words:
                return True
    return False


def _adjective_cue(adj: Token) -> _Cue | None:
    found = ADJECTIVE_CUES.get(adj.lower_)
    if found is None or adj.dep_ not in {"acomp", "amod", "ROOT"} or adj.dep_ == "amod":
        return None
    return _Cue(found[0], found[1], adj, [adj.i], "adjective", None, [], True)


def _deontic_cue(verb: Token) -> _Cue | None:
    """'X said that Y must do Z': a demand by X on Y (the manual's REQUEST: demands, orders)."""
    if _lemma(verb) not in REPORT_VERBS:
        return None
    for comp in _children(verb, "ccomp"):
        if any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in comp.children) or any(
            c.dep_ == "aux" and c.lower_ in {"have", "has", "had", "need", "needs"}
            for c in comp.children
            if c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ == "to"
        ):
            return _Cue("REQUEST", None, verb, [verb.i], "deontic", None, [], True)
    return None


# Lemmas _verb_cue looks at by name, besides the lexicons of stancegraph.extract.plover.
_SPECIAL_VERBS = frozenset(
    """
    withdraw pull remove evacuate grant deploy offer release free return hand expel take hold
    capture seize close shut seal open allow permit let accept cut reduce halt suspend stop
    freeze end curtail fail block barricade blockade obstruct shun quit down lay commit protest
    rally march strike hit target fight deny seek want share ask order press urge violate breach
    break declare announce call go
    """.split()
)
_HASHES: dict[str, frozenset[int]] = {}


def _vocabulary(doc: Doc) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """String hashes of every verb, noun and adjective a trigger can be (hashes are global)."""
    if not _HASHES:
        strings = doc.vocab.strings
        verbs = (
            set(VERB_CUES)
            | CONTENT_VERBS
            | INITIATE_VERBS
            | REVERSE_VERBS
            | REACH_VERBS
            | SIGN_VERBS
            | GIVE_VERBS
            | DEPLOY_VERBS
            | REPORT_VERBS
            | _SPECIAL_VERBS
            | {verb for verb, _particle in PHRASAL_CUES}
        )
        nouns = {w for key in NOUN_CUES for w in key.split()} | {
            "exercise",
            "drill",
            "maneuver",
            "manoeuvre",
        }
        _HASHES["verbs"] = frozenset(strings[w] for w in verbs)
        _HASHES["nouns"] = frozenset(strings[w] for w in nouns)
        _HASHES["adjectives"] = frozenset(strings[w] for w in ADJECTIVE_CUES)
    return _HASHES["verbs"], _HASHES["nouns"], _HASHES["adjectives"]


def _candidates(doc: Doc) -> list[int]:
    """Indices of the tokens that may be triggers, from one array read (no Token objects)."""
    from spacy.attrs import LEMMA, LOWER, POS
    from spacy.symbols import ADJ, NOUN, PROPN, VERB

    verbs, nouns, adjectives = _vocabulary(doc)
    out: list[int] = []
    for i, (pos, lemma, lower) in enumerate(doc.to_array([POS, LEMMA, LOWER]).tolist()):
        if (
            (pos == VERB and lemma in verbs)
            or (pos in (NOUN, PROPN) and (lemma in nouns or lower in nouns))
            or (pos == ADJ and lower in adjectives)
        ):
            out.append(i)
    return out


def _find_cues(sent: Span, candidates: Sequence[int] | None = None) -> list[_Cue]:
    cues: list[_Cue] = []
    claimed: set[int] = set()
    doc = sent.doc
    tokens = [doc[i] for i in candidates] if candidates is not None else list(sent)
    for tok in tokens:
        cue: _Cue | None = None
        if tok.pos_ == "VERB" and tok.dep_ not in _NOMINAL_DEPS:
            cue = _verb_cue(tok) or _deontic_cue(tok)
        elif tok.pos_ == "ADJ":
            cue = _adjective_cue(tok)
        if cue is not None:
            cues.append(cue)
            claimed.update(cue.tokens)
    for tok in tokens:
        if tok.i in claimed or tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        found = _noun_cue(tok)
        if found is None or not _nominal_worth_coding(tok):
            continue
        takes = tok.lower_ in CONTENT_NOUNS or _lemma(tok) in CONTENT_NOUNS
        cues.append(_Cue(found[0], found[1], tok, [tok.i], "nominal", tok, [], takes))
    cues.sort(key=lambda c: c.head.i)
    return cues


def _nominal_worth_coding(noun: Token) -> bool:
    """An event noun is coded when it heads a clause or names who acted or was acted on."""
    if noun.dep_ in {"nsubj", "nsubjpass", "ROOT"}:
        return True
    if noun.dep_ == "compound":
        return False
    return _noun_source(noun) is not None or _noun_target(noun, "ASSAULT") is not None


def _absorb(cues: list[_Cue]) -> list[_Cue]:
    """Fold each cue in the content of a content-taking cue into it ("agreed to cooperate")."""
    by_token: dict[int, _Cue] = {}
    for cue in cues:
        for i in cue.tokens:
            by_token.setdefault(i, cue)
        by_token[cue.head.i] = cue
    for cue in cues:
        tok = cue.head
        steps = 0
        while tok.dep_ in _CONTENT_DEPS and tok.head.i != tok.i and steps < 8:
            if tok.dep_ == "conj" and tok.pos_ == "VERB" and tok.head.pos_ in {"NOUN", "PROPN"}:
                break  # a clause mis-attached to a noun ("condemned the arrests and recalled")
            if tok.dep_ == "advcl" and not any(
                c.dep_ == "mark" and c.lower_ in {"to"} for c in tok.children
            ):
                break
            last_dep = tok.dep_
            tok = tok.head
            steps += 1
            outer = by_token.get(tok.i)
            if outer is None or outer is cue:
                continue
            direct = tok.i == outer.head.i
            if outer.takes_content and not (direct and last_dep in {"conj", "nsubj", "nsubjpass"}):
                cue.absorbed = True
                outer.content.append(cue)
            break
    # A purpose clause is the aim of the act it hangs on, not a second event ("resigned to
    # allow elections", "opened the bridge to allow deliveries").
    heads = {c.head.i: c for c in cues if not c.absorbed}
    for cue in cues:
        tok = cue.head
        if cue.absorbed or tok.dep_ != "advcl" or cue.kind == "nominal":
            continue
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            continue
        outer = heads.get(tok.head.i)
        if outer is not None and outer is not cue:
            cue.absorbed = True
            outer.content.append(cue)
    # The demands of a protest are its topic, not events of their own (manual 3.12.2):
    # "students staged demonstrations to demand reforms", "rioted, calling for his removal".
    protests = {c.head.i: c for c in cues if c.type == "PROTEST" and not c.absorbed}
    for cue in cues:
        if cue.absorbed or cue.type not in {"REQUEST", "ACCUSE"}:
            continue
        tok = cue.head
        for _ in range(4):
            if tok.dep_ not in {"advcl", "xcomp", "acl", "pcomp", "prep", "pobj", "conj", "relcl"}:
                break
            tok = tok.head
            outer = protests.get(tok.i)
            if outer is not None:
                cue.absorbed = True
                outer.content.append(cue)
                break
    return [c for c in cues if not c.absorbed]


# -- participants ------------------------------------------------------------------------------


def _subject(verb: Token, depth: int = 0, *, surface: bool = False) -> Token | None:
    """The doer of a verb: its subject, the agent of a passive, or an inherited subject.

    With ``surface``, the grammatical subject even of a passive: what a conjoined verb shares
    ("the minister was indicted by the court and will resign": the minister resigns).
    """
    passive = False
    for child in verb.children:
        if child.dep_ == "expl":
            return None
        if child.dep_ in _SUBJECT_DEPS:
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head
            return child
        if child.dep_ in {"nsubjpass", "auxpass"}:
            if surface and child.dep_ == "nsubjpass":
                return child
            passive = True
    if passive:
        for child in _children(verb, "agent"):
            pobj = _first(child, "pobj")
            if pobj is not None:
                return pobj
        return None
    head = verb.head
    if depth < 4 and verb.dep_ in {"xcomp", "conj", "advcl", "pcomp", "acomp"} and head.i != verb.i:
        if verb.dep_ == "xcomp" and head.pos_ in {"VERB", "AUX"}:
            # Object control: "urged Iraq to comply" -> Iraq complies.
            obj = _first(head, "dobj")
            if obj is not None and _lemma(head) in CONTENT_VERBS | {"force", "persuade"}:
                return obj
        if head.pos_ in {"VERB", "AUX", "ADJ"}:
            surface = verb.dep_ == "conj" and not (verb.tag_ == "VBN" and _passive(head))
            return _subject(head, depth + 1, surface=surface)
    if (
        depth < 4
        and verb.dep_ == "conj"
        and head.pos_ in {"NOUN", "PROPN"}
        and head.dep_ in {"dobj", "pobj"}
        and head.head.pos_ in {"VERB", "AUX"}
    ):
        return _subject(head.head, depth + 1, surface=True)  # see the note in _absorb
    if (
        verb.dep_ in {"acl", "relcl"}
        and head.pos_ in {"NOUN", "PROPN"}
        and not (verb.dep_ == "acl" and verb.tag_ == "VBN")  # "weapons seized": the object
    ):
        return head
    if verb.dep_ == "pcomp" and head.head.pos_ in {"NOUN", "PROPN"}:
        return head.head
    if depth < 4 and verb.dep_ == "pcomp" and head.head.pos_ in {"ADJ", "VERB", "AUX"}:
        return _subject(head.head, depth + 1)  # "are guilty of violating": who is guilty
    return None


def _usable(tok: Token | None) -> bool:
    """A token that can name a participant: not a date, number, or possessive pronoun."""
    if (
        tok is None
        or tok.pos_ == "NUM"
        or tok.ent_type_ in _NOT_PARTICIPANTS - {"CARDINAL"}
        or (tok.ent_type_ == "CARDINAL" and tok.pos_ != "NOUN")  # "thousands" can act
    ):
        return False
    if tok.lower_ in _POSSESSIVE_PRONOUNS or tok.lower_ in {"themselves", "itself", "himself"}:
        return False
    return tok.pos_ in {"NOUN", "PROPN", "PRON", "ADJ"} or bool(tok.ent_type_)


def _noun_source(noun: Token) -> Token | None:
    """Who performs an event noun: 'Russia's invasion', 'the invasion by Russia', 'a U.S. request'."""
    for child in noun.children:
        if child.dep_ == "poss" and _usable(child) and child.lower_ not in _POSSESSIVE_PRONOUNS:
            return child
    for prep in _children(noun, "prep"):
        if prep.lower_ in _SOURCE_PREPS:
            pobj = _first(prep, "pobj")
            if _usable(pobj) and pobj is not None and _is_actorish(pobj):
                return pobj
    for child in noun.children:
        named = child.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"}
        if child.dep_ in {"compound", "amod"} and named and not _a_locality(child):
            return child  # "a U.S. request", not "the Newtown massacre"
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ in {"its", "their", "his", "her"}:
            return child  # resolved through the actor table when the pipeline asked for it
    return None


# Event types whose place is what is hit ("a curfew in Algiers", "strikes in Aleppo").
_HIT_HERE = frozenset({"THREATEN", "COERCE", "ASSAULT", "MOBILIZE", "SANCTION"})


def _a_locality(tok: Token) -> bool:
    """A place that is not a country: a city, region or site ("the San Bernardino attacks", "a
    rally in Miami"), where an event happens rather than who takes part."""
    if tok.ent_type_ in {"LOC", "FAC"}:
        return True
    if tok.ent_type_ != "GPE":
        return False
    name = tok.doc[tok.left_edge.i : tok.i + 1].text
    return country_of(name) is None


def _is_actorish(tok: Token) -> bool:
    """Does this token name someone who can act (not a thing, a date or an idea)?"""
    if tok.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
        return True
    if tok.pos_ in {"PROPN", "PRON"}:
        return tok.ent_type_ not in _NOT_PARTICIPANTS
    lemma = _lemma(tok)
    if lemma in GROUP_NOUNS or tok.lower_ in GROUP_NOUNS or lemma in PROTESTER_NOUNS:
        return True
    if lemma in ORGANIZATION_NOUNS or lemma in TITLE_WORDS or lemma in _COUNTERPARTS:
        return True
    if sector_of([tok.lower_]) is not None:
        return True
    return any(c.dep_ == "nummod" for c in tok.children) and not {lemma} & (
        AID_NOUNS | PROPERTY_NOUNS | SUPPLY_NOUNS
    )


def _thing(tok: Token, etype: str = "") -> bool:
    """Objects that are what is given, sent or affected, not who is acted on.

    Troops are what is sent, deployed or withdrawn, but whom an attack or an arrest hits.
    """
    lemma = _lemma(tok)
    words = {lemma, tok.lower_}
    if words & (AID_NOUNS | PROPERTY_NOUNS | SUPPLY_NOUNS | _ABSTRACT):
        return True
    if words & TROOP_NOUNS and etype in _TRANSFER_TYPES:
        return True
    return not _is_actorish(tok) and any(
        c.dep_ == "poss" and c.lower_ in _POSSESSIVE_PRONOUNS for c in tok.children
    )


def _noun_target(noun: Token, etype: str) -> Token | None:
    for prep_word in _NOUN_TARGET_PREPS:
        for prep in _children(noun, "prep"):
            if prep.lower_ != prep_word:
                continue
            pobj = _first(prep, "pobj")
            if pobj is None or not _usable(pobj):
                continue
            if prep_word in {"in", "into"} and etype not in _HIT_HERE and _a_locality(pobj):
                continue  # "a rally in Miami": where, not whom ("a curfew in Algiers" is)
            if pobj.ent_type_ in {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"} or _is_actorish(
                pobj
            ):
                return pobj
    return None


def _inner_party(noun: Token, etype: str, avoid: set[int]) -> Token | None:
    """The party named inside a noun phrase: 'a U.S. request', 'the removal of the president'."""
    for child in noun.children:
        if (
            child.dep_ == "poss"
            and _usable(child)
            and child.i not in avoid
            and child.lower_ not in _POSSESSIVE_PRONOUNS
        ):
            return child
    found = _noun_target(noun, etype)
    if found is not None and found.i not in avoid:
        return found
    src = _noun_source(noun)
    if src is not None and src.i not in avoid and src.lower_ not in _POSSESSIVE_PRONOUNS:
        return src
    return None


def _prep_target(verb: Token, etype: str, avoid: set[int]) -> Token | None:
    for prep_word in _TARGET_PREPS.get(etype, ()):
        for prep in _children(verb, "prep", "dative", "agent"):
            if prep.lower_ != prep_word:
                continue
            pobj = _first(prep, "pobj")
            if pobj is None or pobj.i in avoid or not _usable(pobj):
                continue
            if prep_word in _LOCATIVE and etype not in {"COERCE", "ASSAULT", "PROTEST", "MOBILIZE"}:
                continue
            if _noun_cue(pobj) is not None or _thing(pobj, etype):
                inner = _inner_party(pobj, etype, avoid)
                if inner is not None:
                    return inner
                continue
            return pobj
    return None


def _target(cue: _Cue, source: Token | None) -> Token | None:
    head = cue.head
    avoid = set(cue.tokens)
    if source is not None:
        avoid.add(source.i)
    if cue.kind == "nominal":
        found = _noun_target(head, cue.type)
        return found if found is not None and found.i not in avoid else None
    if cue.event_noun is not None:
        # "imposed sanctions on Iran", "rejected a U.S. request".
        found = _inner_party(cue.event_noun, cue.type, avoid)
        if found is not None:
            return found
        return _prep_target(head, cue.type, avoid)
    for child in head.children:
        if child.dep_ == "dative" and child.i not in avoid and _usable(child):
            if child.pos_ in {"PROPN", "NOUN", "PRON"}:
                return child
            pobj = _first(child, "pobj")
            if pobj is not None and _usable(pobj):
                return pobj
    obj = _first(head, "dobj")
    if obj is None and _passive(head):
        obj = _first(head, "nsubjpass")
    if obj is not None and obj.i in avoid:
        obj = None
    usable = obj is not None and _usable(obj)
    if obj is not None and usable and _is_actorish(obj) and not _thing(obj, cue.type):
        return obj
    found = _prep_target(head, cue.type, avoid)
    if found is not None:
        return found
    if obj is not None:
        # "70 million dollars of aid for Romania": the party inside the object phrase.
        for prep in _children(obj, "prep"):
            pobj = _first(prep, "pobj")
            if pobj is not None and prep.lower_ == "of" and (_thing(pobj) or _noun_cue(pobj)):
                inner = _prep_target(pobj, cue.type, avoid) or _inner_party(pobj, cue.type, avoid)
                if inner is not None:
                    return inner
        inner = _inner_party(obj, cue.type, avoid)
        if inner is not None:
            return inner
        if (
            usable
            and obj.pos_ in {"NOUN", "PROPN"}
            and not _thing(obj, cue.type)
            and _noun_cue(obj) is None
            and _lemma(obj) not in CONTENT_NOUNS
        ):
            return obj
    return None


_ABSTRACT = frozenset(
    """
    plan plans policy policies program programme efforts effort way decision idea law laws rule
    rules measure measures step steps action actions move moves role need process issue issues
    time times right rights system reform reforms change changes situation conditions part
    development progress support statement remarks comments report reports claims claim
    information details evidence question questions matter matters case cases power control
    admission removal return release resignation end lifting formula extension
    """.split()
)


def _content_target(cue: _Cue, source: Token | None) -> Token | None:
    """A target lent by the content: who is asked to act, or whom the content concerns."""
    src = source.i if source is not None else -1
    if cue.type == "REQUEST" or cue.kind == "deontic":
        # "demanded that the US cancel ...", "urged Iraq to comply": who is to act.
        for comp in _children(cue.head, "ccomp", "xcomp"):
            subj = _first(comp, "nsubj", "nsubjpass")
            if (
                subj is not None
                and subj.i != src
                and _usable(subj)
                and (subj.lower_ not in {"it", "they", "we", "he", "she"} or cue.kind == "deontic")
            ):
                return subj
    for inner in cue.content:
        if cue.type in {"ACCUSE", "REJECT", "SUPPORT"} and inner.kind == "nominal":
            maker = _noun_source(inner.head)
            if maker is not None and maker.i != src and maker.lower_ not in _POSSESSIVE_PRONOUNS:
                return maker
        tgt = _target(inner, source)
        if tgt is not None and tgt.i != src:
            return tgt
        nested = _content_target(inner, source)
        if nested is not None:
            return nested
    return None


# -- modes -------------------------------------------------------------------------------------


def _aux_words(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}


def _negated(tok: Token) -> bool:
    for child in tok.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "det" and child.lower_ == "no":
            return True
    return False


def _modes(cue: _Cue, reported_spans: Sequence[tuple[int, int]]) -> tuple[set[str], bool]:
    """The auxiliary modes of a cue, and whether it sits in a conditional's if-clause."""
    modes: set[str] = set()
    antecedent = False
    verb = cue.head
    if cue.kind == "nominal":
        if _negated(verb):
            modes.add("negated")
        verb = verb.head if verb.head.pos_ in {"VERB", "AUX"} else verb
        if verb.i == cue.head.i:
            return modes, False
    chain = [verb]
    tok = verb
    while tok.dep_ in {"xcomp", "conj", "acomp"} and tok.head.i != tok.i and len(chain) < 5:
        tok = tok.head
        chain.append(tok)
    reported = False
    for k, tok in enumerate(chain):
        aux = _aux_words(tok)
        if _negated(tok) and (
            k == 0 or (tok.pos_ in {"VERB", "AUX", "ADJ"} and _lemma(tok) not in {"refuse"})
        ):
            modes.add("negated")
        if k > 0 and _lemma(tok) == "fail":
            modes.add("negated")
        if aux & FUTURE_AUX or ("going" in aux and tok.lower_ != "going"):
            modes.add("future")
        if aux & MODAL_AUX:
            modes.add("hypothetical")
        if k > 0 and (_lemma(tok) in INTENT_VERBS or tok.lower_ in INTENT_ADJECTIVES):
            modes.add("future")
        for child in tok.children:
            if child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in _CONDITIONAL_MARKS for m in child.children
            ):
                modes.add("conditional")
        if any(m.dep_ == "mark" and m.lower_ in _CONDITIONAL_MARKS for m in tok.children):
            antecedent = True
            modes.add("hypothetical")
    # Reported: inside a quote, or the complement of a verb of saying.
    top = chain[-1]
    hops = 0
    while top.dep_ in {"ccomp", "conj", "xcomp", "advcl"} and hops < 6:
        head = top.head
        if top.dep_ == "ccomp" and _lemma(head) in REPORT_VERBS:
            reported = True
            break
        top = head
        hops += 1
    start = cue.head.idx
    if any(s <= start < e for s, e in reported_spans):
        reported = True
    if reported:
        modes.add("reported")
        if "hypothetical" in modes and "would" in _aux_words(verb) and not antecedent:
            modes.discard("hypothetical")  # reported "would" is a future in the past
            modes.add("future")
    return modes, antecedent


def _plover_type(base: EventType, modes: set[str], antecedent: bool, kind: str) -> EventType:
    """PLOVER's auxiliary-mode rules (manual 2.3, 3.1, 3.4, 3.10)."""
    if "negated" in modes:
        return "REJECT" if base in COOPERATIVE else base
    if antecedent:
        return base
    intended = "future" in modes or (
        "hypothetical" in modes and ("conditional" in modes or "reported" in modes)
    )
    if not intended:
        return base
    if base in _INTENDED_COOPERATION:
        return "AGREE"
    if base == "RETREAT":
        return "CONCEDE"
    if base in _MATERIAL_CONFLICT:
        return "THREATEN"
    return base


# -- dates -------------------------------------------------------------------------------------

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {
    m: k
    for k, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_DAY_WORDS = re.compile(
    r"\b(?:today|tonight|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[a-z]{3,9}\b|\b[a-z]{3,9}\.?\s+\d{1,2}\b|"
    r"\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)


def _article_date(document: Document) -> date | None:
    if not document.date:
        return None
    try:
        return datetime.fromisoformat(document.date.strip()[:10]).date()
    except ValueError:
        parsed = _dateparser_parse(document.date, None, "past")
        return parsed


@lru_cache(maxsize=4096)
def _simple_date(text: str, base: date | None, prefer: str) -> date | None:
    """Days named the common ways: weekday, yesterday/today/tomorrow, 'March 3', '3 March 2021'."""
    words = re.findall(r"[a-z]+|\d+", text.lower())
    if base is not None:
        for word in ("today", "tonight"):
            if word in words:
                return base
        if "yesterday" in words:
            return base - timedelta(days=1)
        if "tomorrow" in words:
            return base + timedelta(days=1)
        days = [w for w in words if w in _WEEKDAYS]
        if days and len(words) <= 3:
            wanted = _WEEKDAYS.index(days[0])
            if prefer == "future" or "next" in words:
                delta = (wanted - base.weekday()) % 7 or 7
                return base + timedelta(days=delta)
            delta = (base.weekday() - wanted) % 7
            if "last" in words and delta == 0:
                delta = 7
            return base - timedelta(days=delta)
    months = [w for w in words if w in _MONTHS]
    numbers = [int(w) for w in words if w.isdigit()]
    if len(months) == 1 and numbers:
        month = _MONTHS[months[0]]
        day = next((n for n in numbers if 1 <= n <= 31), None)
        year = next((n for n in numbers if n > 31), None)
        if day is None:
            return None
        if year is None:
            if base is None:
                return None
            year = base.year
            try:
                candidate = date(year, month, day)
            except ValueError:
                return None
            if prefer == "past" and candidate > base + timedelta(days=1):
                year -= 1
            elif prefer == "future" and candidate < base:
                year += 1
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None


def _dateparser_parse(text: str, base: date | None, prefer: str) -> date | None:
    try:
        import dateparser
    except ImportError:  # optional: without it only the common forms are read
        return None
    settings: dict[str, Any] = {"PREFER_DATES_FROM": prefer, "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd strings
        return None
    return parsed.date() if parsed is not None else None


@lru_cache(maxsize=4096)
def _resolve_date(text: str, base: date | None, prefer: str) -> date | None:
    if not _DAY_WORDS.search(text):
        return None  # "last year", "two weeks", "1988": not a day
    if base is None and not re.search(r"\b\d{4}\b", text):
        return None  # "on Monday" without an article date: no day to count from
    return _simple_date(text, base, prefer) or _dateparser_parse(text, base, prefer)


# -- building events -------------------------------------------------------------------------


@dataclass(slots=True)
class _Context:
    doc: Doc
    actors: ActorTable
    text: str
    by_id: dict[str, Actor]
    mentions: list[tuple[int, int, str]]  # sorted (start, end, actor id)
    reach: list[int]  # reach[k]: the furthest end among mentions[0..k]
    reported: list[tuple[int, int]]
    quote_speakers: list[tuple[int, int, str]]  # (start, end, speaker actor id)
    base: date | None


def _participant(ctx: _Context, tok: Token | None, *, cue_start: int) -> Participant | None:
    if tok is None:
        return None
    span = speaker_span(tok)
    if tok.dep_ == "poss":
        span = tok.doc[tok.left_edge.i : tok.i + 1]
        while len(span) > 1 and span[-1].lower_ in {"'s", "’s", "'"}:
            span = span[:-1]
    while len(span) > 1 and span[0].lower_ in {"the", "a", "an"}:
        span = span[1:]
    start, end = span.start_char, span.end_char
    actor_id = _actor_for(ctx, span, tok)
    if actor_id is None and tok.lower_ in _FIRST_PERSON:
        for q_start, q_end, speaker in ctx.quote_speakers:
            if q_start <= cue_start < q_end:
                actor_id = speaker
                break
    country, sector = _describe(ctx, span, actor_id)
    return Participant(actor_id, span.text, start, end, country, sector)


def _actor_for(ctx: _Context, span: Span, tok: Token) -> str | None:
    for child in tok.children:  # "his troops": the actor is the one "his" resolved to
        owner = (child.idx, child.idx + len(child.text))
        if child.dep_ == "poss" and child.pos_ == "PRON" and owner in ctx.actors.resolved:
            return ctx.actors.resolved[owner]
    start, end = span.start_char, span.end_char
    if (start, end) in ctx.actors.resolved:
        return ctx.actors.resolved[(start, end)]
    root_start, root_end = tok.idx, tok.idx + len(tok.text)
    if (root_start, root_end) in ctx.actors.resolved:
        return ctx.actors.resolved[(root_start, root_end)]
    inside: list[tuple[int, str]] = []
    first = bisect.bisect_right(ctx.reach, start)  # the mentions before it end by ``start``
    for k in range(first, len(ctx.mentions)):
        m_start, m_end, actor_id = ctx.mentions[k]
        if m_start >= end:
            break
        if m_end <= start:
            continue
        if m_start <= root_start < m_end:
            return actor_id
        inside.append((abs(m_start - root_start), actor_id))
    if inside:
        return min(inside)[1]
    return None


def _describe(ctx: _Context, span: Span, actor_id: str | None) -> tuple[str | None, str | None]:
    words = [t.text for t in span if t.ent_type_ != "PERSON" or t.pos_ != "PROPN"]
    actor = ctx.by_id.get(actor_id) if actor_id else None
    found = country_of(" ".join(words)) if words else None
    sector = sector_of([t.lemma_ for t in span if t.ent_type_ != "PERSON"] + words)
    if actor is not None:
        extra = " ".join(x for x in (actor.role, actor.affiliation) if x)
        if found is None:
            found = country_of(actor.name) if actor.type != "person" else None
            if found is None and extra:
                found = country_of(extra)
        if sector is None and extra:
            sector = sector_of(extra.split())
        if sector is None and actor.type == "country":
            sector = "government"
    if found is not None and found[1] in _INTERNATIONAL_CODES:
        sector = None  # the UN, the EU, NATO: bodies of their own, not a national sector
    if sector is None and found is not None and span.root.ent_type_ == "GPE":
        sector = "government"  # a state named as an actor is its government (CAMEO practice)
    return (found[0] if found else None), sector


def _location(sent: Span, taken: list[tuple[int, int]]) -> tuple[str, int, int] | None:
    best: tuple[int, Span] | None = None
    for ent in entities_in(sent):
        if ent.label_ not in _PLACE_LABELS:
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        head = ent.root.head
        rank = 0 if (ent.root.dep_ == "pobj" and head.lower_ in _LOCATIVE) else 1
        if best is None or rank < best[0]:
            best = (rank, ent)
    if best is None:
        return None
    ent = best[1]
    return ent.text, ent.start_char, ent.end_char


def _sentence_date(ctx: _Context, sent: Span, prefer: str) -> tuple[str | None, str | None]:
    for ent in entities_in(sent):
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        found = _resolve_date(ent.text, ctx.base, prefer)
        if found is not None:
            return found.isoformat(), ent.text
    return (ctx.base.isoformat() if ctx.base else None), None


def _trigger_tokens(cue: _Cue, text: str) -> tuple[int, int, str]:
    doc = cue.head.doc
    first = min(cue.tokens)
    last = max(cue.tokens)
    if last - first > 6:  # verb and a distant object: report the verb only
        last = first
    start = doc[first].idx
    end = doc[last].idx + len(doc[last].text)
    return start, end, text[start:end]


_BASE_CONFIDENCE = {
    "verb": 0.75,
    "phrasal": 0.75,
    "object": 0.7,
    "adjective": 0.6,
    "deontic": 0.6,
    "nominal": 0.55,
}


def extract_events(
    doc: Doc,
    actors: ActorTable,
    document: Document,
    *,
    reported: Sequence[tuple[int, int]] = (),
    quotes: Sequence[Quote] = (),
    require_source: bool = True,
) -> tuple[Event, ...]:
    """The PLOVER events of one parsed document (``doc.text == document.text``).

    ``reported`` are character spans of reported speech; ``quotes`` adds each quote's pieces to
    them and lets "we" inside a quote stand for its speaker. PLOVER codes only events with a
    named actor (manual 7.5); ``require_source=False`` also keeps those with a target but no
    source ("the embassy was attacked"), at a lower confidence.
    """
    spans = list(reported)
    speakers: list[tuple[int, int, str]] = []
    for quote in quotes:
        spans.extend(quote.spans)
        if quote.speaker is not None:
            speakers.extend((s, e, quote.speaker) for s, e in quote.spans)
    mentions = sorted(
        (start, end, actor.id) for actor in actors.actors for start, end in actor.mentions
    )
    ctx = _Context(
        doc=doc,
        actors=actors,
        text=document.text,
        by_id={a.id: a for a in actors.actors},
        mentions=mentions,
        reach=list(itertools.accumulate((end for _start, end, _id in mentions), max)),
        reported=spans,
        quote_speakers=speakers,
        base=_article_date(document),
    )
    events: list[Event] = []
    candidates = _candidates(doc)
    at = 0
    for sent in doc.sents:
        first = at
        while at < len(candidates) and candidates[at] < sent.end:
            at += 1
        if first == at:
            continue
        for cue in _absorb(_find_cues(sent, candidates[first:at])):
            event = _build(ctx, sent, cue, len(events) + 1, require_source)
            if event is not None:
                events.append(event)
    return tuple(events)


def _build(
    ctx: _Context, sent: Span, cue: _Cue, number: int, require_source: bool = True
) -> Event | None:
    """The event of one cue: its source and target, PLOVER type and mode, date and place."""
    source_tok = _source_token(cue)
    if source_tok is None and require_source:
        return None  # PLOVER codes events with a named actor only (manual 7.5)
    target_tok = _target(cue, source_tok)
    if target_tok is None:
        target_tok = _content_target(cue, source_tok)
    if target_tok is not None and source_tok is not None and target_tok.i == source_tok.i:
        target_tok = None
    if source_tok is None and target_tok is None:
        return None
    modes, antecedent = _modes(cue, ctx.reported)
    etype = _plover_type(cue.type, modes, antecedent, cue.kind)
    plover_mode = _plover_mode(cue, etype)
    t_start, t_end, t_text = _trigger_tokens(cue, ctx.text)
    source = _participant(ctx, source_tok, cue_start=t_start)
    target = _participant(ctx, target_tok, cue_start=t_start)
    if (
        source is not None
        and target is not None
        and source.start < target.end
        and target.start < source.end
    ):
        target = None
    taken = [(p.start, p.end) for p in (source, target) if p is not None]
    place = _location(sent, taken)
    prefer = "future" if "future" in modes else "past"
    day, day_text = _sentence_date(ctx, sent, prefer)
    if "conditional" in modes:
        modes.discard("conditional")
        modes.add("hypothetical")
    mode = tuple(m for m in ("negated", "hypothetical", "future", "reported") if m in modes)
    return Event(
        id=f"e{number}",
        type=etype,
        base_type=cue.type,
        mode=mode,
        plover_mode=plover_mode,
        source=source,
        target=target,
        trigger=t_text,
        trigger_start=t_start,
        trigger_end=t_end,
        sentence_start=sent.start_char,
        sentence_end=sent.end_char,
        date=day,
        date_text=day_text,
        location=place[0] if place else None,
        location_start=place[1] if place else None,
        location_end=place[2] if place else None,
        quad_class=QUAD_CLASS[etype],
        score=plover_score(etype, plover_mode),
        confidence=_event_confidence(cue, source, target),
        extractor=f"{EXTRACTOR}:{cue.kind}",
    )


def _source_token(cue: _Cue) -> Token | None:
    """Who acts: the subject of the cue's clause (the owner of an event noun), if usable."""
    head = cue.head
    source_tok = _noun_source(head) if cue.kind == "nominal" else _subject(head)
    if source_tok is not None and not _usable(source_tok):
        source_tok = None
    if source_tok is not None and _noun_cue(source_tok) is not None and source_tok.pos_ == "NOUN":
        source_tok = _noun_source(source_tok)  # "the protest called for ...": who protested
    return source_tok


def _plover_mode(cue: _Cue, etype: EventType) -> str | None:
    """The PLOVER mode of an event: the cue's, a threat's or a demand's by its content."""
    plover_mode = cue.mode if etype == cue.type else None
    if etype == "THREATEN" and cue.type != "THREATEN":
        plover_mode = _threat_mode(cue.type, cue.mode)
    if etype == cue.type and cue.type in {"REQUEST", "REJECT"} and cue.content:
        plover_mode = _content_mode(cue.content[0].type)
    if cue.type == "THREATEN" and cue.content:
        plover_mode = _threat_mode(cue.content[0].type, cue.content[0].mode)
    return plover_mode


def _event_confidence(cue: _Cue, source: Participant | None, target: Participant | None) -> float:
    """The cue kind's base confidence, lower without a source, higher for known actors."""
    confidence = _BASE_CONFIDENCE.get(cue.kind, 0.6)
    if source is None:
        confidence -= 0.15
    elif source.actor is not None:
        confidence += 0.05
    if target is not None and target.actor is not None:
        confidence += 0.05
    return round(max(0.1, min(confidence, 0.95)), 3)


def _threat_mode(base: str, mode: str | None) -> str | None:
    """The THREATEN mode (manual Table 3.6) of a threatened act."""
    if base == "ASSAULT":
        return "violence"
    if base == "COERCE":
        return {"arrest": "arrest", "deport": "expel", "seize": "territory"}.get(
            mode or "", "restrict"
        )
    if base == "SANCTION":
        return "expel" if mode == "expel" else "relations"
    if base in {"PROTEST", "MOBILIZE"}:
        return "restrict" if base == "PROTEST" else "violence"
    return None


def _content_mode(inner: str) -> str | None:
    """The REQUEST/REJECT mode (manual Table 3.3) of what is asked for or refused."""
    if inner in {"COOPERATE", "AID", "SUPPORT"}:
        return "assist"
    if inner in {"CONSULT", "AGREE"}:
        return "meet"
    if inner in {"RETREAT", "CONCEDE"}:
        return "yield"
    return None


def participant_spans(doc: Doc) -> list[Span]:
    """Pronoun subjects and objects of event triggers, for ``extract_actors`` to resolve.

    Pass them (after the quote speakers) as ``requests`` so that "it will impose sanctions"
    gets the actor "it" refers to. Only pronouns are returned: named and nominal participants
    resolve without help.
    """
    from spacy.attrs import POS
    from spacy.symbols import PRON

    out: list[Span] = []
    seen: set[int] = set()
    pronouns = [i for i, pos in enumerate(doc.to_array([POS]).tolist()) if pos == PRON]
    for tok in (doc[i] for i in pronouns):
        if tok.lower_ not in PRONOUNS or tok.lower_ in {"i", "me", "you"}:
            continue
        # A possessive stands for its noun's owner: "his troops attacked" asks who "his" is.
        arg = tok.head if tok.dep_ == "poss" else tok
        if arg.dep_ not in {"nsubj", "nsubjpass", "dobj", "pobj"} or tok.i in seen:
            continue
        head = arg.head if arg.dep_ != "pobj" else arg.head.head
        lemma = _lemma(head)
        if (
            lemma in VERB_CUES
            or lemma in CONTENT_VERBS
            or lemma in INITIATE_VERBS
            or lemma in REVERSE_VERBS
            or lemma in GIVE_VERBS
            or lemma in INTENT_VERBS
            or any((lemma, c.lower_) in PHRASAL_CUES for c in head.children)
        ):
            seen.add(tok.i)
            out.append(doc[tok.i : tok.i + 1])
    return out
