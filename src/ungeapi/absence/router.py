from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from ungeapi.absence import service
from ungeapi.absence.schemas import AbsenceCreate, AbsenceRead, AbsenceUpdate
from ungeapi.core.concurrency import IfMatch, etag
from ungeapi.core.context import Ctx, context
from ungeapi.core.db import Session
from ungeapi.core.idempotency import IdempotencyKey, run_idempotent
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next

router = APIRouter(prefix="/absence", tags=["absence"])

Reader = Annotated[Ctx, Depends(context("absence:read", purpose="absence-follow-up"))]
Writer = Annotated[Ctx, Depends(context("absence:write", purpose="absence-follow-up"))]


@router.post("", status_code=201, response_model=AbsenceRead, responses=problems(401, 403, 404, 409, 422))
async def record_absence(
    request: Request,
    data: AbsenceCreate,
    ctx: Writer,
    session: Session,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Record a youth's school absence for a period (registrér fravær)."""

    async def produce() -> tuple[AbsenceRead, dict[str, str]]:
        record = await service.record_absence(session, ctx, data)
        return record, {"Location": f"/v1/absence/{record.id}", "ETag": etag(record.version)}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@router.get("", response_model=Page[AbsenceRead], responses=problems(400, 401, 403, 404, 422))
async def list_absence(
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    youth_id: Annotated[uuid.UUID | None, Query(description="Only this youth's records (den unge).")] = None,
    school_name: Annotated[str | None, Query(max_length=200, description="Only this school (skole).")] = None,
) -> Page[AbsenceRead]:
    """List the absence records you may see (fravær), by period."""
    items, next_cursor = await service.list_absence(
        session, ctx, limit=limit, cursor=cursor, youth_id=youth_id, school_name=school_name
    )
    link_next(request, response, next_cursor)
    return Page[AbsenceRead](items=items, next_cursor=next_cursor)


@router.get("/{record_id}", response_model=AbsenceRead, responses=problems(401, 403, 404))
async def read_absence(
    record_id: uuid.UUID, response: Response, ctx: Reader, session: Session
) -> AbsenceRead:
    """Read one absence record (læs fraværsregistrering)."""
    record = await service.read_absence(session, ctx, record_id)
    response.headers["ETag"] = etag(record.version)
    return record


@router.patch("/{record_id}", response_model=AbsenceRead, responses=problems(401, 403, 404, 412, 422, 428))
async def change_absence(
    record_id: uuid.UUID,
    data: AbsenceUpdate,
    expected: IfMatch,
    response: Response,
    ctx: Writer,
    session: Session,
) -> AbsenceRead:
    """Correct an absence record or record the follow-up (ret fravær); needs If-Match."""
    record = await service.change_absence(session, ctx, record_id, data, expected_version=expected)
    response.headers["ETag"] = etag(record.version)
    return record
