"""Use cases of forum meetings: meetings and series, the agenda, decisions (R15, R16, R18).

A decision also moves its referral on and composes a team, a cancellation sends the meeting's
referrals back, placing on the agenda schedules a referral: those flows are in workflows/, which
calls the meeting's steps here.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core import audit
from ungeapi.core.changes import CREATE, Ledger, inserted, log_change
from ungeapi.core.concurrency import check_version
from ungeapi.core.context import Ctx
from ungeapi.core.pagination import decode_keyset, split_page
from ungeapi.core.reads import Row
from ungeapi.core.schemas import as_columns, from_row, to_row
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
    MeetingParticipant,
    MeetingRead,
    MeetingSeriesCreate,
    MeetingSeriesRead,
    MeetingUpdate,
    RecordedBy,
)
from ungeapi.models import AgendaItem, ForumMeeting, MeetingDecision, Referral
from ungeapi.municipality.service import get_policy
from ungeapi.referrals.schemas import Referrer
from ungeapi.teams.schemas import TeamRead
from ungeapi.youth.rules import age_on

RESOURCE = "meeting"
MEETINGS = Ledger(RESOURCE, youth=None)  # a meeting holds no youth's data
DECISION = "decision"
# The calendar feed holds meetings from this many days back, and at most this many.
FEED_DAYS_BACK = 90
FEED_LIMIT = 500


def to_read(meeting: ForumMeeting, used: int = 0, size: int = 0) -> MeetingRead:
    return from_row(
        MeetingRead,
        meeting,
        ends_at=meeting.starts_at + timedelta(minutes=meeting.capacity_minutes),
        used_minutes=used,
        free_minutes=meeting.capacity_minutes - used,
        agenda_size=size,
        chair=from_row(Chair, meeting, prefix="chair_"),
        participants=[MeetingParticipant.model_validate(p) for p in meeting.participants],
    )


async def _reads(session: AsyncSession, meetings: Sequence[ForumMeeting]) -> list[MeetingRead]:
    used = await repository.used_by_meeting(session, [m.id for m in meetings])
    return [to_read(m, *used.get(m.id, (0, 0))) for m in meetings]


def _new_meeting(
    ctx: Ctx,
    *,
    forum: str,
    starts_at: datetime,
    chair: Chair,
    participants: list[MeetingParticipant],
    capacity: int,
    location: str | None,
    series_id: uuid.UUID | None = None,
) -> ForumMeeting:
    return ForumMeeting(
        municipality_code=ctx.principal.municipality,
        forum=forum,
        # In UTC, as the database answers it later: the answer to this request reads the same.
        starts_at=starts_at.astimezone(UTC),
        capacity_minutes=capacity,
        location=location,
        **as_columns(chair, "chair_"),
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
    await MEETINGS.added(session, ctx, meeting)
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
        await MEETINGS.logged(session, ctx, meeting, CREATE, detail={"series": str(series_id)})
    return MeetingSeriesRead(series_id=series_id, items=[to_read(m) for m in meetings])


async def _get(
    session: AsyncSession, meeting_id: uuid.UUID, *, for_update: bool = False, for_share: bool = False
) -> ForumMeeting:
    meeting = await repository.get(session, meeting_id, for_update=for_update, for_share=for_share)
    if meeting is None:
        raise MeetingNotFound()
    return meeting


async def get_meeting(session: AsyncSession, meeting_id: uuid.UUID) -> ForumMeeting:
    """The meeting (404 meeting.not_found)."""
    return await _get(session, meeting_id)


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
    used = await repository.used_minutes(session, meeting.id)
    if data.capacity_minutes is not None:
        if not rules.fits(data.capacity_minutes, used, 0):
            raise CapacityBelowAgenda(used=used)
        meeting.capacity_minutes = data.capacity_minutes
    if data.starts_at is not None:
        meeting.starts_at = data.starts_at.astimezone(UTC)
    if data.chair is not None:
        meeting.chair_sub, meeting.chair_name = data.chair.sub, data.chair.name
        meeting.chair_department = data.chair.department
    if data.participants is not None:
        meeting.participants = [p.model_dump() for p in data.participants]
    if "location" in changes:
        meeting.location = data.location
    await MEETINGS.saved(session, ctx, meeting, detail={"fields": sorted(changes)})
    return (await _reads(session, [meeting]))[0]


async def lock_for_cancelling(
    session: AsyncSession, ctx: Ctx, meeting_id: uuid.UUID, *, expected_version: int
) -> ForumMeeting:
    """The meeting to cancel (aflys), row-locked. A meeting with recorded decisions cannot be
    cancelled (409 meeting.has_decisions, §8.1; the decisions' foreign key guarantees it too)."""
    meeting = await _get(session, meeting_id, for_update=True)
    check_version(expected_version, meeting.version)
    if rules.change_refusal(
        has_decisions=await repository.has_decisions(session, meeting.id), moves=False, cancels=True
    ):
        raise MeetingHasDecisions()
    return meeting


async def cancelled(
    session: AsyncSession, ctx: Ctx, meeting: ForumMeeting, released: Sequence[uuid.UUID]
) -> None:
    """Deletes the cancelled meeting, whose `released` referrals went back to the queue."""
    await session.delete(meeting)
    await session.flush()
    freed = [str(r) for r in released]
    released_ids = {"released": freed}
    detail = {"cancelled": True, **released_ids}
    await MEETINGS.logged(session, ctx, meeting, ("delete", "cancelled"), detail=detail, data=released_ids)


def _times(meeting: ForumMeeting, items: Sequence[AgendaItem]) -> dict[uuid.UUID, tuple[datetime, datetime]]:
    times = rules.agenda_times(meeting.starts_at, [i.slot_minutes for i in items])
    return {item.id: t for item, t in zip(items, times, strict=True)}


async def _created_on_agenda(
    session: AsyncSession,
    ctx: Ctx,
    resource_type: str,
    row: AgendaItem | MeetingDecision,
    referral_id: uuid.UUID,
    **detail: object,
) -> None:
    """The audit row and created event of an agenda item or a decision (neither is versioned)."""
    meeting_id = str(row.meeting_id)
    await log_change(
        session,
        ctx,
        audit_action="create",
        event_action="created",
        resource_type=resource_type,
        resource_id=row.id,
        youth_id=row.youth_id,
        version=None,
        detail={"meeting": meeting_id, **detail},
        data={"meeting_id": meeting_id, "referral_id": str(referral_id)},
    )


async def place_on_agenda(
    session: AsyncSession, ctx: Ctx, referral: Referral, slot: int, meeting_id: uuid.UUID | None
) -> tuple[ForumMeeting, AgendaItem]:
    """R15: places the (locked) referral last on the meeting's agenda with its slot; without a
    meeting, on the next future meeting of its forum with room. Over capacity is 409
    meeting.agenda_full."""
    now = ctx.now
    if meeting_id is None:
        meeting, item = await agenda.place_on_next(session, ctx, referral, slot, now)
    else:
        locked = await repository.get(session, meeting_id, for_update=True)
        if locked is None:
            raise MeetingNotFound()
        meeting, item = locked, await agenda.place(session, ctx, locked, referral, slot, now)
    await _created_on_agenda(session, ctx, "agenda_item", item, referral.id, slot_minutes=slot)
    return meeting, item


async def item_read(session: AsyncSession, meeting: ForumMeeting, item: AgendaItem) -> AgendaItemRead:
    starts_at, ends_at = _times(meeting, await repository.items(session, meeting.id))[item.id]
    return from_row(AgendaItemRead, item, starts_at=starts_at, ends_at=ends_at)


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


def decision_read(row: MeetingDecision | Row, team: TeamRead | None) -> DecisionRead:
    return from_row(
        DecisionRead,
        row,
        recommended_measures=list(row.recommended_measures),
        team=team,
        lab_measures=list(row.lab_measures),
        evaluation=Evaluation.model_validate(row.evaluation) if row.evaluation else None,
        recorded_by=RecordedBy(sub=row.recorded_by_sub, name=row.recorded_by_name),
    )


async def held_for_decision(
    session: AsyncSession, ctx: Ctx, meeting_id: uuid.UUID
) -> tuple[ForumMeeting, date]:
    """The meeting that takes a decision, held FOR SHARE so it cannot move or be cancelled
    meanwhile, and the decision's day. §8.1: only a meeting held today or earlier takes
    decisions (409 meeting.not_held)."""
    meeting = await _get(session, meeting_id, for_share=True)
    decided_on = rules.local_date(meeting.starts_at)
    if rules.decision_refusal(decided_on, ctx.today):
        raise MeetingNotHeld(meeting_on=decided_on.isoformat())
    return meeting, decided_on


async def item_to_decide(session: AsyncSession, meeting: ForumMeeting, referral_id: uuid.UUID) -> AgendaItem:
    """The referral's item on the meeting's agenda (422 meeting.not_on_agenda), not yet
    decided (409 decision.exists)."""
    item = await repository.item_for(session, meeting.id, referral_id)
    if item is None:
        raise NotOnAgenda()
    if await repository.decided_items(session, [item.id]):
        raise DecisionExists()
    return item


def check_team_choice(meeting: ForumMeeting, data: DecisionCreate) -> None:
    """R16: a case sent back for documentation gets no team yet; any other decision of the
    coordination meeting composes one."""
    if data.documentation_needed and data.team is not None:
        raise TeamNotAllowed()
    if not data.documentation_needed and data.team is None and meeting.forum == "coordination":
        raise TeamRequired()


def check_income_basis(data: DecisionCreate, birth_date: date) -> None:
    if rules.income_basis_refusal(data.income_basis_after_18, birth_date):
        raise IncomeBasisAbolished()


async def add_decision(
    session: AsyncSession,
    ctx: Ctx,
    item: AgendaItem,
    data: DecisionCreate,
    *,
    referral_id: uuid.UUID,
    youth_id: uuid.UUID,
    decided_on: date,
    deadline: date | None,
    late: bool,
) -> MeetingDecision:
    """Stores the decision about the agenda item; a concurrent decision on it is 409 decision.exists."""
    row = to_row(
        MeetingDecision,
        data,
        leave=("team",),  # stored as team_composition and first_team_meeting_on
        municipality_code=ctx.principal.municipality,
        meeting_id=item.meeting_id,
        agenda_item_id=item.id,
        referral_id=referral_id,
        youth_id=youth_id,
        decided_on=decided_on,
        recommended_measures=list(data.recommended_measures),
        team_composition=[m.model_dump() for m in data.team.members] if data.team else None,
        first_team_meeting_on=data.team.first_meeting_on if data.team else None,
        first_meeting_deadline=deadline,
        late=late,
        lab_measures=list(data.lab_measures),
        evaluation=data.evaluation.model_dump() if data.evaluation else None,
        recorded_by_sub=ctx.principal.sub,
        recorded_by_name=ctx.principal.name,
    )
    await inserted(session, row, conflict=DecisionExists)
    return row


async def decision_recorded(session: AsyncSession, ctx: Ctx, row: MeetingDecision) -> None:
    """The decision's audit record and change event, once its referral and team have followed."""
    await _created_on_agenda(session, ctx, DECISION, row, row.referral_id, late=row.late)


async def decisions_page(
    session: AsyncSession, ctx: Ctx, meeting_id: uuid.UUID, *, limit: int, cursor: str | None
) -> tuple[list[Row], str | None]:
    """The meeting's decisions about youth the caller may see, one page, audited as a search."""
    await _get(session, meeting_id)
    return await repository.DECISIONS.page(session, ctx, limit=limit, cursor=cursor, meeting_id=meeting_id)


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
