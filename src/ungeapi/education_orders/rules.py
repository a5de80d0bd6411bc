"""Pure rules of the education order (uddannelsespålæg, LAB § 30; R24 of domain.md).

The jobcentre assesses an order for a youth under 25 on dagpenge or kontanthjælp (and, while it
existed, uddannelseshjælp) without a vocational education and without custody of children; if
the youth can complete an education, the order sets deadlines to propose and then to apply. The
rule is versioned by date: it is in force only between the settings' valid_from and valid_to
(R25: its future after 1 July 2025 is not confirmed), so a change of law is a settings change.
"""

from __future__ import annotations

from datetime import date, timedelta

from ungeapi.education_orders.errors import InvalidDeadlines, RuleNotInForce
from ungeapi.youth.rules import date_turning

AGE_LIMIT = 25
BENEFITS = frozenset({"unemployment_benefit", "cash_benefit", "education_benefit"})
DAY = timedelta(days=1)


def in_force(valid_from: date | None, valid_to: date | None, day: date) -> bool:
    """R24 is in force on `day` inside its validity dates (either may be open)."""
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)


def check_in_force(valid_from: date | None, valid_to: date | None, day: date) -> None:
    """An assessment under R24 is recorded for a day the rule is in force
    (education_order.not_in_force)."""
    if not in_force(valid_from, valid_to, day):
        raise RuleNotInForce(on=day.isoformat())


def case_qualifies(
    benefit_type: str | None, has_vocational_education: bool | None, has_custody: bool | None
) -> bool:
    """R24: the case's youth receives a benefit the rule names and is not known to have a
    vocational education or custody of children (unknown counts as none: the assessment finds out)."""
    return benefit_type in BENEFITS and has_vocational_education is not True and has_custody is not True


def assessment_first_day(opened_on: date, valid_from: date | None) -> date:
    """The assessment duty starts when the case opened, or when the rule came into force."""
    return opened_on if valid_from is None else max(opened_on, valid_from)


def assessment_due_on(opened_on: date, valid_from: date | None, days: int) -> date:
    """education_order.assessment_due: `education_order_assessment_days` after its first day."""
    return assessment_first_day(opened_on, valid_from) + timedelta(days=days)


def assessment_lapses_on(birth: date, closed_on: date | None, valid_to: date | None) -> date:
    """The first day the assessment duty no longer holds: the case closed, the youth turned 25, or
    the rule went out of force, the earliest."""
    ends = [date_turning(birth, AGE_LIMIT)]
    if closed_on is not None:
        ends.append(closed_on)
    if valid_to is not None:
        ends.append(valid_to + DAY)
    return min(ends)


def assessment_listed(
    *,
    birth: date,
    opened_on: date,
    closed_on: date | None,
    qualifies: bool,
    assessed: bool,
    valid_from: date | None,
    valid_to: date | None,
    days: int,
    today: date,
) -> bool:
    """R24 and §8.2 (education_order.assessment_due): a qualifying case without an assessment is
    listed from its first day while the duty holds; after it lapsed (case closed, 25th birthday,
    rule out of force) only when it was due before that day, then overdue. An assessment closes it."""
    if not qualifies or assessed:
        return False
    first = assessment_first_day(opened_on, valid_from)
    lapses = assessment_lapses_on(birth, closed_on, valid_to)
    if first > today or first >= lapses:
        return False
    return today < lapses or assessment_due_on(opened_on, valid_from, days) < lapses


def check_order(
    outcome: str,
    ordered_on: date | None,
    proposal_due_on: date | None,
    application_due_on: date | None,
    *,
    answered: bool = False,
) -> None:
    """An order carries both deadlines, the proposal's on or after the order and the application's
    on or after the proposal's; an assessment without an order carries none, nor an answer from
    the youth (`answered`: a proposal or application day) (education_order.invalid_deadlines)."""
    if outcome == "ordered":
        if ordered_on is None or proposal_due_on is None or application_due_on is None:
            raise InvalidDeadlines()
        if not ordered_on <= proposal_due_on <= application_due_on:
            raise InvalidDeadlines()
    elif answered or ordered_on is not None or proposal_due_on is not None or application_due_on is not None:
        raise InvalidDeadlines()


def deadline_listed(ordered_on: date | None, due_on: date | None, done_on: date | None, today: date) -> bool:
    """education_order.proposal_due / .application_due: listed from the day of the order until the
    youth proposed (applied); overdue after the deadline, and it stays until then (§8.2)."""
    return ordered_on is not None and due_on is not None and done_on is None and ordered_on <= today
