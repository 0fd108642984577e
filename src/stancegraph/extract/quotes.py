"""Quotes: direct quotations and reported speech, with their cue and speaker.

In: a parsed spaCy ``Doc``. Out: ``RawQuote`` records (content character spans, cue span,
speaker noun-phrase span, type, confidence); ``stancegraph.pipeline.analyze_doc`` resolves
each speaker to an actor and freezes the result into ``Quote``.

Three passes, after Pareti's attribution-relation model (source, cue, content):

1. ``find_quotations`` scans the characters for quotation marks (straight, typographic,
   guillemets, low-9, single), pairs them with a stack, lets a quote run on when the next
   paragraph opens with a mark (the newspaper convention for multi-paragraph quotes), and closes
   an unbalanced quote at its paragraph's end instead of failing.
2. Each quotation is attributed to a speech cue next to it: after it in the same sentence
   ("...," he said), before it ("He said: ..."), or ending the sentence before it with a colon.
   A second quotation that the same cue frames ("A," he said, "B.") joins the first as a split
   quote; an unattributed quotation that opens a paragraph after an attributed one continues
   that speaker.
3. Every other cue verb with a subject and a complement yields reported speech: a clause
   ("warned that ..."), an infinitive ("urged X to ..."), a prepositional object ("called for
   ...") or, for verbs of position-taking, a noun phrase ("rejected the plan"); "according to X"
   and documents as speakers ("the letter says") included. A complement that holds quoted words
   makes a mixed quote.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..types import QuoteType
from .actors import speaker_span
from .lexicons import (
    ATTITUDE_ADJECTIVES,
    AUTHOR_VERBS,
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    NOMINAL_CUES,
    POSITION_VERBS,
    SPEECH_VERBS,
    THOUGHT_VERBS,
    TITLE_WORDS,
)
from .nlp import entities_between, token_offsets
from .plover import sector_of
from .ranges import Ranges

__all__ = [
    "ALL_MARKS",
    "NOT_SPEAKERS",
    "Quotation",
    "RawQuote",
    "armed_subject",
    "cue_span",
    "cut_nested",
    "cut_trailing",
    "extract_raw_quotes",
    "find_quotations",
    "owner_speaker",
    "span_chars",
    "speaker_tokens",
    "subject_of",
]

EXTRACTOR = "stancegraph.quotes/1"

_OPENERS = {"“": "d", "„": "d", "«": "d", "‘": "s", "‹": "s"}
_CLOSERS = {"”": "d", "»": "d", "’": "s", "›": "s"}
ALL_MARKS = set(_OPENERS) | set(_CLOSERS) | {'"', "'", "`"}
# A quotation with fewer words and no cue is a scare quote or a title, not speech.
_MIN_UNATTRIBUTED_WORDS = 6
# Tokens allowed between a quotation and a cue that follows it ("...," the senator said).
_MAX_GAP_AFTER = 8
# Tokens allowed between a cue and a quotation that follows it in one sentence.
_MAX_GAP_BEFORE = 12

_CUE_LEMMAS = SPEECH_VERBS | THOUGHT_VERBS | POSITION_VERBS  # widened below
# Verbs whose noun-phrase object is the position taken ("rejected the plan").
_NOMINAL_CUES = frozenset(
    [
        "reject",
        "oppose",
        "support",
        "back",
        "endorse",
        "criticize",
        "criticise",
        "condemn",
        "denounce",
        "praise",
        "propose",
        "demand",
        "deny",
        "dismiss",
        "defend",
        "announce",
        "predict",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "question",
        "dispute",
        "blame",
        "welcome",
        "seek",
        "want",
        "favor",
        "favour",
        "advocate",
        "accept",
        "approve",
        "veto",
        "recommend",
        "request",
        "decry",
        "slam",
        "blast",
        "applaud",
        "hail",
        "deplore",
        "lament",
        "challenge",
        "contest",
        "refuse",
    ]
)
# Verb + preposition whose object is what is said ("called for talks", "warned of war").
_PREP_CUES = {
    "for": frozenset(
        [
            "call",
            "push",
            "argue",
            "press",
            "lobby",
            "plead",
            "appeal",
            "ask",
            "advocate",
            "campaign",
        ]
    ),
    "about": frozenset(
        ["talk", "speak", "complain", "warn", "worry", "testify", "write", "comment", "joke", "ask"]
    ),
    "of": frozenset(["warn", "speak", "talk"]),
    "against": frozenset(["warn", "argue", "campaign", "caution", "advise"]),
    "on": frozenset(["comment", "insist"]),
}
# Verbs whose object is what a source talks about or presents ("mentioned the violence",
# "the poll shows Sanders ahead").
_TOPIC_CUES = frozenset(
    """
    mention cite discuss address express thank congratulate accuse attack mock highlight tout
    list show ask question recall acknowledge admit
    """.split()
)
# Verbs that name or describe something as something ("called the plan a disgrace").
_NAMING_CUES = frozenset("call label dub brand describe deem term characterize portray".split())
_CUE_LEMMAS = _CUE_LEMMAS | _TOPIC_CUES | _NAMING_CUES
# Verbs that need a clause or a quotation: with a bare object they are not speech.
_CLAUSE_ONLY = frozenset(
    ["show", "find", "read", "see", "view", "call", "continue", "push", "plan", "aim", "fight"]
)
_SUBJECT_DEPS = {"nsubj", "csubj"}
_RELATIVE = {"who", "that", "which"}
# Subjects that are the writer or the reader, not a reported source.
NOT_SPEAKERS = {"i", "we", "you", "me", "us"}


@dataclass(frozen=True, slots=True)
class Quotation:
    """A stretch of text between quotation marks; several pieces when it runs over paragraphs."""

    open: int  # offset of the opening mark
    close: int  # offset just after the closing mark, or the paragraph end when unbalanced
    pieces: tuple[tuple[int, int], ...]  # content only, one per paragraph
    closed: bool


@dataclass(frozen=True, slots=True)
class RawQuote:
    """A quote before its speaker is resolved to an actor."""

    type: QuoteType
    pieces: tuple[tuple[int, int], ...]
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None  # token span [start, end) of the speaker noun phrase
    confidence: float
    rule: str


# -- 1. quotation marks ----------------------------------------------------------------------


def _is_word(c: str) -> bool:
    return c.isalnum()


def _mark_kind(c: str, prev: str, nxt: str, stack: list[str], openers: list[str]) -> str:
    """Whether quotation mark ``c`` between ``prev`` and ``nxt`` opens ('open') or closes
    ('close') a quotation, given the marks open so far; '' for an apostrophe or a stray mark."""
    if c == "“" and stack and openers and openers[-1] == "„":
        return "close"  # German „...“
    if c == "“" and ('"' in stack or "d" in stack) and not _is_word(nxt) and not prev.isspace():
        return "close"  # a closing mark typed the wrong way round: "...,“ said Ms. Ortiz
    if c in _OPENERS and c != "‘":
        return "open"
    if c == "‘":
        return "open" if not _is_word(prev) else ""
    if c in _CLOSERS and c != "’":
        return "close"
    if c == "’":
        if (_is_word(prev) and _is_word(nxt)) or (not _is_word(prev) and nxt.isdigit()):
            return ""  # apostrophe: "don’t", "the ’90s"
        return "close" if "s" in stack else ""
    if c == '"':
        if '"' in stack or ("d" in stack and not _is_word(nxt)):
            return "close"  # a curly opening mark closed by a straight one: “...," she said
        return "open" if not _is_word(prev) else ""
    if c == "'":
        if "'" in stack and not _is_word(nxt):
            return "close"
        if not _is_word(prev) and _is_word(nxt) and stack:
            return "open"  # straight single quotes only nest inside a quotation
    return ""


# The families of open marks a closing mark's family closes.
_CLOSES = {"d": {"d", '"'}, "s": {"s", "'"}, '"': {'"', "d"}, "'": {"'", "s"}}


def _matching_open(c: str, stack: list[str]) -> int:
    """The position in ``stack`` of the open mark the closing mark ``c`` closes, or -1."""
    family = "d" if c == "“" else _CLOSERS.get(c, c)
    want = _CLOSES[family]
    k = len(stack) - 1
    while k >= 0 and stack[k] not in want:
        k -= 1
    return k


def find_quotations(text: str) -> list[Quotation]:
    """Every outermost quotation in ``text``; never raises on unbalanced marks.

    Two apostrophes ('') and two backticks (``), the typewriter spelling of double quotation
    marks in some newswires, count as one double mark.
    """
    original = text
    if "''" in text or "``" in text:
        text = text.replace("''", '" ').replace("``", '" ')
    found: list[Quotation] = []
    stack: list[str] = []  # families of open marks: "d", "s", '"', "'"
    openers: list[str] = []  # the opening characters, parallel to ``stack``
    open_at = -1
    content_start = -1
    pieces: list[tuple[int, int]] = []
    n = len(text)
    i = 0

    def finish(end_content: int, close_at: int, closed: bool) -> None:
        nonlocal open_at, content_start, pieces
        if content_start < end_content:
            pieces.append((content_start, end_content))
        trimmed = [p for p in (_strip_piece(original, s, e) for s, e in pieces) if p[0] < p[1]]
        if trimmed:
            found.append(Quotation(open_at, close_at, tuple(trimmed), closed))
        open_at, content_start, pieces = -1, -1, []

    while i < n:
        c = text[i]
        if c == "\n" and stack:
            # Paragraph end inside a quotation: continue when the next paragraph opens a quote.
            j = i
            while j < n and text[j].isspace():
                j += 1
            if j < n and text[j] in {"“", '"', "«", "„"} and stack[0] in {"d", '"'}:
                pieces.append((content_start, i))
                content_start = j + 1
                stack, openers = stack[:1], openers[:1]
                i = j + 1
                continue
            finish(i, i, False)
            stack, openers = [], []
            i += 1
            continue
        if c not in ALL_MARKS:
            i += 1
            continue
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < n else " "
        kind = _mark_kind(c, prev, nxt, stack, openers)
        if kind == "open":
            family = _OPENERS.get(c, c)
            if not stack:
                open_at, content_start, pieces = i, i + 1, []
            stack.append(family)
            openers.append(c)
        elif kind == "close" and stack:
            k = _matching_open(c, stack)
            if k >= 0:
                del stack[k:]
                del openers[k:]
                if not stack:
                    finish(i, i + 1, True)
        i += 1
    if stack:
        finish(n, n, False)
    return found


def _strip_piece(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ALL_MARKS):
        start += 1
    while end > start and (
        text[end - 1].isspace() or text[end - 1] in ALL_MARKS or text[end - 1] == ","
    ):
        end -= 1
    return start, end


# -- helpers over the parse ----------------------------------------------------------------------


class _Index:
    """Maps characters to tokens and sentences, and tokens to quotations."""

    def __init__(self, doc: Doc, text: str, quotations: Sequence[Quotation]) -> None:
        self.doc = doc
        self.text = text
        self.starts, self.sent_starts = token_offsets(doc)
        self.quote_of: dict[int, int] = {}  # token index -> quotation index
        for k, q in enumerate(quotations):
            first = self.token_at(q.open)
            last = self.token_at(max(q.close - 1, q.open))
            for t in range(first, last + 1):
                self.quote_of[t] = k

    def token_at(self, char: int) -> int:
        """Index of the token containing or starting after ``char``."""
        k = bisect.bisect_right(self.starts, char) - 1
        return max(0, min(k, len(self.starts) - 1))

    def sent_of(self, token: int) -> Span:
        k = max(0, bisect.bisect_right(self.sent_starts, token) - 1)
        end = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(self.doc)
        return self.doc[self.sent_starts[k] : end]


def _lemma(tok: Token) -> str:
    """The token's lemma, repairing the few the statistical lemmatiser gets wrong for cues."""
    lemma = tok.lemma_.lower()
    if lemma == "hop" and tok.lower_.startswith("hop") and tok.lower_[3:4] in {"e", "i"}:
        return "hope"
    return lemma


