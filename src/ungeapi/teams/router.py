from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import Field

from ungeapi.core.concurrency import IfMatch
from ungeapi.core.fields import Day
from ungeapi.core.http import CHANGE, READ_PAGE_OF, Call, call_as
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, PageParams, PageQuery
from ungeapi.core.routes import Collection
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

router = APIRouter(prefix="/v1/teams", tags=["teams"])

Reader = Annotated[Call, call_as("teams:read", purpose="casework")]
Writer = Annotated[Call, call_as("teams:write", purpose="casework")]
Creator = Annotated[Call, call_as("teams:create", purpose="casework")]
On = Annotated[
    Day | None,
    Query(description="The day asked about, default today: who was on the team then (medlem på dagen)."),
]


class TeamsQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's teams (den unge).")


teams = Collection(router, TeamRead, "team_id", reader=Reader, writer=Writer)
teams.create(
    "create_team",
    TeamCreate,
    service.create_team,
    "Compose a coordinating team directly (opret koordinerende team); coordinators only.",
    call=Creator,
)
teams.page(
    "list_teams", TeamsQuery, service.list_teams, "List coordinating teams you may see (koordinerende teams)."
)
teams.read("read_team", service.read_team, "Read one coordinating team with its members and their periods.")


@router.patch("/{team_id}", response_model=TeamRead, responses=CHANGE)
async def change_team(team_id: uuid.UUID, data: TeamUpdate, expected: IfMatch, call: Writer) -> TeamRead:
    """Plan or move the team's first meeting (ret første møde); If-Match on the team."""
    return call.with_etag(await call.run(service.change_team, team_id, expected, data))


@router.get("/{team_id}/members", response_model=Page[TeamMemberRead], responses=READ_PAGE_OF)
async def members_on(
    team_id: uuid.UUID, call: Reader, on: On = None, limit: Limit = 50, cursor: Cursor = None
) -> Page[TeamMemberRead]:
    """Who was on the team on a day (hvem var ansvarlig på dato X): the members whose period,
    joined_on to left_on (both included), covers it; `lead` marks the team's lead (tovholder)."""
    found = await call.run(service.members_on, team_id, on or call.ctx.today, limit=limit, cursor=cursor)
    return call.page(TeamMemberRead, found)


@router.post("/{team_id}/members", response_model=TeamRead, responses=CHANGE)
async def add_member(team_id: uuid.UUID, data: MemberAdd, expected: IfMatch, call: Writer) -> TeamRead:
    """A member joins the team (nyt medlem) from a day; If-Match on the team."""
    return call.with_etag(await call.run(service.add_member, team_id, expected, data))


@router.post("/{team_id}/members/{member_id}/leave", response_model=TeamRead, responses=CHANGE)
async def leave_member(
    team_id: uuid.UUID, member_id: uuid.UUID, expected: IfMatch, call: Writer, data: MemberLeave | None = None
) -> TeamRead:
    """A member leaves the team (udtræder) on a day; the period stays readable."""
    return call.with_etag(
        await call.run(service.leave_member, team_id, member_id, expected, data or MemberLeave())
    )


@router.post(
    "/{team_id}/meetings",
    status_code=201,
    response_model=TeamMeetingRead,
    responses=problems(401, 403, 404, 422),
)
async def record_meeting(team_id: uuid.UUID, data: TeamMeetingCreate, call: Writer) -> TeamMeetingRead:
    """Record a held team meeting (teammøde): who took part, the three-part frame, notes."""
    meeting = await call.run(service.record_meeting, team_id, data)
    call.response.headers["Location"] = f"/v1/teams/{team_id}/meetings"
    return meeting


@router.get("/{team_id}/meetings", response_model=Page[TeamMeetingRead], responses=READ_PAGE_OF)
async def list_meetings(team_id: uuid.UUID, call: Reader, page: PageParams) -> Page[TeamMeetingRead]:
    """The team's meetings (teammøder), earliest first."""
    return call.page(TeamMeetingRead, await call.run(service.list_meetings, team_id, **vars(page)))
