from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter
from pydantic import Field

from ungeapi.core.http import Call, call_as
from ungeapi.core.pagination import PageQuery
from ungeapi.core.routes import Collection
from ungeapi.network import service
from ungeapi.network.schemas import NetworkMeetingCreate, NetworkMeetingRead, NetworkMeetingUpdate

router = APIRouter(prefix="/v1/network-meetings", tags=["network meetings"])

Reader = Annotated[Call, call_as("network:read", purpose="casework")]
Writer = Annotated[Call, call_as("network:write", purpose="casework")]


class NetworkMeetingsQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's meetings (den unge).")
    plan_id: uuid.UUID | None = Field(None, description="Only meetings about this plan (plan).")


meetings = Collection(router, NetworkMeetingRead, "meeting_id", reader=Reader, writer=Writer)
meetings.create(
    "record_network_meeting",
    NetworkMeetingCreate,
    service.record_meeting,
    "Record a network meeting (netværksmøde) in the three-part frame.",
)
meetings.page(
    "list_network_meetings",
    NetworkMeetingsQuery,
    service.list_meetings,
    "List the network meetings you may see (netværksmøder), newest first.",
)
meetings.read("read_network_meeting", service.read_meeting, "Read one network meeting (læs netværksmøde).")
meetings.change(
    "change_network_meeting",
    NetworkMeetingUpdate,
    service.change_meeting,
    "Change a network meeting's record (ret netværksmøde); needs If-Match.",
)
