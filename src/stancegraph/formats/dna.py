"""Flat statement records, and the database files of the Discourse Network Analyzer (DNA).

In: DNA databases (SQLite; DNA 3 files such as DNA's ``sample.dna``, and DNA 2 files), JSON Lines
of ``stancegraph/analysis-1`` analyses, or ``Analysis`` objects.
Out: ``StatementRecord``s, one per coded statement; DNA 3 database files that DNA's GUI
opens; a flat CSV of the records.

A record is DNA's view of a statement: who (``person``, ``organization``), about what
(``concept``), for or against (``agreement``: 1, 0, or None when neutral), in which document and
when. ``meta`` holds everything else as strings, under these keys:

    coder                    the coder (DNA) or ``stancegraph`` (analyses)
    document.<field>         document metadata: DNA's author, source, section, type, notes;
                             from analyses the url and the document's own ``meta`` fields
    <variable>.<attribute>   an attribute of the entity in that variable, e.g. ``person.type``,
                             ``organization.type``, ``organization.color`` (``#RRGGBB``)
    <variable>               any other statement variable, e.g. DNA's ``note``

DNA cannot hold a neutral statement in its "DNA Statement" type (``agreement`` is a yes/no
field), so ``write_dna`` files those under a second statement type, "Neutral Statement",
with the same person, organization and concept variables; ``read_dna`` reads them back as
"DNA Statement" records with ``agreement`` None. A stancegraph document id that is not a
positive integer travels in the document's Notes, as a first line ``stancegraph {...}`` (JSON),
with the analysis' url and meta; ``read_dna`` strips that line again.
"""

from __future__ import annotations

import base64
import calendar
import csv
import hashlib
import io
import json
import secrets
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..types import SCHEMA, Analysis
from .contract import analysis_from_dict
from .safe import csv_row, replacing

__all__ = [
    "NEUTRAL_STATEMENT_TYPE",
    "STATEMENT_TYPE",
    "StatementRecord",
    "is_dna_file",
    "parse_date",
    "read_analyses_jsonl",
    "read_dna",
    "read_dna_texts",
    "records_from_analyses",
    "statements_csv",
    "write_dna",
]

STATEMENT_TYPE = "DNA Statement"
NEUTRAL_STATEMENT_TYPE = "Neutral Statement"
SHORT_TEXT_FIELDS = ("person", "organization", "concept")
DOCUMENT_FIELDS = ("author", "source", "section", "type", "notes")  # DNA's document metadata
CODER = "stancegraph"  # the coder of statements that come from analyses
DEFAULT_PASSWORD = "stancegraph"  # every coder's password in a file that write_dna creates

# The schema version a written file declares: the DNA release that wrote sample.dna, whose
# tables and columns write_dna mirrors.
DNA_VERSION, DNA_DATE = "3.0.7", "2022-06-10"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_NOTES_TAG = "stancegraph "
_MAX_FIELD = 190  # DNA's CHECK (LENGTH(...) < 191) on titles, names and document fields


@dataclass(frozen=True, slots=True)
class StatementRecord:
    """One coded statement, flat: document, date, actor variables, concept and agreement.

    ``start``/``stop`` are character offsets of ``text`` (the coded span) in the document's text,
    when known. ``date`` is naive and means UTC, like DNA's dates.
    """

    document_id: str
    document_title: str
    date: datetime | None
    statement_type: str
    person: str | None
    organization: str | None
    concept: str | None
    agreement: int | None  # 1 agree / support, 0 disagree / oppose, None neutral
    text: str | None = None
    start: int | None = None
    stop: int | None = None
    meta: Mapping[str, str] = field(default_factory=dict)

    def value(self, variable: str) -> str | None:
        """The value of a variable: a short text field, a document field or a ``meta`` key."""
        if variable in SHORT_TEXT_FIELDS:
            value: str | None = getattr(self, variable)
        elif variable in ("document", "document_id", "id"):
            value = self.document_id
        elif variable in ("title", "document_title"):
            value = self.document_title
        elif variable == "agreement":
            value = None if self.agreement is None else str(self.agreement)
        else:
            value = self.meta.get(variable)
            if value is None and variable in DOCUMENT_FIELDS:
                value = self.meta.get(f"document.{variable}")
        return value or None


# --- dates -------------------------------------------------------------------------------------


def parse_date(value: str | None) -> datetime | None:
    """An ISO 8601 date or date-time as a naive UTC datetime; None when missing or unparseable."""
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = datetime.fromisoformat(text[:10])
        except ValueError:
            return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def _to_epoch(date: datetime | None) -> int:
    return 0 if date is None else calendar.timegm(date.timetuple())


def _from_epoch(seconds: int | None) -> datetime | None:
    # DNA requires a date; a written document without one gets 0, read back as None.
    if not seconds:
        return None
    return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)


# --- analyses ----------------------------------------------------------------------------------


