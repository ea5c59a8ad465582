# careloop: `make demo` installs and runs the product; `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres

.PHONY: demo test test-sqlite test-postgres lint format install install-dev static bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

careloop/core/static/build/careloop.css: node_modules/.installed assets/build.mjs assets/scss/careloop.scss
	npm run --silent build

static: careloop/core/static/build/careloop.css

install: $(VENV)/.installed static

install-dev: $(VENV)/.installed-dev static

## demo: install, migrate, load the Northshire demo council, serve on http://127.0.0.1:8000
demo: install
	$(BIN)/careloop demo

## test: lint, then the whole suite on SQLite and (when reachable) PostgreSQL
test: install-dev lint test-sqlite test-postgres

test-sqlite: install-dev
	$(BIN)/pytest

test-postgres: install-dev
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		DATABASE_URL=$(PG_URL) $(BIN)/pytest; \
	else \
		echo "PostgreSQL is not reachable at $(PG_URL): the PostgreSQL run was skipped"; \
	fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## bench: the performance benchmarks (one JSON line per measure)
bench: install
	$(BIN)/careloop bench

clean:
	rm -rf $(VENV) node_modules careloop/core/static/build
