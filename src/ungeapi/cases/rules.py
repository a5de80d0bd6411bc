"""Pure rules about cases."""

from __future__ import annotations

from datetime import date


def is_open_on(opened_on: date, closed_on: date | None, today: date) -> bool:
    """A case is open from the day it is opened until the day it is closed (closed that day = closed)."""
    return opened_on <= today and (closed_on is None or closed_on > today)


def dates_in_order(opened_on: date, closed_on: date | None) -> bool:
    return closed_on is None or closed_on >= opened_on


def may_write_department(department_code: str, departments: tuple[str, ...], municipality_wide: bool) -> bool:
    """A caseworker writes cases of their own departments; admin and integration any."""
    return municipality_wide or department_code in departments


def support_after_18_consistent(expected: bool, hours: float | None) -> bool:
    """R10: expected hours a week after 18 are only given when support after 18 is expected."""
    return hours is None or expected


def may_take_on(
    *,
    municipality_wide: bool,
    writes_youth: bool,
    cpr_given: bool,
    concern_received: bool,
    named_in_referral: bool,
) -> bool:
    """Opening a case gives the department the youth (ungeapi.access), so a department never opens
    one for a youth it cannot see by knowing the youth's id alone. It takes a youth on by one of:
    - its own work with the youth already (the write scope, access.youth_writable; a consent,
      which grants reading only, does not count);
    - a look-up by CPR: the youth or the family came to the department with the CPR number,
      given in the request and audited as `lookup`;
    - a concern (underretning) about the youth that the department received, open or closed;
    - a forum referral (indstilling) that was sent and names the department among its
      professionals.
    Admin and integration (a journal system, the bulk import) open cases for any youth of the
    municipality."""
    return municipality_wide or writes_youth or cpr_given or concern_received or named_in_referral