def _is_cue(tok: Token) -> bool:
    return tok.pos_ == "VERB" and _lemma(tok) in _CUE_LEMMAS


def _idiom_frame(tok: Token) -> bool:
    """Frames of a direct quote that are no cue words by themselves: "as Ms. Ruiz put it",
    "..., the mayor went on."."""
    lemma = _lemma(tok)
    if tok.pos_ != "VERB" or lemma not in {"put", "go"}:
        return False
    if lemma == "put":
        marked = any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
        return marked and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)
    return any(c.dep_ == "prt" and c.lower_ == "on" for c in tok.children) and not any(
        c.dep_ in {"dobj", "prep", "xcomp"} for c in tok.children
    )


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The speaker of a cue verb: its subject, the agent of a passive, or an inherited subject."""
    passive = False
    for child in verb.children:
        if child.dep_ == "expl":
            return None
        if child.dep_ in _SUBJECT_DEPS:
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return _issuer(verb.head, depth) or verb.head
            if child.lower_ in {"it", "there"} and verb.lemma_.lower() in {"seem", "appear", "be"}:
                return None
            if _dateline(child):
                return _past_dateline(verb, child)
            return child
        if child.dep_ in {"nsubjpass", "auxpass"}:
            passive = True
    if passive:
        for child in verb.children:
            if child.dep_ == "agent":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
        if depth:  # "X was asked to explain ...", "X was prompted to say": X speaks
            return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        return None
    head = verb.head
    if verb.dep_ == "conj" and head.dep_ == "ccomp" and _is_cue(head.head) and _is_cue(verb):
        # "He told reporters the bill was fair and urged the Senate to pass it": the parser hangs
        # the second cue on the reported clause; its speaker is the first cue's.
        return subject_of(head.head, depth + 1)
    if (
        depth < 3
        and verb.dep_ in {"xcomp", "conj", "advcl", "pcomp"}
        and head.pos_
        in {
            "VERB",
            "AUX",
        }
    ):
        return subject_of(head, depth + 1)
    if verb.dep_ == "acl" and (
        verb.head.pos_ == "PROPN" or verb.head.lemma_.lower() in GROUP_NOUNS | DOCUMENT_NOUNS
    ):
        return _issuer(verb.head, depth) or verb.head
    return None


def _issuer(document: Token, depth: int) -> Token | None:
    """Who put out the document a noun names, when the sentence says so: "the mayor issued a
    statement saying ...", "the group released an ad calling ..."."""
    verb = document.head
    if document.dep_ != "dobj" or document.lemma_.lower() not in DOCUMENT_NOUNS or depth >= 3:
        return None
    if _lemma(verb) not in AUTHOR_VERBS:
        return None
    return subject_of(verb, depth + 1)


