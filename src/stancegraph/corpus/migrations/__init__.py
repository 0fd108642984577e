"""Alembic migrations of the corpus store; ``stancegraph.corpus.store.open_store`` applies them."""
