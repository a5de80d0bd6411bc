"""`make ha-test`: writes through the API while the primary is lost, then a count of what survived.

On the cluster of ungeapi_dev.ha (started if it is not running): a fresh database, migrated;
`ungeapi serve --workers 2` on the cluster's multi-host URL (target_session_attrs=read-write);
a webhook worker (`ungeapi worker`) delivering to a receiver here; a reader following the change
feed with its cursor; and `--clients` writers, each in a loop: create a youth (POST with an
Idempotency-Key), then change it (PATCH with If-Match). A writer retries a write whose answer
was 503 (waiting Retry-After) or never came (the connection broke): the same key and body for a
create, the same If-Match for a change; a change answered 412 after such an attempt is read back,
and counts as acknowledged when the youth holds what it wrote (the lost answer was a success).
`--before` seconds into the load the primary is killed (SIGKILL to its service and PostgreSQL: a
lost machine); the load goes on until writes have succeeded again for `--after` seconds; then
the killed node is started again and rejoins as a replica.

Figures (printed, and written as JSON to var/ha/failover.json):
- writes acknowledged (201/200, or a 412 read back as ours) and found in the database as
  acknowledged; duplicates (two youth from one Idempotency-Key: two rows with one writer's
  marker); feed gaps (acknowledged writes without their event in the feed, plus events the
  live reader never saw although they are in the feed); webhook events never delivered;
- answers by status: 503s (each with Retry-After), and any 500 or other unexpected status;
- seconds to recover: from the kill to the first write answered 2xx that was sent after it;
  the API process is never restarted.
The run fails (exit 1) if any acknowledged write is missing, any duplicate or gap exists, any
answer is a 5xx other than 503, or the API has not recovered within `--max-recovery` seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import uvicorn
from sqlalchemy.engine import make_url

from ungeapi.core.security import mint_dev_token
from ungeapi.core.settings import DEV_JWT_SECRET, Settings
from ungeapi_dev import ha
from ungeapi_dev.pgbouncer import free_port, wait_for_port

MUNICIPALITY = "851"
DATABASE = "ungeapi_failover"
FAMILY = "Failover"
RETRY_FOR = 120.0  # a writer gives up a write it has not had answered after this many seconds


@dataclass
class Ack:
    """A write the API acknowledged: the youth, what it holds now, and its version."""

    kind: str  # "create" or "change"
    youth_id: str
    given_name: str
    version: int
    marker: str
    etag: str = ""


@dataclass
class Load:
    acks: list[Ack] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    # (seconds since the kill, rounded down; status or 0 for no answer) -> answers
    timeline: Counter[tuple[int, int]] = field(default_factory=Counter)
    broken: int = 0  # requests whose answer never came (connection refused or cut)
    missing_retry_after: int = 0
    unexpected: list[str] = field(default_factory=list)
    abandoned: int = 0  # writes never acknowledged within RETRY_FOR
    replayed: int = 0  # creates answered from their Idempotency-Key's first answer
    confirmed_by_reading: int = 0  # changes answered 412 after a lost answer, and found written
    kill_at: float | None = None
    recovered_at: float | None = None  # the first write sent after the kill and answered 2xx
    recovered: asyncio.Event = field(default_factory=asyncio.Event)
    feed_seen: list[dict[str, Any]] = field(default_factory=list)
    # The statistics reader's answers: "<status> <where it was read>" (X-Read-Source) -> count.
    figures: Counter[str] = field(default_factory=Counter)


def cpr_number(n: int, today: date) -> str:
    """Distinct CPR-shaped numbers of youth aged 16-17 (serials 4000-4999, a thousand per day)."""
    born = date(today.year - 17, 1, 1) + timedelta(days=n // 1000)
    return f"{born:%d%m%y}-4{n % 1000:03d}"


class Writer:
    def __init__(self, client: httpx.AsyncClient, load: Load, number: int, stop: asyncio.Event) -> None:
        self.client, self.load, self.number, self.stop = client, load, number, stop

    async def send(self, method: str, url: str, **kwargs: Any) -> httpx.Response | None:
        sent = time.monotonic()
        try:
            response = await self.client.request(method, url, **kwargs)
        except httpx.TransportError:
            self.load.broken += 1
            self._mark(sent, 0)
            return None
        self.load.statuses[response.status_code] += 1
        self._mark(sent, response.status_code)
        if response.status_code == 503 and "retry-after" not in response.headers:
            self.load.missing_retry_after += 1
        kill = self.load.kill_at
        if response.is_success and kill is not None and sent > kill and self.load.recovered_at is None:
            self.load.recovered_at = time.monotonic()
            self.load.recovered.set()
        return response

    def _unexpected(self, what: str, response: httpx.Response) -> None:
        self.load.unexpected.append(f"{what}: {response.status_code} {response.text[:200]}")

    def _mark(self, sent: float, status: int) -> None:
        if self.load.kill_at is not None:
            self.load.timeline[(int(sent - self.load.kill_at), status)] += 1

    async def run(self, today: date) -> None:
        n = 0
        while not self.stop.is_set():
            marker = f"W{self.number}x{n}"
            created = await self.create(marker, cpr_number(self.number * 10_000 + n, today))
            if created is not None:
                await self.change(created, marker)
            n += 1

    async def _pause(self, response: httpx.Response | None) -> None:
        wait = 0.2
        if response is not None and response.status_code == 503:
            wait = min(float(response.headers.get("retry-after", "1")), 1.0)
        await asyncio.sleep(wait)

    async def create(self, marker: str, cpr: str) -> Ack | None:
        body = {"cpr": cpr, "given_name": marker, "family_name": FAMILY}
        headers = {"Idempotency-Key": f"failover-{marker}"}
        deadline = time.monotonic() + RETRY_FOR
        while time.monotonic() < deadline:
            response = await self.send("POST", "/v1/youth", json=body, headers=headers)
            if response is not None and response.status_code == 201:
                self.load.replayed += response.headers.get("idempotent-replayed") == "true"
                youth = response.json()
                ack = Ack("create", youth["id"], marker, youth["version"], marker, response.headers["etag"])
                self.load.acks.append(ack)
                return ack
            retry = response is None or response.status_code == 503 or (
                # A retry that overtook the first attempt, still running: its answer will be replayed.
                response.status_code == 409 and response.json().get("code") == "idempotency.in_progress"
            )
            if not retry:
                assert response is not None
                self._unexpected(f"POST {marker}", response)
                return None
            await self._pause(response)
        self.load.abandoned += 1
        return None

    async def change(self, created: Ack, marker: str) -> None:
        name = f"{marker}p"
        url = f"/v1/youth/{created.youth_id}"
        headers = {"If-Match": created.etag}
        ambiguous = False  # an attempt whose outcome we did not learn
        deadline = time.monotonic() + RETRY_FOR
        while time.monotonic() < deadline:
            response = await self.send("PATCH", url, json={"given_name": name}, headers=headers)
            if response is not None and response.status_code == 412 and ambiguous:
                response = await self.send("GET", url)  # did the attempt whose answer was lost succeed?
                if response is None or response.json().get("given_name") != name:
                    self.load.unexpected.append(f"PATCH {marker}: 412, and the youth is not as written")
                    return
                self.load.confirmed_by_reading += 1
            if response is not None and response.status_code == 200:
                version = response.json()["version"]
                self.load.acks.append(Ack("change", created.youth_id, name, version, marker))
                return
            if response is not None and response.status_code != 503:
                self._unexpected(f"PATCH {marker}", response)
                return
            ambiguous = True
            await self._pause(response)
        self.load.abandoned += 1


async def follow_feed(client: httpx.AsyncClient, load: Load, stop: asyncio.Event) -> None:
    """The change feed's reader: from the start, with its cursor, through the failover."""
    after: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 200}
        if after:
            params["after"] = after
        try:
            response = await client.get("/v1/events", params=params)
        except httpx.TransportError:
            response = None
        if response is not None and response.status_code == 200:
            page = response.json()
            load.feed_seen.extend(page["items"])
            after = page["next_cursor"] or after
            if page["has_more"]:
                continue
            if stop.is_set():
                return
        await asyncio.sleep(0.2)


