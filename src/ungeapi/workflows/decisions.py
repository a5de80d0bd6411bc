"""The forum's decision: it concludes the referral (or sends it back) and composes the team (R16)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.context import Ctx
from ungeapi.core.pagination import MAX_LIMIT
from ungeapi.meetings import service as meetings
from ungeapi.meetings.schemas import DecisionCreate, DecisionRead
from ungeapi.referrals import service as referrals
from ungeapi.teams import service as teams
from ungeapi.workflows import minutes
from ungeapi.youth.service import check_age_window, names_of, writable_youth


async def record_decision(
    session: AsyncSession, ctx: Ctx, meeting_id: uuid.UUID, data: DecisionCreate
) -> DecisionRead:
    """R16: what the forum decided about one case on its agenda. It composes the coordinating
    team and names its lead, whose first meeting is due by the 17th birthday (a youth already
    17: decided_on + late_team_days, marked late); the referral is concluded (or goes back for
    documentation). The forum grants nothing: a decision has no grant. §8.1: only a meeting held
    today or earlier takes decisions (409 meeting.not_held); the decision carries its day."""
    # The meeting first, held (FOR SHARE) so it cannot move or be cancelled meanwhile; then
    # the referral, as scheduling locks them in the order referral, meeting only for a
    # referral not yet on an agenda (no deadlock with this order).
    meeting, decided_on = await meetings.held_for_decision(session, ctx, meeting_id)
    referral = await referrals.lock_for_decision(session, ctx, data.referral_id)
    item = await meetings.item_to_decide(session, meeting, referral.id)
    referrals.check_decidable(referral)
    youth = await writable_youth(session, ctx, referral.youth_id)
    await check_age_window(session, ctx, youth.birth_date)
    meetings.check_team_choice(meeting, data)
    deadline: date | None = None
    late = False
    if data.team is not None:
        teams.check_lead(data.team.members)
        checked = await teams.check_first_meeting(
            session,
            birth_date=youth.birth_date,
            decided_on=decided_on,
            first_meeting_on=data.team.first_meeting_on,
        )
        deadline, late = checked.deadline, checked.late
    meetings.check_income_basis(data, youth.birth_date)
    row = await meetings.add_decision(
        session,
        ctx,
        item,
        data,
        referral_id=referral.id,
        youth_id=youth.id,
        decided_on=decided_on,
        deadline=deadline,
        late=late,
    )
    await referrals.decided(
        session, ctx, referral.id, documentation_needed=data.documentation_needed, decision_id=row.id
    )
    team = None
    if data.team is not None:
        team = await teams.create_team_from_decision(
            session,
            ctx,
            youth_id=youth.id,
            birth_date=youth.birth_date,
            decision_id=row.id,
            members=data.team.members,
            first_meeting_on=data.team.first_meeting_on,
            decided_on=decided_on,
        )
    await meetings.decision_recorded(session, ctx, row)
    read = meetings.decision_read(row, team)
    await minutes.file_minutes(session, ctx, read, f"{youth.given_name} {youth.family_name}")
    return read


async def list_decisions(
    session: AsyncSession, ctx: Ctx, meeting_id: uuid.UUID, *, limit: int, cursor: str | None
) -> tuple[list[DecisionRead], str | None]:
    """The meeting's decisions about youth the caller may see, each with the team it composed."""
    rows, next_cursor = await meetings.decisions_page(session, ctx, meeting_id, limit=limit, cursor=cursor)
    found = await teams.teams_from_decisions(session, [r.id for r in rows])
    return [meetings.decision_read(r, found.get(r.id)) for r in rows], next_cursor


async def meeting_minutes(session: AsyncSession, ctx: Ctx, meeting_id: uuid.UUID) -> str:
    """The meeting's minutes (referat) with the decisions about youth the caller may see, audited
    as the list of decisions is. A meeting's agenda is bounded by its capacity, far below a page."""
    meeting = await meetings.read_meeting(session, ctx, meeting_id)
    decisions, _ = await list_decisions(session, ctx, meeting_id, limit=MAX_LIMIT, cursor=None)
    names = await names_of(session, [d.youth_id for d in decisions])
    return minutes.render(meeting, [minutes.Entry(names[d.youth_id], d) for d in decisions], ctx)
