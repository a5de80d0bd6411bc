"""Every query about absence records, scoped through the youth they belong to."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import visible_youth_ids, writable_youth_ids
from ungeapi.core import statements
from ungeapi.core.context import Ctx
from ungeapi.core.reads import Audit, AuditedRead, KeysetPage, Row
from ungeapi.core.security import Principal
from ungeapi.models import AbsenceRecord

RESOURCE = "absence"


def visible(principal: Principal, today: date) -> Select[AbsenceRecord]:
    return select(AbsenceRecord).where(
        AbsenceRecord.youth_id.in_(visible_youth_ids(principal, today, RESOURCE))
    )


def writable(principal: Principal, today: date) -> Select[AbsenceRecord]:
    return select(AbsenceRecord).where(AbsenceRecord.youth_id.in_(writable_youth_ids(principal, today)))


async def get(
    session: AsyncSession,
    principal: Principal,
    today: date,
    record_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> AbsenceRecord | None:
    # A row locked for a change is in the write scope: a consent opens it for reading only.
    scope = writable(principal, today) if for_update else visible(principal, today)
    query = scope.where(AbsenceRecord.id == record_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


READ_ONE = AuditedRead(
    lambda ctx, _: visible(ctx.principal, ctx.today).where(AbsenceRecord.id == statements.ID),
    Audit("read", RESOURCE),
)

PAGE = KeysetPage(
    lambda ctx: visible(ctx.principal, ctx.today),
    Audit("search", RESOURCE),
    key=(AbsenceRecord.period_from, AbsenceRecord.id),
    equal={"youth_id": AbsenceRecord.youth_id, "school_name": AbsenceRecord.school_name},
)


async def read_one(session: AsyncSession, ctx: Ctx, record_id: uuid.UUID) -> Row | None:
    """The record in the caller's read scope, audited as read."""
    return await READ_ONE.one(session, ctx, {statements.ID: record_id})
