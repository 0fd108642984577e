"""Training the attribution model (train/attribution.py, train/boundaries.py, train/report.py,
python -m stancegraph.train)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from stancegraph.evaluation.quotes import GoldDocument, GoldQuote, infer_quote_type
from stancegraph.extract.attribution import load_model
from stancegraph.train import Settings, parse_gold, train_attribution
from stancegraph.train.__main__ import main
from stancegraph.train.boundaries import boundary_examples, train_boundaries
from stancegraph.train.report import score_held_out

pytestmark = pytest.mark.model

# New sentences: "opine" and "surmise" are not cues of the rules, so only the model can learn them.
ARTICLES = [
    ("The treasurer opined that the levy would be doubled.", "the levy would be doubled"),
    (
        "The coach opined that the team would move to a new city.",
        "the team would move to a new city",
    ),
    (
        "Local farmers opined that the harvest was the worst in years.",
        "the harvest was the worst in years",
    ),
    ("The bank surmised that rates would stay high all year.", "rates would stay high all year"),
    ("The envoy opined that talks could resume within weeks.", "talks could resume within weeks"),
    (
        "The union opined that a strike was likely before winter.",
        "a strike was likely before winter",
    ),
]
FILLER = " Rain fell on the old town. The river rose by a metre."


def gold_document(n: int, sentence: str, content: str) -> GoldDocument:
    return _gold(f"doc{n}", sentence + FILLER, content, cue=None)


def _gold(name: str, text: str, content: str, cue: str | None) -> GoldDocument:
    """One gold attribution of ``content`` in ``text``, cued by ``cue`` when it is given."""
    start = text.index(content)
    spans = ((start, start + len(content)),)
    at = text.index(cue) if cue else 0
    quote = GoldQuote(
        content_spans=spans,
        content_text=content,
        source_spans=(),
        source_text=None,
        cue_spans=((at, at + len(cue)),) if cue else (),
        type=infer_quote_type(text, spans),
    )
    return GoldDocument(id=name, text=text, quotes=(quote,))


GOLD = [gold_document(n, s, c) for n, (s, c) in enumerate(ARTICLES)]
QUICK = Settings(folds=2, steps=60, min_count=1, thresholds=(0.3, 0.5))


def test_training_learns_a_cue_the_rules_lack() -> None:
    model, report = train_attribution(GOLD, parse_gold(GOLD), QUICK, meta={"note": "test"})
    assert report.documents == 6
    assert report.positives >= 5  # every "opined that" clause; the rules find none of them
    assert report.rules_only == (0.0, 0.0, 0.0)
    assert report.accept in QUICK.thresholds
    assert model.weights["l=opine"] > 0
    assert model.weights["l=opine"] > model.weights.get("l=rise", 0.0)
    assert model.meta["note"] == "test" and model.meta["documents"] == 6


def _with_source(gold: GoldDocument, source: str) -> GoldDocument:
    start = gold.text.index(source)
    quote = replace(
        gold.quotes[0], source_spans=((start, start + len(source)),), source_text=source
    )
    return replace(gold, quotes=(quote,))


def test_a_candidate_is_positive_only_with_the_gold_source() -> None:
    # The gold names the subject of "opined" as the source in three articles, and a word of the
    # filler in the other three: only the first three candidates are right.
    sources = ["treasurer", "coach", "farmers", "Rain", "river", "town"]
    gold = [_with_source(g, s) for g, s in zip(GOLD, sources, strict=True)]
    _, report = train_attribution(gold, parse_gold(gold), QUICK)
    assert report.positives == 3


def test_training_is_reproducible() -> None:
    docs = parse_gold(GOLD)
    first, _ = train_attribution(GOLD, docs, QUICK)
    second, _ = train_attribution(GOLD, docs, QUICK)
    assert first.to_json() == second.to_json()


def test_held_out_report_compares_rules_and_model() -> None:
    model, _ = train_attribution(GOLD, parse_gold(GOLD), QUICK)
    held = score_held_out(GOLD[:2], parse_gold(GOLD[:2]), model)
    assert held.rules.overall.matched == 0
    assert held.learned.overall.matched == 2
    assert sum(band.quotes for band in held.reliability) == held.learned.overall.predicted


def _polnear(root: Path, splits: tuple[str, ...]) -> Path:
    for split in splits:
        (root / split / "text").mkdir(parents=True)
        (root / split / "attributions").mkdir()
        for g in GOLD:
            (root / split / "text" / f"{g.id}.txt").write_text(g.text, encoding="utf-8")
            ((start, end),) = g.quotes[0].content_spans
            ann = f"T1\tContent {start} {end}\t{g.text[start:end]}\nE1\tAttribution:T1 Content:T1\n"
            (root / split / "attributions" / f"{g.id}_a.ann").write_text(ann, encoding="utf-8")
    return root


def test_the_command_writes_a_model_that_loads_and_ignores_dev(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    alone = _polnear(tmp_path / "alone", ("train",))
    out = tmp_path / "model.json"
    assert (
        main(["--data", str(alone), "--out", str(out), "--report", str(tmp_path / "r.json")]) == 0
    )
    model = load_model(str(out))
    assert model.meta["trained_on"] == "PolNeAR train" and model.meta["documents"] == 6
    printed = capsys.readouterr().out
    assert "chosen" in printed and "wrote" in printed and "development" not in printed
    assert json.loads((tmp_path / "r.json").read_text())["training"]["documents"] == 6
    # With a dev folder beside train, the model is the same file: dev is only scored.
    with_dev = _polnear(tmp_path / "with_dev", ("train", "dev"))
    out_dev = tmp_path / "model_dev.json"
    assert main(["--data", str(with_dev), "--out", str(out_dev)]) == 0
    assert out_dev.read_bytes() == out.read_bytes()
    assert "development (not used in training)" in capsys.readouterr().out


def test_the_command_names_a_missing_folder(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "m.json")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nowhere" in err[0]


def _cued(text: str, cue: str, content: str) -> GoldDocument:
    return _gold("cued", text, content, cue)


def test_boundary_examples_are_the_cue_sentence_tokens_labelled_by_the_gold_content() -> None:
    text = (
        "The mayor said that the bridge, which opened in 1990, will close in May. "
        "The council voted to repair the road."
    )
    gold = _cued(text, "said", "the bridge, which opened in 1990, will close in May")
    (doc,) = parse_gold([gold])
    examples = list(boundary_examples(doc, gold))
    sentence = list(doc.sents)[0]
    assert examples and len(examples) % len(sentence) == 0  # whole sentences, one per proposal
    labels = {t.text: label for t, (_, label) in zip(sentence, examples, strict=False)}
    assert labels["bridge"] == labels["1990"] == labels["May"] == 1
    assert labels["mayor"] == labels["said"] == labels["that"] == 0
    # "voted to repair" has no gold cue: its sentence teaches nothing about boundaries
    assert all("road" not in " ".join(row) for row, _ in examples)


def test_the_boundary_scorer_learns_where_content_lies() -> None:
    gold = [
        _cued(
            f"The {who} said that the {what} would rise soon. Rain fell.",
            "said",
            f"the {what} would rise soon",
        )
        for who, what in [
            ("clerk", "rent"),
            ("bank", "price"),
            ("union", "wage"),
            ("mayor", "levy"),
        ]
    ]
    weights = train_boundaries(
        gold, parse_gold(gold), l2=1e-4, steps=60, learning_rate=0.1, min_count=1
    )
    assert weights["side=R"] > 0 > weights["side=L"]
    model, _ = train_attribution(gold, parse_gold(gold), QUICK)
    assert model.content and model.content["side=R"] > 0
