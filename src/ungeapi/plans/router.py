from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import Field

from ungeapi.core.concurrency import IfMatch
from ungeapi.core.fields import Day
from ungeapi.core.http import CHANGE_STATE, CREATE, READ_PAGE_OF, Call, call_as, filed, text_answer
from ungeapi.core.idempotency import IdempotencyKey
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Page, PageParams, PageQuery
from ungeapi.core.routes import Collection
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

router = APIRouter(prefix="/v1/plans", tags=["plans"])

Reader = Annotated[Call, call_as("plans:read", purpose="casework")]
Writer = Annotated[Call, call_as("plans:write", purpose="casework")]
Printer = Annotated[Call, call_as("plans:read", purpose="plan_meeting")]
AsOf = Annotated[
    Day | None, Query(description="Read the plan as it stood at the end of this day (Europe/Copenhagen).")
]
Number = Annotated[int, Path(ge=1, le=1_000_000, description="Revision number (revisionsnummer).")]
DOCUMENT = "The plan as a printable HTML page in Danish."
DOCUMENT_EXAMPLE = (
    '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Uddannelses- og jobplan</title>'
    "</head><body><h1>Uddannelses- og jobplan</h1>...</body></html>"
)


class PlansQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's plans (den unge).")
    status: PlanStatus | None = Field(None, description="Only plans with this status.")
    coordinating_sub: str | None = Field(
        None, max_length=200, description="Coordinating caseworker's `sub`; `me` for yourself."
    )


plans = Collection(router, PlanRead, "plan_id", reader=Reader, writer=Writer)
plans.create(
    "make_plan",
    PlanCreate,
    service.make_plan,
    "Make the youth's education-and-job plan (lav uddannelses- og jobplan); one current plan per youth.",
)
plans.page(
    "list_plans",
    PlansQuery,
    service.list_plans,
    "List the plans you may see (planer), oldest first.",
    item=PlanSummary,
)


@router.get("/{plan_id}", response_model=PlanRead, responses=problems(401, 403, 404, 422))
async def read_plan(plan_id: uuid.UUID, call: Reader, as_of: AsOf = None) -> PlanRead:
    """Read a plan with its goals and measures (læs plan), now or as of a date."""
    plan = await call.run(service.read_plan, plan_id, as_of=as_of)
    # A plan as it stood then is no version that If-Match could name.
    return call.with_etag(plan) if as_of is None else plan


plans.change(
    "change_plan",
    PlanUpdate,
    service.change_plan,
    "Change the plan or its status (ret plan); needs If-Match and makes a revision.",
    responses=CHANGE_STATE,
)


@router.get(
    "/{plan_id}/document",
    response_class=HTMLResponse,
    responses={**text_answer("text/html", DOCUMENT, DOCUMENT_EXAMPLE), **problems(401, 403, 404)},
)
async def plan_document(plan_id: uuid.UUID, call: Printer) -> HTMLResponse:
    """The plan as a printable page in Danish (planen til udskrift), for the meeting with the youth."""
    plan, youth = await call.run(service.plan_for_document, plan_id)
    assessed = await call.run(service.target_group_for_document, youth.id)
    name = f"{youth.given_name} {youth.family_name}"
    html = document.render(
        plan, youth_name=name, birth_date=youth.birth_date, printed_on=call.ctx.today, target_group=assessed
    )
    return HTMLResponse(html, headers={"Content-Language": "da", "Cache-Control": "no-store"})


@router.get("/{plan_id}/revisions", response_model=Page[RevisionSummary], responses=READ_PAGE_OF)
async def list_revisions(plan_id: uuid.UUID, call: Reader, page: PageParams) -> Page[RevisionSummary]:
    """List the plan's revisions (revisioner), first first: who changed what, when and why."""
    return call.page(RevisionSummary, await call.run(service.list_revisions, plan_id, **vars(page)))


@router.get(
    "/{plan_id}/revisions/{number}", response_model=RevisionRead, responses=problems(401, 403, 404, 422)
)
async def read_revision(plan_id: uuid.UUID, number: Number, call: Reader) -> RevisionRead:
    """Read one revision with the whole plan as it was right after it (læs revision)."""
    return await call.run(service.read_revision, plan_id, number)


@router.post("/{plan_id}/goals", status_code=201, response_model=GoalRead, responses=CREATE)
async def add_goal(
    plan_id: uuid.UUID, data: GoalCreate, call: Writer, key: IdempotencyKey = None
) -> JSONResponse:
    """Add a goal to the plan (tilføj mål); makes a revision."""
    return await call.create(key, filed(f"/v1/plans/{plan_id}/goals"), service.add_goal, plan_id, data)


@router.patch("/{plan_id}/goals/{goal_id}", response_model=GoalRead, responses=CHANGE_STATE)
async def change_goal(
    plan_id: uuid.UUID, goal_id: uuid.UUID, data: GoalUpdate, expected: IfMatch, call: Writer
) -> GoalRead:
    """Change a goal (ret mål); needs the goal's If-Match and makes a revision."""
    return call.with_etag(
        await call.run(service.change_goal, plan_id, goal_id, data, expected_version=expected)
    )


@router.post("/{plan_id}/measures", status_code=201, response_model=MeasureRead, responses=CREATE)
async def add_measure(
    plan_id: uuid.UUID, data: MeasureCreate, call: Writer, key: IdempotencyKey = None
) -> JSONResponse:
    """Add a measure of your department to the plan (tilføj indsats); makes a revision."""
    return await call.create(key, filed(f"/v1/plans/{plan_id}/measures"), service.add_measure, plan_id, data)


@router.patch("/{plan_id}/measures/{measure_id}", response_model=MeasureRead, responses=CHANGE_STATE)
async def change_measure(
    plan_id: uuid.UUID, measure_id: uuid.UUID, data: MeasureUpdate, expected: IfMatch, call: Writer
) -> MeasureRead:
    """Change a measure of your department (ret indsats); needs If-Match and makes a revision."""
    measure = await call.run(service.change_measure, plan_id, measure_id, data, expected_version=expected)
    return call.with_etag(measure)
