from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import Field

from ungeapi.concerns import service
from ungeapi.concerns.schemas import (
    ConcernAcknowledge,
    ConcernAssess,
    ConcernClose,
    ConcernCreate,
    ConcernRead,
    ConcernState,
    ConcernUpdate,
)
from ungeapi.core.concurrency import IfMatch
from ungeapi.core.http import CHANGE_STATE, CREATE, READ_ONE, READ_PAGE, Call, call_as, filed
from ungeapi.core.idempotency import IdempotencyKey
from ungeapi.core.pagination import Page, PageQuery

router = APIRouter(prefix="/v1/concerns", tags=["concerns"])

Reader = Annotated[Call, call_as("concerns:read", purpose="concern handling")]
Writer = Annotated[Call, call_as("concerns:write", purpose="concern handling")]


class ConcernsQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's concerns (den unge).")
    state: ConcernState | None = Field(None, description="Only this state (status).")
    level: int | None = Field(None, ge=1, le=10, description="Only this level (bekymringsgrad).")


@router.post("", status_code=201, response_model=ConcernRead, responses=CREATE)
async def receive_concern(data: ConcernCreate, call: Writer, key: IdempotencyKey = None) -> JSONResponse:
    """Register a concern notification (modtag underretning) for the children-and-family department."""
    return await call.create(key, filed("/v1/concerns"), service.receive_concern, data)


@router.get("", response_model=Page[ConcernRead], responses=READ_PAGE)
async def list_concerns(call: Reader, query: Annotated[ConcernsQuery, Query()]) -> Page[ConcernRead]:
    """List your department's concerns (underretninger), newest first."""
    return call.page(ConcernRead, await call.run(service.list_concerns, **vars(query)))


@router.get("/{concern_id}", response_model=ConcernRead, responses=READ_ONE)
async def read_concern(concern_id: uuid.UUID, call: Reader) -> ConcernRead:
    """Read one concern (læs underretning); only the receiving department, admin and dpo."""
    return call.with_etag(await call.run(service.read_concern, concern_id))


@router.patch("/{concern_id}", response_model=ConcernRead, responses=CHANGE_STATE)
async def change_concern(
    concern_id: uuid.UUID, data: ConcernUpdate, expected: IfMatch, call: Writer
) -> ConcernRead:
    """Correct an open concern's level, dialogue or frame (ret underretning); needs If-Match."""
    return call.with_etag(await call.run(service.change_concern, concern_id, data, expected_version=expected))


@router.post("/{concern_id}/assess", response_model=ConcernRead, responses=CHANGE_STATE)
async def assess_concern(
    concern_id: uuid.UUID, data: ConcernAssess, expected: IfMatch, call: Writer
) -> ConcernRead:
    """Record the assessment within 24 hours of whether the youth is in danger (vurdering)."""
    return call.with_etag(await call.run(service.assess_concern, concern_id, data, expected_version=expected))


@router.post("/{concern_id}/acknowledge", response_model=ConcernRead, responses=CHANGE_STATE)
async def acknowledge_concern(
    concern_id: uuid.UUID, expected: IfMatch, call: Writer, data: ConcernAcknowledge | None = None
) -> ConcernRead:
    """Record that the sender got a receipt (kvittering), due within 6 weekdays for professionals."""
    receipt = data or ConcernAcknowledge()
    return call.with_etag(
        await call.run(service.acknowledge_concern, concern_id, receipt, expected_version=expected)
    )


@router.post("/{concern_id}/close", response_model=ConcernRead, responses=CHANGE_STATE)
async def close_concern(
    concern_id: uuid.UUID, data: ConcernClose, expected: IfMatch, call: Writer
) -> ConcernRead:
    """Close an assessed concern with its outcome (afslut underretning)."""
    return call.with_etag(await call.run(service.close_concern, concern_id, data, expected_version=expected))
