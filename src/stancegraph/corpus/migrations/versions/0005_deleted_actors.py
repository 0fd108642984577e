"""Deleted corpus actors: a user's deletion kept on the corpus actor's row.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

Adds ``corpus_actors.deleted`` (``stancegraph.corpus.actors.delete``). A deleted corpus actor
keeps its row and its keys, so the document actors that resolve to it when documents are
analysed again land on it again and stay deleted; reading leaves it out.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "corpus_actors",
        sa.Column("deleted", sa.Boolean, nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("corpus_actors") as batch:
        batch.drop_column("deleted")
