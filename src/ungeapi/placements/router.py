"""/v1/youth-plans (R19) and /v1/aftercare-decisions (R20): the placed youth's records."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import Field

from ungeapi.core.concurrency import IfMatch
from ungeapi.core.http import CHANGE, CREATE, READ_ONE, READ_PAGE_OF, Call, call_as, filed
from ungeapi.core.idempotency import IdempotencyKey
from ungeapi.core.pagination import Page, PageQuery
from ungeapi.placements import service
from ungeapi.placements.schemas import (
    AftercareDecisionCreate,
    AftercareDecisionRead,
    AftercareDecisionUpdate,
    YouthPlanCreate,
    YouthPlanRead,
    YouthPlanUpdate,
)

youth_plans_router = APIRouter(prefix="/v1/youth-plans", tags=["placements"])
aftercare_router = APIRouter(prefix="/v1/aftercare-decisions", tags=["placements"])

Reader = Annotated[Call, call_as("cases:read", purpose="casework")]
Writer = Annotated[Call, call_as("cases:write", purpose="casework")]


class RecordsQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's records (den unge).")


@youth_plans_router.post("", status_code=201, response_model=YouthPlanRead, responses=CREATE)
async def record_youth_plan(data: YouthPlanCreate, call: Writer, key: IdempotencyKey = None) -> JSONResponse:
    """Record that a youth plan was made (ungeplan, BL § 108); satisfies `youth_plan.due` (R19)."""
    return await call.create(key, filed("/v1/youth-plans"), service.record_youth_plan, data)


@youth_plans_router.get("", response_model=Page[YouthPlanRead], responses=READ_PAGE_OF)
async def list_youth_plans(call: Reader, query: Annotated[RecordsQuery, Query()]) -> Page[YouthPlanRead]:
    """List youth plans you may see (ungeplaner), oldest first."""
    return call.page(YouthPlanRead, await call.run(service.list_youth_plans, **vars(query)))


@youth_plans_router.get("/{plan_id}", response_model=YouthPlanRead, responses=READ_ONE)
async def read_youth_plan(plan_id: uuid.UUID, call: Reader) -> YouthPlanRead:
    """Read one youth plan."""
    return call.with_etag(await call.run(service.read_youth_plan, plan_id))


@youth_plans_router.patch("/{plan_id}", response_model=YouthPlanRead, responses=CHANGE)
async def correct_youth_plan(
    plan_id: uuid.UUID, data: YouthPlanUpdate, expected: IfMatch, call: Writer
) -> YouthPlanRead:
    """Correct a youth plan (ret ungeplanen), e.g. a mistyped date; needs If-Match."""
    return call.with_etag(
        await call.run(service.correct_youth_plan, plan_id, data, expected_version=expected)
    )


@aftercare_router.post("", status_code=201, response_model=AftercareDecisionRead, responses=CREATE)
async def record_aftercare_decision(
    data: AftercareDecisionCreate, call: Writer, key: IdempotencyKey = None
) -> JSONResponse:
    """Record the decision on support after 18 (afgørelse om ungestøtte, BL §§ 114-116), whatever
    its outcome; satisfies `aftercare.decision_due` (R20)."""
    return await call.create(key, filed("/v1/aftercare-decisions"), service.record_aftercare_decision, data)


@aftercare_router.get("", response_model=Page[AftercareDecisionRead], responses=READ_PAGE_OF)
async def list_aftercare_decisions(
    call: Reader, query: Annotated[RecordsQuery, Query()]
) -> Page[AftercareDecisionRead]:
    """List decisions on support after 18 you may see, oldest first."""
    return call.page(AftercareDecisionRead, await call.run(service.list_aftercare_decisions, **vars(query)))


@aftercare_router.get("/{decision_id}", response_model=AftercareDecisionRead, responses=READ_ONE)
async def read_aftercare_decision(decision_id: uuid.UUID, call: Reader) -> AftercareDecisionRead:
    """Read one decision on support after 18."""
    return call.with_etag(await call.run(service.read_aftercare_decision, decision_id))


@aftercare_router.patch("/{decision_id}", response_model=AftercareDecisionRead, responses=CHANGE)
async def correct_aftercare_decision(
    decision_id: uuid.UUID, data: AftercareDecisionUpdate, expected: IfMatch, call: Writer
) -> AftercareDecisionRead:
    """Correct a decision on support after 18 (ret afgørelsen), e.g. a mistyped date or
    outcome; needs If-Match."""
    decision = await call.run(
        service.correct_aftercare_decision, decision_id, data, expected_version=expected
    )
    return call.with_etag(decision)
