"""Every query about coordinating teams, their members and their meetings, scoped through the
youth the team is about."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import YouthRecords
from ungeapi.models import CoordinatingTeam, Plan, PlanGoal, TeamMeeting, TeamMeetingGoal, TeamMember
from ungeapi.models.plan import FINISHED_STATUSES

RESOURCE = "team"


RECORDS = YouthRecords(CoordinatingTeam, RESOURCE)
visible, get, find = RECORDS.visible, RECORDS.get, RECORDS.find


async def active_team_id(session: AsyncSession, youth_id: uuid.UUID) -> uuid.UUID | None:
    query = select(CoordinatingTeam.id).where(
        CoordinatingTeam.youth_id == youth_id, CoordinatingTeam.status == "active"
    )
    return (await session.execute(query)).scalar_one_or_none()


async def from_decisions(session: AsyncSession, decision_ids: Sequence[uuid.UUID]) -> list[CoordinatingTeam]:
    query = select(CoordinatingTeam).where(CoordinatingTeam.created_from_decision_id.in_(decision_ids))
    return list((await session.execute(query)).scalars())


# Ordered by id alone: the key is the id twice, so the cursor stays the single id it always was.
PAGE = RECORDS.page(CoordinatingTeam.id)


async def members(session: AsyncSession, team_ids: Sequence[uuid.UUID]) -> list[TeamMember]:
    """The members of the teams, earliest joined first."""
    if not team_ids:
        return []
    query = (
        select(TeamMember)
        .where(TeamMember.team_id.in_(team_ids))
        .order_by(TeamMember.joined_on, TeamMember.department, TeamMember.role, TeamMember.id)
    )
    return list((await session.execute(query)).scalars())


async def member(session: AsyncSession, team_id: uuid.UUID, member_id: uuid.UUID) -> TeamMember | None:
    """A member of the team, row-locked for a change."""
    query = (
        select(TeamMember).where(TeamMember.id == member_id, TeamMember.team_id == team_id).with_for_update()
    )
    return (await session.execute(query)).scalar_one_or_none()


async def members_on(
    session: AsyncSession, team_id: uuid.UUID, on: date, *, limit: int, after: tuple[date, uuid.UUID] | None
) -> list[TeamMember]:
    """`limit` members whose period covers `on`, and one more when a next page exists."""
    m = TeamMember
    query = select(m).where(m.team_id == team_id, m.joined_on <= on, m.left_on.is_(None) | (m.left_on >= on))
    if after is not None:
        query = query.where(tuple_(m.joined_on, m.id) > tuple_(*after))
    return list((await session.execute(query.order_by(m.joined_on, m.id).limit(limit + 1))).scalars())


async def meetings(
    session: AsyncSession, team_id: uuid.UUID, *, limit: int, after: tuple[date, uuid.UUID] | None
) -> list[TeamMeeting]:
    """`limit` of the team's meetings by the day held, and one more when a next page exists."""
    query = select(TeamMeeting).where(TeamMeeting.team_id == team_id)
    if after is not None:
        query = query.where(tuple_(TeamMeeting.held_on, TeamMeeting.id) > tuple_(*after))
    query = query.order_by(TeamMeeting.held_on, TeamMeeting.id).limit(limit + 1)
    return list((await session.execute(query)).scalars())


async def goals(session: AsyncSession, goal_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, PlanGoal]:
    query = select(PlanGoal).where(PlanGoal.id.in_(goal_ids))
    return {goal.id: goal for goal in (await session.execute(query)).scalars()}


async def current_plan_id(session: AsyncSession, youth_id: uuid.UUID) -> uuid.UUID | None:
    query = select(Plan.id).where(Plan.youth_id == youth_id, Plan.status.not_in(FINISHED_STATUSES))
    return (await session.execute(query)).scalar_one_or_none()


async def meeting_goals(
    session: AsyncSession, meeting_ids: Sequence[uuid.UUID]
) -> list[tuple[uuid.UUID, str, PlanGoal]]:
    """(meeting id, horizon, goal) of each goal linked to the meetings, by meeting and position."""
    query = (
        select(TeamMeetingGoal.meeting_id, TeamMeetingGoal.horizon, PlanGoal)
        .join(PlanGoal, PlanGoal.id == TeamMeetingGoal.goal_id)
        .where(TeamMeetingGoal.meeting_id.in_(meeting_ids))
        .order_by(TeamMeetingGoal.meeting_id, PlanGoal.position)
    )
    return [(meeting_id, horizon, goal) for meeting_id, horizon, goal in (await session.execute(query)).all()]
