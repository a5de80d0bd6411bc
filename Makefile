# Development tasks for ungeapi (GNU make).
#
#   make run    serve on http://127.0.0.1:$(PORT) (UNGEAPI_DATABASE_URL, else embedded PostgreSQL)
#   make test   ruff + mypy + import contracts (lint-imports) + pytest
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

# Re-install only when pyproject.toml is newer than the stamp. The editable install holds both
# packages under src/: the service (ungeapi) and the development tools (ungeapi_dev).
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e '.[dev,embedded]'
	touch $@

run: venv
	$(BIN)/ungeapi serve --dev --host 127.0.0.1 --port $(PORT)

test: venv
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest

lint: venv
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/mypy
	$(BIN)/lint-imports

openapi: venv
	$(BIN)/ungeapi openapi

bench: venv
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	if [ -x $(BIN)/python ]; then $(BIN)/python -m ungeapi_dev.devdb stop --var-dir var || true; fi
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache .hypothesis .import_linter_cache build dist src/*.egg-info

# High availability on one machine (src/ungeapi_dev/ha.py, docs/operating.md): a pg_auto_failover
# monitor, a primary and two synchronous replicas on 127.0.0.1:55430-55433, state under var/ha.
# Needs `apt-get install postgresql-15-auto-failover pg-auto-failover-cli` (Debian/Ubuntu, as root).
#   make ha-up    create or start the cluster; prints the API's multi-host database URL
#   make ha-down  stop it and remove var/ha
#   make ha-test  write load through `ungeapi serve --workers 2` while the primary is killed, then count
#                 acknowledged writes found, duplicates, feed gaps and seconds to recover (~1 minute;
#                 HA_TEST_ARGS="--clients 16 --before 20" and so on: python -m ungeapi_dev.failover -h)
# The PgBouncer tests in `make test` (tests/scale) skip unless `apt-get install pgbouncer` was run.
.PHONY: ha-up ha-down ha-test

ha-up: venv
	$(BIN)/python -m ungeapi_dev.ha up

ha-down: venv
	$(BIN)/python -m ungeapi_dev.ha down

ha-test: venv
	$(BIN)/python -m ungeapi_dev.failover $(HA_TEST_ARGS)
