"""Every query of the privacy tools: the audit log, a youth's records for the export, and the
youth the retention rule may pseudonymize (row-level security keeps each in the municipality)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Row, cast, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import case_open_on
from ungeapi.models import (
    AuditEvent,
    Base,
    Consent,
    GuideAssignment,
    Plan,
    PlanGoal,
    PlanMeasure,
    PlanRevision,
    TeamMember,
    Youth,
    YouthCase,
    YouthPseudonymization,
)
from ungeapi.models.guide import PENDING_OR_ACTIVE
from ungeapi.models.plan import FINISHED_STATUSES
from ungeapi.youth.rules import latest_birth_date_for_age


# --- The audit log ---------------------------------------------------------------------------
async def audit_page(
    session: AsyncSession,
    *,
    limit: int,
    after: tuple[datetime, int] | None,
    start: datetime | None,
    end: datetime | None,
    youth_id: uuid.UUID | None = None,
    sub: str | None = None,
    action: str | None = None,
) -> list[AuditEvent]:
    """Audit rows newest first, in [start, end), after the keyset `after`; `limit` rows and one
    more when a next page exists."""
    query = select(AuditEvent)
    if youth_id is not None:
        query = query.where(AuditEvent.youth_id == youth_id)
    if sub is not None:
        query = query.where(AuditEvent.sub == sub)
    if action is not None:
        query = query.where(AuditEvent.action == action)
    if start is not None:
        query = query.where(AuditEvent.occurred_at >= start)
    if end is not None:
        query = query.where(AuditEvent.occurred_at < end)
    if after is not None:
        query = query.where(tuple_(AuditEvent.occurred_at, AuditEvent.id) < tuple_(*after))
    query = query.order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc()).limit(limit + 1)
    return list((await session.execute(query)).scalars())


async def access_log_lines(
    session: AsyncSession, youth_id: uuid.UUID
) -> Sequence[Row[datetime, str, str, str | None, str | None]]:
    """(occurred_at, action, resource_type, purpose, department) of every audit row about the
    youth, oldest first."""
    query = (
        select(
            AuditEvent.occurred_at,
            AuditEvent.action,
            AuditEvent.resource_type,
            AuditEvent.purpose,
            AuditEvent.department,
        )
        .where(AuditEvent.youth_id == youth_id)
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    )
    return (await session.execute(query)).all()


# --- The export ------------------------------------------------------------------------------
async def records_of_youth(session: AsyncSession, model: Any, youth_id: uuid.UUID, *order: Any) -> list[Any]:
    """Every row of `model` (a table with `youth_id`) about the youth, in `order`."""
    query = select(model).where(model.youth_id == youth_id).order_by(*order)
    return list((await session.execute(query)).scalars())


async def plan_parts(
    session: AsyncSession, plan_id: uuid.UUID
) -> tuple[list[PlanGoal], list[PlanMeasure], list[PlanRevision]]:
    """A plan's goals and measures in their positions, and its revisions by number."""
    goals = select(PlanGoal).where(PlanGoal.plan_id == plan_id).order_by(PlanGoal.position)
    measures = select(PlanMeasure).where(PlanMeasure.plan_id == plan_id).order_by(PlanMeasure.position)
    revisions = select(PlanRevision).where(PlanRevision.plan_id == plan_id).order_by(PlanRevision.number)
    return (
        list((await session.execute(goals)).scalars()),
        list((await session.execute(measures)).scalars()),
        list((await session.execute(revisions)).scalars()),
    )


async def team_members(session: AsyncSession, team_id: uuid.UUID) -> list[TeamMember]:
    return list((await session.execute(select(TeamMember).where(TeamMember.team_id == team_id))).scalars())


# --- Retention -------------------------------------------------------------------------------
def _local_day(column: Any) -> Any:
    return cast(func.timezone("Europe/Copenhagen", column), Date)


def _last_activity() -> Any:
    """The latest change of the youth or of any row about them (every table with `youth_id`
    and `updated_at`, so tables added later count too)."""
    days = [_local_day(Youth.updated_at)]
    for table in Base.metadata.sorted_tables:
        if table.name == Youth.__tablename__ or "youth_id" not in table.c or "updated_at" not in table.c:
            continue
        days.append(
            select(func.max(_local_day(table.c.updated_at)))
            .where(table.c.youth_id == Youth.id)
            .scalar_subquery()
        )
    return func.greatest(*days)


async def retention_candidates(
    session: AsyncSession, *, today: date, age_max: int
) -> Sequence[Row[uuid.UUID, date, date]]:
    """(id, birth date, last activity) of the youth older than the window, not yet pseudonymized,
    with nothing open, oldest first."""
    open_case = select(YouthCase.id).where(YouthCase.youth_id == Youth.id, case_open_on(today)).exists()
    open_guide = (
        select(GuideAssignment.id)
        .where(GuideAssignment.youth_id == Youth.id, GuideAssignment.state.in_(PENDING_OR_ACTIVE))
        .exists()
    )
    current_plan = (
        select(Plan.id).where(Plan.youth_id == Youth.id, Plan.status.not_in(FINISHED_STATUSES)).exists()
    )
    done = select(YouthPseudonymization.youth_id).where(YouthPseudonymization.youth_id == Youth.id).exists()
    query = (
        select(Youth.id, Youth.birth_date, _last_activity())
        .where(
            Youth.birth_date <= latest_birth_date_for_age(today, age_max + 1),
            ~done,
            ~open_case,
            ~open_guide,
            ~current_plan,
        )
        .order_by(Youth.birth_date, Youth.id)
    )
    return (await session.execute(query)).all()


async def locked_youth(session: AsyncSession, youth_id: uuid.UUID) -> Youth | None:
    return await session.get(Youth, youth_id, with_for_update=True)


async def consents_of(session: AsyncSession, youth_id: uuid.UUID) -> list[Consent]:
    return list((await session.execute(select(Consent).where(Consent.youth_id == youth_id))).scalars())
