"""§8.1: an event date is never after the request's day, nor before the event it answers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ungeapi.core.event_dates import (
    BEFORE_EVENT,
    IN_FUTURE,
    EventDateRefused,
    check_event_date,
    event_date_problem,
)

TODAY = date(2026, 12, 5)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


class TestEventDateProblem:
    def test_the_day_before_the_day_and_the_day_after_today(self) -> None:
        assert event_date_problem(TODAY - timedelta(days=1), today=TODAY) is None
        assert event_date_problem(TODAY, today=TODAY) is None
        assert event_date_problem(TODAY + timedelta(days=1), today=TODAY) == IN_FUTURE

    def test_the_day_before_the_day_and_the_day_after_the_answered_event(self) -> None:
        offered = TODAY - timedelta(days=10)
        assert (
            event_date_problem(offered - timedelta(days=1), today=TODAY, not_before=offered) == BEFORE_EVENT
        )
        assert event_date_problem(offered, today=TODAY, not_before=offered) is None
        assert event_date_problem(offered + timedelta(days=1), today=TODAY, not_before=offered) is None

    @given(day=days, today=days, not_before=st.none() | days)
    def test_refused_exactly_outside_the_window(
        self, day: date, today: date, not_before: date | None
    ) -> None:
        code = event_date_problem(day, today=today, not_before=not_before)
        allowed = day <= today and (not_before is None or not_before <= day)
        assert (code is None) == allowed
        # The future wins: a day both ahead of today and before the event is "in the future".
        if day > today:
            assert code == IN_FUTURE
        elif not allowed:
            assert code == BEFORE_EVENT

    @given(day=days, today=days)
    def test_with_no_answered_event_only_the_future_is_refused(self, day: date, today: date) -> None:
        assert (event_date_problem(day, today=today) is None) == (day <= today)


class TestCheckEventDate:
    def test_nothing_given_passes(self) -> None:
        check_event_date("closed_on", None, today=TODAY, not_before=TODAY)

    def test_the_refusal_names_the_field_and_the_days(self) -> None:
        with pytest.raises(EventDateRefused) as refused:
            check_event_date(
                "on", TODAY - timedelta(days=3), today=TODAY, not_before=TODAY - timedelta(days=2)
            )
        error = refused.value
        assert (error.code, error.status) == (BEFORE_EVENT, 422)
        assert [(e.loc, e.code) for e in error.errors] == [(["body", "on"], BEFORE_EVENT)]
        assert error.params["earliest"] == (TODAY - timedelta(days=2)).isoformat()
        with pytest.raises(EventDateRefused) as ahead:
            check_event_date("held_on", TODAY + timedelta(days=1), today=TODAY)
        assert ahead.value.code == IN_FUTURE and ahead.value.errors[0].loc == ["body", "held_on"]
