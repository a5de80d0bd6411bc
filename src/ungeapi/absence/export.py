"""The youth's absence records in the right-of-access export (privacy/export.py SECTIONS)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ungeapi.absence.service import to_read
from ungeapi.models import AbsenceRecord
from ungeapi.municipality.service import get_policy
from ungeapi.privacy.export import Export, register


async def absence_section(e: Export) -> Any:
    query = (
        select(AbsenceRecord)
        .where(AbsenceRecord.youth_id == e.youth.id)
        .order_by(AbsenceRecord.period_from, AbsenceRecord.id)
    )
    policy = await get_policy(e.session)
    return [to_read(r, policy).model_dump(mode="json") for r in (await e.session.execute(query)).scalars()]


register("absence", absence_section)
