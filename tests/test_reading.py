"""Tests of stancegraph.read: formats, bad inputs, cleaning."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import SHARED_DATA
from stancegraph.errors import InputError
from stancegraph.read import clean as cleaning
from stancegraph.read import inputs as reading
from stancegraph.read.inputs import clean_text, document_from_text, read_inputs, read_path
from stancegraph.types import Document, ReadFailure

DATA = SHARED_DATA
WIKINEWS_2019 = DATA / "wikinews" / "wikinews_2019.csv"

BODY = "The Senate passed the bill on Friday.\n\nCritics said it would raise the deficit."


def _write(path: Path, content: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return str(path)


def _read(path: str, *, max_chars: int = 1_000_000, clean: bool = True) -> list[Any]:
    return list(read_path(path, max_chars=max_chars, clean=clean))


def _one_doc(path: str, *, max_chars: int = 1_000_000, clean: bool = True) -> Document:
    results = _read(path, max_chars=max_chars, clean=clean)
    assert len(results) == 1
    assert isinstance(results[0], Document), results[0]
    return results[0]


def _one_failure(path: str, *, max_chars: int = 1_000_000) -> ReadFailure:
    results = _read(path, max_chars=max_chars)
    assert len(results) == 1
    assert isinstance(results[0], ReadFailure), results[0]
    return results[0]


# ------------------------------------------------------------------------------------------
# clean_text
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("a\u00a0\u00a0b\t\tc\u2009d\u3000e", "a b c d e"),
        ("  lead  \n\n\n\n\n  next para  ", "lead\n\nnext para"),
        ("zero\u200bwidth\u200d join\ufeff", "zerowidth join"),
        ("para one\nsame para\n\npara two", "para one\nsame para\n\npara two"),
        ("line   \n   \t \n line", "line\n\nline"),
        ("first\u2029second\u2028third", "first\n\nsecond\nthird"),
        ("\n\n   \n", ""),
    ],
)
def test_clean_text_normalises_whitespace(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Friday, January 4, 2019",
        "Friday, January 4, 2019\u00a0",
        "March 5, 2021",
        "2021-03-05",
        "Published 10:32 AM ET, Fri March 5, 2021",
        "Updated 3 hours ago",
        "Updated: 5 March 2021 14:02 GMT",
        "Posted on 12/03/2020",
        "Last modified on Tue 9 Mar 2021 10.00 GMT",
        "Photo: Reuters",
        "(Photo by Chip Somodevilla/Getty Images)",
        "Chip Somodevilla/Getty Images",
        "Image copyright Getty Images",
        "AP Photo/Evan Vucci",
        "Credit: Jane Doe for The Daily",
        "Share this article",
        "Share on Facebook",
        "Share",
        "Click here to subscribe",
        "Sign up for our newsletter to get the latest news",
        "Follow us on Twitter",
        "Advertisement",
        "Story continues below advertisement",
        "Read more: Senate passes budget",
        "Related: How the vote unfolded",
        "Copyright \u00a9 2021 The Daily. All rights reserved.",
        "\u00a9 2021 The Daily",
        "Protesters at the march. Image: Andrew Gray.",
        "Sirhan in 1969 (Image: CDCR)",
        '"No more cuts" banner outside the ministry. Image: Tom Hale (flickr).',
    ],
)
def test_clean_text_drops_boilerplate_lines(line: str) -> None:
    text = f"The minister resigned on Monday.\n\n{line}\n\nHer deputy takes over."
    assert clean_text(text) == "The minister resigned on Monday.\n\nHer deputy takes over."


@pytest.mark.parametrize(
    ("paragraph", "cleaned"),
    [
        ("NEW YORK (AP) \u2014 The senator spoke.", "The senator spoke."),
        ("WASHINGTON \u2014 A spokesman said no.", "A spokesman said no."),
        ("LONDON, March 3 (Reuters) - The pound fell.", "The pound fell."),
        ("NATO - the alliance said no.", "NATO - the alliance said no."),
        (
            "The US \u2014 and its allies \u2014 said no.",
            "The US \u2014 and its allies \u2014 said no.",
        ),
    ],
)
def test_clean_text_drops_a_dateline_before_a_paragraph(paragraph: str, cleaned: str) -> None:
    text = f"The minister resigned on Monday.\n\n{paragraph}"
    assert clean_text(text) == f"The minister resigned on Monday.\n\n{cleaned}"


@pytest.mark.parametrize(
    "line",
    [
        "Updated figures show unemployment rose to 5% in March.",
        "Published in 1998, the report found widespread fraud.",
        "Copyright law reform was debated in Parliament on Tuesday.",
        "Share prices fell sharply after the announcement.",
        "Photo identification will be required at polling stations.",
        "The agency released one photo: a blurry shot of the suspect.",
        "May 5 is the deadline for the vote.",
        "Theresa May",
        'Credit: "We earned every vote," she said.',
        'Related: "This is not over," the senator said.',
        'She said "we will win". Image: the campaign.',
        "Related to this, the minister said the plan was sound.",
        "More-than-expected turnout helped the Democrats.",
        "Subscribe to the view that taxes must rise, he urged.",
        "Follow the money, the senator told reporters on Twitter.",
        "Read more about it in the report, she said, which is due in May 2021.",
        "\u201cAdvertisement\u201d",
    ],
)
def test_clean_text_keeps_real_sentences(line: str) -> None:
    text = f"The minister resigned on Monday.\n\n{line}\n\nHer deputy takes over."
    assert clean_text(text) == text


def test_clean_text_keeps_a_line_within_a_paragraph_and_drops_only_the_furniture() -> None:
    text = "Photo: AP\nThe president spoke in Ohio.\nAdvertisement\nHe promised jobs."
    assert clean_text(text) == "The president spoke in Ohio.\nHe promised jobs."


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("Senate Passes  BUDGET\n\nBody text here.", "senate passes budget", "Body text here."),
        ("Friday, May 3, 2019\n\nSenate passes budget\n\nBody.", "Senate passes budget", "Body."),
        ("Senate passes budget bill\n\nBody.", "Senate passes budget", None),
        ("Body.\n\nSenate passes budget", "Senate passes budget", "Body."),
        ("Body.\n\nSenate passes budget\n\nMore.", "Senate passes budget", "Body.\n\nMore."),
        ("Senate passes budget\n\nBody.", None, None),
    ],
)
def test_clean_text_drops_the_title_wherever_it_stands(
    text: str, title: str | None, expected: str | None
) -> None:
    assert clean_text(text, title=title) == (text if expected is None else expected)


def test_clean_text_drops_a_repeated_lead_within_the_first_paragraphs() -> None:
    lead = "Senate passes the budget bill after a long night"
    second = "The vote was 51 to 49, along party lines."
    text = f"{lead}\n\n{second}\n\n{lead.upper()}\n\n{second}\n\nThe House votes next."
    assert clean_text(text) == f"{lead}\n\n{second}\n\nThe House votes next."


def test_clean_text_drops_title_and_lead_repeated_further_down() -> None:
    lead = "Senate passes the budget bill after a long night"
    body = [f"Paragraph number {n} of the story." for n in range(1, 9)]
    text = "\n\n".join([lead, *body[:4], "Senate passes budget", lead, *body[4:]])
    assert clean_text(text, title="Senate Passes Budget") == "\n\n".join([lead, *body])


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By Ana Reyes", True),
        ("By Ana Reyes and Tom Hale, Reuters", True),
        ("By ANA REYES | Staff writer", True),
        ("By Monday", False),
        ("By contrast, the House waited.", False),
        ("By March 3 the bill had passed", False),
    ],
)
def test_bylines_are_page_furniture(line: str, byline: bool) -> None:
    assert cleaning.is_boilerplate(line) is byline


def test_clean_text_keeps_repeats_outside_the_lead() -> None:
    paras = [f"Paragraph number {n} of the story." for n in range(1, 9)]
    paras.append(paras[2])  # a repeat of the third paragraph, far down: kept
    paras.append("Yes.")
    paras.append("Yes.")  # a short repeat: kept
    text = "\n\n".join(paras)
    assert clean_text(text) == text


# ------------------------------------------------------------------------------------------
# document_from_text
# ------------------------------------------------------------------------------------------


def test_document_from_text_fields() -> None:
    doc = document_from_text(
        "  The vote passed.\r\n\r\nAdvertisement\r\n\r\nThe House is next.  ",
        doc_id="a1",
        title="  Vote  passes ",
        date="2021-03-05",
        url="https://example.com/a1",
        source="in.jsonl:1",
        meta={"outlet": "The Daily"},
    )
    assert doc == Document(
        id="a1",
        text="The vote passed.\n\nThe House is next.",
        title="Vote passes",
        date="2021-03-05",
        url="https://example.com/a1",
        source="in.jsonl:1",
        meta={"outlet": "The Daily"},
    )


def test_document_from_text_without_cleaning_keeps_the_text_exactly() -> None:
    raw = "  Photo: AP\r\n\r\nThe vote  passed.\n"
    assert document_from_text(raw, doc_id="x", clean=False).text == raw


@pytest.mark.parametrize(
    ("text", "max_chars", "words"),
    [
        ("Advertisement\n\nShare this article", 100, ["no text left after cleaning"]),
        ("   \n ", 100, ["no text"]),
        ("x" * 11, 10, ["11 characters", "limit is 10", "--max-chars"]),
    ],
)
def test_document_from_text_errors(text: str, max_chars: int, words: list[str]) -> None:
    with pytest.raises(InputError) as info:
        document_from_text(text, doc_id="d7", max_chars=max_chars)
    assert info.value.source == "d7"
    for word in words:
        assert word in str(info.value)


def test_the_limit_is_on_cleaned_characters() -> None:
    assert document_from_text("x" * 10, doc_id="d", max_chars=10).text == "x" * 10
    # 20 raw characters, 10 after cleaning: accepted.
    assert document_from_text("xxxxx" + " " * 10 + "xxxx", doc_id="d", max_chars=10).text == (
        "xxxxx xxxx"
    )


# ------------------------------------------------------------------------------------------
# Plain text
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "title", "text"),
    [
        (f"Senate passes budget\n\n{BODY}", "Senate passes budget", BODY),
        (f"\n\n  Senate passes budget  \r\n\r\n\r\n{BODY}", "Senate passes budget", BODY),
        (f'Biden: "We will rebuild"\n\n{BODY}', 'Biden: "We will rebuild"', BODY),
        (f"The vote passed.\n\n{BODY}", None, f"The vote passed.\n\n{BODY}"),
        (f"Is this the end?\n\n{BODY}", None, f"Is this the end?\n\n{BODY}"),
        (f"He said: 'no.'\n\n{BODY}", None, f"He said: 'no.'\n\n{BODY}"),
        (f"Senate passes budget\n{BODY}", None, f"Senate passes budget\n{BODY}"),
        ("T" * 201 + f"\n\n{BODY}", None, "T" * 201 + f"\n\n{BODY}"),
        (f"Friday, January 4, 2019\n\n{BODY}", None, BODY),
        ("Senate passes budget\n\n", None, "Senate passes budget"),
        (f"Senate passes budget\n\nSenate passes budget\n\n{BODY}", "Senate passes budget", BODY),
    ],
)
def test_txt_title_detection(tmp_path: Path, content: str, title: str | None, text: str) -> None:
    path = _write(tmp_path / "story-1.txt", content)
    doc = _one_doc(path)
    assert (doc.id, doc.source, doc.title, doc.text) == ("story-1", path, title, text)
    assert doc.meta == {}


def test_txt_without_cleaning_still_takes_the_title(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "Vote passes\r\n\r\nPhoto: AP\r\nThe  vote passed.\r\n")
    doc = _one_doc(path, clean=False)
    assert doc.title == "Vote passes"
    assert doc.text == "Photo: AP\r\nThe  vote passed.\r\n"


@pytest.mark.parametrize("name", ["notes.md", "article", "STORY.TXT", "news.text"])
def test_unknown_and_uppercase_extensions_read_as_text(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / name, BODY)
    doc = _one_doc(path)
    assert doc.text == BODY
    assert doc.id == Path(name).stem


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = _write(tmp_path / "bom.txt", b"\xef\xbb\xbfVote passes\n\nThe vote passed.")
    doc = _one_doc(path)
    assert (doc.title, doc.text, doc.meta) == ("Vote passes", "The vote passed.", {})


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = _write(tmp_path / "u16.txt", "The caf\u00e9 vote passed.".encode("utf-16"))
    doc = _one_doc(path)
    assert (doc.text, doc.meta) == ("The caf\u00e9 vote passed.", {"encoding": "utf-16"})


def test_cp1252_text_is_decoded_and_recorded(tmp_path: Path) -> None:
    raw = "The minister\u2019s \u201cfinal\u201d offer \u2013 caf\u00e9 talks.".encode("cp1252")
    path = _write(tmp_path / "legacy.txt", raw)
    doc = _one_doc(path)
    assert doc.text == "The minister\u2019s \u201cfinal\u201d offer \u2013 caf\u00e9 talks."
    assert doc.meta == {"encoding": "cp1252"}


# ------------------------------------------------------------------------------------------
# Bad inputs
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.txt", b"", ["empty file"]),
        ("blank.txt", b" \n\r\n\t\n", ["empty file"]),
        ("bom-only.txt", b"\xef\xbb\xbf", ["empty file"]),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), ["binary"]),
        ("noise.html", bytes([1, 2, 3, 4, 5, 6, 14, 15, 16, 17]) * 50 + b"text", ["binary"]),
        ("bad.txt", b"The vote \x81\x8d passed.", ["not valid UTF-8", "0x81", "offset 9"]),
        ("furniture.txt", b"Advertisement\n\nShare this article\n", ["no text left"]),
        ("empty.jsonl", b"\n\n  \n", ["empty file"]),
        ("empty.csv", b"", ["empty file"]),
        ("empty.json", b"[]", ["empty JSON list"]),
        ("scalar.json", b"42", ["neither an object nor a list"]),
        ("broken.json", b'{"text": ', ["invalid JSON", "line 1"]),
        ("header-only.csv", b"title,text\n", ["no data rows"]),
        ("no-text-column.csv", b"title,body\nA,B\n", ["no 'text' column", "title, body"]),
    ],
)
def test_bad_files_fail_with_a_reason(
    tmp_path: Path, name: str, content: bytes, words: list[str]
) -> None:
    path = _write(tmp_path / name, content)
    failure = _one_failure(path)
    assert failure.source == path
    for word in words:
        assert word in failure.reason


def test_missing_path(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.txt")
    assert _read(path) == [ReadFailure(path, "no such file")]


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "locked.txt", BODY)

    def deny(target: Path, limit: int) -> bytes:
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(reading, "_read_bytes", deny)
    assert _read(path) == [ReadFailure(path, "permission denied")]


def test_five_megabyte_file_is_rejected_quickly(tmp_path: Path) -> None:
    path = _write(tmp_path / "huge.txt", "word " * 1_000_000)
    started = time.perf_counter()
    failure = _one_failure(path)
    assert time.perf_counter() - started < 3.0
    assert failure.reason == (
        "document is 4999999 characters; the limit is 1000000 (raise it with --max-chars)"
    )


def test_a_file_far_over_the_limit_is_refused_before_decoding(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.txt", "x" * 700)
    failure = _one_failure(path, max_chars=10)
    assert "700 bytes" in failure.reason
    assert "--max-chars" in failure.reason


def test_max_chars_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="max_chars"):
        list(read_inputs([str(tmp_path)], max_chars=0))


# ------------------------------------------------------------------------------------------
# JSONL
# ------------------------------------------------------------------------------------------


def test_jsonl_rows_and_malformed_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": "a1",
                "title": "Vote passes",
                "date": "2021-03-05",
                "url": "https://e.com/a1",
                "text": "The vote passed.",
                "outlet": "The Daily",
                "tags": ["budget", "senate"],
                "score": 3,
            }
        ),
        "{not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": 42}),
        json.dumps({"text": "   "}),
        json.dumps({"text": "Advertisement"}),
        json.dumps({"text": "The House votes next.", "id": 17}),
        "   ",
        json.dumps({"text": "Second line text.", "author": None}),
    ]
    path = _write(tmp_path / "batch.ndjson", "\n".join(lines) + "\n")
    results = _read(path)
    assert results[0] == Document(
        id="a1",
        text="The vote passed.",
        title="Vote passes",
        date="2021-03-05",
        url="https://e.com/a1",
        source=f"{path}:1",
        meta={"outlet": "The Daily", "tags": '["budget", "senate"]', "score": "3"},
    )
    failures = [(r.source, r.reason) for r in results if isinstance(r, ReadFailure)]
    assert failures == [
        (f"{path}:2", "line 2: invalid JSON (Expecting property name enclosed in double quotes)"),
        (f"{path}:4", "line 4: not a JSON object"),
        (f"{path}:5", "line 5: no text field"),
        (f"{path}:6", "line 6: text is not a string"),
        (f"{path}:7", "line 7: empty text"),
        (f"{path}:8", "line 8: no text left after cleaning"),
    ]
    docs = [r for r in results if isinstance(r, Document)]
    assert [(d.id, d.source) for d in docs] == [
        ("a1", f"{path}:1"),
        ("17", f"{path}:9"),
        ("batch-11", f"{path}:11"),
    ]
    assert docs[2].meta == {"author": "null"}


def test_jsonl_invalid_json_reason_names_the_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "x.jsonl", '{"text": "Fine."}\n{"text": "Fine."}\nnope\n')
    failure = _read(path)[2]
    assert failure == ReadFailure(f"{path}:3", "line 3: invalid JSON (Expecting value)")


def test_jsonl_row_over_the_limit_fails_alone(tmp_path: Path) -> None:
    rows = [{"text": "Short one."}, {"text": "y" * 50}, {"text": "Short two."}]
    path = _write(tmp_path / "x.jsonl", "\n".join(json.dumps(r) for r in rows))
    results = _read(path, max_chars=20)
    assert [type(r).__name__ for r in results] == ["Document", "ReadFailure", "Document"]
    assert results[1] == ReadFailure(
        f"{path}:2",
        "line 2: document is 50 characters; the limit is 20 (raise it with --max-chars)",
    )


def test_cp1252_jsonl_records_the_encoding(tmp_path: Path) -> None:
    raw = '{"text": "It\u2019s done.", "id": "q"}\n'.encode("cp1252")
    path = _write(tmp_path / "legacy.jsonl", raw)
    doc = _one_doc(path)
    assert (doc.text, doc.meta) == ("It\u2019s done.", {"encoding": "cp1252"})


# ------------------------------------------------------------------------------------------
# CSV
# ------------------------------------------------------------------------------------------


def test_csv_rows(tmp_path: Path) -> None:
    content = (
        "url,date,title,text,section\r\n"
        'https://e.com/1,2019-01-04,First,"Friday, January 4, 2019\u00a0\n\n\n'
        'The vote passed.\n\n""We won,"" she said.",politics\r\n'
        "https://e.com/2,2019-01-05,No text,,world\r\n"
        ",,,,\r\n"
        'https://e.com/4,2019-01-06,Third,"The House is next.",world,extra\r\n'
    )
    path = _write(tmp_path / "news.csv", content)
    results = _read(path)
    assert results[0] == Document(
        id="news-1",
        text='The vote passed.\n\n"We won," she said.',
        title="First",
        date="2019-01-04",
        url="https://e.com/1",
        source=f"{path}:1",
        meta={"section": "politics"},
    )
    assert results[1] == ReadFailure(f"{path}:2", "row 2: empty text")
    third = results[2]
    assert isinstance(third, Document)
    assert (third.id, third.source, third.title) == ("news-4", f"{path}:4", "Third")
    assert third.meta == {"section": "world", "_extra": '["extra"]'}
    assert len(results) == 3


def test_csv_id_column_and_case_insensitive_headers(tmp_path: Path) -> None:
    path = _write(tmp_path / "ids.csv", "ID,Title,Text\nx-9,Vote,The vote passed.\n")
    doc = _one_doc(path)
    assert (doc.id, doc.title, doc.text, doc.meta) == ("x-9", "Vote", "The vote passed.", {})


def test_csv_huge_field(tmp_path: Path) -> None:
    text = "The vote passed. " * 20_000  # 340,000 characters: over csv's default field limit
    path = _write(tmp_path / "big.csv", f'title,text\nBig,"{text}"\n')
    doc = _one_doc(path)
    assert doc.text == text.strip()


# ------------------------------------------------------------------------------------------
# JSON
# ------------------------------------------------------------------------------------------


def test_json_object(tmp_path: Path) -> None:
    path = _write(tmp_path / "one.json", json.dumps({"title": "Vote", "text": "It passed."}))
    doc = _one_doc(path)
    assert (doc.id, doc.source, doc.title, doc.text) == ("one", path, "Vote", "It passed.")


def test_json_object_without_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "one.json", json.dumps({"title": "Vote"}))
    assert _read(path) == [ReadFailure(path, "no text field")]


def test_json_list(tmp_path: Path) -> None:
    items = [{"text": "First."}, "oops", {"id": "z", "text": "Third.", "n": 1.5}]
    path = _write(tmp_path / "many.json", json.dumps(items))
    results = _read(path)
    assert results == [
        Document(id="many-1", text="First.", source=f"{path}:1"),
        ReadFailure(f"{path}:2", "item 2: not a JSON object"),
        Document(id="z", text="Third.", source=f"{path}:3", meta={"n": "1.5"}),
    ]


# ------------------------------------------------------------------------------------------
# HTML
# ------------------------------------------------------------------------------------------

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><title>Senate passes budget bill | The Daily</title>
<meta property="og:title" content="Senate passes budget bill">
<meta property="og:url" content="https://example.com/news/senate-budget">
<meta property="article:published_time" content="2021-03-05T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/world">World</a></nav>
<article><h1>Senate passes budget bill</h1>
<p>The Senate on Friday passed the budget bill by a vote of 51 to 49, sending the measure
   to the House of Representatives for a final vote next week.</p>
<p>"This is a historic day for working families," Senate Majority Leader Chuck Schumer said
   on the floor after the vote.</p>
<p>Republicans criticised the bill, saying it would increase the deficit and fuel inflation
   across the country for years to come.</p>
</article>
<footer>Copyright 2021 The Daily. All rights reserved.</footer></body></html>
"""


