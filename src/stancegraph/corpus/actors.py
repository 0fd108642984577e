"""Corpus actors: the document actors of a whole corpus merged into canonical actors.

In: a document's ``Actor`` objects, inside the store's transaction for
that document. Out: rows in ``corpus_actors`` (one canonical actor), ``corpus_keys`` (folded
names that resolve to it) and ``actor_links`` (document actor -> corpus actor).

A document actor links to the corpus actor one of its names resolves to: names are folded
(case, accents, dots, a leading "the", honorifics and titles dropped, "US"/"U.S."/"USA" ->
"united states"). A person no key resolves is compared by surname with the corpus's persons:
transliterations (Zelenskyy / Zelensky) match, but different first names, Mr. against Ms., or
different affiliations keep people apart, and a bare surname shared by several people links to
none of them. User corrections (merge, split, rename) move keys between corpus actors, so
re-analysed documents resolve the way the user decided; a deleted corpus actor keeps its row
and keys, so the actors that resolve to it stay deleted.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import get_args

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import InputError
from ..types import Actor, ActorType
from .schema import actor_links, actors, aliases, corrections, documents, mentions
from .schema import actor_links as al
from .schema import corpus_actors as ca
from .schema import corpus_keys as ck

__all__ = ["CorpusActor", "fold_name", "link_actors", "person_parts"]

_HONORIFICS = {
    "mr": "m",
    "mister": "m",
    "sir": "m",
    "ms": "f",
    "mrs": "f",
    "miss": "f",
    "madam": "f",
    "dame": "f",
    "dr": "",
    "prof": "",
    "professor": "",
}
_TITLES = {
    "president",
    "vice",
    "prime",
    "minister",
    "chancellor",
    "senator",
    "sen",
    "rep",
    "representative",
    "governor",
    "gov",
    "mayor",
    "judge",
    "justice",
    "general",
    "gen",
    "secretary",
    "king",
    "queen",
    "pope",
    "councillor",
    "councilor",
    "ambassador",
    "chairman",
    "chairwoman",
    "speaker",
    "foreign",
    "defence",
    "defense",
}
_SYNONYMS = {
    "us": "united states",
    "usa": "united states",
    "united states of america": "united states",
    "america": "united states",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "eu": "european union",
    "un": "united nations",
    "russian federation": "russia",
    "prc": "china",
    "peoples republic of china": "china",
}
_POSSESSIVE = re.compile(r"['’]s?$")


def fold_name(name: str) -> str:
    """The key a name is compared by: lower case, no accents, dots, honorifics or titles."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()
    plain = _POSSESSIVE.sub("", plain).replace(".", "").replace("’", "'")
    words = re.findall(r"[\w']+", plain.replace("-", " "))
    words = [w.replace("'", "") for w in words if w.replace("'", "")]
    while words and (words[0] in {"the", "a", "an"} or words[0] in _HONORIFICS):
        words = words[1:]
    key = " ".join(words)
    return _SYNONYMS.get(key, key)


def person_parts(actor_names: Iterable[str]) -> tuple[str | None, str | None, str | None]:
    """(given name, surname, gender) of a person from its names, folded; None when unknown."""
    given: str | None = None
    surname: str | None = None
    gender: str | None = None
    for name in actor_names:
        words = fold_name(name).split()
        first = unicodedata.normalize("NFKD", name).lower().strip().split()
        if first:
            honorific = first[0].rstrip(".")
            if _HONORIFICS.get(honorific):
                gender = gender or _HONORIFICS[honorific]
        while len(words) > 1 and words[0] in _TITLES:
            words = words[1:]
        if not words:
            continue
        surname = surname or words[-1]
        if len(words) > 1 and (given is None or len(given) == 1):
            given = words[0]
    return given, surname, gender


def _similar(a: str, b: str, *, cutoff: float = 0.85) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or a[:4] != b[:4]:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= cutoff


def _given_agree(a: str, b: str) -> bool:
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return a == b or _similar(a, b, cutoff=0.8)


@dataclass(frozen=True, slots=True)
class CorpusActor:
    id: int
    name: str
    type: str
    given: str | None
    surname: str | None
    gender: str | None
    role: str | None
    affiliation: str | None
    fixed: bool
    deleted: bool = False


