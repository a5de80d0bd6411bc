"""/v1/youth-plans (R19) and /v1/aftercare-decisions (R20): the placed youth's records."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter
from pydantic import Field

from ungeapi.core.http import Call, call_as
from ungeapi.core.pagination import PageQuery
from ungeapi.core.routes import Collection
from ungeapi.placements import schemas, service

youth_plans_router = APIRouter(prefix="/v1/youth-plans", tags=["placements"])
aftercare_router = APIRouter(prefix="/v1/aftercare-decisions", tags=["placements"])

Reader = Annotated[Call, call_as("cases:read", purpose="casework")]
Writer = Annotated[Call, call_as("cases:write", purpose="casework")]


class RecordsQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's records (den unge).")


youth_plans = Collection(youth_plans_router, schemas.YouthPlanRead, "plan_id", reader=Reader, writer=Writer)
youth_plans.create(
    "record_youth_plan",
    schemas.YouthPlanCreate,
    service.record_youth_plan,
    "Record that a youth plan was made (ungeplan, BL § 108); satisfies `youth_plan.due` (R19).",
)
youth_plans.page(
    "list_youth_plans",
    RecordsQuery,
    service.list_youth_plans,
    "List youth plans you may see (ungeplaner), oldest first.",
)
youth_plans.read("read_youth_plan", service.read_youth_plan, "Read one youth plan.")
youth_plans.change(
    "correct_youth_plan",
    schemas.YouthPlanUpdate,
    service.correct_youth_plan,
    "Correct a youth plan (ret ungeplanen), e.g. a mistyped date; needs If-Match.",
)

decisions = Collection(
    aftercare_router, schemas.AftercareDecisionRead, "decision_id", reader=Reader, writer=Writer
)
decisions.create(
    "record_aftercare_decision",
    schemas.AftercareDecisionCreate,
    service.record_aftercare_decision,
    "Record the decision on support after 18 (afgørelse om ungestøtte, BL §§ 114-116), whatever\n"
    "its outcome; satisfies `aftercare.decision_due` (R20).",
)
decisions.page(
    "list_aftercare_decisions",
    RecordsQuery,
    service.list_aftercare_decisions,
    "List decisions on support after 18 you may see, oldest first.",
)
decisions.read(
    "read_aftercare_decision", service.read_aftercare_decision, "Read one decision on support after 18."
)
decisions.change(
    "correct_aftercare_decision",
    schemas.AftercareDecisionUpdate,
    service.correct_aftercare_decision,
    "Correct a decision on support after 18 (ret afgørelsen), e.g. a mistyped date or\n"
    "outcome; needs If-Match.",
)
