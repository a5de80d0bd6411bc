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
from ungeapi.guides import service
from ungeapi.guides.schemas import GuideAction, GuideOffer, GuideRead, GuideState, GuideTransition

router = APIRouter(prefix="/guides", tags=["guides"])

Reader = Annotated[Ctx, Depends(context("guides:read", purpose="casework"))]
Writer = Annotated[Ctx, Depends(context("guides:write", purpose="casework"))]


@router.post("", status_code=201, response_model=GuideRead, responses=problems(401, 403, 404, 409, 422))
async def offer_guide(
    request: Request, data: GuideOffer, ctx: Writer, session: Session, idempotency_key: IdempotencyKey = None
) -> JSONResponse:
    """Offer a guide to a youth (tilbyd ungeguide); you become the coordinating caseworker."""

    async def produce() -> tuple[GuideRead, dict[str, str]]:
        guide = await service.offer_guide(session, ctx, data)
        return guide, {"Location": f"/v1/guides/{guide.id}", "ETag": etag(guide.version)}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@router.get("", response_model=Page[GuideRead], responses=problems(400, 401, 403, 404, 422))
async def list_guides(
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    youth_id: Annotated[uuid.UUID | None, Query(description="Only this youth's guides (den unge).")] = None,
    state: Annotated[GuideState | None, Query(description="Only this state (status).")] = None,
    guide: Annotated[
        str | None, Query(max_length=200, description="Only this guide's `sub`; `me` for yourself.")
    ] = None,
) -> Page[GuideRead]:
    """List guide offers and assignments you may see (ungeguides)."""
    guide_sub = ctx.principal.sub if guide == "me" else guide
    items, next_cursor = await service.list_guides(
        session, ctx, limit=limit, cursor=cursor, youth_id=youth_id, state=state, guide_sub=guide_sub
    )
    link_next(request, response, next_cursor)
    return Page[GuideRead](items=items, next_cursor=next_cursor)


@router.get("/{guide_id}", response_model=GuideRead, responses=problems(401, 403, 404))
async def read_guide(guide_id: uuid.UUID, response: Response, ctx: Reader, session: Session) -> GuideRead:
    """Read one guide offer or assignment."""
    guide = await service.read_guide(session, ctx, guide_id)
    response.headers["ETag"] = etag(guide.version)
    return guide


@router.post(
    "/{guide_id}/{action}", response_model=GuideRead, responses=problems(401, 403, 404, 409, 412, 422, 428)
)
async def transition_guide(
    guide_id: uuid.UUID,
    action: GuideAction,
    expected: IfMatch,
    response: Response,
    ctx: Writer,
    session: Session,
    data: GuideTransition | None = None,
) -> GuideRead:
    """Move a guide offer on: accept, decline, activate or end (flyt tilbuddet videre)."""
    guide = await service.transition_guide(
        session, ctx, guide_id, action, data or GuideTransition(), expected_version=expected
    )
    response.headers["ETag"] = etag(guide.version)
    return guide
