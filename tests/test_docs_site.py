"""The documentation site: every page in mkdocs.yml's nav exists, and the API page documents the
whole public API. Cheap checks; ``make docs`` (mkdocs build --strict) is the real one."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

import stancegraph

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _config() -> dict[str, Any]:
    # mkdocs.yml may hold !!python tags in other projects; this one is plain YAML
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert isinstance(config, dict)
    return config


def _pages(nav: Any) -> list[str]:
    """Every file named in a (nested) mkdocs nav."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in _pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _pages(value)]
    return []


def test_every_nav_page_exists_and_every_page_is_in_the_nav() -> None:
    pages = _pages(_config()["nav"])
    assert "index.md" in pages and "api.md" in pages and "plover.md" in pages
    missing = [page for page in pages if not (DOCS / page).is_file()]
    assert missing == []
    unlisted = sorted(p.name for p in DOCS.glob("*.md") if p.name not in pages)
    assert unlisted == []


def test_the_site_builds_offline() -> None:
    theme = _config()["theme"]
    assert theme["name"] == "material"
    assert theme["font"] is False  # no Google fonts fetched
    plugins = [next(iter(p)) if isinstance(p, dict) else p for p in _config()["plugins"]]
    assert "social" not in plugins and "privacy" not in plugins


def test_the_api_page_documents_every_public_name_where_it_is_defined() -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^::: (stancegraph[\w.]*)$", text, flags=re.MULTILINE))
    where = stancegraph._WHERE
    missing = [
        name
        for name in stancegraph.__all__
        if name != "__version__" and f"stancegraph.{where[name]}.{name}" not in documented
    ]
    assert missing == []
