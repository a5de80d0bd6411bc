"""Queries of calendar feed tokens (row-level security keeps them in the caller's municipality)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.models import FeedToken


async def usable(session: AsyncSession, token_hash: bytes, now: datetime) -> FeedToken | None:
    """The token with this hash, unless it is revoked or expired; locked, as its use is recorded."""
    query = (
        select(FeedToken)
        .where(FeedToken.token_hash == token_hash, FeedToken.revoked_at.is_(None), FeedToken.expires_at > now)
        .with_for_update()
    )
    return (await session.execute(query)).scalar_one_or_none()


async def live(
    session: AsyncSession, *, owner: str | None, after: tuple[datetime, uuid.UUID] | None, limit: int
) -> list[FeedToken]:
    """Tokens not revoked, `owner`'s (or everyone's), oldest first."""
    t = FeedToken
    query = select(t).where(t.revoked_at.is_(None))
    if owner is not None:
        query = query.where(t.sub == owner)
    if after is not None:
        query = query.where(tuple_(t.created_at, t.id) > tuple_(*after))
    return list((await session.execute(query.order_by(t.created_at, t.id).limit(limit + 1))).scalars())


async def get_live(session: AsyncSession, token_id: uuid.UUID) -> FeedToken | None:
    query = select(FeedToken).where(FeedToken.id == token_id, FeedToken.revoked_at.is_(None))
    query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()
