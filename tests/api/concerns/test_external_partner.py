"""Departments of kind `external_partner` (e.g. a voluntary counselling service such as
headspace): without a consent naming them they see nothing of a youth, even when the youth is
registered by them or a case is held in their name."""

from __future__ import annotations

import pytest

from tests.conftest import synthetic_cpr


@pytest.fixture
async def youth_around_a_partner(client, auth) -> dict[str, str]:
    """A youth registered by, and with a case in, each of two departments: the external partner
    HEAD and the municipality's own PPR; and a concern about the youth."""
    admin = auth("admin")
    assert (await client.post("/v1/settings/seed", headers=admin)).status_code == 200
    for code, kind in (("HEAD", "external_partner"), ("PPR", "other")):
        created = await client.post(
            "/v1/departments",
            json={"code": code, "name": f"Afdeling {code}", "kind": kind, "authority_unit": False},
            headers=admin,
        )
        assert created.status_code == 201, created.text
    ids: dict[str, str] = {}
    for code in ("HEAD", "PPR"):
        youth = await client.post(
            "/v1/youth",
            json={
                "cpr": synthetic_cpr(),
                "given_name": "Testa",
                "family_name": "Eksempelsen",
                "registered_by_department": code,
            },
            headers=admin,
        )
        assert youth.status_code == 201, youth.text
        youth_id = youth.json()["id"]
        case = await client.post(
            "/v1/cases",
            json={"youth_id": youth_id, "department_code": code, "kind": "preventive"},
            headers=admin,
        )
        assert case.status_code == 201, case.text
        concern = await client.post(
            "/v1/concerns",
            json={
                "youth_id": youth_id,
                "sender": {"kind": "professional", "name": "Rådgiver", "profession": "psykolog"},
                "level": 2,
                "frame": {"worries": "Angst og isolation."},
            },
            headers=admin,
        )
        assert concern.status_code == 201, concern.text
        ids[code] = youth_id
        ids[f"{code}_concern"] = concern.json()["id"]
    return ids


class TestExternalPartnerSeesNothing:
    async def test_the_youth_is_404(self, client, auth, youth_around_a_partner) -> None:
        partner = auth("caseworker", "HEAD", sub="headspace-rådgiver")
        youth_id = youth_around_a_partner["HEAD"]
        assert (await client.get(f"/v1/youth/{youth_id}", headers=partner)).status_code == 404
        assert (await client.get("/v1/youth", headers=partner)).json()["items"] == []
        # the control: the municipality's own department PPR sees its youth
        own = auth("caseworker", "PPR")
        assert (
            await client.get(f"/v1/youth/{youth_around_a_partner['PPR']}", headers=own)
        ).status_code == 200

    async def test_cases_are_empty(self, client, auth, youth_around_a_partner) -> None:
        partner = auth("caseworker", "HEAD")
        listed = await client.get("/v1/cases", headers=partner)
        assert listed.status_code == 200 and listed.json()["items"] == []
        youth_id = youth_around_a_partner["HEAD"]
        assert (await client.get(f"/v1/youth/{youth_id}/cases", headers=partner)).status_code == 404
        own = (await client.get("/v1/cases", headers=auth("caseworker", "PPR"))).json()["items"]
        assert [c["department_code"] for c in own] == ["PPR"]

    async def test_concerns_are_404(self, client, auth, youth_around_a_partner) -> None:
        partner = auth("caseworker", "HEAD")
        for key in ("HEAD_concern", "PPR_concern"):
            assert (
                await client.get(f"/v1/concerns/{youth_around_a_partner[key]}", headers=partner)
            ).status_code == 404
        assert (await client.get("/v1/concerns", headers=partner)).json()["items"] == []

    async def test_obligations_are_empty(self, client, auth, youth_around_a_partner) -> None:
        partner = auth("caseworker", "HEAD")
        response = await client.get("/v1/obligations", headers=partner)
        assert response.status_code == 200 and response.json()["items"] == []
        youth_id = youth_around_a_partner["HEAD"]
        assert (await client.get(f"/v1/youth/{youth_id}/obligations", headers=partner)).status_code == 404

    async def test_a_partner_department_listed_with_an_own_department_opens_only_the_own(
        self, client, auth, youth_around_a_partner
    ) -> None:
        both = auth("caseworker", ["HEAD", "PPR"])
        assert (
            await client.get(f"/v1/youth/{youth_around_a_partner['HEAD']}", headers=both)
        ).status_code == 404
        assert (
            await client.get(f"/v1/youth/{youth_around_a_partner['PPR']}", headers=both)
        ).status_code == 200
