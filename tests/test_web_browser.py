"""The review workbench in a real browser: Debian's chromium driven by Playwright.

A store is ingested from the bundled article and a hostile one, ``stancegraph serve`` runs as
a subprocess on a free port, and chromium (``/usr/bin/chromium``; Playwright never downloads a
browser here) opens the printed URL. The story: accept a quote with the keyboard, change a
speaker, add a missing quote by selecting text, reject a statement, merge two actors, reload,
re-analyse the store with ``ingest --reanalyse`` while the server runs, and find every decision
kept; then delete an actor on the actors page and find it gone from the document. Screenshots
go to ``tests/screenshots/`` (not in git).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote as urlquote

import pytest

from conftest import BROWSER_MARKS, serving, shot

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "examples" / "article.txt"
SCRIPT = "<script>alert(1)</script>"
HOSTILE = (
    f"{SCRIPT}\n\n"
    f'"The harbour plan is a disaster," said {SCRIPT}, the port\'s director. '
    '"><img src=x onerror=alert(1)> told reporters the vote was rigged.\n'
    "👍🏽 Fans cheered the 🚢 when it docked.\n"
)

pytestmark = [
    pytest.mark.model,
    *BROWSER_MARKS,
]
pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")


def _stancegraph(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stancegraph", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("browser")
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    db = folder / "corpus.db"
    codebook = str(ROOT / "examples" / "codebook.yaml")
    _stancegraph("ingest", str(ARTICLE), str(hostile), "--db", str(db), "--codebook", codebook)
    return db, hostile


@pytest.fixture(scope="module")
def server(corpus: tuple[Path, Path]) -> Iterator[str]:
    """The URL (with token) that ``stancegraph serve`` prints, on a free port."""
    db, _ = corpus
    codebook = str(ROOT / "examples" / "codebook.yaml")
    with serving(db, "--coder", "browser-test", "--codebook", codebook) as url:
        yield url


@pytest.fixture
def page(browser: object, server: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    opened.goto(server)
    yield opened
    assert dialogs == [], f"a script ran: {dialogs}"
    context.close()


def _base(server: str) -> str:
    return server.split("/?", 1)[0]


def _doc_url(server: str, source: Path) -> str:
    return f"{_base(server)}/doc/{urlquote(str(source.resolve()), safe='')}"


def _select_text(page: object, words: str) -> None:
    """Select ``words`` in the article text, as a mouse drag would."""
    page.evaluate(  # type: ignore[attr-defined]
        """(words) => {
            const box = document.getElementById('text');
            const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
            let node, offset = 0, nodes = [];
            while ((node = walker.nextNode())) { nodes.push([node, offset]); offset += node.length; }
            const start = box.textContent.indexOf(words), end = start + words.length;
            const at = (pos) => { for (const [n, o] of nodes) if (pos <= o + n.length) return [n, pos - o]; };
            const range = document.createRange();
            range.setStart(...at(start)); range.setEnd(...at(end));
            const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
        }""",
        words,
    )
    page.wait_for_timeout(100)  # type: ignore[attr-defined]


def _settled(page: object, selector: str) -> None:
    """Wait for ``selector`` on a page whose script has set up its handlers."""
    page.wait_for_selector(f"body[data-ready] {selector}")  # type: ignore[attr-defined]


def _data(page: object) -> dict[str, Any]:
    """The JSON the document page hands its script."""
    return json.loads(page.text_content("#doc-data"))  # type: ignore[attr-defined, no-any-return]


def _statuses(page: object) -> list[tuple[str, str, str]]:
    return page.eval_on_selector_all(  # type: ignore[no-any-return, attr-defined]
        "#items .item",
        "els => els.map(e => [e.querySelector('.kind').textContent, "
        "e.querySelector('.status').textContent, e.querySelector('.who').textContent + ' | ' + "
        "e.querySelector('.label').textContent])",
    )


def test_a_coder_reviews_a_document_and_it_survives_reanalysis(
    page: object, server: str, corpus: tuple[Path, Path]
) -> None:
    db, _ = corpus
    p = page
    p.click("text=Harbour city council rejects port expansion")  # type: ignore[attr-defined]
    _settled(p, "#items .item.selected")
    shot(p, "01-document")

    # accept the first quote with the keyboard
    p.keyboard.press("a")  # type: ignore[attr-defined]
    _settled(p, "#it-0.status-accepted")

    # change the speaker of a quote the machine gave to Helena Brandt
    items = _statuses(p)
    index = next(
        i
        for i, (k, _s, who) in enumerate(items)
        if k == "quote" and who.startswith("Helena Brandt") and i > 0
    )
    p.click(f"#it-{index} [data-act=edit]")  # type: ignore[attr-defined]
    p.select_option("#editor select[name=who]", label="Omar Haddad")  # type: ignore[attr-defined]
    p.click("#editor button[type=submit]")  # type: ignore[attr-defined]
    _settled(p, f"#it-{index}.status-edited")
    assert p.text_content(f"#it-{index} .who") == "Omar Haddad"  # type: ignore[attr-defined]
    edit = _data(p)["items"][index]["decision"]["value"]
    assert "start" not in edit and "end" not in edit  # its span untouched: its pieces stay

    # add a quote the machine missed, by selecting its words
    missing = "Union leaders were more cautious"
    _select_text(p, missing)
    p.click("[data-add=quote]")  # type: ignore[attr-defined]
    p.select_option("#editor select[name=quote_type]", "indirect")  # type: ignore[attr-defined]
    p.click("#editor button[type=submit]")  # type: ignore[attr-defined]
    _settled(p, "#items .item.status-added")
    assert missing in p.text_content("#items .item.status-added .label")  # type: ignore[attr-defined]

    # give it a speaker by selecting the words that name them
    added = p.locator("#items .item.status-added").first.get_attribute("id")  # type: ignore[attr-defined]
    p.click(f"#{added} [data-act=edit]")  # type: ignore[attr-defined]
    _select_text(p, "Union leaders")
    p.click("#who-selection")  # type: ignore[attr-defined]
    p.click("#editor button[type=submit]")  # type: ignore[attr-defined]
    _settled(p, f"#{added} .who:has-text('Union leaders')")

    # reject a statement: select it with the mouse, press x
    statement = p.locator("#items .item.kind-statement").first  # type: ignore[attr-defined]
    statement_id = statement.get_attribute("id")
    statement.click()
    p.keyboard.press("x")  # type: ignore[attr-defined]
    _settled(p, f"#{statement_id}.status-rejected")
    # undo brings it back to unreviewed; reject it again
    p.keyboard.press("u")  # type: ignore[attr-defined]
    _settled(p, f"#{statement_id}.status-unreviewed")
    p.click(f"#{statement_id} [data-act=reject]")  # type: ignore[attr-defined]
    _settled(p, f"#{statement_id}.status-rejected")
    shot(p, "02-decided")
    p.evaluate("window.scrollTo(0, 0)")  # type: ignore[attr-defined]
    p.hover(f"#it-{index}")  # type: ignore[attr-defined]
    shot(p, "05-workbench")  # the README's picture (docs/img/workbench.png)
    before = _statuses(p)

    # mark the document done, then open it again
    p.keyboard.press("d")  # type: ignore[attr-defined]
    _settled(p, "#doc-state:has-text('done')")
    p.click("#done")  # type: ignore[attr-defined]
    _settled(p, "#doc-state:has-text('in progress')")

    # merge two actors
    p.goto(f"{_base(server)}/actors")  # type: ignore[attr-defined]
    _settled(p, "form[data-op=merge]")
    p.fill("form[data-op=merge] input[name=into]", "Environmental groups")  # type: ignore[attr-defined]
    p.fill("form[data-op=merge] input[name=other]", "Union leaders")  # type: ignore[attr-defined]
    p.click("form[data-op=merge] button")  # type: ignore[attr-defined]
    _settled(p, "#notice:has-text('merged')")
    names = p.eval_on_selector_all(".actors td:first-child", "els => els.map(e => e.textContent)")  # type: ignore[attr-defined]
    assert "Environmental groups" in names and "Union leaders" not in names
    shot(p, "03-actors")

    # reload: everything kept
    p.goto(_doc_url(server, ARTICLE))  # type: ignore[attr-defined]
    assert _statuses(p) == before

    # re-analyse the store while the server runs: everything kept
    _stancegraph("ingest", str(ARTICLE), "--db", str(db), "--reanalyse",
                 "--codebook", str(ROOT / "examples" / "codebook.yaml"))  # fmt: skip
    p.reload()  # type: ignore[attr-defined]
    assert _statuses(p) == before
    p.goto(f"{_base(server)}/actors")  # type: ignore[attr-defined]
    names = p.eval_on_selector_all(".actors td:first-child", "els => els.map(e => e.textContent)")  # type: ignore[attr-defined]
    assert "Union leaders" not in names
    p.goto(f"{_base(server)}/precision")  # type: ignore[attr-defined]
    table = p.locator("table.precision").first.inner_text()  # type: ignore[attr-defined]
    # one quote accepted, one edited in its speaker only: both quotes right, one speaker wrong
    assert re.search(r"quote\t2\t2\t1\.00", table) and re.search(r"speaker\t2\t1\t0\.50", table)


def test_a_hostile_article_is_shown_as_text(
    page: object, server: str, corpus: tuple[Path, Path]
) -> None:
    _, hostile = corpus
    page.goto(_doc_url(server, hostile))  # type: ignore[attr-defined]
    assert page.text_content("#doc-title") == SCRIPT  # type: ignore[attr-defined]
    assert SCRIPT in page.text_content("#text")  # type: ignore[attr-defined]
    assert page.locator("#text img").count() == 0  # type: ignore[attr-defined]
    assert page.evaluate("document.querySelectorAll('img').length") == 0  # type: ignore[attr-defined]
    shot(page, "04-hostile")


def test_a_rows_undo_undoes_that_rows_decision(page: object, server: str) -> None:
    p = page
    p.goto(_doc_url(server, ARTICLE))  # type: ignore[attr-defined]
    _settled(p, "#items .item")
    first, second = [i for i, (_k, s, _w) in enumerate(_statuses(p)) if s == "unreviewed"][:2]
    p.click(f"#it-{first} [data-act=accept]")  # type: ignore[attr-defined]
    _settled(p, f"#it-{first}.status-accepted")
    p.click(f"#it-{second} [data-act=reject]")  # type: ignore[attr-defined]
    _settled(p, f"#it-{second}.status-rejected")
    p.click(f"#it-{first} [data-act=undo]")  # type: ignore[attr-defined]
    _settled(p, f"#it-{first}.status-unreviewed")
    assert p.locator(f"#it-{second}.status-rejected").count() == 1  # type: ignore[attr-defined]
    p.keyboard.press("u")  # type: ignore[attr-defined]  # the tab's latest left: the reject
    _settled(p, f"#it-{second}.status-unreviewed")


def test_editing_a_statements_stance_keeps_its_actor(page: object, server: str) -> None:
    p = page
    p.goto(_doc_url(server, ARTICLE))  # type: ignore[attr-defined]
    _settled(p, "#items .item")
    data = _data(p)
    index = next(
        i
        for i, item in enumerate(data["items"])
        if item["kind"] == "statement"
        and item["status"] == "unreviewed"
        and item["current"]["actor"]
    )
    actor = data["items"][index]["current"]["actor"]
    stance = "support" if data["items"][index]["current"]["agreement"] == "neutral" else "neutral"
    p.click(f"#it-{index} [data-act=edit]")  # type: ignore[attr-defined]
    p.select_option("#editor select[name=agreement]", stance)  # type: ignore[attr-defined]
    p.click("#editor button[type=submit]")  # type: ignore[attr-defined]
    _settled(p, f"#it-{index}.status-edited")
    item = _data(p)["items"][index]
    assert "actor" not in item["decision"]["value"]  # not re-pinned to a first mention
    assert item["current"]["actor"] == actor and item["current"]["agreement"] == stance


def test_a_selection_after_emoji_is_counted_in_characters(
    page: object, server: str, corpus: tuple[Path, Path]
) -> None:
    _, hostile = corpus
    page.goto(_doc_url(server, hostile))  # type: ignore[attr-defined]
    _settled(page, "#text")
    text = page.text_content("#text")  # type: ignore[attr-defined]
    _select_text(page, "when it docked")
    page.click("[data-add=quote]")  # type: ignore[attr-defined]
    start = page.input_value("#editor input[name=start]")  # type: ignore[attr-defined]
    end = page.input_value("#editor input[name=end]")  # type: ignore[attr-defined]
    at = text.index("when it docked")
    assert (int(start), int(end)) == (at, at + len("when it docked"))


def test_without_the_token_there_is_no_access(browser: object, server: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    opened = context.new_page()
    answer = opened.goto(_base(server) + "/")
    assert answer.status == 401
    assert "session token" in opened.text_content("body")
    answer = opened.goto(_base(server) + "/static/document.js")
    assert answer.status == 401
    context.close()


def test_an_actor_is_deleted_on_the_actors_page(browser: object, server: str) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    p = context.new_page()
    asked: list[str] = []

    def accept(dialog: Any) -> None:  # the page asks before it deletes
        asked.append(dialog.message)
        dialog.accept()

    p.on("dialog", accept)
    p.goto(server)
    p.goto(_doc_url(server, ARTICLE))
    _settled(p, "#items .item")
    assert any(who.startswith("Pieter Dekker") for _k, _s, who in _statuses(p))
    p.goto(f"{_base(server)}/actors?name={urlquote('Pieter Dekker')}")
    _settled(p, "button.delete-chosen")
    p.click("button.delete-chosen")
    _settled(p, "#notice:has-text('deleted Pieter Dekker')")
    assert asked and asked[0].startswith("Delete Pieter Dekker?")
    assert p.url == f"{_base(server)}/actors"
    names = p.eval_on_selector_all(".actors td:first-child", "els => els.map(e => e.textContent)")
    assert names and "Pieter Dekker" not in names
    shot(p, "06-actor-deleted")
    p.goto(_doc_url(server, ARTICLE))
    _settled(p, "#items .item")
    assert not any(who.startswith("Pieter Dekker") for _k, _s, who in _statuses(p))
    context.close()
