"""The JavaScript the workbench serves from npm packages, not from its own files.

In: the environment variable ``STANCEGRAPH_NODE_MODULES`` (a ``node_modules`` folder), else the
``node_modules`` that ``make demo`` fills with ``npm ci`` beside ``package.json`` (the
repository root, above this package). Out: the folder of cytoscape's built files, or None when
it is not installed (the network page then shows its matrix without a drawing).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ENV_NODE_MODULES", "cytoscape_dir"]

ENV_NODE_MODULES = "STANCEGRAPH_NODE_MODULES"
_BUILT = Path("cytoscape") / "dist"


def cytoscape_dir() -> Path | None:
    """The folder holding ``cytoscape.min.js``, or None."""
    given = os.environ.get(ENV_NODE_MODULES)
    places = [Path(given)] if given else [p / "node_modules" for p in Path(__file__).parents]
    for place in places:
        found = place / _BUILT
        if (found / "cytoscape.min.js").is_file():
            return found
    return None
