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
    responsible_departments,
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

    def test_missed_stays_after_18(self) -> None:
        """§8.2: the day before, on and after the 18th birthday the missed plan is still due."""
        for today in (date(2028, 11, 29), date(2028, 11, 30), date(2028, 12, 1), date(2035, 1, 1)):
            assert plan_due(today, PLACED) == date(2027, 2, 28), today

    def test_missed_stays_after_the_placement_ended(self) -> None:
        ended = CasePeriod("placement", date(2020, 1, 1), date(2027, 6, 1))
        assert plan_due(date(2027, 6, 1), ended) == date(2027, 2, 28)
        assert plan_due(date(2029, 6, 1), ended) == date(2027, 2, 28)

    def test_ended_before_it_was_missed_ends_it(self) -> None:
        ended = CasePeriod("placement", date(2020, 1, 1), date(2027, 2, 28))
        assert plan_due(date(2027, 2, 27), ended) == date(2027, 2, 28)
        assert plan_due(date(2027, 2, 28), ended) is None
        assert plan_due(date(2027, 3, 1), ended) is None
        # Closed the day after the deadline: it was open (and missed) on the deadline.
        ended = CasePeriod("placement", date(2020, 1, 1), date(2027, 3, 1))
        assert plan_due(date(2027, 3, 1), ended) == date(2027, 2, 28)

    def test_due_after_18_never_comes(self) -> None:
        # Placed at 17 and 11 months: due after the 18th birthday, ended by it (no duty after 18).
        late = CasePeriod("placement", date(2028, 10, 30), None)
        assert plan_due(date(2028, 11, 29), late) == date(2029, 1, 30)
        assert plan_due(date(2028, 11, 30), late) is None
        assert plan_due(date(2029, 2, 1), late) is None

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
        # §8.2: still there, overdue, on and after the 18th birthday.
        assert decision_due(date(2028, 11, 30), PLACED) == date(2028, 5, 30)
        assert decision_due(date(2028, 12, 1), PLACED) == date(2028, 5, 30)

    def test_placed_after_the_deadline_is_due_at_once(self) -> None:
        late = CasePeriod("placement", date(2028, 7, 1), None)
        assert decision_due(date(2028, 7, 1), late) == date(2028, 7, 1)

    def test_any_decision_satisfies_it(self) -> None:
        assert decision_due(date(2028, 1, 1), PLACED, has=True) is None

    def test_not_placed(self) -> None:
        assert decision_due(date(2028, 1, 1), CasePeriod("disability", date(2020, 1, 1), None)) is None

    def test_placed_after_17_and_a_half_and_turning_18(self) -> None:
        late = CasePeriod("placement", date(2028, 7, 1), None)
        # Due the day placed (missed the next day): stays after 18.
        assert decision_due(date(2028, 11, 30), late) == date(2028, 7, 1)
        # Placed on the eve of the 18th birthday and decided on nothing: overdue after 18 too.
        eve = CasePeriod("placement", date(2028, 11, 29), None)
        assert decision_due(date(2028, 11, 29), eve) == date(2028, 11, 29)
        assert decision_due(date(2028, 11, 30), eve) == date(2028, 11, 29)

    @given(today=st.dates(min_value=date(2024, 1, 1), max_value=date(2035, 12, 31)))
    def test_due_from_17_and_never_disappears(self, today: date) -> None:
        result = decision_due(today, PLACED)
        assert (result is not None) == (date(2027, 11, 30) <= today)

    @given(
        opened=st.dates(min_value=date(2024, 1, 1), max_value=date(2029, 12, 31)),
        length=st.integers(1, 2000),
        today=st.dates(min_value=date(2024, 1, 1), max_value=date(2032, 12, 31)),
    )
    def test_once_overdue_always_overdue(self, opened: date, length: int, today: date) -> None:
        """§8.2: if the duty was overdue on some day, it is still due on every later day."""
        case = CasePeriod("placement", opened, opened + timedelta(days=length))
        for rule in (plan_due, decision_due):
            due = rule(today, case)
            if due is not None and due < today:
                for later in (today + timedelta(days=1), today + timedelta(days=400)):
                    assert rule(later, case) == due


class TestResponsibleDepartments:
    def test_the_adult_area_joins_at_18(self) -> None:
        args = {"birth_date": BIRTH, "duty_departments": ["BFU"], "adult_area_departments": ["SAEH", "ARB"]}
        assert responsible_departments(today=date(2028, 11, 29), **args) == ["BFU"]
        assert responsible_departments(today=date(2028, 11, 30), **args) == ["ARB", "BFU", "SAEH"]
        assert responsible_departments(today=date(2028, 12, 1), **args) == ["ARB", "BFU", "SAEH"]


class TestRecords:
    def test_support_until_only_when_granted_and_later(self) -> None:
        day = date(2028, 1, 1)
        assert support_until_valid("granted", day, None)
        assert support_until_valid("refused", day, None)
        assert support_until_valid("granted", day, date(2030, 1, 1))
        assert not support_until_valid("granted", day, day)
        assert not support_until_valid("refused", day, date(2030, 1, 1))
