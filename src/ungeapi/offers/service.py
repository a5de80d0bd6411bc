"""Use cases of the offers catalogue (tilbudsvifte): admin keeps it, the municipality reads it.

Occupancy (belægning) is counted from the plan measures (indsatser) that use an offer and are
active, at read time, so it can never drift from the plans.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.changes import Ledger
from ungeapi.core.concurrency import check_version
from ungeapi.core.context import Ctx
from ungeapi.core.pagination import decode_keyset, split_page
from ungeapi.core.schemas import from_row
from ungeapi.models import Offer
from ungeapi.municipality.service import department_exists
from ungeapi.offers import repository, rules
from ungeapi.offers.errors import (
    AgeRangeInvalid,
    OfferNotFound,
    PeriodInvalid,
    ProviderRequired,
    UnknownDepartment,
)
from ungeapi.offers.schemas import OfferContact, OfferCreate, OfferRead, OfferUpdate

RESOURCE = "offer"
LEDGER = Ledger(RESOURCE, youth=None)


def to_read(offer: Offer, occupancy: int, ctx: Ctx) -> OfferRead:
    return from_row(
        OfferRead,
        offer,
        target_groups=list(offer.target_groups),
        occupancy=occupancy,
        free_places=rules.free_places(offer.capacity, occupancy),
        contact=OfferContact.model_validate(offer.contact) if offer.contact else None,
        active=rules.active_on(offer.active_from, offer.active_to, ctx.today),
    )


CHECKED_FIELDS = (
    "age_min",
    "age_max",
    "active_from",
    "active_to",
    "provider_department_code",
    "provider_name",
)


async def _check(session: AsyncSession, values: dict[str, Any], *, check_department: bool = True) -> None:
    if not rules.age_range_valid(values.get("age_min"), values.get("age_max")):
        raise AgeRangeInvalid()
    if not rules.period_valid(values.get("active_from"), values.get("active_to")):
        raise PeriodInvalid()
    department = values.get("provider_department_code")
    if not rules.has_provider(department, values.get("provider_name")):
        raise ProviderRequired()
    if check_department and department is not None and not await department_exists(session, department):
        raise UnknownDepartment(department=department)


async def create_offer(session: AsyncSession, ctx: Ctx, data: OfferCreate) -> OfferRead:
    values = data.model_dump()
    values["contact"] = data.contact.model_dump(exclude_none=True) if data.contact else None
    await _check(session, values)
    offer = Offer(municipality_code=ctx.principal.municipality, name_key=rules.name_key(data.name), **values)
    await LEDGER.added(session, ctx, offer)
    return to_read(offer, 0, ctx)


async def read_offer(session: AsyncSession, ctx: Ctx, offer_id: uuid.UUID) -> OfferRead:
    found = await repository.get_with_occupancy(session, offer_id)
    if found is None:
        raise OfferNotFound()
    return to_read(*found, ctx)


async def offer_exists(session: AsyncSession, offer_id: uuid.UUID) -> bool:
    """For the plans domain: a measure may only reference an offer of the municipality."""
    return await repository.get(session, offer_id) is not None


async def list_offers(
    session: AsyncSession,
    ctx: Ctx,
    *,
    limit: int,
    cursor: str | None,
    text: str | None,
    age: int | None,
    target_group: str | None,
    provider_department: str | None,
    active: bool | None,
) -> tuple[list[OfferRead], str | None]:
    after = decode_keyset(cursor, str)
    rows = await repository.list_page(
        session,
        today=ctx.today,
        limit=limit,
        after=after,
        text=text.strip() or None if text is not None else None,
        age=age,
        target_group=target_group,
        provider_department=provider_department,
        active=active,
    )
    rows, next_cursor = split_page(rows, limit, lambda row: (row[0].name_key, row[0].id))
    return [to_read(offer, occupied, ctx) for offer, occupied in rows], next_cursor


async def change_offer(
    session: AsyncSession, ctx: Ctx, offer_id: uuid.UUID, data: OfferUpdate, *, expected_version: int
) -> OfferRead:
    offer = await repository.get(session, offer_id, for_update=True)
    if offer is None:
        raise OfferNotFound()
    check_version(expected_version, offer.version)
    changes = data.model_dump(exclude_unset=True)
    if "contact" in changes:
        changes["contact"] = data.contact.model_dump(exclude_none=True) if data.contact else None
    if changes.get("name", "") is None:  # the name is required; null leaves it
        del changes["name"]
    if "target_groups" in changes and changes["target_groups"] is None:
        changes["target_groups"] = []
    merged = {field: changes.get(field, getattr(offer, field)) for field in CHECKED_FIELDS}
    await _check(session, merged, check_department="provider_department_code" in changes)
    for field, value in changes.items():
        setattr(offer, field, value)
    if "name" in changes:
        offer.name_key = rules.name_key(offer.name)
    await LEDGER.saved(session, ctx, offer, detail={"fields": sorted(changes)})
    return to_read(offer, await repository.occupancy(session, offer.id), ctx)
