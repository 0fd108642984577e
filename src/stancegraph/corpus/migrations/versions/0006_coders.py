"""Coders: who may sign in to the workbench, with which role, and which documents they code.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

Adds the tables ``coders`` (a name, a role, an argon2 password hash; ``corpus.coders``) and
``assignments`` (which coder codes which document; a document assigned to two coders is coded
twice), and ``decisions.final``: an admin's reconciliation, which wins over every coder's
decision on the item (``corpus.review.effective``). Like a decision, an assignment names its
document by ``documents.source``, so it outlives the document being analysed again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coders",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("password", sa.String(300), nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
    )
    op.create_table(
        "assignments",
        sa.Column("document", sa.String(1000), nullable=False),
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
    op.add_column(
        "decisions",
        sa.Column("final", sa.Boolean, nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("final")
    op.drop_table("assignments")
    op.drop_table("coders")
