"""Queries of the import jobs and their reports (the batches' own set-based writes are
imports/bulk.py)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, insert, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.models import Department, ImportJob, ImportProblem


async def get_job(session: AsyncSession, job_id: uuid.UUID, *, fresh: bool = False) -> ImportJob | None:
    """`fresh`: read again even when the session holds the row (an import writes it in its own
    transactions meanwhile)."""
    return await session.get(ImportJob, job_id, populate_existing=fresh)


async def job_version(session: AsyncSession, job_id: uuid.UUID) -> int:
    version: int = (
        await session.execute(select(ImportJob.version).where(ImportJob.id == job_id))
    ).scalar_one()
    return version


async def problems_page(
    session: AsyncSession, job_id: uuid.UUID, *, after: tuple[int, int] | None, limit: int
) -> list[ImportProblem]:
    """A job's problems by line after the keyset `after`; at most `limit` rows."""
    query = select(ImportProblem).where(ImportProblem.import_id == job_id)
    if after is not None:
        query = query.where(tuple_(ImportProblem.line, ImportProblem.id) > tuple_(*after))
    query = query.order_by(ImportProblem.line, ImportProblem.id).limit(limit)
    return list((await session.execute(query)).scalars())


async def problem_codes(session: AsyncSession, job_id: uuid.UUID) -> list[tuple[str, int]]:
    """How many problems of each code a job's report holds, most first."""
    found = await session.execute(
        select(ImportProblem.code, func.count())
        .where(ImportProblem.import_id == job_id)
        .group_by(ImportProblem.code)
        .order_by(func.count().desc(), ImportProblem.code)
    )
    return [(code, int(count)) for code, count in found.all()]


async def add_problems(session: AsyncSession, problems: list[dict[str, Any]]) -> None:
    await session.execute(insert(ImportProblem), problems)


async def save_job(session: AsyncSession, job_id: uuid.UUID, values: dict[str, Any]) -> None:
    await session.execute(update(ImportJob).where(ImportJob.id == job_id).values(**values))


async def department_codes(session: AsyncSession) -> set[str]:
    return set((await session.execute(select(Department.code))).scalars())
