"""Learned attribution: reported speech the rules miss, found by a trained scorer.

In: a parsed spaCy ``Doc``, the ``RawQuote`` records the rules found in it
(``extract.quotes.extract_raw_quotes``) and an ``AttributionModel`` (weights loaded from JSON,
``load_model``). Out: the rules' quotes, less the reported speech the model vetoes, plus the
candidates it accepts, as ``RawQuote`` records whose confidence is the model's probability.

Candidates come from the parse, not from a word list: every verb with a complement clause, an
infinitive, a prepositional or a direct object, a verb set off inside the clause it reports
("..., he said, ..."), a noun or adjective with a complement clause ("the claim that ...",
"confident that ..."), and "according to". Each candidate has a cue token, a content range
and a source (the cue's subject, when there is one). ``candidate_features`` describes it as
a set of strings (cue lemma, construction, source kind, content shape, negation, tense, ...);
the model is a logistic regression over them, trained by ``stancegraph.train`` on PolNeAR
train (see docs/model-card-attribution.md).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Token

from ..errors import StancegraphError
from ..types import QuoteType
from .lexicons import NOMINAL_CUES, POSITION_VERBS, SPEECH_VERBS, THOUGHT_VERBS
from .quotes import (
    ALL_MARKS,
    RawQuote,
    cue_span,
    cut_nested,
    cut_trailing,
    find_quotations,
    span_chars,
    speaker_tokens,
    subject_of,
)
from .ranges import Ranges

__all__ = [
    "AttributionModel",
    "Candidate",
    "ModelError",
    "attribute",
    "candidate_features",
    "candidates",
    "load_model",
]

MODEL_FORMAT = "stancegraph.attribution/1"
_MODEL_FILE = "attribution.json"

# What the content of each construction may be; the kind is a feature of its own.
_VERB_KINDS = ("clause", "infinitive", "prepositional", "object")
_NOUN_PREPS = frozenset({"of", "for", "about", "on", "against", "to", "over"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


class ModelError(StancegraphError):
    """The attribution model file cannot be read or is not a model of this format."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible attribution: cue token, content pieces (token ranges, inclusive) and source."""

    cue: int
    kind: str
    pieces: tuple[tuple[int, int], ...]
    source: int | None  # token index of the source's head, None when the cue has no subject


# -- candidates ------------------------------------------------------------------------------


def candidates(doc: Doc) -> list[Candidate]:
    """Every construction of ``doc`` that could report what someone said or thinks."""
    found: list[Candidate] = []
    for tok in doc:
        if tok.pos_ in {"VERB", "AUX"}:
            found.extend(_verb_candidates(tok))
        elif tok.pos_ in {"NOUN", "ADJ"}:
            found.extend(_noun_candidates(tok))
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            found.extend(_according_candidate(tok))
    return found


def _range(heads: Sequence[Token]) -> tuple[int, int]:
    first = min(h.left_edge.i for h in heads)
    last = cut_nested(heads, max(h.right_edge.i for h in heads))
    return first, cut_trailing(heads, first, last)


def _verb_candidates(verb: Token) -> Iterator[Candidate]:
    source = subject_of(verb)
    source_i = source.i if source is not None else None
    for kind, heads in _verb_complements(verb):
        first, last = _range(heads)
        if last >= first:
            yield Candidate(verb.i, kind, ((first, last),), source_i)
    if verb.dep_ == "parataxis" and source is not None:
        pieces = _around(verb, source)
        if pieces:
            yield Candidate(verb.i, "parenthetical", pieces, source_i)


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
            if heads and not _owned(tok):
                return
        owners = [c for c in tok.children if c.dep_ == "poss"]
        source = owners[0] if owners else None
    if heads:
        first, last = _range(heads)
        if last >= first:
            kind = "adjective" if tok.pos_ == "ADJ" else "noun"
            yield Candidate(tok.i, kind, ((first, last),), source.i if source else None)


def _owned(noun: Token) -> bool:
    """Whether a noun has an owner: "her call for ...", "the senator's support of ..."."""
    return any(c.dep_ == "poss" for c in noun.children) or noun.lemma_.lower() in NOMINAL_CUES


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
    if pieces:
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


def _source_kind(source: Token | None) -> str:
    if source is None:
        return "none"
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
    source = doc[candidate.source] if candidate.source is not None else None
    src = _source_kind(source)
    first, last = candidate.pieces[0][0], candidate.pieces[-1][1]
    words = sum(b - a + 1 for a, b in candidate.pieces)
    opener = doc[first]
    negated = any(c.dep_ == "neg" for c in cue.children)
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in cue.children)
    content_quoted = any(quoted.overlaps(doc[a].idx, doc[b].idx + 1) for a, b in candidate.pieces)
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
        "lsrc=" + lemma + "|" + (src if src == "none" else src[:3]),
        "len=" + _length_bucket(words) + "|" + kind,
        "open=" + opener.lower_ if opener.lower_ in {"that", "to", "whether", "if"} else "open=x",
        "otag=" + opener.tag_ + "|" + kind,
        "after=" + str(first > cue.i),
    ]
    if source is not None:
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
    if last == len(doc) - 1 or doc[last + 1].is_sent_start:
        feats.append("to-sent-end|" + kind)
    return feats


