"""R22/R23: absence periods, shares, levels and the follow-up."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ungeapi.absence import rules

D = Decimal
shares = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


class TestPeriods:
    @pytest.mark.parametrize(
        ("quarter", "first", "last"),
        [
            ("2026Q1", date(2026, 1, 1), date(2026, 3, 31)),
            ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31)),
            ("2026q2", date(2026, 4, 1), date(2026, 6, 30)),
            ("2026Q3", date(2026, 7, 1), date(2026, 9, 30)),
            ("2026Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ],
    )
    def test_quarters(self, quarter, first, last) -> None:
        assert rules.quarter_bounds(quarter) == (first, last)

    @pytest.mark.parametrize("bad", ["2026Q5", "2026Q0", "26Q1", "Q1", "", "1899Q1", "2026-13"])
    def test_not_quarters(self, bad) -> None:
        with pytest.raises(rules.InvalidPeriod):
            rules.quarter_bounds(bad)

    def test_resolve(self) -> None:
        assert rules.resolve_period("2026-q1", None, None) == (date(2026, 1, 1), date(2026, 3, 31), "2026Q1")
        assert rules.resolve_period(None, date(2026, 1, 5), date(2026, 1, 5)) == (
            date(2026, 1, 5),
            date(2026, 1, 5),
            None,
        )
        for args in [("2026Q1", date(2026, 1, 1), None), (None, date(2026, 1, 1), None),
                     (None, None, date(2026, 1, 1)), (None, date(2026, 2, 1), date(2026, 1, 31)),
                     (None, None, None)]:  # fmt: skip
            with pytest.raises(rules.InvalidPeriod):
                rules.resolve_period(*args)

    @given(st.integers(min_value=1900, max_value=2200), st.integers(min_value=1, max_value=4))
    def test_quarters_tile_the_year(self, year: int, number: int) -> None:
        first, last = rules.quarter_bounds(f"{year}Q{number}")
        assert first.month == 3 * number - 2 and first.day == 1
        if number < 4:
            assert rules.quarter_bounds(f"{year}Q{number + 1}")[0].toordinal() == last.toordinal() + 1
        else:
            assert last == date(year, 12, 31)


class TestLevels:
    @pytest.mark.parametrize(
        ("unlawful", "level"),
        [("0", "none"), ("9.99", "none"), ("10", "warning"), ("14.99", "warning"), ("15", "notification"),
         ("100", "notification")],
    )  # fmt: skip
    def test_thresholds_count_as_reached(self, unlawful, level) -> None:
        assert rules.absence_level(D(unlawful), D(10), D(15)) == level

    @given(shares, shares, shares)
    def test_monotone_in_the_share(self, a: Decimal, warn: Decimal, notify: Decimal) -> None:
        warn, notify = min(warn, notify), max(warn, notify)
        order = {"none": 0, "warning": 1, "notification": 2}
        assert (
            order[rules.absence_level(a, warn, notify)]
            <= order[rules.absence_level(a + D("0.01"), warn, notify)]
        )

    def test_follow_up(self) -> None:
        day = date(2026, 10, 2)
        assert rules.follow_up_due("warning", None, None)
        assert not rules.follow_up_due("warning", day, None)
        assert rules.follow_up_due("notification", day, None)
        assert not rules.follow_up_due("notification", None, day)
        assert not rules.follow_up_due("none", None, None)

    def test_due_at_once(self) -> None:
        assert rules.follow_up_due_on(date(2026, 9, 30), date(2026, 10, 3)) == date(2026, 9, 30)
        assert rules.follow_up_due_on(date(2026, 9, 30), date(2026, 8, 15)) == date(2026, 8, 15)


class TestShares:
    @given(shares, shares, shares)
    def test_at_most_the_whole_period(self, a: Decimal, b: Decimal, c: Decimal) -> None:
        assert rules.shares_valid(a, b, c) is (a + b + c <= 100)

    def test_negative_is_not_a_share(self) -> None:
        assert not rules.shares_valid(D(-1), D(0), D(0))


class TestTheFollowUpAfterTheNotification:
    """R22's follow-up (the absence path) and Helsingør's trigger."""

    def test_open_only_at_the_notification_level_once_notified(self) -> None:
        assert rules.follow_up_open("notification", date(2026, 10, 1))
        assert not rules.follow_up_open("notification", None)
        assert not rules.follow_up_open("warning", date(2026, 10, 1))

    def test_the_child_is_heard_from_12(self) -> None:
        birth = date(2014, 10, 2)
        assert not rules.child_to_be_heard(birth, date(2026, 10, 1))
        assert rules.child_to_be_heard(birth, date(2026, 10, 2))
        parents = date(2026, 10, 5)
        assert rules.hearing_done(child_heard_needed=False, parents_heard_on=parents, child_heard_on=None)
        assert not rules.hearing_done(child_heard_needed=True, parents_heard_on=parents, child_heard_on=None)
        assert rules.hearing_done(child_heard_needed=True, parents_heard_on=parents, child_heard_on=parents)
        assert not rules.hearing_done(child_heard_needed=False, parents_heard_on=None, child_heard_on=parents)

    @given(st.booleans(), st.booleans(), st.sampled_from([None, "", " ", "Udbetaling Danmark"]))
    def test_the_child_benefit_decision_is_whole_or_absent(
        self, outcome: bool, day: bool, by: str | None
    ) -> None:
        given_ = (outcome, day, bool((by or "").strip()))
        expected = all(given_) or not any(given_)
        found = rules.child_benefit_recorded_fully(
            "stopped" if outcome else None, date(2026, 10, 1) if day else None, by
        )
        assert found == expected

    def test_the_guide_is_prompted_by_absence_or_wellbeing_when_enabled(self) -> None:
        assert rules.guide_prompted(enabled=True, level="warning", wellbeing_signal=False)
        assert rules.guide_prompted(enabled=True, level="none", wellbeing_signal=True)
        assert not rules.guide_prompted(enabled=True, level="none", wellbeing_signal=False)
        assert not rules.guide_prompted(enabled=False, level="notification", wellbeing_signal=True)

    def test_back_to_school_follow_up(self) -> None:
        day = date(2026, 10, 10)
        assert not rules.return_follow_up_due(None, day, day - timedelta(days=1))
        assert rules.return_follow_up_due(None, day, day)
        assert not rules.return_follow_up_due(day, day, day)
        assert not rules.return_follow_up_due(None, None, day)
        assert rules.hearing_due_on(day, 14) == date(2026, 10, 24)
