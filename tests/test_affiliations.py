"""Tests of ``stancegraph.extract.affiliations``: the party, body or country the text gives an
actor beyond its own role phrase. The pipeline tests run ``analyze_text`` and look up the
actor by name. Every sentence here is invented.
"""

from __future__ import annotations

import pytest

from stancegraph.extract.affiliations import body_of_role, document_country, of_the_state
from stancegraph.extract.nlp import load_pipeline
from stancegraph.pipeline import analyze_text
from stancegraph.types import Actor

pytestmark = pytest.mark.model


def _actor(text: str, surname: str) -> Actor:
    analysis = analyze_text(text)
    found = [a for a in analysis.actors if a.name.split()[-1] == surname]
    assert found, [a.name for a in analysis.actors]
    return found[0]


@pytest.mark.parametrize(
    ("text", "surname", "party"),
    [
        # a copula says it
        (
            "Marta Okonkwo is a Republican. Okonkwo said the budget was too large.",
            "Okonkwo",
            "Republican Party",
        ),
        (
            "Ian Pryce is the Democratic mayor of Dunmore. Pryce opened the bridge on Monday.",
            "Pryce",
            "Democratic Party",
        ),
        # the phrase the name sits in says it for every name in it
        (
            "The bill was backed by Republican state senators Jorge Albright and Tessa Quill.",
            "Quill",
            "Republican Party",
        ),
        (
            "It was sponsored by Senators Ada Brisk of Ohio, Tom Vell of Iowa and Ray Cole of "
            "Utah, all Democrats.",
            "Vell",
            "Democratic Party",
        ),
        # a party's contest the person enters
        (
            "Lena Morrow won the Democratic primary in the county by nine points.",
            "Morrow",
            "Democratic Party",
        ),
        (
            "Hal Brisco's bid for the GOP nomination faltered in the spring.",
            "Brisco",
            "Republican Party",
        ),
    ],
)
def test_a_party_said_anywhere_is_the_affiliation(text: str, surname: str, party: str) -> None:
    assert _actor(text, surname).affiliation == party


def test_two_parties_in_one_phrase_say_nothing() -> None:
    text = "Sam Ortez won both the Democratic and the Republican straw polls at the fair."
    assert _actor(text, "Ortez").affiliation is None


def test_a_party_beats_the_place_of_a_role() -> None:
    text = (
        "Former Ohio Gov. Nell Harker spoke in Columbus. Harker is a Democrat, and she said "
        "the plan would fail."
    )
    assert _actor(text, "Harker").affiliation == "Democratic Party"


def test_a_senator_sits_in_the_senate_not_in_a_state() -> None:
    text = "Senator Joan Pell of Vermont said the tariff would hurt dairy farmers."
    assert _actor(text, "Pell").affiliation == "Senate"


@pytest.mark.parametrize(
    ("role", "body"),
    [
        ("Senate Minority Whip", "Senate"),
        ("White House press secretary", "White House"),
        ("Former House Speaker", "House"),
        ("State Senator", "Senate"),
        ("Rep.", "House of Representatives"),
        ("chief economist", None),
        ("house painter", None),
    ],
)
def test_body_of_role(role: str, body: str | None) -> None:
    assert body_of_role(role) == body


def test_the_story_country_places_its_ministers_and_ministries() -> None:
    text = (
        "Polish hospitals asked for more staff this winter. Health Minister Adam Brzoza said "
        "the wards were ready, and the Ministry of Health sent nurses to Poland's east."
    )
    analysis = analyze_text(text)
    by_name = {a.name: a for a in analysis.actors}
    assert by_name["Adam Brzoza"].affiliation == "Poland"
    assert by_name["Ministry of Health"].affiliation == "Poland"


def test_no_story_country_when_two_countries_share_the_story() -> None:
    text = (
        "Polish and German officials met in Dresden. Germany and Poland disagree on the "
        "pipeline. Health Minister Adam Brzoza said the talks went well."
    )
    assert _actor(text, "Brzoza").affiliation is None


def test_document_country_needs_two_mentions_and_a_lead() -> None:
    nlp = load_pipeline()
    assert document_country(nlp("Kenyan farmers protested. Kenya's rains failed.")) == "Kenya"
    assert document_country(nlp("Kenya's rains failed this year.")) is None
    assert document_country(nlp("Kenya and Uganda met. Kenya and Uganda agreed.")) is None


@pytest.mark.parametrize(
    ("kind", "name", "role", "expected"),
    [
        ("person", "Ana Ruiz", "deputy health minister", True),
        ("person", "Ana Ruiz", "Prime Minister", True),
        ("person", "Ana Ruiz", "professor of law", False),
        ("person", "Ana Ruiz", None, False),
        ("organization", "Ministry of Health", None, True),
        ("organization", "cabinet", None, True),
        ("organization", "Acme Foods", None, False),
        ("group", "ministers", None, False),
    ],
)
def test_of_the_state(kind: str, name: str, role: str | None, expected: bool) -> None:
    assert of_the_state(kind, name, role) is expected


def test_a_role_at_a_named_body_is_affiliated_with_the_body() -> None:
    analysis = analyze_text(
        "Rita Osei, head of global product policy at Facebook, said the rules were unclear."
    )
    osei = next(a for a in analysis.actors if a.name == "Rita Osei")
    assert osei.affiliation == "Facebook"
