"""Tests of stancegraph.evaluate: gold readers, quote-type inference, matching and scoring."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from conftest import SHARED_DATA
from stancegraph.errors import GoldError
from stancegraph.evaluation.quotes import (
    EvalReport,
    GoldDocument,
    GoldQuote,
    format_report,
    infer_quote_type,
    load_brat,
    load_jsonl_gold,
    report_to_dict,
    score,
)
from stancegraph.formats.contract import analysis_to_dict
from stancegraph.types import Actor, Analysis, Document, Quote, QuoteType

Span = tuple[int, int]

POLNEAR_DEV = SHARED_DATA / "polnear" / "data" / "dev"


# ------------------------------------------------------------------------------------------
# helpers


def find(text: str, sub: str, after: int = 0) -> Span:
    start = text.index(sub, after)
    return (start, start + len(sub))


def quote(
    spans: Sequence[Span],
    qtype: QuoteType = "direct",
    *,
    qid: str = "q1",
    speaker: str | None = None,
    speaker_text: str | None = None,
    speaker_span: Span | None = None,
) -> Quote:
    return Quote(
        id=qid,
        type=qtype,
        text="",
        start=spans[0][0],
        end=spans[-1][1],
        spans=tuple(spans),
        cue=None,
        cue_start=None,
        cue_end=None,
        speaker=speaker,
        speaker_text=speaker_text,
        speaker_start=speaker_span[0] if speaker_span else None,
        speaker_end=speaker_span[1] if speaker_span else None,
        confidence=1.0,
        extractor="test",
    )


def gold_quote(
    text: str,
    spans: Sequence[Span],
    qtype: QuoteType = "direct",
    source: Sequence[Span] = (),
) -> GoldQuote:
    return GoldQuote(
        content_spans=tuple(spans),
        content_text=" ".join(text[s:e] for s, e in spans),
        source_spans=tuple(source),
        source_text=" ".join(text[s:e] for s, e in source) if source else None,
        cue_spans=(),
        type=qtype,
    )


def analysis(
    text: str, quotes: Sequence[Quote], actors: Sequence[Actor] = (), doc_id: str = "d"
) -> Analysis:
    return Analysis(
        document=Document(id=doc_id, text=text), actors=tuple(actors), quotes=tuple(quotes)
    )


def as_analysis(doc: GoldDocument) -> Analysis:
    """Gold turned into a prediction: same spans, the source as speaker span and actor."""
    quotes: list[Quote] = []
    actors: list[Actor] = []
    for i, g in enumerate(doc.quotes):
        speaker = None
        if g.source_spans:
            speaker = f"a{i}"
            actors.append(Actor(speaker, g.source_text or "", "person", (), g.source_spans))
        quotes.append(
            quote(
                g.content_spans,
                g.type,
                qid=f"q{i}",
                speaker=speaker,
                speaker_text=g.source_text,
                speaker_span=g.source_spans[0] if g.source_spans else None,
            )
        )
    return analysis(doc.text, quotes, actors, doc_id=doc.id)


def ann_line(tid: str, label: str, spans: Sequence[Span], text: str) -> str:
    offsets = ";".join(f"{s} {e}" for s, e in spans)
    return f"{tid}\t{label} {offsets}\t" + " ".join(text[s:e] for s, e in spans)


ARTICLE = (
    "Lena Varga: Farmers Fear Reyes’s Water Plan.\n\n"
    "“The canal will run dry by August,” said Varga. “Nobody has asked the growers.”\n\n"
    "The report claimed taxes rose sharply.\n"
)


def article_ann(text: str = ARTICLE) -> str:
    """Three attributions: a headline, a split direct quote, and one without source."""
    t1 = find(text, "Lena Varga")
    t2 = find(text, ":")
    t3 = find(text, "Farmers Fear Reyes’s Water Plan.")
    q1 = find(text, "“The canal will run dry by August,”")
    q2 = find(text, "“Nobody has asked the growers.”")
    said = find(text, "said")
    varga = find(text, "Varga", said[1])
    claimed = find(text, "claimed")
    taxes = find(text, "taxes rose sharply")
    lines = [
        "# a comment line",
        ann_line("T1", "Source", [t1], text),
        ann_line("T2", "Cue", [t2], text),
        ann_line("T3", "Content", [t3], text),
        ann_line("T4", "Attribution", [t2], text),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        ann_line("T5", "Content", [q1, q2], text),
        ann_line("T6", "Cue", [said], text),
        ann_line("T7", "Source", [varga], text),
        ann_line("T8", "Attribution", [said], text),
        "E2\tSource:T7 Content:T5 Attribution:T8 Cue:T6",  # roles in another order
        "A1\tNegated E2",
        "R1\tCoref Arg1:T7 Arg2:T1",
        ann_line("T9", "Cue", [claimed], text),
        ann_line("T10", "Content", [taxes], text),
        ann_line("T11", "Attribution-no-source", [claimed], text),
        "E3\tAttribution-no-source:T11 Cue:T9 Content:T10",
        "E4\tAttribution-no-source:T11",  # no content: not a quote
        "",
    ]
    return "\n".join(lines)


def write_polnear(root: Path, files: dict[str, tuple[str, dict[str, str]]]) -> Path:
    """``files``: article name -> (text, {annotator: ann content})."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name, (text, anns) in files.items():
        (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
        for annotator, content in anns.items():
            (root / "attributions" / f"{name}_{annotator}.ann").write_text(
                content, encoding="utf-8"
            )
    return root


# ------------------------------------------------------------------------------------------
# brat reader


@pytest.mark.parametrize("layout", ["polnear", "flat"])
def test_load_brat_layouts(tmp_path: Path, layout: str) -> None:
    if layout == "polnear":
        write_polnear(tmp_path, {"art_one": (ARTICLE, {"4e07": article_ann()})})
    else:
        (tmp_path / "art_one.txt").write_text(ARTICLE, encoding="utf-8")
        (tmp_path / "art_one.ann").write_text(article_ann(), encoding="utf-8")
    [doc] = load_brat(str(tmp_path))
    assert doc.id == "art_one"
    assert doc.text == ARTICLE
    headline, split, unsourced = doc.quotes
    assert headline.content_text == "Farmers Fear Reyes’s Water Plan."
    assert headline.source_text == "Lena Varga"
    assert headline.type == "indirect"  # the apostrophe of Reyes’s is not a quotation mark
    assert len(split.content_spans) == 2
    assert split.content_text == (
        "“The canal will run dry by August,” “Nobody has asked the growers.”"
    )
    assert split.source_text == "Varga"
    assert [ARTICLE[s:e] for s, e in split.cue_spans] == ["said"]
    assert split.type == "direct"
    assert unsourced.source_spans == ()
    assert unsourced.source_text is None
    assert unsourced.content_text == "taxes rose sharply"
    assert unsourced.type == "indirect"


def test_load_brat_first_annotator_wins(tmp_path: Path) -> None:
    text = "He said taxes rose. She said wages fell.\n"
    first = "\n".join(
        [
            ann_line("T1", "Content", [find(text, "taxes rose")], text),
            "E1\tContent:T1",
        ]
    )
    second = "\n".join(
        [
            ann_line("T1", "Content", [find(text, "wages fell")], text),
            "E1\tContent:T1",
        ]
    )
    write_polnear(tmp_path, {"art": (text, {"ef2d": second, "4e07": first})})
    [doc] = load_brat(tmp_path)
    assert [q.content_text for q in doc.quotes] == ["taxes rose"]


def test_load_brat_multiline_span_text_and_continuation_role(tmp_path: Path) -> None:
    # brat writes a span text that contains newlines over several physical lines, and PolNeAR
    # links a continuation paragraph as a second Content role (Content2).
    text = "3.\n\nThe number of people, he said.\n\n“More to come,” he added.\n"
    content = find(text, "3.\n\nThe number of people")
    more = find(text, "“More to come,”")
    src = find(text, "he")
    lines = [
        f"T1\tContent {content[0]} {content[1]}\t3.",
        "",
        "The number of people",
        ann_line("T2", "Source", [src], text),
        ann_line("T3", "Content", [more], text),
        "E1\tContent:T1 Source:T2 Content2:T3",
    ]
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    [doc] = load_brat(tmp_path)
    [gold] = doc.quotes
    assert gold.content_spans == (content, more)
    assert gold.source_text == "he"


def test_load_brat_crlf_text_is_normalised_when_offsets_need_it(tmp_path: Path) -> None:
    text = "Intro.\n\nShe said taxes rose.\n"
    (tmp_path / "a.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    ann = "\n".join([ann_line("T1", "Content", [find(text, "taxes rose")], text), "E1\tContent:T1"])
    (tmp_path / "a.ann").write_text(ann, encoding="utf-8")
    [doc] = load_brat(tmp_path)
    assert doc.text == text
    assert doc.quotes[0].content_text == "taxes rose"


def test_load_brat_skips_text_without_annotations(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.ann").write_text(article_ann(), encoding="utf-8")
    (tmp_path / "b.txt").write_text("Nothing annotated.\n", encoding="utf-8")
    assert [d.id for d in load_brat(tmp_path)] == ["a"]


def _bad_brat(tmp_path: Path, case: str) -> Path:
    text = "He said taxes rose.\n"
    if case == "missing":
        return tmp_path / "nope"
    if case == "no_txt":
        (tmp_path / "notes.md").write_text("x", encoding="utf-8")
        return tmp_path
    if case == "no_ann":
        (tmp_path / "a.txt").write_text(text, encoding="utf-8")
        return tmp_path
    ann = {
        "bad_offsets": "T1\tContent 8 x\ttaxes\nE1\tContent:T1\n",
        "unknown_ref": "T1\tContent 8 13\ttaxes\nE1\tContent:T9\n",
        "past_end": "T1\tContent 8 99\ttaxes\nE1\tContent:T1\n",
        "bad_arg": "T1\tContent 8 13\ttaxes\nE1\tContent\n",
    }[case]
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.ann").write_text(ann, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("case", "needle"),
    [
        ("missing", "not found"),
        ("no_txt", "no .txt"),
        ("no_ann", "no .ann"),
        ("bad_offsets", "a.ann:1"),
        ("unknown_ref", "a.ann:2"),
        ("past_end", "a.ann:1"),
        ("bad_arg", "a.ann:2"),
    ],
)
def test_load_brat_errors(tmp_path: Path, case: str, needle: str) -> None:
    folder = _bad_brat(tmp_path, case)
    with pytest.raises(GoldError) as info:
        load_brat(folder)
    message = str(info.value)
    assert needle in message
    assert "\n" not in message
    if case in ("missing", "no_txt", "no_ann"):
        assert str(folder) in message


# ------------------------------------------------------------------------------------------
# quote types


@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        ("“I love you,” he said.", "“I love you,”", "direct"),
        ('"We will," she said.', '"We will,"', "direct"),
        ("He said: “We will win.”", "We will win.", "direct"),  # marks outside the span
        ("Warren: ‘You Should Be Investigated.’", "‘You Should Be Investigated.’", "direct"),
        ("Il a dit « nous gagnerons ».", "« nous gagnerons »", "direct"),
        ("Er sagte: „Wir schaffen das.“ Dann ging er.", "„Wir schaffen das.“", "direct"),
        ("“First part.\n\n“Second part.”", "“First part.\n\n“Second part.”", "direct"),
        ("Trump called it a “disaster” on Monday.", "it a “disaster”", "mixed"),
        ("He called it a “disaster.”", "a “disaster.”", "mixed"),  # starts outside the marks
        (
            "“Yes” and then a long paraphrase of what he meant “no”",
            "“Yes” and then a long paraphrase of what he meant “no”",
            "mixed",  # starts and ends inside, but far under 90% inside
        ),
        ("He said “the plan” failed.", "the plan", "direct"),  # marks just outside
        ("He said “the plan” failed.", "the plan” failed", "mixed"),
        ("He said the plan would fail.", "the plan would fail", "indirect"),
        ("Reyes’s plan won’t work, he said.", "Reyes’s plan won’t work", "indirect"),
        ("He said voters’ worries grew.", "voters’ worries grew", "indirect"),
        ("He said it's 'fine'.", "it's 'fine'", "indirect"),  # straight ' is not a mark
    ],
)
def test_infer_quote_type(text: str, content: str, expected: str) -> None:
    assert infer_quote_type(text, [find(text, content)]) == expected


