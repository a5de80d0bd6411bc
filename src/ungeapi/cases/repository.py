"""Every query about cases, scoped through the youth they belong to."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import case_open_on, disclosure_insert, visible_youth_ids, writable_youth_ids
from ungeapi.core.context import Ctx
from ungeapi.core.reads import Audit, KeysetPage, owned_subjects
from ungeapi.core.security import Principal
from ungeapi.models import Concern, Referral, YouthCase
from ungeapi.models.referral import NOT_REFERRED_STATES

RESOURCE = "case"


def visible(principal: Principal, today: date) -> Select[YouthCase]:
    return select(YouthCase).where(YouthCase.youth_id.in_(visible_youth_ids(principal, today, "case")))


def writable(principal: Principal, today: date) -> Select[YouthCase]:
    return select(YouthCase).where(YouthCase.youth_id.in_(writable_youth_ids(principal, today)))


async def get(
    session: AsyncSession, principal: Principal, today: date, case_id: uuid.UUID, *, for_update: bool = False
) -> YouthCase | None:
    # A row locked for a change is in the write scope: a consent opens it for reading only.
    scope = writable(principal, today) if for_update else visible(principal, today)
    query = scope.where(YouthCase.id == case_id)
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


def _disclosed(ctx: Ctx, subjects: Select[Any]) -> Any:
    return disclosure_insert(ctx, RESOURCE, subjects, resource_type=RESOURCE)


def _open(ctx: Ctx, open_only: bool) -> ColumnElement[bool]:
    return case_open_on(ctx.today) if open_only else ~case_open_on(ctx.today)


PAGE = KeysetPage(
    lambda ctx: visible(ctx.principal, ctx.today),
    Audit("search", RESOURCE, owned_subjects, _disclosed),
    key=(YouthCase.opened_on, YouthCase.id),
    equal={"youth_id": YouthCase.youth_id, "department": YouthCase.department_code, "kind": YouthCase.kind},
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
