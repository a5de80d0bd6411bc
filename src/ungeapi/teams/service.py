"""Use cases of coordinating teams that a forum decision needs; the teams issue extends this."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core import events
from ungeapi.core.changes import CREATE, Ledger, bump, inserted, logged, part_created
from ungeapi.core.context import Ctx
from ungeapi.core.event_dates import check_event_date
from ungeapi.core.pagination import (
    InvalidCursor,
    decode_cursor,
    decode_keyset,
    encode_cursor,
    split_page,
)
from ungeapi.core.reads import Row
from ungeapi.core.schemas import from_row, to_row
from ungeapi.disclosure.screen import screen, screen_one
from ungeapi.models import CoordinatingTeam, PlanGoal, TeamMeeting, TeamMeetingGoal, TeamMember
from ungeapi.municipality.service import get_policy
from ungeapi.network.schemas import ThreePartFrame
from ungeapi.teams import repository, rules
from ungeapi.teams.errors import (
    FirstMeetingAfter17,
    FirstMeetingBeforeDecision,
    GoalHorizonMismatch,
    GoalNotInPlan,
    InvalidPeriod,
    LeadRequired,
    MemberNotFound,
    TeamAlreadyActive,
    TeamNotFound,
)
from ungeapi.teams.schemas import (
    LinkedGoal,
    MemberAdd,
    MemberLeave,
    TeamCreate,
    TeamLead,
    TeamMeetingCreate,
    TeamMeetingRead,
    TeamMemberIn,
    TeamMemberRead,
    TeamRead,
    TeamUpdate,
)
from ungeapi.youth.service import (
    check_age_window,
    check_youth_in_age_window,
    writable_youth,
    youth_records_page,
)

RESOURCE = "team"
LEDGER = Ledger(RESOURCE)
MEETING = "team_meeting"
# A team's members and meetings, read through the team: audited with its id and youth.
MEMBERS, MEETINGS = Ledger("team_member"), Ledger(MEETING)


def check_lead(members: Sequence[TeamMemberIn]) -> TeamMemberIn:
    """R16: exactly one lead (tovholder), a named member; else 422 team.lead_required."""
    index = rules.lead_of([rules.MemberIn(sub=m.sub, name=m.name, lead=m.lead) for m in members])
    if index is None:
        raise LeadRequired()
    return members[index]


async def check_first_meeting(
    session: AsyncSession, *, birth_date: date, decided_on: date, first_meeting_on: date | None
) -> rules.FirstMeeting:
    """R16 on every door that sets or changes a team's first meeting day (a forum decision,
    POST /v1/teams, PATCH /v1/teams/{id}): the first meeting lies between the day the team was
    decided and the 17th birthday, or decided_on + late_team_days for a youth already 17 that
    day (marked late). 422 team.first_meeting_before_decision / team.first_meeting_after_17."""
    policy = await get_policy(session)
    checked = rules.first_meeting(birth_date, decided_on, first_meeting_on, policy.late_team_days)
    if checked.refusal == FirstMeetingBeforeDecision.code:
        raise FirstMeetingBeforeDecision(decided_on=decided_on.isoformat())
    if checked.refusal == FirstMeetingAfter17.code:
        raise FirstMeetingAfter17(deadline=checked.deadline.isoformat())
    return checked


def _member_read(team: CoordinatingTeam | Row, m: TeamMember) -> TeamMemberRead:
    return from_row(TeamMemberRead, m, lead=m.sub is not None and m.sub == team.lead_sub)


def to_read(team: CoordinatingTeam | Row, members: Sequence[TeamMember]) -> TeamRead:
    return from_row(
        TeamRead,
        team,
        lead=from_row(TeamLead, team, prefix="lead_"),
        members=[_member_read(team, m) for m in members],
    )


async def active_team_id(session: AsyncSession, youth_id: uuid.UUID) -> uuid.UUID | None:
    return await repository.active_team_id(session, youth_id)


def _new_member(team: CoordinatingTeam, data: TeamMemberIn | MemberAdd, joined_on: date) -> TeamMember:
    # `lead` names the team's lead_sub, not a column of the member.
    place = {"municipality_code": team.municipality_code, "team_id": team.id, "joined_on": joined_on}
    return to_row(TeamMember, data, leave=("lead",), **place)


async def create_team_from_decision(
    session: AsyncSession,
    ctx: Ctx,
    *,
    youth_id: uuid.UUID,
    birth_date: date,
    decision_id: uuid.UUID | None,
    members: Sequence[TeamMemberIn],
    first_meeting_on: date | None,
    decided_on: date,
) -> TeamRead:
    """R16: the forum (or a coordinator directly) composes the coordinating team and names its
    lead; the members join on the day it is decided. Every team is created here, so the
    first-meeting check (check_first_meeting) guards every way a team comes into being.
    One active team per youth (409 team.already_active; also a partial unique index)."""
    await check_youth_in_age_window(session, ctx, youth_id)
    lead = check_lead(members)
    checked = await check_first_meeting(
        session, birth_date=birth_date, decided_on=decided_on, first_meeting_on=first_meeting_on
    )
    if await active_team_id(session, youth_id) is not None:
        raise TeamAlreadyActive()
    assert lead.sub is not None and lead.name is not None  # checked by the rule
    team = CoordinatingTeam(
        municipality_code=ctx.principal.municipality,
        youth_id=youth_id,
        lead_sub=lead.sub,
        lead_name=lead.name,
        lead_department=lead.department,
        first_meeting_deadline=checked.deadline,
        first_meeting_on=first_meeting_on,
        decided_on=decided_on,
        decided_late=checked.late,
        created_from_decision_id=decision_id,
        status="active",
    )
    await inserted(session, team)
    rows = [_new_member(team, m, decided_on) for m in members]
    session.add_all(rows)
    await session.flush()
    decision = str(decision_id) if decision_id else None
    await LEDGER.logged(
        session,
        ctx,
        team,
        CREATE,
        detail={"decision": decision, "members": len(rows)},
        data={"decision_id": decision},
    )
    await events.record(
        session, [part_created(ctx, "team_member", row, youth_id, team_id=team.id) for row in rows]
    )
    return to_read(team, rows)


async def teams_from_decisions(
    session: AsyncSession, decision_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, TeamRead]:
    """The teams created from these decisions, by decision id (for reading decisions)."""
    if not decision_ids:
        return {}
    teams = await repository.from_decisions(session, decision_ids)
    members = await repository.members(session, [t.id for t in teams])
    result: dict[uuid.UUID, TeamRead] = {}
    for team in teams:
        assert team.created_from_decision_id is not None
        result[team.created_from_decision_id] = to_read(team, [m for m in members if m.team_id == team.id])
    return result


async def create_team(session: AsyncSession, ctx: Ctx, data: TeamCreate) -> TeamRead:
    """A coordinator composes a team directly (R16): exactly one named lead; the team is
    decided today, so its first meeting lies between today and the 17th birthday, or today +
    late_team_days for a youth already 17 (marked late)."""
    youth = await writable_youth(session, ctx, data.youth_id)
    return await create_team_from_decision(
        session,
        ctx,
        youth_id=youth.id,
        birth_date=youth.birth_date,
        decision_id=None,
        members=data.members,
        first_meeting_on=data.first_meeting_on,
        decided_on=ctx.today,
    )


async def change_team(
    session: AsyncSession, ctx: Ctx, team_id: uuid.UUID, expected: int, data: TeamUpdate
) -> TeamRead:
    """A coordinator plans or moves the team's first meeting (If-Match on the team). R16 as
    on creation, from the day the team was decided: no earlier than that day, no later than the
    17th birthday (or decided_on + late_team_days for a youth already 17 that day)."""
    team = await repository.find(session, ctx, team_id, TeamNotFound, version=expected)
    if "first_meeting_on" not in data.model_fields_set:
        return to_read(team, await repository.members(session, [team.id]))
    youth = await writable_youth(session, ctx, team.youth_id)
    await check_age_window(session, ctx, youth.birth_date)
    checked = await check_first_meeting(
        session,
        birth_date=youth.birth_date,
        decided_on=team.decided_on,
        first_meeting_on=data.first_meeting_on,
    )
    before = team.first_meeting_on
    team.first_meeting_on = data.first_meeting_on
    team.first_meeting_deadline, team.decided_late = checked.deadline, checked.late
    return await _touch(
        session,
        ctx,
        team,
        "updated",
        {
            "fields": ["first_meeting_on"],
            "from": before.isoformat() if before else None,
            "first_meeting_on": team.first_meeting_on.isoformat() if team.first_meeting_on else None,
        },
    )


async def read_team(session: AsyncSession, ctx: Ctx, team_id: uuid.UUID) -> TeamRead:
    team = await repository.find(session, ctx, team_id, TeamNotFound)
    await LEDGER.audited(session, ctx, team)
    return to_read(team, await repository.members(session, [team.id]))


async def list_teams(
    session: AsyncSession, ctx: Ctx, *, limit: int, cursor: str | None, youth_id: uuid.UUID | None
) -> tuple[list[TeamRead], str | None]:
    rows, next_cursor = await youth_records_page(
        session, ctx, repository.PAGE, limit, cursor, youth_id=youth_id
    )
    members = await repository.members(session, [t.id for t in rows])
    return [to_read(t, [m for m in members if m.team_id == t.id]) for t in rows], next_cursor


async def members_on(
    session: AsyncSession, ctx: Ctx, team_id: uuid.UUID, on: date, *, limit: int, cursor: str | None
) -> tuple[list[TeamMemberRead], str | None]:
    """Who was on the team on `on` ("who was responsible on date X"): members whose period
    (joined_on to left_on, both included; rules.member_on) covers the day, earliest joined first."""
    team = await repository.find(session, ctx, team_id, TeamNotFound)
    after = decode_keyset(cursor, date.fromisoformat)
    rows = await repository.members_on(session, team.id, on, limit=limit, after=after)
    rows, next_cursor = split_page(rows, limit, lambda r: (r.joined_on, r.id))
    await MEMBERS.audited(session, ctx, team, "read", {"on": on.isoformat()})
    return [_member_read(team, r) for r in rows], next_cursor


async def _touch(
    session: AsyncSession, ctx: Ctx, team: CoordinatingTeam, action: str, detail: dict[str, Any]
) -> TeamRead:
    await LEDGER.saved(
        session, ctx, team, ("update", action), detail={"change": action, **detail}, data=detail
    )
    return to_read(team, await repository.members(session, [team.id]))


async def add_member(
    session: AsyncSession, ctx: Ctx, team_id: uuid.UUID, expected: int, data: MemberAdd
) -> TeamRead:
    """A member joins (If-Match on the team); a new lead replaces the old one as lead (R16)."""
    team = await repository.find(session, ctx, team_id, TeamNotFound, version=expected)
    await check_youth_in_age_window(session, ctx, team.youth_id)
    if data.lead and (not data.sub or not data.name):
        raise LeadRequired()
    joined_on = data.joined_on or ctx.today
    member = _new_member(team, data, joined_on)
    session.add(member)
    if data.lead:
        assert data.sub is not None and data.name is not None
        team.lead_sub, team.lead_name, team.lead_department = data.sub, data.name, data.department
    await session.flush()
    return await _touch(session, ctx, team, "member_joined", {"member_id": str(member.id)})


async def leave_member(
    session: AsyncSession,
    ctx: Ctx,
    team_id: uuid.UUID,
    member_id: uuid.UUID,
    expected: int,
    data: MemberLeave,
) -> TeamRead:
    """A member leaves on a day (the period stays: who was on the team on day X). The lead
    cannot leave without a new lead first (422 team.lead_required)."""
    team = await repository.find(session, ctx, team_id, TeamNotFound, version=expected)
    member = await repository.member(session, team.id, member_id)
    if member is None or member.left_on is not None:
        raise MemberNotFound()
    left_on = data.left_on or ctx.today
    if left_on < member.joined_on:
        raise InvalidPeriod()
    if member.sub is not None and member.sub == team.lead_sub:
        others = [
            m
            for m in await repository.members(session, [team.id])
            if m.id != member.id and m.sub == team.lead_sub and m.left_on is None
        ]
        if not others:
            raise LeadRequired()
    member.left_on = left_on
    bump(member)
    return await _touch(session, ctx, team, "member_left", {"member_id": str(member.id)})


def _linked_goal(goal: PlanGoal) -> LinkedGoal:
    return from_row(LinkedGoal, goal)


def _meeting_read(
    team: CoordinatingTeam, meeting: TeamMeeting, links: Sequence[tuple[str, PlanGoal]] = ()
) -> TeamMeetingRead:
    return from_row(
        TeamMeetingRead,
        meeting,
        youth_id=team.youth_id,
        lead_department=team.lead_department,
        frame=ThreePartFrame.model_validate(meeting.frame),
        short_term_goals=[_linked_goal(goal) for horizon, goal in links if horizon == "short"],
        long_term_goals=[_linked_goal(goal) for horizon, goal in links if horizon == "long"],
        recorded_by=meeting.recorded_by_sub,
    )


async def _checked_goal_links(
    session: AsyncSession, youth_id: uuid.UUID, data: TeamMeetingCreate
) -> list[tuple[str, PlanGoal]]:
    """R17: the linked goals belong to the youth's current plan, each in its own horizon."""
    links = list(
        dict.fromkeys(
            [(goal_id, "short") for goal_id in data.short_term_goal_ids]
            + [(goal_id, "long") for goal_id in data.long_term_goal_ids]
        )
    )
    if not links:
        return []
    goals = await repository.goals(session, [g for g, _ in links])
    current_plan = await repository.current_plan_id(session, youth_id)
    problem = rules.goal_link_problem(
        links, {g.id: (g.plan_id, g.horizon) for g in goals.values()}, current_plan
    )
    if problem is not None and problem.code == GoalNotInPlan.code:
        raise GoalNotInPlan(goal_id=str(problem.goal_id))
    if problem is not None:
        raise GoalHorizonMismatch(
            goal_id=str(problem.goal_id), horizon=problem.horizon, linked_as=problem.linked_as
        )
    return [(horizon, goals[goal_id]) for goal_id, horizon in links]