def test_infer_quote_type_discontinuous_direct() -> None:
    text = "“One thing,” said Varga. “Another thing.”"
    spans = [find(text, "“One thing,”"), find(text, "“Another thing.”")]
    assert infer_quote_type(text, spans) == "direct"


# ------------------------------------------------------------------------------------------
# matching


def pair_report(gold_content: str, predicted_content: str) -> EvalReport:
    text = f"{gold_content} || {predicted_content}"
    gold_span = (0, len(gold_content))
    pred_span = (len(gold_content) + 4, len(text))
    gold = GoldDocument("d", text, (gold_quote(text, [gold_span], "indirect"),))
    return score([gold], {"d": analysis(text, [quote([pred_span], "indirect")])})


@pytest.mark.parametrize(
    ("gold_content", "predicted_content", "matched"),
    [
        ("taxes will rise sharply", "taxes will fall slowly", True),  # 2 of 4: exactly half
        ("taxes will rise sharply", "taxes could fall slowly", False),  # 1 of 4: under half
        ("taxes will rise", "Taxes WILL rise, the mayor said", True),  # 3 of 6: exactly half
        ("taxes will rise", "taxes will rise, the mayor said today", False),  # 3 of 7
        ("no no no yes", "no yes yes yes", True),  # multiset intersection: {no, yes} = 2 of 4
        ("no maybe perhaps yes", "no no no no", False),  # 1 of 4
        ("Reyes’s plan", "reyes s plan", True),  # \w+ tokens, lowercased
        ("...", "...", False),  # empty bags never match
    ],
)
def test_half_token_bag_rule(gold_content: str, predicted_content: str, matched: bool) -> None:
    report = pair_report(gold_content, predicted_content)
    assert report.overall.matched == int(matched)
    assert report.overall.precision == float(matched)
    assert report.overall.recall == float(matched)


