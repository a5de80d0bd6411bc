"""R10 and R11/R12 as set-based queries: a transition form that is due, or whose update is due."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    Date,
    Select,
    String,
    and_,
    case,
    cast,
    distinct,
    exists,
    func,
    literal,
    null,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY, array

from ungeapi.access import case_open_on, youth_visible
from ungeapi.core.security import Principal
from ungeapi.models import Referral, TransitionForm, Youth, YouthCase
from ungeapi.municipality.policy import Policy
from ungeapi.transitions.rules import ADULT_AGE, FORM_CASE_KINDS, current_window_start
from ungeapi.youth.rules import latest_birth_date_for_age

FORM_DUE = "transition_form.due"
UPDATE_DUE = "transition_form.update_due"


def form_due(principal: Principal, today: date, policy: Policy) -> Select[tuple[object, ...]]:
    """R10 (rules.form_due_on): a youth from `transition_form_age` until 18 with an open
    disability or placement case that expects support after 18 above
    `transition_hours_threshold` (or not yet estimated), and no transition form. Due on the
    birthday or the first such case's opening, the later; responsible: those cases' departments
    and caseworkers.

    Columns: kind, youth_id, due_on, departments, subs, subject_type, subject_id."""
    c = YouthCase
    threshold = Decimal(str(policy.transition_hours_threshold))
    cases = (
        select(
            c.youth_id,
            func.min(c.opened_on).label("first_opened"),
            func.array_agg(distinct(c.department_code), type_=ARRAY(String)).label("departments"),
            func.array_remove(
                func.array_agg(distinct(c.caseworker_sub), type_=ARRAY(String)), null(), type_=ARRAY(String)
            ).label("subs"),
        )
        .where(
            c.support_after_18_expected.is_(True),
            or_(c.support_hours_after_18.is_(None), c.support_hours_after_18 > threshold),
            c.kind.in_(FORM_CASE_KINDS),
            case_open_on(today),
        )
        .group_by(c.youth_id)
        .subquery("form_cases")
    )
    return (
        select(
            literal(FORM_DUE, String).label("kind"),
            Youth.id.label("youth_id"),
            func.greatest(
                func.ungeapi_date_turning(Youth.birth_date, policy.transition_form_age), cases.c.first_opened
            ).label("due_on"),
            cases.c.departments.label("departments"),
            func.coalesce(cases.c.subs, cast(literal([], ARRAY(String)), ARRAY(String))).label("subs"),
            null().label("subject_type"),
            null().label("subject_id"),
        )
        .join(cases, cases.c.youth_id == Youth.id)
        .where(
            Youth.archived_at.is_(None),
            Youth.birth_date <= latest_birth_date_for_age(today, policy.transition_form_age),
            Youth.birth_date > latest_birth_date_for_age(today, ADULT_AGE),
            ~exists(select(TransitionForm.id).where(TransitionForm.youth_id == Youth.id)),
            youth_visible(principal, today),
        )
    )


def update_due(principal: Principal, today: date, policy: Policy) -> Select[tuple[object, ...]]:
    """R11: not updated since the current update window began (policy.transition_update_months);
    R12: updated before the youth's latest referral was submitted. Due on the earlier of the two
    (see rules.update_due_on); responsible: the form's last author and their department.

    Columns: kind, youth_id, due_on, departments, subs, subject_type, subject_id."""
    window = current_window_start(today, policy.transition_update_months)
    latest_referral = (
        select(Referral.youth_id, func.max(Referral.submitted_on).label("submitted_on"))
        .where(Referral.submitted_on.is_not(None), Referral.submitted_on <= today)
        .group_by(Referral.youth_id)
        .subquery("latest_referral")
    )
    f = TransitionForm
    by_window = case((f.updated_on < window, literal(window, Date)))
    by_referral = case((f.updated_on < latest_referral.c.submitted_on, latest_referral.c.submitted_on))
    departments = func.array_remove(array([f.author_department]), null(), type_=ARRAY(String))
    return (
        select(
            literal(UPDATE_DUE, String).label("kind"),
            f.youth_id.label("youth_id"),
            func.least(by_window, by_referral).label("due_on"),
            departments.label("departments"),
            array([f.author_sub]).label("subs"),
            literal("transition_form", String).label("subject_type"),
            cast(f.id, String).label("subject_id"),
        )
        .join(Youth, Youth.id == f.youth_id)
        .outerjoin(latest_referral, latest_referral.c.youth_id == f.youth_id)
        .where(
            Youth.archived_at.is_(None),
            or_(
                f.updated_on < window,
                and_(
                    latest_referral.c.submitted_on.is_not(None), f.updated_on < latest_referral.c.submitted_on
                ),
            ),
            youth_visible(principal, today),
        )
    )
