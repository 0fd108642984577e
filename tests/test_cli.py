"""End-to-end tests of the command line, through ``stancegraph.cli.main(argv)``.

Exit codes (see the cli docstring): 0 ok, 1 some inputs skipped, 2 bad usage or input, 3 model.
Tests marked ``model`` run the spaCy pipeline; it loads once per process, so they stay fast.
"""

from __future__ import annotations

import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from stancegraph.cli import build_parser, main
from stancegraph.errors import ModelError
from stancegraph.extract.nlp import load_pipeline
from stancegraph.extract.quotes import extract_raw_quotes
from stancegraph.types import SCHEMA

TITLE = "Harbour council approves new ferry route"
BODY = (
    "The Millbrook harbour council on Tuesday approved a new ferry route to Gull Island after a "
    "debate that lasted well into the night. Smith & Sons will build the terminal.\n\n"
    '"This route will connect families who have waited for years," said Mayor Elena Varga.\n\n'
    '"We listened to every resident," Varga said. "The ferry will run twice a day."\n\n'
    "Opposition leader Tom Becker said the plan would cost far more than the council admits.\n"
)
STORY = f"{TITLE}\n\n{BODY}"
SHORT = "The minister said taxes would fall next year.\n"
OTHER = "Union leader Maria Lopez said the strike would continue until wages rise.\n"

DOC_KEYS = {"schema", "id", "title", "date", "url", "text", "actors", "quotes"}
DOC_KEYS |= {"statements", "events"}
ACTOR_KEYS = {"id", "name", "type", "aliases", "mentions", "role", "affiliation"}
QUOTE_KEYS = {"id", "type", "text", "start", "end", "spans", "cue", "cue_start", "cue_end"}
QUOTE_KEYS |= {"speaker", "speaker_text", "speaker_start", "speaker_end", "confidence", "extractor"}


@dataclass
class Run:
    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    code = main(list(argv))
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def write(path: Path, content: str | bytes) -> str:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def assert_clean_stderr(err: str, *needles: str) -> None:
    """No traceback; every line is a one-line 'stancegraph: ...' message; one has all needles."""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines, "expected a message on stderr"
    assert all(line.startswith("stancegraph: ") for line in lines), err
    assert any(all(n in line for n in needles) for line in lines), (needles, err)


def json_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def check_offsets(analysis: dict[str, Any]) -> None:
    """Every offset of an analysis indexes into its text and reads back the recorded strings."""
    text = analysis["text"]
    actor_ids = {a["id"] for a in analysis["actors"]}
    for actor in analysis["actors"]:
        for start, end in actor["mentions"]:
            assert 0 <= start < end <= len(text)
    for quote in analysis["quotes"]:
        spans = quote["spans"]
        assert spans, quote
        for start, end in spans:
            assert 0 <= start < end <= len(text), quote
        assert quote["start"] == spans[0][0] and quote["end"] == spans[-1][1], quote
        assert quote["text"] == " ".join(text[s:e] for s, e in spans), quote
        if len(spans) == 1:
            assert text[quote["start"] : quote["end"]] == quote["text"]
        if quote["cue"] is not None:
            assert text[quote["cue_start"] : quote["cue_end"]] == quote["cue"], quote
        else:
            assert quote["cue_start"] is None and quote["cue_end"] is None
        if quote["speaker_text"] is not None:
            span = text[quote["speaker_start"] : quote["speaker_end"]]
            assert span == quote["speaker_text"], quote
        else:
            assert quote["speaker_start"] is None and quote["speaker_end"] is None
        assert quote["speaker"] is None or quote["speaker"] in actor_ids, quote
        assert 0.0 <= quote["confidence"] <= 1.0


@pytest.fixture
def story(tmp_path: Path) -> str:
    return write(tmp_path / "ferry.txt", STORY)


# --------------------------------------------------------------------------------------------
# analyze: output formats


@pytest.mark.model
def test_table_lists_actors_and_quotes(capsys: pytest.CaptureFixture[str], story: str) -> None:
    r = run(capsys, "analyze", story)
    assert r.code == 0, r.err
    assert r.err == ""
    assert TITLE in r.out
    assert "ACTORS" in r.out and "QUOTES" in r.out
    for name in ("Elena Varga", "Tom Becker"):
        assert name in r.out
    assert "This route will connect families" in r.out
    assert "the plan would cost far more" in r.out