def test_matching_is_one_to_one() -> None:
    text = "we will build the wall. we will build the wall. we will build a wall."
    gold_span = find(text, "we will build the wall")
    dup = find(text, "we will build the wall", gold_span[1])
    other = find(text, "we will build a wall")
    gold = GoldDocument("d", text, (gold_quote(text, [gold_span]),))
    pred = analysis(text, [quote([dup], qid="p1"), quote([other], qid="p2")])
    report = score([gold], {"d": pred})
    assert (report.overall.gold, report.overall.predicted, report.overall.matched) == (1, 2, 1)
    assert report.overall.precision == 0.5
    assert report.overall.recall == 1.0
    assert report.overall.f1 == pytest.approx(2 / 3)


def test_matching_prefers_larger_intersection() -> None:
    # p matches both g_small (2 shared tokens) and g_big (4 shared): it goes to g_big.
    text = "alpha beta gamma delta | alpha beta | alpha beta gamma delta"
    g_big = find(text, "alpha beta gamma delta")
    g_small = find(text, "alpha beta", g_big[1])
    p = find(text, "alpha beta gamma delta", g_small[1])
    gold = GoldDocument("d", text, (gold_quote(text, [g_small]), gold_quote(text, [g_big])))
    report = score([gold], {"d": analysis(text, [quote([p])])})
    assert report.overall.matched == 1
    assert report.overall.recall == 0.5


