"""Network meetings (netværksmøder) in the three-part frame, through HTTP."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.clock import TODAY
from tests.conftest import synthetic_cpr

FRAME = {
    "worries": "Fraværet er steget til 20 %.",
    "what_works": "Fodbold om tirsdagen; god relation til AKT-læreren.",
    "next_steps": "Fraværsteamet ringer hjem mandag.",
}


@pytest.fixture
async def seeded(client, auth) -> None:
    assert (await client.post("/v1/settings/seed", headers=auth("admin"))).status_code == 200


async def new_youth(client, auth, department: str = "BFU") -> str:
    response = await client.post(
        "/v1/youth",
        json={
            "cpr": synthetic_cpr(),
            "given_name": "Testa",
            "family_name": "Eksempelsen",
            "registered_by_department": department,
        },
        headers=auth("admin"),
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


def meeting(youth_id: str, **fields) -> dict:
    return {
        "youth_id": youth_id,
        "held_on": (TODAY - timedelta(days=15)).isoformat(),
        "title": "Netværksmøde",
        "participants": [
            {"name": "Mor Eksempel", "role": "mor"},
            {"name": "Lærer Eksempel", "role": "klasselærer", "organisation": "Grenaa Skole"},
        ],
        "youth_participated": True,
        "guardians_participated": True,
        "frame": FRAME,
        **fields,
    }


class TestNetworkMeetings:
    async def test_record_read_list_change(self, client, auth, seeded, admin_db, muni) -> None:
        youth_id = await new_youth(client, auth)
        bfu = auth("caseworker", "BFU", sub="rådgiver")
        created = await client.post("/v1/network-meetings", json=meeting(youth_id), headers=bfu)
        assert created.status_code == 201, created.text
        body = created.json()
        assert body["frame"] == FRAME and body["organiser"]["sub"] == "rådgiver"
        assert body["participants"][1]["organisation"] == "Grenaa Skole"
        url = f"/v1/network-meetings/{body['id']}"
        assert (await client.get(url, headers=auth("guide", "BFU"))).status_code == 200
        later = await client.post(
            "/v1/network-meetings", json=meeting(youth_id, held_on=(TODAY - timedelta(days=1)).isoformat()), headers=bfu
        )
        listed = (await client.get("/v1/network-meetings", params={"youth_id": youth_id}, headers=bfu)).json()
        assert [m["id"] for m in listed["items"]] == [later.json()["id"], body["id"]]
        assert (await client.patch(url, json={"title": "Nyt"}, headers=bfu)).status_code == 428
        changed = await client.patch(
            url,
            json={"frame": {**FRAME, "next_steps": "Nyt møde 18/12."}},
            headers={**bfu, "If-Match": '"1"'},
        )
        assert changed.status_code == 200 and changed.json()["frame"]["next_steps"] == "Nyt møde 18/12."
        assert changed.json()["title"] == "Netværksmøde" and changed.json()["version"] == 2
        stale = await client.patch(url, json={"title": "x"}, headers={**bfu, "If-Match": '"1"'})
        assert stale.status_code == 412
        audit = await admin_db.fetch(
            "SELECT action FROM audit_event WHERE municipality_code = $1 AND resource_type = 'network_meeting' "
            "ORDER BY id",
            muni,
        )
        assert [a["action"] for a in audit] == ["create", "read", "create", "search", "search", "update"]

    async def test_refusals(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth, "BFU")
        empty = await client.post(
            "/v1/network-meetings",
            json=meeting(youth_id, frame={"worries": "  "}),
            headers=auth("caseworker", "BFU"),
        )
        assert empty.status_code == 422 and empty.json()["code"] == "network_meeting.frame_empty"
        # another department that cannot see the youth
        other = await client.post(
            "/v1/network-meetings", json=meeting(youth_id), headers=auth("caseworker", "ARB")
        )
        assert other.status_code == 404
        created = await client.post(
            "/v1/network-meetings", json=meeting(youth_id), headers=auth("caseworker", "BFU")
        )
        url = f"/v1/network-meetings/{created.json()['id']}"
        assert (await client.get(url, headers=auth("caseworker", "ARB"))).status_code == 404
        assert (
            await client.get(url, headers=auth("caseworker", "BFU", municipality="997"))
        ).status_code == 404
        assert (
            await client.post("/v1/network-meetings", json=meeting(youth_id), headers=auth("analyst"))
        ).status_code == 403
        unknown_plan = await client.post(
            "/v1/network-meetings",
            json=meeting(youth_id, plan_id="00000000-0000-4000-8000-000000000000"),
            headers=auth("caseworker", "BFU"),
        )
        assert unknown_plan.status_code == 422
        assert unknown_plan.json()["code"] == "network_meeting.plan_not_for_youth"

    async def test_linked_to_the_youths_plan_only(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth, "BFU")
        other_youth = await new_youth(client, auth, "BFU")
        bfu = auth("caseworker", "BFU")
        plan = await client.post("/v1/plans", json={"youth_id": youth_id}, headers=bfu)
        assert plan.status_code == 201, plan.text
        plan_id = plan.json()["id"]
        linked = await client.post(
            "/v1/network-meetings", json=meeting(youth_id, plan_id=plan_id), headers=bfu
        )
        assert linked.status_code == 201 and linked.json()["plan_id"] == plan_id
        by_plan = (await client.get("/v1/network-meetings", params={"plan_id": plan_id}, headers=bfu)).json()
        assert [m["id"] for m in by_plan["items"]] == [linked.json()["id"]]
        wrong = await client.post(
            "/v1/network-meetings", json=meeting(other_youth, plan_id=plan_id), headers=bfu
        )
        assert wrong.status_code == 422 and wrong.json()["code"] == "network_meeting.plan_not_for_youth"
