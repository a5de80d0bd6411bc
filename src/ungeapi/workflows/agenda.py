"""The agenda's flows: a referral placed on a meeting's agenda, a meeting cancelled (R14, R15)."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.context import Ctx
from ungeapi.meetings import service as meetings
from ungeapi.meetings.schemas import AgendaItemRead
from ungeapi.models import AgendaItem, ForumMeeting
from ungeapi.referrals import service as referrals
from ungeapi.referrals.schemas import ReferralRead


async def schedule_referral(
    session: AsyncSession,
    ctx: Ctx,
    referral_id: uuid.UUID,
    meeting_id: uuid.UUID | None,
    *,
    expected_version: int | None,
) -> tuple[ReferralRead, ForumMeeting, AgendaItem]:
    """R15: places a submitted referral on a meeting's agenda with its slot (15 minutes, 30
    when complex or with other professionals); without a meeting, on the next future meeting
    of its forum with room. Over capacity is 409 meeting.agenda_full."""
    # The referral first, then the meeting: a decision locks them the other way round, but only
    # for a referral already on the agenda, never one being scheduled (no deadlock).
    referral, slot = await referrals.lock_for_scheduling(
        session, ctx, referral_id, expected_version=expected_version
    )
    meeting, item = await meetings.place_on_agenda(session, ctx, referral, slot, meeting_id)
    return await referrals.scheduled(session, ctx, referral, item), meeting, item


async def add_to_agenda(
    session: AsyncSession, ctx: Ctx, meeting_id: uuid.UUID, referral_id: uuid.UUID
) -> AgendaItemRead:
    """R15: places a submitted referral last on the meeting's agenda (409 meeting.agenda_full
    when its slot does not fit)."""
    await meetings.get_meeting(session, meeting_id)
    _, meeting, item = await schedule_referral(session, ctx, referral_id, meeting_id, expected_version=None)
    return await meetings.item_read(session, meeting, item)


async def cancel_meeting(
    session: AsyncSession, ctx: Ctx, meeting_id: uuid.UUID, *, expected_version: int
) -> None:
    """Cancels a meeting (aflys): its cases go back to the forum's queue (submitted) to be
    placed on another meeting. A meeting with recorded decisions cannot be cancelled (409
    meeting.has_decisions, §8.1)."""
    meeting = await meetings.lock_for_cancelling(session, ctx, meeting_id, expected_version=expected_version)
    released = await referrals.meeting_cancelled(session, ctx, meeting.id)
    await meetings.cancelled(session, ctx, meeting, released)
