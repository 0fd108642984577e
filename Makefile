# stancegraph: `make demo` sets up .venv and analyses the bundled example; `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Exact versions of every dependency (extras dev, dask, docs); `make lock` writes it again.
LOCK := requirements.lock
PIP := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: demo test lint typecheck unit docs bench train lock clean

$(STAMP): pyproject.toml $(LOCK)
	@echo "== [1/3] virtual environment $(VENV)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "== [2/3] locked dependencies from $(LOCK) (the first time: about a minute)"
	$(PIP) install -r $(LOCK)
	@echo "== [3/3] stancegraph itself, editable, with no further dependencies"
	$(PIP) install --no-deps -e .
	$(PIP) check  # fails when pyproject.toml asks for something the lock lacks: run make lock
	touch $(STAMP)

# The workbench's JavaScript from npm (package.json, package-lock.json: exact versions): the
# network page's drawing library. Without npm the page shows its matrix and no drawing.
NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund

.PHONY: js
js:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(NODE_STAMP); \
	else echo "npm not found: the workbench's network page will show no drawing"; fi

demo: $(STAMP) js
	$(BIN)/stancegraph analyze examples/article.txt --codebook examples/codebook.yaml

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) js
	$(BIN)/pytest --cov=stancegraph --cov-report=term:skip-covered

# The documentation site (mkdocs.yml, docs/), built offline into site/; warnings fail it.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

test: lint typecheck unit docs

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_analyze.py

# Rebuilds the packaged attribution model (src/stancegraph/extract/models/attribution.json) from
# PolNeAR train and prints its development scores; about five minutes. SHARED=DIR points at
# another copy of the shared data (default ../shared/data).
SHARED ?= ../shared/data
train: $(STAMP)
	$(BIN)/python -m stancegraph.train --data $(SHARED)/polnear/data

# Pins what pyproject.toml asks for, keeping current pins that still fit (LOCK_FLAGS=--upgrade
# for the newest); commit requirements.lock once make test passes with it.
lock: $(STAMP)
	$(PIP) install pip-tools==7.6.2
	$(BIN)/pip-compile --extra dev,dask,docs --strip-extras --no-emit-index-url \
	    --no-emit-find-links --output-file $(LOCK) $(LOCK_FLAGS) pyproject.toml

clean:
	rm -rf $(VENV) build site src/*.egg-info .pytest_cache .mypy_cache .ruff_cache node_modules
