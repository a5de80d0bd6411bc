"""The youth's own door (/v1/me) through HTTP: a youth's token reads their own plan, meetings,
consents, access log and export, writes their own words, and reaches no one else."""

from __future__ import annotations

import pytest

from tests.api.plans.test_plans import GOAL, MEASURE
from tests.api.privacy.helpers import give_consent, new_youth, open_case
from tests.api.referrals.test_referrals_meetings import (
    caseworker,  # noqa: F401
    chair,  # noqa: F401
    scheduled,
    series,
    years_ago,
)
from tests.clock import TODAY
from tests.conftest import synthetic_cpr
from ungeapi.core.citizen import mint_citizen_dev_token
from ungeapi.plans.rules import add_weekdays


@pytest.fixture
def citizen(settings, muni):
    def make(cpr: str, municipality: str | None = None) -> dict[str, str]:
        token = mint_citizen_dev_token(settings, cpr=cpr, municipality=municipality or muni)
        return {"Authorization": f"Bearer {token}"}

    return make


async def registered(client, admin, staff) -> tuple[str, str]:
    """A 16-year-old registered by BFU with a placement case: (youth id, CPR number)."""
    cpr = synthetic_cpr(years_ago(16, 40).strftime("%d%m%y"))
    youth = await new_youth(client, admin, cpr=cpr, given_name="Freja", family_name="Nielsen")
    await open_case(client, staff, youth["id"], kind="placement", opened_on=f"{TODAY.year - 1}-01-06")
    return youth["id"], cpr


def plan_view(world: dict, text: str) -> dict:
    return {"subject_type": "plan", "subject_id": world["plan"]["id"], "text": text}


@pytest.fixture
async def world(client, auth, citizen, caseworker, chair) -> dict:  # noqa: F811
    admin = auth("admin")
    assert (await client.post("/v1/settings/seed", headers=admin)).status_code == 200
    youth_id, cpr = await registered(client, admin, caseworker)
    other_id, other_cpr = await registered(client, admin, caseworker)
    plan = await client.post(
        "/v1/plans",
        json={"youth_id": youth_id, "wishes": "Blive tømrer", "goals": [GOAL], "measures": [MEASURE]},
        headers=caseworker,
    )
    assert plan.status_code == 201, plan.text
    other_plan = await client.post("/v1/plans", json={"youth_id": other_id}, headers=caseworker)
    assert other_plan.status_code == 201, other_plan.text
    meeting = (await series(client, chair, count=1))[0]
    await scheduled(client, caseworker, chair, youth_id)
    return {
        "youth_id": youth_id,
        "me": citizen(cpr),
        "cpr": cpr,
        "other_id": other_id,
        "other": citizen(other_cpr),
        "plan": plan.json(),
        "other_plan": other_plan.json(),
        "meeting": meeting,
        "caseworker": caseworker,
        "admin": admin,
    }


