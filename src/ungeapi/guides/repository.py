"""Every query about guide assignments, scoped through the youth they belong to."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import visible_youth_ids
from ungeapi.core import statements
from ungeapi.core.context import Ctx
from ungeapi.core.reads import Audit, AuditedRead, KeysetPage, Row
from ungeapi.core.security import Principal
from ungeapi.models import GuideAssignment
from ungeapi.models.guide import PENDING_OR_ACTIVE

RESOURCE = "guide"


def visible(principal: Principal, today: date) -> Select[GuideAssignment]:
    return select(GuideAssignment).where(GuideAssignment.youth_id.in_(visible_youth_ids(principal, today)))


async def get(
    session: AsyncSession, principal: Principal, today: date, guide_id: uuid.UUID, *, for_update: bool = False
) -> GuideAssignment | None:
    query = visible(principal, today).where(GuideAssignment.id == guide_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


READ_ONE = AuditedRead(
    lambda ctx, _: visible(ctx.principal, ctx.today).where(GuideAssignment.id == statements.ID),
    Audit("read", RESOURCE),
)


async def read_one(session: AsyncSession, ctx: Ctx, guide_id: uuid.UUID) -> Row | None:
    """The assignment in the caller's read scope, audited as read."""
    return await READ_ONE.one(session, ctx, {statements.ID: guide_id})


async def open_for_youth(session: AsyncSession, youth_id: uuid.UUID) -> GuideAssignment | None:
    query = select(GuideAssignment).where(
        GuideAssignment.youth_id == youth_id, GuideAssignment.state.in_(PENDING_OR_ACTIVE)
    )
    return (await session.execute(query)).scalar_one_or_none()


PAGE = KeysetPage(
    lambda ctx: visible(ctx.principal, ctx.today),
    Audit("search", RESOURCE),
    key=(GuideAssignment.offered_on, GuideAssignment.id),
    equal={
        "youth_id": GuideAssignment.youth_id,
        "state": GuideAssignment.state,
        "guide_sub": GuideAssignment.guide_sub,
    },
)
