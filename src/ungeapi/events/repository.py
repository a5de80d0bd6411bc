"""Queries of the change feed and the webhook tables (row-level security keeps them in the
caller's municipality; the feed is further scoped by the youth the caller may see)."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Row, Text, cast, func, or_, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import visible_youth_ids
from ungeapi.core.security import Principal
from ungeapi.models import ChangeEvent, WebhookDelivery, WebhookSubscription


def settled_xact_horizon() -> ColumnElement[int]:
    """The oldest transaction id still running: every event below it is committed or never will be.

    Events of a transaction that is still running, or that started before one still running,
    are held back, so a consumer's cursor never passes an event that commits later (no gaps).
    """
    return cast(cast(func.pg_snapshot_xmin(func.pg_current_snapshot()), Text), BigInteger)


async def feed_page(
    session: AsyncSession,
    principal: Principal,
    today: date,
    *,
    after: tuple[int, int] | None,
    limit: int,
) -> list[ChangeEvent]:
    e = ChangeEvent
    query = select(e).where(
        e.municipality_code == principal.municipality,
        e.xact_id < settled_xact_horizon(),
        or_(e.youth_id.is_(None), e.youth_id.in_(visible_youth_ids(principal, today))),
    )
    if after is not None:
        query = query.where(tuple_(e.xact_id, e.id) > tuple_(*after))
    query = query.order_by(e.xact_id, e.id).limit(limit + 1)
    return list((await session.execute(query)).scalars())


async def get_subscription(
    session: AsyncSession, subscription_id: uuid.UUID, *, for_update: bool = False
) -> WebhookSubscription | None:
    query = select(WebhookSubscription).where(WebhookSubscription.id == subscription_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def list_subscriptions(
    session: AsyncSession, *, after: tuple[str, uuid.UUID] | None, limit: int
) -> list[WebhookSubscription]:
    w = WebhookSubscription
    query = select(w)
    if after is not None:
        query = query.where(tuple_(w.created_at, w.id) > tuple_(*after))
    query = query.order_by(w.created_at, w.id).limit(limit + 1)
    return list((await session.execute(query)).scalars())


async def list_deliveries(
    session: AsyncSession, subscription_id: uuid.UUID, *, status: str | None, before: int | None, limit: int
) -> list[WebhookDelivery]:
    d = WebhookDelivery
    query = select(d).where(d.subscription_id == subscription_id)
    if status is not None:
        query = query.where(d.status == status)
    if before is not None:
        query = query.where(d.id < before)
    query = query.order_by(d.id.desc()).limit(limit + 1)
    return list((await session.execute(query)).scalars())


async def get_delivery(
    session: AsyncSession, subscription_id: uuid.UUID, delivery_id: int
) -> WebhookDelivery | None:
    query = (
        select(WebhookDelivery)
        .where(WebhookDelivery.subscription_id == subscription_id, WebhookDelivery.id == delivery_id)
        .with_for_update()
    )
    return (await session.execute(query)).scalar_one_or_none()


async def horizon(session: AsyncSession) -> int:
    return int((await session.execute(select(settled_xact_horizon()))).scalar_one())


# --- The webhook worker's (events/worker.py): every municipality, each named explicitly ---------
async def lock_active_subscriptions(
    session: AsyncSession, municipalities: Collection[str] | None
) -> list[WebhookSubscription]:
    """The active subscriptions no other worker is scanning (locked until the transaction ends)."""
    s = WebhookSubscription
    query = select(s).where(s.active.is_(True)).order_by(s.id).with_for_update(skip_locked=True)
    if municipalities is not None:
        query = query.where(s.municipality_code.in_(list(municipalities)))
    return list((await session.execute(query)).scalars())


async def settled_events_after(
    session: AsyncSession, sub: WebhookSubscription, *, limit: int
) -> Sequence[Row[int, int, str, str]]:
    """(id, xact_id, resource_type, action) of the settled events after the subscription's scan
    position, in feed order."""
    e = ChangeEvent
    query = (
        select(e.id, e.xact_id, e.resource_type, e.action)
        .where(
            e.municipality_code == sub.municipality_code,
            e.xact_id < settled_xact_horizon(),
            tuple_(e.xact_id, e.id) > tuple_(sub.scan_xact_id, sub.scan_event_id),
        )
        .order_by(e.xact_id, e.id)
        .limit(limit)
    )
    if sub.created_snapshot is not None:
        # The scan starts below the horizon, which a long transaction anywhere in the cluster holds
        # back; what had committed when the subscription was made is not its to deliver.
        query = query.where(
            text(
                "NOT pg_visible_in_snapshot((change_event.xact_id::text)::xid8, CAST(:made AS pg_snapshot))"
            ).bindparams(made=sub.created_snapshot)
        )
    return (await session.execute(query)).all()


async def add_deliveries(session: AsyncSession, deliveries: list[dict[str, Any]]) -> int:
    """How many of `deliveries` were new: a (subscription, event) pair is delivered once."""
    result = await session.execute(
        insert(WebhookDelivery)
        .values(deliveries)
        .on_conflict_do_nothing(index_elements=["subscription_id", "event_id", "municipality_code"])
        .returning(WebhookDelivery.id)
    )
    return len(result.all())


async def claim_due(
    session: AsyncSession, *, now: datetime, municipalities: Collection[str] | None, batch: int
) -> Sequence[Row[WebhookDelivery, str, bytes, ChangeEvent]]:
    """(delivery, url, secret ciphertext, event) of pending deliveries due by `now`, locked, that
    no other worker holds."""
    d, s, e = WebhookDelivery, WebhookSubscription, ChangeEvent
    query = (
        select(d, s.url, s.secret_ciphertext, e)
        .join(s, s.id == d.subscription_id)
        .join(e, e.id == d.event_id)
        .where(d.status == "pending", d.next_attempt_at <= now, s.active.is_(True))
        .order_by(d.next_attempt_at, d.id)
        .limit(batch)
        .with_for_update(of=d, skip_locked=True)
    )
    if municipalities is not None:
        query = query.where(d.municipality_code.in_(list(municipalities)))
    return (await session.execute(query)).all()


async def record_attempt(session: AsyncSession, delivery_id: int, values: dict[str, Any]) -> None:
    await session.execute(update(WebhookDelivery).where(WebhookDelivery.id == delivery_id).values(**values))


async def backlog(session: AsyncSession) -> tuple[int, int, datetime | None]:
    """(pending, unscanned, oldest) over every municipality: deliveries pending, events after the
    active subscriptions' scan positions, and when the oldest of those events happened. Through
    the schema owner's function `ungeapi_webhook_backlog()` (migration 0020): the app's role
    sees one municipality's rows only, and a scrape of /metrics is on nobody's behalf."""
    # A scrape must not hang on a busy database: it gives up, and /metrics shows the rest.
    await session.execute(text("SET LOCAL statement_timeout = '2s'"))
    query = select(func.ungeapi_webhook_backlog().table_valued("pending", "unscanned", "oldest"))
    pending, unscanned, oldest = (await session.execute(query)).one()
    return int(pending), int(unscanned), oldest
