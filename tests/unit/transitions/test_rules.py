"""R11 and R12: when the transition form's update is due."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ungeapi.transitions.rules import (
    SupportCase,
    current_window_start,
    update_due_dates,
    update_windows,
    window_end,
    window_starts,
    windows_closed_late,
)

DEFAULT = [1, 6, 7]


class TestWindows:
    def test_default_is_january_and_june_july(self) -> None:
        assert update_windows(DEFAULT) == [(1,), (6, 7)]

    def test_unordered_and_duplicates(self) -> None:
        assert update_windows([7, 1, 6, 6]) == [(1,), (6, 7)]

    def test_wraps_the_turn_of_the_year(self) -> None:
        assert update_windows([12, 1, 2, 6]) == [(12, 1, 2), (6,)]

    def test_single_month(self) -> None:
        assert update_windows([3]) == [(3,)]

    def test_whole_year_is_one_window(self) -> None:
        assert update_windows(range(1, 13)) == [tuple(range(1, 13))]

    def test_current_window_start(self) -> None:
        assert current_window_start(date(2026, 3, 10), DEFAULT) == date(2026, 1, 1)
        assert current_window_start(date(2026, 1, 1), DEFAULT) == date(2026, 1, 1)
        assert current_window_start(date(2026, 5, 31), DEFAULT) == date(2026, 1, 1)
        assert current_window_start(date(2026, 6, 1), DEFAULT) == date(2026, 6, 1)
        assert current_window_start(date(2026, 7, 31), DEFAULT) == date(2026, 6, 1)
        assert current_window_start(date(2026, 12, 31), DEFAULT) == date(2026, 6, 1)

    def test_window_of_last_year(self) -> None:
        assert current_window_start(date(2026, 2, 1), [6, 7]) == date(2025, 6, 1)
        assert current_window_start(date(2026, 1, 15), [12, 1]) == date(2025, 12, 1)

    @given(
        st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)),
        st.sets(st.integers(1, 12), min_size=1),
    )
    def test_start_is_a_window_month_within_a_year(self, today: date, months: set[int]) -> None:
        start = current_window_start(today, sorted(months))
        assert start <= today and start.day == 1 and start.month in months
        assert today - start < timedelta(days=366)


BIRTH = date(2011, 9, 15)  # 18 on 2029-09-15
NEEDS = SupportCase(
    kind="disability",
    opened_on=date(2024, 1, 10),
    closed_on=None,
    support_after_18_expected=True,
    support_hours_after_18=None,
)


def dues(updated_on: date, today: date, **overrides: object) -> list[date]:
    args: dict[str, object] = {
        "updated_on": updated_on,
        "today": today,
        "months": DEFAULT,
        "birth_date": BIRTH,
        "cases": [NEEDS],
        "latest_referral_submitted_on": None,
    }
    args.update(overrides)
    return update_due_dates(**args)  # type: ignore[arg-type]


class TestWindowEnd:
    def test_default_windows_end_31_january_and_31_july(self) -> None:
        assert window_end(date(2027, 1, 1), DEFAULT) == date(2027, 1, 31)
        assert window_end(date(2027, 6, 1), DEFAULT) == date(2027, 7, 31)

    def test_wrapping_window_ends_next_year(self) -> None:
        assert window_end(date(2026, 12, 1), [12, 1, 2]) == date(2027, 2, 28)
        assert window_end(date(2027, 12, 1), [12, 1, 2]) == date(2028, 2, 29)

    def test_not_a_window_start(self) -> None:
        with pytest.raises(ValueError):
            window_end(date(2027, 7, 1), DEFAULT)

    def test_window_starts_strictly_after(self) -> None:
        assert window_starts(date(2026, 6, 1), date(2027, 6, 1), DEFAULT) == [
            date(2027, 1, 1),
            date(2027, 6, 1),
        ]
        assert window_starts(date(2026, 5, 31), date(2026, 6, 1), DEFAULT) == [date(2026, 6, 1)]
        assert window_starts(date(2026, 6, 2), date(2026, 12, 31), DEFAULT) == []

    @given(
        st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)),
        st.sets(st.integers(1, 12), min_size=1, max_size=11),
    )
    def test_a_window_ends_before_the_next_one_starts(self, day: date, months: set[int]) -> None:
        starts = window_starts(day, day + timedelta(days=800), sorted(months))
        for first, second in itertools.pairwise(starts):
            assert first < window_end(first, sorted(months)) < second


class TestUpdateDue:
    """R11: open on the window's first day, due on its last, overdue after; closed by an update."""

    def test_the_window_opens_on_its_first_day_due_on_its_last(self) -> None:
        assert dues(date(2026, 12, 10), date(2026, 12, 31)) == []
        assert dues(date(2026, 12, 10), date(2027, 1, 1)) == [date(2027, 1, 31)]
        assert dues(date(2026, 12, 10), date(2027, 1, 31)) == [date(2027, 1, 31)]
        assert dues(date(2026, 12, 10), date(2027, 2, 1)) == [date(2027, 1, 31)]

    def test_june_july_window_due_31_july(self) -> None:
        assert dues(date(2027, 1, 15), date(2027, 5, 31)) == []
        assert dues(date(2027, 1, 15), date(2027, 6, 1)) == [date(2027, 7, 31)]
        assert dues(date(2027, 1, 15), date(2027, 8, 1)) == [date(2027, 7, 31)]

    def test_an_update_inside_the_window_closes_it(self) -> None:
        assert dues(date(2027, 1, 15), date(2027, 2, 1)) == []
        assert dues(date(2027, 1, 1), date(2027, 1, 1)) == []

    def test_an_update_after_the_end_closes_it_late(self) -> None:
        assert dues(date(2027, 2, 3), date(2027, 2, 3)) == []
        assert windows_closed_late(date(2026, 12, 10), date(2027, 2, 3), DEFAULT) == [date(2027, 1, 1)]
        assert windows_closed_late(date(2026, 12, 10), date(2027, 1, 31), DEFAULT) == []
        assert windows_closed_late(date(2026, 12, 10), date(2027, 1, 15), DEFAULT) == []

    def test_every_missed_window_stays(self) -> None:
        assert dues(date(2026, 12, 10), date(2027, 6, 1)) == [date(2027, 1, 31), date(2027, 7, 31)]

    def test_no_new_window_at_18_but_the_missed_one_stays(self) -> None:
        # 18 on 2029-09-15: the June 2029 window opened, January 2030 does not.
        assert dues(date(2029, 5, 1), date(2030, 3, 1)) == [date(2029, 7, 31)]
        assert dues(date(2029, 6, 20), date(2031, 3, 1)) == []
        young = date(2012, 1, 1)  # 18 on 2030-01-01: the January 2030 window opens on the birthday
        assert dues(date(2029, 8, 1), date(2030, 2, 1), birth_date=young) == []
        assert dues(date(2029, 8, 1), date(2030, 2, 1), birth_date=date(2012, 1, 2)) == [date(2030, 1, 31)]

    def test_no_new_window_without_a_case_that_needs_the_form(self) -> None:
        closed = SupportCase("disability", date(2024, 1, 10), date(2027, 3, 1), True, None)
        assert dues(date(2026, 12, 10), date(2027, 9, 1), cases=[closed]) == [date(2027, 1, 31)]
        # Closed on the first day: the window does not open.
        on_start = SupportCase("disability", date(2024, 1, 10), date(2027, 1, 1), True, None)
        assert dues(date(2026, 12, 10), date(2027, 2, 1), cases=[on_start]) == []
        for case in (
            SupportCase("disability", date(2024, 1, 10), None, False, None),
            SupportCase("preventive", date(2024, 1, 10), None, True, None),
            SupportCase("placement", date(2027, 1, 2), None, True, 5),
        ):
            assert dues(date(2026, 12, 10), date(2027, 2, 1), cases=[case]) == [], case
        placed = SupportCase("placement", date(2027, 1, 1), None, True, 5)
        assert dues(date(2026, 12, 10), date(2027, 2, 1), cases=[placed]) == [date(2027, 1, 31)]

    def test_r12_referral_after_the_update(self) -> None:
        assert dues(date(2027, 6, 10), date(2027, 9, 1), latest_referral_submitted_on=date(2027, 8, 20)) == [
            date(2027, 8, 20)
        ]

    def test_r12_referral_on_or_before_the_update_is_satisfied(self) -> None:
        for submitted in (date(2027, 8, 20), date(2027, 8, 19)):
            assert dues(date(2027, 8, 20), date(2027, 9, 1), latest_referral_submitted_on=submitted) == []

    def test_r11_and_r12_both(self) -> None:
        assert dues(date(2027, 5, 1), date(2027, 9, 1), latest_referral_submitted_on=date(2027, 5, 20)) == [
            date(2027, 5, 20),
            date(2027, 7, 31),
        ]
        # The same day once.
        assert dues(date(2027, 5, 1), date(2027, 9, 1), latest_referral_submitted_on=date(2027, 7, 31)) == [
            date(2027, 7, 31)
        ]

    @given(st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)))
    def test_updated_today_is_never_due(self, today: date) -> None:
        assert dues(today, today, latest_referral_submitted_on=today) == []

    @given(
        updated=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
        later=st.integers(0, 2000),
    )
    def test_due_dates_are_window_ends_after_the_update(self, updated: date, later: int) -> None:
        today = updated + timedelta(days=later)
        for due in dues(updated, today, birth_date=date(2000, 1, 1) + timedelta(days=later)):
            start = due.replace(day=1) if due.month == 1 else date(due.year, 6, 1)
            assert due in (date(due.year, 1, 31), date(due.year, 7, 31))
            assert updated < start <= today
