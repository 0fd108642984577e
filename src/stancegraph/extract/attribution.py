"""Learned attribution: reported speech the rules miss, found by a trained scorer.

In: a parsed spaCy ``Doc``, the ``RawQuote`` records the rules found in it
(``extract.quotes.extract_raw_quotes``) and an ``AttributionModel`` (weights loaded from JSON,
``load_model``). Out: the rules' quotes, each with its rule's measured precision as
confidence, plus the candidates the rules missed that the model accepts, as ``RawQuote``
records whose confidence is the model's probability.

Candidates come from the parse, not from a word list: every verb with a complement clause, an
infinitive, a prepositional or a direct object, a verb set off inside the clause it reports
("..., he said, ..."), a noun or adjective with a complement clause ("her claim that ...",
"confident that ..."), and "according to". Each candidate has a cue token, a content range
and a source (the cue's subject, when there is one). ``candidate_features`` describes it as
a set of strings (cue lemma, construction, source kind, content shape, negation, tense, ...);
the model is a logistic regression over them, trained by ``stancegraph.train`` on PolNeAR
train (see docs/model-card-attribution.md). Before a candidate is scored, and before a rule's
reported quote is kept, its content is redrawn token by token by the model's second part, the
boundary scorer of ``extract.boundaries``.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc, Token

from ..errors import ModelError
from ..types import QuoteType
from .boundaries import BoundaryScorer, Sheet, quoted_tokens, redraw
from .lexicons import NOMINAL_CUES, POSITION_VERBS, SPEECH_VERBS, THOUGHT_VERBS
from .quotes import (
    NOT_SPEAKERS,
    RawQuote,
    armed_subject,
    cue_span,
    cut_nested,
    cut_trailing,
    find_quotations,
    owner_speaker,
    span_chars,
    speaker_tokens,
    subject_of,
)
from .ranges import Ranges

__all__ = [
    "AttributionModel",
    "Candidate",
    "Proposal",
    "attribute",
    "boundary_scorer",
    "candidate_features",
    "candidate_proposal",
    "candidates",
    "load_model",
    "model_from_json",
    "open_candidates",
    "quotation_pieces",
    "quotation_ranges",
    "redraw_candidate",
    "redraw_quote",
    "rule_proposal",
    "score_candidates",
    "select",
]

MODEL_FORMAT = "stancegraph.attribution/2"
# Version 1 had no boundary scorer ("content"); such a file still loads, without one.
_FORMATS = frozenset({"stancegraph.attribution/1", MODEL_FORMAT})
_MODEL_FILE = "attribution.json"
# A candidate is redrawn only when its parsed content scores this share of the threshold, for
# speed: on 300 PolNeAR train articles content F1 is 0.7082 at 0.8, 0.7090 at 0.5 and 0.7077
# when every candidate is redrawn, which costs about three times as much.
REDRAW_SHARE = 0.8

# What the content of each construction may be; the kind is a feature of its own.
_VERB_KINDS = ("clause", "infinitive", "prepositional", "object")
_NOUN_PREPS = frozenset({"of", "for", "about", "on", "against", "to", "over"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible attribution: cue token, content pieces (token ranges, inclusive) and source."""

    cue: int
    kind: str
    pieces: tuple[tuple[int, int], ...]
    source: int  # token index of the source's head


# -- candidates ------------------------------------------------------------------------------


def candidates(doc: Doc) -> list[Candidate]:
    """Every construction of ``doc`` that could report what someone said or thinks, and says
    who: a candidate needs a speaker (``_speaks``)."""
    found: list[Candidate] = []
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            found.extend(_according_candidate(tok))
        elif tok.pos_ in {"VERB", "AUX"}:
            found.extend(_verb_candidates(tok))
        elif tok.pos_ in {"NOUN", "ADJ"}:
            found.extend(_noun_candidates(tok))
    return found


def _range(heads: Sequence[Token]) -> tuple[int, int]:
    first = min(h.left_edge.i for h in heads)
    last = cut_nested(heads, max(h.right_edge.i for h in heads))
    return first, cut_trailing(heads, first, last)


def _speaks(cue: Token, source: Token) -> bool:
    """Whether ``source`` can be the speaker of ``cue``: there is one, it is not the writer or
    the reader ("I", "we", "you"), and it is not an armed body, whose verbs are deeds."""
    return source.lower_ not in NOT_SPEAKERS and not armed_subject(cue)


