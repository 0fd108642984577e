"""The codebook editor in a real browser: Debian's chromium driven by Playwright.

A store is built by hand (``tests/test_web.py``'s port story: two statements on concept
``port``), ``stancegraph serve --codebook FILE`` runs as a subprocess on a free port, and ada,
the admin, renames a concept and merges another into it on the Codebook page; the file keeps its
comment, and the network page and the document page name the concept by its new label. Screenshots go to
``tests/screenshots/`` (not in git).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote as urlquote

import pytest

from conftest import BROWSER_MARKS, serving, shot
from stancegraph.corpus.store import open_store
from stancegraph.extract.codebook import load_codebook
from test_web import _port_analysis

PASSWORD = "a long enough password"
CODEBOOK = """\
# The port story's codebook.
concepts:
  - id: port
    label: port expansion
  - id: jobs
    label: port jobs
"""

pytestmark = BROWSER_MARKS
pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("codebook")
    db, book = folder / "corpus.db", folder / "codebook.yaml"
    book.write_text(CODEBOOK, encoding="utf-8")
    with open_store(str(db)) as store:
        store.put_analysis(_port_analysis("port"), extractor="test")
        store.add_coder("ada", "admin", PASSWORD)
    return db, book


@pytest.fixture(scope="module")
def server(files: tuple[Path, Path]) -> Iterator[str]:
    """The URL (with token) that ``stancegraph serve`` prints, on a free port."""
    db, book = files
    with serving(db, "--codebook", str(book)) as url:
        yield url


def _matrix_columns(page: object) -> list[str]:
    return page.locator("table.matrix thead th a").all_text_contents()  # type: ignore[attr-defined,no-any-return]


def test_an_admin_renames_and_merges_and_the_network_shows_the_new_name(
    browser: object, server: str, files: tuple[Path, Path]
) -> None:
    base = server.split("/?", 1)[0]
    page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()  # type: ignore[attr-defined]
    page.goto(server)
    page.fill("input[name=name]", "ada")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.signin button[type=submit]")
    page.wait_for_selector("text=signed in as ada")

    page.goto(f"{base}/network?variable1=person")
    assert _matrix_columns(page) == ["port expansion"]

    page.click("nav a[href='/codebook']")
    row = page.locator("tr.concept[data-concept=port]")
    assert row.locator("td.count").text_content() == "2"

    rename = page.locator("form[data-op=rename]")
    rename.locator("select[name=concept]").select_option("jobs")
    rename.locator("input[name=label]").fill("dock jobs")
    rename.locator("button[type=submit]").click()
    page.wait_for_selector("p.notice:has-text(\"'jobs' is now labelled 'dock jobs'\")")

    merge = page.locator("form[data-op=merge]")
    merge.locator("select[name=concept]").select_option("jobs")
    merge.locator("select[name=other]").select_option("port")
    merge.locator("button[type=submit]").click()
    page.wait_for_selector("p.notice:has-text(\"merged concept 'port' into 'jobs'\")")
    assert page.locator("tr.concept").count() == 1
    assert page.locator("tr.concept[data-concept=jobs] td.count").text_content() == "2"
    shot(page, "codebook-01-merged")

    page.goto(f"{base}/network?variable1=person")
    assert _matrix_columns(page) == ["dock jobs"]
    shot(page, "codebook-02-network")

    page.goto(f"{base}/doc/{urlquote('/news/port', safe='')}")
    page.wait_for_selector("body[data-ready] #items .item.selected")
    statements = page.locator("#items .item.kind-statement").all_text_contents()
    assert len(statements) == 2 and all("dock jobs" in s for s in statements), statements

    _db, book = files
    assert book.read_text(encoding="utf-8").startswith("# The port story's codebook.\n")
    kept = load_codebook(book).concept("jobs")
    assert kept is not None and kept.keywords == ("port jobs", "port expansion")
