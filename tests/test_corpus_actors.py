"""Corpus actors: document actors merged across documents, corrections, queries and the CLI.

Analyses are built by hand (no spaCy pipeline), except the ``--reanalyse`` test, which ingests
text files (marked ``model``). Every store test runs on SQLite and, when
``STANCEGRAPH_TEST_POSTGRES_URL`` names a throwaway PostgreSQL database, on PostgreSQL too.
"""

from __future__ import annotations

import io
import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from conftest import store_at_revision
from stancegraph.cli import main
from stancegraph.corpus.actors import fold_name, person_parts
from stancegraph.corpus.store import QueryFilter, Store, open_store
from stancegraph.errors import InputError
from stancegraph.types import Actor, Analysis, Document, Quote, Statement

TEXT = "x" * 200


def _doc(doc_id: str, *actors: Actor) -> Analysis:
    document = Document(id=doc_id, text=TEXT, date="2024-03-01", source=f"{doc_id}.txt")
    quote = Quote(
        "q1", "direct", "We will", 1, 8, ((1, 8),), "said", 10, 14, actors[0].id,
        actors[0].name, 15, 20, 0.9, "test",
    )  # fmt: skip
    statement = Statement("s1", actors[0].id, "jobs", "jobs", "support", 1, 8, "q1", 0.8, "test")
    return Analysis(document, actors, (quote,), (statement,), ())


def _person(name: str, *aliases: str, role: str | None = None, aff: str | None = None) -> Actor:
    return Actor("a1", name, "person", aliases, ((15, 20), (30, 35)), role=role, affiliation=aff)


def _thing(name: str, kind: str = "country", *aliases: str, ident: str = "a1") -> Actor:
    return Actor(ident, name, kind, aliases, ((40, 45),))  # type: ignore[arg-type]


def _names(store: Store) -> dict[str, int]:
    return {row["name"]: row["documents"] for row in store.corpus_actors()}


def test_fold_name_and_person_parts() -> None:
    assert fold_name("U.S.") == fold_name("US") == fold_name("the United States") == "united states"
    assert fold_name("Police") == fold_name("the police") == "police"
    assert fold_name("Mr. Zelenskyy's") == "zelenskyy"
    assert person_parts(["Ms. Helena Brandt"]) == ("helena", "brandt", "f")
    assert person_parts(["President Volodymyr Zelensky"]) == ("volodymyr", "zelensky", None)


def test_variants_merge_across_documents(store: Store) -> None:
    store.put_analysis(_doc("a", _thing("United States"), _thing("police", "group", ident="a2")),
                       extractor="v1")  # fmt: skip
    store.put_analysis(_doc("b", _thing("U.S."), _thing("Police", "group", ident="a2")),
                       extractor="v1")  # fmt: skip
    store.put_analysis(_doc("c", _thing("US", "organization")), extractor="v1")
    store.put_analysis(_doc("d", _person("Volodymyr Zelenskyy", "Zelenskyy")), extractor="v1")
    store.put_analysis(_doc("e", _person("Volodymyr Zelensky", "Zelensky")), extractor="v1")
    store.put_analysis(_doc("f", _person("Zelensky", role="president")), extractor="v1")
    assert _names(store) == {"United States": 3, "police": 2, "Volodymyr Zelenskyy": 3}
    shown = store.corpus_actor("zelensky")
    assert shown["documents"] == ["d", "e", "f"] and shown["roles"] == ["president"]
    assert "Volodymyr Zelensky" in shown["aliases"] and "Zelenskyy" in shown["aliases"]
    listed = {row["name"]: row["mentions"] for row in store.corpus_actors()}
    assert listed["Volodymyr Zelenskyy"] == 6


def test_people_sharing_a_surname_stay_apart(store: Store) -> None:
    store.put_analysis(_doc("a", _person("Helena Brandt", role="mayor")), extractor="v1")
    store.put_analysis(_doc("b", _person("Karl Brandt", role="bishop")), extractor="v1")
    store.put_analysis(_doc("c", _person("Mr. Jones", "Mr. Jones")), extractor="v1")
    store.put_analysis(_doc("d", _person("Jones", "Ms. Jones")), extractor="v1")
    store.put_analysis(_doc("e", _person("Ann Smith", aff="Labour")), extractor="v1")
    store.put_analysis(_doc("f", _person("Smith", aff="Conservative Party")), extractor="v1")
    store.put_analysis(_doc("g", _person("Brandt", role="mayor")), extractor="v1")  # the mayor
    store.put_analysis(_doc("h", _person("Brandt")), extractor="v1")  # which one? neither
    store.put_analysis(_doc("i", _person("H. Brandt")), extractor="v1")
    names = _names(store)
    assert names["Helena Brandt"] == 3 and names["Karl Brandt"] == 1
    assert names["Jones"] == 2 or (names.get("Mr. Jones") == 1 and names.get("Jones") == 1)
    assert sum(1 for n in names if "Jones" in n) == 2
    assert sum(1 for n in names if "Smith" in n) == 2
    assert names["Brandt"] == 1


