"""Pure rules of Barnets lov for placed youth: R19 (youth plan) and R20 (aftercare decision).

No I/O; `today` is passed in. "Placed" (anbragt) means an open case of kind `placement` on
`today`. Birthdays follow youth.rules (29 February: 1 March in common years); month arithmetic
follows PostgreSQL's `date + interval 'n months'` (the day is clamped to the month's last day),
so the SQL of obligations.py and these functions agree.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
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


# §8.2: the adult area that takes over at 18 (SÆH, jobcentre): departments of these kinds.
ADULT_AREA_KINDS = ("adult_disability", "employment")


def _open_on(case: CasePeriod, day: date) -> bool:
    return case.opened_on <= day and (case.closed_on is None or case.closed_on > day)


def _due_on(
    cases: Iterable[CasePeriod],
    *,
    today: date,
    birth_date: date,
    from_age: int,
    due_of: Callable[[date], date],
) -> date | None:
    """The earliest due date a placement case gives the duty, or None.

    A placement case open on `today`, while the youth is between `from_age` and 18, gives the
    duty due on `due_of(opened_on)`; a placement case that was still open on its own due date,
    when that day lay before the 18th birthday and has passed, keeps it (§8.2: a missed deadline
    never disappears, not at 18 and not when the placement ends)."""
    adult = date_turning(birth_date, ADULT_AGE)
    current = date_turning(birth_date, from_age) <= today < adult
    dues = [
        due
        for c in cases
        if c.kind == PLACEMENT_KIND
        for due in [due_of(c.opened_on)]
        if (current and _open_on(c, today)) or (due < today and due < adult and _open_on(c, due))
    ]
    return min(dues) if dues else None


def youth_plan_due_on(
    *, birth_date: date, today: date, cases: Iterable[CasePeriod], has_youth_plan: bool
) -> date | None:
    """R19 `youth_plan.due`: a placed youth from the 16th birthday until the 18th without a
    recorded youth plan (ungeplan). Due 3 months after the 16th birthday, or after the
    placement's opening when the youth was placed later; once missed it stays, overdue, after
    the 18th birthday and after the placement ended (§8.2); None when not due."""
    if has_youth_plan:
        return None
    sixteen = date_turning(birth_date, YOUTH_PLAN_AGE)
    return _due_on(
        cases,
        today=today,
        birth_date=birth_date,
        from_age=YOUTH_PLAN_AGE,
        due_of=lambda opened: add_months(max(sixteen, opened), YOUTH_PLAN_MONTHS),
    )


def aftercare_deadline(birth_date: date) -> date:
    """R20: 6 months before the 18th birthday (by age 17½)."""
    return add_months(date_turning(birth_date, ADULT_AGE), -AFTERCARE_MONTHS_BEFORE_18)


def aftercare_decision_due_on(
    *, birth_date: date, today: date, cases: Iterable[CasePeriod], has_decision: bool
) -> date | None:
    """R20 `aftercare.decision_due`: a placed youth from the 17th birthday until the 18th
    without a recorded decision on support after 18 (ungestøtte, whatever its outcome). Due
    6 months before the 18th birthday, or on the placement's opening when the youth was placed
    after that; once missed it stays, overdue, after the 18th birthday and after the placement
    ended (§8.2); None when not due."""
    if has_decision:
        return None
    deadline = aftercare_deadline(birth_date)
    return _due_on(
        cases,
        today=today,
        birth_date=birth_date,
        from_age=AFTERCARE_NOTICE_AGE,
        due_of=lambda opened: max(deadline, opened),
    )


def responsible_departments(
    *, birth_date: date, today: date, duty_departments: Iterable[str], adult_area_departments: Iterable[str]
) -> list[str]:
    """§8.2: R19/R20 are the placement caseworker's department's; from the 18th birthday also
    the adult area's that takes over (its departments holding an open case of the youth)."""
    found = set(duty_departments)
    if today >= date_turning(birth_date, ADULT_AGE):
        found |= set(adult_area_departments)
    return sorted(found)


def support_until_valid(outcome: str, decided_on: date, support_until: date | None) -> bool:
    """R20: an end date of support after 18 belongs to a grant, and lies after the decision."""
    return support_until is None or (outcome == "granted" and support_until > decided_on)
