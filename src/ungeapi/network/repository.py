"""Every query about network meetings, scoped through the youth they belong to."""

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
from ungeapi.models import NetworkMeeting, Plan

RESOURCE = "network_meeting"


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


READ_ONE = AuditedRead(
    lambda ctx, _: visible(ctx.principal, ctx.today).where(NetworkMeeting.id == statements.ID),
    Audit("read", RESOURCE),
)


async def read_one(session: AsyncSession, ctx: Ctx, meeting_id: uuid.UUID) -> Row | None:
    """The meeting in the caller's read scope, audited as read."""
    return await READ_ONE.one(session, ctx, {statements.ID: meeting_id})


async def plan_youth(session: AsyncSession, plan_id: uuid.UUID) -> uuid.UUID | None:
    """The youth a plan belongs to (within the municipality), or None if there is no such plan."""
    return (await session.execute(select(Plan.youth_id).where(Plan.id == plan_id))).scalar_one_or_none()


# Newest meeting first.
PAGE = KeysetPage(
    lambda ctx: visible(ctx.principal, ctx.today),
    Audit("search", RESOURCE),
    key=(NetworkMeeting.held_on, NetworkMeeting.id),
    descending=True,
    equal={"youth_id": NetworkMeeting.youth_id, "plan_id": NetworkMeeting.plan_id},
)
