"""Review decisions: what a coder decided about each machine item of a document.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

Adds the append-only table ``decisions`` (``stancegraph.corpus.review``). A decision names its
document by ``documents.source``, not by a foreign key: a document's rows are deleted and
written again when it is analysed again, and its decisions must outlive that.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document", sa.String(1000), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("item", sa.String(300), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("coder", sa.String(200), nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Index("decisions_document_item", "document", "item"),
    )


def downgrade() -> None:
    op.drop_table("decisions")
