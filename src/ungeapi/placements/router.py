"""/v1/youth-plans (R19) and /v1/aftercare-decisions (R20): the placed youth's records."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from ungeapi.core.concurrency import IfMatch, etag
from ungeapi.core.context import Ctx, context
from ungeapi.core.db import Session
from ungeapi.core.idempotency import IdempotencyKey, run_idempotent
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next
from ungeapi.placements import service
from ungeapi.placements.schemas import (
    AftercareDecisionCreate,
    AftercareDecisionRead,
    AftercareDecisionUpdate,
    YouthPlanCreate,
    YouthPlanRead,
    YouthPlanUpdate,
)

youth_plans_router = APIRouter(prefix="/youth-plans", tags=["placements"])
aftercare_router = APIRouter(prefix="/aftercare-decisions", tags=["placements"])

Reader = Annotated[Ctx, Depends(context("cases:read", purpose="casework"))]
Writer = Annotated[Ctx, Depends(context("cases:write", purpose="casework"))]
YouthFilter = Annotated[uuid.UUID | None, Query(description="Only this youth's records (den unge).")]


@youth_plans_router.post(
    "", status_code=201, response_model=YouthPlanRead, responses=problems(401, 403, 404, 409, 422)
)
async def record_youth_plan(
    request: Request,
    data: YouthPlanCreate,
    ctx: Writer,
    session: Session,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Record that a youth plan was made (ungeplan, BL § 108); satisfies `youth_plan.due` (R19)."""

    async def produce() -> tuple[YouthPlanRead, dict[str, str]]:
        plan = await service.record_youth_plan(session, ctx, data)
        return plan, {"Location": f"/v1/youth-plans/{plan.id}", "ETag": etag(plan.version)}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@youth_plans_router.get("", response_model=Page[YouthPlanRead], responses=problems(400, 401, 403, 404, 422))
async def list_youth_plans(
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    youth_id: YouthFilter = None,
) -> Page[YouthPlanRead]:
    """List youth plans you may see (ungeplaner), oldest first."""
    items, next_cursor = await service.list_youth_plans(
        session, ctx, limit=limit, cursor=cursor, youth_id=youth_id
    )
    link_next(request, response, next_cursor)
    return Page[YouthPlanRead](items=items, next_cursor=next_cursor)


@youth_plans_router.get("/{plan_id}", response_model=YouthPlanRead, responses=problems(401, 403, 404))
async def read_youth_plan(
    plan_id: uuid.UUID, response: Response, ctx: Reader, session: Session
) -> YouthPlanRead:
    """Read one youth plan."""
    plan = await service.read_youth_plan(session, ctx, plan_id)
    response.headers["ETag"] = etag(plan.version)
    return plan


@youth_plans_router.patch(
    "/{plan_id}", response_model=YouthPlanRead, responses=problems(401, 403, 404, 412, 422, 428)
)
async def correct_youth_plan(
    plan_id: uuid.UUID,
    data: YouthPlanUpdate,
    expected: IfMatch,
    response: Response,
    ctx: Writer,
    session: Session,
) -> YouthPlanRead:
    """Correct a youth plan (ret ungeplanen), e.g. a mistyped date; needs If-Match."""
    plan = await service.correct_youth_plan(session, ctx, plan_id, data, expected_version=expected)
    response.headers["ETag"] = etag(plan.version)
    return plan


@aftercare_router.post(
    "", status_code=201, response_model=AftercareDecisionRead, responses=problems(401, 403, 404, 409, 422)
)
async def record_aftercare_decision(
    request: Request,
    data: AftercareDecisionCreate,
    ctx: Writer,
    session: Session,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Record the decision on support after 18 (afgørelse om ungestøtte, BL §§ 114-116), whatever
    its outcome; satisfies `aftercare.decision_due` (R20)."""

    async def produce() -> tuple[AftercareDecisionRead, dict[str, str]]:
        decision = await service.record_aftercare_decision(session, ctx, data)
        return decision, {
            "Location": f"/v1/aftercare-decisions/{decision.id}",
            "ETag": etag(decision.version),
        }

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@aftercare_router.get(
    "", response_model=Page[AftercareDecisionRead], responses=problems(400, 401, 403, 404, 422)
)
async def list_aftercare_decisions(
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    youth_id: YouthFilter = None,
) -> Page[AftercareDecisionRead]:
    """List decisions on support after 18 you may see, oldest first."""
    items, next_cursor = await service.list_aftercare_decisions(
        session, ctx, limit=limit, cursor=cursor, youth_id=youth_id
    )
    link_next(request, response, next_cursor)
    return Page[AftercareDecisionRead](items=items, next_cursor=next_cursor)


@aftercare_router.get(
    "/{decision_id}", response_model=AftercareDecisionRead, responses=problems(401, 403, 404)
)
async def read_aftercare_decision(
    decision_id: uuid.UUID, response: Response, ctx: Reader, session: Session
) -> AftercareDecisionRead:
    """Read one decision on support after 18."""
    decision = await service.read_aftercare_decision(session, ctx, decision_id)
    response.headers["ETag"] = etag(decision.version)
    return decision


@aftercare_router.patch(
    "/{decision_id}", response_model=AftercareDecisionRead, responses=problems(401, 403, 404, 412, 422, 428)
)
async def correct_aftercare_decision(
    decision_id: uuid.UUID,
    data: AftercareDecisionUpdate,
    expected: IfMatch,
    response: Response,
    ctx: Writer,
    session: Session,
) -> AftercareDecisionRead:
    """Correct a decision on support after 18 (ret afgørelsen), e.g. a mistyped date or
    outcome; needs If-Match."""
    decision = await service.correct_aftercare_decision(
        session, ctx, decision_id, data, expected_version=expected
    )
    response.headers["ETag"] = etag(decision.version)
    return decision