@pytest.mark.parametrize("name", ["senate.html", "senate.HTM"])
def test_html_article(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / name, ARTICLE_HTML)
    doc = _one_doc(path)
    assert doc.id == "senate"
    assert doc.title == "Senate passes budget bill"
    assert doc.date == "2021-03-05"
    assert doc.url == "https://example.com/news/senate-budget"
    assert doc.text == (
        "The Senate on Friday passed the budget bill by a vote of 51 to 49, sending the measure "
        "to the House of Representatives for a final vote next week.\n\n"
        '"This is a historic day for working families," Senate Majority Leader Chuck Schumer '
        "said on the floor after the vote.\n\n"
        "Republicans criticised the bill, saying it would increase the deficit and fuel "
        "inflation across the country for years to come."
    )
    assert "Home" not in doc.text
    assert "Copyright" not in doc.text


STRUCTURED_HTML = """<html><head><title>Budget: what is in the bill</title></head><body>
<article><h1>Budget: what is in the bill</h1>
<p>The bill contains several measures that the Senate approved on Friday after a debate.</p>
<ul><li>A child tax credit of $3,000 per child.</li><li>Aid to state governments.</li></ul>
<p>Senator Jane Smith<br>Democrat of Ohio said the bill was overdue and would help.</p>
<blockquote><p>"We did it," she said on Friday night after the final vote.</p></blockquote>
<p>The House is <b>expected</b> to vote <a href="/x">next week</a>, aides said.</p>
</article></body></html>
"""


