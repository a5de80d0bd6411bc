# Development tasks for ungeapi (GNU make). Python 3.11, 3.12 or 3.13.
#
#   make run    serve on http://127.0.0.1:$(PORT) with demo data and the webhook worker
#               (UNGEAPI_DATABASE_URL, else the development database under ./var/)
#   make test   ruff + mypy + import contracts (lint-imports) + pytest
#   make bench  bench/RESULTS.md: every endpoint of the day vs the raw baseline (BENCH_ARGS="--rounds 1 --duration 3")
#   make clean  stop the development database, remove the environment and var
#
# Another Python beside the default one: make run PYTHON=python3.13 VENV=.venv-3.13

PYTHON ?= python3
PORT ?= 8000
VENV ?= .venv

BIN := $(VENV)/bin
# Two installs, each redone when pyproject.toml changes: `make run` needs the service and the
# embedded PostgreSQL only (the run stamp); `make test` adds the checks' tools (the full stamp,
# which stands for both). Without the tools a first `make run` installs half as much.
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed
# Quiet, and no byte-compiling of every installed module up front: Python compiles what it
# imports, once, on first use.
PIP_INSTALL := $(BIN)/python -m pip install --quiet --no-compile --disable-pip-version-check
LINT_PATHS := src tests bench migrations

.PHONY: venv run test lint openapi bench clean

venv: $(STAMP)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "ungeapi needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) -V 2>&1). Try: make $(MAKECMDGOALS) PYTHON=python3.13" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# The editable install holds both packages under src/: the service (ungeapi) and the
# development tools (ungeapi_dev).
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(PIP_INSTALL) -e '.[embedded]'
	touch $@

$(STAMP): pyproject.toml | $(BIN)/python
	$(PIP_INSTALL) -e '.[dev,embedded]'
	touch $@ $(RUN_STAMP)

run: $(RUN_STAMP)
	$(BIN)/ungeapi serve --dev --host 127.0.0.1 --port $(PORT)

test: $(STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/mypy
	$(BIN)/lint-imports

openapi: $(RUN_STAMP)
	$(BIN)/ungeapi openapi

bench: $(STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	if [ -x $(BIN)/python ]; then $(BIN)/python -m ungeapi_dev.devdb stop --var-dir var || true; fi
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache .hypothesis .import_linter_cache build dist src/*.egg-info

# High availability on one machine (src/ungeapi_dev/ha.py, docs/operating.md): a pg_auto_failover
# monitor, a primary and two synchronous replicas on 127.0.0.1:55430-55433, state under var/ha.
# Needs `apt-get install postgresql-15-auto-failover pg-auto-failover-cli` (Debian/Ubuntu, as root).
#   make ha-up    create or start the cluster; prints the API's multi-host database URL and the
#                 read replica URL (both replicas, target_session_attrs=standby)
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
