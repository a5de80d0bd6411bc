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
from ungeapi.network import service
from ungeapi.network.schemas import NetworkMeetingCreate, NetworkMeetingRead, NetworkMeetingUpdate

router = APIRouter(prefix="/network-meetings", tags=["network meetings"])

Reader = Annotated[Ctx, Depends(context("network:read", purpose="casework"))]
Writer = Annotated[Ctx, Depends(context("network:write", purpose="casework"))]


@router.post(
    "", status_code=201, response_model=NetworkMeetingRead, responses=problems(401, 403, 404, 409, 422)
)
async def record_network_meeting(
    request: Request,
    data: NetworkMeetingCreate,
    ctx: Writer,
    session: Session,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Record a network meeting (netværksmøde) in the three-part frame."""

    async def produce() -> tuple[NetworkMeetingRead, dict[str, str]]:
        meeting = await service.record_meeting(session, ctx, data)
        return meeting, {"Location": f"/v1/network-meetings/{meeting.id}", "ETag": etag(meeting.version)}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@router.get("", response_model=Page[NetworkMeetingRead], responses=problems(400, 401, 403, 404, 422))
async def list_network_meetings(
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    youth_id: Annotated[uuid.UUID | None, Query(description="Only this youth's meetings (den unge).")] = None,
    plan_id: Annotated[uuid.UUID | None, Query(description="Only meetings about this plan (plan).")] = None,
) -> Page[NetworkMeetingRead]:
    """List the network meetings you may see (netværksmøder), newest first."""
    items, next_cursor = await service.list_meetings(
        session, ctx, limit=limit, cursor=cursor, youth_id=youth_id, plan_id=plan_id
    )
    link_next(request, response, next_cursor)
    return Page[NetworkMeetingRead](items=items, next_cursor=next_cursor)


@router.get("/{meeting_id}", response_model=NetworkMeetingRead, responses=problems(401, 403, 404))
async def read_network_meeting(
    meeting_id: uuid.UUID, response: Response, ctx: Reader, session: Session
) -> NetworkMeetingRead:
    """Read one network meeting (læs netværksmøde)."""
    meeting = await service.read_meeting(session, ctx, meeting_id)
    response.headers["ETag"] = etag(meeting.version)
    return meeting


@router.patch(
    "/{meeting_id}", response_model=NetworkMeetingRead, responses=problems(401, 403, 404, 412, 422, 428)
)
async def change_network_meeting(
    meeting_id: uuid.UUID,
    data: NetworkMeetingUpdate,
    expected: IfMatch,
    response: Response,
    ctx: Writer,
    session: Session,
) -> NetworkMeetingRead:
    """Change a network meeting's record (ret netværksmøde); needs If-Match."""
    meeting = await service.change_meeting(session, ctx, meeting_id, data, expected_version=expected)
    response.headers["ETag"] = etag(meeting.version)
    return meeting
