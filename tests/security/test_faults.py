"""The database goes away in the middle of a request, and comes back.

The shared PostgreSQL server is never stopped (other suites use it). A small TCP proxy sits
between a dedicated app instance and the server instead; cutting the proxy is, for that app,
the database going away. The cut is made at the worst moment: when the request's write is
already on the server and its audit record is being sent, inside the open transaction.

The app always reaches the proxy over TCP, as it reaches the database in production; the proxy
reaches the server the way the suite does: over TCP, or over the unix socket of the embedded
server (ungeapi_dev.devdb), whose URL names the socket's directory (`?host=/dir&port=5432`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy.engine import URL, make_url

from tests.api.privacy.helpers import born_years_ago, cpr_for
from ungeapi.core.security import mint_dev_token
from ungeapi.core.settings import Settings
from ungeapi.main import create_app


def server_address(url: URL) -> tuple[str, int] | str:
    """Where the server at `url` listens: (host, port), or a unix socket's path."""
    socket_dir = str(url.query.get("host") or "")
    port = int(str(url.query.get("port") or url.port or 5432))
    if socket_dir.startswith("/"):
        return f"{socket_dir}/.s.PGSQL.{port}"
    return (url.host or "127.0.0.1", port)


def through(url: URL, port: int) -> URL:
    """`url` with the server at 127.0.0.1:`port` (and no socket directory left in the query)."""
    return url.difference_update_query(["host", "port"]).set(host="127.0.0.1", port=port)


class CuttableProxy:
    """Forwards TCP to PostgreSQL (over TCP or a unix socket); `cut_on(marker)` drops every
    connection when the client sends bytes containing `marker` (before forwarding them);
    `restore()` forwards again."""

    def __init__(self, target: tuple[str, int] | str) -> None:
        self.target = target
        self.upstreams = 0
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
        if isinstance(self.target, str):
            up_reader, up_writer = await asyncio.open_unix_connection(self.target)
        else:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        self.upstreams += 1
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
    proxy = CuttableProxy(server_address(url))
    port = await proxy.start()
    proxied = settings.model_copy(
        update={"database_url": through(url, port).render_as_string(hide_password=False)}
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
    assert proxy.upstreams >= 1  # the app's connections go through the proxy
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


@pytest.mark.parametrize(
    ("url", "address", "proxied"),
    [
        (
            "postgresql+asyncpg://postgres@127.0.0.1:5432/ungeapi_test",
            ("127.0.0.1", 5432),
            "postgresql+asyncpg://postgres@127.0.0.1:6000/ungeapi_test",
        ),
        (
            "postgresql+asyncpg://postgres@db.example:5433/ungeapi_test",
            ("db.example", 5433),
            "postgresql+asyncpg://postgres@127.0.0.1:6000/ungeapi_test",
        ),
        (
            "postgresql+asyncpg://postgres@/ungeapi_test?host=/srv/var/pgdata&port=5432",
            "/srv/var/pgdata/.s.PGSQL.5432",
            "postgresql+asyncpg://postgres@127.0.0.1:6000/ungeapi_test",
        ),
    ],
)
def test_the_proxy_reaches_the_server_as_the_suite_does_and_the_app_only_the_proxy(
    url: str, address: tuple[str, int] | str, proxied: str
) -> None:
    assert server_address(make_url(url)) == address
    assert through(make_url(url), 6000).render_as_string(hide_password=False) == proxied