# -- the model -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AttributionModel:
    """A logistic regression over candidate features, with its decision thresholds."""

    weights: Mapping[str, float]
    accept: float  # a candidate the rules did not find is added at this probability or more
    veto: float  # a rule's reported-speech quote is dropped below this probability
    meta: Mapping[str, object]

    def probability(self, features: Iterable[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, object]:
        return {
            "format": MODEL_FORMAT,
            "accept": self.accept,
            "veto": self.veto,
            "meta": dict(self.meta),
            "weights": dict(sorted(self.weights.items())),
        }


def model_from_json(data: object, where: str) -> AttributionModel:
    """The model in ``data`` (a parsed JSON document read from ``where``)."""
    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
        raise ModelError(f"{where}: not an attribution model ({MODEL_FORMAT})")
    weights = data.get("weights")
    if not isinstance(weights, dict) or not all(
        isinstance(v, (int, float)) for v in weights.values()
    ):
        raise ModelError(f"{where}: 'weights' must map feature names to numbers")
    try:
        accept, veto = float(data["accept"]), float(data["veto"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{where}: 'accept' and 'veto' must be numbers") from exc
    meta = data.get("meta", {})
    return AttributionModel(
        weights={str(k): float(v) for k, v in weights.items()},
        accept=accept,
        veto=veto,
        meta=meta if isinstance(meta, dict) else {},
    )


@cache
def load_model(path: str | None = None) -> AttributionModel:
    """The model at ``path`` (JSON), or the one shipped with stancegraph."""
    try:
        if path is None:
            raw = resources.files("stancegraph.extract").joinpath("models", _MODEL_FILE).read_text()
            where = f"packaged {_MODEL_FILE}"
        else:
            raw = Path(path).read_text(encoding="utf-8")
            where = path
        data = json.loads(raw)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(
            f"{path or _MODEL_FILE}: cannot read the attribution model: {exc}"
        ) from exc
    return model_from_json(data, where)


# -- attribution -----------------------------------------------------------------------------


def attribute(
    doc: Doc, raws: Sequence[RawQuote], model: AttributionModel, *, text: str | None = None
) -> list[RawQuote]:
    """The rules' quotes ``raws`` with the model's judgement: weak reported speech vetoed,
    candidates the rules missed added, in text order."""
    text = doc.text if text is None else text
    quoted: Ranges[None] = Ranges(p for q in find_quotations(text) for p in q.pieces)
    scored = [(model.probability(candidate_features(doc, c, quoted)), c) for c in candidates(doc)]
    by_cue: dict[int, float] = {}
    for p, c in scored:
        by_cue[doc[c.cue].idx] = max(p, by_cue.get(doc[c.cue].idx, 0.0))
    kept = [r for r in raws if not _vetoed(r, by_cue, model)]
    covered: Ranges[None] = Ranges(p for r in kept for p in r.pieces)
    out = list(kept)
    for p, c in sorted(scored, key=lambda pc: -pc[0]):
        if p < model.accept:
            break
        raw = _as_quote(doc, text, c, p, quoted)
        if raw is None or any(covered.overlaps(*piece) for piece in raw.pieces):
            continue
        out.append(raw)
        covered.extend(raw.pieces)
    out.sort(key=lambda r: r.pieces[0][0])
    return out


def _vetoed(raw: RawQuote, by_cue: Mapping[int, float], model: AttributionModel) -> bool:
    if raw.type == "direct" or raw.cue is None or not raw.rule.startswith("reported-"):
        return False
    p = by_cue.get(raw.cue[0])
    return p is not None and p < model.veto


def _as_quote(
    doc: Doc, text: str, candidate: Candidate, p: float, quoted: Ranges[None]
) -> RawQuote | None:
    pieces = [span_chars(doc, a, b) for a, b in candidate.pieces]
    pieces = [(s, e) for s, e in pieces if e > s]
    if not pieces or sum(len(text[s:e].split()) for s, e in pieces) < 2:
        return None
    qtype: QuoteType = "indirect"
    if any(quoted.overlaps(s, e) for s, e in pieces) or any(
        c in ALL_MARKS for s, e in pieces for c in text[s:e]
    ):
        qtype = "mixed"
    cue = doc[candidate.cue]
    speaker = speaker_tokens(doc[candidate.source]) if candidate.source is not None else None
    return RawQuote(
        type=qtype,
        pieces=tuple(pieces),
        cue=cue_span(cue),
        speaker=speaker,
        confidence=round(p, 4),
        rule="learned-" + candidate.kind.split("-")[0],
    )
