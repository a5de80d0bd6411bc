"""Every query about concerns, scoped to the receiving department (access.concern_visible)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import concern_visible
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


async def list_page(
    session: AsyncSession,
    principal: Principal,
    *,
    limit: int,
    after: tuple[datetime, uuid.UUID] | None,
    youth_id: uuid.UUID | None,
    state: str | None,
    level: int | None,
) -> list[Concern]:
    """Newest first."""
    query = visible(principal)
    if youth_id is not None:
        query = query.where(Concern.youth_id == youth_id)
    if state == "received":
        query = query.where(Concern.assessed_at.is_(None), Concern.closed_at.is_(None))
    elif state == "assessed":
        query = query.where(Concern.assessed_at.is_not(None), Concern.closed_at.is_(None))
    elif state == "closed":
        query = query.where(Concern.closed_at.is_not(None))
    if level is not None:
        query = query.where(Concern.level == level)
    if after is not None:
        query = query.where((Concern.received_at, Concern.id) < after)  # type: ignore[operator]
    query = query.order_by(Concern.received_at.desc(), Concern.id.desc()).limit(limit + 1)
    return list((await session.execute(query)).scalars())
