"""Every query about guide assignments, scoped through the youth they belong to."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import YouthRecords
from ungeapi.models import GuideAssignment
from ungeapi.models.guide import PENDING_OR_ACTIVE

RESOURCE = "guide"


RECORDS = YouthRecords(GuideAssignment, RESOURCE)
visible, get, find, read_one = RECORDS.visible, RECORDS.get, RECORDS.find, RECORDS.read_one


async def open_for_youth(session: AsyncSession, youth_id: uuid.UUID) -> GuideAssignment | None:
    query = select(GuideAssignment).where(
        GuideAssignment.youth_id == youth_id, GuideAssignment.state.in_(PENDING_OR_ACTIVE)
    )
    return (await session.execute(query)).scalar_one_or_none()


PAGE = RECORDS.page(
    GuideAssignment.offered_on,
    equal={
        "state": GuideAssignment.state,
        "guide_sub": GuideAssignment.guide_sub,
    },
)
