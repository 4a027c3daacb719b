# Two commands for newcomers: `make serve` (build and serve at 127.0.0.1:8000) and `make test`.
# Both create the virtual environment and install what they need on first use.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BUILD_STAMP := $(VENV)/.build-installed
TEST_STAMP := $(VENV)/.test-installed
NPM_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := scripts
# Reproducible builds: dates in the site (sitemap) are the last commit's, not the build's.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

.PHONY: serve build check test test-fast lint fix-schema benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(BUILD_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(TEST_STAMP): requirements-test.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@ $(BUILD_STAMP)

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

## serve: build the site and serve it at http://127.0.0.1:8000 (rebuilds on edit)
serve: $(BUILD_STAMP) $(NPM_STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## build: the static site in site/ (replaced only when the whole build succeeded)
SITE ?= site
build: $(BUILD_STAMP) $(NPM_STAMP)
	rm -rf $(SITE).tmp
	$(BIN)/mkdocs build --strict --site-dir $(SITE).tmp
	$(BIN)/python -m actsite.publish $(SITE).tmp $(SITE)

## check: validate every definition in a few seconds, without building the site
check: $(BUILD_STAMP)
	$(BIN)/python -m actsite.validate

## test: every test (math vs PyTorch, schema, pages, site build, browser)
test: $(TEST_STAMP) $(NPM_STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/python -m pytest

## test-fast: definitions, math vs PyTorch, golden pages, errors (no site build, no browser, no
## properties of every activation); about a minute
FAST_TESTS := tests/test_definitions.py tests/test_math_consistency.py tests/test_math_kinds.py \
	tests/test_math_vs_pytorch.py tests/test_golden_pages.py tests/test_build_errors.py tests/test_errata.py
test-fast: $(TEST_STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/python -m pytest -m "not site and not browser" $(FAST_TESTS)

## benchmark: clean/bare and no-op/bare build ratios, stage times, what one edit re-renders
benchmark: $(BUILD_STAMP) $(NPM_STAMP)
	$(BIN)/python scripts/benchmark.py

## fix-schema: regenerate schema/activation.schema.json from the model
fix-schema: $(BUILD_STAMP)
	$(BIN)/python -m actsite.schema --write

clean:
	rm -rf site site.tmp plots .pytest_cache
	cd scripts && ../$(BIN)/python -c "from actsite.build import clean; clean()" 2>/dev/null || true