def test_html_lists_line_breaks_and_quotes(tmp_path: Path) -> None:
    doc = _one_doc(_write(tmp_path / "bill.html", STRUCTURED_HTML))
    assert doc.title == "Budget: what is in the bill"
    assert doc.text == (
        "The bill contains several measures that the Senate approved on Friday after a debate."
        "\n\nA child tax credit of $3,000 per child.\nAid to state governments."
        "\n\nSenator Jane Smith\nDemocrat of Ohio said the bill was overdue and would help."
        '\n\n"We did it," she said on Friday night after the final vote.'
        "\n\nThe House is expected to vote next week, aides said."
    )


def test_html_cp1252_page(tmp_path: Path) -> None:
    html = "<html><body><p>The minister\u2019s caf\u00e9 talks ended.</p></body></html>"
    doc = _one_doc(_write(tmp_path / "old.html", html.encode("cp1252")))
    assert (doc.text, doc.meta) == (
        "The minister\u2019s caf\u00e9 talks ended.",
        {"encoding": "cp1252"},
    )


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>",
        "<html><body><nav><a href='/'>Home</a> <a href='/p'>Politics</a></nav>"
        "<div>Menu</div></body></html>",
        "<html><body></body></html>",
        "<p>",
    ],
)
def test_html_without_body_text(tmp_path: Path, html: str) -> None:
    path = _write(tmp_path / "empty.html", html)
    assert _read(path) == [ReadFailure(path, "no article text found in HTML")]


