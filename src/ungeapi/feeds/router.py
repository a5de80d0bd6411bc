from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Response

from ungeapi.core.http import READ_PAGE, Call, call_as
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page
from ungeapi.feeds import service
from ungeapi.feeds.schemas import FeedTokenCreate, FeedTokenCreated, FeedTokenRead

router = APIRouter(prefix="/v1/feed-tokens", tags=["feed tokens"])

# Whoever may read the meetings may give their calendar the feed.
Holder = Annotated[Call, call_as("meetings:read", purpose="calendar_feed")]


@router.post("", status_code=201, response_model=FeedTokenCreated, responses=problems(401, 403, 422))
async def make_feed_token(data: FeedTokenCreate, call: Holder) -> FeedTokenCreated:
    """Make a calendar feed token (lav kalender-token): the meetings feed's URL for a calendar, shown once."""
    # No Idempotency-Key: a replay would have to keep the token, and only its hash is kept.
    made = await call.run(service.make_token, data)
    call.response.headers["Location"] = "/v1/feed-tokens"
    return made


@router.get("", response_model=Page[FeedTokenRead], responses=READ_PAGE)
async def list_feed_tokens(call: Holder, limit: Limit = 50, cursor: Cursor = None) -> Page[FeedTokenRead]:
    """List your calendar feed tokens (kalender-tokens); an admin sees the municipality's."""
    return call.page(FeedTokenRead, await call.run(service.list_tokens, cursor=cursor, limit=limit))


@router.delete(
    "/{token_id}", status_code=204, response_class=Response, responses=problems(401, 403, 404)
)
async def revoke_feed_token(token_id: uuid.UUID, call: Holder) -> Response:
    """Revoke a calendar feed token (tilbagekald kalender-token): the feed no longer opens with it."""
    # No If-Match: revoking changes nothing a caller could have read stale, and twice is once.
    await call.run(service.revoke_token, token_id)
    return Response(status_code=204)