def read_analyses_jsonl(path: str | Path) -> list[Analysis]:
    """Analyses from a JSON Lines file as ``stancegraph analyze --format jsonl`` writes it.

    Raises ``InputError`` naming ``path:line`` for the first bad line.
    """
    source = str(path)
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError(
            f"cannot read: {exc.strerror or type(exc).__name__}", source=source
        ) from exc
    analyses: list[Analysis] = []
    with handle:
        lineno = 0
        try:
            for lineno, line in enumerate(handle, 1):  # noqa: B007 - lineno names the bad line
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(
                        f"not valid JSON ({exc.msg})", source=f"{source}:{lineno}"
                    ) from exc
                if not isinstance(data, dict):
                    raise InputError(f"not a {SCHEMA} object", source=f"{source}:{lineno}")
                try:
                    analyses.append(analysis_from_dict(data))
                except (KeyError, TypeError, ValueError, IndexError) as exc:
                    reason = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
                    if not reason.startswith("not a "):
                        reason = f"not a {SCHEMA} object: {reason}"
                    raise InputError(reason, source=f"{source}:{lineno}") from exc
        except UnicodeDecodeError as exc:
            raise InputError("not UTF-8 text", source=f"{source}:{lineno + 1}") from exc
    if not analyses:
        raise InputError("no analyses in the file", source=source)
    return analyses


def records_from_analyses(analyses: Iterable[Analysis]) -> list[StatementRecord]:
    """One record per statement of the analyses, in order.

    A person speaks as ``person`` with their affiliation as ``organization``; any other actor
    (organisation, country, place, group, document) is the ``organization``. ``agreement`` is 1
    for support, 0 for oppose, None for neutral; ``concept`` is the statement's concept label.
    Entity types (``person.type``, ``organization.type``) are shared by every record naming the
    same entity, as DNA's attributes are.
    """
    records: list[StatementRecord] = []
    for analysis in analyses:
        doc = analysis.document
        date = parse_date(doc.date)
        doc_meta: dict[str, str] = {"coder": CODER}
        if doc.url:
            doc_meta["document.url"] = doc.url
        if doc.date and date is None:
            doc_meta["document.date"] = doc.date  # kept, not silently lost
        for key, value in doc.meta.items():
            doc_meta[f"document.{key}"] = str(value)
        for st in analysis.statements:
            meta = dict(doc_meta)
            person = organization = None
            actor = analysis.actor(st.actor)
            if actor is not None and actor.type == "person":
                person, organization = actor.name, actor.affiliation
                meta["person.type"] = "person"
            elif actor is not None:
                organization = actor.name
                meta["organization.type"] = actor.type
            inside = 0 <= st.start < st.end <= len(doc.text)
            records.append(
                StatementRecord(
                    document_id=doc.id,
                    document_title=doc.title or "",
                    date=date,
                    statement_type=STATEMENT_TYPE,
                    person=person,
                    organization=organization,
                    concept=st.concept_label or st.concept,
                    agreement={"support": 1, "oppose": 0}.get(st.agreement),
                    text=doc.text[st.start : st.end] if inside else None,
                    start=st.start if inside else None,
                    stop=st.end if inside else None,
                    meta=meta,
                )
            )
    return _share_entity_attributes(records)


def _share_entity_attributes(records: list[StatementRecord]) -> list[StatementRecord]:
    known: dict[tuple[str, str], dict[str, str]] = {}  # (variable, value) -> attributes
    for record in records:
        for variable in SHORT_TEXT_FIELDS:
            value = record.value(variable)
            if value:
                attrs = known.setdefault((variable, value), {})
                for key, attr in record.meta.items():
                    if key.startswith(f"{variable}."):
                        attrs.setdefault(key, attr)
    shared: list[StatementRecord] = []
    for record in records:
        meta = dict(record.meta)
        for variable in SHORT_TEXT_FIELDS:
            for key, attr in known.get((variable, record.value(variable) or ""), {}).items():
                meta.setdefault(key, attr)
        shared.append(_replace_meta(record, meta))
    return shared


def _replace_meta(record: StatementRecord, meta: dict[str, str]) -> StatementRecord:
    return StatementRecord(
        record.document_id,
        record.document_title,
        record.date,
        record.statement_type,
        record.person,
        record.organization,
        record.concept,
        record.agreement,
        record.text,
        record.start,
        record.stop,
        meta,
    )


# --- reading DNA files -------------------------------------------------------------------------


def is_dna_file(path: str | Path) -> bool:
    """True when the file is an SQLite database (DNA's format) or is named ``*.dna``."""
    if str(path).lower().endswith(".dna"):
        return True
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False


def _connect(path: str | Path) -> sqlite3.Connection:
    source = str(path)
    if not Path(path).is_file():
        raise InputError("no such file", source=source)
    try:
        uri = Path(path).resolve().as_uri()  # "#", "?" and "%" in the path percent-encoded
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        raise InputError(f"not a DNA database ({exc})", source=source) from exc
    if not {"DOCUMENTS", "STATEMENTS", "STATEMENTTYPES", "VARIABLES"} <= tables:
        conn.close()
        raise InputError("not a DNA database (no DOCUMENTS/STATEMENTS tables)", source=source)
    return conn


def _utf16_slice(text: str, start: int, stop: int) -> tuple[str, int, int]:
    """DNA's offsets count UTF-16 code units (Java strings); return the span and str offsets."""
    if text.isascii() or all(ord(ch) < 0x10000 for ch in text):
        return text[start:stop], start, stop
    units = text.encode("utf-16-le")
    before = units[: 2 * start].decode("utf-16-le", errors="ignore")
    span = units[2 * start : 2 * stop].decode("utf-16-le", errors="ignore")
    return span, len(before), len(before) + len(span)


