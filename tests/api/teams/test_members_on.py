"""Who was on the team on a day: GET /v1/teams/{id}/members?on=YYYY-MM-DD."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.api.teams.test_teams import MEMBERS, TODAY, years_ago, youth_with_case


@pytest.fixture
async def seeded(client, auth) -> None:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text


async def test_members_by_date_from_their_periods(client, auth, seeded) -> None:
    coordinator = auth("coordinator", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")
    youth_id = await youth_with_case(client, auth, years_ago(16, 40))
    response = await client.post(
        "/v1/teams", json={"youth_id": youth_id, "members": MEMBERS}, headers=coordinator
    )
    assert response.status_code == 201, response.text
    team = response.json()
    url = f"/v1/teams/{team['id']}"
    saeh = next(m for m in team["members"] if m["department"] == "SAEH")

    # SAEH's member leaves in 10 days; an ARB member joins in 5 days.
    leaves = TODAY + timedelta(days=10)
    response = await client.post(
        f"{url}/members/{saeh['id']}/leave",
        json={"left_on": leaves.isoformat()},
        headers={**coordinator, "If-Match": f'"{team["version"]}"'},
    )
    assert response.status_code == 200, response.text
    joins = TODAY + timedelta(days=5)
    arb = {"sub": "ue-1", "name": "UE-vejleder", "department": "ARB", "role": "UE-vejleder"}
    response = await client.post(
        f"{url}/members",
        json={**arb, "joined_on": joins.isoformat()},
        headers={**coordinator, "If-Match": f'"{response.json()["version"]}"'},
    )
    assert response.status_code == 200, response.text

    async def on(day) -> list[tuple[str, bool]]:
        response = await client.get(f"{url}/members", params={"on": day.isoformat()}, headers=coordinator)
        assert response.status_code == 200, response.text
        return sorted((m["department"], m["lead"]) for m in response.json()["items"])

    assert await on(TODAY - timedelta(days=1)) == []
    assert await on(TODAY) == [("BFU", True), ("SAEH", False)]
    assert await on(joins - timedelta(days=1)) == [("BFU", True), ("SAEH", False)]
    assert await on(joins) == [("ARB", False), ("BFU", True), ("SAEH", False)]
    assert await on(leaves) == [("ARB", False), ("BFU", True), ("SAEH", False)]  # the last day included
    assert await on(leaves + timedelta(days=1)) == [("ARB", False), ("BFU", True)]
    default = await client.get(f"{url}/members", headers=coordinator)
    assert sorted(m["department"] for m in default.json()["items"]) == ["BFU", "SAEH"]

    page = await client.get(
        f"{url}/members", params={"on": joins.isoformat(), "limit": 2}, headers=coordinator
    )
    rest = await client.get(
        f"{url}/members",
        params={"on": joins.isoformat(), "cursor": page.json()["next_cursor"]},
        headers=coordinator,
    )
    assert len(page.json()["items"]) == 2 and len(rest.json()["items"]) == 1
    assert (
        await client.get(f"{url}/members", params={"on": "not-a-date"}, headers=coordinator)
    ).status_code == 422
    assert (await client.get(f"{url}/members", headers=auth("caseworker", "ARB"))).status_code == 404
