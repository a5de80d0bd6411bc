"""Coordinating teams through HTTP: direct creation, members with periods, meetings, R16 obligation."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from tests.clock import TODAY, years_ago
from tests.conftest import synthetic_cpr
from ungeapi.youth.rules import date_turning

KIND = "team.first_meeting_due"
MEMBERS = [
    {"sub": "raadgiver-bfu", "name": "Rådgiver Bente", "department": "BFU", "role": "Rådgiver", "lead": True},
    {"department": "SAEH", "role": "Myndighed Handicap"},
]


@pytest.fixture
async def seeded(client, auth) -> None:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text


@pytest.fixture
def coordinator(auth):
    return auth("coordinator", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")


async def youth_with_case(client, auth, born: date) -> str:
    body = {
        "cpr": synthetic_cpr(born.strftime("%d%m%y"), 4 if 2000 <= born.year <= 2036 else 0),
        "given_name": "Testa",
        "family_name": "Eksempelsen",
    }
    response = await client.post("/v1/youth", json=body, headers=auth("admin", "BFU"))
    assert response.status_code == 201, response.text
    youth_id = response.json()["id"]
    case = {
        "youth_id": youth_id,
        "department_code": "BFU",
        "kind": "placement",
        "opened_on": f"{TODAY.year - 1}-01-06",
    }
    response = await client.post("/v1/cases", json=case, headers=auth("caseworker", "BFU"))
    assert response.status_code == 201, response.text
    return youth_id


async def due(client, headers, youth_id: str, as_of: date) -> list[dict]:
    params = {"kind": KIND, "youth_id": youth_id, "as_of": as_of.isoformat()}
    response = await client.get("/v1/obligations", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


class TestTeams:
    async def test_team_members_meetings_and_first_meeting_obligation(
        self, client, auth, seeded, coordinator
    ) -> None:
        born = years_ago(16, 40)
        youth_id = await youth_with_case(client, auth, born)
        assert (
            await client.post(
                "/v1/teams",
                json={"youth_id": youth_id, "members": MEMBERS},
                headers=auth("caseworker", "BFU"),
            )
        ).status_code == 403
        no_lead = [{**MEMBERS[0], "lead": False}, MEMBERS[1]]
        response = await client.post(
            "/v1/teams", json={"youth_id": youth_id, "members": no_lead}, headers=coordinator
        )
        assert response.status_code == 422 and response.json()["code"] == "team.lead_required"
        response = await client.post(
            "/v1/teams", json={"youth_id": youth_id, "members": MEMBERS}, headers=coordinator
        )
        assert response.status_code == 201, response.text
        team = response.json()
        deadline = date_turning(born, 17)
        assert team["first_meeting_deadline"] == deadline.isoformat() and team["decided_late"] is False
        assert team["lead"]["sub"] == "raadgiver-bfu" and team["created_from_decision_id"] is None
        again = await client.post(
            "/v1/teams", json={"youth_id": youth_id, "members": MEMBERS}, headers=coordinator
        )
        assert again.status_code == 409
        url = f"/v1/teams/{team['id']}"

        # R16: shown from 30 days before the deadline, due on it, overdue after it.
        assert await due(client, coordinator, youth_id, deadline - timedelta(days=31)) == []
        items = await due(client, coordinator, youth_id, deadline - timedelta(days=30))
        assert [(o["due_on"], o["overdue"]) for o in items] == [(deadline.isoformat(), False)]
        assert items[0]["subject"] == {"type": "team", "id": team["id"]}
        assert items[0]["responsible_subs"] == ["raadgiver-bfu"]
        assert (await due(client, coordinator, youth_id, deadline + timedelta(days=1)))[0]["overdue"] is True

        # Members join and leave with periods.
        member = {"sub": "ue-vejleder", "name": "UE-vejleder Ulla", "department": "UU", "role": "UE-vejleder"}
        assert (await client.post(f"{url}/members", json=member, headers=coordinator)).status_code == 428
        stale = await client.post(f"{url}/members", json=member, headers={**coordinator, "If-Match": '"9"'})
        assert stale.status_code == 412
        response = await client.post(
            f"{url}/members", json=member, headers={**coordinator, "If-Match": '"1"'}
        )
        assert response.status_code == 200, response.text
        team = response.json()
        ulla = next(m for m in team["members"] if m["sub"] == "ue-vejleder")
        assert ulla["joined_on"] == TODAY.isoformat() and ulla["left_on"] is None
        # A member sees the youth and the team (one access scope); leaving ends that.
        ulla_headers = auth("guide", "UU", sub="ue-vejleder", name="UE-vejleder Ulla")
        assert (await client.get(url, headers=ulla_headers)).status_code == 200
        assert (await client.get(f"/v1/youth/{youth_id}/overview", headers=ulla_headers)).status_code == 200
        lead = next(m for m in team["members"] if m["lead"])
        response = await client.post(
            f"{url}/members/{lead['id']}/leave", headers={**coordinator, "If-Match": f'"{team["version"]}"'}
        )
        assert response.status_code == 422 and response.json()["code"] == "team.lead_required"
        response = await client.post(
            f"{url}/members/{ulla['id']}/leave",
            json={"left_on": TODAY.isoformat()},
            headers={**coordinator, "If-Match": f'"{team["version"]}"'},
        )
        assert response.status_code == 200, response.text
        team = response.json()
        assert next(m for m in team["members"] if m["id"] == ulla["id"])["left_on"] == TODAY.isoformat()
        assert (await client.get(url, headers=ulla_headers)).status_code == 404
        response = await client.post(
            f"{url}/members/{ulla['id']}/leave", headers={**coordinator, "If-Match": f'"{team["version"]}"'}
        )
        assert response.status_code == 404

        # A team meeting with the youth present satisfies the obligation.
        future = {
            "held_on": (TODAY + timedelta(days=1)).isoformat(),
            "youth_present": True,
            "parents_present": False,
        }
        assert (await client.post(f"{url}/meetings", json=future, headers=coordinator)).status_code == 422
        meeting = {
            "held_on": TODAY.isoformat(),
            "youth_present": True,
            "parents_present": False,
            "frame": {"worries": "Mange skift.", "what_works": "God kontakt.", "next_steps": "Bostøtte."},
            "notes": "Første teammøde.",
        }
        response = await client.post(f"{url}/meetings", json=meeting, headers=coordinator)
        assert response.status_code == 201, response.text
        assert (
            response.json()["youth_present"] is True and response.json()["frame"]["worries"] == "Mange skift."
        )
        listed = await client.get(f"{url}/meetings", headers=coordinator)
        assert [m["held_on"] for m in listed.json()["items"]] == [TODAY.isoformat()]
        assert await due(client, coordinator, youth_id, deadline + timedelta(days=1)) == []

        got = await client.get(url, headers=coordinator)
        assert got.status_code == 200 and got.headers["ETag"].startswith(f'"{team["version"]}-')
        teams = await client.get("/v1/teams", params={"youth_id": youth_id}, headers=coordinator)
        assert [t["id"] for t in teams.json()["items"]] == [team["id"]]

        # Out of scope: another department, another municipality; a role without the right.
        arb = auth("caseworker", "ARB")
        assert (await client.get(url, headers=arb)).status_code == 404
        assert (await client.get(f"{url}/meetings", headers=arb)).status_code == 404
        assert (await client.post(f"{url}/meetings", json=meeting, headers=arb)).status_code == 404
        assert (
            await client.get(url, headers=auth("coordinator", "BFU", municipality="999"))
        ).status_code == 404
        assert (await client.get(url, headers=auth("analyst"))).status_code == 403
        assert (await client.get(f"/v1/teams/{uuid.uuid4()}", headers=coordinator)).status_code == 404

    async def test_the_list_pages_by_id_and_audits_each_team_shown(
        self, client, auth, admin_db, seeded, coordinator
    ) -> None:
        teams = {}
        for days in (30, 40, 50):
            youth_id = await youth_with_case(client, auth, years_ago(16, days))
            response = await client.post(
                "/v1/teams", json={"youth_id": youth_id, "members": MEMBERS}, headers=coordinator
            )
            assert response.status_code == 201, response.text
            teams[response.json()["id"]] = youth_id
        first = (await client.get("/v1/teams", params={"limit": 2}, headers=coordinator)).json()
        rest = (
            await client.get(
                "/v1/teams", params={"limit": 2, "cursor": first["next_cursor"]}, headers=coordinator
            )
        ).json()
        shown = first["items"] + rest["items"]
        assert [t["id"] for t in shown] == sorted(teams) and rest["next_cursor"] is None
        assert [m["lead"] for m in shown[0]["members"]] == [True, False]
        searched = await admin_db.fetch(
            "SELECT resource_id, youth_id::text AS youth_id FROM audit_event"
            " WHERE resource_type = 'team' AND action = 'search' AND youth_id = ANY($1::uuid[])",
            list(teams.values()),
        )
        assert sorted(tuple(r) for r in searched) == sorted(teams.items())

    async def test_late_team_for_a_youth_already_17(self, client, auth, seeded, coordinator) -> None:
        youth_id = await youth_with_case(client, auth, years_ago(17, 20))
        response = await client.post(
            "/v1/teams", json={"youth_id": youth_id, "members": MEMBERS}, headers=coordinator
        )
        assert response.status_code == 201, response.text
        assert response.json()["decided_late"] is True
        assert response.json()["first_meeting_deadline"] == (TODAY + timedelta(days=30)).isoformat()
        assert [o["due_on"] for o in await due(client, coordinator, youth_id, TODAY)] == [
            (TODAY + timedelta(days=30)).isoformat()
        ]
