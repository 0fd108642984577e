"""Statements: who takes which side on which concept, DNA style.

In: a parsed spaCy ``Doc``, the ``Analysis`` built from it (quotes and
actors) and optionally a ``Codebook``. Out: a tuple of
``Statement`` (actor, concept, agreement, evidence offsets, quote id,
confidence, extractor), in text order.

Evidence comes from two places:

1. every quote with a speaker (direct, mixed or reported), with its cue;
2. position-taking clauses that no quote covers: a stance verb with an actor as subject ("the
   union backed the plan", "the minister called for calm") and a stance noun with an actor as
   possessor ("the mayor's push for a new berth") or as the subject of a light verb ("the
   mayor voiced support for a new berth", "the mayor is a critic of X"), and an actor's
   action against something ("the union filed a lawsuit against X").

Each piece of evidence is matched against the codebook's concepts: label and keywords by lemma
(a word also matches its variants sharing the first five letters: "expand", "expansion"), then
regular expressions; where the embeddings extra is installed, a concept no word names can still
match by sentence-embedding similarity. Without a codebook the concept is the evidence's key
phrase: the lemmatised noun phrase it addresses ("port expansion", "independent study"). The
agreement toward each concept mention is decided by ``stancegraph.extract.stance.assess``,
except that a quote reporting someone else's wish or belief ("Y wants to negotiate" in X's
words) is X's statement about Y's position, not a side X takes: it is coded neutral. When
nothing in the evidence takes a side (no stance word on the concept's path, no cue, no
evaluative word), the actor has still raised the concept in their own statement, which is how
an analyst codes advocacy by default (DNA's agreement "yes"): it is coded support, rule
``raised``, at low confidence, so a coder reviewing uncertain items sees it first; not when it
is only what someone else does ("the council would discuss the toll") or a topic to talk about
("talk to us about the toll"). Without a
codebook, a refusal's condition ("will not sign X without Y") is a second concept, Y, supported.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..types import Actor, Analysis, Quote, Statement
from .actors import speaker_span
from .codebook import Codebook, Concept, slug
from .lexicons import GROUP_NOUNS, ORGANIZATION_NOUNS, TITLE_WORDS
from .ranges import Ranges
from .stance import (
    APPRAISAL_HEADS,
    COMMIT_MODALS,
    DECREASE_WORDS,
    INCREASE_WORDS,
    LIGHT_NOUNS,
    NO_ALTERNATIVE_NOUNS,
    OPPOSE_VERBS,
    PHRASAL_STANCE,
    POSSIBLE_MODALS,
    PROPOSAL_VERBS,
    STANCE_ADJECTIVES,
    STANCE_NOUNS,
    SUPPORT_VERBS,
    Assessment,
    Embedder,
    PolarityLexicon,
    assess,
    verb_side,
)

_PLAIN_LEXICON = PolarityLexicon()
# Verbs that judge their subject: "X causes harm", "X reduces crime", "X works".
JUDGING_VERBS = INCREASE_WORDS | DECREASE_WORDS | frozenset("seem remain become look sound".split())

__all__ = [
    "EXTRACTOR",
    "code_statements",
    "find_target",
    "holder_spans",
    "key_phrase",
    "match_terms",
]

EXTRACTOR = "stancegraph.statements/1"

# Evidence that no word of the codebook names addresses the concept its embedding is most
# similar to, when the cosine of the all-MiniLM-L6-v2 vectors reaches this. Set on the example
# article: related sentences score 0.55-0.65 with their concept, unrelated ones below 0.40;
# 0.45 let a sentence about freight companies reach three concepts at once.
EMBEDDING_THRESHOLD = 0.5
_STEM = 5  # a word matches another sharing this many first letters (both at least this long)
# How far each rule of stancegraph.extract.stance.assess is trusted, in the order of its precision on
# the IBM claim-stance train split (path 0.79, clause 0.74, content 0.64 of decided items).
# A reported desire ("X wants Y" in someone else's words) is no side of the speaker's: "reported".
_ASSESS_CONFIDENCE = {
    "path": 0.9,
    "cue": 0.8,
    "clause": 0.7,
    "content": 0.6,
    "reported": 0.5,
    "raised": 0.4,
    "none": 0.5,
}
_RAISED = 0.3  # the score of a concept an actor raises without taking a side: weak support

# Verbs of wanting, intending and believing: in a quote, "Y wants X" is the speaker's report of
# Y's wish, not the speaker's position on X (unless Y is the speaker).
DESIRE_VERBS = frozenset(
    "want wish hope intend prefer desire long yearn believe think feel".split()
)
_FIRST_PERSON = frozenset("i we me us myself ourselves".split())
# Nouns that name institutions and groups that act: "the council should not raise the toll" is
# about the toll, not the council.
_AGENT_NOUNS = frozenset(
    """
    council government ministry minister party union committee parliament congress senate
    court company board authority agency administration department office cabinet commission
    coalition opposition state city country president mayor leader official officials police
    army military regime group bank campaign
    """.split()
)
# Verbs that take a stance noun as their object without adding a side of their own: "voiced
# support for X", "expressed opposition to X", "reiterated its commitment to X".
LIGHT_STANCE_VERBS = frozenset(
    """
    voice express declare reiterate restate announce pledge offer give lend throw signal
    register state affirm reaffirm repeat show indicate join echo renew
    """.split()
)
_GENERIC_HEADS = frozenset(
    """
    thing things way lot lots people one ones kind sort part something anything everything
    nothing someone anyone everyone time year day week today tonight fact question point
    case issue matter reason side sides
    """.split()
)
_PRONOUN_TAGS = {"PRP", "PRP$", "WP", "WDT", "EX", "DT"}


@dataclass(frozen=True, slots=True)
class _Evidence:
    actor: str | None
    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    quote: str | None
    cue: Token | None
    tokens: tuple[Token, ...]
    confidence: float
    source: str  # "quote", "clause", "noun" or "continuation"


@dataclass(frozen=True, slots=True)
class _Mention:
    concept: str
    label: str
    head: Token | None
    match: str  # "label", "keyword", "pattern", "embedding", "phrase"
    confidence: float
    terms: tuple[str, ...] = ()  # the phrases that name the concept (its label and keywords)


# -- evidence ------------------------------------------------------------------------------------


def _tokens_in(doc: Doc, starts: list[int], pieces: Sequence[tuple[int, int]]) -> list[Token]:
    out: list[Token] = []
    for start, end in pieces:
        k = bisect.bisect_left(starts, start)
        while k < len(doc) and starts[k] < end:
            out.append(doc[k])
            k += 1
    return out


def _token_at(doc: Doc, starts: list[int], char: int | None) -> Token | None:
    if char is None or not len(doc):
        return None
    k = bisect.bisect_right(starts, char) - 1
    if k < 0 or starts[k] != char:
        return None
    return doc[k]


class _Mentions:
    """The mentions of a document's actors, sorted by start with a running maximum of their
    ends, asked which actor a token belongs to without a walk over every mention."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        rows = sorted(
            (start, end, a, m)
            for a, actor in enumerate(actors)
            for m, (start, end) in enumerate(actor.mentions)
        )
        self._ids = [actor.id for actor in actors]
        self._rows = rows
        self._starts = [row[0] for row in rows]
        self._reach = list(itertools.accumulate((row[1] for row in rows), max))

    def actor_of(self, tok: Token) -> str | None:
        """The actor one of whose mentions covers the token (smallest mention first, then the
        earlier actor), else the first actor with a mention inside the token's phrase ("the
        mayor of X")."""
        start, end = tok.idx, tok.idx + len(tok.text)
        lo = bisect.bisect_left(self._reach, end)  # every mention before it ends before ``end``
        hi = bisect.bisect_right(self._starts, start)
        covering = [
            (m_end - m_start, a, m) for m_start, m_end, a, m in self._rows[lo:hi] if m_end >= end
        ]
        if covering:
            return self._ids[min(covering)[1]]
        left, right = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
        lo = bisect.bisect_left(self._starts, left)
        hi = bisect.bisect_right(self._starts, right)
        inside = [a for _s, m_end, a, _m in self._rows[lo:hi] if m_end <= right]
        return self._ids[min(inside)] if inside else None


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The subject of a verb, a relative clause's head ("X, who backed Y"), or inherited."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"}:
            if child.lower_ in {"who", "that", "which"} and verb.dep_ == "relcl":
                return verb.head
            return child
        if child.dep_ == "nsubjpass":
            return None
    if depth < 3 and verb.dep_ in {"xcomp", "conj"} and verb.head.pos_ in {"VERB", "AUX"}:
        return _subject(verb.head, depth + 1)
    return None


