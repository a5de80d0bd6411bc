# Development tasks for ungeapi (GNU make).
#
#   make run    serve on http://127.0.0.1:$(PORT) (UNGEAPI_DATABASE_URL, else embedded PostgreSQL)
#   make test   ruff + mypy + pytest
#   make bench  bench/RESULTS.md: every endpoint of the day vs the raw baseline (BENCH_ARGS="--rounds 1 --duration 3")
#   make clean  stop the embedded PostgreSQL, remove .venv and var

PYTHON ?= python3
PORT ?= 8000

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LINT_PATHS := src tests bench migrations

.PHONY: venv run test lint openapi bench clean

venv: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install only when pyproject.toml is newer than the stamp.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e '.[dev,embedded]'
	touch $@

run: venv
	$(BIN)/ungeapi serve --dev --host 127.0.0.1 --port $(PORT)

test: venv
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/mypy
	$(BIN)/pytest

lint: venv
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/mypy

openapi: venv
	$(BIN)/ungeapi openapi

bench: venv
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	if [ -x $(BIN)/python ]; then $(BIN)/python -m ungeapi.devdb stop --var-dir var || true; fi
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache .hypothesis build dist src/*.egg-info
