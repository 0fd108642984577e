"""Discourse networks: statement records in, networks and pictures out.

In: ``StatementRecord``s (from analyses, a DNA file or the corpus
store). Out: two-mode and one-mode networks built with the semantics and option names of the
Discourse Network Analyzer (``build``), their exports (GraphML, GEXF, CSV, edge list, JSON),
drawings (``plot``), and warnings about networks that would surprise their reader (``sanity``).
"""
