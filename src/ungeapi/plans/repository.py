"""Every query about plans, scoped through the youth they belong to."""

from __future__ import annotations

import uuid
from collections.abc import Hashable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, cast, func, literal, literal_column, select
from sqlalchemy.dialects.postgresql import JSONB, aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from ungeapi.access import YouthRecords
from ungeapi.core import statements
from ungeapi.core.context import Ctx
from ungeapi.core.reads import Audit, AuditedRead, Row
from ungeapi.models import Plan, PlanGoal, PlanMeasure, PlanRevision
from ungeapi.models.plan import FINISHED_STATUSES

RECORDS = YouthRecords(Plan, "plan")
visible, get, find = RECORDS.visible, RECORDS.get, RECORDS.find


def _rows_of(table: Any, plan_id: Any) -> Any:
    """A plan's goals or measures in order, as one JSON array (its rows' columns by name)."""
    rows = select(table).where(table.c.plan_id == plan_id).subquery(f"{table.name}_row")
    each = func.to_jsonb(literal_column(rows.name))
    return (
        select(
            func.coalesce(
                func.jsonb_agg(aggregate_order_by(each, rows.c.position)), cast(literal("[]"), JSONB)
            )
        )
        .select_from(rows)
        .scalar_subquery()
    )


def _with_parts(ctx: Ctx, _: Hashable) -> Select[Any]:
    plans = visible(ctx.principal, ctx.today).where(Plan.id == statements.ID).subquery("plan_row")
    return select(
        plans,
        _rows_of(PlanGoal.__table__, plans.c.id).label("goal_rows"),
        _rows_of(PlanMeasure.__table__, plans.c.id).label("measure_rows"),
    )


READ_ONE = AuditedRead(_with_parts, Audit("read", "plan"))


async def read_one(
    session: AsyncSession, ctx: Ctx, plan_id: uuid.UUID
) -> tuple[Row, list[Row], list[Row]] | None:
    """The plan in the caller's read scope with its goals and measures, audited as read."""
    plan = await READ_ONE.one(session, ctx, {statements.ID: plan_id})
    if plan is None:
        return None
    return plan, [Row(g) for g in plan.goal_rows], [Row(m) for m in plan.measure_rows]


async def current_for_youth(session: AsyncSession, youth_id: uuid.UUID) -> Plan | None:
    """The youth's plan that is not completed or closed (at most one, R2); unscoped."""
    query = select(Plan).where(Plan.youth_id == youth_id, Plan.status.not_in(FINISHED_STATUSES))
    return (await session.execute(query)).scalar_one_or_none()


Part = TypeVar("Part", PlanGoal, PlanMeasure)


async def parts(session: AsyncSession, model: type[Part], plan_id: uuid.UUID) -> list[Part]:
    """The plan's goals or measures in order, read afresh (a write may have changed them)."""
    query = select(model).where(model.plan_id == plan_id).order_by(model.position)
    return list((await session.execute(query.execution_options(populate_existing=True))).scalars())


async def goal(session: AsyncSession, plan_id: uuid.UUID, goal_id: uuid.UUID) -> PlanGoal | None:
    query = select(PlanGoal).where(PlanGoal.plan_id == plan_id, PlanGoal.id == goal_id).with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def measure(session: AsyncSession, plan_id: uuid.UUID, measure_id: uuid.UUID) -> PlanMeasure | None:
    query = (
        select(PlanMeasure)
        .where(PlanMeasure.plan_id == plan_id, PlanMeasure.id == measure_id)
        .with_for_update()
    )
    return (await session.execute(query)).scalar_one_or_none()


PAGE = RECORDS.page(
    Plan.created_at,
    equal={"status": Plan.status, "coordinating_sub": Plan.coordinating_sub},
)


async def revision(session: AsyncSession, plan_id: uuid.UUID, number: int) -> PlanRevision | None:
    query = select(PlanRevision).where(PlanRevision.plan_id == plan_id, PlanRevision.number == number)
    return (await session.execute(query)).scalar_one_or_none()


async def revision_as_of(session: AsyncSession, plan_id: uuid.UUID, before: datetime) -> PlanRevision | None:
    """The latest revision made before `before`."""
    query = (
        select(PlanRevision)
        .where(PlanRevision.plan_id == plan_id, PlanRevision.occurred_at < before)
        .order_by(PlanRevision.number.desc())
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def revisions_page(
    session: AsyncSession, plan_id: uuid.UUID, *, limit: int, after: int | None
) -> list[PlanRevision]:
    # The list leaves out the snapshots; one revision read by number carries its snapshot.
    query = select(PlanRevision).options(defer(PlanRevision.snapshot)).where(PlanRevision.plan_id == plan_id)
    if after is not None:
        query = query.where(PlanRevision.number > after)
    query = query.order_by(PlanRevision.number).limit(limit + 1)
    return list((await session.execute(query)).scalars())


async def next_positions(session: AsyncSession, plan_id: uuid.UUID) -> tuple[int, int]:
    """The next free goal and measure positions; the caller holds the plan's row lock."""
    goal = select(func.coalesce(func.max(PlanGoal.position), 0)).where(PlanGoal.plan_id == plan_id)
    measure = select(func.coalesce(func.max(PlanMeasure.position), 0)).where(PlanMeasure.plan_id == plan_id)
    row = (await session.execute(select(goal.scalar_subquery(), measure.scalar_subquery()))).one()
    return int(row[0]) + 1, int(row[1]) + 1
