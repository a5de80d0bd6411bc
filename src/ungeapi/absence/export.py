"""The youth's absence records in the right-of-access export (privacy/export.py SECTIONS)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ungeapi.absence.service import RESOURCE, to_read
from ungeapi.disclosure.screen import screen
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
    reads = [to_read(r, policy) for r in (await e.session.execute(query)).scalars()]
    # R9: through the same filter as every read (see privacy/export.py).
    return [r.model_dump(mode="json") for r in await screen(e.session, e.ctx, RESOURCE, reads)]


register("absence", absence_section)
