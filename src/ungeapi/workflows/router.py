"""The routes of the flows in this package: paths and permissions of the meetings and referrals
they act on, as if those domains answered them."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from ungeapi.core.concurrency import IfMatch
from ungeapi.core.http import CHANGE_STATE, CREATE, READ_PAGE_OF, located
from ungeapi.core.idempotency import IdempotencyKey
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Page, PageParams
from ungeapi.documents.negotiation import document_response, document_responses
from ungeapi.meetings.router import Reader, Writer
from ungeapi.meetings.schemas import AgendaItemRead, AgendaPlace, DecisionCreate, DecisionRead
from ungeapi.referrals.schemas import ReferralRead, ScheduleRequest
from ungeapi.workflows import agenda, decisions

meetings_router = APIRouter(prefix="/v1/meetings", tags=["meetings"])
referrals_router = APIRouter(prefix="/v1/referrals", tags=["referrals"])

# Scheduling is the forum's (its chair's) move, with the meetings' write permission.
Chair = Writer


@referrals_router.post("/{referral_id}/schedule", response_model=ReferralRead, responses=CHANGE_STATE)
async def schedule_referral(
    referral_id: uuid.UUID, expected: IfMatch, call: Chair, data: ScheduleRequest | None = None
) -> ReferralRead:
    """Put a submitted referral on an agenda (sæt på dagsordenen); by default the next meeting with room."""
    meeting_id = (data or ScheduleRequest()).meeting_id
    referral, _, _ = await call.run(
        agenda.schedule_referral, referral_id, meeting_id, expected_version=expected
    )
    return call.with_etag(referral)


@meetings_router.delete(
    "/{meeting_id}",
    status_code=204,
    response_class=Response,
    responses=problems(401, 403, 404, 409, 412, 428),
)
async def cancel_meeting(meeting_id: uuid.UUID, expected: IfMatch, call: Writer) -> Response:
    """Cancel a meeting (aflys møde); its cases go back to be placed again. Not once it has decisions."""
    await call.run(agenda.cancel_meeting, meeting_id, expected_version=expected)
    return Response(status_code=204)


@meetings_router.post(
    "/{meeting_id}/agenda", status_code=201, response_model=AgendaItemRead, responses=CREATE
)
async def place_on_agenda(
    meeting_id: uuid.UUID, data: AgendaPlace, call: Writer, key: IdempotencyKey = None
) -> JSONResponse:
    """Put a submitted referral on this meeting's agenda (sæt på dagsordenen); 409 when it is full."""
    placed = located(f"/v1/meetings/{meeting_id}/agenda")
    return await call.create(key, placed, agenda.add_to_agenda, meeting_id, data.referral_id)


@meetings_router.post(
    "/{meeting_id}/decisions", status_code=201, response_model=DecisionRead, responses=CREATE
)
async def record_decision(
    meeting_id: uuid.UUID, data: DecisionCreate, call: Writer, key: IdempotencyKey = None
) -> JSONResponse:
    """Record the forum's decision on one case (beslutning) and compose the team; it grants nothing."""
    recorded = located(f"/v1/meetings/{meeting_id}/decisions")
    return await call.create(key, recorded, decisions.record_decision, meeting_id, data)


@meetings_router.get("/{meeting_id}/decisions", response_model=Page[DecisionRead], responses=READ_PAGE_OF)
async def list_decisions(meeting_id: uuid.UUID, call: Reader, page: PageParams) -> Page[DecisionRead]:
    """List the meeting's decisions about youth you may see (beslutninger)."""
    return call.page(DecisionRead, await call.run(decisions.list_decisions, meeting_id, **vars(page)))


MINUTES_EXAMPLE = "<!DOCTYPE html><html lang=\"da\"><h1>Referat af ungekoordineringsmøde</h1>...</html>"


@meetings_router.get(
    "/{meeting_id}/document",
    response_class=Response,
    responses={
        **document_responses("The minutes in Danish, HTML or PDF/A (referat).", MINUTES_EXAMPLE),
        **problems(401, 403, 404, 406),
    },
)
async def read_meeting_minutes(meeting_id: uuid.UUID, request: Request, call: Reader) -> Response:
    """The meeting's minutes with its decisions about youth you may see (referat), as HTML or PDF
    by Accept; each decision's own extract is filed as a document when it is recorded."""
    html = await call.run(decisions.meeting_minutes, meeting_id)
    return await document_response(request, html, filename=f"referat-{meeting_id}")