class TestReading:
    async def test_profile_plan_and_contacts_in_plain_danish(self, client, world) -> None:
        me = await client.get("/v1/me", headers=world["me"])
        assert me.status_code == 200, me.text
        body = me.json()
        assert body["youth_id"] == world["youth_id"] and body["given_name"] == "Freja"
        assert "cpr" not in body and "guardians" not in body
        [contact] = body["contacts"]
        assert contact["role"] == "coordinating_caseworker" and contact["name"] == "Rådgiver Bente"
        plan = (await client.get("/v1/me/plan", headers=world["me"])).json()
        assert plan["id"] == world["plan"]["id"] and plan["status_label"] == "Aktiv"
        assert plan["goals"][0]["description"] == GOAL["description"]
        assert plan["goals"][0]["horizon_label"] and plan["measures"][0]["title"] == MEASURE["title"]
        assert plan["coordinating_caseworker"]["department"] == "BFU"

    async def test_meetings_and_calendar(self, client, world) -> None:
        page = await client.get("/v1/me/meetings", headers=world["me"])
        assert page.status_code == 200, page.text
        assert [m["id"] for m in page.json()["items"]] == [world["meeting"]["id"]]
        assert page.json()["items"][0]["reply"] is None
        # The other youth is on no agenda.
        assert (await client.get("/v1/me/meetings", headers=world["other"])).json()["items"] == []
        ics = await client.get("/v1/me/meetings.ics", headers=world["me"])
        assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
        assert f"me-{world['meeting']['id']}" in ics.text and "Nielsen" not in ics.text

    async def test_every_read_is_audited_as_own_access_whatever_the_purpose_header(
        self, client, world, admin_db
    ) -> None:
        headers = {**world["me"], "X-Purpose": "casework"}
        for path in ("/v1/me", "/v1/me/plan", "/v1/me/meetings", "/v1/me/consents", "/v1/me/access-log"):
            assert (await client.get(path, headers=headers)).status_code == 200, path
        rows = await admin_db.fetch(
            "SELECT purpose, sub, roles FROM audit_event WHERE youth_id = $1 AND 'citizen' = ANY(roles)",
            world["youth_id"],
        )
        assert len(rows) >= 5
        assert {r["purpose"] for r in rows} == {"own_access"}
        # The CPR number is in no audit row (the sub is a keyed pseudonym).
        assert all(r["sub"].startswith("citizen:") for r in rows)

    async def test_access_log_names_departments_never_employees(self, client, world) -> None:
        await client.get(f"/v1/youth/{world['youth_id']}", headers=world["caseworker"])
        log = await client.get("/v1/me/access-log", headers=world["me"])
        assert log.status_code == 200, log.text
        items = log.json()["items"]
        assert any(i["department"] == "BFU" and i["purpose"] == "casework" for i in items)
        for item in items:
            assert set(item) == {"occurred_at", "action", "resource_type", "purpose", "department"}
        assert "raadgiver-bfu" not in log.text and "Rådgiver Bente" not in log.text

    async def test_export_is_the_youths_own(self, client, world) -> None:
        export = await client.get("/v1/me/export", headers=world["me"])
        assert export.status_code == 200, export.text
        assert export.json()["youth_id"] == world["youth_id"]
        assert {p["id"] for p in export.json()["sections"]["plans"]} == {world["plan"]["id"]}


class TestConsents:
    async def test_the_youth_revokes_a_consent_they_gave_and_it_closes_at_once(
        self, client, world, auth
    ) -> None:
        consent = await give_consent(client, world["caseworker"], world["youth_id"])
        uu = auth("caseworker", "UU")
        assert (await client.get(f"/v1/youth/{world['youth_id']}", headers=uu)).status_code == 200
        listed = (await client.get("/v1/me/consents", headers=world["me"])).json()["items"]
        assert [c["id"] for c in listed] == [consent["id"]]
        # Another youth cannot revoke it.
        url = f"/v1/me/consents/{consent['id']}/revoke"
        refused = await client.post(url, headers={**world["other"], "If-Match": f'"{consent["version"]}"'})
        assert refused.status_code == 404, refused.text
        revoked = await client.post(url, headers={**world["me"], "If-Match": f'"{consent["version"]}"'})
        assert revoked.status_code == 200, revoked.text
        assert revoked.json()["status"] == "revoked"
        assert (await client.get(f"/v1/youth/{world['youth_id']}", headers=uu)).status_code == 404
        again = await client.post(url, headers={**world["me"], "If-Match": f'"{revoked.json()["version"]}"'})
        assert again.status_code == 409 and again.json()["code"] == "consent.revoked"


