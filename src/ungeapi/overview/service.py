"""The youth's overview: a fixed number of queries whatever the amount of data, audited once."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import categories_opening, record_disclosures, seen_without_consent
from ungeapi.cases.service import open_cases_of
from ungeapi.cases.service import to_read as case_to_read
from ungeapi.core import audit
from ungeapi.core.context import Ctx
from ungeapi.core.messages import Language
from ungeapi.disclosure.screen import grants, screen_mixed
from ungeapi.guides.service import current_guide
from ungeapi.models import (
    AftercareDecision,
    CoordinatingTeam,
    Referral,
    TeamMember,
    TransitionForm,
    YouthCase,
    YouthPlan,
)
from ungeapi.models.referral import OPEN_REFERRAL_STATES
from ungeapi.municipality.service import get_policy
from ungeapi.obligations.schemas import ObligationRead
from ungeapi.obligations.service import SOURCES, due_moments, resolutions_of, to_read, worklist_rows
from ungeapi.overview.schemas import OVERVIEW_LIMIT, OverviewRead
from ungeapi.placements.service import aftercare_read, youth_plan_read
from ungeapi.plans.service import active_plan_summary
from ungeapi.referrals.service import agenda_items
from ungeapi.referrals.service import to_read as referral_to_read
from ungeapi.teams.service import to_read as team_to_read
from ungeapi.transitions.service import to_read as form_to_read
from ungeapi.youth.service import visible_youth

RESOURCE = "overview"


async def _obligations(
    session: AsyncSession, ctx: Ctx, lang: Language, youth_id: uuid.UUID
) -> list[ObligationRead]:
    rows = await worklist_rows(
        session,
        ctx,
        today=ctx.today,
        policy=await get_policy(session),
        kinds=tuple(SOURCES),
        rows=OVERVIEW_LIMIT,
        youth_id=youth_id,
    )
    moments = await due_moments(session, rows)
    return [to_read(row, ctx.today, lang, moments, ctx.now) for row in rows]


# The overview's sections and the resource each shows: a reader who sees the youth only through a
# consent reads only the sections whose resource the consent's categories open, exactly as the
# single reads answer them (access.categories_opening).
SECTIONS = (
    "case",
    "guide",
    "plan",
    "referral",
    "team",
    "transition_form",
    "youth_plan",
    "aftercare_decision",
    "obligation",
)


async def _sections(session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID) -> frozenset[str]:
    """The sections the caller reads: all, when they see the youth by their own standing."""
    if (await session.execute(seen_without_consent(ctx.principal, ctx.today, youth_id))).scalar():
        return frozenset(SECTIONS)
    consented, _ = await grants(session, ctx, {youth_id}, set())
    categories = consented.get(youth_id, set())
    return frozenset(s for s in SECTIONS if categories_opening(s) & categories)


async def read_overview(session: AsyncSession, ctx: Ctx, lang: Language, youth_id: uuid.UUID) -> OverviewRead:
    """Open cases, guide, plan, open referrals, active team, open obligations and those resolved
    with a reason (§8.2) of a youth you may see (else 404); one audit record. Each section shows
    what its own read would show you (R9: protected parts withheld, consent-opened sections only)."""
    youth = await visible_youth(session, ctx, youth_id)
    shown = await _sections(session, ctx, youth.id)
    cases: list[YouthCase] = []
    if "case" in shown:
        cases = await open_cases_of(session, ctx, youth.id, limit=OVERVIEW_LIMIT)
    referrals: list[Referral] = []
    if "referral" in shown:
        referrals = list(
            (
                await session.execute(
                    select(Referral)
                    .where(Referral.youth_id == youth.id, Referral.state.in_(OPEN_REFERRAL_STATES))
                    .order_by(Referral.created_at, Referral.id)
                    .limit(OVERVIEW_LIMIT)
                )
            ).scalars()
        )
    items = await agenda_items(session, [r.id for r in referrals]) if referrals else {}
    policy = await get_policy(session)
    team = None
    if "team" in shown:
        team = (
            await session.execute(
                select(CoordinatingTeam).where(
                    CoordinatingTeam.youth_id == youth.id, CoordinatingTeam.status == "active"
                )
            )
        ).scalar_one_or_none()
    team_read = None
    if team is not None:
        members = (
            await session.execute(
                select(TeamMember)
                .where(TeamMember.team_id == team.id)
                .order_by(TeamMember.joined_on, TeamMember.id)
            )
        ).scalars()
        team_read = team_to_read(team, list(members))
    form = None
    if "transition_form" in shown:
        form = (
            await session.execute(
                select(TransitionForm)
                .where(TransitionForm.youth_id == youth.id)
                .order_by(
                    TransitionForm.updated_on.desc(),
                    TransitionForm.updated_at.desc(),
                    TransitionForm.id.desc(),
                )
                .limit(1)
            )
        ).scalar_one_or_none()
    youth_plan = None
    if "youth_plan" in shown:
        youth_plan = (
            await session.execute(
                select(YouthPlan)
                .where(YouthPlan.youth_id == youth.id)
                .order_by(YouthPlan.made_on.desc(), YouthPlan.id.desc())
                .limit(1)
            )
        ).scalar_one_or_none()
    decision = None
    if "aftercare_decision" in shown:
        decision = (
            await session.execute(
                select(AftercareDecision)
                .where(AftercareDecision.youth_id == youth.id)
                .order_by(AftercareDecision.decided_on.desc(), AftercareDecision.id.desc())
                .limit(1)
            )
        ).scalar_one_or_none()
    plan = await active_plan_summary(session, youth.id) if "plan" in shown else None
    # R9: the classified sections through the one filter, in one pass.
    classified: list[tuple[str, BaseModel]] = [("case", case_to_read(c, ctx.today)) for c in cases]
    if plan is not None:
        classified.append(("plan", plan))
    if form is not None:
        classified.append(("transition_form", form_to_read(form)))
    if youth_plan is not None:
        classified.append(("youth_plan", youth_plan_read(youth_plan)))
    if decision is not None:
        classified.append(("aftercare_decision", aftercare_read(decision)))
    screened = await screen_mixed(session, ctx, classified)
    by_resource: dict[str, list[Any]] = {}
    for (resource, _), read in zip(classified, screened, strict=True):
        by_resource.setdefault(resource, []).append(read)
    overview = OverviewRead(
        youth_id=youth.id,
        open_cases=by_resource.get("case", []),
        guide=await current_guide(session, youth.id) if "guide" in shown else None,
        plan=next(iter(by_resource.get("plan", [])), None),
        open_referrals=[referral_to_read(r, items.get(r.id), policy) for r in referrals],
        team=team_read,
        transition_form=next(iter(by_resource.get("transition_form", [])), None),
        youth_plan=next(iter(by_resource.get("youth_plan", [])), None),
        aftercare_decision=next(iter(by_resource.get("aftercare_decision", [])), None),
        open_obligations=await _obligations(session, ctx, lang, youth.id) if "obligation" in shown else [],
        resolved_obligations=(
            await resolutions_of(session, lang, youth.id, limit=OVERVIEW_LIMIT)
            if "obligation" in shown
            else []
        ),
    )
    await audit.record(
        session, ctx, action="read", resource_type=RESOURCE, resource_id=youth.id, youth_id=youth.id
    )
    await record_disclosures(session, ctx, "youth", [(youth.id, youth.id)], resource_type=RESOURCE)
    return overview
