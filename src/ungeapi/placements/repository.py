"""Every query about youth plans and aftercare decisions, scoped through the youth they belong to."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import YouthRecords
from ungeapi.core.context import Ctx
from ungeapi.core.errors import DomainError
from ungeapi.core.reads import Row
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
    session: AsyncSession,
    ctx: Ctx,
    model: type[Record],
    record_id: uuid.UUID,
    missing: type[DomainError],
    version: int,
) -> Record:
    """The record in the caller's read scope (else `missing`), locked for a change at `version`."""
    found: Record = await _RECORDS[model].find(session, ctx, record_id, missing, version=version)
    return found


async def read_one(session: AsyncSession, ctx: Ctx, model: type[Record], record_id: uuid.UUID) -> Row | None:
    """The record in the caller's read scope, audited as read."""
    return await _RECORDS[model].read_one(session, ctx, record_id)
