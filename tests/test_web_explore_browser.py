"""The network page's drawing in a real browser: Debian's chromium driven by Playwright.

A store is built by hand (no spaCy pipeline needed), ``stancegraph serve`` runs as a subprocess
on a free port, and chromium (``/usr/bin/chromium``) opens the network page: cytoscape (the npm
package ``make demo`` installs) draws the two-mode network, its ties coloured by agreement; a
click on a node lists that actor's statements; the slider steps through the time windows.
Skipped when chromium or the npm package is missing.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import BROWSER_MARKS, serving, shot
from stancegraph.corpus.store import open_store
from stancegraph.web.vendor import cytoscape_dir
from test_web import _port_analysis

pytestmark = [
    pytest.mark.skipif(
        cytoscape_dir() is None, reason="cytoscape is not installed: make demo (npm ci)"
    ),
    *BROWSER_MARKS,
]
pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("explore") / "corpus.db"
    with open_store(str(db)) as store:
        store.put_analysis(_port_analysis("port", "2024-03-01"), extractor="test")
        store.put_analysis(_port_analysis("later", "2024-03-20"), extractor="test")
    with serving(db) as url:
        yield url


@pytest.fixture
def page(browser: object, server: str) -> Iterator[object]:
    opened = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    opened.goto(server)
    yield opened
    opened.close()


def _graph(page: object, expression: str) -> object:
    return page.evaluate(f"() => {{ const cy = window.stancegraphGraph; return {expression}; }}")  # type: ignore[attr-defined]


def _spread(page: object) -> None:
    """Lay the nodes out on a grid, as a user dragging them apart would: the drawing's own layout
    is random, and a click must not land on a neighbour or its label."""
    _graph(page, "(cy.layout({name: 'grid', padding: 40, avoidOverlap: true}).run(), 0)")


def test_the_network_is_drawn_and_a_click_on_a_node_lists_its_statements(
    page: object, server: str
) -> None:
    base = server.split("/?", 1)[0]
    page.goto(f"{base}/network?variable1=person")  # type: ignore[attr-defined]
    page.wait_for_selector("body[data-ready] #graph canvas")  # type: ignore[attr-defined]
    labels = _graph(page, "cy.nodes().map(n => n.data('label')).sort()")
    assert labels == ["Helena Brandt", "Omar Haddad", "port expansion"]
    ties = _graph(
        page,
        "cy.edges().map(e => [e.source().data('label'), e.data('tie'), e.data('weight')]).sort()",
    )
    assert ties == [["Helena Brandt", "support", 2], ["Omar Haddad", "oppose", 2]]
    shot(page, "network-01-drawn")
    _graph(page, "cy.zoom(cy.zoom() * 1.5)")  # zooming keeps the drawing usable
    _spread(page)
    where = _graph(
        page, "cy.nodes().filter(n => n.data('label') === 'Helena Brandt')[0].renderedPosition()"
    )
    box = page.locator("#graph").bounding_box()  # type: ignore[attr-defined]
    page.mouse.click(box["x"] + where["x"], box["y"] + where["y"])  # type: ignore[attr-defined, index]
    page.wait_for_selector("#node:has-text('Statements of Helena Brandt (2)')")  # type: ignore[attr-defined]
    assert "We will build the port." in page.text_content(".node-statements")  # type: ignore[attr-defined]


def test_the_slider_steps_through_the_time_windows(page: object, server: str) -> None:
    base = server.split("/?", 1)[0]
    page.goto(f"{base}/network?variable1=person&window=7&step=7")  # type: ignore[attr-defined]
    page.wait_for_selector("body[data-ready] #graph canvas")  # type: ignore[attr-defined]
    assert "Time window 1 of 2" in page.text_content(".windows")  # type: ignore[attr-defined]
    page.eval_on_selector(  # type: ignore[attr-defined]
        "#window-slider", "s => { s.value = '1'; s.dispatchEvent(new Event('change')); }"
    )
    page.wait_for_selector(".windows:has-text('Time window 2 of 2')")  # type: ignore[attr-defined]
    page.wait_for_selector("body[data-ready] #graph canvas")  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from conftest import DNA_SAMPLE

    if not DNA_SAMPLE.is_file():
        pytest.skip(f"DNA sample not found: {DNA_SAMPLE}")
    db = tmp_path_factory.mktemp("sample") / "corpus.db"
    subprocess.run(
        [sys.executable, "-m", "stancegraph", "import", "dna", str(DNA_SAMPLE), "--db", str(db)],
        check=True,
        capture_output=True,
    )
    with serving(db) as url:
        yield url


@pytest.mark.data
def test_dnas_sample_is_drawn_with_its_known_two_mode_sums(
    browser: object, sample_server: str
) -> None:
    page: Any = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page.goto(sample_server)
    page.goto(sample_server.split("/?", 1)[0] + "/network")
    page.wait_for_selector("body[data-ready] #graph canvas")
    assert page.text_content(".network-summary").startswith(
        "7 × 6 twomode network of 40 statements"
    )
    rows = _graph(page, "cy.nodes('[side = \"row\"]').length")
    columns = _graph(page, "cy.nodes('[side = \"column\"]').length")
    total = _graph(page, "cy.edges().map(e => e.data('weight')).reduce((a, b) => a + b, 0)")
    assert (rows, columns, total) == (7, 6, 40)
    assert _graph(page, "cy.edges().length") == 22
    shot(page, "network-02-dna-sample")
    _spread(page)
    where = _graph(
        page,
        "cy.nodes().filter(n => n.data('label') === 'Alliance to Save Energy')[0]"
        ".renderedPosition()",
    )
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + where["x"], box["y"] + where["y"])  # type: ignore[index]
    page.wait_for_selector("#node:has-text('Statements of Alliance to Save Energy')")
    listed = page.locator(".node-statements tbody tr").count()
    assert listed == 4  # its row of the matrix: 0 + 0 + 1 + 0 + 2 + 1
    page.close()
