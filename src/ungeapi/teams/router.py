from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from ungeapi.core.concurrency import IfMatch, etag
from ungeapi.core.context import Ctx, context
from ungeapi.core.db import Session
from ungeapi.core.idempotency import IdempotencyKey, run_idempotent
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next
from ungeapi.teams import service
from ungeapi.teams.schemas import (
    MemberAdd,
    MemberLeave,
    TeamCreate,
    TeamMeetingCreate,
    TeamMeetingRead,
    TeamMemberRead,
    TeamRead,
    TeamUpdate,
)

router = APIRouter(prefix="/teams", tags=["teams"])

Reader = Annotated[Ctx, Depends(context("teams:read", purpose="casework"))]
Writer = Annotated[Ctx, Depends(context("teams:write", purpose="casework"))]
Creator = Annotated[Ctx, Depends(context("teams:create", purpose="casework"))]


@router.post("", status_code=201, response_model=TeamRead, responses=problems(401, 403, 404, 409, 422))
async def create_team(
    request: Request, data: TeamCreate, ctx: Creator, session: Session, idempotency_key: IdempotencyKey = None
) -> JSONResponse:
    """Compose a coordinating team directly (opret koordinerende team); coordinators only."""

    async def produce() -> tuple[TeamRead, dict[str, str]]:
        team = await service.create_team(session, ctx, data)
        return team, {"Location": f"/v1/teams/{team.id}", "ETag": etag(team.version)}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@router.get("", response_model=Page[TeamRead], responses=problems(400, 401, 403, 404, 422))
async def list_teams(
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    youth_id: Annotated[uuid.UUID | None, Query(description="Only this youth's teams (den unge).")] = None,
) -> Page[TeamRead]:
    """List coordinating teams you may see (koordinerende teams)."""
    items, next_cursor = await service.list_teams(session, ctx, limit=limit, cursor=cursor, youth_id=youth_id)
    link_next(request, response, next_cursor)
    return Page[TeamRead](items=items, next_cursor=next_cursor)


@router.get("/{team_id}", response_model=TeamRead, responses=problems(401, 403, 404))
async def read_team(team_id: uuid.UUID, response: Response, ctx: Reader, session: Session) -> TeamRead:
    """Read one coordinating team with its members and their periods."""
    team = await service.read_team(session, ctx, team_id)
    response.headers["ETag"] = etag(team.version)
    return team


@router.patch("/{team_id}", response_model=TeamRead, responses=problems(401, 403, 404, 412, 422, 428))
async def change_team(
    team_id: uuid.UUID, data: TeamUpdate, expected: IfMatch, response: Response, ctx: Writer, session: Session
) -> TeamRead:
    """Plan or move the team's first meeting (ret første møde); If-Match on the team."""
    team = await service.change_team(session, ctx, team_id, expected, data)
    response.headers["ETag"] = etag(team.version)
    return team


@router.get(
    "/{team_id}/members", response_model=Page[TeamMemberRead], responses=problems(400, 401, 403, 404, 422)
)
async def members_on(
    team_id: uuid.UUID,
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    on: Annotated[
        date | None,
        Query(description="The day asked about, default today: who was on the team then (medlem på dagen)."),
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[TeamMemberRead]:
    """Who was on the team on a day (hvem var ansvarlig på dato X): the members whose period,
    joined_on to left_on (both included), covers it; `lead` marks the team's lead (tovholder)."""
    items, next_cursor = await service.members_on(
        session, ctx, team_id, on or ctx.today, limit=limit, cursor=cursor
    )
    link_next(request, response, next_cursor)
    return Page[TeamMemberRead](items=items, next_cursor=next_cursor)


@router.post("/{team_id}/members", response_model=TeamRead, responses=problems(401, 403, 404, 412, 422, 428))
async def add_member(
    team_id: uuid.UUID, data: MemberAdd, expected: IfMatch, response: Response, ctx: Writer, session: Session
) -> TeamRead:
    """A member joins the team (nyt medlem) from a day; If-Match on the team."""
    team = await service.add_member(session, ctx, team_id, expected, data)
    response.headers["ETag"] = etag(team.version)
    return team


@router.post(
    "/{team_id}/members/{member_id}/leave",
    response_model=TeamRead,
    responses=problems(401, 403, 404, 412, 422, 428),
)
async def leave_member(
    team_id: uuid.UUID,
    member_id: uuid.UUID,
    expected: IfMatch,
    response: Response,
    ctx: Writer,
    session: Session,
    data: MemberLeave | None = None,
) -> TeamRead:
    """A member leaves the team (udtræder) on a day; the period stays readable."""
    team = await service.leave_member(session, ctx, team_id, member_id, expected, data or MemberLeave())
    response.headers["ETag"] = etag(team.version)
    return team


@router.post(
    "/{team_id}/meetings",
    status_code=201,
    response_model=TeamMeetingRead,
    responses=problems(401, 403, 404, 422),
)
async def record_meeting(
    team_id: uuid.UUID, data: TeamMeetingCreate, response: Response, ctx: Writer, session: Session
) -> TeamMeetingRead:
    """Record a held team meeting (teammøde): who took part, the three-part frame, notes."""
    meeting = await service.record_meeting(session, ctx, team_id, data)
    response.headers["Location"] = f"/v1/teams/{team_id}/meetings"
    return meeting


@router.get(
    "/{team_id}/meetings", response_model=Page[TeamMeetingRead], responses=problems(400, 401, 403, 404, 422)
)
async def list_meetings(
    team_id: uuid.UUID,
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[TeamMeetingRead]:
    """The team's meetings (teammøder), earliest first."""
    items, next_cursor = await service.list_meetings(session, ctx, team_id, limit=limit, cursor=cursor)
    link_next(request, response, next_cursor)
    return Page[TeamMeetingRead](items=items, next_cursor=next_cursor)
