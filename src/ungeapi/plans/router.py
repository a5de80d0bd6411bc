from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from ungeapi.core.concurrency import IfMatch, etag
from ungeapi.core.context import Ctx, context
from ungeapi.core.db import Session
from ungeapi.core.idempotency import IdempotencyKey, run_idempotent
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next
from ungeapi.plans import document, service
from ungeapi.plans.schemas import (
    GoalCreate,
    GoalRead,
    GoalUpdate,
    MeasureCreate,
    MeasureRead,
    MeasureUpdate,
    PlanCreate,
    PlanRead,
    PlanStatus,
    PlanSummary,
    PlanUpdate,
    RevisionRead,
    RevisionSummary,
)

router = APIRouter(prefix="/plans", tags=["plans"])

Reader = Annotated[Ctx, Depends(context("plans:read", purpose="casework"))]
Writer = Annotated[Ctx, Depends(context("plans:write", purpose="casework"))]
DOCUMENT_EXAMPLE = (
    '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Uddannelses- og jobplan</title>'
    "</head><body><h1>Uddannelses- og jobplan</h1>...</body></html>"
)
Printer = Annotated[Ctx, Depends(context("plans:read", purpose="plan_meeting"))]


@router.post("", status_code=201, response_model=PlanRead, responses=problems(401, 403, 404, 409, 422))
async def make_plan(
    request: Request, data: PlanCreate, ctx: Writer, session: Session, idempotency_key: IdempotencyKey = None
) -> JSONResponse:
    """Make the youth's education-and-job plan (lav uddannelses- og jobplan); one current plan per youth."""

    async def produce() -> tuple[PlanRead, dict[str, str]]:
        plan = await service.make_plan(session, ctx, data)
        return plan, {"Location": f"/v1/plans/{plan.id}", "ETag": etag(plan.version)}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@router.get("", response_model=Page[PlanSummary], responses=problems(400, 401, 403, 404, 422))
async def list_plans(
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    youth_id: Annotated[uuid.UUID | None, Query(description="Only this youth's plans (den unge).")] = None,
    status: Annotated[PlanStatus | None, Query(description="Only plans with this status.")] = None,
    coordinating_sub: Annotated[
        str | None,
        Query(max_length=200, description="Coordinating caseworker's `sub`; `me` for yourself."),
    ] = None,
) -> Page[PlanSummary]:
    """List the plans you may see (planer), oldest first."""
    items, next_cursor = await service.list_plans(
        session,
        ctx,
        limit=limit,
        cursor=cursor,
        youth_id=youth_id,
        status=status,
        coordinating_sub=coordinating_sub,
    )
    link_next(request, response, next_cursor)
    return Page[PlanSummary](items=items, next_cursor=next_cursor)


@router.get("/{plan_id}", response_model=PlanRead, responses=problems(401, 403, 404, 422))
async def read_plan(
    plan_id: uuid.UUID,
    response: Response,
    ctx: Reader,
    session: Session,
    as_of: Annotated[
        date | None,
        Query(description="Read the plan as it stood at the end of this day (Europe/Copenhagen)."),
    ] = None,
) -> PlanRead:
    """Read a plan with its goals and measures (læs plan), now or as of a date."""
    plan = await service.read_plan(session, ctx, plan_id, as_of=as_of)
    if as_of is None:
        response.headers["ETag"] = etag(plan.version)
    return plan


@router.patch("/{plan_id}", response_model=PlanRead, responses=problems(401, 403, 404, 409, 412, 422, 428))
async def change_plan(
    plan_id: uuid.UUID, data: PlanUpdate, expected: IfMatch, response: Response, ctx: Writer, session: Session
) -> PlanRead:
    """Change the plan or its status (ret plan); needs If-Match and makes a revision."""
    plan = await service.change_plan(session, ctx, plan_id, data, expected_version=expected)
    response.headers["ETag"] = etag(plan.version)
    return plan


