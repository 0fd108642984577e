"""Review decisions without a database: checking values, item keys, applying decisions, orphans,
review state and the machine's precision (``stancegraph.corpus.review``, ``review_items`` and
``review_precision``)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from stancegraph.corpus.review import (
    Decision,
    ReviewError,
    check_decision,
    effective,
    item_key,
    review_state,
)
from stancegraph.corpus.review_items import document_items, orphans, resolve
from stancegraph.corpus.review_precision import precision
from stancegraph.types import Actor

TEXT = '"We will build it," said Mayor Helena Brandt. The council rejected the port plan.'
BRANDT = Actor("a1", "Helena Brandt", "person", ("Brandt",), ((25, 44),))
COUNCIL = Actor("a2", "council", "organization", (), ((50, 57),))
ACTORS = (BRANDT, COUNCIL)
QUOTE: dict[str, Any] = {
    "id": "q1", "type": "direct", "text": "We will build it", "start": 1, "end": 17,
    "spans": [[1, 17]], "cue": "said", "cue_start": 19, "cue_end": 23, "speaker": "a1",
    "speaker_text": "Mayor Helena Brandt", "speaker_start": 25, "speaker_end": 44,
    "confidence": 0.9, "extractor": "quotes.direct",
}  # fmt: skip
STATEMENT: dict[str, Any] = {
    "id": "s1", "actor": "a2", "concept": "port_plan", "concept_label": "port plan",
    "agreement": "oppose", "start": 46, "end": 81, "quote": None, "confidence": 0.6,
    "extractor": "stance.clause",
}  # fmt: skip
EVENT: dict[str, Any] = {
    "id": "e1", "type": "REJECT", "base_type": "REJECT", "mode": [], "plover_mode": None,
    "source": {"actor": "a2", "text": "The council", "start": 46, "end": 57, "country": None,
               "sector": "government"},
    "target": None, "trigger": "rejected", "trigger_start": 58, "trigger_end": 66,
    "sentence_start": 46, "sentence_end": 81, "date": None, "date_text": None, "location": None,
    "location_start": None, "location_end": None, "quad_class": 3, "score": -4.0,
    "confidence": 0.8, "extractor": "events.verb",
}  # fmt: skip


def _d(n: int, kind: str, item: str, action: str, value: dict[str, Any] | None = None) -> Decision:
    return Decision(n, "a.txt", kind, item, action, value or {}, "ann", f"2026-01-01T00:00:{n:02d}")


def test_item_keys_name_the_span_and_what_the_machine_found() -> None:
    assert item_key("quote", QUOTE) == "quote:1-17"
    assert item_key("statement", STATEMENT) == "statement:46-81:port_plan"
    assert item_key("event", EVENT) == "event:46-81:REJECT:rejected"
    long = item_key("statement", {**STATEMENT, "concept": "x" * 400})
    assert len(long) == 300 and long != item_key("statement", {**STATEMENT, "concept": "x" * 401})


@pytest.mark.parametrize(
    ("kind", "item", "action", "value", "problem"),
    [
        ("speech", "quote:1-2", "accept", None, "no item kind 'speech'"),
        ("quote", "quote:1-2", "approve", None, "no action 'approve'"),
        ("quote", "quote:1-2", "done", None, "'done' is for a whole document"),
        ("document", "document", "accept", None, "a document decision is 'done' or 'reopen'"),
        ("quote", "statement:1-2:x", "accept", None, "not the key of a quote"),
        ("quote", "quote:1-2", "accept", {"type": "direct"}, "'accept' takes no value"),
        ("quote", "quote:1-2", "edit", None, "an edit needs the quote's fields"),
        ("quote", "quote:1-2", "edit", {"kind": "direct"}, "a quote has no field 'kind'"),
        ("quote", "quote:1-2", "edit", {"type": "shouted"}, "a quote type is one of"),
        ("quote", "quote:1-2", "edit", {"start": 9, "end": 3}, "must end after it starts"),
        ("quote", "quote:1-2", "edit", {"start": True}, "start must be a character offset"),
        ("quote", "quote:1-2", "edit", {"speaker": {"start": 1}}, "speaker is null or an object"),
        ("statement", "statement:1-2:x", "edit", {"agreement": "maybe"}, "agreement is support"),
        ("event", "event:1-2:AID:x", "edit", {"type": "PARTY"}, "an event type is one of"),
        ("quote", "quote:1-2", "add", {"type": "direct"}, "is item 'added:quote:new'"),
        ("quote", "added:quote:new", "add", {"type": "direct"}, "an added quote needs start, end"),
        ("quote", None, "accept", None, "an item key is a string"),
        ("quote", "quote:1-2", "edit", [("type", "direct")], "value is an object of fields"),
    ],
)
def test_a_malformed_decision_is_one_line(
    kind: str, item: Any, action: str, value: Any, problem: str
) -> None:
    with pytest.raises(ReviewError, match=problem) as caught:
        check_decision(kind, item, action, value)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_a_checked_value_normalises_dna_agreement_words() -> None:
    value = {"agreement": "yes", "concept": " port_jobs "}
    assert check_decision("statement", "statement:1-2:x", "edit", value) == {
        "agreement": "support",
        "concept": "port_jobs",
    }


def test_the_latest_decision_of_an_item_wins() -> None:
    history = [_d(1, "quote", "quote:1-17", "reject"), _d(2, "quote", "quote:1-17", "accept")]
    assert effective(reversed(history))["quote:1-17"].action == "accept"


def test_a_final_decision_wins_over_later_decisions_that_are_not_final() -> None:
    final = replace(_d(2, "quote", "quote:1-17", "reject"), coder="admin", final=True)
    history = [
        _d(1, "quote", "quote:1-17", "accept"),
        final,
        _d(3, "quote", "quote:1-17", "accept"),
    ]
    assert effective(history)["quote:1-17"] == final
    later = replace(_d(4, "quote", "quote:1-17", "accept"), final=True)
    assert effective([*history, later])["quote:1-17"] == later


def test_a_mention_span_resolves_to_the_actor_holding_it() -> None:
    assert resolve({"start": 25, "end": 44, "name": "x"}, ACTORS) is BRANDT
    assert resolve({"start": 31, "end": 44, "name": "x"}, ACTORS) is BRANDT  # overlap
    assert resolve({"start": 0, "end": 5, "name": "x"}, ACTORS) is None


def test_decisions_set_each_items_status_and_current_value() -> None:
    history = [
        _d(1, "quote", "quote:1-17", "accept"),
        _d(2, "quote", "quote:1-17", "edit", {"speaker": {"start": 46, "end": 57, "name": "Th"}}),
        _d(3, "statement", "statement:46-81:port_plan", "reject"),
    ]
    [quote] = document_items("quote", [QUOTE], history, TEXT, ACTORS)
    assert (quote.status, quote.decision and quote.decision.id) == ("edited", 2)
    assert quote.current["speaker"] == "a2" and quote.current["speaker_name"] == "council"
    assert quote.current["speaker_text"] == "The council" and quote.machine == QUOTE
    [statement] = document_items("statement", [STATEMENT], history, TEXT, ACTORS)
    assert statement.status == "rejected" and statement.current["actor_name"] == "council"
    [event] = document_items("event", [EVENT], history, TEXT, ACTORS)
    assert (event.status, event.decision, event.confidence, event.rule) == (
        "unreviewed", None, 0.8, "events.verb",
    )  # fmt: skip


def test_clear_puts_an_item_back_to_unreviewed() -> None:
    history = [_d(1, "quote", "quote:1-17", "reject"), _d(2, "quote", "quote:1-17", "clear")]
    [quote] = document_items("quote", [QUOTE], history, TEXT, ACTORS)
    assert (quote.status, quote.decision) == ("unreviewed", None)


def test_a_quote_edit_keeps_its_pieces_unless_the_span_changes() -> None:
    pieces = {**QUOTE, "spans": [[1, 8], [10, 17]], "text": "We will build it"}
    same = {"type": "indirect", "start": 1, "end": 17}
    [quote] = document_items(
        "quote", [pieces], [_d(1, "quote", "quote:1-17", "edit", same)], TEXT, ACTORS
    )
    assert quote.current["spans"] == [[1, 8], [10, 17]] and quote.current["type"] == "indirect"
    assert quote.current["text"] == "We will build it"
    [quote] = document_items(
        "quote", [pieces], [_d(1, "quote", "quote:1-17", "edit", {"start": 4})], TEXT, ACTORS
    )
    assert quote.current["spans"] == [[4, 17]] and quote.current["text"] == "will build it"


def test_an_unresolved_speaker_keeps_the_name_the_coder_gave() -> None:
    value = {"speaker": {"start": 0, "end": 3, "name": "Someone"}}
    [quote] = document_items(
        "quote", [QUOTE], [_d(1, "quote", "quote:1-17", "edit", value)], TEXT, ACTORS
    )
    assert (quote.current["speaker"], quote.current["speaker_name"]) == (None, "Someone")


def test_added_items_take_their_values_and_later_edits() -> None:
    added = {"type": "indirect", "start": 46, "end": 81, "speaker": None}
    history = [
        _d(4, "quote", "added:quote:4", "add", added),
        _d(5, "quote", "added:quote:4", "edit", {"speaker": {"start": 50, "end": 57, "name": "c"}}),
        _d(6, "event", "added:event:6", "add", {"type": "AID", "start": 71, "end": 75}),
        _d(7, "event", "added:event:6", "reject"),
    ]
    quotes = document_items("quote", [QUOTE], history, TEXT, ACTORS)
    assert [q.key for q in quotes] == ["quote:1-17", "added:quote:4"]
    new = quotes[1]
    assert (new.status, new.machine, new.machine_id, new.rule) == ("added", None, None, "review")
    assert new.current["text"] == "The council rejected the port plan."
    assert new.current["speaker"] == "a2" and new.current["type"] == "indirect"
    [_, event] = document_items("event", [EVENT], history, TEXT, ACTORS)
    assert event.status == "rejected" and event.current["trigger"] == "port"
    assert event.current["quad_class"] == 2  # AID: material cooperation


def test_an_event_edit_changes_type_mode_participants_and_its_score() -> None:
    value = {"type": "ACCUSE", "mode": None, "target": {"start": 71, "end": 80, "name": "plan"}}
    [event] = document_items(
        "event", [EVENT], [_d(1, "event", item_key("event", EVENT), "edit", value)], TEXT, ACTORS
    )
    assert event.current["type"] == "ACCUSE" and event.current["quad_class"] == 3
    assert (
        event.current["target"]["text"] == "port plan" and event.current["target"]["actor"] is None
    )
    assert event.current["source"] == EVENT["source"] and event.current["score"] != EVENT["score"]


def test_a_decision_on_a_vanished_item_is_an_orphan() -> None:
    history = [
        _d(1, "quote", "quote:1-17", "accept"),
        _d(2, "quote", "quote:3-9", "reject"),
        _d(3, "quote", "quote:20-30", "accept"),
        _d(4, "quote", "quote:20-30", "clear"),
        _d(5, "quote", "added:quote:5", "add", {"type": "direct", "start": 1, "end": 4}),
    ]
    assert [d.id for d in orphans(["quote:1-17"], history)] == [2]


@pytest.mark.parametrize(
    ("actions", "state"),
    [
        ([], "unreviewed"),
        ([("document", "reopen")], "unreviewed"),
        ([("quote", "accept")], "in progress"),
        ([("quote", "accept"), ("document", "done")], "done"),
        ([("document", "done"), ("document", "reopen"), ("quote", "accept")], "in progress"),
    ],
)
def test_review_state(actions: list[tuple[str, str]], state: str) -> None:
    history = [
        _d(n, kind, "document" if kind == "document" else "quote:1-17", action)
        for n, (kind, action) in enumerate(actions, 1)
    ]
    assert review_state(history) == state


def test_precision_counts_what_the_coder_judged_right_and_wrong() -> None:
    other = {**QUOTE, "id": "q2", "start": 46, "end": 81, "extractor": "quotes.indirect"}
    third = {**QUOTE, "id": "q3", "start": 60, "end": 70}
    history = [
        _d(1, "quote", "quote:1-17", "edit", {"speaker": {"start": 46, "end": 57, "name": "c"}}),
        _d(2, "quote", "quote:46-81", "reject"),
        _d(3, "quote", "quote:60-70", "accept"),
        _d(4, "statement", "statement:46-81:port_plan", "edit", {"agreement": "oppose"}),
        _d(5, "quote", "added:quote:5", "add", {"type": "direct", "start": 1, "end": 4}),
    ]
    items = document_items("quote", [QUOTE, other, third], history, TEXT, ACTORS)
    items += document_items("statement", [STATEMENT], history, TEXT, ACTORS)
    items += document_items("event", [EVENT], history, TEXT, ACTORS)
    found = precision(items)
    score = {k: (s.decided, s.correct) for k, s in found.by_kind.items()}
    assert score == {"quote": (3, 2), "speaker": (2, 1), "statement": (1, 1), "event": (0, 0)}
    assert found.by_kind["quote"].precision == pytest.approx(2 / 3)
    assert found.by_kind["event"].precision is None
    assert {r: (s.decided, s.correct) for r, s in found.by_rule["quote"].items()} == {
        "quotes.direct": (2, 2),
        "quotes.indirect": (1, 0),
    }