def _stance_link(verb: Token) -> Token | None:
    """The phrase a stance verb takes a side on: its object, infinitive or phrasal object."""
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "prep" and (lemma, child.lower_) in PHRASAL_STANCE:
            for grand in child.children:
                if grand.dep_ in {"pobj", "pcomp"}:
                    return child
    if lemma in SUPPORT_VERBS or lemma in OPPOSE_VERBS:
        # "urged the council to scrap X": the action is the position, not the addressee.
        for deps in ({"xcomp"}, {"dobj", "obj"}):
            for child in verb.children:
                if child.dep_ in deps and (child.pos_ == "VERB" or "xcomp" not in deps):
                    return child
    return None


# Verb lemmas that can state a position, alone or with a particle ("voted against").
_STANCE_VERB_LEMMAS = SUPPORT_VERBS | OPPOSE_VERBS | frozenset(v for v, _ in PHRASAL_STANCE)


def _position_words(doc: Doc) -> Iterator[Token]:
    """The verbs and nouns that may state a position: stance verbs (alone or phrasal), stance
    nouns, and nouns directed against something ("a lawsuit against X"); in text order.

    Read from the parse's arrays, so that only the words found become ``Token`` objects (the
    scan runs twice per document, once for the actors and once for the statements)."""
    import numpy as np
    from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS
    from spacy.symbols import NOUN, VERB

    if not len(doc):
        return
    rows = doc.to_array([POS, LEMMA, DEP, LOWER])
    strings = doc.vocab.strings
    prep, against = np.uint64(strings.as_int("prep")), np.uint64(strings.as_int("against"))
    marks = np.nonzero((rows[:, 2] == prep) & (rows[:, 3] == against))[0]
    heads = doc.to_array([HEAD]).astype("int64")  # offsets to the head, some negative
    directed = {int(i + heads[i]) for i in marks}
    for i in np.nonzero((rows[:, 0] == VERB) | (rows[:, 0] == NOUN))[0].tolist():
        lemma = strings[int(rows[i, 1])].lower()
        if rows[i, 0] == VERB:
            if lemma in _STANCE_VERB_LEMMAS:
                yield doc[i]
        elif lemma in STANCE_NOUNS or i in directed:
            yield doc[i]


def holder_spans(doc: Doc) -> list[Span]:
    """The words naming who holds each position the text states outside quotes ("the council
    voted in favour of X", "X was condemned by the union"), for ``extract_actors`` to resolve
    along with the speakers, so that a body or group that takes a position is an actor."""
    holders: list[Token] = []
    for tok in _position_words(doc):
        if tok.pos_ == "VERB":
            _link, holder = _verb_position(tok)
        else:
            holder = _stance_noun_holder(tok)
        if holder is not None and _can_hold(holder):
            holders.append(holder)
    return [speaker_span(t) for t in holders]