def _verb_candidates(verb: Token) -> Iterator[Candidate]:
    source = subject_of(verb)
    if source is None or not _speaks(verb, source):
        return
    for kind, heads in _verb_complements(verb):
        first, last = _range(heads)
        if last >= first:
            yield Candidate(verb.i, kind, ((first, last),), source.i)
    if verb.dep_ == "parataxis":
        pieces = _around(verb, source)
        if pieces:
            yield Candidate(verb.i, "parenthetical", pieces, source.i)


def _verb_complements(verb: Token) -> Iterator[tuple[str, list[Token]]]:
    children = list(verb.children)
    clauses = [c for c in children if c.dep_ == "ccomp"]
    if clauses:
        yield "clause", clauses
    objects = [c for c in children if c.dep_ in {"dobj", "dative"} and c.i > verb.i]
    xcomps = [c for c in children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}]
    if xcomps:
        yield "infinitive", [*objects, *xcomps]
    for child in children:
        if child.dep_ == "prep" and child.i > verb.i:
            objs = [g for g in child.children if g.dep_ in {"pobj", "pcomp"}]
            if objs:
                yield "prep-" + child.lower_, objs
                break
    if objects and not xcomps and not clauses:
        yield "object", objects


def _around(verb: Token, source: Token) -> tuple[tuple[int, int], ...]:
    """The clause a parenthetical cue sits in, less the cue and its subject."""
    head = verb.head
    first, last = head.left_edge.i, head.right_edge.i
    own_first = min(verb.left_edge.i, source.left_edge.i)
    own_last = max(verb.right_edge.i, source.right_edge.i)
    pieces = []
    if first < own_first:
        pieces.append((first, own_first - 1))
    if own_last < last:
        pieces.append((own_last + 1, last))
    return tuple(pieces)


def _noun_candidates(tok: Token) -> Iterator[Candidate]:
    if tok.pos_ == "ADJ":
        if tok.dep_ != "acomp":
            return
        heads = [c for c in tok.children if c.dep_ in {"ccomp", "xcomp"}]
        source = subject_of(tok.head)
    else:
        heads = [c for c in tok.children if c.dep_ in {"ccomp", "acl"} and c.i > tok.i]
        if not heads:
            heads = [
                g
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ in _NOUN_PREPS and c.i > tok.i
                for g in c.children
                if g.dep_ in {"pobj", "pcomp"}
            ]
        owners = [c for c in tok.children if c.dep_ == "poss"]
        source = owner_speaker(tok, owners[0]) if owners else None
    if heads and source is not None and _speaks(tok, source):
        first, last = _range(heads)
        if last >= first:
            kind = "adjective" if tok.pos_ == "ADJ" else "noun"
            yield Candidate(tok.i, kind, ((first, last),), source.i)