def _compatible(type_a: str, type_b: str) -> bool:
    if type_a == type_b:
        return True
    return "person" not in (type_a, type_b) and "document" not in (type_a, type_b)


def _keys_of(actor: Actor) -> list[str]:
    """The keys an actor's names register, name first; single words of persons only as names."""
    keys = [fold_name(actor.name)]
    for alias in actor.aliases:
        key = fold_name(alias)
        if actor.type == "person" and len(key.split()) < 2:
            continue
        keys.append(key)
    if actor.type in ("group", "organization"):  # "Democrats" and "Democrat" are one group
        keys = keys + [_singular(k) for k in keys]
    return [k for k in dict.fromkeys(keys) if k]


def _singular(key: str) -> str:
    words = key.split()
    if words and len(words[-1]) > 4 and words[-1].endswith("s") and words[-1][-2] not in "su":
        words[-1] = words[-1][:-3] + "y" if words[-1].endswith("ies") else words[-1][:-1]
    return " ".join(words)


def _fold_attr(value: str | None) -> str | None:
    return fold_name(value) or None if value else None


def _person_fits(
    actor: Actor,
    parts: tuple[str | None, str | None, str | None],
    c: CorpusActor,
) -> bool:
    given, surname, gender = parts
    if surname is None or c.surname is None or not _similar(surname, c.surname):
        return False
    if given and c.given and not _given_agree(given, c.given):
        return False
    if gender and c.gender and gender != c.gender:
        return False
    mine, theirs = _fold_attr(actor.affiliation), _fold_attr(c.affiliation)
    return not (mine and theirs and mine != theirs)


def _by_surname(
    conn: Connection, actor: Actor, parts: tuple[str | None, str | None, str | None]
) -> CorpusActor | None:

    given, surname, _gender = parts
    if surname is None:
        return None
    rows = conn.execute(
        sa.select(ca).where(ca.c.type == "person", ca.c.surname.startswith(surname[:4]))
    )
    namesakes = [c for c in (CorpusActor(*row) for row in rows) if surname_of(c, surname)]
    fits = [c for c in namesakes if _person_fits(actor, parts, c)]
    if given and any(c.given for c in namesakes):
        # a bare surname kept apart because it fitted several people is nobody's full name
        fits = [c for c in fits if c.given is not None]
    if len(fits) > 1:  # a bare surname: the role or affiliation decides, else nobody
        role, affiliation = _fold_attr(actor.role), _fold_attr(actor.affiliation)
        fits = [
            c
            for c in fits
            if (role and role in _attributes(conn, c, "role"))
            or (affiliation and affiliation in _attributes(conn, c, "affiliation"))
        ]
    return fits[0] if len(fits) == 1 else None


def _attributes(conn: Connection, c: CorpusActor, column: str) -> set[str]:
    """The folded roles (or affiliations) of a corpus actor and of every actor linked to it."""

    values = conn.execute(
        sa.select(actors.c[column])
        .join(al, sa.and_(al.c.document == actors.c.document, al.c.actor == actors.c.actor))
        .where(al.c.corpus_actor == c.id, actors.c[column].is_not(None))
        .distinct()
    ).scalars()
    found = {_fold_attr(v) for v in values} | {_fold_attr(getattr(c, column))}
    return {v for v in found if v}


def surname_of(c: CorpusActor, surname: str) -> bool:
    return c.surname is not None and _similar(surname, c.surname)


def get_corpus_actor(conn: Connection, key: int) -> CorpusActor:

    return CorpusActor(*conn.execute(sa.select(ca).where(ca.c.id == key)).one())


def _resolve(conn: Connection, actor: Actor, keys: Sequence[str]) -> CorpusActor | None:

    for key in keys:
        row = conn.execute(
            sa.select(ca).join(ck, ck.c.corpus_actor == ca.c.id).where(ck.c.key == key)
        ).first()
        if row is not None and _compatible(actor.type, row.type):
            found = CorpusActor(*row)
            # a full name is enough; a bare surname must also fit (Mr. Smith is not Ms. Smith)
            if actor.type != "person" or len(key.split()) > 1:
                return found
            if _person_fits(actor, person_parts([actor.name, *actor.aliases]), found):
                return found
    if actor.type == "person":
        return _by_surname(conn, actor, person_parts([actor.name, *actor.aliases]))
    return None


