"""The `Call` of a route a calendar reads: its caller from a bearer token, or from a feed token
in the query string (`?token=ugf_...`), as calendars cannot send headers.

A bearer token (a JWT) never goes in a URL: one given as `token` is refused with a clear problem,
and the feed token opens only the routes that take this dependency (the meetings feed).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Query, Request, Response, params

from ungeapi.core.clock import utc_now
from ungeapi.core.context import request_context
from ungeapi.core.db import Database
from ungeapi.core.http import Call, opened_call
from ungeapi.core.openapi import declare_alternative_scheme, declare_purpose
from ungeapi.core.permissions import PERMISSIONS, Forbidden, authenticated
from ungeapi.feeds import rules, service
from ungeapi.feeds.errors import BearerTokenInUrl, InvalidFeedToken

CALENDAR_SCHEME = "feedToken"
_CALENDAR_SCHEME_SPEC = {
    "type": "apiKey",
    "in": "query",
    "name": "token",
    "description": "A feed token (`ugf_...`, POST /v1/feed-tokens) for a calendar that cannot send a bearer "
    "token; it opens only the calendar feed.",
}

TokenParam = Annotated[
    str | None,
    Query(
        # Long enough to hold a JWT, so one put here by mistake gets its own answer.
        max_length=8192,
        description="A calendar feed token (kalender-token) from POST /v1/feed-tokens, for a calendar "
        "that cannot send a bearer token. Never a bearer token.",
    ),
]


def feed_call(permission: str, *, purpose: str) -> params.Depends:
    """A route's `Call` for a caller with `permission`: by bearer token, or by feed token."""
    allowed = PERMISSIONS[permission]

    async def dependency(
        request: Request, response: Response, token: TokenParam = None
    ) -> AsyncIterator[Call]:
        if token is None:
            principal = await authenticated(request)
            if not principal.roles & allowed:
                raise Forbidden(permission=permission)
            async with opened_call(request, response, principal, purpose) as call:
                yield call
            return
        if rules.looks_like_jwt(token):
            raise BearerTokenInUrl()
        municipality = rules.municipality_of(token)
        if municipality is None:
            raise InvalidFeedToken()
        db: Database = request.app.state.db
        async with db.transaction(municipality) as session:
            row = await service.redeem(session, token, utc_now())
            if row is None:
                raise InvalidFeedToken()
            principal = service.principal_of(row)
            if not principal.roles & allowed:
                raise Forbidden(permission=permission)
            ctx = request_context(request, principal, purpose)
            await service.record_use(session, ctx, row)
            yield Call(request, response, session, ctx)

    dependency.__name__ = f"feed_call_{permission.replace(':', '_')}"
    declare_purpose(dependency, purpose)
    declare_alternative_scheme(dependency, CALENDAR_SCHEME, _CALENDAR_SCHEME_SPEC)
    return params.Depends(dependency, scope="function")
