"""R24's pure rules: who is assessed, when, the rule's validity dates and the order's deadlines."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ungeapi.education_orders import rules
from ungeapi.education_orders.errors import InvalidDeadlines, RuleNotInForce

DAY = timedelta(days=1)
BIRTH = date(2005, 6, 10)
OPENED = date(2026, 3, 2)
dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
optional_dates = st.none() | dates


def listed(today: date, **changes) -> bool:
    args = {
        "birth": BIRTH,
        "opened_on": OPENED,
        "closed_on": None,
        "qualifies": True,
        "assessed": False,
        "valid_from": None,
        "valid_to": None,
        "days": 30,
        "today": today,
        **changes,
    }
    return rules.assessment_listed(**args)


class TestWhoIsAssessed:
    @pytest.mark.parametrize(
        ("benefit", "vocational", "custody", "expected"),
        [
            ("unemployment_benefit", False, False, True),
            ("cash_benefit", None, None, True),
            ("education_benefit", False, None, True),
            ("other", False, False, False),
            (None, False, False, False),
            ("cash_benefit", True, False, False),
            ("cash_benefit", False, True, False),
        ],
    )
    def test_benefit_education_and_custody(self, benefit, vocational, custody, expected) -> None:
        assert rules.case_qualifies(benefit, vocational, custody) is expected


class TestValidity:
    def test_both_sides_of_each_date(self) -> None:
        start, end = date(2025, 1, 1), date(2025, 6, 30)
        assert not rules.in_force(start, end, start - DAY)
        assert rules.in_force(start, end, start)
        assert rules.in_force(start, end, end)
        assert not rules.in_force(start, end, end + DAY)
        with pytest.raises(RuleNotInForce):
            rules.check_in_force(start, end, end + DAY)
        rules.check_in_force(None, None, date(1999, 1, 1))

    @given(start=optional_dates, end=optional_dates, day=dates)
    def test_open_ends(self, start, end, day) -> None:
        expected = (start is None or start <= day) and (end is None or day <= end)
        assert rules.in_force(start, end, day) is expected


class TestAssessmentDue:
    def test_from_the_case_s_opening_overdue_after_30_days(self) -> None:
        assert not listed(OPENED - DAY)
        assert listed(OPENED)
        assert rules.assessment_due_on(OPENED, None, 30) == OPENED + 30 * DAY
        assert listed(OPENED + 31 * DAY)

    def test_an_assessment_or_a_non_qualifying_case_closes_it(self) -> None:
        assert not listed(OPENED + DAY, assessed=True)
        assert not listed(OPENED + DAY, qualifies=False)

    def test_the_rule_s_first_day_moves_the_start(self) -> None:
        start = OPENED + 10 * DAY
        assert not listed(start - DAY, valid_from=start)
        assert listed(start, valid_from=start)
        assert rules.assessment_due_on(OPENED, start, 30) == start + 30 * DAY

    def test_the_rule_s_end(self) -> None:
        # Ended before the due day: the duty left with the rule.
        assert listed(OPENED + 5 * DAY, valid_to=OPENED + 5 * DAY)
        assert not listed(OPENED + 6 * DAY, valid_to=OPENED + 5 * DAY)
        # Ended after the due day: missed, it stays (§8.2).
        assert listed(OPENED + 100 * DAY, valid_to=OPENED + 31 * DAY)
        # A case opened after the rule ended never had the duty.
        assert not listed(OPENED + DAY, valid_to=OPENED - DAY)

    def test_closing_the_case_and_turning_25(self) -> None:
        assert not listed(OPENED + 40 * DAY, closed_on=OPENED + 20 * DAY)
        assert listed(OPENED + 40 * DAY, closed_on=OPENED + 31 * DAY)
        turns_25 = date(2030, 6, 10)
        assert not listed(turns_25, opened_on=turns_25 - 10 * DAY)
        assert listed(turns_25 + DAY, opened_on=turns_25 - 40 * DAY)

    @given(opened=dates, today=dates, days=st.integers(1, 365), end=optional_dates)
    def test_never_before_its_first_day_and_always_while_it_holds(self, opened, today, days, end) -> None:
        shown = listed(today, opened_on=opened, days=days, valid_to=end, birth=date(2015, 1, 1))
        if today < opened:
            assert not shown
        elif end is None or today <= end:
            assert shown


class TestOrder:
    def test_an_order_has_its_deadlines_in_order(self) -> None:
        d = date(2026, 1, 5)
        rules.check_order("ordered", d, d, d)
        rules.check_order("not_ordered", None, None, None)
        for bad in ((None, d, d), (d, None, d), (d, d, None), (d, d - DAY, d), (d, d + DAY, d)):
            with pytest.raises(InvalidDeadlines):
                rules.check_order("ordered", *bad)
        with pytest.raises(InvalidDeadlines):
            rules.check_order("not_ordered", None, d, None)
        with pytest.raises(InvalidDeadlines):
            rules.check_order("not_ordered", None, None, None, answered=True)

    @given(ordered=optional_dates, due=optional_dates, done=optional_dates, today=dates)
    def test_deadline_listed_from_the_order_until_answered(self, ordered, due, done, today) -> None:
        expected = ordered is not None and due is not None and done is None and ordered <= today
        assert rules.deadline_listed(ordered, due, done, today) is expected
