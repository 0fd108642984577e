"""Alembic environment: migrate the connection that ``stancegraph.corpus.store`` hands over.

Run by ``alembic.command.upgrade`` with ``config.attributes["connection"]`` set; there is no
alembic.ini and no offline (SQL script) mode.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
