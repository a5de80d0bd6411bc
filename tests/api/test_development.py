"""A developer's checkout with no database configured, through the real `ungeapi` command
(ungeapi_dev.devserver):

- every command that needs a database finds the development database that `serve --dev`
  (make run) uses, instead of failing on the settings or connecting to whatever answers on
  port 5432;
- `serve --dev` shows a quiet console (the URL and a token per role), delivers webhooks with the
  worker inside the same process, and stops cleanly on Ctrl-C.

The checkout is a directory of this module's own, so its development database is a PostgreSQL
of its own under its var/: no other session's open transaction on a shared server holds back
the webhook feed (it delivers only settled events)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from sqlalchemy.engine import make_url

from tests.api.integration.test_webhooks import receiver  # noqa: F401 - a fixture
from tests.clock import cli_command
from tests.conftest import synthetic_cpr
from ungeapi_dev import devdb

MUNICIPALITY = "861"
NOTE = "ungeapi: UNGEAPI_DATABASE_URL is not set: using the development database ungeapi (PostgreSQL "
READY = re.compile(
    r"^ungeapi \(development\) is ready on (http://127\.0\.0\.1:\d+) - API documentation: \1/docs$"
)
TOKEN = re.compile(r"^  ([a-z]+)(?: \(([A-Z,]+)\))?: (ey[\w-]+\.[\w-]+\.[\w-]+)$")
ROLES = ["caseworker", "caseworker", "guide", "coordinator", "admin", "integration", "analyst", "dpo"]
LAST_LINE = "Ctrl-C stops the server and the worker; the database keeps running (make clean stops it)"
# Seeding 200 youth through the API on a busy two-core machine: generous, never asserted as a time.
START_TIMEOUT = 300


def developer_env(**env: str) -> dict[str, str]:
    """The environment of a developer's shell: no UNGEAPI_* variables but `env`."""
    return {**{k: v for k, v in os.environ.items() if not k.startswith("UNGEAPI_")}, **env}


