from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from ungeapi.core.concurrency import IfMatch, etag
from ungeapi.core.context import Ctx, context
from ungeapi.core.db import Session
from ungeapi.core.idempotency import IdempotencyKey, run_idempotent
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next
from ungeapi.meetings import ics, service
from ungeapi.meetings.schemas import (
    AgendaRead,
    MeetingCreate,
    MeetingRead,
    MeetingSeriesCreate,
    MeetingSeriesRead,
    MeetingUpdate,
)
from ungeapi.referrals.schemas import Forum

router = APIRouter(prefix="/meetings", tags=["meetings"])
feed_router = APIRouter(tags=["meetings"])

PURPOSE = "coordination_meeting"
Reader = Annotated[Ctx, Depends(context("meetings:read", purpose=PURPOSE))]
Writer = Annotated[Ctx, Depends(context("meetings:write", purpose=PURPOSE))]
ForumFilter = Annotated[Forum | None, Query(description="Only this forum (forum).")]
ICS_EXAMPLE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ungeapi//Ungekoordineringens møder//DA\r\n"
    "BEGIN:VEVENT\r\nSUMMARY:Ungekoordineringsmøde\r\nDTSTART:20261203T080000Z\r\n"
    "DTEND:20261203T100000Z\r\nDESCRIPTION:Sager på dagsordenen: 2 (45 af 120 minutter).\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


@feed_router.get(
    "/meetings.ics",
    response_class=Response,
    responses={
        200: {
            "description": "The meetings as an iCalendar feed (RFC 5545), without any youth's data.",
            "content": {"text/calendar": {"schema": {"type": "string"}, "example": ICS_EXAMPLE}},
        },
        **problems(401, 403, 422),
    },
)
async def meetings_feed(
    request: Request, ctx: Reader, session: Session, forum: ForumFilter = None
) -> Response:
    """The meetings as an iCalendar feed for the participants' calendars (mødekalender)."""
    now = ctx.now
    meetings = await service.feed_meetings(session, ctx, forum=forum, now=now)
    body = ics.render(meetings, now=now, host=request.url.hostname or "ungeapi", forum=forum)
    return Response(body, media_type="text/calendar; charset=utf-8", headers={"Cache-Control": "no-store"})


@router.post("", status_code=201, response_model=MeetingRead, responses=problems(401, 403, 422))
async def create_meeting(
    request: Request,
    data: MeetingCreate,
    ctx: Writer,
    session: Session,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Create one meeting of a forum (opret møde) with its chair, participants and capacity."""

    async def produce() -> tuple[MeetingRead, dict[str, str]]:
        meeting = await service.create_meeting(session, ctx, data)
        return meeting, {"Location": f"/v1/meetings/{meeting.id}", "ETag": etag(meeting.version)}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@router.post("/series", status_code=201, response_model=MeetingSeriesRead, responses=problems(401, 403, 422))
async def create_series(
    request: Request,
    data: MeetingSeriesCreate,
    ctx: Writer,
    session: Session,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Create a forum's next meetings at its interval (opret mødeserie): 14 days, 7 for the conference."""

    async def produce() -> tuple[MeetingSeriesRead, dict[str, str]]:
        return await service.create_series(session, ctx, data), {}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@router.get("", response_model=Page[MeetingRead], responses=problems(400, 401, 403, 422))
async def list_meetings(
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    forum: ForumFilter = None,
    starts_from: Annotated[
        datetime | None, Query(alias="from", description="Only meetings starting at or after (fra).")
    ] = None,
    starts_before: Annotated[
        datetime | None, Query(alias="before", description="Only meetings starting before (før).")
    ] = None,
) -> Page[MeetingRead]:
    """List the forums' meetings (møder), earliest first."""
    items, next_cursor = await service.list_meetings(
        session,
        ctx,
        limit=limit,
        cursor=cursor,
        forum=forum,
        starts_from=starts_from,
        starts_before=starts_before,
    )
    link_next(request, response, next_cursor)
    return Page[MeetingRead](items=items, next_cursor=next_cursor)


@router.get("/{meeting_id}", response_model=MeetingRead, responses=problems(401, 403, 404))
async def read_meeting(
    meeting_id: uuid.UUID, response: Response, ctx: Reader, session: Session
) -> MeetingRead:
    """Read one meeting (møde) with the time left on its agenda."""
    meeting = await service.read_meeting(session, ctx, meeting_id)
    response.headers["ETag"] = etag(meeting.version)
    return meeting


@router.patch(
    "/{meeting_id}", response_model=MeetingRead, responses=problems(401, 403, 404, 409, 412, 422, 428)
)
async def change_meeting(
    meeting_id: uuid.UUID,
    data: MeetingUpdate,
    expected: IfMatch,
    response: Response,
    ctx: Writer,
    session: Session,
) -> MeetingRead:
    """Change or move a meeting (ret møde); needs If-Match."""
    meeting = await service.change_meeting(session, ctx, meeting_id, data, expected_version=expected)
    response.headers["ETag"] = etag(meeting.version)
    return meeting


@router.get("/{meeting_id}/agenda", response_model=AgendaRead, responses=problems(401, 403, 404))
async def read_agenda(meeting_id: uuid.UUID, ctx: Reader, session: Session) -> AgendaRead:
    """The agenda with each case's time, as the chair prints it (dagsorden)."""
    return await service.read_agenda(session, ctx, meeting_id)
