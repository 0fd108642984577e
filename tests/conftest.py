"""Shared fixtures and marker handling.

``@pytest.mark.model`` tests are skipped when no spaCy pipeline that stancegraph can use is
importable; ``@pytest.mark.data`` tests are skipped when the shared data folder is absent. That
folder is ``$STANCEGRAPH_SHARED_DATA`` when set, else ``../shared/data`` beside the repository.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from stancegraph.corpus.store import Store, open_store
from stancegraph.errors import ModelError
from stancegraph.extract.nlp import DEFAULT_MODEL, load_pipeline

if TYPE_CHECKING:
    from spacy.language import Language

# The evaluation data (PolNeAR, PLOVER, DNA's sample, Wikinews CSVs, ...), not in the repository.
SHARED_DATA_VARIABLE = "STANCEGRAPH_SHARED_DATA"
SHARED_DATA = Path(
    os.environ.get(SHARED_DATA_VARIABLE) or Path(__file__).resolve().parents[2] / "shared" / "data"
).resolve()
NO_SHARED_DATA = (
    f"shared data folder not found: {SHARED_DATA} "
    f"(set {SHARED_DATA_VARIABLE} to the folder holding polnear/, plover_gsr/, dna_sample/, ...)"
)
DNA_SAMPLE = SHARED_DATA / "dna_sample" / "sample.dna"  # DNA's own sample database
DNA_SAMPLE_OLD = SHARED_DATA / "dna_sample" / "sample_old_format.dna"

# The packages load_pipeline() tries, in order, when no model is named.
_PIPELINE_PACKAGES = (DEFAULT_MODEL, "en_core_web_sm")


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _pipeline_importable() -> bool:
    return any(_importable(name) for name in _PIPELINE_PACKAGES)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    no_model = pytest.mark.skip(
        reason=f"spaCy pipeline not installed ({' or '.join(_PIPELINE_PACKAGES)}): run make demo"
    )
    no_data = pytest.mark.skip(reason=NO_SHARED_DATA)
    have_model = _pipeline_importable()
    have_data = SHARED_DATA.is_dir()
    for item in items:
        if not have_model and item.get_closest_marker("model") is not None:
            item.add_marker(no_model)
        if not have_data and item.get_closest_marker("data") is not None:
            item.add_marker(no_data)


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The spaCy pipeline stancegraph uses (loaded once per session)."""
    try:
        return load_pipeline()
    except ModelError as err:
        pytest.skip(f"cannot load the spaCy pipeline: {err}")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared data folder (tests using it should also be marked ``data``)."""
    if not SHARED_DATA.is_dir():
        pytest.skip(NO_SHARED_DATA)
    return SHARED_DATA


@pytest.fixture
def sample() -> Path:
    """DNA's sample database (skips when the shared data is absent)."""
    if not DNA_SAMPLE.is_file():
        pytest.skip(f"DNA sample not found: {DNA_SAMPLE} (set {SHARED_DATA_VARIABLE})")
    return DNA_SAMPLE


# The store tests run on SQLite always and on PostgreSQL when this names a throwaway database.
POSTGRES = os.environ.get("STANCEGRAPH_TEST_POSTGRES_URL")
NO_POSTGRES = (
    "PostgreSQL store tests: set STANCEGRAPH_TEST_POSTGRES_URL to a throwaway database, e.g. "
    "postgresql+psycopg://postgres@localhost/stancegraph_test (pip install -e '.[postgres]')"
)


def _reset_postgres(url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgresql", marks=pytest.mark.skipif(not POSTGRES, reason=NO_POSTGRES)),
    ]
)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty corpus store, on SQLite and (when configured) PostgreSQL."""
    if request.param == "sqlite":
        url = str(tmp_path / "corpus.db")
    else:
        assert POSTGRES is not None
        _reset_postgres(POSTGRES)
        url = POSTGRES
    with open_store(url) as opened:
        yield opened


def store_at_revision(path: Path, revision: str, *statements: str) -> str:
    """A SQLite store at ``path`` migrated only up to ``revision`` (an older stancegraph's
    store), with ``statements`` (SQL) run on it; returns its URL for ``open_store``."""
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    import stancegraph.corpus.store

    url = f"sqlite:///{path}"
    config = Config()
    migrations = Path(stancegraph.corpus.store.__file__).with_name("migrations")
    config.set_main_option("script_location", str(migrations))
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        for statement in statements:
            conn.execute(sa.text(statement))
    engine.dispose()
    return url


@contextmanager
def serving(db: Path, *options: str) -> Iterator[str]:
    """``stancegraph serve --db DB OPTIONS`` in a subprocess on a free port: the URL (with its
    token) it prints. Its error output goes to a file, never a pipe nobody reads, so the server
    cannot stall on a full pipe; a server that does not start shows that output."""
    command = [sys.executable, "-m", "stancegraph", "serve", "--db", str(db), "--port", "0"]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        process = subprocess.Popen(
            [*command, *options], stdout=subprocess.PIPE, stderr=errors, text=True
        )
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        try:
            if not url.startswith("http://127.0.0.1:"):
                errors.seek(0)
                raise AssertionError(url or errors.read())
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)
            process.stdout.close()


# -- browser tests: Debian's chromium driven by Playwright, never a downloaded browser ------------

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).parent / "screenshots"
# The marks of a browser test module: slow, and skipped without Debian's chromium.
BROWSER_MARKS = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"no browser at {CHROMIUM}: apt-get install -y chromium"
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One chromium per test module (a module skips first when Playwright is missing)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


def shot(page: object, name: str) -> None:
    """A screenshot of ``page`` as tests/screenshots/NAME.png, for a person to look at."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))  # type: ignore[attr-defined]