def _utf16_offset(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def _split_notes(notes: str) -> tuple[dict[str, str], str]:
    """The stancegraph header of a document's Notes (if any), and the notes without it."""
    if not notes.startswith(_NOTES_TAG):
        return {}, notes
    first, _, rest = notes.partition("\n")
    try:
        header = json.loads(first[len(_NOTES_TAG) :])
    except json.JSONDecodeError:
        return {}, notes
    if not isinstance(header, dict):
        return {}, notes
    return {str(k): str(v) for k, v in header.items()}, rest


@dataclass(frozen=True, slots=True)
class _Doc:
    id: str
    title: str
    text: str
    date: datetime | None
    meta: dict[str, str]


def _documents(conn: sqlite3.Connection, millis: bool) -> dict[int, _Doc]:
    docs: dict[int, _Doc] = {}
    query = "SELECT ID, Title, Text, Author, Source, Section, Notes, Type, Date FROM DOCUMENTS"
    for row in conn.execute(query):
        doc_id, title, text, author, source, section, notes, type_, date = row
        header, notes = _split_notes(notes or "")
        meta = {f"document.{k}": v for k, v in header.items() if k != "id"}
        fields = {"author": author, "source": source, "section": section, "type": type_}
        fields["notes"] = notes
        meta.update({f"document.{k}": str(v) for k, v in fields.items() if v})
        seconds = int(date or 0) // 1000 if millis else int(date or 0)  # DNA 2 counted millis
        doc_key = header.get("id", str(doc_id))
        docs[doc_id] = _Doc(doc_key, title or "", text or "", _from_epoch(seconds), meta)
    return docs


def _color(red: int | None, green: int | None, blue: int | None) -> str | None:
    if red is None or green is None or blue is None or (red, green, blue) == (0, 0, 0):
        return None  # black is DNA's default: no colour chosen
    return f"#{red:02X}{green:02X}{blue:02X}"


def _entity_attributes_v3(conn: sqlite3.Connection) -> dict[int, dict[str, str]]:
    """Entity id -> attributes (lower-case names, colour), for DNA 3 files."""
    attributes: dict[int, dict[str, str]] = {}
    for entity_id, red, green, blue in conn.execute("SELECT ID, Red, Green, Blue FROM ENTITIES"):
        color = _color(red, green, blue)
        attributes[entity_id] = {"color": color} if color else {}
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if {"ATTRIBUTEVALUES", "ATTRIBUTEVARIABLES"} <= tables:
        query = (
            "SELECT v.EntityId, a.AttributeVariable, v.AttributeValue FROM ATTRIBUTEVALUES v "
            "JOIN ATTRIBUTEVARIABLES a ON a.ID = v.AttributeVariableId"
        )
        for entity_id, name, value in conn.execute(query):
            if value:
                attributes.setdefault(entity_id, {})[str(name).lower()] = str(value)
    return attributes


def read_dna(path: str | Path) -> list[StatementRecord]:
    """Every statement of a DNA database (DNA 3 or DNA 2 format), in statement id order.

    Raises ``InputError`` when the file is missing or is not a DNA database.
    """
    conn = _connect(path)
    try:
        return _read_records(conn)
    except sqlite3.DatabaseError as exc:
        raise InputError(f"cannot read the DNA database ({exc})", source=str(path)) from exc
    finally:
        conn.close()


def read_dna_texts(path: str | Path) -> dict[str, str]:
    """Document id -> full text, for the documents of a DNA database."""
    conn = _connect(path)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        docs = _documents(conn, millis="ENTITIES" not in tables)
        return {doc.id: doc.text for doc in docs.values()}
    finally:
        conn.close()


def _read_records(conn: sqlite3.Connection) -> list[StatementRecord]:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    version3 = "ENTITIES" in tables
    docs = _documents(conn, millis=not version3)
    types = dict(conn.execute("SELECT ID, Label FROM STATEMENTTYPES"))
    variables = {
        vid: (str(name), str(dtype))
        for vid, name, dtype in conn.execute("SELECT ID, Variable, DataType FROM VARIABLES")
    }
    coders = dict(conn.execute("SELECT ID, Name FROM CODERS")) if "CODERS" in tables else {}
    values, entity_meta = _statement_values(conn, variables, version3=version3)
    agreement_type = next((t for n, t in variables.values() if n == "agreement"), "")
    records: list[StatementRecord] = []
    query = "SELECT ID, StatementTypeId, DocumentId, Start, Stop, Coder FROM STATEMENTS ORDER BY ID"
    for sid, type_id, doc_id, start, stop, coder in conn.execute(query):
        doc = docs.get(doc_id) or _Doc(str(doc_id), "", "", None, {})
        meta: dict[str, str] = {}
        if coder in coders:
            meta["coder"] = str(coders[coder])
        meta.update(doc.meta)
        meta.update(entity_meta.get(sid, {}))
        records.append(
            _statement_record(
                doc,
                str(types.get(type_id, "")),
                (int(start), int(stop)),
                dict(values.get(sid, {})),
                meta,
                boolean_agreement=agreement_type == "boolean",
            )
        )
    return records


def _statement_values(
    conn: sqlite3.Connection, variables: Mapping[int, tuple[str, str]], *, version3: bool
) -> tuple[dict[int, dict[str, Any]], dict[int, dict[str, str]]]:
    """Each statement's values by variable name, and its entities' attributes
    ('person.type', 'concept.color', ...) as metadata."""
    values: dict[int, dict[str, Any]] = {}
    entity_meta: dict[int, dict[str, str]] = {}
    rows = _short_text_v3(conn) if version3 else _short_text_v2(conn)
    for sid, vid, value, attributes in rows:
        name = variables[vid][0]
        values.setdefault(sid, {})[name] = value
        for attr, attr_value in attributes.items():
            entity_meta.setdefault(sid, {})[f"{name}.{attr}"] = attr_value
    for table in ("DATALONGTEXT", "DATABOOLEAN", "DATAINTEGER"):
        for sid, vid, value in conn.execute(f"SELECT StatementId, VariableId, Value FROM {table}"):
            values.setdefault(sid, {})[variables[vid][0]] = value
    return values, entity_meta


_ShortText = tuple[int, int, Any, dict[str, str]]  # statement, variable, value, attributes


def _short_text_v3(conn: sqlite3.Connection) -> Iterator[_ShortText]:
    """Short-text values of a DNA 3 file, with their entity's attributes."""
    entity_attrs = _entity_attributes_v3(conn)
    query = (
        "SELECT d.StatementId, d.VariableId, e.Value, e.ID FROM DATASHORTTEXT d "
        "JOIN ENTITIES e ON e.ID = d.Entity"
    )
    for sid, vid, value, entity_id in conn.execute(query):
        yield sid, vid, value, entity_attrs.get(entity_id, {})


def _short_text_v2(conn: sqlite3.Connection) -> Iterator[_ShortText]:
    """Short-text values of a DNA 2 file, with the attributes of their (variable, value)."""
    v2_attrs: dict[tuple[int, str], dict[str, str]] = {}
    query = "SELECT VariableId, Value, Red, Green, Blue, Type, Alias, Notes FROM ATTRIBUTES"
    for vid, value, red, green, blue, type_, alias, notes in conn.execute(query):
        attrs = {
            "type": type_,
            "alias": alias,
            "notes": notes,
            "color": _color(red, green, blue),
        }
        v2_attrs[(vid, value)] = {k: str(v) for k, v in attrs.items() if v}
    query = "SELECT StatementId, VariableId, Value FROM DATASHORTTEXT"
    for sid, vid, value in conn.execute(query):
        yield sid, vid, value, v2_attrs.get((vid, value), {})


def _statement_record(
    doc: _Doc,
    label: str,
    offsets: tuple[int, int],
    own: dict[str, Any],
    meta: dict[str, str],
    *,
    boolean_agreement: bool,
) -> StatementRecord:
    """One DNA statement as a record: its short-text fields, agreement and other values."""
    agreement: int | None = None
    raw_agreement = own.pop("agreement", None)
    if raw_agreement is not None and boolean_agreement:
        agreement = int(raw_agreement)
    elif raw_agreement is not None:
        meta["agreement"] = str(raw_agreement)
    short = {name: (own.pop(name, None) or None) for name in SHORT_TEXT_FIELDS}
    for name, value in own.items():
        if value is not None and value != "":
            meta[name] = str(value)
    if label == NEUTRAL_STATEMENT_TYPE:
        label, agreement = STATEMENT_TYPE, None
    span, begin, end = _utf16_slice(doc.text, *offsets)
    return StatementRecord(
        document_id=doc.id,
        document_title=doc.title,
        date=doc.date,
        statement_type=label,
        person=short["person"],
        organization=short["organization"],
        concept=short["concept"],
        agreement=agreement,
        text=span,
        start=begin,
        stop=end,
        meta=meta,
    )


# --- writing DNA files -------------------------------------------------------------------------

_PERMISSIONS = (
    "PermissionAddDocuments PermissionEditDocuments PermissionDeleteDocuments "
    "PermissionImportDocuments PermissionAddStatements PermissionEditStatements "
    "PermissionDeleteStatements PermissionEditAttributes PermissionEditRegex "
    "PermissionEditStatementTypes PermissionEditCoders PermissionEditCoderRelations "
    "PermissionViewOthersDocuments PermissionEditOthersDocuments PermissionViewOthersStatements "
    "PermissionEditOthersStatements"
).split()


def _rgb(column: str = "", *, nullable: bool = False) -> str:
    parts = []
    for name in ("Red", "Green", "Blue"):
        kind = "INTEGER" if nullable else "INTEGER NOT NULL DEFAULT 0"
        parts.append(f"{column}{name} {kind} CHECK ({name} BETWEEN 0 AND 255)")
    return ", ".join(parts)


def _flag(name: str, default: int) -> str:
    return f"{name} INTEGER NOT NULL CHECK ({name} BETWEEN 0 AND 1) DEFAULT {default}"


def _short(name: str, *, default: bool = False) -> str:
    extra = " DEFAULT ''" if default else ""
    return f"{name} TEXT NOT NULL{extra} CHECK (LENGTH({name}) < 191)"


_FK = "FOREIGN KEY({0}) REFERENCES {1}(ID) ON DELETE CASCADE"

# The tables and columns of a DNA 3.0 database, as in DNA's sample.dna.
_SCHEMA = [
    "CREATE TABLE SETTINGS(Property TEXT PRIMARY KEY, Value TEXT NOT NULL)",
    "CREATE TABLE CODERS(ID INTEGER NOT NULL PRIMARY KEY, "
    + _short("Name")
    + ", "
    + _rgb()
    + ", Refresh INTEGER NOT NULL CHECK (Refresh BETWEEN 0 AND 9999) DEFAULT 0, "
    "FontSize INTEGER NOT NULL CHECK (FontSize BETWEEN 1 AND 99) DEFAULT 14, "
    + _short("Password")
    + ", PopupWidth INTEGER CHECK (PopupWidth BETWEEN 100 AND 9999) DEFAULT 300, "
    + ", ".join(
        [_flag("ColorByCoder", 0), _flag("PopupDecoration", 0), _flag("PopupAutoComplete", 1)]
        + [_flag(name, 1) for name in _PERMISSIONS]
    )
    + ")",
    "CREATE TABLE DOCUMENTS(ID INTEGER NOT NULL PRIMARY KEY, "
    + _short("Title")
    + ", Text TEXT NOT NULL, Coder INTEGER, "
    + ", ".join(_short(name, default=True) for name in ("Author", "Source", "Section"))
    + ", Notes TEXT NOT NULL DEFAULT '', "
    + _short("Type", default=True)
    + ", Date INTEGER NOT NULL, "
    + _FK.format("Coder", "CODERS")
    + ")",
    "CREATE TABLE STATEMENTTYPES(ID INTEGER NOT NULL PRIMARY KEY, "
    + _short("Label")
    + ", "
    + _rgb()
    + ")",
    "CREATE TABLE VARIABLES(ID INTEGER NOT NULL PRIMARY KEY, "
    + _short("Variable")
    + ", DataType TEXT NOT NULL CHECK (DataType = 'boolean' OR DataType = 'integer' OR "
    "DataType = 'long text' OR DataType = 'short text') DEFAULT 'short text', "
    "StatementTypeId INTEGER, "
    + _FK.format("StatementTypeId", "STATEMENTTYPES")
    + ", UNIQUE (Variable, StatementTypeId))",
    "CREATE TABLE VARIABLELINKS(ID INTEGER NOT NULL PRIMARY KEY, SourceVariableId INTEGER, "
    "TargetVariableId INTEGER, CHECK (TargetVariableId != SourceVariableId), "
    + _FK.format("SourceVariableId", "VARIABLES")
    + ", "
    + _FK.format("TargetVariableId", "VARIABLES")
    + ")",
    "CREATE TABLE REGEXES(Label TEXT PRIMARY KEY CHECK (LENGTH(Label) < 191), " + _rgb() + ")",
    "CREATE TABLE CODERRELATIONS(ID INTEGER NOT NULL PRIMARY KEY, "
    "Coder INTEGER CHECK(Coder > 0), OtherCoder INTEGER CHECK(OtherCoder > 0), "
    + ", ".join(
        f"{name} INTEGER NOT NULL DEFAULT 1 CHECK({name} BETWEEN 0 AND 1)"
        for name in ("viewStatements", "editStatements", "viewDocuments", "editDocuments")
    )
    + ", CHECK (Coder != OtherCoder), "
    + _FK.format("Coder", "CODERS")
    + ", "
    + _FK.format("OtherCoder", "CODERS")
    + ")",
    "CREATE TABLE STATEMENTS(ID INTEGER NOT NULL PRIMARY KEY, StatementTypeId INTEGER, "
    "DocumentId INTEGER, Start INTEGER NOT NULL CHECK(Start >= 0), "
    "Stop INTEGER NOT NULL CHECK(Stop >= 0), Coder INTEGER, CHECK (Start < Stop), "
    + ", ".join(
        _FK.format(column, table)
        for column, table in (
            ("StatementTypeId", "STATEMENTTYPES"),
            ("Coder", "CODERS"),
            ("DocumentId", "DOCUMENTS"),
        )
    )
    + ")",
    *(
        f"CREATE TABLE {table}(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, "
        f"VariableId INTEGER NOT NULL, Value INTEGER NOT NULL DEFAULT {default}, "
        + _FK.format("StatementId", "STATEMENTS")
        + ", "
        + _FK.format("VariableId", "VARIABLES")
        + ", UNIQUE (StatementId, VariableId))"
        for table, default in (("DATABOOLEAN", 1), ("DATAINTEGER", 0))
    ),
    "CREATE TABLE ENTITIES(ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL, "
    "Value TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Value) < 191), "
    + _rgb(nullable=True)
    + ", ChildOf INTEGER CHECK(ChildOf > 0), UNIQUE (VariableId, Value), "
    + _FK.format("ChildOf", "ENTITIES")
    + ", "
    + _FK.format("VariableId", "VARIABLES")
    + ")",
    "CREATE TABLE DATASHORTTEXT(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, "
    "VariableId INTEGER NOT NULL, Entity INTEGER NOT NULL, "
    + ", ".join(
        _FK.format(column, table)
        for column, table in (
            ("StatementId", "STATEMENTS"),
            ("VariableId", "VARIABLES"),
            ("Entity", "ENTITIES"),
        )
    )
    + ", UNIQUE (StatementId, VariableId))",
    "CREATE TABLE DATALONGTEXT(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, "
    "VariableId INTEGER NOT NULL, Value TEXT DEFAULT '', "
    + _FK.format("StatementId", "STATEMENTS")
    + ", "
    + _FK.format("VariableId", "VARIABLES")
    + ", UNIQUE (StatementId, VariableId))",
    "CREATE TABLE ATTRIBUTEVARIABLES(ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL, "
    "AttributeVariable TEXT NOT NULL CHECK (LENGTH(AttributeVariable) < 191), "
    "UNIQUE(VariableId, AttributeVariable), " + _FK.format("VariableId", "VARIABLES") + ")",
    "CREATE TABLE ATTRIBUTEVALUES(ID INTEGER PRIMARY KEY NOT NULL, EntityId INTEGER NOT NULL, "
    "AttributeVariableId INTEGER NOT NULL, "
    "AttributeValue TEXT NOT NULL DEFAULT '' CHECK (LENGTH(AttributeValue) < 191), "
    "UNIQUE (EntityId, AttributeVariableId), "
    + _FK.format("EntityId", "ENTITIES")
    + ", "
    + _FK.format("AttributeVariableId", "ATTRIBUTEVARIABLES")
    + ")",
]

_DEFAULT_ATTRIBUTES = ("Type", "Alias", "Notes")  # what DNA gives every short text variable
_TYPE_COLORS = {STATEMENT_TYPE: (239, 208, 51), NEUTRAL_STATEMENT_TYPE: (211, 211, 211)}
_CODER_COLORS = [(255, 255, 0), (51, 153, 255), (255, 102, 102), (102, 255, 0), (204, 153, 255)]


def _password_hash(password: str) -> str:
    """A coder password as DNA stores it: base64(salt + SHA-256 iterated 100,000 times)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.sha256(salt + password.encode("utf-8")).digest()
    for _ in range(99_999):
        digest = hashlib.sha256(digest).digest()
    return base64.b64encode(salt + digest).decode("ascii")


def _clip(text: str) -> str:
    return text[:_MAX_FIELD]


def _attribute_name(key: str) -> str:
    return key[:1].upper() + key[1:]


def _is_extra(key: str) -> bool:
    return "." not in key and key != "coder"


def _stored_type(record: StatementRecord) -> str:
    if record.statement_type == STATEMENT_TYPE and record.agreement is None:
        return NEUTRAL_STATEMENT_TYPE
    return record.statement_type or STATEMENT_TYPE


def _type_variables(label: str, records: Sequence[StatementRecord]) -> list[tuple[str, str]]:
    """(variable, data type) of a statement type, in DNA's order."""
    if label in (STATEMENT_TYPE, NEUTRAL_STATEMENT_TYPE):
        names = [(name, "short text") for name in SHORT_TEXT_FIELDS]
        if label == STATEMENT_TYPE:
            names.append(("agreement", "boolean"))
    else:
        names = [(n, "short text") for n in SHORT_TEXT_FIELDS if any(r.value(n) for r in records)]
        if any(r.agreement is not None for r in records):
            names.append(("agreement", "boolean"))
    extras = sorted({key for r in records for key in r.meta if _is_extra(key)})
    return names + [(name, "long text") for name in extras if name not in dict(names)]


def _layout_document(
    records: Sequence[StatementRecord], text: str | None
) -> tuple[str, list[tuple[int, int]]]:
    """The document text and each record's (start, stop) in it, appending spans not found."""
    body = text or ""
    spans: list[tuple[int, int]] = []
    for record in records:
        start, stop = record.start, record.stop
        if (
            text is not None
            and start is not None
            and stop is not None
            and 0 <= start < stop <= len(body)
            and (record.text is None or body[start:stop] == record.text)
        ):
            spans.append((start, stop))
            continue
        piece = record.text or record.concept or "statement"
        if body:
            body += "\n\n"
        spans.append((len(body), len(body) + len(piece)))
        body += piece
    return body, spans


def write_dna(
    records: Iterable[StatementRecord],
    path: str | Path,
    *,
    texts: Mapping[str, str] | None = None,
    password: str = DEFAULT_PASSWORD,
) -> None:
    """Write the records as a DNA 3 database that DNA's GUI opens; replaces an existing file.

    ``texts`` maps document ids to full texts; a record's span is found there by its
    ``start``/``stop``; without the text (or when the span does not match), the document's text
    is built from the records' own texts. Every coder (``meta["coder"]``, else ``Admin``) gets
    ``password``. ``read_dna`` gives back the same records when each document's text is
    given (or the records carry no offsets) and entity attributes agree across records.
    """
    items = list(records)
    with replacing(path) as tmp:
        conn = sqlite3.connect(tmp)
        try:
            _fill(conn, items, texts or {}, password)
            conn.commit()
        finally:
            conn.close()


@dataclass(frozen=True, slots=True)
class _TypeTable:
    """The statement types written, and the id and data type of each (type, variable)."""

    labels: list[str]
    variable_ids: dict[tuple[str, str], int]
    data_types: dict[int, str]


def _fill(
    conn: sqlite3.Connection,
    items: list[StatementRecord],
    texts: Mapping[str, str],
    password: str,
) -> None:
    for statement in _SCHEMA:
        conn.execute(statement)
    conn.executemany(
        "INSERT INTO SETTINGS VALUES (?, ?)", [("version", DNA_VERSION), ("date", DNA_DATE)]
    )
    coder_ids = _write_coders(conn, items, password)
    types = _write_statement_types(conn, items)
    entity_ids = _write_entities(conn, items, types.variable_ids, types.data_types)
    doc_ids = _write_documents(conn, items, texts, coder_ids)
    spans = _statement_spans(items, texts)
    for index, record in enumerate(items):  # statements, in record order
        label = _stored_type(record)
        cursor = conn.execute(
            "INSERT INTO STATEMENTS (StatementTypeId, DocumentId, Start, Stop, Coder) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                types.labels.index(label) + 1,
                doc_ids[record.document_id],
                *spans[index],
                coder_ids[record.meta.get("coder", "Admin")],
            ),
        )
        assert cursor.lastrowid is not None
        _write_statement_values(conn, cursor.lastrowid, record, label, types, entity_ids)


