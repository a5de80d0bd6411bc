"""The youth's own door's queries: the youth's own records, found by who they are, not by any
employee's scope (row-level security still keeps them inside the municipality)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.dialects.postgresql import distinct_on, insert
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.reads import keyset_rows
from ungeapi.models import (
    AgendaItem,
    CitizenSubject,
    CoordinatingTeam,
    Department,
    ForumMeeting,
    GuideAssignment,
    Plan,
    PlanGoal,
    PlanMeasure,
    TeamMeeting,
    Youth,
    YouthStatement,
)
from ungeapi.models.guide import PENDING_OR_ACTIVE
from ungeapi.models.plan import FINISHED_STATUSES


async def youth_by_cpr_hash(session: AsyncSession, cpr_hash: bytes) -> Youth | None:
    """uq_youth_municipality_code_cpr_hash finds it."""
    query = select(Youth).where(Youth.cpr_hash == cpr_hash)
    return (await session.execute(query)).scalar_one_or_none()


async def youth_by_subject(session: AsyncSession, subject: str) -> Youth | None:
    """The youth a pseudonymous `sub` is registered for (uq_citizen_subject_subject_municipality_code)."""
    mapped = select(CitizenSubject.cpr_hash).where(CitizenSubject.subject == subject).scalar_subquery()
    return (await session.execute(select(Youth).where(Youth.cpr_hash == mapped))).scalar_one_or_none()


async def register_subject(session: AsyncSession, row: dict[str, Any]) -> CitizenSubject:
    """The mapping of `row["subject"]`, written or replaced: the integration's latest word holds."""
    stmt = (
        insert(CitizenSubject)
        .values(**row)
        .on_conflict_do_update(
            constraint="uq_citizen_subject_subject_municipality_code",
            set_={
                "cpr_hash": row["cpr_hash"],
                "registered_by_sub": row["registered_by_sub"],
                "registered_at": func.now(),
            },
        )
        .returning(CitizenSubject)
    )
    return (await session.execute(stmt)).scalar_one()


async def _latest(session: AsyncSession, query: Select[Any]) -> Any:
    return (await session.execute(query.limit(1))).scalar_one_or_none()


async def current_plan(session: AsyncSession, youth_id: uuid.UUID) -> Plan | None:
    """uq_plan_one_current_per_youth: at most one."""
    where = (Plan.youth_id == youth_id, Plan.status.not_in(FINISHED_STATUSES))
    plan: Plan | None = await _latest(session, select(Plan).where(*where))
    return plan


async def plan_parts(session: AsyncSession, plan_id: uuid.UUID) -> tuple[list[PlanGoal], list[PlanMeasure]]:
    goals = await session.scalars(
        select(PlanGoal).where(PlanGoal.plan_id == plan_id).order_by(PlanGoal.position)
    )
    measures = await session.scalars(
        select(PlanMeasure).where(PlanMeasure.plan_id == plan_id).order_by(PlanMeasure.position)
    )
    return list(goals), list(measures)


async def current_guide(session: AsyncSession, youth_id: uuid.UUID) -> GuideAssignment | None:
    g = GuideAssignment
    query = (
        select(g).where(g.youth_id == youth_id, g.state.in_(PENDING_OR_ACTIVE)).order_by(g.offered_on.desc())
    )
    guide: GuideAssignment | None = await _latest(session, query)
    return guide


async def department_names(session: AsyncSession, codes: set[str]) -> dict[str, str]:
    if not codes:
        return {}
    rows = await session.execute(select(Department.code, Department.name).where(Department.code.in_(codes)))
    return {code: name for code, name in rows}


def meeting_ends_at() -> Any:
    return ForumMeeting.starts_at + func.make_interval(0, 0, 0, 0, 0, ForumMeeting.capacity_minutes)


