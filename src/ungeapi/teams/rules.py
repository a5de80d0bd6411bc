"""Pure rules about the coordinating team (Det Koordinerende Team), R16."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ungeapi.youth.rules import age_on, date_turning

# R16: the team meets for the first time no later than the youth's 17th birthday.
LATE_AGE = 17


@dataclass(frozen=True)
class MemberIn:
    sub: str | None
    name: str | None
    lead: bool


def lead_of(members: Sequence[MemberIn]) -> int | None:
    """R16: a team has exactly one lead (tovholder), who is one of its members and a named
    person (sub and name): the lead is who the others turn to. Returns the lead's index, or
    None when there is no such single lead."""
    leads = [i for i, m in enumerate(members) if m.lead]
    if len(leads) != 1:
        return None
    lead = members[leads[0]]
    if not lead.sub or not lead.name:
        return None
    return leads[0]


def first_meeting_deadline(birth_date: date, decided_on: date, late_team_days: int) -> tuple[date, bool]:
    """R16: the coordinating team meets for the first time no later than the youth's 17th
    birthday ("senest når den unge fylder 17 år"); a youth already 17 on the day the team is
    decided (the forum's decision, or the day a coordinator composes it directly) gets until
    decided_on + late_team_days, and the team is marked late. Returns (deadline, late).
    A birth date of 29 February turns 17 on 1 March in a common year (youth.rules.birthday_in)."""
    if age_on(birth_date, decided_on) >= LATE_AGE:
        return decided_on + timedelta(days=late_team_days), True
    return date_turning(birth_date, LATE_AGE), False


def first_meeting_refusal(first_meeting_on: date, decided_on: date, deadline: date) -> str | None:
    """R16: the first team meeting lies between the decision and the deadline (both included)."""
    if first_meeting_on < decided_on:
        return "team.first_meeting_before_decision"
    if first_meeting_on > deadline:
        return "team.first_meeting_after_17"
    return None


@dataclass(frozen=True)
class FirstMeeting:
    """R16 for one team: its first-meeting deadline, whether it was decided late, and the
    refusal of the planned first meeting day (None when it is in time or not planned yet)."""

    deadline: date
    late: bool
    refusal: str | None


def first_meeting(
    birth_date: date, decided_on: date, first_meeting_on: date | None, late_team_days: int
) -> FirstMeeting:
    """R16, the one rule every door that sets or changes a team's first meeting day applies
    (a forum decision, POST /v1/teams, PATCH /v1/teams/{id}): the deadline from the birth date
    and the day the team was decided, and whether `first_meeting_on` keeps it."""
    deadline, late = first_meeting_deadline(birth_date, decided_on, late_team_days)
    refusal = None
    if first_meeting_on is not None:
        refusal = first_meeting_refusal(first_meeting_on, decided_on, deadline)
    return FirstMeeting(deadline, late, refusal)


FIRST_MEETING_NOTICE_DAYS = 30


def first_meeting_due_from(deadline: date) -> date:
    """R16: `team.first_meeting_due` shows on the worklist from 30 days before the first-meeting
    deadline (due on the deadline, overdue after it) until a team meeting is held."""
    return deadline - timedelta(days=FIRST_MEETING_NOTICE_DAYS)


def first_meeting_obligation(deadline: date, today: date, meeting_held: bool) -> date | None:
    """The due day of `team.first_meeting_due` on `today`, or None when it is not shown."""
    if meeting_held or today < first_meeting_due_from(deadline):
        return None
    return deadline


def first_meeting_listed(deadline: date, today: date, *, meeting_held: bool, team_active: bool) -> bool:
    """§8.2 for `team.first_meeting_due`: an active team's item is shown from the notice period
    (first_meeting_obligation); a closed team's only once its deadline has passed without a
    meeting (its closing is not dated, so it may have come after the deadline: a missed first
    meeting stays until resolved)."""
    if first_meeting_obligation(deadline, today, meeting_held) is None:
        return False
    return team_active or deadline < today


def member_on(joined_on: date, left_on: date | None, day: date) -> bool:
    """Whether a member with this period was on the team on `day` ("who was responsible on X")."""
    return joined_on <= day and (left_on is None or day <= left_on)


@dataclass(frozen=True)
class GoalLinkProblem:
    code: str  # "team.goal_not_in_plan" or "team.goal_horizon_mismatch"
    goal_id: object
    horizon: str | None = None
    linked_as: str | None = None


def goal_link_problem(
    links: Sequence[tuple[object, str]],
    goals: dict[object, tuple[object, str]],
    current_plan_id: object | None,
) -> GoalLinkProblem | None:
    """R17: a team meeting's short- and long-term plans link to goals of the youth's current
    plan, each in its own horizon. `links` are (goal id, linked as "short"/"long"); `goals` maps
    the goal ids that exist to (plan id, horizon). The first problem, or None."""
    for goal_id, linked_as in links:
        found = goals.get(goal_id)
        if found is None or current_plan_id is None or found[0] != current_plan_id:
            return GoalLinkProblem("team.goal_not_in_plan", goal_id)
        if found[1] != linked_as:
            return GoalLinkProblem("team.goal_horizon_mismatch", goal_id, found[1], linked_as)
    return None
