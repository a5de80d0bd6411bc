"""§8.2 "A missed deadline never disappears" as pure rules (no I/O; `today` is passed in).

A rule's duty holds while its conditions hold (a case is open, the youth is in an age range, a
plan is interrupted, ...). While it holds, its obligation is listed, overdue after its due day.
Once the conditions stop holding, the duty ends, but not the record that it was missed: an
obligation whose due day came while the conditions still held, and was not met, stays on the
worklist, overdue, until the data satisfies it or a caseworker resolves it with a reason. An
obligation that was not yet due when its conditions stopped holding leaves with its duty.

`listed` says this for one obligation; `missed_case_duties` finds the missed obligations of the
rules that hold while a youth has certain open cases within an age range (R8, R10, R13), as
their worklist queries do in SQL (ungeapi/missed_cases.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ungeapi.youth.rules import date_turning

DAY = timedelta(days=1)


def listed(due_on: date, last_day: date | None, today: date) -> bool:
    """§8.2: an obligation whose conditions hold on `today` (`last_day`, the last day they held,
    is None or not before today) is listed; one whose conditions stopped holding is listed only
    when it was due while they still held (on or before `last_day`), and then overdue."""
    if last_day is None or last_day >= today:
        return True
    return due_on <= last_day


@dataclass(frozen=True)
class HeldCase:
    """A case that gives a rule's duty (R8: an authority unit's case; R10, R13: a case of the
    rule's kinds): its department and the days it was open ([opened_on, closed_on))."""

    department: str
    opened_on: date
    closed_on: date | None = None

    def open_on(self, day: date) -> bool:
        return self.opened_on <= day and (self.closed_on is None or self.closed_on > day)


def case_duty_due_on(
    cases: Iterable[HeldCase], day: date, *, birth: date, from_age: int, departments: int = 1
) -> date | None:
    """The due day a case-based duty has on `day`, or None when it does not hold on that day for
    want of cases: the cases open on `day` must be in at least `departments` distinct
    departments; due on the `from_age` birthday or the day the `departments`-th department's
    first such case opened, the later (R8: guide_min_authorities; R10 and R13: one)."""
    first: dict[str, date] = {}
    for case in cases:
        if case.open_on(day):
            first[case.department] = min(first.get(case.department, case.opened_on), case.opened_on)
    if len(first) < departments:
        return None
    nth = sorted(first.values())[departments - 1]
    return max(nth, date_turning(birth, from_age))


@dataclass(frozen=True)
class MissedDuty:
    due_on: date
    last_day: date
    """The last day the duty held (the day before it stopped)."""


def missed_case_duties(
    cases: Iterable[HeldCase],
    *,
    birth: date,
    from_age: int,
    until_age: int,
    today: date,
    departments: int = 1,
) -> list[MissedDuty]:
    """§8.2 for a duty that holds while the youth has open cases (`case_duty_due_on`) and is
    from `from_age` until `until_age`: the duties that stopped holding before `today` (a case
    closed and the rest no longer sufficed, or the youth reached `until_age`) after they fell
    due. Each is the duty as it stood on its last day, due on or before that day, so overdue.
    Whether something since satisfied it is the rule's to say."""
    cases = list(cases)
    end = date_turning(birth, until_age)
    last_days = {c.closed_on - DAY for c in cases if c.closed_on is not None and c.closed_on <= today}
    if end <= today:
        last_days.add(end - DAY)
    found: list[MissedDuty] = []
    for day in sorted(last_days):
        if day >= end:
            continue  # the duty had already ended with the age range
        due_on = case_duty_due_on(cases, day, birth=birth, from_age=from_age, departments=departments)
        if due_on is None or due_on > day:
            continue
        next_day = day + DAY
        if next_day < end and case_duty_due_on(
            cases, next_day, birth=birth, from_age=from_age, departments=departments
        ):
            continue  # it still held the next day: this closing did not end it
        found.append(MissedDuty(due_on=due_on, last_day=day))
    return found
