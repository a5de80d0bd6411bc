from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import Field

from ungeapi.core.concurrency import IfMatch
from ungeapi.core.http import CHANGE, CREATE, READ_ONE, READ_PAGE_OF, Call, call_as, filed
from ungeapi.core.idempotency import IdempotencyKey
from ungeapi.core.pagination import Page, PageQuery
from ungeapi.network import service
from ungeapi.network.schemas import NetworkMeetingCreate, NetworkMeetingRead, NetworkMeetingUpdate

router = APIRouter(prefix="/v1/network-meetings", tags=["network meetings"])

Reader = Annotated[Call, call_as("network:read", purpose="casework")]
Writer = Annotated[Call, call_as("network:write", purpose="casework")]


class NetworkMeetingsQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's meetings (den unge).")
    plan_id: uuid.UUID | None = Field(None, description="Only meetings about this plan (plan).")


@router.post("", status_code=201, response_model=NetworkMeetingRead, responses=CREATE)
async def record_network_meeting(
    data: NetworkMeetingCreate, call: Writer, key: IdempotencyKey = None
) -> JSONResponse:
    """Record a network meeting (netværksmøde) in the three-part frame."""
    return await call.create(key, filed("/v1/network-meetings"), service.record_meeting, data)


@router.get("", response_model=Page[NetworkMeetingRead], responses=READ_PAGE_OF)
async def list_network_meetings(
    call: Reader, query: Annotated[NetworkMeetingsQuery, Query()]
) -> Page[NetworkMeetingRead]:
    """List the network meetings you may see (netværksmøder), newest first."""
    return call.page(NetworkMeetingRead, await call.run(service.list_meetings, **vars(query)))


@router.get("/{meeting_id}", response_model=NetworkMeetingRead, responses=READ_ONE)
async def read_network_meeting(meeting_id: uuid.UUID, call: Reader) -> NetworkMeetingRead:
    """Read one network meeting (læs netværksmøde)."""
    return call.with_etag(await call.run(service.read_meeting, meeting_id))


@router.patch("/{meeting_id}", response_model=NetworkMeetingRead, responses=CHANGE)
async def change_network_meeting(
    meeting_id: uuid.UUID, data: NetworkMeetingUpdate, expected: IfMatch, call: Writer
) -> NetworkMeetingRead:
    """Change a network meeting's record (ret netværksmøde); needs If-Match."""
    return call.with_etag(await call.run(service.change_meeting, meeting_id, data, expected_version=expected))
