"""Two API processes behind one port share what must be shared, and nothing depends on which
one answers.

Each `ungeapi serve` below is a process of its own (the CLI in a subprocess, on the tests'
clock), on the same database; a round-robin TCP proxy is the one port in front of them, as a
load balancer would be: each new connection goes to the next process. What one process wrote,
the other reads: an Idempotency-Key's first answer, a version for If-Match, webhook
subscriptions and the change feed. What each keeps in memory is bounded by a setting: a
verified token is remembered only until the key set is fetched again (UNGEAPI_JWKS_REFRESH_SECONDS),
so a key withdrawn at the identity provider stops opening either process's doors.
`ungeapi serve --workers 2` (uvicorn's workers: one port, one parent, two processes) is started
too.
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
import json
import os
import subprocess
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import time_machine
import uvicorn
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jose import jwk
from sqlalchemy.ext.asyncio import async_sessionmaker

from tests.api.integration.helpers import all_events, wait_until_settled
from tests.api.integration.test_webhooks import Receiver
from tests.api.test_auth import claims, pem, public_pem
from tests.clock import cli_command
from tests.conftest import synthetic_cpr
from ungeapi.core.crypto import CprVault
from ungeapi.core.db import make_engine
from ungeapi.core.security import sign_token
from ungeapi.core.settings import DEV_JWT_SECRET, Settings
from ungeapi.events.worker import run_once
from ungeapi_dev.pgbouncer import free_port, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
# The key set is fetched again, and a verified token verified again, after this many seconds.
REFRESH = 1.0


class RoundRobin:
    """One port in front of several API processes: each new connection to the next in turn."""

    def __init__(self, ports: list[int]) -> None:
        self.ports = ports
        self.served: Counter[int] = Counter()
        self._turn = itertools.cycle(range(len(ports)))
        self._server: asyncio.Server | None = None

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return int(self._server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        turn = next(self._turn)
        self.served[turn] += 1
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.ports[turn])

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            try:
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))


class KeySet:
    """The identity provider's JWKS endpoint; `keys` can be changed while it serves."""

    def __init__(self) -> None:
        self.keys: list[dict[str, Any]] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        body = json.dumps({"keys": self.keys}).encode()
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})


async def serve_asgi(app: Any) -> tuple[uvicorn.Server, asyncio.Task[None], int]:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="off", log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn offers no event for it
        await asyncio.sleep(0.01)
    return server, task, int(server.servers[0].sockets[0].getsockname()[1])


