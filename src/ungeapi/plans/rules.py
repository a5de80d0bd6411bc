"""Pure rules about the one education-and-job plan (R2, R4, R5 and R18 of domain.md)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TypedDict, Unpack

from ungeapi.missed import listed
from ungeapi.plans.errors import ExemptionEndsBeforeStart, ExemptionReasonRequired
from ungeapi.youth.rules import age_on, date_turning

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


# --- R4: the duty to be in education or work, its exemptions and the ungeydelse warning --------


def duty_stated(duty_kind: str | None, duty_fulfilment: str | None) -> bool:
    """R4: the plan says how the duty is met: the kind (education, employment or another activity)
    and the activity named."""
    return duty_kind is not None and bool((duty_fulfilment or "").strip())


def check_exemption(*, reason: str | None, from_on: date | None, to_on: date | None, decided: bool) -> None:
    """R4: an exemption is recorded with its reason (disability, illness, serious social
    problems): a period or a decider without one is refused (plan.exemption_reason_required), and
    the period ends on or after it starts (plan.exemption_ends_before_start)."""
    if reason is None:
        if from_on is not None or to_on is not None or decided:
            raise ExemptionReasonRequired()
        return
    if from_on is not None and to_on is not None and to_on < from_on:
        raise ExemptionEndsBeforeStart()


def exemption_covers(reason: str | None, from_on: date | None, to_on: date | None, day: date) -> bool:
    """R4: an exemption in force on `day` (open-ended when it has no end)."""
    return reason is not None and from_on is not None and from_on <= day and (to_on is None or day <= to_on)


def duty_first_day(birth: date, started_on: date) -> date | None:
    """R4: the first day the duty concerns the plan: the day it was made or the 15th birthday, the
    later; None when that is not before the 18th birthday (the duty never concerned it).

    "Past compulsory schooling" is read from the age alone (duty_applies): the API holds no
    school-leaving date."""
    first = max(started_on, date_turning(birth, DUTY_AGE_MIN))
    return first if first < date_turning(birth, DUTY_AGE_MAX + 1) else None


def ended_after(status: str, ended_on: date | None, due_on: date) -> bool:
    """§8.2 for a duty of the plan: it held on `due_on` and still holds (the plan is current) or
    the plan ended after that day (then it was missed, and stays)."""
    return is_current(status) or (ended_on is not None and ended_on > due_on)


class DutyPlan(TypedDict):
    """A plan as R4's duty reads it: the youth's birth date, the plan's dates and status, its duty
    statement and its exemption."""

    birth: date
    started_on: date
    status: str
    ended_on: date | None
    duty_kind: str | None
    duty_fulfilment: str | None
    exemption_reason: str | None
    exemption_from: date | None
    exemption_to: date | None


def duty_unstated_due_on(plan: DutyPlan, today: date) -> date | None:
    """R4 (plan.duty_unstated): due on the duty's first day (duty_first_day); after an exemption
    that has ended, the day after it ended. None when no such day lies before the 18th birthday."""
    first = duty_first_day(plan["birth"], plan["started_on"])
    to_on = plan["exemption_to"]
    if first is not None and plan["exemption_reason"] is not None and to_on is not None and to_on < today:
        first = max(first, to_on + timedelta(days=1))
        if first >= date_turning(plan["birth"], DUTY_AGE_MAX + 1):
            return None
    return first


def duty_unstated_listed(plan: DutyPlan, today: date) -> bool:
    """R4 (plan.duty_unstated): a plan of a 15-17-year-old says how the duty is met, or records
    an exemption in force today. Listed from its due day (overdue the day after); closed by the
    statement or an exemption; §8.2: missed before the 18th birthday or before the plan ended,
    it stays."""
    if duty_stated(plan["duty_kind"], plan["duty_fulfilment"]):
        return False
    if exemption_covers(plan["exemption_reason"], plan["exemption_from"], plan["exemption_to"], today):
        return False
    due_on = duty_unstated_due_on(plan, today)
    if due_on is None or due_on > today:
        return False
    return ended_after(plan["status"], plan["ended_on"], due_on)


def ungeydelse_warning_listed(
    *,
    birth: date,
    started_on: date,
    status: str,
    ended_on: date | None,
    warning_on: date | None,
    today: date,
) -> bool:
    """R4 (plan.ungeydelse_warning_due): when a plan is made for a 15-17-year-old (or its youth
    turns 15), the warning that ungeydelse may stop is given and recorded with its date. Due on
    the duty's first day (duty_first_day); closed by the recorded warning; §8.2 as the duty."""
    due_on = duty_first_day(birth, started_on)
    if warning_on is not None or due_on is None or due_on > today:
        return False
    return ended_after(status, ended_on, due_on)
