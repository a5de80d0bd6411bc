"""`responsible=` narrowed into each rule's query, so one person's worklist is found by index.

The worklist filters `responsible = ANY(subs)` over the union of all rules; `subs` is computed
(an array, often an aggregate), so that filter cannot reach an index and every rule would be
computed for the caller's whole scope first. Each entry here gives the rule's query for one
responsible person, restricted by the column the rule takes its `subs` from (which has an
index). The exact filter on `subs` still applies on top, so an entry may return a superset,
never less. A kind without an entry falls back to its plain query (correct, only slower).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, false

from ungeapi.absence import obligations as absence_obligations
from ungeapi.concerns import obligations as concern_obligations
from ungeapi.core.security import Principal
from ungeapi.education_orders import obligations as education_order_obligations
from ungeapi.guides import obligations as guide_obligations
from ungeapi.models import CoordinatingTeam, EducationOrder, Plan
from ungeapi.municipality.policy import Policy
from ungeapi.obligations import youth_statements as statement_obligations
from ungeapi.placements import obligations as placement_obligations
from ungeapi.plans import obligations as plan_obligations
from ungeapi.referrals import obligations as referral_obligations
from ungeapi.teams import obligations as team_obligations
from ungeapi.transitions import obligations as transition_obligations

Source = Callable[[Principal, date, Policy], Select[Any]]
Narrowed = Callable[[Principal, date, Policy, str], Select[Any]]


def _where(source: Source, condition: Callable[[str, date], ColumnElement[bool]]) -> Narrowed:
    def narrowed(principal: Principal, today: date, policy: Policy, sub: str) -> Select[Any]:
        return source(principal, today, policy).where(condition(sub, today))

    return narrowed


def _nobody(sub: str, today: date) -> ColumnElement[bool]:
    """Rules whose obligations name no person (`subs` is empty): never anyone's."""
    return false()


NARROWED: dict[str, Narrowed] = {
    guide_obligations.KIND: lambda p, t, pol, sub: guide_obligations.offer_due(p, t, pol, responsible=sub),
    referral_obligations.KIND: lambda p, t, pol, sub: referral_obligations.referral_missing(
        p, t, pol, responsible=sub
    ),
    **{
        kind: _where(source, lambda sub, today: Plan.coordinating_sub == sub)
        for kind, source in (
            (plan_obligations.DROPOUT_CONTACT, plan_obligations.dropout_contact_due),
            (plan_obligations.NEW_ACTIVITY, plan_obligations.new_activity_due),
            (plan_obligations.FOLLOW_UP, plan_obligations.follow_up_overdue),
            (plan_obligations.DUTY_UNSTATED, plan_obligations.duty_unstated),
            (plan_obligations.UNGEYDELSE_WARNING, plan_obligations.ungeydelse_warning_due),
        )
    },
    concern_obligations.ASSESSMENT_DUE: _where(concern_obligations.assessment_due, _nobody),
    concern_obligations.ACKNOWLEDGEMENT_DUE: _where(concern_obligations.acknowledgement_due, _nobody),
    absence_obligations.KIND: _where(absence_obligations.follow_up_due, _nobody),
    transition_obligations.UPDATE_DUE: lambda p, t, pol, sub: transition_obligations.update_due(
        p, t, pol, responsible=sub
    ),
    team_obligations.FIRST_MEETING_DUE: _where(
        team_obligations.first_meeting_due, lambda sub, today: CoordinatingTeam.lead_sub == sub
    ),
    transition_obligations.FORM_DUE: lambda p, t, pol, sub: transition_obligations.form_due(
        p, t, pol, responsible=sub
    ),
    # Responsible: the caseworkers of the youth's placements (R19, R20), narrowed before the
    # per-youth aggregate.
    placement_obligations.YOUTH_PLAN_DUE: lambda p, t, pol, sub: placement_obligations.youth_plan_due(
        p, t, pol, responsible=sub
    ),
    placement_obligations.AFTERCARE_DECISION_DUE: lambda p, t, pol, sub: (
        placement_obligations.aftercare_decision_due(p, t, pol, responsible=sub)
    ),
    # R24: the jobcentre case's caseworker assesses; the order's author follows its deadlines.
    education_order_obligations.ASSESSMENT_DUE: _where(
        education_order_obligations.assessment_due,
        lambda sub, today: education_order_obligations.CASE.caseworker_sub == sub,
    ),
    **{
        kind: _where(source, lambda sub, today: EducationOrder.author_sub == sub)
        for kind, source in (
            (education_order_obligations.PROPOSAL_DUE, education_order_obligations.proposal_due),
            (education_order_obligations.APPLICATION_DUE, education_order_obligations.application_due),
        )
    },
    statement_obligations.RESPONSE_DUE: _where(
        statement_obligations.response_due, statement_obligations.responsible_is
    ),
}


# One youth's obligations (the overview, `youth_id=`): the rules that compute every missed duty of
# the municipality before the worklist's own youth filter could reach them take the youth
# themselves (ungeapi.missed_cases); the others are narrowed by PostgreSQL through the union.
ForYouth = Callable[[Principal, date, Policy, Any, "str | None"], Select[Any]]
FOR_YOUTH: dict[str, ForYouth] = {
    guide_obligations.KIND: lambda p, t, pol, youth, sub: guide_obligations.offer_due(
        p, t, pol, responsible=sub, youth=youth
    ),
    referral_obligations.KIND: lambda p, t, pol, youth, sub: referral_obligations.referral_missing(
        p, t, pol, responsible=sub, youth=youth
    ),
    transition_obligations.FORM_DUE: lambda p, t, pol, youth, sub: transition_obligations.form_due(
        p, t, pol, responsible=sub, youth=youth
    ),
}
