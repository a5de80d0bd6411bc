"""Every query of the aggregate figures: counts over the transaction's municipality (row-level
security), whoever asks."""

from __future__ import annotations

from datetime import date

from sqlalchemy import distinct, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import case_open_on
from ungeapi.models import CoordinatingTeam, Department, GuideAssignment, Plan, Youth, YouthCase
from ungeapi.models.guide import PENDING_OR_ACTIVE
from ungeapi.models.plan import FINISHED_STATUSES
from ungeapi.municipality.policy import Policy
from ungeapi.youth.rules import latest_birth_date_for_age


async def target_group_counts(session: AsyncSession) -> tuple[int, dict[str, int]]:
    """(youth not archived, of them per target group)."""
    current = Youth.archived_at.is_(None)
    total = (await session.execute(select(func.count()).select_from(Youth).where(current))).scalar_one()
    flags = select(func.unnest(Youth.target_groups).label("flag")).where(current).subquery("flags")
    rows = await session.execute(select(flags.c.flag, func.count()).group_by(flags.c.flag))
    return int(total), {str(k): int(n) for k, n in rows.all()}


async def guide_coverage_counts(session: AsyncSession, today: date, policy: Policy) -> tuple[int, int]:
    """(youth R8 gives a guide, of them with an offered, accepted or active guide)."""
    eligible = (
        select(YouthCase.youth_id.label("youth_id"))
        .join(
            Department, (Department.code == YouthCase.department_code) & Department.authority_unit.is_(True)
        )
        .join(Youth, Youth.id == YouthCase.youth_id)
        .where(
            case_open_on(today),
            Youth.archived_at.is_(None),
            Youth.birth_date <= latest_birth_date_for_age(today, policy.guide_age_min),
            Youth.birth_date > latest_birth_date_for_age(today, policy.guide_age_max + 1),
        )
        .group_by(YouthCase.youth_id)
        .having(func.count(distinct(YouthCase.department_code)) >= policy.guide_min_authorities)
        .subquery("eligible")
    )
    guided = exists(
        select(GuideAssignment.id).where(
            GuideAssignment.youth_id == eligible.c.youth_id, GuideAssignment.state.in_(PENDING_OR_ACTIVE)
        )
    )
    row = (
        await session.execute(select(func.count(), func.count().filter(guided)).select_from(eligible))
    ).one()
    return int(row[0]), int(row[1])


async def destination_counts(session: AsyncSession) -> dict[str, int]:
    """Current plans per destination (`none` for a plan without one)."""
    key = func.coalesce(Plan.destination, "none")
    rows = await session.execute(
        select(key, func.count()).where(Plan.status.not_in(FINISHED_STATUSES)).group_by(key)
    )
    return {str(k): int(n) for k, n in rows.all()}


async def team_counts(session: AsyncSession) -> tuple[int, int]:
    """(teams not decided late, of them first met before the youth's 17th birthday)."""
    turns_17 = func.ungeapi_date_turning(Youth.birth_date, 17)
    met = CoordinatingTeam.first_meeting_on.is_not(None) & (CoordinatingTeam.first_meeting_on < turns_17)
    row = (
        await session.execute(
            select(func.count(), func.count().filter(met))
            .select_from(CoordinatingTeam)
            .join(Youth, Youth.id == CoordinatingTeam.youth_id)
            .where(CoordinatingTeam.decided_late.is_(False))
        )
    ).one()
    return int(row[0]), int(row[1])
