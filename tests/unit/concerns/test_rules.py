"""The concern rules (underretninger) and the offers catalogue's rules, without a database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ungeapi.concerns.rules import (
    acknowledgement_due_on,
    acknowledgement_overdue,
    action_allowed,
    add_weekdays,
    assessment_due_at,
    assessment_overdue,
    dialogue_consistent,
    in_future,
    local_date,
    on_scale,
    sender_problem,
    state_of,
    worries_given,
)
from ungeapi.network.rules import frame_filled, plan_belongs_to_youth
from ungeapi.offers.rules import (
    active_on,
    age_range_valid,
    fits_age,
    free_places,
    has_provider,
    name_key,
    period_valid,
)

CPH = ZoneInfo("Europe/Copenhagen")


class TestWeekdays:
    @pytest.mark.parametrize(
        ("start", "days", "expected"),
        [
            (date(2026, 11, 23), 6, date(2026, 12, 1)),  # Monday -> Tuesday next week
            (date(2026, 11, 20), 6, date(2026, 11, 30)),  # Friday -> Monday after next
            (date(2026, 11, 21), 6, date(2026, 11, 30)),  # Saturday: counting starts Monday
            (date(2026, 11, 22), 6, date(2026, 11, 30)),  # Sunday likewise
            (date(2026, 11, 23), 0, date(2026, 11, 23)),
            (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Friday + 1 weekday = Monday
            (date(2026, 12, 23), 6, date(2026, 12, 31)),  # holidays are not skipped: never later than the law
        ],
    )
    def test_examples(self, start: date, days: int, expected: date) -> None:
        assert add_weekdays(start, days) == expected

    @given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 60))
    def test_lands_on_a_weekday_after_exactly_n_weekdays(self, start: date, n: int) -> None:
        end = add_weekdays(start, n)
        counted = sum(1 for i in range(1, (end - start).days + 1) if (start + timedelta(i)).weekday() < 5)
        assert counted == n
        if n > 0:
            assert end.weekday() < 5 and end > start
        assert (end - start).days <= n + 2 * (n // 5) + 2


class TestAssessmentDeadline:
    def test_24_hours_later(self) -> None:
        received = datetime(2026, 11, 20, 9, 30, tzinfo=CPH)
        assert assessment_due_at(received) == datetime(2026, 11, 21, 8, 30, tzinfo=UTC)

    def test_elapsed_hours_across_the_autumn_clock_change(self) -> None:
        # 25 October 2026 has 25 hours in Copenhagen: 24 elapsed hours end at 11:00 local time
        received = datetime(2026, 10, 24, 12, 0, tzinfo=CPH)
        assert assessment_due_at(received).astimezone(CPH) == datetime(2026, 10, 25, 11, 0, tzinfo=CPH)

    def test_the_local_day_decides_the_worklist_date(self) -> None:
        # 23:30 in Copenhagen is 22:30 UTC the same day; 00:30 in Copenhagen is the previous day in UTC
        assert local_date(datetime(2026, 11, 20, 23, 30, tzinfo=CPH)) == date(2026, 11, 20)
        assert local_date(datetime(2026, 11, 20, 23, 30, tzinfo=UTC)) == date(2026, 11, 21)

    @given(
        st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(CPH))
    )
    def test_always_exactly_24_hours(self, received: datetime) -> None:
        assert assessment_due_at(received) - received == timedelta(hours=24)


class TestAcknowledgementDeadline:
    def test_professional_sender_6_weekdays_from_the_local_day(self) -> None:
        late_friday = datetime(2026, 11, 20, 23, 50, tzinfo=CPH)
        assert acknowledgement_due_on(late_friday, "professional") == date(2026, 11, 30)

    @pytest.mark.parametrize("kind", ["citizen", "anonymous"])
    def test_others_are_owed_no_receipt(self, kind: str) -> None:
        assert acknowledgement_due_on(datetime(2026, 11, 20, 9, tzinfo=CPH), kind) is None


class TestContent:
    def test_scale(self) -> None:
        assert on_scale(3, [1, 2, 3, 4]) and not on_scale(5, [1, 2, 3, 4]) and not on_scale(0, [])

    @pytest.mark.parametrize(
        ("kind", "name", "profession", "contact", "problem"),
        [
            ("professional", "Lærer", "klasselærer", None, None),
            ("professional", "Lærer", None, None, "concern.sender_incomplete"),
            ("professional", " ", "klasselærer", None, "concern.sender_incomplete"),
            ("citizen", "Nabo", None, None, None),
            ("citizen", None, None, "nabo@example.dk", "concern.sender_incomplete"),
            ("anonymous", None, None, None, None),
            ("anonymous", "Nabo", None, None, "concern.anonymous_identified"),
            ("anonymous", None, None, "12345678", "concern.anonymous_identified"),
        ],
    )
    def test_sender(self, kind, name, profession, contact, problem) -> None:
        assert sender_problem(kind, name, profession, contact) == problem

    def test_dialogue(self) -> None:
        assert dialogue_consistent(True, 2) and dialogue_consistent(False, 0)
        assert not dialogue_consistent(True, 0) and not dialogue_consistent(False, 1)

    def test_worries_and_frames(self) -> None:
        assert worries_given("Fravær") and not worries_given("  ") and not worries_given(None)
        assert frame_filled(None, "Fodbold", None) and not frame_filled(" ", None, "")

    def test_future_allows_clock_skew(self) -> None:
        now = datetime(2026, 11, 23, 10, tzinfo=UTC)
        assert not in_future(now + timedelta(minutes=4), now)
        assert in_future(now + timedelta(minutes=6), now)


class TestStates:
    def test_state_of(self) -> None:
        at = datetime(2026, 11, 23, tzinfo=UTC)
        assert state_of(None, None) == "received"
        assert state_of(at, None) == "assessed"
        assert state_of(at, at) == "closed"

    @pytest.mark.parametrize(
        ("action", "state", "acknowledged", "sender", "allowed"),
        [
            ("assess", "received", False, "professional", True),
            ("assess", "assessed", False, "professional", False),
            ("assess", "closed", True, "professional", False),
            ("close", "received", False, "professional", False),
            ("close", "assessed", False, "professional", True),
            ("close", "closed", False, "professional", False),
            ("acknowledge", "received", False, "professional", True),
            ("acknowledge", "closed", False, "citizen", True),
            ("acknowledge", "assessed", True, "professional", False),
            ("acknowledge", "received", False, "anonymous", False),
            ("reopen", "closed", False, "professional", False),
        ],
    )
    def test_actions(self, action, state, acknowledged, sender, allowed) -> None:
        assert action_allowed(action, state, acknowledged=acknowledged, sender_kind=sender) is allowed


class TestNetwork:
    def test_plan_must_be_the_youths(self) -> None:
        import uuid

        youth, other = uuid.uuid4(), uuid.uuid4()
        assert plan_belongs_to_youth(youth, youth)
        assert not plan_belongs_to_youth(other, youth) and not plan_belongs_to_youth(None, youth)


class TestOffers:
    def test_ranges_and_periods(self) -> None:
        assert age_range_valid(7, 13) and age_range_valid(None, 13) and age_range_valid(13, 13)
        assert not age_range_valid(14, 13)
        assert period_valid(date(2026, 1, 1), date(2026, 1, 1)) and not period_valid(
            date(2026, 1, 2), date(2026, 1, 1)
        )

    def test_active_both_days_inclusive(self) -> None:
        first, last = date(2026, 1, 1), date(2026, 6, 30)
        assert active_on(first, last, first) and active_on(first, last, last)
        assert not active_on(first, last, date(2025, 12, 31)) and not active_on(first, last, date(2026, 7, 1))
        assert active_on(None, None, date(2026, 11, 23))

    @given(st.integers(0, 99), st.integers(0, 99) | st.none(), st.integers(0, 99) | st.none())
    def test_fits_age_is_range_membership(self, age: int, low: int | None, high: int | None) -> None:
        expected = (low is None or low <= age) and (high is None or age <= high)
        assert fits_age(low, high, age) is expected

    def test_free_places(self) -> None:
        assert free_places(12, 9) == 3 and free_places(2, 3) == 0 and free_places(None, 5) is None

    def test_provider_and_sort_key(self) -> None:
        assert has_provider("BFU", None) and has_provider(None, "headspace") and not has_provider(None, " ")
        assert name_key("  Ungeindsats MOD misbrug ") == "ungeindsats mod misbrug"


class TestOverdue:
    DUE = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)

    @pytest.mark.parametrize(("minutes", "overdue"), [(-1, False), (0, False), (1, True), (6 * 60, True)])
    def test_the_assessment_is_overdue_the_minute_its_deadline_passes(self, minutes: int, overdue: bool) -> None:
        now = self.DUE + timedelta(minutes=minutes)
        assert assessment_overdue(self.DUE, None, None, now) is overdue

    @given(st.integers(min_value=-10_000, max_value=10_000))
    def test_an_assessed_or_closed_concern_is_never_overdue_for_assessment(self, minutes: int) -> None:
        now = self.DUE + timedelta(minutes=minutes)
        assert assessment_overdue(self.DUE, self.DUE, None, now) is False
        assert assessment_overdue(self.DUE, self.DUE, self.DUE, now) is False

    @pytest.mark.parametrize(("days", "overdue"), [(-1, False), (0, False), (1, True)])
    def test_the_receipt_is_overdue_from_the_day_after_its_due_day(self, days: int, overdue: bool) -> None:
        due = date(2026, 11, 30)
        assert acknowledgement_overdue(due, None, due + timedelta(days=days)) is overdue
        assert acknowledgement_overdue(due, self.DUE, due + timedelta(days=days)) is False
        assert acknowledgement_overdue(None, None, due + timedelta(days=days)) is False
