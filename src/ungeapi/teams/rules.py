"""Pure rules about the coordinating team (Det Koordinerende Team), R16."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta


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
