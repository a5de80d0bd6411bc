"""Use cases of progression phases: the municipality's scale, recording a plan's phase, its
history, the youth's current phase (ungeapi.me) and the figures."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core import audit
from ungeapi.core.changes import Ledger
from ungeapi.core.context import Ctx
from ungeapi.core.pagination import decode_keyset, split_page
from ungeapi.core.schemas import from_row
from ungeapi.models import Plan, PlanProgression, ProgressionPhase
from ungeapi.models.plan import FINISHED_STATUSES
from ungeapi.privacy.export import Export, register_section
from ungeapi.progression import repository, rules
from ungeapi.progression.errors import PlanFinished, PlanNotFound, ScaleInvalid, UnknownPhase
from ungeapi.progression.schemas import (
    Phase,
    ProgressionCreate,
    ProgressionRead,
    ProgressionScale,
    ProgressionScaleRead,
    ProgressionStatistics,
)
from ungeapi.statistics.schemas import Cell, CountRow
from ungeapi.youth.service import check_age_window, check_visible, writable_youth

RESOURCE = "plan_progression"
# Written once: a later phase is a new row, so no version.
LEDGER = Ledger(RESOURCE)


async def read_scale(session: AsyncSession, ctx: Ctx) -> ProgressionScaleRead:
    phases = await repository.scale(session)
    return ProgressionScaleRead(phases=[from_row(Phase, p) for p in phases])


async def replace_scale(session: AsyncSession, ctx: Ctx, data: ProgressionScale) -> ProgressionScaleRead:
    """The scale as a whole; phases already recorded keep their code and name as they were."""
    if not rules.codes_unique([p.code for p in data.phases]):
        raise ScaleInvalid()
    await repository.clear_scale(session)
    session.add_all(
        ProgressionPhase(municipality_code=ctx.principal.municipality, position=n, **p.model_dump())
        for n, p in enumerate(data.phases, start=1)
    )
    await session.flush()
    await audit.record(
        session, ctx, action="replace", resource_type="progression_scale", detail={"phases": len(data.phases)}
    )
    return ProgressionScaleRead(phases=data.phases)


async def _plan(session: AsyncSession, ctx: Ctx, plan_id: uuid.UUID, *, writing: bool) -> Plan:
    """The plan, if the caller may see its youth; for writing, write about them (no consent
    counts) and only inside the age window (R1/R1a), as every other write to the plan."""
    plan = await repository.plan(session, plan_id)
    if plan is None:
        raise PlanNotFound()
    if writing:
        youth = await writable_youth(session, ctx, plan.youth_id)
        await check_age_window(session, ctx, youth.birth_date)
    else:
        await check_visible(session, ctx, plan.youth_id)
    return plan


async def record_progression(
    session: AsyncSession, ctx: Ctx, plan_id: uuid.UUID, data: ProgressionCreate
) -> ProgressionRead:
    """The plan's phase from today, on the municipality's scale as it is now."""
    plan = await _plan(session, ctx, plan_id, writing=True)
    if plan.status in FINISHED_STATUSES:
        raise PlanFinished()
    scale = {p.code: p for p in await repository.scale(session)}
    if not rules.on_scale(data.phase, scale):
        raise UnknownPhase()
    phase = scale[data.phase]
    row = PlanProgression(
        municipality_code=plan.municipality_code,
        plan_id=plan.id,
        youth_id=plan.youth_id,
        phase=phase.code,
        position=phase.position,
        label_da=phase.label_da,
        label_en=phase.label_en,
        recorded_on=ctx.today,
        note=data.note,
        **ctx.as_actor("recorded_by"),
    )
    await LEDGER.added(session, ctx, row, data={"plan_id": str(plan.id), "phase": phase.code})
    return from_row(ProgressionRead, row)


async def list_progression(
    session: AsyncSession, ctx: Ctx, plan_id: uuid.UUID, *, limit: int, cursor: str | None
) -> tuple[list[ProgressionRead], str | None]:
    """The plan's phases, newest first: the first is the youth's phase now."""
    plan = await _plan(session, ctx, plan_id, writing=False)
    rows = await repository.page(
        session, plan.id, limit=limit, after=decode_keyset(cursor, datetime.fromisoformat)
    )
    rows, next_cursor = split_page(rows, limit, lambda r: (r.recorded_at, r.id))
    await audit.record(
        session, ctx, action="read", resource_type=RESOURCE, resource_id=plan.id, youth_id=plan.youth_id
    )
    return [from_row(ProgressionRead, r) for r in rows], next_cursor


async def current_phase(session: AsyncSession, plan_id: uuid.UUID) -> ProgressionRead | None:
    """The plan's phase now, for a caller already let to the plan (the youth's own, ungeapi.me)."""
    row = await repository.latest(session, plan_id)
    return None if row is None else from_row(ProgressionRead, row)


async def statistics(session: AsyncSession, ctx: Ctx, *, today: date) -> ProgressionStatistics:
    """Current plans per latest phase, in the scale's order; a count under 5 is suppressed."""
    scale = [p.code for p in await repository.scale(session)]
    counts = await repository.current_counts(session)
    await audit.record(
        session, ctx, action="statistics", resource_type="statistics", detail={"figure": "progression"}
    )
    return ProgressionStatistics(
        as_of=today,
        phases=[CountRow(key=code, count=Cell.of(n)) for code, n in rules.per_phase(scale, counts)],
    )


async def progression_section(e: Export) -> Any:
    """Every progression phase recorded for the youth's plans, for the export (right of access)."""
    return [
        from_row(ProgressionRead, r).model_dump(mode="json")
        for r in await repository.for_youth(e.session, e.youth.id)
    ]


register_section("progression", progression_section)
