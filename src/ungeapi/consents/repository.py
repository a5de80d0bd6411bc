"""Every query about consents, scoped through the youth they are about."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import visible_youth_ids
from ungeapi.core.security import Principal
from ungeapi.models import Consent, Department


def visible(principal: Principal, today: date) -> Select[Consent]:
    # A recipient that sees the youth through the consent also sees the consent itself: the basis.
    return select(Consent).where(Consent.youth_id.in_(visible_youth_ids(principal, today, "youth")))


async def get(
    session: AsyncSession,
    principal: Principal,
    today: date,
    consent_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> Consent | None:
    query = visible(principal, today).where(Consent.id == consent_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def department_kinds(session: AsyncSession, codes: list[str]) -> dict[str, str]:
    rows = await session.execute(select(Department.code, Department.kind).where(Department.code.in_(codes)))
    return {code: kind for code, kind in rows.all()}


async def for_youth(session: AsyncSession, youth_id: uuid.UUID) -> list[Consent]:
    """Every consent about one youth, whoever registered it (for the youth's own export)."""
    query = select(Consent).where(Consent.youth_id == youth_id).order_by(Consent.created_at, Consent.id)
    return list((await session.execute(query)).scalars())


async def list_page(
    session: AsyncSession,
    principal: Principal,
    today: date,
    *,
    limit: int,
    after: tuple[datetime, uuid.UUID] | None,
    youth_id: uuid.UUID | None,
    department: str | None,
    in_force: bool | None,
) -> list[Consent]:
    query = visible(principal, today)
    if youth_id is not None:
        query = query.where(Consent.youth_id == youth_id)
    if department is not None:
        query = query.where(Consent.recipient_departments.contains([department]))
    if in_force is not None:
        clause = (
            Consent.complete.is_(True)
            & Consent.revoked_at.is_(None)
            & (Consent.valid_from <= today)
            & (Consent.valid_until >= today)
        )
        query = query.where(clause if in_force else ~clause)
    if after is not None:
        query = query.where((Consent.created_at, Consent.id) > after)  # type: ignore[operator]
    query = query.order_by(Consent.created_at, Consent.id).limit(limit + 1)
    return list((await session.execute(query)).scalars())
