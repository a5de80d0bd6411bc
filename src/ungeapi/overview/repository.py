"""The overview's one read: the youth (if the caller may see them) with every section's records,
and the overview's audit rows, in a single statement compiled once per shape of caller.

Each section is the same query its own read makes (the scopes of access.py, the states of the
models), as a JSON array the service turns back into typed rows (core/reads.py `typed`).
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable
from typing import Any

from sqlalchemy import Select, cast, func, literal, literal_column, select
from sqlalchemy.dialects.postgresql import JSONB, aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import case_open_on, disclosure_insert, visible_youth_ids, youth_visible
from ungeapi.core import statements
from ungeapi.core.context import Ctx
from ungeapi.core.reads import Audit, AuditedRead, Row, json_rows, youth_subjects
from ungeapi.models import (
    AftercareDecision,
    AgendaItem,
    CoordinatingTeam,
    DisabilityTransitionAssessment,
    EducationOrder,
    GuideAssignment,
    ObligationResolution,
    Plan,
    Referral,
    TargetGroupAssessment,
    TeamMember,
    TransitionForm,
    Youth,
    YouthCase,
    YouthPlan,
)
from ungeapi.models.guide import PENDING_OR_ACTIVE
from ungeapi.models.plan import FINISHED_STATUSES
from ungeapi.models.referral import OPEN_REFERRAL_STATES
from ungeapi.overview.schemas import OVERVIEW_LIMIT

RESOURCE = "overview"
YOUTH = statements.ID
EMPTY = cast(literal("[]"), JSONB)


def _whole_rows(model: Any, *order: Any) -> Any:
    """`to_jsonb` of the table's whole row, for a correlated scalar subquery."""
    each = func.to_jsonb(literal_column(model.__tablename__))
    return aggregate_order_by(each, *order) if order else each


def _latest_item(referral_id: Any) -> Any:
    """A referral's latest agenda item (where it stands on the agendas), or null."""
    return (
        select(_whole_rows(AgendaItem))
        .where(AgendaItem.referral_id == referral_id)
        .order_by(AgendaItem.created_at.desc(), AgendaItem.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def _team() -> Any:
    team = (
        select(CoordinatingTeam)
        .where(CoordinatingTeam.youth_id == YOUTH, CoordinatingTeam.status == "active")
        .subquery("active_team")
    )
    members = (
        select(
            func.coalesce(func.jsonb_agg(_whole_rows(TeamMember, TeamMember.joined_on, TeamMember.id)), EMPTY)
        )
        .where(TeamMember.team_id == team.c.id)
        .scalar_subquery()
    )
    return json_rows(select(team, members.label("members")), name="team_row")


def _latest(model: Any, *order: Any, name: str) -> Any:
    return json_rows(select(model).where(model.youth_id == YOUTH).order_by(*order).limit(1), name=name)


def _overview(ctx: Ctx, _: Hashable) -> Select[Any]:
    p, today = ctx.principal, ctx.today
    cases = (
        select(YouthCase)
        .where(YouthCase.youth_id.in_(visible_youth_ids(p, today, "case")), YouthCase.youth_id == YOUTH)
        .where(case_open_on(today))
        .order_by(YouthCase.opened_on, YouthCase.id)
        .limit(OVERVIEW_LIMIT)
    )
    referrals = (
        select(Referral)
        .where(Referral.youth_id == YOUTH, Referral.state.in_(OPEN_REFERRAL_STATES))
        .order_by(Referral.created_at, Referral.id)
        .limit(OVERVIEW_LIMIT)
        .subquery("open_referral")
    )
    resolutions = (
        select(ObligationResolution)
        .where(ObligationResolution.youth_id == YOUTH)
        .order_by(ObligationResolution.resolved_at.desc(), ObligationResolution.id.desc())
        .limit(OVERVIEW_LIMIT)
    )
    return select(
        Youth.id,
        # Seen by the caller's own standing, a consent left aside: else only what a consent opens.
        youth_visible(p, today).label("own_standing"),
        json_rows(cases, "opened_on", "id", name="case_row").label("cases"),
        json_rows(
            select(referrals, _latest_item(referrals.c.id).label("latest_item")),
            "created_at",
            "id",
            name="referral_row",
        ).label("referrals"),
        _team().label("team"),
        _latest(
            TransitionForm,
            TransitionForm.updated_on.desc(),
            TransitionForm.updated_at.desc(),
            TransitionForm.id.desc(),
            name="form_row",
        ).label("forms"),
        _latest(YouthPlan, YouthPlan.made_on.desc(), YouthPlan.id.desc(), name="youth_plan_row").label(
            "youth_plans"
        ),
        _latest(
            AftercareDecision,
            AftercareDecision.decided_on.desc(),
            AftercareDecision.id.desc(),
            name="decision_row",
        ).label("decisions"),
        _latest(
            TargetGroupAssessment,
            func.coalesce(TargetGroupAssessment.assessed_on, TargetGroupAssessment.referred_on).desc(),
            TargetGroupAssessment.id.desc(),
            name="target_group_row",
        ).label("target_group_assessments"),
        _latest(
            DisabilityTransitionAssessment,
            DisabilityTransitionAssessment.started_on.desc(),
            DisabilityTransitionAssessment.id.desc(),
            name="disability_transition_row",
        ).label("disability_transitions"),
        _latest(
            EducationOrder, EducationOrder.assessed_on.desc(), EducationOrder.id.desc(), name="order_row"
        ).label("education_orders"),
        json_rows(
            select(Plan).where(Plan.youth_id == YOUTH, Plan.status.not_in(FINISHED_STATUSES)), name="plan_row"
        ).label("plans"),
        json_rows(
            select(GuideAssignment).where(
                GuideAssignment.youth_id == YOUTH, GuideAssignment.state.in_(PENDING_OR_ACTIVE)
            ),
            name="guide_row",
        ).label("guides"),
        json_rows(
            resolutions, lambda c: c.resolved_at.desc(), lambda c: c.id.desc(), name="resolution_row"
        ).label("resolutions"),
    ).where(youth_visible(p, today, "youth"), Youth.id == YOUTH)


def _disclosed(ctx: Ctx, subjects: Select[Any]) -> Any:
    return disclosure_insert(ctx, "youth", subjects, resource_type=RESOURCE)


READ = AuditedRead(_overview, Audit("read", RESOURCE, youth_subjects, _disclosed))


async def read(session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID) -> Row | None:
    """The youth's overview rows if the caller may see the youth, audited as read."""
    return await READ.one(session, ctx, {YOUTH: youth_id})
