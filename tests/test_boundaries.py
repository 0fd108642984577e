"""Content boundaries (extract/boundaries.py): token features, runs, redrawing a range."""

from __future__ import annotations

import pytest

from stancegraph.extract.boundaries import (
    MAX_SENTENCE,
    BoundaryScorer,
    Sheet,
    quoted_tokens,
    redraw,
    sentence_features,
    tagged_range,
)
from stancegraph.extract.nlp import load_pipeline

pytestmark = pytest.mark.model


def parse(text: str):  # type: ignore[no-untyped-def]
    return load_pipeline()(text)


def token(doc, word: str):  # type: ignore[no-untyped-def]
    return next(t for t in doc if t.text == word)


def test_the_likely_run_over_the_parsed_range_wins() -> None:
    p = [0.9, 0.1, 0.1, 0.1, 0.8, 0.9, 0.2, 0.7, 0.1]
    idx = list(range(10, 19))
    # two runs: 10 alone and 14..17 (the unlikely 16 bridged); the parsed range 15..16 meets
    # the second
    assert tagged_range(p, idx, 15, 16) == (14, 17)
    # a parsed range that meets no likely token stays
    assert tagged_range(p, idx, 11, 12) == (11, 12)
    assert tagged_range([0.1] * 9, idx, 12, 14) == (12, 14)


def test_two_unlikely_tokens_split_runs_and_the_longer_run_takes_a_tie() -> None:
    p = [0.9, 0.1, 0.1, 0.9, 0.9]
    assert tagged_range(p, list(range(5)), 0, 4) == (3, 4)
    assert tagged_range(p, list(range(5)), 0, 0) == (0, 0)
    assert tagged_range([0.9, 0.1, 0.9], [0, 1, 2], 0, 0) == (0, 2)  # one is bridged


def test_tokens_inside_quotation_marks_are_flagged() -> None:
    doc = parse('She called the plan "a gift to landlords" on Monday.')
    start = doc.text.index("a gift")
    flags = quoted_tokens(doc, [(start, start + len("a gift to landlords"))])
    assert [t.text for t in doc if flags[t.i]] == ["a", "gift", "to", "landlords"]


def test_each_token_of_the_cue_sentence_gets_its_path_and_place() -> None:
    doc = parse("The harbour master said the ferry would sail late. Nobody minded.")
    cue, source = token(doc, "said"), token(doc, "master")
    first, last = token(doc, "the").i, token(doc, "late").i
    sheet = Sheet(doc, [False] * len(doc))
    tokens, rows = sentence_features(sheet, cue.i, source.i, first, last, "clause")
    assert [doc[i].text for i in tokens][0] == "The" and doc[tokens[-1]].text == "."
    features = {doc[i].text: row for i, row in zip(tokens, rows, strict=True)}
    assert "at=in" in features["ferry"] and "side=R" in features["ferry"]
    assert "src=True|l1" in features["master"]  # the source, one or two tokens before
    # the path climbs from the token to the cue
    assert "path=ccomp^" in features["sail"]
    assert "path=nsubj/ccomp^" in features["ferry"]
    assert "path=det/nsubj^" in features["The"]
    assert "side=C" in features["said"]


def test_the_scorer_sums_exactly_the_listed_features() -> None:
    doc = parse(
        'Officials said on Monday that the new toll, "a fair price", would fund repairs. '
        "Drivers were not told."
    )
    sheet = Sheet(doc, quoted_tokens(doc, [(doc.text.index("a fair"), doc.text.index('",'))]))
    cue, source = token(doc, "said").i, token(doc, "Officials").i
    first, last = token(doc, "new").i, token(doc, "fund").i
    weights = {f: (len(f) % 7 - 3) / 2 for f in sheet_rows(sheet, cue, source, first, last)}
    scorer = BoundaryScorer(weights, sheet)
    tokens, rows = sentence_features(sheet, cue, source, first, last, "clause")
    for i, row in zip(tokens, rows, strict=True):
        place = "in" if first <= i <= last else ("l" if i < first else "r")
        expected = sum(weights.get(f, 0.0) for f in row)
        in_source = sheet.edges(source)[0] <= i <= sheet.edges(source)[1]
        at = next(f[3:] for f in row if f.startswith("at=") and "|" not in f)
        assert at.startswith(place)
        assert scorer.logit(i, cue, at, "clause", in_source) == pytest.approx(expected)