def _write_coders(
    conn: sqlite3.Connection, items: list[StatementRecord], password: str
) -> dict[str, int]:
    """Admin first, then every coder the records name, each related to every other; ids."""
    names = ["Admin"] + sorted({r.meta.get("coder", "Admin") for r in items} - {"Admin"})
    hashed = _password_hash(password)
    coder_ids: dict[str, int] = {}
    for number, name in enumerate(names, 1):
        red, green, blue = _CODER_COLORS[(number - 1) % len(_CODER_COLORS)]
        conn.execute(
            "INSERT INTO CODERS (ID, Name, Red, Green, Blue, Password, PopupWidth) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (number, _clip(name), red, green, blue, hashed, 400 if number == 1 else 300),
        )
        coder_ids[name] = number
    conn.executemany(
        "INSERT INTO CODERRELATIONS (Coder, OtherCoder) VALUES (?, ?)",
        [(a, b) for a in coder_ids.values() for b in coder_ids.values() if a != b],
    )
    return coder_ids


def _write_statement_types(conn: sqlite3.Connection, items: list[StatementRecord]) -> _TypeTable:
    """DNA's statement type first, then every other type the records hold, with variables."""
    by_type: dict[str, list[StatementRecord]] = {}
    for record in items:
        by_type.setdefault(_stored_type(record), []).append(record)
    labels = [STATEMENT_TYPE] + [label for label in by_type if label != STATEMENT_TYPE]
    variable_ids: dict[tuple[str, str], int] = {}
    data_types: dict[int, str] = {}
    for type_id, label in enumerate(labels, 1):
        red, green, blue = _TYPE_COLORS.get(label, (100, 200, 190))
        conn.execute(
            "INSERT INTO STATEMENTTYPES VALUES (?, ?, ?, ?, ?)",
            (type_id, _clip(label), red, green, blue),
        )
        for name, data_type in _type_variables(label, by_type.get(label, [])):
            cursor = conn.execute(
                "INSERT INTO VARIABLES (Variable, DataType, StatementTypeId) VALUES (?, ?, ?)",
                (_clip(name), data_type, type_id),
            )
            assert cursor.lastrowid is not None
            variable_ids[(label, name)] = cursor.lastrowid
            data_types[cursor.lastrowid] = data_type
    return _TypeTable(labels, variable_ids, data_types)


