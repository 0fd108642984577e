"""The one error hierarchy of stancegraph.

    StancegraphError            base class; ``str(err)`` is a one-line message for the user
    ├── InputError              an input cannot be read (missing, empty, binary, malformed...)
    ├── ModelError              a spaCy pipeline cannot be loaded
    ├── AnalysisError           extraction failed on one document (a bug: please report it)
    └── GoldError               an evaluation gold file cannot be read

Each error carries the input it concerns (``source``) so that a command line can say which
file failed and why, in one line, and map the class to an exit code.
"""

from __future__ import annotations

__all__ = ["AnalysisError", "GoldError", "InputError", "ModelError", "StancegraphError"]


class StancegraphError(Exception):
    """Base class of every error stancegraph raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        if self.source:
            return f"{self.source}: {self.message}"
        return self.message


class InputError(StancegraphError):
    """An input path or document cannot be read or holds nothing to analyse."""

    exit_code = 2


class ModelError(StancegraphError):
    """A model is missing or fails to load: the requested spaCy pipeline, or the attribution
    model's JSON file."""

    exit_code = 3


class GoldError(StancegraphError):
    """An evaluation gold file or folder is missing or malformed."""

    exit_code = 2


class AnalysisError(StancegraphError):
    """Extraction raised on one document; a batch records it and goes on."""

    exit_code = 1
