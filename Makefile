# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install browser run test test-fast lint format bench pages clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,dask]'
	touch $(STAMP)

# Debian's Chromium, for the report's browser test (skipped, saying why, where it is absent)
browser:
	command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

run: install
	$(BIN)/vnie run

test: install browser
	$(BIN)/vnie rules check
	$(BIN)/ruff check pipeline tests
	$(BIN)/ruff format --check pipeline tests
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow" -x -q

lint: install
	$(BIN)/ruff check pipeline tests
	$(BIN)/ruff format --check pipeline tests

format: install
	$(BIN)/ruff format pipeline tests
	$(BIN)/ruff check --fix pipeline tests

bench: install
	$(BIN)/python -m pipeline.batch.bench --full

# the extractor on the shared corpus's real article pages: title, time, author, body similarity
pages: install
	$(BIN)/python -m pipeline.sources.page_scores

clean:
	rm -rf $(VENV) outputs/*.csv outputs/*.parquet outputs/*.json outputs/.vnie outputs/report outputs/vnie.duckdb
