"""Pure rules about the one education-and-job plan (R2, R4, R5 and R18 of domain.md)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TypedDict, Unpack

from ungeapi.missed import listed
from ungeapi.youth.rules import age_on

# R4/R5: the duty to be in education or work, and the dropout deadlines, apply at 15-17.
DUTY_AGE_MIN = 15
DUTY_AGE_MAX = 17
DROPOUT_CONTACT_WEEKDAYS = 5
NEW_ACTIVITY_DAYS = 30

FINISHED = frozenset({"completed", "closed"})
# A status other than active must say why; a completed plan speaks for itself.
REASON_REQUIRED = frozenset({"stuck", "interrupted", "closed"})


def is_current(status: str) -> bool:
    """R2: a plan that is not completed or closed is the youth's one current plan."""
    return status not in FINISHED


def status_change_allowed(current: str, target: str) -> bool:
    """A completed or closed plan is final (a new plan is made instead); the rest move freely."""
    return current == target or current not in FINISHED


def reason_required(status: str) -> bool:
    return status in REASON_REQUIRED


def add_weekdays(start: date, days: int) -> date:
    """R5: the day `days` weekdays (Monday to Friday) after `start`, skipping weekends.

    Public holidays are not skipped: they are counted as weekdays unless the municipality
    configures a holiday calendar (none is configured yet). The SQL function
    `ungeapi_add_weekdays` computes the same and is tested against this one.
    """
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            remaining -= 1
    return day


def dropout_rules_apply(birth: date, interrupted_on: date) -> bool:
    """R5: the dropout deadlines apply to a youth aged 15-17 on the day they left the plan."""
    return DUTY_AGE_MIN <= age_on(birth, interrupted_on) <= DUTY_AGE_MAX


def dropout_contact_due_on(interrupted_on: date) -> date:
    """R5: contact the youth within 5 weekdays of leaving the plan (obligation plan.dropout_contact_due)."""
    return add_weekdays(interrupted_on, DROPOUT_CONTACT_WEEKDAYS)


def new_activity_due_on(interrupted_on: date) -> date:
    """R5: a new activity within 30 calendar days of leaving the plan (plan.new_activity_due)."""
    return interrupted_on + timedelta(days=NEW_ACTIVITY_DAYS)


def follow_up_overdue(next_follow_up_on: date | None, status: str, today: date) -> bool:
    """A current plan whose follow-up date has passed (plan.follow_up_overdue)."""
    return next_follow_up_on is not None and is_current(status) and next_follow_up_on < today


def interruption_left_on(status: str, resumed_on: date | None, status_changed_on: date) -> date | None:
    """The day the plan's latest interruption ended: None while it is interrupted; the day it
    resumed (became current again); else its latest status change (a plan completed or closed
    straight from the interruption ended it that day)."""
    if status == "interrupted":
        return None
    return resumed_on or status_changed_on


def interruption_listed(
    due_on: date, *, status: str, resumed_on: date | None, status_changed_on: date, today: date
) -> bool:
    """§8.2 for R5's deadlines: listed while the interruption holds on `today`, and after it
    ended only when it still held on the due day (then overdue)."""
    left_on = interruption_left_on(status, resumed_on, status_changed_on)
    return listed(due_on, None if left_on is None else left_on - timedelta(days=1), today)


class Interruption(TypedDict):
    """A plan's interruption as R5's duties read it (`later_plan`: a later plan started on or after
    the interruption), judged on `today`."""

    birth: date
    interrupted_on: date
    later_plan: bool
    status: str
    resumed_on: date | None
    status_changed_on: date
    today: date


def _duty_listed(due_on: date, plan: Interruption) -> bool:
    """An R5 duty of an interruption at 15-17, due on `due_on`: listed as `interruption_listed`
    says, unless a later plan has started."""
    return (
        dropout_rules_apply(plan["birth"], plan["interrupted_on"])
        and not plan["later_plan"]
        and interruption_listed(
            due_on,
            status=plan["status"],
            resumed_on=plan["resumed_on"],
            status_changed_on=plan["status_changed_on"],
            today=plan["today"],
        )
    )


def dropout_contact_listed(*, dropout_contact_on: date | None, **plan: Unpack[Interruption]) -> bool:
    """R5 and §8.2 (plan.dropout_contact_due): a youth who left the plan aged 15-17 is
    contacted within 5 weekdays; satisfied by the recorded contact or a later plan started on or
    after the interruption; a missed contact stays after the plan resumed or ended."""
    return dropout_contact_on is None and _duty_listed(dropout_contact_due_on(plan["interrupted_on"]), plan)


def new_activity_listed(**plan: Unpack[Interruption]) -> bool:
    """R5 and §8.2 (plan.new_activity_due): a new activity within 30 days; satisfied when the
    plan resumed or a later plan started on or after the interruption; a plan completed or
    closed straight from the interruption after the deadline keeps it."""
    return plan["resumed_on"] is None and _duty_listed(new_activity_due_on(plan["interrupted_on"]), plan)


def follow_up_listed(next_follow_up_on: date | None, status: str, ended_on: date | None, today: date) -> bool:
    """plan.follow_up_overdue and §8.2: the follow-up date has passed while the plan was current
    (still current, or ended after that date: ending on the date itself is the follow-up)."""
    if next_follow_up_on is None or next_follow_up_on >= today:
        return False
    return is_current(status) or (ended_on is not None and ended_on > next_follow_up_on)


def dropout_dates_valid(
    *, started_on: date, interrupted_on: date | None, dropout_contact_on: date | None, today: date
) -> bool:
    """R5: the youth leaves the plan on or after it was made and not in the future; the contact
    after the interruption is on or after it."""
    if interrupted_on is not None and not started_on <= interrupted_on <= today:
        return False
    if dropout_contact_on is not None:
        return interrupted_on is not None and interrupted_on <= dropout_contact_on <= today
    return True


def may_change_measure(department_code: str, departments: tuple[str, ...], is_admin: bool) -> bool:
    """A measure belongs to its department: others read it but do not change it; admin may."""
    return is_admin or department_code in departments


def duty_applies(birth: date, today: date) -> bool:
    """R4: 15-17-year-olds must be in education, work or another activity; the plan says how."""
    return DUTY_AGE_MIN <= age_on(birth, today) <= DUTY_AGE_MAX
