"""Use cases of forum meetings: meetings and series, the agenda, decisions (R15, R16, R18)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core import audit, events
from ungeapi.core.concurrency import check_version
from ungeapi.core.context import Ctx
from ungeapi.core.pagination import decode_keyset, split_page
from ungeapi.meetings import agenda, repository, rules
from ungeapi.meetings.errors import (
    CapacityBelowAgenda,
    DecisionExists,
    IncomeBasisAbolished,
    MeetingHasDecisions,
    MeetingNotFound,
    MeetingNotHeld,
    NotOnAgenda,
    TeamNotAllowed,
    TeamRequired,
)
from ungeapi.meetings.schemas import (
    AgendaEntry,
    AgendaItemRead,
    AgendaRead,
    Chair,
    DecisionCreate,
    DecisionRead,
    Evaluation,
    MeetingCreate,
    MeetingRead,
    MeetingSeriesCreate,
    MeetingSeriesRead,
    MeetingUpdate,
    Participant,
    RecordedBy,
)
from ungeapi.models import AgendaItem, ForumMeeting, MeetingDecision
from ungeapi.municipality.service import get_policy
from ungeapi.referrals import service as referrals
from ungeapi.referrals.schemas import Referrer
from ungeapi.teams import service as teams
from ungeapi.teams.schemas import TeamRead
from ungeapi.youth.rules import age_on
from ungeapi.youth.service import check_age_window, writable_youth

RESOURCE = "meeting"
DECISION = "decision"
# The calendar feed holds meetings from this many days back, and at most this many.
FEED_DAYS_BACK = 90
FEED_LIMIT = 500


def to_read(meeting: ForumMeeting, used: int = 0, size: int = 0) -> MeetingRead:
    return MeetingRead(
        id=meeting.id,
        municipality_code=meeting.municipality_code,
        forum=meeting.forum,
        starts_at=meeting.starts_at,
        ends_at=meeting.starts_at + timedelta(minutes=meeting.capacity_minutes),
        capacity_minutes=meeting.capacity_minutes,
        used_minutes=used,
        free_minutes=meeting.capacity_minutes - used,
        agenda_size=size,
        chair=Chair(sub=meeting.chair_sub, name=meeting.chair_name, department=meeting.chair_department),
        participants=[Participant.model_validate(p) for p in meeting.participants],
        location=meeting.location,
        series_id=meeting.series_id,
        version=meeting.version,
        created_at=meeting.created_at,
        updated_at=meeting.updated_at,
    )


async def _reads(session: AsyncSession, meetings: Sequence[ForumMeeting]) -> list[MeetingRead]:
    used = await agenda.used_by_meeting(session, [m.id for m in meetings])
    return [to_read(m, *used.get(m.id, (0, 0))) for m in meetings]


async def _meeting_event(session: AsyncSession, ctx: Ctx, action: str, meeting: ForumMeeting) -> None:
    await events.record(
        session, ctx, action=action, resource_type=RESOURCE, resource_id=meeting.id, version=meeting.version
    )


def _new_meeting(
    ctx: Ctx,
    *,
    forum: str,
    starts_at: datetime,
    chair: Chair,
    participants: list[Participant],
    capacity: int,
    location: str | None,
    series_id: uuid.UUID | None = None,
) -> ForumMeeting:
    return ForumMeeting(
        municipality_code=ctx.principal.municipality,
        forum=forum,
        starts_at=starts_at,
        capacity_minutes=capacity,
        location=location,
        chair_sub=chair.sub,
        chair_name=chair.name,
        chair_department=chair.department,
        participants=[p.model_dump() for p in participants],
        series_id=series_id,
    )


async def create_meeting(session: AsyncSession, ctx: Ctx, data: MeetingCreate) -> MeetingRead:
    """One meeting of a forum with its chair, fixed participants and capacity (R15)."""
    policy = await get_policy(session)
    meeting = _new_meeting(
        ctx,
        forum=data.forum,
        starts_at=data.starts_at,
        chair=data.chair,
        participants=data.participants,
        capacity=data.capacity_minutes or policy.meeting_capacity_minutes,
        location=data.location,
    )
    session.add(meeting)
    await session.flush()
    await session.refresh(meeting)
    await audit.record(session, ctx, action="create", resource_type=RESOURCE, resource_id=meeting.id)
    await _meeting_event(session, ctx, "created", meeting)
    return to_read(meeting)


async def create_series(session: AsyncSession, ctx: Ctx, data: MeetingSeriesCreate) -> MeetingSeriesRead:
    """R15/R18: the next `count` meetings, every meeting_interval_days (coordination) or
    conference_interval_days (conference), at the same local time."""
    policy = await get_policy(session)
    series_id = uuid.uuid4()
    starts = rules.series_starts(data.first_starts_at, data.count, rules.interval_days(data.forum, policy))
    meetings = [
        _new_meeting(
            ctx,
            forum=data.forum,
            starts_at=start,
            chair=data.chair,
            participants=data.participants,
            capacity=data.capacity_minutes or policy.meeting_capacity_minutes,
            location=data.location,
            series_id=series_id,
        )
        for start in starts
    ]
    session.add_all(meetings)
    await session.flush()
    for meeting in meetings:
        await session.refresh(meeting)
    await audit.record_many(
        session,
        ctx,
        action="create",
        resource_type=RESOURCE,
        subjects=[(m.id, None) for m in meetings],
        detail={"series": str(series_id)},
    )
    for meeting in meetings:
        await _meeting_event(session, ctx, "created", meeting)
    return MeetingSeriesRead(series_id=series_id, items=[to_read(m) for m in meetings])


async def _get(
    session: AsyncSession, meeting_id: uuid.UUID, *, for_update: bool = False, for_share: bool = False
) -> ForumMeeting:
    meeting = await repository.get(session, meeting_id, for_update=for_update, for_share=for_share)
    if meeting is None:
        raise MeetingNotFound()
    return meeting


async def read_meeting(session: AsyncSession, ctx: Ctx, meeting_id: uuid.UUID) -> MeetingRead:
    meeting = await _get(session, meeting_id)
    return (await _reads(session, [meeting]))[0]


async def list_meetings(
    session: AsyncSession,
    ctx: Ctx,
    *,
    limit: int,
    cursor: str | None,
    forum: str | None,
    starts_from: datetime | None,
    starts_before: datetime | None,
) -> tuple[list[MeetingRead], str | None]:
    after = decode_keyset(cursor, datetime.fromisoformat)
    rows = await repository.list_page(
        session, limit=limit, after=after, forum=forum, starts_from=starts_from, starts_before=starts_before
    )
    rows, next_cursor = split_page(rows, limit, lambda r: (r.starts_at, r.id))
    return await _reads(session, rows), next_cursor


async def change_meeting(
    session: AsyncSession, ctx: Ctx, meeting_id: uuid.UUID, data: MeetingUpdate, *, expected_version: int
) -> MeetingRead:
    """Moves or changes a meeting; its capacity never drops below its agenda (R15); a meeting
    with recorded decisions keeps its start (409 meeting.has_decisions, §8.1)."""
    meeting = await _get(session, meeting_id, for_update=True)
    check_version(expected_version, meeting.version)
    changes = data.model_dump(exclude_unset=True)
    moves = data.starts_at is not None and data.starts_at != meeting.starts_at
    if moves and rules.change_refusal(
        has_decisions=await repository.has_decisions(session, meeting.id), moves=True, cancels=False
    ):
        raise MeetingHasDecisions()
    used = await agenda.used_minutes(session, meeting.id)
    if data.capacity_minutes is not None:
        if not rules.fits(data.capacity_minutes, used, 0):
            raise CapacityBelowAgenda(used=used)
        meeting.capacity_minutes = data.capacity_minutes
    if data.starts_at is not None:
        meeting.starts_at = data.starts_at
    if data.chair is not None:
        meeting.chair_sub, meeting.chair_name = data.chair.sub, data.chair.name
        meeting.chair_department = data.chair.department
    if data.participants is not None:
        meeting.participants = [p.model_dump() for p in data.participants]
    if "location" in changes:
        meeting.location = data.location
    meeting.version += 1
    meeting.updated_at = func.now()
    await session.flush()
    await session.refresh(meeting)
    await audit.record(
        session,
        ctx,
        action="update",
        resource_type=RESOURCE,
        resource_id=meeting.id,
        detail={"fields": sorted(changes)},
    )
    await _meeting_event(session, ctx, "updated", meeting)
    return (await _reads(session, [meeting]))[0]


async def cancel_meeting(
    session: AsyncSession, ctx: Ctx, meeting_id: uuid.UUID, *, expected_version: int
) -> None:
    """Cancels a meeting (aflys): its cases go back to the forum's queue (submitted) to be
    placed on another meeting. A meeting with recorded decisions cannot be cancelled (409
    meeting.has_decisions, §8.1; the decisions' foreign key guarantees it too)."""
    meeting = await _get(session, meeting_id, for_update=True)
    check_version(expected_version, meeting.version)
    if rules.change_refusal(
        has_decisions=await repository.has_decisions(session, meeting.id), moves=False, cancels=True
    ):
        raise MeetingHasDecisions()
    released = await referrals.meeting_cancelled(session, ctx, meeting.id)
    await session.delete(meeting)
    await session.flush()
    await audit.record(
        session,
        ctx,
        action="delete",
        resource_type=RESOURCE,
        resource_id=meeting.id,
        detail={"cancelled": True, "released": [str(r) for r in released]},
    )
    await events.record(
        session,
        ctx,
        action="cancelled",
        resource_type=RESOURCE,
        resource_id=meeting.id,
        version=meeting.version,
        data={"released": [str(r) for r in released]},
    )


def _times(meeting: ForumMeeting, items: Sequence[AgendaItem]) -> dict[uuid.UUID, tuple[datetime, datetime]]:
    times = rules.agenda_times(meeting.starts_at, [i.slot_minutes for i in items])
    return {item.id: t for item, t in zip(items, times, strict=True)}


async def add_to_agenda(
    session: AsyncSession, ctx: Ctx, meeting_id: uuid.UUID, referral_id: uuid.UUID
) -> AgendaItemRead:
    """R15: places a submitted referral last on the meeting's agenda (409 meeting.agenda_full
    when its slot does not fit)."""
    await _get(session, meeting_id)
    _, meeting, item = await referrals.schedule_referral(
        session, ctx, referral_id, meeting_id, expected_version=None
    )
    return await item_read(session, meeting, item)


async def item_read(session: AsyncSession, meeting: ForumMeeting, item: AgendaItem) -> AgendaItemRead:
    starts_at, ends_at = _times(meeting, await repository.items(session, meeting.id))[item.id]
    return AgendaItemRead(
        id=item.id,
        meeting_id=item.meeting_id,
        referral_id=item.referral_id,
        youth_id=item.youth_id,
        position=item.position,
        slot_minutes=item.slot_minutes,
        starts_at=starts_at,
        ends_at=ends_at,
    )


async def read_agenda(session: AsyncSession, ctx: Ctx, meeting_id: uuid.UUID) -> AgendaRead:
    """The agenda the chair prints: each case with its time, in order (R15). Cases of youth the
    caller may not see keep their place in the times but show no details."""
    meeting = await _get(session, meeting_id)
    items = await repository.items(session, meeting.id)
    times = _times(meeting, items)
    details = await repository.visible_details(session, ctx.principal, ctx.today, meeting.id)
    decided = await repository.decided_items(session, [i.id for i in items])
    meeting_day = rules.local_date(meeting.starts_at)
    entries = []
    for item in items:
        if item.id not in details:
            continue
        referral, youth = details[item.id]
        starts_at, ends_at = times[item.id]
        entries.append(
            AgendaEntry(
                agenda_item_id=item.id,
                position=item.position,
                starts_at=starts_at,
                ends_at=ends_at,
                slot_minutes=item.slot_minutes,
                referral_id=referral.id,
                youth_id=youth.id,
                youth_name=f"{youth.given_name} {youth.family_name}",
                age=age_on(youth.birth_date, meeting_day),
                category=referral.category,
                complex=referral.complex,
                summary=referral.summary,
                referrer=Referrer(
                    sub=referral.referrer_sub,
                    name=referral.referrer_name,
                    department=referral.referrer_department,
                ),
                referrer_role=referral.referrer_role,
                professionals=len(referral.professionals),
                state=referral.state,
                decided=item.id in decided,
            )
        )
    await audit.record_many(
        session,
        ctx,
        action="read",
        resource_type="agenda_item",
        subjects=[(e.agenda_item_id, e.youth_id) for e in entries],
        detail={"meeting": str(meeting.id)},
    )
    used = sum(i.slot_minutes for i in items)
    return AgendaRead(
        meeting=to_read(meeting, used, len(items)), items=entries, hidden_items=len(items) - len(entries)
    )


def _decision_read(row: MeetingDecision, team: TeamRead | None) -> DecisionRead:
    return DecisionRead(
        id=row.id,
        meeting_id=row.meeting_id,
        agenda_item_id=row.agenda_item_id,
        referral_id=row.referral_id,
        youth_id=row.youth_id,
        decided_on=row.decided_on,
        documentation_needed=row.documentation_needed,
        documentation_note=row.documentation_note,
        education_perspective=row.education_perspective,
        recommended_measures=list(row.recommended_measures),
        team=team,
        first_team_meeting_on=row.first_team_meeting_on,
        first_meeting_deadline=row.first_meeting_deadline,
        late=row.late,
        income_basis_after_18=row.income_basis_after_18,
        income_basis_note=row.income_basis_note,
        housing_need=row.housing_need,
        day_offer_need=row.day_offer_need,
        lab_measures=list(row.lab_measures),
        needs_note=row.needs_note,
        evaluation=Evaluation.model_validate(row.evaluation) if row.evaluation else None,
        recorded_by=RecordedBy(sub=row.recorded_by_sub, name=row.recorded_by_name),
        created_at=row.created_at,
    )


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
    meeting = await _get(session, meeting_id, for_share=True)
    decided_on = rules.local_date(meeting.starts_at)
    if rules.decision_refusal(decided_on, ctx.today):
        raise MeetingNotHeld(meeting_on=decided_on.isoformat())
    referral = await referrals.lock_for_decision(session, ctx, data.referral_id)
    item = await repository.item_for(session, meeting.id, referral.id)
    if item is None:
        raise NotOnAgenda()
    if await repository.decided_items(session, [item.id]):
        raise DecisionExists()
    referrals.check_decidable(referral)
    youth = await writable_youth(session, ctx, referral.youth_id)
    await check_age_window(session, ctx, youth.birth_date)
    deadline: Any = None
    late = False
    if data.documentation_needed and data.team is not None:
        raise TeamNotAllowed()
    if not data.documentation_needed and data.team is None and meeting.forum == "coordination":
        raise TeamRequired()
    if data.team is not None:
        teams.check_lead(data.team.members)
        checked = await teams.check_first_meeting(
            session,
            birth_date=youth.birth_date,
            decided_on=decided_on,
            first_meeting_on=data.team.first_meeting_on,
        )
        deadline, late = checked.deadline, checked.late
    if rules.income_basis_refusal(data.income_basis_after_18, youth.birth_date):
        raise IncomeBasisAbolished()
    row = MeetingDecision(
        municipality_code=ctx.principal.municipality,
        meeting_id=meeting.id,
        agenda_item_id=item.id,
        referral_id=referral.id,
        youth_id=youth.id,
        decided_on=decided_on,
        documentation_needed=data.documentation_needed,
        documentation_note=data.documentation_note,
        education_perspective=data.education_perspective,
        recommended_measures=list(data.recommended_measures),
        team_composition=[m.model_dump() for m in data.team.members] if data.team else None,
        first_team_meeting_on=data.team.first_meeting_on if data.team else None,
        first_meeting_deadline=deadline,
        late=late,
        income_basis_after_18=data.income_basis_after_18,
        income_basis_note=data.income_basis_note,
        housing_need=data.housing_need,
        day_offer_need=data.day_offer_need,
        lab_measures=list(data.lab_measures),
        needs_note=data.needs_note,
        evaluation=data.evaluation.model_dump() if data.evaluation else None,
        recorded_by_sub=ctx.principal.sub,
        recorded_by_name=ctx.principal.name,
    )
    session.add(row)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        raise DecisionExists() from exc
    await session.refresh(row)
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
    await audit.record(
        session,
        ctx,
        action="create",
        resource_type=DECISION,
        resource_id=row.id,
        youth_id=youth.id,
        detail={"meeting": str(meeting.id), "late": late},
    )
    await events.record(
        session,
        ctx,
        action="created",
        resource_type=DECISION,
        resource_id=row.id,
        youth_id=youth.id,
        data={"meeting_id": str(meeting.id), "referral_id": str(referral.id)},
    )
    return _decision_read(row, team)


async def list_decisions(
    session: AsyncSession, ctx: Ctx, meeting_id: uuid.UUID, *, limit: int, cursor: str | None
) -> tuple[list[DecisionRead], str | None]:
    await _get(session, meeting_id)
    after = decode_keyset(cursor, datetime.fromisoformat)
    rows = await repository.decisions_page(
        session, ctx.principal, ctx.today, meeting_id, limit=limit, after=after
    )
    rows, next_cursor = split_page(rows, limit, lambda r: (r.created_at, r.id))
    await audit.record_many(
        session, ctx, action="search", resource_type=DECISION, subjects=[(r.id, r.youth_id) for r in rows]
    )
    found = await teams.teams_from_decisions(session, [r.id for r in rows])
    return [_decision_read(r, found.get(r.id)) for r in rows], next_cursor


async def feed_meetings(
    session: AsyncSession, ctx: Ctx, *, forum: str | None, now: datetime
) -> list[MeetingRead]:
    """The meetings of the calendar feed: from FEED_DAYS_BACK days ago, at most FEED_LIMIT."""
    rows = await repository.feed(
        session, forum=forum, since=now - timedelta(days=FEED_DAYS_BACK), limit=FEED_LIMIT
    )
    await audit.record(
        session,
        ctx,
        action="export",
        resource_type="meeting_feed",
        detail={"forum": forum, "meetings": len(rows)},
    )
    return await _reads(session, rows)
