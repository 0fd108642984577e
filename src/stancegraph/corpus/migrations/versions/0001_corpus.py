"""The first corpus schema: runs, documents, their actors, quotes, statements, events; corrections.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _document_fk() -> sa.Column[int]:
    return sa.Column(
        "document",
        sa.Integer,
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started", sa.String(40), nullable=False),
        sa.Column("finished", sa.String(40)),
        sa.Column("extractor", sa.String(200), nullable=False),
        sa.Column("settings", sa.Text, nullable=False),
        sa.Column("documents", sa.Integer, nullable=False, server_default="0"),
        sa.Column("analysed", sa.Integer, nullable=False, server_default="0"),
        sa.Column("skipped", sa.Integer, nullable=False, server_default="0"),
        sa.Column("failed", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(1000), nullable=False, unique=True),
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
        sa.Column("n_actors", sa.Integer, nullable=False, server_default="0"),
        sa.Column("n_quotes", sa.Integer, nullable=False, server_default="0"),
        sa.Column("n_statements", sa.Integer, nullable=False, server_default="0"),
        sa.Column("n_events", sa.Integer, nullable=False, server_default="0"),
        sa.CheckConstraint("status in ('analysed', 'failed')", name="documents_status"),
    )
    op.create_table(
        "actors",
        _document_fk(),
        sa.Column("actor", sa.String(20), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("role", sa.Text),
        sa.Column("affiliation", sa.Text),
        sa.PrimaryKeyConstraint("document", "actor"),
    )
    op.create_index("actors_name", "actors", ["name"])
    for name, columns in (
        ("aliases", [sa.Column("alias", sa.Text, nullable=False)]),
        (
            "mentions",
            [
                sa.Column("start", sa.Integer, nullable=False),
                sa.Column("end", sa.Integer, nullable=False),
            ],
        ),
    ):
        op.create_table(
            name,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            _document_fk(),
            sa.Column("actor", sa.String(20), nullable=False),
            *columns,
            sa.ForeignKeyConstraint(
                ["document", "actor"],
                ["actors.document", "actors.actor"],
                ondelete="CASCADE",
            ),
        )
    op.create_table(
        "quotes",
        _document_fk(),
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
    op.create_table(
        "statements",
        _document_fk(),
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
    )
    op.create_index("statements_concept", "statements", ["concept"])
    op.create_table(
        "events",
        _document_fk(),
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
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    for name in (
        "corrections",
        "events",
        "statements",
        "quotes",
        "mentions",
        "aliases",
        "actors",
        "documents",
        "runs",
    ):
        op.drop_table(name)
