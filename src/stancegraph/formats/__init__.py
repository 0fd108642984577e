"""Formats: analyses in, files, tables and reports out (and back).

In: ``Analysis`` objects, store rows or DNA databases. Out: the ``stancegraph/analysis-1`` JSON
objects and analyses read back from them (``contract``); the readable table and the highlighted
HTML page (``render``); flat statement records, DNA 3 database files and the statements CSV
(``dna``); PLOVER JSON records and CSV rows (``plover``); pandas DataFrames of actors, quotes,
statements and events (``frames``); and the guards every output goes through: visible control
characters, XML-safe text, spreadsheet-safe CSV cells and atomic file writes (``safe``). Nothing
here parses language.
"""
