from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ungeapi.cases.rules import dates_in_order, is_open_on, may_write_department
from ungeapi.guides.rules import (
    TRANSITIONS,
    guide_offer_due,
    months_before,
    next_state,
    offer_due_bounds,
    offer_due_on,
)
from ungeapi.municipality.policy import Policy
from ungeapi.youth.rules import age_on

TODAY = date(2026, 11, 23)
POLICY = Policy()


def due(**overrides) -> bool:
    args = {
        "birth_date": date(2010, 1, 1),
        "today": TODAY,
        "open_authority_departments": {"BFU", "ARB"},
        "has_pending_or_active_guide": False,
        "last_declined_on": None,
        "policy": POLICY,
    }
    args.update(overrides)
    return guide_offer_due(**args)


class TestGuideOfferDue:
    def test_two_authorities_in_the_age_window_is_due(self) -> None:
        assert due()

    def test_one_authority_is_not_due(self) -> None:
        assert not due(open_authority_departments={"BFU"})

    def test_two_cases_in_the_same_department_count_once(self) -> None:
        # The caller passes distinct departments; a set of one is one authority.
        assert not due(open_authority_departments=set(["BFU", "BFU"]))

    def test_due_from_the_15th_birthday_exactly(self) -> None:
        assert due(birth_date=date(2011, 11, 23))
        assert not due(birth_date=date(2011, 11, 24))

    def test_due_until_the_day_before_the_31st_birthday(self) -> None:
        assert due(birth_date=date(1995, 11, 24))
        assert not due(birth_date=date(1995, 11, 23))

    def test_pending_or_active_guide_stops_it(self) -> None:
        assert not due(has_pending_or_active_guide=True)

    def test_decline_within_quiet_period_stops_it(self) -> None:
        assert not due(last_declined_on=date(2026, 10, 1))
        assert not due(last_declined_on=date(2026, 5, 23))  # exactly 6 months ago: still quiet

    def test_decline_six_months_and_a_day_ago_is_due_again(self) -> None:
        assert due(last_declined_on=date(2026, 5, 22))

    def test_threshold_and_window_are_policy(self) -> None:
        policy = Policy(guide_min_authorities=3, guide_age_min=16, guide_decline_quiet_months=0)
        assert not due(policy=policy)
        assert due(policy=policy, open_authority_departments={"BFU", "ARB", "UU"})
        assert not due(
            policy=policy, open_authority_departments={"BFU", "ARB", "UU"}, birth_date=date(2011, 1, 1)
        )
        assert due(
            policy=policy,
            open_authority_departments={"BFU", "ARB", "UU"},
            last_declined_on=TODAY - timedelta(days=1),
        )

    @given(
        st.dates(min_value=date(1990, 1, 1), max_value=date(2015, 12, 31)),
        st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    )
    def test_bounds_agree_with_the_rule(self, born: date, today: date) -> None:
        bounds = offer_due_bounds(today, POLICY)
        in_bounds = bounds.born_after < born <= bounds.born_on_or_before
        assert in_bounds == (15 <= age_on(born, today) <= 30)
        assert in_bounds == due(birth_date=born, today=today)


class TestOfferDueOn:
    def test_the_later_of_the_second_authority_and_the_15th_birthday(self) -> None:
        assert offer_due_on(date(2010, 6, 1), [date(2024, 1, 1), date(2026, 3, 1)], POLICY) == date(
            2026, 3, 1
        )
        assert offer_due_on(date(2011, 6, 1), [date(2024, 1, 1), date(2025, 3, 1)], POLICY) == date(
            2026, 6, 1
        )


class TestMonthsBefore:
    @pytest.mark.parametrize(
        ("day", "months", "expected"),
        [
            (date(2026, 11, 23), 6, date(2026, 5, 23)),
            (date(2026, 8, 31), 6, date(2026, 2, 28)),
            (date(2028, 8, 31), 6, date(2028, 2, 29)),
            (date(2026, 1, 15), 1, date(2025, 12, 15)),
            (date(2026, 3, 31), 0, date(2026, 3, 31)),
            (date(2026, 3, 31), 25, date(2024, 2, 29)),
        ],
    )
    def test_months_before(self, day: date, months: int, expected: date) -> None:
        assert months_before(day, months) == expected


class TestTransitions:
    @pytest.mark.parametrize(
        ("state", "action", "expected"),
        [
            ("offered", "accept", "accepted"),
            ("offered", "decline", "declined"),
            ("accepted", "activate", "active"),
            ("active", "end", "ended"),
            ("accepted", "end", "ended"),
            ("offered", "activate", None),
            ("declined", "accept", None),
            ("active", "decline", None),
            ("ended", "activate", None),
            ("offered", "explode", None),
        ],
    )
    def test_moves(self, state: str, action: str, expected: str | None) -> None:
        assert next_state(state, action) == expected

    def test_no_move_leaves_a_final_state(self) -> None:
        for allowed, _ in TRANSITIONS.values():
            assert "declined" not in allowed and "ended" not in allowed


class TestCaseRules:
    def test_a_case_closed_today_is_closed(self) -> None:
        assert not is_open_on(date(2026, 1, 1), TODAY, TODAY)
        assert is_open_on(date(2026, 1, 1), TODAY + timedelta(days=1), TODAY)
        assert is_open_on(TODAY, None, TODAY)
        assert not is_open_on(TODAY + timedelta(days=1), None, TODAY)

    def test_dates_in_order(self) -> None:
        assert dates_in_order(TODAY, TODAY)
        assert dates_in_order(TODAY, None)
        assert not dates_in_order(TODAY, TODAY - timedelta(days=1))

    def test_departments(self) -> None:
        assert may_write_department("BFU", ("BFU",), False)
        assert not may_write_department("ARB", ("BFU",), False)
        assert may_write_department("ARB", (), True)


class TestPolicy:
    def test_defaults_are_the_domain_defaults(self) -> None:
        policy = Policy()
        assert (policy.guide_min_authorities, policy.guide_age_min, policy.guide_age_max) == (2, 15, 30)
        assert policy.guide_decline_quiet_months == 6
        assert policy.transition_update_months == [1, 6, 7]
        assert (policy.slot_minutes, policy.complex_slot_minutes, policy.meeting_interval_days) == (
            15,
            30,
            14,
        )

    def test_inconsistent_policy_is_refused(self) -> None:
        with pytest.raises(ValueError, match="guide_age_min"):
            Policy(guide_age_min=20, guide_age_max=18)
        with pytest.raises(ValueError, match="month"):
            Policy(transition_update_months=[13])