def _statement_spans(
    items: list[StatementRecord], texts: Mapping[str, str]
) -> dict[int, tuple[int, int]]:
    """Each record's (start, stop) in its document as DNA stores it (UTF-16 offsets)."""
    by_doc: dict[str, list[int]] = {}
    for index, record in enumerate(items):
        by_doc.setdefault(record.document_id, []).append(index)
    spans: dict[int, tuple[int, int]] = {}
    for doc_id, indices in by_doc.items():
        text, doc_spans = _layout_document([items[i] for i in indices], texts.get(doc_id))
        for index, (start, stop) in zip(indices, doc_spans, strict=True):
            spans[index] = (_utf16_offset(text, start), _utf16_offset(text, stop))
    return spans


def _write_statement_values(
    conn: sqlite3.Connection,
    sid: int,
    record: StatementRecord,
    label: str,
    types: _TypeTable,
    entity_ids: Mapping[tuple[int, str], int],
) -> None:
    """One statement's values: an entity per short-text variable, its agreement, long texts."""
    for (type_label, name), vid in types.variable_ids.items():
        if type_label != label:
            continue
        data_type = types.data_types[vid]
        if data_type == "short text":
            entity = entity_ids[(vid, _clip(record.value(name) or ""))]
            conn.execute(
                "INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (?, ?, ?)",
                (sid, vid, entity),
            )
        elif data_type == "boolean" and record.agreement is not None:
            conn.execute(
                "INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (?, ?, ?)",
                (sid, vid, int(record.agreement)),
            )
        elif data_type == "long text":
            conn.execute(
                "INSERT INTO DATALONGTEXT (StatementId, VariableId, Value) VALUES (?, ?, ?)",
                (sid, vid, record.meta.get(name, "")),
            )


