"""R5 and the plan's follow-up as set-based queries for the worklist (/v1/obligations).

Each returns the worklist's columns: kind, youth_id, due_on, departments, subs, subject_type,
subject_id. The coordinating caseworker (and their department) is responsible, also after the
plan ended. §8.2: each holds while the plan is interrupted (R5) or current (the follow-up); one
that fell due while it held stays, overdue, after the plan resumed, was completed or closed
(rules.dropout_contact_listed, rules.new_activity_listed, rules.follow_up_listed), until the data
satisfies it or it is resolved; one not yet due when that happened leaves with it. Visibility is
not widened: the coordinating caseworker of a finished plan sees it only while they still see
the youth another way (as R19/R20 do, placements/obligations.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, case, cast, exists, func, literal, null, select
from sqlalchemy.dialects.postgresql import ARRAY, array
from sqlalchemy.orm import aliased

from ungeapi.access import youth_visible
from ungeapi.core.security import Principal
from ungeapi.models import Plan, Youth
from ungeapi.models.plan import FINISHED_STATUSES
from ungeapi.municipality.policy import Policy
from ungeapi.plans import rules

DROPOUT_CONTACT = "plan.dropout_contact_due"
NEW_ACTIVITY = "plan.new_activity_due"
FOLLOW_UP = "plan.follow_up_overdue"


def _rows(
    kind: str, due_on: ColumnElement[Any], *held: ColumnElement[bool], principal: Principal, today: date
) -> Select[Any]:
    """The worklist's rows of the plans where the duty is `held`, of youth not archived that the
    caller may see; the coordinating caseworker and their department are responsible."""
    departments = cast(func.array_remove(array([Plan.coordinating_department]), null()), ARRAY(String))
    return (
        select(
            literal(kind, String).label("kind"),
            Plan.youth_id.label("youth_id"),
            due_on.label("due_on"),
            departments.label("departments"),
            cast(array([Plan.coordinating_sub]), ARRAY(String)).label("subs"),
            literal("plan", String).label("subject_type"),
            cast(Plan.id, String).label("subject_id"),
        )
        .join(Youth, Youth.id == Plan.youth_id)
        .where(*held, Youth.archived_at.is_(None), youth_visible(principal, today))
    )


def _dropped_out_15_to_17() -> ColumnElement[bool]:
    """R5: the youth left the plan (its latest interruption) aged 15-17."""
    return and_(
        Plan.interrupted_on >= func.ungeapi_date_turning(Youth.birth_date, rules.DUTY_AGE_MIN),
        Plan.interrupted_on < func.ungeapi_date_turning(Youth.birth_date, rules.DUTY_AGE_MAX + 1),
    )


def _held_past(due_on: ColumnElement[Any], today: date) -> ColumnElement[bool]:
    """rules.interruption_listed: the latest interruption still holds on `today`, or it held past
    the due day (it ended on `left_on`: the day the plan resumed, else its last status change,
    which for a plan completed or closed straight from the interruption is its end)."""
    left_on = case(
        (Plan.status == "interrupted", null()), else_=func.coalesce(Plan.resumed_on, Plan.status_changed_on)
    )
    return left_on.is_(None) | (left_on > func.least(due_on, today))


def _later_plan() -> ColumnElement[bool]:
    """The youth has a plan made after this one that started on or after its interruption."""
    later = _LATER
    return exists(
        select(later.id).where(
            later.youth_id == Plan.youth_id,
            later.started_on >= Plan.interrupted_on,
            later.created_at > Plan.created_at,
        )
    )


def _step_after_dropout(
    kind: str, due_on: ColumnElement[Any], not_taken: ColumnElement[bool], principal: Principal, today: date
) -> Select[Any]:
    """R5: a step after the interruption is owed: the youth left the plan aged 15-17, the step is
    `not_taken`, the interruption held past its due day, and no later plan was made."""
    owed = (_dropped_out_15_to_17(), not_taken, _held_past(due_on, today), ~_later_plan())
    return _rows(kind, due_on, *owed, principal=principal, today=today)


def dropout_contact_due(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """R5: contact within 5 weekdays of the interruption (rules.dropout_contact_due_on), for a
    youth who left the plan aged 15-17. Satisfied: the contact is recorded (dropout_contact_on,
    also after the plan resumed), or the youth has a later plan started on or after the
    interruption (a plan is made with the youth). §8.2: stays after the plan resumed or ended,
    when it was still interrupted on the due day (rules.dropout_contact_listed)."""
    due_on = func.ungeapi_add_weekdays(Plan.interrupted_on, rules.DROPOUT_CONTACT_WEEKDAYS)
    return _step_after_dropout(DROPOUT_CONTACT, due_on, Plan.dropout_contact_on.is_(None), principal, today)


def new_activity_due(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """R5: a new activity within 30 calendar days of the interruption (rules.new_activity_due_on),
    for a youth who left the plan aged 15-17. Satisfied: the plan became current again
    (resumed_on, a late resumption closes it late), or the youth has a later plan started on or
    after the interruption. §8.2: a plan completed or closed straight from the interruption
    after the due day keeps it (rules.new_activity_listed)."""
    due_on = Plan.interrupted_on + rules.NEW_ACTIVITY_DAYS
    return _step_after_dropout(NEW_ACTIVITY, due_on, Plan.resumed_on.is_(None), principal, today)


def follow_up_overdue(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """A plan whose next follow-up date has passed; due on that date (rules.follow_up_listed).
    Satisfied: the follow-up date moves (another date is another obligation). §8.2: a plan
    completed or closed after its follow-up date keeps it (the follow-up was missed); one that
    ended on or before the date (ending it on the day is the follow-up) does not."""
    follow_up = Plan.next_follow_up_on
    return _rows(
        FOLLOW_UP,
        follow_up.expression,
        follow_up < today,
        Plan.status.not_in(FINISHED_STATUSES) | (Plan.ended_on > follow_up),
        principal=principal,
        today=today,
    )


# The youth's later plans (made once: aliased() per call is costly).
_LATER = aliased(Plan)


# --- R4: the duty to be in education or work ---------------------------------------------------

DUTY_UNSTATED = "plan.duty_unstated"
UNGEYDELSE_WARNING = "plan.ungeydelse_warning_due"


def _duty_first_day() -> ColumnElement[Any]:
    """rules.duty_first_day: the day the plan was made or the youth's 15th birthday, the later."""
    return func.greatest(Plan.started_on, func.ungeapi_date_turning(Youth.birth_date, rules.DUTY_AGE_MIN))


