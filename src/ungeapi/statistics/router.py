from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ungeapi.core.context import Ctx, context
from ungeapi.core.db import Session
from ungeapi.core.openapi import problems
from ungeapi.statistics import service
from ungeapi.statistics.schemas import (
    DestinationStatistics,
    GuideCoverage,
    ObligationStatistics,
    TargetGroupStatistics,
    TeamStatistics,
)

router = APIRouter(prefix="/statistics", tags=["statistics"])

Reader = Annotated[Ctx, Depends(context("statistics:read", purpose="statistics"))]


@router.get("/target-groups", response_model=TargetGroupStatistics, responses=problems(401, 403))
async def target_groups(ctx: Reader, session: Session) -> TargetGroupStatistics:
    """Youth per target group (målgrupper); counts under 5 suppressed."""
    return await service.target_groups(session, ctx, today=ctx.today)


@router.get("/guide-coverage", response_model=GuideCoverage, responses=problems(401, 403))
async def guide_coverage(ctx: Reader, session: Session) -> GuideCoverage:
    """Share of youth with cases in several authority units who have a guide (dækning, R8)."""
    return await service.guide_coverage(session, ctx, today=ctx.today)


@router.get("/destinations", response_model=DestinationStatistics, responses=problems(401, 403))
async def destinations(ctx: Reader, session: Session) -> DestinationStatistics:
    """Current plans per destination and the share with a positive destination (positiv destination)."""
    return await service.destinations(session, ctx, today=ctx.today)


@router.get("/teams", response_model=TeamStatistics, responses=problems(401, 403))
async def teams(ctx: Reader, session: Session) -> TeamStatistics:
    """Coordinating teams that met before the youth's 17th birthday (R16); counts under 5 suppressed."""
    return await service.teams(session, ctx, today=ctx.today)


@router.get("/obligations", response_model=ObligationStatistics, responses=problems(401, 403, 422))
async def obligations(
    ctx: Reader,
    session: Session,
    as_of: Annotated[
        date | None,
        Query(
            ge=date(1900, 1, 1),
            le=date(2200, 12, 31),
            description="Count as things stand on this date (default today, Europe/Copenhagen).",
        ),
    ] = None,
) -> ObligationStatistics:
    """Missed obligations per kind (overskredne frister, §8.2); counts under 5 suppressed."""
    return await service.obligations(session, ctx, today=as_of or ctx.today)
