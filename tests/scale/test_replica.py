"""The aggregate statistics and the transition forecast read from a streaming replica
(UNGEAPI_DATABASE_REPLICA_URL), within a bound on its lag, and from the primary otherwise.

A primary and a hot standby of its own are made for this module (ungeapi_dev.streaming: initdb,
pg_basebackup, both servers on loopback), the schema migrated on the primary. Where a read ran
is what the replica's connection says of itself (`pg_is_in_recovery()`), in the answer's
`X-Read-Source` and in /metrics; that the primary answered is also seen in the figures: with
the replica's replay paused, a youth created on the primary is counted only where it is.
Per-youth reads stay on the primary: their audit record is written in their own transaction.

Skipped where the PostgreSQL server programs or pg_basebackup are missing.
"""

from __future__ import annotations

import asyncio
import tempfile
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from sqlalchemy.engine import make_url

from tests.conftest import METRICS_TOKEN, recreate_database, run_migrations, synthetic_cpr
from ungeapi.core import audit
from ungeapi.core.context import request_ctx
from ungeapi.core.db import Database
from ungeapi.core.security import Principal
from ungeapi.core.settings import Settings
from ungeapi.main import create_app
from ungeapi_dev import streaming
from ungeapi_dev.pgbin import NoBinaries

DATABASE = "ungeapi_replica"
FIGURES = ("/v1/statistics/target-groups", "/v1/statistics/transition-forecast")


@pytest.fixture(scope="module")
def pair() -> Iterator[streaming.Pair]:
    try:
        streaming.binaries()
    except NoBinaries as exc:
        pytest.skip(f"no streaming replica here: {exc}")
    with tempfile.TemporaryDirectory(prefix="ungeapi-replica-") as directory:
        started = streaming.start_pair(Path(directory))
        try:
            yield started
        finally:
            started.close()


@pytest.fixture(scope="module")
def primary_url(pair: streaming.Pair) -> str:
    url = asyncio.run(recreate_database(pair.url("primary"), DATABASE))
    run_migrations(url)
    return url


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture
async def servers(pair: streaming.Pair, primary_url: str) -> AsyncIterator[tuple[Any, Any]]:
    """Superuser connections to (the primary, the replica)."""
    primary = await asyncpg.connect(_dsn(primary_url))
    replica = await asyncpg.connect(_dsn(pair.url("replica", DATABASE)))
    try:
        yield primary, replica
    finally:
        if not replica.is_closed():
            await replica.execute("SELECT pg_wal_replay_resume()")
            await replica.close()
        await primary.close()


Client = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def client_with(settings: Settings, pair: streaming.Pair, primary_url: str) -> Client:
    """client_with(**settings): a client of an app on the primary with the replica set."""

    @asynccontextmanager
    async def make(**changes: Any) -> AsyncIterator[httpx.AsyncClient]:
        own = settings.model_copy(
            update={
                "database_url": primary_url,
                "database_replica_url": pair.url("replica", DATABASE),
                "replica_retry_seconds": 0,
                **changes,
            }
        )
        app = create_app(own)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                yield client

    return make


async def caught_up(primary: Any, replica: Any) -> None:
    """Until the replica has replayed everything the primary has written so far."""
    written = await primary.fetchval("SELECT pg_current_wal_insert_lsn()")
    for _ in range(600):
        if await replica.fetchval("SELECT pg_last_wal_replay_lsn() >= $1", written):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the replica did not catch up in 30 s")


async def received_unreplayed(primary: Any, replica: Any) -> None:
    """Until the (paused) replica has received the primary's last writes but not replayed them."""
    written = await primary.fetchval("SELECT pg_current_wal_insert_lsn()")
    for _ in range(600):
        if await replica.fetchval(
            "SELECT pg_last_wal_receive_lsn() >= $1 AND pg_last_wal_replay_lsn() < $1", written
        ):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the replica did not receive the primary's writes in 30 s")


async def add_youth(client: httpx.AsyncClient, headers: dict[str, str], count: int) -> None:
    for n in range(count):
        body = {"cpr": synthetic_cpr(), "given_name": f"Replika{n}", "family_name": "Læsning"}
        response = await client.post("/v1/youth", json=body, headers=headers)
        assert response.status_code == 201, response.text


async def youth_counted(client: httpx.AsyncClient, headers: dict[str, str]) -> tuple[str, int | None]:
    response = await client.get("/v1/statistics/target-groups", headers=headers)
    assert response.status_code == 200, response.text
    return response.headers["x-read-source"], response.json()["youth"]["value"]


async def five_youth_replicated(client: httpx.AsyncClient, headers: dict[str, str], servers: Any) -> None:
    await add_youth(client, headers, 5)
    await caught_up(*servers)


async def figures_read_from(client: httpx.AsyncClient, headers: dict[str, str], source: str) -> None:
    """Every figure that may use the replica answers, read where `source` (X-Read-Source) says."""
    for path in FIGURES:
        response = await client.get(path, headers=headers)
        assert response.status_code == 200, response.text
        assert response.headers["x-read-source"].startswith(source), path


async def reads_metric(client: httpx.AsyncClient) -> str:
    text = (await client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})).text
    return "\n".join(line for line in text.splitlines() if line.startswith("ungeapi_replica_reads_total{"))


