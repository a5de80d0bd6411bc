from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter
from pydantic import Field

from ungeapi.absence import service
from ungeapi.absence.schemas import AbsenceCreate, AbsenceRead, AbsenceUpdate
from ungeapi.core.http import Call, call_as
from ungeapi.core.pagination import PageQuery
from ungeapi.core.routes import Collection

router = APIRouter(prefix="/v1/absence", tags=["absence"])

Reader = Annotated[Call, call_as("absence:read", purpose="absence-follow-up")]
Writer = Annotated[Call, call_as("absence:write", purpose="absence-follow-up")]


class AbsenceQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's records (den unge).")
    school_name: str | None = Field(None, max_length=200, description="Only this school (skole).")


records = Collection(router, AbsenceRead, "record_id", reader=Reader, writer=Writer)
records.create(
    "record_absence",
    AbsenceCreate,
    service.record_absence,
    "Record a youth's school absence for a period (registrér fravær).",
)
records.page(
    "list_absence",
    AbsenceQuery,
    service.list_absence,
    "List the absence records you may see (fravær), by period.",
)
records.read("read_absence", service.read_absence, "Read one absence record (læs fraværsregistrering).")
records.change(
    "change_absence",
    AbsenceUpdate,
    service.change_absence,
    "Correct an absence record or record the follow-up (ret fravær); needs If-Match.",
)