def owner_speaker(noun: Token, owner: Token) -> Token:
    """Who holds the claim a possessed noun names. A possessive pronoun on what a verb does
    is the verb's subject ("she repeated her claim that", "he expanded upon his calls for"):
    the subject names the person where the pronoun only points back to them."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return owner
    if owner.pos_ != "PRON" or verb.pos_ not in {"VERB", "AUX"}:
        return owner
    subject = subject_of(verb)
    return subject if subject is not None else owner


_DASHES = frozenset({"—", "–", "-", "--"})


def _dateline(tok: Token) -> bool:
    """Whether ``tok`` is part of a story's dateline ("CLEVELAND —", "WASHINGTON (AP) —",
    "OTTAWA, March 3 (UPI) —", "MYRTLE BEACH, S.C. -", "New York (AFP) –"), which the parser
    often takes for the first sentence's subject."""
    doc = tok.doc
    start = tok.sent.start
    while start < tok.i and doc[start].is_space:
        start += 1
    k, shouting = start, False
    while k < min(len(doc), start + 8) and _dateline_word(doc[k]):
        shouting = shouting or (doc[k].is_alpha and doc[k].is_upper and len(doc[k]) >= 3)
        k += 1
    if not start <= tok.i < k or k >= len(doc):
        return False
    if doc[k].text in _DASHES or (shouting and doc[k].text == "("):
        return shouting or doc[k].text == "("
    credit = doc[k : k + 4]  # "(AFP) –": a news agency's credit before the dash
    return (
        len(credit) == 4
        and credit[0].text == "("
        and credit[1].text.isupper()
        and credit[2].text == ")"
        and credit[3].text in _DASHES
    )


def _dateline_word(tok: Token) -> bool:
    return tok.text == "," or tok.ent_type_ == "DATE" or tok.pos_ == "PROPN" or tok.is_upper


def _past_dateline(verb: Token, dateline: Token) -> Token | None:
    """The real subject behind a dateline: another subject of the verb, or the name the parser
    hung on the dateline as its apposition."""
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS and child.i != dateline.i:
            return child
    for child in dateline.children:
        credit = child.i > 0 and child.doc[child.i - 1].text == "("  # "(AP)"
        if child.dep_ == "appos" and child.i > dateline.i and not credit:
            return child
    return None


def cue_span(verb: Token) -> tuple[int, int]:
    """The cue's characters: the verb with an adjacent particle or preposition ("called for")."""
    end_tok = verb
    for child in verb.rights:
        if child.i == end_tok.i + 1 and (
            child.dep_ == "prt"
            or (child.dep_ == "prep" and _lemma(verb) in _PREP_CUES.get(child.lower_, ()))
        ):
            end_tok = child
    return verb.idx, end_tok.idx + len(end_tok.text)


def span_chars(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Character range of tokens first..last, trimmed of edge punctuation, marks, 'that' and
    a dangling 'according to' ('... responsibilities," according to')."""

    def edge(k: int) -> bool:
        return doc[k].is_punct or doc[k].text in ALL_MARKS or doc[k].is_space

    while first <= last and edge(first):
        first += 1
    if first <= last and doc[first].dep_ == "mark" and doc[first].lower_ == "that":
        first += 1
        while first <= last and edge(first):
            first += 1  # "reported that, in July, ..."
    while last >= first and edge(last):
        last -= 1
    if last - 1 >= first and doc[last].lower_ == "to" and doc[last - 1].lower_ == "according":
        last -= 2
        while last >= first and edge(last):
            last -= 1
    if first > last:
        return 0, 0
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _complement(verb: Token) -> tuple[list[Token], str] | None:
    """The content of a reported-speech cue and the rule that found it."""
    lemma = _lemma(verb)
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if clauses:
        return clauses, "clause"
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    predicates = [c for c in verb.children if c.dep_ == "oprd"]
    if predicates and lemma in _NAMING_CUES:
        # "called the plan a disgrace", "branded him a liar": object and predicate.
        return [*objects, *predicates], "naming"
    purposes = [
        c
        for c in verb.children
        if c.dep_ == "advcl" and c.left_edge.lower_ == "for" and lemma in _PREP_CUES["for"]
    ]
    if purposes:
        # "called for the US to step up its efforts", parsed as an adverbial clause.
        return purposes, "prepositional"
    xcomps = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}]
    if xcomps and lemma in POSITION_VERBS | SPEECH_VERBS:
        return [*objects, *xcomps], "infinitive"
    for child in verb.children:
        if child.dep_ == "prep" and lemma in _PREP_CUES.get(child.lower_, ()):
            objs = [g for g in child.children if g.dep_ in {"pobj", "pcomp"}]
            if objs:
                return objs, "prepositional"
    if (lemma in _NOMINAL_CUES or lemma in _TOPIC_CUES) and not armed_subject(verb):
        nominal = [o for o in objects if o.dep_ == "dobj" and o.pos_ in {"NOUN", "PROPN"}]
        if nominal:
            # The object with what completes it: "supported Crist against Rubio".
            tail = [
                c
                for c in verb.rights
                if c.i > nominal[-1].i and c.dep_ in {"prep", "oprd"} and c.lower_ != "by"
            ]
            return [*nominal, *tail[:1]], "nominal"
    return None


_ARMED = frozenset({"military", "police", "rebel"})


def armed_subject(verb: Token) -> bool:
    """Whether the verb's subject is an armed body ("troops attacked the camp"): then the
    verb is a deed, not words about its object."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:  # the head noun decides: "government troops"
            return sector_of([child.text]) in _ARMED
    return False


# -- 2 and 3. attribution ----------------------------------------------------------------------


@dataclass(slots=True)
class _Cue:
    verb: Token
    speaker: Token
    framed_by_colon: bool = False  # any verb before a colon, not a cue: "Ms. Ito shot back:"


def _framed_after(text: str, q: Quotation) -> bool:
    """Whether the quotation ends as a quote framed by a following cue does ('...," she said')."""
    k = q.close - 1
    while k > q.open and (text[k] in ALL_MARKS or text[k].isspace()):
        k -= 1
    after = text[q.close : q.close + 2].lstrip()
    return text[k] in ",?!—–-…:" or after[:1] in {",", "—", "–"}


def _starts_clause(text: str, offset: int) -> bool:
    """Whether a quotation opening at ``offset`` begins a sentence, a paragraph or a frame."""
    k = offset - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] in "\n.?!:,;—–(" or text[k] in ALL_MARKS