def _can_hold(holder: Token) -> bool:
    """Whether a word can name someone who takes a position: a name, a pronoun, or a noun for
    people or a body ("the council", "farmers"), not a text or a thing ("the law requires")
    and not everyone or no one ("every American", "none of them")."""
    if any(c.dep_ == "det" and c.lower_ in {"every", "any", "no", "each"} for c in holder.children):
        return False
    if holder.pos_ in {"PROPN", "PRON"}:
        return holder.lower_ not in {"none", "others", "everyone", "anyone", "nobody"}
    lemma = holder.lemma_.lower()
    return holder.pos_ == "NOUN" and (
        lemma in GROUP_NOUNS or lemma in ORGANIZATION_NOUNS or lemma in TITLE_WORDS
    )


def _verb_position(verb: Token) -> tuple[Token | None, Token | None]:
    """What a stance verb takes a side on and who takes it: the active verb's link and subject
    ("the council rejected X"), or the passive's subject and agent ("X was rejected by Y")."""
    link = _stance_link(verb)
    if link is not None:
        return link, _subject(verb)
    return _passive_stance(verb)


def _passive_stance(verb: Token) -> tuple[Token | None, Token | None]:
    """A stance verb in the passive with its agent ("the plan was condemned by the union"):
    what it takes a side on (the passive subject, or what a relative pronoun stands for) and
    who does (the agent's object)."""
    lemma = verb.lemma_.lower()
    if lemma not in SUPPORT_VERBS and lemma not in OPPOSE_VERBS:
        return None, None
    thing = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if thing is not None and thing.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
        thing = verb.head  # "a plan which was backed by the union": the plan
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    holder = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if thing is None or holder is None:
        return None, None
    return thing, holder


def _evidence(
    doc: Doc, analysis: Analysis, starts: list[int], mentions: _Mentions
) -> list[_Evidence]:
    found: list[_Evidence] = []
    covered: Ranges[None] = Ranges()
    cue_chars: set[int] = set()
    for quote in analysis.quotes:
        covered.extend(quote.spans)
        if quote.cue_start is not None:
            cue_chars.add(quote.cue_start)
        if quote.speaker is None:
            continue
        tokens = _tokens_in(doc, starts, quote.spans)
        if not tokens:
            continue
        cue = _token_at(doc, starts, quote.cue_start)
        if cue is not None and cue.pos_ not in {"VERB", "AUX"}:
            cue = None
        holder: str | None = quote.speaker
        head = _speaker_head(doc, quote)
        if head is not None and _news_medium(head):
            # "Iran issued warrants, the news agency Fars reported": the medium relays what
            # the actor in its report did; a report with no such actor holds no position.
            holder = _reported_doer(tokens, mentions, quote.speaker)
            if holder is None:
                continue
        evidence = _Evidence(
            actor=holder,
            start=quote.start,
            end=quote.end,
            pieces=quote.spans,
            quote=quote.id,
            cue=cue,
            tokens=tuple(tokens),
            confidence=quote.confidence,
            source="quote",
        )
        found.extend(_each_speaker(evidence, head if holder == quote.speaker else None, mentions))

    found.extend(_continuations(doc, analysis, starts, covered))

    def free(tok: Token) -> bool:
        return tok.idx not in cue_chars and not covered.holds(tok.idx)

    for tok in _position_words(doc):
        if tok.pos_ == "VERB" and free(tok):
            link, subject = _verb_position(tok)
            if link is None or subject is None:
                continue
            actor = mentions.actor_of(subject)
            if actor is None:
                continue
            first, last = link.left_edge.i, link.right_edge.i
            while last > first and (doc[last].is_punct or doc[last].is_space):
                last -= 1
            clause = _clause(doc, tok, first, last, actor, "clause", 0.55)
            found.extend(_each_speaker(clause, subject, mentions))
        elif tok.pos_ == "NOUN" and free(tok):
            owner = _stance_noun_holder(tok)
            prep = next(
                (c for c in tok.children if c.dep_ == "prep" and any(True for _ in c.children)),
                None,
            )
            if owner is None or prep is None:
                continue
            actor = mentions.actor_of(owner)
            if actor is None:
                continue
            found.append(_clause(doc, tok, tok.i, prep.right_edge.i, actor, "noun", 0.5))
    found.sort(key=lambda e: (e.start, e.end))
    return found


# Head nouns of a speaker that is a news medium ("the state broadcaster", "state media"); a
# speaker phrase with "news" in it ("the news agency Fars", "a news outlet") is one too.
_MEDIA_NOUNS = frozenset(
    "newspaper broadcaster tabloid magazine outlet newswire daily television radio tv media".split()
)


def _news_medium(head: Token) -> bool:
    """Whether a speaker is a news medium reporting on others, by its head noun or a "news"
    word in its phrase ("the semi-official news agency Fars")."""
    if head.lemma_.lower() in _MEDIA_NOUNS or head.lower_ in _MEDIA_NOUNS:
        return True
    phrase = head.doc[head.left_edge.i : head.right_edge.i + 1]
    return any(t.lower_ == "news" for t in phrase)


def _reported_doer(tokens: Sequence[Token], mentions: _Mentions, medium: str | None) -> str | None:
    """The actor a news report is about: the subject of the report's main verb, when it names
    an actor other than the medium."""
    inside = {t.i for t in tokens}
    for tok in tokens:
        if tok.head.i in inside and tok.head is not tok:
            continue  # not the report's main word
        subject = _subject(tok) if tok.pos_ in {"VERB", "AUX"} else None
        actor = mentions.actor_of(subject) if subject is not None else None
        if actor is not None and actor != medium:
            return actor
    return None


def _speaker_head(doc: Doc, quote: Quote) -> Token | None:
    """The head word of the words that name a quote's speaker, if the parse has them."""
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    span = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _each_speaker(evidence: _Evidence, head: Token | None, mentions: _Mentions) -> list[_Evidence]:
    """The evidence, and a copy for every other actor conjoined with its speaker ("Ana Reyes
    and the union said ...", "X, Y and Z signed the deal"): each holds the position."""
    out = [evidence]
    if head is None:
        return out
    for other in head.conjuncts:
        actor = mentions.actor_of(other)
        if actor is not None and all(actor != e.actor for e in out):
            out.append(replace(evidence, actor=actor))
    return out


