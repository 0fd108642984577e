"""The corpus: analyses kept in a database, and the actors of a whole corpus.

In: documents from :mod:`stancegraph.read` analysed by :mod:`stancegraph.pipeline` (locally, or on
Dask workers by :mod:`.dask_engine`). Out: a store (:mod:`.store`; SQLite by default, PostgreSQL
for teams) with one transaction per document, Alembic migrations (``migrations/``), resumable
ingest (:mod:`.ingest`), canonical corpus actors that join name variants across documents
(:mod:`.actors`) and queries that return plain rows.
"""
