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
