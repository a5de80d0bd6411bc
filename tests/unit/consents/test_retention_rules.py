"""The retention rule (privacy/rules.py), without a database."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ungeapi.privacy import rules

TODAY = date(2026, 11, 23)


def due(birth: date, last: date, today: date = TODAY, age_max: int = 30, years: int = 5) -> bool:
    return rules.due_for_pseudonymization(
        birth_date=birth, last_activity=last, today=today, age_max=age_max, inactive_years=years
    )


def test_past_the_window_and_idle_long_enough() -> None:
    born_31 = date(1995, 11, 23)
    assert due(born_31, date(2021, 11, 23))
    assert not due(born_31, date(2021, 11, 24))  # one day short of five years
    assert not due(date(1995, 11, 24), date(2010, 1, 1))  # 30 until tomorrow: still in the window


def test_cutoff_of_29_february() -> None:
    assert rules.inactive_since_cutoff(date(2028, 2, 29), 5) == date(2023, 3, 1)
    assert rules.inactive_since_cutoff(date(2028, 2, 29), 4) == date(2024, 2, 29)


@given(
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=0, max_value=20),
    st.integers(min_value=18, max_value=35),
    st.integers(min_value=1, max_value=10),
)
def test_due_iff_both_conditions(age: int, idle: int, age_max: int, years: int) -> None:
    birth = date(TODAY.year - age, 6, 1)
    last = date(TODAY.year - idle, 6, 1)
    expected = (age - (1 if TODAY < date(TODAY.year, 6, 1) else 0)) > age_max and last <= date(
        TODAY.year - years, TODAY.month, TODAY.day
    )
    assert due(birth, last, age_max=age_max, years=years) == expected
