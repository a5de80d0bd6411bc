"""R4's pure rules: the duty statement, exemptions and the ungeydelse warning, day by day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ungeapi.plans import rules
from ungeapi.plans.errors import ExemptionEndsBeforeStart, ExemptionReasonRequired
from ungeapi.youth.rules import date_turning

DAY = timedelta(days=1)
BIRTH = date(2010, 3, 14)
FIFTEEN = date(2025, 3, 14)
EIGHTEEN = date(2028, 3, 14)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
births = st.dates(min_value=date(1995, 1, 1), max_value=date(2030, 12, 31))


def plan(**fields) -> rules.DutyPlan:
    base: rules.DutyPlan = {
        "birth": BIRTH,
        "started_on": date(2026, 1, 5),
        "status": "active",
        "ended_on": None,
        "duty_kind": None,
        "duty_fulfilment": None,
        "exemption_reason": None,
        "exemption_from": None,
        "exemption_to": None,
    }
    return {**base, **fields}  # type: ignore[typeddict-item]


class TestStatement:
    @pytest.mark.parametrize(
        ("kind", "activity", "stated"),
        [
            ("education", "FGU", True),
            ("employment", "Lærling hos tømrer", True),
            ("other_activity", "Højskole", True),
            (None, "FGU", False),
            ("education", None, False),
            ("education", "   ", False),
        ],
    )
    def test_kind_and_named_activity(self, kind, activity, stated) -> None:
        assert rules.duty_stated(kind, activity) is stated


class TestExemption:
    def test_a_period_or_decider_without_a_reason_is_refused(self) -> None:
        for given_ in ({"from_on": date(2026, 1, 1)}, {"to_on": date(2026, 1, 1)}, {"decided": True}):
            args = {"from_on": None, "to_on": None, "decided": False, **given_}
            with pytest.raises(ExemptionReasonRequired):
                rules.check_exemption(reason=None, **args)

    def test_none_at_all_and_a_full_one_are_fine(self) -> None:
        rules.check_exemption(reason=None, from_on=None, to_on=None, decided=False)
        rules.check_exemption(
            reason="illness", from_on=date(2026, 1, 1), to_on=date(2026, 1, 1), decided=True
        )

    def test_ends_before_start(self) -> None:
        with pytest.raises(ExemptionEndsBeforeStart):
            rules.check_exemption(
                reason="disability", from_on=date(2026, 1, 2), to_on=date(2026, 1, 1), decided=True
            )

    @given(start=dates, length=st.integers(0, 400), day=dates)
    def test_covers_its_period_only(self, start: date, length: int, day: date) -> None:
        end = start + timedelta(days=length)
        assert rules.exemption_covers("illness", start, end, day) is (start <= day <= end)
        assert rules.exemption_covers(None, start, end, day) is False
        assert rules.exemption_covers("illness", start, None, day) is (start <= day)


class TestFirstDay:
    @given(birth=births, started_on=dates)
    def test_the_later_of_plan_and_15th_birthday_before_18(self, birth: date, started_on: date) -> None:
        first = rules.duty_first_day(birth, started_on)
        expected = max(started_on, date_turning(birth, 15))
        if expected < date_turning(birth, 18):
            assert first == expected and rules.duty_applies(birth, first)
        else:
            assert first is None

    def test_leap_day_birth(self) -> None:
        assert rules.duty_first_day(date(2012, 2, 29), date(2020, 1, 1)) == date_turning(
            date(2012, 2, 29), 15
        )


class TestDutyUnstated:
    def test_listed_on_its_first_day_not_the_day_before(self) -> None:
        p = plan(started_on=FIFTEEN - DAY * 100)
        assert not rules.duty_unstated_listed(p, FIFTEEN - DAY)
        assert rules.duty_unstated_listed(p, FIFTEEN)
        assert rules.duty_unstated_due_on(p, FIFTEEN) == FIFTEEN

    def test_a_plan_made_at_16(self) -> None:
        made = date(2026, 6, 1)
        p = plan(started_on=made)
        assert rules.duty_unstated_listed(p, made) and rules.duty_unstated_due_on(p, made) == made

    def test_the_statement_closes_it(self) -> None:
        p = plan(duty_kind="education", duty_fulfilment="FGU")
        assert not rules.duty_unstated_listed(p, date(2026, 6, 1))

    def test_an_exemption_in_force_closes_it_and_its_end_reopens_it(self) -> None:
        p = plan(exemption_reason="illness", exemption_from=date(2026, 2, 1), exemption_to=date(2026, 4, 30))
        assert rules.duty_unstated_listed(p, date(2026, 1, 31))
        assert not rules.duty_unstated_listed(p, date(2026, 2, 1))
        assert not rules.duty_unstated_listed(p, date(2026, 4, 30))
        assert rules.duty_unstated_listed(p, date(2026, 5, 1))
        assert rules.duty_unstated_due_on(p, date(2026, 5, 1)) == date(2026, 5, 1)

    def test_missed_stays_after_18_and_after_the_plan_ended(self) -> None:
        p = plan(started_on=date(2027, 1, 1))
        assert rules.duty_unstated_listed(p, EIGHTEEN + DAY * 300)
        ended = plan(started_on=date(2027, 1, 1), status="closed", ended_on=date(2027, 2, 1))
        assert rules.duty_unstated_listed(ended, date(2027, 3, 1))
        same_day = plan(started_on=date(2027, 1, 1), status="closed", ended_on=date(2027, 1, 1))
        assert not rules.duty_unstated_listed(same_day, date(2027, 3, 1))

    def test_a_plan_made_at_18_has_no_duty(self) -> None:
        assert not rules.duty_unstated_listed(plan(started_on=EIGHTEEN), EIGHTEEN + DAY)

    @given(birth=births, started_on=dates, today=dates)
    def test_never_before_the_first_day(self, birth: date, started_on: date, today: date) -> None:
        p = plan(birth=birth, started_on=started_on)
        first = rules.duty_first_day(birth, started_on)
        assert rules.duty_unstated_listed(p, today) is (first is not None and first <= today)


class TestUngeydelseWarning:
    def test_due_when_the_plan_is_made_closed_by_the_date(self) -> None:
        made = date(2026, 6, 1)
        args = {"birth": BIRTH, "started_on": made, "status": "active", "ended_on": None}
        assert not rules.ungeydelse_warning_listed(**args, warning_on=None, today=made - DAY)
        assert rules.ungeydelse_warning_listed(**args, warning_on=None, today=made)
        assert not rules.ungeydelse_warning_listed(**args, warning_on=made, today=made + DAY)

    @given(birth=births, started_on=dates, today=dates, warned=st.none() | dates)
    def test_only_for_plans_of_15_to_17(self, birth, started_on, today, warned) -> None:
        listed = rules.ungeydelse_warning_listed(
            birth=birth, started_on=started_on, status="active", ended_on=None, warning_on=warned, today=today
        )
        first = rules.duty_first_day(birth, started_on)
        assert listed is (warned is None and first is not None and first <= today)
