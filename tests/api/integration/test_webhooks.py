"""Webhooks: subscriptions, signed deliveries to a real HTTP server on localhost, retries with
backoff, dead letters and replay, and two workers that never deliver an event twice."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from collections import Counter
from datetime import timedelta
from typing import Any

import asyncpg
import httpx
import pytest
import uvicorn
from sqlalchemy.ext.asyncio import async_sessionmaker

from tests.api.integration.helpers import all_events, wait_until_settled
from tests.clock import now
from tests.conftest import _dsn, synthetic_cpr
from ungeapi.core.db import make_engine
from ungeapi.events.worker import run_once


class Receiver:
    """A webhook receiver: answers 500 to its first `fail_first` calls, then 204."""

    def __init__(self, fail_first: int = 0) -> None:
        self.fail_first = fail_first
        self.calls: list[tuple[dict[str, str], bytes, int]] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        status = 500 if len(self.calls) < self.fail_first else 204
        self.calls.append((headers, body, status))
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    def delivered(self) -> list[int]:
        return [json.loads(body)["id"] for _, body, status in self.calls if status == 204]


@pytest.fixture
async def receiver() -> Any:
    app = Receiver()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="off", log_level="warning")
    )
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn offers no event for it
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    app.url = f"http://127.0.0.1:{port}/hooks"  # type: ignore[attr-defined]
    yield app
    server.should_exit = True
    await task


@pytest.fixture
async def workers(settings) -> Any:
    """Two workers' session factories, each on its own engine, as the owner (see events/worker.py)."""
    engines = [make_engine(settings, url=settings.database_url, app_role=False) for _ in range(2)]
    yield [async_sessionmaker(e, expire_on_commit=False) for e in engines]
    for engine in engines:
        await engine.dispose()