async def read_figures(client: httpx.AsyncClient, load: Load, stop: asyncio.Event) -> None:
    """Aggregate statistics through the failover: from a replica (UNGEAPI_DATABASE_REPLICA_URL,
    the cluster's standbys), or from the primary while none will do."""
    while not stop.is_set():
        try:
            response = await client.get("/v1/statistics/target-groups")
        except httpx.TransportError:
            load.figures["no answer"] += 1
        else:
            # An error answer (503: no primary to write the read's audit record) says nowhere.
            source, _, detail = response.headers.get("x-read-source", "").partition("; ")
            reason = detail.removeprefix("reason=")
            where = source if source in ("", "replica") else f"{source} ({reason})"
            load.figures[f"{response.status_code} {where}".strip()] += 1
        await asyncio.sleep(0.2)


class Receiver:
    """Webhook deliveries: the event ids received (at least once each)."""

    def __init__(self) -> None:
        self.ids: Counter[int] = Counter()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        with contextlib.suppress(ValueError, KeyError):
            self.ids[int(json.loads(body)["id"])] += 1
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def figures(load: Load, stored: dict[str, tuple[str, int]], markers: Counter[str],
            events: list[dict[str, Any]], delivered: Counter[int]) -> dict[str, Any]:  # fmt: skip
    """What survived. `stored`: youth id -> (given_name, version) in the database; `markers`: rows
    per writer's marker; `events`: the feed read to its end after the load; `delivered`: webhook
    deliveries per event id."""
    # An acknowledged write is found when its youth is there at its version or later; the last
    # acknowledged write of a youth (nothing else writes to it) must be exactly what is stored.
    last: dict[str, Ack] = {}
    for ack in load.acks:
        if ack.youth_id not in last or ack.version > last[ack.youth_id].version:
            last[ack.youth_id] = ack
    found = 0
    for ack in load.acks:
        now = stored.get(ack.youth_id)
        if now is None or now[1] < ack.version:
            continue
        if ack is last[ack.youth_id] and now != (ack.given_name, ack.version):
            continue
        found += 1
    by_write = {(e["resource_id"], e["version"]) for e in events if e["resource_type"] == "youth"}
    without_event = sum(1 for ack in load.acks if (ack.youth_id, ack.version) not in by_write)
    seen = Counter(e["id"] for e in load.feed_seen)
    missed_by_reader = sum(1 for e in events if e["id"] not in seen)
    recovery = None
    if load.kill_at is not None and load.recovered_at is not None:
        recovery = round(load.recovered_at - load.kill_at, 1)
    youth_events = [e["id"] for e in events if e["resource_type"] == "youth"]
    return {
        "writes_acknowledged": len(load.acks),
        "creates_acknowledged": sum(1 for a in load.acks if a.kind == "create"),
        "changes_acknowledged": sum(1 for a in load.acks if a.kind == "change"),
        "creates_replayed": load.replayed,
        "changes_confirmed_by_reading": load.confirmed_by_reading,
        "writes_found": found,
        "duplicates": sum(n - 1 for n in markers.values() if n > 1),
        "feed_gaps": without_event + missed_by_reader,
        "feed_events": len(events),
        "feed_read_twice": sum(n - 1 for n in seen.values() if n > 1),
        "webhook_events_undelivered": sum(1 for i in youth_events if delivered[i] == 0),
        "webhook_redeliveries": sum(n - 1 for n in delivered.values() if n > 1),
        "answers": dict(sorted(load.statuses.items())),
        "answers_5xx_not_503": sum(n for code, n in load.statuses.items() if code >= 500 and code != 503),
        "statistics_answers": dict(sorted(load.figures.items())),
        "statistics_5xx_not_503": sum(n for k, n in load.figures.items() if k[:1] == "5" and k[:3] != "503"),
        "unexpected": load.unexpected[:20],
        "503_without_retry_after": load.missing_retry_after,
        "requests_without_answer": load.broken,
        "writes_abandoned": load.abandoned,
        "seconds_to_recover": recovery,
        "timeline": {
            f"{second}s": dict(sorted((status, n) for (s, status), n in load.timeline.items() if s == second))
            for second in sorted({s for s, _ in load.timeline})
        },
    }