def _write_entities(
    conn: sqlite3.Connection,
    items: list[StatementRecord],
    variable_ids: Mapping[tuple[str, str], int],
    data_types: Mapping[int, str],
) -> dict[tuple[int, str], int]:
    """ENTITIES with their colours and attribute values; (variable id, value) -> entity id."""
    attributes: dict[tuple[int, str], dict[str, str]] = {}
    for (label, name), vid in variable_ids.items():
        if data_types[vid] != "short text":
            continue
        attributes[(vid, "")] = {}
        for record in items:
            if _stored_type(record) != label:
                continue
            value = record.value(name) or ""
            attrs = attributes.setdefault((vid, _clip(value)), {})
            prefix = f"{name}."
            for key, attr_value in record.meta.items():
                if key.startswith(prefix) and value:
                    attrs.setdefault(key[len(prefix) :], attr_value)
    attribute_ids: dict[tuple[int, str], int] = {}
    for vid in sorted({vid for vid, _ in attributes}):
        extra = {k for (v, _), attrs in attributes.items() if v == vid for k in attrs}
        extra.discard("color")
        names = list(_DEFAULT_ATTRIBUTES) + sorted(
            {_attribute_name(k) for k in extra} - set(_DEFAULT_ATTRIBUTES)
        )
        for name in names:
            cursor = conn.execute(
                "INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES (?, ?)",
                (vid, name),
            )
            assert cursor.lastrowid is not None
            attribute_ids[(vid, name)] = cursor.lastrowid
    entity_ids: dict[tuple[int, str], int] = {}
    for (vid, value), attrs in attributes.items():
        red, green, blue = _parse_color(attrs.get("color"))
        cursor = conn.execute(
            "INSERT INTO ENTITIES (VariableId, Value, Red, Green, Blue) VALUES (?, ?, ?, ?, ?)",
            (vid, value, red, green, blue),
        )
        assert cursor.lastrowid is not None
        entity_ids[(vid, value)] = cursor.lastrowid
        named = {_attribute_name(k): v for k, v in attrs.items() if k != "color"}
        for (attr_vid, attr_name), attr_id in attribute_ids.items():
            if attr_vid == vid:
                conn.execute(
                    "INSERT INTO ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue) "
                    "VALUES (?, ?, ?)",
                    (cursor.lastrowid, attr_id, _clip(named.get(attr_name, ""))),
                )
    return entity_ids


