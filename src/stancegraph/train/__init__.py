"""Training stancegraph's learned components from annotated data.

In: gold annotations on disk (PolNeAR-style brat attributions). Out: model files that the
extractors load without executing code (JSON), and reports of what training measured.
``python -m stancegraph.train`` (``make train``) rebuilds the packaged attribution model.
"""

from __future__ import annotations

from .attribution import Settings, TrainingReport, parse_gold, train_attribution

__all__ = ["Settings", "TrainingReport", "parse_gold", "train_attribution"]