def _cue_after(index: _Index, q: Quotation) -> _Cue | None:
    """A cue right after a quotation, in the sentence where it closes ("...," she said)."""
    doc = index.doc
    if not _starts_clause(index.text, q.open):
        return None
    if not _framed_after(index.text, q):
        return _frame_after_stop(index, q)
    first = _token_after(index, q)
    sent = index.sent_of(max(first - 1, 0))
    # '"Why now?" Ms. Ortega asked.': the parser often ends the sentence at the question mark,
    # and the frame after it is a sentence of its own; it may frame the quotation only when it
    # says nothing else.
    own_frame = first < len(doc) and first >= sent.end
    if own_frame:
        sent = index.sent_of(first)
    limit = min(len(doc), first + _MAX_GAP_AFTER)
    t = first
    while t < limit:
        tok = doc[t]
        if t in index.quote_of or tok.text == "\n" or "\n" in tok.text:
            break
        if t >= sent.end and t > first + 1:
            break
        if tok.dep_ == "appos" and tok.head.i < t:
            # "..., Anna Hallberg, a former chair of the board, said.": the speaker's
            # apposition does not count towards the gap.
            limit = min(len(doc), limit + tok.right_edge.i - tok.left_edge.i + 2)
        speech = _is_cue(tok) and tok.lemma_.lower() in SPEECH_VERBS | THOUGHT_VERBS
        if speech or _idiom_frame(tok) or _mistagged_cue(tok, first):
            if own_frame and _says_more(tok):
                break
            subject = subject_of(tok) or _inverted_subject(tok, first)
            if subject is None or subject.i in index.quote_of:
                subject = _named_between(index, first, t)
            if subject is not None:
                return _Cue(tok, subject)
        if tok.text in {".", "?", "!"} and t > first:
            break
        t += 1
    return None


def _mistagged_cue(tok: Token, first: int) -> bool:
    """A saying verb the tagger reads as a noun at the end of a frame ('"...," the editorial
    read.', '"...," a voice-over in the ad states.'): an inflected form of a speech verb,
    after the frame's first word, closing the sentence."""
    if tok.pos_ not in {"NOUN", "PROPN"} or tok.i <= first or tok.i + 1 >= len(tok.doc):
        return False
    inflected = tok.lower_ != tok.lemma_.lower() or tok.lower_ == "read"
    closes = tok.doc[tok.i + 1].text in {".", "!", "?", ","}
    return inflected and closes and tok.lemma_.lower() in SPEECH_VERBS


# Cues whose object is the hearer, not what is said ("told the world", "assured voters").
_HEARER_CUES = frozenset({"tell", "assure", "reassure", "inform", "remind", "notify"})


def _says_more(verb: Token) -> bool:
    """Whether a frame's cue says something of its own: a clause or an object, other than the
    hearer of a verb of telling ('"...!" Macron told the world.' only frames)."""
    deps = _SAYING_DEPS - {"dobj"} if _lemma(verb) in _HEARER_CUES else _SAYING_DEPS
    return any(c.dep_ in deps for c in verb.children)


def _named_between(index: _Index, first: int, cue: int) -> Token | None:
    """The speaker of '"...," Police Chief Ana Ruiz said' when the parse gives the cue no
    subject of its own (it hangs the cue on the quoted clause): the last word between the
    closing mark and the cue that can speak, before any apposition ('"...," Ms. Ruiz, the
    mayor of Springfield, said')."""
    doc = index.doc
    end = next((t for t in range(first + 1, cue) if doc[t].text == ","), cue)
    for t in range(end - 1, first - 1, -1):
        if t in index.quote_of:
            return None
        if _can_speak(doc[t]) and doc[t].pos_ in {"PROPN", "NOUN", "PRON", "ADJ"}:
            return doc[t]
    return None


def _token_after(index: _Index, q: Quotation) -> int:
    """The first token after quotation ``q``'s closing mark (``len(doc)`` at the end)."""
    doc = index.doc
    first = index.token_at(q.close) if q.close < len(index.text) else len(doc)
    if first < len(doc) and doc[first].idx < q.close:
        first += 1
    return first


def _inverted_subject(verb: Token, first: int) -> Token | None:
    """The speaker after an inverted frame the parser reads as an object ('"Why now?" asked
    Councillor Baptiste', '"...," read the letter'): a name, or a noun that can speak, right
    after a subjectless cue that opens the frame."""
    if verb.i > first + 1:
        return None
    for child in verb.rights:
        named = child.pos_ == "PROPN" or (child.pos_ == "NOUN" and _can_speak(child))
        inverted = child.dep_ in {"dobj", "attr", "npadvmod"} and named
        if inverted and child.left_edge.i == verb.i + 1:
            return child
    return None


def _cue_before(index: _Index, q: Quotation) -> _Cue | None:
    """A cue before a quotation in its sentence, or ending the previous sentence with a colon."""
    doc = index.doc
    open_tok = index.token_at(q.open)
    sent = index.sent_of(open_tok)
    text = index.text
    # A quotation inside a clause ('says the plan is "dead" and ...') is a partial quote: it
    # belongs to the reported speech around it, which pass 3 makes a mixed quote.
    framed = _starts_clause(text, q.open)
    runs_to_end = _runs_to_sentence_end(index, q)
    for t in range(open_tok - 1, max(sent.start, open_tok - _MAX_GAP_BEFORE) - 1, -1):
        if t in index.quote_of:
            break
        tok = doc[t]
        if _aside(tok, open_tok):
            continue  # "X commented — which the BBC noted as unusual — "...": X's quotation
        if _is_cue(tok) or _idiom_frame(tok):
            subject = subject_of(tok)
            adjacent = t == open_tok - 1 or (t == open_tok - 2 and doc[t + 1].lower_ == "that")
            if not (framed or (adjacent and runs_to_end)):
                break
            if subject is not None and subject.i not in index.quote_of:
                return _Cue(tok, subject)
    # "X said:" closing the previous sentence or paragraph.
    k = open_tok - 1
    while k >= 0 and (doc[k].is_space or doc[k].text in ALL_MARKS):
        k -= 1
    if k >= 0 and doc[k].text in {":", "—", "–"}:
        prev_sent = index.sent_of(k)
        for t in range(k - 1, prev_sent.start - 1, -1):
            tok = doc[t]
            if t in index.quote_of:
                break
            if _is_cue(tok) and not _aside(tok, open_tok):
                subject = subject_of(tok)
                if subject is not None:
                    return _Cue(tok, subject)
        return _colon_frame(index, prev_sent, k)
    return None


def _colon_frame(index: _Index, sent: Span, colon: int) -> _Cue | None:
    """'Ms. Ito shot back: "..."', 'The senator delivered a sharp reply: "..."': a sentence
    whose verb has no cue word and ends in the colon before a quotation still frames it when
    its subject can speak (a name, a personal pronoun, a role, group or document noun). With
    no such subject, a name or document right before the colon is the speaker ("Pollster Ann
    Diaz: "...", "From the report: "...")."""
    doc = index.doc
    if doc[colon].text != ":" or any(t.i in index.quote_of for t in sent if t.i < colon):
        return None
    # The parser hangs the colon on the verb before it, on the sentence's root, or on the
    # quoted clause; then the verb is the one the words before the colon hang on.
    for verb in (doc[colon].head, sent.root, _verb_above(doc[colon - 1], colon)):
        if verb.pos_ == "VERB" and verb.i < colon and not verb.is_upper:  # not a headline
            subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
            if subject is not None and _can_speak(subject):
                return _Cue(verb, subject, framed_by_colon=True)
    named = doc[colon - 1] if colon > sent.start else None
    if named is None or (named.dep_ == "pobj" and named.head.lower_ != "from"):
        return None  # "celebrated the attacks on Twitter:", "Mayor On Taxes:" name no speaker
    if (
        named.ent_type_ in {"PERSON", "ORG"}
        or named.pos_ == "PROPN"
        or (named.pos_ == "NOUN" and named.lemma_.lower() in DOCUMENT_NOUNS)
    ):
        phrase = speaker_span(named)
        if phrase.end == colon and len(phrase) <= _MAX_NAME_BEFORE_COLON:
            return _Cue(doc[colon], named, framed_by_colon=True)
    return None


