"""The youth's access log, the dpo's audit search and the export (right of access)."""

from __future__ import annotations

from datetime import timedelta

from tests.api.privacy.helpers import TODAY, give_consent, new_youth, open_case, seed


async def _youth_read_by_two_departments(client, auth) -> dict:
    admin = auth("admin")
    await seed(client, admin)
    youth = await new_youth(client, admin)
    case = await open_case(client, admin, youth["id"], "BFU")
    bfu = auth("caseworker", "BFU", sub="raadgiver-1")
    read = await client.get(f"/v1/youth/{youth['id']}", headers={**bfu, "X-Purpose": "opfoelgning paa plan"})
    assert read.status_code == 200
    return {"youth": youth, "case": case, "bfu": bfu, "admin": admin}


class TestAccessLog:
    async def test_dates_purposes_departments_but_no_employee_unless_dpo(self, client, auth) -> None:
        w = await _youth_read_by_two_departments(client, auth)
        y = w["youth"]["id"]
        response = await client.get(f"/v1/youth/{y}/access-log", headers=w["bfu"])
        assert response.status_code == 200, response.text
        items = response.json()["items"]
        assert items and all(i["sub"] is None for i in items)
        reads = [i for i in items if i["action"] == "read" and i["resource_type"] == "youth"]
        assert reads[0]["purpose"] == "opfoelgning paa plan" and reads[0]["department"] == "BFU"
        assert items == sorted(items, key=lambda i: i["occurred_at"], reverse=True)
        dpo = await client.get(f"/v1/youth/{y}/access-log", headers=auth("dpo", "BFU"))
        assert "raadgiver-1" in {i["sub"] for i in dpo.json()["items"]}

    async def test_paginated_and_filtered_by_day(self, client, auth) -> None:
        w = await _youth_read_by_two_departments(client, auth)
        y = w["youth"]["id"]
        for _ in range(3):
            await client.get(f"/v1/cases/{w['case']['id']}", headers=w["bfu"])
        seen, cursor = [], None
        while True:
            params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
            page = await client.get(f"/v1/youth/{y}/access-log", params=params, headers=w["bfu"])
            assert page.status_code == 200
            seen += page.json()["items"]
            cursor = page.json()["next_cursor"]
            if not cursor:
                break
            assert 'rel="next"' in page.headers["link"]
        assert len(seen) >= 6
        tomorrow = (TODAY + timedelta(days=1)).isoformat()
        empty = await client.get(f"/v1/youth/{y}/access-log", params={"from": tomorrow}, headers=w["bfu"])
        assert empty.json()["items"] == []
        wrong = await client.get(
            f"/v1/youth/{y}/access-log", params={"from": tomorrow, "to": TODAY.isoformat()}, headers=w["bfu"]
        )
        assert wrong.status_code == 422 and wrong.json()["code"] == "audit.period_invalid"

    async def test_refusals(self, client, auth) -> None:
        w = await _youth_read_by_two_departments(client, auth)
        y = w["youth"]["id"]
        assert (
            await client.get(f"/v1/youth/{y}/access-log", headers=auth("caseworker", "UU"))
        ).status_code == 404
        assert (
            await client.get(f"/v1/youth/{y}/access-log", headers=auth("admin", municipality="997"))
        ).status_code == 404
        assert (await client.get(f"/v1/youth/{y}/access-log", headers=auth("analyst"))).status_code == 403


class TestAuditSearch:
    async def test_dpo_filters_by_youth_sub_action_and_period(self, client, auth) -> None:
        w = await _youth_read_by_two_departments(client, auth)
        y = w["youth"]["id"]
        dpo = auth("dpo", "BFU")
        by_sub = await client.get("/v1/audit", params={"sub": "raadgiver-1"}, headers=dpo)
        assert by_sub.status_code == 200
        assert by_sub.json()["items"] and {i["sub"] for i in by_sub.json()["items"]} == {"raadgiver-1"}
        reads = await client.get("/v1/audit", params={"youth_id": y, "action": "read"}, headers=dpo)
        assert {i["action"] for i in reads.json()["items"]} == {"read"}
        assert {i["youth_id"] for i in reads.json()["items"]} == {y}
        today = await client.get(
            "/v1/audit", params={"from": TODAY.isoformat(), "to": TODAY.isoformat(), "limit": 1}, headers=dpo
        )
        assert len(today.json()["items"]) == 1 and today.json()["next_cursor"]
        # RLS: another municipality's dpo sees none of it.
        other = await client.get("/v1/audit", params={"youth_id": y}, headers=auth("dpo", municipality="996"))
        assert other.json()["items"] == []

    async def test_only_dpo(self, client, auth) -> None:
        for role in ("admin", "caseworker", "analyst"):
            assert (await client.get("/v1/audit", headers=auth(role))).status_code == 403


class TestExport:
    async def test_everything_on_one_youth_audited_as_export(self, client, auth, admin_db) -> None:
        w = await _youth_read_by_two_departments(client, auth)
        y = w["youth"]["id"]
        guide = await client.post(
            "/v1/guides",
            json={"youth_id": y, "guide": {"sub": "guide-1", "name": "Guide", "department": "BFU"}},
            headers=w["bfu"],
        )
        assert guide.status_code == 201
        consent = await give_consent(client, w["bfu"], y)
        response = await client.get(f"/v1/youth/{y}/export", headers=auth("dpo", "BFU"))
        assert response.status_code == 200, response.text
        doc = response.json()
        sections = doc["sections"]
        assert doc["youth_id"] == y
        assert sections["youth"]["cpr"] == w["youth"]["cpr"]
        assert [c["id"] for c in sections["cases"]] == [w["case"]["id"]]
        assert [g["id"] for g in sections["guides"]] == [guide.json()["id"]]
        assert [c["id"] for c in sections["consents"]] == [consent["id"]]
        assert {"plans", "concerns", "network_meetings", "obligations", "access_log"} <= set(sections)
        assert {"referrals", "decisions", "teams"} <= set(sections)
        assert any(e["purpose"] == "opfoelgning paa plan" for e in sections["access_log"])
        assert all("sub" not in e for e in sections["access_log"])
        rows = await admin_db.fetch(
            "SELECT action, detail FROM audit_event WHERE youth_id = $1 AND action = 'export'",
            w["youth"]["id"],
        )
        assert len(rows) == 1

    async def test_refusals(self, client, auth) -> None:
        w = await _youth_read_by_two_departments(client, auth)
        y = w["youth"]["id"]
        assert (await client.get(f"/v1/youth/{y}/export", headers=w["bfu"])).status_code == 403
        assert (
            await client.get(f"/v1/youth/{y}/export", headers=auth("dpo", municipality="995"))
        ).status_code == 404
