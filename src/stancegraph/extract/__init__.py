"""Extraction: a parsed spaCy ``Doc`` in, frozen facts with character offsets out.

In: a ``Document`` parsed by ``stancegraph.extract.nlp``. Out: actors
(``actors``), direct and reported quotes with their cue and speaker (``quotes``; the trained
model of ``attribution`` and ``boundaries`` redraws their contents and adds what they miss),
statements coded against a codebook or key phrases (``statements``, ``stance``,
``codebook``) and PLOVER events (``events``, with the tables of ``plover``). The word
lists the rules match against live in ``lexicons``. Each extractor is a function over a
``Doc``; none reads files, stores, prints or imports from a later stage.
"""
