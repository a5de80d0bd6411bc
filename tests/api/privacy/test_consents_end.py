"""Consents end (issue 16, item 2): a consent grants reading, never writing, and never changes who
registered or owns a record; revocation takes effect on the next request, on every read; only
the giver's side revokes; every read answered through a consent is audited as a disclosure and
shown in the youth's access log."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.api.privacy.helpers import TODAY, give_consent, new_youth, open_case, revoke, seed

SPEC = Path(__file__).resolve().parents[3] / "openapi" / "ungeapi-v1.json"
EVERY_CATEGORY = ["cases", "plan", "health", "social", "education", "absence"]


@pytest.fixture
async def world(client, auth) -> dict[str, Any]:
    """A 16-year-old registered by BFU, with a BFU case; BFU gives ARB a consent in force."""
    admin = auth("admin")
    await seed(client, admin)
    youth = await new_youth(client, admin, age=16)
    case = await open_case(client, admin, youth["id"], "BFU")
    bfu = auth("caseworker", "BFU", sub="bfu-bente")
    consent = await give_consent(
        client, bfu, youth["id"], recipient_departments=["ARB"], categories=EVERY_CATEGORY
    )
    return {
        "admin": admin,
        "youth": youth,
        "case": case,
        "consent": consent,
        "bfu": bfu,
        "arb": auth("caseworker", "ARB", sub="arb-anders"),
    }


async def patch_youth(client, headers: dict[str, str], youth_id: str, body: dict[str, Any], admin) -> Any:
    version = (await client.get(f"/v1/youth/{youth_id}", headers=admin)).json()["version"]
    return await client.patch(
        f"/v1/youth/{youth_id}", json=body, headers={**headers, "If-Match": f'"{version}"'}
    )


class TestTheIssuesReproduction:
    async def test_the_recipient_cannot_make_itself_the_registering_department(self, client, world) -> None:
        y, arb, admin = world["youth"]["id"], world["arb"], world["admin"]
        assert (await client.get(f"/v1/youth/{y}", headers=arb)).status_code == 200
        for body in ({"registered_by_department": "ARB"}, {"given_name": "Omdøbt"}, {"target_groups": []}):
            response = await patch_youth(client, arb, y, body, admin)
            assert (response.status_code, response.json()["code"]) == (404, "youth.not_found"), body
        archive = await client.post(f"/v1/youth/{y}/archive", headers={**arb, "If-Match": '"1"'})
        assert archive.status_code in (403, 404)
        unchanged = (await client.get(f"/v1/youth/{y}", headers=admin)).json()
        assert unchanged["registered_by_department"] == "BFU" and unchanged["given_name"] == "Testa"
        assert unchanged["version"] == world["youth"]["version"]
        await revoke(client, world["bfu"], world["consent"])
        assert (await client.get(f"/v1/youth/{y}", headers=arb)).status_code == 404
        lookup = await client.post("/v1/youth/lookup", json={"cpr": world["youth"]["cpr"]}, headers=arb)
        assert lookup.status_code == 404

    async def test_the_recipient_opens_changes_and_reopens_no_case(self, client, auth, world) -> None:
        y, arb = world["youth"]["id"], world["arb"]
        # An old ARB case, closed: ARB no longer works with the youth; the consent shows it.
        old = await open_case(
            client,
            world["admin"],
            y,
            "ARB",
            opened_on=(TODAY - timedelta(days=100)).isoformat(),
            closed_on=(TODAY - timedelta(days=1)).isoformat(),
        )
        assert (await client.get(f"/v1/cases/{old['id']}", headers=arb)).status_code == 200
        reopen = await client.patch(
            f"/v1/cases/{old['id']}", json={"closed_on": None}, headers={**arb, "If-Match": f'"{old["version"]}"'}
        )
        assert (reopen.status_code, reopen.json()["code"]) == (404, "case.not_found")
        new = await client.post(
            "/v1/cases", json={"youth_id": y, "department_code": "ARB", "kind": "employment"}, headers=arb
        )
        assert (new.status_code, new.json()["code"]) == (404, "youth.not_found")
        other = await client.patch(
            f"/v1/cases/{world['case']['id']}",
            json={"legal_basis_code": "BL § 32"},
            headers={**arb, "If-Match": f'"{world["case"]["version"]}"'},
        )
        assert (other.status_code, other.json()["code"]) == (404, "case.not_found")
        # What it may write is unchanged: BFU changes its own case.
        own = await client.patch(
            f"/v1/cases/{world['case']['id']}",
            json={"legal_basis_code": "BL § 32"},
            headers={**world["bfu"], "If-Match": f'"{world["case"]["version"]}"'},
        )
        assert own.status_code == 200, own.text


class TestWhoChangesTheRegisteringDepartment:
    async def test_a_department_that_works_with_the_youth_cannot_take_the_record(
        self, client, auth, world
    ) -> None:
        y, admin = world["youth"]["id"], world["admin"]
        await open_case(client, admin, y, "SAEH")
        saeh = auth("caseworker", "SAEH")
        taken = await patch_youth(
            client, {**saeh, "Accept-Language": "da"}, y, {"registered_by_department": "SAEH"}, admin
        )
        assert (taken.status_code, taken.json()["code"]) == (403, "youth.registering_department_not_yours")
        assert "ikke SAEH" in taken.json()["detail"]
        # It still corrects what it works with, and naming the same department is no change.
        assert (await patch_youth(client, saeh, y, {"given_name": "Testa Marie"}, admin)).status_code == 200
        same = await patch_youth(client, saeh, y, {"registered_by_department": "BFU"}, admin)
        assert same.status_code == 200

    async def test_the_registering_department_hands_over_to_its_own_departments_only(
        self, client, auth, world
    ) -> None:
        y, admin = world["youth"]["id"], world["admin"]
        away = await patch_youth(client, world["bfu"], y, {"registered_by_department": "ARB"}, admin)
        assert (away.status_code, away.json()["code"]) == (403, "youth.registering_department_not_yours")
        nobody = await patch_youth(client, world["bfu"], y, {"registered_by_department": None}, admin)
        assert nobody.status_code == 403
        both = auth("caseworker", ["BFU", "ARB"])
        handed = await patch_youth(client, both, y, {"registered_by_department": "ARB"}, admin)
        assert handed.status_code == 200 and handed.json()["registered_by_department"] == "ARB"
        back = await patch_youth(client, admin, y, {"registered_by_department": "BFU"}, admin)
        assert back.status_code == 200 and back.json()["registered_by_department"] == "BFU"


class TestOnlyTheGiverSideRevokes:
    async def test_the_recipient_cannot_revoke_or_add_a_giver(self, client, auth, world) -> None:
        consent, arb = world["consent"], world["arb"]
        headers = {**arb, "If-Match": f'"{consent["version"]}"'}
        attempt = await client.post(f"/v1/consents/{consent['id']}/revoke", json={}, headers=headers)
        assert (attempt.status_code, attempt.json()["code"]) == (403, "consent.not_giver_side")
        giver = {"kind": "youth", "name": "Testa Eksempelsen", "given_on": TODAY.isoformat()}
        added = await client.post(f"/v1/consents/{consent['id']}/givers", json=giver, headers=headers)
        assert (added.status_code, added.json()["code"]) == (403, "consent.not_giver_side")
        still = await client.get(f"/v1/consents/{consent['id']}", headers=arb)
        assert still.json()["status"] == "in_force" and still.json()["version"] == consent["version"]
        da = await client.post(
            f"/v1/consents/{consent['id']}/revoke", headers={**headers, "Accept-Language": "da"}
        )
        assert da.json()["title"] == "Kun giverens side"

    async def test_a_department_that_only_works_with_the_youth_cannot_revoke(self, client, auth, world) -> None:
        await open_case(client, world["admin"], world["youth"]["id"], "SAEH")
        saeh = auth("caseworker", "SAEH")
        consent = world["consent"]
        attempt = await client.post(
            f"/v1/consents/{consent['id']}/revoke", headers={**saeh, "If-Match": f'"{consent["version"]}"'}
        )
        assert (attempt.status_code, attempt.json()["code"]) == (403, "consent.not_giver_side")
        stranger = auth("caseworker", "UU")
        unseen = await client.post(
            f"/v1/consents/{consent['id']}/revoke", headers={**stranger, "If-Match": f'"{consent["version"]}"'}
        )
        assert (unseen.status_code, unseen.json()["code"]) == (404, "consent.not_found")
        assert (
            await client.post(f"/v1/consents/{consent['id']}/revoke", headers={**auth("analyst"), "If-Match": '"1"'})
        ).status_code == 403

    async def test_the_dpo_revokes(self, client, auth, world) -> None:
        revoked = await revoke(client, auth("dpo", []), world["consent"])
        assert revoked["status"] == "revoked"
        assert (await client.get(f"/v1/youth/{world['youth']['id']}", headers=world["arb"])).status_code == 404

    async def test_the_department_owning_the_youth_revokes_a_consent_another_registered(
        self, client, auth, world
    ) -> None:
        y = world["youth"]["id"]
        await open_case(client, world["admin"], y, "UU")
        uu = auth("caseworker", "UU")
        by_uu = await give_consent(client, uu, y, recipient_departments=["SAEH"])
        assert by_uu["registered_by"]["department"] == "UU"
        assert (await revoke(client, world["bfu"], by_uu))["status"] == "revoked"
        again = await give_consent(client, uu, y, recipient_departments=["SAEH"])
        assert (await revoke(client, uu, again))["status"] == "revoked"


def youth_scoped_reads() -> list[tuple[str, str]]:
    """Every GET operation of the spec about one youth: a `{youth_id}` in its path, or a
    `youth_id` query filter."""
    spec = json.loads(SPEC.read_text())
    reads: list[tuple[str, str]] = []
    for path, operations in spec["paths"].items():
        get = operations.get("get")
        if get is None:
            continue
        if "{youth_id}" in path:
            reads.append((path, "path"))
        elif any(p["name"] == "youth_id" and p["in"] == "query" for p in get.get("parameters", [])):
            reads.append((path, "query"))
    return reads


class TestRevocationEndsEveryRead:
    def test_the_table_has_the_youth_reads(self) -> None:
        reads = {path for path, _ in youth_scoped_reads()}
        assert {"/v1/youth/{youth_id}", "/v1/youth/{youth_id}/overview", "/v1/cases", "/v1/consents"} <= reads
        assert len(reads) >= 15

    async def test_every_youth_read_is_closed_on_the_next_request(self, client, world) -> None:
        y, arb = world["youth"]["id"], world["arb"]
        secrets = (world["youth"]["cpr"], y)

        async def read(path: str, where: str) -> Any:
            if where == "path":
                return await client.get(path.replace("{youth_id}", y), headers=arb)
            return await client.get(path, params={"youth_id": y}, headers=arb)

        opened: set[str] = set()
        for path, where in youth_scoped_reads():
            response = await read(path, where)
            if response.status_code == 200 and y in response.text:
                opened.add(path)
        # What the cases consent opens (youth and cases), as the consent's basis.
        assert {"/v1/youth/{youth_id}", "/v1/cases", "/v1/consents"} <= opened
        await revoke(client, world["bfu"], world["consent"])
        for path, where in youth_scoped_reads():
            response = await read(path, where)
            # A list filtered on the youth may answer an empty page; nothing of the youth either way.
            allowed = (403, 404) if where == "path" else (200, 403, 404)
            assert response.status_code in allowed, (path, response.status_code, response.text)
            assert not any(s in response.text for s in secrets), path
        for path in ("/v1/youth", "/v1/cases", "/v1/consents"):
            listed = await client.get(path, headers=arb)
            assert listed.status_code == 200 and y not in listed.text, path
        assert (await client.get(f"/v1/cases/{world['case']['id']}", headers=arb)).status_code == 404
        consent = await client.get(f"/v1/consents/{world['consent']['id']}", headers=arb)
        assert consent.status_code == 404

    async def test_expiry_ends_it_too(self, client, auth) -> None:
        admin = auth("admin")
        await seed(client, admin)
        youth = await new_youth(client, admin, age=16)
        bfu = auth("caseworker", "BFU")
        await give_consent(
            client,
            bfu,
            youth["id"],
            recipient_departments=["ARB"],
            given_by=[{"kind": "youth", "name": "Testa", "given_on": (TODAY - timedelta(days=30)).isoformat()}],
            valid_until=(TODAY - timedelta(days=1)).isoformat(),
        )
        arb = auth("caseworker", "ARB")
        assert (await client.get(f"/v1/youth/{youth['id']}", headers=arb)).status_code == 404
        last_day = await give_consent(client, bfu, youth["id"], recipient_departments=["UU"], valid_until=TODAY.isoformat())
        assert last_day["status"] == "in_force"
        assert (await client.get(f"/v1/youth/{youth['id']}", headers=auth("caseworker", "UU"))).status_code == 200


async def disclosures(admin_db, youth_id: str) -> list[dict[str, Any]]:
    rows = await admin_db.fetch(
        "SELECT department, resource_type, resource_id, detail FROM audit_event "
        "WHERE youth_id = $1::uuid AND action = 'disclose' ORDER BY id",
        youth_id,
    )
    return [{**dict(r), "detail": json.loads(r["detail"])} for r in rows]


class TestDisclosuresAreAudited:
    async def test_every_read_through_the_consent_is_a_disclosure(self, client, admin_db, world) -> None:
        y, arb, consent = world["youth"]["id"], world["arb"], world["consent"]
        assert await disclosures(admin_db, y) == []
        assert (await client.get(f"/v1/youth/{y}", headers=arb)).status_code == 200
        assert (await client.post("/v1/youth/lookup", json={"cpr": world["youth"]["cpr"]}, headers=arb)).status_code == 200
        assert (await client.get(f"/v1/cases/{world['case']['id']}", headers=arb)).status_code == 200
        assert (await client.get("/v1/cases", params={"youth_id": y}, headers=arb)).status_code == 200
        assert (await client.get(f"/v1/consents/{consent['id']}", headers=arb)).status_code == 200
        assert (await client.get(f"/v1/youth/{y}/overview", headers=arb)).status_code == 200
        rows = await disclosures(admin_db, y)
        assert [(r["resource_type"], r["resource_id"]) for r in rows] == [
            ("youth", y),
            ("youth", y),
            ("case", world["case"]["id"]),
            ("case", world["case"]["id"]),
            ("consent", consent["id"]),
            ("overview", y),
        ]
        assert all(r["department"] == "ARB" for r in rows)
        assert all(r["detail"] == {"consent_id": consent["id"], "recipient": "ARB"} for r in rows)
        # The owner's own reads disclose nothing.
        assert (await client.get(f"/v1/youth/{y}", headers=world["bfu"])).status_code == 200
        assert len(await disclosures(admin_db, y)) == len(rows)

    async def test_a_page_is_audited_row_by_row_and_own_youth_are_not_disclosures(
        self, client, auth, admin_db, world
    ) -> None:
        arb = auth("caseworker", "ARB", sub="arb-page")
        mine = await new_youth(client, world["admin"], age=17, registered_by_department="ARB")
        others = [world["youth"]]
        for _ in range(2):
            other = await new_youth(client, world["admin"], age=16)
            await give_consent(client, world["bfu"], other["id"], recipient_departments=["ARB"])
            others.append(other)
        page = await client.get("/v1/youth", params={"limit": 50}, headers=arb)
        assert {i["id"] for i in page.json()["items"]} == {mine["id"], *(o["id"] for o in others)}
        for other in others:
            rows = await disclosures(admin_db, other["id"])
            assert [r["resource_id"] for r in rows] == [other["id"]]
        assert await disclosures(admin_db, mine["id"]) == []

    async def test_a_department_that_works_with_the_youth_discloses_nothing(
        self, client, admin_db, world
    ) -> None:
        y = world["youth"]["id"]
        await open_case(client, world["admin"], y, "ARB")
        assert (await client.get(f"/v1/youth/{y}", headers=world["arb"])).status_code == 200
        assert await disclosures(admin_db, y) == []

    async def test_the_access_log_shows_the_disclosure(self, client, auth, world) -> None:
        y, consent = world["youth"]["id"], world["consent"]
        assert (await client.get(f"/v1/cases/{world['case']['id']}", headers=world["arb"])).status_code == 200
        log = await client.get(f"/v1/youth/{y}/access-log", headers=world["bfu"])
        assert log.status_code == 200, log.text
        disclosed = [e for e in log.json()["items"] if e["action"] == "disclose"]
        assert len(disclosed) == 1
        assert disclosed[0]["department"] == "ARB" and disclosed[0]["consent_id"] == consent["id"]
        assert disclosed[0]["resource_type"] == "case" and disclosed[0]["sub"] is None
        reads = [e for e in log.json()["items"] if e["action"] == "read" and e["resource_type"] == "case"]
        assert reads and all(e["consent_id"] is None for e in reads)
        dpo = await client.get(f"/v1/youth/{y}/access-log", headers=auth("dpo", []))
        assert [e["sub"] for e in dpo.json()["items"] if e["action"] == "disclose"] == ["arb-anders"]