def _verb_above(tok: Token, limit: int) -> Token:
    """The nearest verb above ``tok`` that comes before token ``limit`` (or ``tok``)."""
    head = tok
    for _ in range(4):
        if head.pos_ == "VERB" or head.head.i == head.i or head.head.i >= limit:
            break
        head = head.head
    return head


_MAX_NAME_BEFORE_COLON = 6  # tokens: a name with its role, not a headline run into it


def _can_speak(tok: Token) -> bool:
    """Whether a subject names someone or something that can be quoted."""
    if tok.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or tok.pos_ == "PROPN":
        return True
    if tok.pos_ == "PRON":
        return tok.lower_ in {"he", "she", "they", "we", "i"}
    lemma = tok.lemma_.lower()
    return tok.lower_ in GROUP_NOUNS or lemma in TITLE_WORDS or lemma in DOCUMENT_NOUNS


def _aside(verb: Token, open_tok: int) -> bool:
    """Whether a cue before a quotation sits in a relative clause that comments on something
    before it and ends before the quotation ("— which the BBC noted as unusual —")."""
    return (
        verb.dep_ == "relcl"
        and verb.head.i < verb.i
        and verb.right_edge.i < open_tok - 1
        and any(c.lower_ in {"which", "who", "that"} for c in verb.subtree)
    )


def _runs_to_sentence_end(index: _Index, q: Quotation) -> bool:
    """Whether only punctuation follows the quotation up to its sentence's end."""
    doc = index.doc
    if q.close >= len(index.text):
        return True
    t = index.token_at(q.close)
    if doc[t].idx < q.close:
        t += 1
    sent_end = index.sent_of(max(t - 1, 0)).end
    return all(doc[k].is_punct or doc[k].is_space for k in range(t, min(sent_end, len(doc))))


_SIGNATURE = re.compile(r"[ \t]*([―—–-]{1,2})[ \t]*([^\n]{2,80}?)[ \t]*(?=\n|$)")


def _dash_signature(index: _Index, q: Quotation) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The dash and the name tokens of a '"..." ― Name' signature ending the quote's line."""
    match = _SIGNATURE.match(index.text, q.close)
    if match is None:
        return None
    first = index.token_at(match.start(2))
    last = index.token_at(match.end(2) - 1)
    tokens = index.doc[first : last + 1]
    if len(tokens) > 8 or any(t.pos_ in {"VERB", "AUX"} for t in tokens):
        return None
    names = [t for t in tokens if t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}]
    if not names and not all(t.text[:1].isupper() or not t.is_alpha for t in tokens):
        return None
    if names:  # the whole name: "Dana Whitlock", not the first token of it
        begin = names[0].i
        while begin - 1 >= first and index.doc[begin - 1].ent_iob_ == "I":
            begin -= 1
        stop = names[0].i + 1
        while stop <= last and index.doc[stop].ent_iob_ == "I":
            stop += 1
        return (match.start(1), match.end(1)), (begin, stop)
    span = speaker_span(tokens.root)
    return (match.start(1), match.end(1)), (max(span.start, first), min(span.end, last + 1))


def _cue_before_in_sentence(index: _Index, q: Quotation) -> _Cue | None:
    """A cue with its own subject between the start of the quotation's sentence and its mark."""
    doc = index.doc
    open_tok = index.token_at(q.open)
    sent = index.sent_of(open_tok)
    for t in range(open_tok - 1, sent.start - 1, -1):
        if t in index.quote_of:
            break
        tok = doc[t]
        if _is_cue(tok) and any(c.dep_ in _SUBJECT_DEPS for c in tok.children):
            subject = subject_of(tok)
            if subject is not None:
                return _Cue(tok, subject)
    return None


def _paragraph_start(text: str, offset: int) -> bool:
    k = offset - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] == "\n"


def speaker_tokens(subject: Token) -> tuple[int, int]:
    span = speaker_span(subject)
    return span.start, span.end


def extract_raw_quotes(doc: Doc, *, text: str | None = None) -> list[RawQuote]:
    """Direct, mixed and reported-speech quotes of one parsed document, in text order.

    ``text`` may pass ``doc.text`` when the caller has it: spaCy rebuilds it on every access.
    Quotations with a cue come first, then reported speech, headline and transcript lines, and
    last the long quotations with no cue, whose speaker is guessed from the context.
    """
    text = doc.text if text is None else text
    quotations = find_quotations(text)
    index = _Index(doc, text, quotations)
    out, used_cues, consumed = _attribute_quotations(index, quotations)
    found = _Found(out)
    attributed = {i for i, q in enumerate(quotations) if found.covers(q.pieces)}
    direct: Ranges[None] = Ranges(p for r in out for p in r.pieces)
    covered: Ranges[None] = Ranges(p for r in out for p in r.pieces)
    for tok in doc:
        raw = _reported_at(index, quotations, tok, used_cues, attributed, covered)
        if raw is not None:
            out.append(raw)
            covered.extend(raw.pieces)
            used_cues.add(tok.i)
    for raw in _outer_frames(index, used_cues, direct, out):
        out.append(raw)
        covered.extend(raw.pieces)
    # Headlines and transcripts: "Mayor Reyes: Budget Cuts Will Hurt Schools".
    for raw in _colon_lines(index, covered):
        out.append(raw)
        covered.extend(raw.pieces)
    _add_unattributed(index, quotations, attributed | consumed, covered, _Found(out))
    out.sort(key=lambda r: r.pieces[0][0])
    return out


def _attribute_quotations(
    index: _Index, quotations: Sequence[Quotation]
) -> tuple[list[RawQuote], set[int], set[int]]:
    """Quotations attributed by a cue, a dash signature or as a continuation of the previous
    paragraph's quote; with the cue verbs used and the quotations joined to a split quote."""
    text = index.text
    out: list[RawQuote] = []
    used_cues: set[int] = set()
    consumed: set[int] = set()
    prev_attributed: tuple[RawQuote, int] | None = None  # quote and its paragraph's start
    for k, q in enumerate(quotations):
        if k in consumed:
            continue
        quote = _cued_quote(index, quotations, k, used_cues, consumed)
        if quote is None:
            quote = _signed_quote(index, q)
        if (
            quote is None
            and prev_attributed is not None
            and _paragraph_start(text, q.open)
            and _words(text, q.pieces) >= 3
            and text.count("\n", prev_attributed[1], q.open) <= 2
        ):
            quote = RawQuote(
                type="direct",
                pieces=q.pieces,
                cue=None,
                speaker=prev_attributed[0].speaker,
                confidence=0.6,
                rule="direct-continuation",
            )
        if quote is not None:
            out.append(quote)
            prev_attributed = (quote, q.close)
    return out, used_cues, consumed


