"""Test fixtures: a real PostgreSQL, migrated once per run, and an app per test session.

Database: UNGEAPI_TEST_DATABASE_URL when set, else the server on 127.0.0.1:5432 when it
answers (unless UNGEAPI_TEST_EMBEDDED=1), else the embedded server under ./var/ (ungeapi_dev.devdb).
A run's last lines name the server it used. The suite creates its own database and leaves the
others alone.

Isolation: every test works in a municipality of its own (row-level security keeps the rest
invisible), so the app runs with real commits on the real application role, the same path as
in production.

Clock: no test depends on the real date. `pytest_configure` below starts a time-machine
traveller (ticking) at 10:00 Europe/Copenhagen on `UNGEAPI_TEST_TODAY` (ISO date, default
2026-12-05) before any test module is collected, so module constants, fixtures, the app, its
settings and tokens all see that clock. A test takes the app's day from tests/clock.py:

    from tests.clock import TODAY      # date: the app's day (ctx.today)
    from tests.clock import now        # now(): the clock's moment, aware UTC (ctx.now)

and builds every other date from it (`TODAY - timedelta(days=1)`, `f"{TODAY.year - 1}-02-01"`,
a birth date so many years before it, ...): never `date.today()`/`datetime.now()`, never a
literal date that is only "in the future" or "in the past" of some real day, and in SQL the
app's day as a parameter, never `current_date`/`now()`. `synthetic_cpr()` gives a youth born
1 January 16 years before TODAY. To stop or move time inside a test, use time-machine's
`time_machine` fixture (`time_machine.move_to(moment, tick=False)`); a subprocess running the
CLI gets the same clock through `tests.clock.cli_command(...)`. `.ci/run` also runs the suite
with the clock two years ahead (`UNGEAPI_TEST_TODAY=2028-12-20 make test` does it by hand).
PostgreSQL's own clock is not moved: the rules compare the app's day and moment with times the
app wrote from its own clock, not with the database's `now()` (see src/ungeapi/core/clock.py).
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import os
from collections.abc import AsyncIterator, Callable
from datetime import date
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import time_machine
from sqlalchemy.engine import make_url

from tests.clock import NOW, TODAY
from ungeapi.core.security import mint_dev_token
from ungeapi.core.settings import DEV_JWT_SECRET, Settings
from ungeapi.main import create_app

_traveller = time_machine.travel(NOW.timestamp(), tick=True)


def pytest_configure(config: pytest.Config) -> None:
    """Moves the clock before collection, so even a module constant computed at import sees it.

    Given as a POSIX timestamp, the traveller leaves the process's time zone (TZ) alone."""
    _traveller.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    _traveller.stop()


# Parallel runs on one server (several checkouts, several developers) set their own name.
TEST_DATABASE = os.environ.get("UNGEAPI_TEST_DB_NAME", "ungeapi_test")
ROOT = Path(__file__).resolve().parents[1]


LOCAL_SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
# What the tests' app serves /metrics for (`Authorization: Bearer ...`).
METRICS_TOKEN = "test-metrics-token"


@functools.cache
def _server_choice() -> tuple[str, str]:
    """(which server, why): "given", "local" or "embedded"."""
    if os.environ.get("UNGEAPI_TEST_DATABASE_URL"):
        return "given", "UNGEAPI_TEST_DATABASE_URL"
    if os.environ.get("UNGEAPI_TEST_EMBEDDED") == "1":
        return "embedded", "UNGEAPI_TEST_EMBEDDED=1"
    from ungeapi_dev import devdb

    if devdb.server_answers("127.0.0.1", 5432):
        return "local", ""
    return "embedded", "nothing answers on 127.0.0.1:5432"


