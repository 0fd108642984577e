"""Content boundaries: where the content of reported speech begins and ends, learned.

In: a parsed spaCy ``Doc`` (read once into a ``Sheet``), a table of feature weights (part of
the attribution model of ``extract.attribution``; together a ``BoundaryScorer``), and an
attribution's cue token, source token and content token range as the parse gives it (a
candidate's or a rule's). Out: the content's token range redrawn, within the cue's sentence.

The parse's subtree is often not what a reader counts as what was said: it stops at a comma
before a clause that continues the claim ("he holds X, during her tenure, responsible for
..."), or runs on into a conjoined second claim. So each token of the cue's sentence is scored
on its own, as semantic role labellers score a predicate's arguments: by the dependency path
from the token to the cue, its side of and distance from the cue, where it lies against the
parse's range (inside, just before, well after), its word class, its neighbours, whether it
belongs to the source and whether it is quoted. A logistic regression gives each token the
probability that it is content (``stancegraph.train`` fits it on PolNeAR train); the new range
is the run of likely tokens that overlaps the parse's range. When no such run exists the parse's
range stays.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from spacy.attrs import DEP, HEAD, IS_PUNCT, IS_STOP, LOWER, POS
from spacy.tokens import Doc

__all__ = [
    "MAX_SENTENCE",
    "BoundaryScorer",
    "Sheet",
    "quoted_tokens",
    "redraw",
    "sentence_features",
    "tagged_range",
]

MAX_SENTENCE = 120  # longer "sentences" are parser run-ons: their ranges stay as parsed
_GAP = 2  # likely tokens this close together are one run: one unlikely token between is bridged
LIKELY = 0.5  # a token this probable is content
# A word that leans on the next one: a content does not end on it (nor begin on "and", "but").
_NO_END = frozenset({"cc", "preconj", "aux", "auxpass", "mark", "det", "punct"})
_MARKS = frozenset({",", ";", ":", "-", "--", "—", "–", "(", "[", "“", "‘", '"', "'"})
_PATH_UP = 3  # dependency labels kept from the token up to the meeting point with the cue
_PATH_DOWN = 2  # and from there down to the cue


def quoted_tokens(doc: Doc, holds: Sequence[tuple[int, int]]) -> list[bool]:
    """For each token of ``doc``, whether it lies in one of the character ranges ``holds``
    (the document's quotations)."""
    flags = [False] * len(doc)
    for start, end in holds:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                flags[i] = True
    return flags


def _bucket(n: int) -> str:
    return str(min(5, int(math.log2(n + 1))))


class Sheet:
    """The token facts of one document that the boundary features read, as plain lists
    (a spaCy token is costly to fetch again and again), and the dependency path from any
    token to any cue, kept once worked out."""

    def __init__(self, doc: Doc, quoted: Sequence[bool]) -> None:
        self.doc = doc
        strings = doc.vocab.strings
        table = doc.to_array([HEAD, DEP, POS, LOWER, IS_PUNCT, IS_STOP]).tolist()
        # HEAD is an offset, stored unsigned
        self.head = [i + (h if h < 2**63 else h - 2**64) for i, (h, *_) in enumerate(table)]
        self.dep = [strings[row[1]] for row in table]
        self.word = [
            strings[lower] if punct or stop else strings[pos]
            for _, _, pos, lower, punct, stop in table
        ]
        self.quoted = list(quoted)
        self.sentence: list[tuple[int, int]] = [(0, 0)] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                self.sentence[i] = (sent.start, sent.end)
        self._chains: dict[int, dict[int, int]] = {}
        self._paths: dict[tuple[int, int], tuple[str, str]] = {}
        self._edges: dict[int, tuple[int, int]] = {}

    def edges(self, i: int | None) -> tuple[int, int]:
        """The first and last token of token ``i``'s subtree; an empty range for None."""
        if i is None:
            return -1, -2
        found = self._edges.get(i)
        if found is None:
            tok = self.doc[i]
            found = self._edges[i] = (tok.left_edge.i, tok.right_edge.i)
        return found

    def path(self, i: int, cue: int) -> tuple[str, str]:
        """The dependency path from token ``i`` up to where it meets the cue's chain of heads
        and down to ``cue``, and its length, as feature strings."""
        key = (i, cue)
        found = self._paths.get(key)
        if found is None:
            found = self._paths[key] = self._walk(i, cue)
        return found

    def _walk(self, i: int, cue: int) -> tuple[str, str]:
        chain = self._chain(cue)
        up: list[str] = []
        node, meet = i, None
        while True:
            if node in chain:
                meet = chain[node]
                break
            up.append(self.dep[node])
            if self.head[node] == node:
                break
            node = self.head[node]
        down: list[str] = []
        node = cue
        for _ in range(meet or 0):
            down.append(self.dep[node])
            node = self.head[node]
        path = "/".join(up[-_PATH_UP:]) + "^" + "/".join(reversed(down[-_PATH_DOWN:]))
        return path, f"up{min(len(up), 4)}-dn{min(len(down), 3)}"

    def _chain(self, cue: int) -> dict[int, int]:
        chain = self._chains.get(cue)
        if chain is None:
            chain, node = {cue: 0}, cue
            while self.head[node] != node:
                node = self.head[node]
                chain[node] = len(chain)
            self._chains[cue] = chain
        return chain


def _place(i: int, first: int, last: int) -> str:
    if first <= i <= last:
        return "in"
    return "l" + _bucket(first - i) if i < first else "r" + _bucket(i - last)


def _side(i: int, cue: int) -> str:
    return "L" if i < cue else ("C" if i == cue else "R")


# The features of a token fall in four groups, by what they depend on; ``BoundaryScorer``
# keeps the sum of each group for the next proposal that shares what it depends on.


def _token_at(sheet: Sheet, i: int, place: str) -> list[str]:
    """What depends on the token and its place against the parsed range only."""
    start, end = sheet.sentence[i]
    row = [
        f"dep={sheet.dep[i]}|{place}",
        f"w={sheet.word[i]}|{place}",
        f"q={sheet.quoted[i]}|{place}",
    ]
    if i > start:
        row.append(f"prev={sheet.word[i - 1]}|{place}")
    if i + 1 < end:
        row.append(f"next={sheet.word[i + 1]}|{place}")
    return row


def _token_by(sheet: Sheet, i: int, side: str) -> list[str]:
    """What depends on the token and its side of the cue only."""
    row = [f"w={sheet.word[i]}|{side}", f"head={sheet.dep[sheet.head[i]]}|{sheet.dep[i]}|{side}"]
    if i == sheet.sentence[i][1] - 1:
        row.append(f"last|{sheet.word[i]}")
    return row


def _token_to(sheet: Sheet, i: int, cue: int, place: str, side: str, kind: str) -> list[str]:
    """What depends on the token's way to the cue."""
    path, length = sheet.path(i, cue)
    return [
        f"path={path}",
        f"path={path}|{place}",
        f"len={length}|{place}",
        f"kind={kind}|{path}",
        f"dist={_bucket(abs(i - cue))}|{side}",
    ]


def _proposal(place: str, side: str, kind: str, in_source: bool) -> list[str]:
    """What depends on the proposal only (and the token's place and side)."""
    return [f"side={side}", f"at={place}", f"at={place}|{kind}", f"src={in_source}|{place}"]


def sentence_features(
    sheet: Sheet, cue: int, source: int | None, first: int, last: int, kind: str
) -> tuple[range, list[list[str]]]:
    """The tokens of the sentence of token ``cue``, each with its features as content of
    the attribution whose parsed content runs over tokens ``first``..``last``; ``kind`` names
    the construction (a candidate's kind, or "rule"), ``source`` is the source's head."""
    start, end = sheet.sentence[cue]
    src_first, src_last = sheet.edges(source)
    rows = []
    for i in range(start, end):
        place, side = _place(i, first, last), _side(i, cue)
        rows.append(
            _proposal(place, side, kind, src_first <= i <= src_last)
            + _token_at(sheet, i, place)
            + _token_by(sheet, i, side)
            + _token_to(sheet, i, cue, place, side, kind)
        )
    return range(start, end), rows


class BoundaryScorer:
    """The boundary scorer's weights over one document's ``Sheet``.

    It sums the same features as ``sentence_features`` lists, group by group, and keeps each
    group's sum for the next proposal that shares what the group depends on.
    """

    def __init__(self, weights: Mapping[str, float], sheet: Sheet) -> None:
        self.weights = weights
        self.sheet = sheet
        self._at: dict[tuple[int, str], float] = {}
        self._by: dict[tuple[int, str], float] = {}
        self._to: dict[tuple[int, int, str, str], float] = {}
        self._proposal: dict[tuple[str, str, str, bool], float] = {}

    def _sum(self, row: Sequence[str]) -> float:
        get = self.weights.get
        return sum(get(f, 0.0) for f in row)

    def logit(self, i: int, cue: int, place: str, kind: str, in_source: bool) -> float:
        """The log-odds that token ``i`` is content of the proposal."""
        sheet = self.sheet
        side = "L" if i < cue else ("C" if i == cue else "R")
        key_at = (i, place)
        at = self._at.get(key_at)
        if at is None:
            at = self._at[key_at] = self._sum(_token_at(sheet, i, place))
        key_by = (i, side)
        by = self._by.get(key_by)
        if by is None:
            by = self._by[key_by] = self._sum(_token_by(sheet, i, side))
        key_to = (i, cue, place, kind)
        to = self._to.get(key_to)
        if to is None:
            to = self._to[key_to] = self._sum(_token_to(sheet, i, cue, place, side, kind))
        key = (place, side, kind, in_source)
        own = self._proposal.get(key)
        if own is None:
            own = self._proposal[key] = self._sum(_proposal(*key))
        return at + by + to + own

    def scored(
        self, cue: int, source: int | None, first: int, last: int, kind: str
    ) -> tuple[list[int], list[float]]:
        """The tokens of the cue's sentence that can matter to ``tagged_range``, in order,
        and their probabilities of being content: those of the parsed range, and outward
        from it until two tokens in a row are unlikely (a run cannot bridge them)."""
        start, end = self.sheet.sentence[cue]
        src_first, src_last = self.sheet.edges(source)
        logit, exp = self.logit, math.exp
        found: dict[int, float] = {}

        def score(i: int) -> float:
            z = logit(i, cue, _place(i, first, last), kind, src_first <= i <= src_last)
            p = found[i] = 1.0 / (1.0 + exp(-max(-30.0, min(30.0, z))))
            return p

        for i in range(first, min(last, end - 1) + 1):
            score(i)
        for step, begin in ((1, last + 1), (-1, first - 1)):
            misses, i = 0, begin
            while start <= i < end and misses < _GAP:
                misses = 0 if score(i) >= LIKELY else misses + 1
                i += step
        order = sorted(found)
        return order, [found[i] for i in order]


def tagged_range(
    probabilities: Sequence[float],
    indexes: Sequence[int],
    first: int,
    last: int,
    threshold: float = LIKELY,
) -> tuple[int, int]:
    """The run of tokens at ``threshold`` or more (one unlikely token between two likely ones
    is bridged, two are not) that overlaps ``first``..``last`` most, the longest on a tie;
    ``(first, last)`` when none does."""
    likely = [i for i, p in zip(indexes, probabilities, strict=True) if p >= threshold]
    if not likely:
        return first, last
    runs = []
    start = previous = likely[0]
    for i in likely[1:]:
        if i - previous > _GAP:
            runs.append((start, previous))
            start = i
        previous = i
    runs.append((start, previous))

    def overlap(run: tuple[int, int]) -> int:
        return max(0, min(run[1], last) - max(run[0], first) + 1)

    best = max(runs, key=lambda run: (overlap(run), run[1] - run[0]))
    return best if overlap(best) else (first, last)


def redraw(
    scorer: BoundaryScorer, cue: int, source: int | None, first: int, last: int, kind: str
) -> tuple[int, int]:
    """The content range ``first``..``last`` of an attribution cued by token ``cue`` redrawn
    by ``scorer``; unchanged when the range starts outside the cue's sentence, the sentence
    is a run-on or the scorer has no weights. A range that runs on past the sentence's end is
    cut there when it is redrawn."""
    start, end = scorer.sheet.sentence[cue]
    if not scorer.weights or end - start > MAX_SENTENCE or not start <= first < end:
        return first, last
    if last < first:
        return first, last
    indexes, probabilities = scorer.scored(cue, source, first, last, kind)
    new = tagged_range(probabilities, indexes, first, last)
    return new if new == (first, last) else _trimmed(scorer.sheet, *new)


def _trimmed(sheet: Sheet, first: int, last: int) -> tuple[int, int]:
    """A redrawn range without a dangling conjunction or function word at its end ("... but
    would") or a conjunction at its start: a run of likely tokens can stop short of a word
    that would have given them their sense."""
    while last > first and (sheet.dep[last] in _NO_END or sheet.word[last] in _MARKS):
        last -= 1
    while first < last and sheet.dep[first] in {"cc", "preconj"}:
        first += 1
    return first, last
