"""Use cases of coordinating teams that a forum decision needs; the teams issue extends this."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core import audit, events
from ungeapi.core.context import Ctx
from ungeapi.models import CoordinatingTeam, TeamMember
from ungeapi.teams import rules
from ungeapi.teams.errors import LeadRequired, TeamAlreadyActive
from ungeapi.teams.schemas import TeamLead, TeamMemberIn, TeamMemberRead, TeamRead

RESOURCE = "team"


def check_lead(members: Sequence[TeamMemberIn]) -> TeamMemberIn:
    """R16: exactly one lead (tovholder), a named member; else 422 team.lead_required."""
    index = rules.lead_of([rules.MemberIn(sub=m.sub, name=m.name, lead=m.lead) for m in members])
    if index is None:
        raise LeadRequired()
    return members[index]


def to_read(team: CoordinatingTeam, members: Sequence[TeamMember]) -> TeamRead:
    return TeamRead(
        id=team.id,
        youth_id=team.youth_id,
        lead=TeamLead(sub=team.lead_sub, name=team.lead_name, department=team.lead_department),
        members=[
            TeamMemberRead(
                id=m.id,
                sub=m.sub,
                name=m.name,
                department=m.department,
                role=m.role,
                lead=m.sub is not None and m.sub == team.lead_sub,
                joined_on=m.joined_on,
                left_on=m.left_on,
            )
            for m in members
        ],
        first_meeting_on=team.first_meeting_on,
        first_meeting_deadline=team.first_meeting_deadline,
        decided_late=team.decided_late,
        created_from_decision_id=team.created_from_decision_id,
        status=team.status,
        version=team.version,
    )


async def active_team_id(session: AsyncSession, youth_id: uuid.UUID) -> uuid.UUID | None:
    query = select(CoordinatingTeam.id).where(
        CoordinatingTeam.youth_id == youth_id, CoordinatingTeam.status == "active"
    )
    return (await session.execute(query)).scalar_one_or_none()


async def create_team_from_decision(
    session: AsyncSession,
    ctx: Ctx,
    *,
    youth_id: uuid.UUID,
    decision_id: uuid.UUID,
    members: Sequence[TeamMemberIn],
    first_meeting_on: date,
    first_meeting_deadline: date,
    late: bool,
    joined_on: date,
) -> TeamRead:
    """R16: the forum composes the coordinating team and names its lead; the team's first
    meeting is planned by the deadline the decision computed. One active team per youth
    (409 team.already_active; also a partial unique index)."""
    lead = check_lead(members)
    if await active_team_id(session, youth_id) is not None:
        raise TeamAlreadyActive()
    assert lead.sub is not None and lead.name is not None  # checked by the rule
    team = CoordinatingTeam(
        municipality_code=ctx.principal.municipality,
        youth_id=youth_id,
        lead_sub=lead.sub,
        lead_name=lead.name,
        lead_department=lead.department,
        first_meeting_deadline=first_meeting_deadline,
        first_meeting_on=first_meeting_on,
        decided_late=late,
        created_from_decision_id=decision_id,
        status="active",
    )
    session.add(team)
    await session.flush()
    rows = [
        TeamMember(
            municipality_code=ctx.principal.municipality,
            team_id=team.id,
            sub=m.sub,
            name=m.name,
            department=m.department,
            role=m.role,
            joined_on=joined_on,
        )
        for m in members
    ]
    session.add_all(rows)
    await session.flush()
    await session.refresh(team)
    for row in rows:
        await session.refresh(row)
    await audit.record(
        session,
        ctx,
        action="create",
        resource_type=RESOURCE,
        resource_id=team.id,
        youth_id=youth_id,
        detail={"decision": str(decision_id), "members": len(rows)},
    )
    await events.record(
        session,
        ctx,
        action="created",
        resource_type=RESOURCE,
        resource_id=team.id,
        youth_id=youth_id,
        version=team.version,
        data={"decision_id": str(decision_id)},
    )
    for row in rows:
        await events.record(
            session,
            ctx,
            action="created",
            resource_type="team_member",
            resource_id=row.id,
            youth_id=youth_id,
            version=row.version,
            data={"team_id": str(team.id)},
        )
    return to_read(team, rows)


async def teams_from_decisions(
    session: AsyncSession, decision_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, TeamRead]:
    """The teams created from these decisions, by decision id (for reading decisions)."""
    if not decision_ids:
        return {}
    teams = list(
        (
            await session.execute(
                select(CoordinatingTeam).where(CoordinatingTeam.created_from_decision_id.in_(decision_ids))
            )
        ).scalars()
    )
    if not teams:
        return {}
    members = list(
        (
            await session.execute(
                select(TeamMember)
                .where(TeamMember.team_id.in_([t.id for t in teams]))
                .order_by(TeamMember.joined_on, TeamMember.department, TeamMember.role, TeamMember.id)
            )
        ).scalars()
    )
    result: dict[uuid.UUID, TeamRead] = {}
    for team in teams:
        assert team.created_from_decision_id is not None
        result[team.created_from_decision_id] = to_read(team, [m for m in members if m.team_id == team.id])
    return result
