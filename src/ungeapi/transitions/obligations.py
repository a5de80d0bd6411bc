"""R10 and R11/R12 as set-based queries: a transition form that is due, or whose update is due."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, cast, exists, func, literal, null, or_, select, true, tuple_, union
from sqlalchemy.dialects.postgresql import ARRAY, array
from sqlalchemy.orm import aliased
from sqlalchemy.sql import ColumnElement, Select
from sqlalchemy.types import Date, String

from ungeapi.access import case_open_on, youth_visible
from ungeapi.core.security import Principal
from ungeapi.missed_cases import case_duties_today, held_by, missed_case_duties, youth_duty_rows
from ungeapi.models import Referral, TransitionForm, TransitionFormVersion, Youth, YouthCase
from ungeapi.municipality.policy import Policy
from ungeapi.transitions.rules import ADULT_AGE, FORM_CASE_KINDS, current_window_start, update_windows
from ungeapi.youth.rules import latest_birth_date_for_age

FORM_DUE = "transition_form.due"
UPDATE_DUE = "transition_form.update_due"


def _needs_form(c: type[YouthCase], threshold: Decimal) -> ColumnElement[bool]:
    """R10: a disability or placement case that expects support after 18 above the threshold
    (or not yet estimated)."""
    return and_(
        c.support_after_18_expected.is_(True),
        or_(c.support_hours_after_18.is_(None), c.support_hours_after_18 > threshold),
        c.kind.in_(FORM_CASE_KINDS),
    )


def form_due(
    principal: Principal, today: date, policy: Policy, *, responsible: str | None = None, youth: Any = None
) -> Select[tuple[object, ...]]:
    """R10 (rules.form_due_on): a youth from `transition_form_age` until 18 with an open
    disability or placement case that expects support after 18 above
    `transition_hours_threshold` (or not yet estimated), and no transition form. Due on the
    birthday or the first such case's opening, the later; responsible: those cases' departments
    and caseworkers.

    §8.2: once due, a missing form stays, overdue, after those cases closed and after the 18th
    birthday (ungeapi.missed.missed_case_duties: the duty as it stood on its last day,
    responsible the cases open that day), until it is satisfied or resolved. Satisfied: the
    youth has a transition form (made late, it closes the item late). A duty that ended before
    it fell due leaves with it. A case whose expectation of support after 18 is withdrawn (or
    estimated at or under the threshold) no longer needs the form at all, from then or before:
    the expectation is not dated, so it counts as never having needed one. Visibility is not
    widened: a department whose case closed sees it only while it still sees the youth.

    With `responsible`, only youth with an open case of that caseworker (or, for the missed
    ones, a case needing the form they ever held) are considered.

    Columns: kind, youth_id, due_on, departments, subs, subject_type, subject_id."""
    threshold = Decimal(str(policy.transition_hours_threshold))
    which = and_(_needs_form(YouthCase, threshold), case_open_on(today))
    if responsible is not None:
        which = and_(which, held_by(responsible, today))
    current = case_duties_today(
        which,
        from_age=policy.transition_form_age,
        born_on_or_before=latest_birth_date_for_age(today, policy.transition_form_age),
        born_after=latest_birth_date_for_age(today, ADULT_AGE),
        name="form_cases",
    )
    missed = missed_case_duties(
        lambda case_: _needs_form(case_, threshold),
        today=today,
        from_age=policy.transition_form_age,
        until_age=ADULT_AGE,
        responsible=responsible,
        youth=youth,
        name="form_missed",
    )
    has_form = exists(select(TransitionForm.id).where(TransitionForm.youth_id == Youth.id))
    return youth_duty_rows(
        FORM_DUE, current, missed, name="form_duties", where=(~has_form, youth_visible(principal, today))
    )


# The newer forms of the same youth (made once: aliased() per call is costly).
_NEWER = aliased(TransitionForm)
# The cases that need the form on a window's first day.
_NEEDING = aliased(YouthCase)
# The youth whose 18th birthday ends the windows.
_BORN = aliased(Youth)


def newest_form() -> ColumnElement[bool]:
    """TransitionForm is its youth's newest form (latest `updated_on`, then the latest written):
    only the newest form owes updates (R11, R12); an older second form keeps no reminder."""
    g, f = _NEWER, TransitionForm
    return ~exists(
        select(g.id).where(
            g.youth_id == f.youth_id,
            tuple_(g.updated_on, g.updated_at, g.id) > tuple_(f.updated_on, f.updated_at, f.id),
        )
    )


def window_end_sql(start: ColumnElement[date], months: list[int]) -> ColumnElement[date]:
    """rules.window_end in SQL for the windows of `months` (constants of the statement)."""
    whens = [
        (func.extract("month", start) == run[0], cast(start + func.make_interval(0, len(run)), Date) - 1)
        for run in update_windows(months)
    ]
    return case(*whens)


def update_due(
    principal: Principal, today: date, policy: Policy, *, responsible: str | None = None
) -> Select[tuple[object, ...]]:
    """R11 and R12 (rules.update_due_dates) over each youth's newest transition form.

    R11: one row per update window that began after the form's last update and on or before
    `today`, while the youth was under 18 and had a case needing the form on its first day;
    due on the window's last day, so a missed window stays, overdue, until the form is updated
    (which closes it late) or it is resolved. R12: updated before the youth's latest submitted
    referral → due that day. Responsible: the form's last author and their department. With
    `responsible`, only that author's forms are read (ix_transition_form_author).

    Columns: kind, youth_id, due_on, departments, subs, subject_type, subject_id."""
    months = list(policy.transition_update_months)
    f, c, born = TransitionForm, _NEEDING, _BORN
    mine = true() if responsible is None else f.author_sub == responsible
    series = (
        func.generate_series(
            func.date_trunc("month", f.updated_on) + func.make_interval(0, 1),
            literal(today, Date),
            func.make_interval(0, 1),
        )
        .table_valued("first_day")
        .render_derived()
        .lateral("update_window")
    )
    start = cast(series.c.first_day, Date)
    by_window = (
        select(f.id.label("form_id"), window_end_sql(start, months).label("due_on"))
        .join(born, born.id == f.youth_id)
        .join(series, true())
        .where(
            # Only a form last updated before the latest window began can owe a window (index).
            f.updated_on < current_window_start(today, months),
            mine,
            func.extract("month", start).in_(sorted({run[0] for run in update_windows(months)})),
            start < func.ungeapi_date_turning(born.birth_date, ADULT_AGE),
            exists(
                select(c.id).where(
                    c.youth_id == f.youth_id,
                    c.kind.in_(FORM_CASE_KINDS),
                    c.support_after_18_expected.is_(True),
                    c.opened_on <= start,
                    c.closed_on.is_(None) | (c.closed_on > start),
                )
            ),
        )
    )
    latest = (
        select(Referral.youth_id, func.max(Referral.submitted_on).label("submitted_on"))
        .where(Referral.submitted_on.is_not(None), Referral.submitted_on <= today)
        .group_by(Referral.youth_id)
        .subquery("latest_referral")
    )
    by_referral = (
        select(f.id.label("form_id"), latest.c.submitted_on.label("due_on"))
        .join(latest, latest.c.youth_id == f.youth_id)
        .where(f.updated_on < latest.c.submitted_on, mine)
    )
    dues = union(by_window, by_referral).subquery("update_due")
    departments = func.array_remove(array([f.author_department]), null(), type_=ARRAY(String))
    return (
        select(
            literal(UPDATE_DUE, String).label("kind"),
            f.youth_id.label("youth_id"),
            dues.c.due_on.label("due_on"),
            departments.label("departments"),
            array([f.author_sub]).label("subs"),
            literal("transition_form", String).label("subject_type"),
            cast(f.id, String).label("subject_id"),
        )
        .select_from(dues)
        .join(f, f.id == dues.c.form_id)
        .join(Youth, Youth.id == f.youth_id)
        .where(Youth.archived_at.is_(None), newest_form(), youth_visible(principal, today))
    )


def closed_late(today: date, policy: Policy) -> Select[tuple[object, ...]]:
    """R11 for statistics (rules.windows_closed_late): the update windows an update closed late,
    from each form's versions (the `updated_on` each version recorded): windows that began after
    the previous update, while the youth was under 18 with a case needing the form, and ended
    before this update (on or before `today`). Columns: youth_id, form_id, due_on (the window's
    last day)."""
    months = list(policy.transition_update_months)
    v, f, c, born = TransitionFormVersion, TransitionForm, _NEEDING, _BORN
    updated = cast(v.snapshot["updated_on"].astext, Date)
    versions = (
        select(
            f.youth_id.label("youth_id"),
            v.form_id.label("form_id"),
            updated.label("updated_on"),
            func.lag(updated).over(partition_by=v.form_id, order_by=v.number).label("previous"),
        )
        .join(f, f.id == v.form_id)
        .subquery("form_update")
    )
    series = (
        func.generate_series(
            func.date_trunc("month", versions.c.previous) + func.make_interval(0, 1),
            versions.c.updated_on,
            func.make_interval(0, 1),
        )
        .table_valued("first_day")
        .render_derived()
        .lateral("update_window")
    )
    start = cast(series.c.first_day, Date)
    end = window_end_sql(start, months)
    return (
        select(versions.c.youth_id, versions.c.form_id, end.label("due_on"))
        .select_from(versions)
        .join(born, born.id == versions.c.youth_id)
        .join(series, true())
        .where(
            versions.c.previous.is_not(None),
            versions.c.updated_on <= today,
            func.extract("month", start).in_(sorted({run[0] for run in update_windows(months)})),
            end < versions.c.updated_on,
            start < func.ungeapi_date_turning(born.birth_date, ADULT_AGE),
            exists(
                select(c.id).where(
                    c.youth_id == versions.c.youth_id,
                    c.kind.in_(FORM_CASE_KINDS),
                    c.support_after_18_expected.is_(True),
                    c.opened_on <= start,
                    c.closed_on.is_(None) | (c.closed_on > start),
                )
            ),
        )
    )
