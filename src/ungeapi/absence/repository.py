"""Every query about absence records, scoped through the youth they belong to."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import YouthRecords
from ungeapi.models import AbsenceRecord, Department

RESOURCE = "absence"


RECORDS = YouthRecords(AbsenceRecord, RESOURCE, opened_by=RESOURCE, locked_writable=True)
visible, get, find, read_one = RECORDS.visible, RECORDS.get, RECORDS.find, RECORDS.read_one
PAGE = RECORDS.page(
    AbsenceRecord.period_from,
    equal={"school_name": AbsenceRecord.school_name},
)


async def get_by_external(session: AsyncSession, system: str, external_id: str) -> AbsenceRecord | None:
    """Unscoped within the municipality: an upsert must find the row whoever can see it."""
    query = (
        select(AbsenceRecord)
        .where(AbsenceRecord.external_system == system, AbsenceRecord.external_id == external_id)
        .with_for_update()
    )
    return (await session.execute(query)).scalar_one_or_none()


async def period_taken(
    session: AsyncSession,
    youth_id: uuid.UUID,
    school_name: str,
    period: tuple[date, date],
    *,
    other_than: uuid.UUID,
) -> bool:
    """Another record of the youth holds this school and period (uq_absence_record_period)."""
    query = select(
        exists().where(
            AbsenceRecord.youth_id == youth_id,
            AbsenceRecord.school_name == school_name,
            AbsenceRecord.period_from == period[0],
            AbsenceRecord.period_to == period[1],
            AbsenceRecord.id != other_than,
        )
    )
    return bool((await session.execute(query)).scalar_one())


ABSENCE_TEAM = "absence_team"


async def is_absence_team(session: AsyncSession, code: str) -> bool:
    """The municipality (row-level security) has a department `code` of kind `absence_team`."""
    found = select(Department.code).where(Department.code == code, Department.kind == ABSENCE_TEAM)
    return (await session.execute(found)).first() is not None
