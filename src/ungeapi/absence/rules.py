"""Pure rules about school absence (skolefravær), R22 (LAW, folkeskole) and R23 (POL).

R22: unlawful absence per quarter — contact the parents at once; at the warning share (10 %)
warn the parents; at the notification share (15 %) notify the municipality, which hears the
parents (and a child over 12). R23: what counts as worrying absence varies by municipality, so
both shares are the municipality's policy (`absence_warning_pct`, `absence_notify_pct`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from ungeapi.absence.vocabulary import AbsenceLevel
from ungeapi.youth.rules import age_on

Level = AbsenceLevel
QUARTER_PATTERN = re.compile(r"^([0-9]{4})-?Q([1-4])$")


class InvalidPeriod(ValueError):
    """Neither a quarter nor a complete period, both at once, or a period that ends before it starts."""


def quarter_bounds(quarter: str) -> tuple[date, date]:
    """The first and last day of a calendar quarter written `2026Q1` or `2026-Q1`."""
    match = QUARTER_PATTERN.match(quarter.strip().upper())
    if not match:
        raise InvalidPeriod(quarter)
    year, number = int(match.group(1)), int(match.group(2))
    if year < 1900:
        raise InvalidPeriod(quarter)
    first = date(year, 3 * number - 2, 1)
    after = date(year + 1, 1, 1) if number == 4 else date(year, 3 * number + 1, 1)
    return first, after - timedelta(days=1)


def resolve_period(
    quarter: str | None, period_from: date | None, period_to: date | None
) -> tuple[date, date, str | None]:
    """(from, to, normalised quarter): a record covers a quarter (R22 counts per quarter) or an
    explicit period (R23: municipalities also count e.g. 20 or 60 school days)."""
    if quarter is not None:
        if period_from is not None or period_to is not None:
            raise InvalidPeriod("quarter and period given")
        first, last = quarter_bounds(quarter)
        match = QUARTER_PATTERN.match(quarter.strip().upper())
        assert match is not None
        return first, last, f"{match.group(1)}Q{match.group(2)}"
    if period_from is None or period_to is None or period_to < period_from:
        raise InvalidPeriod("incomplete or reversed period")
    return period_from, period_to, None


def shares_valid(lawful: Decimal, unlawful: Decimal, sick: Decimal) -> bool:
    """Each share is 0-100 % of the period's school days, and together at most 100 %."""
    shares = (lawful, unlawful, sick)
    return all(Decimal(0) <= s <= Decimal(100) for s in shares) and sum(shares) <= Decimal(100)


def absence_level(unlawful: Decimal, warning_pct: Decimal, notify_pct: Decimal) -> Level:
    """R22/R23: `notification` at or over the notification share, `warning` at or over the
    warning share, else `none`. A share exactly at a threshold counts as reaching it."""
    if unlawful >= notify_pct:
        return "notification"
    if unlawful >= warning_pct:
        return "warning"
    return "none"


def follow_up_due(
    level: Level, parents_warned_on: date | None, municipality_notified_on: date | None
) -> bool:
    """R22: over the warning share the parents must be warned; over the notification share the
    municipality must (also) be notified. Due until the step the level requires is recorded."""
    if level == "notification":
        return municipality_notified_on is None
    if level == "warning":
        return parents_warned_on is None
    return False


def follow_up_due_on(period_to: date, recorded_on: date) -> date:
    """R22 says "at once": due the day the record shows it — the period's last day, or the day
    it was recorded if that is earlier (a running quarter)."""
    return min(period_to, recorded_on)


# --- R22's follow-up after the notification (the absence path) --------------------------------

# R22: the child is heard too when over 12; read as "fyldt 12 år" (has turned 12 on the day the
# municipality was notified), as the law writes the hearing of a child.
CHILD_HEARING_AGE = 12
CHILD_BENEFIT_OUTCOMES = ("stopped", "not_stopped")


def follow_up_open(level: Level, municipality_notified_on: date | None) -> bool:
    """R22: a notification over the share opens the municipality's follow-up: the level is
    `notification` and the notification is recorded."""
    return level == "notification" and municipality_notified_on is not None


def child_to_be_heard(birth_date: date, municipality_notified_on: date) -> bool:
    """R22: the child is heard as well as the parents when 12 or older on the notification day."""
    return age_on(birth_date, municipality_notified_on) >= CHILD_HEARING_AGE


def hearing_done(
    *, child_heard_needed: bool, parents_heard_on: date | None, child_heard_on: date | None
) -> bool:
    """R22: the parents were heard, and the child when it is to be heard."""
    return parents_heard_on is not None and (not child_heard_needed or child_heard_on is not None)


def hearing_due_on(municipality_notified_on: date, hearing_days: int) -> date:
    """R22: the hearing is due `absence_hearing_days` (a municipal setting) after the notification."""
    return municipality_notified_on + timedelta(days=hearing_days)


def child_benefit_recorded_fully(
    outcome: str | None, decided_on: date | None, decided_by: str | None
) -> bool:
    """R22: the child-benefit decision is a record that the competent unit decided (never a grant
    here): an outcome comes with its day and the unit that decided, and neither without it."""
    given = (outcome is not None, decided_on is not None, bool((decided_by or "").strip()))
    return all(given) or not any(given)


def guide_prompted(*, enabled: bool, level: Level, wellbeing_signal: bool) -> bool:
    """Helsingør (S1): with the municipality's setting on, unlawful absence at or over the warning
    share, or a sign of poor wellbeing, prompts the youth's contact person."""
    return enabled and (level != "none" or wellbeing_signal)


def return_follow_up_due(back_at_school_on: date | None, next_follow_up_on: date | None, today: date) -> bool:
    """R22/R23: until the youth is back at school, the follow-up date is a due date: listed from
    that day on (it is the absence team's own planned date)."""
    return back_at_school_on is None and next_follow_up_on is not None and next_follow_up_on <= today