def _cued_quote(
    index: _Index,
    quotations: Sequence[Quotation],
    k: int,
    used_cues: set[int],
    consumed: set[int],
) -> RawQuote | None:
    """Quotation ``k`` with the cue after or before it, and the pieces of a split quote."""
    q = quotations[k]
    cue = _cue_after(index, q)
    rule, confidence = "direct-cue-after", 0.9
    if cue is None:
        cue = _cue_before(index, q)
        rule, confidence = "direct-cue-before", 0.85
        if cue is not None and cue.framed_by_colon:
            rule, confidence = "direct-colon-frame", 0.75
    if cue is None:
        return None
    used_cues.add(cue.verb.i)
    pieces = list(q.pieces)
    # A split quote: the next quotation follows the cue's clause with no cue of its own.
    j = k + 1
    while j < len(quotations) and _continues(index, quotations, j, cue):
        pieces.extend(quotations[j].pieces)
        consumed.add(j)
        j += 1
    return RawQuote(
        type="direct",
        pieces=tuple(pieces),
        cue=cue_span(cue.verb),
        speaker=speaker_tokens(cue.speaker),
        confidence=confidence,
        rule=rule,
    )


def _signed_quote(index: _Index, q: Quotation) -> RawQuote | None:
    """'"We will win." ― Ana Ruiz': a name after a dash closing the line signs the quote."""
    signed = _dash_signature(index, q)
    if signed is None:
        return None
    return RawQuote(
        type="direct",
        pieces=q.pieces,
        cue=signed[0],
        speaker=signed[1],
        confidence=0.8,
        rule="direct-dash-signature",
    )


def _reported_at(
    index: _Index,
    quotations: Sequence[Quotation],
    tok: Token,
    used_cues: set[int],
    attributed: set[int],
    covered: Ranges[None],
) -> RawQuote | None:
    """Reported speech at one token: 'according to', a nominal or attitude cue, a parenthetical
    or a speech verb with its complement clause; None when there is none or it is covered."""
    doc = index.doc
    if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        return _according_to(index, tok, covered)
    if tok.i in index.quote_of or covered.holds(tok.idx):
        return None
    if tok.pos_ in {"NOUN", "ADJ"}:
        return _nominal_or_attitude(index, tok, covered)
    if not _is_cue(tok) or tok.i in used_cues:
        return None
    subject = subject_of(tok)
    if subject is None or subject.i in index.quote_of or subject.lower_ in NOT_SPEAKERS:
        return None
    found = _complement(tok)
    if found is None:
        return _parenthetical(index, tok, subject, covered)
    return _reported_clause(index, quotations, tok, subject, found, attributed, covered)


_REPORTED_CONFIDENCE = {"clause": 0.75, "infinitive": 0.65, "prepositional": 0.6}


def _reported_clause(
    index: _Index,
    quotations: Sequence[Quotation],
    tok: Token,
    subject: Token,
    found: tuple[list[Token], str],
    attributed: set[int],
    covered: Ranges[None],
) -> RawQuote | None:
    """The complement of a speech verb as an indirect quote, mixed when it holds quotations
    (which are then attributed); None when it is too short or already covered."""
    doc, text = index.doc, index.text
    heads, how = found
    first = min(h.left_edge.i for h in heads)
    last = cut_nested(heads, max(h.right_edge.i for h in heads))
    last = cut_trailing(heads, first, last)
    start, end = span_chars(doc, first, last)
    single_name = how == "nominal" and heads[0].pos_ == "PROPN"
    too_short = len(text[start:end].split()) < (1 if single_name else 2)
    if too_short or covered.overlaps(start, end):
        return None
    inside = [i for i, q in enumerate(quotations) if _overlaps(q, start, end)]
    qtype: QuoteType = "indirect"
    if inside:
        qtype = "mixed"
        attributed.update(inside)
        # The parser may end the clause inside the quoted words; the quote runs to its mark.
        close = max(quotations[i].close for i in inside)
        if close > end and text.count("\n", end, close) == 0:
            end = close  # include the closing mark: the quoted words stay balanced
    return RawQuote(
        type=qtype,
        pieces=((start, end),),
        cue=cue_span(tok),
        speaker=speaker_tokens(subject),
        confidence=_REPORTED_CONFIDENCE.get(how, 0.55),
        rule=f"reported-{how}",
    )


def _outer_frames(
    index: _Index, used_cues: set[int], direct: Ranges[None], found: Sequence[RawQuote]
) -> Iterator[RawQuote]:
    """Frames that close a sentence around reported speech of their own: "The mayor plans to
    widen the road, Ms. Ortega said." The first pass gave the clause to its inner cue
    ("plans"); the speaker who reports it is the frame's subject, and the whole clause is what
    they said. Only a speech verb after its clause, around no direct quote, frames it."""
    doc = index.doc
    for tok in doc:
        if tok.i in used_cues or not _is_cue(tok) or _lemma(tok) not in SPEECH_VERBS:
            continue
        clauses = [c for c in tok.children if c.dep_ == "ccomp" and c.i < tok.i]
        subject = subject_of(tok)
        if not clauses or subject is None or subject.i < clauses[0].i:
            continue
        if subject.lower_ in NOT_SPEAKERS or subject.i in index.quote_of:
            continue
        first = min(c.left_edge.i for c in clauses)
        last = cut_trailing(clauses, first, max(c.right_edge.i for c in clauses))
        start, end = span_chars(doc, first, last)
        if end - start < 2 or direct.overlaps(start, end):
            continue
        inner = [p for r in found for p in r.pieces if p[0] < end and start < p[1]]
        if not inner or any(p[0] < start or p[1] > end for p in inner):
            continue  # only the first pass's inner quotes may lie inside
        quoting = any(t in index.quote_of for t in range(first, last + 1))
        yield RawQuote(
            type="mixed" if quoting else "indirect",
            pieces=((start, end),),
            cue=cue_span(tok),
            speaker=speaker_tokens(subject),
            confidence=_REPORTED_CONFIDENCE["clause"],
            rule="reported-frame",
        )


def _add_unattributed(
    index: _Index,
    quotations: Sequence[Quotation],
    skip: set[int],
    covered: Ranges[None],
    found: _Found,
) -> None:
    """Long quotations with no cue next to them: the speaker is guessed from the context."""
    text = index.text
    out = found.quotes
    for i, q in enumerate(quotations):
        if i in skip or found.covers(q.pieces):
            continue
        if _words(text, q.pieces) < _MIN_UNATTRIBUTED_WORDS:
            continue
        if covered.holds(q.pieces[0][0]):
            continue
        speaker, rule, confidence = _guess_speaker(index, q, out)
        found.append(
            RawQuote(
                type="direct",
                pieces=q.pieces,
                cue=None,
                speaker=speaker,
                confidence=confidence,
                rule=rule,
            )
        )


