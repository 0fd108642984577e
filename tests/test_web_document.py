"""What a document page shows, from a reviewed document built by hand (``web.document``)."""

from __future__ import annotations

from typing import Any

from stancegraph.corpus.review import ReviewedDocument, ReviewItem
from stancegraph.types import Actor
from stancegraph.web.document import document_view

TEXT = 'Ann said "Yes." Bob said "No." Cat said "Maybe." The city sued the port.'


def _at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def _quote(speaker: str, words: str, status: str = "unreviewed") -> ReviewItem:
    start, end = _at(words)
    who = _at(speaker.capitalize())
    current: dict[str, Any] = {
        "type": "direct", "text": words, "start": start, "end": end, "spans": [[start, end]],
        "cue_start": who[1] + 1, "cue_end": who[1] + 5, "speaker": speaker,
        "speaker_text": speaker.capitalize(), "speaker_start": who[0], "speaker_end": who[1],
    }  # fmt: skip
    return ReviewItem(
        "quote", f"quote:{start}-{end}", "q", status, current, current, 0.9, "r", None
    )


def _document(*items: ReviewItem) -> ReviewedDocument:
    actors = tuple(
        Actor(name.lower(), name, "person", (), (_at(name),)) for name in ("Ann", "Bob", "Cat")
    ) + (Actor("city", "city", "organization", (), (_at("city"),)),)
    return ReviewedDocument("/d", "d", "T", None, None, TEXT, actors, items, "unreviewed", (), ())


def test_each_speaker_has_its_own_colour_class() -> None:
    view = document_view(
        _document(_quote("ann", "Yes."), _quote("bob", "No."), _quote("cat", "Maybe."))
    )
    assert view.speakers == 3
    assert [i.colour for i in view.items] == ["sp-0", "sp-1", "sp-2"]
    classes = {s.text: s.classes.split() for s in view.segments}
    assert "sp-0" in classes["Yes."] and "sp-1" in classes["No."] and "sp-2" in classes["Maybe."]
    assert "cue" in classes["said"]
    assert {a.id: a.colour for a in view.actors} == {
        "ann": "sp-0",
        "bob": "sp-1",
        "cat": "sp-2",
        "city": "",
    }


def test_the_speakers_mention_carries_the_item_and_the_actor() -> None:
    view = document_view(_document(_quote("bob", "No.")))
    bob = next(s for s in view.segments if s.text == "Bob")
    assert bob.items == "0" and bob.actors == "bob" and "speaker" in bob.classes.split()
    assert "".join(s.text for s in view.segments) == TEXT


def test_a_rejected_quote_is_marked_and_its_status_shown() -> None:
    view = document_view(_document(_quote("ann", "Yes.", status="rejected")))
    assert "rejected" in next(s for s in view.segments if s.text == "Yes.").classes.split()
    assert view.items[0].status == "rejected"


def test_an_event_names_its_source_and_target() -> None:
    sentence = _at("The city sued the port.")
    current = {
        "type": "ACCUSE", "mode": [], "trigger": "sued", "trigger_start": _at("sued")[0],
        "trigger_end": _at("sued")[1], "sentence_start": sentence[0], "sentence_end": sentence[1],
        "source": {"actor": "city", "text": "The city", "start": sentence[0], "end": sentence[0] + 8},
        "target": {"actor": None, "text": "the port", "start": _at("the port")[0], "end": _at("the port")[1]},
    }  # fmt: skip
    item = ReviewItem("event", "event:x", "e1", "unreviewed", current, current, 0.5, "rule", None)
    view = document_view(_document(item))
    assert view.items[0].who == "city → the port"
    assert view.items[0].label == "ACCUSE: sued"
    assert "trigger" in next(s for s in view.segments if s.text == "sued").classes.split()


def test_an_added_item_has_no_confidence_and_shows_the_name_given() -> None:
    start, end = _at("The city sued the port.")
    current = {"type": "indirect", "text": "", "start": start, "end": end, "speaker": None,
               "speaker_name": "Dan"}  # fmt: skip
    item = ReviewItem("quote", "added:quote:7", None, "added", None, current, None, "review", None)
    view = document_view(_document(item))
    assert view.items[0].who == "Dan" and view.items[0].confidence is None
    assert view.data["items"][0]["key"] == "added:quote:7"