async def _meeting_links(
    session: AsyncSession, meeting_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[tuple[str, PlanGoal]]]:
    """The linked goals of a page of meetings, in one query."""
    found: dict[uuid.UUID, list[tuple[str, PlanGoal]]] = {m: [] for m in meeting_ids}
    if not meeting_ids:
        return found
    for meeting_id, horizon, goal in await repository.meeting_goals(session, meeting_ids):
        found[meeting_id].append((horizon, goal))
    return found


async def record_meeting(
    session: AsyncSession, ctx: Ctx, team_id: uuid.UUID, data: TeamMeetingCreate
) -> TeamMeetingRead:
    """Record a held team meeting; the first one satisfies `team.first_meeting_due` (R16)."""
    team = await repository.find(session, ctx, team_id, TeamNotFound, for_update=True)
    await check_youth_in_age_window(session, ctx, team.youth_id)
    check_event_date("held_on", data.held_on, today=ctx.today)
    links = await _checked_goal_links(session, team.youth_id, data)
    meeting = to_row(
        TeamMeeting,
        data,
        leave=("short_term_goal_ids", "long_term_goal_ids"),  # stored as the meeting's goal links
        municipality_code=team.municipality_code,
        team_id=team.id,
        frame=data.frame.model_dump(),
        recorded_by_sub=ctx.principal.sub,
    )
    await inserted(session, meeting)
    session.add_all(
        TeamMeetingGoal(
            municipality_code=team.municipality_code, meeting_id=meeting.id, goal_id=goal.id, horizon=horizon
        )
        for horizon, goal in links
    )
    await session.flush()
    await logged(
        session,
        ctx,
        meeting,
        resource_type=MEETING,
        youth_id=team.youth_id,
        action=CREATE,
        data={"team_id": str(team.id)},
    )
    return await screen_one(session, ctx, MEETING, _meeting_read(team, meeting, links))


async def list_meetings(
    session: AsyncSession, ctx: Ctx, team_id: uuid.UUID, *, limit: int, cursor: str | None
) -> tuple[list[TeamMeetingRead], str | None]:
    team = await repository.find(session, ctx, team_id, TeamNotFound)
    after = decode_cursor(cursor, 2)
    key = None
    if after is not None:
        try:
            key = (date.fromisoformat(str(after[0])), uuid.UUID(str(after[1])))
        except ValueError as exc:
            raise InvalidCursor() from exc
    rows = await repository.meetings(session, team.id, limit=limit, after=key)
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor([rows[-1].held_on.isoformat(), str(rows[-1].id)])
    await MEETINGS.audited(session, ctx, team, "search")
    links = await _meeting_links(session, [m.id for m in rows])
    reads = [_meeting_read(team, m, links[m.id]) for m in rows]
    return await screen(session, ctx, MEETING, reads), next_cursor