def _stance_noun_holder(noun: Token) -> Token | None:
    """Who holds a stance noun: its possessor ("the mayor's support for X"), the subject of a
    light verb that takes it ("the mayor voiced support for X"), of a verb it qualifies ("the
    mayor voted in favour of X") or of a copula ("the mayor is a critic of X")."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    verb = noun.head
    if noun.dep_ in {"dobj", "obj"} and verb.lemma_.lower() in LIGHT_STANCE_VERBS:
        return _subject(verb)
    if noun.dep_ == "pobj" and verb.lower_ == "in" and verb.head.pos_ in {"VERB", "AUX"}:
        return _subject(verb.head)
    if noun.dep_ == "attr" and verb.lemma_.lower() == "be":
        return _subject(verb)
    if noun.dep_ in {"dobj", "obj"} and _against(noun) and _stance_link(verb) is None:
        return _subject(verb)  # "filed a lawsuit against X", "led protests against X"
    return None


def _against(noun: Token) -> bool:
    """Whether a noun is directed against something: "a lawsuit against X"."""
    return any(c.dep_ == "prep" and c.lower_ == "against" for c in noun.children)


# Determiners that point back to what was just said: "Such a framework could include ...".
_BACK_POINTING = frozenset({"such", "this", "these", "that", "those"})
_CONTINUATION_MODALS = frozenset({"could", "would", "should", "must", "might", "may", "will"})


def _continuations(
    doc: Doc, analysis: Analysis, starts: list[int], covered: Ranges[None]
) -> list[_Evidence]:
    """The sentence right after reported speech that carries its argument on without a cue of
    its own ("The letter urges talks. Such a framework could include easing sanctions."): it
    opens with a noun pointing back ("such a framework", "this plan"), says what could or
    should be, and no quote holds it. It is the same speaker's, at lower confidence."""
    reported = [q for q in analysis.quotes if q.speaker is not None and q.type != "direct"]
    if not reported:
        return []
    sentences = list(doc.sents)
    ends = [sent.end_char for sent in sentences]
    out: list[_Evidence] = []
    for quote in reported:
        k = bisect.bisect_left(ends, quote.end)
        if k + 1 >= len(sentences):
            continue
        nxt = sentences[k + 1]
        if covered.overlaps(nxt.start_char, nxt.end_char) or not _points_back(nxt):
            continue
        tokens = _tokens_in(doc, starts, [(nxt.start_char, nxt.end_char)])
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens.pop()
        if tokens:
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            out.append(
                _Evidence(
                    actor=quote.speaker,
                    start=start,
                    end=end,
                    pieces=((start, end),),
                    quote=None,
                    cue=None,
                    tokens=tuple(tokens),
                    confidence=round(quote.confidence * 0.6, 3),
                    source="continuation",
                )
            )
    return out


def _points_back(sentence: Span) -> bool:
    """Whether a sentence opens with a noun phrase pointing back to what was said and its verb
    says what could, would or should be."""
    first = next((t for t in sentence if not t.is_punct and not t.is_space), None)
    if first is None or first.lower_ not in _BACK_POINTING or first.head.pos_ != "NOUN":
        return False
    if first.head.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = first.head.head
    return any(c.dep_ == "aux" and c.lower_ in _CONTINUATION_MODALS for c in verb.children)


def _clause(
    doc: Doc, cue: Token, first: int, last: int, actor: str, source: str, confidence: float
) -> _Evidence:
    start = doc[first].idx
    end = doc[last].idx + len(doc[last].text)
    return _Evidence(
        actor=actor,
        start=start,
        end=end,
        pieces=((start, end),),
        quote=None,
        cue=cue if source == "clause" else None,
        tokens=tuple(doc[first : last + 1]),
        confidence=confidence,
        source=source,
    )


# -- concepts --------------------------------------------------------------------------------------


def _norm(word: str) -> str:
    word = word.lower()
    return word[:_STEM] if len(word) >= _STEM else word


def _term_keys(term: str) -> list[str]:
    """The words of a codebook term as matching keys; function words are optional."""
    return [_norm(w) for w in re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", term)]


_FUNCTION_WORDS = frozenset(
    "a an the of to for in on at by and or with from its their his her our".split()
)


def match_terms(tokens: Sequence[Token], term: str) -> list[tuple[int, int]]:
    """Token index ranges [first, last] in ``tokens`` where ``term`` occurs, by lemma or stem.

    Function words of the term may be missing or different in the text: "study of the river"
    matches "river study" no, but "study of the river" and "study of a river" yes.
    """
    keys = [k for k in _term_keys(term) if k not in _FUNCTION_WORDS]
    if not keys:
        return []
    words = [
        (i, t)
        for i, t in enumerate(tokens)
        if not (t.is_punct or t.is_space or t.lower_ in _FUNCTION_WORDS or t.pos_ == "DET")
    ]
    found: list[tuple[int, int]] = []
    n = len(keys)
    for k in range(len(words) - n + 1):
        window = words[k : k + n]
        same = all(
            key in {_norm(t.lemma_), _norm(t.text)}
            for key, (_, t) in zip(keys, window, strict=True)
        )
        # The words must be near each other: at most two tokens between neighbours.
        if same and all(window[j + 1][0] - window[j][0] <= 3 for j in range(n - 1)):
            found.append((window[0][0], window[-1][0]))
    return found


_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "pobj", "attr", "conj", "appos", "ROOT"}