@pytest.mark.model
def test_json_follows_the_schema(capsys: pytest.CaptureFixture[str], story: str) -> None:
    r = run(capsys, "analyze", story, "--format", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert isinstance(data, dict)
    assert data["schema"] == SCHEMA == "stancegraph/analysis-1"
    assert set(data) - {"meta"} == DOC_KEYS
    assert data["id"] == "ferry"
    assert data["title"] == TITLE
    assert TITLE not in data["text"]  # the title line is not analysed as body text
    assert data["actors"] and data["quotes"]
    for actor in data["actors"]:
        assert set(actor) >= ACTOR_KEYS
    for quote in data["quotes"]:
        assert set(quote) >= QUOTE_KEYS
    check_offsets(data)


@pytest.mark.model
def test_json_quotes_direct_split_and_reported(
    capsys: pytest.CaptureFixture[str], story: str
) -> None:
    data = json.loads(run(capsys, "analyze", story, "-f", "json").out)
    names = {a["id"]: a["name"] for a in data["actors"]}
    by_words = {q["text"]: q for q in data["quotes"]}

    def find(fragment: str) -> dict[str, Any]:
        hits: list[dict[str, Any]] = [q for t, q in by_words.items() if fragment in t]
        assert hits, f"no quote with {fragment!r}: {list(by_words)}"
        return hits[0]

    direct = find("This route will connect families")
    assert direct["type"] == "direct"
    assert direct["cue"] == "said"
    assert names.get(direct["speaker"]) == "Elena Varga"

    split = find("We listened to every resident")
    assert len(split["spans"]) == 2, split
    assert "The ferry will run twice a day" in split["text"]
    assert names.get(split["speaker"]) == "Elena Varga"

    reported = find("the plan would cost far more")
    assert reported["type"] in ("indirect", "mixed")
    assert names.get(reported["speaker"]) == "Tom Becker"


@pytest.mark.model
def test_jsonl_keeps_input_order(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # "zeta" sorts after "alpha": the output must follow the command line, not the names.
    first = write(tmp_path / "zeta.txt", SHORT)
    second = write(tmp_path / "alpha.txt", OTHER)
    r = run(capsys, "analyze", first, second, "--format", "jsonl")
    assert r.code == 0, r.err
    rows = json_lines(r.out)
    assert [row["id"] for row in rows] == ["zeta", "alpha"]
    for row in rows:
        assert row["schema"] == SCHEMA
        check_offsets(row)


@pytest.mark.model
def test_json_with_several_documents_is_a_list(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    paths = [write(tmp_path / "a.txt", SHORT), write(tmp_path / "b.txt", OTHER)]
    data = json.loads(run(capsys, "analyze", *paths, "-f", "json").out)
    assert isinstance(data, list)
    assert [d["id"] for d in data] == ["a", "b"]


@pytest.mark.model
def test_html_written_with_output_option(
    capsys: pytest.CaptureFixture[str], story: str, tmp_path: Path
) -> None:
    page = tmp_path / "out" / "page.html"
    page.parent.mkdir()
    r = run(capsys, "analyze", story, "--format", "html", "-o", str(page))
    assert r.code == 0, r.err
    assert r.out == ""
    html = page.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert html.rstrip().endswith("</html>")
    assert "<mark" in html
    assert "Elena Varga" in html
    assert "Smith &amp; Sons" in html  # document text is escaped
    assert "Smith & Sons" not in html


@pytest.mark.model
def test_stdin_plain_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(STORY))
    r = run(capsys, "analyze", "-", "-f", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["id"] == "stdin"
    assert data["title"] == TITLE
    check_offsets(data)


@pytest.mark.model
def test_stdin_jsonl(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"id": "one", "text": SHORT}), json.dumps({"id": "two", "text": OTHER})]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    r = run(capsys, "analyze", "-", "-f", "jsonl")
    assert r.code == 0, r.err
    assert [row["id"] for row in json_lines(r.out)] == ["one", "two"]


# --------------------------------------------------------------------------------------------
# analyze: bad inputs


@pytest.mark.model
def test_cp1252_text_is_analysed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    raw = "Caf\u00e9 owner Jos\u00e9 Mart\u00ednez said the rent was \u201ctoo high\u201d.\n"
    path = write(tmp_path / "latin.txt", raw.encode("cp1252"))
    r = run(capsys, "analyze", path, "-f", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert "Jos\u00e9 Mart\u00ednez" in data["text"]
    assert "\u201ctoo high\u201d" in data["text"]
    assert data["meta"]["encoding"] == "cp1252"


BAD_FILES: list[tuple[str, str | bytes, str]] = [
    ("empty.txt", "", "empty"),
    ("blank.txt", "  \n\n \t\n", "empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 40, "binary"),
    ("nobody.html", "<html><head><title>Nothing</title></head></html>", "no article text"),
    ("empty.jsonl", "\n\n", "empty"),
    ("notext.csv", "title,url\nA headline,http://example.org\n", "no 'text' column"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_alone_exits_2(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    content: str | bytes,
    reason: str,
) -> None:
    path = write(tmp_path / name, content)
    r = run(capsys, "analyze", path)
    assert r.code == 2
    assert r.out == ""
    assert_clean_stderr(r.err, path, reason)


def test_missing_path_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = str(tmp_path / "nowhere.txt")
    r = run(capsys, "analyze", path)
    assert r.code == 2
    assert_clean_stderr(r.err, path, "no such file")


def test_five_megabyte_file_is_skipped(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    paragraph = "The council said the budget would balance by next spring. " * 40
    path = tmp_path / "huge.txt"
    count = 5_000_000 // len(paragraph) + 1  # numbered: cleaning drops repeated paragraphs
    path.write_text("".join(f"{n}. {paragraph}\n\n" for n in range(count)), encoding="utf-8")
    assert path.stat().st_size > 5_000_000
    r = run(capsys, "analyze", str(path))
    assert r.code == 2
    assert_clean_stderr(r.err, str(path), "--max-chars")


def test_all_inputs_bad_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.txt", "")
    binary = write(tmp_path / "data.txt", bytes(range(256)) * 8)
    missing = str(tmp_path / "missing.txt")
    r = run(capsys, "analyze", empty, binary, missing, "-f", "jsonl")
    assert r.code == 2
    assert r.out == ""
    assert_clean_stderr(r.err, empty, "empty")
    assert_clean_stderr(r.err, binary, "binary")
    assert_clean_stderr(r.err, missing, "no such file")


@pytest.mark.model
def test_batch_with_one_bad_document_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = write(tmp_path / "good.txt", SHORT)
    bad = write(tmp_path / "bad.txt", b"\x00\x01\x02\x03" * 100)
    other = write(tmp_path / "other.txt", OTHER)
    r = run(capsys, "analyze", good, bad, other, "-f", "jsonl")
    assert r.code == 1
    assert [row["id"] for row in json_lines(r.out)] == ["good", "other"]
    assert_clean_stderr(r.err, bad, "binary")
    assert good not in r.err and other not in r.err


@pytest.mark.model
def test_jsonl_with_a_malformed_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "first", "text": SHORT}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"id": "third", "text": OTHER}),
    ]
    path = write(tmp_path / "news.jsonl", "\n".join(lines) + "\n")
    r = run(capsys, "analyze", path, "-f", "jsonl")
    assert r.code == 1
    assert [row["id"] for row in json_lines(r.out)] == ["first", "third"]
    assert_clean_stderr(r.err, f"{path}:2", "invalid JSON")
    assert len(r.err.splitlines()) == 1


@pytest.mark.model
def test_csv_row_without_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows = f'id,title,text\nr1,Empty row,\nr2,Fine,"{SHORT.strip()}"\nr3,Short row\n'
    path = write(tmp_path / "news.csv", rows)
    r = run(capsys, "analyze", path, "-f", "jsonl")
    assert r.code == 1
    assert [row["id"] for row in json_lines(r.out)] == ["r2"]
    assert_clean_stderr(r.err, f"{path}:1", "text")
    assert_clean_stderr(r.err, f"{path}:3", "text")


# --------------------------------------------------------------------------------------------
# analyze: options and the model


@pytest.mark.parametrize(
    ("option", "value"), [("--workers", "0"), ("--workers", "-2"), ("--max-chars", "0")]
)
def test_invalid_number_option_exits_2(
    capsys: pytest.CaptureFixture[str], story: str, option: str, value: str
) -> None:
    r = run(capsys, "analyze", story, option, value)
    assert r.code == 2
    assert r.out == ""
    assert_clean_stderr(r.err, option, value)
    assert len(r.err.splitlines()) == 1


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str], story: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["analyze", story, "--format", "yaml"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_unknown_model_exits_3(capsys: pytest.CaptureFixture[str], story: str) -> None:
    r = run(capsys, "analyze", story, "--model", "no_such_pipeline_xyz")
    assert r.code == 3
    assert r.out == ""
    assert_clean_stderr(r.err, "no_such_pipeline_xyz")
    assert len(r.err.splitlines()) == 1


@pytest.mark.parametrize("name", ["no_such_pipeline_xyz", "two\nlines", "/no/such/dir"])
def test_load_pipeline_raises_a_one_line_model_error(name: str) -> None:
    with pytest.raises(ModelError) as err_info:
        load_pipeline(name)
    message = str(err_info.value)
    assert "\n" not in message
    assert repr(name) in message
    assert err_info.value.exit_code == 3


def test_python_package_that_is_not_a_pipeline_exits_3(
    capsys: pytest.CaptureFixture[str], story: str
) -> None:
    r = run(capsys, "analyze", story, "--model", "spacy")
    assert r.code == 3


@pytest.mark.model
def test_unwritable_output_exits_2(
    capsys: pytest.CaptureFixture[str], story: str, tmp_path: Path
) -> None:
    target = str(tmp_path / "no" / "such" / "dir" / "out.json")
    r = run(capsys, "analyze", story, "-f", "json", "-o", target)
    assert r.code == 2
    assert_clean_stderr(r.err, target, "cannot write")


@pytest.mark.model
def test_extraction_error_in_one_document_does_not_stop_the_batch(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def flaky(doc: Any, **kwargs: Any) -> Any:
        if "EXPLODE" in doc.text:
            raise RuntimeError("simulated extraction bug")
        return extract_raw_quotes(doc, **kwargs)

    monkeypatch.setattr("stancegraph.pipeline.extraction.extract_raw_quotes", flaky)
    good = write(tmp_path / "good.txt", SHORT)
    bad = write(tmp_path / "bad.txt", "The mayor said EXPLODE would be the word of the year.\n")
    other = write(tmp_path / "other.txt", OTHER)
    r = run(capsys, "analyze", good, bad, other, "-f", "jsonl")
    assert r.code == 1
    assert [row["id"] for row in json_lines(r.out)] == ["good", "other"]
    assert_clean_stderr(r.err, bad)


# --------------------------------------------------------------------------------------------
# evaluate


def brat_folder(root: Path) -> Path:
    """One document with one gold attribution (content, source and cue)."""
    folder = root / "gold"
    folder.mkdir()
    (folder / "ferry.txt").write_text(BODY, encoding="utf-8", newline="")
    content = "This route will connect families who have waited for years"
    source, cue = "Mayor Elena Varga", "said"
    c, s = BODY.index(content), BODY.index(source)
    k = BODY.index(cue, c)
    ann = (
        f"T1\tContent {c} {c + len(content)}\t{content}\n"
        f"T2\tSource {s} {s + len(source)}\t{source}\n"
        f"T3\tCue {k} {k + len(cue)}\t{cue}\n"
        "E1\tAttribution:T3 Content:T1 Source:T2 Cue:T3\n"
    )
    (folder / "ferry.ann").write_text(ann, encoding="utf-8")
    return folder


@pytest.mark.model
def test_evaluate_prints_precision_recall_f1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    gold = brat_folder(tmp_path)
    r = run(capsys, "evaluate", "--gold", str(gold))
    assert r.code == 0, r.err
    header = next(line for line in r.out.splitlines() if "F1" in line)
    assert header.split()[3:6] == ["P", "R", "F1"]
    overall = next(line for line in r.out.splitlines() if line.startswith("overall"))
    gold_n, _pred, matched, _p, recall, _f1 = overall.split()[1:7]
    assert (gold_n, matched, recall) == ("1", "1", "1.000")

    r = run(capsys, "evaluate", "--gold", str(gold), "--json")
    report = json.loads(r.out)
    assert report["documents"] == 1
    assert {"precision", "recall", "f1"} <= set(report["overall"])
    assert report["overall"]["recall"] == 1.0


def test_evaluate_missing_gold_folder_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = str(tmp_path / "no-gold")
    r = run(capsys, "evaluate", "--gold", missing)
    assert r.code == 2
    assert r.out == ""
    assert_clean_stderr(r.err, missing, "not found")
    assert len(r.err.splitlines()) == 1


def test_evaluate_invalid_limit_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    r = run(capsys, "evaluate", "--gold", str(brat_folder(tmp_path)), "--limit", "0")
    assert r.code == 2
    assert_clean_stderr(r.err, "--limit")


# --------------------------------------------------------------------------------------------
# help


def _commands() -> list[str]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action.choices, dict):
            return sorted(action.choices)
    return []


def test_parser_has_commands() -> None:
    assert {"analyze", "evaluate"} <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_every_command_help_has_examples(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "example" in out.lower()
    assert f"stancegraph {command}" in out


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    r = run(capsys)
    assert r.code == 2
    assert r.out.startswith("usage: stancegraph")
    for command in _commands():
        assert command in r.out


@pytest.mark.model
def test_json_output_reads_back_into_the_same_analysis(
    capsys: pytest.CaptureFixture[str], story: str
) -> None:
    from stancegraph.formats.contract import analysis_from_dict, analysis_to_dict

    r = run(capsys, "analyze", story, "-f", "json")
    data = json.loads(r.out)
    assert analysis_to_dict(analysis_from_dict(data)) == data


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.model
def test_analyze_with_the_example_codebook_names_its_concepts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import yaml

    ids = {c["id"] for c in yaml.safe_load((EXAMPLES / "codebook.yaml").read_text())["concepts"]}
    r = run(
        capsys,
        "analyze",
        str(EXAMPLES / "article.txt"),
        "--codebook",
        str(EXAMPLES / "codebook.yaml"),
        "-f",
        "json",
    )
    assert r.code == 0
    statements = json.loads(r.out)["statements"]
    assert statements, "the example article takes positions on the codebook's concepts"
    assert {s["concept"] for s in statements} <= ids
    assert {s["agreement"] for s in statements} <= {"support", "oppose", "neutral"}


def test_a_bad_codebook_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], story: str, tmp_path: Path
) -> None:
    bad = write(tmp_path / "codebook.yaml", "concepts: [unclosed\n")
    r = run(capsys, "analyze", story, "--codebook", bad)
    assert r.code == 2
    assert_clean_stderr(r.err, bad)


@pytest.mark.model
def test_concepts_suggest_drafts_a_codebook_that_analyze_accepts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    texts = [
        "The mayor said the new bridge would cut traffic. Residents oppose the bridge.",
        "Council members backed the bridge. Critics said the bridge was too expensive.",
        "The governor rejected the tax increase. Unions said the tax increase was fair.",
        "Business owners criticised the tax increase. The mayor defended the bridge.",
    ]
    inputs = [write(tmp_path / f"n{k}.txt", t + "\n") for k, t in enumerate(texts)]
    target = tmp_path / "draft.yaml"
    r = run(capsys, "concepts", "suggest", *inputs, "-o", str(target), "--min-statements", "1")
    assert r.code == 0, r.err
    assert target.exists()
    r2 = run(capsys, "analyze", inputs[0], "--codebook", str(target), "-f", "json")
    assert r2.code == 0, r2.err


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_events_writes_plover_records(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    import csv
    import io

    r = run(capsys, "events", str(EXAMPLES / "article.txt"), "--format", fmt)
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out))) if fmt == "csv" else json_lines(r.out)
    assert rows, "the example article reports events"
    plover = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
    plover |= {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE"}
    plover |= {"COERCE", "ASSAULT"}
    assert {row["event"] for row in rows} <= plover
    assert all(row["id"].startswith("article-e") for row in rows)


@pytest.mark.model
def test_analysis_json_carries_events_that_read_back(capsys: pytest.CaptureFixture[str]) -> None:
    from stancegraph.formats.contract import analysis_from_dict, analysis_to_dict

    r = run(capsys, "analyze", str(EXAMPLES / "article.txt"), "-f", "json")
    data = json.loads(r.out)
    assert data["events"]
    for event in data["events"]:
        assert data["text"][event["trigger_start"] : event["trigger_end"]] == event["trigger"]
    assert analysis_to_dict(analysis_from_dict(data)) == data


def test_evaluate_plover_missing_gold_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    r = run(capsys, "evaluate", "--format", "plover", "--gold", "/no/such/gold.txt")
    assert r.code == 2
    assert_clean_stderr(r.err, "/no/such/gold.txt")


@pytest.mark.model
def test_evaluate_plover_scores_a_small_gold_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    record = {
        "id": "T-1",
        "date": "2020-05-01",
        "event": "ASSAULT",
        "text": "Rebel fighters attacked an army base near the border on Friday.",
        "source": [{"actorText": "Rebel fighters"}],
        "target": [{"actorText": "army base"}],
    }
    gold = tmp_path / "gold.txt"
    gold.write_text(json.dumps([record]), encoding="utf-8")
    r = run(capsys, "evaluate", "--format", "plover", "--gold", str(gold), "--json")
    assert r.code == 0, r.err
    report = json.loads(r.out)
    assert report["sentences"] == 1
    assert report["micro_f1"] == 1.0


def test_stdin_with_a_bad_byte_is_decoded_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    raw = io.BytesIO(b"\x00\x01\x02\xff\xfe" * 100)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(raw, encoding="utf-8"))
    r = run(capsys, "analyze", "-")
    assert r.code == 2
    assert_clean_stderr(r.err, "<stdin>")