def _parse_color(color: str | None) -> tuple[int, int, int]:
    if color and len(color) == 7 and color.startswith("#"):
        try:
            return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
        except ValueError:
            pass
    return 0, 0, 0


def _write_documents(
    conn: sqlite3.Connection,
    items: list[StatementRecord],
    texts: Mapping[str, str],
    coder_ids: Mapping[str, int],
) -> dict[str, int]:
    """DOCUMENTS rows; stancegraph document id -> DNA document id."""
    first: dict[str, StatementRecord] = {}
    members: dict[str, list[StatementRecord]] = {}
    for record in items:
        first.setdefault(record.document_id, record)
        members.setdefault(record.document_id, []).append(record)
    numeric = {d: int(d) for d in first if d.isdigit() and str(int(d)) == d and int(d) > 0}
    next_id = max(numeric.values(), default=0) + 1
    doc_ids: dict[str, int] = {}
    for doc_id, record in first.items():
        if doc_id in numeric:
            doc_ids[doc_id] = numeric[doc_id]
        else:
            doc_ids[doc_id], next_id = next_id, next_id + 1
        header = {} if doc_id in numeric else {"id": doc_id}
        fields = {name: "" for name in DOCUMENT_FIELDS}
        for key, value in record.meta.items():
            if not key.startswith("document."):
                continue
            name = key[len("document.") :]
            if name in fields:
                fields[name] = value
            else:
                header[name] = value
        notes = fields["notes"]
        if header:
            line = _NOTES_TAG + json.dumps(header, ensure_ascii=False)
            notes = f"{line}\n{notes}" if notes else line
        text, _ = _layout_document(members[doc_id], texts.get(doc_id))
        conn.execute(
            "INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Author, Source, Section, Notes, Type, "
            "Date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_ids[doc_id],
                _clip(record.document_title),
                text,
                coder_ids[record.meta.get("coder", "Admin")],
                _clip(fields["author"]),
                _clip(fields["source"]),
                _clip(fields["section"]),
                notes,
                _clip(fields["type"]),
                _to_epoch(record.date),
            ),
        )
    return doc_ids