def _guess_speaker(
    index: _Index, q: Quotation, found: Sequence[RawQuote]
) -> tuple[tuple[int, int] | None, str, float]:
    """Speaker of a quotation without an adjacent cue: a cue elsewhere in its sentence, the
    speaker of the latest quote in the same or the previous paragraph, or the latest person
    named before it in that stretch. Confidence falls with each fallback."""
    doc = index.doc
    open_tok = index.token_at(q.open)
    sent = index.sent_of(open_tok)
    for tok in sent:
        if tok.i in index.quote_of or not _is_cue(tok):
            continue
        subject = subject_of(tok)
        if subject is not None and subject.i not in index.quote_of:
            return speaker_tokens(subject), "direct-sentence-cue", 0.5
    announced = _announcing_subject(index, sent)
    if announced is not None:
        return speaker_tokens(announced), "direct-announced", 0.5
    window_start = _paragraph_begin(index.text, _paragraph_begin(index.text, q.open) - 2)
    earlier = [
        r for r in found if r.speaker is not None and window_start <= r.pieces[-1][1] <= q.open
    ]
    if earlier:
        latest = max(earlier, key=lambda r: r.pieces[-1][1])
        return latest.speaker, "direct-context-speaker", 0.45
    people = [
        e
        for e in entities_between(doc, window_start, q.open)
        if e.label_ in {"PERSON", "ORG"} and e.start not in index.quote_of
    ]
    if people:
        return (people[-1].start, people[-1].end), "direct-context-name", 0.35
    return None, "direct-unattributed", 0.3


# What a cue verb says besides its speaker: a clause, an object, a phrase ("agreed with X").
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "parataxis", "advcl", "prep"})
_SAYING_DEPS = _CONTENT_DEPS - {"prep"}  # "Ms. Ortega said on Monday." still only frames


def _announcing_subject(index: _Index, sent: Span) -> Token | None:
    """The speaker a short sentence just before ``sent`` announces, in the same paragraph
    ("Ms. Ortiz agreed. “We have no time left.”"): a cue verb with a subject and
    nothing it says of its own (no clause, object or prepositional phrase)."""
    if sent.start == 0:
        return None
    before = index.sent_of(sent.start - 1)
    if "\n" in index.text[before.start_char : sent.start_char]:
        return None
    return _bare_frame(index, before)


def _bare_frame(index: _Index, sent: Span) -> Token | None:
    """The speaker of a sentence that is only a frame ("Ms. Ortiz agreed.", "Trump said."): a
    cue verb with a subject, no clause, object or prepositional phrase, and no quoted words."""
    root = sent.root
    if not _is_cue(root) or any(c.dep_ in _CONTENT_DEPS for c in root.children):
        return None
    if any(t.i in index.quote_of for t in sent):
        return None
    return subject_of(root)


def _frame_after_stop(index: _Index, q: Quotation) -> _Cue | None:
    """'"... are missing." Trump said.': a bare frame sentence right after a quotation that
    closes its own sentence, unless another quotation follows the frame (then the frame
    announces that one: "Ms. Ortiz agreed. "...")."""
    doc, text = index.doc, index.text
    first = _token_after(index, q)
    if first >= len(doc) or "\n" in text[q.close : doc[first].idx]:
        return None
    sent = index.sent_of(first)
    speaker = _bare_frame(index, sent) if sent.start == first else None
    if speaker is None or sent.end in index.quote_of:
        return None
    return _Cue(sent.root, speaker)


def _paragraph_begin(text: str, offset: int) -> int:
    """Offset where the paragraph holding ``offset`` begins."""
    if offset <= 0:
        return 0
    k = text.rfind("\n", 0, offset)
    return k + 1


def _continues(index: _Index, quotations: Sequence[Quotation], j: int, cue: _Cue) -> bool:
    """Whether quotation j is the second half of a split quote framed by ``cue``."""
    q = quotations[j]
    text = index.text
    cue_end = cue.verb.idx + len(cue.verb.text)
    speaker_end = cue.speaker.idx + len(cue.speaker.text)
    gap_start = max(cue_end, speaker_end)
    if q.open < gap_start:
        return False
    between = text[gap_start : q.open]
    if "\n" in between or any(m in between for m in '“”"«»'):
        return False
    # In the same paragraph, a quotation with no cue of its own goes on with the same speaker.
    if _cue_after(index, q) is not None:
        return False
    sent = index.sent_of(index.token_at(q.open))
    if sent.start_char > gap_start and _announcing_subject(index, sent) is not None:
        return False  # "... ,” she said. Mr. Hale agreed. “...”": his words
    before = _cue_before_in_sentence(index, q)
    return before is None or before.verb.i == cue.verb.i


def cut_nested(heads: Sequence[Token], last: int) -> int:
    """End the content before a coordinated speech verb: a second act of saying.

    "He said that he would offer a prayer but did not suggest ...": the second cue, which the
    parser often hangs inside the first complement, starts its own quote.
    """
    cut = last
    for head in heads:
        for tok in head.subtree:
            if tok.i <= head.i or tok.dep_ != "conj" or tok.head.i != head.i:
                continue
            lemma = tok.lemma_.lower()
            if lemma not in SPEECH_VERBS or lemma in _CLAUSE_ONLY:
                continue
            if any(c.dep_ in _SUBJECT_DEPS for c in tok.children):
                continue
            begin = tok.left_edge.i
            doc = tok.doc
            while begin > head.i and (
                doc[begin - 1].dep_ in {"cc", "punct", "mark"} or doc[begin - 1].is_punct
            ):
                begin -= 1
            cut = min(cut, begin - 1)
    return cut


_TRAILING_DEPS = {"relcl", "advcl", "prep", "npadvmod", "acl", "parataxis", "appos"}


def cut_trailing(heads: Sequence[Token], first: int, last: int) -> int:
    """Drop a comma-fenced modifier closing the content: ", which ...", ", even as ...".

    What follows such a comma is the writer's aside, not the reported claim; the content keeps at
    least four words.
    """
    doc = heads[0].doc
    for head in heads:
        for tok in head.subtree:
            if tok.dep_ not in _TRAILING_DEPS or tok.right_edge.i < last or tok.i <= head.i:
                continue
            begin = tok.left_edge.i
            if begin - 1 <= first or doc[begin - 1].text not in {",", "—", "–", "-", ";"}:
                continue
            if tok.dep_ == "prep" and tok.head.i != head.i:
                continue
            if begin - 1 - first >= 4:
                return begin - 2
    return last


class _Found:
    """The quotes found so far (``quotes``, appended to through ``append``), asked whether one
    of them covers a quotation without a walk over all of them."""

    def __init__(self, quotes: list[RawQuote]) -> None:
        self.quotes = quotes
        self._pieces: Ranges[int] = Ranges()
        for n, quote in enumerate(quotes):
            self._index(n, quote)

    def _index(self, n: int, quote: RawQuote) -> None:
        for start, end in quote.pieces:
            self._pieces.add(start, end, n)

    def append(self, quote: RawQuote) -> None:
        self.quotes.append(quote)
        self._index(len(self.quotes) - 1, quote)

    def covers(self, inner: Sequence[tuple[int, int]]) -> bool:
        """Whether one quote's pieces hold every piece of ``inner``."""
        start, end = inner[0]
        if start >= end:  # an empty piece: no character to look up
            return any(_covers(r.pieces, inner) for r in self.quotes)
        return any(_covers(self.quotes[n].pieces, inner) for n in self._pieces.holders(start))


def _covers(pieces: Sequence[tuple[int, int]], inner: Sequence[tuple[int, int]]) -> bool:
    return all(any(s <= a and b <= e for s, e in pieces) for a, b in inner)


def _overlaps(q: Quotation, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in q.pieces)


def _words(text: str, pieces: Sequence[tuple[int, int]]) -> int:
    return sum(len(text[s:e].split()) for s, e in pieces)


