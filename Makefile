# Two commands for newcomers: `make serve` (build and serve at 127.0.0.1:8000) and `make test`.
# Both create the virtual environment and install what they need on first use.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BUILD_STAMP := $(VENV)/.build-installed
TEST_STAMP := $(VENV)/.test-installed
NPM_STAMP := node_modules/.installed
LIGHTHOUSE := node_modules/.bin/lighthouse
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: dates in the site (sitemap) are the last commit's, not the build's.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
# The published address (README: Publishing), e.g. `make build SITE_URL=https://example.org/activations/`;
# mkdocs.yml reads it. Without it the site claims no address (no canonical links, no sitemap).
ifdef SITE_URL
export SITE_URL
endif

.PHONY: serve build check test test-fast lint fix-schema kink-gradients activation-cost measure-cost benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The generator is installed editable (`actsite` command, importable package from src/).
$(BUILD_STAMP): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation --editable .
	touch $@

$(TEST_STAMP): requirements-test.txt requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation --editable .
	touch $@ $(BUILD_STAMP)

# The site's own assets (KaTeX); the dev dependencies (Lighthouse, for `make benchmark`) only where needed.
$(NPM_STAMP): package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund --silent
	touch $@

$(LIGHTHOUSE): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@ $(NPM_STAMP)

## serve: build the site and serve it at http://127.0.0.1:8000 (rebuilds on edit)
serve: $(BUILD_STAMP) $(NPM_STAMP)
	$(BIN)/actsite serve --dev-addr 127.0.0.1:8000

## build: the static site in site/ (replaced only when the whole build succeeded)
SITE ?= site
build: $(BUILD_STAMP) $(NPM_STAMP)
	$(BIN)/actsite build --site-dir $(SITE)

## check: validate every definition in a few seconds, without building the site
check: $(BUILD_STAMP)
	$(BIN)/actsite check

# Two pytest-xdist workers (the machine has two cores); a file's tests run in one worker, so its
# module fixtures are computed once; the built site is built once and shared (tests/conftest.py).
PARALLEL ?= -n 2 --dist loadfile

## test: every test (math vs PyTorch, schema, pages, site build, browser)
test: $(TEST_STAMP) $(NPM_STAMP)
	$(BIN)/ruff check src scripts tests activations/code
	$(BIN)/ruff format --check src scripts tests activations/code
	$(BIN)/actsite fix --check
	$(BIN)/python -m pytest $(PARALLEL)

## test-fast: definitions, math vs PyTorch, code snippets, golden pages, errors (no site build, no browser, no
## properties of every activation); about a minute
FAST_TESTS := tests/test_definitions.py tests/test_math_consistency.py tests/test_math_kinds.py \
	tests/test_math_vs_pytorch.py tests/test_golden_pages.py tests/test_build_errors.py tests/test_errata.py \
	tests/test_katex.py tests/test_layers.py tests/test_page_layout.py \
	tests/test_lint.py tests/test_glossary.py tests/test_frameworks.py \
	tests/test_code_snippets.py tests/test_code_section.py tests/test_javascript.py tests/test_search_index.py tests/test_mpfr.py \
	tests/test_activation_jobs.py \
	tests/test_first_visit.py
test-fast: $(TEST_STAMP)
	$(BIN)/ruff check src scripts tests activations/code
	$(BIN)/ruff format --check src scripts tests activations/code
	$(BIN)/actsite fix --check
	$(BIN)/python -m pytest $(PARALLEL) -m "not site and not browser" $(FAST_TESTS)

## benchmark: clean/bare and no-op/bare build ratios, stage times, what one edit re-renders, the first
## visit's transfer in chromium (Playwright comes with the test requirements), Lighthouse on five pages
benchmark: $(TEST_STAMP) $(NPM_STAMP) $(LIGHTHOUSE)
	$(BIN)/python scripts/benchmark.py

## kink-gradients: measure f′ at every kink in PyTorch, JAX and Keras (JAX backend) and rewrite
## data/kink-gradients.json (committed; tests/test_frameworks.py measures again and compares)
kink-gradients: $(TEST_STAMP)
	KERAS_BACKEND=jax $(BIN)/python -m actsite.verify.kink_gradients --write

## activation-cost: measure what autograd saves for backward (float32, bfloat16) and the safe input range
## (float16, bfloat16, float32) of every PyTorch call and snippet module, and rewrite
## data/activation-cost.json (committed; tests/test_activation_cost.py measures again and compares)
activation-cost: $(TEST_STAMP)
	$(BIN)/python -m actsite.verify.activation_cost --write

## measure-cost: time forward and forward+backward of every PyTorch call on CPU (float32, 2²² elements, one
## thread) relative to ReLU in the same rounds (median of 7), and rewrite data/activation-speed.json with the
## CPU model, thread count and versions (committed; noisy on a busy machine: the tests check its form only)
measure-cost: $(TEST_STAMP)
	$(BIN)/python -m actsite.verify.activation_speed --write

## fix-schema: regenerate schema/activation.schema.json from the model
fix-schema: $(BUILD_STAMP)
	$(BIN)/python -m actsite.definitions.schema --write

clean:
	rm -rf site site.tmp plots .pytest_cache
	$(BIN)/python -c "from actsite.site.build import clean; clean()" 2>/dev/null || true