def passed(result: dict[str, Any], max_recovery: float) -> bool:
    recovery = result["seconds_to_recover"]
    return (
        result["writes_found"] == result["writes_acknowledged"] > 0
        and result["duplicates"] == 0
        and result["feed_gaps"] == 0
        and result["feed_read_twice"] == 0
        and result["webhook_events_undelivered"] == 0
        and result["answers_5xx_not_503"] == 0
        and result["statistics_5xx_not_503"] == 0
        and result["statistics_answers"].get("200 replica", 0) > 0
        and not result["unexpected"]
        and result["503_without_retry_after"] == 0
        and result["writes_abandoned"] == 0
        and recovery is not None
        and recovery <= max_recovery
    )


async def _connect(url: str) -> asyncpg.Connection:
    """asyncpg's own connection to the primary of a multi-host SQLAlchemy URL."""
    parsed = make_url(url)
    hosts = parsed.query["host"]
    addresses = [h.rpartition(":") for h in ([hosts] if isinstance(hosts, str) else hosts)]
    return await asyncpg.connect(
        host=[a[0] for a in addresses],
        port=[int(a[2]) for a in addresses],
        user=parsed.username,
        database=parsed.database,
        target_session_attrs="read-write",
    )


async def _database(cluster: ha.Cluster) -> str:
    """A fresh database on the primary; its URL through every node."""
    conn = await _connect(cluster.url("postgres"))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{DATABASE}"')
    finally:
        await conn.close()
    return cluster.url(DATABASE)


