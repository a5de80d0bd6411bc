"""Municipality settings and departments."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core import audit, events
from ungeapi.core.concurrency import check_version
from ungeapi.core.context import Ctx
from ungeapi.core.pagination import decode_cursor, encode_cursor
from ungeapi.models import Department, MunicipalitySettings
from ungeapi.municipality.errors import DepartmentExists, DepartmentNotFound
from ungeapi.municipality.policy import Policy
from ungeapi.municipality.schemas import (
    DEFAULT_DEPARTMENTS,
    DepartmentCreate,
    DepartmentRead,
    DepartmentUpdate,
    SettingsRead,
)

_POLICY = "ungeapi.policy"


async def get_policy(session: AsyncSession) -> Policy:
    """The policy of the transaction's municipality (row-level security picks the row); read once
    per transaction, however many rules of the request ask (a change of it forgets it)."""
    policy: Policy | None = session.info.get(_POLICY)
    if policy is None:
        params = (await session.execute(select(MunicipalitySettings.params))).scalar_one_or_none()
        policy = session.info[_POLICY] = Policy.model_validate(params) if params is not None else Policy()
    return policy


async def read_settings(session: AsyncSession, ctx: Ctx) -> SettingsRead:
    row = (await session.execute(select(MunicipalitySettings))).scalar_one_or_none()
    if row is None:
        return SettingsRead(
            municipality_code=ctx.principal.municipality,
            policy=Policy(),
            version=0,
            stored=False,
            updated_at=None,
        )
    return _settings_read(row)


async def replace_settings(
    session: AsyncSession, ctx: Ctx, policy: Policy, *, expected_version: int
) -> SettingsRead:
    """Replaces the policy; If-Match "0" stores it the first time."""
    session.info.pop(_POLICY, None)
    row = (await session.execute(select(MunicipalitySettings).with_for_update())).scalar_one_or_none()
    check_version(expected_version, row.version if row else 0)
    if row is None:
        row = MunicipalitySettings(
            municipality_code=ctx.principal.municipality, params=policy.model_dump(mode="json")
        )
        session.add(row)
    else:
        row.params = policy.model_dump(mode="json")
        row.version += 1
        row.updated_at = func.now()
    await session.flush()
    await session.refresh(row)
    await audit.record(session, ctx, action="update", resource_type="settings", resource_id=row.id)
    await events.record(
        session, ctx, action="updated", resource_type="settings", resource_id=row.id, version=row.version
    )
    return _settings_read(row)


async def seed_municipality(session: AsyncSession, ctx: Ctx) -> SettingsRead:
    """Creates the settings with defaults and the default departments; existing ones are kept."""
    municipality = ctx.principal.municipality
    session.info.pop(_POLICY, None)
    await session.execute(
        insert(MunicipalitySettings)
        .values(municipality_code=municipality, params=Policy().model_dump(mode="json"))
        .on_conflict_do_nothing(index_elements=["municipality_code"])
    )
    created = await session.execute(
        insert(Department)
        .values([{**d.model_dump(), "municipality_code": municipality} for d in DEFAULT_DEPARTMENTS])
        .on_conflict_do_nothing(index_elements=["municipality_code", "code"])
        .returning(Department.id)
    )
    for department_id in created.scalars():
        await events.record(
            session, ctx, action="created", resource_type="department", resource_id=department_id, version=1
        )
    await audit.record(session, ctx, action="seed", resource_type="settings")
    return await read_settings(session, ctx)


def _settings_read(row: MunicipalitySettings) -> SettingsRead:
    return SettingsRead(
        municipality_code=row.municipality_code,
        policy=Policy.model_validate(row.params),
        version=row.version,
        stored=True,
        updated_at=row.updated_at,
    )


async def list_departments(
    session: AsyncSession, *, limit: int, cursor: str | None
) -> tuple[list[DepartmentRead], str | None]:
    after = decode_cursor(cursor, 1)
    query = select(Department).order_by(Department.code).limit(limit + 1)
    if after is not None:
        query = query.where(Department.code > str(after[0]))
    rows = list((await session.execute(query)).scalars())
    next_cursor = encode_cursor([rows[limit - 1].code]) if len(rows) > limit else None
    return [DepartmentRead.model_validate(r, from_attributes=True) for r in rows[:limit]], next_cursor


async def authority_unit_codes(session: AsyncSession) -> set[str]:
    rows = await session.execute(select(Department.code).where(Department.authority_unit.is_(True)))
    return set(rows.scalars())


async def department_exists(session: AsyncSession, code: str) -> bool:
    return (await session.execute(select(Department.id).where(Department.code == code))).first() is not None


async def read_department(session: AsyncSession, department_id: uuid.UUID) -> DepartmentRead:
    row = await session.get(Department, department_id)
    if row is None:
        raise DepartmentNotFound()
    return DepartmentRead.model_validate(row, from_attributes=True)


async def create_department(session: AsyncSession, ctx: Ctx, data: DepartmentCreate) -> DepartmentRead:
    if await department_exists(session, data.code):
        raise DepartmentExists()
    row = Department(municipality_code=ctx.principal.municipality, **data.model_dump())
    session.add(row)
    await session.flush()
    await session.refresh(row)
    await audit.record(session, ctx, action="create", resource_type="department", resource_id=row.id)
    await events.record(
        session, ctx, action="created", resource_type="department", resource_id=row.id, version=row.version
    )
    return DepartmentRead.model_validate(row, from_attributes=True)


async def change_department(
    session: AsyncSession,
    ctx: Ctx,
    department_id: uuid.UUID,
    data: DepartmentUpdate,
    *,
    expected_version: int,
) -> DepartmentRead:
    row = (
        await session.execute(select(Department).where(Department.id == department_id).with_for_update())
    ).scalar_one_or_none()
    if row is None:
        raise DepartmentNotFound()
    check_version(expected_version, row.version)
    for field, value in data.model_dump(exclude_unset=True).items():
        if value is not None:
            setattr(row, field, value)
    row.version += 1
    row.updated_at = func.now()
    await session.flush()
    await session.refresh(row)
    await audit.record(session, ctx, action="update", resource_type="department", resource_id=row.id)
    await events.record(
        session, ctx, action="updated", resource_type="department", resource_id=row.id, version=row.version
    )
    return DepartmentRead.model_validate(row, from_attributes=True)
