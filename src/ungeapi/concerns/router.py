from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter
from pydantic import Field

from ungeapi.concerns import service
from ungeapi.concerns.schemas import (
    ConcernAcknowledge,
    ConcernAssess,
    ConcernClose,
    ConcernCreate,
    ConcernRead,
    ConcernState,
    ConcernUpdate,
)
from ungeapi.core.http import CHANGE_STATE, READ_PAGE, Call, call_as
from ungeapi.core.pagination import PageQuery
from ungeapi.core.routes import Collection

router = APIRouter(prefix="/v1/concerns", tags=["concerns"])

Reader = Annotated[Call, call_as("concerns:read", purpose="concern handling")]
Writer = Annotated[Call, call_as("concerns:write", purpose="concern handling")]


class ConcernsQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's concerns (den unge).")
    state: ConcernState | None = Field(None, description="Only this state (status).")
    level: int | None = Field(None, ge=1, le=10, description="Only this level (bekymringsgrad).")


concerns = Collection(router, ConcernRead, "concern_id", reader=Reader, writer=Writer)
concerns.create(
    "receive_concern",
    ConcernCreate,
    service.receive_concern,
    "Register a concern notification (modtag underretning) for the children-and-family department.",
)
concerns.page(
    "list_concerns",
    ConcernsQuery,
    service.list_concerns,
    "List your department's concerns (underretninger), newest first.",
    responses=READ_PAGE,
)
concerns.read(
    "read_concern",
    service.read_concern,
    "Read one concern (læs underretning); only the receiving department, admin and dpo.",
)
concerns.change(
    "change_concern",
    ConcernUpdate,
    service.change_concern,
    "Correct an open concern's level, dialogue or frame (ret underretning); needs If-Match.",
    responses=CHANGE_STATE,
)
concerns.change(
    "assess_concern",
    ConcernAssess,
    service.assess_concern,
    "Record the assessment within 24 hours of whether the youth is in danger (vurdering).",
    action="assess",
    responses=CHANGE_STATE,
)
concerns.change(
    "acknowledge_concern",
    ConcernAcknowledge,
    service.acknowledge_concern,
    "Record that the sender got a receipt (kvittering), due within 6 weekdays for professionals.",
    action="acknowledge",
    optional=True,
    responses=CHANGE_STATE,
)
concerns.change(
    "close_concern",
    ConcernClose,
    service.close_concern,
    "Close an assessed concern with its outcome (afslut underretning).",
    action="close",
    responses=CHANGE_STATE,
)
