"""`ungeapi serve --dev` (what `make run` runs), as a developer meets it: a quiet console with
the URL and a token per role, webhooks delivered by the worker inside the same process, and a
clean stop on Ctrl-C."""

from __future__ import annotations

import asyncio
import os
import re
import signal
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import uvicorn
from sqlalchemy.engine import make_url

from tests.clock import cli_command
from tests.conftest import TEST_DATABASE, recreate_database, synthetic_cpr

ROOT = Path(__file__).resolve().parents[2]
READY = re.compile(
    r"^ungeapi \(development\) is ready on (http://127\.0\.0\.1:\d+) - API documentation: \1/docs$"
)
TOKEN = re.compile(r"^  ([a-z]+)(?: \(([A-Z,]+)\))?: (ey[\w-]+\.[\w-]+\.[\w-]+)$")
ROLES = ["caseworker", "caseworker", "guide", "coordinator", "admin", "integration", "analyst", "dpo"]
LAST_LINE = "Ctrl-C stops the server; the database keeps running (make clean stops it)"
# Seeding 200 youth through the API on a busy two-core machine: generous, never asserted as a time.
START_TIMEOUT = 300


class Receiver:
    """A webhook receiver that records the event ids it is sent."""

    def __init__(self) -> None:
        self.event_ids: list[str] = []
        self.url = ""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        while (await receive()).get("more_body"):
            pass
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        self.event_ids.append(headers["x-ungeapi-event-id"])
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})


@pytest.fixture
async def receiver() -> Any:
    app = Receiver()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="off", log_level="warning")
    )
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn offers no event for it
        await asyncio.sleep(0.01)
    app.url = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}/hooks"
    yield app
    server.should_exit = True
    await task


@pytest.fixture
async def devserver(server_url: str) -> Any:
    """`ungeapi serve --dev --port 0` on a database of its own, as a child process."""
    name = f"{TEST_DATABASE}_devserver"
    database_url = await recreate_database(server_url, name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("UNGEAPI_")}
    env["UNGEAPI_DATABASE_URL"] = database_url
    proc = await asyncio.create_subprocess_exec(
        *cli_command("serve", "--dev", "--port", "0"),
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    yield proc
    if proc.returncode is None:
        proc.kill()
        await proc.wait()
    conn = await asyncpg.connect(make_url(server_url).set(drivername="postgresql").render_as_string(False))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def read_until(proc: asyncio.subprocess.Process, last: str) -> list[str]:
    assert proc.stdout is not None
    lines: list[str] = []
    async with asyncio.timeout(START_TIMEOUT):
        while not lines or lines[-1] != last:
            line = await proc.stdout.readline()
            if not line:
                stderr = await proc.stderr.read() if proc.stderr else b""
                raise AssertionError(f"serve --dev ended: {lines}\n{stderr.decode()}")
            lines.append(line.decode().rstrip("\n"))
    return lines


async def test_the_console_shows_the_url_and_the_tokens_the_worker_delivers_and_ctrl_c_stops_it(
    devserver, receiver
) -> None:
    console = await read_until(devserver, LAST_LINE)

    # Quiet: the URL, the database, the demo data, the worker, a token per role; no log lines.
    assert len(console) == 14, console
    url = READY.match(console[0]).group(1)  # type: ignore[union-attr]
    assert console[1] == "database: the database at UNGEAPI_DATABASE_URL"
    assert console[2].startswith("demo data: 860: seeded 200 demo youth (")
    assert console[3] == "webhooks: delivered by the worker in this process"
    assert console[4] == "development tokens for municipality 860 (Authorize in /docs):"
    tokens = [TOKEN.match(line) for line in console[5:13]]
    assert all(tokens), console[5:13]
    assert [t.group(1) for t in tokens] == ROLES  # type: ignore[union-attr]
    assert not any(line.startswith("{") for line in console)

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
    async with asyncio.timeout(60):
        while not receiver.event_ids:  # noqa: ASYNC110 - the receiver is a plain ASGI app
            await asyncio.sleep(0.1)

    devserver.send_signal(signal.SIGINT)
    async with asyncio.timeout(60):
        rest, stderr = await devserver.communicate()
    assert devserver.returncode == 0, stderr.decode()
    assert "Traceback" not in stderr.decode(), stderr.decode()
    # After the banner: only request log lines (JSON, one per request) and the worker's.
    assert all(line.startswith("{") for line in rest.decode().splitlines()), rest.decode()