# ------------------------------------------------------------------------------------------
# Directories, stdin, several inputs
# ------------------------------------------------------------------------------------------


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _write(root / "b.txt", "Second file text.")
    _write(root / "a.jsonl", '{"text": "First file row."}\n')
    _write(root / "sub" / "c.json", '{"text": "Nested file text."}')
    _write(root / "sub" / "empty.txt", "")
    _write(root / ".hidden.txt", "Hidden file text.")
    _write(root / ".git" / "x.txt", "Hidden folder text.")
    _write(root / "notes.md", "Unsupported file text.")
    _write(root / "logo.png", b"\x89PNG\x00")
    results = _read(str(root))
    assert [(r.source if isinstance(r, ReadFailure) else r.id) for r in results] == [
        "a-1",
        "b",
        "c",
        str(root / "sub" / "empty.txt"),
    ]
    assert [r.source for r in results[:3]] == [
        f"{root / 'a.jsonl'}:1",
        str(root / "b.txt"),
        str(root / "sub" / "c.json"),
    ]


def test_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "none").mkdir()
    _write(tmp_path / "none" / ".DS_Store", "x")
    path = str(tmp_path / "none")
    assert _read(path) == [ReadFailure(path, "no supported files in directory")]


@pytest.mark.parametrize(
    ("stdin", "expected"),
    [
        (
            f"Vote passes\n\n{BODY}",
            [Document(id="stdin", text=BODY, title="Vote passes", source="<stdin>")],
        ),
        (
            '\n  {"text": "Row one.", "id": "r1"}\nbad\n{"text": "Row three."}\n',
            [
                Document(id="r1", text="Row one.", source="<stdin>:2"),
                ReadFailure("<stdin>:3", "line 3: invalid JSON (Expecting value)"),
                Document(id="stdin-4", text="Row three.", source="<stdin>:4"),
            ],
        ),
        ("  \n", [ReadFailure("<stdin>", "empty input")]),
        ("Advertisement", [ReadFailure("<stdin>", "no text left after cleaning")]),
    ],
)
def test_stdin(stdin: str, expected: list[Document | ReadFailure]) -> None:
    assert list(read_inputs(["-"], stdin=io.StringIO(stdin))) == expected


