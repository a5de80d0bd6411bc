"""Use cases of the change feed and webhook subscriptions.

The feed reads the transactional outbox (`change_event`, written by `core.events.record` in the
same transaction as each change) in (xact_id, id) order, holding back events of transactions
that may still commit: a consumer that resumes from its last cursor sees every event once.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core import audit, events
from ungeapi.core.changes import bump
from ungeapi.core.concurrency import check_version
from ungeapi.core.context import Ctx
from ungeapi.core.crypto import CprVault
from ungeapi.core.pagination import InvalidCursor, decode_cursor, decode_keyset, encode_cursor, split_page
from ungeapi.core.schemas import from_row
from ungeapi.events import repository, rules, targets
from ungeapi.events.errors import DeliveryNotFound, DeliveryPending, WebhookNotFound
from ungeapi.events.schemas import (
    DeliveryRead,
    EventRead,
    WebhookCreate,
    WebhookCreated,
    WebhookRead,
    WebhookUpdate,
)
from ungeapi.models import ChangeEvent, WebhookDelivery, WebhookSubscription

RESOURCE = "webhook"
# Larger than any identity value: a new subscription starts after every event of its horizon.
AFTER_ALL_IDS = 2**63 - 1


def feed_cursor(event: ChangeEvent) -> str:
    return encode_cursor([event.xact_id, event.id])


def to_event(event: ChangeEvent) -> EventRead:
    return from_row(
        EventRead, event, type=rules.event_type(event.resource_type, event.action), cursor=feed_cursor(event)
    )


def event_payload(event: ChangeEvent) -> dict[str, Any]:
    """The webhook body: the feed's item without the cursor."""
    return to_event(event).model_dump(mode="json", exclude={"cursor"})


def _decode_feed_cursor(after: str | None) -> tuple[int, int] | None:
    raw = decode_cursor(after, 2)
    if raw is None:
        return None
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in raw):
        raise InvalidCursor()
    return int(raw[0]), int(raw[1])


async def read_feed(
    session: AsyncSession, ctx: Ctx, *, after: str | None, limit: int
) -> tuple[list[EventRead], str | None, bool]:
    """(events, the cursor to resume from, more ready now)."""
    position = _decode_feed_cursor(after)
    rows = await repository.feed_page(session, ctx.principal, ctx.today, after=position, limit=limit)
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = feed_cursor(rows[-1]) if rows else after
    youth_ids = sorted({r.youth_id for r in rows if r.youth_id is not None})
    # That something changed about a youth is itself about the youth: the read is audited.
    await audit.record_many(
        session, ctx, action="search", resource_type="event", subjects=[(None, y) for y in youth_ids]
    )
    return [to_event(r) for r in rows], next_cursor, has_more


def to_webhook(sub: WebhookSubscription) -> WebhookRead:
    return from_row(WebhookRead, sub, event_types=list(sub.event_types))


async def _event(session: AsyncSession, ctx: Ctx, action: str, sub: WebhookSubscription) -> None:
    event = events.event_row(
        ctx, action=action, resource_type=RESOURCE, resource_id=sub.id, version=sub.version
    )
    await events.record(session, [event])


async def create_webhook(
    session: AsyncSession, ctx: Ctx, data: WebhookCreate, *, vault: CprVault, allow_private: bool = False
) -> WebhookCreated:
    """Subscribes a URL to the change events committed from now on; the secret is shown once.
    The URL must be a public address unless `allow_private` (events/targets.py)."""
    await targets.check_registration(str(data.url), allow_private=allow_private)
    secret = "whsec_" + secrets.token_urlsafe(32)
    municipality = ctx.principal.municipality
    start = await repository.horizon(session)
    sub = WebhookSubscription(
        municipality_code=municipality,
        url=str(data.url),
        description=data.description,
        event_types=sorted(set(data.event_types)),
        secret_ciphertext=vault.encrypt(secret, municipality),
        # Events of transactions still running now may commit later: they are delivered too.
        scan_xact_id=start - 1,
        scan_event_id=AFTER_ALL_IDS,
        created_by_sub=ctx.principal.sub,
    )
    session.add(sub)
    await session.flush()
    await _event(session, ctx, "created", sub)
    return WebhookCreated(**to_webhook(sub).model_dump(), secret=secret)