# --- flat CSV ----------------------------------------------------------------------------------

_CSV_COLUMNS = [
    "document_id",
    "document_title",
    "date",
    "statement_type",
    "person",
    "organization",
    "concept",
    "agreement",
    "text",
    "start",
    "stop",
]


def _csv_rows(records: Sequence[StatementRecord]) -> Iterator[list[str]]:
    meta_keys = sorted({key for record in records for key in record.meta})
    yield _CSV_COLUMNS + meta_keys
    for r in records:
        cells = [
            r.document_id,
            r.document_title,
            r.date.isoformat(sep=" ") if r.date else "",
            r.statement_type,
            r.person or "",
            r.organization or "",
            r.concept or "",
            "" if r.agreement is None else str(r.agreement),
            r.text or "",
            "" if r.start is None else str(r.start),
            "" if r.stop is None else str(r.stop),
        ]
        yield cells + [r.meta.get(key, "") for key in meta_keys]


def statements_csv(records: Iterable[StatementRecord], *, spreadsheet_safe: bool = True) -> str:
    """Every record as one CSV row: its variables, span, document metadata and ``meta`` keys.

    With ``spreadsheet_safe`` (the default), a text that a spreadsheet would run as a formula
    (``=``, ``+``, ``-``, ``@`` first) starts with ``'``; ``False`` keeps them as they are.
    """
    rows = (csv_row(row, formulas=spreadsheet_safe) for row in _csv_rows(list(records)))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()
