"""Every query about youth plans and aftercare decisions, scoped through the youth they belong to."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import visible_youth_ids
from ungeapi.core import statements
from ungeapi.core.context import Ctx
from ungeapi.core.reads import Audit, AuditedRead, KeysetPage, Row
from ungeapi.core.security import Principal
from ungeapi.models import AftercareDecision, YouthPlan

YOUTH_PLAN = "youth_plan"
AFTERCARE_DECISION = "aftercare_decision"

Record = TypeVar("Record", YouthPlan, AftercareDecision)


def visible(model: type[Record], principal: Principal, today: date) -> Select[Record]:
    return select(model).where(model.youth_id.in_(visible_youth_ids(principal, today)))


async def locked(
    session: AsyncSession, model: type[Record], principal: Principal, today: date, record_id: uuid.UUID
) -> Record | None:
    """The record in the caller's read scope, locked for a change."""
    query = visible(model, principal, today).where(model.id == record_id).with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


def _read_one(model: type[Record], resource: str) -> AuditedRead:
    return AuditedRead(
        lambda ctx, _: visible(model, ctx.principal, ctx.today).where(model.id == statements.ID),
        Audit("read", resource),
    )


def _page(model: type[Any], resource: str, key: Any) -> KeysetPage:
    """Oldest first by `key` (the indexes ix_<table>_youth and ix_<table>_<key>)."""
    return KeysetPage(
        lambda ctx: visible(model, ctx.principal, ctx.today),
        Audit("search", resource),
        key=(key, model.id),
        equal={"youth_id": model.youth_id},
    )


_READS = {
    YouthPlan: _read_one(YouthPlan, YOUTH_PLAN),
    AftercareDecision: _read_one(AftercareDecision, AFTERCARE_DECISION),
}
YOUTH_PLANS = _page(YouthPlan, YOUTH_PLAN, YouthPlan.made_on)
AFTERCARE_DECISIONS = _page(AftercareDecision, AFTERCARE_DECISION, AftercareDecision.decided_on)


async def read_one(session: AsyncSession, ctx: Ctx, model: type[Record], record_id: uuid.UUID) -> Row | None:
    """The record in the caller's read scope, audited as read."""
    return await _READS[model].one(session, ctx, {statements.ID: record_id})
