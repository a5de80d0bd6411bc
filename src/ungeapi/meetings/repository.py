"""Every query about forum meetings, agendas and decisions.

Meetings hold no youth's data, so the municipality (row-level security) is their scope; agenda
details and decisions are about a youth and are scoped through the youth they belong to.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import visible_youth_ids
from ungeapi.core.reads import Audit, KeysetPage
from ungeapi.core.security import Principal
from ungeapi.models import AgendaItem, ForumMeeting, MeetingDecision, Referral, Youth

DECISION = "decision"


async def get(
    session: AsyncSession, meeting_id: uuid.UUID, *, for_update: bool = False, for_share: bool = False
) -> ForumMeeting | None:
    """The meeting; `for_update` serialises placements on it, so two requests can never both take
    the last free minutes (R15 under concurrency); `for_share` holds its start while a decision
    is recorded (a move or a cancellation, which lock it for update, waits; other decisions do not)."""
    query = select(ForumMeeting).where(ForumMeeting.id == meeting_id)
    if for_update:
        query = query.with_for_update()
    elif for_share:
        query = query.with_for_update(read=True)
    return (await session.execute(query)).scalar_one_or_none()


async def has_decisions(session: AsyncSession, meeting_id: uuid.UUID) -> bool:
    """Whether any decision is recorded for the meeting, whoever's youth it concerns."""
    query = select(MeetingDecision.id).where(MeetingDecision.meeting_id == meeting_id).limit(1)
    return (await session.execute(query)).first() is not None


async def list_page(
    session: AsyncSession,
    *,
    limit: int,
    after: tuple[datetime, uuid.UUID] | None,
    forum: str | None,
    starts_from: datetime | None,
    starts_before: datetime | None,
) -> list[ForumMeeting]:
    query = select(ForumMeeting)
    if forum is not None:
        query = query.where(ForumMeeting.forum == forum)
    if starts_from is not None:
        query = query.where(ForumMeeting.starts_at >= starts_from)
    if starts_before is not None:
        query = query.where(ForumMeeting.starts_at < starts_before)
    if after is not None:
        query = query.where((ForumMeeting.starts_at, ForumMeeting.id) > after)  # type: ignore[operator]
    query = query.order_by(ForumMeeting.starts_at, ForumMeeting.id).limit(limit + 1)
    return list((await session.execute(query)).scalars())


async def items(session: AsyncSession, meeting_id: uuid.UUID) -> list[AgendaItem]:
    query = select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position)
    return list((await session.execute(query)).scalars())


async def visible_details(
    session: AsyncSession, principal: Principal, today: date, meeting_id: uuid.UUID
) -> dict[uuid.UUID, tuple[Referral, Youth]]:
    """The referral and youth of each agenda item whose youth the caller may see, by item id."""
    query = (
        select(AgendaItem.id, Referral, Youth)
        .join(Referral, Referral.id == AgendaItem.referral_id)
        .join(Youth, Youth.id == AgendaItem.youth_id)
        .where(
            AgendaItem.meeting_id == meeting_id, AgendaItem.youth_id.in_(visible_youth_ids(principal, today))
        )
    )
    return {row[0]: (row[1], row[2]) for row in await session.execute(query)}


async def item_for(session: AsyncSession, meeting_id: uuid.UUID, referral_id: uuid.UUID) -> AgendaItem | None:
    query = select(AgendaItem).where(
        AgendaItem.meeting_id == meeting_id, AgendaItem.referral_id == referral_id
    )
    return (await session.execute(query)).scalar_one_or_none()


async def decided_items(session: AsyncSession, item_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    if not item_ids:
        return set()
    query = select(MeetingDecision.agenda_item_id).where(MeetingDecision.agenda_item_id.in_(item_ids))
    return {row[0] for row in await session.execute(query)}


# A meeting's decisions about youth the caller may see, in the order they were recorded.
DECISIONS = KeysetPage(
    lambda ctx: select(MeetingDecision).where(
        MeetingDecision.youth_id.in_(visible_youth_ids(ctx.principal, ctx.today))
    ),
    Audit("search", DECISION),
    key=(MeetingDecision.created_at, MeetingDecision.id),
    equal={"meeting_id": MeetingDecision.meeting_id},
)


async def feed(
    session: AsyncSession, *, forum: str | None, since: datetime, limit: int
) -> list[ForumMeeting]:
    query = select(ForumMeeting).where(ForumMeeting.starts_at >= since)
    if forum is not None:
        query = query.where(ForumMeeting.forum == forum)
    query = query.order_by(ForumMeeting.starts_at, ForumMeeting.id).limit(limit)
    return list((await session.execute(query)).scalars())


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


async def last_position(session: AsyncSession, meeting_id: uuid.UUID) -> int:
    """The agenda's last position (0 when empty): a new item goes after it."""
    query = select(func.coalesce(func.max(AgendaItem.position), 0)).where(AgendaItem.meeting_id == meeting_id)
    return int((await session.execute(query)).scalar_one())