async def _stored(url: str) -> tuple[dict[str, tuple[str, int]], Counter[str]]:
    conn = await _connect(url)
    try:
        rows = await conn.fetch(
            "SELECT id::text, given_name, version FROM youth "
            "WHERE municipality_code = $1 AND family_name = $2",
            MUNICIPALITY,
            FAMILY,
        )
    finally:
        await conn.close()
    stored = {r["id"]: (r["given_name"], r["version"]) for r in rows}
    markers = Counter(r["given_name"].removesuffix("p") for r in rows)
    return stored, markers


async def _read_feed(client: httpx.AsyncClient) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    after: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 200}
        if after:
            params["after"] = after
        response = await client.get("/v1/events", params=params)
        if response.status_code != 200:
            raise RuntimeError(f"the feed answered {response.status_code}: {response.text[:300]}")
        page = response.json()
        items += page["items"]
        after = page["next_cursor"] or after
        if not page["has_more"]:
            return items


async def _settled(url: str) -> None:
    """Until every transaction that began before now has ended: the feed shows all of them."""
    conn = await _connect(url)
    try:
        mark = await conn.fetchval("SELECT pg_current_xact_id()::text::bigint")
        for _ in range(600):
            if await conn.fetchval("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint") > mark:
                return
            await asyncio.sleep(0.1)
    finally:
        await conn.close()


def _environment(url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UNGEAPI_")}
    env.update(
        UNGEAPI_ENV="development",
        UNGEAPI_DATABASE_URL=url,
        # The cluster's standbys, whichever they are (the API's URL names every node).
        UNGEAPI_DATABASE_REPLICA_URL=ha.standby_url(url),
        UNGEAPI_JWT_DEV_SECRET=DEV_JWT_SECRET,
        UNGEAPI_LOG_LEVEL="WARNING",
    )
    return env


def _cli(url: str, log: Path, *args: str) -> subprocess.Popen[bytes]:
    """`ungeapi *args` on the cluster, in the background."""
    with log.open("ab") as out:
        command = [sys.executable, "-m", "ungeapi.cli", *args]
        return subprocess.Popen(command, env=_environment(url), stdout=out, stderr=subprocess.STDOUT)  # noqa: S603


def _end(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def _receiver() -> tuple[Receiver, uvicorn.Server, asyncio.Task[None], str]:
    receiver = Receiver()
    config = uvicorn.Config(receiver, host="127.0.0.1", port=0, lifespan="off", log_level="warning")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn offers no event for it
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    return receiver, server, task, f"http://127.0.0.1:{port}/hooks"


def _client(port: int) -> httpx.AsyncClient:
    settings = Settings(env="development", jwt_dev_secret=DEV_JWT_SECRET)
    token = mint_dev_token(
        settings,
        sub=f"failover@{MUNICIPALITY}",
        roles=["admin"],
        departments=["BFU"],
        municipality=MUNICIPALITY,
    )
    return httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}",
        headers={"Authorization": f"Bearer {token}"},
        # A new connection per request, so both API processes serve.
        limits=httpx.Limits(max_keepalive_connections=0),
        timeout=httpx.Timeout(30.0),
    )