def _according_candidate(according: Token) -> Iterator[Candidate]:
    doc = according.doc
    to = doc[according.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"]
    if not objs:
        return
    phrase_last = max(objs[0].right_edge.i, to.i)
    sent = according.sent
    pieces = []
    if sent.start < according.i:
        pieces.append((sent.start, according.i - 1))
    if phrase_last < sent.end - 1:
        pieces.append((phrase_last + 1, sent.end - 1))
    if pieces and _speaks(according, objs[0]):
        yield Candidate(according.i, "according", tuple(pieces), objs[0].i)


# -- features --------------------------------------------------------------------------------


def _lexicon(lemma: str) -> str:
    if lemma in SPEECH_VERBS:
        return "speech"
    if lemma in THOUGHT_VERBS:
        return "thought"
    if lemma in POSITION_VERBS:
        return "position"
    if lemma in NOMINAL_CUES:
        return "nominal"
    return "none"


def _source_kind(source: Token) -> str:
    if source.pos_ == "PRON":
        return "pron-" + source.lower_
    if source.ent_type_:
        return "ent-" + source.ent_type_
    if source.pos_ == "PROPN":
        return "propn"
    return "noun"


def _length_bucket(words: int) -> str:
    return str(min(6, int(math.log2(words + 1))))


def candidate_features(doc: Doc, candidate: Candidate, quoted: Ranges[None]) -> list[str]:
    """The features of one candidate; ``quoted`` holds the document's quotation ranges."""
    cue = doc[candidate.cue]
    lemma = cue.lemma_.lower()
    kind = candidate.kind
    source = doc[candidate.source]
    src = _source_kind(source)
    first, last = candidate.pieces[0][0], candidate.pieces[-1][1]
    words = sum(b - a + 1 for a, b in candidate.pieces)
    opener = doc[first]
    negated = any(c.dep_ == "neg" for c in cue.children)
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in cue.children)
    content_quoted = any(quoted.overlaps(*_chars(doc, piece)) for piece in candidate.pieces)
    lex = _lexicon(lemma)
    feats = [
        "bias",
        "k=" + kind,
        "l=" + lemma,
        "lk=" + lemma + "|" + kind,
        "lex=" + lex + "|" + kind,
        "pos=" + cue.tag_ + "|" + kind,
        "dep=" + cue.dep_ + "|" + kind,
        "src=" + src + "|" + kind,
        "srcl=" + src + "|" + lex,
        "lsrc=" + lemma + "|" + src[:3],
        "len=" + _length_bucket(words) + "|" + kind,
        "open=" + (opener.lower_ if opener.lower_ in {"that", "to", "whether", "if"} else "x"),
        "otag=" + opener.tag_ + "|" + kind,
        "after=" + str(first > cue.i),
    ]
    feats.append("srclemma=" + source.lemma_.lower())
    feats.append("srcdep=" + source.dep_)
    if negated:
        feats.append("neg|" + kind)
    if modal:
        feats.append("modal|" + kind)
    if content_quoted:
        feats.append("quoted|" + kind)
    if quoted.holds(cue.idx):
        feats.append("cue-in-quote")
    if cue.dep_ in {"relcl", "acl", "advcl", "xcomp", "ccomp", "pcomp"}:
        feats.append("sub=" + cue.dep_ + "|" + lex)
    if any(doc[i].tag_ in _FINITE for a, b in candidate.pieces for i in range(a, b + 1)):
        feats.append("finite|" + kind)
    if cue.dep_ in {"xcomp", "ccomp", "conj"}:
        feats.append("governor=" + cue.head.lemma_.lower() + "|" + cue.dep_)
    if any(c.dep_ in {"dobj", "dative"} for c in cue.children) and kind != "object":
        feats.append("with-object|" + kind)
    after = last + 1
    while after < len(doc) and (doc[after].is_punct or doc[after].is_space):
        after += 1
    if after == len(doc) or doc[after].is_sent_start:
        feats.append("to-sent-end|" + kind)
    return feats


# -- the model -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AttributionModel:
    """A logistic regression over candidate features, its threshold, the rules' precision and
    the boundary scorer's token feature weights (``extract.boundaries``)."""

    weights: Mapping[str, float]
    accept: float  # a candidate the rules did not find is added at this probability or more
    rule_precision: Mapping[str, float]  # measured on the training data: each rule's confidence
    meta: Mapping[str, object]
    digest: str = ""  # sha256 of the file it was read from (a stored analysis names it)
    content: Mapping[str, float] = field(default_factory=dict)  # empty: contents as parsed

    def probability(self, features: Iterable[str]) -> float:
        """The model's probability that a candidate with ``features`` is an attribution."""
        z = sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, object]:
        """The model as JSON-ready data, keys sorted so that a retrained model diffs cleanly."""
        return {
            "format": MODEL_FORMAT,
            "accept": self.accept,
            "rule_precision": dict(sorted(self.rule_precision.items())),
            "meta": dict(self.meta),
            "weights": dict(sorted(self.weights.items())),
            "content": dict(sorted(self.content.items())),
        }


def _numbers(
    data: dict[str, object], key: str, where: str, *, probabilities: bool = False
) -> dict[str, float]:
    table = data.get(key)
    if not isinstance(table, dict) or not all(_finite(v) for v in table.values()):
        raise ModelError(f"{key!r} must map names to finite numbers", source=where)
    if probabilities and not all(0 <= v <= 1 for v in table.values()):
        raise ModelError(f"{key!r} must map names to probabilities", source=where)
    return {str(k): float(v) for k, v in table.items()}


