"""The package's architecture: imports flow one way, and the public API is complete.

Every module of ``src/stancegraph`` belongs to a stage; a stage may import only from itself and
from the stages below it. Lazy imports inside functions and ``TYPE_CHECKING`` imports count too,
so a circle cannot hide in a function body.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import stancegraph

PACKAGE = Path(stancegraph.__file__).parent

# Stage -> rank. A module may import from its own stage and from stages of a lower rank; stages of
# equal rank do not import each other (reading and extraction know nothing of one another).
RANKS = {
    "_version": 0,
    "errors": 0,
    "types": 0,
    "read": 1,
    "extract": 1,
    "formats": 2,
    "pipeline": 3,
    "network": 4,
    "evaluation": 4,
    "corpus": 5,
    "train": 5,  # trains extractors' models from gold, scored by the evaluation
    "web": 6,
    "cli": 7,  # stancegraph serve starts the workbench
    "__init__": 8,
    "__main__": 8,  # python -m stancegraph: the command line
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every stancegraph module ``path`` imports, anywhere in the file."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("stancegraph"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if not target.startswith("stancegraph"):
                continue
            found.add(target)
            # "from . import x" imports the module x
            found.update(f"{target}.{a.name}" for a in node.names if node.module is None)
    return found


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def test_every_stage_has_a_rank() -> None:
    stages = {_stage(_module_name(p)) for p in _modules()}
    assert stages <= set(RANKS), f"stages without a rank: {sorted(stages - set(RANKS))}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_flow_one_way(path: Path) -> None:
    here = _stage(_module_name(path))
    wrong = []
    for target in sorted(_imports(path)):
        there = _stage(target)
        if there == here or there not in RANKS:
            continue
        if RANKS[there] >= RANKS[here]:
            wrong.append(f"{target} ({there}, rank {RANKS[there]})")
    assert not wrong, f"{here} (rank {RANKS[here]}) imports upwards or sideways: {wrong}"


def test_no_import_circles_between_modules() -> None:
    graph = {_module_name(p): _imports(p) for p in _modules()}
    graph = {m: {t for t in ts if t in graph and t != m} for m, ts in graph.items()}
    # A package imports its own modules to re-export them; that is not a circle.
    for m in graph:
        graph[m] = {t for t in graph[m] if not t.startswith(m + ".")}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    assert circles == []


def test_every_public_name_resolves() -> None:
    for name in stancegraph.__all__:
        assert getattr(stancegraph, name) is not None, name
    assert sorted(stancegraph.__all__) == sorted(set(stancegraph.__all__))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        _ = stancegraph.no_such_thing  # type: ignore[attr-defined]


def test_all_lists_exactly_the_lazy_names() -> None:
    lazy = set(stancegraph._WHERE)
    assert set(stancegraph.__all__) == lazy | {"__version__"}
