"""§8.2 without a database (ungeapi.missed): when an obligation whose conditions lapsed stays
listed, and which case-based duties (R8, R10, R13) were missed before they ended."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ungeapi.missed import HeldCase, MissedDuty, case_duty_due_on, listed, missed_case_duties
from ungeapi.youth.rules import date_turning

DAY = timedelta(days=1)
TODAY = date(2026, 12, 5)
BIRTH = date(2010, 3, 14)  # 15 on 2025-03-14, 18 on 2028-03-14


class TestListed:
    def test_while_the_conditions_hold(self) -> None:
        assert listed(date(2026, 12, 10), None, TODAY)
        assert listed(date(2026, 12, 10), TODAY, TODAY)  # they hold today, lapse tomorrow

    def test_lapsed_after_the_due_day_stays(self) -> None:
        due = date(2026, 11, 1)
        assert listed(due, due, TODAY)  # held through the due day: missed
        assert listed(due, date(2026, 11, 20), TODAY)

    def test_lapsed_before_the_due_day_goes(self) -> None:
        due = date(2026, 11, 1)
        assert not listed(due, due - DAY, TODAY)
        # Not yet due when it lapsed: gone also before its due day.
        assert not listed(date(2026, 12, 20), TODAY - DAY, TODAY)

    @given(
        due=st.dates(date(2020, 1, 1), date(2030, 1, 1)),
        held=st.integers(-400, 400),
        later=st.integers(0, 800),
    )
    def test_once_listed_after_the_lapse_always_listed(self, due: date, held: int, later: int) -> None:
        """A missed obligation never disappears as days pass (only data or a resolution end it)."""
        last_day = due + timedelta(days=held)
        today = last_day + DAY
        assert listed(due, last_day, today) == (due <= last_day)
        if listed(due, last_day, today):
            assert listed(due, last_day, today + timedelta(days=later))


class TestCaseDuty:
    def test_due_on_the_birthday_or_the_nth_department(self) -> None:
        cases = [HeldCase("BFU", date(2024, 1, 10)), HeldCase("ARB", date(2025, 6, 1))]
        assert case_duty_due_on(cases, TODAY, birth=BIRTH, from_age=15) == date(2025, 3, 14)
        assert case_duty_due_on(cases, TODAY, birth=BIRTH, from_age=15, departments=2) == date(2025, 6, 1)
        assert case_duty_due_on(cases, TODAY, birth=BIRTH, from_age=15, departments=3) is None
        assert case_duty_due_on(cases, date(2024, 1, 9), birth=BIRTH, from_age=15) is None


class TestMissedCaseDuties:
    def test_closed_after_it_fell_due(self) -> None:
        cases = [HeldCase("BFU", date(2025, 6, 1), date(2026, 9, 1))]
        assert missed_case_duties(cases, birth=BIRTH, from_age=15, until_age=18, today=TODAY) == [
            MissedDuty(due_on=date(2025, 6, 1), last_day=date(2026, 8, 31))
        ]

    def test_closed_on_its_due_day_was_due_the_day_before_is_not(self) -> None:
        on_due = [HeldCase("BFU", date(2025, 6, 1), date(2025, 6, 2))]
        assert missed_case_duties(on_due, birth=BIRTH, from_age=15, until_age=18, today=TODAY) == [
            MissedDuty(due_on=date(2025, 6, 1), last_day=date(2025, 6, 1))
        ]
        # Opened at 14, closed the day before the 15th birthday: it never fell due.
        before = [HeldCase("BFU", date(2024, 6, 1), date(2025, 3, 14))]
        assert missed_case_duties(before, birth=BIRTH, from_age=15, until_age=18, today=TODAY) == []

    def test_a_closing_the_other_cases_outlast_ends_nothing(self) -> None:
        cases = [HeldCase("BFU", date(2025, 6, 1), date(2026, 9, 1)), HeldCase("BFU", date(2025, 8, 1))]
        assert missed_case_duties(cases, birth=BIRTH, from_age=15, until_age=18, today=TODAY) == []

    def test_the_end_of_the_age_range(self) -> None:
        cases = [HeldCase("BFU", date(2025, 6, 1))]
        eighteen = date_turning(BIRTH, 18)
        assert missed_case_duties(cases, birth=BIRTH, from_age=15, until_age=18, today=eighteen - DAY) == []
        expected = [MissedDuty(due_on=date(2025, 6, 1), last_day=eighteen - DAY)]
        assert missed_case_duties(cases, birth=BIRTH, from_age=15, until_age=18, today=eighteen) == expected
        # A case closing on the birthday ends the same duty once.
        closing = [HeldCase("BFU", date(2025, 6, 1), eighteen)]
        assert missed_case_duties(closing, birth=BIRTH, from_age=15, until_age=18, today=eighteen) == expected
        # A closing after the range ended ended nothing more.
        later = [HeldCase("BFU", date(2025, 6, 1), eighteen + timedelta(days=40))]
        assert missed_case_duties(
            later, birth=BIRTH, from_age=15, until_age=18, today=TODAY.replace(year=2029)
        ) == (expected)

    def test_two_authorities_then_one(self) -> None:
        cases = [
            HeldCase("BFU", date(2024, 1, 10)),
            HeldCase("ARB", date(2025, 6, 1), date(2026, 2, 1)),
            HeldCase("SAEH", date(2026, 5, 1)),
        ]
        # R8 with two units: due when ARB opened; it lapsed when ARB closed; SAEH made a new one.
        found = missed_case_duties(cases, birth=BIRTH, from_age=15, until_age=31, today=TODAY, departments=2)
        assert found == [MissedDuty(due_on=date(2025, 6, 1), last_day=date(2026, 1, 31))]
        assert case_duty_due_on(cases, TODAY, birth=BIRTH, from_age=15, departments=2) == date(2026, 5, 1)


START = date(2024, 1, 1)
SPAN = 900


@st.composite
def case_sets(draw: st.DrawFn) -> list[HeldCase]:
    cases = []
    for _ in range(draw(st.integers(0, 4))):
        opened = START + timedelta(days=draw(st.integers(0, SPAN)))
        length = draw(st.one_of(st.none(), st.integers(0, SPAN)))
        closed = None if length is None else opened + timedelta(days=length)
        cases.append(HeldCase(draw(st.sampled_from(["BFU", "ARB", "SAEH"])), opened, closed))
    return cases


@given(
    cases=case_sets(),
    birth_offset=st.integers(0, 1200),
    today_offset=st.integers(0, SPAN + 200),
    departments=st.integers(1, 2),
)
def test_the_same_as_watching_every_day(
    cases: list[HeldCase], birth_offset: int, today_offset: int, departments: int
) -> None:
    """A reference: walk the days up to today; each day the duty held and did not hold the next
    (or the age range ended), it is missed when it was due by then."""
    birth = date(2009, 1, 1) + timedelta(days=birth_offset)
    today = START + timedelta(days=today_offset)
    end = date_turning(birth, 18)

    def due_on(day: date) -> date | None:
        if day >= end:
            return None
        return case_duty_due_on(cases, day, birth=birth, from_age=15, departments=departments)

    expected = []
    day = START - DAY
    while day < today:
        due = due_on(day)
        if due is not None and due <= day and due_on(day + DAY) is None:
            expected.append(MissedDuty(due_on=due, last_day=day))
        day += DAY
    found = missed_case_duties(
        cases, birth=birth, from_age=15, until_age=18, today=today, departments=departments
    )
    assert found == expected
    for duty in found:
        assert duty.due_on <= duty.last_day < today
        assert listed(duty.due_on, duty.last_day, today)
