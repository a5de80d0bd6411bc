from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

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
from ungeapi.core.concurrency import IfMatch, etag
from ungeapi.core.context import Ctx, context
from ungeapi.core.db import Session
from ungeapi.core.idempotency import IdempotencyKey, run_idempotent
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next

router = APIRouter(prefix="/concerns", tags=["concerns"])

Reader = Annotated[Ctx, Depends(context("concerns:read", purpose="concern handling"))]
Writer = Annotated[Ctx, Depends(context("concerns:write", purpose="concern handling"))]


@router.post("", status_code=201, response_model=ConcernRead, responses=problems(401, 403, 404, 409, 422))
async def receive_concern(
    request: Request,
    data: ConcernCreate,
    ctx: Writer,
    session: Session,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Register a concern notification (modtag underretning) for the children-and-family department."""

    async def produce() -> tuple[ConcernRead, dict[str, str]]:
        concern = await service.receive_concern(session, ctx, data)
        return concern, {"Location": f"/v1/concerns/{concern.id}", "ETag": etag(concern.version)}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@router.get("", response_model=Page[ConcernRead], responses=problems(400, 401, 403, 422))
async def list_concerns(
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    youth_id: Annotated[uuid.UUID | None, Query(description="Only this youth's concerns (den unge).")] = None,
    state: Annotated[ConcernState | None, Query(description="Only this state (status).")] = None,
    level: Annotated[int | None, Query(ge=1, le=10, description="Only this level (bekymringsgrad).")] = None,
) -> Page[ConcernRead]:
    """List your department's concerns (underretninger), newest first."""
    items, next_cursor = await service.list_concerns(
        session, ctx, limit=limit, cursor=cursor, youth_id=youth_id, state=state, level=level
    )
    link_next(request, response, next_cursor)
    return Page[ConcernRead](items=items, next_cursor=next_cursor)


@router.get("/{concern_id}", response_model=ConcernRead, responses=problems(401, 403, 404))
async def read_concern(
    concern_id: uuid.UUID, response: Response, ctx: Reader, session: Session
) -> ConcernRead:
    """Read one concern (læs underretning); only the receiving department, admin and dpo."""
    concern = await service.read_concern(session, ctx, concern_id)
    response.headers["ETag"] = etag(concern.version)
    return concern


@router.patch(
    "/{concern_id}", response_model=ConcernRead, responses=problems(401, 403, 404, 409, 412, 422, 428)
)
async def change_concern(
    concern_id: uuid.UUID,
    data: ConcernUpdate,
    expected: IfMatch,
    response: Response,
    ctx: Writer,
    session: Session,
) -> ConcernRead:
    """Correct an open concern's level, dialogue or frame (ret underretning); needs If-Match."""
    concern = await service.change_concern(session, ctx, concern_id, data, expected_version=expected)
    response.headers["ETag"] = etag(concern.version)
    return concern


_ACTION_PROBLEMS = problems(401, 403, 404, 409, 412, 422, 428)


@router.post("/{concern_id}/assess", response_model=ConcernRead, responses=_ACTION_PROBLEMS)
async def assess_concern(
    concern_id: uuid.UUID,
    data: ConcernAssess,
    expected: IfMatch,
    response: Response,
    ctx: Writer,
    session: Session,
) -> ConcernRead:
    """Record the assessment within 24 hours of whether the youth is in danger (vurdering)."""
    concern = await service.assess_concern(session, ctx, concern_id, data, expected_version=expected)
    response.headers["ETag"] = etag(concern.version)
    return concern


@router.post("/{concern_id}/acknowledge", response_model=ConcernRead, responses=_ACTION_PROBLEMS)
async def acknowledge_concern(
    concern_id: uuid.UUID,
    expected: IfMatch,
    response: Response,
    ctx: Writer,
    session: Session,
    data: ConcernAcknowledge | None = None,
) -> ConcernRead:
    """Record that the sender got a receipt (kvittering), due within 6 weekdays for professionals."""
    concern = await service.acknowledge_concern(
        session, ctx, concern_id, data or ConcernAcknowledge(), expected_version=expected
    )
    response.headers["ETag"] = etag(concern.version)
    return concern


@router.post("/{concern_id}/close", response_model=ConcernRead, responses=_ACTION_PROBLEMS)
async def close_concern(
    concern_id: uuid.UUID,
    data: ConcernClose,
    expected: IfMatch,
    response: Response,
    ctx: Writer,
    session: Session,
) -> ConcernRead:
    """Close an assessed concern with its outcome (afslut underretning)."""
    concern = await service.close_concern(session, ctx, concern_id, data, expected_version=expected)
    response.headers["ETag"] = etag(concern.version)
    return concern
