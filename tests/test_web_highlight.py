"""Highlighted text from offsets, and the speaker palette (``stancegraph.web.highlight``)."""

from __future__ import annotations

import re

import pytest

from stancegraph.web.highlight import Mark, Segment, palette_css, segments, speaker_palette


def test_segments_cut_the_text_at_every_boundary() -> None:
    text = "Brandt said it was a sad day."
    marks = [
        Mark(12, 28, ("quote", "sp-0"), (0,)),
        Mark(7, 11, ("cue",), (0,)),
        Mark(0, 6, ("mention",), (), ("a1",)),
        Mark(19, 28, ("evidence",), (1,)),
    ]
    got = segments(text, marks)
    assert "".join(s.text for s in got) == text
    assert got == [
        Segment("Brandt", "mention", "", "a1", 0),
        Segment(" ", start=6),
        Segment("said", "cue", "0", start=7),
        Segment(" ", start=11),
        Segment("it was ", "quote sp-0", "0", start=12),
        Segment("a sad day", "evidence quote sp-0", "0 1", start=19),
        Segment(".", start=28),
    ]
    assert got[1].plain and not got[0].plain


@pytest.mark.parametrize(
    "mark",
    [Mark(5, 5), Mark(7, 3), Mark(-2, 4), Mark(40, 50)],
    ids=["empty", "backwards", "negative", "past the end"],
)
def test_marks_outside_the_text_or_empty_are_dropped(mark: Mark) -> None:
    assert segments("short text", [mark]) == [Segment("short text")]


def test_a_mark_running_past_the_end_is_clipped() -> None:
    assert segments("abc", [Mark(1, 99, ("q",))]) == [Segment("a"), Segment("bc", "q", start=1)]


def test_each_segment_starts_where_python_counts_it() -> None:
    text = "👍🏽 Brandt said ok"  # emoji are two UTF-16 units each, one code point
    got = segments(text, [Mark(text.index("said"), text.index("said") + 4, ("cue",))])
    assert [(s.text, s.start) for s in got] == [("👍🏽 Brandt ", 0), ("said", 10), (" ok", 14)]


def test_an_empty_text_has_no_segments() -> None:
    assert segments("", [Mark(0, 3, ("q",))]) == []


def test_nested_and_overlapping_marks_keep_every_item() -> None:
    got = segments("abcdef", [Mark(0, 4, (), (1,)), Mark(2, 6, (), (2,)), Mark(1, 3, (), (3,))])
    assert [(s.text, s.items) for s in got] == [
        ("a", "1"),
        ("b", "1 3"),
        ("c", "1 2 3"),
        ("d", "1 2"),
        ("ef", "2"),
    ]


@pytest.mark.parametrize("count", [1, 2, 3, 7, 12, 13, 25, 60, 300])
def test_every_speaker_gets_its_own_colour(count: int) -> None:
    colours = speaker_palette(count)
    assert len(colours) == count
    assert len(set(colours)) == count
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)


def test_neighbouring_speakers_are_far_apart_in_hue() -> None:
    import colorsys

    hues = [
        colorsys.rgb_to_hls(*(int(c[i : i + 2], 16) / 255 for i in (1, 3, 5)))[0]
        for c in speaker_palette(8)
    ]
    gaps = [min(abs(a - b), 1 - abs(a - b)) for a, b in zip(hues, hues[1:], strict=False)]
    assert min(gaps) > 0.2


def test_the_palette_stylesheet_has_a_class_per_speaker() -> None:
    css = palette_css(3)
    assert [m for m in re.findall(r"\.(sp-\d+)\{", css)] == ["sp-0", "sp-1", "sp-2"]
    assert palette_css(0) == "\n"
