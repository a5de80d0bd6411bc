"""Every query about cases, scoped through the youth they belong to."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import (
    YouthRecords,
    case_open_on,
)
from ungeapi.core.context import Ctx
from ungeapi.core.security import Principal
from ungeapi.models import Concern, Referral, YouthCase
from ungeapi.models.referral import NOT_REFERRED_STATES

RESOURCE = "case"


RECORDS = YouthRecords(YouthCase, RESOURCE, opened_by=RESOURCE, disclosed=True, locked_writable=True)
visible, get, find, read_one = RECORDS.visible, RECORDS.get, RECORDS.find, RECORDS.read_one


async def get_by_external(session: AsyncSession, system: str, external_id: str) -> YouthCase | None:
    """Unscoped within the municipality: an upsert must find the row whoever can see it."""
    query = (
        select(YouthCase)
        .where(YouthCase.external_system == system, YouthCase.external_id == external_id)
        .with_for_update()
    )
    return (await session.execute(query)).scalar_one_or_none()


def _open(ctx: Ctx, open_only: bool) -> ColumnElement[bool]:
    return case_open_on(ctx.today) if open_only else ~case_open_on(ctx.today)


PAGE = RECORDS.page(
    YouthCase.opened_on,
    equal={"department": YouthCase.department_code, "kind": YouthCase.kind},
    shaped={"open_only": _open},
)


async def open_of_youth(
    session: AsyncSession, principal: Principal, today: date, youth_id: uuid.UUID, *, limit: int
) -> list[YouthCase]:
    query = (
        visible(principal, today)
        .where(YouthCase.youth_id == youth_id, case_open_on(today))
        .order_by(YouthCase.opened_on, YouthCase.id)
        .limit(limit)
    )
    return list((await session.execute(query)).scalars())


async def take_on_bases(session: AsyncSession, youth_id: uuid.UUID, department: str) -> tuple[bool, bool]:
    """(a concern about the youth was received by `department`, a sent forum referral of the youth
    names `department` among its professionals): cases/rules.py `may_take_on`. Unscoped within the
    municipality, like the concern and the referral themselves to the receiving department."""
    concern = exists(
        select(Concern.id).where(
            Concern.youth_id == youth_id, Concern.receiving_department_code == department
        )
    )
    referral = exists(
        select(Referral.id).where(
            Referral.youth_id == youth_id,
            Referral.state.not_in(NOT_REFERRED_STATES),
            Referral.professionals.contains([{"department": department}]),
        )
    )
    row = (await session.execute(select(concern, referral))).one()
    return bool(row[0]), bool(row[1])