def find_target(
    tokens: Sequence[Token], phrase: str, *, embedder: Embedder | None = None
) -> Token | None:
    """The head of the best mention of a free-text target (a topic, a name) in ``tokens``.

    The mention is the run of tokens (function words and determiners may interrupt it) that
    shares the most content words with ``phrase``, by lemma or five-letter stem: "the sale of
    violent video games" is found in "violent games harm children" as "violent games". With an
    ``embedder``, when no word is shared, the noun phrase most similar to ``phrase`` is taken if
    its cosine reaches ``EMBEDDING_THRESHOLD``.
    """
    keys = {k for k in _term_keys(phrase) if k not in _FUNCTION_WORDS}
    best: tuple[int, int, int] | None = None  # (shared words, -first, last)
    run: list[int] = []
    shared: set[str] = set()

    def close() -> None:
        nonlocal best
        if run and (best is None or (len(shared), -run[0]) > (best[0], best[1])):
            best = (len(shared), -run[0], run[-1])

    for k, tok in enumerate(tokens):
        key_set = {_norm(tok.lemma_), _norm(tok.text)}
        if keys & key_set and not (tok.is_stop and tok.pos_ not in {"NOUN", "PROPN"}):
            run.append(k)
            shared |= keys & key_set
        elif run and (tok.lower_ in _FUNCTION_WORDS or tok.pos_ == "DET") and k - run[-1] < 2:
            continue
        else:
            close()
            run, shared = [], set()
    close()
    if best is not None:
        return _head_of(tokens[-best[1] : best[2] + 1])
    if embedder is None:
        return None
    chunks = _noun_phrases(tokens)
    if not chunks:
        return None
    sims = embedder.encode([c.text for c in chunks]) @ embedder.encode([phrase])[0]
    k = int(sims.argmax())
    return chunks[k].root if float(sims[k]) >= EMBEDDING_THRESHOLD else None


def _head_of(tokens: Sequence[Token]) -> Token:
    """The token of a phrase whose syntactic head lies outside it; when the parser gives
    several, the last one in an argument role (English noun phrases end in their head)."""
    ids = {t.i for t in tokens}
    outside = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    if not outside:
        return tokens[0]
    arguments = [t for t in outside if t.dep_ in _ARGUMENT_DEPS]
    return (arguments or outside)[-1]


def _lexical_mentions(evidence: _Evidence, codebook: Codebook) -> list[_Mention]:
    out: list[_Mention] = []
    tokens = evidence.tokens
    text_start = tokens[0].idx if tokens else 0
    for concept in codebook.concepts:
        for k, term in enumerate(concept.terms()):
            for first, last in match_terms(tokens, term):
                head = _head_of(tokens[first : last + 1])
                match = "label" if k == 0 else "keyword"
                out.append(_Mention(concept.id, concept.label, head, match, 1.0, concept.terms()))
        for pattern in concept.patterns:
            for tok_range in _pattern_ranges(tokens, pattern, text_start):
                head = _head_of(tokens[tok_range[0] : tok_range[1] + 1])
                out.append(_Mention(concept.id, concept.label, head, "pattern", 0.9))
    return out


def _pattern_ranges(tokens: Sequence[Token], pattern: str, _start: int) -> list[tuple[int, int]]:
    """Token ranges of regular-expression matches inside the evidence's own text."""
    if not tokens:
        return []
    doc = tokens[0].doc
    found: list[tuple[int, int]] = []
    runs: list[list[int]] = [[0]]
    for k in range(1, len(tokens)):  # contiguous runs of tokens (a split quote has several)
        if tokens[k].i == tokens[k - 1].i + 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    regex = re.compile(pattern, re.IGNORECASE)
    for run in runs:
        first, last = tokens[run[0]], tokens[run[-1]]
        base = first.idx
        text = doc.text[base : last.idx + len(last.text)]
        for match in regex.finditer(text):
            if match.end() <= match.start():
                continue
            inside = [
                k
                for k in run
                if tokens[k].idx - base < match.end()
                and match.start() < tokens[k].idx - base + len(tokens[k].text)
            ]
            if inside:
                found.append((inside[0], inside[-1]))
    return found


def _concept_text(concept: Concept) -> str:
    parts = [concept.label]
    if concept.description:
        parts.append(concept.description)
    if concept.keywords:
        parts.append(", ".join(concept.keywords))
    return ". ".join(parts)


def _embedded_mentions(
    evidence: _Evidence, codebook: Codebook, embedder: Embedder
) -> list[_Mention]:
    """The concept the evidence is most similar to, with its most similar noun phrase if any."""
    if not codebook.concepts:
        return []
    text = " ".join(t.text_with_ws for t in evidence.tokens).strip()
    concept_vectors = embedder.encode([_concept_text(c) for c in codebook.concepts])
    vector = embedder.encode([text])[0]
    sims = concept_vectors @ vector
    best = int(sims.argmax())
    sim = float(sims[best])
    if sim < EMBEDDING_THRESHOLD:
        return []
    concept = codebook.concepts[best]
    head = None
    chunks = _noun_phrases(evidence.tokens)
    if chunks:
        chunk_sims = embedder.encode([c.text for c in chunks]) @ concept_vectors[best]
        k = int(chunk_sims.argmax())
        if float(chunk_sims[k]) >= EMBEDDING_THRESHOLD:
            head = chunks[k].root
    return [_Mention(concept.id, concept.label, head, "embedding", round(sim, 3))]


def _noun_phrases(tokens: Sequence[Token]) -> list[Span]:
    if not tokens:
        return []
    ids = {t.i for t in tokens}
    doc = tokens[0].doc
    try:
        chunks = list(doc.noun_chunks)
    except ValueError:  # no parser: no noun chunks
        return []
    return [c for c in chunks if c.root.i in ids and c.root.tag_ not in _PRONOUN_TAGS]


# -- key phrases -----------------------------------------------------------------------------------


