"""What a request meets during a failover answers 503 with Retry-After, never 500, and the
app drops the connections that cannot serve any more, so it serves again without a restart.

A failover shows the app three things: connections cut (tests/security/test_faults.py), servers
that refuse new connections while they shut down or start up as a replica (SQLSTATE 57P03,
"the database system is starting up"), and, where the old primary stays up as a replica with
our connections open (managed services do this), writes refused on them (25006, "cannot execute
INSERT in a read-only transaction"). `make ha-test` (ungeapi_dev.failover) kills a real primary.
"""

from __future__ import annotations

import asyncio
import struct
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.conftest import synthetic_cpr
from ungeapi.core.settings import Settings
from ungeapi.main import create_app


def youth() -> dict[str, str]:
    return {"cpr": synthetic_cpr(), "given_name": "Failover", "family_name": "Svar"}


async def _starting_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """A PostgreSQL that is starting up: it refuses every connection with FATAL 57P03."""
    try:
        while True:
            length = struct.unpack("!I", await reader.readexactly(4))[0]
            body = await reader.readexactly(length - 4)
            if struct.unpack("!I", body[:4])[0] == 80877103:  # SSLRequest: no TLS here
                writer.write(b"N")
                continue
            fields = b"SFATAL\0VFATAL\0C57P03\0Mthe database system is starting up\0\0"
            writer.write(b"E" + struct.pack("!I", len(fields) + 4) + fields)
            await writer.drain()
            break
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


@pytest.fixture
async def starting_up_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    server = await asyncio.start_server(_starting_up, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    app = create_app(
        settings.model_copy(update={"database_url": f"postgresql+asyncpg://postgres@127.0.0.1:{port}/ungeapi"})
    )
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client
    server.close()


async def test_a_server_starting_up_is_503(starting_up_client, auth) -> None:
    admin = auth("admin")
    for response in (
        await starting_up_client.get("/v1/youth", headers=admin),
        await starting_up_client.post("/v1/youth", json=youth(), headers=admin),
    ):
        assert response.status_code == 503, response.text
        assert response.json()["code"] == "service.unavailable" and response.headers["retry-after"]


@pytest.fixture
async def demoted(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """An app whose every pooled connection is to a server that no longer takes writes."""
    app = create_app(settings.model_copy(update={"db_pool_size": 1}))
    async with app.router.lifespan_context(app):
        engine = app.state.db.engine
        held = [await engine.connect() for _ in range(2 * app.state.settings.db_pool_size)]
        for connection in held:
            await connection.exec_driver_sql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            await connection.commit()
        for connection in held:
            await connection.close()  # back into the pool, read-only from now on
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


async def test_writes_refused_by_a_demoted_primary_are_503_and_its_connections_dropped(
    demoted, auth, admin_db, muni
) -> None:
    client = demoted
    admin = auth("admin")
    answers = []
    for _ in range(3):  # the pool holds two connections: both are dropped, the third is new
        answers.append(await client.post("/v1/youth", json=youth(), headers=admin))
    assert [r.status_code for r in answers] == [503, 503, 201], [r.text for r in answers]
    assert all(r.headers["retry-after"] for r in answers[:2])
    assert all(r.json()["code"] == "service.unavailable" for r in answers[:2])
    # Nothing half-written: the one youth acknowledged is the only one, and so are its audit rows.
    rows = await admin_db.fetch("SELECT id FROM youth WHERE municipality_code = $1", muni)
    assert [str(r["id"]) for r in rows] == [answers[2].json()["id"]]
    assert (await client.get(f"/v1/youth/{rows[0]['id']}", headers=admin)).status_code == 200


async def test_a_read_audited_on_a_demoted_primary_is_503(demoted, auth, client) -> None:
    """A read is audited in its transaction: on a server that takes no writes it cannot be answered."""
    demoted_client = demoted
    admin = auth("admin")
    made = await client.post("/v1/youth", json=youth(), headers=admin)
    assert made.status_code == 201
    read = await demoted_client.get(f"/v1/youth/{made.json()['id']}", headers=admin)
    assert read.status_code == 503 and read.json()["code"] == "service.unavailable", read.text
