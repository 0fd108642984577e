"""Corpus actors: document actors linked to canonical actors of the whole corpus.

Revision ID: 0002
Revises: 0001
Create Date: 2025-02-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corpus_actors",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("given", sa.Text),
        sa.Column("surname", sa.String(200), index=True),
        sa.Column("gender", sa.String(1)),
        sa.Column("role", sa.Text),
        sa.Column("affiliation", sa.Text),
        sa.Column("fixed", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "corpus_keys",
        sa.Column("key", sa.String(500), primary_key=True),
        sa.Column(
            "corpus_actor",
            sa.Integer,
            sa.ForeignKey("corpus_actors.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
    )
    op.create_table(
        "actor_links",
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


def downgrade() -> None:
    for name in ("actor_links", "corpus_keys", "corpus_actors"):
        op.drop_table(name)
