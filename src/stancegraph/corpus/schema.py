"""The store's tables: the schema of the latest migration, for queries and writes.

In: nothing. Out: SQLAlchemy ``Table`` objects on one ``MetaData``. The migrations in
``migrations/versions`` create these tables; a test checks that they match. The store
(``store``) and the corpus actors (``actors``) both read and write through them.
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = [
    "actor_links",
    "actors",
    "aliases",
    "assignments",
    "coders",
    "corpus_actors",
    "corpus_keys",
    "corrections",
    "decisions",
    "documents",
    "events",
    "mentions",
    "metadata",
    "quotes",
    "runs",
    "statements",
]

metadata = sa.MetaData()


def _doc_fk() -> sa.Column[int]:
    return sa.Column(
        "document",
        sa.Integer,
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started", sa.String(40), nullable=False),
    sa.Column("finished", sa.String(40)),
    sa.Column("extractor", sa.String(200), nullable=False),
    sa.Column("settings", sa.Text, nullable=False),
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("analysed", sa.Integer, nullable=False),
    sa.Column("skipped", sa.Integer, nullable=False),
    sa.Column("failed", sa.Integer, nullable=False),
)
documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.String(1000), nullable=False, unique=True),  # the key (corpus.keys)
    sa.Column("file", sa.String(1000), index=True),  # the resolved input file; None for stdin
    sa.Column("doc_id", sa.String(500), nullable=False, index=True),
    sa.Column("content_hash", sa.String(64)),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("date", sa.String(40), index=True),
    sa.Column("text", sa.Text),
    sa.Column("meta", sa.Text),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("error", sa.Text),
    sa.Column("extractor", sa.String(200), nullable=False),
    sa.Column("run", sa.Integer, sa.ForeignKey("runs.id", ondelete="SET NULL")),
    sa.Column("stored", sa.String(40), nullable=False),
    sa.Column("n_actors", sa.Integer, nullable=False),
    sa.Column("n_quotes", sa.Integer, nullable=False),
    sa.Column("n_statements", sa.Integer, nullable=False),
    sa.Column("n_events", sa.Integer, nullable=False),
)
actors = sa.Table(
    "actors",
    metadata,
    _doc_fk(),
    sa.Column("actor", sa.String(20), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("role", sa.Text),
    sa.Column("affiliation", sa.Text),
    sa.PrimaryKeyConstraint("document", "actor"),
    sa.Index("actors_name", "name"),
)
aliases = sa.Table(
    "aliases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    sa.Column("actor", sa.String(20), nullable=False),
    sa.Column("alias", sa.Text, nullable=False),
    sa.ForeignKeyConstraint(
        ["document", "actor"], ["actors.document", "actors.actor"], ondelete="CASCADE"
    ),
)
mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    sa.Column("actor", sa.String(20), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.ForeignKeyConstraint(
        ["document", "actor"], ["actors.document", "actors.actor"], ondelete="CASCADE"
    ),
)
quotes = sa.Table(
    "quotes",
    metadata,
    _doc_fk(),
    sa.Column("quote", sa.String(20), nullable=False),
    sa.Column("type", sa.String(10), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("cue", sa.Text),
    sa.Column("speaker", sa.String(20)),
    sa.Column("speaker_text", sa.Text),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("extractor", sa.String(200), nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("document", "quote"),
)
statements = sa.Table(
    "statements",
    metadata,
    _doc_fk(),
    sa.Column("statement", sa.String(20), nullable=False),
    sa.Column("actor", sa.String(20)),
    sa.Column("concept", sa.Text, nullable=False),
    sa.Column("concept_label", sa.Text, nullable=False),
    sa.Column("agreement", sa.String(10), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("quote", sa.String(20)),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("extractor", sa.String(200), nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("document", "statement"),
    sa.Index("statements_concept", "concept"),
)
events = sa.Table(
    "events",
    metadata,
    _doc_fk(),
    sa.Column("event", sa.String(20), nullable=False),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("source_actor", sa.String(20)),
    sa.Column("target_actor", sa.String(20)),
    sa.Column("trigger", sa.Text, nullable=False),
    sa.Column("sentence_start", sa.Integer, nullable=False),
    sa.Column("sentence_end", sa.Integer, nullable=False),
    sa.Column("date", sa.String(40)),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("record", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("document", "event"),
)
corrections = sa.Table(
    "corrections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("created", sa.String(40), nullable=False),
)
corpus_actors = sa.Table(
    "corpus_actors",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("given", sa.Text),  # folded first name of a person
    sa.Column("surname", sa.String(200), index=True),  # folded last name of a person
    sa.Column("gender", sa.String(1)),  # "m" or "f" from Mr./Ms.
    sa.Column("role", sa.Text),
    sa.Column("affiliation", sa.Text),
    sa.Column("fixed", sa.Boolean, nullable=False, server_default=sa.false()),  # user-named
    sa.Column("deleted", sa.Boolean, nullable=False, server_default=sa.false()),  # by a user
)
corpus_keys = sa.Table(  # folded names that resolve to a corpus actor
    "corpus_keys",
    metadata,
    sa.Column("key", sa.String(500), primary_key=True),
    sa.Column(
        "corpus_actor",
        sa.Integer,
        sa.ForeignKey("corpus_actors.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
)
actor_links = sa.Table(  # document actor -> its corpus actor
    "actor_links",
    metadata,
    sa.Column("document", sa.Integer, nullable=False),
    sa.Column("actor", sa.String(20), nullable=False),
    sa.Column(
        "corpus_actor",
        sa.Integer,
        sa.ForeignKey("corpus_actors.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.PrimaryKeyConstraint("document", "actor"),
    sa.ForeignKeyConstraint(
        ["document", "actor"], ["actors.document", "actors.actor"], ondelete="CASCADE"
    ),
)
decisions = sa.Table(  # a coder's decisions on machine items, append-only (corpus.review)
    "decisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document", sa.String(1000), nullable=False),  # documents.source, not a foreign key
    sa.Column("kind", sa.String(20), nullable=False),  # quote, statement, event or document
    sa.Column("item", sa.String(300), nullable=False),  # the item key (corpus.review)
    sa.Column("action", sa.String(10), nullable=False),
    sa.Column("value", sa.Text, nullable=False),  # JSON object
    sa.Column("coder", sa.String(200), nullable=False),
    sa.Column("created", sa.String(40), nullable=False),
    sa.Column("final", sa.Boolean, nullable=False, server_default=sa.false()),  # reconciled
    sa.Index("decisions_document_item", "document", "item"),
)
coders = sa.Table(  # who may sign in to the workbench (corpus.coders)
    "coders",
    metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("role", sa.String(10), nullable=False),  # admin, coder or viewer
    sa.Column("password", sa.String(300), nullable=False),  # an argon2 hash, never the password
    sa.Column("created", sa.String(40), nullable=False),
)
assignments = sa.Table(  # which coder codes which document
    "assignments",
    metadata,
    sa.Column("document", sa.String(1000), nullable=False),  # documents.source
    sa.Column(
        "coder",
        sa.String(200),
        sa.ForeignKey("coders.name", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("created", sa.String(40), nullable=False),
    sa.PrimaryKeyConstraint("document", "coder"),
)
