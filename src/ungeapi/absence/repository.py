"""Every query about absence records, scoped through the youth they belong to."""

from __future__ import annotations

from sqlalchemy import select
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


ABSENCE_TEAM = "absence_team"


async def is_absence_team(session: AsyncSession, code: str) -> bool:
    """The municipality (row-level security) has a department `code` of kind `absence_team`."""
    found = select(Department.code).where(Department.code == code, Department.kind == ABSENCE_TEAM)
    return (await session.execute(found)).first() is not None
