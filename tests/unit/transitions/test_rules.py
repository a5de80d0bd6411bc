"""R11 and R12: when the transition form's update is due."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ungeapi.transitions.rules import current_window_start, update_due_on, update_windows

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


class TestUpdateDue:
    def test_updated_in_the_window_is_not_due(self) -> None:
        assert update_due_on(date(2026, 6, 15), date(2026, 9, 1), DEFAULT, None) is None

    def test_updated_on_the_first_day_counts(self) -> None:
        assert update_due_on(date(2026, 6, 1), date(2026, 6, 1), DEFAULT, None) is None

    def test_r11_not_updated_since_the_window_began(self) -> None:
        assert update_due_on(date(2026, 5, 31), date(2026, 6, 1), DEFAULT, None) == date(2026, 6, 1)
        assert update_due_on(date(2025, 12, 1), date(2026, 3, 1), DEFAULT, None) == date(2026, 1, 1)

    def test_r12_referral_after_the_update(self) -> None:
        assert update_due_on(date(2026, 6, 10), date(2026, 9, 1), DEFAULT, date(2026, 8, 20)) == date(
            2026, 8, 20
        )

    def test_r12_referral_on_the_update_day_is_satisfied(self) -> None:
        assert update_due_on(date(2026, 8, 20), date(2026, 9, 1), DEFAULT, date(2026, 8, 20)) is None

    def test_r12_referral_before_the_update_is_satisfied(self) -> None:
        assert update_due_on(date(2026, 8, 21), date(2026, 9, 1), DEFAULT, date(2026, 8, 20)) is None

    def test_the_earlier_of_r11_and_r12(self) -> None:
        assert update_due_on(date(2026, 5, 1), date(2026, 9, 1), DEFAULT, date(2026, 5, 20)) == date(
            2026, 5, 20
        )
        assert update_due_on(date(2026, 5, 1), date(2026, 9, 1), DEFAULT, date(2026, 8, 20)) == date(
            2026, 6, 1
        )

    @given(st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)))
    def test_updated_today_is_never_due(self, today: date) -> None:
        assert update_due_on(today, today, DEFAULT, today) is None
