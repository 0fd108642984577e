"""The README's command examples, run as written.

In: every fenced ``sh`` and ``python`` block of README.md. Out: one test per block, which runs
the block's commands in order (a ``python`` block as one script) and checks that each exits with
status 0 and produces something (output, or the files it was told to write). The blocks run one after another in one working
folder holding a copy of ``examples/``, as a reader following the README from the repository root
would run them, so a later block may use a store an earlier one made. ``.venv/bin/stancegraph``
is the command of the environment running the tests, and ``../shared/data`` is the shared data
folder of ``conftest.SHARED_DATA``; blocks reading it are skipped when it is absent.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import NO_SHARED_DATA, SHARED_DATA

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
STANCEGRAPH = ".venv/bin/stancegraph"
SHARED_IN_README = "../shared/data"
OUTPUT_OPTIONS = ("-o", "--output", "--plot")
TIMEOUT = 600  # seconds per command; the slowest, evaluate on PolNeAR dev, takes about a minute
# Blocks taking more than ~20 seconds: the PolNeAR evaluation and a Dask cluster's start-up.
SLOW = ("polnear", "--engine dask")

_FENCE = re.compile(r"^```(\w*)\s*$")


@dataclass(frozen=True, slots=True)
class Block:
    """One fenced ``sh`` block: the line of its opening fence and its commands (argv lists)."""

    line: int
    commands: tuple[tuple[str, ...], ...]

    @property
    def source(self) -> str:
        return "\n".join(shlex.join(argv) for argv in self.commands)


def fenced_blocks(markdown: str, language: str) -> list[tuple[int, str]]:
    """The blocks of one language in a Markdown text: the line of the opening fence, the code."""
    blocks: list[tuple[int, str]] = []
    current: str | None = None
    start = 0
    lines: list[str] = []
    for number, line in enumerate(markdown.splitlines(), start=1):
        fence = _FENCE.match(line)
        if fence and current is None:
            current, start, lines = fence.group(1), number, []
        elif fence:
            if current == language:
                blocks.append((start, "\n".join(lines) + "\n"))
            current = None
        elif current is not None:
            lines.append(line)
    return blocks


def sh_blocks(markdown: str) -> list[Block]:
    """The ``sh`` blocks of a Markdown text; a line ending in a backslash continues."""
    return [Block(line, _commands(code)) for line, code in fenced_blocks(markdown, "sh")]


def _commands(code: str) -> tuple[tuple[str, ...], ...]:
    joined = code.replace("\\\n", " ")
    argvs = (shlex.split(line, comments=True) for line in joined.splitlines())
    return tuple(tuple(argv) for argv in argvs if argv)


def test_the_readme_has_command_blocks_and_they_parse() -> None:
    blocks = sh_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 5
    commands = [argv for block in blocks for argv in block.commands]
    assert all(argv[0] in (STANCEGRAPH, "make") for argv in commands), commands
    # A continued line is one command: the network example ends with its --plot option.
    assert any(argv[-2:] == ("--plot", "coalitions.png") for argv in commands)


def test_sh_blocks_join_continued_lines_and_drop_comments() -> None:
    text = "x\n```sh\n# a comment\na 'b c' \\\n    d  # note\n\ne\n```\n```text\nf\n```\n"
    assert sh_blocks(text) == [Block(2, (("a", "b c", "d"), ("e",)))]


def _params() -> list[object]:
    params: list[object] = []
    for block in sh_blocks(README.read_text(encoding="utf-8")):
        marks = [pytest.mark.slow] if any(word in block.source for word in SLOW) else []
        if SHARED_IN_README in block.source:
            marks.append(pytest.mark.data)
        if any(argv[0] == STANCEGRAPH for argv in block.commands):
            marks.append(pytest.mark.model)
        params.append(pytest.param(block, id=f"line{block.line}", marks=marks))
    return params


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder like the repository root for the examples: a copy of ``examples/`` and of the
    gold sets in ``tests/data/``."""
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "examples", folder / "examples")
    shutil.copytree(ROOT / "tests" / "data", folder / "tests" / "data")
    return folder


@pytest.mark.parametrize("block", _params())
def test_readme_block_runs(block: Block, workspace: Path) -> None:
    if SHARED_IN_README in block.source and not SHARED_DATA.is_dir():
        pytest.skip(NO_SHARED_DATA)
    not_run = [argv for argv in block.commands if argv[:2] == ("make", "test")]
    if len(not_run) == len(block.commands):
        pytest.skip("make test: not run from inside the test suite that make test runs")
    for argv in block.commands:
        if argv[0] != "make":
            _run(argv, cwd=workspace)
        elif argv not in not_run:
            _run_make(argv)


def _stancegraph() -> str:
    beside = Path(sys.executable).with_name("stancegraph")
    found = str(beside) if beside.is_file() else shutil.which("stancegraph")
    if found is None:
        pytest.skip("the stancegraph command is not installed: run make demo")
    return found


def _run(argv: tuple[str, ...], *, cwd: Path) -> None:
    args = [arg.replace(SHARED_IN_README, str(SHARED_DATA)) for arg in argv]
    args[0] = _stancegraph()
    env = {key: value for key, value in os.environ.items() if key != "STANCEGRAPH_DB"}
    outputs = [
        cwd / path for option, path in zip(argv, argv[1:], strict=False) if option in OUTPUT_OPTIONS
    ]
    for path in outputs:  # so that a file left by an earlier block does not count
        path.unlink(missing_ok=True)
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    command = shlex.join(argv)
    assert done.returncode == 0, f"{command}: exit {done.returncode}\n{done.stderr[-2000:]}"
    if argv[1] == "ingest":
        outputs.append(cwd / argv[argv.index("--db") + 1])
    for path in outputs:
        assert path.is_file() and path.stat().st_size > 0, f"{command}: {path.name} not written"
    if not outputs:  # a report on stdout, or a confirmation on stderr (actors merge)
        assert (done.stdout + done.stderr).strip(), f"{command}: printed nothing"


def _run_make(argv: tuple[str, ...]) -> None:
    assert argv[1:] == ("demo",), f"{shlex.join(argv)}: a make target this test does not know"
    venv = ROOT / ".venv"
    if Path(sys.prefix).resolve() != venv.resolve():
        pytest.skip("make demo: the tests run outside the repository's .venv")
    up_to_date = subprocess.run(["make", "-q", ".venv/.installed"], cwd=ROOT, check=False)
    if up_to_date.returncode != 0:
        pytest.skip("make demo: .venv is not up to date with the lock file (run make demo)")
    done = subprocess.run(
        ["make", "demo"], cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert done.returncode == 0, f"make demo: exit {done.returncode}\n{done.stderr[-2000:]}"
    assert done.stdout.strip(), "make demo: printed nothing"


def _python_params() -> list[object]:
    blocks = fenced_blocks(README.read_text(encoding="utf-8"), "python")
    return [pytest.param(code, id=f"line{line}", marks=pytest.mark.model) for line, code in blocks]


@pytest.mark.parametrize("code", _python_params())
def test_readme_python_block_runs(code: str, workspace: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=workspace,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stderr[-2000:]}"
    assert done.stdout.strip(), "printed nothing"
