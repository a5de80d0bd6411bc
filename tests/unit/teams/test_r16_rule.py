"""R16: the one first-meeting rule every door applies (teams.rules.first_meeting), and the
coordination meeting's decision rules (meetings.rules): days before, on and after each boundary."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import assume, given
from hypothesis import strategies as st

from ungeapi.meetings.rules import change_refusal, decision_refusal
from ungeapi.teams.rules import first_meeting
from ungeapi.youth.rules import date_turning

LATE = 30
AFTER_17 = "team.first_meeting_after_17"
BEFORE_DECISION = "team.first_meeting_before_decision"

# Birth dates with 29 February well represented (a leap-day youth turns 17 on 1 March).
births = st.one_of(
    st.dates(min_value=date(1996, 1, 1), max_value=date(2016, 12, 31)),
    st.sampled_from([date(2000, 2, 29), date(2004, 2, 29), date(2008, 2, 29), date(2012, 2, 29)]),
)
late_days = st.integers(min_value=1, max_value=180)


class TestBeforeSeventeen:
    @given(birth=births, lead_time=st.integers(min_value=1, max_value=6 * 365))
    def test_the_17th_birthday_is_the_last_day(self, birth: date, lead_time: int) -> None:
        turns_17 = date_turning(birth, 17)
        decided = turns_17 - timedelta(days=lead_time)
        assume(decided >= birth)
        before = first_meeting(birth, decided, turns_17 - timedelta(days=1), LATE)
        on = first_meeting(birth, decided, turns_17, LATE)
        after = first_meeting(birth, decided, turns_17 + timedelta(days=1), LATE)
        assert (before.deadline, before.late) == (turns_17, False)
        assert before.refusal is None
        assert on.refusal is None
        assert after.refusal == AFTER_17

    @given(birth=births, lead_time=st.integers(min_value=0, max_value=400))
    def test_never_before_the_decision(self, birth: date, lead_time: int) -> None:
        decided = date_turning(birth, 17) - timedelta(days=lead_time + 1)
        assert first_meeting(birth, decided, decided - timedelta(days=1), LATE).refusal == BEFORE_DECISION
        assert first_meeting(birth, decided, decided, LATE).refusal is None

    def test_decided_the_day_before_the_birthday_is_not_late(self) -> None:
        birth = date(2010, 5, 20)
        checked = first_meeting(birth, date(2027, 5, 19), date(2027, 5, 20), LATE)
        assert (checked.deadline, checked.late, checked.refusal) == (date(2027, 5, 20), False, None)

    def test_29_february_turns_17_on_1_march(self) -> None:
        birth = date(2012, 2, 29)
        decided = date(2028, 6, 1)
        assert first_meeting(birth, decided, date(2029, 2, 28), LATE).refusal is None
        assert first_meeting(birth, decided, date(2029, 3, 1), LATE).refusal is None
        assert first_meeting(birth, decided, date(2029, 3, 2), LATE).refusal == AFTER_17
        # On 28 February 2029 the youth is still 16; on 1 March 17.
        assert first_meeting(birth, date(2029, 2, 28), None, LATE).late is False
        assert first_meeting(birth, date(2029, 3, 1), None, LATE).late is True

    def test_not_planned_yet_is_never_refused(self) -> None:
        checked = first_meeting(date(2010, 5, 20), date(2026, 12, 3), None, LATE)
        assert checked.refusal is None and checked.deadline == date(2027, 5, 20)


class TestAlreadySeventeen:
    @given(birth=births, since=st.integers(min_value=0, max_value=8 * 365), days=late_days)
    def test_late_team_days_from_the_decision(self, birth: date, since: int, days: int) -> None:
        decided = date_turning(birth, 17) + timedelta(days=since)
        deadline = decided + timedelta(days=days)
        before = first_meeting(birth, decided, deadline - timedelta(days=1), days)
        on = first_meeting(birth, decided, deadline, days)
        after = first_meeting(birth, decided, deadline + timedelta(days=1), days)
        assert (on.deadline, on.late) == (deadline, True)
        assert before.refusal is None and on.refusal is None
        assert after.refusal == AFTER_17
        assert first_meeting(birth, decided, decided - timedelta(days=1), days).refusal == BEFORE_DECISION

    def test_thirteen_months_after_the_17th_birthday_is_refused(self) -> None:
        birth = date(2009, 11, 5)
        decided = date(2026, 10, 1)  # still 16
        assert first_meeting(birth, decided, date(2027, 12, 5), LATE).refusal == AFTER_17

    def test_the_17th_birthday_itself_is_late(self) -> None:
        birth = date(2010, 5, 20)
        checked = first_meeting(birth, date(2027, 5, 20), date(2027, 6, 19), LATE)
        assert (checked.deadline, checked.late, checked.refusal) == (date(2027, 6, 19), True, None)
        assert first_meeting(birth, date(2027, 5, 20), date(2027, 6, 20), LATE).refusal == AFTER_17


class TestMeetingDecisions:
    @given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
    def test_decided_at_a_meeting_held_today_or_earlier(self, day: date) -> None:
        assert decision_refusal(day + timedelta(days=1), day) == "meeting.not_held"
        assert decision_refusal(day, day) is None
        assert decision_refusal(day - timedelta(days=1), day) is None

    def test_a_meeting_with_decisions_keeps_its_day(self) -> None:
        assert change_refusal(has_decisions=True, moves=True, cancels=False) == "meeting.has_decisions"
        assert change_refusal(has_decisions=True, moves=False, cancels=True) == "meeting.has_decisions"
        assert change_refusal(has_decisions=True, moves=False, cancels=False) is None
        assert change_refusal(has_decisions=False, moves=True, cancels=False) is None
        assert change_refusal(has_decisions=False, moves=False, cancels=True) is None
