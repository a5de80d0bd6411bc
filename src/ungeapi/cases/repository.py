"""Every query about cases, scoped through the youth they belong to."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import case_open_on, visible_youth_ids
from ungeapi.core.security import Principal
from ungeapi.models import YouthCase


def visible(principal: Principal, today: date) -> Select[YouthCase]:
    return select(YouthCase).where(YouthCase.youth_id.in_(visible_youth_ids(principal, today, "case")))


async def get(
    session: AsyncSession, principal: Principal, today: date, case_id: uuid.UUID, *, for_update: bool = False
) -> YouthCase | None:
    query = visible(principal, today).where(YouthCase.id == case_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def get_by_external(session: AsyncSession, system: str, external_id: str) -> YouthCase | None:
    """Unscoped within the municipality: an upsert must find the row whoever can see it."""
    query = (
        select(YouthCase)
        .where(YouthCase.external_system == system, YouthCase.external_id == external_id)
        .with_for_update()
    )
    return (await session.execute(query)).scalar_one_or_none()


async def list_page(
    session: AsyncSession,
    principal: Principal,
    today: date,
    *,
    limit: int,
    after: tuple[date, uuid.UUID] | None,
    youth_id: uuid.UUID | None,
    department: str | None,
    kind: str | None,
    open_only: bool | None,
) -> list[YouthCase]:
    query = visible(principal, today)
    if youth_id is not None:
        query = query.where(YouthCase.youth_id == youth_id)
    if department is not None:
        query = query.where(YouthCase.department_code == department)
    if kind is not None:
        query = query.where(YouthCase.kind == kind)
    if open_only is not None:
        query = query.where(case_open_on(today) if open_only else ~case_open_on(today))
    if after is not None:
        query = query.where((YouthCase.opened_on, YouthCase.id) > after)  # type: ignore[operator]
    query = query.order_by(YouthCase.opened_on, YouthCase.id).limit(limit + 1)
    return list((await session.execute(query)).scalars())