def test_several_inputs_keep_their_order(tmp_path: Path) -> None:
    first = _write(tmp_path / "first.txt", "First text.")
    last = _write(tmp_path / "last.json", '[{"text": "Last one."}, {"text": "Last two."}]')
    missing = str(tmp_path / "missing.csv")
    results = list(
        read_inputs([first, missing, "-", last], stdin=io.StringIO("Middle text."), clean=False)
    )
    assert [(r.source, getattr(r, "text", None)) for r in results] == [
        (first, "First text."),
        (missing, None),
        ("<stdin>", "Middle text."),
        (f"{last}:1", "Last one."),
        (f"{last}:2", "Last two."),
    ]


# ------------------------------------------------------------------------------------------
# Real data
# ------------------------------------------------------------------------------------------


@pytest.mark.data
@pytest.mark.skipif(not WIKINEWS_2019.exists(), reason="shared/data/wikinews is absent")
def test_wikinews_2019() -> None:
    results = _read(str(WIKINEWS_2019))
    docs = [r for r in results if isinstance(r, Document)]
    assert len(results) == len(docs) == 171
    assert len({d.id for d in docs}) == 171
    assert all(d.title and d.url and d.date for d in docs)
    assert all(d.url and d.url.startswith("https://en.wikinews.org/") for d in docs)
    assert all(d.date and len(d.date) == 10 for d in docs)
    assert docs[0].id == "wikinews_2019-1"
    assert docs[0].source == f"{WIKINEWS_2019}:1"
    assert docs[0].text.startswith("An apartment building collapsed on Monday in Magnitogorsk")
    for doc in docs:
        first_line = doc.text.split("\n", 1)[0]
        assert not cleaning._is_date_line(first_line), (doc.id, first_line)
        assert "\n\n\n" not in doc.text
        assert doc.text == doc.text.strip()


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>City news</title>
<item>
  <title>Council delays vote</title>
  <link>https://example.org/vote</link>
  <guid>vote-1</guid>
  <pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
  <content:encoded><![CDATA[<p>The council delayed the vote.</p><p>"We need more time," the mayor said.</p>]]></content:encoded>
