from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse
from pydantic import Field

from ungeapi.core.concurrency import IfMatch
from ungeapi.core.http import CHANGE_STATE, READ_ONE, READ_PAGE, Call, call_as, filed, text_answer
from ungeapi.core.idempotency import IdempotencyKey
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Page, PageQuery
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

router = APIRouter(prefix="/v1/meetings", tags=["meetings"])
feed_router = APIRouter(prefix="/v1", tags=["meetings"])

PURPOSE = "coordination_meeting"
Reader = Annotated[Call, call_as("meetings:read", purpose=PURPOSE)]
Writer = Annotated[Call, call_as("meetings:write", purpose=PURPOSE)]
ForumFilter = Annotated[Forum | None, Query(description="Only this forum (forum).")]
ICS = "The meetings as an iCalendar feed (RFC 5545), without any youth's data."
ICS_EXAMPLE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ungeapi//Ungekoordineringens møder//DA\r\n"
    "BEGIN:VEVENT\r\nSUMMARY:Ungekoordineringsmøde\r\nDTSTART:20261203T080000Z\r\n"
    "DTEND:20261203T100000Z\r\nDESCRIPTION:Sager på dagsordenen: 2 (45 af 120 minutter).\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


class MeetingsQuery(PageQuery):
    forum: ForumFilter = None
    starts_from: datetime | None = Field(
        None, alias="from", description="Only meetings starting at or after (fra)."
    )
    starts_before: datetime | None = Field(
        None, alias="before", description="Only meetings starting before (før)."
    )


@feed_router.get(
    "/meetings.ics",
    response_class=Response,
    responses={**text_answer("text/calendar", ICS, ICS_EXAMPLE), **problems(401, 403, 422)},
)
async def meetings_feed(call: Reader, forum: ForumFilter = None) -> Response:
    """The meetings as an iCalendar feed for the participants' calendars (mødekalender)."""
    now, host = call.ctx.now, call.request.url.hostname or "ungeapi"
    body = ics.render(
        await call.run(service.feed_meetings, forum=forum, now=now), now=now, host=host, forum=forum
    )
    return Response(body, media_type="text/calendar; charset=utf-8", headers={"Cache-Control": "no-store"})


@router.post("", status_code=201, response_model=MeetingRead, responses=problems(401, 403, 422))
async def create_meeting(data: MeetingCreate, call: Writer, key: IdempotencyKey = None) -> JSONResponse:
    """Create one meeting of a forum (opret møde) with its chair, participants and capacity."""
    return await call.create(key, filed("/v1/meetings"), service.create_meeting, data)


@router.post("/series", status_code=201, response_model=MeetingSeriesRead, responses=problems(401, 403, 422))
async def create_series(data: MeetingSeriesCreate, call: Writer, key: IdempotencyKey = None) -> JSONResponse:
    """Create a forum's next meetings at its interval (opret mødeserie): 14 days, 7 for the conference."""
    return await call.create(key, None, service.create_series, data)


@router.get("", response_model=Page[MeetingRead], responses=READ_PAGE)
async def list_meetings(call: Reader, query: Annotated[MeetingsQuery, Query()]) -> Page[MeetingRead]:
    """List the forums' meetings (møder), earliest first."""
    return call.page(MeetingRead, await call.run(service.list_meetings, **vars(query)))


@router.get("/{meeting_id}", response_model=MeetingRead, responses=READ_ONE)
async def read_meeting(meeting_id: uuid.UUID, call: Reader) -> MeetingRead:
    """Read one meeting (møde) with the time left on its agenda."""
    return call.with_etag(await call.run(service.read_meeting, meeting_id))


@router.patch("/{meeting_id}", response_model=MeetingRead, responses=CHANGE_STATE)
async def change_meeting(
    meeting_id: uuid.UUID, data: MeetingUpdate, expected: IfMatch, call: Writer
) -> MeetingRead:
    """Change or move a meeting (ret møde); needs If-Match."""
    return call.with_etag(await call.run(service.change_meeting, meeting_id, data, expected_version=expected))


@router.get("/{meeting_id}/agenda", response_model=AgendaRead, responses=READ_ONE)
async def read_agenda(meeting_id: uuid.UUID, call: Reader) -> AgendaRead:
    """The agenda with each case's time, as the chair prints it (dagsorden)."""
    return await call.run(service.read_agenda, meeting_id)
