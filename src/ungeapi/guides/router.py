from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter
from pydantic import Field

from ungeapi.core.concurrency import IfMatch
from ungeapi.core.http import CHANGE_STATE, Call, call_as
from ungeapi.core.pagination import PageQuery
from ungeapi.core.routes import Collection
from ungeapi.guides import service
from ungeapi.guides.schemas import GuideAction, GuideOffer, GuideRead, GuideState, GuideTransition

router = APIRouter(prefix="/v1/guides", tags=["guides"])

Reader = Annotated[Call, call_as("guides:read", purpose="casework")]
Writer = Annotated[Call, call_as("guides:write", purpose="casework")]


class GuidesQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's guides (den unge).")
    state: GuideState | None = Field(None, description="Only this state (status).")
    guide_sub: str | None = Field(
        None, alias="guide", max_length=200, description="Only this guide's `sub`; `me` for yourself."
    )


guides = Collection(router, GuideRead, "guide_id", reader=Reader, writer=Writer)
guides.create(
    "offer_guide",
    GuideOffer,
    service.offer_guide,
    "Offer a guide to a youth (tilbyd ungeguide); you become the coordinating caseworker.",
)


guides.page(
    "list_guides",
    GuidesQuery,
    service.list_guides,
    "List guide offers and assignments you may see (ungeguides).",
    me="guide_sub",
)


guides.read("read_guide", service.read_guide, "Read one guide offer or assignment.")


@router.post("/{guide_id}/{action}", response_model=GuideRead, responses=CHANGE_STATE)
async def transition_guide(
    guide_id: uuid.UUID,
    action: GuideAction,
    expected: IfMatch,
    call: Writer,
    data: GuideTransition | None = None,
) -> GuideRead:
    """Move a guide offer on: accept, decline, activate or end (flyt tilbuddet videre)."""
    move = data or GuideTransition()
    return call.with_etag(
        await call.run(service.transition_guide, guide_id, action, move, expected_version=expected)
    )
