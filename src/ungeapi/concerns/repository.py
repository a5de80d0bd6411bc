"""Every query about concerns, scoped to the receiving department (access.concern_visible)."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import concern_visible
from ungeapi.core.reads import Audit, KeysetPage
from ungeapi.core.security import Principal
from ungeapi.models import Concern, Department

CHILDREN_FAMILY = "children_family"


def visible(principal: Principal) -> Select[Concern]:
    return select(Concern).where(concern_visible(principal))


async def get(
    session: AsyncSession, principal: Principal, concern_id: uuid.UUID, *, for_update: bool = False
) -> Concern | None:
    query = visible(principal).where(Concern.id == concern_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def receiving_department(session: AsyncSession) -> str | None:
    """The municipality's children-and-family department (BFU by default); the first by code if
    a municipality has registered several."""
    query = (
        select(Department.code).where(Department.kind == CHILDREN_FAMILY).order_by(Department.code).limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()


_STATES = {
    "received": and_(Concern.assessed_at.is_(None), Concern.closed_at.is_(None)),
    "assessed": and_(Concern.assessed_at.is_not(None), Concern.closed_at.is_(None)),
    "closed": Concern.closed_at.is_not(None),
}

# Newest first.
PAGE = KeysetPage(
    lambda ctx: visible(ctx.principal),
    Audit("search", "concern"),
    key=(Concern.received_at, Concern.id),
    descending=True,
    equal={"youth_id": Concern.youth_id, "level": Concern.level},
    shaped={"state": lambda _ctx, state: _STATES[state]},
)