def _finite(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def model_from_json(data: object, where: str, digest: str = "") -> AttributionModel:
    """The model in ``data`` (a parsed JSON document read from ``where``)."""
    if not isinstance(data, dict) or data.get("format") not in _FORMATS:
        raise ModelError(f"not an attribution model ({MODEL_FORMAT})", source=where)
    accept = data.get("accept")
    if not isinstance(accept, (int, float)) or not _finite(accept) or not 0 <= accept <= 1:
        raise ModelError("'accept' must be a probability", source=where)
    meta = data.get("meta", {})
    return AttributionModel(
        weights=_numbers(data, "weights", where),
        accept=float(accept),
        rule_precision=_numbers(data, "rule_precision", where, probabilities=True),
        meta=meta if isinstance(meta, dict) else {},
        digest=digest,
        content=_numbers(data, "content", where) if "content" in data else {},
    )


@cache
def load_model(path: str | None = None) -> AttributionModel:
    """The model at ``path`` (JSON), or the one shipped with stancegraph."""
    where = path or f"the packaged {_MODEL_FILE}"
    try:
        if path is None:
            models = resources.files("stancegraph.extract").joinpath("models")
            raw = models.joinpath(_MODEL_FILE).read_text(encoding="utf-8")
        else:
            raw = Path(path).read_text(encoding="utf-8")
        data = json.loads(raw)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"cannot read the attribution model ({exc})", source=where) from exc
    return model_from_json(data, where, hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16])


# -- attribution -----------------------------------------------------------------------------


def attribute(
    doc: Doc, raws: Sequence[RawQuote], model: AttributionModel, *, text: str | None = None
) -> list[RawQuote]:
    """The rules' quotes ``raws``, each with its rule's measured precision as confidence, and
    the candidates the rules missed that the model accepts, in text order."""
    text = doc.text if text is None else text
    pieces = quotation_pieces(text)
    quoted: Ranges[None] = Ranges(pieces)
    scorer = boundary_scorer(doc, model.content, pieces)
    raws = [redraw_quote(doc, r, scorer, quoted) for r in raws]
    scored = score_candidates(doc, raws, model, quoted, scorer)
    calibrated = [_calibrated(r, model) for r in raws]
    return select(doc, text, calibrated, scored, model.accept, quoted)


def quotation_pieces(text: str) -> list[tuple[int, int]]:
    """The character ranges inside quotation marks."""
    return [p for q in find_quotations(text) for p in q.pieces]


def quotation_ranges(text: str) -> Ranges[None]:
    """The character ranges inside quotation marks (a feature of candidates)."""
    return Ranges(quotation_pieces(text))


def boundary_scorer(
    doc: Doc, content: Mapping[str, float], quotations: Sequence[tuple[int, int]]
) -> BoundaryScorer | None:
    """The boundary scorer with weights ``content`` over ``doc`` (whose quotations are the
    character ranges ``quotations``), or None when there are no weights."""
    if not content:
        return None
    return BoundaryScorer(content, Sheet(doc, quoted_tokens(doc, quotations)))


def open_candidates(
    doc: Doc, raws: Sequence[RawQuote], scorer: BoundaryScorer | None = None
) -> list[Candidate]:
    """What the model may add: the candidates, their contents redrawn by ``scorer`` when
    there is one, that no quote of ``raws`` touches."""
    covered: Ranges[None] = Ranges(p for r in raws for p in r.pieces)
    found = candidates(doc)
    if scorer is not None:
        found = [redraw_candidate(c, scorer) for c in found]
    return [
        c for c in found if not any(covered.overlaps(*_chars(doc, piece)) for piece in c.pieces)
    ]


class Proposal(NamedTuple):
    """What the boundary scorer redraws: cue and source (token indexes), the parsed content's
    first and last token, and the construction ("rule" for a rule's quote)."""

    cue: int
    source: int | None
    first: int
    last: int
    kind: str


def candidate_proposal(candidate: Candidate) -> Proposal | None:
    """A candidate as the boundary scorer reads it; None when its content is in pieces."""
    if len(candidate.pieces) != 1:
        return None
    first, last = candidate.pieces[0]
    return Proposal(candidate.cue, candidate.source, first, last, candidate.kind.split("-")[0])


def rule_proposal(doc: Doc, raw: RawQuote) -> Proposal | None:
    """A rule's quote as the boundary scorer reads it; None for a direct quote (its marks
    bound it), a quote in pieces and one without a cue."""
    if raw.type == "direct" or len(raw.pieces) != 1 or raw.cue is None:
        return None
    span = doc.char_span(*raw.pieces[0], alignment_mode="expand")
    cue = doc.char_span(*raw.cue, alignment_mode="expand")
    if span is None or cue is None or not len(span) or not len(cue):
        return None
    source = doc[raw.speaker[0] : raw.speaker[1]].root.i if raw.speaker else None
    return Proposal(cue[0].i, source, span.start, span.end - 1, "rule")


