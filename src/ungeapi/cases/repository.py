"""Every query about cases, scoped through the youth they belong to."""

from __future__ import annotations

import uuid
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, exists, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import case_open_on, disclosure_insert, visible_youth_ids, writable_youth_ids
from ungeapi.core import statements
from ungeapi.core.context import Ctx
from ungeapi.core.reads import AFTER_DAY, AFTER_ID, Audit, AuditedRead, Row, owned_subjects
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


DEPARTMENT = "\x00case_department"
KIND = "\x00case_kind"


@dataclass(frozen=True)
class PageShape:
    """Which of a page's filters are given: each shape is its own compiled statement."""

    youth: bool
    department: bool
    kind: bool
    open_only: bool | None
    after: bool


def _page(ctx: Ctx, shape: Hashable) -> Select[Any]:
    assert isinstance(shape, PageShape)
    query = visible(ctx.principal, ctx.today)
    if shape.youth:
        query = query.where(YouthCase.youth_id == statements.ID)
    if shape.department:
        query = query.where(YouthCase.department_code == DEPARTMENT)
    if shape.kind:
        query = query.where(YouthCase.kind == KIND)
    if shape.open_only is not None:
        query = query.where(case_open_on(ctx.today) if shape.open_only else ~case_open_on(ctx.today))
    if shape.after:
        query = query.where(tuple_(YouthCase.opened_on, YouthCase.id) > tuple_(AFTER_DAY, AFTER_ID))
    return query


def _disclosed(ctx: Ctx, subjects: Select[Any]) -> Any:
    return disclosure_insert(ctx, RESOURCE, subjects, resource_type=RESOURCE)


PAGE = AuditedRead(
    _page,
    Audit("search", RESOURCE, owned_subjects, _disclosed),
    placeholders=frozenset({DEPARTMENT, KIND}),
    order=lambda rows: (rows.c.opened_on, rows.c.id),
)


async def read_page(
    session: AsyncSession,
    ctx: Ctx,
    *,
    limit: int,
    after: tuple[date, uuid.UUID] | None,
    youth_id: uuid.UUID | None,
    department: str | None,
    kind: str | None,
    open_only: bool | None,
) -> list[Row]:
    """A page of the cases the caller may see, by opening day, the shown rows audited; one row more
    than `limit` when a next page exists."""
    shape = PageShape(
        youth=youth_id is not None,
        department=department is not None,
        kind=kind is not None,
        open_only=open_only,
        after=after is not None,
    )
    values: dict[Hashable, Any] = {statements.ID: youth_id, DEPARTMENT: department, KIND: kind}
    if after is not None:
        values[AFTER_DAY], values[AFTER_ID] = after
    return await PAGE.rows(session, ctx, values, variant=shape, limit=limit)


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
