from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import Field

from ungeapi.core.concurrency import IfMatch
from ungeapi.core.http import CHANGE, READ_ONE, READ_PAGE, Call, call_as, filed
from ungeapi.core.idempotency import IdempotencyKey
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Page, PageQuery
from ungeapi.offers import service
from ungeapi.offers.schemas import OfferCreate, OfferRead, OfferUpdate

router = APIRouter(prefix="/v1/offers", tags=["offers"])

Reader = Annotated[Call, call_as("offers:read", purpose="offers catalogue")]
Writer = Annotated[Call, call_as("offers:write", purpose="offers catalogue")]


class OffersQuery(PageQuery):
    text: str | None = Field(
        None,
        alias="q",
        max_length=200,
        description='Danish text search in name and description, stemmed ("forældre angst", '
        '"misbrug -voksne", "\\"skolevægring\\""); web-search syntax (fritekst).',
    )
    age: int | None = Field(
        None, ge=0, le=99, description="Only offers whose age range includes this age (alder)."
    )
    target_group: str | None = Field(
        None, max_length=50, description="Only offers for this target group (målgruppe)."
    )
    provider_department: str | None = Field(
        None, max_length=20, description="Only offers of this department (udbydende afdeling)."
    )
    active: bool | None = Field(
        None, description="Only offers active today (true) or not active today (false)."
    )


@router.post("", status_code=201, response_model=OfferRead, responses=problems(401, 403, 409, 422))
async def create_offer(data: OfferCreate, call: Writer, key: IdempotencyKey = None) -> JSONResponse:
    """Add an offer to the catalogue (opret tilbud); admin only."""
    return await call.create(key, filed("/v1/offers"), service.create_offer, data)


@router.get("", response_model=Page[OfferRead], responses=READ_PAGE)
async def list_offers(call: Reader, query: Annotated[OffersQuery, Query()]) -> Page[OfferRead]:
    """Search the catalogue of offers (tilbudsvifte), alphabetically, with occupancy."""
    return call.page(OfferRead, await call.run(service.list_offers, **vars(query)))


@router.get("/{offer_id}", response_model=OfferRead, responses=READ_ONE)
async def read_offer(offer_id: uuid.UUID, call: Reader) -> OfferRead:
    """Read one offer with its occupancy (læs tilbud)."""
    return call.with_etag(await call.run(service.read_offer, offer_id))


@router.patch("/{offer_id}", response_model=OfferRead, responses=CHANGE)
async def change_offer(offer_id: uuid.UUID, data: OfferUpdate, expected: IfMatch, call: Writer) -> OfferRead:
    """Change an offer (ret tilbud), e.g. end it with `active_to`; admin only, needs If-Match."""
    return call.with_etag(await call.run(service.change_offer, offer_id, data, expected_version=expected))
