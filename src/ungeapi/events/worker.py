"""The webhook worker (`ungeapi worker`): turns the change feed into deliveries and sends them.

Each round (`run_once`):
1. Fan-out: for every active subscription it can lock (FOR UPDATE SKIP LOCKED, so two workers
   never scan the same subscription at once), read the events after the subscription's scan
   position that are settled (xact_id below the oldest running transaction, as the feed does),
   and insert one delivery per matching event. (subscription_id, event_id) is unique, so even a
   crash between insert and position update cannot create a second delivery.
2. Delivery: claim due pending deliveries with FOR UPDATE SKIP LOCKED, POST them signed, and
   record the outcome in the same transaction. The row lock is held while the POST runs, so
   another worker skips the row instead of sending it twice; if this worker dies the lock is
   released and the delivery is tried again (at-least-once: receivers dedupe on the event id).

Tenancy: the worker serves every municipality, so it connects with the schema owner's URL
(UNGEAPI_MIGRATION_DATABASE_URL) and does not assume the row-level-security role. That role
must be a superuser or have BYPASSRLS (as the migration role here does): row-level security
exists to keep one municipality's request from seeing another's rows, and the worker makes no
request on anyone's behalf. Its queries name each row's municipality explicitly anyway, and it
writes only delivery rows and subscription scan positions.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from ungeapi.core.clock import utc_now  # the app's clock, unless a caller gives its own
from ungeapi.core.crypto import CprVault
from ungeapi.events import repository, rules, targets
from ungeapi.events.service import event_payload

logger = logging.getLogger("ungeapi.worker")

SIGNATURE_HEADER = "X-Ungeapi-Signature"
EVENT_ID_HEADER = "X-Ungeapi-Event-Id"
USER_AGENT = "ungeapi-webhooks/1"
TIMEOUT = httpx.Timeout(10.0, connect=5.0)

Clock = Callable[[], datetime]


@dataclass
class RoundResult:
    fanned_out: int = 0
    delivered: int = 0
    failed: int = 0
    dead: int = 0
    sent_event_ids: list[int] = field(default_factory=list)


async def fan_out(
    session: AsyncSession, *, now: datetime, municipalities: Collection[str] | None, scan_limit: int
) -> int:
    """One transaction: new deliveries for the settled events after each subscription's position."""
    created = 0
    for sub in await repository.lock_active_subscriptions(session, municipalities):
        rows = await repository.settled_events_after(session, sub, limit=scan_limit)
        if not rows:
            continue
        wanted = [
            {
                "municipality_code": sub.municipality_code,
                "subscription_id": sub.id,
                "event_id": r.id,
                "event_type": rules.event_type(r.resource_type, r.action),
                "next_attempt_at": now,
                "window_started_at": now,
            }
            for r in rows
            if rules.type_matches(sub.event_types, rules.event_type(r.resource_type, r.action))
        ]
        if wanted:
            created += await repository.add_deliveries(session, wanted)
        sub.scan_xact_id, sub.scan_event_id = rows[-1].xact_id, rows[-1].id
    await session.flush()
    return created


@dataclass(frozen=True)
class Claimed:
    delivery_id: int
    municipality_code: str
    url: str
    secret: str
    event_id: int
    attempts: int
    window_started_at: datetime
    body: bytes


async def _claim(
    session: AsyncSession,
    vault: CprVault,
    *,
    now: datetime,
    municipalities: Collection[str] | None,
    batch: int,
) -> list[Claimed]:
    claimed = []
    due = await repository.claim_due(session, now=now, municipalities=municipalities, batch=batch)
    for delivery, url, ciphertext, event in due:
        body = json.dumps(event_payload(event), separators=(",", ":"), sort_keys=True).encode()
        claimed.append(
            Claimed(
                delivery_id=delivery.id,
                municipality_code=delivery.municipality_code,
                url=url,
                secret=vault.decrypt(ciphertext, delivery.municipality_code),
                event_id=delivery.event_id,
                attempts=delivery.attempts,
                window_started_at=delivery.window_started_at,
                body=body,
            )
        )
    return claimed


async def _post(
    http: httpx.AsyncClient, item: Claimed, now: datetime, *, allow_private: bool
) -> tuple[int | None, str | None]:
    timestamp = int(now.timestamp())
    try:
        # Resolved and checked for every delivery, and sent to the address checked (events/targets.py).
        target = await targets.pinned(item.url, allow_private=allow_private)
    except targets.Refused as exc:
        return None, f"refused: {exc}"
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: rules.signature(item.secret, timestamp, item.body),
        EVENT_ID_HEADER: str(item.event_id),
        **target.headers,
    }
    try:
        response = await http.post(
            target.url, content=item.body, headers=headers, timeout=TIMEOUT, extensions=target.extensions
        )
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {str(exc)[:200]}"
    if rules.is_success(response.status_code):
        return response.status_code, None
    return response.status_code, f"HTTP {response.status_code}"


