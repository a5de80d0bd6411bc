"""Pure rules of the statutory assessments: R6 (målgruppevurdering) and R21 (the transition
assessment of a youth with a substantial and permanent disability, Barnets lov §§ 122-123).

No I/O; `today` is passed in. Birthdays follow youth.rules (29 February: 1 March in common
years); month arithmetic follows placements.rules.add_months (PostgreSQL's `date + interval`),
so the SQL of obligations.py and these functions agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from ungeapi.models.assessment import DISABILITY_SECTIONS
from ungeapi.placements.rules import add_months
from ungeapi.youth.rules import age_on, date_turning

# R6: § 2 a, stk. 5 — 15-17-year-olds past compulsory schooling. The youth's school history is not
# recorded, so "past compulsory schooling" is read from the age, as plans.rules.duty_applies does.
TARGET_GROUP_AGE_MIN = 15
TARGET_GROUP_AGE_MAX = 17

DISABILITY_KIND = "disability"
DISABILITY_START_AGE = 16  # R21: start promptly after the 16th birthday ...
DISABILITY_COMPLETION_NOTICE_AGE = 17  # ... completion on the worklist from the 17th birthday ...
ADULT_AGE = 18  # ... complete in time for a decision that takes effect at 18.

# R21: the sections a complete assessment covers; `other` may stay empty.
REQUIRED_SECTIONS = tuple(name for name in DISABILITY_SECTIONS if name != "other")


# --- R6 -----------------------------------------------------------------------------------------


def in_target_group_age(birth_date: date, day: date) -> bool:
    """R6: the youth was 15-17 on `day`."""
    return TARGET_GROUP_AGE_MIN <= age_on(birth_date, day) <= TARGET_GROUP_AGE_MAX


def outcome_complete(
    assessed_on: date | None, fgu_target_group: bool | None, referred_on: date | None
) -> bool:
    """R6: an assessment made has its day and its outcome (in FGU's target group or not), and a
    record is either a referral to FGU waiting for the assessment or the assessment itself."""
    if assessed_on is None and referred_on is None:
        return False
    return (assessed_on is None) == (fgu_target_group is None)


def after_activity_due_on(
    *,
    birth_date: date,
    today: date,
    activity_ended_on: date | None,
    activity_resumed_on: date | None,
    assessed_on: Iterable[date],
    days: int,
) -> date | None:
    """R6 `target_group_assessment.due` for a youth with no current activity: the plan's activity
    ended (the plan was interrupted) while the youth was 15-17; due `days` after it ended; on
    the worklist from the day it ended. Satisfied by an assessment made on or after that day.
    A resumed activity ends it, unless it resumed after the due day (§8.2: missed stays)."""
    if activity_ended_on is None or today < activity_ended_on:
        return None
    if not in_target_group_age(birth_date, activity_ended_on):
        return None
    if any(day >= activity_ended_on for day in assessed_on):
        return None
    due = activity_ended_on + timedelta(days=days)
    if activity_resumed_on is not None and activity_resumed_on <= due and activity_resumed_on <= today:
        return None
    return due


def referral_due_on(
    *, today: date, referred_on: date | None, assessed_on: date | None, days: int
) -> date | None:
    """R6 `target_group_assessment.due` for a youth referred to FGU: the assessment is due `days`
    after the referral; on the worklist from the referral's day until the assessment is made."""
    if referred_on is None or assessed_on is not None or today < referred_on:
        return None
    return referred_on + timedelta(days=days)


# --- R21 ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DisabilityCase:
    kind: str
    substantial_permanent: bool
    opened_on: date
    closed_on: date | None


def _open_on(case: DisabilityCase, day: date) -> bool:
    return case.opened_on <= day and (case.closed_on is None or case.closed_on > day)


def start_deadline(birth_date: date, opened_on: date, start_days: int) -> date:
    """R21: `start_days` after the 16th birthday, or after the case's opening when later."""
    return max(date_turning(birth_date, DISABILITY_START_AGE), opened_on) + timedelta(days=start_days)


def completion_deadline(birth_date: date, opened_on: date, decision_months: int) -> date:
    """R21: `decision_months` before the 18th birthday, or the case's opening when later."""
    return max(add_months(date_turning(birth_date, ADULT_AGE), -decision_months), opened_on)


def _duty_due_on(
    cases: Iterable[DisabilityCase],
    *,
    birth_date: date,
    today: date,
    from_age: int,
    deadline: Mapping[date, date],
) -> date | None:
    """The earliest due date a marked disability case gives: one open on `today` while the youth
    is between `from_age` and 18, or one that was open on its passed due date, when that lay
    before the 18th birthday (§8.2: a missed deadline stays after 18 and after the case closed).
    `deadline` maps a case's opening day to its due date."""
    adult = date_turning(birth_date, ADULT_AGE)
    current = date_turning(birth_date, from_age) <= today < adult
    found = [
        due
        for case in cases
        if case.kind == DISABILITY_KIND and case.substantial_permanent
        for due in [deadline[case.opened_on]]
        if (current and _open_on(case, today)) or (due < today and due < adult and _open_on(case, due))
    ]
    return min(found) if found else None


def start_due_on(
    *, birth_date: date, today: date, cases: Iterable[DisabilityCase], started: bool, start_days: int
) -> date | None:
    """R21 `disability_transition.start_due`: a youth with a disability case marked substantial
    and permanent, from the 16th birthday, without a started assessment; None when not due."""
    if started:
        return None
    listed = list(cases)
    deadlines = {c.opened_on: start_deadline(birth_date, c.opened_on, start_days) for c in listed}
    return _duty_due_on(
        listed, birth_date=birth_date, today=today, from_age=DISABILITY_START_AGE, deadline=deadlines
    )


def completion_due_on(
    *, birth_date: date, today: date, cases: Iterable[DisabilityCase], completed: bool, decision_months: int
) -> date | None:
    """R21 `disability_transition.completion_due`: the same youth from the 17th birthday without a
    completed assessment; due `decision_months` before the 18th birthday; None when not due."""
    if completed:
        return None
    listed = list(cases)
    deadlines = {c.opened_on: completion_deadline(birth_date, c.opened_on, decision_months) for c in listed}
    return _duty_due_on(
        listed,
        birth_date=birth_date,
        today=today,
        from_age=DISABILITY_COMPLETION_NOTICE_AGE,
        deadline=deadlines,
    )


def missing_sections(sections: Mapping[str, str | None]) -> list[str]:
    """R21: the required sections a completed assessment leaves empty (blank counts as empty)."""
    return [name for name in REQUIRED_SECTIONS if not (sections.get(name) or "").strip()]


def may_complete(completed_on: date | None, sections: Mapping[str, str | None]) -> bool:
    """R21: an assessment is complete only when it covers support need, education, employment,
    forsørgelsesgrundlag, housing and social conditions."""
    return completed_on is None or not missing_sections(sections)