</item>
<item>
  <title>Empty item</title>
  <description></description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour updates</title>
  <entry>
    <title>Port plan rejected</title>
    <link href="https://example.org/port"/>
    <id>tag:example.org,2024:port</id>
    <updated>2024-03-06T08:00:00Z</updated>
    <summary>The port plan was rejected by the council on Wednesday.</summary>
  </entry>
</feed>
"""


def test_rss_items_become_documents_and_an_empty_item_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "city.rss"
    path.write_text(RSS, encoding="utf-8")
    items = list(read_path(str(path)))
    doc = items[0]
    assert isinstance(doc, Document)
    assert (doc.id, doc.title, doc.date, doc.url) == (
        "vote-1",
        "Council delays vote",
        "2024-03-05",
        "https://example.org/vote",
    )
    assert doc.text == 'The council delayed the vote.\n\n"We need more time," the mayor said.'
    assert isinstance(items[1], ReadFailure) and items[1].source.endswith(":2")


def test_atom_entries_and_xml_feeds_are_read(tmp_path: Path) -> None:
    path = tmp_path / "harbour.xml"
    path.write_text(ATOM, encoding="utf-8")
    (doc,) = list(read_path(str(path)))
    assert isinstance(doc, Document)
    assert doc.title == "Port plan rejected" and doc.url == "https://example.org/port"
    assert doc.date == "2024-03-06"
    assert doc.text == "The port plan was rejected by the council on Wednesday."


def test_a_broken_feed_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><item><title>x</title>", encoding="utf-8")
    (failure,) = list(read_path(str(path)))
    assert isinstance(failure, ReadFailure) and "well-formed" in failure.reason


def _warc_record(kind: str, uri: str, block: bytes) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)) % 10**8}>\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def _http(html: str) -> bytes:
    body = html.encode("utf-8")
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body


PAGE = (
    "<html><head><title>Bridge reopens</title></head><body><article>"
    "<p>The river bridge reopened on Friday after two years of repairs to its deck.</p>"
    "<p>Mayor Clara Ostrand said the bridge would carry ten thousand cars a day.</p>"
    "</article></body></html>"
)


@pytest.mark.parametrize("compressed", [False, True])
def test_warc_html_responses_become_documents(tmp_path: Path, compressed: bool) -> None:
    import gzip

    data = (
        _warc_record("request", "https://example.org/bridge", b"GET /bridge HTTP/1.1\r\n\r\n")
        + _warc_record("response", "https://example.org/bridge", _http(PAGE))
        + _warc_record(
            "response",
            "https://example.org/logo.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        )
    )
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(gzip.compress(data) if compressed else data)
    (doc,) = list(read_inputs([str(tmp_path)]))
    assert isinstance(doc, Document)
    assert doc.title == "Bridge reopens"
    assert doc.url == "https://example.org/bridge"
    assert "ten thousand cars a day" in doc.text


def test_a_file_that_is_not_warc_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_bytes(b"hello")
    (failure,) = list(read_path(str(path)))
    assert isinstance(failure, ReadFailure) and "WARC" in failure.reason