def add_keys(conn: Connection, corpus_actor: int, keys: Iterable[str]) -> None:
    """Register ``keys`` for ``corpus_actor`` where no other corpus actor holds them."""

    for key in keys:
        if not key:
            continue
        held = conn.execute(sa.select(ck.c.corpus_actor).where(ck.c.key == key)).first()
        if held is None:
            conn.execute(ck.insert().values(key=key[:500], corpus_actor=corpus_actor))


def link_actors(conn: Connection, document: int, actors: Sequence[Actor]) -> None:
    """Link each of a stored document's actors to a corpus actor, creating those it lacks."""

    for actor in actors:
        keys = _keys_of(actor) or [" ".join(actor.name.lower().split())[:500] or actor.id]
        given, surname, gender = (
            person_parts([actor.name, *actor.aliases])
            if actor.type == "person"
            else (None, None, None)
        )
        found = _resolve(conn, actor, keys)
        if found is None:
            result = conn.execute(
                ca.insert().values(
                    name=actor.name,
                    type=actor.type,
                    given=given,
                    surname=surname,
                    gender=gender,
                    role=actor.role,
                    affiliation=actor.affiliation,
                    fixed=False,
                )
            )
            assert result.inserted_primary_key is not None
            target = int(result.inserted_primary_key[0])
        else:
            target = found.id
            update = {
                name: value
                for name, value in (
                    ("given", given),
                    ("gender", gender),
                    ("role", actor.role),
                    ("affiliation", actor.affiliation),
                )
                if value and getattr(found, name) in (None, "")
            }
            if given and found.given and len(found.given) == 1 and len(given) > 1:
                update["given"] = given
            if not found.fixed and (
                len(actor.name.split()) > len(found.name.split())
                or (found.name.isupper() and not actor.name.isupper() and len(found.name) > 4)
            ):  # the fuller name ("Helena Brandt" over "Brandt"), not shouted ("WASHINGTON")
                update["name"] = actor.name
            if update:
                conn.execute(ca.update().where(ca.c.id == target).values(**update))
        if found is not None and actor.type == "person":  # a bare surname names a new one only
            keys = [k for k in keys if len(k.split()) > 1]
        add_keys(conn, target, keys)
        conn.execute(
            actor_links.insert().values(document=document, actor=actor.id, corpus_actor=target)
        )


# -- reading and correcting ----------------------------------------------------------------------


def find(conn: Connection, name: str, *, exact: bool = False) -> CorpusActor:
    """The corpus actor called ``name`` (exactly, else by a key, else, unless ``exact``, the one
    whose name contains it). A correction asks for ``exact``: "Kiev" must not rename "mayor of
    Kiev"; the error then names the actors that contain the words."""

    wanted = name.strip()
    linked = sa.exists().where(_links().c.corpus_actor == ca.c.id)
    kept = ca.c.deleted == sa.false()
    rows = conn.execute(
        sa.select(ca)
        .where(sa.func.lower(ca.c.name) == wanted.lower(), kept)
        .order_by(~linked, ca.c.id)
    ).all()
    if not rows:
        rows = conn.execute(
            sa.select(ca)
            .join(ck, ck.c.corpus_actor == ca.c.id)
            .where(ck.c.key == fold_name(wanted), kept)
        ).all()
    if not rows:
        rows = conn.execute(
            sa.select(ca)
            .where(sa.func.lower(ca.c.name).contains(wanted.lower(), autoescape=True), linked, kept)
            .order_by(ca.c.id)
        ).all()
        names = ", ".join(repr(n) for n in sorted({r.name for r in rows})[:5])
        if exact and rows:
            # A person's surname names them ("Dekker"); a word of another name does not.
            people = [
                r
                for r in rows
                if r.type == "person"
                and r.surname == fold_name(wanted)
                and all(w[:1].isupper() for w in r.name.split())  # a name, not "mayor of X"
            ]
            if len(people) != 1:
                raise InputError(f"no corpus actor named {name!r}; its words are in {names}")
            rows = people
        if len(rows) > 1:
            raise InputError(f"{name!r} names several corpus actors ({names}); be more exact")
    if not rows:
        raise InputError(f"no corpus actor {name!r}")
    return CorpusActor(*rows[0])


def _links() -> sa.Table:

    return actor_links


