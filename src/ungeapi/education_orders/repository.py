"""Every query about education orders, scoped through the youth they belong to."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import YouthRecords
from ungeapi.core.context import Ctx
from ungeapi.core.reads import Row
from ungeapi.education_orders.errors import EducationOrderNotFound
from ungeapi.models import EducationOrder

RESOURCE = "education_order"
_RECORDS: YouthRecords[EducationOrder] = YouthRecords(EducationOrder, RESOURCE, locked_writable=True)
# Oldest first by the day assessed (ix_education_order_youth and ix_education_order_assessed).
PAGE = _RECORDS.page(EducationOrder.assessed_on)


async def locked(session: AsyncSession, ctx: Ctx, order_id: uuid.UUID, version: int) -> EducationOrder:
    """The order in the caller's write scope (else 404), locked for a change at `version`."""
    found: EducationOrder = await _RECORDS.find(
        session, ctx, order_id, EducationOrderNotFound, version=version
    )
    return found


async def read_one(session: AsyncSession, ctx: Ctx, order_id: uuid.UUID) -> Row | None:
    """The order in the caller's read scope, audited as read."""
    return await _RECORDS.read_one(session, ctx, order_id)