def key_phrase(head: Token) -> str:
    """The normalised phrase a token heads: modifiers and head lemmatised, determiners dropped.

    A light noun stands for what completes it: "a plan to expand the terminal" gives
    "expand terminal", "the push for a new berth" gives "new berth".
    """
    if head.pos_ in {"NOUN", "PROPN"} and head.lemma_.lower() in LIGHT_NOUNS:
        for child in head.children:
            if child.dep_ in {"acl", "relcl", "xcomp"} and child.pos_ == "VERB":
                return key_phrase(child)
            if child.dep_ == "prep" and child.lower_ in {"for", "of", "on", "to", "against"}:
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.tag_ not in _PRONOUN_TAGS:
                    return key_phrase(pobj)
    if head.pos_ in {"VERB", "AUX"}:
        obj = next((c for c in head.children if c.dep_ in {"dobj", "obj"}), None)
        verb = head.lemma_.lower()
        if obj is not None and obj.tag_ not in _PRONOUN_TAGS:
            return f"{verb} {key_phrase(obj)}"
        return verb
    words: list[str] = []
    for child in head.lefts:
        modifier = child.dep_ in {"compound", "amod", "nmod"} and not child.like_num
        if modifier and child.pos_ in {"ADJ", "NOUN", "PROPN", "VERB"} and child.is_alpha:
            words.extend(_lemma_words(child))
    lemma = head.lemma_.lower() if head.pos_ != "PROPN" else head.text.lower()
    words.append(lemma)
    return " ".join(words)


def _lemma_words(tok: Token) -> list[str]:
    inner = [c for c in tok.lefts if c.dep_ in {"compound", "amod"} and c.is_alpha]
    out: list[str] = []
    for c in inner:
        out.extend(_lemma_words(c))
    out.append(tok.lemma_.lower() if tok.pos_ != "PROPN" else tok.text.lower())
    return out


def _target_token(evidence: _Evidence, actors: _Mentions) -> Token | None:
    """What evidence addresses when no codebook says: the object or complement it is about."""
    tokens = evidence.tokens
    if not tokens:
        return None
    ids = {t.i for t in tokens}
    cue = evidence.cue
    link = _stance_link(cue) if cue is not None else None
    if link is not None and (link.i in ids or evidence.source != "quote"):
        if link.dep_ == "prep":
            pobj = next((g for g in link.children if g.dep_ in {"pobj", "pcomp"}), None)
            return _descend(pobj) if pobj is not None and _usable(pobj) else None
        return _descend(link) if _usable(link) else None
    if evidence.source == "noun":
        prep = next((c for c in tokens[0].children if c.dep_ == "prep"), None)
        if prep is not None:
            pobj = next((g for g in prep.children if g.dep_ in {"pobj", "pcomp"}), None)
            if pobj is not None and _usable(pobj) is not None:
                return _descend(pobj)
    roots = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    for root in roots:
        if root.pos_ in {"NOUN", "PROPN"} and _usable(root) is not None:
            return _descend(root)
        candidate = _clause_target(root, ids, actors)
        if candidate is not None:
            return candidate
    return None


def _clause_target(verb: Token, ids: set[int], actors: _Mentions) -> Token | None:
    """What a clause is about: a stance verb's or adjective's object; the subject of a judging
    predicate ("the toll is unfair", "the toll destroys jobs"); else the object of an action
    ("will not conduct a review", "the council should not raise the toll", "a deal could include
    X"); else the subject; else what a complement clause is about."""
    link = _stance_link(verb)
    if link is not None:
        if link.dep_ == "prep":
            link = next((g for g in link.children if g.dep_ in {"pobj", "pcomp"}), link)
        if _usable(link) is not None:
            return _descend(link)
    held = _adjective_target(verb, ids)
    if held is not None:
        return held
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i in ids]
    objects = [c for c in verb.children if c.dep_ in {"dobj", "attr", "obj"} and c.i in ids]
    actions = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB" and c.i in ids]
    judging = _judging(verb, subjects, objects, actors)
    if actions and objects and not judging:  # "asked the government to review X"
        return actions[0]
    agent = any(_agent(s, actors) for s in subjects)
    if agent and not (judging or objects or actions) and _committed(verb):
        return verb  # "the city must negotiate", "they will never negotiate"
    for group in [subjects, objects] if judging else [objects, actions, subjects]:
        for child in group:
            found = _appraised(child) if child.pos_ != "VERB" else child
            if found is None and _usable(child) is not None:
                found = _descend(child)
            if found is not None:
                return found
    for child in verb.children:
        if child.dep_ in {"ccomp", "xcomp"} and child.i in ids:
            found = _clause_target(child, ids, actors)
            if found is not None:
                return found
    return None


def _judging(
    verb: Token, subjects: Sequence[Token], objects: Sequence[Token], actors: _Mentions
) -> bool:
    """Whether a clause judges its subject ("the toll destroys jobs") rather than report an
    action on its object: an actor doing something ("the council raised the toll") or a
    proposal's content ("a deal could include X") is about the object."""
    lemma = verb.lemma_.lower()
    if verb.pos_ == "AUX" or lemma in {"be", "seem", "remain", "become", "look", "sound"}:
        return True
    if lemma in PROPOSAL_VERBS and any(
        c.dep_ == "aux" and c.lower_ in COMMIT_MODALS | POSSIBLE_MODALS for c in verb.children
    ):
        return False
    if objects and any(_agent(s, actors) for s in subjects):
        return False
    return lemma in JUDGING_VERBS or _PLAIN_LEXICON.word(verb) != 0.0


def _committed(verb: Token) -> bool:
    """Whether an action is required, promised or refused: a modal of commitment or a
    negation ("must negotiate", "will not negotiate", "never negotiated")."""
    return verb.pos_ == "VERB" and any(
        (c.dep_ == "aux" and c.lower_ in COMMIT_MODALS) or c.dep_ == "neg" or c.lower_ == "never"
        for c in verb.children
    )


def _agent(subject: Token, actors: _Mentions) -> bool:
    """Whether a subject is someone who acts: a pronoun, a name, a known actor, an institution."""
    if subject.tag_ == "PRP" or subject.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
        return True
    return subject.lemma_.lower() in _AGENT_NOUNS or actors.actor_of(subject) is not None