# --------------------------------------------------------------------------------------------
# options named alike in every command


def _store_with_one_statement(path: Path, day: str = "2024-03-01") -> str:
    """A store holding one hand-made analysis (no spaCy pipeline needed)."""
    from stancegraph.corpus.store import open_store
    from stancegraph.types import Actor, Analysis, Document, Quote, Statement

    text = '"The port must grow," said Mayor Helena Brandt.'
    document = Document(id="port", text=text, date=day, source="port.txt")
    actor = Actor("a1", "Helena Brandt", "person", ("Brandt",), ((32, 45),), role="Mayor")
    quote = Quote(
        "q1", "direct", "The port must grow,", 1, 20, ((1, 20),), "said", 22, 26, "a1",
        "Mayor Helena Brandt", 27, 45, 0.9, "test",
    )  # fmt: skip
    statement = Statement("s1", "a1", "port", "port", "support", 1, 20, "q1", 0.8, "test")
    with open_store(str(path)) as store:
        store.put_analysis(Analysis(document, (actor,), (quote,), (statement,), ()), extractor="t")
    return str(path)


@pytest.mark.parametrize("command", ["quotes", "statements", "events", "network"])
def test_from_to_and_start_stop_are_the_same_options(command: str) -> None:
    parser = build_parser()
    dna = parser.parse_args([command, "--start", "2024-01-01", "--stop", "2024-02-01"])
    ours = parser.parse_args([command, "--from", "2024-01-01", "--to", "2024-02-01"])
    assert (dna.start, dna.stop) == (ours.start, ours.stop)
    assert dna.start is not None and dna.stop is not None


