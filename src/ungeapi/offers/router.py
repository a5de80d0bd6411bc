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
from ungeapi.offers import service
from ungeapi.offers.schemas import OfferCreate, OfferRead, OfferUpdate

router = APIRouter(prefix="/offers", tags=["offers"])

Reader = Annotated[Ctx, Depends(context("offers:read", purpose="offers catalogue"))]
Writer = Annotated[Ctx, Depends(context("offers:write", purpose="offers catalogue"))]


@router.post("", status_code=201, response_model=OfferRead, responses=problems(401, 403, 409, 422))
async def create_offer(
    request: Request, data: OfferCreate, ctx: Writer, session: Session, idempotency_key: IdempotencyKey = None
) -> JSONResponse:
    """Add an offer to the catalogue (opret tilbud); admin only."""

    async def produce() -> tuple[OfferRead, dict[str, str]]:
        offer = await service.create_offer(session, ctx, data)
        return offer, {"Location": f"/v1/offers/{offer.id}", "ETag": etag(offer.version)}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@router.get("", response_model=Page[OfferRead], responses=problems(400, 401, 403, 422))
async def list_offers(
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description='Danish text search in name and description, stemmed ("forældre angst", '
            '"misbrug -voksne", "\\"skolevægring\\""); web-search syntax (fritekst).',
        ),
    ] = None,
    age: Annotated[
        int | None, Query(ge=0, le=99, description="Only offers whose age range includes this age (alder).")
    ] = None,
    target_group: Annotated[
        str | None, Query(max_length=50, description="Only offers for this target group (målgruppe).")
    ] = None,
    provider_department: Annotated[
        str | None, Query(max_length=20, description="Only offers of this department (udbydende afdeling).")
    ] = None,
    active: Annotated[
        bool | None, Query(description="Only offers active today (true) or not active today (false).")
    ] = None,
) -> Page[OfferRead]:
    """Search the catalogue of offers (tilbudsvifte), alphabetically, with occupancy."""
    items, next_cursor = await service.list_offers(
        session,
        ctx,
        limit=limit,
        cursor=cursor,
        text=q,
        age=age,
        target_group=target_group,
        provider_department=provider_department,
        active=active,
    )
    link_next(request, response, next_cursor)
    return Page[OfferRead](items=items, next_cursor=next_cursor)


@router.get("/{offer_id}", response_model=OfferRead, responses=problems(401, 403, 404))
async def read_offer(offer_id: uuid.UUID, response: Response, ctx: Reader, session: Session) -> OfferRead:
    """Read one offer with its occupancy (læs tilbud)."""
    offer = await service.read_offer(session, ctx, offer_id)
    response.headers["ETag"] = etag(offer.version)
    return offer


@router.patch("/{offer_id}", response_model=OfferRead, responses=problems(401, 403, 404, 412, 422, 428))
async def change_offer(
    offer_id: uuid.UUID,
    data: OfferUpdate,
    expected: IfMatch,
    response: Response,
    ctx: Writer,
    session: Session,
) -> OfferRead:
    """Change an offer (ret tilbud), e.g. end it with `active_to`; admin only, needs If-Match."""
    offer = await service.change_offer(session, ctx, offer_id, data, expected_version=expected)
    response.headers["ETag"] = etag(offer.version)
    return offer
