"""Every query about network meetings, scoped through the youth they belong to."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import YouthRecords
from ungeapi.models import NetworkMeeting, Plan

RESOURCE = "network_meeting"


RECORDS = YouthRecords(NetworkMeeting, RESOURCE)
visible, get, find, read_one = RECORDS.visible, RECORDS.get, RECORDS.find, RECORDS.read_one


async def plan_youth(session: AsyncSession, plan_id: uuid.UUID) -> uuid.UUID | None:
    """The youth a plan belongs to (within the municipality), or None if there is no such plan."""
    return (await session.execute(select(Plan.youth_id).where(Plan.id == plan_id))).scalar_one_or_none()


# Newest meeting first.
PAGE = RECORDS.page(
    NetworkMeeting.held_on,
    descending=True,
    equal={"plan_id": NetworkMeeting.plan_id},
)