class TestWriting:
    async def test_own_view_is_versioned_owed_an_answer_and_on_the_feed(
        self, client, world, admin_db
    ) -> None:
        first = await client.post(
            "/v1/me/views", json=plan_view(world, "Praktikken går godt."), headers=world["me"]
        )
        assert first.status_code == 201, first.text
        second = await client.post(
            "/v1/me/views", json=plan_view(world, "Hellere elektriker."), headers=world["me"]
        )
        assert (first.json()["edition"], second.json()["edition"]) == (1, 2)
        assert second.json()["respond_by"] == add_weekdays(TODAY, 5).isoformat()
        work = await client.get(
            "/v1/obligations",
            params={"youth_id": world["youth_id"], "kind": "me.response_due"},
            headers=world["caseworker"],
        )
        assert work.status_code == 200, work.text
        assert {i["subject"]["id"] for i in work.json()["items"]} == {first.json()["id"], second.json()["id"]}
        events = await admin_db.fetch(
            "SELECT action FROM change_event WHERE resource_type = 'youth_statement' AND resource_id = $1",
            first.json()["id"],
        )
        assert [e["action"] for e in events] == ["created"]

    async def test_staff_answer_once_and_never_change_the_youths_words(self, client, world, admin_db) -> None:
        written = (
            await client.post("/v1/me/views", json=plan_view(world, "Mine egne ord."), headers=world["me"])
        ).json()
        staff_list = await client.get(
            f"/v1/youth/{world['youth_id']}/statements", headers=world["caseworker"]
        )
        assert [s["text"] for s in staff_list.json()["items"]] == ["Mine egne ord."]
        answer_url = f"/v1/youth/{world['youth_id']}/statements/{written['id']}/answer"
        answered = await client.post(answer_url, json={"answer": "Tak."}, headers=world["caseworker"])
        assert answered.status_code == 200, answered.text
        assert answered.json()["text"] == "Mine egne ord." and answered.json()["answer"] == "Tak."
        again = await client.post(answer_url, json={"answer": "Nej."}, headers=world["caseworker"])
        assert again.status_code == 409 and again.json()["code"] == "me.already_answered"
        # No route changes the text; the table itself refuses it, whoever asks.
        with pytest.raises(Exception, match="own words"):
            await admin_db.execute("UPDATE youth_statement SET text = 'Ændret' WHERE id = $1", written["id"])
        work = await client.get(
            "/v1/obligations",
            params={"youth_id": world["youth_id"], "kind": "me.response_due"},
            headers=world["caseworker"],
        )
        assert work.json()["items"] == []

    async def test_a_caseworker_who_does_not_see_the_youth_neither_reads_nor_answers(
        self, client, world, auth
    ) -> None:
        written = (
            await client.post("/v1/me/views", json=plan_view(world, "Mine egne ord."), headers=world["me"])
        ).json()
        stranger = auth("caseworker", "UU", sub="raadgiver-uu")
        listed = await client.get(f"/v1/youth/{world['youth_id']}/statements", headers=stranger)
        assert listed.status_code == 404
        answer_url = f"/v1/youth/{world['youth_id']}/statements/{written['id']}/answer"
        answered = await client.post(answer_url, json={"answer": "Hej"}, headers=stranger)
        assert answered.status_code == 404 and answered.json()["code"] == "me.statement_not_found"
        analyst = await client.post(answer_url, json={"answer": "Hej"}, headers=auth("analyst"))
        assert analyst.status_code == 403
        # A consent lets its recipient read the youth's words, never answer for the municipality.
        await give_consent(client, world["caseworker"], world["youth_id"])
        recipient = auth("caseworker", "UU", sub="raadgiver-uu")
        listed = await client.get(f"/v1/youth/{world['youth_id']}/statements", headers=recipient)
        assert listed.status_code == 200
        answered = await client.post(answer_url, json={"answer": "Hej"}, headers=recipient)
        assert answered.status_code == 404 and answered.json()["code"] == "me.statement_not_found"

    async def test_reply_to_an_invitation_and_talk_request(self, client, world) -> None:
        meeting = world["meeting"]
        reply = await client.post(
            f"/v1/me/meetings/{meeting['id']}/reply", json={"reply": "attending"}, headers=world["me"]
        )
        assert reply.status_code == 201, reply.text
        listed = (await client.get("/v1/me/meetings", headers=world["me"])).json()["items"]
        assert listed[0]["reply"] == "attending"
        body = {"subject_type": "forum_meeting", "subject_id": meeting["id"], "text": "Om skole."}
        view = await client.post("/v1/me/views", json=body, headers=world["me"])
        assert view.status_code == 201, view.text
        talk = await client.post(
            "/v1/me/talk-requests", json={"text": "Kan vi tales ved?"}, headers=world["me"]
        )
        assert talk.status_code == 201, talk.text
        assert talk.json()["subject_type"] == "plan"
        mine = (await client.get("/v1/me/statements", headers=world["me"])).json()["items"]
        assert [s["kind"] for s in mine] == ["talk_request", "view", "reply"]
        first = (await client.get("/v1/me/statements", params={"limit": 2}, headers=world["me"])).json()
        rest = await client.get(
            "/v1/me/statements", params={"limit": 2, "cursor": first["next_cursor"]}, headers=world["me"]
        )
        assert [s["id"] for s in first["items"] + rest.json()["items"]] == [s["id"] for s in mine]
        assert rest.json()["next_cursor"] is None
        bad = await client.get("/v1/me/statements", params={"cursor": "nonsense"}, headers=world["me"])
        assert bad.status_code == 400

    async def test_refusals(self, client, world) -> None:
        # Another youth's plan and meeting are not found, for writing as for reading.
        other_plan = {"subject_type": "plan", "subject_id": world["other_plan"]["id"], "text": "x"}
        response = await client.post("/v1/me/views", json=other_plan, headers=world["me"])
        assert response.status_code == 404 and response.json()["code"] == "me.subject_not_found"
        meeting = world["meeting"]["id"]
        response = await client.post(
            f"/v1/me/meetings/{meeting}/reply", json={"reply": "attending"}, headers=world["other"]
        )
        assert response.status_code == 404
        not_a_team_meeting = {"subject_type": "team_meeting", "subject_id": meeting, "text": "x"}
        response = await client.post("/v1/me/views", json=not_a_team_meeting, headers=world["me"])
        assert response.status_code == 404
        empty = await client.post("/v1/me/views", json={**other_plan, "text": ""}, headers=world["other"])
        assert empty.status_code == 422
        about_a_guide = {**other_plan, "subject_type": "guide_assignment"}
        assert (
            await client.post("/v1/me/views", json=about_a_guide, headers=world["other"])
        ).status_code == 422
        unknown = await client.post(
            f"/v1/me/meetings/{meeting}/reply", json={"reply": "maybe"}, headers=world["me"]
        )
        assert unknown.status_code == 422


class TestTheDoorIsTheYouthsOnly:
    async def test_an_employee_token_is_refused_at_the_youths_door(self, client, world) -> None:
        response = await client.get("/v1/me", headers=world["admin"])
        assert response.status_code == 403 and response.json()["code"] == "auth.not_citizen"

    async def test_no_token_a_bad_token_and_an_unknown_person(self, client, world, citizen) -> None:
        assert (await client.get("/v1/me")).status_code == 401
        bad = {"Authorization": world["me"]["Authorization"][:-3] + "abc"}
        assert (await client.get("/v1/me", headers=bad)).status_code == 401
        stranger = citizen(synthetic_cpr())
        response = await client.get("/v1/me/plan", headers=stranger)
        assert response.status_code == 404 and response.json()["code"] == "me.not_registered"

    async def test_the_same_person_at_another_municipalitys_portal_finds_no_one(
        self, client, world, citizen
    ) -> None:
        elsewhere = citizen(world["cpr"], municipality="990")
        response = await client.get("/v1/me", headers=elsewhere)
        assert response.status_code == 404 and response.json()["code"] == "me.not_registered"
