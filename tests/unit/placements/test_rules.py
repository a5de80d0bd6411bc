"""R19 (youth plan) and R20 (aftercare decision) for placed youth, and month arithmetic."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ungeapi.placements.rules import (
    CasePeriod,
    add_months,
    aftercare_deadline,
    aftercare_decision_due_on,
    recorded_in_time,
    support_until_valid,
    youth_plan_due_on,
)

BIRTH = date(2010, 11, 30)
PLACED = CasePeriod("placement", date(2020, 1, 1), None)


class TestAddMonths:
    def test_clamps_to_the_month_end(self) -> None:
        assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
        assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
        assert add_months(date(2026, 8, 31), -6) == date(2026, 2, 28)
        assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)

    def test_across_years(self) -> None:
        assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
        assert add_months(date(2026, 1, 15), -1) == date(2025, 12, 15)
        assert add_months(date(2026, 5, 15), -12) == date(2025, 5, 15)

    @given(day=st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 1, 1)), months=st.integers(-60, 60))
    def test_month_moves_and_day_never_grows(self, day: date, months: int) -> None:
        moved = add_months(day, months)
        assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
        assert moved.day <= day.day
        assert moved.day == day.day or (moved + timedelta(days=1)).day == 1


def plan_due(today: date, *cases: CasePeriod, has: bool = False, birth: date = BIRTH) -> date | None:
    return youth_plan_due_on(birth_date=birth, today=today, cases=cases, has_youth_plan=has)


def decision_due(today: date, *cases: CasePeriod, has: bool = False, birth: date = BIRTH) -> date | None:
    return aftercare_decision_due_on(birth_date=birth, today=today, cases=cases, has_decision=has)


class TestYouthPlanDue:
    def test_from_the_16th_birthday_due_3_months_later(self) -> None:
        assert plan_due(date(2026, 11, 29), PLACED) is None
        assert plan_due(date(2026, 11, 30), PLACED) == date(2027, 2, 28)
        assert plan_due(date(2027, 6, 1), PLACED) == date(2027, 2, 28)

    def test_until_18(self) -> None:
        assert plan_due(date(2028, 11, 29), PLACED) == date(2027, 2, 28)
        assert plan_due(date(2028, 11, 30), PLACED) is None

    def test_placed_later_counts_from_the_placement(self) -> None:
        later = CasePeriod("placement", date(2027, 4, 10), None)
        assert plan_due(date(2027, 4, 9), later) is None
        assert plan_due(date(2027, 4, 10), later) == date(2027, 7, 10)

    def test_only_open_placements(self) -> None:
        today = date(2027, 1, 1)
        assert plan_due(today, CasePeriod("preventive", date(2020, 1, 1), None)) is None
        assert plan_due(today, CasePeriod("aftercare", date(2020, 1, 1), None)) is None
        assert plan_due(today, CasePeriod("placement", date(2020, 1, 1), today)) is None

    def test_a_recorded_plan_satisfies_it(self) -> None:
        assert plan_due(date(2027, 1, 1), PLACED, has=True) is None

    def test_29_february(self) -> None:
        birth = date(2008, 2, 29)  # turns 16 on 29 February 2024 (a leap year)
        assert plan_due(date(2024, 2, 29), PLACED, birth=birth) == date(2024, 5, 29)
        birth = date(2012, 2, 29)  # 2029 is a common year: 17 on 1 March 2029, 18 on 1 March 2030
        assert plan_due(date(2028, 2, 29), PLACED, birth=birth) == date(2028, 5, 29)
        assert decision_due(date(2029, 2, 28), PLACED, birth=birth) is None
        assert decision_due(date(2029, 3, 1), PLACED, birth=birth) == date(2029, 9, 1)


class TestAftercareDecisionDue:
    def test_from_17_due_6_months_before_18(self) -> None:
        assert aftercare_deadline(BIRTH) == date(2028, 5, 30)
        assert decision_due(date(2027, 11, 29), PLACED) is None
        assert decision_due(date(2027, 11, 30), PLACED) == date(2028, 5, 30)
        assert decision_due(date(2028, 11, 29), PLACED) == date(2028, 5, 30)
        assert decision_due(date(2028, 11, 30), PLACED) is None

    def test_placed_after_the_deadline_is_due_at_once(self) -> None:
        late = CasePeriod("placement", date(2028, 7, 1), None)
        assert decision_due(date(2028, 7, 1), late) == date(2028, 7, 1)

    def test_any_decision_satisfies_it(self) -> None:
        assert decision_due(date(2028, 1, 1), PLACED, has=True) is None

    def test_not_placed(self) -> None:
        assert decision_due(date(2028, 1, 1), CasePeriod("disability", date(2020, 1, 1), None)) is None

    @given(today=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)))
    def test_due_only_between_17_and_18(self, today: date) -> None:
        result = decision_due(today, PLACED)
        assert (result is not None) == (date(2027, 11, 30) <= today < date(2028, 11, 30))


class TestRecords:
    def test_not_in_the_future(self) -> None:
        today = date(2027, 1, 1)
        assert recorded_in_time(today, today) and not recorded_in_time(today + timedelta(days=1), today)

    def test_support_until_only_when_granted_and_later(self) -> None:
        day = date(2028, 1, 1)
        assert support_until_valid("granted", day, None)
        assert support_until_valid("refused", day, None)
        assert support_until_valid("granted", day, date(2030, 1, 1))
        assert not support_until_valid("granted", day, day)
        assert not support_until_valid("refused", day, date(2030, 1, 1))
