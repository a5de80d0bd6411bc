"""The youth's overview through HTTP: every part shown, scoped and audited once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.clock import TODAY, years_ago
from tests.conftest import synthetic_cpr


@pytest.fixture
async def seeded(client, auth) -> None:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text


async def new_youth(client, auth, born: date) -> str:
    digit = 4 if 2000 <= born.year <= 2036 else 0
    body = {
        "cpr": synthetic_cpr(born.strftime("%d%m%y"), digit),
        "given_name": "Testa",
        "family_name": "Eksempelsen",
    }
    response = await client.post("/v1/youth", json=body, headers=auth("admin", "BFU"))
    assert response.status_code == 201, response.text
    return response.json()["id"]


class TestOverview:
    async def test_shows_every_part_and_hides_from_others(self, client, auth, seeded, admin_db, muni) -> None:
        bfu = auth("caseworker", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")
        arb = auth("caseworker", "ARB", sub="raadgiver-arb", name="Rådgiver Arne")
        youth_id = await new_youth(client, auth, years_ago(16, 40))
        placement = {
            "youth_id": youth_id,
            "department_code": "BFU",
            "kind": "placement",
            "opened_on": f"{TODAY.year - 1}-01-06",
        }
        response = await client.post("/v1/cases", json=placement, headers=bfu)
        assert response.status_code == 201, response.text
        case_id = response.json()["id"]
        # A draft referral is still open and does not yet satisfy referral.missing (R13).
        body = {
            "youth_id": youth_id,
            "category": "placed",
            "summary": "Anbragt; forventes bostøtte efter 18.",
        }
        response = await client.post("/v1/referrals", json=body, headers=bfu)
        assert response.status_code == 201, response.text
        referral_id = response.json()["id"]
        team_id = await admin_db.fetchval(
            "INSERT INTO coordinating_team (municipality_code, youth_id, lead_sub, lead_name, lead_department,"
            " first_meeting_deadline, status, decided_on) VALUES ($1, $2, 'raadgiver-bfu', 'Rådgiver Bente',"
            " 'BFU', $3, 'active', $4) RETURNING id",
            muni,
            __import__("uuid").UUID(youth_id),
            TODAY + timedelta(days=60),
            TODAY,
        )
        await admin_db.execute(
            "INSERT INTO team_member (municipality_code, team_id, sub, name, department, role, joined_on)"
            " VALUES ($1, $2, 'raadgiver-bfu', 'Rådgiver Bente', 'BFU', 'Rådgiver', $3),"
            " ($1, $2, NULL, NULL, 'SAEH', 'Myndighed Handicap', $3)",
            muni,
            team_id,
            TODAY,
        )

        response = await client.get(
            f"/v1/youth/{youth_id}/overview", headers={**bfu, "Accept-Language": "da"}
        )
        assert response.status_code == 200, response.text
        overview = response.json()
        assert overview["youth_id"] == youth_id
        assert [c["id"] for c in overview["open_cases"]] == [case_id]
        assert [r["id"] for r in overview["open_referrals"]] == [referral_id]
        assert overview["open_referrals"][0]["state"] == "draft"
        assert overview["team"]["id"] == str(team_id)
        assert overview["team"]["lead"]["sub"] == "raadgiver-bfu"
        assert sorted(m["department"] for m in overview["team"]["members"]) == ["BFU", "SAEH"]
        missing = [o for o in overview["open_obligations"] if o["kind"] == "referral.missing"]
        assert len(missing) == 1 and missing[0]["title"].startswith("Indstil den unge")
        assert overview["guide"] is None and overview["plan"] is None
        assert overview["transition_form"] is None

        audits = await admin_db.fetch(
            "SELECT action, resource_type FROM audit_event WHERE municipality_code = $1 AND resource_type = 'overview'",
            muni,
        )
        assert [(a["action"], a["resource_type"]) for a in audits] == [("read", "overview")]

        # Another department without a case of its own: 404, like any record out of scope.
        assert (await client.get(f"/v1/youth/{youth_id}/overview", headers=arb)).status_code == 404
        # Another municipality: 404. A role without youth:read: 403.
        other = auth("caseworker", "BFU", municipality="999")
        assert (await client.get(f"/v1/youth/{youth_id}/overview", headers=other)).status_code == 404
        assert (
            await client.get(f"/v1/youth/{youth_id}/overview", headers=auth("analyst"))
        ).status_code == 403

        # Closing the case removes it from the overview.
        case = (await client.get(f"/v1/cases/{case_id}", headers=bfu)).json()
        response = await client.patch(
            f"/v1/cases/{case_id}",
            json={"closed_on": TODAY.isoformat()},
            headers={**bfu, "If-Match": f'"{case["version"]}"'},
        )
        assert response.status_code == 200, response.text
        response = await client.get(f"/v1/youth/{youth_id}/overview", headers=bfu)
        assert response.status_code == 200, response.text
        assert response.json()["open_cases"] == []

    async def test_guide_and_plan_appear(self, client, auth, seeded) -> None:
        bfu = auth("caseworker", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")
        arb = auth("caseworker", "ARB", sub="raadgiver-arb", name="Rådgiver Arne")
        youth_id = await new_youth(client, auth, years_ago(17, 10))
        for headers, department in ((bfu, "BFU"), (arb, "ARB")):
            body = {"youth_id": youth_id, "department_code": department, "kind": "preventive"}
            # Opened by the journal system (integration): ARB had no way to the youth by itself.
            response = await client.post("/v1/cases", json=body, headers=auth("integration", []))
            assert response.status_code == 201, response.text
        offer = {
            "youth_id": youth_id,
            "guide": {"sub": "ungeguide-3", "name": "Ungeguide Eksempel", "department": "UU"},
            "assigned_via": "youth_coordinator",
            "basis": "Sager i BFU og ARB.",
        }
        response = await client.post("/v1/guides", json=offer, headers=bfu)
        assert response.status_code == 201, response.text
        response = await client.get(f"/v1/youth/{youth_id}/overview", headers=bfu)
        assert response.status_code == 200, response.text
        overview = response.json()
        assert (
            overview["guide"]["id"]
            == (await client.get("/v1/guides", params={"youth_id": youth_id}, headers=bfu)).json()["items"][
                0
            ]["id"]
        )
        assert len(overview["open_cases"]) == 2

    async def test_bounded_number_of_queries(self, app, client, auth, seeded) -> None:
        """The overview costs the same number of statements whatever the amount of data."""
        from sqlalchemy import event

        bfu = auth("caseworker", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")
        statements: list[str] = []

        def count(conn, cursor, statement, parameters, context, executemany) -> None:
            statements.append(statement)

        async def cost(youth_id: str) -> int:
            engine = app.state.db.engine.sync_engine
            event.listen(engine, "before_cursor_execute", count)
            try:
                statements.clear()
                response = await client.get(f"/v1/youth/{youth_id}/overview", headers=bfu)
                assert response.status_code == 200, response.text
                return len(statements)
            finally:
                event.remove(engine, "before_cursor_execute", count)

        small = await new_youth(client, auth, years_ago(16, 40))
        big = await new_youth(client, auth, years_ago(16, 50))
        for youth_id, cases in ((small, 1), (big, 6)):
            for n in range(cases):
                body = {
                    "youth_id": youth_id,
                    "department_code": "BFU",
                    "kind": "placement",
                    "opened_on": f"2025-01-{n + 1:02d}",
                }
                response = await client.post("/v1/cases", json=body, headers=bfu)
                assert response.status_code == 201, response.text
        # The same parts for both youth; only the amount differs.
        for youth_id, forms in ((small, 1), (big, 4)):
            for n in range(forms):
                body = {"youth_id": youth_id, "yearly_costs": {"stu": n}}
                assert (await client.post("/v1/transition-forms", json=body, headers=bfu)).status_code == 201
            body = {"youth_id": youth_id, "category": "placed", "summary": "Anbragt."}
            assert (await client.post("/v1/referrals", json=body, headers=bfu)).status_code == 201
        overview = (await client.get(f"/v1/youth/{big}/overview", headers=bfu)).json()
        assert len(overview["open_cases"]) == 6 and len(overview["open_referrals"]) == 1
        statements_small = await cost(small)
        assert statements_small == await cost(big) and statements_small <= 20
