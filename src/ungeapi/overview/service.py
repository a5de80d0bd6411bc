"""The youth's overview: a fixed number of queries whatever the amount of data, audited once."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi import models
from ungeapi.access import categories_opening
from ungeapi.assessments.service import disability_read, target_group_read
from ungeapi.cases.service import to_read as case_to_read
from ungeapi.core.context import Ctx
from ungeapi.core.messages import Language
from ungeapi.core.reads import typed
from ungeapi.disclosure.screen import grants, screen_mixed
from ungeapi.education_orders.service import to_read as education_order_read
from ungeapi.guides.service import to_read as guide_to_read
from ungeapi.municipality.service import get_policy
from ungeapi.obligations.schemas import ObligationRead
from ungeapi.obligations.service import SOURCES, due_moments, resolution_read, to_read, worklist_rows
from ungeapi.overview import repository
from ungeapi.overview.schemas import OVERVIEW_LIMIT, OverviewRead
from ungeapi.placements.service import aftercare_read, youth_plan_read
from ungeapi.plans.service import to_summary
from ungeapi.referrals.service import to_read as referral_to_read
from ungeapi.teams.service import to_read as team_to_read
from ungeapi.transitions.service import to_read as form_to_read
from ungeapi.youth.errors import YouthNotFound

RESOURCE = repository.RESOURCE


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
    "target_group_assessment",
    "disability_transition_assessment",
    "obligation",
)


async def _consented(session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID) -> frozenset[str]:
    """The sections a caller who sees the youth only through a consent reads: those its
    categories open."""
    consented, _ = await grants(session, ctx, {youth_id}, set())
    categories = consented.get(youth_id, set())
    return frozenset(s for s in SECTIONS if categories_opening(s) & categories)


async def read_overview(session: AsyncSession, ctx: Ctx, lang: Language, youth_id: uuid.UUID) -> OverviewRead:
    """Open cases, guide, plan, open referrals, active team, open obligations and those resolved
    with a reason (§8.2) of a youth you may see (else 404); one audit record. Each section shows
    what its own read would show you (R9: protected parts withheld, consent-opened sections only)."""
    found = await repository.read(session, ctx, youth_id)
    if found is None:
        raise YouthNotFound()
    shown = frozenset(SECTIONS) if found.own_standing else await _consented(session, ctx, youth_id)
    cases = [typed(models.YouthCase, c) for c in found.cases] if "case" in shown else []
    referrals = [typed(models.Referral, r) for r in found.referrals] if "referral" in shown else []
    items = {r.id: typed(models.AgendaItem, r.latest_item) for r in referrals if r.latest_item}
    team = next(iter(found.team), None) if "team" in shown else None
    plan = _first(models.Plan, found.plans) if "plan" in shown else None
    form = _first(models.TransitionForm, found.forms) if "transition_form" in shown else None
    youth_plan = _first(models.YouthPlan, found.youth_plans) if "youth_plan" in shown else None
    decision = _first(models.AftercareDecision, found.decisions) if "aftercare_decision" in shown else None
    guide = _first(models.GuideAssignment, found.guides) if "guide" in shown else None
    assessment = (
        _first(models.TargetGroupAssessment, found.target_group_assessments)
        if "target_group_assessment" in shown
        else None
    )
    transition = (
        _first(models.DisabilityTransitionAssessment, found.disability_transitions)
        if "disability_transition_assessment" in shown
        else None
    )
    # R24's orders are no consent category: shown by the caller's own standing only.
    order = _first(models.EducationOrder, found.education_orders) if found.own_standing else None
    # R9: the classified sections through the one filter, in one pass.
    classified: list[tuple[str, BaseModel]] = [("case", case_to_read(c, ctx.today)) for c in cases]
    if plan is not None:
        classified.append(("plan", to_summary(plan)))
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
    policy = await get_policy(session)
    obligations = "obligation" in shown
    return OverviewRead(
        youth_id=found.id,
        open_cases=by_resource.get("case", []),
        guide=guide_to_read(guide) if guide is not None else None,
        plan=next(iter(by_resource.get("plan", [])), None),
        open_referrals=[referral_to_read(r, items.get(r.id), policy) for r in referrals],
        team=_team_read(team),
        transition_form=next(iter(by_resource.get("transition_form", [])), None),
        youth_plan=next(iter(by_resource.get("youth_plan", [])), None),
        aftercare_decision=next(iter(by_resource.get("aftercare_decision", [])), None),
        target_group_assessment=target_group_read(assessment) if assessment is not None else None,
        disability_transition=disability_read(transition) if transition is not None else None,
        education_order=education_order_read(order) if order is not None else None,
        open_obligations=await _obligations(session, ctx, lang, found.id) if obligations else [],
        resolved_obligations=(
            [resolution_read(typed(models.ObligationResolution, r), lang) for r in found.resolutions]
            if obligations
            else []
        ),
    )


def _first(model: Any, rows: list[dict[str, Any]]) -> Any:
    return typed(model, rows[0]) if rows else None


def _team_read(team: dict[str, Any] | None) -> Any:
    if team is None:
        return None
    members = [typed(models.TeamMember, m) for m in team["members"]]
    return team_to_read(typed(models.CoordinatingTeam, team), members)
