"""R17: a team meeting's plans link to goals of the youth's current plan, in their horizon."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ungeapi.teams.rules import GoalLinkProblem, goal_link_problem

PLAN, OTHER = "plan-1", "plan-2"
GOALS = {"g-short": (PLAN, "short"), "g-long": (PLAN, "long"), "g-other": (OTHER, "short")}


def test_no_links_no_problem_even_without_a_plan() -> None:
    assert goal_link_problem([], GOALS, None) is None
    assert goal_link_problem([], {}, PLAN) is None


def test_goals_of_the_current_plan_in_their_horizon() -> None:
    assert goal_link_problem([("g-short", "short"), ("g-long", "long")], GOALS, PLAN) is None


def test_another_plans_goal_an_unknown_goal_or_no_current_plan() -> None:
    assert goal_link_problem([("g-other", "short")], GOALS, PLAN) == GoalLinkProblem(
        "team.goal_not_in_plan", "g-other"
    )
    assert goal_link_problem([("nope", "short")], GOALS, PLAN) == GoalLinkProblem(
        "team.goal_not_in_plan", "nope"
    )
    assert goal_link_problem([("g-short", "short")], GOALS, None) == GoalLinkProblem(
        "team.goal_not_in_plan", "g-short"
    )


def test_wrong_horizon() -> None:
    assert goal_link_problem([("g-short", "short"), ("g-long", "short")], GOALS, PLAN) == GoalLinkProblem(
        "team.goal_horizon_mismatch", "g-long", "long", "short"
    )


@given(st.lists(st.tuples(st.sampled_from([*sorted(GOALS), "nope"]), st.sampled_from(["short", "long"]))))
def test_a_problem_exactly_when_some_link_is_wrong(links: list[tuple[str, str]]) -> None:
    wrong = [g for g, h in links if GOALS.get(g, (None, None)) != (PLAN, h)]
    problem = goal_link_problem(links, GOALS, PLAN)
    assert (problem is None) == (not wrong)
    if problem is not None:
        assert problem.goal_id == wrong[0]
