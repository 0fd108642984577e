"""The store's review decisions: migration, deciding, reading a reviewed document, paging.

Analyses are built by hand (``tests/test_store.py``'s story), so no spaCy pipeline is needed.
Every test runs on SQLite and, when ``STANCEGRAPH_TEST_POSTGRES_URL`` names a throwaway
PostgreSQL database, on PostgreSQL too (the ``store`` fixture of ``conftest.py``).
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from stancegraph.corpus.store import open_store


def test_a_store_at_revision_0003_gains_the_decisions_table(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    import stancegraph.corpus.store

    url = f"sqlite:///{tmp_path / 'v3.db'}"
    config = Config()
    migrations = Path(stancegraph.corpus.store.__file__).with_name("migrations")
    config.set_main_option("script_location", str(migrations))
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
        conn.execute(
            sa.text(
                "INSERT INTO documents (source, doc_id, status, extractor, stored, n_actors, "
                "n_quotes, n_statements, n_events) VALUES ('/a.txt', 'a', 'analysed', 'v1', "
                "'2025-01-01', 0, 0, 0, 0)"
            )
        )
    engine.dispose()
    with open_store(url) as store:
        with store.engine.connect() as conn:
            version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
            assert version == "0004"
            assert conn.execute(sa.text("SELECT count(*) FROM decisions")).scalar() == 0
        assert store.status().documents == 1