@pytest.mark.parametrize("command", ["quotes", "statements"])
def test_date_aliases_filter_the_store_alike(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    db = _store_with_one_statement(tmp_path / "c.db")
    for first, last in (("--from", "--to"), ("--start", "--stop")):
        inside = run(capsys, command, "--db", db, first, "2024-03-01", last, "2024-03-01")
        assert inside.code == 0 and "Helena Brandt" in inside.out, inside.err
        after = run(capsys, command, "--db", db, first, "2024-03-02", "-f", "jsonl")
        assert after.code == 0 and after.out == "" and f"no {command} matched" in after.err


def test_network_from_a_store_takes_from_and_to(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = _store_with_one_statement(tmp_path / "c.db")
    base = ["network", "--db", db, "--variable1", "person", "-f", "json"]
    dna = run(capsys, *base, "--start", "2024-03-01", "--stop", "2024-03-01")
    ours = run(capsys, *base, "--from", "2024-03-01", "--to", "2024-03-01")
    assert dna.code == ours.code == 0, ours.err
    assert dna.out == ours.out and json.loads(ours.out)["rows"] == ["Helena Brandt"]
    later = run(capsys, *base, "--from", "2024-04-01")
    assert (
        later.code == 2
        and later.err == f"stancegraph: {db}: no statements to build a network from\n"
    )


@pytest.mark.parametrize(
    "command",
    ["analyze", "network", "export", "events", "quotes", "statements", "status", "actors"],
)
def test_every_command_writing_output_takes_o_and_output(command: str) -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a.choices, dict))
    flags = {f for a in sub.choices[command]._actions for f in a.option_strings}  # type: ignore[index]
    assert {"-o", "--output"} <= flags
    if command not in ("status", "actors"):
        assert {"--format", "-f"} <= flags


