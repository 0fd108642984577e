"""Learned attribution (extract/attribution.py): candidates, features, the model file, selection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stancegraph.errors import ModelError, StancegraphError
from stancegraph.extract.attribution import (
    AttributionModel,
    attribute,
    candidate_features,
    candidates,
    load_model,
    model_from_json,
    quotation_ranges,
)
from stancegraph.extract.nlp import load_pipeline
from stancegraph.extract.quotes import extract_raw_quotes
from stancegraph.pipeline import Options, analyze_text

pytestmark = pytest.mark.model


def parse(text: str):  # type: ignore[no-untyped-def]
    return load_pipeline()(text)


def text_of(doc, candidate) -> str:  # type: ignore[no-untyped-def]
    return " ".join(doc[a : b + 1].text for a, b in candidate.pieces)


def by_cue(doc, word: str):  # type: ignore[no-untyped-def]
    return [c for c in candidates(doc) if doc[c.cue].text == word]


def test_a_verb_with_a_clause_is_a_candidate_with_its_subject() -> None:
    doc = parse("The treasurer opined that the levy would be doubled next spring.")
    (found,) = [c for c in by_cue(doc, "opined") if c.kind == "clause"]
    assert doc[found.source].text == "treasurer"
    assert text_of(doc, found).startswith("that the levy would be doubled")


def test_nouns_adjectives_and_according_to_give_candidates() -> None:
    doc = parse(
        "Her insistence that the vote be delayed angered allies. "
        "The unions are certain that the deal will collapse. "
        "According to the auditors, the fund lost money."
    )
    kinds = {(doc[c.cue].text, c.kind) for c in candidates(doc)}
    assert ("insistence", "noun") in kinds
    assert ("certain", "adjective") in kinds
    assert ("According", "according") in kinds
    (according,) = [c for c in candidates(doc) if c.kind == "according"]
    assert doc[according.source].text == "auditors"
    assert "the fund lost money" in text_of(doc, according)


def test_a_possessive_pronoun_on_an_object_gives_way_to_the_subject() -> None:
    doc = parse(
        "The mayor defended her decision to close the pool. "
        "Her insistence that the vote be delayed angered allies."
    )
    (defended,) = by_cue(doc, "decision")
    assert doc[defended.source].text == "mayor"
    (insistence,) = by_cue(doc, "insistence")
    assert doc[insistence.source].text == "Her"  # a subject's owner stays the owner


def test_a_parenthetical_cue_takes_the_clause_around_it() -> None:
    doc = parse("The new rules, the minister conceded, will cost farmers dearly.")
    found = [c for c in candidates(doc) if c.kind == "parenthetical"]
    assert found, [(doc[c.cue].text, c.kind) for c in candidates(doc)]
    words = text_of(doc, found[0])
    assert "new rules" in words and "cost farmers dearly" in words
    assert "conceded" not in words


def test_features_name_the_cue_the_construction_and_the_source() -> None:
    doc = parse("Officials did not deny that the border would reopen.")
    (found,) = [c for c in by_cue(doc, "deny") if c.kind == "clause"]
    features = candidate_features(doc, found, quotation_ranges(doc.text))
    assert "l=deny" in features and "k=clause" in features
    assert "neg|clause" in features
    assert any(f.startswith("src=") and "none" not in f for f in features)


def _model(weights: dict[str, float], accept: float = 0.5) -> AttributionModel:
    return AttributionModel(weights=weights, accept=accept, rule_precision={}, meta={})


def test_the_model_adds_what_it_accepts_and_only_that() -> None:
    text = "The treasurer opined that the levy would be doubled. Farmers grow wheat in the valley."
    doc = parse(text)
    rules = extract_raw_quotes(doc)
    assert rules == []  # "opine" is not a cue of the rules
    added = attribute(doc, rules, _model({"bias": -4.0, "l=opine": 8.0}))
    assert [(r.rule, text[r.pieces[0][0] : r.pieces[0][1]]) for r in added] == [
        ("learned-clause", "the levy would be doubled")
    ]
    assert added[0].confidence == pytest.approx(1 / (1 + 2.718281828**-4), abs=1e-3)
    assert doc[added[0].speaker[0]].text in {"The", "treasurer"}
    assert attribute(doc, rules, _model({"bias": -4.0})) == []


def test_rule_quotes_stay_and_take_their_rules_precision_as_confidence() -> None:
    text = "The mayor said that the bridge will close in May."
    doc = parse(text)
    rules = extract_raw_quotes(doc)
    assert len(rules) == 1
    model = AttributionModel({"bias": 10.0}, 0.5, {rules[0].rule: 0.84}, {})
    out = attribute(doc, rules, model)
    # The rule's quote stays; no candidate may overlap it, however likely the model finds it.
    assert [(r.pieces, r.rule, r.confidence) for r in out] == [
        (rules[0].pieces, rules[0].rule, 0.84)
    ]


def test_the_packaged_model_loads_as_plain_json_and_is_small() -> None:
    model = load_model()
    assert 0 < model.accept < 1
    assert len(model.weights) > 1000
    assert all(0 < p < 1 for p in model.rule_precision.values())
    path = Path(__file__).parents[1] / "src/stancegraph/extract/models/attribution.json"
    assert path.stat().st_size < 20 * 1024 * 1024
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "stancegraph.attribution/2"
    assert len(data["content"]) > 1000  # the boundary scorer


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ([], "not an attribution model"),
        ({"format": "other"}, "not an attribution model"),
        ({"format": "stancegraph.attribution/1", "accept": 2}, "'accept' must be a probability"),
        (
            {"format": "stancegraph.attribution/1", "accept": 0.5, "weights": {"a": "x"}},
            "'weights' must map names to finite numbers",
        ),
        (
            {"format": "stancegraph.attribution/1", "accept": 0.5, "weights": {"a": float("nan")}},
            "'weights' must map names to finite numbers",
        ),
        (
            {
                "format": "stancegraph.attribution/1",
                "accept": 0.5,
                "weights": {"a": 1.0},
                "rule_precision": {"reported-clause": 3.0},
            },
            "'rule_precision' must map names to probabilities",
        ),
        ({"format": "stancegraph.attribution/1", "accept": float("inf")}, "'accept' must be"),
    ],
)
def test_a_bad_model_file_is_one_clear_error(data: object, problem: str) -> None:
    with pytest.raises(ModelError, match=problem) as caught:
        model_from_json(data, "m.json")
    assert str(caught.value).startswith("m.json: ")
    assert isinstance(caught.value, StancegraphError)


def test_an_unreadable_model_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "model.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="model.json: cannot read"):
        load_model(str(bad))


def test_rules_only_analysis_is_the_rules_path() -> None:
    text = (
        "The treasurer opined that the levy would be doubled. "
        "The mayor said that the bridge will close in May."
    )
    rules = analyze_text(text, options=Options(attribution="rules"))
    raw = extract_raw_quotes(parse(text))
    assert [(q.start, q.end) for q in rules.quotes] == [r.pieces[0] for r in raw]
    learned = analyze_text(text)
    assert {q.text for q in rules.quotes} <= {q.text for q in learned.quotes}


def test_an_nan_in_a_model_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "nan.json"
    bad.write_text(
        '{"format": "stancegraph.attribution/1", "accept": 0.5, '
        '"weights": {"bias": NaN}, "rule_precision": {}}',
        encoding="utf-8",
    )
    with pytest.raises(ModelError, match="finite"):
        load_model(str(bad))


def test_an_apostrophe_does_not_make_a_learned_quote_mixed() -> None:
    text = "The treasurer opined that the senator's levy wouldn't pass."
    doc = parse(text)
    (added,) = attribute(doc, [], _model({"bias": -4.0, "l=opine": 8.0}))
    assert added.type == "indirect"
    quoted = 'The treasurer opined that the levy was "a tax on breathing".'
    (mixed,) = attribute(parse(quoted), [], _model({"bias": -4.0, "l=opine": 8.0}))
    assert mixed.type == "mixed"


def test_empty_and_verbless_documents_have_no_candidates() -> None:
    assert candidates(parse("")) == []
    assert candidates(parse("Tuesday. Rain. Then more rain.")) == []
    doc = parse("The figures, according to")
    assert all(b >= a for c in candidates(doc) for a, b in c.pieces)


def test_an_unknown_attribution_is_refused() -> None:
    with pytest.raises(StancegraphError, match="attribution must be one of learned, rules"):
        analyze_text("The mayor said the bridge will close.", options=Options(attribution="rule"))  # type: ignore[arg-type]


def test_the_packaged_model_is_loaded_with_its_digest() -> None:
    assert len(load_model().digest) == 16


def _content_to_the_right() -> dict[str, float]:
    """A boundary scorer that takes every token right of the cue as content."""
    return {"side=R": 4.0, "side=L": -4.0, "side=C": -4.0}


def test_the_boundary_scorer_redraws_rule_quotes_but_not_direct_ones() -> None:
    text = (
        "The mayor said that the bridge will close in May, which angered drivers. "
        '"We have no choice," the mayor said.'
    )
    doc = parse(text)
    rules = extract_raw_quotes(doc)
    reported = next(r for r in rules if r.type == "indirect")
    # the rules stop the content before the writer's aside ", which angered drivers"
    assert text[slice(*reported.pieces[0])] == "the bridge will close in May"
    model = AttributionModel({"bias": -10.0}, 0.5, {}, {}, content=_content_to_the_right())
    out = attribute(doc, rules, model)
    texts = {r.type: text[slice(*r.pieces[0])] for r in out}
    assert texts["indirect"] == "the bridge will close in May, which angered drivers"
    assert texts["direct"] == "We have no choice"
    # without a boundary scorer the rules' bounds stay
    plain = attribute(doc, rules, _model({"bias": -10.0}))
    assert [r.pieces for r in plain] == [r.pieces for r in rules]


def test_a_candidate_is_scored_on_its_redrawn_content() -> None:
    text = "The treasurer opined that the levy would be doubled, which pleased nobody."
    doc = parse(text)
    weights = {"bias": -4.0, "l=opine": 8.0}
    (plain,) = attribute(doc, [], _model(weights))
    model = AttributionModel(weights, 0.5, {}, {}, content=_content_to_the_right())
    (redrawn,) = attribute(doc, [], model)
    assert text[slice(*plain.pieces[0])] == "the levy would be doubled"
    assert text[slice(*redrawn.pieces[0])] == "the levy would be doubled, which pleased nobody"


def test_the_boundary_scorer_round_trips_and_a_version_1_file_loads_without_one() -> None:
    model = AttributionModel({"bias": 1.0}, 0.4, {}, {}, content={"side=R": 0.5})
    data = json.loads(json.dumps(model.to_json()))
    assert data["format"] == "stancegraph.attribution/2"
    assert model_from_json(data, "m.json").content == {"side=R": 0.5}
    old = {
        "format": "stancegraph.attribution/1",
        "accept": 0.5,
        "weights": {},
        "rule_precision": {},
    }
    assert model_from_json(old, "old.json").content == {}
    with pytest.raises(ModelError, match="'content' must map names to finite numbers"):
        model_from_json({**data, "content": {"side=R": "x"}}, "m.json")


def test_the_packaged_boundary_scorer_keeps_what_the_rules_cut_at_a_comma() -> None:
    # The rules end a content before a comma-fenced phrase that closes it; the shipped model
    # sees that the phrase still belongs to what the minister insisted.
    text = (
        "The minister insisted that taxes would not rise, despite the deficit, before the election."
    )
    rules = analyze_text(text, options=Options(attribution="rules"))
    learned = analyze_text(text)
    assert [q.text for q in rules.quotes] == ["taxes would not rise, despite the deficit"]
    assert [q.text for q in learned.quotes] == [
        "taxes would not rise, despite the deficit, before the election"
    ]