async def _load(
    args: argparse.Namespace, cluster: ha.Cluster, client: httpx.AsyncClient, load: Load, url: str
) -> str:
    """Writers and the feed's reader; the primary killed on the way. Returns the killed node."""
    stop, feed_stop = asyncio.Event(), asyncio.Event()
    today = date.today()
    writers = [asyncio.create_task(Writer(client, load, n, stop).run(today)) for n in range(args.clients)]
    reader = asyncio.create_task(follow_feed(client, load, feed_stop))
    figures_reader = asyncio.create_task(read_figures(client, load, stop))
    await asyncio.sleep(args.before)
    killed = ha.primary(cluster) or "node1"
    print(f"killing the primary, {killed}, after {len(load.acks)} acknowledged writes", flush=True)
    load.kill_at = time.monotonic()
    await asyncio.to_thread(ha.kill, cluster, killed)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(load.recovered.wait(), timeout=args.max_recovery + 30)
    print(f"writes succeed again after {time.monotonic() - load.kill_at:.1f} s", flush=True)
    await asyncio.sleep(args.after)
    stop.set()
    await asyncio.gather(*writers, figures_reader)
    await _settled(url)  # then the reader has every event the feed will ever hold of the load
    feed_stop.set()
    await reader
    return killed


async def run(args: argparse.Namespace) -> dict[str, Any]:
    cluster = await asyncio.to_thread(ha.up, args.var_dir)
    url = await _database(cluster)
    migrate = [sys.executable, "-m", "ungeapi.cli", "migrate"]
    await asyncio.to_thread(subprocess.run, migrate, check=True, env=_environment(url))
    port = free_port()
    serve = ["serve", "--port", str(port), "--workers", str(args.workers)]
    api = _cli(url, cluster.root / "failover-api.log", *serve)
    worker = _cli(url, cluster.root / "failover-worker.log", "worker", "--idle", "0.2")
    receiver, hook_server, hook_task, hook_url = await _receiver()
    load = Load()
    killed: str | None = None
    try:
        await asyncio.to_thread(wait_for_port, "127.0.0.1", port, timeout=60, process=api)
        async with _client(port) as client:
            hook = await client.post("/v1/webhooks", json={"url": hook_url, "event_types": ["youth.*"]})
            hook.raise_for_status()
            killed = await _load(args, cluster, client, load, url)
            events = await _read_feed(client)
        for _ in range(300):  # the worker delivers what the feed holds
            if all(receiver.ids[e["id"]] for e in events if e["resource_type"] == "youth"):
                break
            await asyncio.sleep(0.1)
        stored, markers = await _stored(url)
        result = figures(load, stored, markers, events, receiver.ids)
        result["killed"], result["new_primary"] = killed, ha.primary(cluster)
    finally:
        _end(api)
        _end(worker)
        hook_server.should_exit = True
        await hook_task
        if killed:
            ha.start(cluster, killed)  # it rejoins as a replica of the new primary
    started = time.monotonic()
    await asyncio.to_thread(ha.wait_settled, cluster, len(ha.NODES))
    result["seconds_for_the_killed_node_to_rejoin"] = round(time.monotonic() - started, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    summary = __doc__.splitlines()[0]
    parser = argparse.ArgumentParser(prog="python -m ungeapi_dev.failover", description=summary)
    parser.add_argument("--var-dir", type=Path, default=Path("var/ha"))
    parser.add_argument("--clients", type=int, default=8, help="concurrent writers")
    parser.add_argument("--workers", type=int, default=2, help="API processes (uvicorn workers)")
    parser.add_argument("--before", type=float, default=10.0, help="seconds of load before the kill")
    parser.add_argument("--after", type=float, default=10.0, help="seconds of load once writes succeed again")
    parser.add_argument("--max-recovery", type=float, default=60.0, help="seconds allowed to recover")
    args = parser.parse_args(argv)
    if not ha.installed():
        print(f"failover: {ha.INSTALL_HINT}", file=sys.stderr)
        return 2
    started = time.monotonic()
    result = asyncio.run(run(args))
    result["seconds_in_all"] = round(time.monotonic() - started)
    (args.var_dir / "failover.json").write_text(json.dumps(result, indent=2))
    for key, value in result.items():
        print(f"{key:38} {value}")
    ok = passed(result, args.max_recovery)
    print("PASSED" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
