"""Accuracy floors: actor lists on the hand-annotated development set of tests/data/actors_dev.

The floors are what ``stancegraph evaluate --gold-format actors --gold
tests/data/actors_dev/gold.jsonl`` printed when they were last raised, minus a little slack for
harmless changes. Raise them when the actor extractor gets better; never lower them to let a
change through. The set is a development set: rules are developed while watching it, so its
numbers flatter the extractor; the gold was made by hand from the texts before any of them
was run through stancegraph (tests/data/actors_dev/README.md). History:

    date        precision  recall  split  junk/article  what
    2026-11-30  0.533      0.746   1.101  10.9          first measurement (actor extractor as of
                                                        the long-document work)
    2026-11-30  0.638      0.731   1.098  6.88          places and countries that only locate
                                                        something are not actors
    2026-11-30  0.616      0.775   1.097  8.04          groups that act or are acted on
                                                        ("voters rejected it") are actors
    2026-11-30  0.627      0.775   1.092  7.64          one actor per country under its usual
                                                        name; no singular nationality "groups"
    2026-11-30  0.633      0.773   1.080  7.34          affiliations normalised; speakers named by
                                                        a doer noun only; institution fragments
                                                        joined to the full name
    2026-11-30  0.631      0.781   1.083  7.50          a legislature named alone ("the Senate
                                                        said") is an actor
    2026-11-30  0.651      0.769   1.081  6.74          a body named only in someone's title
                                                        ("a professor at X") is an affiliation,
                                                        not an actor
    2026-11-30  0.655      0.769   1.081  6.62          a plural speaker must name people
    2026-11-30  0.651      0.771   1.087  6.82          learned attribution finds more speakers
                                                        ("estimates suggest" has none)
    2026-11-30  0.705      0.773   1.065  5.22          articles read as a reader reads them
                                                        (captions, datelines); buildings, laws
                                                        and bodies named only as places need a
                                                        voice; titles, governments and country-
                                                        prefixed bodies joined; a gold person's
                                                        form counts without its title
    2026-11-30  0.718      0.770   1.065  4.88          holders of stated positions are
                                                        actors; people at large and bodies
                                                        that only modify a thing are not
    2026-11-30  0.724      0.770   1.067  4.74          a region or city is a party only as
                                                        the doer ("Ohio's primary" is not);
                                                        quote frames and document issuers
    2026-11-30  0.725      0.772   1.067  4.72          a name run on into common words
                                                        after "of" ends before them
    2026-12-01  0.725      0.772   1.067  4.72          affiliations from the whole text
                                                        (extract/affiliations.py): affiliation
                                                        accuracy 0.269 -> 0.360
    2026-12-01  0.749      0.772   1.055  4.14          organisations need to be a party
                                                        somewhere, as places do ("services such
                                                        as X" is not; "remarks to X" is); every
                                                        conjunct of a doer acts; a lone given
                                                        name joins its one person; a headline's
                                                        run-on name ends where the name does
    2026-12-01  0.752      0.775   1.055  4.08          a share or quantity of a group is the
                                                        group ("52% of voters", "many voters")
    2026-12-01  0.744      0.801   1.055  4.40          more plural nouns for people are
                                                        group nouns (politicians, investors,
                                                        insurers, immigrants, victims, ...)
    2026-12-01  0.749      0.801   1.055  4.28          the press as a statement's audience
                                                        ("told reporters") and a bare plural
                                                        subject of a modal ("voters might") are
                                                        no group
    2026-12-01  0.760      0.798   1.053  4.02          a name before a thing is no party
                                                        ("the Cadillac tax"); "no"/"any" phrases,
                                                        "Pro-X" adjectives and counts of a group
                                                        ("a number of the nurses") are handled;
                                                        a city where an event happens is not its
                                                        participant
    2026-12-01  0.764      0.799   1.053  3.94          untagged capitals that speak are
                                                        bodies ("UNICEF reported"); "one of
                                                        them, X" is X; an apposition to a name is
                                                        that name's; a capitalised title alone
                                                        is a title ("the former X CEO")
    2026-12-01  0.762      0.810   1.052  4.02          a group counted out acts as its count
                                                        ("two-thirds of the voters preferred");
                                                        "from" + place names a group
                                                        ("delegates from X"); a few more
                                                        people nouns (dissidents, volunteers)
    2026-12-01  0.764      0.810   1.052  3.98          a bare share ("70 percent", "half")
                                                        is no actor; conjoined kinds with a
                                                        modal ("senators and representatives
                                                        may serve") are no group
    2026-12-01  0.765      0.811   1.052  3.98          a party group named with its place
                                                        ("Iowa Democrats") is its own group;
                                                        affiliation 0.366
    2026-12-01  0.767      0.812   1.052  3.94          learned quote boundaries (issue 11)
                                                        move a few speakers; the agents of
                                                        passive relative clauses and the ones
                                                        asked to speak are holders and
                                                        speakers; affiliation 0.367

Affiliation accuracy (matched actors whose gold actor has an affiliation) is floored too; it
was first measured at 0.269 on 2026-11-30.

The issue's targets are precision >= 0.90, recall >= 0.90 and split rate <= 1.10; the xfail
below says so until they are met.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED_DATA
from stancegraph.evaluation.actors import (
    ActorReport,
    article_document,
    load_actor_gold,
    score_actors,
)
from stancegraph.pipeline import analyze

GOLD = Path(__file__).parent / "data" / "actors_dev" / "gold.jsonl"

PRECISION_FLOOR = 0.745  # measured 0.765 on 2026-12-01 (last row of the history)
RECALL_FLOOR = 0.79  # measured 0.811 on 2026-12-01
SPLIT_CEILING = 1.075  # measured 1.053 on 2026-12-01
JUNK_CEILING = 4.4  # measured 3.98 per article on 2026-12-01
AFFILIATION_FLOOR = 0.345  # measured 0.366 on 2026-12-01

pytestmark = [pytest.mark.model, pytest.mark.data]


@pytest.fixture(scope="module")
def report() -> ActorReport:
    if not (SHARED_DATA / "wikinews").is_dir() or not (SHARED_DATA / "polnear").is_dir():
        pytest.skip(f"the development set's articles are read from {SHARED_DATA}")
    gold = load_actor_gold(GOLD, SHARED_DATA)
    assert len(gold) >= 40
    analyses = analyze([article_document(g) for g in gold])
    return score_actors(gold, {a.document.id: a for a in analyses})


def test_actor_floors(report: ActorReport) -> None:
    assert report.precision >= PRECISION_FLOOR
    assert report.recall >= RECALL_FLOOR
    assert report.split_rate <= SPLIT_CEILING
    assert report.junk_per_article <= JUNK_CEILING
    assert report.affiliation_accuracy >= AFFILIATION_FLOOR


@pytest.mark.xfail(
    strict=True,
    reason="actor precision and recall are below the issue's 0.90 targets (see the history)",
)
def test_actor_targets(report: ActorReport) -> None:
    assert report.precision >= 0.90
    assert report.recall >= 0.90
    assert report.split_rate <= 1.10
