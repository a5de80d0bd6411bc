from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import Field

from ungeapi.core.concurrency import IfMatch
from ungeapi.core.http import CHANGE_STATE, Call, call_as, call_by
from ungeapi.core.pagination import PageQuery
from ungeapi.core.permissions import authenticated, require
from ungeapi.core.routes import Collection
from ungeapi.core.security import Principal
from ungeapi.referrals import rules, service
from ungeapi.referrals.schemas import (
    Forum,
    ReferralAction,
    ReferralCreate,
    ReferralRead,
    ReferralState,
    ReferralTransition,
    ReferralUpdate,
)

router = APIRouter(prefix="/v1/referrals", tags=["referrals"])

PURPOSE = "coordination_meeting"
Reader = Annotated[Call, call_as("referrals:read", purpose=PURPOSE)]
Writer = Annotated[Call, call_as("referrals:write", purpose=PURPOSE)]


class ReferralsQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's referrals (den unge).")
    forum: Forum | None = Field(None, description="Only this forum (forum).")
    state: ReferralState | None = Field(None, description="Only this state (status).")
    referrer_sub: str | None = Field(
        None, alias="referrer", max_length=200, description="Only this referrer's `sub`; `me` for yourself."
    )


async def mover(action: ReferralAction, principal: Annotated[Principal, Depends(authenticated)]) -> Principal:
    """The referrer's moves need referrals:write, the forum's (the chair's) meetings:write."""
    return await require(rules.ACTION_PERMISSION[action])(principal)


Mover = Annotated[Call, call_by(mover, purpose=PURPOSE)]


referrals = Collection(router, ReferralRead, "referral_id", reader=Reader, writer=Writer)
referrals.create(
    "create_referral",
    ReferralCreate,
    service.create_referral,
    "Refer a youth to the coordination meeting or the conference (indstil); starts as a draft.",
)


referrals.page(
    "list_referrals",
    ReferralsQuery,
    service.list_referrals,
    "List the referrals you may see (indstillinger), oldest first.",
    me="referrer_sub",
)


referrals.read("read_referral", service.read_referral, "Read one referral (indstilling).")
referrals.change(
    "change_referral",
    ReferralUpdate,
    service.change_referral,
    "Change a draft, or a referral sent back for documentation (ret indstilling); needs If-Match.",
    responses=CHANGE_STATE,
)


@router.post("/{referral_id}/{action}", response_model=ReferralRead, responses=CHANGE_STATE)
async def transition_referral(
    referral_id: uuid.UUID,
    action: ReferralAction,
    expected: IfMatch,
    call: Mover,
    data: ReferralTransition | None = None,
) -> ReferralRead:
    """Move a referral on (submit, withdraw, unschedule, discuss, request_documentation, reject)."""
    move = data or ReferralTransition()
    return call.with_etag(
        await call.run(service.transition_referral, referral_id, action, move, expected_version=expected)
    )