def verify(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """What a receiver does, written out independently of the service's code."""
    parts = dict(p.split("=", 1) for p in headers["x-ungeapi-signature"].split(","))
    expected = hmac.new(secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"]) and headers["x-ungeapi-event-id"] == str(
        json.loads(body)["id"]
    )


async def subscribe(client, headers, url: str, **fields: Any) -> dict:
    response = await client.post("/v1/webhooks", json={"url": url, **fields}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def new_youth(client, headers) -> dict:
    body = {"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"}
    response = await client.post("/v1/youth", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def pending(admin_db, subscription_id: str) -> int:
    return await admin_db.fetchval(
        "SELECT count(*) FROM webhook_delivery WHERE subscription_id = $1 AND status = 'pending'",
        __import__("uuid").UUID(subscription_id),
    )


async def rounds_until_done(
    sessionmakers, app, admin_db, muni, sub_id, clock, *, step=timedelta(hours=1)
) -> int:
    """Runs worker rounds (advancing the injected clock) until nothing is pending; bounded."""
    await wait_until_settled(admin_db)
    async with httpx.AsyncClient() as http:
        for n in range(60):
            results = await asyncio.gather(
                *(run_once(s, app.state.vault, http, clock=lambda: clock[0], municipalities=[muni], batch=3,
                           jitter=lambda: 1.0, allow_private=True) for s in sessionmakers)
            )  # fmt: skip
            if not sum(r.fanned_out for r in results) and not await pending(admin_db, sub_id) and n > 0:
                return n
            clock[0] += step
    raise AssertionError("deliveries still pending")


class TestDelivery:
    async def test_a_receiver_failing_three_times_gets_every_event_once_signed(
        self, client, auth, app, admin_db, muni, receiver, workers
    ) -> None:
        admin = auth("admin")
        await client.post("/v1/settings/seed", headers=admin)  # before the subscription: not delivered
        receiver.fail_first = 3
        sub = await subscribe(client, admin, receiver.url)
        youth = [await new_youth(client, admin) for _ in range(3)]
        changed = await client.patch(
            f"/v1/youth/{youth[0]['id']}", json={"given_name": "Ny"}, headers={**admin, "If-Match": '"1"'}
        )
        assert changed.status_code == 200
        clock = [now()]
        await rounds_until_done(workers[:1], app, admin_db, muni, sub["id"], clock)

        feed = await all_events(client, admin)
        start = next(
            i for i, e in enumerate(feed) if e["type"] == "webhook.created" and e["resource_id"] == sub["id"]
        )
        expected = [e["id"] for e in feed[start:]]
        assert [e["type"] for e in feed[start:]] == [
            "webhook.created",
            *["youth.created"] * 3,
            "youth.updated",
        ]
        assert [status for *_, status in receiver.calls].count(500) == 3
        assert sorted(receiver.delivered()) == sorted(expected) and len(receiver.delivered()) == len(expected)
        for headers, body, _ in receiver.calls:
            assert verify(sub["secret"], headers, body), headers
            assert not verify("whsec_wrong", headers, body)
        first = json.loads(receiver.calls[0][1])
        assert set(first) == {"id", "type", "resource_type", "resource_id", "youth_id", "action", "version",
                              "occurred_at", "municipality_code"}  # fmt: skip
        log = (await client.get(f"/v1/webhooks/{sub['id']}/deliveries", headers=admin)).json()["items"]
        assert {d["status"] for d in log} == {"delivered"}
        assert sorted(d["attempts"] for d in log) == [1, 1, 2, 2, 2]
        assert [d["id"] for d in log] == sorted((d["id"] for d in log), reverse=True)

    async def test_a_new_subscription_gets_nothing_that_committed_before_it_while_a_long_transaction_runs(
        self, client, auth, app, admin_db, muni, receiver, workers, database_url
    ) -> None:
        """The worker starts below the settled horizon (events of transactions still running when
        the subscription was made commit later and are delivered), and one long transaction
        anywhere in the cluster holds that horizon back: what had already committed is not sent."""
        admin = auth("admin")
        holder = await asyncpg.connect(_dsn(database_url))
        long_running = holder.transaction()
        await long_running.start()
        await holder.fetchval("SELECT pg_current_xact_id()")  # takes an id: the horizon stays below it
        try:
            before = await new_youth(client, admin)
            sub = await subscribe(client, admin, receiver.url, event_types=["youth.*"])
            after = await new_youth(client, admin)
        finally:
            await long_running.rollback()
            await holder.close()
        await rounds_until_done(workers[:1], app, admin_db, muni, sub["id"], [now()])
        assert [json.loads(body)["resource_id"] for body in (b for _, b, _ in receiver.calls)] == [after["id"]]
        assert before["id"] != after["id"]

    async def test_two_workers_deliver_without_duplicates(
        self, client, auth, app, admin_db, muni, receiver, workers
    ) -> None:
        admin = auth("admin")
        sub = await subscribe(client, admin, receiver.url, event_types=["youth.*"])
        for _ in range(25):
            await new_youth(client, admin)
        await client.post("/v1/settings/seed", headers=admin)  # department events: filtered out
        clock = [now()]
        await rounds_until_done(workers, app, admin_db, muni, sub["id"], clock)
        delivered = receiver.delivered()
        assert len(delivered) == 25 and max(Counter(delivered).values()) == 1
        assert {json.loads(b)["type"] for _, b, _ in receiver.calls} == {"youth.created"}

    async def test_dead_letter_after_a_day_then_replay(
        self, client, auth, app, admin_db, muni, receiver, workers
    ) -> None:
        admin = auth("integration")
        receiver.fail_first = 10**6
        sub = await subscribe(client, admin, receiver.url, event_types=["youth.created"])
        await new_youth(client, admin)
        clock = [now()]
        rounds = await rounds_until_done(
            workers[:1], app, admin_db, muni, sub["id"], clock, step=timedelta(hours=2)
        )
        log = (await client.get(f"/v1/webhooks/{sub['id']}/deliveries", headers=admin)).json()["items"]
        assert len(log) == 1 and log[0]["status"] == "dead" and log[0]["last_status_code"] == 500
        tries = [c for c in receiver.calls]
        assert len(tries) == log[0]["attempts"] >= 12 and rounds >= 12  # every 2 hours for 24 hours
        dead = (
            await client.get(f"/v1/webhooks/{sub['id']}/deliveries", params={"status": "dead"}, headers=admin)
        ).json()
        assert [d["id"] for d in dead["items"]] == [log[0]["id"]]

        receiver.fail_first = 0
        receiver.calls.clear()
        replay = await client.post(
            f"/v1/webhooks/{sub['id']}/deliveries/{log[0]['id']}/replay", headers=admin
        )
        assert (
            replay.status_code == 200
            and replay.json()["status"] == "pending"
            and replay.json()["replays"] == 1
        )
        again = await client.post(f"/v1/webhooks/{sub['id']}/deliveries/{log[0]['id']}/replay", headers=admin)
        assert again.status_code == 409 and again.json()["code"] == "webhook.delivery_pending"
        async with httpx.AsyncClient() as http:
            await run_once(workers[0], app.state.vault, http, municipalities=[muni], allow_private=True)
        assert len(receiver.delivered()) == 1
        done = (await client.get(f"/v1/webhooks/{sub['id']}/deliveries", headers=admin)).json()["items"][0]
        assert done["status"] == "delivered" and done["replays"] == 1


class TestSubscriptions:
    async def test_the_secret_is_shown_once_and_changes_need_if_match(self, client, auth, muni) -> None:
        admin = auth("admin")
        sub = await subscribe(
            client, admin, "https://journal.kommune.dk/hooks", event_types=["youth.*", "case.created"]
        )
        assert sub["secret"].startswith("whsec_") and sub["active"] is True
        read = await client.get(f"/v1/webhooks/{sub['id']}", headers=admin)
        assert read.status_code == 200 and "secret" not in read.json() and read.headers["ETag"].startswith('"1-')
        listed = (await client.get("/v1/webhooks", headers=admin)).json()["items"]
        assert [w["id"] for w in listed] == [sub["id"]] and "secret" not in listed[0]
        paused = await client.patch(
            f"/v1/webhooks/{sub['id']}", json={"active": False}, headers={**admin, "If-Match": '"1"'}
        )
        assert (
            paused.status_code == 200 and paused.json()["active"] is False and paused.json()["version"] == 2
        )
        stale = await client.patch(
            f"/v1/webhooks/{sub['id']}", json={"active": True}, headers={**admin, "If-Match": '"1"'}
        )
        assert stale.status_code == 412
        missing = await client.patch(f"/v1/webhooks/{sub['id']}", json={"active": True}, headers=admin)
        assert missing.status_code == 428

    async def test_refusals(self, client, auth) -> None:
        admin = auth("admin")
        sub = await subscribe(client, admin, "https://journal.kommune.dk/hooks")
        assert (await client.get("/v1/webhooks", headers=auth("caseworker"))).status_code == 403
        assert (
            await client.post("/v1/webhooks", json={"url": "https://x.dk"}, headers=auth("dpo"))
        ).status_code == 403
        other = await client.get(f"/v1/webhooks/{sub['id']}", headers=auth("admin", municipality="998"))
        assert other.status_code == 404 and other.json()["code"] == "webhook.not_found"
        bad_url = await client.post("/v1/webhooks", json={"url": "ftp://x.dk"}, headers=admin)
        assert bad_url.status_code == 422
        bad_type = await client.post(
            "/v1/webhooks", json={"url": "https://x.dk", "event_types": ["Youth"]}, headers=admin
        )
        assert bad_type.status_code == 422
        nothing = await client.post(f"/v1/webhooks/{sub['id']}/deliveries/1/replay", headers=admin)
        assert nothing.status_code == 404 and nothing.json()["code"] == "webhook.delivery_not_found"
