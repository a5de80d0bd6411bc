"""Municipality settings and departments."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core import audit, events
from ungeapi.core.changes import Ledger, bump
from ungeapi.core.concurrency import check_version
from ungeapi.core.context import Ctx
from ungeapi.core.pagination import decode_cursor, encode_cursor
from ungeapi.models import Department, MunicipalitySettings
from ungeapi.municipality import repository
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
SETTINGS, DEPARTMENTS = Ledger("settings", youth=None), Ledger("department", youth=None)


async def get_policy(session: AsyncSession) -> Policy:
    """The policy of the transaction's municipality (row-level security picks the row); read once
    per transaction, however many rules of the request ask (a change of it forgets it)."""
    policy: Policy | None = session.info.get(_POLICY)
    if policy is None:
        params = await repository.policy_params(session)
        policy = session.info[_POLICY] = Policy.model_validate(params) if params is not None else Policy()
    return policy


async def read_settings(session: AsyncSession, ctx: Ctx) -> SettingsRead:
    row = await repository.get_settings(session)
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
    row = await repository.get_settings(session, for_update=True)
    check_version(expected_version, row.version if row else 0)
    if row is None:
        row = MunicipalitySettings(
            municipality_code=ctx.principal.municipality, params=policy.model_dump(mode="json")
        )
        session.add(row)
    else:
        row.params = policy.model_dump(mode="json")
        bump(row)
    await session.flush()
    await SETTINGS.logged(session, ctx, row)  # stored the first time or replaced: an update either way
    return _settings_read(row)


async def seed_municipality(session: AsyncSession, ctx: Ctx) -> SettingsRead:
    """Creates the settings with defaults and the default departments; existing ones are kept."""
    municipality = ctx.principal.municipality
    session.info.pop(_POLICY, None)
    await repository.add_settings_if_missing(session, municipality, Policy().model_dump(mode="json"))
    created = await repository.add_departments_if_missing(
        session, municipality, [d.model_dump() for d in DEFAULT_DEPARTMENTS]
    )
    made = [
        events.event_row(ctx, action="created", resource_type="department", resource_id=d, version=1)
        for d in created
    ]
    await events.record(session, made)
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
    rows = await repository.departments_page(
        session, limit=limit, after_code=str(after[0]) if after is not None else None
    )
    next_cursor = encode_cursor([rows[limit - 1].code]) if len(rows) > limit else None
    return [DepartmentRead.model_validate(r, from_attributes=True) for r in rows[:limit]], next_cursor


async def authority_unit_codes(session: AsyncSession) -> set[str]:
    return await repository.authority_unit_codes(session)


async def department_exists(session: AsyncSession, code: str) -> bool:
    return await repository.department_exists(session, code)


async def read_department(session: AsyncSession, department_id: uuid.UUID) -> DepartmentRead:
    row = await repository.get_department(session, department_id)
    if row is None:
        raise DepartmentNotFound()
    return DepartmentRead.model_validate(row, from_attributes=True)


async def create_department(session: AsyncSession, ctx: Ctx, data: DepartmentCreate) -> DepartmentRead:
    if await department_exists(session, data.code):
        raise DepartmentExists()
    row = Department(municipality_code=ctx.principal.municipality, **data.model_dump())
    await DEPARTMENTS.added(session, ctx, row)
    return DepartmentRead.model_validate(row, from_attributes=True)


async def change_department(
    session: AsyncSession,
    ctx: Ctx,
    department_id: uuid.UUID,
    data: DepartmentUpdate,
    *,
    expected_version: int,
) -> DepartmentRead:
    row = await repository.get_department(session, department_id, for_update=True)
    if row is None:
        raise DepartmentNotFound()
    check_version(expected_version, row.version)
    for field, value in data.model_dump(exclude_unset=True).items():
        if value is not None:
            setattr(row, field, value)
    await DEPARTMENTS.saved(session, ctx, row)
    return DepartmentRead.model_validate(row, from_attributes=True)
