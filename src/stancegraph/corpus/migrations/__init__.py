"""Alembic migrations of the corpus store; :func:`stancegraph.store.open_store` applies them."""
