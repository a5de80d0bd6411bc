from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter

from ungeapi.core.concurrency import IfMatch
from ungeapi.core.http import CHANGE, READ_ONE, READ_PAGE, Call, call_as
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Page, PageParams
from ungeapi.municipality import service
from ungeapi.municipality.policy import Policy
from ungeapi.municipality.schemas import DepartmentCreate, DepartmentRead, DepartmentUpdate, SettingsRead

settings_router = APIRouter(prefix="/v1/settings", tags=["settings"])
departments_router = APIRouter(prefix="/v1/departments", tags=["departments"])

SettingsReader = Annotated[Call, call_as("settings:read", purpose="administration")]
SettingsWriter = Annotated[Call, call_as("settings:write", purpose="administration")]
DepartmentReader = Annotated[Call, call_as("departments:read", purpose="administration")]
DepartmentWriter = Annotated[Call, call_as("departments:write", purpose="administration")]


@settings_router.get("", response_model=SettingsRead, responses=problems(401, 403))
async def read_settings(call: SettingsReader) -> SettingsRead:
    """Read the municipality's policy parameters (kommunens indstillinger)."""
    return call.with_etag(await call.run(service.read_settings))


@settings_router.put("", response_model=SettingsRead, responses=problems(401, 403, 412, 422, 428))
async def replace_settings(policy: Policy, expected: IfMatch, call: SettingsWriter) -> SettingsRead:
    """Replace the policy (admin); omitted fields take defaults. If-Match "0" the first time."""
    return call.with_etag(await call.run(service.replace_settings, policy, expected_version=expected))


@settings_router.post("/seed", response_model=SettingsRead, responses=problems(401, 403))
async def seed_municipality(call: SettingsWriter) -> SettingsRead:
    """Seed default settings and departments (BFU, SAEH, ARB, UU, ...); keeps what exists."""
    return call.with_etag(await call.run(service.seed_municipality))


@departments_router.get("", response_model=Page[DepartmentRead], responses=READ_PAGE)
async def list_departments(call: DepartmentReader, page: PageParams) -> Page[DepartmentRead]:
    """List the municipality's departments (afdelinger), by code."""
    return call.page(DepartmentRead, await service.list_departments(call.session, **vars(page)))


@departments_router.post(
    "", status_code=201, response_model=DepartmentRead, responses=problems(401, 403, 409, 422)
)
async def create_department(data: DepartmentCreate, call: DepartmentWriter) -> DepartmentRead:
    """Create a department (opret afdeling; admin)."""
    department = await call.run(service.create_department, data)
    return call.with_etag(department, location=f"/v1/departments/{department.id}")


@departments_router.get("/{department_id}", response_model=DepartmentRead, responses=READ_ONE)
async def read_department(department_id: uuid.UUID, call: DepartmentReader) -> DepartmentRead:
    """Read one department (afdeling)."""
    return call.with_etag(await service.read_department(call.session, department_id))


@departments_router.patch("/{department_id}", response_model=DepartmentRead, responses=CHANGE)
async def change_department(
    department_id: uuid.UUID, data: DepartmentUpdate, expected: IfMatch, call: DepartmentWriter
) -> DepartmentRead:
    """Change a department (ret afdeling; admin); needs If-Match."""
    return call.with_etag(
        await call.run(service.change_department, department_id, data, expected_version=expected)
    )
