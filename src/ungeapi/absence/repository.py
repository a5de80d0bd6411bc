"""Every query about absence records, scoped through the youth they belong to."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import visible_youth_ids, writable_youth_ids
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


async def list_page(
    session: AsyncSession,
    principal: Principal,
    today: date,
    *,
    limit: int,
    after: tuple[date, uuid.UUID] | None,
    youth_id: uuid.UUID | None,
    school_name: str | None,
) -> list[AbsenceRecord]:
    query = visible(principal, today)
    if youth_id is not None:
        query = query.where(AbsenceRecord.youth_id == youth_id)
    if school_name is not None:
        query = query.where(AbsenceRecord.school_name == school_name)
    if after is not None:
        query = query.where((AbsenceRecord.period_from, AbsenceRecord.id) > after)  # type: ignore[operator]
    query = query.order_by(AbsenceRecord.period_from, AbsenceRecord.id).limit(limit + 1)
    return list((await session.execute(query)).scalars())
