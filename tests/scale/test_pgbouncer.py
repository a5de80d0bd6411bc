"""The API behind PgBouncer in transaction pooling (UNGEAPI_DB_PGBOUNCER=true).

PgBouncer is given one server connection, so every transaction of every client connection of
the app runs on the same PostgreSQL backend, one after another: anything the app left on a
connection beyond its transaction (a role, a municipality) would be there for the next
transaction, whichever municipality it serves; or two, so that a client's transactions move
between backends and anything it expects to find from its last transaction (a statement
prepared by name) is missing. Two municipalities' requests are interleaved through it; each
sees and changes only its own youth, as the application role (row-level security: an admin of
a municipality sees its whole municipality and, without the role, every municipality).

Needs the `pgbouncer` program (apt-get install pgbouncer); skipped where it is absent.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from sqlalchemy.engine import make_url

from tests.api.integration.helpers import post_import
from tests.api.integration.test_imports import youth_csv
from tests.conftest import fresh_municipality, synthetic_cpr
from tests.security.test_faults import server_address
from ungeapi.core.settings import Settings
from ungeapi.main import create_app
from ungeapi_dev.pgbouncer import INSTALL_HINT, Bouncer, pgbouncer_binary, start_pgbouncer

pytestmark = pytest.mark.skipif(pgbouncer_binary() is None, reason=INSTALL_HINT)


@pytest.fixture
def server_connections() -> int:
    return 1


@pytest.fixture
def bouncer(settings: Settings, server_connections: int) -> Iterator[Bouncer]:
    url = make_url(settings.database_url)
    with tempfile.TemporaryDirectory(prefix="ungeapi-pgbouncer-") as directory:
        started = start_pgbouncer(
            Path(directory), server_address(url), users=[url.username or "postgres"], pool_size=server_connections
        )
        yield started
        started.stop()


@pytest.fixture
async def bounced(settings: Settings, bouncer: Bouncer) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app whose database URL is PgBouncer's, with the setting on."""
    through = settings.model_copy(
        update={"database_url": bouncer.url(settings.database_url), "db_pgbouncer": True}
    )
    app = create_app(through)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


def youth(name: str) -> dict[str, Any]:
    return {"cpr": synthetic_cpr(), "given_name": name, "family_name": "Pooled"}


async def interleaved(
    client: httpx.AsyncClient, headers: dict[str, dict[str, str]], admin_db: Any, label: str
) -> None:
    """Two municipalities' creates, lists and changes (with If-Match), all at once; each sees and
    changes only its own youth, and every read and write is audited in the caller's municipality."""
    codes = list(headers)

    async def create(code: str, n: int) -> httpx.Response:
        return await client.post("/v1/youth", json=youth(f"{code}-{label}{n}"), headers=headers[code])

    created = await asyncio.gather(*(create(code, n) for n in range(8) for code in codes))
    assert [r.status_code for r in created] == [201] * 16, [r.text for r in created if r.status_code != 201]

    async def listed(code: str) -> set[str]:
        response = await client.get("/v1/youth", params={"limit": 100}, headers=headers[code])
        assert response.status_code == 200, response.text
        return {y["given_name"] for y in response.json()["items"] if f"-{label}" in y["given_name"]}

    seen = await asyncio.gather(*(listed(code) for _ in range(4) for code in codes))
    for n, names in enumerate(seen):
        code = codes[n % 2]
        assert names == {f"{code}-{label}{i}" for i in range(8)}

    async def rename(made: httpx.Response) -> httpx.Response:
        row = made.json()
        code = row["given_name"].split("-")[0]
        return await client.patch(
            f"/v1/youth/{row['id']}",
            json={"given_name": row["given_name"] + "-ny"},
            headers={**headers[code], "If-Match": made.headers["etag"]},
        )

    renamed = await asyncio.gather(*(rename(r) for r in created))
    assert [r.status_code for r in renamed] == [200] * 16
    assert {r.json()["version"] for r in renamed} == {2}
    stored = await admin_db.fetch(
        "SELECT municipality_code, given_name, version FROM youth "
        "WHERE municipality_code = ANY($1) AND given_name LIKE $2",
        codes,
        f"%-{label}%",
    )
    assert sorted((r["municipality_code"], r["given_name"], r["version"]) for r in stored) == sorted(
        (code, f"{code}-{label}{n}-ny", 2) for n in range(8) for code in codes
    )
    audited = await admin_db.fetch(
        "SELECT DISTINCT a.municipality_code, y.municipality_code AS owner FROM audit_event a "
        "JOIN youth y ON y.id = a.youth_id WHERE y.municipality_code = ANY($1) AND y.given_name LIKE $2",
        codes,
        f"%-{label}%",
    )
    assert sorted((r["municipality_code"], r["owner"]) for r in audited) == sorted((c, c) for c in codes)


async def two_municipalities(auth: Any, muni: str, admin_db: Any) -> dict[str, dict[str, str]]:
    other = await fresh_municipality(admin_db)
    return {muni: auth("admin"), other: auth("admin", municipality=other)}


async def test_two_municipalities_interleaved_through_one_server_connection(
    bounced, auth, muni, admin_db
) -> None:
    """Whatever a transaction left on the server connection would be there for the next."""
    await interleaved(bounced, await two_municipalities(auth, muni, admin_db), admin_db, "a")


class Holder:
    """Keeps a transaction open through PgBouncer, so its server connection is nobody else's."""

    def __init__(self, bouncer: Bouncer, settings: Settings) -> None:
        self.dsn = make_url(bouncer.url(settings.database_url)).set(drivername="postgresql")
        self.conn: asyncpg.Connection | None = None

    async def take(self) -> int:
        """The backend's pid of the server connection taken."""
        self.conn = await asyncpg.connect(self.dsn.render_as_string(hide_password=False), statement_cache_size=0)
        await self.conn.execute("BEGIN")
        pid: int = await self.conn.fetchval("SELECT pg_backend_pid()")
        return pid

    async def release(self) -> None:
        if self.conn is not None:
            await self.conn.close()


@pytest.mark.parametrize("server_connections", [2])
async def test_the_app_moved_from_one_server_connection_to_the_other(
    bounced, bouncer, settings, auth, muni, admin_db
) -> None:
    """A client connection's next transaction on another server connection finds nothing of
    its last one there (a statement prepared by name, say)."""
    headers = await two_municipalities(auth, muni, admin_db)
    first, second = Holder(bouncer, settings), Holder(bouncer, settings)
    try:
        held_first = await first.take()
        await interleaved(bounced, headers, admin_db, "b")  # on the other server connection
        held_second = await second.take()  # that one, now the app is done with it
        await first.release()
        await interleaved(bounced, headers, admin_db, "c")  # on the first one
    finally:
        await first.release()
        await second.release()
    assert held_first != held_second


# An import holds its job's row in one transaction while it writes in another (imports/service.py):
# two server connections for each import at once (docs/operating.md, sizing PgBouncer).
@pytest.mark.parametrize("server_connections", [2])
async def test_an_import_copies_through_it(bounced, auth, muni, admin_db) -> None:
    admin = auth("admin")
    assert (await bounced.post("/v1/settings/seed", headers=admin)).status_code == 200
    text, _ = youth_csv(50, set())
    job = await post_import(bounced, admin, text, kind="youth")
    assert job["status"] == "completed", job
    count = await admin_db.fetchval("SELECT count(*) FROM youth WHERE municipality_code = $1", muni)
    assert count == 50