def ungeapi(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cli_command(*args),
        cwd=cwd,
        env=developer_env(**env),
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


class TestCommands:
    def test_every_command_uses_the_development_database(self, checkout: Path) -> None:
        var = (checkout / "var").resolve()

        migrated = ungeapi(checkout, "migrate")
        assert migrated.returncode == 0, migrated.stderr
        assert migrated.stdout == "migrations applied\n"
        assert f" under {var})" in migrated.stderr, migrated.stderr

        seeded = ungeapi(checkout, "seed-demo", "--municipality", MUNICIPALITY, "--count", "5")
        assert seeded.returncode == 0, seeded.stderr
        assert seeded.stdout.startswith(f"{MUNICIPALITY}: seeded 5 demo youth")
        assert seeded.stdout.count("\n") == 1, seeded.stdout  # the summary, not a line per request

        csv = checkout / "unge.csv"
        csv.write_text(f"CPR-nummer;Fornavn;Efternavn;Afdeling\n{synthetic_cpr()};Testa;Import;BFU\n")
        imported = ungeapi(
            checkout, "import", str(csv), "--kind", "youth", "--municipality", MUNICIPALITY,
            "--departments", "BFU",
        )  # fmt: skip
        assert imported.returncode == 0, imported.stderr
        assert json.loads(imported.stdout)["created"] == 1

        retention = ungeapi(checkout, "retention", "--municipality", MUNICIPALITY, "--dry-run")
        assert retention.returncode == 0, retention.stderr
        assert retention.stdout.startswith(f"{MUNICIPALITY}: would pseudonymize 0 youth")

        worker = ungeapi(checkout, "worker", "--once")
        assert worker.returncode == 0, worker.stderr
        assert set(json.loads(worker.stdout)) == {"fanned_out", "delivered", "failed", "dead"}

        for done in (migrated, seeded, imported, retention, worker):
            assert done.stderr.startswith(NOTE), done.stderr
            assert "Traceback" not in done.stderr
        # All of them wrote to and read from the one database under ./var/.
        assert asyncio.run(youth_in(var, MUNICIPALITY)) == 6

    def test_where_no_postgresql_can_be_found_the_command_says_what_to_do(self, tmp_path: Path) -> None:
        done = ungeapi(tmp_path, "worker", "--once", UNGEAPI_PG_BIN=str(tmp_path / "nowhere"))
        assert done.returncode == 1
        assert done.stdout == ""
        assert done.stderr == (
            "ungeapi: UNGEAPI_DATABASE_URL is not set, and the development database: "
            f"UNGEAPI_PG_BIN={tmp_path / 'nowhere'} has no initdb, pg_ctl, postgres\n"
        )
        assert not (tmp_path / "var" / "pgdata").exists()

    def test_a_configured_environment_is_not_given_the_development_database(self, tmp_path: Path) -> None:
        """UNGEAPI_ENV=production without a database: the settings decide, and say what is missing."""
        done = ungeapi(tmp_path, "worker", "--once", UNGEAPI_ENV="production")
        assert done.returncode == 2
        assert done.stderr.startswith("ungeapi: the settings (UNGEAPI_* variables) are not valid: ")
        assert "Traceback" not in done.stderr
        assert not (tmp_path / "var").exists()


@pytest.fixture
async def devserver(checkout: Path) -> Any:
    """`ungeapi serve --dev --port 0` in the checkout, as a child process."""
    proc = await asyncio.create_subprocess_exec(
        *cli_command("serve", "--dev", "--port", "0"),
        cwd=checkout,
        env=developer_env(),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    yield proc
    if proc.returncode is None:
        proc.kill()
        await proc.wait()


async def read_until(proc: asyncio.subprocess.Process, last: str) -> list[str]:
    assert proc.stdout is not None and proc.stderr is not None
    lines: list[str] = []
    async with asyncio.timeout(START_TIMEOUT):
        while not lines or lines[-1] != last:
            line = await proc.stdout.readline()
            if not line:
                raise AssertionError(f"serve --dev ended: {lines}\n{(await proc.stderr.read()).decode()}")
            lines.append(line.decode().rstrip("\n"))
    return lines


async def stop(proc: asyncio.subprocess.Process) -> tuple[str, str]:
    """Ctrl-C, as a terminal sends it; the rest of its output."""
    proc.send_signal(signal.SIGINT)
    async with asyncio.timeout(60):
        out, err = await proc.communicate()
    return out.decode(), err.decode()


class TestServeDev:
    async def test_the_console_shows_the_url_and_tokens_the_worker_delivers_and_ctrl_c_stops_it(
        self,
        checkout,
        devserver,
        receiver,  # noqa: F811 - the fixture imported above
    ) -> None:
        console = await read_until(devserver, LAST_LINE)

        # Quiet: the URL, the database, the demo data, the worker, a token per role; no log lines.
        assert len(console) == 14, console
        url = READY.match(console[0]).group(1)  # type: ignore[union-attr]
        var = checkout / "var"
        where = f"PostgreSQL {devdb.server_version(var)} under {var.resolve()}"
        assert console[1] == f"database: the development database ungeapi ({where})"
        assert console[2].startswith("demo data: 860: seeded 200 demo youth (")
        assert console[3] == "webhooks: delivered by the worker in this process"
        assert console[4] == "development tokens for municipality 860 (Authorize in /docs):"
        tokens = [TOKEN.match(line) for line in console[5:13]]
        assert all(tokens), console[5:13]
        assert [t.group(1) for t in tokens] == ROLES  # type: ignore[union-attr]

        admin = {"Authorization": f"Bearer {tokens[4].group(3)}"}  # type: ignore[union-attr]
        async with httpx.AsyncClient(base_url=url, timeout=30) as http:
            assert (await http.get("/healthz")).status_code == 200
            assert (await http.get("/v1/youth", params={"limit": 1}, headers=admin)).json()["items"]
            subscribed = await http.post("/v1/webhooks", json={"url": receiver.url}, headers=admin)
            assert subscribed.status_code == 201, subscribed.text
            body = {"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Webhook"}
            created = await http.post("/v1/youth", json=body, headers=admin)
            assert created.status_code == 201, created.text

        # The worker in the same process sends the youth's creation to the receiver, unprompted.
        try:
            async with asyncio.timeout(60):
                while not receiver.delivered():  # noqa: ASYNC110 - the receiver is a plain ASGI app
                    await asyncio.sleep(0.1)
        except TimeoutError:
            out, err = await stop(devserver)
            raise AssertionError(f"no webhook delivered:\n{out[-3000:]}\n{err[-3000:]}") from None

        rest, stderr = await stop(devserver)
        assert devserver.returncode == 0, stderr
        assert stderr == ""
        # After the banner: only log lines (JSON, one per request, and the worker's round).
        assert all(line.startswith("{") for line in rest.splitlines()), rest
        assert '"msg": "webhook round"' in rest
