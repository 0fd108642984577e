"""Actor scoring: folding of forms, matching predicted to gold actors, the measures, gold errors.

Texts and actors here are invented; no model is needed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stancegraph.errors import GoldError
from stancegraph.evaluation.actors import (
    GoldActor,
    GoldArticle,
    actor_report_to_dict,
    article_document,
    fold_form,
    format_actor_report,
    load_actor_gold,
    match_actors,
    read_ref,
    score_actors,
)
from stancegraph.types import Actor, Analysis, Document

TEXT = (
    "Senator Ada Quill of the Green League said the U.S. must act. Quill spoke in Paris. "
    "The league's board agreed, and Washington replied."
)


def _actor(
    n: int, name: str, kind: str = "person", aliases: tuple[str, ...] = (), **kw: str
) -> Actor:
    start = TEXT.find(name)
    mentions = ((start, start + len(name)),) if start >= 0 else ()
    return Actor(f"a{n}", name, kind, aliases, mentions, affiliation=kw.get("affiliation"))  # type: ignore[arg-type]


GOLD = (
    GoldActor("Ada Quill", "person", "Green League", ("Ada Quill", "Quill", "Senator Ada Quill")),
    GoldActor(
        "Green League", "organization", None, ("Green League", "league", "The league's board")
    ),
    GoldActor("United States", "country", None, ("U.S.", "Washington")),
)


def test_forms_fold_periods_articles_possessives_and_case() -> None:
    assert fold_form("the U.S.") == fold_form("US") == "us"
    assert fold_form("The league's") == "league"
    assert fold_form("  Ada\n Quill ") == "ada quill"


def test_each_predicted_actor_matches_the_gold_actor_sharing_most_forms() -> None:
    predicted = [
        _actor(1, "Ada Quill", aliases=("Quill",)),
        _actor(2, "Paris", "place"),
        _actor(3, "Washington", "place"),
        _actor(4, "Green League", "organization"),
    ]
    assert match_actors(predicted, GOLD, TEXT) == [0, None, 2, 1]


def test_a_gold_person_is_found_by_the_name_without_its_title() -> None:
    gold = (
        GoldActor("Ada Quill", "person", None, ("Senator Ada Quill",)),
        GoldActor("Senate", "organization", None, ("Senate Committee",)),
    )
    predicted = [
        Actor("a1", "Ada Quill", "person", (), ()),
        Actor("a2", "Committee", "organization", (), ()),
    ]
    assert match_actors(predicted, gold, TEXT) == [0, None]


def test_measures_count_junk_splits_misses_types_and_affiliations() -> None:
    predicted = (
        _actor(1, "Ada Quill", affiliation="Green League"),
        _actor(2, "Quill", "organization"),  # the same person split off, mistyped
        _actor(3, "Paris", "place"),  # junk: only a location here
    )
    article = GoldArticle("ref-1", "t", TEXT, GOLD)
    analysis = Analysis(document=Document(id="ref-1", text=TEXT), actors=predicted, quotes=())
    report = score_actors([article], {"ref-1": analysis})
    (one,) = report.articles
    assert (one.predicted, one.gold, one.matched, one.found) == (3, 3, 2, 1)
    assert one.junk == ("Paris",)
    assert one.missed == ("Green League", "United States")
    assert one.split == ("Ada Quill",)
    assert report.precision == pytest.approx(2 / 3)
    assert report.recall == pytest.approx(1 / 3)
    assert report.split_rate == pytest.approx(2.0)
    assert report.junk_per_article == pytest.approx(1.0)
    assert report.type_accuracy == pytest.approx(0.5)
    assert report.affiliation_accuracy == pytest.approx(0.5)  # asked of both Quills, one right
    data = actor_report_to_dict(report)
    assert data["per_article"][0]["junk"] == ["Paris"]
    assert "split rate" in format_actor_report(report)


def test_a_missing_analysis_predicts_nothing() -> None:
    report = score_actors([GoldArticle("r", "t", TEXT, GOLD)], {})
    assert report.recall == 0.0 and report.precision == 0.0


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "wikinews").mkdir(parents=True)
    (data / "wikinews" / "wikinews_2019.csv").write_text(
        'url,date,title,text\nu1,2019-01-01,First,"Text one."\nu2,2019-01-02,Second,"Text two."\n',
        encoding="utf-8",
    )
    text_dir = data / "polnear" / "data" / "train" / "text"
    text_dir.mkdir(parents=True)
    (text_dir / "a_story.txt").write_text("A PolNeAR story.", encoding="utf-8")
    return data


def test_refs_read_wikinews_rows_and_polnear_files(tmp_path: Path) -> None:
    data = _data(tmp_path)
    assert read_ref("wikinews_2019.csv#row=1", data) == "Text two."
    assert read_ref("polnear/train/a_story.txt", data) == "A PolNeAR story."
    with pytest.raises(GoldError, match="no row 5"):
        read_ref("wikinews_2019.csv#row=5", data)
    with pytest.raises(GoldError, match="not an article reference"):
        read_ref("../etc/passwd", data)


def test_articles_are_analysed_as_a_reader_reads_them() -> None:
    story = "Mayor Ana Reyes spoke.\n\nCrowds in the square. Image: Tom Hale (flickr).\n\nShe left."
    wikinews = article_document(GoldArticle("wikinews_2019.csv#row=3", "Reyes speaks", story, ()))
    assert wikinews.title == "Reyes speaks"
    assert wikinews.text == "Mayor Ana Reyes spoke.\n\nShe left."
    headed = "Reyes speaks\n\n" + story
    polnear = article_document(GoldArticle("polnear/train/a_story.txt", "", headed, ()))
    assert polnear.title == "Reyes speaks" and polnear.text == wikinews.text


def test_gold_lines_load_and_bad_ones_name_file_and_line(tmp_path: Path) -> None:
    data = _data(tmp_path)
    gold = tmp_path / "gold.jsonl"
    good = {"ref": "wikinews_2019.csv#row=0", "actors": [{"name": "X", "type": "person"}]}
    gold.write_text(json.dumps(good) + "\n", encoding="utf-8")
    (article,) = load_actor_gold(gold, data)
    assert article.text == "Text one." and article.actors[0].forms == ("X",)
    bad = {"ref": "wikinews_2019.csv#row=0", "actors": [{"name": "X", "type": "alien"}]}
    gold.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"gold.jsonl:2: actor 'X' has an unknown type"):
        load_actor_gold(gold, data)
    gold.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"gold.jsonl:1: not JSON"):
        load_actor_gold(gold, data)


@pytest.mark.model
def test_the_command_scores_actor_gold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from stancegraph.cli import main

    data = tmp_path / "data"
    (data / "wikinews").mkdir(parents=True)
    story = "Mayor Ana Reyes said the budget would pass. Reyes thanked the council."
    (data / "wikinews" / "wikinews_2019.csv").write_text(
        f'url,date,title,text\nu,2019-01-01,T,"{story}"\n', encoding="utf-8"
    )
    gold = tmp_path / "gold.jsonl"
    actors = [{"name": "Ana Reyes", "type": "person", "forms": ["Ana Reyes", "Reyes"]}]
    gold.write_text(json.dumps({"ref": "wikinews_2019.csv#row=0", "actors": actors}) + "\n")
    code = main(
        ["evaluate", "--gold-format", "actors", "--gold", str(gold), "--data", str(data), "--json"]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert report["articles"] == 1 and report["recall"] == 1.0
    assert report["per_article"][0]["missed"] == []
