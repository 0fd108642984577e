"""The analysis pipeline: documents in, analyses out.

In: ``Document`` objects (from ``stancegraph.read`` or built by hand) and pipeline options.
Out: one ``Analysis`` per document, in input order (``.batch``), made by the spaCy component
``stancegraph`` (``.component``) with the extraction of one parsed document
(``.extraction``): quotes, speakers resolved to actors, events, statements coded against a
codebook or key phrases.

Names are imported on first use: spaCy imports ``.component`` through its entry point
whenever it builds a pipeline, and that should not load every extractor.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .batch import Options, analyze, analyze_text
    from .extraction import analyze_doc

__all__ = ["Options", "analyze", "analyze_doc", "analyze_text"]

_WHERE = {
    "Options": "batch",
    "analyze": "batch",
    "analyze_text": "batch",
    "analyze_doc": "extraction",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