def listing(conn: Connection) -> list[dict[str, object]]:
    """Every corpus actor with linked document actors (none deleted): name, type, documents,
    mentions."""

    docs = (
        sa.select(al.c.corpus_actor, sa.func.count(sa.distinct(al.c.document)).label("n"))
        .group_by(al.c.corpus_actor)
        .subquery()
    )
    ments = (
        sa.select(al.c.corpus_actor, sa.func.count().label("n"))
        .select_from(
            al.join(
                mentions,
                sa.and_(mentions.c.document == al.c.document, mentions.c.actor == al.c.actor),
            )
        )
        .group_by(al.c.corpus_actor)
        .subquery()
    )
    query = (
        sa.select(ca.c.name, ca.c.type, docs.c.n, sa.func.coalesce(ments.c.n, 0))
        .join(docs, docs.c.corpus_actor == ca.c.id)
        .outerjoin(ments, ments.c.corpus_actor == ca.c.id)
        .where(ca.c.deleted == sa.false())
        .order_by(docs.c.n.desc(), ca.c.name)
    )
    return [
        {"name": n, "type": t, "documents": int(d), "mentions": int(m)}
        for n, t, d, m in conn.execute(query)
    ]


def details(conn: Connection, name: str) -> dict[str, object]:
    """A corpus actor's name, type, aliases, roles, affiliations and documents."""

    c = find(conn, name)
    linked = sa.and_(al.c.document == actors.c.document, al.c.actor == actors.c.actor)
    rows = conn.execute(
        sa.select(actors.c.name, actors.c.role, actors.c.affiliation, documents.c.doc_id)
        .select_from(actors.join(al, linked).join(documents, documents.c.id == actors.c.document))
        .where(al.c.corpus_actor == c.id)
        .order_by(documents.c.doc_id)
    ).all()
    alias_rows = conn.execute(
        sa.select(aliases.c.alias)
        .select_from(
            aliases.join(
                al, sa.and_(al.c.document == aliases.c.document, al.c.actor == aliases.c.actor)
            )
        )
        .where(al.c.corpus_actor == c.id)
    ).all()
    names = [r[0] for r in rows] + [r[0] for r in alias_rows]
    return {
        "name": c.name,
        "type": c.type,
        "aliases": sorted({n for n in names if n != c.name}, key=str.lower),
        "roles": sorted({r[1] for r in rows if r[1]}),
        "affiliations": sorted({r[2] for r in rows if r[2]}),
        "documents": list(dict.fromkeys(r[3] for r in rows)),
    }


def merge(conn: Connection, into: str, other: str) -> tuple[str, str]:
    """Move every link and key of ``other`` to ``into``; return both names."""

    a, b = find(conn, into, exact=True), find(conn, other, exact=True)
    if a.id == b.id:
        raise InputError(f"{into!r} and {other!r} are already one corpus actor")
    _merge(conn, a, b)
    return a.name, b.name


def _merge(conn: Connection, a: CorpusActor, b: CorpusActor) -> None:

    conn.execute(al.update().where(al.c.corpus_actor == b.id).values(corpus_actor=a.id))
    conn.execute(ck.update().where(ck.c.corpus_actor == b.id).values(corpus_actor=a.id))
    add_keys(conn, a.id, [fold_name(b.name)])
    conn.execute(ca.delete().where(ca.c.id == b.id))