@router.get(
    "/{plan_id}/document",
    response_class=HTMLResponse,
    responses={
        200: {
            "description": "The plan as a printable HTML page in Danish.",
            "content": {"text/html": {"schema": {"type": "string"}, "example": DOCUMENT_EXAMPLE}},
        },
        **problems(401, 403, 404),
    },
)
async def plan_document(plan_id: uuid.UUID, ctx: Printer, session: Session) -> HTMLResponse:
    """The plan as a printable page in Danish (planen til udskrift), for the meeting with the youth."""
    plan, youth = await service.plan_for_document(session, ctx, plan_id)
    html = document.render(
        plan,
        youth_name=f"{youth.given_name} {youth.family_name}",
        birth_date=youth.birth_date,
        printed_on=ctx.today,
    )
    return HTMLResponse(html, headers={"Content-Language": "da", "Cache-Control": "no-store"})


@router.get(
    "/{plan_id}/revisions",
    response_model=Page[RevisionSummary],
    responses=problems(400, 401, 403, 404, 422),
)
async def list_revisions(
    plan_id: uuid.UUID,
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[RevisionSummary]:
    """List the plan's revisions (revisioner), first first: who changed what, when and why."""
    items, next_cursor = await service.list_revisions(session, ctx, plan_id, limit=limit, cursor=cursor)
    link_next(request, response, next_cursor)
    return Page[RevisionSummary](items=items, next_cursor=next_cursor)


@router.get(
    "/{plan_id}/revisions/{number}", response_model=RevisionRead, responses=problems(401, 403, 404, 422)
)
async def read_revision(
    plan_id: uuid.UUID,
    number: Annotated[int, Path(ge=1, le=1_000_000, description="Revision number (revisionsnummer).")],
    ctx: Reader,
    session: Session,
) -> RevisionRead:
    """Read one revision with the whole plan as it was right after it (læs revision)."""
    return await service.read_revision(session, ctx, plan_id, number)


@router.post(
    "/{plan_id}/goals",
    status_code=201,
    response_model=GoalRead,
    responses=problems(401, 403, 404, 409, 422),
)
async def add_goal(
    plan_id: uuid.UUID,
    request: Request,
    data: GoalCreate,
    ctx: Writer,
    session: Session,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Add a goal to the plan (tilføj mål); makes a revision."""

    async def produce() -> tuple[GoalRead, dict[str, str]]:
        goal = await service.add_goal(session, ctx, plan_id, data)
        return goal, {"Location": f"/v1/plans/{plan_id}/goals/{goal.id}", "ETag": etag(goal.version)}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@router.patch(
    "/{plan_id}/goals/{goal_id}",
    response_model=GoalRead,
    responses=problems(401, 403, 404, 409, 412, 422, 428),
)
async def change_goal(
    plan_id: uuid.UUID,
    goal_id: uuid.UUID,
    data: GoalUpdate,
    expected: IfMatch,
    response: Response,
    ctx: Writer,
    session: Session,
) -> GoalRead:
    """Change a goal (ret mål); needs the goal's If-Match and makes a revision."""
    goal = await service.change_goal(session, ctx, plan_id, goal_id, data, expected_version=expected)
    response.headers["ETag"] = etag(goal.version)
    return goal


@router.post(
    "/{plan_id}/measures",
    status_code=201,
    response_model=MeasureRead,
    responses=problems(401, 403, 404, 409, 422),
)
async def add_measure(
    plan_id: uuid.UUID,
    request: Request,
    data: MeasureCreate,
    ctx: Writer,
    session: Session,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Add a measure of your department to the plan (tilføj indsats); makes a revision."""

    async def produce() -> tuple[MeasureRead, dict[str, str]]:
        measure = await service.add_measure(session, ctx, plan_id, data)
        headers = {"Location": f"/v1/plans/{plan_id}/measures/{measure.id}", "ETag": etag(measure.version)}
        return measure, headers

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@router.patch(
    "/{plan_id}/measures/{measure_id}",
    response_model=MeasureRead,
    responses=problems(401, 403, 404, 409, 412, 422, 428),
)
async def change_measure(
    plan_id: uuid.UUID,
    measure_id: uuid.UUID,
    data: MeasureUpdate,
    expected: IfMatch,
    response: Response,
    ctx: Writer,
    session: Session,
) -> MeasureRead:
    """Change a measure of your department (ret indsats); needs If-Match and makes a revision."""
    measure = await service.change_measure(session, ctx, plan_id, measure_id, data, expected_version=expected)
    response.headers["ETag"] = etag(measure.version)
    return measure
