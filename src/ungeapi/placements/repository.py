"""Every query about youth plans and aftercare decisions, scoped through the youth they belong to."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import YouthRecords
from ungeapi.core.context import Ctx
from ungeapi.core.reads import Row
from ungeapi.core.security import Principal
from ungeapi.models import AftercareDecision, YouthPlan

YOUTH_PLAN = "youth_plan"
AFTERCARE_DECISION = "aftercare_decision"

Record = TypeVar("Record", YouthPlan, AftercareDecision)


_RECORDS: dict[Any, YouthRecords[Any]] = {
    YouthPlan: YouthRecords(YouthPlan, YOUTH_PLAN),
    AftercareDecision: YouthRecords(AftercareDecision, AFTERCARE_DECISION),
}
# Oldest first by the day made or decided (the indexes ix_<table>_youth and ix_<table>_<key>).
YOUTH_PLANS = _RECORDS[YouthPlan].page(YouthPlan.made_on)
AFTERCARE_DECISIONS = _RECORDS[AftercareDecision].page(AftercareDecision.decided_on)


async def locked(
    session: AsyncSession, model: type[Record], principal: Principal, today: date, record_id: uuid.UUID
) -> Record | None:
    """The record in the caller's read scope, locked for a change."""
    found: Record | None = await _RECORDS[model].get(session, principal, today, record_id, for_update=True)
    return found


async def read_one(session: AsyncSession, ctx: Ctx, model: type[Record], record_id: uuid.UUID) -> Row | None:
    """The record in the caller's read scope, audited as read."""
    return await _RECORDS[model].read_one(session, ctx, record_id)