def split(conn: Connection, name: str, alias: str) -> str:
    """Make the document actors of ``name`` called ``alias`` a corpus actor of their own."""

    c = find(conn, name, exact=True)
    key = fold_name(alias)
    members = conn.execute(
        sa.select(actors.c.document, actors.c.actor, actors.c.name)
        .select_from(
            actors.join(
                al, sa.and_(al.c.document == actors.c.document, al.c.actor == actors.c.actor)
            )
        )
        .where(al.c.corpus_actor == c.id)
    ).all()
    moving = [(d, a) for d, a, n in members if fold_name(n) == key]
    if not moving:  # no actor is called so: those with it as an alias
        with_alias = conn.execute(
            sa.select(aliases.c.document, aliases.c.actor, aliases.c.alias).where(
                sa.tuple_(aliases.c.document, aliases.c.actor).in_([(d, a) for d, a, _ in members])
            )
        ).all()
        moving = list(dict.fromkeys((d, a) for d, a, n in with_alias if fold_name(n) == key))
    if not moving:
        raise InputError(f"no actor of {c.name!r} is called {alias!r}")
    if len(moving) == len(members):
        raise InputError(f"every actor of {c.name!r} is called {alias!r}; use rename")
    given, surname, gender = person_parts([alias]) if c.type == "person" else (None, None, None)
    result = conn.execute(
        ca.insert().values(
            name=alias.strip(), type=c.type, given=given, surname=surname, gender=gender, fixed=True
        )
    )
    assert result.inserted_primary_key is not None
    new = int(result.inserted_primary_key[0])
    for document, actor in moving:
        conn.execute(
            al.update()
            .where(al.c.document == document, al.c.actor == actor)
            .values(corpus_actor=new)
        )
    conn.execute(ck.delete().where(ck.c.key == key))
    conn.execute(ck.insert().values(key=key, corpus_actor=new))
    return c.name


def rename(conn: Connection, name: str, new: str) -> str:
    """Give the corpus actor ``name`` the name ``new`` (kept over names seen later)."""

    c = find(conn, name, exact=True)
    conn.execute(ca.update().where(ca.c.id == c.id).values(name=new.strip(), fixed=True))
    add_keys(conn, c.id, [fold_name(new)])
    return c.name


def retype(conn: Connection, name: str, kind: str) -> str:
    """Give the corpus actor ``name`` the type ``kind`` (kept over types seen later)."""

    kinds = get_args(ActorType)
    if kind not in kinds:
        raise InputError(f"no actor type {kind!r}: {', '.join(kinds)}")
    c = find(conn, name, exact=True)
    conn.execute(ca.update().where(ca.c.id == c.id).values(type=kind, fixed=True))
    return c.name


def delete(conn: Connection, name: str) -> str:
    """Mark the corpus actor ``name`` deleted; return its name.

    Its row and keys stay, so document actors that resolve to it when documents are analysed
    again land on it again and stay deleted; reading leaves it out (``corpus.deleted``).
    """
    c = find(conn, name, exact=True)
    conn.execute(ca.update().where(ca.c.id == c.id).values(deleted=True))
    return c.name


def _named(conn: Connection, name: str) -> CorpusActor | None:
    """The corpus actor called ``name`` (case-insensitive), else the one its key resolves to."""

    row = conn.execute(
        sa.select(ca).where(sa.func.lower(ca.c.name) == name.strip().lower()).order_by(ca.c.id)
    ).first()
    if row is None:
        row = conn.execute(
            sa.select(ca).join(ck, ck.c.corpus_actor == ca.c.id).where(ck.c.key == fold_name(name))
        ).first()
    return None if row is None else CorpusActor(*row)


def reapply(conn: Connection, document: int) -> None:
    """Apply the recorded merges and splits again to a document just linked.

    Keys already carry most corrections; this catches the rest, e.g. a merge across Mr./Ms. or
    types, whose document actor the automatic linking gave a corpus actor of its own again.
    """
    import json

    recorded = conn.execute(
        sa.select(corrections.c.kind, corrections.c.payload)
        .where(corrections.c.kind.in_(("actor_merge", "actor_split")))
        .order_by(corrections.c.id)
    ).all()
    parsed = [(kind, json.loads(payload)) for kind, payload in recorded]
    moved = [fold_name(p["other"] if k == "actor_merge" else p["alias"]) for k, p in parsed]
    for n, (kind, p) in enumerate(parsed):
        if moved[n] in moved[n + 1 :]:
            continue  # a later merge or split of the same name decides
        if kind == "actor_merge":
            a, b = _named(conn, p["into"]), _named(conn, p["other"])
            if a is None:
                continue
            _claim_by_keys(conn, document, a)
            if b is None or a.id == b.id:
                continue
            mine = conn.execute(
                sa.select(al.c.actor).where(al.c.document == document, al.c.corpus_actor == b.id)
            ).first()
            if mine is not None:  # only what this document brought back
                _merge(conn, a, b)
        else:
            target = _named(conn, p["alias"])
            if target is None:
                continue
            key = fold_name(p["alias"])
            rows = conn.execute(
                sa.select(actors.c.actor, actors.c.name, al.c.corpus_actor)
                .join(
                    al,
                    sa.and_(al.c.document == actors.c.document, al.c.actor == actors.c.actor),
                )
                .where(actors.c.document == document)
            ).all()
            moving = [
                a for a, name, linked in rows if linked != target.id and key == fold_name(name)
            ]
            if not moving and not any(key == fold_name(name) for _a, name, _l in rows):
                source = _named(conn, p["actor"])  # split by an alias, as split() does
                known = {
                    a
                    for a, alias in conn.execute(
                        sa.select(aliases.c.actor, aliases.c.alias).where(
                            aliases.c.document == document
                        )
                    )
                    if key == fold_name(alias)
                }
                moving = [
                    a
                    for a, _name, linked in rows
                    if a in known and source is not None and linked == source.id
                ]
            for actor in moving:
                conn.execute(
                    al.update()
                    .where(al.c.document == document, al.c.actor == actor)
                    .values(corpus_actor=target.id)
                )


