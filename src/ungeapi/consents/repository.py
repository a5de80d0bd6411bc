"""Every query about consents, scoped through the youth they are about."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import disclosure_insert, visible_youth_ids
from ungeapi.core.context import Ctx
from ungeapi.core.reads import Audit, KeysetPage, owned_subjects
from ungeapi.core.security import Principal
from ungeapi.models import Consent, Department

RESOURCE = "consent"


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


def _in_force(today: date) -> ColumnElement[bool]:
    return (
        Consent.complete.is_(True)
        & Consent.revoked_at.is_(None)
        & (Consent.valid_from <= today)
        & (Consent.valid_until >= today)
    )


class _Holds:
    """A filter on an array column for KeysetPage's `equal` (`column == value`): the array holds
    the request's value, as `@>` so the GIN index answers it."""

    def __init__(self, column: Any) -> None:
        self._column = column

    def __eq__(self, value: object) -> ColumnElement[bool]:  # type: ignore[override]
        return self._column.contains([value])  # type: ignore[no-any-return]

    __hash__ = None  # type: ignore[assignment]


def _disclosed(ctx: Ctx, subjects: Select[Any]) -> Any:
    # A consent is answered through the youth it is about, so the youth's scope decides.
    return disclosure_insert(ctx, "youth", subjects, resource_type=RESOURCE)


PAGE = KeysetPage(
    lambda ctx: visible(ctx.principal, ctx.today),
    Audit("search", RESOURCE, owned_subjects, _disclosed),
    key=(Consent.created_at, Consent.id),
    equal={"youth_id": Consent.youth_id, "department": _Holds(Consent.recipient_departments)},
    shaped={"in_force": lambda ctx, in_force: _in_force(ctx.today) if in_force else ~_in_force(ctx.today)},
)
