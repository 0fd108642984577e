"""stancegraph: who said what, about which issue, for or against, from political news.

The public API. Articles go in through ``read_inputs`` (files) or ``Document`` (built by
hand); ``analyze`` (many documents) and ``analyze_text`` (one string) return
``Analysis`` objects holding actors, quotes, statements and events, each with character
offsets into the analysed text. From there:

    import stancegraph as sg

    failures = []  # inputs that could not be read or analysed, each with its reason
    analyses = list(sg.analyze(sg.read_inputs(["articles/"]), failures=failures))
    frames = sg.to_frames(analyses)           # pandas DataFrames, one row per fact
    records = sg.records_from_analyses(analyses)
    network = sg.build_network(records, sg.NetworkOptions(network_type="onemode"))

A corpus lives in a store (``open_store``, ``ingest``). Stages, lowest first:
``read`` and ``extract``, ``formats``, ``pipeline``, ``network`` and ``evaluation``, ``corpus``,
then the command line; each imports only from the stages below it.

Names are imported on first use, so ``import stancegraph`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .corpus.ingest import IngestReport, ingest
    from .corpus.store import QueryFilter, Store, open_store
    from .errors import (
        AnalysisError,
        GoldError,
        InputError,
        ModelError,
        StancegraphError,
    )
    from .extract.codebook import Codebook, load_codebook, suggest_concepts
    from .formats.contract import analysis_from_dict, analysis_to_dict
    from .formats.dna import StatementRecord, read_dna, records_from_analyses, write_dna
    from .formats.frames import Frames, to_frames
    from .network.build import Network, NetworkOptions, build_network, build_time_windows
    from .pipeline import Options, analyze, analyze_doc, analyze_text
    from .read.clean import clean_text
    from .read.inputs import read_inputs
    from .types import (
        Actor,
        Analysis,
        Document,
        Event,
        Participant,
        Quote,
        ReadFailure,
        Statement,
    )

# name -> the module that defines it
_WHERE = {
    "Actor": "types",
    "Analysis": "types",
    "Document": "types",
    "Event": "types",
    "Participant": "types",
    "Quote": "types",
    "ReadFailure": "types",
    "Statement": "types",
    "AnalysisError": "errors",
    "GoldError": "errors",
    "InputError": "errors",
    "ModelError": "errors",
    "StancegraphError": "errors",
    "clean_text": "read.clean",
    "read_inputs": "read.inputs",
    "Codebook": "extract.codebook",
    "load_codebook": "extract.codebook",
    "suggest_concepts": "extract.codebook",
    "analysis_from_dict": "formats.contract",
    "analysis_to_dict": "formats.contract",
    "StatementRecord": "formats.dna",
    "read_dna": "formats.dna",
    "records_from_analyses": "formats.dna",
    "write_dna": "formats.dna",
    "Frames": "formats.frames",
    "to_frames": "formats.frames",
    "Options": "pipeline",
    "analyze": "pipeline",
    "analyze_doc": "pipeline",
    "analyze_text": "pipeline",
    "Network": "network.build",
    "NetworkOptions": "network.build",
    "build_network": "network.build",
    "build_time_windows": "network.build",
    "IngestReport": "corpus.ingest",
    "ingest": "corpus.ingest",
    "QueryFilter": "corpus.store",
    "Store": "corpus.store",
    "open_store": "corpus.store",
}

__all__ = [
    "__version__",
    "Actor",
    "Analysis",
    "AnalysisError",
    "Codebook",
    "Document",
    "Event",
    "Frames",
    "GoldError",
    "IngestReport",
    "InputError",
    "ModelError",
    "Network",
    "NetworkOptions",
    "Options",
    "Participant",
    "QueryFilter",
    "Quote",
    "ReadFailure",
    "StancegraphError",
    "Statement",
    "StatementRecord",
    "Store",
    "analysis_from_dict",
    "analysis_to_dict",
    "analyze",
    "analyze_doc",
    "analyze_text",
    "build_network",
    "build_time_windows",
    "clean_text",
    "ingest",
    "load_codebook",
    "open_store",
    "read_dna",
    "read_inputs",
    "records_from_analyses",
    "suggest_concepts",
    "to_frames",
    "write_dna",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'stancegraph' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