def test_matching_breaks_ties_by_smaller_union() -> None:
    # p_ab ties with g_ab and g_abc (2 shared tokens each) but fits g_ab better.
    text = "alpha beta gamma | alpha beta | alpha beta | alpha beta gamma"
    g_abc = find(text, "alpha beta gamma")
    g_ab = find(text, "alpha beta", g_abc[1])
    p_ab = find(text, "alpha beta", g_ab[1])
    p_abc = find(text, "alpha beta gamma", p_ab[1])
    gold = GoldDocument("d", text, (gold_quote(text, [g_abc]), gold_quote(text, [g_ab])))
    pred = analysis(text, [quote([p_ab], qid="p1"), quote([p_abc], qid="p2")])
    assert score([gold], {"d": pred}).overall.f1 == 1.0


def test_predicted_text_comes_from_the_spans() -> None:
    text = "“A tax,” he said, “is a tax.”"
    spans = [find(text, "“A tax,”"), find(text, "“is a tax.”")]
    gold = GoldDocument("d", text, (gold_quote(text, spans),))
    # the whole run start..end would add "he said": the spans are what count
    report = score([gold], {"d": analysis(text, [quote(spans)])})
    assert report.overall.f1 == 1.0


def test_missing_prediction_counts_as_nothing() -> None:
    text = "She said taxes rose."
    span = find(text, "taxes rose")
    gold = [
        GoldDocument("a", text, (gold_quote(text, [span]),)),
        GoldDocument("b", text, (gold_quote(text, [span]),)),
    ]
    report = score(gold, {"a": analysis(text, [quote([span])], doc_id="a")})
    assert report.documents == 2
    assert (report.overall.gold, report.overall.predicted, report.overall.matched) == (2, 1, 1)
    assert report.overall.precision == 1.0
    assert report.overall.recall == 0.5


