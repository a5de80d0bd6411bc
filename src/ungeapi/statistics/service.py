"""Aggregate figures, computed in SQL over the caller's municipality; small cells suppressed."""

from __future__ import annotations

from datetime import date
from typing import get_args

from sqlalchemy import distinct, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import case_open_on
from ungeapi.core import audit
from ungeapi.core.context import Ctx
from ungeapi.models import CoordinatingTeam, Department, GuideAssignment, Plan, Youth, YouthCase
from ungeapi.models.guide import PENDING_OR_ACTIVE
from ungeapi.models.plan import DESTINATIONS, FINISHED_STATUSES
from ungeapi.municipality.service import get_policy
from ungeapi.obligations import service as obligation_service
from ungeapi.statistics.rules import share
from ungeapi.statistics.schemas import (
    Cell,
    CountRow,
    DestinationStatistics,
    GuideCoverage,
    MissedObligationRow,
    ObligationStatistics,
    TargetGroupStatistics,
    TeamStatistics,
)
from ungeapi.youth.rules import latest_birth_date_for_age
from ungeapi.youth.schemas import TargetGroup

POSITIVE_DESTINATIONS = ("education", "job")
MISSED_FIGURES = ("open_overdue", "resolved_late", "resolved_in_time", "closed_late")


async def _audited(session: AsyncSession, ctx: Ctx, figure: str) -> None:
    await audit.record(
        session, ctx, action="statistics", resource_type="statistics", detail={"figure": figure}
    )


async def target_groups(session: AsyncSession, ctx: Ctx, *, today: date) -> TargetGroupStatistics:
    """Youth per target group (målgruppe), archived youth left out; pseudonymized youth still count."""
    current = Youth.archived_at.is_(None)
    total = (await session.execute(select(func.count()).select_from(Youth).where(current))).scalar_one()
    flags = select(func.unnest(Youth.target_groups).label("flag")).where(current).subquery("flags")
    rows = await session.execute(select(flags.c.flag, func.count()).group_by(flags.c.flag))
    counts = {str(k): int(n) for k, n in rows.all()}
    await _audited(session, ctx, "target_groups")
    return TargetGroupStatistics(
        as_of=today,
        youth=Cell.of(int(total)),
        target_groups=[CountRow(key=g, count=Cell.of(counts.get(g, 0))) for g in get_args(TargetGroup)],
    )


async def guide_coverage(session: AsyncSession, ctx: Ctx, *, today: date) -> GuideCoverage:
    """R8: of the youth with open cases in at least N authority units and in the age window,
    how many have an offered, accepted or active guide."""
    policy = await get_policy(session)
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
    total, covered = int(row[0]), int(row[1])
    await _audited(session, ctx, "guide_coverage")
    return GuideCoverage(
        as_of=today, eligible=Cell.of(total), covered=Cell.of(covered), share=share(covered, total)
    )


async def destinations(session: AsyncSession, ctx: Ctx, *, today: date) -> DestinationStatistics:
    """Current plans per destination; education and job are a positive destination (S0, S4)."""
    key = func.coalesce(Plan.destination, "none")
    rows = await session.execute(
        select(key, func.count()).where(Plan.status.not_in(FINISHED_STATUSES)).group_by(key)
    )
    counts = {str(k): int(n) for k, n in rows.all()}
    total = sum(counts.values())
    positive = sum(counts.get(d, 0) for d in POSITIVE_DESTINATIONS)
    await _audited(session, ctx, "destinations")
    return DestinationStatistics(
        as_of=today,
        plans=Cell.of(total),
        positive=Cell.of(positive),
        share=share(positive, total),
        destinations=[CountRow(key=d, count=Cell.of(counts.get(d, 0))) for d in (*DESTINATIONS, "none")],
    )


async def teams(session: AsyncSession, ctx: Ctx, *, today: date) -> TeamStatistics:
    """R16: of the coordinating teams not decided late (the youth was under 17), how many had
    their first meeting before the youth's 17th birthday."""
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
    total, before = int(row[0]), int(row[1])
    await _audited(session, ctx, "teams")
    return TeamStatistics(
        as_of=today, teams=Cell.of(total), met_before_17=Cell.of(before), share=share(before, total)
    )


async def obligations(session: AsyncSession, ctx: Ctx, *, today: date) -> ObligationStatistics:
    """§8.2: missed obligations per kind: overdue on the worklist on `today`, resolved with a
    reason after their due date, or (R11) closed late by an update after the window's end."""
    counts = await obligation_service.missed_counts(session, ctx, today=today)
    rows: list[MissedObligationRow] = []
    total = 0
    for kind in sorted(obligation_service.SOURCES):
        figures = counts.get(kind, {})
        missed = sum(figures.get(f, 0) for f in ("open_overdue", "resolved_late", "closed_late"))
        total += missed
        rows.append(
            MissedObligationRow(
                kind=kind,
                missed=Cell.of(missed),
                **{f: Cell.of(figures.get(f, 0)) for f in MISSED_FIGURES},
            )
        )
    await _audited(session, ctx, "obligations")
    return ObligationStatistics(as_of=today, missed=Cell.of(total), kinds=rows)
