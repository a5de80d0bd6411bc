"""The database goes away in the middle of a request, and comes back.

The shared PostgreSQL server is never stopped (other suites use it). A small TCP proxy sits
between a dedicated app instance and the server instead; cutting the proxy is, for that app,
the database going away. The cut is made at the worst moment: when the request's write is
already on the server and its audit record is being sent, inside the open transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy.engine import make_url

from tests.api.privacy.helpers import born_years_ago, cpr_for
from ungeapi.core.security import mint_dev_token
from ungeapi.core.settings import Settings
from ungeapi.main import create_app


class CuttableProxy:
    """Forwards TCP to PostgreSQL; `cut_on(marker)` drops every connection when the client
    sends bytes containing `marker` (before forwarding them); `restore()` forwards again."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.marker: bytes | None = None
        self.down = False
        self.cuts = 0
        self._writers: set[asyncio.StreamWriter] = set()
        self._server: asyncio.Server | None = None

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return int(self._server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        self._drop_all()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def cut_on(self, marker: bytes) -> None:
        self.marker = marker

    def restore(self) -> None:
        self.marker, self.down = None, False

    def _drop_all(self) -> None:
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.down:
            writer.transport.abort()
            return
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        self._writers |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter, watch: bool) -> None:
            with contextlib.suppress(ConnectionError, OSError):
                while data := await src.read(65536):
                    if watch and self.marker is not None and self.marker in data:
                        self.down, self.cuts = True, self.cuts + 1
                        self._drop_all()
                        return
                    dst.write(data)
                    await dst.drain()
            dst.transport.abort()

        await asyncio.gather(pipe(reader, up_writer, True), pipe(up_reader, writer, False))
        self._writers -= {writer, up_writer}


@pytest.fixture
async def cut_app(
    settings: Settings, muni: str
) -> AsyncIterator[tuple[CuttableProxy, httpx.AsyncClient, str]]:
    url = make_url(settings.database_url)
    proxy = CuttableProxy(url.host or "127.0.0.1", url.port or 5432)
    port = await proxy.start()
    proxied = settings.model_copy(
        update={"database_url": url.set(host="127.0.0.1", port=port).render_as_string(hide_password=False)}
    )
    app = create_app(proxied)
    token = mint_dev_token(
        settings, sub=f"admin@{muni}", roles=["admin"], departments=["BFU"], municipality=muni
    )
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            client.headers["Authorization"] = f"Bearer {token}"
            yield proxy, client, muni
    await proxy.stop()


def youth_body(name: str) -> dict[str, Any]:
    return {"cpr": cpr_for(born_years_ago(17)), "given_name": name, "family_name": "Afbrudsen"}


async def test_database_cut_mid_request_is_503_nothing_half_written_and_recovery(cut_app, admin_db) -> None:
    proxy, client, muni = cut_app
    assert (await client.post("/v1/youth", json=youth_body("Før"))).status_code == 201
    # The audit record is the first thing after the youth's INSERT that carries the caller's id
    # (statements are prepared once, so the SQL text is not resent; the bound values are).
    proxy.cut_on(f"admin@{muni}".encode())
    response = await client.post("/v1/youth", json=youth_body("Midt"))
    assert proxy.cuts == 1
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "service.unavailable" and response.headers["retry-after"]
    # The youth row had reached the server inside the transaction; the cut rolled it back.
    names = await admin_db.fetch("SELECT given_name FROM youth WHERE municipality_code = $1", muni)
    assert sorted(r["given_name"] for r in names) == ["Før"]
    # While down, requests are 503, not hangs or 500s.
    assert (await client.get("/v1/youth")).status_code == 503
    proxy.restore()
    # Back: the same process serves again, with no restart.
    after = await client.post("/v1/youth", json=youth_body("Efter"))
    assert after.status_code == 201, after.text
    listed = await client.get("/v1/youth")
    assert sorted(y["given_name"] for y in listed.json()["items"]) == ["Efter", "Før"]
