"""Evaluation: gold annotations and predictions in, scores out.

In: gold attributions (PolNeAR/brat, or JSON Lines of analyses), PLOVER gold-standard records,
an analyst's actor lists, and an analyst's codebooks and coded statements, with the analyses
stancegraph makes of the same texts. Out: precision, recall and F1 of quote content, speaker
accuracy (``quotes``); event type, source and target scores (``plover``); actor precision,
recall and splits (``actors``); statement triple and evidence scores and concept purity
(``statements``); as reports to print or dicts to save.
"""
