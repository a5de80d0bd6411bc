"""Every query about referrals, scoped through the youth they belong to."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import visible_youth_ids
from ungeapi.core.reads import Audit, KeysetPage
from ungeapi.core.security import Principal
from ungeapi.models import Referral
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
