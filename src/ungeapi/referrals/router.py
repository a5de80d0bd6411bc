from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from ungeapi.core.concurrency import IfMatch, etag
from ungeapi.core.context import Ctx, context
from ungeapi.core.db import Session
from ungeapi.core.idempotency import IdempotencyKey, run_idempotent
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next
from ungeapi.core.permissions import authenticated, require
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

router = APIRouter(prefix="/referrals", tags=["referrals"])

PURPOSE = "coordination_meeting"
Reader = Annotated[Ctx, Depends(context("referrals:read", purpose=PURPOSE))]
Writer = Annotated[Ctx, Depends(context("referrals:write", purpose=PURPOSE))]


async def action_context(
    request: Request, action: ReferralAction, principal: Annotated[Principal, Depends(authenticated)]
) -> Ctx:
    """The referrer's moves need referrals:write, the forum's (the chair's) meetings:write."""
    permission = rules.ACTION_PERMISSION[action]
    checked = await require(permission)(principal)
    return await context(permission, purpose=PURPOSE)(request, checked)


Mover = Annotated[Ctx, Depends(action_context)]


@router.post("", status_code=201, response_model=ReferralRead, responses=problems(401, 403, 404, 409, 422))
async def create_referral(
    request: Request,
    data: ReferralCreate,
    ctx: Writer,
    session: Session,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Refer a youth to the coordination meeting or the conference (indstil); starts as a draft."""

    async def produce() -> tuple[ReferralRead, dict[str, str]]:
        referral = await service.create_referral(session, ctx, data)
        return referral, {"Location": f"/v1/referrals/{referral.id}", "ETag": etag(referral.version)}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@router.get("", response_model=Page[ReferralRead], responses=problems(400, 401, 403, 404, 422))
async def list_referrals(
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    youth_id: Annotated[
        uuid.UUID | None, Query(description="Only this youth's referrals (den unge).")
    ] = None,
    forum: Annotated[Forum | None, Query(description="Only this forum (forum).")] = None,
    state: Annotated[ReferralState | None, Query(description="Only this state (status).")] = None,
    referrer: Annotated[
        str | None, Query(max_length=200, description="Only this referrer's `sub`; `me` for yourself.")
    ] = None,
) -> Page[ReferralRead]:
    """List the referrals you may see (indstillinger), oldest first."""
    items, next_cursor = await service.list_referrals(
        session,
        ctx,
        limit=limit,
        cursor=cursor,
        youth_id=youth_id,
        forum=forum,
        state=state,
        referrer_sub=ctx.principal.sub if referrer == "me" else referrer,
    )
    link_next(request, response, next_cursor)
    return Page[ReferralRead](items=items, next_cursor=next_cursor)


@router.get("/{referral_id}", response_model=ReferralRead, responses=problems(401, 403, 404))
async def read_referral(
    referral_id: uuid.UUID, response: Response, ctx: Reader, session: Session
) -> ReferralRead:
    """Read one referral (indstilling)."""
    referral = await service.read_referral(session, ctx, referral_id)
    response.headers["ETag"] = etag(referral.version)
    return referral


@router.patch(
    "/{referral_id}", response_model=ReferralRead, responses=problems(401, 403, 404, 409, 412, 422, 428)
)
async def change_referral(
    referral_id: uuid.UUID,
    data: ReferralUpdate,
    expected: IfMatch,
    response: Response,
    ctx: Writer,
    session: Session,
) -> ReferralRead:
    """Change a draft, or a referral sent back for documentation (ret indstilling); needs If-Match."""
    referral = await service.change_referral(session, ctx, referral_id, data, expected_version=expected)
    response.headers["ETag"] = etag(referral.version)
    return referral


@router.post(
    "/{referral_id}/{action}",
    response_model=ReferralRead,
    responses=problems(401, 403, 404, 409, 412, 422, 428),
)
async def transition_referral(
    referral_id: uuid.UUID,
    action: ReferralAction,
    expected: IfMatch,
    response: Response,
    ctx: Mover,
    session: Session,
    data: ReferralTransition | None = None,
) -> ReferralRead:
    """Move a referral on (submit, withdraw, unschedule, discuss, request_documentation, reject)."""
    referral = await service.transition_referral(
        session, ctx, referral_id, action, data or ReferralTransition(), expected_version=expected
    )
    response.headers["ETag"] = etag(referral.version)
    return referral
