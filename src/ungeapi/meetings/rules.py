"""Pure rules about forum meetings, agendas and decisions: R15, R16, R18 and R25."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ungeapi.municipality.policy import Policy
from ungeapi.youth.rules import age_on, date_turning

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
LATE_AGE = 17
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


def first_meeting_deadline(birth_date: date, decided_on: date, policy: Policy) -> tuple[date, bool]:
    """R16: the coordinating team meets for the first time no later than the youth's 17th
    birthday ("senest når den unge fylder 17 år"); a youth already 17 when the forum decides
    gets until decided_on + late_team_days, and the decision is marked late.
    Returns (deadline, late)."""
    if age_on(birth_date, decided_on) >= LATE_AGE:
        return decided_on + timedelta(days=policy.late_team_days), True
    return date_turning(birth_date, LATE_AGE), False


def first_meeting_refusal(first_meeting_on: date, decided_on: date, deadline: date) -> str | None:
    """R16: the first team meeting lies between the decision and the deadline (both included)."""
    if first_meeting_on < decided_on:
        return "team.first_meeting_before_decision"
    if first_meeting_on > deadline:
        return "team.first_meeting_after_17"
    return None


def income_basis_refusal(code: str | None, birth_date: date) -> str | None:
    """R25: uddannelseshjælp (`education_benefit`) cannot be the expected income basis after 18
    of a youth who turns 18 after 30 June 2025, when it was abolished (kontanthjælp replaced it)."""
    if code == "education_benefit" and date_turning(birth_date, 18) > EDUCATION_BENEFIT_LAST_DAY:
        return "decision.income_basis_abolished"
    return None