async def upcoming_meetings(
    session: AsyncSession,
    youth_id: uuid.UUID,
    now: datetime,
    *,
    limit: int,
    after: tuple[datetime, uuid.UUID] | None,
) -> list[ForumMeeting]:
    """The forum meetings the youth is on the agenda of, from now on, soonest first."""
    query = select(ForumMeeting).where(
        ForumMeeting.id.in_(select(AgendaItem.meeting_id).where(AgendaItem.youth_id == youth_id)),
        meeting_ends_at() > now,
    )
    return await keyset_rows(
        session, query, ForumMeeting.starts_at, ForumMeeting.id, limit=limit, after=after, newest_first=False
    )


async def forum_meeting_of(
    session: AsyncSession, youth_id: uuid.UUID, meeting_id: uuid.UUID
) -> ForumMeeting | None:
    query = select(ForumMeeting).where(
        ForumMeeting.id == meeting_id,
        ForumMeeting.id.in_(select(AgendaItem.meeting_id).where(AgendaItem.youth_id == youth_id)),
    )
    return (await session.execute(query)).scalar_one_or_none()


async def team_meeting_of(
    session: AsyncSession, youth_id: uuid.UUID, meeting_id: uuid.UUID
) -> TeamMeeting | None:
    query = (
        select(TeamMeeting)
        .join(CoordinatingTeam, CoordinatingTeam.id == TeamMeeting.team_id)
        .where(TeamMeeting.id == meeting_id, CoordinatingTeam.youth_id == youth_id)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def plan_of(session: AsyncSession, youth_id: uuid.UUID, plan_id: uuid.UUID) -> Plan | None:
    query = select(Plan).where(Plan.id == plan_id, Plan.youth_id == youth_id)
    return (await session.execute(query)).scalar_one_or_none()


async def latest_edition(
    session: AsyncSession, youth_id: uuid.UUID, kind: str, subject_id: uuid.UUID
) -> int | None:
    """uq_youth_statement_youth_id_kind_subject_id_edition answers it."""
    query = select(func.max(YouthStatement.edition)).where(
        YouthStatement.youth_id == youth_id,
        YouthStatement.kind == kind,
        YouthStatement.subject_id == subject_id,
    )
    return (await session.execute(query)).scalar_one()


async def latest_replies(
    session: AsyncSession, youth_id: uuid.UUID, meeting_ids: list[uuid.UUID]
) -> dict[uuid.UUID, str]:
    if not meeting_ids:
        return {}
    query = (
        select(YouthStatement.subject_id, YouthStatement.reply)
        .where(
            YouthStatement.youth_id == youth_id,
            YouthStatement.kind == "reply",
            YouthStatement.subject_id.in_(meeting_ids),
        )
        .ext(distinct_on(YouthStatement.subject_id))
        .order_by(YouthStatement.subject_id, YouthStatement.edition.desc())
    )
    return {subject: reply for subject, reply in await session.execute(query) if reply}


async def statements_page(session: AsyncSession, youth_id: uuid.UUID, **page: Any) -> list[YouthStatement]:
    """The youth's statements, newest first (ix_youth_statement_youth_written); `page`: limit, after."""
    mine = select(YouthStatement).where(YouthStatement.youth_id == youth_id)
    return await keyset_rows(session, mine, YouthStatement.written_at, YouthStatement.id, **page)


async def statements_of(session: AsyncSession, youth_id: uuid.UUID) -> list[YouthStatement]:
    """Every statement of the youth, oldest first, for their export (ix_youth_statement_youth_written)."""
    query = select(YouthStatement).where(YouthStatement.youth_id == youth_id)
    return list(await session.scalars(query.order_by(YouthStatement.written_at, YouthStatement.id)))


async def statement_for_answer(
    session: AsyncSession, youth_id: uuid.UUID, statement_id: uuid.UUID
) -> YouthStatement | None:
    query = (
        select(YouthStatement)
        .where(YouthStatement.id == statement_id, YouthStatement.youth_id == youth_id)
        .with_for_update()
    )
    return (await session.execute(query)).scalar_one_or_none()