def test_corrections_merge_split_rename(store: Store) -> None:
    store.put_analysis(_doc("a", _person("Helena Brandt", "Brandt")), extractor="v1")
    store.put_analysis(_doc("b", _person("Lena Brandt")), extractor="v1")
    store.put_analysis(_doc("c", _thing("Kyiv", "place")), extractor="v1")
    store.put_analysis(_doc("d", _thing("Kiev", "place")), extractor="v1")
    assert store.merge_actors("Kyiv", "Kiev") == ("Kyiv", "Kiev")
    assert store.merge_actors("Helena Brandt", "Lena Brandt") == ("Helena Brandt", "Lena Brandt")
    assert _names(store) == {"Helena Brandt": 2, "Kyiv": 2}
    store.rename_actor("helena brandt", "Mayor Brandt")
    assert store.corpus_actor("Mayor Brandt")["documents"] == ["a", "b"]
    store.split_actor("Mayor Brandt", "Lena Brandt")
    assert _names(store) == {"Mayor Brandt": 1, "Lena Brandt": 1, "Kyiv": 2}
    # documents stored again resolve the way the user decided
    for doc_id, actor in (
        ("a", _person("Helena Brandt", "Brandt")),
        ("b", _person("Lena Brandt")),
        ("d", _thing("Kiev", "place")),
    ):
        store.put_analysis(_doc(doc_id, actor), extractor="v2")
    assert _names(store) == {"Mayor Brandt": 1, "Lena Brandt": 1, "Kyiv": 2}
    with store.engine.connect() as conn:
        kinds = conn.execute(sa.text("SELECT kind FROM corrections ORDER BY id")).scalars().all()
    assert kinds == ["actor_merge", "actor_merge", "actor_rename", "actor_split"]


def test_a_correction_names_its_actor_exactly(store: Store) -> None:
    store.put_analysis(_doc("a", _person("mayor of Kiev")), extractor="v1")
    with pytest.raises(InputError, match="no corpus actor named 'Kiev'; its words are in"):
        store.rename_actor("Kiev", "Kyiv")
    assert _names(store) == {"mayor of Kiev": 1}
    assert store.corpus_actor("Kiev")["name"] == "mayor of Kiev"  # showing may guess


def test_chained_corrections_across_types_hold_on_reanalysis(store: Store) -> None:
    def analysis() -> Analysis:
        return _doc("a", _person("mayor of Kiev"), _thing("Ukraine", ident="a2"))

    store.put_analysis(analysis(), extractor="v1")
    store.rename_actor("mayor of Kiev", "Kyiv")
    store.merge_actors("Ukraine", "Kyiv")
    assert _names(store) == {"Ukraine": 1}
    store.put_analysis(analysis(), extractor="v2")  # analysed again
    assert _names(store) == {"Ukraine": 1}


def test_queries_match_corpus_names_and_aliases(store: Store) -> None:
    store.put_analysis(_doc("a", _person("Volodymyr Zelenskyy")), extractor="v1")
    store.put_analysis(_doc("b", _person("Volodymyr Zelensky")), extractor="v1")
    store.put_analysis(_doc("c", _thing("United States")), extractor="v1")
    store.put_analysis(_doc("d", _thing("U.S.")), extractor="v1")
    store.rename_actor("Volodymyr Zelenskyy", "President Zelenskyy")

    def docs(kind: str, actor: str) -> list[str]:
        return sorted({r["document"] for r in getattr(store, kind)(QueryFilter(actor=actor))})

    assert docs("quotes", "Zelenskyy") == ["a", "b"]
    assert docs("statements", "president zelenskyy") == ["a", "b"]
    assert docs("quotes", "US") == ["c", "d"]
    assert docs("statements", "united states") == ["c", "d"]


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = main(argv)
    finally:
        sys.stdout, sys.stderr = old
    return code, out.getvalue(), err.getvalue()


