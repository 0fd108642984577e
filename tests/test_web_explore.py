"""The workbench's network page (``stancegraph.web.explore``): DNA's options, the matrix, a
node's statements, the time windows and the downloads, which are what ``stancegraph network
--db`` writes.

The store is built by hand (``tests/test_web.py``'s port story), so no spaCy pipeline is needed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from stancegraph.corpus.store import Store, open_store
from stancegraph.web import create_app
from stancegraph.web.vendor import ENV_NODE_MODULES, cytoscape_dir
from test_cli import run
from test_web import TOKEN, _port_analysis


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "corpus.db")
    with open_store(path) as store:
        store.put_analysis(_port_analysis("port", "2024-03-01"), extractor="test")
        store.put_analysis(_port_analysis("later", "2024-03-20"), extractor="test")
    return path


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with open_store(db) as opened:
        yield opened


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store, token=TOKEN, coder="anna"), base_url="http://127.0.0.1") as c:
        c.get(f"/?token={TOKEN}")
        yield c


def _summary(page: str) -> str:
    match = re.search(r'<p class="network-summary">(.*?)\n', page)
    assert match, page
    return match.group(1)


def test_the_page_builds_the_two_mode_network_of_the_store(client: TestClient) -> None:
    page = client.get("/network?variable1=person").text
    assert _summary(page).startswith("2 × 1 twomode network of 4 statements, 2024-03-01 to")
    row = page[page.index(">Helena Brandt</a>") :].split("</tr>")[0]
    assert '<td class="cell-support">2</td>' in row
    row = page[page.index(">Omar Haddad</a>") :].split("</tr>")[0]
    assert '<td class="cell-oppose">2</td>' in row


def test_the_options_are_dnas_and_a_bad_one_is_a_400_naming_it(client: TestClient) -> None:
    page = client.get("/network?variable1=person&type=onemode&qualifier_aggregation=conflict").text
    assert _summary(page).startswith("2 × 2 onemode network")
    bad = client.get("/network?type=onemode&qualifier_aggregation=combine")
    assert bad.status_code == 400 and "qualifier aggregation" in bad.text
    assert client.get("/network?window=x").status_code == 400
    assert client.get("/network?start=2024-13-01").status_code == 400


def test_a_node_lists_its_statements_with_their_evidence(client: TestClient) -> None:
    page = client.get("/network?variable1=person&node=Helena+Brandt").text
    assert "Statements of Helena Brandt (2)" in page
    assert "“We will build the port.”" in page and "Omar Haddad</td>" not in page
    concept = client.get("/network?variable1=person&node=port+expansion").text
    assert "Statements of port expansion (4)" in concept


def test_dates_narrow_the_network_and_a_nodes_statements(client: TestClient) -> None:
    page = client.get("/network?variable1=person&start=2024-03-10&node=Helena+Brandt").text
    assert _summary(page).startswith("2 × 1 twomode network of 2 statements, 2024-03-10 to")
    assert "Statements of Helena Brandt (1)" in page


def test_time_windows_are_stepped_through(client: TestClient) -> None:
    first = client.get("/network?variable1=person&window=7&step=7").text
    windows = re.search(r"Time window 1 of (\d+)", first)
    every = client.get("/network/download?format=json&variable1=person&window=7&step=7").json()
    assert windows and int(windows.group(1)) == len(every) == 2
    later = re.search(r'<a rel="next" href="([^"]+)"', first)
    assert later
    second = client.get(later.group(1).replace("&amp;", "&")).text
    assert "Time window 2 of 2" in second and 'rel="next"' not in second


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv", "edgelist", "json"])
def test_every_download_is_what_stancegraph_network_writes(
    capsys: pytest.CaptureFixture[str], client: TestClient, db: str, fmt: str
) -> None:
    answer = client.get(f"/network/download?format={fmt}&variable1=person&normalization=activity")
    assert answer.status_code == 200
    assert "attachment" in answer.headers["content-disposition"]
    cli = run(capsys, "network", "--db", db, "--format", fmt, "--variable1", "person",
              "--normalization", "activity")  # fmt: skip
    assert cli.code == 0
    if fmt == "json":
        assert json.loads(answer.text)["matrix"] == json.loads(cli.out)["matrix"]
    else:
        assert answer.text == cli.out


def test_an_unknown_download_format_is_a_400(client: TestClient) -> None:
    answer = client.get("/network/download?format=xlsx")
    assert answer.status_code == 400 and "format: one of" in answer.text


def test_a_store_without_statements_says_so(tmp_path: Path) -> None:
    with (
        open_store(str(tmp_path / "empty.db")) as empty,
        TestClient(create_app(empty, token=TOKEN, coder="a")) as c,
    ):
        c.get(f"/?token={TOKEN}")
        assert "No statements to build a network from." in c.get("/network").text
        assert c.get("/network/download").status_code == 404


def test_a_variable_no_statement_has_keeps_the_form_and_says_so(client: TestClient) -> None:
    answer = client.get("/network?variable1=organization")
    assert answer.status_code == 400
    assert "no statement has a value for the variable &#39;organization&#39;" in answer.text
    assert 'name="variable1" value="organization"' in answer.text


def test_names_from_the_texts_are_shown_as_text(store: Store, client: TestClient) -> None:
    from dataclasses import replace

    from test_web import SCRIPT

    analysis = _port_analysis("hostile", "2024-03-02")
    brandt = replace(analysis.actors[0], name=SCRIPT)
    statements = tuple(replace(s, concept_label=SCRIPT) for s in analysis.statements)
    store.put_analysis(replace(analysis, actors=(brandt, *analysis.actors[1:]),
                               statements=statements), extractor="test")  # fmt: skip
    page = client.get(f"/network?variable1=person&node={SCRIPT}").text
    assert SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def _app_with_modules(store: Store, folder: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setenv(ENV_NODE_MODULES, str(folder))
    client = TestClient(create_app(store, token=TOKEN, coder="a"), base_url="http://127.0.0.1")
    client.get(f"/?token={TOKEN}")
    return client


def test_the_drawing_library_is_served_from_its_npm_package(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = tmp_path / "node_modules" / "cytoscape" / "dist"
    built.mkdir(parents=True)
    (built / "cytoscape.min.js").write_text("/* cytoscape */", encoding="utf-8")
    with _app_with_modules(store, tmp_path / "node_modules", monkeypatch) as client:
        assert cytoscape_dir() == built
        assert client.get("/vendor/cytoscape/cytoscape.min.js").text == "/* cytoscape */"
        page = client.get("/network?variable1=person").text
        assert '<div id="graph"' in page and 'src="/vendor/cytoscape/cytoscape.min.js"' in page
        assert 'data-source="/network/download?variable1=person&amp;format=json"' in page


def test_without_the_drawing_library_the_page_says_so(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _app_with_modules(store, tmp_path / "nothing", monkeypatch) as client:
        assert cytoscape_dir() is None
        page = client.get("/network?variable1=person").text
        assert "No drawing: the drawing library is not installed" in page
        assert "cytoscape" not in page and client.get("/vendor/cytoscape/x.js").status_code == 404
