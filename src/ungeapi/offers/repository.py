"""Every query about offers. The catalogue is the municipality's (row-level security); no youth scope."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Select, cast, func, literal, select
from sqlalchemy.dialects.postgresql import REGCONFIG
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.models import Offer, PlanMeasure

# A measure uses a place in the offer while it is active (plan measure status).
OCCUPYING_MEASURE_STATUS = "active"


def with_occupancy() -> Select[Offer, int]:
    """Offers with their occupancy in one set-based query: LEFT JOIN the active measures, GROUP BY."""
    return (
        select(Offer, func.count(PlanMeasure.id).label("occupancy"))
        .outerjoin(
            PlanMeasure,
            (PlanMeasure.offer_id == Offer.id) & (PlanMeasure.status == OCCUPYING_MEASURE_STATUS),
        )
        .group_by(Offer.id, Offer.municipality_code)  # the primary key: the offer's columns depend on it
    )


def danish_query(text: str) -> Any:
    return func.websearch_to_tsquery(cast(literal("danish"), REGCONFIG), text)


async def get(session: AsyncSession, offer_id: uuid.UUID, *, for_update: bool = False) -> Offer | None:
    query = select(Offer).where(Offer.id == offer_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def occupancy(session: AsyncSession, offer_id: uuid.UUID) -> int:
    query = select(func.count(PlanMeasure.id)).where(
        PlanMeasure.offer_id == offer_id, PlanMeasure.status == OCCUPYING_MEASURE_STATUS
    )
    return int((await session.execute(query)).scalar_one())


async def get_with_occupancy(session: AsyncSession, offer_id: uuid.UUID) -> tuple[Offer, int] | None:
    row = (await session.execute(with_occupancy().where(Offer.id == offer_id))).one_or_none()
    return (row[0], int(row[1])) if row is not None else None


async def list_page(
    session: AsyncSession,
    *,
    today: date,
    limit: int,
    after: tuple[str, uuid.UUID] | None,
    text: str | None,
    age: int | None,
    target_group: str | None,
    provider_department: str | None,
    active: bool | None,
) -> list[tuple[Offer, int]]:
    """Alphabetical by case-folded name; `text` is a Danish web-search query against the stemmed
    name and description."""
    query = with_occupancy()
    if text is not None:
        query = query.where(Offer.search.op("@@")(danish_query(text)))
    if age is not None:
        query = query.where(
            (Offer.age_min.is_(None) | (Offer.age_min <= age))
            & (Offer.age_max.is_(None) | (Offer.age_max >= age))
        )
    if target_group is not None:
        query = query.where(Offer.target_groups.contains([target_group]))
    if provider_department is not None:
        query = query.where(Offer.provider_department_code == provider_department)
    if active is not None:
        is_active = (Offer.active_from.is_(None) | (Offer.active_from <= today)) & (
            Offer.active_to.is_(None) | (Offer.active_to >= today)
        )
        query = query.where(is_active if active else ~is_active)
    if after is not None:
        query = query.where((Offer.name_key, Offer.id) > after)  # type: ignore[operator]
    query = query.order_by(Offer.name_key, Offer.id).limit(limit + 1)
    return [(row[0], int(row[1])) for row in (await session.execute(query)).all()]
