"""Pure rules of Barnets lov for placed youth: R19 (youth plan) and R20 (aftercare decision).

No I/O; `today` is passed in. "Placed" (anbragt) means an open case of kind `placement` on
`today`. Birthdays follow youth.rules (29 February: 1 March in common years); month arithmetic
follows PostgreSQL's `date + interval 'n months'` (the day is clamped to the month's last day),
so the SQL of obligations.py and these functions agree.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ungeapi.youth.rules import date_turning

PLACEMENT_KIND = "placement"
YOUTH_PLAN_AGE = 16  # R19: BL § 108, at 16
YOUTH_PLAN_MONTHS = 3  # R19: within 3 months of the 16th birthday (or of the placement, if later)
AFTERCARE_NOTICE_AGE = 17  # R20: on the worklist from the 17th birthday ...
AFTERCARE_MONTHS_BEFORE_18 = 6  # R20: ... due 6 months before the 18th birthday
ADULT_AGE = 18


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, the day clamped to the month's end (as PostgreSQL does)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class CasePeriod:
    kind: str
    opened_on: date
    closed_on: date | None


def _placed_since(cases: Iterable[CasePeriod], today: date) -> date | None:
    """The opening of the earliest placement case open on `today` (None: not placed)."""
    opened = [
        c.opened_on
        for c in cases
        if c.kind == PLACEMENT_KIND and c.opened_on <= today and (c.closed_on is None or c.closed_on > today)
    ]
    return min(opened) if opened else None


def youth_plan_due_on(
    *, birth_date: date, today: date, cases: Iterable[CasePeriod], has_youth_plan: bool
) -> date | None:
    """R19 `youth_plan.due`: a placed youth from the 16th birthday until the 18th without a
    recorded youth plan (ungeplan). Due 3 months after the 16th birthday, or after the
    placement's opening when the youth was placed later; None when not due."""
    if has_youth_plan:
        return None
    sixteen = date_turning(birth_date, YOUTH_PLAN_AGE)
    if not sixteen <= today < date_turning(birth_date, ADULT_AGE):
        return None
    placed = _placed_since(cases, today)
    if placed is None:
        return None
    return add_months(max(sixteen, placed), YOUTH_PLAN_MONTHS)


def aftercare_deadline(birth_date: date) -> date:
    """R20: 6 months before the 18th birthday (by age 17½)."""
    return add_months(date_turning(birth_date, ADULT_AGE), -AFTERCARE_MONTHS_BEFORE_18)


def aftercare_decision_due_on(
    *, birth_date: date, today: date, cases: Iterable[CasePeriod], has_decision: bool
) -> date | None:
    """R20 `aftercare.decision_due`: a placed youth from the 17th birthday until the 18th
    without a recorded decision on support after 18 (ungestøtte, whatever its outcome). Due
    6 months before the 18th birthday, or on the placement's opening when the youth was placed
    after that; None when not due."""
    if has_decision:
        return None
    if not date_turning(birth_date, AFTERCARE_NOTICE_AGE) <= today < date_turning(birth_date, ADULT_AGE):
        return None
    placed = _placed_since(cases, today)
    if placed is None:
        return None
    return max(aftercare_deadline(birth_date), placed)


def recorded_in_time(day: date, today: date) -> bool:
    """A youth plan or a decision is recorded once made: its date is not after `today`."""
    return day <= today


def support_until_valid(outcome: str, decided_on: date, support_until: date | None) -> bool:
    """R20: an end date of support after 18 belongs to a grant, and lies after the decision."""
    return support_until is None or (outcome == "granted" and support_until > decided_on)
