from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ungeapi.core.fields import Day
from ungeapi.core.http import Call, call_as
from ungeapi.core.openapi import problems
from ungeapi.statistics import service
from ungeapi.statistics.schemas import (
    DestinationStatistics,
    GuideCoverage,
    ObligationStatistics,
    TargetGroupStatistics,
    TeamStatistics,
)

router = APIRouter(prefix="/v1/statistics", tags=["statistics"])

# Aggregate figures over the municipality, no youth's own data: they may run on the read replica
# (and be a few seconds behind; X-Read-Source says where they ran).
Reader = Annotated[Call, call_as("statistics:read", purpose="statistics", replica=True)]
AsOf = Annotated[
    Day | None,
    Query(
        description="Count as things stand on this date (default today, Europe/Copenhagen).",
    ),
]
FIGURE = problems(401, 403)


@router.get("/target-groups", response_model=TargetGroupStatistics, responses=FIGURE)
async def target_groups(call: Reader) -> TargetGroupStatistics:
    """Youth per target group (målgrupper); counts under 5 suppressed."""
    return await call.run(service.target_groups, today=call.ctx.today)


@router.get("/guide-coverage", response_model=GuideCoverage, responses=FIGURE)
async def guide_coverage(call: Reader) -> GuideCoverage:
    """Share of youth with cases in several authority units who have a guide (dækning, R8)."""
    return await call.run(service.guide_coverage, today=call.ctx.today)


@router.get("/destinations", response_model=DestinationStatistics, responses=FIGURE)
async def destinations(call: Reader) -> DestinationStatistics:
    """Current plans per destination and the share with a positive destination (positiv destination)."""
    return await call.run(service.destinations, today=call.ctx.today)


@router.get("/teams", response_model=TeamStatistics, responses=FIGURE)
async def teams(call: Reader) -> TeamStatistics:
    """Coordinating teams that met before the youth's 17th birthday (R16); counts under 5 suppressed."""
    return await call.run(service.teams, today=call.ctx.today)


@router.get("/obligations", response_model=ObligationStatistics, responses=problems(401, 403, 422))
async def obligations(call: Reader, as_of: AsOf = None) -> ObligationStatistics:
    """Missed obligations per kind (overskredne frister, §8.2); counts under 5 suppressed."""
    return await call.run(service.obligations, today=as_of or call.ctx.today)