def _before_18(day: ColumnElement[Any]) -> ColumnElement[bool]:
    return day < func.ungeapi_date_turning(Youth.birth_date, rules.DUTY_AGE_MAX + 1)


def _held_on(due_on: ColumnElement[Any], today: date) -> tuple[ColumnElement[bool], ...]:
    """rules.ended_after: listed from the due day; a plan that ended after it keeps it (§8.2)."""
    return (
        due_on <= today,
        _before_18(due_on),
        Plan.status.not_in(FINISHED_STATUSES) | (Plan.ended_on > due_on),
    )


def duty_unstated(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """R4 (rules.duty_unstated_listed): the plan of a 15-17-year-old says how the duty to be in
    education or work is met (duty_kind and the activity named in duty_fulfilment), or records an
    exemption in force today. Due on the duty's first day (after an ended exemption, the day after
    it ended). Satisfied: the statement, or an exemption covering today. §8.2: missed before the
    18th birthday or before the plan ended, it stays."""
    stated = Plan.duty_kind.is_not(None) & (
        func.length(func.trim(func.coalesce(Plan.duty_fulfilment, ""))) > 0
    )
    exempt = (
        Plan.duty_exemption_reason.is_not(None)
        & (Plan.duty_exemption_from <= today)
        & (Plan.duty_exemption_to.is_(None) | (Plan.duty_exemption_to >= today))
    )
    after_exemption = case(
        (
            Plan.duty_exemption_reason.is_not(None) & (Plan.duty_exemption_to < today),
            Plan.duty_exemption_to + 1,
        ),
        else_=null(),
    )
    due_on = func.greatest(_duty_first_day(), after_exemption)
    return _rows(
        DUTY_UNSTATED, due_on, ~stated, ~exempt, *_held_on(due_on, today), principal=principal, today=today
    )


def ungeydelse_warning_due(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """R4 (rules.ungeydelse_warning_listed): when a plan is made for a 15-17-year-old (or its
    youth turns 15), the warning that ungeydelse may stop is recorded with its date; due on the
    duty's first day. Satisfied: ungeydelse_warning_on. §8.2 as plan.duty_unstated."""
    due_on = _duty_first_day()
    held = _held_on(due_on, today)
    return _rows(
        UNGEYDELSE_WARNING,
        due_on,
        Plan.ungeydelse_warning_on.is_(None),
        *held,
        principal=principal,
        today=today,
    )
