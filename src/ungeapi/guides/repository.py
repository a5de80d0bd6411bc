"""Every query about guide assignments, scoped through the youth they belong to."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import visible_youth_ids
from ungeapi.core.security import Principal
from ungeapi.models import GuideAssignment
from ungeapi.models.guide import PENDING_OR_ACTIVE


def visible(principal: Principal, today: date) -> Select[GuideAssignment]:
    return select(GuideAssignment).where(GuideAssignment.youth_id.in_(visible_youth_ids(principal, today)))


async def get(
    session: AsyncSession, principal: Principal, today: date, guide_id: uuid.UUID, *, for_update: bool = False
) -> GuideAssignment | None:
    query = visible(principal, today).where(GuideAssignment.id == guide_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def open_for_youth(session: AsyncSession, youth_id: uuid.UUID) -> GuideAssignment | None:
    query = select(GuideAssignment).where(
        GuideAssignment.youth_id == youth_id, GuideAssignment.state.in_(PENDING_OR_ACTIVE)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def list_page(
    session: AsyncSession,
    principal: Principal,
    today: date,
    *,
    limit: int,
    after: tuple[date, uuid.UUID] | None,
    youth_id: uuid.UUID | None,
    state: str | None,
    guide_sub: str | None,
) -> list[GuideAssignment]:
    query = visible(principal, today)
    if youth_id is not None:
        query = query.where(GuideAssignment.youth_id == youth_id)
    if state is not None:
        query = query.where(GuideAssignment.state == state)
    if guide_sub is not None:
        query = query.where(GuideAssignment.guide_sub == guide_sub)
    if after is not None:
        query = query.where((GuideAssignment.offered_on, GuideAssignment.id) > after)  # type: ignore[operator]
    query = query.order_by(GuideAssignment.offered_on, GuideAssignment.id).limit(limit + 1)
    return list((await session.execute(query)).scalars())
