"""Pure rules about forum meetings, agendas and decisions: R15, R16, R18 and R25."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ungeapi.municipality.policy import Policy
from ungeapi.youth.rules import date_turning

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
# R25: uddannelseshjælp was abolished on 1 July 2025; nobody turning 18 after that can get it.
EDUCATION_BENEFIT_LAST_DAY = date(2025, 6, 30)


def interval_days(forum: str, policy: Policy) -> int:
    """R15: the coordination meeting recurs every meeting_interval_days (14); R18: the
    phase-2 conference every conference_interval_days (7)."""
    return policy.conference_interval_days if forum == "conference" else policy.meeting_interval_days


def series_starts(first: datetime, count: int, every_days: int) -> list[datetime]:
    """The start of `count` meetings from `first`, every `every_days` days, at the same
    wall-clock time in Europe/Copenhagen (a 9:00 meeting stays at 9:00 across summer time)."""
    local = first.astimezone(COPENHAGEN).replace(tzinfo=None)
    return [(local + timedelta(days=every_days * n)).replace(tzinfo=COPENHAGEN) for n in range(count)]


def agenda_times(starts_at: datetime, slots: Sequence[int]) -> list[tuple[datetime, datetime]]:
    """R15: each case starts when the one before it ends, in agenda order."""
    times = []
    at = starts_at
    for minutes in slots:
        end = at + timedelta(minutes=minutes)
        times.append((at, end))
        at = end
    return times


def fits(capacity_minutes: int, used_minutes: int, slot: int) -> bool:
    """R15: a meeting's agenda never exceeds its capacity."""
    return used_minutes + slot <= capacity_minutes


def local_date(moment: datetime) -> date:
    return moment.astimezone(COPENHAGEN).date()


def decision_refusal(meeting_day: date, today: date) -> str | None:
    """§8.1: the forum decides at its meeting, so a decision is recorded only for a meeting that
    has been held or is being held today (its day in Europe/Copenhagen is today or earlier); the
    decision carries the meeting's day, so it is never dated before the meeting nor in the
    future. A meeting still ahead refuses it (`meeting.not_held`)."""
    if meeting_day > today:
        return "meeting.not_held"
    return None


def change_refusal(*, has_decisions: bool, moves: bool, cancels: bool) -> str | None:
    """§8.1: a meeting with recorded decisions cannot move (its start changes) or be cancelled:
    its decisions carry its day (`meeting.has_decisions`). Its other details (chair,
    participants, location, capacity) can still be corrected."""
    if has_decisions and (moves or cancels):
        return "meeting.has_decisions"
    return None


def income_basis_refusal(code: str | None, birth_date: date) -> str | None:
    """R25: uddannelseshjælp (`education_benefit`) cannot be the expected income basis after 18
    of a youth who turns 18 after 30 June 2025, when it was abolished (kontanthjælp replaced it)."""
    if code == "education_benefit" and date_turning(birth_date, 18) > EDUCATION_BENEFIT_LAST_DAY:
        return "decision.income_basis_abolished"
    return None
