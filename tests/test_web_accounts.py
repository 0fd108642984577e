"""Several coders in the workbench: sign-in, sessions, failed sign-ins and each role's rights,
by HTTP status (``stancegraph.web.accounts`` and ``stancegraph.web.signin``).

The store is built by hand (``tests/test_web.py``'s port story), so no spaCy pipeline is needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from starlette.testclient import TestClient

from stancegraph.corpus.store import Store
from stancegraph.web import create_app
from stancegraph.web.accounts import SESSION_SECONDS, Sessions, Throttle
from stancegraph.web.signin import safe_next
from test_web import COOKIE, DOC, TOKEN, _port_analysis

PASSWORD = "correct horse battery"
SESSION = "stancegraph_session_80"
QUOTE = "quote:26-49"  # the first quote of the port story


@dataclass
class Clock:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def coded(store: Store) -> Store:
    store.put_analysis(_port_analysis("port"), extractor="test")
    store.put_analysis(_port_analysis("other"), extractor="test")
    store.put_analysis(_port_analysis("free"), extractor="test")
    for name, role in (("ada", "admin"), ("ben", "coder"), ("cem", "coder"), ("vic", "viewer")):
        store.add_coder(name, role, PASSWORD)
    store.assign_documents({"/news/port": ["ben", "cem"], "/news/other": ["cem"]})
    return store


@pytest.fixture
def app(coded: Store, clock: Clock) -> object:
    return create_app(
        coded,
        token=TOKEN,
        coder="unused",
        sessions=Sessions(clock=clock),
        throttle=Throttle(clock=clock),
    )


def _client(app: object) -> TestClient:
    client = TestClient(app, base_url="http://127.0.0.1")  # type: ignore[arg-type]
    client.cookies.set(COOKIE, TOKEN)
    return client


@pytest.fixture
def anon(app: object) -> Iterator[TestClient]:
    with _client(app) as client:
        yield client


def _csrf(client: TestClient, path: str = "/signin") -> str:
    match = re.search(r'<meta name="csrf-token" content="([^"]+)">', client.get(path).text)
    assert match
    return match.group(1)


def _sign_in(client: TestClient, name: str, password: str = PASSWORD, **extra: str) -> object:
    form = {"csrf": _csrf(client), "name": name, "password": password, **extra}
    return client.post("/signin", data=form, follow_redirects=False)


def _as(app: object, name: str) -> TestClient:
    client = _client(app)
    answer = _sign_in(client, name)
    assert answer.status_code == 303, answer.text  # type: ignore[attr-defined]
    return client


def _decide(client: TestClient, source: str, action: str = "accept") -> int:
    body = {"source": source, "kind": "quote", "item": QUOTE, "action": action}
    answer = client.post("/api/decide", json=body, headers={"X-CSRF-Token": _csrf(client, "/")})
    return answer.status_code


def _rename(client: TestClient) -> int:
    body = {"name": "council", "new": "City council"}
    headers = {"X-CSRF-Token": _csrf(client, "/")}
    return client.post("/api/actors/rename", json=body, headers=headers).status_code


# -- signing in ----------------------------------------------------------------------------------


def test_with_coders_a_page_asks_to_sign_in_and_the_api_is_401(anon: TestClient) -> None:
    answer = anon.get("/actors?name=x", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/signin?next=%2Factors%3Fname%3Dx"
    assert anon.get("/signin").status_code == 200
    assert (
        anon.post("/api/decide", json={}, headers={"X-CSRF-Token": _csrf(anon)}).status_code == 401
    )


def test_the_session_token_is_still_needed_after_signing_in(app: object) -> None:
    client = _as(app, "ben")
    client.cookies.delete(COOKIE)
    assert client.get("/").status_code == 401


def test_signing_in_sets_a_strict_session_cookie_that_expires(app: object, clock: Clock) -> None:
    with _client(app) as client:
        answer = _sign_in(client, "ben", next="/doc/x")
        assert answer.status_code == 303 and answer.headers["location"] == "/doc/x"  # type: ignore[attr-defined]
        cookie = answer.headers["set-cookie"]  # type: ignore[attr-defined]
        assert f"{SESSION}=" in cookie and "HttpOnly" in cookie
        assert "samesite=strict" in cookie.lower() and f"Max-Age={SESSION_SECONDS}" in cookie
        page = client.get("/")
        assert page.status_code == 200 and "signed in as <strong>ben</strong> (coder)" in page.text
        clock.now += SESSION_SECONDS + 1
        assert client.get("/", follow_redirects=False).status_code == 303


def test_signing_out_ends_the_session(app: object) -> None:
    client = _as(app, "ben")
    answer = client.post("/signout", data={"csrf": _csrf(client, "/")}, follow_redirects=False)
    assert answer.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303


def test_a_wrong_password_is_401_and_never_echoed(anon: TestClient) -> None:
    for name in ("ben", "nobody"):
        answer = _sign_in(anon, name, "wrong password!")
        assert answer.status_code == 401  # type: ignore[attr-defined]
        assert "wrong name or password" in answer.text  # type: ignore[attr-defined]
        assert "wrong password!" not in answer.text  # type: ignore[attr-defined]
    assert anon.get("/", follow_redirects=False).status_code == 303


def test_wrong_passwords_are_limited_per_name_until_the_window_passes(
    anon: TestClient, clock: Clock
) -> None:
    for _ in range(5):
        assert _sign_in(anon, "ben", "wrong password").status_code == 401  # type: ignore[attr-defined]
    blocked = _sign_in(anon, "ben")  # even the right password
    assert blocked.status_code == 429 and "try again in" in blocked.text  # type: ignore[attr-defined]
    assert _sign_in(anon, "cem").status_code == 303  # type: ignore[attr-defined]
    clock.now += 15 * 60 + 1
    assert _sign_in(anon, "ben").status_code == 303  # type: ignore[attr-defined]


def test_wrong_passwords_are_limited_per_client_whatever_the_name(anon: TestClient) -> None:
    for n in range(20):
        assert _sign_in(anon, f"guess{n}", "wrong password").status_code == 401  # type: ignore[attr-defined]
    assert _sign_in(anon, "ben").status_code == 429  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("given", "kept"),
    [("/doc/a?b=1", "/doc/a?b=1"), ("//evil.example/", "/"), ("https://evil.example", "/"),
     ("/\\evil", "/"), ("/a\r\nSet-Cookie: x", "/"), ("", "/")],
)  # fmt: skip
def test_after_signing_in_only_a_path_of_this_site_is_followed(given: str, kept: str) -> None:
    assert safe_next(given) == kept


# -- roles ---------------------------------------------------------------------------------------


def test_a_viewer_reads_everything_and_writes_nothing(app: object, coded: Store) -> None:
    viewer = _as(app, "vic")
    for path in ("/", DOC, "/actors", "/precision"):
        assert viewer.get(path).status_code == 200, path
    assert _decide(viewer, "/news/free") == 403
    assert _rename(viewer) == 403
    assert coded.decisions() == []


def test_a_coder_decides_on_their_documents_and_unassigned_ones_only(
    app: object, coded: Store
) -> None:
    ben = _as(app, "ben")
    assert _decide(ben, "/news/port") == 200
    assert _decide(ben, "/news/free") == 200
    assert _decide(ben, "/news/other") == 403  # cem's alone
    assert _rename(ben) == 403
    assert [(d.document, d.coder) for d in coded.decisions()] == [
        ("/news/port", "ben"),
        ("/news/free", "ben"),
    ]


def test_an_admin_decides_anywhere_and_corrects_actors(app: object, coded: Store) -> None:
    ada = _as(app, "ada")
    assert _decide(ada, "/news/other") == 200
    assert _rename(ada) == 200
    assert coded.decisions()[-1].coder == "ada"


def test_each_coder_sees_their_own_decisions_on_a_document_coded_twice(app: object) -> None:
    ben, cem, vic = _as(app, "ben"), _as(app, "cem"), _as(app, "vic")
    assert _decide(ben, "/news/port", "reject") == 200
    assert "status-rejected" in ben.get(DOC).text
    assert "status-rejected" not in cem.get(DOC).text
    assert "status-rejected" in vic.get(DOC).text


def test_a_coder_removed_or_made_a_viewer_loses_their_rights_at_once(
    app: object, coded: Store
) -> None:
    ben = _as(app, "ben")
    coded.set_role("ben", "viewer")
    assert _decide(ben, "/news/free") == 403
    coded.remove_coder("ben")
    assert ben.get("/", follow_redirects=False).status_code == 303


# -- queues --------------------------------------------------------------------------------------


def test_a_coder_sees_their_queue_and_what_is_left(app: object) -> None:
    cem = _as(app, "cem")
    page = cem.get("/queue")
    assert page.status_code == 200
    assert "2 of 2 documents left." in page.text and "/news/other" in page.text
    assert "/news/free" not in page.text
    done = {"source": "/news/other", "kind": "document", "item": "document", "action": "done"}
    cem.post("/api/decide", json=done, headers={"X-CSRF-Token": _csrf(cem, "/")})
    assert "1 of 2 documents left." in cem.get("/queue").text
    assert cem.get("/queue?coder=ben").status_code == 403


def test_an_admin_and_a_viewer_see_anyones_queue(app: object) -> None:
    for name in ("ada", "vic"):
        page = _as(app, name).get("/queue?coder=ben")
        assert page.status_code == 200
        assert "Queue of ben" in page.text and "1 of 1 documents left." in page.text
        assert "cem (coder, 2)" in page.text


# -- agreement and reconciliation ----------------------------------------------------------------

RECONCILE = "/reconcile/%2Fnews%2Fport"


def _code_twice(app: object) -> None:
    """ben keeps the first quote of /news/port, cem rejects it; both mark the document done."""
    for name, action in (("ben", "accept"), ("cem", "reject")):
        client = _as(app, name)
        assert _decide(client, "/news/port", action) == 200
        done = {"source": "/news/port", "kind": "document", "item": "document", "action": "done"}
        headers = {"X-CSRF-Token": _csrf(client, "/")}
        assert client.post("/api/decide", json=done, headers=headers).status_code == 200


def _pick(client: TestClient, winner: str) -> int:
    form = {"csrf": _csrf(client, "/"), "variable": "quote", "unit": "26-49", "winner": winner}
    return client.post(RECONCILE, data=form, follow_redirects=False).status_code


def test_everyone_signed_in_sees_the_agreement_page(app: object) -> None:
    _code_twice(app)
    for name in ("ada", "ben", "vic"):
        page = _as(app, name).get("/agreement")
        assert page.status_code == 200
        assert "quote span found" in page.text and "Disagreements to reconcile (1)" in page.text
        assert ("reconcile-link" in page.text) == (name == "ada")


def test_only_an_admin_reconciles_and_the_final_value_wins(app: object, coded: Store) -> None:
    _code_twice(app)
    ben, vic, ada = _as(app, "ben"), _as(app, "vic"), _as(app, "ada")
    assert ben.get(RECONCILE).status_code == 403
    assert _pick(ben, "ben") == 403
    assert _pick(vic, "ben") == 403
    page = ada.get(RECONCILE)
    assert page.status_code == 200
    assert (
        "ben: <strong>found</strong>" in page.text
        and "cem: <strong>not found</strong>" in page.text
    )
    assert _pick(ada, "cem") == 303
    final = coded.decisions()[-1]
    assert (final.item, final.action, final.coder, final.final) == (QUOTE, "reject", "ada", True)
    assert "reconciled: cem's value" in ada.get(RECONCILE).text
    assert "Disagreements to reconcile (0)" in ada.get("/agreement").text
    assert _decide(ben, "/news/port", "accept") == 200  # ben may change his mind...
    assert [q["document"] for q in coded.quotes()].count("port") == 1  # ...the final one holds


def test_a_bad_reconciliation_is_a_400_naming_the_problem(app: object) -> None:
    _code_twice(app)
    ada = _as(app, "ada")
    form = {"csrf": _csrf(ada, "/"), "variable": "quote", "unit": "1-2", "winner": "ben"}
    answer = ada.post(RECONCILE, data=form)
    assert answer.status_code == 400 and "no disagreement on quote at 1-2" in answer.text


def test_the_throttle_forgets_windows_that_passed_when_many_names_were_tried(
    monkeypatch: pytest.MonkeyPatch, clock: Clock
) -> None:
    from stancegraph.web import accounts

    monkeypatch.setattr(accounts, "_MAX_KEYS", 3)
    throttle = Throttle(clock=clock)
    for n in range(5):
        throttle.failed(f"name{n}", "10.0.0.1")
    clock.now += 15 * 60 + 1
    throttle.failed("other", "10.0.0.2")
    assert sorted(throttle._fails) == ["client:10.0.0.2", "name:other"]


# -- managing coders -----------------------------------------------------------------------------


def _manage(client: TestClient, **form: str) -> object:
    return client.post("/coders", data={"csrf": _csrf(client, "/"), **form}, follow_redirects=False)


def test_only_an_admin_manages_coders(app: object, coded: Store) -> None:
    for name in ("ben", "vic"):
        client = _as(app, name)
        assert client.get("/coders").status_code == 403
        assert _manage(client, op="add", name="eve", password=PASSWORD).status_code == 403  # type: ignore[attr-defined]
    ada = _as(app, "ada")
    page = ada.get("/coders")
    assert page.status_code == 200 and 'data-coder="ben"' in page.text
    assert "argon2" not in page.text
    assert "eve" not in {c.name for c in coded.coders()}


def test_an_admin_adds_changes_and_removes_coders(app: object, coded: Store) -> None:
    ada, ben = _as(app, "ada"), _as(app, "ben")
    added = _manage(ada, op="add", name="eve", role="viewer", password="eve's password")
    assert added.status_code == 303  # type: ignore[attr-defined]
    assert "added+eve+as+viewer" in added.headers["location"]  # type: ignore[attr-defined]
    assert coded.coder("eve").role == "viewer"
    assert _manage(ada, op="role", name="eve", role="coder").status_code == 303  # type: ignore[attr-defined]
    assert coded.coder("eve").role == "coder"
    assert _manage(ada, op="password", name="ben", password="a new password").status_code == 303  # type: ignore[attr-defined]
    assert ben.get("/", follow_redirects=False).status_code == 303  # his session ended
    assert coded.authenticate("ben", "a new password") is not None
    assert _manage(ada, op="remove", name="eve").status_code == 303  # type: ignore[attr-defined]
    assert "eve" not in {c.name for c in coded.coders()}


@pytest.mark.parametrize(
    ("form", "problem"),
    [
        ({"op": "add", "name": "ben", "password": PASSWORD}, "exists already"),
        ({"op": "add", "name": "eve", "password": "short"}, "at least 8 characters"),
        ({"op": "remove", "name": "ada"}, "cannot remove themselves"),
        ({"op": "role", "name": "ada", "role": "coder"}, "drop their own role"),
        ({"op": "role", "name": "ben", "role": "boss"}, "a role is one of"),
        ({"op": "remove", "name": "zoe"}, "no such coder"),
        ({"op": "fire", "name": "ben"}, "op: one of"),
    ],
)
def test_a_bad_change_of_coders_is_one_line(
    app: object, coded: Store, form: dict[str, str], problem: str
) -> None:
    answer = _manage(_as(app, "ada"), **form)
    assert answer.status_code in (400, 404)  # type: ignore[attr-defined]
    assert problem in answer.text  # type: ignore[attr-defined]
    if "password" in form:  # never echoed
        assert form["password"] not in answer.text  # type: ignore[attr-defined]
    assert {c.name for c in coded.coders()} == {"ada", "ben", "cem", "vic"}


def test_a_viewer_sees_each_coders_decisions_in_a_colour_and_everyone_sees_final_ones(
    app: object,
) -> None:
    _code_twice(app)
    vic, ben = _as(app, "vic"), _as(app, "ben")
    page = vic.get(DOC).text
    assert '<span class="by by-2">cem</span>' in page  # the latest decision, by cem (3rd coder)
    assert 'class="by ' not in ben.get(DOC).text  # a coder sees their own decisions only
    assert _pick(_as(app, "ada"), "ben") == 303
    for client in (vic, ben):
        assert '<span class="final" title="reconciled by ada">final</span>' in client.get(DOC).text


def test_signing_in_again_replaces_the_session(app: object) -> None:
    client = _as(app, "ben")
    old = client.cookies.get(SESSION)
    assert _sign_in(client, "cem").status_code == 303  # type: ignore[attr-defined]
    assert client.cookies.get(SESSION) != old
    assert "signed in as <strong>cem</strong>" in client.get("/").text
    with _client(app) as thief:
        thief.cookies.set(SESSION, old or "")
        assert thief.get("/", follow_redirects=False).status_code == 303
