"""Statement scoring: unique triples, actor-agreement-evidence pairs, concept purity, gold errors,
and the well-formedness of the development set in tests/data/statements_dev.

Texts, actors and statements here are invented, except in the development-set test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import SHARED_DATA
from stancegraph.errors import GoldError
from stancegraph.evaluation.actors import GoldActor
from stancegraph.evaluation.statements import (
    GoldStatement,
    StatementArticle,
    format_statement_report,
    load_statement_gold,
    score_statement_article,
    score_statements,
    statement_report_to_dict,
)
from stancegraph.extract.codebook import codebook_from_dict
from stancegraph.types import Actor, Analysis, Document, Statement

TEXT = (
    "Governor Lise Moran said the toll road must be stopped. "
    "The chamber of commerce backed the toll road. "
    "Moran later praised the rail plan."
)
CODEBOOK = codebook_from_dict(
    {"concepts": [{"id": "toll-road", "label": "toll road"}, {"id": "rail-plan", "label": "rail"}]}
)
MORAN = GoldActor("Lise Moran", "person", None, ("Lise Moran", "Moran"))
CHAMBER = GoldActor("Chamber of Commerce", "organization", None, ("chamber of commerce",))


def _span(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def _gold(actor: str, concept: str, agreement: str, phrase: str) -> GoldStatement:
    return GoldStatement(actor, concept, agreement, *_span(phrase))


GOLD = StatementArticle(
    ref="doc",
    title="",
    text=TEXT,
    codebook=CODEBOOK,
    actors=(MORAN, CHAMBER),
    statements=(
        _gold("Lise Moran", "toll-road", "oppose", "the toll road must be stopped"),
        _gold("Chamber of Commerce", "toll-road", "support", "backed the toll road"),
        _gold("Lise Moran", "rail-plan", "support", "praised the rail plan"),
    ),
)

ACTORS = (
    Actor("a1", "Lise Moran", "person", ("Moran",), (_span("Lise Moran"),)),
    Actor("a2", "chamber of commerce", "organization", (), (_span("chamber of commerce"),)),
    Actor("a3", "Tolls Inc", "organization", (), ()),
)


def _said(n: int, actor: str, concept: str, agreement: str, phrase: str) -> Statement:
    return Statement(f"s{n}", actor, concept, concept, agreement, *_span(phrase), None, 0.9, "t")  # type: ignore[arg-type]


def _analysis(*statements: Statement) -> Analysis:
    return Analysis(Document("doc", TEXT), ACTORS, (), statements)


PREDICTED = _analysis(
    _said(1, "a1", "toll-road", "oppose", "toll road must be stopped"),  # right, paired
    _said(2, "a1", "toll-road", "oppose", "Governor Lise Moran said"),  # same triple, no overlap
    _said(3, "a2", "toll-road", "oppose", "backed the toll road"),  # wrong agreement
    _said(4, "a1", "rail-plan", "support", "praised the rail plan"),  # right, paired
    _said(5, "a3", "toll-road", "neutral", "the toll road must be"),  # unknown actor, neutral
)


def test_unique_triples_are_scored_per_document() -> None:
    score = score_statement_article(GOLD, PREDICTED)
    assert (score.gold_triples, score.predicted_triples, score.matched_triples) == (3, 4, 2)
    assert score.missed == ("Chamber of Commerce | toll-road | support",)
    assert score.spurious == (
        "Chamber of Commerce | toll-road | oppose",
        "~Tolls Inc | toll-road | neutral",
    )
    report = score_statements([GOLD], {"doc": PREDICTED})
    assert report.triple_precision == pytest.approx(2 / 4)
    assert report.triple_recall == pytest.approx(2 / 3)
    assert report.triple_f1 == pytest.approx(4 / 7)


def test_actor_agreement_evidence_pairs_are_one_to_one() -> None:
    report = score_statements([GOLD], {"doc": PREDICTED})
    (score,) = report.articles
    assert (score.gold_statements, score.predicted_statements, score.paired) == (3, 5, 2)
    assert report.evidence_precision == pytest.approx(2 / 5)
    assert report.evidence_recall == pytest.approx(2 / 3)
    assert report.evidence_f1 == pytest.approx(0.5)


def test_the_longest_overlap_wins_a_gold_statement() -> None:
    short = _said(1, "a1", "toll-road", "oppose", "stopped")
    long = _said(2, "a1", "toll-road", "oppose", "the toll road must be stopped")
    score = score_statement_article(GOLD, _analysis(short, long))
    assert score.paired == 1 and score.predicted_statements == 2
    report = score_statements([GOLD], {"doc": _analysis(short, long)})
    assert report.evidence_precision == pytest.approx(1 / 2)
    assert score.matched_triples == 1  # both are one triple


def test_purity_counts_predicted_concepts_that_mix_gold_concepts() -> None:
    keyphrases = _analysis(
        _said(1, "a1", "road", "oppose", "the toll road must be stopped"),
        _said(2, "a2", "road", "support", "backed the toll road"),
        _said(3, "a1", "road", "support", "praised the rail plan"),
    )
    report = score_statements([GOLD], {"doc": keyphrases})
    assert report.articles[0].paired == 3
    assert report.purity == pytest.approx(2 / 3)  # "road" holds two toll-road, one rail-plan
    assert report.inverse_purity == 1.0  # no gold concept is split
    assert report.triple_f1 == 0.0  # key phrases never equal codebook ids
    split = _analysis(
        _said(1, "a1", "road", "oppose", "the toll road must be stopped"),
        _said(2, "a2", "tolls", "support", "backed the toll road"),
    )
    report = score_statements([GOLD], {"doc": split})
    assert report.purity == 1.0  # splitting is not impure ...
    assert report.inverse_purity == pytest.approx(1 / 2)  # ... but it splits toll-road


def test_a_missing_analysis_predicts_nothing() -> None:
    report = score_statements([GOLD], {})
    assert report.triple_recall == 0.0 and report.evidence_recall == 0.0
    assert report.triple_precision == 0.0 and report.purity == 0.0
    assert report.articles[0].missed[0] == "Chamber of Commerce | toll-road | support"


def test_the_report_renders_as_a_table_and_as_json() -> None:
    report = score_statements([GOLD], {"doc": PREDICTED})
    table = format_statement_report(report)
    assert "triple F1" in table and "0.571" in table and "evidence F1" in table
    data = statement_report_to_dict(report)
    assert data["triple_f1"] == 0.5714 and data["evidence_f1"] == 0.5
    assert data["gold_triples"] == 3 and data["predicted_statements"] == 5
    assert data["per_article"][0]["missed"] == ["Chamber of Commerce | toll-road | support"]


# -- gold files ---------------------------------------------------------------------------------

STORY = "Mayor Ana Reyes said the budget would pass. Reyes thanked the council."


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "wikinews").mkdir(parents=True)
    (data / "wikinews" / "wikinews_2019.csv").write_text(
        f'url,date,title,text\nu,2019-01-01,T,"{STORY}"\n', encoding="utf-8"
    )
    return data


def _line(**change: Any) -> dict[str, Any]:
    start = STORY.index("the budget would pass")
    statement = {
        "actor": "Ana Reyes",
        "concept": "budget",
        "agreement": 1,
        "start": start,
        "end": start + len("the budget would pass"),
        "text": "the budget would pass",
    }
    statement.update(change)
    return {
        "ref": "wikinews_2019.csv#row=0",
        "codebook": {"concepts": [{"id": "budget", "label": "the city budget"}]},
        "actors": [{"name": "Ana Reyes", "type": "person", "forms": ["Ana Reyes", "Reyes"]}],
        "statements": [statement],
    }


def test_gold_lines_load(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(_line()) + "\n", encoding="utf-8")
    (article,) = load_statement_gold(gold, _data(tmp_path))
    assert article.text == STORY and article.codebook.concept("budget") is not None
    assert article.statements == (GoldStatement("Ana Reyes", "budget", "support", 21, 42),)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text": "the budget would fail"}, "evidence at 21:42 is not the text"),
        ({"concept": "taxes"}, "concept 'taxes' is not in the codebook"),
        ({"actor": "Reyes"}, "actor 'Reyes' is not in the actors list"),
        ({"agreement": "neutral"}, "agreement 'neutral' is not 1 or 0"),
        ({"agreement": True}, "agreement True is not 1 or 0"),
        ({"start": 50, "end": 40}, "evidence offsets 50:40 are not a span"),
    ],
)
def test_a_bad_statement_names_the_file_line_and_problem(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(_line()) + "\n" + json.dumps(_line(**change)) + "\n")
    with pytest.raises(GoldError, match=f"gold.jsonl:2: statement {message}"):
        load_statement_gold(gold, _data(tmp_path))


def test_a_bad_codebook_or_line_is_named(tmp_path: Path) -> None:
    gold, data = tmp_path / "gold.jsonl", _data(tmp_path)
    line = _line()
    line["codebook"] = {"concepts": "budget"}
    gold.write_text(json.dumps(line) + "\n")
    with pytest.raises(GoldError, match="gold.jsonl:1: bad codebook: 'concepts' must be a list"):
        load_statement_gold(gold, data)
    gold.write_text(json.dumps({"ref": "wikinews_2019.csv#row=0", "actors": []}) + "\n")
    with pytest.raises(GoldError, match='gold.jsonl:1: a gold line has a "statements" list'):
        load_statement_gold(gold, data)


def test_the_command_names_a_missing_gold_file_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from stancegraph.cli import main

    missing = tmp_path / "missing.jsonl"
    code = main(["evaluate", "--gold-format", "statements", "--gold", str(missing)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().splitlines() == [
        f"stancegraph: {missing}: cannot read the gold file: No such file or directory"
    ]


@pytest.mark.model
def test_the_command_scores_statement_gold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from stancegraph.cli import main

    gold, data = tmp_path / "gold.jsonl", _data(tmp_path)
    gold.write_text(json.dumps(_line()) + "\n", encoding="utf-8")
    args = ["evaluate", "--gold-format", "statements", "--gold", str(gold)]
    args += ["--data", str(data), "--json"]
    for extra in ([], ["--no-codebook"]):
        assert main([*args, *extra]) == 0
        report = json.loads(capsys.readouterr().out)
        assert report["articles"] == 1 and report["gold_statements"] == 1
        assert set(report) >= {"triple_f1", "evidence_f1", "purity"}


# -- the development set ------------------------------------------------------------------------

DEV = Path(__file__).parent / "data" / "statements_dev" / "gold.jsonl"


@pytest.mark.data
def test_the_development_set_is_well_formed() -> None:
    if not (SHARED_DATA / "wikinews").is_dir():
        pytest.skip(f"the development set's articles are read from {SHARED_DATA}")
    # loading checks every evidence text against its offsets, every statement's concept
    # against the article's codebook and every statement's actor against its actors
    articles = load_statement_gold(DEV, SHARED_DATA)
    assert len(articles) >= 30
    assert len({a.ref for a in articles}) == len(articles)
    actors_dev = (Path(__file__).parent / "data" / "actors_dev" / "gold.jsonl").read_text()
    raw = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    for article, line in zip(articles, raw, strict=True):
        where = article.ref
        assert article.statements, where
        assert f'"{article.ref}"' not in actors_dev, where
        used = {s.concept for s in article.statements}
        assert used == {c.id for c in article.codebook.concepts}, where
        assert {s.actor for s in article.statements} == {a.name for a in article.actors}, where
        for actor in line["actors"]:  # the canonical name need not occur; each form does
            for form in actor["forms"]:
                assert form in f"{article.title}\n{article.text}", (where, form)
        starts = [s.start for s in article.statements]
        assert starts == sorted(starts), where
        assert all("\n" not in article.text[s.start : s.end] for s in article.statements), where
