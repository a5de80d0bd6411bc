"""Aggregate figures: computed over the municipality, every cell under 5 suppressed."""

from __future__ import annotations

from tests.api.privacy.helpers import new_youth, open_case, seed


def by_key(rows: list[dict]) -> dict[str, dict]:
    return {r["key"]: r["count"] for r in rows}


class TestTargetGroups:
    async def test_counts_and_suppression(self, client, auth) -> None:
        admin = auth("admin")
        await seed(client, admin)
        for _ in range(6):
            await new_youth(client, admin, target_groups=["placed"])
        for _ in range(2):
            await new_youth(client, admin, target_groups=["aftercare", "placed"])
        response = await client.get("/v1/statistics/target-groups", headers=auth("analyst"))
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["youth"] == {"value": 8, "suppressed": False}
        groups = by_key(body["target_groups"])
        assert groups["placed"] == {"value": 8, "suppressed": False}
        assert groups["aftercare"] == {"value": None, "suppressed": True}
        assert groups["disability"] == {"value": None, "suppressed": True}

    async def test_a_small_municipality_shows_nothing(self, client, auth) -> None:
        admin = auth("admin")
        await new_youth(client, admin, target_groups=["placed"])
        body = (await client.get("/v1/statistics/target-groups", headers=auth("coordinator"))).json()
        assert body["youth"] == {"value": None, "suppressed": True}

    async def test_roles(self, client, auth) -> None:
        for role, expected in (("analyst", 200), ("admin", 200), ("coordinator", 200), ("caseworker", 403)):
            response = await client.get("/v1/statistics/guide-coverage", headers=auth(role))
            assert response.status_code == expected, role


class TestGuideCoverage:
    async def test_share_of_youth_with_two_authorities_who_have_a_guide(self, client, auth) -> None:
        admin = auth("admin")
        await seed(client, admin)
        for i in range(7):
            youth = await new_youth(client, admin)
            await open_case(client, admin, youth["id"], "BFU")
            await open_case(client, admin, youth["id"], "ARB")
            if i < 5:
                guide = await client.post(
                    "/v1/guides",
                    json={"youth_id": youth["id"], "guide": {"sub": f"g{i}", "name": "Guide"}},
                    headers=admin,
                )
                assert guide.status_code == 201
        one_authority = await new_youth(client, admin)
        await open_case(client, admin, one_authority["id"], "BFU")
        body = (await client.get("/v1/statistics/guide-coverage", headers=auth("analyst"))).json()
        assert body["eligible"] == {"value": 7, "suppressed": False}
        assert body["covered"] == {"value": 5, "suppressed": False}
        assert body["share"] == round(5 / 7, 3)

    async def test_share_is_hidden_when_a_cell_is_small(self, client, auth) -> None:
        admin = auth("admin")
        await seed(client, admin)
        youth = await new_youth(client, admin)
        await open_case(client, admin, youth["id"], "BFU")
        await open_case(client, admin, youth["id"], "ARB")
        body = (await client.get("/v1/statistics/guide-coverage", headers=auth("analyst"))).json()
        assert body["eligible"]["suppressed"] and body["covered"]["suppressed"] and body["share"] is None


class TestDestinations:
    async def test_positive_destination_share(self, client, auth) -> None:
        admin = auth("admin")
        await seed(client, admin)
        for destination in ["education"] * 3 + ["job"] * 3 + [None]:
            youth = await new_youth(client, admin)
            await open_case(client, admin, youth["id"], "BFU")
            plan = await client.post(
                "/v1/plans", json={"youth_id": youth["id"], "destination": destination}, headers=admin
            )
            assert plan.status_code == 201, plan.text
        body = (await client.get("/v1/statistics/destinations", headers=auth("analyst"))).json()
        assert body["plans"] == {"value": 7, "suppressed": False}
        assert body["positive"] == {"value": 6, "suppressed": False}
        assert body["share"] == round(6 / 7, 3)
        counts = by_key(body["destinations"])
        assert counts["education"]["suppressed"] and counts["none"]["suppressed"]


class TestTeams:
    async def test_no_teams_is_a_suppressed_zero(self, client, auth) -> None:
        body = (await client.get("/v1/statistics/teams", headers=auth("analyst"))).json()
        assert body["teams"] == {"value": None, "suppressed": True} and body["share"] is None
        assert (await client.get("/v1/statistics/teams", headers=auth("guide"))).status_code == 403
