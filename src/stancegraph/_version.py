"""The package version, in one place (read by pyproject.toml and the store's extractor key)."""

__version__ = "0.1.0"
