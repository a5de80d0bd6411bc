"""R6 (target-group assessment) and R21 (disability transition assessment) as pure rules."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ungeapi.assessments.rules import (
    DisabilityCase,
    after_activity_due_on,
    completion_deadline,
    completion_due_on,
    in_target_group_age,
    may_complete,
    missing_sections,
    outcome_complete,
    referral_due_on,
    start_deadline,
    start_due_on,
)
from ungeapi.placements.rules import add_months
from ungeapi.youth.rules import date_turning

BIRTH = date(2010, 3, 15)
SIXTEEN, SEVENTEEN, EIGHTEEN = date(2026, 3, 15), date(2027, 3, 15), date(2028, 3, 15)
MARKED = DisabilityCase("disability", True, date(2020, 1, 1), None)
FULL = {
    "support_need": "a",
    "education": "b",
    "employment": "c",
    "income_basis": "d",
    "housing": "e",
    "social_conditions": "f",
}
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31))


def after_activity(today: date, ended: date | None, resumed: date | None = None, assessed=()) -> date | None:
    return after_activity_due_on(
        birth_date=BIRTH, today=today, activity_ended_on=ended, activity_resumed_on=resumed,
        assessed_on=assessed, days=30,
    )  # fmt: skip


class TestTargetGroupAge:
    def test_15_to_17(self) -> None:
        assert not in_target_group_age(BIRTH, date(2025, 3, 14))
        assert in_target_group_age(BIRTH, date(2025, 3, 15))
        assert in_target_group_age(BIRTH, date(2028, 3, 14))
        assert not in_target_group_age(BIRTH, EIGHTEEN)


class TestOutcome:
    def test_a_referral_or_an_assessment_with_its_outcome(self) -> None:
        assert outcome_complete(None, None, date(2026, 1, 1))
        assert outcome_complete(date(2026, 1, 2), True, date(2026, 1, 1))
        assert outcome_complete(date(2026, 1, 2), False, None)
        assert not outcome_complete(None, None, None)
        assert not outcome_complete(date(2026, 1, 2), None, None)
        assert not outcome_complete(None, True, date(2026, 1, 1))


class TestAfterTheActivityEnded:
    def test_from_the_day_it_ended_due_30_days_later(self) -> None:
        ended = date(2026, 5, 1)
        assert after_activity(ended - timedelta(days=1), ended) is None
        assert after_activity(ended, ended) == date(2026, 5, 31)
        assert after_activity(date(2026, 8, 1), ended) == date(2026, 5, 31)

    def test_only_when_it_ended_aged_15_to_17(self) -> None:
        assert after_activity(date(2028, 5, 1), EIGHTEEN) is None
        assert after_activity(date(2028, 5, 1), EIGHTEEN - timedelta(days=1)) is not None
        assert after_activity(date(2025, 5, 1), date(2025, 3, 14)) is None

    def test_an_assessment_since_it_ended_satisfies_it(self) -> None:
        ended = date(2026, 5, 1)
        assert after_activity(date(2026, 6, 1), ended, assessed=[ended]) is None
        assert after_activity(date(2026, 6, 1), ended, assessed=[ended - timedelta(days=1)]) == date(
            2026, 5, 31
        )

    def test_a_resumed_activity_ends_it_unless_missed(self) -> None:
        ended = date(2026, 5, 1)
        assert after_activity(date(2026, 6, 10), ended, resumed=date(2026, 5, 31)) is None
        assert after_activity(date(2026, 6, 10), ended, resumed=date(2026, 6, 1)) == date(2026, 5, 31)
        # Seen before it resumed: still due.
        assert after_activity(date(2026, 5, 20), ended, resumed=date(2026, 5, 25)) == date(2026, 5, 31)

    @given(ended=days, today=days, lag=st.integers(0, 400))
    def test_due_30_days_after_it_ended_or_none(self, ended: date, today: date, lag: int) -> None:
        found = after_activity(today, ended, resumed=ended + timedelta(days=lag))
        assert found is None or (found == ended + timedelta(days=30) and today >= ended)
        if found is not None:
            assert in_target_group_age(BIRTH, ended)


class TestReferral:
    @given(referred=days, today=days)
    def test_due_30_days_after_the_referral_from_its_day(self, referred: date, today: date) -> None:
        found = referral_due_on(today=today, referred_on=referred, assessed_on=None, days=30)
        assert found == (referred + timedelta(days=30) if today >= referred else None)
        assert referral_due_on(today=today, referred_on=referred, assessed_on=today, days=30) is None


def start(today: date, cases=(MARKED,), started: bool = False, birth: date = BIRTH) -> date | None:
    return start_due_on(birth_date=birth, today=today, cases=cases, started=started, start_days=30)


def completion(today: date, cases=(MARKED,), completed: bool = False) -> date | None:
    return completion_due_on(
        birth_date=BIRTH, today=today, cases=cases, completed=completed, decision_months=6
    )


class TestDisabilityStart:
    def test_from_the_16th_birthday(self) -> None:
        assert start(SIXTEEN - timedelta(days=1)) is None
        assert start(SIXTEEN) == SIXTEEN + timedelta(days=30)
        assert start(SIXTEEN, started=True) is None

    def test_only_a_marked_disability_case(self) -> None:
        unmarked = DisabilityCase("disability", False, date(2020, 1, 1), None)
        placement = DisabilityCase("placement", True, date(2020, 1, 1), None)
        assert start(SIXTEEN, cases=(unmarked, placement)) is None

    def test_a_case_opened_later_moves_the_deadline(self) -> None:
        later = DisabilityCase("disability", True, date(2026, 9, 1), None)
        assert start(date(2026, 9, 1), cases=(later,)) == date(2026, 10, 1)
        assert start_deadline(BIRTH, date(2026, 9, 1), 30) == date(2026, 10, 1)

    def test_missed_stays_after_18_and_after_the_case_closed(self) -> None:
        closed = DisabilityCase("disability", True, date(2020, 1, 1), date(2026, 6, 1))
        assert start(EIGHTEEN + timedelta(days=5)) == SIXTEEN + timedelta(days=30)
        assert start(date(2027, 1, 1), cases=(closed,)) == SIXTEEN + timedelta(days=30)
        # Closed before it fell due: the duty left with the case.
        early = DisabilityCase("disability", True, date(2020, 1, 1), date(2026, 4, 1))
        assert start(date(2027, 1, 1), cases=(early,)) is None

    def test_29_february(self) -> None:
        leap = date(2008, 2, 29)
        assert date_turning(leap, 16) == date(2024, 2, 29)
        assert start(date(2024, 2, 29), birth=leap) == date(2024, 3, 30)


class TestDisabilityCompletion:
    def test_from_17_due_6_months_before_18(self) -> None:
        deadline = add_months(EIGHTEEN, -6)
        assert completion(SEVENTEEN - timedelta(days=1)) is None
        assert completion(SEVENTEEN) == deadline == date(2027, 9, 15)
        assert completion(SEVENTEEN, completed=True) is None
        assert completion_deadline(BIRTH, date(2027, 12, 1), 6) == date(2027, 12, 1)

    @given(today=days)
    def test_listed_only_from_17_or_once_missed(self, today: date) -> None:
        found = completion(today)
        assert found is None or today >= SEVENTEEN
        if found is not None and today >= EIGHTEEN:
            assert found < today


class TestSections:
    def test_complete_only_with_every_required_section(self) -> None:
        assert may_complete(None, {})
        assert may_complete(date(2027, 1, 1), FULL)
        assert not may_complete(date(2027, 1, 1), {**FULL, "housing": "  "})
        assert missing_sections({**FULL, "income_basis": None, "education": ""}) == [
            "education",
            "income_basis",
        ]

    @given(st.sets(st.sampled_from(sorted(FULL))))
    def test_missing_is_what_is_left_out(self, left_out: set[str]) -> None:
        sections = {k: v for k, v in FULL.items() if k not in left_out}
        assert set(missing_sections(sections)) == left_out
