"""Pure rules of data retention (domain.md 6.5: a risk-based retention, art. 5(1)(e) and 32).

A youth is pseudonymized when both hold on `today`:
- they are past the municipality's age window (older than `age_max`, R1a): the effort for
  them is over;
- nothing has happened on their data for `inactive_years` years (no open case, no current plan,
  no pending or active guide, no change of any record).
Pseudonymized: names, CPR and guardians are replaced or removed; birth date, municipality and
target groups stay, so the statistics stay intact. The log period itself is NC in domain.md:
the number of years is the municipality's policy (`retention_inactive_years`).
"""

from __future__ import annotations

from datetime import date

from ungeapi.youth.rules import age_on, date_turning


def inactive_since_cutoff(today: date, inactive_years: int) -> date:
    """The last day of activity that still counts as inactive long enough (29 Feb -> 1 March)."""
    return date_turning(today, -inactive_years)


def due_for_pseudonymization(
    *, birth_date: date, last_activity: date, today: date, age_max: int, inactive_years: int
) -> bool:
    """Past the age window and inactive for `inactive_years` years."""
    return age_on(birth_date, today) > age_max and last_activity <= inactive_since_cutoff(
        today, inactive_years
    )