async def test_statistics_and_forecast_read_on_the_replica(client_with, servers, auth, muni) -> None:
    primary, _ = servers
    admin = auth("admin")
    async with client_with() as client:
        await five_youth_replicated(client, admin, servers)
        await figures_read_from(client, admin, "replica; lag=")
        assert await youth_counted(client, admin) == ("replica; lag=0.000", 5)
        # A read of a youth's own data is audited in its own transaction: on the primary, always.
        listed = await client.get("/v1/youth", headers=admin)
        assert listed.status_code == 200 and "x-read-source" not in listed.headers
        assert 'reason="current",source="replica"} 3.0' in await reads_metric(client)
    # The replica cannot write: the records of the three reads were written on the primary.
    audited = await primary.fetch(
        "SELECT detail->>'figure' AS figure, youth_id, purpose FROM audit_event "
        "WHERE municipality_code = $1 AND action = 'statistics' ORDER BY id",
        muni,
    )
    assert [(r["figure"], r["youth_id"], r["purpose"]) for r in audited] == [
        ("target_groups", None, "statistics"),
        ("transition_forecast", None, "statistics"),
        ("target_groups", None, "statistics"),
    ]


async def test_past_the_lag_bound_the_primary_answers(client_with, servers, auth, muni) -> None:
    """With replay paused, the replica falls behind: past the bound (here none is tolerated) the
    primary answers, and counts the youth the replica does not have yet; once replay resumes and
    the replica has caught up, it answers again."""
    primary, replica = servers
    admin = auth("admin")
    async with client_with(replica_max_lag_seconds=0) as client:
        await five_youth_replicated(client, admin, servers)
        # Caught up, and the primary idle since: the last replayed commit grows older, but the
        # replica has replayed all it received, so it is current (lag 0, within a bound of 0).
        await asyncio.sleep(0.5)
        assert await youth_counted(client, admin) == ("replica; lag=0.000", 5)

        await replica.execute("SELECT pg_wal_replay_pause()")
        await add_youth(client, admin, 1)
        await received_unreplayed(primary, replica)
        assert await youth_counted(client, admin) == ("primary; reason=lag", 6)
        assert 'reason="lag",source="primary"} 1.0' in await reads_metric(client)

        await replica.execute("SELECT pg_wal_replay_resume()")
        await caught_up(primary, replica)
        assert await youth_counted(client, admin) == ("replica; lag=0.000", 6)


async def test_within_the_bound_a_paused_replica_still_answers(client_with, servers, auth) -> None:
    """A replica a little behind is what the bound allows: the figures may miss the last writes."""
    primary, replica = servers
    admin = auth("admin")
    async with client_with(replica_max_lag_seconds=3600) as client:
        await five_youth_replicated(client, admin, servers)
        await replica.execute("SELECT pg_wal_replay_pause()")
        await add_youth(client, admin, 1)
        await received_unreplayed(primary, replica)
        source, counted = await youth_counted(client, admin)
        assert source.startswith("replica; lag=") and counted == 5


async def test_a_replica_down_leaves_the_primary_to_answer(client_with, servers, pair, auth) -> None:
    _, replica = servers
    admin = auth("admin")
    async with client_with() as client:
        await five_youth_replicated(client, admin, servers)
        assert (await youth_counted(client, admin))[0].startswith("replica")  # pooled connections
        await replica.close()
        pair.stop("replica")
        try:
            await figures_read_from(client, admin, "primary; reason=replica-unavailable")
            assert 'reason="replica-unavailable",source="primary"} 2.0' in await reads_metric(client)
        finally:
            pair.start("replica")
        # Back: the pool's dead connections are thrown away, a new one is opened.
        assert (await youth_counted(client, admin))[0].startswith("replica")


async def test_a_replica_cannot_take_a_youths_audit_record(settings, pair, primary_url, muni) -> None:
    """The guard under the rule: a per-youth read audited on a replica's session is refused, not
    deferred (its record must commit with the read)."""
    own = settings.model_copy(
        update={"database_url": primary_url, "database_replica_url": pair.url("replica", DATABASE)}
    )
    db = Database(own)
    principal = Principal(sub="analyst", name="Analyst", municipality=muni, roles=frozenset({"admin"}))
    ctx = request_ctx(principal, "statistics", "replica-test")
    try:
        async with db.read_transaction(muni) as (session, where):
            assert where.source == "replica"
            with pytest.raises(RuntimeError, match="not on a replica"):
                await audit.record(session, ctx, action="read", resource_type="youth", youth_id=uuid.uuid4())
            with pytest.raises(RuntimeError, match="not on a replica"):
                await audit.record_many(session, ctx, action="search", resource_type="event", subjects=[])
    finally:
        await db.dispose()


async def test_without_a_replica_the_primary_answers_and_says_so(client, auth) -> None:
    """The tests' own app has no UNGEAPI_DATABASE_REPLICA_URL."""
    response = await client.get("/v1/statistics/target-groups", headers=auth("admin"))
    assert response.status_code == 200
    assert response.headers["x-read-source"] == "primary; reason=no-replica"
