"""The review workbench through Starlette's test client: every route, its guard and its errors.

Analyses are built by hand, so no spaCy pipeline is needed; the ``store`` fixture runs every
test on SQLite and, when ``STANCEGRAPH_TEST_POSTGRES_URL`` is set, on PostgreSQL too.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import socket
import sqlite3
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import quote as urlquote
from urllib.parse import unquote as urlunquote

import httpx
import pytest
from starlette.testclient import TestClient

from stancegraph.cli import main
from stancegraph.cli.serve import bind, is_loopback
from stancegraph.corpus.store import Store
from stancegraph.corpus.store_base import StoreError
from stancegraph.errors import InputError
from stancegraph.types import Actor, Analysis, Document, Event, Participant, Quote, Statement
from stancegraph.web import create_app
from stancegraph.web import pages as web_pages

TOKEN = "test-token-0123456789"
COOKIE = "stancegraph_token_80"  # the test client's requests come in on port 80
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'

TEXT = (
    'Mayor Helena Brandt said "We will build the port." '
    "Omar Haddad said the council would block it. "
    "The council rejected the plan."
)


def _at(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return start, start + len(words)


def _port_analysis(doc_id: str = "port", date: str = "2024-03-01") -> Analysis:
    t = TEXT
    brandt = Actor("a1", "Helena Brandt", "person", ("Brandt",), (_at(t, "Helena Brandt"),))
    haddad = Actor("a2", "Omar Haddad", "person", (), (_at(t, "Omar Haddad"),))
    council = Actor("a3", "council", "organization", (), (_at(t, "council"), _at(t, "council", 80)))
    q1s, q1e = _at(t, "We will build the port.")
    q2s, q2e = _at(t, "the council would block it")
    quotes = (
        Quote("q1", "direct", t[q1s:q1e], q1s, q1e, ((q1s, q1e),), "said", *_at(t, "said"),
              "a1", "Mayor Helena Brandt", *_at(t, "Mayor Helena Brandt"), 0.9, "test/direct"),
        Quote("q2", "indirect", t[q2s:q2e], q2s, q2e, ((q2s, q2e),), "said", *_at(t, "said", 40),
              "a2", "Omar Haddad", *_at(t, "Omar Haddad"), 0.7, "test/indirect"),
    )  # fmt: skip
    statements = (
        Statement("s1", "a1", "port", "port expansion", "support", q1s, q1e, "q1", 0.8, "test/s"),
        Statement("s2", "a2", "port", "port expansion", "oppose", q2s, q2e, "q2", 0.6, "test/s"),
    )
    sentence = _at(t, "The council rejected the plan.")
    event = Event(
        id="e1", type="REJECT", base_type="REJECT", mode=(), plover_mode=None,
        source=Participant("a3", "The council", *_at(t, "The council")), target=None,
        trigger="rejected", trigger_start=_at(t, "rejected")[0], trigger_end=_at(t, "rejected")[1],
        sentence_start=sentence[0], sentence_end=sentence[1], date=date, date_text=None,
        location=None, location_start=None, location_end=None, quad_class=3, score=-4.0,
        confidence=0.8, extractor="test/e",
    )  # fmt: skip
    document = Document(id=doc_id, text=t, title="Port plan", date=date, source=f"/news/{doc_id}")
    return Analysis(document, (brandt, haddad, council), quotes, statements, (event,))


def _hostile_analysis() -> Analysis:
    t = f"{IMG} said {SCRIPT} to the press."
    who = Actor("a1", SCRIPT, "person", (IMG,), (_at(t, SCRIPT),))
    qs, qe = _at(t, "to the press")
    quote = Quote("q1", "indirect", t[qs:qe], qs, qe, ((qs, qe),), "said", *_at(t, "said"),
                  "a1", SCRIPT, *_at(t, SCRIPT), 0.5, "test")  # fmt: skip
    document = Document(id="xss", text=t, title=SCRIPT, date="2024-03-02", url=IMG, source="/x")
    return Analysis(document, (who,), (quote,))


@pytest.fixture
def filled(store: Store) -> Store:
    store.put_analysis(_port_analysis(), extractor="test")
    store.put_analysis(_hostile_analysis(), extractor="test")
    return store


@pytest.fixture
def client(filled: Store) -> Iterator[TestClient]:
    app = create_app(filled, token=TOKEN, coder="anna", codebook={"port": "port expansion"})
    with TestClient(app, base_url="http://127.0.0.1") as c:
        c.get(f"/?token={TOKEN}")
        yield c


def _csrf(client: TestClient) -> str:
    page = client.get("/").text
    match = re.search(r'<meta name="csrf-token" content="([^"]+)">', page)
    assert match
    return match.group(1)


def _decide(client: TestClient, **body: object) -> object:
    return client.post("/api/decide", json=body, headers={"X-CSRF-Token": _csrf(client)})


DOC = "/doc/" + urlquote("/news/port", safe="")
XSS = "/doc/" + urlquote("/x", safe="")


# -- the guard ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", DOC, "/actors", "/precision", "/static/workbench.css",
                                  "/static/document.js", "/palette/3.css", "/nothing"])  # fmt: skip
def test_without_the_token_every_route_is_401(filled: Store, path: str) -> None:
    with TestClient(create_app(filled, token=TOKEN, coder="anna")) as c:
        answer = c.get(path)
        assert answer.status_code == 401
        assert "session token" in answer.text
        assert c.post("/api/decide", json={}).status_code == 401
    with TestClient(create_app(filled, token=TOKEN, coder="anna")) as c:
        c.cookies.set(COOKIE, "wrong")
        assert c.get(path).status_code == 401


def test_the_token_in_the_url_becomes_a_strict_cookie(filled: Store) -> None:
    with TestClient(create_app(filled, token=TOKEN, coder="anna")) as c:
        assert c.get("/?token=nope", follow_redirects=False).status_code == 401
        answer = c.get(f"/?state=done&token={TOKEN}", follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"] == "/?state=done"
        cookie = answer.headers["set-cookie"]
        assert f"{COOKIE}={TOKEN}" in cookie
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert c.get("/").status_code == 200


@pytest.mark.parametrize(
    ("raw_path", "query", "location"),
    [
        (b"/doc/%2Fa%23b", b"token=" + TOKEN.encode(), "/doc/%2Fa%23b"),
        (b"//evil.example/", b"token=" + TOKEN.encode(), "/evil.example/"),
        (b"/\\evil.example/", b"token=" + TOKEN.encode(), "/%5Cevil.example/"),
        (b"/a%0D%0Ab", b"token=" + TOKEN.encode(), "/a%0D%0Ab"),
        (b"/", b"q=a%26b&token=" + TOKEN.encode() + b"&actor=%C3%A9+x", "/?q=a%26b&actor=%C3%A9+x"),
    ],
)  # fmt: skip
def test_the_sign_in_redirect_keeps_the_path_encoded_and_on_this_site(
    filled: Store, raw_path: bytes, query: bytes, location: str
) -> None:
    guard = create_app(filled, token=TOKEN, coder="anna")
    path = urlunquote(raw_path.decode("latin-1"))
    scope = {"type": "http", "method": "GET", "path": path, "raw_path": raw_path,
             "root_path": "", "query_string": query, "headers": []}  # fmt: skip
    sent: list[MutableMapping[str, Any]] = []

    async def receive() -> MutableMapping[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    asyncio.run(guard(scope, receive, send))
    assert sent[0]["status"] == 303
    headers = dict(sent[0]["headers"])
    assert headers[b"location"].decode("ascii") == location


def test_two_workbenches_on_one_host_keep_their_own_cookies(filled: Store) -> None:
    jar = httpx.Cookies()  # a browser sends a host's cookies to each of its ports
    one = TestClient(create_app(filled, token="one-token", coder="a"), base_url="http://h:8001")
    two = TestClient(create_app(filled, token="two-token", coder="b"), base_url="http://h:8002")
    with one, two:
        for client, token in ((one, "one-token"), (two, "two-token")):
            client.cookies = jar
            answer = client.get(f"/?token={token}", follow_redirects=False)
            assert answer.status_code == 303
            jar.update(client.cookies)
        assert set(jar.keys()) == {"stancegraph_token_8001", "stancegraph_token_8002"}
        for client in (one, two):
            client.cookies = jar
            assert client.get("/").status_code == 200


def test_every_answer_has_a_strict_content_security_policy(client: TestClient) -> None:
    for path in ("/", DOC, "/actors", "/precision", "/static/workbench.css", "/missing"):
        policy = client.get(path).headers["content-security-policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    page = client.get(DOC).text
    assert "<script>" not in page.replace('<script type="module" src=', "").replace(
        '<script type="application/json" id="doc-data">', ""
    )
    assert " style=" not in page and "onclick" not in page


def test_a_post_without_the_csrf_token_is_403(client: TestClient, filled: Store) -> None:
    body = {"source": "/news/port", "kind": "quote", "item": "x", "action": "accept"}
    assert client.post("/api/decide", json=body).status_code == 403
    wrong = client.post("/api/decide", json=body, headers={"X-CSRF-Token": "guess"})
    assert wrong.status_code == 403
    form = client.post("/api/decide", data={"csrf": "guess"})
    assert form.status_code == 403
    assert filled.decisions() == []


def test_the_csrf_token_may_come_as_a_form_field(client: TestClient) -> None:
    answer = client.post("/api/decide", data={"csrf": _csrf(client), "kind": "quote"})
    assert answer.status_code == 400  # past the guard: the body is not a JSON object
    assert answer.json()["error"] == "body: not JSON (Expecting value: line 1 column 1 (char 0))"


# -- corpus page ---------------------------------------------------------------------------------


def test_the_corpus_page_lists_documents_with_counts_and_state(client: TestClient) -> None:
    page = client.get("/").text
    assert "Port plan" in page and "/news/port" in page
    assert DOC in page
    row = page[page.index(DOC) :].split("</tr>")[0]
    assert "<td>2</td><td>2</td><td>1</td>" in row and "unreviewed" in row


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("q=rejected+the+plan", "Port plan", "/x</td>"),
        ("actor=Haddad", "Port plan", "/x</td>"),
        ("start=2024-03-02", "/x</td>", "Port plan"),
        ("stop=2024-03-01", "Port plan", "/x</td>"),
        ("state=done", "No document matches", "Port plan"),
        ("min_confidence=0.85", "Port plan", "/x</td>"),
    ],
)
def test_the_corpus_page_filters(client: TestClient, query: str, shown: str, hidden: str) -> None:
    page = client.get(f"/?{query}").text
    assert shown in page
    assert hidden not in page


def test_the_corpus_page_pages(
    client: TestClient, filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled.put_analysis(_port_analysis("third", "2024-03-03"), extractor="test")
    monkeypatch.setattr(web_pages, "PAGE_SIZE", 2)
    first = client.get("/").text
    more = re.search(r'href="/\?(after=\d+)"', first)
    assert more, first
    second = client.get(f"/?{more.group(1)}").text
    assert "/news/third" in second and "/news/port<" not in second
    assert 'rel="next"' not in second


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("state=maybe", "state: &#39;maybe&#39; is not one of unreviewed, in progress, done"),
        ("start=yesterday", "start: &#39;yesterday&#39; is not a day (YYYY-MM-DD)"),
        ("start=2020-13-45", "start: &#39;2020-13-45&#39; is not a day of the calendar"),
        ("stop=2021-02-29", "stop: &#39;2021-02-29&#39; is not a day of the calendar"),
        ("start=2020-01-01%0A", "start: &#39;2020-01-01\\n&#39; is not a day (YYYY-MM-DD)"),
        ("min_confidence=high", "min_confidence: &#39;high&#39; is not a number"),
        ("max_confidence=3", "max_confidence: 3.0 is not between 0 and 1"),
        ("after=-1", "after: &#39;-1&#39; is not a document position"),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(client: TestClient, query: str, message: str) -> None:
    answer = client.get(f"/?{query}")
    assert answer.status_code == 400
    assert message in answer.text
    assert "Traceback" not in answer.text


# -- document page -------------------------------------------------------------------------------


def test_the_document_page_highlights_quotes_in_their_speakers_colours(client: TestClient) -> None:
    page = client.get(DOC).text
    text = page[page.index('<article id="text"') : page.index("</article>")]
    assert html.unescape(re.sub(r"<[^>]+>", "", text.split(">", 1)[1])) == TEXT
    first = re.search(r'<span class="([^"]*)"[^>]*>We will build the port.</span>', text)
    second = re.search(r'<span class="([^"]*)"[^>]*>the </span>', text)
    assert first and "quote" in first.group(1) and "sp-0" in first.group(1)
    assert second and "sp-1" in second.group(1)
    assert re.search(r'class="cue"[^>]*>said<', text)
    assert re.search(r'data-actors="a1">Helena Brandt<', text)  # the speaker's mention
    assert 'href="/palette/2.css"' in page
    assert "test/direct" in page and "0.90" in page  # rule and confidence


def test_the_page_data_holds_items_and_actors(client: TestClient) -> None:
    page = client.get(DOC).text
    raw = page.split('<script type="application/json" id="doc-data">')[1].split("</script>")[0]
    data = json.loads(raw)
    assert data["source"] == "/news/port"
    assert [i["kind"] for i in data["items"]] == [
        "quote",
        "quote",
        "statement",
        "statement",
        "event",
    ]
    assert {a["name"] for a in data["actors"]} == {"Helena Brandt", "Omar Haddad", "council"}


def test_a_hostile_article_is_shown_as_text(client: TestClient) -> None:
    for path in ("/", XSS, "/actors"):
        page = client.get(path).text
        assert SCRIPT not in page
        assert "<img" not in page
    page = client.get(XSS).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="&#34;&gt;' not in page  # a URL that is not http(s) is not a link
    raw = page.split('<script type="application/json" id="doc-data">')[1].split("</script>")[0]
    assert "<" not in raw and json.loads(raw)["actors"][0]["name"] == SCRIPT


def test_an_unknown_document_is_a_404(client: TestClient) -> None:
    answer = client.get("/doc/" + urlquote("/nothing/here", safe=""))
    assert answer.status_code == 404
    assert "/nothing/here" in answer.text


# -- decisions -----------------------------------------------------------------------------------


def test_a_decision_is_stored_with_the_coder(client: TestClient, filled: Store) -> None:
    key = filled.reviewed_document("/news/port").items[0].key
    answer = _decide(client, source="/news/port", kind="quote", item=key, action="accept")
    assert answer.status_code == 200  # type: ignore[attr-defined]
    assert answer.json()["decision"]["action"] == "accept"  # type: ignore[attr-defined]
    (decision,) = filled.decisions("/news/port")
    assert (decision.item, decision.action, decision.coder) == (key, "accept", "anna")
    page = client.get(DOC).text
    assert 'class="item kind-quote status-accepted"' in page
    assert client.get("/?state=in+progress").text.count("/news/port") >= 1


def test_an_edit_and_an_add_change_the_page(client: TestClient, filled: Store) -> None:
    key = filled.reviewed_document("/news/port").items[1].key
    mention = dict(zip(("start", "end"), _at(TEXT, "Helena Brandt"), strict=True))
    edit = _decide(client, source="/news/port", kind="quote", item=key, action="edit",
                   value={"speaker": {**mention, "name": "Helena Brandt"}})  # fmt: skip
    assert edit.status_code == 200, edit.text  # type: ignore[attr-defined]
    start, end = _at(TEXT, "The council rejected the plan")
    add = _decide(client, source="/news/port", kind="quote", item="added:quote:new", action="add",
                  value={"type": "indirect", "start": start, "end": end, "speaker": None})  # fmt: skip
    assert add.status_code == 200, add.text  # type: ignore[attr-defined]
    items = filled.reviewed_document("/news/port").items
    assert [i.status for i in items if i.kind == "quote"] == ["unreviewed", "edited", "added"]
    page = client.get(DOC).text
    assert "status-edited" in page and "status-added" in page
    assert 'href="/palette/1.css"' in page  # both quotes now Brandt's: one colour


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"source": "/news/port", "kind": "quote", "item": "q", "action": "like"}, 400, "like"),
        ({"source": "/news/port", "kind": "poem", "item": "q", "action": "accept"}, 400, "poem"),
        ({"source": "/news/none", "kind": "quote", "item": "quote:1-2", "action": "accept"},
         404, "/news/none"),
        ({"source": "/news/port", "kind": "quote", "action": "accept"}, 400, "item: missing"),
        ({"source": "/news/port", "kind": "quote", "item": "q", "action": "edit", "value": [1]},
         400, "value: must be a JSON object"),
    ],
)  # fmt: skip
def test_a_bad_decision_is_a_4xx_with_one_line(
    client: TestClient, body: dict[str, object], status: int, message: str
) -> None:
    answer = _decide(client, **body)
    assert answer.status_code == status, answer.text  # type: ignore[attr-defined]
    error = answer.json()["error"]  # type: ignore[attr-defined]
    assert message in error and "\n" not in error and "Traceback" not in error


def test_a_busy_store_is_a_503_to_retry(
    client: TestClient, filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(*_args: object, **_kw: object) -> None:
        cause = sqlite3.OperationalError("database is locked")
        raise StoreError(
            "cannot write to the database (database is locked)", source="c.db"
        ) from cause

    monkeypatch.setattr(filled, "decide", locked)
    answer = _decide(client, source="/news/port", kind="quote", item="q", action="accept")
    assert answer.status_code == 503  # type: ignore[attr-defined]
    assert answer.headers["retry-after"] == "2"  # type: ignore[attr-defined]
    assert "busy" in answer.json()["error"]  # type: ignore[attr-defined]
    assert client.get(DOC).status_code == 200  # reading goes on


def test_busy_is_the_databases_own_error_not_words_the_coder_typed(
    client: TestClient, filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = client.post("/api/actors/rename", json={"name": "busy, database is locked",
                         "new": "x"}, headers={"X-CSRF-Token": _csrf(client)})  # fmt: skip
    assert answer.status_code == 404 and "no corpus actor" in answer.json()["error"]

    def refused(*_args: object, **_kw: object) -> None:  # a store error with no lock behind it
        raise StoreError("cannot write to the database (value 'locked' is busy)", source="c.db")

    monkeypatch.setattr(filled, "decide", refused)
    answer = _decide(client, source="/news/port", kind="quote", item="q", action="accept")
    assert answer.status_code == 400  # type: ignore[attr-defined]


def test_a_failing_database_is_a_500_not_the_coders_fault(
    client: TestClient, filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object, **_kw: object) -> None:
        cause = sqlite3.OperationalError("database or disk is full")
        raise StoreError(
            "cannot write to the database (database or disk is full)", source="c.db"
        ) from cause

    monkeypatch.setattr(filled, "decide", full)
    answer = _decide(client, source="/news/port", kind="quote", item="q", action="accept")
    assert answer.status_code == 500  # type: ignore[attr-defined]
    error = answer.json()["error"]  # type: ignore[attr-defined]
    assert "disk is full" in error and "Traceback" not in error


@pytest.mark.parametrize("path", ["/?actor=a%00b", "/?q=%00", "/doc/a%00b", "/actors?name=%00"])
def test_a_nul_character_in_a_parameter_is_a_400(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 400 and "NUL" in answer.json()["error"]


@pytest.mark.parametrize(
    "body",
    [{"source": "/news/port\x00", "kind": "quote", "item": "q", "action": "accept"},
     {"source": "/news/port", "kind": "quote", "item": "quote:1-2", "action": "edit",
      "value": {"speaker": {"start": 0, "end": 1, "name": "a\x00"}}}],
)  # fmt: skip
def test_a_nul_character_in_a_json_string_is_a_400(
    client: TestClient, filled: Store, body: dict[str, object]
) -> None:
    answer = _decide(client, **body)
    assert answer.status_code == 400 and "NUL" in answer.json()["error"]  # type: ignore[attr-defined]
    assert filled.reviewed_document("/news/port").history == ()


def test_a_deeply_nested_body_is_a_400(client: TestClient) -> None:
    for body in ("[" * 100_000, '{"value":' * 100_000):
        answer = client.post(
            "/api/decide",
            content=body.encode(),
            headers={"X-CSRF-Token": _csrf(client), "content-type": "application/json"},
        )
        assert answer.status_code == 400 and "nested too deeply" in answer.json()["error"]


def test_an_unexpected_error_is_a_500_without_details(
    client: TestClient, filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(filled, "reviewed_document", broken)
    app = create_app(filled, token=TOKEN, coder="anna")
    with TestClient(app, raise_server_exceptions=False, cookies={COOKIE: TOKEN}) as c:
        answer = c.get(DOC)
    assert answer.status_code == 500
    assert "internal error (RuntimeError)" in answer.text
    assert "secret internals" not in answer.text and "Traceback" not in answer.text


def test_the_document_can_be_marked_done(client: TestClient, filled: Store) -> None:
    done = _decide(client, source="/news/port", kind="document", item="document", action="done")
    assert done.status_code == 200  # type: ignore[attr-defined]
    assert filled.reviewed_document("/news/port").state == "done"
    assert "Reopen" in client.get(DOC).text
    assert "/news/port" in client.get("/?state=done").text


# -- actors and precision ------------------------------------------------------------------------


def test_the_actors_page_lists_and_shows_an_actor(client: TestClient) -> None:
    page = client.get("/actors").text
    assert "Helena Brandt" in page and "Omar Haddad" in page
    shown = client.get("/actors?name=Helena+Brandt").text
    assert "We will build the port." in shown and "Brandt" in shown


def test_actors_are_merged_split_and_renamed(client: TestClient, filled: Store) -> None:
    headers = {"X-CSRF-Token": _csrf(client)}
    merge = client.post("/api/actors/merge", json={"into": "Helena Brandt", "other": "Omar Haddad"},
                        headers=headers)  # fmt: skip
    assert merge.status_code == 200, merge.text
    names = {a["name"] for a in filled.corpus_actors()}
    assert "Omar Haddad" not in names
    split = client.post("/api/actors/split", json={"name": "Helena Brandt", "alias": "Omar Haddad"},
                        headers=headers)  # fmt: skip
    assert split.status_code == 200, split.text
    rename = client.post("/api/actors/rename", json={"name": "council", "new": "City council"},
                         headers=headers)  # fmt: skip
    assert rename.status_code == 200
    assert "City council" in {a["name"] for a in filled.corpus_actors()}
    retype = client.post("/api/actors/retype", json={"name": "City council", "type": "group"},
                         headers=headers)  # fmt: skip
    assert retype.status_code == 200, retype.text
    assert {a["name"]: a["type"] for a in filled.corpus_actors()}["City council"] == "group"


def test_an_actor_is_deleted_from_the_actors_page(client: TestClient, filled: Store) -> None:
    page = client.get("/actors?name=Omar+Haddad").text
    assert 'data-op="delete"' in page and 'name="name" value="Omar Haddad"' in page
    refused = client.post("/api/actors/delete", json={"name": "Omar Haddad"})
    assert refused.status_code == 403 and "Omar Haddad" in _names_on(client.get("/actors").text)
    deleted = client.post("/api/actors/delete", json={"name": "Omar Haddad"},
                          headers={"X-CSRF-Token": _csrf(client)})  # fmt: skip
    assert deleted.status_code == 200 and deleted.json() == {"message": "deleted Omar Haddad"}
    assert _names_on(client.get("/actors").text) == {"Helena Brandt", "council", SCRIPT}
    assert client.get("/actors?name=Omar+Haddad").status_code == 404
    raw = client.get(DOC).text.split('id="doc-data">')[1].split("</script>")[0]
    data = json.loads(raw)
    assert {a["name"] for a in data["actors"]} == {"Helena Brandt", "council"}
    said = {i["current"]["text"]: i["current"] for i in data["items"] if i["kind"] == "quote"}
    assert said["the council would block it"]["speaker"] is None
    assert said["We will build the port."]["speaker_name"] == "Helena Brandt"
    assert "Omar Haddad" not in {row["speaker_name"] for row in filled.quotes()}


def _names_on(page: str) -> set[str]:
    """The actor names in the actors page's table."""
    table = page.split('<table class="actors">')[1].split("</table>")[0]
    return {html.unescape(n) for n in re.findall(r'<td><a href="[^"]*">([^<]*)</a></td>', table)}


