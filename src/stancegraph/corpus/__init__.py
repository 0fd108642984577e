"""The corpus: analyses kept in a database, and the actors of a whole corpus.

In: documents from ``stancegraph.read`` analysed by ``stancegraph.pipeline`` (locally, or on
Dask workers by ``dask_engine``). Out: a store (``store``; SQLite by default, PostgreSQL
for teams) with one transaction per document, Alembic migrations (``migrations/``), resumable
ingest (``ingest``), canonical corpus actors that join name variants across documents
(``actors``) and queries that return plain rows.
"""
