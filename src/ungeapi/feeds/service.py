"""Use cases of calendar feed tokens: make one, list and revoke them, and open the feed with one.

A token carries the rights its maker had when making it (their roles and departments): a calendar
reading the feed with it reads as they would, and every use is audited under their name with the
token's id. Only its SHA-256 is stored; it expires (at most a year and a day) and is revoked by
its owner or an admin.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core import audit
from ungeapi.core.changes import bump
from ungeapi.core.context import Ctx
from ungeapi.core.pagination import decode_keyset, split_page
from ungeapi.core.security import Principal
from ungeapi.feeds import repository, rules
from ungeapi.feeds.errors import FeedTokenNotFound
from ungeapi.feeds.schemas import FeedTokenCreate, FeedTokenCreated, FeedTokenRead
from ungeapi.models import FeedToken

RESOURCE = "feed_token"
FEED_PATH = "/v1/meetings.ics"


def to_read(row: FeedToken) -> FeedTokenRead:
    return FeedTokenRead(
        id=row.id,
        sub=row.sub,
        name=row.name,
        label=row.label,
        created_at=row.created_at,
        expires_at=row.expires_at,
        last_used_at=row.last_used_at,
    )


async def make_token(session: AsyncSession, ctx: Ctx, data: FeedTokenCreate) -> FeedTokenCreated:
    """A new token with the caller's rights, valid `data.valid_days` days; shown this once."""
    p = ctx.principal
    token = rules.new_token(p.municipality)
    row = FeedToken(
        municipality_code=p.municipality,
        sub=p.sub,
        name=p.name,
        roles=sorted(p.roles),
        departments=list(p.departments),
        label=data.label,
        token_hash=rules.digest(token),
        expires_at=rules.expires_at(ctx.now, data.valid_days),
    )
    session.add(row)
    await session.flush()
    await audit.record(session, ctx, action="create", resource_type=RESOURCE, resource_id=row.id)
    return FeedTokenCreated(**to_read(row).model_dump(), token=token, feed_url=f"{FEED_PATH}?token={token}")


async def list_tokens(
    session: AsyncSession, ctx: Ctx, *, cursor: str | None, limit: int
) -> tuple[list[FeedTokenRead], str | None]:
    """The caller's tokens not revoked; an admin's list holds the whole municipality's."""
    p = ctx.principal
    owner = None if rules.may_manage("", p.roles, p.sub) else p.sub
    after = decode_keyset(cursor, datetime.fromisoformat)
    rows = await repository.live(session, owner=owner, after=after, limit=limit)
    rows, next_cursor = split_page(rows, limit, lambda r: (r.created_at, r.id))
    return [to_read(r) for r in rows], next_cursor


async def revoke_token(session: AsyncSession, ctx: Ctx, token_id: uuid.UUID) -> None:
    """The token stops opening the feed at once; another's token (unless admin) is not found."""
    p = ctx.principal
    row = await repository.get_live(session, token_id)
    if row is None or not rules.may_manage(p.sub, p.roles, row.sub):
        raise FeedTokenNotFound()
    row.revoked_at = ctx.now
    row.revoked_by_sub = p.sub
    bump(row)
    await session.flush()
    await audit.record(session, ctx, action="revoke", resource_type=RESOURCE, resource_id=row.id)


async def redeem(session: AsyncSession, token: str, now: datetime) -> FeedToken | None:
    """The live token `token` is, in the transaction of its municipality; None if none is."""
    return await repository.usable(session, rules.digest(token), now)


def principal_of(row: FeedToken) -> Principal:
    """Who reads with the token: its maker, with the rights they had when making it."""
    return Principal(
        sub=row.sub,
        name=row.name,
        municipality=row.municipality_code,
        departments=tuple(row.departments),
        roles=frozenset(row.roles),
    )


async def record_use(session: AsyncSession, ctx: Ctx, row: FeedToken) -> None:
    """A use of the token: audited under its maker's name, with the token's id."""
    row.last_used_at = ctx.now
    await audit.record(session, ctx, action="use", resource_type=RESOURCE, resource_id=row.id)