@pytest.mark.parametrize(
    ("op", "body", "status", "message"),
    [
        ("merge", {"into": "Helena Brandt", "other": "Nobody"}, 404, "no corpus actor 'Nobody'"),
        ("merge", {"into": "Helena Brandt"}, 400, "other: missing"),
        ("delete", {"name": "Nobody"}, 404, "no corpus actor 'Nobody'"),
        ("explode", {"name": "x"}, 404, "no actor correction 'explode'"),
        ("retype", {"name": "council", "type": "planet"}, 400, "no actor type 'planet'"),
    ],
)
def test_a_bad_actor_correction_is_a_4xx(
    client: TestClient, op: str, body: dict[str, str], status: int, message: str
) -> None:
    answer = client.post(f"/api/actors/{op}", json=body, headers={"X-CSRF-Token": _csrf(client)})
    assert answer.status_code == status
    assert message in answer.json()["error"]


def test_the_precision_page_counts_decisions(client: TestClient, filled: Store) -> None:
    assert client.get("/precision").status_code == 200
    items = filled.reviewed_document("/news/port").items
    _decide(client, source="/news/port", kind="quote", item=items[0].key, action="accept")
    _decide(client, source="/news/port", kind="quote", item=items[1].key, action="reject")
    page = client.get("/precision").text
    row = re.search(r"<tr><td>quote</td><td>2</td><td>1</td><td>0.50</td></tr>", page)
    assert row, page


