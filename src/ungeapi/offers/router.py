from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from pydantic import Field

from ungeapi.core.http import READ_PAGE, Call, call_as
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import PageQuery
from ungeapi.core.routes import Collection
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


offers = Collection(router, OfferRead, "offer_id", reader=Reader, writer=Writer)
offers.create(
    "create_offer",
    OfferCreate,
    service.create_offer,
    "Add an offer to the catalogue (opret tilbud); admin only.",
    responses=problems(401, 403, 409, 422),
)
offers.page(
    "list_offers",
    OffersQuery,
    service.list_offers,
    "Search the catalogue of offers (tilbudsvifte), alphabetically, with occupancy.",
    responses=READ_PAGE,
)
offers.read("read_offer", service.read_offer, "Read one offer with its occupancy (læs tilbud).")
offers.change(
    "change_offer",
    OfferUpdate,
    service.change_offer,
    "Change an offer (ret tilbud), e.g. end it with `active_to`; admin only, needs If-Match.",
)