# --------------------------------------------------------------------------------------------
# commands that only read never create a store


@pytest.mark.parametrize(
    "argv",
    [
        ["status"],
        ["quotes"],
        ["statements"],
        ["events"],
        ["actors", "list"],
        ["actors", "show", "Brandt"],
        ["network"],
    ],
)
def test_a_reading_command_on_a_missing_store_creates_nothing(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    r = run(capsys, *argv, "--db", "typo.db")
    assert r.code == 2 and r.out == ""
    assert r.err == (
        f"stancegraph: {tmp_path / 'typo.db'}: no such store (nothing has been ingested there)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_status_as_a_table_and_into_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = _store_with_one_statement(tmp_path / "c.db")
    r = run(capsys, "status", "--db", db)
    assert r.code == 0
    assert r.out.startswith(f"store: sqlite:///{db}\n")
    cells = [line.split() for line in r.out.splitlines()[1:]]
    counts = {row[0]: row[1] for row in cells if len(row) == 2 and row[1].isdigit()}
    assert counts["documents"] == "1" and counts["statements"] == "1" and counts["events"] == "0"
    target = tmp_path / "status.json"
    r = run(capsys, "status", "--db", db, "-f", "json", "-o", str(target))
    assert r.code == 0 and r.out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["quotes"] == 1


# --------------------------------------------------------------------------------------------
# parquet


@pytest.mark.parametrize("command", ["quotes", "statements"])
def test_parquet_of_a_store_query_reads_back_with_pandas(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    import pandas as pd

    db = _store_with_one_statement(tmp_path / "c.db")
    target = tmp_path / f"{command}.parquet"
    r = run(capsys, command, "--db", db, "--format", "parquet", "-o", str(target))
    assert r.code == 0 and r.out == "", r.err
    frame = pd.read_parquet(target)
    rows = json_lines(run(capsys, command, "--db", db, "-f", "jsonl").out)
    assert len(frame) == len(rows) == 1
    name = "speaker_name" if command == "quotes" else "actor_name"
    assert frame[name].tolist() == [row[name] for row in rows] == ["Helena Brandt"]
    assert frame["start"].tolist() == [row["start"] for row in rows]


@pytest.mark.parametrize("command", ["quotes", "statements", "events"])
def test_parquet_needs_an_output_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    db = _store_with_one_statement(tmp_path / "c.db")
    r = run(capsys, command, "--db", db, "--format", "parquet")
    assert r.code == 2 and r.out == ""
    assert_clean_stderr(r.err, "--format parquet needs -o")


def _analyses_file(tmp_path: Path) -> str:
    from stancegraph.formats.contract import analysis_to_dict
    from stancegraph.types import Actor, Analysis, Document, Statement

    text = "The mayor backs the port. The Greens oppose it."
    rows = []
    for n, day in enumerate(("2024-03-01", "2024-03-02")):
        doc = Document(id=f"d{n}", text=text, date=day)
        actors = (Actor("a1", "City Council", "organization", (), ((0, 9),)),)
        statement = Statement("s1", "a1", "port", "Port", "support", 0, 25, None, 0.8, "test")
        rows.append(json.dumps(analysis_to_dict(Analysis(doc, actors, (), (statement,), ()))))
    return write(tmp_path / "analyses.jsonl", "\n".join(rows) + "\n")


def test_export_statements_as_parquet_holds_the_csv_rows(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import csv

    import pandas as pd

    analyses = _analyses_file(tmp_path)
    target = tmp_path / "statements.parquet"
    r = run(capsys, "export", "statements", analyses, "-f", "parquet", "-o", str(target))
    assert r.code == 0 and r.out == "", r.err
    frame = pd.read_parquet(target)
    rows = list(csv.DictReader(io.StringIO(run(capsys, "export", "statements", analyses).out)))
    assert list(frame.columns) == list(rows[0])
    assert frame["document_id"].tolist() == [row["document_id"] for row in rows] == ["d0", "d1"]
    assert frame["agreement"].tolist() == [int(row["agreement"]) for row in rows]
    r = run(capsys, "export", "statements", analyses, "-f", "parquet")
    assert r.code == 2 and "needs -o" in r.err


# --------------------------------------------------------------------------------------------
# network and export analyse articles on the fly


@pytest.mark.model
def test_network_and_export_on_raw_articles_match_their_analyses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    write(folder / "ferry.txt", STORY)
    write(folder / "strike.txt", OTHER)
    analyses = tmp_path / "analyses.jsonl"
    assert run(capsys, "analyze", str(folder), "-f", "jsonl", "-o", str(analyses)).code == 0
    outputs = {}
    for command in ("network", "export"):
        argv = ["network", "-f", "json"] if command == "network" else ["export", "statements"]
        from_articles = run(capsys, *argv, str(folder))
        from_analyses = run(capsys, *argv, str(analyses))
        assert from_articles.code == 0, from_articles.err
        assert from_articles.out == from_analyses.out
        outputs[command] = from_articles.out
    assert json.loads(outputs["network"])["rows"], "the articles' organisations are rows"
    assert len(outputs["export"].splitlines()) > 1, "a header and statements"


def test_network_on_articles_with_a_bad_codebook_is_one_line(
    capsys: pytest.CaptureFixture[str], story: str, tmp_path: Path
) -> None:
    bad = write(tmp_path / "codebook.yaml", "concepts: [unclosed\n")
    r = run(capsys, "network", story, "--codebook", bad)
    assert r.code == 2 and r.out == ""
    assert_clean_stderr(r.err, bad)


# --------------------------------------------------------------------------------------------
# progress: drawn on a terminal only


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.model
def test_progress_is_drawn_on_a_terminal_only(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    paths = [write(tmp_path / "a.txt", STORY), write(tmp_path / "b.txt", OTHER)]
    piped = run(capsys, "analyze", *paths, "-f", "jsonl")
    assert piped.code == 0 and piped.err == ""
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["analyze", *paths, "-f", "jsonl"]) == 0
    drawn = terminal.getvalue()
    assert "2/2" in drawn and "docs/s" in drawn and "ETA" in drawn
    assert capsys.readouterr().out == piped.out  # stdout is the same either way


@pytest.mark.model
def test_ingest_through_a_pipe_prints_failures_and_the_summary_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    write(folder / "a.txt", STORY)
    write(folder / "bad.txt", b"\x00\x01\x02 binary \x00")
    r = run(capsys, "ingest", str(folder), "--db", str(tmp_path / "c.db"))
    assert r.code == 1
    lines = r.err.splitlines()
    assert len(lines) == 2 and "docs/s" not in r.err
    assert lines[0].startswith("stancegraph: failed ") and "bad.txt" in lines[0]
    assert lines[1].startswith("stancegraph: completed with 1 failures")


@pytest.mark.parametrize(
    "argv",
    [["quotes", "--from", "2019-13-45"], ["analyze", "x.txt", "--format", "yaml"], ["bogus"]],
)
def test_a_usage_error_is_one_line_naming_the_help(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert "--help')" in err and "Traceback" not in err


def test_python_dash_m_runs_the_command_line() -> None:
    import subprocess

    from stancegraph import __version__

    done = subprocess.run(
        [sys.executable, "-m", "stancegraph", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert __version__ in done.stdout


@pytest.mark.model
def test_attribution_rules_keeps_the_rule_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "The treasurer opined that the levy would be doubled. "
        "The mayor said that the bridge will close in May.\n"
    )
    path = write(tmp_path / "a.txt", text)
    rules = run(capsys, "analyze", path, "--format", "json", "--attribution", "rules")
    assert rules.code == 0
    extractors = [q["extractor"] for q in json.loads(rules.out)["quotes"]]
    assert extractors and not any(":learned-" in e for e in extractors)
    with pytest.raises(SystemExit) as exit_info:
        main(["analyze", path, "--attribution", "model"])
    assert exit_info.value.code == 2
    assert "--attribution" in capsys.readouterr().err


def test_a_stored_analysis_names_how_reported_speech_was_found() -> None:
    from stancegraph.corpus.ingest import extractor_version
    from stancegraph.extract.attribution import load_model
    from stancegraph.pipeline import Options

    learned = extractor_version(Options())
    rules = extractor_version(Options(attribution="rules"))
    assert f"attribution={load_model().digest}" in learned
    assert "attribution=rules" in rules and learned != rules
