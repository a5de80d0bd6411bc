"""Every query about referrals, scoped through the youth they belong to."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import YouthRecords
from ungeapi.models import AgendaItem, MeetingDecision, Referral
from ungeapi.models.referral import OPEN_REFERRAL_STATES

RECORDS = YouthRecords(Referral, "referral")
visible, get, find = RECORDS.visible, RECORDS.get, RECORDS.find


async def open_exists(session: AsyncSession, youth_id: uuid.UUID, forum: str) -> bool:
    query = select(Referral.id).where(
        Referral.youth_id == youth_id, Referral.forum == forum, Referral.state.in_(OPEN_REFERRAL_STATES)
    )
    return (await session.execute(query)).first() is not None


PAGE = RECORDS.page(
    Referral.created_at,
    equal={
        "forum": Referral.forum,
        "state": Referral.state,
        "referrer_sub": Referral.referrer_sub,
    },
)


async def latest_agenda_items(
    session: AsyncSession, referral_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, AgendaItem]:
    """Each referral's latest agenda item, if any: where the referral stands on the agendas."""
    if not referral_ids:
        return {}
    # A referral has an item per meeting it was placed on (a handful at most): the latest wins.
    query = (
        select(AgendaItem)
        .where(AgendaItem.referral_id.in_(referral_ids))
        .order_by(AgendaItem.created_at, AgendaItem.id)
    )
    return {item.referral_id: item for item in (await session.execute(query)).scalars()}


async def release_from_agendas(session: AsyncSession, referral_id: uuid.UUID) -> list[uuid.UUID]:
    """Takes the referral off any agenda where nothing was decided about it; returns the
    meetings it was taken off."""
    decided = exists(select(MeetingDecision.id).where(MeetingDecision.agenda_item_id == AgendaItem.id))
    result = await session.execute(
        delete(AgendaItem)
        .where(AgendaItem.referral_id == referral_id, ~decided)
        .returning(AgendaItem.meeting_id)
    )
    return [row[0] for row in result]


async def clear_agenda(session: AsyncSession, meeting_id: uuid.UUID) -> list[Referral]:
    """Empties a meeting's agenda; returns the referrals that were on it, row-locked, by id.
    Unscoped within the municipality: the chair clears the whole meeting."""
    on_agenda = select(AgendaItem.referral_id).where(AgendaItem.meeting_id == meeting_id)
    query = select(Referral).where(Referral.id.in_(on_agenda)).order_by(Referral.id).with_for_update()
    referrals = list((await session.execute(query)).scalars())
    await session.execute(delete(AgendaItem).where(AgendaItem.meeting_id == meeting_id))
    return referrals
