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

# Debian's Chromium, for the report's browser test. Installed where it can be (root with
# apt-get, as in CI, whose test then fails rather than skips without it); elsewhere this step
# says that the browser test will skip and why, and `make test` goes on.
browser:
	@if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then \
	  :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  if command -v apt-get >/dev/null; then why="installing it needs root"; \
	  else why="there is no apt-get here to install it"; fi; \
	  echo "browser: Chromium is not installed and $$why: the report's browser test will skip" \
	    "(to run it, install Chromium; on Debian: sudo apt-get install chromium)"; \
	fi

run: install
	$(BIN)/vnie run

test: install browser
	$(BIN)/vnie rules check
	$(BIN)/ruff check pipeline tests
	$(BIN)/ruff format --check pipeline tests
	$(BIN)/mypy
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow" -x -q

lint: install
	$(BIN)/ruff check pipeline tests
	$(BIN)/ruff format --check pipeline tests
	$(BIN)/mypy

format: install
	$(BIN)/ruff format pipeline tests
	$(BIN)/ruff check --fix pipeline tests

bench: install
	$(BIN)/python -m pipeline.batch.bench --full --scale 10

# the extractor on the shared corpus's real article pages: title, time, author, body similarity
pages: install
	$(BIN)/python -m pipeline.sources.page_scores

clean:
	rm -rf $(VENV) outputs/*.csv outputs/*.parquet outputs/*.json outputs/.vnie outputs/report outputs/vnie.duckdb
