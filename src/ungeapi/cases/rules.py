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
