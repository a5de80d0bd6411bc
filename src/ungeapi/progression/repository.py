"""Progression phases' queries."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.reads import MomentAfter, keyset_rows
from ungeapi.models import Plan, PlanProgression, ProgressionPhase
from ungeapi.models.plan import FINISHED_STATUSES


async def scale(session: AsyncSession) -> list[ProgressionPhase]:
    return list(await session.scalars(select(ProgressionPhase).order_by(ProgressionPhase.position)))


async def clear_scale(session: AsyncSession) -> None:
    await session.execute(delete(ProgressionPhase))


async def plan(session: AsyncSession, plan_id: uuid.UUID) -> Plan | None:
    return await session.get(Plan, plan_id)


async def page(
    session: AsyncSession, plan_id: uuid.UUID, *, limit: int, after: MomentAfter
) -> list[PlanProgression]:
    """A plan's phases, newest first (ix_plan_progression_plan_recorded)."""
    phases = select(PlanProgression).where(PlanProgression.plan_id == plan_id)
    return await keyset_rows(
        session, phases, PlanProgression.recorded_at, PlanProgression.id, limit=limit, after=after
    )


async def for_youth(session: AsyncSession, youth_id: uuid.UUID) -> list[PlanProgression]:
    """Every phase recorded for the youth's plans, oldest first, for their export."""
    query = select(PlanProgression).where(PlanProgression.youth_id == youth_id)
    return list(await session.scalars(query.order_by(PlanProgression.recorded_at, PlanProgression.id)))


async def latest(session: AsyncSession, plan_id: uuid.UUID) -> PlanProgression | None:
    rows = await page(session, plan_id, limit=1, after=None)
    return rows[0] if rows else None


async def current_counts(session: AsyncSession) -> dict[str, int]:
    """How many current plans of the municipality are in each phase (their latest), one statement."""
    p = PlanProgression
    latest_per_plan: Any = (
        select(p.phase)
        .join(Plan, Plan.id == p.plan_id)
        .where(Plan.status.not_in(FINISHED_STATUSES))
        .ext(distinct_on(p.plan_id))
        .order_by(p.plan_id, p.recorded_at.desc(), p.id.desc())
        .subquery()
    )
    rows = await session.execute(
        select(latest_per_plan.c.phase, func.count()).group_by(latest_per_plan.c.phase)
    )
    return {phase: count for phase, count in rows}
