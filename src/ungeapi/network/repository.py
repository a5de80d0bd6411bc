"""Every query about network meetings, scoped through the youth they belong to."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import visible_youth_ids
from ungeapi.core.security import Principal
from ungeapi.models import NetworkMeeting, Plan


def visible(principal: Principal, today: date) -> Select[NetworkMeeting]:
    return select(NetworkMeeting).where(NetworkMeeting.youth_id.in_(visible_youth_ids(principal, today)))


async def get(
    session: AsyncSession,
    principal: Principal,
    today: date,
    meeting_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> NetworkMeeting | None:
    query = visible(principal, today).where(NetworkMeeting.id == meeting_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def plan_youth(session: AsyncSession, plan_id: uuid.UUID) -> uuid.UUID | None:
    """The youth a plan belongs to (within the municipality), or None if there is no such plan."""
    return (await session.execute(select(Plan.youth_id).where(Plan.id == plan_id))).scalar_one_or_none()


async def list_page(
    session: AsyncSession,
    principal: Principal,
    today: date,
    *,
    limit: int,
    after: tuple[date, uuid.UUID] | None,
    youth_id: uuid.UUID | None,
    plan_id: uuid.UUID | None,
) -> list[NetworkMeeting]:
    """Newest meeting first."""
    query = visible(principal, today)
    if youth_id is not None:
        query = query.where(NetworkMeeting.youth_id == youth_id)
    if plan_id is not None:
        query = query.where(NetworkMeeting.plan_id == plan_id)
    if after is not None:
        query = query.where((NetworkMeeting.held_on, NetworkMeeting.id) < after)  # type: ignore[operator]
    query = query.order_by(NetworkMeeting.held_on.desc(), NetworkMeeting.id.desc()).limit(limit + 1)
    return list((await session.execute(query)).scalars())
