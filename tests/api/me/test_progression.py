"""Progression phases through HTTP: the municipality's scale, a plan's phases with history,
the youth's own view of their phase, and the figures with small cells suppressed."""

from __future__ import annotations

import pytest

from tests.api.me.test_me import registered
from ungeapi.core.citizen import mint_citizen_dev_token

SCALE = {
    "phases": [
        {"code": "afklaring", "label_da": "Afklaring", "label_en": "Clarification"},
        {"code": "parat", "label_da": "Parat til uddannelse", "label_en": "Ready for education"},
        {"code": "i_uddannelse", "label_da": "I uddannelse", "label_en": "In education"},
    ]
}


@pytest.fixture
def staff(auth) -> dict[str, str]:
    return auth("caseworker", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")


@pytest.fixture
async def scaled(client, auth) -> dict:
    admin = auth("admin")
    assert (await client.post("/v1/settings/seed", headers=admin)).status_code == 200
    response = await client.put("/v1/progression-scale", json=SCALE, headers=admin)
    assert response.status_code == 200, response.text
    return admin


async def youth_with_plan(client, admin, staff) -> tuple[str, dict]:
    youth_id, cpr = await registered(client, admin, staff)
    plan = await client.post("/v1/plans", json={"youth_id": youth_id}, headers=staff)
    assert plan.status_code == 201, plan.text
    return cpr, plan.json()


async def record(client, headers, plan: dict, phase: str):
    return await client.post(f"/v1/plans/{plan['id']}/progression", json={"phase": phase}, headers=headers)


class TestScale:
    async def test_the_admin_sets_it_and_others_read_it(self, client, auth, scaled) -> None:
        read = await client.get("/v1/progression-scale", headers=auth("caseworker"))
        assert [p["code"] for p in read.json()["phases"]] == ["afklaring", "parat", "i_uddannelse"]
        refused = await client.put("/v1/progression-scale", json=SCALE, headers=auth("caseworker"))
        assert refused.status_code == 403
        twice = {"phases": [SCALE["phases"][0], SCALE["phases"][0]]}
        invalid = await client.put("/v1/progression-scale", json=twice, headers=scaled)
        assert invalid.status_code == 422 and invalid.json()["code"] == "progression.scale_invalid"


class TestPhases:
    async def test_recorded_with_history_and_shown_to_the_youth(
        self, client, settings, muni, scaled, staff
    ) -> None:
        cpr, plan = await youth_with_plan(client, scaled, staff)
        assert (await record(client, staff, plan, "afklaring")).status_code == 201
        second = await record(client, staff, plan, "parat")
        assert second.status_code == 201, second.text
        assert second.json()["position"] == 2 and second.json()["recorded_by_name"] == "Rådgiver Bente"
        history = await client.get(f"/v1/plans/{plan['id']}/progression", headers=staff)
        assert [p["phase"] for p in history.json()["items"]] == ["parat", "afklaring"]
        token = mint_citizen_dev_token(settings, cpr=cpr, municipality=muni)
        mine = await client.get("/v1/me/plan", headers={"Authorization": f"Bearer {token}"})
        assert mine.json()["progression"]["label"] == "Parat til uddannelse"
        # A later scale renames nothing already recorded, and an old phase is no longer recorded.
        renamed = {"phases": [{"code": "ny", "label_da": "Ny", "label_en": "New"}]}
        assert (await client.put("/v1/progression-scale", json=renamed, headers=scaled)).status_code == 200
        old = await record(client, staff, plan, "parat")
        assert old.status_code == 422 and old.json()["code"] == "progression.unknown_phase"
        mine = await client.get("/v1/me/plan", headers={"Authorization": f"Bearer {token}"})
        assert mine.json()["progression"]["label"] == "Parat til uddannelse"

    async def test_refusals(self, client, auth, scaled, staff) -> None:
        _, plan = await youth_with_plan(client, scaled, staff)
        stranger = auth("caseworker", "UU", sub="raadgiver-uu")
        response = await record(client, stranger, plan, "parat")
        assert response.status_code == 404 and response.json()["code"] == "youth.not_found"
        assert (await client.get(f"/v1/plans/{plan['id']}/progression", headers=stranger)).status_code == 404
        assert (await record(client, auth("analyst"), plan, "parat")).status_code == 403
        closed = await client.patch(
            f"/v1/plans/{plan['id']}",
            json={"status": "closed", "status_reason": "Flyttet"},
            headers={**staff, "If-Match": f'"{plan["version"]}"'},
        )
        assert closed.status_code == 200, closed.text
        finished = await record(client, staff, plan, "parat")
        assert finished.status_code == 409 and finished.json()["code"] == "progression.plan_finished"


class TestStatistics:
    async def test_counts_per_phase_with_cells_under_five_suppressed(
        self, client, auth, scaled, staff
    ) -> None:
        for n in range(6):
            _, plan = await youth_with_plan(client, scaled, staff)
            await record(client, staff, plan, "afklaring")
            if n < 5:
                assert (await record(client, staff, plan, "parat")).status_code == 201
        figures = await client.get("/v1/statistics/progression", headers=auth("analyst"))
        assert figures.status_code == 200, figures.text
        rows = {r["key"]: r["count"] for r in figures.json()["phases"]}
        assert rows["parat"] == {"value": 5, "suppressed": False}
        assert rows["afklaring"] == {"value": None, "suppressed": True}
        assert rows["i_uddannelse"] == {"value": None, "suppressed": True}
        assert (await client.get("/v1/statistics/progression", headers=auth("caseworker"))).status_code == 403
