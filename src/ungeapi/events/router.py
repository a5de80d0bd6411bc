from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from ungeapi.core.concurrency import IfMatch, etag
from ungeapi.core.context import Ctx, context
from ungeapi.core.db import Session
from ungeapi.core.idempotency import IdempotencyKey, run_idempotent
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next
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

events_router = APIRouter(prefix="/events", tags=["events"])
webhooks_router = APIRouter(prefix="/webhooks", tags=["webhooks"])

FeedReader = Annotated[Ctx, Depends(context("events:read", purpose="change-feed"))]
HookReader = Annotated[Ctx, Depends(context("webhooks:read", purpose="integration"))]
HookWriter = Annotated[Ctx, Depends(context("webhooks:write", purpose="integration"))]


@events_router.get("", response_model=EventPage, responses=problems(400, 401, 403, 422))
async def read_feed(
    request: Request,
    response: Response,
    ctx: FeedReader,
    session: Session,
    after: Annotated[
        str | None,
        Query(max_length=500, description="The `next_cursor` (or an item's `cursor`) you stopped at."),
    ] = None,
    limit: Limit = 100,
) -> EventPage:
    """Read the change feed (ændringer): every committed change, in order, after a cursor."""
    items, next_cursor, has_more = await service.read_feed(session, ctx, after=after, limit=limit)
    if has_more and next_cursor:
        url = request.url.remove_query_params("after").include_query_params(after=next_cursor)
        response.headers["Link"] = f'<{url}>; rel="next"'
    return EventPage(items=items, next_cursor=next_cursor, has_more=has_more)


@webhooks_router.post(
    "", status_code=201, response_model=WebhookCreated, responses=problems(401, 403, 409, 422)
)
async def create_webhook(
    request: Request,
    data: WebhookCreate,
    ctx: HookWriter,
    session: Session,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Subscribe a URL to change events (opret webhook); the answer holds the secret, once."""

    async def produce() -> tuple[WebhookCreated, dict[str, str]]:
        created = await service.create_webhook(session, ctx, data, vault=request.app.state.vault)
        return created, {"Location": f"/v1/webhooks/{created.id}", "ETag": etag(created.version)}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@webhooks_router.get("", response_model=Page[WebhookRead], responses=problems(400, 401, 403, 422))
async def list_webhooks(
    request: Request,
    response: Response,
    ctx: HookReader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[WebhookRead]:
    """List the municipality's webhook subscriptions (webhooks)."""
    items, next_cursor = await service.list_webhooks(session, cursor=cursor, limit=limit)
    link_next(request, response, next_cursor)
    return Page[WebhookRead](items=items, next_cursor=next_cursor)


@webhooks_router.get("/{subscription_id}", response_model=WebhookRead, responses=problems(401, 403, 404))
async def read_webhook(
    subscription_id: uuid.UUID, response: Response, ctx: HookReader, session: Session
) -> WebhookRead:
    """Read one webhook subscription (læs webhook); the secret is never shown again."""
    sub = await service.read_webhook(session, subscription_id)
    response.headers["ETag"] = etag(sub.version)
    return sub


@webhooks_router.patch(
    "/{subscription_id}", response_model=WebhookRead, responses=problems(401, 403, 404, 412, 422, 428)
)
async def change_webhook(
    subscription_id: uuid.UUID,
    data: WebhookUpdate,
    expected: IfMatch,
    response: Response,
    ctx: HookWriter,
    session: Session,
) -> WebhookRead:
    """Change or pause a webhook subscription (ret webhook); needs If-Match."""
    sub = await service.change_webhook(session, ctx, subscription_id, data, expected_version=expected)
    response.headers["ETag"] = etag(sub.version)
    return sub


@webhooks_router.get(
    "/{subscription_id}/deliveries",
    response_model=Page[DeliveryRead],
    responses=problems(400, 401, 403, 404, 422),
)
async def list_deliveries(
    subscription_id: uuid.UUID,
    request: Request,
    response: Response,
    ctx: HookReader,
    session: Session,
    status: Annotated[DeliveryStatus | None, Query(description="Only deliveries in this state.")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[DeliveryRead]:
    """Read the delivery log (leveringslog), newest first."""
    items, next_cursor = await service.list_deliveries(
        session, subscription_id, status=status, cursor=cursor, limit=limit
    )
    link_next(request, response, next_cursor)
    return Page[DeliveryRead](items=items, next_cursor=next_cursor)


@webhooks_router.post(
    "/{subscription_id}/deliveries/{delivery_id}/replay",
    response_model=DeliveryRead,
    responses=problems(401, 403, 404, 409),
)
async def replay_delivery(
    subscription_id: uuid.UUID,
    delivery_id: Annotated[str, Path(max_length=100, description="The delivery's id (levering).")],
    ctx: HookWriter,
    session: Session,
) -> DeliveryRead:
    """Send a dead-lettered (or delivered) delivery again (gensend)."""
    return await service.replay_delivery(session, subscription_id, delivery_id, now=ctx.now)
