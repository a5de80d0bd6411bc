"""The routes of the flows in this package: paths and permissions of the meetings and referrals
they act on, as if those domains answered them."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from ungeapi.core.concurrency import IfMatch, etag
from ungeapi.core.db import Session
from ungeapi.core.idempotency import IdempotencyKey, run_idempotent
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next
from ungeapi.meetings.router import Reader, Writer
from ungeapi.meetings.schemas import AgendaItemRead, AgendaPlace, DecisionCreate, DecisionRead
from ungeapi.referrals.schemas import ReferralRead, ScheduleRequest
from ungeapi.workflows import agenda, decisions

meetings_router = APIRouter(prefix="/meetings", tags=["meetings"])
referrals_router = APIRouter(prefix="/referrals", tags=["referrals"])

# Scheduling is the forum's (its chair's) move, with the meetings' write permission.
Chair = Writer


@referrals_router.post(
    "/{referral_id}/schedule",
    response_model=ReferralRead,
    responses=problems(401, 403, 404, 409, 412, 422, 428),
)
async def schedule_referral(
    referral_id: uuid.UUID,
    expected: IfMatch,
    response: Response,
    ctx: Chair,
    session: Session,
    data: ScheduleRequest | None = None,
) -> ReferralRead:
    """Put a submitted referral on an agenda (sæt på dagsordenen); by default the next meeting with room."""
    referral, _, _ = await agenda.schedule_referral(
        session, ctx, referral_id, (data or ScheduleRequest()).meeting_id, expected_version=expected
    )
    response.headers["ETag"] = etag(referral.version)
    return referral


@meetings_router.delete(
    "/{meeting_id}",
    status_code=204,
    response_class=Response,
    responses=problems(401, 403, 404, 409, 412, 428),
)
async def cancel_meeting(meeting_id: uuid.UUID, expected: IfMatch, ctx: Writer, session: Session) -> Response:
    """Cancel a meeting (aflys møde); its cases go back to be placed again. Not once it has decisions."""
    await agenda.cancel_meeting(session, ctx, meeting_id, expected_version=expected)
    return Response(status_code=204)


@meetings_router.post(
    "/{meeting_id}/agenda",
    status_code=201,
    response_model=AgendaItemRead,
    responses=problems(401, 403, 404, 409, 422),
)
async def place_on_agenda(
    meeting_id: uuid.UUID,
    request: Request,
    data: AgendaPlace,
    ctx: Writer,
    session: Session,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Put a submitted referral on this meeting's agenda (sæt på dagsordenen); 409 when it is full."""

    async def produce() -> tuple[AgendaItemRead, dict[str, str]]:
        item = await agenda.add_to_agenda(session, ctx, meeting_id, data.referral_id)
        return item, {"Location": f"/v1/meetings/{meeting_id}/agenda"}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@meetings_router.post(
    "/{meeting_id}/decisions",
    status_code=201,
    response_model=DecisionRead,
    responses=problems(401, 403, 404, 409, 422),
)
async def record_decision(
    meeting_id: uuid.UUID,
    request: Request,
    data: DecisionCreate,
    ctx: Writer,
    session: Session,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Record the forum's decision on one case (beslutning) and compose the team; it grants nothing."""

    async def produce() -> tuple[DecisionRead, dict[str, str]]:
        decision = await decisions.record_decision(session, ctx, meeting_id, data)
        return decision, {"Location": f"/v1/meetings/{meeting_id}/decisions"}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@meetings_router.get(
    "/{meeting_id}/decisions", response_model=Page[DecisionRead], responses=problems(400, 401, 403, 404, 422)
)
async def list_decisions(
    meeting_id: uuid.UUID,
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[DecisionRead]:
    """List the meeting's decisions about youth you may see (beslutninger)."""
    items, next_cursor = await decisions.list_decisions(session, ctx, meeting_id, limit=limit, cursor=cursor)
    link_next(request, response, next_cursor)
    return Page[DecisionRead](items=items, next_cursor=next_cursor)
