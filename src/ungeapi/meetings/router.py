from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import JSONResponse

from ungeapi.core.concurrency import IfMatch
from ungeapi.core.http import (
    CHANGE_STATE,
    CREATE,
    READ_ONE,
    READ_PAGE,
    READ_PAGE_OF,
    Call,
    call_as,
    filed,
    located,
    text_answer,
)
from ungeapi.core.idempotency import IdempotencyKey
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page
from ungeapi.meetings import ics, service
from ungeapi.meetings.schemas import (
    AgendaItemRead,
    AgendaPlace,
    AgendaRead,
    DecisionCreate,
    DecisionRead,
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
Reader = Annotated[Call, Depends(call_as("meetings:read", purpose=PURPOSE))]
Writer = Annotated[Call, Depends(call_as("meetings:write", purpose=PURPOSE))]
ForumFilter = Annotated[Forum | None, Query(description="Only this forum (forum).")]
StartsFrom = Annotated[
    datetime | None, Query(alias="from", description="Only meetings starting at or after (fra).")
]
StartsBefore = Annotated[
    datetime | None, Query(alias="before", description="Only meetings starting before (før).")
]
ICS = "The meetings as an iCalendar feed (RFC 5545), without any youth's data."
ICS_EXAMPLE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ungeapi//Ungekoordineringens møder//DA\r\n"
    "BEGIN:VEVENT\r\nSUMMARY:Ungekoordineringsmøde\r\nDTSTART:20261203T080000Z\r\n"
    "DTEND:20261203T100000Z\r\nDESCRIPTION:Sager på dagsordenen: 2 (45 af 120 minutter).\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
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
async def list_meetings(
    call: Reader,
    limit: Limit = 50,
    cursor: Cursor = None,
    forum: ForumFilter = None,
    starts_from: StartsFrom = None,
    starts_before: StartsBefore = None,
) -> Page[MeetingRead]:
    """List the forums' meetings (møder), earliest first."""
    found = await call.run(
        service.list_meetings,
        limit=limit,
        cursor=cursor,
        forum=forum,
        starts_from=starts_from,
        starts_before=starts_before,
    )
    return call.page(MeetingRead, found)


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


@router.delete(
    "/{meeting_id}",
    status_code=204,
    response_class=Response,
    responses=problems(401, 403, 404, 409, 412, 428),
)
async def cancel_meeting(meeting_id: uuid.UUID, expected: IfMatch, call: Writer) -> Response:
    """Cancel a meeting (aflys møde); its cases go back to be placed again. Not once it has decisions."""
    await call.run(service.cancel_meeting, meeting_id, expected_version=expected)
    return Response(status_code=204)


@router.post("/{meeting_id}/agenda", status_code=201, response_model=AgendaItemRead, responses=CREATE)
async def place_on_agenda(
    meeting_id: uuid.UUID, data: AgendaPlace, call: Writer, key: IdempotencyKey = None
) -> JSONResponse:
    """Put a submitted referral on this meeting's agenda (sæt på dagsordenen); 409 when it is full."""
    agenda = located(f"/v1/meetings/{meeting_id}/agenda")
    return await call.create(key, agenda, service.add_to_agenda, meeting_id, data.referral_id)


@router.get("/{meeting_id}/agenda", response_model=AgendaRead, responses=READ_ONE)
async def read_agenda(meeting_id: uuid.UUID, call: Reader) -> AgendaRead:
    """The agenda with each case's time, as the chair prints it (dagsorden)."""
    return await call.run(service.read_agenda, meeting_id)


@router.post("/{meeting_id}/decisions", status_code=201, response_model=DecisionRead, responses=CREATE)
async def record_decision(
    meeting_id: uuid.UUID, data: DecisionCreate, call: Writer, key: IdempotencyKey = None
) -> JSONResponse:
    """Record the forum's decision on one case (beslutning) and compose the team; it grants nothing."""
    decisions = located(f"/v1/meetings/{meeting_id}/decisions")
    return await call.create(key, decisions, service.record_decision, meeting_id, data)


@router.get("/{meeting_id}/decisions", response_model=Page[DecisionRead], responses=READ_PAGE_OF)
async def list_decisions(
    meeting_id: uuid.UUID, call: Reader, limit: Limit = 50, cursor: Cursor = None
) -> Page[DecisionRead]:
    """List the meeting's decisions about youth you may see (beslutninger)."""
    return call.page(
        DecisionRead, await call.run(service.list_decisions, meeting_id, limit=limit, cursor=cursor)
    )
