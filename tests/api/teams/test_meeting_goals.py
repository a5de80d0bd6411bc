"""R17 through HTTP: a team meeting's short- and long-term plans link to the youth's plan goals."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from tests.api.teams.test_teams import MEMBERS, TODAY, years_ago, youth_with_case

SHORT = {"horizon": "short", "description": "Møde op i 10. klasse hver dag.", "target_on": (TODAY + timedelta(days=57)).isoformat()}
LONG = {"horizon": "long", "description": "Svendebrev som tømrer."}


@pytest.fixture
async def seeded(client, auth) -> None:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text


@pytest.fixture
def coordinator(auth):
    return auth("coordinator", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")


async def team_and_plan(client, auth, coordinator) -> tuple[str, str, dict]:
    youth_id = await youth_with_case(client, auth, years_ago(16, 40))
    response = await client.post(
        "/v1/teams", json={"youth_id": youth_id, "members": MEMBERS}, headers=coordinator
    )
    assert response.status_code == 201, response.text
    team_url = f"/v1/teams/{response.json()['id']}"
    response = await client.post(
        "/v1/plans", json={"youth_id": youth_id, "goals": [SHORT, LONG]}, headers=auth("caseworker", "BFU")
    )
    assert response.status_code == 201, response.text
    return youth_id, team_url, response.json()


def meeting(**links) -> dict:
    return {"held_on": TODAY.isoformat(), "youth_present": True, "parents_present": True, **links}


class TestMeetingGoals:
    async def test_links_are_returned_on_create_and_list(self, client, auth, seeded, coordinator) -> None:
        _, url, plan = await team_and_plan(client, auth, coordinator)
        short, long = plan["goals"]
        body = meeting(short_term_goal_ids=[short["id"], short["id"]], long_term_goal_ids=[long["id"]])
        response = await client.post(f"{url}/meetings", json=body, headers=coordinator)
        assert response.status_code == 201, response.text
        created = response.json()
        assert [g["id"] for g in created["short_term_goals"]] == [short["id"]]
        assert [g["id"] for g in created["long_term_goals"]] == [long["id"]]
        assert created["short_term_goals"][0] == {
            "id": short["id"],
            "plan_id": plan["id"],
            "horizon": "short",
            "description": SHORT["description"],
            "target_on": SHORT["target_on"],
            "status": "open",
        }
        plain = await client.post(f"{url}/meetings", json=meeting(), headers=coordinator)
        assert plain.status_code == 201 and plain.json()["short_term_goals"] == []
        listed = (await client.get(f"{url}/meetings", headers=coordinator)).json()["items"]
        by_id = {m["id"]: m for m in listed}
        assert by_id[created["id"]]["short_term_goals"] == created["short_term_goals"]
        assert by_id[created["id"]]["long_term_goals"] == created["long_term_goals"]
        assert by_id[plain.json()["id"]]["long_term_goals"] == []

    async def test_refusals(self, client, auth, seeded, coordinator) -> None:
        _, url, plan = await team_and_plan(client, auth, coordinator)
        _, long = plan["goals"]
        # Another youth's plan goal, an unknown goal: not in the youth's plan.
        _, _, other_plan = await team_and_plan(client, auth, coordinator)
        for goal_id in (other_plan["goals"][0]["id"], str(uuid.uuid4())):
            response = await client.post(
                f"{url}/meetings", json=meeting(short_term_goal_ids=[goal_id]), headers=coordinator
            )
            assert response.status_code == 422 and response.json()["code"] == "team.goal_not_in_plan", goal_id
        # A long-term goal linked as short-term.
        response = await client.post(
            f"{url}/meetings", json=meeting(short_term_goal_ids=[long["id"]]), headers=coordinator
        )
        assert response.status_code == 422 and response.json()["code"] == "team.goal_horizon_mismatch"
        assert response.json()["detail"].startswith(f"Goal {long['id']} is a long-term goal")
        # Nothing was recorded by the refusals.
        assert (await client.get(f"{url}/meetings", headers=coordinator)).json()["items"] == []

    async def test_a_closed_plan_is_not_the_current_plan(self, client, auth, seeded, coordinator) -> None:
        _, url, plan = await team_and_plan(client, auth, coordinator)
        response = await client.patch(
            f"/v1/plans/{plan['id']}",
            json={"status": "closed", "status_reason": "Afsluttet."},
            headers={**auth("caseworker", "BFU"), "If-Match": f'"{plan["version"]}"'},
        )
        assert response.status_code == 200, response.text
        response = await client.post(
            f"{url}/meetings", json=meeting(short_term_goal_ids=[plan["goals"][0]["id"]]), headers=coordinator
        )
        assert response.status_code == 422 and response.json()["code"] == "team.goal_not_in_plan"
