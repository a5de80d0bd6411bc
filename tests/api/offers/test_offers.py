"""The offers catalogue (tilbudsvifte), through HTTP: admin keeps it, the municipality searches it
in Danish, and plan measures that use an offer make up its occupancy."""

from __future__ import annotations

import pytest

from tests.conftest import synthetic_cpr

ANXIETY = {
    "name": "Forældretræning for børn med angst",
    "description": "Manualbaseret forløb for forældre til børn med let til moderat angst.",
    "provider_department_code": "BFU",
    "provider_name": "Familiehuset",
    "target_groups": ["angst", "preventive"],
    "age_min": 7,
    "age_max": 13,
    "capacity": 2,
    "legal_basis_code": "BL § 30",
}
MISUSE = {
    "name": "Ungeindsats mod misbrug",
    "description": "Samtaler om hash og alkohol med Rusmiddelcenter Norddjurs.",
    "provider_department_code": "SUND",
    "target_groups": ["misbrug"],
    "age_min": 15,
    "age_max": 25,
}
HEADSPACE = {
    "name": "headspace rådgivning",
    "description": "Anonym og gratis rådgivning for unge, frivillige rådgivere.",
    "provider_name": "headspace Hjørring",
    "target_groups": ["trivsel"],
    "age_min": 12,
}


@pytest.fixture
async def seeded(client, auth) -> None:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text


async def create(client, auth, body: dict) -> dict:
    response = await client.post("/v1/offers", json=body, headers=auth("admin"))
    assert response.status_code == 201, response.text
    return response.json()


