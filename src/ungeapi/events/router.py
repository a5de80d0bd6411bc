from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse

from ungeapi.core.concurrency import IfMatch
from ungeapi.core.http import CHANGE, READ_ONE, READ_PAGE, READ_PAGE_OF, Call, call_as, filed
from ungeapi.core.idempotency import IdempotencyKey
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, PageParams
from ungeapi.core.vault import Vault
from ungeapi.events import service
from ungeapi.events.schemas import (
    DeliveryRead,
    DeliveryStatus,
    EventPage,
    WebhookCreate,
    WebhookCreated,
    WebhookRead,
    WebhookUpdate,
)

events_router = APIRouter(prefix="/v1/events", tags=["events"])
webhooks_router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])

FeedReader = Annotated[Call, call_as("events:read", purpose="change-feed")]
HookReader = Annotated[Call, call_as("webhooks:read", purpose="integration")]
HookWriter = Annotated[Call, call_as("webhooks:write", purpose="integration")]
After = Annotated[
    str | None, Query(max_length=500, description="The `next_cursor` (or an item's `cursor`) you stopped at.")
]
Status = Annotated[DeliveryStatus | None, Query(description="Only deliveries in this state.")]
DeliveryId = Annotated[str, Path(max_length=100, description="The delivery's id (levering).")]


@events_router.get("", response_model=EventPage, responses=READ_PAGE)
async def read_feed(call: FeedReader, after: After = None, limit: Limit = 100) -> EventPage:
    """Read the change feed (ændringer): every committed change, in order, after a cursor."""
    items, next_cursor, has_more = await call.run(service.read_feed, after=after, limit=limit)
    if has_more and next_cursor:
        # The feed's cursor parameter is `after`, not `cursor`: its own Link.
        url = call.request.url.remove_query_params("after").include_query_params(after=next_cursor)
        call.response.headers["Link"] = f'<{url}>; rel="next"'
    return EventPage(items=items, next_cursor=next_cursor, has_more=has_more)


@webhooks_router.post(
    "", status_code=201, response_model=WebhookCreated, responses=problems(401, 403, 409, 422)
)
async def create_webhook(
    data: WebhookCreate, call: HookWriter, vault: Vault, key: IdempotencyKey = None
) -> JSONResponse:
    """Subscribe a URL to change events (opret webhook); the answer holds the secret, once."""
    allow_private = call.request.app.state.settings.private_webhook_targets
    return await call.create(
        key, filed("/v1/webhooks"), service.create_webhook, data, vault=vault, allow_private=allow_private
    )


@webhooks_router.get("", response_model=Page[WebhookRead], responses=READ_PAGE)
async def list_webhooks(call: HookReader, page: PageParams) -> Page[WebhookRead]:
    """List the municipality's webhook subscriptions (webhooks)."""
    return call.page(WebhookRead, await service.list_webhooks(call.session, **vars(page)))


@webhooks_router.get("/{subscription_id}", response_model=WebhookRead, responses=READ_ONE)
async def read_webhook(subscription_id: uuid.UUID, call: HookReader) -> WebhookRead:
    """Read one webhook subscription (læs webhook); the secret is never shown again."""
    return call.with_etag(await service.read_webhook(call.session, subscription_id))


@webhooks_router.patch("/{subscription_id}", response_model=WebhookRead, responses=CHANGE)
async def change_webhook(
    subscription_id: uuid.UUID, data: WebhookUpdate, expected: IfMatch, call: HookWriter
) -> WebhookRead:
    """Change or pause a webhook subscription (ret webhook); needs If-Match."""
    allow_private = call.request.app.state.settings.private_webhook_targets
    changed = await call.run(
        service.change_webhook, subscription_id, data, expected_version=expected, allow_private=allow_private
    )
    return call.with_etag(changed)


@webhooks_router.get(
    "/{subscription_id}/deliveries", response_model=Page[DeliveryRead], responses=READ_PAGE_OF
)
async def list_deliveries(
    subscription_id: uuid.UUID,
    call: HookReader,
    status: Status = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[DeliveryRead]:
    """Read the delivery log (leveringslog), newest first."""
    found = await service.list_deliveries(
        call.session, subscription_id, status=status, cursor=cursor, limit=limit
    )
    return call.page(DeliveryRead, found)


@webhooks_router.post(
    "/{subscription_id}/deliveries/{delivery_id}/replay",
    response_model=DeliveryRead,
    responses=problems(401, 403, 404, 409),
)
async def replay_delivery(
    subscription_id: uuid.UUID, delivery_id: DeliveryId, call: HookWriter
) -> DeliveryRead:
    """Send a dead-lettered (or delivered) delivery again (gensend)."""
    return await service.replay_delivery(call.session, subscription_id, delivery_id, now=call.ctx.now)