def _nominal_or_attitude(index: _Index, tok: Token, covered: Ranges[None]) -> RawQuote | None:
    """'Her claim that ...', 'Trump's call for ...', 'officials are confident that ...'."""
    doc = index.doc
    lemma = tok.lemma_.lower()
    speaker: Token | None = None
    if tok.pos_ == "NOUN" and (lemma in NOMINAL_CUES or tok.lower_ in NOMINAL_CUES):
        owners = [c for c in tok.children if c.dep_ == "poss"]
        if owners and owners[0].lower_ not in {"its", "my", "our", "your"}:
            speaker = owner_speaker(tok, owners[0])
        rule = "reported-noun"
    elif tok.pos_ == "ADJ" and lemma in ATTITUDE_ADJECTIVES and tok.dep_ == "acomp":
        speaker = subject_of(tok.head)
        rule = "reported-attitude"
    else:
        return None
    if speaker is None or speaker.lower_ in NOT_SPEAKERS or speaker.i in index.quote_of:
        return None
    heads = [c for c in tok.children if c.dep_ in {"ccomp", "acl", "xcomp"} and c.i > tok.i]
    if not heads:
        heads = [
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in {"of", "for", "about", "on", "against", "to"}
            for g in c.children
            if g.dep_ in {"pobj", "pcomp"}
        ]
    if not heads:
        return None
    first = min(h.left_edge.i for h in heads)
    last = max(h.right_edge.i for h in heads)
    start, end = span_chars(doc, first, last)
    if len(index.text[start:end].split()) < 2 or covered.overlaps(start, end):
        return None
    qtype: QuoteType = "indirect"
    if any(index.quote_of.get(t) is not None for t in range(first, last + 1)):
        qtype = "mixed"
    return RawQuote(
        type=qtype,
        pieces=((start, end),),
        cue=(tok.idx, tok.idx + len(tok.text)),
        speaker=speaker_tokens(speaker),
        confidence=0.55,
        rule=rule,
    )


def _parenthetical(
    index: _Index, verb: Token, subject: Token, covered: Ranges[None]
) -> RawQuote | None:
    """'Far too many lives, she says, have been lost': a cue set off inside the clause it reports."""
    doc = index.doc
    if verb.dep_ != "parataxis" or verb.lemma_.lower() not in SPEECH_VERBS | THOUGHT_VERBS:
        return None
    head = verb.head
    first, last = head.left_edge.i, head.right_edge.i
    own_first = min(verb.left_edge.i, subject.left_edge.i)
    own_last = max(verb.right_edge.i, subject.right_edge.i)
    pieces: list[tuple[int, int]] = []
    if first < own_first:
        pieces.append(span_chars(doc, first, own_first - 1))
    if own_last < last:
        pieces.append(span_chars(doc, own_last + 1, last))
    pieces = [p for p in pieces if p[1] - p[0] > 1]
    if not pieces or any(covered.overlaps(*p) for p in pieces):
        return None
    if sum(len(index.text[a:b].split()) for a, b in pieces) < 3:
        return None
    qtype: QuoteType = "indirect"
    if any(index.quote_of.get(index.token_at(a)) is not None for a, _ in pieces):
        qtype = "mixed"
    return RawQuote(
        type=qtype,
        pieces=tuple(pieces),
        cue=cue_span(verb),
        speaker=speaker_tokens(subject),
        confidence=0.6,
        rule="reported-parenthetical",
    )


_FINAL_STOP = re.compile("[.!?\u2026][\"'\u201d\u2019\u00bb)]*\\s*$")
_COLON_LINE = re.compile(r"^(?P<source>[^:\n]{2,60}?):[ \t]+(?P<content>\S[^\n]*)$", re.M)
# Labels that end in a colon but introduce no one's words.
_NOT_SOURCES = frozenset(
    """
    update updated note editor's editors photo photos image source sources read more related
    watch video live breaking exclusive opinion analysis q a question answer warning tags
    topics category filed posted published correction clarification disclaimer transcript
    """.split()
)


def _colon_lines(index: _Index, covered: Ranges[None]) -> list[RawQuote]:
    """A line that opens with a name and a colon attributes the rest of the line to it, as in
    a transcript ("SMITH: We will fight."). A headline is not speech: a line that is a
    paragraph of its own with no final stop ("White House rejects: Democrats call for talks"),
    or whose part before the colon does not end in a capitalised word, is left alone."""
    doc = index.doc
    found: list[RawQuote] = []
    for match in _COLON_LINE.finditer(index.text):
        source = match.group("source").strip()
        start, end = match.span("content")
        words = source.split()
        if not source[:1].isupper() or len(words) > 6 or any(c.isdigit() for c in source):
            continue
        if not words[-1][:1].isupper() or _is_headline(index.text, match.start(), end):
            continue
        if {w.lower().strip(".'’") for w in words} & _NOT_SOURCES:
            continue
        if len(index.text[start:end].split()) < 3:
            continue
        if covered.overlaps(start, end):
            continue
        first = index.token_at(match.start("source"))
        last = index.token_at(match.end("source") - 1)
        tokens = doc[first : last + 1]
        if any(t.pos_ in {"VERB", "AUX"} for t in tokens) or not any(
            t.pos_ in {"PROPN", "NOUN"} for t in tokens
        ):
            continue
        while end > start and index.text[end - 1] in ALL_MARKS | {" "}:
            end -= 1
        qtype: QuoteType = "indirect"
        if any(c in ALL_MARKS for c in index.text[start:end]):
            qtype = "mixed"
        colon = match.end("source")
        found.append(
            RawQuote(
                type=qtype,
                pieces=((start, end),),
                cue=(colon, colon + 1),
                speaker=(tokens.start, tokens.end),
                confidence=0.6,
                rule="colon-line",
            )
        )
    return found


def _is_headline(text: str, start: int, end: int) -> bool:
    """Whether the line [start, end) is a paragraph of its own that ends without a stop."""
    alone = (start == 0 or text[max(0, start - 2) : start] == "\n\n") and (
        end >= len(text.rstrip()) or text[end : end + 2] == "\n\n"
    )
    return alone and not _FINAL_STOP.search(text[start:end])


def _according_to(index: _Index, according: Token, covered: Ranges[None]) -> RawQuote | None:
    """'According to X, Y' and 'Y, according to X': X speaks, Y is the content."""
    doc = index.doc
    to = doc[according.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"]
    if not objs:
        return None
    source = objs[0]
    phrase_first = according.i
    phrase_last = max(source.right_edge.i, to.i)
    # The claim is the rest of the sentence: the phrase can hang anywhere in it.
    sent = index.sent_of(according.i)
    first, last = sent.start, sent.end - 1
    pieces: list[tuple[int, int]] = []
    if first < phrase_first:
        s, e = span_chars(doc, first, phrase_first - 1)
        if e > s:
            pieces.append((s, e))
    if phrase_last < last:
        s, e = span_chars(doc, phrase_last + 1, last)
        if e > s:
            pieces.append((s, e))
    pieces = [p for p in pieces if not covered.overlaps(*p)]
    if not pieces:
        return None
    return RawQuote(
        type="indirect",
        pieces=tuple(pieces),
        cue=(according.idx, to.idx + len(to.text)),
        speaker=speaker_tokens(source),
        confidence=0.8,
        rule="reported-according-to",
    )
