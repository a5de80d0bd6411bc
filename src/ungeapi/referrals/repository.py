"""Every query about referrals, scoped through the youth they belong to."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import Select, delete, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import visible_youth_ids
from ungeapi.core.reads import Audit, KeysetPage
from ungeapi.core.security import Principal
from ungeapi.models import AgendaItem, MeetingDecision, Referral
from ungeapi.models.referral import OPEN_REFERRAL_STATES


def visible(principal: Principal, today: date) -> Select[Referral]:
    return select(Referral).where(Referral.youth_id.in_(visible_youth_ids(principal, today)))


async def get(
    session: AsyncSession,
    principal: Principal,
    today: date,
    referral_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> Referral | None:
    query = visible(principal, today).where(Referral.id == referral_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def open_exists(session: AsyncSession, youth_id: uuid.UUID, forum: str) -> bool:
    query = select(Referral.id).where(
        Referral.youth_id == youth_id, Referral.forum == forum, Referral.state.in_(OPEN_REFERRAL_STATES)
    )
    return (await session.execute(query)).first() is not None


PAGE = KeysetPage(
    lambda ctx: visible(ctx.principal, ctx.today),
    Audit("search", "referral"),
    key=(Referral.created_at, Referral.id),
    equal={
        "youth_id": Referral.youth_id,
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
