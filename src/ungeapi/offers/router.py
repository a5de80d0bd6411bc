from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from ungeapi.core.concurrency import IfMatch
from ungeapi.core.http import CHANGE, READ_ONE, READ_PAGE, Call, call_as, filed
from ungeapi.core.idempotency import IdempotencyKey
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page
from ungeapi.offers import service
from ungeapi.offers.schemas import OfferCreate, OfferRead, OfferUpdate

router = APIRouter(prefix="/v1/offers", tags=["offers"])

Reader = Annotated[Call, call_as("offers:read", purpose="offers catalogue")]
Writer = Annotated[Call, call_as("offers:write", purpose="offers catalogue")]
Text = Annotated[
    str | None,
    Query(
        max_length=200,
        description='Danish text search in name and description, stemmed ("forældre angst", '
        '"misbrug -voksne", "\\"skolevægring\\""); web-search syntax (fritekst).',
    ),
]
Age = Annotated[
    int | None, Query(ge=0, le=99, description="Only offers whose age range includes this age (alder).")
]
TargetGroup = Annotated[
    str | None, Query(max_length=50, description="Only offers for this target group (målgruppe).")
]
Provider = Annotated[
    str | None, Query(max_length=20, description="Only offers of this department (udbydende afdeling).")
]
Active = Annotated[
    bool | None, Query(description="Only offers active today (true) or not active today (false).")
]


@router.post("", status_code=201, response_model=OfferRead, responses=problems(401, 403, 409, 422))
async def create_offer(data: OfferCreate, call: Writer, key: IdempotencyKey = None) -> JSONResponse:
    """Add an offer to the catalogue (opret tilbud); admin only."""
    return await call.create(key, filed("/v1/offers"), service.create_offer, data)


@router.get("", response_model=Page[OfferRead], responses=READ_PAGE)
async def list_offers(
    call: Reader,
    limit: Limit = 50,
    cursor: Cursor = None,
    q: Text = None,
    age: Age = None,
    target_group: TargetGroup = None,
    provider_department: Provider = None,
    active: Active = None,
) -> Page[OfferRead]:
    """Search the catalogue of offers (tilbudsvifte), alphabetically, with occupancy."""
    found = await call.run(
        service.list_offers,
        limit=limit,
        cursor=cursor,
        text=q,
        age=age,
        target_group=target_group,
        provider_department=provider_department,
        active=active,
    )
    return call.page(OfferRead, found)


@router.get("/{offer_id}", response_model=OfferRead, responses=READ_ONE)
async def read_offer(offer_id: uuid.UUID, call: Reader) -> OfferRead:
    """Read one offer with its occupancy (læs tilbud)."""
    return call.with_etag(await call.run(service.read_offer, offer_id))


@router.patch("/{offer_id}", response_model=OfferRead, responses=CHANGE)
async def change_offer(offer_id: uuid.UUID, data: OfferUpdate, expected: IfMatch, call: Writer) -> OfferRead:
    """Change an offer (ret tilbud), e.g. end it with `active_to`; admin only, needs If-Match."""
    return call.with_etag(await call.run(service.change_offer, offer_id, data, expected_version=expected))
