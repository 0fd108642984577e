"""The README documents every command, option and exit code the command line has."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from stancegraph import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = cli.build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


@pytest.mark.parametrize("name", sorted(_subparsers()))
def test_every_command_and_option_is_in_the_readme(name: str) -> None:
    assert f"stancegraph {name}" in README
    for action in _subparsers()[name]._actions:
        for flag in action.option_strings:
            if flag.startswith("--") and flag != "--help":
                assert flag in README, f"{name} {flag} is not documented in README.md"


@pytest.mark.parametrize("name", sorted(_subparsers()))
def test_every_command_help_has_an_example(name: str) -> None:
    assert "example" in (_subparsers()[name].description or "")


def test_exit_codes_are_documented() -> None:
    for code in (cli.EXIT_OK, cli.EXIT_PARTIAL, cli.EXIT_INPUT, cli.EXIT_MODEL, cli.EXIT_INTERRUPT):
        assert re.search(rf"^\| {code} \|", README, re.M), f"exit code {code} missing"


def test_readme_names_both_setup_commands() -> None:
    assert "make demo" in README and "make test" in README
