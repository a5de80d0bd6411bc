from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse
from pydantic import Field

from ungeapi.core.fields import LocalMoment
from ungeapi.core.http import CHANGE_STATE, READ_ONE, READ_PAGE, Call, call_as, text_answer
from ungeapi.core.idempotency import IdempotencyKey
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import PageQuery
from ungeapi.core.routes import Collection
from ungeapi.feeds.access import feed_call
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
# A calendar's: by bearer token, or by a feed token in the query string (feeds/access.py).
FeedReader = Annotated[Call, feed_call("meetings:read", purpose=PURPOSE)]
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
    starts_from: LocalMoment | None = Field(
        None, alias="from", description="Only meetings starting at or after (fra)."
    )
    starts_before: LocalMoment | None = Field(
        None, alias="before", description="Only meetings starting before (før)."
    )


@feed_router.get(
    "/meetings.ics",
    response_class=Response,
    responses={**text_answer("text/calendar", ICS, ICS_EXAMPLE), **problems(400, 401, 403, 422)},
)
async def meetings_feed(call: FeedReader, forum: ForumFilter = None) -> Response:
    """The meetings as an iCalendar feed for the participants' calendars (mødekalender); a
    calendar subscribes with a feed token (POST /v1/feed-tokens)."""
    now = call.ctx.now
    body = ics.render(await call.run(service.feed_meetings, forum=forum, now=now), now=now, forum=forum)
    return Response(body, media_type="text/calendar; charset=utf-8", headers={"Cache-Control": "no-store"})


meetings = Collection(router, MeetingRead, "meeting_id", reader=Reader, writer=Writer)
meetings.create(
    "create_meeting",
    MeetingCreate,
    service.create_meeting,
    "Create one meeting of a forum (opret møde) with its chair, participants and capacity.",
    responses=problems(401, 403, 422),
)


@router.post("/series", status_code=201, response_model=MeetingSeriesRead, responses=problems(401, 403, 422))
async def create_series(data: MeetingSeriesCreate, call: Writer, key: IdempotencyKey = None) -> JSONResponse:
    """Create a forum's next meetings at its interval (opret mødeserie): 14 days, 7 for the conference."""
    return await call.create(key, None, service.create_series, data)


meetings.page(
    "list_meetings",
    MeetingsQuery,
    service.list_meetings,
    "List the forums' meetings (møder), earliest first.",
    responses=READ_PAGE,
)
meetings.read(
    "read_meeting", service.read_meeting, "Read one meeting (møde) with the time left on its agenda."
)
meetings.change(
    "change_meeting",
    MeetingUpdate,
    service.change_meeting,
    "Change or move a meeting (ret møde); needs If-Match.",
    responses=CHANGE_STATE,
)


@router.get("/{meeting_id}/agenda", response_model=AgendaRead, responses=READ_ONE)
async def read_agenda(meeting_id: uuid.UUID, call: Reader) -> AgendaRead:
    """The agenda with each case's time, as the chair prints it (dagsorden)."""
    return await call.run(service.read_agenda, meeting_id)
