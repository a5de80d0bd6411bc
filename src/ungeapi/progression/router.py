"""Progression phases: the municipality's scale, a plan's phases, and the figures."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from ungeapi.core.http import CREATE, READ_PAGE_OF, Call, call_as
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Page, PageQuery
from ungeapi.progression import schemas, service

scale_router = APIRouter(prefix="/v1/progression-scale", tags=["progression"])
plans_router = APIRouter(prefix="/v1/plans", tags=["progression"])
statistics_router = APIRouter(prefix="/v1/statistics", tags=["progression"])

ScaleReader = Annotated[Call, call_as("settings:read", purpose="administration")]
ScaleWriter = Annotated[Call, call_as("settings:write", purpose="administration")]
Reader = Annotated[Call, call_as("plans:read", purpose="casework")]
Writer = Annotated[Call, call_as("plans:write", purpose="casework")]
Statistician = Annotated[Call, call_as("statistics:read", purpose="statistics", replica=True)]


@scale_router.get("", response_model=schemas.ProgressionScaleRead, responses=problems(401, 403))
async def read_progression_scale(call: ScaleReader) -> schemas.ProgressionScaleRead:
    """The municipality's progression scale, first phase first (progressionsskala)."""
    return await call.run(service.read_scale)


@scale_router.put("", response_model=schemas.ProgressionScaleRead, responses=problems(401, 403, 422))
async def replace_progression_scale(
    data: schemas.ProgressionScale, call: ScaleWriter
) -> schemas.ProgressionScaleRead:
    """Set the municipality's progression scale as a whole; recorded phases keep their names."""
    return await call.run(service.replace_scale, data)


@plans_router.post(
    "/{plan_id}/progression", response_model=schemas.ProgressionRead, status_code=201, responses=CREATE
)
async def record_progression(
    plan_id: uuid.UUID, data: schemas.ProgressionCreate, call: Writer
) -> schemas.ProgressionRead:
    """Record the youth's progression phase in the plan from today (progressionsfase)."""
    return await call.run(service.record_progression, plan_id, data)


@plans_router.get(
    "/{plan_id}/progression", response_model=Page[schemas.ProgressionRead], responses=READ_PAGE_OF
)
async def list_progression(
    plan_id: uuid.UUID, call: Reader, query: Annotated[PageQuery, Query()]
) -> Page[schemas.ProgressionRead]:
    """The plan's progression phases, newest first: the first is the youth's phase now."""
    return call.page(
        schemas.ProgressionRead, await call.run(service.list_progression, plan_id, **vars(query))
    )


@statistics_router.get(
    "/progression", response_model=schemas.ProgressionStatistics, responses=problems(401, 403)
)
async def read_progression_statistics(call: Statistician) -> schemas.ProgressionStatistics:
    """Current plans per progression phase (progression); counts under 5 suppressed."""
    return await call.run(service.statistics, today=call.ctx.today)