def test_empty_run_scores_zero() -> None:
    report = score([GoldDocument("a", "Nothing.", ())], {})
    assert report.overall.f1 == 0.0
    assert report.overall.precision == 0.0
    assert report.overall.source_accuracy == 0.0


# ------------------------------------------------------------------------------------------
# speakers

SOURCE_TEXT = (
    "The hydrologist Lena Varga said “the water plan matters a lot.” Tom Reyes spoke later."
    " Mr. L. Varga agreed."
)


def source_case(source: str, prediction: Quote, actors: Sequence[Actor] = ()) -> EvalReport:
    text = SOURCE_TEXT
    content = find(text, "“the water plan matters a lot.”")
    gold = GoldDocument("d", text, (gold_quote(text, [content], "direct", [find(text, source)]),))
    return score([gold], {"d": analysis(text, [prediction], actors)})


CONTENT = find(SOURCE_TEXT, "“the water plan matters a lot.”")
VARGA = find(SOURCE_TEXT, "Varga")
REYES = find(SOURCE_TEXT, "Tom Reyes")


@pytest.mark.parametrize(
    ("source", "prediction", "actors", "correct"),
    [
        # (a) the speaker span overlaps the gold source
        ("Lena Varga", quote([CONTENT], speaker_span=VARGA), (), True),
        ("Lena Varga", quote([CONTENT], speaker_span=REYES, speaker_text="X"), (), False),
        # (b) a mention of the speaker actor overlaps the gold source
        (
            "Lena Varga",
            quote([CONTENT], speaker="a1"),
            (Actor("a1", "Someone", "person", (), (REYES, VARGA)),),
            True,
        ),
        # (c) a shared content token between gold source and actor name / speaker_text
        (
            "Varga",
            quote([CONTENT], speaker="a1"),
            (Actor("a1", "Lena Varga", "person", (), ()),),
            True,
        ),
        ("Lena Varga", quote([CONTENT], speaker_text="Mr. Varga"), (), True),
        (
            "Lena Varga",
            quote([CONTENT], speaker="a1"),
            (Actor("a1", "P. C.", "person", ("Varga",), ()),),
            True,  # aliases count as names
        ),
        (
            "Lena Varga",
            quote([CONTENT], speaker="a1", speaker_span=REYES),
            (Actor("a1", "Tom Reyes", "person", (), (REYES,)),),
            False,
        ),
        # only determiners, honorifics or one-letter tokens in common: wrong
        ("The hydrologist", quote([CONTENT], speaker_text="the Rep. of the state"), (), False),
        ("Mr. L. Varga", quote([CONTENT], speaker_text="Mr. P. Smith"), (), False),
        ("The hydrologist", quote([CONTENT], speaker_text="hydrologist"), (), True),
        # no speaker at all: wrong
        ("Lena Varga", quote([CONTENT]), (), False),
    ],
)
def test_source_rules(
    source: str, prediction: Quote, actors: Sequence[Actor], correct: bool
) -> None:
    report = source_case(source, prediction, actors)
    assert report.overall.matched == 1
    assert report.overall.source_total == 1
    assert report.overall.source_correct == int(correct)
    assert report.overall.source_accuracy == float(correct)


PRONOUN_TEXT = "Varga spoke. He said “taxes will rise next year.”"


@pytest.mark.parametrize(
    ("prediction", "actors", "correct"),
    [
        (quote([find(PRONOUN_TEXT, "“taxes will rise next year.”")], speaker_text="he"), (), False),
        (
            quote([find(PRONOUN_TEXT, "“taxes will rise next year.”")], speaker="a1"),
            (Actor("a1", "He", "person", ("he",), (find(PRONOUN_TEXT, "Varga"),)),),
            False,  # a pronoun shared by name is no evidence
        ),
        (
            quote(
                [find(PRONOUN_TEXT, "“taxes will rise next year.”")],
                speaker_span=find(PRONOUN_TEXT, "He"),
            ),
            (),
            True,  # (a)
        ),
        (
            quote([find(PRONOUN_TEXT, "“taxes will rise next year.”")], speaker="a1"),
            (Actor("a1", "Varga", "person", (), ((0, 7), find(PRONOUN_TEXT, "He"))),),
            True,  # (b)
        ),
    ],
)
def test_pronoun_source_needs_offsets(
    prediction: Quote, actors: Sequence[Actor], correct: bool
) -> None:
    text = PRONOUN_TEXT
    content = find(text, "“taxes will rise next year.”")
    gold = GoldDocument("d", text, (gold_quote(text, [content], "direct", [find(text, "He")]),))
    report = score([gold], {"d": analysis(text, [prediction], actors)})
    assert report.overall.source_total == 1
    assert report.overall.source_correct == int(correct)


