"""Every query about coordination notes, scoped through the youth they are about."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import YouthRecords
from ungeapi.models import (
    AgendaItem,
    CoordinatingTeam,
    CoordinationNote,
    CoordinationNoteVersion,
    Plan,
    Referral,
    YouthCase,
)

RESOURCE = "note"

RECORDS = YouthRecords(CoordinationNote, RESOURCE, locked_writable=True)
find, read_found = RECORDS.find, RECORDS.read_found
# Newest first.
PAGE = RECORDS.page(
    CoordinationNote.created_at,
    descending=True,
    equal={"subject_type": CoordinationNote.subject_type, "subject_id": CoordinationNote.subject_id},
)

# Each kind of record a note may be about: the column of its id and of its youth. A meeting is
# the youth's when the youth's referral is on its agenda.
_SUBJECTS: dict[str, tuple[Any, Any]] = {
    "case": (YouthCase.id, YouthCase.youth_id),
    "plan": (Plan.id, Plan.youth_id),
    "referral": (Referral.id, Referral.youth_id),
    "team": (CoordinatingTeam.id, CoordinatingTeam.youth_id),
    "meeting": (AgendaItem.meeting_id, AgendaItem.youth_id),
}


async def subject_exists(
    session: AsyncSession, subject_type: str, subject_id: uuid.UUID, youth_id: uuid.UUID
) -> bool:
    """The youth has that record (row-level security keeps it in the caller's municipality)."""
    record_id, record_youth = _SUBJECTS[subject_type]
    query = select(exists().where(record_id == subject_id, record_youth == youth_id))
    return bool((await session.execute(query)).scalar())


async def versions(session: AsyncSession, note_id: uuid.UUID) -> Sequence[CoordinationNoteVersion]:
    query = (
        select(CoordinationNoteVersion)
        .where(CoordinationNoteVersion.note_id == note_id)
        .order_by(CoordinationNoteVersion.number)
    )
    return (await session.execute(query)).scalars().all()