def _server_url() -> str:
    which, _ = _server_choice()
    if which == "given":
        return os.environ["UNGEAPI_TEST_DATABASE_URL"]
    if which == "local":
        return LOCAL_SERVER
    from ungeapi_dev import devdb

    return devdb.start_embedded(ROOT / "var")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Names the server the run used (if it used one), even under -q: CI shows which it was."""
    if _server_choice.cache_info().currsize == 0:
        return
    which, why = _server_choice()
    where = {
        "given": "the server at UNGEAPI_TEST_DATABASE_URL",
        "local": "PostgreSQL on 127.0.0.1:5432",
        "embedded": f"the embedded PostgreSQL under {ROOT / 'var'}",
    }[which]
    because = f" ({why})" if why else ""
    terminalreporter.write_line(f"database: {where}{because}; test database {TEST_DATABASE}")


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def recreate_database(server_url: str, name: str) -> str:
    conn = await asyncpg.connect(_dsn(server_url))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def run_migrations(url: str, revision: str = "head", *, down: bool = False) -> None:
    from alembic import command

    from ungeapi.migrations_head import alembic_config

    config = alembic_config(url)
    if down:
        command.downgrade(config, revision)
    else:
        command.upgrade(config, revision)


@pytest.fixture(scope="session")
def server_url() -> str:
    return _server_url()


@pytest.fixture(scope="session")
def database_url(server_url: str) -> str:
    url = asyncio.run(recreate_database(server_url, TEST_DATABASE))
    run_migrations(url)
    return url


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return Settings(
        env="test",
        database_url=database_url,
        jwt_dev_secret=DEV_JWT_SECRET,
        max_body_bytes=64 * 1024,
        db_pool_size=5,
        metrics_token=METRICS_TOKEN,
        # The webhook tests' receivers listen on 127.0.0.1; tests/api/http/test_webhook_targets.py
        # runs an app that refuses such targets, as production does.
        webhook_private_targets=True,
    )


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[Any]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture(scope="session")
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


@pytest.fixture(scope="session")
async def admin_db(database_url: str) -> AsyncIterator[asyncpg.Connection]:
    """A superuser connection for checks the API cannot make (raw rows, triggers)."""
    conn = await asyncpg.connect(_dsn(database_url))
    yield conn
    await conn.close()


# 100-989 are the tests' own; 990-999 are left for the tests that read as "another municipality".
_municipalities = itertools.count(100)
FIRST_CODE, CODES = 100, 890


async def purge_municipality(admin_db: asyncpg.Connection, code: str) -> None:
    """Removes every row of municipality `code`, so a later test can have it as its own. As the
    superuser with triggers off (the audit log is append-only to everyone else), in one transaction."""
    tables = await admin_db.fetch(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' "
        "AND column_name = 'municipality_code' AND table_name IN "
        "(SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE')"
    )
    async with admin_db.transaction():
        await admin_db.execute("SET LOCAL session_replication_role = replica")
        for row in tables:
            await admin_db.execute(f'DELETE FROM "{row["table_name"]}" WHERE municipality_code = $1', code)


async def fresh_municipality(admin_db: asyncpg.Connection) -> str:
    """A municipality code no test holds now: a fresh one, or (past the 890 codes, which a full
    run exceeds) one emptied first; always three digits."""
    n = next(_municipalities) - FIRST_CODE
    code = f"{FIRST_CODE + n % CODES:03d}"
    if n >= CODES:
        await purge_municipality(admin_db, code)
    return code


@pytest.fixture
async def muni(admin_db: asyncpg.Connection) -> str:
    """A municipality of this test's own (fresh_municipality)."""
    return await fresh_municipality(admin_db)


TokenFactory = Callable[..., dict[str, str]]


@pytest.fixture
def auth(settings: Settings, muni: str) -> TokenFactory:
    """auth(roles=..., departments=..., municipality=...) -> Authorization headers."""

    def make(
        roles: str | list[str] = "admin",
        departments: str | list[str] = "BFU",
        municipality: str | None = None,
        sub: str | None = None,
        **extra: Any,
    ) -> dict[str, str]:
        role_list = [roles] if isinstance(roles, str) else roles
        dept_list = [departments] if isinstance(departments, str) else departments
        token = mint_dev_token(
            settings,
            sub=sub or f"{'-'.join(role_list)}@{municipality or muni}",
            roles=role_list,
            departments=dept_list,
            municipality=municipality or muni,
            extra=extra or None,
        )
        return {"Authorization": f"Bearer {token}"}

    return make


_serials = itertools.count(1000)


def synthetic_cpr(birth: str | None = None, century_digit: int = 4) -> str:
    """A valid-format CPR number from a reserved-looking serial range; never a real person's.

    `birth` (ddmmyy) defaults to 1 January of the year 16 years before the app's day (010110 on
    the default day), so the youth is 16 on whatever day the suite runs."""
    serial = next(_serials) % 1000
    born = birth or date(TODAY.year - 16, 1, 1).strftime("%d%m%y")
    return f"{born}-{century_digit}{serial:03d}"


@pytest.fixture
def new_cpr() -> Callable[..., str]:
    return synthetic_cpr