def test_gold_without_source_is_not_counted() -> None:
    text = SOURCE_TEXT
    gold = GoldDocument("d", text, (gold_quote(text, [CONTENT]),))
    report = score([gold], {"d": analysis(text, [quote([CONTENT])])})
    assert report.overall.matched == 1
    assert report.overall.source_total == 0
    assert report.overall.source_accuracy == 0.0


def test_offsets_are_not_compared_when_texts_differ() -> None:
    text = SOURCE_TEXT
    gold = GoldDocument("d", text, (gold_quote(text, [CONTENT], "direct", [VARGA]),))
    other = text + " Appendix."
    # rule (a) would hold on identical texts; here only names count, and "X" shares nothing
    pred = analysis(other, [quote([CONTENT], speaker_span=VARGA, speaker_text="X")])
    report = score([gold], {"d": pred})
    assert report.overall.matched == 1
    assert report.overall.source_correct == 0
    assert report.text_mismatch == ("d",)
    assert "differ from the gold text" in format_report(report)


# ------------------------------------------------------------------------------------------
# per type


def test_by_type_counts() -> None:
    text = (
        "“We will win the election,” she said. "
        "He said that wages have fallen for years. "
        "They called the debate “a total disaster” again. "
        "“Something nobody annotated at all,” he said."
    )
    direct = find(text, "“We will win the election,”")
    indirect = find(text, "that wages have fallen for years")
    mixed = find(text, "the debate “a total disaster”")
    extra = find(text, "“Something nobody annotated at all,”")
    gold = GoldDocument(
        "d",
        text,
        (
            gold_quote(text, [direct], "direct"),
            gold_quote(text, [indirect], "indirect"),
            gold_quote(text, [mixed], "mixed"),
        ),
    )
    pred = analysis(
        text,
        [
            quote([direct], "indirect", qid="p1"),  # matches the direct gold, typed wrong
            quote([indirect], "indirect", qid="p2"),
            quote([extra], "direct", qid="p3"),  # matches nothing
        ],
    )
    report = score([gold], {"d": pred})
    overall, by_type = report.overall, report.by_type
    assert (overall.gold, overall.predicted, overall.matched) == (3, 3, 2)
    assert set(by_type) == {"direct", "indirect", "mixed"}
    d, i, m = by_type["direct"], by_type["indirect"], by_type["mixed"]
    assert (d.gold, d.predicted, d.matched, d.precision, d.recall) == (1, 1, 1, 0.0, 1.0)
    assert d.f1 == 0.0
    assert (i.gold, i.predicted, i.matched, i.precision, i.recall) == (1, 2, 1, 1.0, 1.0)
    assert (m.gold, m.predicted, m.matched, m.precision, m.recall, m.f1) == (1, 0, 0, 0, 0, 0)


# ------------------------------------------------------------------------------------------
# self-scoring, rendering


def test_gold_against_itself_is_perfect(tmp_path: Path) -> None:
    write_polnear(tmp_path, {"art": (ARTICLE, {"4e07": article_ann()})})
    gold = load_brat(tmp_path)
    report = score(gold, {d.id: as_analysis(d) for d in gold})
    assert report.overall.f1 == 1.0
    assert report.overall.source_total == 2
    assert report.overall.source_accuracy == 1.0
    for name in ("direct", "indirect"):
        assert report.by_type[name].f1 == 1.0


def test_report_rendering() -> None:
    text = SOURCE_TEXT
    gold = GoldDocument("d", text, (gold_quote(text, [CONTENT], "direct", [VARGA]),))
    report = score([gold], {"d": analysis(text, [quote([CONTENT], speaker_span=VARGA)])})
    data = report_to_dict(report)
    assert json.loads(json.dumps(data)) == data
    assert data["documents"] == 1
    assert data["overall"]["f1"] == 1.0
    assert set(data["by_type"]) == {"direct", "indirect", "mixed"}
    assert data["by_type"]["direct"]["source_correct"] == 1
    table = format_report(report)
    assert "\x1b" not in table
    rows = table.splitlines()
    names = [row.split()[0] for row in rows[2:]]
    assert names == ["overall", "direct", "indirect", "mixed"]
    assert "1.000" in rows[2]


