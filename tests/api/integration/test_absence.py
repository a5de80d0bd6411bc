"""School absence through HTTP: records, R22/R23 levels, the worklist obligation, refusals."""

from __future__ import annotations

import pytest

from tests.conftest import synthetic_cpr


@pytest.fixture
async def seeded(client, auth) -> None:
    assert (await client.post("/v1/settings/seed", headers=auth("admin"))).status_code == 200


async def new_youth(client, auth, department: str = "BFU") -> str:
    body = {"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen",
            "registered_by_department": department}  # fmt: skip
    response = await client.post("/v1/youth", json=body, headers=auth("admin", department))
    assert response.status_code == 201, response.text
    return response.json()["id"]


def record(youth_id: str, **fields) -> dict:
    return {"youth_id": youth_id, "school_name": "Nordbyskolen", "quarter": "2026Q3", "lawful_pct": 2.0,
            "unlawful_pct": 11.3, "sick_pct": 4.0, **fields}  # fmt: skip


async def absence_obligations(client, headers, youth_id: str) -> list[dict]:
    response = await client.get(
        "/v1/obligations", params={"kind": "absence.follow_up_due", "youth_id": youth_id}, headers=headers
    )
    assert response.status_code == 200, response.text
    return [o for o in response.json()["items"] if o["kind"] == "absence.follow_up_due"]


class TestAbsence:
    async def test_warning_share_raises_the_obligation_until_parents_are_warned(
        self, client, auth, seeded
    ) -> None:
        youth_id = await new_youth(client, auth, "SKOLE")
        school = auth("caseworker", "SKOLE")
        created = await client.post("/v1/absence", json=record(youth_id), headers=school)
        assert created.status_code == 201, created.text
        body = created.json()
        assert (body["period_from"], body["period_to"], body["quarter"]) == (
            "2026-07-01",
            "2026-09-30",
            "2026Q3",
        )
        assert (body["level"], body["follow_up_due"], body["recorded_by_department"]) == (
            "warning",
            True,
            "SKOLE",
        )
        [due] = await absence_obligations(client, school, youth_id)
        assert due["subject"] == {"type": "absence", "id": body["id"]}
        assert due["responsible_departments"] == ["SKOLE"] and due["title"].startswith(
            "Follow up on school absence"
        )
        warned = await client.patch(
            f"/v1/absence/{body['id']}",
            json={"parents_warned_on": "2026-10-02"},
            headers={**school, "If-Match": '"1"'},
        )
        assert warned.status_code == 200 and warned.json()["follow_up_due"] is False
        assert await absence_obligations(client, school, youth_id) == []
        # Over the notification share the municipality must be notified too.
        raised = await client.patch(
            f"/v1/absence/{body['id']}", json={"unlawful_pct": 15}, headers={**school, "If-Match": '"2"'}
        )
        assert raised.json()["level"] == "notification" and raised.json()["follow_up_due"] is True
        assert len(await absence_obligations(client, school, youth_id)) == 1

    async def test_under_the_share_nothing_and_the_policy_decides(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth)
        admin = auth("admin")
        low = (
            await client.post("/v1/absence", json=record(youth_id, unlawful_pct=7.5), headers=admin)
        ).json()
        assert low["level"] == "none" and await absence_obligations(client, admin, youth_id) == []
        settings = await client.get("/v1/settings", headers=admin)
        version = settings.json()["version"]
        changed = await client.put(
            "/v1/settings", json={"absence_warning_pct": 5, "absence_notify_pct": 7.5},
            headers={**admin, "If-Match": f'"{version}"'},
        )  # fmt: skip
        assert changed.status_code == 200, changed.text
        read = (await client.get(f"/v1/absence/{low['id']}", headers=admin)).json()
        assert read["level"] == "notification"
        assert len(await absence_obligations(client, admin, youth_id)) == 1

    async def test_periods_shares_and_duplicates(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth)
        admin = auth("admin")
        both = await client.post(
            "/v1/absence", json=record(youth_id, period_from="2026-01-01"), headers=admin
        )
        assert both.status_code == 422 and both.json()["code"] == "absence.period_invalid"
        reversed_ = record(youth_id, quarter=None, period_from="2026-02-01", period_to="2026-01-01")
        assert (await client.post("/v1/absence", json=reversed_, headers=admin)).json()[
            "code"
        ] == "absence.period_invalid"
        over = await client.post(
            "/v1/absence", json=record(youth_id, lawful_pct=60, unlawful_pct=50), headers=admin
        )
        assert over.status_code == 422 and over.json()["code"] == "absence.shares_exceed_total"
        explicit = record(
            youth_id, quarter=None, period_from="2026-09-01", period_to="2026-09-26", school_days=20
        )
        assert (await client.post("/v1/absence", json=explicit, headers=admin)).status_code == 201
        duplicate = await client.post("/v1/absence", json=explicit, headers=admin)
        assert duplicate.status_code == 409 and duplicate.json()["code"] == "absence.exists"

    async def test_refusals(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth, "BFU")
        created = (await client.post("/v1/absence", json=record(youth_id), headers=auth("admin"))).json()
        outsider = auth("caseworker", "ARB")
        assert (
            await client.post("/v1/absence", json=record(youth_id, quarter="2026Q4"), headers=outsider)
        ).status_code == 404
        assert (await client.get(f"/v1/absence/{created['id']}", headers=outsider)).status_code == 404
        assert (await client.get("/v1/absence", headers=outsider)).json()["items"] == []
        assert (
            await client.get(f"/v1/absence/{created['id']}", headers=auth("admin", municipality="996"))
        ).status_code == 404
        assert (await client.get("/v1/absence", headers=auth("analyst"))).status_code == 403
        assert (
            await client.post("/v1/absence", json=record(youth_id), headers=auth("guide"))
        ).status_code == 403
        own = auth("caseworker", "BFU")
        listed = (await client.get("/v1/absence", params={"youth_id": youth_id}, headers=own)).json()["items"]
        assert [r["id"] for r in listed] == [created["id"]]
        stale = await client.patch(
            f"/v1/absence/{created['id']}", json={"sick_pct": 1}, headers={**own, "If-Match": '"9"'}
        )
        assert stale.status_code == 412
        assert (
            await client.patch(f"/v1/absence/{created['id']}", json={"sick_pct": 1}, headers=own)
        ).status_code == 428


async def test_absence_is_in_the_youths_export(client, auth, seeded) -> None:
    youth_id = await new_youth(client, auth)
    created = (await client.post("/v1/absence", json=record(youth_id), headers=auth("admin"))).json()
    doc = await client.get(f"/v1/youth/{youth_id}/export", headers=auth("dpo", "BFU"))
    assert doc.status_code == 200, doc.text
    assert [(r["id"], r["level"]) for r in doc.json()["sections"]["absence"]] == [(created["id"], "warning")]