def _claim_by_keys(conn: Connection, document: int, target: CorpusActor) -> None:
    """Link to ``target`` this document's actors whose name is one of its keys but that the
    automatic linking put elsewhere: a user's merge across types ("Kiev", a place, into
    "Ukraine", a country) holds when the document is analysed again."""
    owned = set(conn.execute(sa.select(ck.c.key).where(ck.c.corpus_actor == target.id)).scalars())
    rows = conn.execute(
        sa.select(actors.c.actor, actors.c.name, al.c.corpus_actor)
        .join(al, sa.and_(al.c.document == actors.c.document, al.c.actor == actors.c.actor))
        .where(actors.c.document == document)
    ).all()
    for actor, name, linked in rows:
        if linked != target.id and fold_name(name) in owned:
            conn.execute(
                al.update()
                .where(al.c.document == document, al.c.actor == actor)
                .values(corpus_actor=target.id)
            )


def unlinked_documents(conn: Connection) -> list[int]:
    """Documents with actors not linked to a corpus actor (stored before corpus actors)."""

    def count(table: sa.Table) -> int:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())

    if count(actors) == count(al):  # every actor is linked: the usual case, and quick
        return []
    query = (
        sa.select(actors.c.document)
        .where(~sa.exists().where(al.c.document == actors.c.document, al.c.actor == actors.c.actor))
        .distinct()
        .order_by(actors.c.document)
    )
    return [int(k) for k in conn.execute(query).scalars()]


def link_stored(conn: Connection, document: int) -> None:
    """Link the unlinked actors of a stored document, rebuilt from their rows."""

    linked = set(conn.execute(sa.select(al.c.actor).where(al.c.document == document)).scalars())
    names: dict[str, list[str]] = {}
    for actor, alias in conn.execute(
        sa.select(aliases.c.actor, aliases.c.alias)
        .where(aliases.c.document == document)
        .order_by(aliases.c.id)
    ):
        names.setdefault(actor, []).append(alias)
    spans: dict[str, list[tuple[int, int]]] = {}
    for actor, start, end in conn.execute(
        sa.select(mentions.c.actor, mentions.c.start, mentions.c.end).where(
            mentions.c.document == document
        )
    ):
        spans.setdefault(actor, []).append((start, end))
    rebuilt = [
        Actor(
            row.actor,
            row.name,
            row.type,
            tuple(names.get(row.actor, ())),
            tuple(spans.get(row.actor, ())),
            role=row.role,
            affiliation=row.affiliation,
        )
        for row in conn.execute(
            sa.select(actors).where(actors.c.document == document).order_by(actors.c.actor)
        )
        if row.actor not in linked
    ]
    link_actors(conn, document, rebuilt)


def prune(conn: Connection) -> int:
    """Delete the corpus actors without links that no user named or deleted; return how many."""
    orphan = ~sa.exists().where(al.c.corpus_actor == ca.c.id)
    keys = sa.select(ca.c.id).where(orphan, ca.c.fixed == sa.false(), ca.c.deleted == sa.false())
    gone = [int(k) for k in conn.execute(keys).scalars()]
    for start in range(0, len(gone), 500):
        chunk = gone[start : start + 500]
        conn.execute(ck.delete().where(ck.c.corpus_actor.in_(chunk)))
        conn.execute(ca.delete().where(ca.c.id.in_(chunk)))
    return len(gone)
