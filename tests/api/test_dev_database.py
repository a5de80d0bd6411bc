"""In a checkout with no database configured, every `ungeapi` command that needs one finds the
development database that `serve --dev` (make run) uses, instead of failing on the settings or
connecting to whatever answers on port 5432 (ungeapi_dev.devserver)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from tests.clock import cli_command
from tests.conftest import synthetic_cpr
from ungeapi_dev import devdb

MUNICIPALITY = "861"


def ungeapi(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The command as a developer runs it in a checkout: no UNGEAPI_* variables but `env`."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("UNGEAPI_")}
    return subprocess.run(
        cli_command(*args),
        cwd=cwd,
        env={**environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory):
    """A working directory of its own: its development database lives under its var/."""
    where = tmp_path_factory.mktemp("checkout")
    yield where
    devdb.stop_embedded(where / "var")


async def youth_in(var_dir: Path, municipality: str) -> int:
    server = devdb.running_url(var_dir)
    assert server is not None, "the development database is not running"
    dsn = make_url(server).set(drivername="postgresql", database="ungeapi").render_as_string(False)
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetchval("SELECT count(*) FROM youth WHERE municipality_code = $1", municipality)
    finally:
        await conn.close()


def test_every_command_uses_the_development_database(checkout: Path) -> None:
    var = (checkout / "var").resolve()
    note = "ungeapi: UNGEAPI_DATABASE_URL is not set: using the development database ungeapi (PostgreSQL "

    migrated = ungeapi(checkout, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert migrated.stdout == "migrations applied\n"
    assert migrated.stderr.startswith(note) and f" under {var})" in migrated.stderr, migrated.stderr

    seeded = ungeapi(checkout, "seed-demo", "--municipality", MUNICIPALITY, "--count", "5")
    assert seeded.returncode == 0, seeded.stderr
    assert seeded.stdout.startswith(f"{MUNICIPALITY}: seeded 5 demo youth")
    assert seeded.stdout.count("\n") == 1, seeded.stdout  # the summary, not a line per request

    csv = checkout / "unge.csv"
    csv.write_text(f"CPR-nummer;Fornavn;Efternavn;Afdeling\n{synthetic_cpr()};Testa;Import;BFU\n")
    imported = ungeapi(
        checkout,
        "import",
        str(csv),
        "--kind",
        "youth",
        "--municipality",
        MUNICIPALITY,
        "--departments",
        "BFU",
    )
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["created"] == 1

    retention = ungeapi(checkout, "retention", "--municipality", MUNICIPALITY, "--dry-run")
    assert retention.returncode == 0, retention.stderr
    assert retention.stdout.startswith(f"{MUNICIPALITY}: would pseudonymize 0 youth")

    worker = ungeapi(checkout, "worker", "--once")
    assert worker.returncode == 0, worker.stderr
    assert set(json.loads(worker.stdout)) == {"fanned_out", "delivered", "failed", "dead"}

    for done in (migrated, seeded, imported, retention, worker):
        assert done.stderr.startswith(note), done.stderr
        assert "Traceback" not in done.stderr
    # All of them wrote to and read from the one database under ./var/.
    assert asyncio.run(youth_in(var, MUNICIPALITY)) == 6


def test_where_no_postgresql_can_be_found_the_command_says_what_to_do(tmp_path: Path) -> None:
    done = ungeapi(tmp_path, "worker", "--once", UNGEAPI_PG_BIN=str(tmp_path / "nowhere"))
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        "ungeapi: UNGEAPI_DATABASE_URL is not set, and the development database: "
        f"UNGEAPI_PG_BIN={tmp_path / 'nowhere'} has no initdb, pg_ctl, postgres\n"
    )
    assert not (tmp_path / "var" / "pgdata").exists()


def test_a_configured_environment_is_not_given_the_development_database(tmp_path: Path) -> None:
    """UNGEAPI_ENV=production without a database: the settings decide, and say what is missing."""
    done = ungeapi(tmp_path, "worker", "--once", UNGEAPI_ENV="production")
    assert done.returncode == 2
    assert done.stderr.startswith("ungeapi: the settings (UNGEAPI_* variables) are not valid: ")
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "var").exists()
