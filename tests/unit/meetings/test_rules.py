"""Meeting, agenda and decision rules (R15, R16, R25) and the team's lead (R16), without a database."""

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ungeapi.meetings.rules import (
    COPENHAGEN,
    agenda_times,
    fits,
    income_basis_refusal,
    interval_days,
    local_date,
    series_starts,
)
from ungeapi.municipality.policy import Policy
from ungeapi.teams.rules import MemberIn, first_meeting_deadline, first_meeting_refusal, lead_of
from ungeapi.youth.rules import date_turning

POLICY = Policy()


class TestSeries:
    def test_intervals_by_forum(self) -> None:
        assert interval_days("coordination", POLICY) == 14
        assert interval_days("conference", POLICY) == 7
        assert interval_days("conference", Policy(conference_interval_days=10)) == 10

    def test_every_14_days_at_the_same_local_time_across_summer_time(self) -> None:
        first = datetime(2027, 3, 18, 9, 0, tzinfo=COPENHAGEN)  # winter time, UTC+1
        starts = series_starts(first, 3, 14)
        assert [s.astimezone(COPENHAGEN).strftime("%Y-%m-%d %H:%M") for s in starts] == [
            "2027-03-18 09:00",
            "2027-04-01 09:00",
            "2027-04-15 09:00",
        ]
        # The wall clock stays at 9:00; in UTC the meeting moves an hour earlier.
        assert [s.astimezone(UTC).hour for s in starts] == [8, 7, 7]

    def test_a_utc_start_is_kept_in_local_time(self) -> None:
        first = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
        assert series_starts(first, 1, 7)[0] == first
        assert series_starts(first, 2, 7)[1].astimezone(COPENHAGEN).hour == 9

    @given(count=st.integers(min_value=1, max_value=52), every=st.integers(min_value=1, max_value=90))
    def test_count_and_spacing(self, count: int, every: int) -> None:
        first = datetime(2026, 12, 3, 9, 0, tzinfo=COPENHAGEN)
        starts = series_starts(first, count, every)
        assert len(starts) == count
        days = [s.astimezone(COPENHAGEN).date() for s in starts]
        assert all((b - a).days == every for a, b in itertools.pairwise(days))


class TestAgenda:
    def test_times_follow_the_slots_in_order(self) -> None:
        start = datetime(2026, 12, 3, 9, 0, tzinfo=COPENHAGEN)
        times = agenda_times(start, [15, 30, 15])
        assert [(a.strftime("%H:%M"), b.strftime("%H:%M")) for a, b in times] == [
            ("09:00", "09:15"),
            ("09:15", "09:45"),
            ("09:45", "10:00"),
        ]

    def test_empty_agenda(self) -> None:
        assert agenda_times(datetime(2026, 12, 3, 9, 0, tzinfo=COPENHAGEN), []) == []

    def test_capacity(self) -> None:
        assert fits(120, 90, 30)
        assert not fits(120, 105, 30)
        assert fits(120, 0, 120)
        assert not fits(15, 0, 30)

    @given(slots=st.lists(st.integers(min_value=5, max_value=60), max_size=20))
    def test_the_last_case_ends_after_the_sum_of_the_slots(self, slots: list[int]) -> None:
        start = datetime(2026, 12, 3, 9, 0, tzinfo=COPENHAGEN)
        times = agenda_times(start, slots)
        if slots:
            assert times[-1][1] - start == timedelta(minutes=sum(slots))
            assert all(a[1] == b[0] for a, b in itertools.pairwise(times))

    def test_local_date_is_copenhagen(self) -> None:
        assert local_date(datetime(2026, 12, 3, 23, 30, tzinfo=UTC)) == date(2026, 12, 4)


class TestFirstTeamMeeting:
    def test_deadline_is_the_17th_birthday(self) -> None:
        birth = date(2011, 5, 20)
        assert first_meeting_deadline(birth, date(2026, 12, 3), POLICY.late_team_days) == (
            date(2028, 5, 20),
            False,
        )

    def test_the_day_before_17_is_not_late(self) -> None:
        birth = date(2010, 5, 20)
        assert first_meeting_deadline(birth, date(2027, 5, 19), POLICY.late_team_days) == (
            date(2027, 5, 20),
            False,
        )

    def test_already_17_gets_late_team_days_and_is_late(self) -> None:
        birth = date(2010, 5, 20)
        decided = date(2027, 5, 20)  # the 17th birthday itself
        assert first_meeting_deadline(birth, decided, POLICY.late_team_days) == (
            decided + timedelta(days=30),
            True,
        )
        assert first_meeting_deadline(birth, decided, 10) == (
            decided + timedelta(days=10),
            True,
        )

    def test_29_february_turns_17_on_1_march(self) -> None:
        assert first_meeting_deadline(date(2012, 2, 29), date(2028, 1, 10), POLICY.late_team_days) == (
            date(2029, 3, 1),
            False,
        )
        assert first_meeting_deadline(date(2012, 2, 29), date(2029, 3, 1), POLICY.late_team_days)[1] is True

    def test_refusals(self) -> None:
        decided, deadline = date(2026, 12, 3), date(2027, 3, 1)
        assert first_meeting_refusal(deadline, decided, deadline) is None  # the deadline itself is in time
        assert first_meeting_refusal(decided, decided, deadline) is None
        assert (
            first_meeting_refusal(deadline + timedelta(days=1), decided, deadline)
            == "team.first_meeting_after_17"
        )
        assert (
            first_meeting_refusal(decided - timedelta(days=1), decided, deadline)
            == "team.first_meeting_before_decision"
        )

    @given(
        birth=st.dates(min_value=date(2000, 1, 1), max_value=date(2015, 12, 31)),
        decided=st.dates(min_value=date(2024, 1, 1), max_value=date(2032, 12, 31)),
    )
    def test_deadline_never_before_the_decision_unless_not_late(self, birth: date, decided: date) -> None:
        deadline, late = first_meeting_deadline(birth, decided, POLICY.late_team_days)
        if late:
            assert deadline > decided
        else:
            assert deadline == date_turning(birth, 17) > decided


class TestIncomeBasis:
    def test_education_benefit_is_refused_after_its_abolition(self) -> None:
        assert (
            income_basis_refusal("education_benefit", date(2011, 1, 1)) == "decision.income_basis_abolished"
        )
        assert (
            income_basis_refusal("education_benefit", date(2007, 7, 1)) == "decision.income_basis_abolished"
        )

    def test_education_benefit_for_someone_18_before_july_2025(self) -> None:
        assert income_basis_refusal("education_benefit", date(2007, 6, 30)) is None

    @pytest.mark.parametrize("code", [None, "su", "cash_benefit", "fgu_allowance", "unknown"])
    def test_other_bases(self, code: str | None) -> None:
        assert income_basis_refusal(code, date(2011, 1, 1)) is None


class TestTeamLead:
    def test_exactly_one_named_lead(self) -> None:
        members = [MemberIn("a", "A", False), MemberIn("b", "B", True), MemberIn(None, None, False)]
        assert lead_of(members) == 1

    def test_no_lead(self) -> None:
        assert lead_of([MemberIn("a", "A", False)]) is None
        assert lead_of([]) is None

    def test_two_leads(self) -> None:
        assert lead_of([MemberIn("a", "A", True), MemberIn("b", "B", True)]) is None

    def test_a_lead_without_a_person(self) -> None:
        assert lead_of([MemberIn(None, None, True)]) is None
        assert lead_of([MemberIn("a", None, True)]) is None
        assert lead_of([MemberIn(None, "A", True)]) is None