def test_actors_command(tmp_path: Path) -> None:
    db = str(tmp_path / "corpus.db")
    with open_store(db) as store:
        store.put_analysis(_doc("a", _person("Helena Brandt", role="Mayor")), extractor="v1")
        store.put_analysis(_doc("b", _person("Lena Brandt")), extractor="v1")
    code, out, _ = _run(["actors", "list", "--db", db])
    assert code == 0 and "Helena Brandt" in out and "Lena Brandt" in out and "mentions" in out
    code, out, err = _run(["actors", "merge", "Helena Brandt", "Lena Brandt", "--db", db])
    assert code == 0, err
    code, out, _ = _run(["actors", "show", "Helena Brandt", "--db", db])
    assert code == 0 and "Lena Brandt" in out and "Mayor" in out and "a, b" in out
    code, _, err = _run(["actors", "split", "Helena Brandt", "--alias", "Lena Brandt", "--db", db])
    assert code == 0, err
    code, _, err = _run(["actors", "rename", "Lena Brandt", "Magdalena Brandt", "--db", db])
    assert code == 0, err
    code, _, err = _run(["actors", "retype", "Magdalena Brandt", "organization", "--db", db])
    assert code == 0 and "retyped" in err, err
    code, out, _ = _run(["actors", "list", "--db", db, "--format", "json"])
    assert '"Magdalena Brandt"' in out
    listed = {row["name"]: row["type"] for row in json.loads(out)}
    assert listed["Magdalena Brandt"] == "organization"
    code, _, err = _run(["actors", "retype", "Magdalena Brandt", "alien", "--db", db])
    assert code == 2 and "no actor type 'alien'" in err, err
    code, _, err = _run(["actors", "show", "Nobody", "--db", db])
    assert code == 2 and "no corpus actor" in err
    code, _, err = _run(["actors", "split", "Helena Brandt", "--db", db])
    assert code == 2 and "--alias" in err


STORY = (
    "Port vote {n}\n\n"
    '"We will not accept this plan," said Mayor Helena Brandt on Monday in Port Aldwick. '
    "The council rejected the port expansion, councillor Omar Haddad told reporters. "
    "Haddad said the wetlands had to be protected before any new berth was built.\n"
)


