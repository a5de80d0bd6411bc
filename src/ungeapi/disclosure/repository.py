"""Every query about recorded disclosures, and the look-up of the record a disclosure is about."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import YouthRecords, concern_visible, visible_youth_ids
from ungeapi.core.security import Principal
from ungeapi.models import Concern, CoordinatingTeam, Disclosure, TeamMeeting

RESOURCE = "disclosure"


async def visible_record(
    session: AsyncSession, principal: Principal, today: date, model: Any, record_id: uuid.UUID
) -> Any | None:
    """The record of `model` the caller may see: the youth's scope; a concern the concern scope."""
    scope = (
        concern_visible(principal)
        if model is Concern
        else model.youth_id.in_(visible_youth_ids(principal, today))
    )
    return (await session.execute(select(model).where(model.id == record_id, scope))).scalar_one_or_none()


async def visible_team_meeting(
    session: AsyncSession, principal: Principal, today: date, meeting_id: uuid.UUID
) -> tuple[TeamMeeting, CoordinatingTeam] | None:
    """A team meeting and its team, seen through the youth the team is about."""
    query = (
        select(TeamMeeting, CoordinatingTeam)
        .join(CoordinatingTeam, CoordinatingTeam.id == TeamMeeting.team_id)
        .where(
            TeamMeeting.id == meeting_id, CoordinatingTeam.youth_id.in_(visible_youth_ids(principal, today))
        )
    )
    found = (await session.execute(query)).first()
    return None if found is None else (found[0], found[1])


async def disclosed_to(
    session: AsyncSession, record_ids: Sequence[uuid.UUID], departments: Sequence[str]
) -> list[tuple[uuid.UUID, str, uuid.UUID, str]]:
    """(record id, information class, disclosure id, recipient) of each disclosure of the records
    to one of the departments, oldest first."""
    query = (
        select(
            Disclosure.record_id, Disclosure.information_class, Disclosure.id, Disclosure.recipient_department
        )
        .where(Disclosure.record_id.in_(record_ids), Disclosure.recipient_department.in_(departments))
        .order_by(Disclosure.created_at, Disclosure.id)
    )
    return [(r[0], r[1], r[2], r[3]) for r in await session.execute(query)]


# Oldest first.
PAGE = YouthRecords(Disclosure, RESOURCE).page(Disclosure.created_at)