def sheet_rows(sheet: Sheet, cue: int, source: int, first: int, last: int) -> set[str]:
    return {
        f for row in sentence_features(sheet, cue, source, first, last, "clause")[1] for f in row
    }


def _scorer(doc, weights: dict[str, float]) -> BoundaryScorer:  # type: ignore[no-untyped-def]
    return BoundaryScorer(weights, Sheet(doc, [False] * len(doc)))


def test_weights_that_favour_the_right_of_the_cue_carry_the_range_to_the_sentence_end() -> None:
    doc = parse(
        "The harbour master said the ferry would sail late, as it had in May. Nobody minded."
    )
    cue, source = token(doc, "said").i, token(doc, "master").i
    first, last = token(doc, "the").i, token(doc, "late").i
    scorer = _scorer(doc, {"side=R": 4.0, "side=L": -4.0, "side=C": -4.0})
    new = redraw(scorer, cue, source, first, last, "clause")
    assert new == (first, token(doc, "May").i)  # the full stop is no content
    # no weights, or a range that starts in another sentence, stay as parsed
    assert redraw(_scorer(doc, {}), cue, source, first, last, "clause") == (first, last)
    minded = token(doc, "minded").i
    assert redraw(scorer, cue, source, minded, minded, "clause") == (minded, minded)


def test_weights_against_a_trailing_phrase_cut_it_off() -> None:
    doc = parse("The harbour master said the ferry would sail late, as it had in May.")
    cue, source = token(doc, "said").i, token(doc, "master").i
    first, last = token(doc, "the").i, token(doc, "May").i
    # every token is content but the comma and the phrase after it (the parser hangs "as it
    # had" below "in May")
    scorer = _scorer(doc, {"side=R": 4.0, "side=L": -4.0, "side=C": -4.0, "w=,|in": -9.0})
    weights = dict(scorer.weights)
    for i in range(len(doc)):
        path = scorer.sheet.path(i, cue)[0]
        if path.endswith("prep/ccomp^"):
            weights[f"path={path}"] = -9.0
    cut = redraw(BoundaryScorer(weights, scorer.sheet), cue, source, first, last, "clause")
    assert cut == (first, token(doc, "late").i)


def test_a_run_on_sentence_is_left_as_parsed() -> None:
    words = " ".join(["word"] * (MAX_SENTENCE + 5))
    doc = parse(f"The clerk said {words}")
    cue = token(doc, "said")
    assert len(cue.sent) > MAX_SENTENCE
    scorer = _scorer(doc, {"side=R": -4.0})
    assert redraw(scorer, cue.i, None, cue.i + 1, cue.i + 3, "clause") == (cue.i + 1, cue.i + 3)


def test_a_redrawn_range_does_not_end_on_a_word_that_leans_on_the_next() -> None:
    doc = parse("She said she was rooting for the home team but would now cheer for the visitors.")
    cue, source = token(doc, "said").i, token(doc, "She").i
    first, last = token(doc, "she").i, token(doc, "team").i
    scorer = _scorer(doc, {"side=R": 4.0, "side=L": -4.0, "side=C": -4.0})
    weights = dict(scorer.weights)
    for i in range(len(doc)):
        path = scorer.sheet.path(i, cue)[0]
        if "conj" in path and doc[i].dep_ not in {"aux", "cc"}:
            weights[f"path={path}"] = -9.0  # the parser made "cheer" a second verb of "said"
    # "but would" are likely, what they lean on is not: the range stops at "team"
    new = redraw(BoundaryScorer(weights, scorer.sheet), cue, source, first, last, "clause")
    assert new == (first, last)
    longer = redraw(BoundaryScorer(weights, scorer.sheet), cue, source, first, last - 1, "clause")
    assert longer == (first, last)
