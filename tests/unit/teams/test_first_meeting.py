"""R16: the first-meeting obligation's window and membership periods."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ungeapi.teams.rules import (
    first_meeting_due_from,
    first_meeting_listed,
    first_meeting_obligation,
    member_on,
)

DEADLINE = date(2027, 3, 1)


class TestFirstMeeting:
    def test_shown_from_thirty_days_before(self) -> None:
        assert first_meeting_due_from(DEADLINE) == date(2027, 1, 30)
        assert first_meeting_obligation(DEADLINE, date(2027, 1, 29), False) is None
        assert first_meeting_obligation(DEADLINE, date(2027, 1, 30), False) == DEADLINE

    def test_overdue_after_the_deadline_until_held(self) -> None:
        assert first_meeting_obligation(DEADLINE, date(2027, 6, 1), False) == DEADLINE
        assert first_meeting_obligation(DEADLINE, date(2027, 6, 1), True) is None

    def test_held_early_is_never_shown(self) -> None:
        assert first_meeting_obligation(DEADLINE, DEADLINE, True) is None

    @given(st.dates(), st.integers(-400, 400))
    def test_shown_exactly_from_the_window(self, deadline: date, offset: int) -> None:
        try:
            today = deadline + timedelta(days=offset)
            first_meeting_due_from(deadline)
        except OverflowError:
            return
        shown = first_meeting_obligation(deadline, today, False)
        assert (shown is not None) == (offset >= -30)


class TestPeriods:
    def test_member_on(self) -> None:
        assert member_on(date(2026, 1, 1), None, date(2030, 1, 1))
        assert not member_on(date(2026, 1, 1), None, date(2025, 12, 31))
        assert member_on(date(2026, 1, 1), date(2026, 2, 1), date(2026, 2, 1))
        assert not member_on(date(2026, 1, 1), date(2026, 2, 1), date(2026, 2, 2))
        assert member_on(date(2026, 1, 1), date(2026, 1, 1), date(2026, 1, 1))


class TestMissedFirstMeeting:
    """§8.2: a closed team keeps a first meeting missed by its deadline (the closing is not dated)."""

    def test_active_or_closed(self) -> None:
        before, after = DEADLINE - timedelta(days=1), DEADLINE + timedelta(days=1)
        for day in (before, DEADLINE, after):
            assert first_meeting_listed(DEADLINE, day, meeting_held=False, team_active=True)
        assert not first_meeting_listed(DEADLINE, before, meeting_held=False, team_active=False)
        assert not first_meeting_listed(DEADLINE, DEADLINE, meeting_held=False, team_active=False)
        assert first_meeting_listed(DEADLINE, after, meeting_held=False, team_active=False)
        assert not first_meeting_listed(DEADLINE, after, meeting_held=True, team_active=False)

    @given(days=st.integers(1, 3000), active=st.booleans())
    def test_missed_never_disappears_by_itself(self, days: int, active: bool) -> None:
        assert first_meeting_listed(DEADLINE, DEADLINE + timedelta(days=days), meeting_held=False, team_active=active)
