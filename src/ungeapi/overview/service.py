"""The youth's overview: a fixed number of queries whatever the amount of data, audited once."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import case_open_on, record_disclosures
from ungeapi.cases import repository as case_repository
from ungeapi.cases.service import to_read as case_to_read
from ungeapi.core import audit
from ungeapi.core.context import Ctx
from ungeapi.core.messages import Language
from ungeapi.guides.service import current_guide
from ungeapi.meetings import agenda
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
from ungeapi.obligations.service import SOURCES, resolutions_of, to_read, unresolved
from ungeapi.overview.schemas import OVERVIEW_LIMIT, OverviewRead
from ungeapi.placements.service import aftercare_read, youth_plan_read
from ungeapi.plans.service import active_plan_summary
from ungeapi.referrals.service import to_read as referral_to_read
from ungeapi.teams.service import to_read as team_to_read
from ungeapi.transitions.service import to_read as form_to_read
from ungeapi.youth.service import visible_youth

RESOURCE = "overview"


async def _obligations(
    session: AsyncSession, ctx: Ctx, lang: Language, youth_id: uuid.UUID
) -> list[ObligationRead]:
    policy = await get_policy(session)
    combined = union_all(*(source(ctx.principal, ctx.today, policy) for source in SOURCES.values())).subquery(
        "obligation"
    )
    o = combined.c
    query = (
        select(combined)
        .where(o.youth_id == youth_id, unresolved(combined))
        .order_by(o.due_on, o.kind, func.coalesce(o.subject_id, ""))
        .limit(OVERVIEW_LIMIT)
    )
    rows = (await session.execute(query)).mappings()
    return [to_read(row, ctx.today, lang) for row in rows]


async def read_overview(session: AsyncSession, ctx: Ctx, lang: Language, youth_id: uuid.UUID) -> OverviewRead:
    """Open cases, guide, plan, open referrals, active team, open obligations and those resolved
    with a reason (§8.2) of a youth you may see (else 404); one audit record."""
    youth = await visible_youth(session, ctx, youth_id)
    cases_query = (
        case_repository.visible(ctx.principal, ctx.today)
        .where(YouthCase.youth_id == youth.id, case_open_on(ctx.today))
        .order_by(YouthCase.opened_on, YouthCase.id)
        .limit(OVERVIEW_LIMIT)
    )
    cases = list((await session.execute(cases_query)).scalars())
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
    items = await agenda.latest_items(session, [r.id for r in referrals])
    policy = await get_policy(session)
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
    form = (
        await session.execute(
            select(TransitionForm)
            .where(TransitionForm.youth_id == youth.id)
            .order_by(
                TransitionForm.updated_on.desc(), TransitionForm.updated_at.desc(), TransitionForm.id.desc()
            )
            .limit(1)
        )
    ).scalar_one_or_none()
    youth_plan = (
        await session.execute(
            select(YouthPlan)
            .where(YouthPlan.youth_id == youth.id)
            .order_by(YouthPlan.made_on.desc(), YouthPlan.id.desc())
            .limit(1)
        )
    ).scalar_one_or_none()
    decision = (
        await session.execute(
            select(AftercareDecision)
            .where(AftercareDecision.youth_id == youth.id)
            .order_by(AftercareDecision.decided_on.desc(), AftercareDecision.id.desc())
            .limit(1)
        )
    ).scalar_one_or_none()
    overview = OverviewRead(
        youth_id=youth.id,
        open_cases=[case_to_read(c, ctx.today) for c in cases],
        guide=await current_guide(session, youth.id),
        plan=await active_plan_summary(session, youth.id),
        open_referrals=[referral_to_read(r, items.get(r.id), policy) for r in referrals],
        team=team_read,
        transition_form=form_to_read(form) if form else None,
        youth_plan=youth_plan_read(youth_plan) if youth_plan else None,
        aftercare_decision=aftercare_read(decision) if decision else None,
        open_obligations=await _obligations(session, ctx, lang, youth.id),
        resolved_obligations=await resolutions_of(session, lang, youth.id, limit=OVERVIEW_LIMIT),
    )
    await audit.record(
        session, ctx, action="read", resource_type=RESOURCE, resource_id=youth.id, youth_id=youth.id
    )
    await record_disclosures(session, ctx, "youth", [(youth.id, youth.id)], resource_type=RESOURCE)
    return overview