async def _subscription(
    session: AsyncSession, subscription_id: uuid.UUID, *, for_update: bool = False
) -> WebhookSubscription:
    sub = await repository.get_subscription(session, subscription_id, for_update=for_update)
    if sub is None:
        raise WebhookNotFound()
    return sub


async def read_webhook(session: AsyncSession, subscription_id: uuid.UUID) -> WebhookRead:
    return to_webhook(await _subscription(session, subscription_id))


async def list_webhooks(
    session: AsyncSession, *, cursor: str | None, limit: int
) -> tuple[list[WebhookRead], str | None]:
    after = decode_keyset(cursor, datetime.fromisoformat)
    rows = await repository.list_subscriptions(session, after=after, limit=limit)  # type: ignore[arg-type]
    rows, next_cursor = split_page(rows, limit, lambda r: (r.created_at, r.id))
    return [to_webhook(r) for r in rows], next_cursor


async def change_webhook(
    session: AsyncSession,
    ctx: Ctx,
    subscription_id: uuid.UUID,
    data: WebhookUpdate,
    *,
    expected_version: int,
    allow_private: bool = False,
) -> WebhookRead:
    sub = await _subscription(session, subscription_id, for_update=True)
    check_version(expected_version, sub.version)
    if data.url is not None:
        await targets.check_registration(str(data.url), allow_private=allow_private)
    changes = data.model_dump(exclude_unset=True)
    if data.url is not None:
        sub.url = str(data.url)
    if data.event_types is not None:
        sub.event_types = sorted(set(data.event_types))
    if "description" in changes:
        sub.description = data.description
    if data.active is not None:
        sub.active = data.active
    bump(sub)
    await session.flush()
    await _event(session, ctx, "updated", sub)
    return to_webhook(sub)


def to_delivery(d: WebhookDelivery) -> DeliveryRead:
    return from_row(DeliveryRead, d)


async def list_deliveries(
    session: AsyncSession, subscription_id: uuid.UUID, *, status: str | None, cursor: str | None, limit: int
) -> tuple[list[DeliveryRead], str | None]:
    """The delivery log, newest first."""
    await _subscription(session, subscription_id)
    raw = decode_cursor(cursor, 1)
    before = None
    if raw is not None:
        if not isinstance(raw[0], int) or isinstance(raw[0], bool):
            raise InvalidCursor()
        before = raw[0]
    rows = await repository.list_deliveries(
        session, subscription_id, status=status, before=before, limit=limit
    )
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor([rows[-1].id])
    return [to_delivery(d) for d in rows], next_cursor


async def replay_delivery(
    session: AsyncSession, subscription_id: uuid.UUID, delivery_id: str, *, now: datetime
) -> DeliveryRead:
    """Sends a finished (dead-lettered or delivered) delivery again, with a new 24-hour window
    from `now` (the app's clock, which the worker compares the window with)."""
    await _subscription(session, subscription_id)
    # Any other text is no delivery of ours: 404 like every id out of reach, never 422.
    if not (delivery_id.isascii() and delivery_id.isdigit()) or not 0 < int(delivery_id) < 2**63:
        raise DeliveryNotFound()
    delivery = await repository.get_delivery(session, subscription_id, int(delivery_id))
    if delivery is None:
        raise DeliveryNotFound()
    if delivery.status == "pending":
        raise DeliveryPending()
    delivery.status = "pending"
    delivery.replays += 1
    delivery.next_attempt_at = now
    delivery.window_started_at = now
    await session.flush()
    return to_delivery(delivery)
