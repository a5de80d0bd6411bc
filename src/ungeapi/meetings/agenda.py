"""The agenda's queries: placing a referral in a meeting's capacity (R15).

A referral's own place on the agendas (where it stands, taking it off when it leaves) is
referrals/repository.py's; the flows that change both a referral and a meeting are in
workflows/agenda.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.context import Ctx
from ungeapi.meetings import rules
from ungeapi.meetings.errors import AgendaFull, AlreadyHeld, AlreadyOnAgenda, NoMeetingAvailable, WrongForum
from ungeapi.models import AgendaItem, ForumMeeting, Referral

# How many full meetings a concurrent placement may skip before giving up.
MAX_CANDIDATES = 25


async def lock_meeting(session: AsyncSession, meeting_id: uuid.UUID) -> ForumMeeting | None:
    """The meeting, row-locked: placements on one meeting are serialised, so two requests can
    never both take the last free minutes (R15 under concurrency)."""
    query = select(ForumMeeting).where(ForumMeeting.id == meeting_id).with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def used_minutes(session: AsyncSession, meeting_id: uuid.UUID) -> int:
    query = select(func.coalesce(func.sum(AgendaItem.slot_minutes), 0)).where(
        AgendaItem.meeting_id == meeting_id
    )
    return int((await session.execute(query)).scalar_one())


async def used_by_meeting(
    session: AsyncSession, meeting_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[int, int]]:
    """(minutes used, items) per meeting."""
    if not meeting_ids:
        return {}
    query = (
        select(AgendaItem.meeting_id, func.sum(AgendaItem.slot_minutes), func.count())
        .where(AgendaItem.meeting_id.in_(meeting_ids))
        .group_by(AgendaItem.meeting_id)
    )
    return {row[0]: (int(row[1]), int(row[2])) for row in await session.execute(query)}


async def next_with_room(
    session: AsyncSession, forum: str, slot: int, skip: Sequence[uuid.UUID], now: datetime
) -> uuid.UUID | None:
    """The next future meeting of `forum` whose free minutes hold `slot`: one set-based query
    walking the forum's future meetings in start order (index), each with its agenda's sum
    (a correlated sum over the agenda item index), stopping at the first with room."""
    used = (
        select(func.coalesce(func.sum(AgendaItem.slot_minutes), 0))
        .where(AgendaItem.meeting_id == ForumMeeting.id)
        .correlate(ForumMeeting)
        .scalar_subquery()
    )
    query = (
        select(ForumMeeting.id)
        .where(
            ForumMeeting.forum == forum,
            ForumMeeting.starts_at > now,
            ForumMeeting.capacity_minutes - used >= slot,
        )
        .order_by(ForumMeeting.starts_at, ForumMeeting.id)
        .limit(1)
    )
    if skip:
        query = query.where(ForumMeeting.id.not_in(skip))
    return (await session.execute(query)).scalar_one_or_none()


async def place(
    session: AsyncSession, ctx: Ctx, meeting: ForumMeeting, referral: Referral, slot: int, now: datetime
) -> AgendaItem:
    """Puts the referral last on the (locked) meeting's agenda. R15: over capacity is 409
    meeting.agenda_full; the meeting must be of the referral's forum and not yet begun."""
    if meeting.forum != referral.forum:
        raise WrongForum(forum=meeting.forum)
    if meeting.starts_at <= now:
        raise AlreadyHeld()
    already = select(AgendaItem.id).where(
        AgendaItem.meeting_id == meeting.id, AgendaItem.referral_id == referral.id
    )
    if (await session.execute(already)).first() is not None:
        raise AlreadyOnAgenda()
    used = await used_minutes(session, meeting.id)
    if not rules.fits(meeting.capacity_minutes, used, slot):
        raise AgendaFull(free=meeting.capacity_minutes - used, needed=slot)
    position = (
        await session.execute(
            select(func.coalesce(func.max(AgendaItem.position), 0)).where(AgendaItem.meeting_id == meeting.id)
        )
    ).scalar_one()
    item = AgendaItem(
        municipality_code=ctx.principal.municipality,
        meeting_id=meeting.id,
        referral_id=referral.id,
        youth_id=referral.youth_id,
        position=int(position) + 1,
        slot_minutes=slot,
    )
    session.add(item)
    await session.flush()
    return item


async def place_on_next(
    session: AsyncSession, ctx: Ctx, referral: Referral, slot: int, now: datetime
) -> tuple[ForumMeeting, AgendaItem]:
    """The next meeting with room. A candidate found full once locked (a concurrent placement
    won) is skipped and the next one tried."""
    skipped: list[uuid.UUID] = []
    for _ in range(MAX_CANDIDATES):
        candidate = await next_with_room(session, referral.forum, slot, skipped, now)
        if candidate is None:
            break
        meeting = await lock_meeting(session, candidate)
        if meeting is None:  # pragma: no cover - cancelled (deleted) meanwhile
            skipped.append(candidate)
            continue
        try:
            return meeting, await place(session, ctx, meeting, referral, slot, now)
        except (AgendaFull, AlreadyHeld, AlreadyOnAgenda):
            skipped.append(candidate)
    raise NoMeetingAvailable(forum=referral.forum)
