"""Formats: analyses in, files and reports out (and back).

In: ``Analysis`` objects or DNA databases. Out: the readable table and the
highlighted HTML page (``render``), and flat statement records, DNA 3 database files and the
statements CSV (``dna``). Nothing here parses language.
"""