def test_the_palette_gives_each_speaker_its_own_colour(client: TestClient) -> None:
    css = client.get("/palette/40.css")
    assert css.headers["content-type"].startswith("text/css")
    colours = re.findall(r"\.sp-\d+\{background:(#[0-9a-f]{6})\}", css.text)
    assert len(colours) == len(set(colours)) == 40
    assert client.get("/palette/0.css").status_code == 404
    assert client.get("/favicon.ico").status_code == 204  # no icon, and no 404 in the console


# -- stancegraph serve ---------------------------------------------------------------------------


def test_serve_refuses_a_port_in_use() -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        with pytest.raises(InputError, match=f"cannot listen on 127.0.0.1:{port}"):
            bind("127.0.0.1", port).close()
    finally:
        taken.close()


def test_serve_knows_loopback_hosts() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_serve_on_a_missing_store_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--db", str(tmp_path / "none.db"), "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such store" in err


def test_serve_prints_the_url_and_warns_off_loopback(
    filled: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    if filled.engine.dialect.name != "sqlite":
        pytest.skip("serve opens its store by path here")
    started: list[object] = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets: started.append(sockets))
    db = filled.engine.url.database
    assert main(["serve", "--db", str(db), "--host", "0.0.0.0", "--port", "0"]) == 0
    out, err = capsys.readouterr()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{40,}\n", out)
    assert "warning: listening on 0.0.0.0" in err
    assert started