async def names(client, headers, **params) -> list[str]:
    response = await client.get("/v1/offers", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return [o["name"] for o in response.json()["items"]]


class TestCatalogue:
    async def test_admin_writes_everyone_reads(self, client, auth, seeded) -> None:
        created = await client.post("/v1/offers", json=ANXIETY, headers=auth("admin"))
        assert created.status_code == 201, created.text
        offer = created.json()
        assert created.headers["Location"] == f"/v1/offers/{offer['id']}"
        assert offer["occupancy"] == 0 and offer["free_places"] == 2 and offer["active"] is True
        for role in ("caseworker", "guide", "coordinator", "analyst", "dpo", "integration"):
            read = await client.get(f"/v1/offers/{offer['id']}", headers=auth(role, "ARB"))
            assert read.status_code == 200, role
            assert read.headers["ETag"].startswith('"1-')
        for role in ("caseworker", "coordinator", "integration"):
            refused = await client.post("/v1/offers", json=MISUSE, headers=auth(role))
            assert refused.status_code == 403, role
        assert (await client.get("/v1/offers")).status_code == 401

    async def test_other_municipality_sees_nothing(self, client, auth, seeded) -> None:
        offer = await create(client, auth, ANXIETY)
        other = auth("caseworker", municipality="999")
        assert (await client.get(f"/v1/offers/{offer['id']}", headers=other)).status_code == 404
        assert await names(client, other) == []

    async def test_rules_refuse_bad_offers(self, client, auth, seeded) -> None:
        cases = [
            ({**ANXIETY, "age_min": 14, "age_max": 13}, "offer.age_range_invalid"),
            ({**ANXIETY, "active_from": "2027-01-01", "active_to": "2026-12-31"}, "offer.period_invalid"),
            ({"name": "Uden udbyder", "provider_name": "  "}, "offer.provider_required"),
            ({**ANXIETY, "provider_department_code": "NOPE"}, "offer.unknown_department"),
        ]
        for body, code in cases:
            response = await client.post("/v1/offers", json=body, headers=auth("admin"))
            assert response.status_code == 422, body
            assert response.json()["code"] == code
        bad_tag = await client.post(
            "/v1/offers", json={**ANXIETY, "target_groups": ["Angst!"]}, headers=auth()
        )
        assert bad_tag.status_code == 422 and bad_tag.json()["code"] == "request.validation"

    async def test_change_needs_if_match_and_is_evented(self, client, auth, seeded, admin_db, muni) -> None:
        offer = await create(client, auth, ANXIETY)
        url = f"/v1/offers/{offer['id']}"
        assert (await client.patch(url, json={"capacity": 5}, headers=auth())).status_code == 428
        stale = await client.patch(url, json={"capacity": 5}, headers={**auth(), "If-Match": '"7"'})
        assert stale.status_code == 412
        refused = await client.patch(url, json={"age_min": 14}, headers={**auth(), "If-Match": '"1"'})
        assert refused.status_code == 422 and refused.json()["code"] == "offer.age_range_invalid"
        changed = await client.patch(
            url, json={"capacity": 5, "active_to": "2026-01-31"}, headers={**auth(), "If-Match": '"1"'}
        )
        assert changed.status_code == 200, changed.text
        body = changed.json()
        assert body["version"] == 2 and body["capacity"] == 5 and body["name"] == ANXIETY["name"]
        caseworker = {**auth("caseworker"), "If-Match": '"2"'}
        assert (await client.patch(url, json={"capacity": 1}, headers=caseworker)).status_code == 403
        events = await admin_db.fetch(
            "SELECT action, version FROM change_event WHERE municipality_code = $1 AND resource_type = 'offer' ORDER BY xact_id, id",
            muni,
        )
        assert [(e["action"], e["version"]) for e in events] == [("created", 1), ("updated", 2)]

    async def test_idempotent_create(self, client, auth, seeded) -> None:
        headers = {**auth(), "Idempotency-Key": "offer-1"}
        first = await client.post("/v1/offers", json=MISUSE, headers=headers)
        again = await client.post("/v1/offers", json=MISUSE, headers=headers)
        assert first.status_code == again.status_code == 201
        assert again.json()["id"] == first.json()["id"]
        assert await names(client, auth()) == [MISUSE["name"]]


class TestSearch:
    @pytest.fixture
    async def catalogue(self, client, auth, seeded) -> None:
        for body in (ANXIETY, MISUSE, HEADSPACE):
            await create(client, auth, body)
        await create(
            client,
            auth,
            {
                **MISUSE,
                "name": "Afsluttet misbrugsprojekt",
                "description": "Tidligere projekt om misbrug blandt unge.",
                "active_to": "2024-12-31",
            },
        )

    async def test_danish_stemmed_text_search(self, client, auth, catalogue) -> None:
        reader = auth("caseworker", "UU")
        # inflected forms find the base forms: "forældretræningen" ~ "Forældretræning", "angsten" ~ "angst"
        assert await names(client, reader, q="forældretræningen angsten") == [ANXIETY["name"]]
        assert await names(client, reader, q="rådgivningen") == [HEADSPACE["name"]]
        assert await names(client, reader, q="alkohol", active="true") == [MISUSE["name"]]
        # web-search syntax: a minus excludes
        assert await names(client, reader, q="misbrug -hash") == ["Afsluttet misbrugsprojekt"]
        assert await names(client, reader, q="skak") == []

    async def test_filters(self, client, auth, catalogue) -> None:
        reader = auth("guide", "UU")
        assert await names(client, reader, age=16, active="true") == [HEADSPACE["name"], MISUSE["name"]]
        assert await names(client, reader, age=10) == [ANXIETY["name"]]
        assert await names(client, reader, target_group="misbrug") == [
            "Afsluttet misbrugsprojekt",
            MISUSE["name"],
        ]
        assert await names(client, reader, active="false") == ["Afsluttet misbrugsprojekt"]
        assert await names(client, reader, provider_department="SUND", active="true") == [MISUSE["name"]]

    async def test_pages_in_name_order(self, client, auth, catalogue) -> None:
        first = await client.get("/v1/offers", params={"limit": 3}, headers=auth())
        page = first.json()
        assert len(page["items"]) == 3 and page["next_cursor"] and 'rel="next"' in first.headers["Link"]
        rest = (
            await client.get("/v1/offers", params={"limit": 3, "cursor": page["next_cursor"]}, headers=auth())
        ).json()
        everything = [o["name"] for o in page["items"] + rest["items"]]
        assert len(everything) == 4 and rest["next_cursor"] is None
        assert everything == await names(client, auth())
        bad = await client.get("/v1/offers", params={"cursor": "bm9wZQ"}, headers=auth())
        assert bad.status_code == 400


class TestOccupancy:
    async def test_active_measures_that_use_the_offer_occupy_it(self, client, auth, seeded) -> None:
        anxiety = await create(client, auth, ANXIETY)
        misuse = await create(client, auth, MISUSE)
        measures = []
        for _ in range(3):
            youth = await client.post(
                "/v1/youth",
                json={"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"},
                headers=auth("admin", "BFU"),
            )
            assert youth.status_code == 201, youth.text
            plan = await client.post(
                "/v1/plans",
                json={
                    "youth_id": youth.json()["id"],
                    "measures": [
                        {
                            "department_code": "BFU",
                            "title": "Forældretræning",
                            "status": "active",
                            "offer_id": anxiety["id"],
                        },
                        {
                            "department_code": "BFU",
                            "title": "Venter",
                            "status": "planned",
                            "offer_id": misuse["id"],
                        },
                    ],
                },
                headers=auth("caseworker", "BFU"),
            )
            assert plan.status_code == 201, plan.text
            measures.append(plan.json())
        read = (await client.get(f"/v1/offers/{anxiety['id']}", headers=auth("caseworker", "UU"))).json()
        assert read["occupancy"] == 3 and read["capacity"] == 2 and read["free_places"] == 0
        listed = {
            o["name"]: o for o in (await client.get("/v1/offers", headers=auth("analyst"))).json()["items"]
        }
        assert listed[ANXIETY["name"]]["occupancy"] == 3
        assert listed[MISUSE["name"]]["occupancy"] == 0 and listed[MISUSE["name"]]["free_places"] is None


async def test_a_measure_must_name_an_offer_of_the_catalogue(client, auth, seeded) -> None:
    youth = await client.post(
        "/v1/youth",
        json={"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"},
        headers=auth("admin", "BFU"),
    )
    body = {
        "youth_id": youth.json()["id"],
        "measures": [{"department_code": "BFU", "title": "X", "offer_id": "00000000-0000-0000-0000-00000000abcd"}],
    }
    response = await client.post("/v1/plans", json=body, headers=auth("caseworker", "BFU"))
    assert response.status_code == 422 and response.json()["code"] == "plan.unknown_offer"
