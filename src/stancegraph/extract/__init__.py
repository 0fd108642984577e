"""Extraction: a parsed spaCy ``Doc`` in, frozen facts with character offsets out.

In: a :class:`~stancegraph.types.Document` parsed by :mod:`stancegraph.extract.nlp`. Out: actors
(:mod:`.actors`), direct and reported quotes with their cue and speaker (:mod:`.quotes`),
statements coded against a codebook or key phrases (:mod:`.statements`, :mod:`.stance`,
:mod:`.codebook`) and PLOVER events (:mod:`.events`, with the tables of :mod:`.plover`). The word
lists the rules match against live in :mod:`.lexicons`. Each extractor is a function over a
``Doc``; none reads files, stores, prints or imports from a later stage.
"""