def test_a_rejected_statement_does_not_strike_its_quote(client: TestClient, filled: Store) -> None:
    items = filled.reviewed_document("/news/port").items
    statement = next(i for i in items if i.kind == "statement")
    quote = next(i for i in items if i.kind == "quote")
    _decide(client, source="/news/port", kind="statement", item=statement.key, action="reject")
    page = client.get(DOC).text
    words = re.search(r'<span class="([^"]*)"[^>]*>We will build the port.</span>', page)
    assert words and "evidence-rejected" in words.group(1).split()
    assert "rejected" not in words.group(1).split()
    _decide(client, source="/news/port", kind="quote", item=quote.key, action="reject")
    words = re.search(
        r'<span class="([^"]*)"[^>]*>We will build the port.</span>', client.get(DOC).text
    )
    assert words and "rejected" in words.group(1).split()


def test_serve_listens_on_a_tcp_socket_so_small_answers_are_not_held_back() -> None:
    listening = bind("127.0.0.1", 0)
    try:  # asyncio sets TCP_NODELAY only on sockets of protocol IPPROTO_TCP
        assert listening.proto == socket.IPPROTO_TCP
    finally:
        listening.close()


def test_two_tabs_deciding_one_item_both_stay_in_the_history(
    client: TestClient, filled: Store
) -> None:
    key = filled.reviewed_document("/news/port").items[0].key
    _decide(client, source="/news/port", kind="quote", item=key, action="accept")
    _decide(client, source="/news/port", kind="quote", item=key, action="reject")
    doc = filled.reviewed_document("/news/port")
    assert [d.action for d in doc.history] == ["accept", "reject"]
    assert doc.items[0].status == "rejected"  # the later one counts
    page = client.get(DOC).text
    assert page.count("anna: accept " + key) == 1 and page.count("anna: reject " + key) == 1


def test_a_store_locked_by_a_running_writer_answers_503_and_then_recovers(
    client: TestClient, filled: Store
) -> None:
    import sqlalchemy as sa

    if filled.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's write lock; PostgreSQL writers do not block each other so")

    def short_wait(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=200")  # type: ignore[attr-defined]

    sa.event.listen(filled.engine, "connect", short_wait)
    filled.engine.dispose()
    key = filled.reviewed_document("/news/port").items[0].key
    ingest = sqlite3.connect(str(filled.engine.url.database), isolation_level=None)
    ingest.execute("BEGIN IMMEDIATE")  # what a running ingest holds while it writes a document
    try:
        answer = _decide(client, source="/news/port", kind="quote", item=key, action="accept")
        assert answer.status_code == 503, answer.text  # type: ignore[attr-defined]
        assert "busy" in answer.json()["error"]  # type: ignore[attr-defined]
        assert client.get(DOC).status_code == 200  # readers go on
    finally:
        ingest.execute("ROLLBACK")
        ingest.close()
    again = _decide(client, source="/news/port", kind="quote", item=key, action="accept")
    assert again.status_code == 200  # type: ignore[attr-defined]