def _appraised(head: Token) -> Token | None:
    """What an appraisal noun judges: "not the time to negotiate", "the moment for talks",
    "no alternative to talks"."""
    lemma = head.lemma_.lower()
    if lemma in NO_ALTERNATIVE_NOUNS:
        return _prep_object(head, {"to", "for"})
    if lemma not in APPRAISAL_HEADS:
        return None
    for grand in head.children:
        if grand.dep_ in {"acl", "relcl", "xcomp"} and grand.pos_ == "VERB":
            return grand
        if grand.dep_ == "prep" and grand.lower_ == "for":
            pobj = next((g for g in grand.children if g.dep_ == "pobj"), None)
            if pobj is not None and _usable(pobj) is not None:
                return _descend(pobj)
    return None


def _prep_object(head: Token, preps: set[str]) -> Token | None:
    """The usable object of the first of ``head``'s prepositions in ``preps``, descended."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and _usable(pobj) is not None:
                return _descend(pobj)
    return None


def _adjective_target(verb: Token, ids: set[int]) -> Token | None:
    """The object of a stance adjective or phrase: "is opposed to X", "was critical of X",
    "is in favour of X"."""
    holders = [verb, *(c for c in verb.children if c.dep_ in {"acomp", "attr"})]
    holders += [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "in"
        for g in c.children
        if g.dep_ == "pobj" and g.lemma_.lower() in STANCE_NOUNS
    ]
    for holder in holders:
        takes = STANCE_ADJECTIVES.get(holder.lower_, (0.0, frozenset[str]()))[1]
        if holder.lemma_.lower() in STANCE_NOUNS:
            takes = frozenset({"of", "for", "to"})
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in takes:
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.i in ids and _usable(pobj) is not None:
                    return _descend(pobj)
    return None


def _descend(tok: Token) -> Token:
    """Through light and stance nouns to what they are about: "a ban on diesel cars" -> cars."""
    for _ in range(4):
        if tok.pos_ not in {"NOUN", "PROPN"}:
            return tok
        lemma = tok.lemma_.lower()
        if lemma not in LIGHT_NOUNS and lemma not in STANCE_NOUNS:
            return tok
        nxt = None
        for child in tok.children:
            if child.dep_ in {"acl", "relcl"} and child.pos_ == "VERB" and lemma in LIGHT_NOUNS:
                nxt = child
                break
            # "of" marks what a light noun is about ("a plan of reform") but a stance noun's
            # holder ("the opposition of the council"): stance nouns go on by the others only.
            preps = (
                {"for", "of", "on", "to", "against"}
                if lemma in LIGHT_NOUNS
                else {"for", "on", "to", "against"}
            )
            if child.dep_ == "prep" and child.lower_ in preps:
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and _usable(pobj) is not None:
                    nxt = pobj
                    break
        if nxt is None:
            return tok
        tok = nxt
    return tok


def _usable(tok: Token) -> Token | None:
    if tok.tag_ in _PRONOUN_TAGS or tok.like_num or tok.is_punct:
        return None
    if tok.pos_ in {"NOUN", "PROPN"} and tok.lemma_.lower() in _GENERIC_HEADS:
        return None
    if tok.pos_ not in {"NOUN", "PROPN", "VERB"}:
        return None
    return tok


# -- coding ----------------------------------------------------------------------------------------


def code_statements(
    doc: Doc,
    analysis: Analysis,
    codebook: Codebook | None = None,
    *,
    embedder: Embedder | None = None,
    lexicon: PolarityLexicon | None = None,
) -> tuple[Statement, ...]:
    """The statements of one analysed document (``doc`` is its parse).

    ``embedder`` (see ``stancegraph.extract.stance.load_embedder``) lets concepts match by meaning
    when no label, keyword or pattern does; ``lexicon`` may carry an embedder too, to give
    words outside the polarity lists a polarity.
    """
    starts = [t.idx for t in doc]
    out: list[Statement] = []
    seen: set[tuple[str | None, str, int, int]] = set()
    actors = _Mentions(analysis.actors)
    for evidence in _evidence(doc, analysis, starts, actors):
        mentions = _mentions(evidence, codebook, embedder, actors)
        by_concept: dict[str, list[_Mention]] = {}
        for mention in mentions:
            by_concept.setdefault(mention.concept, []).append(mention)
        for concept_id, group in by_concept.items():
            key = (evidence.actor, concept_id, evidence.start, evidence.end)
            if key in seen:
                continue
            seen.add(key)
            mention, result = _best(group, evidence, lexicon, actors)
            if result.rule == "none" and _raised(mention.head, evidence, actors):
                result = Assessment(_RAISED, "raised")  # the actor raised it and took no side
            confidence = evidence.confidence * mention.confidence * _ASSESS_CONFIDENCE[result.rule]
            out.append(
                Statement(
                    id=f"s{len(out) + 1}",
                    actor=evidence.actor,
                    concept=concept_id,
                    concept_label=mention.label,
                    agreement=result.agreement,
                    start=evidence.start,
                    end=evidence.end,
                    quote=evidence.quote,
                    confidence=round(confidence, 3),
                    extractor=f"{EXTRACTOR}:{evidence.source}-{mention.match}-{result.rule}",
                )
            )
    return tuple(out)


def _mentions(
    evidence: _Evidence, codebook: Codebook | None, embedder: Embedder | None, actors: _Mentions
) -> list[_Mention]:
    if codebook is None:
        target = _target_token(evidence, actors)
        if target is None:
            return []
        out: list[_Mention] = []
        for head in (target, _condition(target, evidence)):
            phrase = key_phrase(head) if head is not None else ""
            if head is not None and phrase.strip():
                out.append(_Mention(slug(phrase), phrase, head, "phrase", 0.8))
        return out
    mentions = _lexical_mentions(evidence, codebook)
    if not mentions and embedder is not None:
        mentions = _embedded_mentions(evidence, codebook, embedder)
    return mentions


def _condition(target: Token, evidence: _Evidence) -> Token | None:
    """The condition a refusal names: Y in "will not sign X without Y", when the evidence holds
    it; the speaker insists on Y, a position of its own. Not in "signed X without Y", which
    takes no side on Y."""
    ids = {t.i for t in evidence.tokens}
    for node in (target, target.head):
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ == "without" and child.i in ids:
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is None or _usable(pobj) is None or pobj.i not in ids:
                    continue
                side = assess(evidence.tokens, target=pobj, cue=evidence.cue)
                return _descend(pobj) if side.rule == "path" and side.score > 0 else None
    return None


def _reported_desire(target: Token | None, evidence: _Evidence, actors: _Mentions) -> bool:
    """Whether a quote reports someone else's wish or belief about the target ("X said Y wants
    to negotiate"): a desire verb above the target whose subject is not the speaker."""
    if target is None or evidence.source != "quote":
        return False
    ids = {t.i for t in evidence.tokens}
    node = target
    while node.head.i != node.i and node.head.i in ids:
        node = node.head
        if node.pos_ != "VERB" or node.lemma_.lower() not in DESIRE_VERBS:
            continue
        # The verb's own subject: one inherited from a conjoined clause may be someone else's.
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ in _FIRST_PERSON:
            return False
        holder = actors.actor_of(subject)
        if subject.tag_ == "PRP" and holder is None:
            return False  # "she wants": most likely the speaker
        return holder != evidence.actor
    return False


