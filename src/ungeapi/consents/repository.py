"""Every query about consents, scoped through the youth they are about."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import YouthRecords
from ungeapi.models import Consent, Department

RESOURCE = "consent"


# A recipient that sees the youth through the consent also sees the consent itself (the basis):
# the youth's scope decides, and a read answered through it is a disclosure.
RECORDS = YouthRecords(Consent, RESOURCE, opened_by="youth", disclosed=True)
visible, get, find = RECORDS.visible, RECORDS.get, RECORDS.find


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


PAGE = RECORDS.page(
    Consent.created_at,
    equal={"department": _Holds(Consent.recipient_departments)},
    shaped={"in_force": lambda ctx, in_force: _in_force(ctx.today) if in_force else ~_in_force(ctx.today)},
)
