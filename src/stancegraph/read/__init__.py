"""Reading: article files in, clean documents out.

In: paths to files (txt, HTML, JSON Lines, CSV, JSON, RSS/Atom feeds, WARC), folders of them, or
standard input. Out: ``Document`` objects whose ``text`` is the cleaned
article body, and ``ReadFailure`` records naming each input that could
not be read and why. Nothing here parses language; the next stage is ``stancegraph.extract``.
"""