def server_env(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UNGEAPI_")}
    env.update(
        UNGEAPI_ENV="test",
        UNGEAPI_DATABASE_URL=settings.database_url,
        UNGEAPI_JWT_DEV_SECRET=DEV_JWT_SECRET,
        UNGEAPI_DB_POOL_SIZE="2",
        UNGEAPI_LOG_LEVEL="WARNING",
        # The test's webhook receiver listens on loopback.
        UNGEAPI_WEBHOOK_PRIVATE_TARGETS="true",
        **extra,
    )
    return env


def start_server(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(cli_command("serve", *args), env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_ready(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    try:
        wait_for_port("127.0.0.1", port, timeout=60, process=process)
    except RuntimeError as exc:
        raise AssertionError(f"ungeapi serve did not start: {exc}\n{log.read_text()[-3000:]}") from None


class Processes:
    def __init__(self, front: int, direct: list[int], balancer: RoundRobin, keyset: KeySet) -> None:
        self.front, self.direct, self.balancer, self.keyset = front, direct, balancer, keyset

    def client(self, port: int | None = None) -> httpx.AsyncClient:
        """A client of one process (by port), or of the one port in front (no keep-alive: each
        request is a new connection, so they alternate between the processes)."""
        return httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port or self.front}",
            limits=httpx.Limits(max_keepalive_connections=0),
            timeout=30,
        )


@pytest.fixture(scope="module")
async def processes(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Processes]:
    keyset = KeySet()
    jwks_server, jwks_task, jwks_port = await serve_asgi(keyset)
    env = server_env(
        settings,
        UNGEAPI_JWKS_URL=f"http://127.0.0.1:{jwks_port}/jwks.json",
        UNGEAPI_JWKS_REFRESH_SECONDS=str(REFRESH),
    )
    logs = tmp_path_factory.mktemp("api-processes")
    ports = [free_port(), free_port()]
    started = [start_server(["--port", str(p)], env, logs / f"api-{p}.log") for p in ports]
    balancer = RoundRobin(ports)
    try:
        for port, process in zip(ports, started, strict=True):
            await asyncio.to_thread(wait_ready, port, process, logs / f"api-{port}.log")
        yield Processes(await balancer.start(), ports, balancer, keyset)
    finally:
        await balancer.stop()
        for process in started:
            stop(process)
        jwks_server.should_exit = True
        await jwks_task


def youth_body(name: str) -> dict[str, Any]:
    return {"cpr": synthetic_cpr(), "given_name": name, "family_name": "Toprocessen"}


async def test_an_idempotency_key_answered_by_one_is_replayed_by_the_other(processes, auth, admin_db, muni) -> None:
    admin = auth("admin")
    a, b = processes.client(processes.direct[0]), processes.client(processes.direct[1])
    async with a, b:
        body = youth_body("Idem")
        first = await a.post("/v1/youth", json=body, headers={**admin, "Idempotency-Key": "k-1"})
        assert first.status_code == 201, first.text
        again = await b.post("/v1/youth", json=body, headers={**admin, "Idempotency-Key": "k-1"})
        assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
        assert again.json() == first.json() and again.headers["location"] == first.headers["location"]
        other = await b.post("/v1/youth", json=youth_body("Anden"), headers={**admin, "Idempotency-Key": "k-1"})
        assert other.status_code == 422 and other.json()["code"] == "idempotency.key_reused"

    # The same key sent to both at once, for twenty keys: one youth per key, whoever answers.
    async with processes.client() as front:
        before = dict(processes.balancer.served)

        async def post(key: str, body: dict[str, Any]) -> httpx.Response:
            return await front.post("/v1/youth", json=body, headers={**admin, "Idempotency-Key": key})

        bodies = {f"race-{n}": youth_body(f"Kapløb{n}") for n in range(20)}
        answers = await asyncio.gather(*(post(k, b) for k, b in bodies.items() for _ in range(2)))
        assert all(processes.balancer.served[i] - before.get(i, 0) == 20 for i in range(2))
        # The loser of a race answers 409 (the key's record, or the youth's CPR, is the winner's
        # by the time it writes: idempotency.in_progress, service.conflict or youth.cpr_exists)
        # and wrote nothing; asked again, it replays the winner's answer.
        assert {r.status_code for r in answers} <= {201, 409}, [r.text for r in answers]
        retried = await asyncio.gather(*(post(k, b) for k, b in bodies.items()))
    firsts = {r.json()["given_name"]: r.json() for r in answers if r.status_code == 201 and "idempotent-replayed" not in r.headers}
    assert all(r.status_code == 201 and r.headers["idempotent-replayed"] == "true" for r in retried)
    assert [r.json() for r in retried] == [firsts[f"Kapløb{n}"] for n in range(20)]
    names = await admin_db.fetch(
        "SELECT given_name, count(*) AS n FROM youth WHERE municipality_code = $1 AND given_name LIKE 'Kapløb%' "
        "GROUP BY given_name",
        muni,
    )
    assert {r["given_name"]: r["n"] for r in names} == {f"Kapløb{n}": 1 for n in range(20)}


async def test_if_match_holds_across_processes(processes, auth) -> None:
    admin = auth("admin")
    a, b = processes.client(processes.direct[0]), processes.client(processes.direct[1])
    async with a, b:
        created = await a.post("/v1/youth", json=youth_body("Etag"), headers=admin)
        url = f"/v1/youth/{created.json()['id']}"
        read = await b.get(url, headers=admin)
        first = read.headers["etag"]
        assert first == created.headers["etag"]
        changed = await b.patch(url, json={"given_name": "Etag2"}, headers={**admin, "If-Match": first})
        assert changed.status_code == 200 and changed.headers["etag"] != first
        second = changed.headers["etag"]
        stale = await a.patch(url, json={"given_name": "Etag3"}, headers={**admin, "If-Match": first})
        assert stale.status_code == 412
        assert (await a.get(url, headers=admin)).headers["etag"] == second
        assert (await a.get(url, headers=admin)).json()["given_name"] == "Etag2"

    # Ten changes with the same ETag through the one port, half to each process: one wins.
    async with processes.client() as front:
        racing = await asyncio.gather(
            *(
                front.patch(url, json={"given_name": f"Race{n}"}, headers={**admin, "If-Match": second})
                for n in range(10)
            )
        )
        assert sorted(r.status_code for r in racing) == [200] + [412] * 9
        winner = next(r for r in racing if r.status_code == 200).json()["given_name"]
        final = await front.get(url, headers=admin)
        won = next(r for r in racing if r.status_code == 200)
        assert final.headers["etag"] == won.headers["etag"] and final.json()["given_name"] == winner
        assert final.json()["version"] == 3


async def test_a_withdrawn_key_stops_opening_either_process(processes, muni) -> None:
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    old = jwk.construct(public_pem(rsa_key).decode(), "RS256").to_dict()
    new = jwk.construct(public_pem(ec_key).decode(), "ES256").to_dict()
    old.update(kid="old", alg="RS256")
    new.update(kid="new", alg="ES256")
    processes.keyset.keys = [json.loads(json.dumps(k, default=lambda v: v.decode())) for k in (old, new)]
    mine = claims(municipality=muni)
    old_token = {"Authorization": "Bearer " + sign_token(mine, pem(rsa_key), "RS256", {"kid": "old"})}
    new_token = {"Authorization": "Bearer " + sign_token(mine, pem(ec_key), "ES256", {"kid": "new"})}
    clients = [processes.client(port) for port in processes.direct]
    try:
        for client in clients:  # each process verifies and remembers the token
            assert (await client.get("/v1/youth", headers=old_token)).status_code == 200
            assert (await client.get("/v1/youth", headers=new_token)).status_code == 200
        processes.keyset.keys = processes.keyset.keys[1:]  # the identity provider withdraws "old"
        withdrawn = time.monotonic()
        await asyncio.sleep(REFRESH + 0.2)
        for client in clients:
            refused = await client.get("/v1/youth", headers=old_token)
            assert refused.status_code == 401 and refused.json()["code"] == "auth.invalid_token"
            assert (await client.get("/v1/youth", headers=new_token)).status_code == 200
        assert time.monotonic() - withdrawn < REFRESH + 5  # refused within the interval, not later
    finally:
        for client in clients:
            await client.aclose()


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    app = Receiver()
    server, task, port = await serve_asgi(app)
    app.url = f"http://127.0.0.1:{port}/hooks"  # type: ignore[attr-defined]
    yield app
    server.should_exit = True
    await task


async def test_webhooks_from_both_processes_are_delivered_once(
    processes, auth, settings, admin_db, muni, receiver
) -> None:
    admin = auth("integration")
    a, b = processes.client(processes.direct[0]), processes.client(processes.direct[1])
    async with a, b:
        made = await a.post("/v1/webhooks", json={"url": receiver.url, "event_types": ["youth.*"]}, headers=admin)
        assert made.status_code == 201, made.text
        sub = made.json()
        seen = await b.get(f"/v1/webhooks/{sub['id']}", headers=admin)
        assert seen.status_code == 200 and seen.json()["version"] == 1
        for n in range(10):
            client = (a, b)[n % 2]
            assert (await client.post("/v1/youth", json=youth_body(f"Hook{n}"), headers=admin)).status_code == 201
        await wait_until_settled(admin_db)  # the feed shows a change once no older transaction runs
        events = [e for e in await all_events(a, admin) if e["type"] == "youth.created"]
        assert events == [e for e in await all_events(b, admin) if e["type"] == "youth.created"]
        assert len(events) == 10

    # Two webhook workers, each on its own engine, deliver every event once.
    vault = CprVault(settings.effective_cpr_key, settings.effective_cpr_hash_key)
    engines = [make_engine(settings, app_role=False) for _ in range(2)]
    # A worker that checks webhook targets is told the test's loopback receiver is allowed.
    loopback = {"allow_private": True} if "allow_private" in inspect.signature(run_once).parameters else {}
    try:
        async with httpx.AsyncClient() as http:
            for _ in range(50):
                await asyncio.gather(
                    *(
                        run_once(
                            async_sessionmaker(e, expire_on_commit=False), vault, http, municipalities=[muni], **loopback
                        )
                        for e in engines
                    )
                )
                if len(receiver.delivered()) >= len(events):
                    break
    finally:
        for engine in engines:
            await engine.dispose()
    delivered = receiver.delivered()
    assert sorted(delivered) == sorted(e["id"] for e in events)
    assert max(Counter(delivered).values()) == 1


def worker_pids(parent: int) -> list[int]:
    children = Path(f"/proc/{parent}/task/{parent}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


@pytest.fixture
def two_workers(settings: Settings, tmp_path: Path) -> Iterator[tuple[int, int, Path]]:
    port = free_port()
    log = tmp_path / "workers.log"
    process = start_server(["--port", str(port), "--workers", "2"], server_env(settings), log)
    try:
        wait_ready(port, process, log)
        yield port, process.pid, log
    finally:
        stop(process)


def real_clock_token(muni: str) -> dict[str, str]:
    """uvicorn starts its workers afresh, without the tests' clock: they read the real one."""
    now = int(time_machine.escape_hatch.time.time())
    minted = claims(municipality=muni, iat=now, nbf=now, exp=now + 600)
    return {"Authorization": "Bearer " + sign_token(minted, DEV_JWT_SECRET, "HS256")}


async def test_serve_with_two_workers(two_workers, muni) -> None:
    port, parent, log = two_workers
    # uvicorn's parent holds the port; its children are the workers (and at most a helper of
    # multiprocessing's): both worker processes answer on the one port.
    assert len(worker_pids(parent)) >= 2, log.read_text()[-2000:]
    admin = real_clock_token(muni)
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}", limits=httpx.Limits(max_keepalive_connections=0), timeout=30
    ) as client:
        created = await asyncio.gather(
            *(client.post("/v1/youth", json=youth_body(f"W{n}"), headers=admin) for n in range(20))
        )
        assert [r.status_code for r in created] == [201] * 20, created[0].text + log.read_text()[-1500:]
        listed = await client.get("/v1/youth", params={"limit": 50}, headers=admin)
        assert {y["given_name"] for y in listed.json()["items"]} == {f"W{n}" for n in range(20)}
