"""Placing a referral in a meeting's capacity (R15).

A referral's own place on the agendas (where it stands, taking it off when it leaves) is
referrals/repository.py's; the flows that change both a referral and a meeting are in
workflows/agenda.py.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.context import Ctx
from ungeapi.meetings import repository, rules
from ungeapi.meetings.errors import AgendaFull, AlreadyHeld, AlreadyOnAgenda, NoMeetingAvailable, WrongForum
from ungeapi.models import AgendaItem, ForumMeeting, Referral

# How many full meetings a concurrent placement may skip before giving up.
MAX_CANDIDATES = 25


async def place(
    session: AsyncSession, ctx: Ctx, meeting: ForumMeeting, referral: Referral, slot: int, now: datetime
) -> AgendaItem:
    """Puts the referral last on the (locked) meeting's agenda. R15: over capacity is 409
    meeting.agenda_full; the meeting must be of the referral's forum and not yet begun."""
    if meeting.forum != referral.forum:
        raise WrongForum(forum=meeting.forum)
    if meeting.starts_at <= now:
        raise AlreadyHeld()
    if await repository.item_for(session, meeting.id, referral.id) is not None:
        raise AlreadyOnAgenda()
    used = await repository.used_minutes(session, meeting.id)
    if not rules.fits(meeting.capacity_minutes, used, slot):
        raise AgendaFull(free=meeting.capacity_minutes - used, needed=slot)
    position = await repository.last_position(session, meeting.id)
    item = AgendaItem(
        municipality_code=ctx.principal.municipality,
        meeting_id=meeting.id,
        referral_id=referral.id,
        youth_id=referral.youth_id,
        position=position + 1,
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
        candidate = await repository.next_with_room(session, referral.forum, slot, skipped, now)
        if candidate is None:
            break
        meeting = await repository.get(session, candidate, for_update=True)
        if meeting is None:  # pragma: no cover - cancelled (deleted) meanwhile
            skipped.append(candidate)
            continue
        try:
            return meeting, await place(session, ctx, meeting, referral, slot, now)
        except (AgendaFull, AlreadyHeld, AlreadyOnAgenda):
            skipped.append(candidate)
    raise NoMeetingAvailable(forum=referral.forum)