def _concept_words(tokens: Sequence[Token], terms: Sequence[str]) -> set[int]:
    """The evidence's words that name the concept ("restrictions" of "flight restrictions"):
    their own polarity says nothing of a side taken on it. Matched like the codebook's terms,
    by the first five letters of a lemma."""
    stems = {w.lower()[:5] for term in terms for w in term.split() if len(w) > 3}
    return {t.i for t in tokens if t.is_alpha and t.lemma_.lower()[:5] in stems}


def _raised(target: Token | None, evidence: _Evidence, actors: _Mentions) -> bool:
    """Whether the concept is the actor's own matter in the evidence: not the object of what
    someone else does ("the council would discuss the toll" reports the council's agenda)."""
    if target is None:
        return True
    ids = {t.i for t in evidence.tokens}
    node = target
    while node.head.i != node.i and node.head.i in ids:
        via, node = node, node.head
        if node.pos_ not in {"VERB", "AUX"}:
            continue
        if _topic_of_talk(via, node):
            return False  # "then talk to us about the charges": a topic, not a side
        subject = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None or subject.lower_ in _FIRST_PERSON:
            return True
        holder = actors.actor_of(subject)
        return holder is None and subject.tag_ == "PRP" or holder == evidence.actor
    return True


# Verbs of talking and thinking about something: what they are about is a topic, no side.
TOPIC_VERBS = frozenset(
    "talk speak discuss debate consider examine review study think hear learn know ask "
    "wonder".split()
)


def _topic_of_talk(via: Token, verb: Token) -> bool:
    """Whether the words below ``via`` are what ``verb`` talks or thinks about ("talk about the
    charges", "discuss the toll")."""
    lemma = verb.lemma_.lower()
    if lemma not in TOPIC_VERBS:
        return False
    return (via.dep_ == "prep" and via.lower_ in {"about", "on", "over"}) or via.dep_ in {
        "dobj",
        "obj",
    }


# What a noun adds to the verb it is made from: "abolition", "cancellation", "removal", "closure".
_NOMINAL_ENDINGS = frozenset(
    {"", "s", "al", "ure", "ment", "ion", "tion", "sion", "ation", "lation"}
)


def _names_the_act(noun: str, verb: str) -> bool:
    """Whether ``noun`` is ``verb`` made a noun ("abolition" of "abolish", "ban" of "ban")."""
    for cut in range(len(verb), max(3, len(verb) - 2) - 1, -1):
        stem = verb[:cut]
        if noun.startswith(stem) and noun[cut:] in _NOMINAL_ENDINGS:
            return True
    return False


def _toward_the_act(mention: _Mention, result: Assessment) -> Assessment:
    """When the concept names the very act done to its mention ("abolished the toll" for the
    concept "toll abolition", "cancelled the concert" for "concert cancellation"), the side
    toward the act: doing it is for it, refusing to do it against, so the side toward the
    thing is turned by the verb's own side ("abolish" is against the toll, for its abolition)."""
    head = mention.head
    if head is None or head.dep_ not in {"dobj", "nsubjpass"} or not result.score:
        return result
    verb = head.head
    side = verb_side(verb) if verb.pos_ == "VERB" else 0.0
    words = mention.label.lower().replace("-", " ").split()
    if not side or not any(_names_the_act(w, verb.lemma_.lower()) for w in words):
        return result
    return Assessment(max(-1.0, min(1.0, result.score * side)), result.rule)


def _best(
    group: Sequence[_Mention],
    evidence: _Evidence,
    lexicon: PolarityLexicon | None,
    actors: _Mentions,
) -> tuple[_Mention, Assessment]:
    """The mention whose assessment is most decided (path rules first, then |score|)."""
    rank = {"path": 4, "cue": 3, "clause": 2, "content": 1, "reported": 0, "none": 0}
    best: tuple[_Mention, Assessment] | None = None
    own = frozenset(_concept_words(evidence.tokens, group[0].terms))
    for mention in group:
        result = assess(
            evidence.tokens, target=mention.head, cue=evidence.cue, lexicon=lexicon, unsaid=own
        )
        if _reported_desire(mention.head, evidence, actors):
            result = Assessment(0.0, "reported")
        else:
            result = _toward_the_act(mention, result)
        if best is None or (rank[result.rule], abs(result.score)) > (
            rank[best[1].rule],
            abs(best[1].score),
        ):
            best = (mention, result)
    assert best is not None
    return best
