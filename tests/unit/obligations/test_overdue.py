"""When a worklist item is overdue: a day-only deadline from the day after, a moment from the minute after."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ungeapi.core.clock import local_day, start_of_day
from ungeapi.core.context import Ctx, request_ctx
from ungeapi.core.security import Principal
from ungeapi.obligations.service import is_overdue, judged_at

PRINCIPAL = Principal(sub="cw", name="cw", municipality="101", departments=("BFU",), roles=frozenset({"caseworker"}))
DAY = date(2026, 12, 5)
NOW = datetime(2026, 12, 5, 13, 0, tzinfo=UTC)


@pytest.mark.parametrize(("days", "overdue"), [(-1, True), (0, False), (1, False)])
def test_a_day_deadline_is_overdue_from_the_day_after(days: int, overdue: bool) -> None:
    assert is_overdue(DAY + timedelta(days=days), None, DAY, NOW) is overdue


@pytest.mark.parametrize(("minutes", "overdue"), [(-1, True), (0, False), (1, False)])
def test_a_moment_deadline_is_overdue_the_minute_after_even_on_its_own_day(minutes: int, overdue: bool) -> None:
    due_at = NOW + timedelta(minutes=minutes)
    assert is_overdue(local_day(due_at), due_at, DAY, NOW) is overdue


def test_the_worklist_of_today_is_judged_now_and_another_day_at_its_start() -> None:
    ctx = Ctx(principal=PRINCIPAL, purpose="worklist", request_id=None, today=DAY, now=NOW)
    assert judged_at(ctx, DAY) == NOW
    assert judged_at(ctx, DAY + timedelta(days=1)) == datetime(2026, 12, 5, 23, 0, tzinfo=UTC)
    assert judged_at(ctx, date(2026, 7, 1)) == datetime(2026, 6, 30, 22, 0, tzinfo=UTC)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_a_day_at_its_start_agrees_with_the_day_deadlines(day: date) -> None:
    start = start_of_day(day)
    assert local_day(start) == day and local_day(start - timedelta(microseconds=1)) == day - timedelta(days=1)


def test_a_request_reads_the_clock_once() -> None:
    ctx = request_ctx(PRINCIPAL, "worklist", None)
    assert ctx.now.tzinfo is UTC and ctx.today == local_day(ctx.now)
