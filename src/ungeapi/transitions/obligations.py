"""R11 and R12 as one set-based query: transition forms whose update is due."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Select, String, and_, case, cast, func, literal, null, or_, select
from sqlalchemy.dialects.postgresql import ARRAY, array

from ungeapi.access import youth_visible
from ungeapi.core.security import Principal
from ungeapi.models import Referral, TransitionForm, Youth
from ungeapi.municipality.policy import Policy
from ungeapi.transitions.rules import current_window_start

UPDATE_DUE = "transition_form.update_due"


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
