"""Statement records, DNA database files (read, write, round trip) and JSON Lines of analyses.

Tests marked ``data`` read DNA's own sample database from ``../shared/data/dna_sample`` and are
skipped when it is absent; the others build analyses and records by hand.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from conftest import DNA_SAMPLE_OLD as SAMPLE_OLD
from stancegraph.errors import InputError
from stancegraph.formats.contract import analysis_to_dict
from stancegraph.formats.dna import (
    NEUTRAL_STATEMENT_TYPE,
    STATEMENT_TYPE,
    StatementRecord,
    is_dna_file,
    parse_date,
    read_analyses_jsonl,
    read_dna,
    read_dna_texts,
    records_from_analyses,
    statements_csv,
    write_dna,
)
from stancegraph.types import Actor, Analysis, Document, Statement

# --- hand-made analyses ------------------------------------------------------------------------

TEXT_1 = (
    "Mayor Helena Brandt said the port expansion would bring 900 jobs. "
    "The Green Party rejected the expansion outright. "
    "Brandt added that the river study was welcome."
)
TEXT_2 = "France said the treaty was fair 🙂. Officials in Paris backed the treaty again."


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def _statement(
    sid: str, actor: str | None, concept: str, agreement: str, span: tuple[int, int]
) -> Statement:
    return Statement(
        id=sid,
        actor=actor,
        concept=concept.lower().replace(" ", "_"),
        concept_label=concept,
        agreement=agreement,  # type: ignore[arg-type]
        start=span[0],
        end=span[1],
        quote=None,
        confidence=0.8,
        extractor="test",
    )


def make_analyses() -> list[Analysis]:
    """Two documents: a person with an affiliation, an organisation, a country, a neutral
    statement, a statement without actor, a date with a time zone and a missing date."""
    doc1 = Document(
        id="port-1",
        text=TEXT_1,
        title="Harbour vote",
        date="2024-03-01T09:30:00+01:00",
        url="https://example.org/port",
        meta={"outlet": "Harbour Post"},
    )
    actors1 = (
        Actor("a1", "Helena Brandt", "person", ("Brandt",), ((6, 19),), "Mayor", "City Council"),
        Actor("a2", "Green Party", "organization", (), ((70, 85),)),
    )
    statements1 = (
        _statement("s1", "a1", "Port expansion", "support", _span(TEXT_1, "the port expansion")),
        _statement("s2", "a2", "Port expansion", "oppose", _span(TEXT_1, "rejected the expansion")),
        _statement("s3", "a1", "River study", "neutral", _span(TEXT_1, "the river study")),
    )
    doc2 = Document(id="7", text=TEXT_2, title=None, date=None)
    actors2 = (
        Actor("a1", "France", "country", (), ((0, 6),)),
        Actor("a2", "City Council", "organization", (), ()),
    )
    statements2 = (
        _statement("s1", "a1", "Treaty", "support", _span(TEXT_2, "the treaty was fair")),
        _statement("s2", None, "Treaty", "support", _span(TEXT_2, "backed the treaty")),
        _statement("s3", "a2", "Treaty", "oppose", _span(TEXT_2, "Officials")),
    )
    return [
        Analysis(doc1, actors1, (), statements1),
        Analysis(doc2, actors2, (), statements2),
    ]


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-01", datetime(2024, 3, 1)),
        ("2024-03-01T09:30:00", datetime(2024, 3, 1, 9, 30)),
        ("2024-03-01T09:30:00+01:00", datetime(2024, 3, 1, 8, 30)),
        ("2024-03-01T09:30:00Z", datetime(2024, 3, 1, 9, 30)),
        ("2024-03-01 garbage", datetime(2024, 3, 1)),
        ("", None),
        (None, None),
        ("1 March 2024", None),
    ],
)
def test_parse_date(value: str | None, expected: datetime | None) -> None:
    assert parse_date(value) == expected


# --- records from analyses ---------------------------------------------------------------------


def test_records_from_analyses_map_actors_concepts_agreement_and_dates() -> None:
    records = records_from_analyses(make_analyses())
    assert len(records) == 6
    brandt, green, neutral, france, nobody, council = records

    assert (brandt.person, brandt.organization) == ("Helena Brandt", "City Council")
    assert (brandt.concept, brandt.agreement) == ("Port expansion", 1)
    assert brandt.date == datetime(2024, 3, 1, 8, 30)
    assert brandt.text == "the port expansion"
    assert TEXT_1[brandt.start : brandt.stop] == brandt.text  # type: ignore[index]
    assert brandt.document_id == "port-1" and brandt.document_title == "Harbour vote"
    assert brandt.statement_type == STATEMENT_TYPE
    assert brandt.meta["coder"] == "stancegraph"
    assert brandt.meta["document.url"] == "https://example.org/port"
    assert brandt.meta["document.outlet"] == "Harbour Post"
    assert brandt.meta["person.type"] == "person"

    assert (green.person, green.organization, green.agreement) == (None, "Green Party", 0)
    assert green.meta["organization.type"] == "organization"
    assert neutral.agreement is None and neutral.concept == "River study"

    assert (france.organization, france.meta["organization.type"]) == ("France", "country")
    assert france.date is None and france.document_title == ""
    assert (nobody.person, nobody.organization) == (None, None)
    assert council.organization == "City Council"


def test_entity_attributes_are_shared_across_records() -> None:
    # "City Council" is Brandt's affiliation in document 1 and an actor in document 2: every
    # record naming it carries the same organization.type, as a DNA entity attribute would.
    brandt = records_from_analyses(make_analyses())[0]
    assert brandt.meta["organization.type"] == "organization"


def test_record_value_reads_fields_documents_and_meta() -> None:
    record = records_from_analyses(make_analyses())[0]
    assert record.value("person") == "Helena Brandt"
    assert record.value("document") == "port-1"
    assert record.value("title") == "Harbour vote"
    assert record.value("agreement") == "1"
    assert record.value("document.outlet") == "Harbour Post"
    assert record.value("nothing") is None


# --- JSON Lines of analyses --------------------------------------------------------------------


def _jsonl(path: Path, analyses: list[Analysis]) -> Path:
    lines = [json.dumps(analysis_to_dict(a)) for a in analyses]
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    return path


def test_read_analyses_jsonl_round_trips_analysis_to_dict(tmp_path: Path) -> None:
    analyses = make_analyses()
    path = _jsonl(tmp_path / "a.jsonl", analyses)
    read = read_analyses_jsonl(path)
    assert [a.document.id for a in read] == ["port-1", "7"]
    assert records_from_analyses(read) == records_from_analyses(analyses)


@pytest.mark.parametrize(
    ("second_line", "message"),
    [
        ("{not json", ":2: not valid JSON"),
        ("[1, 2]", ":2: not a stancegraph/analysis-1 object"),
        ('{"schema": "other"}', ":2: not a stancegraph/analysis-1 object"),
        ('{"schema": "stancegraph/analysis-1", "id": "x"}', ":2: not a stancegraph/analysis-1"),
    ],
)
def test_read_analyses_jsonl_names_the_bad_line(
    tmp_path: Path, second_line: str, message: str
) -> None:
    path = tmp_path / "bad.jsonl"
    first = json.dumps(analysis_to_dict(make_analyses()[0]))
    path.write_text(f"{first}\n{second_line}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_analyses_jsonl(path)
    assert f"{path}{message}" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_read_analyses_jsonl_rejects_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_analyses_jsonl(tmp_path / "missing.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="no analyses"):
        read_analyses_jsonl(tmp_path / "empty.jsonl")


# --- writing and reading DNA files -------------------------------------------------------------


def _texts(analyses: list[Analysis]) -> dict[str, str]:
    return {a.document.id: a.document.text for a in analyses}


def test_write_dna_then_read_dna_gives_back_the_same_records(tmp_path: Path) -> None:
    analyses = make_analyses()
    records = records_from_analyses(analyses)
    path = tmp_path / "corpus.dna"
    write_dna(records, path, texts=_texts(analyses))
    assert is_dna_file(path)
    assert read_dna(path) == records
    assert read_dna_texts(path) == _texts(analyses)


def test_write_dna_files_neutral_statements_under_their_own_type(tmp_path: Path) -> None:
    analyses = make_analyses()
    path = tmp_path / "corpus.dna"
    write_dna(records_from_analyses(analyses), path, texts=_texts(analyses))
    conn = sqlite3.connect(path)
    labels = dict(conn.execute("SELECT ID, Label FROM STATEMENTTYPES"))
    assert list(labels.values()) == [STATEMENT_TYPE, NEUTRAL_STATEMENT_TYPE]
    variables = conn.execute("SELECT Variable, DataType FROM VARIABLES WHERE StatementTypeId = 1")
    assert [tuple(v) for v in variables] == [
        ("person", "short text"),
        ("organization", "short text"),
        ("concept", "short text"),
        ("agreement", "boolean"),
    ]
    # every DNA Statement has its agreement; the neutral one is of the other type
    rows = conn.execute(
        "SELECT s.StatementTypeId, COUNT(b.ID) FROM STATEMENTS s "
        "LEFT JOIN DATABOOLEAN b ON b.StatementId = s.ID GROUP BY s.ID"
    ).fetchall()
    assert sorted(rows) == [(1, 1)] * 5 + [(2, 0)]


def test_write_dna_stores_dna_conventions(tmp_path: Path) -> None:
    analyses = make_analyses()
    path = tmp_path / "corpus.dna"
    write_dna(records_from_analyses(analyses), path, texts=_texts(analyses), password="secret")
    conn = sqlite3.connect(path)
    assert dict(conn.execute("SELECT * FROM SETTINGS"))["version"].startswith("3.0")
    docs = conn.execute("SELECT ID, Title, Date, Notes FROM DOCUMENTS ORDER BY ID").fetchall()
    # "7" keeps its number; "port-1" gets the next one and travels in the notes
    assert [d[0] for d in docs] == [7, 8]
    assert docs[0][2] == 0 and docs[0][3] == ""  # no date: 0; no notes
    assert docs[1][2] == 1709281800  # 2024-03-01 08:30 UTC, in seconds
    assert json.loads(docs[1][3].removeprefix("stancegraph "))["id"] == "port-1"
    # offsets count UTF-16 code units, like DNA's Java strings: the emoji counts twice
    start, stop = conn.execute(
        "SELECT Start, Stop FROM STATEMENTS WHERE DocumentId = 7 ORDER BY ID"
    ).fetchall()[1]
    python_start = TEXT_2.index("backed the treaty")
    assert (start, stop) == (python_start + 1, python_start + 1 + len("backed the treaty"))
    # coders: Admin and stancegraph, with DNA's password scheme
    coders = conn.execute("SELECT Name, Password FROM CODERS ORDER BY ID").fetchall()
    assert [c[0] for c in coders] == ["Admin", "stancegraph"]
    assert _dna_password_matches(coders[0][1], "secret")
    assert not _dna_password_matches(coders[0][1], "stancegraph")
    assert conn.execute("SELECT COUNT(*) FROM CODERRELATIONS").fetchone()[0] == 2
    # entity attributes: the Type attribute of organisations
    types = conn.execute(
        "SELECT e.Value, v.AttributeValue FROM ATTRIBUTEVALUES v "
        "JOIN ENTITIES e ON e.ID = v.EntityId "
        "JOIN ATTRIBUTEVARIABLES a ON a.ID = v.AttributeVariableId "
        "WHERE a.AttributeVariable = 'Type' AND a.VariableId = 2 AND e.Value != ''"
    ).fetchall()
    assert dict(types) == {
        "City Council": "organization",
        "Green Party": "organization",
        "France": "country",
    }


def _dna_password_matches(stored: str, password: str) -> bool:
    raw = base64.b64decode(stored)
    salt, digest = raw[:16], raw[16:]
    value = hashlib.sha256(salt + password.encode()).digest()
    for _ in range(99_999):
        value = hashlib.sha256(value).digest()
    return value == digest


def test_write_dna_builds_a_text_when_none_is_given(tmp_path: Path) -> None:
    records = [
        StatementRecord("d", "T", None, STATEMENT_TYPE, "Ann", "Org", "C", 1, text="first span"),
        StatementRecord("d", "T", None, STATEMENT_TYPE, "Ann", "Org", "C", 0, text="second"),
    ]
    path = tmp_path / "built.dna"
    write_dna(records, path)
    read = read_dna(path)
    assert read_dna_texts(path) == {"d": "first span\n\nsecond"}
    assert [(r.text, r.start, r.stop) for r in read] == [("first span", 0, 10), ("second", 12, 18)]
    assert [(r.person, r.agreement, r.meta["coder"]) for r in read] == [
        ("Ann", 1, "Admin"),
        ("Ann", 0, "Admin"),
    ]


def test_write_dna_replaces_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "x.dna"
    path.write_bytes(b"old")
    record = StatementRecord("1", "", None, STATEMENT_TYPE, None, "Org", "C", 1, text="t")
    write_dna([record], path)
    assert [r.organization for r in read_dna(path)] == ["Org"]
    assert [p.name for p in tmp_path.iterdir()] == ["x.dna"]  # no temporary file left


def test_read_dna_rejects_other_files(tmp_path: Path) -> None:
    text = tmp_path / "notes.dna"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match="not a DNA database"):
        read_dna(text)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE T(x)").connection.commit()
    assert is_dna_file(other)
    with pytest.raises(InputError, match="not a DNA database"):
        read_dna(other)
    with pytest.raises(InputError, match="no such file"):
        read_dna(tmp_path / "missing.dna")
    assert not is_dna_file(tmp_path / "missing.jsonl")


def test_statements_csv_has_every_variable_and_meta_key() -> None:
    records = records_from_analyses(make_analyses())
    rows = list(csv.DictReader(io.StringIO(statements_csv(records))))
    assert len(rows) == 6
    first = rows[0]
    assert first["person"] == "Helena Brandt" and first["organization"] == "City Council"
    assert first["agreement"] == "1" and first["date"] == "2024-03-01 08:30:00"
    assert first["text"] == "the port expansion" and first["document.outlet"] == "Harbour Post"
    assert rows[2]["agreement"] == "" and rows[3]["date"] == ""


# --- DNA's sample database ---------------------------------------------------------------------


@pytest.mark.data
def test_read_dna_sample(sample: Path) -> None:
    records = read_dna(sample)
    assert len(records) == 41
    statements = [r for r in records if r.statement_type == STATEMENT_TYPE]
    assert len(statements) == 40
    assert sum(r.agreement == 1 for r in statements) == 29
    assert sum(r.agreement == 0 for r in statements) == 11
    assert len({r.concept for r in statements}) == 6
    assert len({r.organization for r in statements}) == 7
    first = records[0]
    assert first.person == "Joel Bluestein"
    assert first.organization == "Energy and Environmental Analysis, Inc."
    assert first.concept == "CO2 legislation will not hurt the economy."
    assert first.agreement == 0
    assert first.date == datetime(2005, 1, 26)
    assert first.text is not None and first.text.startswith("At the gas prices we are forecasting")
    assert (first.start, first.stop) == (6351, 7213)
    assert first.meta["organization.type"] == "Business"
    assert first.meta["organization.color"] == "#FF9900"
    assert first.meta["coder"] == "Coder 1"
    assert first.meta["document.author"] == "Bluestein, Joel"
    note = next(r for r in records if r.statement_type == "Annotation")
    assert note.meta["note"].startswith("This is a note.")
    assert note.person is None and note.agreement is None


@pytest.mark.data
def test_sample_round_trip_and_schema_mirror(sample: Path, tmp_path: Path) -> None:
    records = read_dna(sample)
    path = tmp_path / "copy.dna"
    write_dna(records, path, texts=read_dna_texts(sample))
    assert read_dna(path) == records
    assert _schema(path) == _schema(sample)


def _schema(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    out: dict[str, list[tuple[object, ...]]] = {}
    for table in sorted(tables):
        out[table] = [tuple(row) for row in conn.execute(f"PRAGMA table_info({table})")]
        out[table] += [tuple(row) for row in conn.execute(f"PRAGMA foreign_key_list({table})")]
    return out


@pytest.mark.data
def test_sample_admin_password_follows_the_scheme_write_dna_uses(sample: Path) -> None:
    # rDNA opens its sample as coder 1 with the password "sample"
    stored = sqlite3.connect(sample).execute("SELECT Password FROM CODERS WHERE ID = 1")
    assert _dna_password_matches(stored.fetchone()[0], "sample")


@pytest.mark.data
def test_old_format_sample_reads_the_same_statements(sample: Path) -> None:
    if not SAMPLE_OLD.is_file():
        pytest.skip(f"not found: {SAMPLE_OLD}")

    def key(r: StatementRecord) -> tuple[object, ...]:
        return (r.document_id, r.start, r.statement_type, r.person, r.organization, r.concept)

    old = sorted(read_dna(SAMPLE_OLD), key=key)
    new = sorted(read_dna(sample), key=key)
    assert [key(r) + (r.agreement, r.date, r.text) for r in old] == [
        key(r) + (r.agreement, r.date, r.text) for r in new
    ]
    types = [
        (o.meta.get("organization.type"), n.meta.get("organization.type"))
        for o, n in zip(old, new, strict=True)
    ]
    assert all(a == b for a, b in types) and ("NGO", "NGO") in types
