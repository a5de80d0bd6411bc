"""No self-granting (issue 16, item 3): opening a case gives the department the youth, so a youth's
id alone opens nothing. A department takes a youth on by its own work with the youth, by CPR (the
youth or the family came to it), by a concern it received, or by a forum referral naming it;
admin and integrations always may (cases/rules.py `may_take_on`)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.api.privacy.helpers import new_youth, open_case, seed

FRAME = {"worries": "Højt fravær.", "what_works": "God kontakt.", "next_steps": "Møde med familien."}


@pytest.fixture
async def world(client, auth) -> dict[str, Any]:
    """A 16-year-old registered by UU; ARB and BFU have nothing to do with them."""
    admin = auth("admin")
    await seed(client, admin)
    youth = await new_youth(client, admin, age=16, registered_by_department="UU")
    return {
        "admin": admin,
        "youth": youth,
        "arb": auth("caseworker", "ARB", sub="arb-anders"),
        "bfu": auth("caseworker", "BFU", sub="bfu-bente"),
        "uu": auth("caseworker", "UU", sub="uu-ulla"),
    }


def case_body(youth_id: str | None = None, department: str = "ARB", **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"department_code": department, "kind": "employment", **fields}
    if youth_id is not None:
        body["youth_id"] = youth_id
    return body


async def refused(response: Any) -> None:
    assert (response.status_code, response.json()["code"]) == (404, "youth.not_found"), response.text


class TestAnIdAloneOpensNothing:
    async def test_the_issues_reproduction(self, client, world) -> None:
        y, arb = world["youth"]["id"], world["arb"]
        await refused(await client.post("/v1/cases", json=case_body(y), headers=arb))
        await refused(
            await client.put("/v1/cases/by-external/jobnet/J-1", json=case_body(y), headers=arb)
        )
        assert (await client.get(f"/v1/youth/{y}", headers=arb)).status_code == 404
        listed = await client.get("/v1/cases", headers=world["admin"])
        assert listed.json()["items"] == []

    async def test_admin_integration_and_the_departments_own_work_may(self, client, auth, world) -> None:
        y = world["youth"]["id"]
        assert (await client.post("/v1/cases", json=case_body(y), headers=world["admin"])).status_code == 201
        integration = auth("integration", [])
        created = await client.put(
            "/v1/cases/by-external/jobnet/J-2", json=case_body(y, "BFU", kind="preventive"), headers=integration
        )
        assert created.status_code == 201, created.text
        # UU registered the youth: it opens its own case by id.
        assert (await client.post("/v1/cases", json=case_body(y, "UU"), headers=world["uu"])).status_code == 201

    async def test_a_journal_systems_case_is_not_taken_over_by_another_department(self, client, world) -> None:
        y = world["youth"]["id"]
        body = case_body(y, "UU")
        assert (
            await client.put("/v1/cases/by-external/sbsys/UU-1", json=body, headers=world["uu"])
        ).status_code == 201
        # ARB knows the journal reference and names itself: the case stays UU's.
        moved = await client.put(
            "/v1/cases/by-external/sbsys/UU-1", json={**body, "department_code": "ARB"}, headers=world["arb"]
        )
        assert (moved.status_code, moved.json()["code"]) == (403, "case.department_not_yours")
        assert (await client.get(f"/v1/youth/{y}", headers=world["arb"])).status_code == 404


class TestByCpr:
    async def test_the_department_the_youth_came_to_takes_them_on(self, client, admin_db, world) -> None:
        y, arb = world["youth"]["id"], world["arb"]
        response = await client.post("/v1/cases", json=case_body(youth_cpr=world["youth"]["cpr"]), headers=arb)
        assert response.status_code == 201, response.text
        assert response.json()["youth_id"] == y and response.json()["department_code"] == "ARB"
        assert (await client.get(f"/v1/youth/{y}", headers=arb)).status_code == 200
        rows = await admin_db.fetch(
            "SELECT sub, detail FROM audit_event WHERE youth_id = $1::uuid AND action = 'lookup'", y
        )
        assert [(r["sub"], json.loads(r["detail"])) for r in rows] == [("arb-anders", {"take_on": "ARB"})]

    async def test_refusals(self, client, world) -> None:
        arb, cpr = world["arb"], world["youth"]["cpr"]
        unknown = "010101-4999" if cpr != "010101-4999" else "020202-4999"
        await refused(await client.post("/v1/cases", json=case_body(youth_cpr=unknown), headers=arb))
        elsewhere = await client.post("/v1/cases", json=case_body(youth_cpr=cpr, department="BFU"), headers=arb)
        assert (elsewhere.status_code, elsewhere.json()["code"]) == (403, "case.department_not_yours")
        both = case_body(world["youth"]["id"], youth_cpr=cpr)
        for body in (both, case_body()):
            response = await client.post("/v1/cases", json=body, headers=arb)
            assert (response.status_code, response.json()["code"]) == (422, "request.validation"), body
        malformed = await client.post("/v1/cases", json=case_body(youth_cpr="12345"), headers=arb)
        assert malformed.status_code == 422
        assert (await client.get(f"/v1/youth/{world['youth']['id']}", headers=arb)).status_code == 404


class TestByConcern:
    async def test_the_receiving_department_takes_on_even_after_the_concern_is_closed(
        self, client, world
    ) -> None:
        y, bfu = world["youth"]["id"], world["bfu"]
        await refused(await client.post("/v1/cases", json=case_body(y, "BFU", kind="preventive"), headers=bfu))
        sender = {"kind": "professional", "name": "Lærer Eksempel", "profession": "klasselærer",
                  "contact": "laerer@example.dk"}  # fmt: skip
        concern = await client.post(
            "/v1/concerns",
            json={"youth_id": y, "sender": sender, "made_in_dialogue": False, "level": 3, "frame": FRAME},
            headers=world["uu"],
        )
        assert concern.status_code == 201, concern.text
        assert concern.json()["receiving_department_code"] == "BFU"
        url = f"/v1/concerns/{concern.json()['id']}"
        assessed = await client.post(
            f"{url}/assess",
            json={"in_danger": False, "note": "Ingen akut fare."},
            headers={**bfu, "If-Match": f'"{concern.json()["version"]}"'},
        )
        assert assessed.status_code == 200, assessed.text
        closed = await client.post(
            f"{url}/close",
            json={"outcome": "screening"},
            headers={**bfu, "If-Match": f'"{assessed.json()["version"]}"'},
        )
        assert closed.status_code == 200, closed.text
        assert (await client.get(f"/v1/youth/{y}", headers=bfu)).status_code == 404
        opened = await client.post("/v1/cases", json=case_body(y, "BFU", kind="preventive"), headers=bfu)
        assert opened.status_code == 201, opened.text
        # The concern went to BFU, not to ARB.
        await refused(await client.post("/v1/cases", json=case_body(y), headers=world["arb"]))


class TestByReferral:
    async def test_a_sent_referral_naming_the_department(self, client, auth, world) -> None:
        y, arb, uu = world["youth"]["id"], world["arb"], world["uu"]
        await open_case(client, world["admin"], y, "UU")
        draft = await client.post(
            "/v1/referrals",
            json={
                "youth_id": y,
                "category": "guidance",
                "summary": "Har brug for jobcentrets hjælp.",
                "professionals": [{"name": "Jobkonsulent", "department": "ARB", "role": "Jobkonsulent"}],
            },
            headers=uu,
        )
        assert draft.status_code == 201, draft.text
        # A draft was never sent: it names ARB but gives it nothing yet.
        await refused(await client.post("/v1/cases", json=case_body(y), headers=arb))
        sent = await client.post(
            f"/v1/referrals/{draft.json()['id']}/submit", headers={**uu, "If-Match": f'"{draft.json()["version"]}"'}
        )
        assert sent.status_code == 200, sent.text
        opened = await client.post("/v1/cases", json=case_body(y), headers=arb)
        assert opened.status_code == 201, opened.text
        # A department the referral does not name still cannot.
        saeh = auth("caseworker", "SAEH")
        await refused(await client.post("/v1/cases", json=case_body(y, "SAEH", kind="disability"), headers=saeh))


class TestTheImport:
    async def test_only_admin_and_integrations_import_cases(self, client, world) -> None:
        csv = f"youth_id,department_code,kind,external_system,external_id\n{world['youth']['id']},ARB,employment,x,1\n"
        response = await client.post(
            "/v1/imports",
            params={"kind": "cases"},
            content=csv.encode(),
            headers={**world["arb"], "Content-Type": "text/csv"},
        )
        # The import door is open to admin and integrations only, who may take any youth on.
        assert response.status_code == 403
