"""Tests of actor clustering and coreference, and of ``speaker_span``.

The coreference tests run the whole pipeline (``analyze_text``) and look up the actor that owns
a given mention (a word found in the text by position), then check its canonical name, type,
role and affiliation. ``speaker_span`` is also tested on hand-built Docs, which need no model.
Every sentence here is invented.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from spacy.lang.en import English
from spacy.tokens import Doc, Span

from stancegraph.extract import actors
from stancegraph.extract.actors import speaker_span
from stancegraph.extract.clusters import Cluster, fold
from stancegraph.pipeline import analyze_text
from stancegraph.types import Actor, Analysis


def _find(text: str, word: str, occurrence: int = 0) -> tuple[int, int]:
    """Offsets of the n-th whole-word occurrence of ``word`` in ``text``."""
    hits = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text)]
    assert len(hits) > occurrence, f"{word!r} occurs {len(hits)} times"
    return hits[occurrence]


def _check_mentions(analysis: Analysis) -> None:
    """Every mention of every actor indexes the text; ids are unique."""
    text = analysis.document.text
    assert len({a.id for a in analysis.actors}) == len(analysis.actors)
    for actor in analysis.actors:
        assert actor.mentions, actor
        assert list(actor.mentions) == sorted(set(actor.mentions))
        for start, end in actor.mentions:
            assert 0 <= start < end <= len(text)
            assert text[start:end] == text[start:end].strip()


def _owner(analysis: Analysis, span: tuple[int, int]) -> Actor:
    """The one actor with a mention exactly at ``span``."""
    owners = [a for a in analysis.actors if span in a.mentions]
    text = analysis.document.text
    assert len(owners) == 1, f"{text[span[0] : span[1]]!r} {span} is owned by {owners}"
    return owners[0]


def _analyze(text: str) -> Analysis:
    analysis = analyze_text(text)
    _check_mentions(analysis)
    return analysis


def _case(
    text: str, word: str, occurrence: int, name: str, kind: str, case_id: str, xfail: str = ""
) -> object:
    marks = [pytest.mark.xfail(reason=xfail, strict=True)] if xfail else []
    return pytest.param(text, word, occurrence, name, kind, id=case_id, marks=marks)


# (text, mention word, its occurrence, canonical name of the owning actor, actor type)
COREFERENCE_CASES = [
    _case(
        "Maria Keller leads the tenants' association. "
        "On Friday, Keller said the rent increase was illegal.",
        "Keller",
        1,
        "Maria Keller",
        "person",
        "surname-to-full-name",
    ),
    _case(
        "Hale said the bridge would open in May. Governor Peter Hale later confirmed the date.",
        "Hale",
        0,
        "Peter Hale",
        "person",
        "surname-before-full-name-canonical-is-fullest",
    ),
    _case(
        "Mr. Jonas Brecht met Ms. Hanna Lieb on Monday. She said the deal was fair.",
        "She",
        0,
        "Hanna Lieb",
        "person",
        "she-to-ms",
    ),
    _case(
        "Ms. Hanna Lieb met Mr. Jonas Brecht on Monday. He said the deal was a mistake.",
        "He",
        0,
        "Jonas Brecht",
        "person",
        "he-to-mr",
    ),
    _case(
        "Ms. Hanna Lieb and Mr. Jonas Brecht met the press. "
        "Brecht said the deal was a mistake. She said the deal was fair.",
        "She",
        0,
        "Hanna Lieb",
        "person",
        "she-skips-latest-male-speaker",
    ),
    _case(
        "Spokeswoman Ilka Damm met Chairman Rolf Eber on Monday. "
        "She said the merger would be delayed.",
        "She",
        0,
        "Ilka Damm",
        "person",
        "she-to-spokeswoman-not-latest",
    ),
    _case(
        "Chairman Rolf Eber met Spokeswoman Ilka Damm on Monday. "
        "He said the merger would go ahead.",
        "He",
        0,
        "Rolf Eber",
        "person",
        "he-to-chairman-not-latest",
    ),
    _case(
        "President Elena Marsh met Governor Ray Tolland in the capital. "
        "The governor said the roads would reopen. The president said the army would help.",
        "The president",
        0,
        "Elena Marsh",
        "person",
        "title-president",
    ),
    _case(
        "President Elena Marsh met Governor Ray Tolland in the capital. "
        "The governor said the roads would reopen. The president said the army would help.",
        "The governor",
        0,
        "Ray Tolland",
        "person",
        "title-governor",
    ),
    _case(
        "The World Health Organization warned that cases were rising. "
        "The WHO said vaccines remained effective.",
        "WHO",
        0,
        "World Health Organization",
        "organization",
        "acronym",
    ),
    _case(
        "The Harbor Authority published its annual figures on Monday. "
        "It said traffic had doubled since 2020.",
        "It",
        0,
        "Harbor Authority",
        "organization",
        "it-to-organization",
    ),
    _case(
        "Maria Keller leads the tenants' association. On Friday, Keller said the rent increase "
        "was illegal. Mayor Anna Kohl disagreed. She said the landlords had followed the law.",
        "She",
        0,
        "Anna Kohl",
        "person",
        "she-to-subject-of-previous-sentence-not-earlier-speaker",
    ),
    _case(
        "Thirty Democratic lawmakers warned that the bill would hurt rural hospitals. "
        "They said the vote should be delayed.",
        "They",
        0,
        "Thirty Democratic lawmakers",
        "group",
        "they-to-group-speaker",
    ),
    _case(
        "Thirty Democratic lawmakers met in the capital on Monday. "
        "They said the bill would hurt rural hospitals.",
        "They",
        0,
        "Thirty Democratic lawmakers",
        "group",
        "they-to-group-not-yet-speaking",
    ),
    _case(
        "The health minister, Tomas Rell, said the hospitals were ready.",
        "The health minister",
        0,
        "Tomas Rell",
        "person",
        "apposition-subject-links-to-name",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "word", "occurrence", "name", "kind"), COREFERENCE_CASES)
def test_coreference(text: str, word: str, occurrence: int, name: str, kind: str) -> None:
    analysis = _analyze(text)
    actor = _owner(analysis, _find(text, word, occurrence))
    assert (actor.name, actor.type) == (name, kind)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "President Volodymyr Zelenskyy spoke on Monday. Zelenskyj said the talks had "
            "failed. Later, Zelensky said he would travel to Brussels.",
            id="with-title",
        ),
        pytest.param(
            "Volodymyr Zelenskyy met the troops. Zelenskyj said the talks had failed. "
            "Later, Zelensky said he would travel to Brussels.",
            id="bare-name",
        ),
    ],
)
def test_spelling_variants_are_one_actor(text: str) -> None:
    analysis = _analyze(text)
    variants = [a for a in analysis.actors if "zelensk" in a.name.lower()]
    assert len(variants) == 1, [(a.name, a.type) for a in variants]
    (actor,) = variants
    assert (actor.name, actor.type) == ("Volodymyr Zelenskyy", "person")
    assert set(actor.aliases) >= {"Zelenskyj", "Zelensky"}
    for word in ("Zelenskyy", "Zelenskyj", "Zelensky"):
        start, end = _find(text, word)
        assert any(s <= start and end <= e for s, e in actor.mentions), word


@pytest.mark.model
def test_same_surname_different_first_names_stay_separate() -> None:
    text = (
        "Laura Finch and Daniel Finch run the bakery. "
        "Laura Finch said the prices would rise. Daniel Finch said they would not."
    )
    analysis = _analyze(text)
    laura = _owner(analysis, _find(text, "Laura Finch", 1))
    daniel = _owner(analysis, _find(text, "Daniel Finch", 1))
    assert laura.id != daniel.id
    assert (laura.name, daniel.name) == ("Laura Finch", "Daniel Finch")
    assert [text[s:e] for s, e in laura.mentions] == ["Laura Finch", "Laura Finch"]
    assert [text[s:e] for s, e in daniel.mentions] == ["Daniel Finch", "Daniel Finch"]
    speakers = [analysis.actor(q.speaker) for q in analysis.quotes]
    assert [a.name if a else None for a in speakers] == ["Laura Finch", "Daniel Finch"]


@pytest.mark.model
def test_mentions_index_the_text() -> None:
    text = (
        "Maria Keller leads the tenants' association. On Friday, Keller said the rent increase "
        "was illegal. Mayor Ines Kohl said the landlords had followed the law. She added that "
        "the council would review the contracts."
    )
    analysis = _analyze(text)
    keller = _owner(analysis, _find(text, "Maria Keller"))
    kohl = _owner(analysis, _find(text, "Ines Kohl"))
    assert (keller.name, keller.type, keller.aliases) == ("Maria Keller", "person", ("Keller",))
    assert [text[s:e] for s, e in keller.mentions] == ["Maria Keller", "Keller"]
    assert (kohl.name, kohl.type, kohl.role) == ("Ines Kohl", "person", "Mayor")
    assert [text[s:e] for s, e in kohl.mentions] == ["Mayor Ines Kohl", "Ines Kohl", "She"]
    for quote in analysis.quotes:
        actor = analysis.actor(quote.speaker)
        assert actor is not None
        assert (quote.speaker_start, quote.speaker_end) in actor.mentions


def test_a_relative_pronoun_introducing_a_speaker_is_a_mention_of_the_speaker() -> None:
    text = (
        "The toll was opposed by Petra Lindqvist, who argued that commuters would pay twice. "
        "The depot, which the council sold, stood empty."
    )
    analysis = _analyze(text)
    lindqvist = _owner(analysis, _find(text, "Petra Lindqvist"))
    assert [text[s:e] for s, e in lindqvist.mentions] == ["Petra Lindqvist", "who"]
    (quote,) = [q for q in analysis.quotes if "commuters" in q.text]
    assert quote.speaker == lindqvist.id
    # "which" after a place that speaks nowhere is no one's mention.
    which = text.index("which")
    assert not any(s <= which < e for a in analysis.actors for s, e in a.mentions)


# (text, mention of the person, canonical name, text the role must contain, affiliation)
ROLE_CASES = [
    pytest.param(
        "House Minority Leader Kevin Brandt said the bill was dead.",
        "Kevin Brandt",
        "Kevin Brandt",
        "Minority Leader",
        "House",
        id="premodifier-title",
    ),
    pytest.param(
        "Anna Roth, the council's communications director, said the building would close.",
        "Anna Roth",
        "Anna Roth",
        "communications director",
        "the council",
        id="apposition-role",
    ),
    pytest.param(
        "Senator Ruth Calder (D-Ore.) said the bill would pass.",
        "Ruth Calder",
        "Ruth Calder",
        "Senator",
        "Democratic Party",
        id="party-tag",
    ),
    pytest.param(
        "Norte-TV CEO Carlos Ruiz said the channel would stay on air.",
        "Carlos Ruiz",
        "Carlos Ruiz",
        "Norte-TV CEO",
        "Norte-TV",
        id="hyphenated-company-before-the-title",
    ),
    pytest.param(
        "Maria Delgado, a sitting U.S. Senator from Ohio, said the bill would pass.",
        "Maria Delgado",
        "Maria Delgado",
        "Senator",
        "Senate",
        id="apposition-headed-by-a-capitalised-title",
    ),
    pytest.param(
        "Maria Delgado, then the deputy director of the Harbour Board, said the lanes were closed.",
        "Maria Delgado",
        "Maria Delgado",
        "deputy director of the Harbour Board",
        "Harbour Board",
        id="apposition-after-then",
    ),
]


@pytest.mark.model
def test_coordinated_appositions_give_each_person_their_own_role() -> None:
    text = (
        "Anna Kovac, then-Ohio Governor Tom Reed's deputy chief of staff, and Piotr Lis, then "
        "the deputy executive director of the Harbour Board of Ohio and Kentucky, faced the "
        "jury together."
    )
    analysis = _analyze(text)
    kovac = _owner(analysis, _find(text, "Anna Kovac"))
    assert kovac.role == "Ohio Governor Tom Reed's deputy chief of staff"
    lis = _owner(analysis, _find(text, "Piotr Lis"))
    assert lis.role is not None
    assert lis.role.startswith("deputy executive director of the Harbour Board")


@pytest.mark.model
@pytest.mark.parametrize(("text", "mention", "name", "role", "affiliation"), ROLE_CASES)
def test_roles_and_affiliations(
    text: str, mention: str, name: str, role: str, affiliation: str
) -> None:
    analysis = _analyze(text)
    actor = _owner(analysis, _find(text, mention))
    assert (actor.name, actor.type) == (name, "person")
    assert actor.role is not None and role in actor.role
    assert actor.affiliation == affiliation
    (quote,) = analysis.quotes
    assert quote.speaker == actor.id


# (text, speaker text of the one quote, its actor's canonical name, actor type)
SPEAKER_TYPE_CASES = [
    pytest.param(
        "30 Democratic lawmakers warned that the bill would hurt rural hospitals.",
        "30 Democratic lawmakers",
        "30 Democratic lawmakers",
        "group",
        id="group-with-number",
    ),
    pytest.param(
        "In a letter to the mayor, 40 doctors said the hospital was unsafe.",
        "40 doctors",
        "40 doctors",
        "group",
        id="group-plain",
    ),
    pytest.param(
        "The city council received a letter from residents on Monday. "
        "The letter says the park should stay open.",
        "The letter",
        "letter",
        "document",
        id="document-letter",
    ),
    pytest.param(
        "According to the report, the river has been polluted since 2019.",
        "the report",
        "report",
        "document",
        id="document-according-to",
    ),
    pytest.param(
        '"The port is safe," the harbour master said.',
        "the harbour master",
        "harbour master",
        "person",
        id="unlisted-role-noun-is-a-person",
    ),
    pytest.param(
        "Public Order Act No. 12 says that no march may block a hospital entrance.",
        "Public Order Act No",
        "Public Order Act No",
        "document",
        id="numbered-law-is-a-document",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "President Tomas Vell stayed home. President-elect Mara Quint met the press. "
            "Later the president said the count was wrong.",
            id="president-elect",
        ),
        pytest.param(
            "President Tomas Vell stayed home. Vice President Mara Quint met the press. "
            "Later the president said the count was wrong.",
            id="vice-president",
        ),
    ],
)
def test_the_title_is_not_another_office(text: str) -> None:
    analysis = _analyze(text)
    (quote,) = analysis.quotes
    actor = analysis.actor(quote.speaker)
    assert actor is not None and actor.name == "Tomas Vell"


@pytest.mark.model
def test_a_platform_is_a_company_and_a_channel_is_no_actor() -> None:
    analysis = _analyze(
        "Mayor Ana Ruiz answered the letter on Twitter. Later she said the plan was fine."
    )
    assert not [a for a in analysis.actors if a.name == "Twitter"]
    spoken = _analyze("Twitter said it had suspended the account of the group.")
    (twitter,) = [a for a in spoken.actors if a.name == "Twitter"]
    assert twitter.type == "organization"


@pytest.mark.model
def test_the_words_of_a_title_are_no_affiliation() -> None:
    analysis = _analyze("Maria Lopez, the Secretary of State, said the vote would go ahead.")
    (actor,) = analysis.actors
    assert actor.role == "Secretary of State"
    assert actor.affiliation is None


@pytest.mark.model
def test_a_text_sent_from_an_account_speaks_for_its_owner() -> None:
    analysis = _analyze(
        "Senator Maria Lopez spoke on Monday. A tweet sent from Lopez's account said the plan "
        "would pass."
    )
    (quote,) = analysis.quotes
    actor = analysis.actor(quote.speaker)
    assert actor is not None and actor.name == "Maria Lopez"


@pytest.mark.model
def test_two_names_the_tagger_ran_together_are_cut_apart() -> None:
    analysis = _analyze(
        "The 1992 race put Ruth Kessler beside Alan Price, making Kessler the Democratic "
        "Party's first woman to run for Governor."
    )
    names = {a.name for a in analysis.actors}
    assert "Ruth Kessler" in names
    assert not [n for n in names if "Kessler the" in n]
    (kessler,) = [a for a in analysis.actors if a.name == "Ruth Kessler"]
    assert len(kessler.mentions) == 2


@pytest.mark.model
def test_a_name_after_a_title_and_its_place_is_a_person() -> None:
    text = "United States Senator from Vermont Lonnie Hale came second in the count."
    analysis = _analyze(text)
    actor = _owner(analysis, _find(text, "Lonnie Hale"))
    assert (actor.name, actor.type) == ("Lonnie Hale", "person")
    assert actor.role is not None and "Senator" in actor.role


@pytest.mark.model
def test_parties_are_never_a_person() -> None:
    analysis = _analyze("The Green and Liberal Parties hold conventions every spring.")
    assert not [a for a in analysis.actors if a.type == "person"]


@pytest.mark.model
def test_a_surname_tagged_as_a_common_noun_is_the_person() -> None:
    analysis = _analyze(
        "President Donald Trump spoke on Monday. Trump characterized the meeting with the mayor "
        'as "friendly and useful."'
    )
    (quote,) = analysis.quotes
    actor = analysis.actor(quote.speaker)
    assert actor is not None and actor.name == "Donald Trump"


@pytest.mark.model
def test_a_double_surname_alone_is_the_person_of_that_full_name() -> None:
    text = (
        "Sabine Keller-Roth, a former minister, sued the newspaper in March. On Friday the court "
        "sided with Keller-Roth, saying the post was false."
    )
    analysis = _analyze(text)
    (person,) = [a for a in analysis.actors if "Keller-Roth" in a.name]
    assert person.name == "Sabine Keller-Roth"
    assert len(person.mentions) == 2


@pytest.mark.model
def test_a_platform_that_speaks_is_a_company() -> None:
    analysis = _analyze("On Monday, Facebook said the posts would stay.")
    (quote,) = analysis.quotes
    actor = analysis.actor(quote.speaker)
    assert actor is not None
    assert (actor.name, actor.type) == ("Facebook", "organization")


@pytest.mark.model
def test_a_capitalised_plural_title_is_a_group() -> None:
    analysis = _analyze("A number of Senators said the order was unlawful.")
    (quote,) = analysis.quotes
    actor = analysis.actor(quote.speaker)
    assert actor is not None
    assert (actor.name, actor.type) == ("Senators", "group")


@pytest.mark.model
def test_a_title_and_a_name_tagged_as_an_organisation_are_a_person() -> None:
    analysis = _analyze(
        "The mayor agreed, according to a statement by the Presidential Spokesperson Lino Baraka."
    )
    (actor,) = [a for a in analysis.actors if "Baraka" in a.name]
    assert (actor.name, actor.type, actor.role) == (
        "Lino Baraka",
        "person",
        "Presidential Spokesperson",
    )


@pytest.mark.model
@pytest.mark.parametrize(("text", "speaker", "name", "kind"), SPEAKER_TYPE_CASES)
def test_speaker_types(text: str, speaker: str, name: str, kind: str) -> None:
    analysis = _analyze(text)
    (quote,) = analysis.quotes
    assert quote.speaker_text == speaker
    actor = analysis.actor(quote.speaker)
    assert actor is not None
    assert (actor.name, actor.type) == (name, kind)
    assert (quote.speaker_start, quote.speaker_end) in actor.mentions


# -- speaker_span ---------------------------------------------------------------------------


def _doc(rows: list[tuple[str, str, str, int]]) -> Doc:
    """A hand-parsed Doc from (word, pos, dep, head index) rows."""
    words, pos, deps, heads = (list(col) for col in zip(*rows, strict=True))
    # An English vocab, so that lexical attributes such as lower_ are set (a bare Vocab has none).
    return Doc(English().vocab, words=words, pos=pos, deps=deps, heads=heads)


def test_a_name_ends_before_of_and_brackets_hand_built() -> None:
    doc = _doc(
        [
            ("Muhammadu", "PROPN", "compound", 1),
            ("Buhari", "PROPN", "nsubj", 4),
            ("of", "ADP", "prep", 1),
            ("Nigeria", "PROPN", "pobj", 2),
            ("said", "VERB", "ROOT", 4),
        ]
    )
    assert actors._name_part(doc[0:4]) == "Muhammadu Buhari"
    members = _doc(
        [
            ("Members", "PROPN", "nsubj", 3),
            ("of", "ADP", "prep", 0),
            ("Parliament", "PROPN", "pobj", 1),
            ("said", "VERB", "ROOT", 3),
        ]
    )
    assert actors._name_part(members[0:3]) is None


def test_a_hyphenated_name_with_lower_case_parts_is_a_person_hand_built() -> None:
    words = ["Somchai", "Wong", "-", "o", "-", "kit", "said"]
    spaces = [True, False, False, False, False, True, False]
    doc = Doc(English().vocab, words=words, spaces=spaces)
    cleaned = actors._clean_entity(Span(doc, 0, 6, label="PERSON"))
    assert cleaned is not None and cleaned.text == "Somchai Wong-o-kit"
    spaced = Doc(English().vocab, words=["Somchai", "wong", "said"])
    assert actors._clean_entity(Span(spaced, 0, 2, label="PERSON")) is None


def test_an_entity_ends_before_its_bracketed_acronym_hand_built() -> None:
    doc = _doc(
        [
            ("the", "DET", "det", 1),
            ("Commission", "PROPN", "nsubj", 6),
            ("on", "ADP", "prep", 1),
            ("Fisheries", "PROPN", "pobj", 2),
            ("(", "PUNCT", "punct", 1),
            ("CCF", "PROPN", "appos", 1),
            ("said", "VERB", "ROOT", 6),
        ]
    )
    entity = Span(doc, 0, 6, label="ORG")
    cleaned = actors._clean_entity(entity)
    assert cleaned is not None and cleaned.text == "Commission on Fisheries"


@pytest.mark.model
def test_a_group_is_named_without_the_adverb_before_it() -> None:
    analysis = analyze_text("The mayor criticised even senior members of his own party.")
    groups = [a.name for a in analysis.actors if a.type == "group"]
    assert groups == ["senior members of his own party"]


def test_speaker_span_cuts_apposition_hand_built() -> None:
    doc = _doc(
        [
            ("Anna", "PROPN", "compound", 1),
            ("Roth", "PROPN", "nsubj", 6),
            (",", "PUNCT", "punct", 1),
            ("the", "DET", "det", 4),
            ("director", "NOUN", "appos", 1),
            (",", "PUNCT", "punct", 1),
            ("said", "VERB", "ROOT", 6),
            ("no", "INTJ", "dobj", 6),
            (".", "PUNCT", "punct", 6),
        ]
    )
    assert speaker_span(doc[1]).text == "Anna Roth"


def test_speaker_span_cuts_relative_clause_hand_built() -> None:
    doc = _doc(
        [
            ("The", "DET", "det", 1),
            ("senator", "NOUN", "nsubj", 6),
            ("who", "PRON", "nsubj", 3),
            ("chairs", "VERB", "relcl", 1),
            ("the", "DET", "det", 5),
            ("panel", "NOUN", "dobj", 3),
            ("said", "VERB", "ROOT", 6),
            ("no", "INTJ", "dobj", 6),
        ]
    )
    assert speaker_span(doc[1]).text == "The senator"


def test_speaker_span_keeps_of_phrase_hand_built() -> None:
    doc = _doc(
        [
            ("The", "DET", "det", 1),
            ("head", "NOUN", "nsubj", 6),
            ("of", "ADP", "prep", 1),
            ("the", "DET", "det", 5),
            ("harbour", "NOUN", "compound", 5),
            ("board", "NOUN", "pobj", 2),
            ("said", "VERB", "ROOT", 6),
        ]
    )
    assert speaker_span(doc[1]).text == "The head of the harbour board"


def test_speaker_span_pronoun_is_one_token_hand_built() -> None:
    doc = _doc([("She", "PRON", "nsubj", 1), ("said", "VERB", "ROOT", 1)])
    span = speaker_span(doc[0])
    assert (span.start, span.end, span.text) == (0, 1, "She")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Anna Roth, the council's communications director, said the building would close.",
            "Anna Roth",
            id="apposition",
        ),
        pytest.param(
            "The senator who chairs the finance committee said the bill would pass.",
            "The senator",
            id="relative-clause",
        ),
        pytest.param(
            "The mayor, who was elected in May, said the port was safe.",
            "The mayor",
            id="relative-clause-in-commas",
        ),
        pytest.param(
            "The chairman of the harbour board said the port was safe.",
            "The chairman of the harbour board",
            id="of-phrase-kept",
        ),
        pytest.param(
            "Union leader Sam Okafor said the strike would go on.",
            "Union leader Sam Okafor",
            id="title-kept",
        ),
    ],
)
def test_speaker_span_on_parsed_docs(nlp: object, text: str, expected: str) -> None:
    doc = nlp(text)  # type: ignore[operator]
    (said,) = [t for t in doc if t.lower_ == "said"]
    (subject,) = [c for c in said.children if c.dep_ == "nsubj"]
    span = speaker_span(subject)
    assert span.text == expected
    assert text[span.start_char : span.end_char] == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "expected"),
    [
        pytest.param(
            "John Okoro met his wife, Karen Okoro, a senator.\n\nMr. Okoro said he would veto it.",
            "Mr. Okoro",
            "John Okoro",
            id="honorific-gender-keeps-spouses-apart",
        ),
        pytest.param(
            'Senator Ron Dalton and Governor Amy Daltonn met.\n\n"It is alive," Dalton said.',
            "Dalton",
            "Ron Dalton",
            id="exact-surname-beats-a-near-miss",
        ),
    ],
)
def test_people_sharing_a_surname_stay_apart(text: str, speaker: str, expected: str) -> None:
    analysis = analyze_text(text)
    quote = next(q for q in analysis.quotes if q.speaker_text == speaker)
    actor = analysis.actor(quote.speaker)
    assert actor is not None and actor.name == expected
    assert len({a.name for a in analysis.actors if a.type == "person"}) == 2


# -- the name index finds what a walk over every cluster finds ---------------------------------

_NAME_POOL = [
    "Maria Lopez",
    "Lopez",
    "Lopes",
    "Maria",
    "Jan Kowalski",
    "Kowalsky",
    "J. Kowalski",
    "National Farmers Union",
    "NFU",
    "Union",
    "Bank of England",
    "BOE",
    "Ana",
    "Ana Reyes",
    "Reyes",
]


@settings(max_examples=400)
# One example per way of matching besides the same name: given name, transliterated surname,
# acronym of a long name, long name of an acronym, a lone surname tagged as an organisation.
@example(made=[("person", ["Maria Lopez"], "")], name="Maria", kind="person", gender="")
@example(made=[("person", ["Jan Kowalski"], "")], name="Kowalsky", kind="person", gender="")
@example(
    made=[("organization", ["National Farmers Union"], "")],
    name="NFU",
    kind="organization",
    gender="",
)
@example(
    made=[("organization", ["NFU"], "")],
    name="National Farmers Union",
    kind="organization",
    gender="",
)
@example(made=[("person", ["Ana Reyes"], "")], name="Reyes", kind="place", gender="")
@given(
    made=st.lists(
        st.tuples(
            st.sampled_from(["person", "organization", "place"]),
            st.lists(st.sampled_from(_NAME_POOL), min_size=1, max_size=3),
            st.sampled_from(["", "m", "f"]),
        ),
        max_size=8,
    ),
    name=st.sampled_from(_NAME_POOL),
    kind=st.sampled_from(["person", "organization", "place"]),
    gender=st.sampled_from(["", "m", "f"]),
)
def test_name_index_matches_as_a_walk_would(
    made: list[tuple[str, list[str], str]], name: str, kind: str, gender: str
) -> None:
    clusters: list[Cluster] = []
    index = actors._NameIndex()
    for serial, (type_, names, cluster_gender) in enumerate(made):
        cluster = Cluster(type=type_, gender=cluster_gender, serial=serial)  # type: ignore[arg-type]
        for n in names[:1]:
            cluster.names.append(n)
        index.register(cluster)  # filed under its first name, then its names grow
        cluster.names.extend(n for n in names[1:] if n not in cluster.names)
        index.register(cluster)
        clusters.append(cluster)
    key = fold(name)
    walked = actors._match_name(clusters, key, kind, gender)
    indexed = actors._match_name(index.candidates(key, kind), key, kind, gender)
    assert indexed is walked
    alone = actors._sole_person_with_surname(clusters, key)
    assert actors._sole_person_with_surname(index.candidates(key, "person"), key) is alone


@pytest.mark.model
def test_names_carry_no_line_breaks_or_surrounding_space() -> None:
    analysis = analyze_text("The film starred Catwoman\n\n\nCatwoman said it was fun.")
    names = [(a.name, a.aliases) for a in analysis.actors]
    assert names == [("Catwoman", ())]


@pytest.mark.model
def test_a_place_that_only_locates_is_not_an_actor() -> None:
    analysis = analyze_text(
        "Senator Maria Lopez spoke in Toledo on Monday. She said taxes would fall."
    )
    assert "Toledo" not in {a.name for a in analysis.actors}


@pytest.mark.model
def test_a_place_before_a_title_or_an_event_is_not_an_actor() -> None:
    analysis = analyze_text(
        "Maria Lopez won the Nevada caucuses on Saturday. The Vermont senator Tom Hale said "
        "the result was clear. Texas officials rejected the plan."
    )
    names = {a.name for a in analysis.actors}
    assert not names & {"Nevada", "Vermont"}
    assert "Texas officials" in names  # the officials act, and the place is theirs


@pytest.mark.model
def test_a_region_owning_or_undergoing_something_is_not_an_actor() -> None:
    analysis = analyze_text(
        "Maria Lopez campaigned hard before Ohio's primary. Tom Hale has always loved Toledo. "
        "Ohio sued the federal government on Monday."
    )
    names = {a.name for a in analysis.actors}
    assert "Toledo" not in names
    assert "Ohio" in names  # the state acts as the one who sues


@pytest.mark.model
def test_a_name_run_on_into_common_words_after_of_ends_before_them() -> None:
    names = {
        a.name
        for a in analyze_text(
            "The men were described by The Guardian as convicted of assaults and by Associated "
            "Press of bank robberies. The Bank of America said it would appeal."
        ).actors
    }
    assert "Associated Press" in names
    assert "Bank of America" in names  # a capitalised "of" part is the name's own
    assert not any(name.endswith(" of bank") for name in names)


@pytest.mark.model
def test_an_organisation_named_only_as_a_place_is_not_an_actor() -> None:
    located = analyze_text(
        "Maria Lopez studied at the Northfield Institute of Technology. She joined the Green "
        "Party in 2010."
    )
    names = {a.name for a in located.actors}
    assert "Northfield Institute of Technology" not in names
    assert "Green Party" in names
    speaking = analyze_text(
        "Maria Lopez studied at the Northfield Institute of Technology. The Northfield "
        "Institute of Technology said she graduated in 2001."
    )
    assert "Northfield Institute of Technology" in {a.name for a in speaking.actors}


@pytest.mark.model
def test_a_body_that_only_modifies_a_thing_is_not_an_actor() -> None:
    budget = analyze_text("Congress cut the Pentagon construction budget by a third.")
    assert "Pentagon" not in {a.name for a in budget.actors}
    officials = analyze_text("Pentagon officials said the budget was too small.")
    assert any("Pentagon" in a.name for a in officials.actors)


@pytest.mark.model
def test_buildings_and_laws_are_actors_only_when_they_speak() -> None:
    analysis = analyze_text(
        "Hundreds of worshippers gathered at the Eastgate Mosque on Friday. Governor Maria Lopez "
        "signed the Clean Rivers Protection Act into law. The Harbour Hotel said it would close."
    )
    names = {a.name for a in analysis.actors}
    assert "Eastgate Mosque" not in names
    assert not any("Protection Act" in name for name in names)
    assert "Harbour Hotel" in names and "Maria Lopez" in names


@pytest.mark.model
def test_a_country_that_acts_or_is_acted_on_stays() -> None:
    analysis = analyze_text(
        "Norway imposed new tariffs on Monday. The minister held talks with Chile in Oslo."
    )
    names = {a.name for a in analysis.actors}
    assert {"Norway", "Chile"} <= names
    assert "Oslo" not in names


@pytest.mark.model
def test_a_group_that_acts_is_an_actor() -> None:
    analysis = analyze_text(
        "Dairy farmers blocked the main road on Friday. The minister later met with the farmers."
    )
    groups = [a for a in analysis.actors if a.type == "group"]
    assert len(groups) == 1
    assert "farmers" in groups[0].name.lower()


@pytest.mark.model
def test_people_at_large_are_a_group_only_when_the_text_says_whose() -> None:
    anyone = analyze_text(
        "The minister urged people to stay at home. Police fined residents who refused."
    )
    assert [a.type for a in anyone.actors if a.type == "group"] == []
    british = analyze_text("The minister thanked the British people for their patience.")
    assert "British people" in {a.name for a in british.actors if a.type == "group"}


@pytest.mark.model
def test_a_group_is_named_with_whose_members_they_are() -> None:
    analysis = analyze_text("Supporters of the fuel tax rallied on Monday. Police watched them.")
    groups = [a.name for a in analysis.actors if a.type == "group"]
    assert "Supporters of the fuel tax" in groups


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Even the mayor said the plan was flawed.", "the mayor"),
        ("Perhaps donors who work there told the senator they were unhappy.", "donors"),
    ],
)
def test_a_speaker_is_named_without_the_adverb_before_it(text: str, speaker: str) -> None:
    analysis = analyze_text(text)
    assert [q.speaker_text for q in analysis.quotes] == [speaker]


@pytest.mark.model
def test_a_singular_party_word_is_not_a_group() -> None:
    analysis = analyze_text(
        "Maria Lopez is a Republican. The Democratic and Republican primaries were held in May. "
        "Democrats blocked the bill."
    )
    groups = [a.name for a in analysis.actors if a.type == "group"]
    assert groups == ["Democrats"]


@pytest.mark.model
def test_a_document_that_speaks_is_its_authors() -> None:
    analysis = analyze_text(
        'Judge Ana Okafor ruled on Monday. Judge Okafor\'s statement reads, "The law is void." '
        "A tweet by Senator Tom Hale said the ruling was wrong."
    )
    speakers = {q.text: q.speaker for q in analysis.quotes}
    names = {a.id: a.name for a in analysis.actors}
    assert names[speakers["The law is void."]] == "Ana Okafor"
    assert names[speakers["the ruling was wrong"]] == "Tom Hale"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "author"),
    [
        (
            "Thirty Democrats sent a letter to the president on Monday. The letter says talks "
            "must begin.",
            "Democrats",
        ),
        (
            "A letter signed by 40 harbour workers reached the ministry. The letter warns that "
            "the port is unsafe.",
            "40 harbour workers",
        ),
    ],
)
def test_a_letter_speaks_for_the_authors_the_text_names(text: str, author: str) -> None:
    analysis = analyze_text(text)
    names = {a.id: a.name for a in analysis.actors}
    (quote,) = [q for q in analysis.quotes if q.speaker_text == "The letter"]
    assert names[quote.speaker] == author


@pytest.mark.model
def test_bare_reports_and_sources_are_no_actor() -> None:
    analysis = analyze_text("Sources said the minister would resign. Reports say she denied it.")
    assert {a.name for a in analysis.actors} <= {"minister"}
    described = analyze_text("Eyewitness reports said the guards fired first.")
    assert described.actors == ()


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "title", "name"),
    [
        (
            "A federal judge said on Friday that the law was void. U.S. District Judge Maria "
            "Lopez wrote that it broke the constitution.",
            "A federal judge",
            "Maria Lopez",
        ),
        (
            "President Tom Hale met Vice President Ana Diaz. The President said the talks went "
            "well.",
            "The President",
            "Tom Hale",
        ),
        (
            "Sen. Tom Hale spoke first. The senator said the bill was dead.",
            "The senator",
            "Tom Hale",
        ),
    ],
)
def test_an_unnamed_title_is_the_one_person_holding_it(text: str, title: str, name: str) -> None:
    analysis = analyze_text(text)
    assert _owner(analysis, _find(text, title)).name == name


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "government", "country"),
    [
        ("The Chilean government said the tariffs were unfair.", "The Chilean government", "Chile"),
        (
            "Norway imposed tariffs on Monday. Norway wants a deal. The government said talks "
            "would resume.",
            "The government",
            "Norway",
        ),
    ],
)
def test_a_government_is_its_country(text: str, government: str, country: str) -> None:
    analysis = analyze_text(text)
    actor = _owner(analysis, _find(text, government))
    assert (actor.name, actor.type) == (country, "country")


@pytest.mark.model
def test_a_body_named_with_its_country_first_is_the_same_body() -> None:
    analysis = analyze_text(
        "The US Supreme Court heard the case on Monday. The Supreme Court said it would rule in "
        "June."
    )
    assert [a.type for a in analysis.actors] == ["organization"]


@pytest.mark.model
def test_other_names_of_a_country_are_one_actor() -> None:
    analysis = analyze_text(
        "The U.S. imposed new tariffs on Monday. America wants a deal, and the United States "
        "will talk again next week."
    )
    countries = [a for a in analysis.actors if a.type == "country"]
    assert [a.name for a in countries] == ["United States"]


@pytest.mark.model
def test_a_seat_of_government_that_acts_is_its_country() -> None:
    acting = analyze_text("Moscow rejected the proposal on Tuesday.")
    assert [(a.name, a.type) for a in acting.actors] == [("Russia", "country")]
    located = analyze_text(
        "Senator Maria Lopez spoke in Moscow on Tuesday. She said taxes would fall."
    )
    assert "Russia" not in {a.name for a in located.actors}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "affiliation"),
    [
        (
            "Senate Republicans blocked the bill on Tuesday.",
            "Republicans",
            "Republican Party",
        ),
        (
            "The Norwegian foreign ministry rejected the plan.",
            "Norwegian foreign ministry",
            "Norway",
        ),
        ("German Chancellor Ada Quill said the talks would go on.", "Ada Quill", "Germany"),
    ],
)
def test_affiliations_name_a_party_or_a_country_not_an_adjective(
    text: str, name: str, affiliation: str
) -> None:
    analysis = analyze_text(text)
    found = {a.name: a.affiliation for a in analysis.actors}
    assert any(name in n and a == affiliation for n, a in found.items()), found


@pytest.mark.model
def test_a_noun_that_names_no_doer_is_not_a_speaker() -> None:
    no_one = analyze_text("The outcome showed that the plan had failed.")
    assert [a.name for a in no_one.actors] == []
    someone = analyze_text("The inspector said that the plan had failed.")
    assert [(a.name.lower(), a.type) for a in someone.actors] == [("inspector", "person")]


@pytest.mark.model
def test_a_word_of_an_institution_name_is_that_institution() -> None:
    analysis = analyze_text(
        "The House of Representatives passed the budget on Monday. Later the House adjourned, "
        "and the Representatives went home."
    )
    bodies = [a for a in analysis.actors if a.type == "organization"]
    assert [a.name for a in bodies] == ["House of Representatives"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "affiliation"),
    [
        (
            "The National Security Council's communications director, John Kirby, said talks "
            "would continue.",
            "National Security Council",
        ),
        ("Maria Lopez, a Republican, said the tax would hurt families.", "Republican Party"),
        (
            "Former Ohio Gov. Tom Hale, a Democrat, said the tax would hurt families.",
            "Democratic Party",
        ),
        (
            "Ohio Gov. Tom Hale said the tax would hurt families. Democratic candidate Tom Hale "
            "later said it again.",
            "Democratic Party",
        ),
    ],
)
def test_the_party_the_text_gives_is_the_affiliation(text: str, affiliation: str) -> None:
    people = [a for a in analyze_text(text).actors if a.type == "person"]
    assert [a.affiliation for a in people] == [affiliation]


@pytest.mark.model
def test_a_name_of_a_country_is_a_person_of_that_country() -> None:
    analysis = analyze_text(
        "President Tomas Rell of Chile said the deal was good. Abdel Karim el-Masri of Egypt "
        "said it was a historic day."
    )
    people = {a.name: a.affiliation for a in analysis.actors if a.type == "person"}
    assert people == {"Tomas Rell": "Chile", "Abdel Karim el-Masri": "Egypt"}


@pytest.mark.model
def test_a_legislature_named_alone_is_an_actor() -> None:
    analysis = analyze_text(
        "The Senate voted against the bill. The Senate said the bill was unfair. "
        "Congress said the budget was fair."
    )
    bodies = {a.name: a.type for a in analysis.actors}
    assert bodies.get("Senate") == "organization"
    assert bodies.get("Congress") == "organization"


@pytest.mark.model
def test_a_seat_of_government_tagged_as_a_person_is_a_place() -> None:
    analysis = analyze_text("Kiev rejected the demand on Monday.")
    assert [(a.name, a.type) for a in analysis.actors] == [("Ukraine", "country")]


@pytest.mark.model
def test_a_body_named_only_in_someones_title_is_not_an_actor() -> None:
    analysis = analyze_text(
        "Maria Lopez, a professor at Harrow University, said the plan would fail. "
        "The Harbour Authority rejected the plan."
    )
    names = {a.name for a in analysis.actors}
    assert "Harrow University" not in names
    assert "Harbour Authority" in names
    (lopez,) = [a for a in analysis.actors if a.type == "person"]
    assert lopez.affiliation == "Harrow University"


@pytest.mark.model
def test_a_plural_that_names_no_people_is_no_group() -> None:
    no_one = analyze_text("Estimates suggest that the deficit will grow.")
    assert [a.name for a in no_one.actors] == []
    people = analyze_text("Farmers say that the deficit will grow.")
    assert [(a.name, a.type) for a in people.actors] == [("Farmers", "group")]


@pytest.mark.model
def test_an_organisation_that_is_nowhere_a_party_is_not_an_actor() -> None:
    vendors = analyze_text(
        "The hospital pays for supplies from vendors such as Westcare and Homecall."
    )
    assert vendors.actors == ()
    analysis = analyze_text(
        "In remarks to Channel Nine, Mayor Rita Osei said the Harbour Trust had approved the "
        "plan without approval from the Regional Council."
    )
    names = {a.name for a in analysis.actors}
    assert {"Channel Nine", "Harbour Trust", "Regional Council"} <= names


@pytest.mark.model
def test_every_conjunct_of_a_doer_acts() -> None:
    analysis = analyze_text(
        "Chile cancelled its vote in March; Peru, Bolivia, and Ecuador made the same decision."
    )
    assert {"Chile", "Peru", "Bolivia", "Ecuador"} <= {a.name for a in analysis.actors}


@pytest.mark.model
def test_a_lone_given_name_is_the_one_person_with_it() -> None:
    analysis = analyze_text(
        "Ahmed and Leila Haddad spoke first. Later Ahmed Haddad said the mine must close."
    )
    text = analysis.document.text
    ahmed = _owner(analysis, _find(text, "Ahmed Haddad"))
    assert ahmed.name == "Ahmed Haddad"
    assert _find(text, "Ahmed") in ahmed.mentions  # the given name before the full name


@pytest.mark.model
def test_a_headline_name_run_on_into_a_verb_is_the_name() -> None:
    analysis = analyze_text(
        "Maria Delgado Slams Tax Plan\n\nMaria Delgado said on Monday that the tax plan would "
        "hurt renters."
    )
    assert "Maria Delgado Slams" not in {a.name for a in analysis.actors}
    assert "Maria Delgado" in {a.name for a in analysis.actors}


def test_editor_brackets_leave_the_name() -> None:
    assert actors._one_line("[Hillary] Clinton") == "Hillary Clinton"
    assert actors._one_line(" Ana\n Reyes ") == "Ana Reyes"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "Many dairy farmers blocked the road. The dairy farmers later went home.",
            "dairy farmers",
        ),
        ("Most nurses voted to strike, and the nurses marched on Friday.", "nurses"),
        ("Half of the nurses said they would strike.", "nurses"),
        ("About 40% of registered voters said they backed the plan.", "registered voters"),
        # counted out, the group acts as its count does
        (
            "Roughly two-thirds of the registered voters preferred a primary, the party said.",
            "registered voters",
        ),
        # a "from" phrase with a place names the group
        (
            "The delegates from Nebraska are not bound to vote for any candidate, the party said.",
            "delegates from Nebraska",
        ),
    ],
)
def test_a_group_is_named_as_one_whatever_its_share_or_origin(text: str, group: str) -> None:
    groups = [a for a in analyze_text(text).actors if a.type == "group"]
    assert [g.name for g in groups] == [group]


@pytest.mark.model
def test_plural_nouns_for_people_are_groups_when_they_act() -> None:
    analysis = analyze_text(
        "Local politicians rejected the harbour plan. The insurers raised their prices, and the "
        "minister met with refugees on Friday."
    )
    groups = {a.name.lower() for a in analysis.actors if a.type == "group"}
    assert {"local politicians", "insurers", "refugees"} <= groups
    assert "prices" not in groups


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Mayor Ana Ruiz told reporters the bridge would open in May.",
        "Speaking to journalists on Monday, Mayor Ana Ruiz said the bridge would open.",
        "Mayor Ana Ruiz raised the fare. Voters might blame her for it.",
    ],
)
def test_the_press_as_audience_and_a_kind_are_no_group(text: str) -> None:
    assert [a.name for a in analyze_text(text).actors if a.type == "group"] == []


@pytest.mark.model
def test_a_body_of_people_with_a_modal_is_still_a_group() -> None:
    analysis = analyze_text("The protesters might block the bridge, Mayor Ana Ruiz said.")
    assert "protesters" in {a.name.lower() for a in analysis.actors if a.type == "group"}


@pytest.mark.model
def test_a_name_before_a_thing_is_no_party() -> None:
    fund = analyze_text("Senators voted to cut the Medisure trust fund.")
    assert not any("Medisure" in a.name for a in fund.actors)
    staff = analyze_text("Medisure executives voted to cut the trust fund.")
    assert any("Medisure" in a.name for a in staff.actors)


def test_a_pro_or_anti_adjective_is_no_name_hand_built() -> None:
    doc = Doc(English().vocab, words=["Pro", "-", "Reyes", "groups"], spaces=[False] * 3 + [True])
    assert actors._clean_entity(Span(doc, 0, 3, label="PERSON")) is None
    named = Doc(English().vocab, words=["Prost", "Reyes", "said"])
    assert actors._clean_entity(Span(named, 0, 2, label="PERSON")) is not None


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "I have no plans to endorse a candidate, Mayor Ana Ruiz said.",
        "Any company that refuses will be fined, Mayor Ana Ruiz said.",
    ],
)
def test_no_one_in_particular_is_no_actor(text: str) -> None:
    names = {a.name for a in analyze_text(text).actors}
    assert not any(n.lower().startswith(("no ", "any ")) for n in names), names


@pytest.mark.model
def test_a_number_of_a_group_is_the_group_but_one_of_them_is_one() -> None:
    group = analyze_text("A number of the nurses said they would strike on Monday.")
    assert [a.name for a in group.actors if a.type == "group"] == ["nurses"]
    one = analyze_text("One of the nurses said the ward was closed.")
    assert [(a.name, a.type) for a in one.actors] == [("One of the nurses", "person")]


@pytest.mark.model
def test_an_untagged_word_in_capitals_that_speaks_is_an_organisation() -> None:
    analysis = analyze_text("OCHRA reported they had delivered over 105 thousand doses.")
    assert [(a.name, a.type) for a in analysis.actors] == [("OCHRA", "organization")]
    headline = analyze_text("FLOODS HIT THE COAST\n\nThe mayor said the roads were closed.")
    assert not any(a.name in {"FLOODS", "HIT", "COAST"} for a in headline.actors)


@pytest.mark.model
def test_an_apposition_to_a_name_is_that_actor() -> None:
    analysis = analyze_text(
        '"We cannot wait," said former Sen. Tom Vance, a moderate Ohio Democrat who declined '
        "to run for reelection in 2010."
    )
    names = {a.name for a in analysis.actors}
    assert "Tom Vance" in names
    assert not any("moderate" in name for name in names)


@pytest.mark.model
def test_one_of_them_named_in_apposition_is_the_body_named() -> None:
    analysis = analyze_text(
        "Several insurers complained. One of them, Northgate Health, has threatened to leave "
        "the market."
    )
    owner = _owner(analysis, _find(analysis.document.text, "One of them"))
    assert owner.name == "Northgate Health"


@pytest.mark.model
def test_a_capitalised_title_without_a_name_is_a_title() -> None:
    analysis = analyze_text(
        "Fiorina, the former Brandt-Lowell CEO who dropped her own bid in February, made a "
        "surprise visit."
    )
    assert not any(name.endswith("CEO") for name in {a.name for a in analysis.actors})


@pytest.mark.model
def test_a_bare_share_without_its_group_is_no_actor() -> None:
    analysis = analyze_text("About 40 percent said they would vote for the mayor.")
    assert analysis.actors == ()
    half = analyze_text("Half said the plan was unfair.")
    assert half.actors == ()


@pytest.mark.model
def test_conjoined_kinds_with_a_modal_are_no_group() -> None:
    analysis = analyze_text(
        "Under the plan, senators and representatives may serve three terms, Mayor Ana Ruiz said."
    )
    assert [a.name for a in analysis.actors if a.type == "group"] == []


@pytest.mark.model
def test_a_party_group_named_with_its_place_is_a_group_of_its_own() -> None:
    analysis = analyze_text(
        "Many New Hampshire Democrats said the vote was unfair, and Democrats elsewhere agreed."
    )
    groups = {a.name for a in analysis.actors if a.type == "group"}
    assert {"New Hampshire Democrats", "Democrats"} <= groups


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Nearly four in ten, 38 percent, who said they could change their mind.", "38 percent"),
        ("If the rule goes, senators who wanted to attend could be turned away.", "senators"),
    ],
)
def test_a_relative_clause_makes_a_share_or_kind_an_actor(text: str, who: str) -> None:
    analysis = analyze_text(text)
    owner = _owner(analysis, _find(analysis.document.text, who))
    assert _find(analysis.document.text, "who") in owner.mentions
