"""Every query of the legal-basis catalogue. The catalogue is national and holds no one's data,
so its reads are neither scoped nor audited."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.models import LegalBasis


async def get(session: AsyncSession, basis_id: str) -> LegalBasis | None:
    return await session.get(LegalBasis, basis_id)


async def by_code(session: AsyncSession, code: str) -> Sequence[LegalBasis]:
    """Every entry for one reference (each for its own period)."""
    return (await session.execute(select(LegalBasis).where(LegalBasis.code == code))).scalars().all()


async def page(
    session: AsyncSession, *, limit: int, after: str | None, law: str | None, valid_on: date | None
) -> Sequence[LegalBasis]:
    """`limit` + 1 entries after the id `after`, by id."""
    query = select(LegalBasis).order_by(LegalBasis.id).limit(limit + 1)
    if after is not None:
        query = query.where(LegalBasis.id > after)
    if law is not None:
        query = query.where(LegalBasis.law == law)
    if valid_on is not None:
        query = query.where(
            LegalBasis.valid_from <= valid_on,
            LegalBasis.valid_to.is_(None) | (LegalBasis.valid_to >= valid_on),
        )
    return (await session.execute(query)).scalars().all()