# ------------------------------------------------------------------------------------------
# JSON-lines gold


def test_load_jsonl_gold_round_trip(tmp_path: Path) -> None:
    text = "“A tax,” he said, “is a tax.” Varga said taxes rose."
    split = [find(text, "“A tax,”"), find(text, "“is a tax.”")]
    reported = find(text, "taxes rose")
    he = find(text, "he")
    first = quote(split, "direct", qid="q1", speaker_text="he", speaker_span=he)
    second = quote([reported], "indirect", qid="q2")
    row = analysis_to_dict(analysis(text, [first, second], doc_id="doc-1"))
    del row["quotes"][1]["spans"]  # optional: falls back to [[start, end]]
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(row) + "\n\n", encoding="utf-8")
    [doc] = load_jsonl_gold(path)
    assert doc.id == "doc-1"
    g1, g2 = doc.quotes
    assert g1.content_spans == tuple(split)
    assert g1.content_text == "“A tax,” “is a tax.”"
    assert (g1.source_spans, g1.source_text, g1.type) == ((he,), "he", "direct")
    assert (g2.content_spans, g2.source_spans, g2.source_text) == ((reported,), (), None)
    report = score([doc], {"doc-1": analysis(text, [first, second], doc_id="doc-1")})
    assert report.overall.f1 == 1.0
    assert report.overall.source_accuracy == 1.0


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ('{"id": "a", "text": "x"}\nnot json\n', ":2"),
        ("[1, 2]\n", ":1"),
        ('{"id": "a"}\n', ":1"),
        ('{"id": "a", "text": "abc", "quotes": [{"type": "odd", "start": 0, "end": 1}]}', ":1"),
        ('{"id": "a", "text": "abc", "quotes": [{"type": "direct", "start": 0, "end": 9}]}', ":1"),
        ('{"id": "a", "text": "abc", "quotes": [{"type": "direct", "spans": [[0]]}]}', ":1"),
        ('{"schema": "other/1", "id": "a", "text": "abc"}', ":1"),
        ("\n\n", "no documents"),
    ],
)
def test_load_jsonl_gold_errors(tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError) as info:
        load_jsonl_gold(path)
    message = str(info.value)
    assert str(path) in message
    assert needle in message
    assert "\n" not in message


def test_load_jsonl_gold_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="not found"):
        load_jsonl_gold(tmp_path / "absent.jsonl")


# ------------------------------------------------------------------------------------------
# the real PolNeAR dev set


def _ann_spans(path: Path) -> list[tuple[list[Span], str]]:
    """Every text-bound annotation of a .ann file, read independently of the module."""
    out: list[tuple[list[Span], str]] = []
    for line in path.read_text(encoding="utf-8").rstrip("\n").split("\n"):
        head = line.split("\t", 1)[0]
        if head[:1] in "TERAMN#" and head[1:].isdigit() and "\t" in line:
            if head.startswith("T"):
                _, middle, span_text = line.split("\t", 2)
                offsets = middle.split(" ", 1)[1]
                spans = [(int(a), int(b)) for a, b in (p.split() for p in offsets.split(";"))]
                out.append((spans, span_text))
            continue
        # continuation of a span text that contains a newline
        spans, span_text = out[-1]
        out[-1] = (spans, span_text + "\n" + line)
    return out


@pytest.mark.data
@pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason="PolNeAR dev data is absent")
def test_polnear_dev() -> None:
    gold = load_brat(POLNEAR_DEV)
    assert len(gold) == 84
    total = sum(len(d.quotes) for d in gold)
    assert 1500 <= total <= 2400, total
    assert {q.type for d in gold for q in d.quotes} == {"direct", "indirect", "mixed"}
    for doc in gold:
        ann = sorted((POLNEAR_DEV / "attributions").glob(f"{doc.id}_*.ann"))[0]
        for spans, span_text in _ann_spans(ann):
            assert " ".join(doc.text[s:e] for s, e in spans) == span_text, (ann.name, spans)
        for g in doc.quotes:
            assert g.content_text == " ".join(doc.text[s:e] for s, e in g.content_spans)
    report = score(gold, {d.id: as_analysis(d) for d in gold})
    assert report.overall.f1 == 1.0
    assert report.overall.source_accuracy == 1.0
