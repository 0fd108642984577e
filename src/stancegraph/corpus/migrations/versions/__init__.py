"""Revisions of the corpus store schema, oldest first."""
