"""Consents (samtykker) through HTTP: who may give them, and exactly what one in force opens."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from tests.api.privacy.helpers import (
    TODAY,
    consent_body,
    give_consent,
    new_youth,
    open_case,
    revoke,
    seed,
)


@pytest.fixture
async def world(client, auth) -> dict:
    """A 16-year-old registered by BFU with a BFU case; UU has nothing to do with them yet."""
    admin = auth("admin")
    await seed(client, admin)
    youth = await new_youth(client, admin, age=16)
    case = await open_case(client, admin, youth["id"], "BFU")
    return {"youth": youth, "case": case, "bfu": auth("caseworker", "BFU"), "uu": auth("caseworker", "UU")}


async def sees(client, headers, youth_id: str, case_id: str) -> tuple[int, int]:
    youth = await client.get(f"/v1/youth/{youth_id}", headers=headers)
    case = await client.get(f"/v1/cases/{case_id}", headers=headers)
    return youth.status_code, case.status_code


class TestConsentOpensExactlyWhatItNames:
    async def test_youth_consent_opens_youth_and_cases_to_the_recipient_and_revocation_closes_at_once(
        self, client, world
    ) -> None:
        y, c = world["youth"]["id"], world["case"]["id"]
        assert await sees(client, world["uu"], y, c) == (404, 404)
        consent = await give_consent(client, world["bfu"], y)
        assert consent["status"] == "in_force" and consent["complete"] is True
        assert consent["valid_from"] == TODAY.isoformat()
        assert await sees(client, world["uu"], y, c) == (200, 200)
        listed = await client.get("/v1/cases", params={"youth_id": y}, headers=world["uu"])
        assert [i["id"] for i in listed.json()["items"]] == [c]
        # The recipient also sees the consent that opened the data (its basis).
        assert (await client.get(f"/v1/consents/{consent['id']}", headers=world["uu"])).status_code == 200
        revoked = await revoke(client, world["bfu"], consent)
        assert revoked["status"] == "revoked" and revoked["revoked_at"] is not None
        assert await sees(client, world["uu"], y, c) == (404, 404)
        # A revoked consent cannot be revoked or extended again.
        again = await client.post(
            f"/v1/consents/{consent['id']}/revoke",
            headers={**world["bfu"], "If-Match": f'"{revoked["version"]}"'},
        )
        assert again.status_code == 409 and again.json()["code"] == "consent.revoked"

    async def test_only_named_departments_and_categories_open_anything(self, client, auth, world) -> None:
        y, c = world["youth"]["id"], world["case"]["id"]
        await give_consent(client, world["bfu"], y, categories=["health", "education"])
        assert await sees(client, world["uu"], y, c) == (404, 404)
        await give_consent(client, world["bfu"], y, recipient_departments=["ARB"])
        assert await sees(client, world["uu"], y, c) == (404, 404)
        assert await sees(client, auth("caseworker", "ARB"), y, c) == (200, 200)
        # Another municipality's ARB sees nothing, consent or not.
        other = auth("caseworker", "ARB", municipality="999")
        assert await sees(client, other, y, c) == (404, 404)

    async def test_a_cases_consent_does_not_open_other_resources(self, client, auth, world) -> None:
        y = world["youth"]["id"]
        guide = await client.post(
            "/v1/guides",
            json={"youth_id": y, "guide": {"sub": "guide-1", "name": "Guide", "department": "BFU"}},
            headers=world["bfu"],
        )
        assert guide.status_code == 201, guide.text
        await give_consent(client, world["bfu"], y)
        assert (await client.get(f"/v1/guides/{guide.json()['id']}", headers=world["uu"])).status_code == 404
        listed = await client.get("/v1/guides", params={"youth_id": y}, headers=world["uu"])
        assert listed.status_code == 200 and listed.json()["items"] == []

    async def test_expired_and_future_consents_open_nothing(self, client, world) -> None:
        y, c = world["youth"]["id"], world["case"]["id"]
        long_ago = (TODAY - timedelta(days=200)).isoformat()
        expired = await give_consent(
            client,
            world["bfu"],
            y,
            given_by=[{"kind": "youth", "name": "Testa", "given_on": long_ago}],
            valid_until=(TODAY - timedelta(days=1)).isoformat(),
        )
        assert expired["status"] == "expired"
        future = await give_consent(
            client, world["bfu"], y, valid_from=(TODAY + timedelta(days=3)).isoformat()
        )
        assert future["status"] == "not_yet_in_force"
        assert await sees(client, world["uu"], y, c) == (404, 404)
        in_force = await client.get(
            "/v1/consents", params={"youth_id": y, "in_force": "true"}, headers=world["bfu"]
        )
        assert in_force.json()["items"] == []
        not_in_force = await client.get(
            "/v1/consents", params={"youth_id": y, "in_force": "false"}, headers=world["bfu"]
        )
        assert {i["id"] for i in not_in_force.json()["items"]} == {expired["id"], future["id"]}

    async def test_an_external_partner_sees_the_youth_only_through_a_consent(
        self, client, auth, world
    ) -> None:
        admin = auth("admin")
        created = await client.post(
            "/v1/departments",
            json={"code": "HEAD", "name": "headspace", "kind": "external_partner", "authority_unit": False},
            headers=admin,
        )
        assert created.status_code == 201, created.text
        y, c = world["youth"]["id"], world["case"]["id"]
        partner = auth("caseworker", "HEAD")
        assert await sees(client, partner, y, c) == (404, 404)
        await give_consent(client, world["bfu"], y, recipient_departments=["HEAD"])
        assert await sees(client, partner, y, c) == (200, 200)


class TestWhoConsents:
    async def test_under_15_both_custody_holders_must_consent(self, client, auth) -> None:
        admin = auth("admin")
        await seed(client, admin)
        guardians = [
            {"name": "Mor Eksempelsen", "relation": "mother", "has_custody": True},
            {"name": "Far Eksempelsen", "relation": "father", "has_custody": True},
        ]
        youth = await new_youth(client, admin, age=13, guardians=guardians)
        case = await open_case(client, admin, youth["id"], "BFU")
        bfu, uu = auth("caseworker", "BFU"), auth("caseworker", "UU")
        today = TODAY.isoformat()
        too_young = await client.post("/v1/consents", json=consent_body(youth["id"]), headers=bfu)
        assert too_young.status_code == 422 and too_young.json()["code"] == "consent.youth_too_young"
        stranger = consent_body(
            youth["id"], given_by=[{"kind": "custody_holder", "name": "Nabo", "given_on": today}]
        )
        refused = await client.post("/v1/consents", json=stranger, headers=bfu)
        assert refused.json()["code"] == "consent.not_custody_holder"
        one = await give_consent(
            client,
            bfu,
            youth["id"],
            given_by=[{"kind": "custody_holder", "name": "mor eksempelsen", "given_on": today}],
        )
        assert one["complete"] is False and one["status"] == "pending"
        assert await sees(client, uu, youth["id"], case["id"]) == (404, 404)
        twice = await client.post(
            f"/v1/consents/{one['id']}/givers",
            json={"kind": "custody_holder", "name": "Mor Eksempelsen", "given_on": today},
            headers={**bfu, "If-Match": '"1"'},
        )
        assert twice.status_code == 422 and twice.json()["code"] == "consent.giver_duplicate"
        body = {"kind": "custody_holder", "name": "Far Eksempelsen", "given_on": today}
        missing = await client.post(f"/v1/consents/{one['id']}/givers", json=body, headers=bfu)
        assert missing.status_code == 428
        both = await client.post(
            f"/v1/consents/{one['id']}/givers", json=body, headers={**bfu, "If-Match": '"1"'}
        )
        assert both.status_code == 200, both.text
        assert both.json()["complete"] is True and both.json()["status"] == "in_force"
        assert await sees(client, uu, youth["id"], case["id"]) == (200, 200)

    async def test_from_15_the_youth_consents_not_the_parents(self, client, auth, world) -> None:
        body = consent_body(
            world["youth"]["id"],
            given_by=[{"kind": "custody_holder", "name": "Mor", "given_on": TODAY.isoformat()}],
        )
        response = await client.post("/v1/consents", json=body, headers=world["bfu"])
        assert response.status_code == 422 and response.json()["code"] == "consent.youth_consents_self"

    async def test_not_retroactive_and_not_in_the_future(self, client, world) -> None:
        y = world["youth"]["id"]
        back = consent_body(y, valid_from=(TODAY - timedelta(days=5)).isoformat())
        response = await client.post(
            "/v1/consents", json=back, headers={**world["bfu"], "Accept-Language": "da"}
        )
        assert response.status_code == 422 and response.json()["code"] == "consent.retroactive"
        assert "bagudrettet" in response.json()["title"]
        ahead = consent_body(
            y,
            given_by=[
                {"kind": "youth", "name": "Testa", "given_on": (TODAY + timedelta(days=1)).isoformat()}
            ],
        )
        response = await client.post("/v1/consents", json=ahead, headers=world["bfu"])
        assert response.json()["code"] == "consent.given_in_future"
        ends_first = consent_body(y, valid_until=(TODAY - timedelta(days=1)).isoformat())
        response = await client.post("/v1/consents", json=ends_first, headers=world["bfu"])
        assert response.json()["code"] == "consent.period_invalid"

    async def test_unknown_recipient_and_unknown_category_are_422(self, client, world) -> None:
        y = world["youth"]["id"]
        response = await client.post(
            "/v1/consents", json=consent_body(y, recipient_departments=["NOPE"]), headers=world["bfu"]
        )
        assert response.status_code == 422 and response.json()["code"] == "consent.unknown_department"
        response = await client.post(
            "/v1/consents", json=consent_body(y, categories=["gossip"]), headers=world["bfu"]
        )
        assert response.status_code == 422 and response.json()["code"] == "request.validation"


class TestSsp:
    async def test_ssp_information_is_never_shared_outside_ssp(self, client, auth, world) -> None:
        y, c = world["youth"]["id"], world["case"]["id"]
        refused = await client.post(
            "/v1/consents", json=consent_body(y, categories=["ssp", "cases"]), headers=world["bfu"]
        )
        assert refused.status_code == 422 and refused.json()["code"] == "consent.ssp_not_shareable"
        created = await client.post(
            "/v1/departments",
            json={"code": "SSP", "name": "SSP-samarbejdet", "kind": "ssp", "authority_unit": False},
            headers=auth("admin"),
        )
        assert created.status_code == 201, created.text
        mixed = await client.post(
            "/v1/consents",
            json=consent_body(y, categories=["ssp"], recipient_departments=["SSP", "UU"]),
            headers=world["bfu"],
        )
        assert mixed.status_code == 422 and "UU" in mixed.json()["detail"]
        within = await give_consent(
            client, world["bfu"], y, categories=["ssp"], recipient_departments=["SSP"]
        )
        assert within["status"] == "in_force"
        # Within SSP the consent is on record, but opens no KUI data: SSP is its own context.
        assert await sees(client, auth("caseworker", "SSP"), y, c) == (404, 404)


class TestRefusals:
    async def test_roles_scope_and_municipality(self, client, auth, world) -> None:
        y = world["youth"]["id"]
        consent = await give_consent(client, world["bfu"], y)
        assert (
            await client.post("/v1/consents", json=consent_body(y), headers=auth("analyst"))
        ).status_code == 403
        # UU reads through the consent but writes nothing about the youth, not even a consent.
        registered = await client.post("/v1/consents", json=consent_body(y), headers=world["uu"])
        assert (registered.status_code, registered.json()["code"]) == (404, "youth.not_found")
        assert (
            await client.post("/v1/consents", json=consent_body(y), headers=world["bfu"])
        ).status_code == 201
        # A caseworker of ARB neither sees the youth nor the consent, nor can register one.
        arb = auth("caseworker", "ARB")
        assert (await client.get(f"/v1/consents/{consent['id']}", headers=arb)).status_code == 404
        assert (await client.post("/v1/consents", json=consent_body(y), headers=arb)).status_code == 404
        revoke_attempt = await client.post(
            f"/v1/consents/{consent['id']}/revoke", headers={**arb, "If-Match": '"1"'}
        )
        assert revoke_attempt.status_code == 404
        other = auth("admin", municipality="998")
        assert (await client.get(f"/v1/consents/{consent['id']}", headers=other)).status_code == 404
        stale = await client.post(
            f"/v1/consents/{consent['id']}/revoke", headers={**world["bfu"], "If-Match": '"7"'}
        )
        assert stale.status_code == 412

    async def test_the_list_filters_by_recipient_and_audits_what_only_a_consent_disclosed(
        self, client, admin_db, world
    ) -> None:
        y = world["youth"]["id"]
        to_uu = await give_consent(client, world["bfu"], y)
        to_arb = await give_consent(client, world["bfu"], y, recipient_departments=["ARB", "SUND"])
        for department, expected in (("UU", [to_uu]), ("SUND", [to_arb]), ("SKOLE", [])):
            listed = await client.get(
                "/v1/consents", params={"youth_id": y, "department": department}, headers=world["bfu"]
            )
            assert [i["id"] for i in listed.json()["items"]] == [c["id"] for c in expected], department
        everything = await client.get("/v1/consents", params={"youth_id": y}, headers=world["bfu"])
        assert [i["id"] for i in everything.json()["items"]] == [to_uu["id"], to_arb["id"]]
        # UU sees the youth only through its consent: each consent it is answered is disclosed.
        uu_sees = await client.get("/v1/consents", params={"limit": 1}, headers=world["uu"])
        assert [i["id"] for i in uu_sees.json()["items"]] == [to_uu["id"]]
        rows = await admin_db.fetch(
            "SELECT action, resource_id, youth_id::text AS youth_id FROM audit_event"
            " WHERE resource_type = 'consent' AND department = 'UU' AND youth_id = $1 ORDER BY action",
            uuid.UUID(y),
        )
        assert [tuple(r) for r in rows] == [("disclose", to_uu["id"], y), ("search", to_uu["id"], y)]

    async def test_every_change_is_audited_and_in_the_feed(self, client, auth, admin_db, world) -> None:
        consent = await give_consent(client, world["bfu"], world["youth"]["id"])
        await revoke(client, world["bfu"], consent)
        actions = await admin_db.fetch(
            "SELECT action FROM audit_event WHERE resource_type = 'consent' AND resource_id = $1 ORDER BY id",
            consent["id"],
        )
        assert [r["action"] for r in actions] == ["create", "revoke"]
        feed = await admin_db.fetch(
            "SELECT action FROM change_event WHERE resource_type = 'consent' AND resource_id = $1 ORDER BY id",
            consent["id"],
        )
        assert [r["action"] for r in feed] == ["created", "state_changed"]
