from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from ungeapi.core.concurrency import IfMatch, etag
from ungeapi.core.context import Ctx, context
from ungeapi.core.db import Session
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next
from ungeapi.municipality import service
from ungeapi.municipality.policy import Policy
from ungeapi.municipality.schemas import DepartmentCreate, DepartmentRead, DepartmentUpdate, SettingsRead

settings_router = APIRouter(prefix="/settings", tags=["settings"])
departments_router = APIRouter(prefix="/departments", tags=["departments"])

SettingsReader = Annotated[Ctx, Depends(context("settings:read", purpose="administration"))]
SettingsWriter = Annotated[Ctx, Depends(context("settings:write", purpose="administration"))]
DepartmentReader = Annotated[Ctx, Depends(context("departments:read", purpose="administration"))]
DepartmentWriter = Annotated[Ctx, Depends(context("departments:write", purpose="administration"))]


@settings_router.get("", response_model=SettingsRead, responses=problems(401, 403))
async def read_settings(response: Response, ctx: SettingsReader, session: Session) -> SettingsRead:
    """Read the municipality's policy parameters (kommunens indstillinger)."""
    result = await service.read_settings(session, ctx)
    response.headers["ETag"] = etag(result.version)
    return result


@settings_router.put("", response_model=SettingsRead, responses=problems(401, 403, 412, 422, 428))
async def replace_settings(
    policy: Policy, expected: IfMatch, response: Response, ctx: SettingsWriter, session: Session
) -> SettingsRead:
    """Replace the policy (admin); omitted fields take defaults. If-Match "0" the first time."""
    result = await service.replace_settings(session, ctx, policy, expected_version=expected)
    response.headers["ETag"] = etag(result.version)
    return result


@settings_router.post("/seed", response_model=SettingsRead, responses=problems(401, 403))
async def seed_municipality(response: Response, ctx: SettingsWriter, session: Session) -> SettingsRead:
    """Seed default settings and departments (BFU, SAEH, ARB, UU, ...); keeps what exists."""
    result = await service.seed_municipality(session, ctx)
    response.headers["ETag"] = etag(result.version)
    return result


@departments_router.get("", response_model=Page[DepartmentRead], responses=problems(400, 401, 403, 422))
async def list_departments(
    request: Request,
    response: Response,
    ctx: DepartmentReader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[DepartmentRead]:
    """List the municipality's departments (afdelinger), by code."""
    items, next_cursor = await service.list_departments(session, limit=limit, cursor=cursor)
    link_next(request, response, next_cursor)
    return Page[DepartmentRead](items=items, next_cursor=next_cursor)


@departments_router.post(
    "", status_code=201, response_model=DepartmentRead, responses=problems(401, 403, 409, 422)
)
async def create_department(
    data: DepartmentCreate, response: Response, ctx: DepartmentWriter, session: Session
) -> DepartmentRead:
    """Create a department (opret afdeling; admin)."""
    result = await service.create_department(session, ctx, data)
    response.headers["Location"] = f"/v1/departments/{result.id}"
    response.headers["ETag"] = etag(result.version)
    return result


@departments_router.get("/{department_id}", response_model=DepartmentRead, responses=problems(401, 403, 404))
async def read_department(
    department_id: uuid.UUID, response: Response, ctx: DepartmentReader, session: Session
) -> DepartmentRead:
    """Read one department (afdeling)."""
    result = await service.read_department(session, department_id)
    response.headers["ETag"] = etag(result.version)
    return result


@departments_router.patch(
    "/{department_id}", response_model=DepartmentRead, responses=problems(401, 403, 404, 412, 422, 428)
)
async def change_department(
    department_id: uuid.UUID,
    data: DepartmentUpdate,
    expected: IfMatch,
    response: Response,
    ctx: DepartmentWriter,
    session: Session,
) -> DepartmentRead:
    """Change a department (ret afdeling; admin); needs If-Match."""
    result = await service.change_department(session, ctx, department_id, data, expected_version=expected)
    response.headers["ETag"] = etag(result.version)
    return result