@pytest.mark.model
def test_reanalyse_keeps_the_corrections(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(2):
        (folder / f"story{n}.txt").write_text(STORY.format(n=n), encoding="utf-8")
    db = str(tmp_path / "corpus.db")
    assert _run(["ingest", str(folder), "--db", db])[0] == 0
    with open_store(db) as store:
        names = _names(store)
        assert names["Helena Brandt"] == 2 and names["Omar Haddad"] == 2
        store.rename_actor("Helena Brandt", "Mayor Brandt")
        store.merge_actors("Mayor Brandt", "Omar Haddad")  # a wrong merge, but the user's
    assert _run(["ingest", str(folder), "--db", db, "--reanalyse"])[0] == 0
    with open_store(db) as store:
        names = _names(store)
        assert names["Mayor Brandt"] == 2 and "Omar Haddad" not in names
        aliases = store.corpus_actor("Mayor Brandt")["aliases"]
        assert "Helena Brandt" in aliases and "Omar Haddad" in aliases


def test_a_merge_the_automatic_linking_refuses_is_applied_again(store: Store) -> None:
    store.put_analysis(_doc("a", _person("Jones", "Ms. Jones")), extractor="v1")
    store.put_analysis(_doc("b", _person("Mr. Jones", "Mr. Jones")), extractor="v1")
    assert len(_names(store)) == 2
    store.merge_actors("Jones", "Mr. Jones")  # the analyser got the honorific wrong
    store.put_analysis(_doc("b", _person("Mr. Jones", "Mr. Jones")), extractor="v2")
    assert _names(store) == {"Jones": 2}


def test_events_match_corpus_names(store: Store) -> None:
    from stancegraph.types import Event, Participant

    def with_event(doc_id: str, name: str) -> Analysis:
        base = _doc(doc_id, _thing(name))
        event = Event(
            id="e1", type="REJECT", base_type="REJECT", mode=(), plover_mode=None,
            source=Participant("a1", name, 40, 45, None, "government"),
            target=None, trigger="rejected", trigger_start=46, trigger_end=54,
            sentence_start=40, sentence_end=60, date=None, date_text=None, location=None,
            location_start=None, location_end=None, quad_class=3, score=-4.0, confidence=0.8,
            extractor="test",
        )  # fmt: skip
        return Analysis(base.document, base.actors, base.quotes, base.statements, (event,))

    store.put_analysis(with_event("a", "United States"), extractor="v1")
    store.put_analysis(with_event("b", "U.S."), extractor="v1")
    store.put_analysis(with_event("c", "Russia"), extractor="v1")
    rows = store.events(QueryFilter(actor="USA"))
    assert sorted(r["document"] for r in rows) == ["a", "b"]


def test_actors_stored_before_corpus_actors_are_linked_on_open(tmp_path: Path) -> None:
    path = str(tmp_path / "old.db")
    with open_store(path) as store:
        store.put_analysis(_doc("a", _person("Helena Brandt", "Brandt")), extractor="v1")
        store.put_analysis(_doc("b", _thing("U.S.")), extractor="v1")
        with store.engine.begin() as conn:  # as a store migrated from revision 0001 holds them
            conn.execute(sa.text("DELETE FROM actor_links"))
            conn.execute(sa.text("DELETE FROM corpus_keys"))
            conn.execute(sa.text("DELETE FROM corpus_actors"))
        assert _names(store) == {}
    with open_store(path) as store:
        assert _names(store) == {"Helena Brandt": 1, "U.S.": 1}
        assert store.corpus_actor("Brandt")["aliases"] == ["Brandt"]
        assert store.link_stored_actors() == 0


def test_a_store_at_revision_0001_is_migrated_and_linked(tmp_path: Path) -> None:
    url = store_at_revision(
        tmp_path / "v1.db",
        "0001",
        "INSERT INTO documents (source, doc_id, status, extractor, stored, n_actors, n_quotes, "
        "n_statements, n_events) VALUES ('a.txt', 'a', 'analysed', 'v1', '2025-01-01', 2, 0, 0, 0)",
        "INSERT INTO actors (document, actor, name, type) VALUES "
        "(1, 'a1', 'United States', 'country'), (1, 'a2', 'US', 'organization')",
    )
    with open_store(url) as store:
        assert _names(store) == {"United States": 1}
        assert store.statements(QueryFilter(actor="U.S.")) == []


def test_a_bare_surname_goes_to_the_one_who_held_the_role(store: Store) -> None:
    store.put_analysis(_doc("a", _person("Helena Brandt")), extractor="v1")
    store.put_analysis(_doc("b", _person("Karl Brandt", role="bishop")), extractor="v1")
    store.put_analysis(_doc("c", _person("Helena Brandt", role="Mayor")), extractor="v1")
    store.put_analysis(_doc("d", _person("Brandt", role="mayor")), extractor="v1")
    store.put_analysis(_doc("e", _person("Brandt", role="minister")), extractor="v1")
    store.put_analysis(_doc("f", _thing("WASHINGTON", "place")), extractor="v1")
    store.put_analysis(_doc("g", _thing("Washington", "place")), extractor="v1")
    assert _names(store) == {"Helena Brandt": 3, "Karl Brandt": 1, "Brandt": 1, "Washington": 2}


def test_a_shared_bare_surname_is_not_taken_over_by_a_full_name(store: Store) -> None:
    store.put_analysis(_doc("a", _person("Barack Obama")), extractor="v1")
    store.put_analysis(_doc("b", _person("Michelle Obama")), extractor="v1")
    store.put_analysis(_doc("c", _person("Obama")), extractor="v1")  # which one: neither
    store.put_analysis(_doc("d", _person("Obama")), extractor="v1")
    store.put_analysis(_doc("e", _person("Derelict Obama")), extractor="v1")  # a misread name
    store.put_analysis(_doc("f", _person("Zoe Lang")), extractor="v1")
    store.put_analysis(_doc("g", _person("Lang")), extractor="v1")  # only one Lang
    assert _names(store) == {
        "Barack Obama": 1, "Michelle Obama": 1, "Obama": 2, "Derelict Obama": 1, "Zoe Lang": 2,
    }  # fmt: skip


def test_groups_join_singular_and_plural(store: Store) -> None:
    store.put_analysis(_doc("a", _thing("Democrats", "group")), extractor="v1")
    store.put_analysis(_doc("b", _thing("Democrat", "group")), extractor="v1")
    store.put_analysis(_doc("c", _thing("the police", "group")), extractor="v1")
    store.put_analysis(_doc("d", _thing("Police", "group")), extractor="v1")
    store.put_analysis(_doc("e", _thing("Democrats", "organization")), extractor="v1")
    assert _names(store) == {"Democrats": 2, "the police": 2, "Democrats ": 1} or _names(store) == {
        "Democrats": 3,
        "the police": 2,
    }


def test_a_split_by_alias_is_applied_again(store: Store) -> None:
    store.put_analysis(_doc("a", _person("Helena Brandt", "Brandt")), extractor="v1")
    store.put_analysis(_doc("b", _person("Helena Brandt", "Brandt", "Lena Brandt")), extractor="v1")
    store.split_actor("Helena Brandt", "Lena Brandt")  # b's Helena Brandt is somebody else
    assert _names(store) == {"Helena Brandt": 1, "Lena Brandt": 1}
    store.put_analysis(_doc("b", _person("Helena Brandt", "Brandt", "Lena Brandt")), extractor="v2")
    assert _names(store) == {"Helena Brandt": 1, "Lena Brandt": 1}
    assert store.corpus_actor("Lena Brandt")["documents"] == ["b"]


def test_every_actor_is_linked_even_without_a_word_in_its_name(store: Store) -> None:
    store.put_analysis(_doc("a", _thing("—", "group"), _thing("“ ”", "group", ident="a2")),
                       extractor="v1")  # fmt: skip
    assert store.status().actors == 2 and len(store.corpus_actors()) == 2
    assert store.link_stored_actors() == 0


def test_a_store_at_revision_0002_is_rekeyed_and_its_duplicates_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alembic import command
    from alembic.config import Config

    import stancegraph.corpus.store

    monkeypatch.chdir(tmp_path)
    path = str(tmp_path / "v2.db")
    typed = ["a.txt", "./a.txt", str(tmp_path / "a.txt"), "feed.jsonl:2", "b.txt"]
    with open_store(path) as store:
        for n, source in enumerate(typed):
            ident = "feed-2" if source.startswith("feed") else f"d{n}"  # a reader's default id
            analysis = _doc(ident, _person("Helena Brandt"))
            document = Document(id=ident, text=TEXT, date="2024-03-01", source=source)
            store.put_analysis(replace(analysis, document=document), extractor=f"v{n}")
        store.put_failure("a.txt:9", "invalid JSON", extractor="v9")
        with store.engine.begin() as conn:  # ./a.txt is the newest analysed copy of a.txt
            conn.execute(sa.text("UPDATE documents SET stored = '2025-01-0' || id"))
            conn.execute(sa.text("UPDATE documents SET stored = '2025-02-01' WHERE id = 2"))
            conn.execute(sa.text("UPDATE documents SET status = 'failed' WHERE id = 3"))
        config = Config()
        migrations = Path(stancegraph.corpus.store.__file__).with_name("migrations")
        config.set_main_option("script_location", str(migrations))
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0002")
    with open_store(path) as store:
        rows = {row["source"]: row for row in store.document_rows()}
        a, feed = str(tmp_path / "a.txt"), str(tmp_path / "feed.jsonl")
        assert set(rows) == {a, f"{feed}:2", str(tmp_path / "b.txt"), f"{a}:9"}
        assert rows[a]["extractor"] == "v1" and rows[a]["file"] == a
        assert rows[f"{feed}:2"]["file"] == feed
        assert store.count_rows("actors") == {
            row["id"]: 1 for row in rows.values() if row["n_actors"]
        }
        with store.engine.connect() as conn:
            links = conn.execute(sa.text("SELECT document FROM actor_links")).scalars().all()
        assert sorted(links) == sorted(store.count_rows("actors"))
        assert store.link_stored_actors() == 0
        assert store.corpus_actor("Helena Brandt")["documents"] == ["d1", "d4", "feed-2"]


def test_actor_filter_matches_exact_names_first_then_whole_words(store: Store) -> None:
    store.put_analysis(_doc("a", _thing("United States", "country", "US")), extractor="v1")
    store.put_analysis(_doc("b", _thing("Business Insider", "organization")), extractor="v1")
    store.put_analysis(_doc("c", _person("Helena Brandt", "Brandt")), extractor="v1")

    def said_by(name: str) -> list[str]:
        return sorted(row["document"] for row in store.quotes(QueryFilter(actor=name)))

    assert said_by("US") == ["a"]  # a name variant of a corpus actor: exact names only
    assert said_by("Insider") == ["b"]  # no actor is called so: whole words
    assert said_by("Helena") == ["c"]
    assert said_by("usiness") == []  # never inside a word
    assert said_by("united") == ["a"]
