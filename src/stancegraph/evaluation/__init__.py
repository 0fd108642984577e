"""Evaluation: gold annotations and predictions in, scores out.

In: gold attributions (PolNeAR/brat, or JSON Lines of analyses) and PLOVER gold-standard records,
with the analyses stancegraph makes of the same texts. Out: precision, recall and F1 of quote
content, speaker accuracy, and event type, source and target scores (``quotes``,
``plover``), as reports to print or dicts to save.
"""
