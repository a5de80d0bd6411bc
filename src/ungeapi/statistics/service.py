"""Aggregate figures, computed in SQL over the caller's municipality; small cells suppressed."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core import audit
from ungeapi.core.context import Ctx
from ungeapi.models.plan import DESTINATIONS
from ungeapi.municipality.service import get_policy
from ungeapi.obligations import service as obligation_service
from ungeapi.statistics import repository
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
from ungeapi.youth.vocabulary import TARGET_GROUP

POSITIVE_DESTINATIONS = ("education", "job")
MISSED_FIGURES = ("open_overdue", "resolved_late", "resolved_in_time", "closed_late")


async def _audited(session: AsyncSession, ctx: Ctx, figure: str) -> None:
    await audit.record(
        session, ctx, action="statistics", resource_type="statistics", detail={"figure": figure}
    )


async def target_groups(session: AsyncSession, ctx: Ctx, *, today: date) -> TargetGroupStatistics:
    """Youth per target group (målgruppe), archived youth left out; pseudonymized youth still count."""
    total, counts = await repository.target_group_counts(session)
    await _audited(session, ctx, "target_groups")
    return TargetGroupStatistics(
        as_of=today,
        youth=Cell.of(total),
        target_groups=[CountRow(key=g, count=Cell.of(counts.get(g, 0))) for g in TARGET_GROUP.values],
    )


async def guide_coverage(session: AsyncSession, ctx: Ctx, *, today: date) -> GuideCoverage:
    """R8: of the youth with open cases in at least N authority units and in the age window,
    how many have an offered, accepted or active guide."""
    policy = await get_policy(session)
    total, covered = await repository.guide_coverage_counts(session, today, policy)
    await _audited(session, ctx, "guide_coverage")
    return GuideCoverage(
        as_of=today, eligible=Cell.of(total), covered=Cell.of(covered), share=share(covered, total)
    )


async def destinations(session: AsyncSession, ctx: Ctx, *, today: date) -> DestinationStatistics:
    """Current plans per destination; education and job are a positive destination (S0, S4)."""
    counts = await repository.destination_counts(session)
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
    total, before = await repository.team_counts(session)
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
