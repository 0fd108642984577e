"""Several coders in a real browser: Debian's chromium driven by Playwright.

A store is built by hand (no spaCy pipeline needed) with one article assigned to two coders,
``stancegraph serve`` runs as a subprocess on a free port, and chromium
(``/usr/bin/chromium``; Playwright never downloads a browser here) opens the printed URL in one
browser context per person. The story: ben and cem sign in and code the same quote differently
(ben accepts it, cem rejects it) and mark the document done; ada, the admin, sees the
disagreement on the agreement page and reconciles it on the document's reconciliation page; vic,
a viewer, cannot write. Screenshots go to ``tests/screenshots/`` (not in git).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote as urlquote

import pytest

from conftest import BROWSER_MARKS, serving, shot
from stancegraph.corpus.store import open_store
from test_web import _port_analysis

PASSWORD = "a long enough password"
SOURCE = "/news/port"
QUOTE = "quote:26-49"

pytestmark = BROWSER_MARKS
pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("team") / "corpus.db"
    with open_store(str(path)) as store:
        store.put_analysis(_port_analysis("port"), extractor="test")
        for name, role in (("ada", "admin"), ("ben", "coder"), ("cem", "coder"), ("vic", "viewer")):
            store.add_coder(name, role, PASSWORD)
        store.assign_documents({SOURCE: ["ben", "cem"]})
    return path


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[str]:
    """The URL (with token) that ``stancegraph serve`` prints, on a free port."""
    with serving(db) as url:
        yield url


def _base(server: str) -> str:
    return server.split("/?", 1)[0]


def _signed_in(browser: object, server: str, name: str) -> object:
    """A page of a new browser context (its own cookies) where ``name`` has signed in."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server)
    assert "/signin" in page.url
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.signin button[type=submit]")
    page.wait_for_selector(f"text=signed in as {name}")
    assert dialogs == []
    return page


def _document(page: object, server: str) -> None:
    page.goto(f"{_base(server)}/doc/{urlquote(SOURCE, safe='')}")  # type: ignore[attr-defined]
    page.wait_for_selector("body[data-ready] #items .item.selected")  # type: ignore[attr-defined]


def _code(page: object, server: str, key: str, status: str) -> None:
    """Decide on the first quote with ``key``, then mark the document done."""
    _document(page, server)
    page.keyboard.press(key)  # type: ignore[attr-defined]
    # The decision reloads the page: wait for the new page's key handlers before the next key.
    page.wait_for_selector(f"body[data-ready] #it-0.status-{status}")  # type: ignore[attr-defined]
    page.keyboard.press("d")  # type: ignore[attr-defined]
    page.wait_for_selector("#doc-state:has-text('done')")  # type: ignore[attr-defined]


def test_two_coders_disagree_the_admin_reconciles_a_viewer_cannot_write(
    browser: object, server: str, db: Path
) -> None:
    ben = _signed_in(browser, server, "ben")
    _code(ben, server, "a", "accepted")
    cem = _signed_in(browser, server, "cem")
    _code(cem, server, "x", "rejected")
    shot(cem, "team-01-cem")

    # ben's page still shows his own decision, not cem's
    _document(ben, server)
    assert ben.get_attribute("#it-0", "class") and "status-accepted" in ben.get_attribute(
        "#it-0", "class"
    )  # type: ignore[attr-defined]

    ada = _signed_in(browser, server, "ada")
    ada.goto(f"{_base(server)}/agreement")  # type: ignore[attr-defined]
    assert "Disagreements to reconcile (1)" in ada.text_content("main")  # type: ignore[attr-defined]
    ada.click("a.reconcile-link")  # type: ignore[attr-defined]
    row = ada.locator("tr.disagreement[data-variable=quote]")  # type: ignore[attr-defined]
    assert "ben: found" in row.text_content() and "cem: not found" in row.text_content()
    shot(ada, "team-02-reconcile")
    row.locator("button[value=cem]").click()
    ada.wait_for_selector("tr.disagreement.resolved[data-variable=quote]")  # type: ignore[attr-defined]
    shot(ada, "team-03-reconciled")

    # the final value is everyone's now: ben's own page shows the quote rejected
    _document(ben, server)
    assert "status-rejected" in ben.get_attribute("#it-0", "class")  # type: ignore[attr-defined]

    vic = _signed_in(browser, server, "vic")
    _document(vic, server)
    vic.keyboard.press("a")  # type: ignore[attr-defined]
    vic.wait_for_selector("#notice.error:has-text('a viewer reads only')")  # type: ignore[attr-defined]
    status = vic.evaluate(  # type: ignore[attr-defined]
        """async () => {
            const csrf = document.querySelector('meta[name="csrf-token"]').content;
            const body = new URLSearchParams({csrf, variable: 'quote', unit: '26-49', winner: 'ben'});
            const answer = await fetch(location.pathname.replace('/doc/', '/reconcile/'),
                                       {method: 'POST', body});
            return answer.status;
        }"""
    )
    assert status == 403

    with open_store(str(db)) as store:
        made = [(d.coder, d.item, d.action, d.final) for d in store.decisions(SOURCE)]
    assert ("ben", QUOTE, "accept", False) in made and ("cem", QUOTE, "reject", False) in made
    assert ("ada", QUOTE, "reject", True) in made
    assert not any(coder == "vic" for coder, *_ in made)
