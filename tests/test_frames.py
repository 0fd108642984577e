"""pandas DataFrames of analyses and of the corpus store (``formats.frames``, ``Store.frame``).

The articles are invented. Tests of frames made from the pipeline's analyses need the spaCy
pipeline (marked ``model``); the column, dtype and empty-input tests use analyses built by hand.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

import stancegraph
from stancegraph.corpus.store import QueryFilter, Store
from stancegraph.formats.frames import COLUMNS, FRAME_KINDS, Frames, rows_to_frame, to_frames
from stancegraph.types import Actor, Analysis, Document, Event, Participant, Quote, Statement

PORT = (
    "The city council of Port Aldwick on Tuesday rejected the port expansion. "
    '"This is a sad day for the port," said Mayor Helena Brandt. '
    "Councillor Omar Haddad said the council would not approve the expansion. "
    "Brandt accused the opposition of scaring residents."
)
BUDGET = (
    'Finance minister Lena Okafor said the new budget "will protect every pension in the '
    'country." The opposition leader, Tomas Reyes, criticised the plan on Monday.'
)


@pytest.fixture(scope="module")
def analyses() -> list[Analysis]:
    documents = [
        Document(id="a-port", text=PORT, title="Port plan rejected", date="2024-03-05"),
        Document(id="b-budget", text=BUDGET, title="Budget", date="2024-04-02"),
    ]
    return list(stancegraph.analyze(documents))


@pytest.fixture(scope="module")
def frames(analyses: list[Analysis]) -> Frames:
    return to_frames(analyses)


def _by_document(analyses: list[Analysis]) -> dict[str, Analysis]:
    return {a.document.id: a for a in analyses}


@pytest.mark.model
def test_one_row_per_fact_in_input_order(analyses: list[Analysis], frames: Frames) -> None:
    assert list(frames.documents["document"]) == ["a-port", "b-budget"]
    for kind in ("actors", "quotes", "statements", "events"):
        expected = [(a.document.id, item.id) for a in analyses for item in getattr(a, kind)]
        frame = getattr(frames, kind)
        id_column = kind.removesuffix("s")
        assert list(zip(frame["document"], frame[id_column], strict=True)) == expected, kind
        assert list(frames.documents[kind]) == [len(getattr(a, kind)) for a in analyses]
    # the article has a quote, a statement and an event
    assert min(len(frames.quotes), len(frames.statements), len(frames.events)) > 0
    assert list(frames.documents["chars"]) == [len(PORT), len(BUDGET)]


@pytest.mark.model
def test_offsets_index_into_the_text(analyses: list[Analysis], frames: Frames) -> None:
    texts = {a.document.id: a.document.text for a in analyses}
    for row in frames.quotes.itertuples():
        text = texts[row.document]
        if len(row.spans) == 1:
            assert text[row.start : row.end] == row.text
        if row.cue is not pd.NA:
            assert text[row.cue_start : row.cue_end] == row.cue
        if row.speaker_text is not pd.NA:
            assert text[row.speaker_start : row.speaker_end] == row.speaker_text
    for row in frames.events.itertuples():
        text = texts[row.document]
        assert text[row.trigger_start : row.trigger_end] == row.trigger
        assert row.sentence_start <= row.trigger_start < row.trigger_end <= row.sentence_end
        if row.source_text is not pd.NA:
            assert text[row.source_start : row.source_end] == row.source_text
    for row in frames.statements.itertuples():
        assert 0 <= row.start < row.end <= len(texts[row.document])
    found = _by_document(analyses)
    for row in frames.actors.itertuples():
        mentions = found[row.document].actor(row.actor).mentions  # type: ignore[union-attr]
        assert row.mentions == len(mentions)
        if mentions:
            assert (row.start, row.end) == min(mentions)


@pytest.mark.model
def test_rows_carry_the_names_of_their_actors(analyses: list[Analysis], frames: Frames) -> None:
    found = _by_document(analyses)

    def name(document: str, actor: object) -> object:
        if actor is pd.NA:
            return pd.NA
        item = found[document].actor(str(actor))
        return item.name if item else pd.NA

    for row in frames.quotes.itertuples():
        assert str(row.speaker_name) == str(name(row.document, row.speaker))
    for row in frames.statements.itertuples():
        assert str(row.actor_name) == str(name(row.document, row.actor))
    for row in frames.events.itertuples():
        assert str(row.source_name) == str(name(row.document, row.source_actor))
        assert str(row.target_name) == str(name(row.document, row.target_actor))
    sad = frames.quotes[frames.quotes["text"].str.contains("sad day")]
    assert list(sad["speaker_name"]) == ["Helena Brandt"]


@pytest.mark.model
def test_frames_join_on_document_and_id(frames: Frames) -> None:
    coded = frames.statements.dropna(subset=["quote"])
    joined = coded.merge(
        frames.quotes[["document", "quote", "speaker_name"]], on=["document", "quote"]
    )
    assert len(joined) == len(coded) > 0
    assert (joined["actor_name"] == joined["speaker_name"]).all()


@pytest.mark.model
def test_the_store_gives_the_same_rows(analyses: list[Analysis], store: Store) -> None:
    for analysis in analyses:
        store.put_analysis(analysis, extractor="test")
    frames = to_frames(analyses)
    for kind in ("quotes", "statements", "events"):
        pdt.assert_frame_equal(store.frame(kind), getattr(frames, kind), check_exact=True)
    brandt = store.frame("quotes", QueryFilter(actor="Brandt"))
    expected = frames.quotes[frames.quotes["speaker_name"] == "Helena Brandt"]
    pdt.assert_frame_equal(brandt, expected.reset_index(drop=True))
    assert len(brandt) > 0


def _hand_made() -> Analysis:
    text = '"We will build it," said Mayor Helena Brandt. Someone rejected the plan.'
    document = Document(id="hand", text=text, date="2024-03-01", source="hand.txt")
    brandt = Actor("a1", "Helena Brandt", "person", ("Brandt",), ((31, 44), (25, 44)), "Mayor")
    quote = Quote(
        "q1", "direct", "We will build it", 1, 17, ((1, 17),), "said", 20, 24, "a1",
        "Mayor Helena Brandt", 25, 44, 0.9, "test",
    )  # fmt: skip
    unsaid = Quote(
        "q2", "indirect", "the plan", 63, 71, ((63, 71),), None, None, None, None, None, None,
        None, 0.4, "test",
    )  # fmt: skip
    statement = Statement("s1", None, "plan", "plan", "oppose", 46, 72, None, 0.5, "test")
    event = Event(
        id="e1", type="REJECT", base_type="REJECT", mode=("reported",), plover_mode=None,
        source=Participant(None, "Someone", 46, 53), target=None, trigger="rejected",
        trigger_start=54, trigger_end=62, sentence_start=46, sentence_end=72, date=None,
        date_text=None, location=None, location_start=None, location_end=None, quad_class=3,
        score=-4.0, confidence=0.8, extractor="test",
    )  # fmt: skip
    return Analysis(document, (brandt,), (quote, unsaid), (statement,), (event,))


def _columns(frame: pd.DataFrame) -> list[tuple[str, str]]:
    return [(name, str(dtype)) for name, dtype in frame.dtypes.items()]


def test_empty_input_gives_empty_frames_with_every_column() -> None:
    frames = to_frames([])
    assert [kind for kind, _ in frames] == list(FRAME_KINDS)
    for kind, frame in frames.as_dict().items():
        assert frame.empty
        assert _columns(frame) == list(COLUMNS[kind]), kind
    for kind in ("quotes", "statements", "events"):
        assert _columns(rows_to_frame([], kind)) == list(COLUMNS[kind])


def test_columns_and_dtypes_do_not_depend_on_the_rows() -> None:
    frames = to_frames([_hand_made()])
    for kind, frame in frames:
        assert len(frame) > 0
        assert _columns(frame) == list(COLUMNS[kind]), kind


def test_missing_values_are_na_and_lists_stay_lists() -> None:
    frames = to_frames([_hand_made()])
    unsaid = frames.quotes.iloc[1]
    assert unsaid["speaker"] is pd.NA and unsaid["speaker_name"] is pd.NA
    assert unsaid["cue_start"] is pd.NA
    assert frames.statements.iloc[0]["actor_name"] is pd.NA
    event = frames.events.iloc[0]
    assert event["source_text"] == "Someone" and event["source_name"] is pd.NA
    assert event["target_text"] is pd.NA and event["target_start"] is pd.NA
    assert event["date"] == "2024-03-01"  # no date of its own: the article's
    assert event["mode"] == ["reported"]
    actor = frames.actors.iloc[0]
    assert (actor["mentions"], actor["start"], actor["end"]) == (2, 25, 44)
    assert actor["aliases"] == ["Brandt"]
    assert frames.documents.iloc[0]["source"] == "hand.txt"


def test_frames_survive_parquet(tmp_path: Path) -> None:
    frames = to_frames([_hand_made()])
    for kind, frame in frames:
        path = tmp_path / f"{kind}.parquet"
        frame.to_parquet(path)
        back = pd.read_parquet(path)
        flat = [name for name, dtype in COLUMNS[kind] if dtype != "object"]
        pdt.assert_frame_equal(back[flat], frame[flat])


def test_rows_to_frame_names_the_kinds_it_knows() -> None:
    with pytest.raises(ValueError, match="'actors'"):
        rows_to_frame([], "actors")  # type: ignore[arg-type]


def test_to_frames_is_public() -> None:
    assert stancegraph.to_frames is to_frames
    assert "to_frames" in stancegraph.__all__
