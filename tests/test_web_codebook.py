"""The workbench's codebook page (``stancegraph.web.codebook``): the tree with statement counts,
an admin's edits written to the file and followed by the store, each role's rights by HTTP
status, escaping, and the page without a codebook file. The store is built by hand."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from stancegraph.corpus.store import Store
from stancegraph.extract.codebook import load_codebook
from stancegraph.web import create_app
from test_web import COOKIE, TOKEN, _port_analysis

PASSWORD = "correct horse battery"
CODEBOOK = """\
# The port story's codebook; this comment stays.
concepts:
  - id: port
    label: port expansion
    keywords: [new berth]   # so does this one
  - id: jobs
    label: port jobs
    parent: port
"""
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "codebook.yaml"
    path.write_text(CODEBOOK, encoding="utf-8")
    return path


@pytest.fixture
def team(store: Store) -> Store:
    store.put_analysis(_port_analysis("port"), extractor="test")
    for name, role in (("ada", "admin"), ("ben", "coder"), ("vic", "viewer")):
        store.add_coder(name, role, PASSWORD)
    return store


def _client(app: object) -> TestClient:
    client = TestClient(app, base_url="http://127.0.0.1")  # type: ignore[arg-type]
    client.cookies.set(COOKIE, TOKEN)
    return client


def _csrf(client: TestClient, path: str) -> str:
    match = re.search(r'<meta name="csrf-token" content="([^"]+)">', client.get(path).text)
    assert match
    return match.group(1)


@pytest.fixture
def clients(team: Store, book: Path) -> Iterator[dict[str, TestClient]]:
    app = create_app(team, token=TOKEN, coder="unused", codebook_file=book)
    out = {}
    for name in ("ada", "ben", "vic"):
        client = _client(app)
        form = {"csrf": _csrf(client, "/signin"), "name": name, "password": PASSWORD}
        assert client.post("/signin", data=form, follow_redirects=False).status_code == 303
        out[name] = client
    yield out
    for client in out.values():
        client.close()


def _post(client: TestClient, **form: str) -> object:
    data = {"csrf": _csrf(client, "/codebook"), **form}
    return client.post("/codebook", data=data, follow_redirects=False)


def test_the_page_shows_the_tree_with_statement_counts(clients: dict[str, TestClient]) -> None:
    page = clients["vic"].get("/codebook")
    assert page.status_code == 200
    rows = re.findall(r'<tr class="concept" data-concept="([^"]+)" data-depth="(\d)"', page.text)
    assert rows == [("port", "0"), ("jobs", "1")]
    counts = re.findall(
        r'<td class="count">(\d+)</td><td class="total">(\d+)</td>',
        page.text.replace("\n      ", ""),
    )
    assert counts == [("2", "2"), ("0", "0")]
    assert "Only an admin edits the codebook." in page.text
    assert "the codebook lacks" not in page.text
    assert 'action="/codebook"' not in page.text


def test_the_page_lists_the_store_concepts_the_codebook_lacks(
    clients: dict[str, TestClient], team: Store
) -> None:
    analysis = _port_analysis("other")
    odd = replace(analysis.statements[0], concept=SCRIPT, concept_label=SCRIPT)
    team.put_analysis(replace(analysis, statements=(odd,)), extractor="test")
    page = clients["vic"].get("/codebook").text
    assert "the codebook lacks" in page
    assert "<li><code>&lt;script&gt;alert(1)&lt;/script&gt;</code>: 1 statement(s)</li>" in page
    assert SCRIPT not in page


@pytest.mark.parametrize("name", ["ben", "vic"])
def test_coders_and_viewers_cannot_edit(
    clients: dict[str, TestClient], book: Path, name: str
) -> None:
    answer = _post(clients[name], op="rename", concept="port", label="harbour")
    assert answer.status_code == 403  # type: ignore[attr-defined]
    assert book.read_text(encoding="utf-8") == CODEBOOK


def test_an_admin_renames_and_merges_the_file_and_the_store_follow(
    clients: dict[str, TestClient], team: Store, book: Path
) -> None:
    ada = clients["ada"]
    answer = _post(ada, op="rename", concept="port", label="harbour expansion", new_id="harbour")
    assert answer.status_code == 303  # type: ignore[attr-defined]
    assert "renamed" in answer.headers["location"]  # type: ignore[attr-defined]
    assert {r["concept_label"] for r in team.statements()} == {"harbour expansion"}
    choices = '<option value="harbour">harbour expansion</option>'
    assert choices in ada.get("/").text  # the corpus page's concept choices, and the document's
    assert choices in ada.get("/doc/%2Fnews%2Fport").text
    assert '<option value="port">' not in ada.get("/").text
    assert _post(ada, op="add", concept="docks", label="the docks").status_code == 303  # type: ignore[attr-defined]
    assert _post(ada, op="nest", concept="docks", parent="harbour").status_code == 303  # type: ignore[attr-defined]
    assert _post(ada, op="merge", concept="docks", other="harbour").status_code == 400  # type: ignore[attr-defined]
    assert _post(ada, op="nest", concept="docks", parent="").status_code == 303  # type: ignore[attr-defined]
    assert _post(ada, op="merge", concept="docks", other="harbour").status_code == 303  # type: ignore[attr-defined]
    assert {r["concept"] for r in team.statements()} == {"docks"}
    again = _post(ada, op="add", concept="harbour", label="a new harbour")
    assert again.status_code == 400 and "was renamed or merged into" in again.text  # type: ignore[attr-defined]
    text = book.read_text(encoding="utf-8")
    assert "# The port story's codebook; this comment stays." in text
    loaded = load_codebook(book)
    assert [c.id for c in loaded.concepts] == ["jobs", "docks"]
    assert loaded.concept("jobs").parent == "docks"  # type: ignore[union-attr]
    page = ada.get("/codebook").text
    assert re.search(r'data-concept="docks" data-depth="0"', page)
    assert '<td class="count">2</td>' in page


@pytest.mark.parametrize(
    ("form", "status", "message"),
    [
        ({"op": "rename", "concept": "nothing", "label": "x"}, 404, "no such concept"),
        ({"op": "nest", "concept": "port", "parent": "jobs"}, 400, "makes a cycle"),
        ({"op": "add", "concept": "jobs"}, 400, "is taken"),
        ({"op": "rename", "concept": "port"}, 400, "new label or a new id"),
        ({"op": "drop", "concept": "port"}, 400, "op: one of"),
    ],
)
def test_a_refused_edit_is_one_line_and_leaves_the_file(
    clients: dict[str, TestClient], book: Path, form: dict[str, str], status: int, message: str
) -> None:
    answer = _post(clients["ada"], **form)
    assert answer.status_code == status  # type: ignore[attr-defined]
    assert message in answer.text  # type: ignore[attr-defined]
    assert "Traceback" not in answer.text  # type: ignore[attr-defined]
    assert book.read_text(encoding="utf-8") == CODEBOOK


def test_an_edit_without_the_csrf_field_is_refused(
    clients: dict[str, TestClient], book: Path
) -> None:
    answer = clients["ada"].post("/codebook", data={"op": "add", "concept": "x"})
    assert answer.status_code == 403
    assert book.read_text(encoding="utf-8") == CODEBOOK


def test_names_are_shown_as_text(clients: dict[str, TestClient]) -> None:
    ada = clients["ada"]
    assert _post(ada, op="add", concept="x-1", label=SCRIPT).status_code == 303  # type: ignore[attr-defined]
    page = ada.get("/codebook").text
    assert SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_one_user_of_a_store_without_coders_edits(store: Store, book: Path) -> None:
    store.put_analysis(_port_analysis("port"), extractor="test")
    app = create_app(store, token=TOKEN, coder="anna", codebook_file=book)
    with _client(app) as client:
        answer = _post(client, op="rename", concept="jobs", label="dock jobs")
        assert answer.status_code == 303  # type: ignore[attr-defined]
    assert load_codebook(book).concept("jobs").label == "dock jobs"  # type: ignore[union-attr]


def test_without_a_codebook_file_the_page_says_how_to_start(store: Store) -> None:
    app = create_app(store, token=TOKEN, coder="anna", codebook={"port": "port expansion"})
    with _client(app) as client:
        page = client.get("/codebook")
        assert page.status_code == 200
        assert "stancegraph serve --db STORE --codebook codebook.yaml" in page.text
        assert _post(client, op="add", concept="x").status_code == 409  # type: ignore[attr-defined]
