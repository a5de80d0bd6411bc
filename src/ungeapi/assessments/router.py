"""/v1/target-group-assessments (R6) and /v1/disability-transition-assessments (R21)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter
from pydantic import Field

from ungeapi.assessments import schemas, service
from ungeapi.core.http import Call, call_as
from ungeapi.core.pagination import PageQuery
from ungeapi.core.routes import Collection

target_group_router = APIRouter(prefix="/v1/target-group-assessments", tags=["assessments"])
disability_router = APIRouter(prefix="/v1/disability-transition-assessments", tags=["assessments"])

# R6 is the guidance's (UU) work as much as the caseworker's; R21 is the authority's casework.
PlanReader = Annotated[Call, call_as("plans:read", purpose="casework")]
PlanWriter = Annotated[Call, call_as("plans:write", purpose="casework")]
CaseReader = Annotated[Call, call_as("cases:read", purpose="casework")]
CaseWriter = Annotated[Call, call_as("cases:write", purpose="casework")]


class RecordsQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's records (den unge).")


target_groups = Collection(
    target_group_router,
    schemas.TargetGroupAssessmentRead,
    "assessment_id",
    reader=PlanReader,
    writer=PlanWriter,
)
target_groups.create(
    "record_target_group_assessment",
    schemas.TargetGroupAssessmentCreate,
    service.record_target_group_assessment,
    "Record a referral to FGU or a target-group assessment (målgruppevurdering, R6); an assessment\n"
    "made satisfies `target_group_assessment.due`.",
)
target_groups.page(
    "list_target_group_assessments",
    RecordsQuery,
    service.list_target_group_assessments,
    "List target-group assessments you may see (målgruppevurderinger).",
)
target_groups.read(
    "read_target_group_assessment",
    service.read_target_group_assessment,
    "Read one target-group assessment.",
)
target_groups.change(
    "change_target_group_assessment",
    schemas.TargetGroupAssessmentUpdate,
    service.change_target_group_assessment,
    "Record the assessment on a referral, or correct it (ret målgruppevurderingen); needs If-Match.",
)

transitions = Collection(
    disability_router, schemas.DisabilityTransitionRead, "assessment_id", reader=CaseReader, writer=CaseWriter
)
transitions.create(
    "record_disability_transition",
    schemas.DisabilityTransitionCreate,
    service.record_disability_transition,
    "Record the start of the transition assessment of a youth with a substantial and permanent\n"
    "disability (BL §§ 122-123, R21); satisfies `disability_transition.start_due`.",
)
transitions.page(
    "list_disability_transitions",
    RecordsQuery,
    service.list_disability_transitions,
    "List disability transition assessments you may see.",
)
transitions.read(
    "read_disability_transition",
    service.read_disability_transition,
    "Read one disability transition assessment.",
)
transitions.change(
    "change_disability_transition",
    schemas.DisabilityTransitionUpdate,
    service.change_disability_transition,
    "Add to, complete or correct the transition assessment (ret/afslut vurderingen); completing it\n"
    "satisfies `disability_transition.completion_due`; needs If-Match.",
)