async def deliver_due(
    session: AsyncSession,
    vault: CprVault,
    http: httpx.AsyncClient,
    *,
    now: datetime,
    municipalities: Collection[str] | None,
    batch: int,
    concurrency: int,
    jitter: Callable[[], float],
    result: RoundResult,
    allow_private: bool = False,
) -> None:
    """One transaction: claim, send, record. Targets must be public addresses unless `allow_private`."""
    claimed = await _claim(session, vault, now=now, municipalities=municipalities, batch=batch)
    if not claimed:
        return
    gate = asyncio.Semaphore(concurrency)

    async def send(item: Claimed) -> tuple[int | None, str | None]:
        async with gate:
            return await _post(http, item, now, allow_private=allow_private)

    outcomes = await asyncio.gather(*(send(item) for item in claimed))
    for item, (status_code, error) in zip(claimed, outcomes, strict=True):
        values: dict[str, Any] = {
            "attempts": item.attempts + 1,
            "last_attempt_at": now,
            "last_status_code": status_code,
            "last_error": error,
        }
        if error is None:
            values.update(status="delivered", delivered_at=now)
            result.delivered += 1
            result.sent_event_ids.append(item.event_id)
        elif rules.dead_letter(item.window_started_at, now):
            values.update(status="dead")
            result.dead += 1
        else:
            values.update(next_attempt_at=now + rules.retry_delay(item.attempts + 1, jitter()))
            result.failed += 1
        await repository.record_attempt(session, item.delivery_id, values)


async def run_once(
    sessionmaker: async_sessionmaker[AsyncSession],
    vault: CprVault,
    http: httpx.AsyncClient,
    *,
    clock: Clock = utc_now,
    municipalities: Collection[str] | None = None,
    batch: int = 100,
    scan_limit: int = 1000,
    concurrency: int = 10,
    jitter: Callable[[], float] | None = None,
    allow_private: bool = False,
) -> RoundResult:
    """One round of fan-out and delivery; `clock` and `jitter` are injectable for tests.
    `allow_private` lets deliveries go to loopback and private addresses (development)."""
    result = RoundResult()
    spread = jitter or (lambda: random.uniform(0.5, 1.5))  # noqa: S311 - jitter, not a secret
    async with sessionmaker() as session, session.begin():
        result.fanned_out = await fan_out(
            session, now=clock(), municipalities=municipalities, scan_limit=scan_limit
        )
    async with sessionmaker() as session, session.begin():
        await deliver_due(
            session,
            vault,
            http,
            now=clock(),
            municipalities=municipalities,
            batch=batch,
            concurrency=concurrency,
            jitter=spread,
            result=result,
            allow_private=allow_private,
        )
    return result


async def run_forever(
    engine: AsyncEngine,
    vault: CprVault,
    *,
    idle_seconds: float = 2.0,
    stop: asyncio.Event | None = None,
    allow_private: bool = False,
) -> None:
    """Rounds until stopped; sleeps only when a round found nothing to do."""
    sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
    stop = stop or asyncio.Event()
    async with httpx.AsyncClient(follow_redirects=False) as http:
        while not stop.is_set():
            try:
                result = await run_once(sessionmaker, vault, http, allow_private=allow_private)
            except Exception:  # a database hiccup must not end the worker
                logger.exception("webhook round failed")
                result = RoundResult()
            busy = result.fanned_out or result.delivered or result.failed or result.dead
            if result.delivered or result.failed or result.dead:
                logger.info(
                    "webhook round",
                    extra={"fields": {k: v for k, v in vars(result).items() if k != "sent_event_ids"}},
                )
            if not busy:
                try:
                    await asyncio.wait_for(stop.wait(), timeout=idle_seconds)
                except TimeoutError:
                    pass


def cmd_worker(args: Any) -> int:
    """`ungeapi worker`: deliver webhooks until SIGINT/SIGTERM (or one round with --once)."""
    import signal

    from ungeapi.core.db import make_engine
    from ungeapi.core.observability import configure_logging
    from ungeapi.core.settings import Settings

    settings = Settings()
    configure_logging(settings.log_level)
    vault = CprVault(settings.effective_cpr_key, settings.effective_cpr_hash_key)

    async def main() -> None:
        # The owner's URL and no SET ROLE: see the module docstring on tenancy.
        engine = make_engine(settings, url=settings.owner_database_url, app_role=False)
        try:
            if args.once:
                async with httpx.AsyncClient(follow_redirects=False) as http:
                    result = await run_once(
                        async_sessionmaker(engine, expire_on_commit=False),
                        vault,
                        http,
                        allow_private=settings.private_webhook_targets,
                    )
                print(json.dumps({k: v for k, v in vars(result).items() if k != "sent_event_ids"}))
                return
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, stop.set)
            allow_private = settings.private_webhook_targets
            await run_forever(engine, vault, idle_seconds=args.idle, stop=stop, allow_private=allow_private)
        finally:
            await engine.dispose()

    asyncio.run(main())
    return 0


@dataclass(frozen=True)
class Backlog:
    pending: int
    unscanned: int
    oldest_seconds: float


async def backlog(sessionmaker: async_sessionmaker[AsyncSession], *, now: datetime) -> Backlog:
    """What the workers have not done yet, for /metrics: pending deliveries, events not yet
    fanned out, and how long the oldest of them has waited (0 when nothing waits)."""
    async with sessionmaker() as session, session.begin():
        pending, unscanned, oldest = await repository.backlog(session)
    waited = (now - oldest).total_seconds() if oldest is not None else 0.0
    return Backlog(pending=int(pending), unscanned=int(unscanned), oldest_seconds=max(waited, 0.0))
