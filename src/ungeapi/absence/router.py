from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import Field

from ungeapi.absence import service
from ungeapi.absence.schemas import AbsenceCreate, AbsenceRead, AbsenceUpdate
from ungeapi.core.concurrency import IfMatch
from ungeapi.core.http import CHANGE, CREATE, READ_ONE, READ_PAGE_OF, Call, call_as, filed
from ungeapi.core.idempotency import IdempotencyKey
from ungeapi.core.pagination import Page, PageQuery

router = APIRouter(prefix="/v1/absence", tags=["absence"])

Reader = Annotated[Call, call_as("absence:read", purpose="absence-follow-up")]
Writer = Annotated[Call, call_as("absence:write", purpose="absence-follow-up")]


class AbsenceQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's records (den unge).")
    school_name: str | None = Field(None, max_length=200, description="Only this school (skole).")


@router.post("", status_code=201, response_model=AbsenceRead, responses=CREATE)
async def record_absence(data: AbsenceCreate, call: Writer, key: IdempotencyKey = None) -> JSONResponse:
    """Record a youth's school absence for a period (registrér fravær)."""
    return await call.create(key, filed("/v1/absence"), service.record_absence, data)


@router.get("", response_model=Page[AbsenceRead], responses=READ_PAGE_OF)
async def list_absence(call: Reader, query: Annotated[AbsenceQuery, Query()]) -> Page[AbsenceRead]:
    """List the absence records you may see (fravær), by period."""
    return call.page(AbsenceRead, await call.run(service.list_absence, **vars(query)))


@router.get("/{record_id}", response_model=AbsenceRead, responses=READ_ONE)
async def read_absence(record_id: uuid.UUID, call: Reader) -> AbsenceRead:
    """Read one absence record (læs fraværsregistrering)."""
    return call.with_etag(await call.run(service.read_absence, record_id))


@router.patch("/{record_id}", response_model=AbsenceRead, responses=CHANGE)
async def change_absence(
    record_id: uuid.UUID, data: AbsenceUpdate, expected: IfMatch, call: Writer
) -> AbsenceRead:
    """Correct an absence record or record the follow-up (ret fravær); needs If-Match."""
    return call.with_etag(await call.run(service.change_absence, record_id, data, expected_version=expected))
