"""Every query about youth, scoped by the caller's access."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Select, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import youth_visible, youth_writable
from ungeapi.core.security import Principal
from ungeapi.models import Youth
from ungeapi.youth.rules import name_key


def visible(principal: Principal, today: date) -> Select[Youth]:
    return select(Youth).where(youth_visible(principal, today, "youth"))


def by_id(principal: Principal, today: date, youth_id: uuid.UUID) -> Select[Youth]:
    return visible(principal, today).where(Youth.id == youth_id)


async def get(
    session: AsyncSession,
    principal: Principal,
    today: date,
    youth_id: uuid.UUID,
    *,
    for_update: bool = False,
    writable: bool = False,
) -> Youth | None:
    """The youth in the caller's read scope, or with `writable` in their write scope (no consent)."""
    if writable:
        query = select(Youth).where(youth_writable(principal, today), Youth.id == youth_id)
    else:
        query = by_id(principal, today, youth_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def get_by_cpr_hash(
    session: AsyncSession, principal: Principal, today: date, cpr_hash: bytes
) -> Youth | None:
    query = visible(principal, today).where(Youth.cpr_hash == cpr_hash)
    return (await session.execute(query)).scalar_one_or_none()


async def find_by_cpr_hash(session: AsyncSession, cpr_hash: bytes) -> Youth | None:
    """Unscoped within the municipality: a department taking a youth on by CPR (cases/rules.py)."""
    return (await session.execute(select(Youth).where(Youth.cpr_hash == cpr_hash))).scalar_one_or_none()


async def cpr_hash_taken(
    session: AsyncSession, cpr_hash: bytes, *, except_id: uuid.UUID | None = None
) -> bool:
    """Unscoped on purpose: a duplicate must be found even when the caller can't see it."""
    query = select(Youth.id).where(Youth.cpr_hash == cpr_hash)
    if except_id is not None:
        query = query.where(Youth.id != except_id)
    return (await session.execute(query.limit(1))).first() is not None


def page_query(
    principal: Principal,
    today: date,
    *,
    limit: int,
    after: tuple[Any, uuid.UUID] | None,
    born_after: date | None,
    born_on_or_before: date | None,
    name_prefix: str | None,
    archived: bool,
) -> Select[Youth]:
    query = visible(principal, today)
    query = query.where(Youth.archived_at.is_not(None) if archived else Youth.archived_at.is_(None))
    if born_after is not None:
        query = query.where(Youth.birth_date > born_after)
    if born_on_or_before is not None:
        query = query.where(Youth.birth_date <= born_on_or_before)
    if name_prefix:
        pattern = _escape_like(name_key(name_prefix)) + "%"
        query = query.where(
            or_(
                Youth.family_name_key.like(pattern, escape="\\"),
                Youth.given_name_key.like(pattern, escape="\\"),
            )
        )
    if after is not None:
        query = query.where(tuple_(Youth.created_at, Youth.id) > tuple_(*after))
    return query.order_by(Youth.created_at, Youth.id).limit(limit + 1)


async def list_page(session: AsyncSession, query: Select[Youth]) -> list[Youth]:
    """A `page_query`'s rows: one more than its `limit`, so the caller knows whether a next page exists."""
    return list((await session.execute(query)).scalars())


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
