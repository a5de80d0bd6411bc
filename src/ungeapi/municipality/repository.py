"""Every query about the municipality's settings and departments (row-level security keeps each
to the transaction's municipality)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import MultipleResultsFound
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.db import driver_for
from ungeapi.models import Department, MunicipalitySettings


async def policy_params(session: AsyncSession) -> dict[str, Any] | None:
    """Read by most requests (the rules' parameters): straight on the driver, which keeps it
    prepared, instead of an ORM statement built and executed each time. Row-level security
    picks the transaction's municipality's row, the only one it sees."""
    rows = await (await driver_for(session)).fetch(_POLICY_PARAMS)
    if len(rows) > 1:  # a session outside any one municipality: as scalar_one_or_none did
        raise MultipleResultsFound("more than one municipality's settings")
    params: dict[str, Any] | None = rows[0]["params"] if rows else None
    return params


_POLICY_PARAMS = "SELECT params FROM municipality_settings"


async def get_settings(session: AsyncSession, *, for_update: bool = False) -> MunicipalitySettings | None:
    query = select(MunicipalitySettings)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def add_settings_if_missing(session: AsyncSession, municipality: str, params: dict[str, Any]) -> None:
    await session.execute(
        insert(MunicipalitySettings)
        .values(municipality_code=municipality, params=params)
        .on_conflict_do_nothing(index_elements=["municipality_code"])
    )


async def add_departments_if_missing(
    session: AsyncSession, municipality: str, departments: list[dict[str, Any]]
) -> list[uuid.UUID]:
    """The ids of the departments added; one already there by its code is kept as it is."""
    created = await session.execute(
        insert(Department)
        .values([{**d, "municipality_code": municipality} for d in departments])
        .on_conflict_do_nothing(index_elements=["municipality_code", "code"])
        .returning(Department.id)
    )
    return list(created.scalars())


async def departments_page(session: AsyncSession, *, limit: int, after_code: str | None) -> list[Department]:
    """`limit` departments by code after `after_code`, and one more when a next page exists."""
    query = select(Department).order_by(Department.code).limit(limit + 1)
    if after_code is not None:
        query = query.where(Department.code > after_code)
    return list((await session.execute(query)).scalars())


async def authority_unit_codes(session: AsyncSession) -> set[str]:
    rows = await session.execute(select(Department.code).where(Department.authority_unit.is_(True)))
    return set(rows.scalars())


async def department_exists(session: AsyncSession, code: str) -> bool:
    return (await session.execute(select(Department.id).where(Department.code == code))).first() is not None


async def get_department(
    session: AsyncSession, department_id: uuid.UUID, *, for_update: bool = False
) -> Department | None:
    if not for_update:
        return await session.get(Department, department_id)
    query = select(Department).where(Department.id == department_id).with_for_update()
    return (await session.execute(query)).scalar_one_or_none()
