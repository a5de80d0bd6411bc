from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Path
from pydantic import Field

from ungeapi.absence import service
from ungeapi.absence.schemas import AbsenceCreate, AbsenceRead, AbsenceUpdate, AbsenceUpsert
from ungeapi.core.concurrency import parse_if_match
from ungeapi.core.http import Call, call_as
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import PageQuery
from ungeapi.core.routes import Collection
from ungeapi.core.url_guard import FOREIGN_ID

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
System = Annotated[str, Path(max_length=100, description="The source system (kildesystem).")]
# Another system's key: ten digits there are its format, not a CPR number (core/url_guard.py).
ExternalId = Annotated[
    str, Path(max_length=200, description="The record's id there (ekstern id)."), FOREIGN_ID
]


@router.put(
    "/by-external/{system}/{external_id}",
    response_model=AbsenceRead,
    responses={
        201: {"description": "Created", "model": AbsenceRead},
        **problems(401, 403, 404, 409, 412, 422),
    },
)
async def upsert_absence_by_external(
    system: System,
    external_id: ExternalId,
    data: AbsenceUpsert,
    call: Writer,
    if_match: Annotated[
        str | None, Header(description="Optional: the ETag you last saw; 412 if stale.")
    ] = None,
) -> AbsenceRead:
    """Create or replace an absence record by its source system's id (upsert); a repeat changes nothing."""
    expected = parse_if_match(if_match) if if_match else None
    record, made = await call.run(
        service.upsert_by_external, system, external_id, data, expected_version=expected
    )
    call.response.status_code = 201 if made else 200
    return call.with_etag(record, location=f"/v1/absence/{record.id}")


records.read("read_absence", service.read_absence, "Read one absence record (læs fraværsregistrering).")
records.change(
    "change_absence",
    AbsenceUpdate,
    service.change_absence,
    "Correct an absence record or record the follow-up (ret fravær); needs If-Match.",
)
