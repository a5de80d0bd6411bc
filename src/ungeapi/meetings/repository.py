"""Every query about forum meetings, agendas and decisions.

Meetings hold no youth's data, so the municipality (row-level security) is their scope; agenda
details and decisions are about a youth and are scoped through the youth they belong to.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import visible_youth_ids
from ungeapi.core.security import Principal
from ungeapi.models import AgendaItem, ForumMeeting, MeetingDecision, Referral, Youth


async def get(
    session: AsyncSession, meeting_id: uuid.UUID, *, for_update: bool = False, for_share: bool = False
) -> ForumMeeting | None:
    """The meeting; `for_share` holds its start while a decision is recorded (a move or a
    cancellation, which lock it for update, waits; other decisions do not)."""
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


async def decisions_page(
    session: AsyncSession,
    principal: Principal,
    today: date,
    meeting_id: uuid.UUID,
    *,
    limit: int,
    after: tuple[datetime, uuid.UUID] | None,
) -> list[MeetingDecision]:
    query = select(MeetingDecision).where(
        MeetingDecision.meeting_id == meeting_id,
        MeetingDecision.youth_id.in_(visible_youth_ids(principal, today)),
    )
    if after is not None:
        query = query.where((MeetingDecision.created_at, MeetingDecision.id) > after)  # type: ignore[operator]
    query = query.order_by(MeetingDecision.created_at, MeetingDecision.id).limit(limit + 1)
    return list((await session.execute(query)).scalars())


async def feed(
    session: AsyncSession, *, forum: str | None, since: datetime, limit: int
) -> list[ForumMeeting]:
    query = select(ForumMeeting).where(ForumMeeting.starts_at >= since)
    if forum is not None:
        query = query.where(ForumMeeting.forum == forum)
    query = query.order_by(ForumMeeting.starts_at, ForumMeeting.id).limit(limit)
    return list((await session.execute(query)).scalars())
