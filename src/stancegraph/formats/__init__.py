"""Formats: analyses in, files and reports out (and back).

In: :class:`~stancegraph.types.Analysis` objects or DNA databases. Out: the readable table and the
highlighted HTML page (:mod:`.render`), and flat statement records, DNA 3 database files and the
statements CSV (:mod:`.dna`). Nothing here parses language.
"""
