"""R10: when a transition form is due (transition_form.due)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ungeapi.cases.rules import support_after_18_consistent
from ungeapi.transitions.rules import SupportCase, calls_for_form, form_due_on

BIRTH = date(2012, 5, 10)
FOURTEEN = date(2026, 5, 10)


def case(
    kind: str = "disability",
    opened_on: date = date(2024, 1, 1),
    closed_on: date | None = None,
    expected: bool = True,
    hours: float | None = 12,
) -> SupportCase:
    return SupportCase(kind, opened_on, closed_on, expected, hours)


def due(
    today: date, *cases: SupportCase, has_form: bool = False, age: int = 14, threshold: float = 10
) -> date | None:
    return form_due_on(
        birth_date=BIRTH, today=today, cases=cases, has_form=has_form, form_age=age, hours_threshold=threshold
    )


class TestCallsForForm:
    def test_above_the_threshold_only(self) -> None:
        today = date(2026, 6, 1)
        assert calls_for_form(case(hours=10.1), today, 10)
        assert not calls_for_form(case(hours=10), today, 10)
        assert not calls_for_form(case(hours=0), today, 10)

    def test_expected_without_an_estimate_counts(self) -> None:
        assert calls_for_form(case(hours=None), date(2026, 6, 1), 10)

    def test_not_expected_does_not_count(self) -> None:
        assert not calls_for_form(case(expected=False, hours=None), date(2026, 6, 1), 10)

    def test_only_disability_and_placement(self) -> None:
        today = date(2026, 6, 1)
        assert calls_for_form(case(kind="placement"), today, 10)
        for kind in ("preventive", "aftercare", "efterskole", "employment", "education", "other"):
            assert not calls_for_form(case(kind=kind), today, 10)

    def test_only_open_cases(self) -> None:
        today = date(2026, 6, 1)
        assert not calls_for_form(case(opened_on=today + timedelta(days=1)), today, 10)
        assert not calls_for_form(case(closed_on=today), today, 10)
        assert calls_for_form(case(closed_on=today + timedelta(days=1)), today, 10)


class TestFormDueOn:
    def test_on_the_14th_birthday_not_the_day_before(self) -> None:
        assert due(FOURTEEN - timedelta(days=1), case()) is None
        assert due(FOURTEEN, case()) == FOURTEEN
        assert due(FOURTEEN + timedelta(days=100), case()) == FOURTEEN

    def test_a_later_case_moves_the_day(self) -> None:
        opened = date(2027, 3, 1)
        assert due(opened, case(opened_on=opened), case(kind="preventive")) == opened
        assert due(opened, case(opened_on=opened), case(opened_on=date(2026, 9, 1))) == date(2026, 9, 1)

    def test_a_form_satisfies_it(self) -> None:
        assert due(FOURTEEN, case(), has_form=True) is None

    def test_not_from_18(self) -> None:
        assert due(date(2030, 5, 9), case()) == FOURTEEN
        assert due(date(2030, 5, 10), case()) is None

    def test_policy_age_and_threshold(self) -> None:
        assert due(FOURTEEN, case(), age=15) is None
        assert due(date(2027, 5, 10), case(), age=15) == date(2027, 5, 10)
        assert due(FOURTEEN, case(hours=12), threshold=12) is None

    def test_29_february_turns_14_on_1_march(self) -> None:
        leap = form_due_on(
            birth_date=date(2012, 2, 29),
            today=date(2026, 3, 1),
            cases=[case()],
            has_form=False,
            form_age=14,
            hours_threshold=10,
        )
        assert leap == date(2026, 3, 1)

    @given(
        today=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
        hours=st.one_of(st.none(), st.floats(min_value=0, max_value=168)),
        expected=st.booleans(),
        kind=st.sampled_from(["disability", "placement", "preventive", "aftercare"]),
    )
    def test_due_never_before_the_birthday_nor_after_today(
        self, today: date, hours: float | None, expected: bool, kind: str
    ) -> None:
        result = due(today, case(kind=kind, hours=hours, expected=expected))
        if result is not None:
            assert FOURTEEN <= result <= today < date(2030, 5, 10)
            assert expected and kind in ("disability", "placement") and (hours is None or hours > 10)


class TestCaseFields:
    def test_hours_need_an_expectation(self) -> None:
        assert support_after_18_consistent(True, 12)
        assert support_after_18_consistent(True, None)
        assert support_after_18_consistent(False, None)
        assert not support_after_18_consistent(False, 0)
