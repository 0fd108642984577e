"""Documents keyed by a canonical identity; duplicates of one document merged.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

Adds ``documents.file`` (the resolved input file) and re-keys every document by
``stancegraph.corpus.keys.identity``, so ``good.txt``, ``./good.txt`` and the absolute path
become one document. Relative paths are resolved against the working directory of the
migration. Where several rows now share a key, the newest analysed one (else the newest) is
kept and the others are deleted with their rows and their corpus-actor links.
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from stancegraph.corpus.keys import identity

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_CHILDREN = ("actor_links", "aliases", "mentions", "quotes", "statements", "events", "actors")


def _documents(conn: sa.Connection) -> list[tuple[int, str, str, str, str]]:
    query = sa.text("SELECT id, source, doc_id, status, stored FROM documents ORDER BY id")
    return [(int(r[0]), r[1], r[2], r[3], r[4]) for r in conn.execute(query)]


def _delete(conn: sa.Connection, ids: list[int]) -> None:
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for table in (*_CHILDREN, "documents"):
            column = "id" if table == "documents" else "document"
            conn.execute(
                sa.text(f"DELETE FROM {table} WHERE {column} IN :ids").bindparams(
                    sa.bindparam("ids", expanding=True)
                ),
                {"ids": chunk},
            )


def upgrade() -> None:
    op.add_column("documents", sa.Column("file", sa.String(1000)))
    op.create_index("ix_documents_file", "documents", ["file"])
    conn = op.get_bind()
    groups: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
    files: dict[str, str | None] = {}
    for key, source, doc_id, status, stored in _documents(conn):
        ident = identity(source, doc_id)
        groups[ident.key].append((key, source, status, stored))
        files[ident.key] = ident.file
    losers: list[int] = []
    keep: list[tuple[int, str, str]] = []  # (row, old source, new key)
    for new, rows in groups.items():
        rows.sort(key=lambda r: (r[2] == "analysed", r[3], r[0]))
        winner = rows[-1]
        losers.extend(r[0] for r in rows[:-1])
        keep.append((winner[0], winner[1], new))
    _delete(conn, losers)
    update = sa.text("UPDATE documents SET source = :source, file = :file WHERE id = :id")
    moving = [(row, new) for row, old, new in keep if old != new]
    for row, _new in moving:  # first out of the way, so no two rows ever share a source
        conn.execute(update, {"source": f"\x00{row}", "file": None, "id": row})
    for row, _old, new in keep:
        conn.execute(update, {"source": new, "file": files[new], "id": row})


def downgrade() -> None:
    op.drop_index("ix_documents_file", "documents")
    op.drop_column("documents", "file")  # ALTER TABLE, never a copy (children would cascade)