def redraw_candidate(candidate: Candidate, scorer: BoundaryScorer) -> Candidate:
    """``candidate`` with its one-piece content redrawn by ``scorer``."""
    proposal = candidate_proposal(candidate)
    if proposal is None:
        return candidate
    new = redraw(scorer, *proposal)
    return candidate if new == proposal[2:4] else replace(candidate, pieces=(new,))


def redraw_quote(
    doc: Doc, raw: RawQuote, scorer: BoundaryScorer | None, quoted: Ranges[None]
) -> RawQuote:
    """A rule's reported quote of one piece with its content redrawn by ``scorer``; direct
    quotes keep the quotation marks' bounds. ``quoted`` holds the quotations' characters."""
    proposal = rule_proposal(doc, raw) if scorer is not None else None
    if scorer is None or proposal is None:
        return raw
    new = redraw(scorer, *proposal)
    start, end = span_chars(doc, *new)
    if new == proposal[2:4] or end <= start:
        return raw
    qtype: QuoteType = "mixed" if quoted.overlaps(start, end) else "indirect"
    return replace(raw, type=qtype, pieces=((start, end),))


def score_candidates(
    doc: Doc,
    raws: Sequence[RawQuote],
    model: AttributionModel,
    quoted: Ranges[None],
    scorer: BoundaryScorer | None = None,
) -> list[tuple[float, Candidate]]:
    """Each candidate that no quote of ``raws`` touches, with the model's probability;
    ``scorer`` (``boundary_scorer``) redraws contents, as in ``open_candidates``.

    Redrawing costs a pass over the cue's sentence, so only a candidate whose parsed content
    scores at least ``REDRAW_SHARE`` of the threshold is redrawn (and scored again); the rest,
    however drawn, are far from being taken.
    """
    covered: Ranges[None] = Ranges(p for r in raws for p in r.pieces)
    floor = model.accept * REDRAW_SHARE
    scored = []
    for c in candidates(doc):
        p = model.probability(candidate_features(doc, c, quoted))
        if scorer is not None and p >= floor:
            redrawn = redraw_candidate(c, scorer)
            if redrawn is not c:
                c, p = redrawn, model.probability(candidate_features(doc, redrawn, quoted))
        if not any(covered.overlaps(*_chars(doc, piece)) for piece in c.pieces):
            scored.append((p, c))
    return scored


def select(
    doc: Doc,
    text: str,
    raws: Sequence[RawQuote],
    scored: Sequence[tuple[float, Candidate]],
    accept: float,
    quoted: Ranges[None],
) -> list[RawQuote]:
    """``raws`` and, most probable first, the candidates at ``accept`` or more that overlap
    nothing taken before them; in text order."""
    out = list(raws)
    covered: Ranges[None] = Ranges(p for r in raws for p in r.pieces)
    for p, c in sorted(scored, key=lambda pc: (-pc[0], pc[1].cue)):
        if p < accept:
            break
        raw = _as_quote(doc, text, c, p, quoted)
        if raw is None or any(covered.overlaps(*piece) for piece in raw.pieces):
            continue
        out.append(raw)
        covered.extend(raw.pieces)
    out.sort(key=lambda r: r.pieces[0][0])
    return out


def _chars(doc: Doc, piece: tuple[int, int]) -> tuple[int, int]:
    first, last = doc[piece[0]], doc[piece[1]]
    return first.idx, last.idx + len(last.text)


def _calibrated(raw: RawQuote, model: AttributionModel) -> RawQuote:
    precision = model.rule_precision.get(raw.rule)
    if precision is None:
        return raw
    return replace(raw, confidence=round(precision, 3))


def _as_quote(
    doc: Doc, text: str, candidate: Candidate, p: float, quoted: Ranges[None]
) -> RawQuote | None:
    pieces = [span_chars(doc, a, b) for a, b in candidate.pieces]
    pieces = [(s, e) for s, e in pieces if e > s]
    if not pieces or sum(len(text[s:e].split()) for s, e in pieces) < 2:
        return None
    qtype: QuoteType = "indirect"
    if any(quoted.overlaps(s, e) for s, e in pieces):
        qtype = "mixed"
    cue = doc[candidate.cue]
    speaker = speaker_tokens(doc[candidate.source])
    return RawQuote(
        type=qtype,
        pieces=tuple(pieces),
        cue=cue_span(cue),
        speaker=speaker,
        confidence=round(p, 4),
        rule="learned-" + candidate.kind.split("-")[0],
    )
