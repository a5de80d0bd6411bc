"""The plan's pure rules: status moves, R5 weekdays and deadlines."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ungeapi.plans import rules

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


class TestStatus:
    @pytest.mark.parametrize("status", ["active", "stuck", "interrupted"])
    def test_current(self, status: str) -> None:
        assert rules.is_current(status)

    @pytest.mark.parametrize("status", ["completed", "closed"])
    def test_finished_is_final(self, status: str) -> None:
        assert not rules.is_current(status)
        for target in ("active", "stuck", "interrupted", "completed", "closed"):
            assert rules.status_change_allowed(status, target) is (target == status)

    def test_current_plans_move_freely(self) -> None:
        for current in ("active", "stuck", "interrupted"):
            for target in ("active", "stuck", "interrupted", "completed", "closed"):
                assert rules.status_change_allowed(current, target)

    def test_reasons(self) -> None:
        assert {s for s in rules.REASON_REQUIRED} == {"stuck", "interrupted", "closed"}
        assert not rules.reason_required("active") and not rules.reason_required("completed")


class TestWeekdays:
    @pytest.mark.parametrize(
        ("start", "days", "expected"),
        [
            (date(2026, 11, 23), 5, date(2026, 11, 30)),  # Monday -> next Monday
            (date(2026, 11, 25), 5, date(2026, 12, 2)),  # Wednesday -> next Wednesday
            (date(2026, 11, 27), 5, date(2026, 12, 4)),  # Friday -> next Friday
            (date(2026, 11, 28), 5, date(2026, 12, 4)),  # Saturday -> Friday
            (date(2026, 11, 29), 5, date(2026, 12, 4)),  # Sunday -> Friday
            (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Friday + 1 -> Monday
            (date(2026, 11, 28), 1, date(2026, 11, 30)),  # Saturday + 1 -> Monday
            (date(2026, 11, 23), 0, date(2026, 11, 23)),
            (date(2026, 12, 23), 5, date(2026, 12, 30)),  # holidays are not skipped (no calendar)
            (date(2028, 2, 25), 5, date(2028, 3, 3)),  # across 29 February
        ],
    )
    def test_examples(self, start: date, days: int, expected: date) -> None:
        assert rules.add_weekdays(start, days) == expected

    @given(dates, st.integers(min_value=1, max_value=60))
    def test_result_is_a_weekday_with_exactly_n_weekdays_after_start(self, start: date, days: int) -> None:
        end = rules.add_weekdays(start, days)
        assert end.weekday() < 5
        between = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
        assert sum(1 for d in between if d.weekday() < 5) == days

    @given(dates, st.integers(min_value=1, max_value=60))
    def test_five_weekdays_is_a_week_at_most_nine_days(self, start: date, days: int) -> None:
        span = (rules.add_weekdays(start, days) - start).days
        assert days <= span <= days + 2 * (days // 5 + 1)


class TestDropout:
    def test_deadlines(self) -> None:
        assert rules.dropout_contact_due_on(date(2026, 11, 20)) == date(2026, 11, 27)
        assert rules.new_activity_due_on(date(2026, 11, 20)) == date(2026, 12, 20)

    @pytest.mark.parametrize(
        ("birth", "on", "applies"),
        [
            (date(2011, 11, 21), date(2026, 11, 20), False),  # 14, turns 15 the next day
            (date(2011, 11, 20), date(2026, 11, 20), True),  # 15 today
            (date(2008, 11, 21), date(2026, 11, 20), True),  # 17, turns 18 the next day
            (date(2008, 11, 20), date(2026, 11, 20), False),  # 18 today
            (date(2008, 2, 29), date(2026, 2, 28), True),  # 29 Feb: still 17 on 28 Feb 2026
            (date(2008, 2, 29), date(2026, 3, 1), False),
        ],
    )
    def test_applies_to_15_to_17_on_the_day_they_left(self, birth: date, on: date, applies: bool) -> None:
        assert rules.dropout_rules_apply(birth, on) is applies

    def test_follow_up_overdue(self) -> None:
        today = date(2026, 11, 23)
        assert rules.follow_up_overdue(date(2026, 11, 22), "active", today)
        assert rules.follow_up_overdue(date(2026, 11, 22), "stuck", today)
        assert not rules.follow_up_overdue(date(2026, 11, 23), "active", today)
        assert not rules.follow_up_overdue(None, "active", today)
        assert not rules.follow_up_overdue(date(2026, 1, 1), "closed", today)


class TestDropoutDates:
    @pytest.mark.parametrize(
        ("interrupted", "contact", "valid"),
        [
            (None, None, True),
            (date(2026, 11, 1), None, True),
            (date(2026, 9, 30), None, False),  # before the plan was made
            (date(2026, 11, 24), None, False),  # in the future
            (date(2026, 11, 1), date(2026, 11, 1), True),
            (date(2026, 11, 1), date(2026, 10, 31), False),  # contact before leaving
            (date(2026, 11, 1), date(2026, 11, 24), False),  # contact in the future
            (None, date(2026, 11, 1), False),  # contact without an interruption
        ],
    )
    def test_order(self, interrupted: date | None, contact: date | None, valid: bool) -> None:
        assert (
            rules.dropout_dates_valid(
                started_on=date(2026, 10, 1),
                interrupted_on=interrupted,
                dropout_contact_on=contact,
                today=date(2026, 11, 23),
            )
            is valid
        )


class TestMeasureDepartment:
    def test_own_department_or_admin(self) -> None:
        assert rules.may_change_measure("ARB", ("BFU", "ARB"), False)
        assert not rules.may_change_measure("ARB", ("BFU",), False)
        assert rules.may_change_measure("ARB", (), True)


BIRTH_16 = date(2010, 5, 1)  # 16 when leaving the plan below
LEFT = date(2026, 10, 1)  # a Thursday: contact due Thursday 8 October, new activity 31 October
CONTACT_DUE, ACTIVITY_DUE = date(2026, 10, 8), date(2026, 10, 31)


class TestMissedStays:
    """§8.2: R5's deadlines and the follow-up stay once missed, after the plan resumed or ended."""

    def dropout(self, **fields: object) -> dict[str, object]:
        return {
            "birth": BIRTH_16,
            "interrupted_on": LEFT,
            "later_plan": False,
            "status": "interrupted",
            "resumed_on": None,
            "status_changed_on": LEFT,
            "today": date(2026, 11, 23),
            **fields,
        }

    def test_the_due_days(self) -> None:
        assert rules.dropout_contact_due_on(LEFT) == CONTACT_DUE
        assert rules.new_activity_due_on(LEFT) == ACTIVITY_DUE

    def test_left_on(self) -> None:
        assert rules.interruption_left_on("interrupted", None, LEFT) is None
        assert rules.interruption_left_on("active", date(2026, 10, 20), date(2026, 11, 1)) == date(2026, 10, 20)
        assert rules.interruption_left_on("closed", None, date(2026, 11, 1)) == date(2026, 11, 1)

    @pytest.mark.parametrize(
        ("resumed", "listed"),
        [
            (CONTACT_DUE, False),  # resumed on the due day: the interruption ended before it
            (CONTACT_DUE + timedelta(days=1), True),  # still interrupted on the due day: missed
        ],
    )
    def test_contact_after_resuming(self, resumed: date, listed: bool) -> None:
        fields = self.dropout(status="active", resumed_on=resumed, status_changed_on=resumed)
        assert rules.dropout_contact_listed(dropout_contact_on=None, **fields) is listed
        # Recorded contact or a later plan satisfy it; resuming is the new activity.
        assert not rules.dropout_contact_listed(dropout_contact_on=resumed, **fields)
        later = {**fields, "later_plan": True}
        assert not rules.dropout_contact_listed(dropout_contact_on=None, **later)
        assert not rules.new_activity_listed(**fields)

    @pytest.mark.parametrize(("closed", "listed"), [(ACTIVITY_DUE, False), (ACTIVITY_DUE + timedelta(days=1), True)])
    def test_new_activity_when_closed_straight_from_the_interruption(self, closed: date, listed: bool) -> None:
        fields = self.dropout(status="closed", status_changed_on=closed, today=closed + timedelta(days=200))
        assert rules.new_activity_listed(**fields) is listed

    def test_while_interrupted_listed_before_the_due_day(self) -> None:
        fields = self.dropout(today=LEFT)
        assert rules.dropout_contact_listed(dropout_contact_on=None, **fields)
        assert rules.new_activity_listed(**fields)

    def test_not_15_to_17_when_leaving(self) -> None:
        fields = self.dropout(birth=date(2008, 5, 1))
        assert not rules.new_activity_listed(**fields)

    @given(follow_up=dates, ended=st.one_of(st.none(), dates), later=st.integers(1, 1000))
    def test_follow_up(self, follow_up: date, ended: date | None, later: int) -> None:
        today = follow_up + timedelta(days=later)
        status = "active" if ended is None else "completed"
        expected = ended is None or ended > follow_up
        assert rules.follow_up_listed(follow_up, status, ended, today) is expected
        assert not rules.follow_up_listed(follow_up, status, ended, follow_up)
