"""Concern notifications (underretninger), through HTTP: received by the children-and-family
department, its two deadlines on the worklist, and seen by nobody else."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from tests.clock import COPENHAGEN, TODAY, now
from tests.conftest import synthetic_cpr

# A Friday morning in Copenhagen, 2 to 8 days before the app's day: assess within 24 hours
# (Saturday, so overdue today), receipt within 6 weekdays (Friday + 6 weekdays = the Monday ten
# days later, so not yet overdue today; the weekend does not count).
FRIDAY = TODAY - timedelta(days=2 + (TODAY.weekday() - 6) % 7)
RECEIVED_AT = datetime.combine(FRIDAY, time(9, 30), COPENHAGEN)
RECEIVED = RECEIVED_AT.isoformat()
ASSESS_BY = (RECEIVED_AT + timedelta(hours=24)).astimezone(UTC)
ACKNOWLEDGE_BY = FRIDAY + timedelta(days=10)


def at(day, hour: int, minute: int = 0) -> str:
    """An ISO moment on `day` in Copenhagen."""
    return datetime.combine(day, time(hour, minute), COPENHAGEN).isoformat()


def utc_iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
FRAME = {
    "worries": "Højt fravær siden efterårsferien; virker trist og træt.",
    "what_works": "God kontakt til klasselæreren.",
    "next_steps": "Møde med familien og PPR.",
}
DIALOGUE = [
    {"name": "Mor Eksempel", "role": "mor"},
    {"name": "Lærer Eksempel", "role": "klasselærer"},
]
PROFESSIONAL = {
    "kind": "professional",
    "name": "Lærer Eksempel",
    "profession": "klasselærer",
    "department_code": "SKOLE",
    "contact": "laerer@example.dk",
}


@pytest.fixture
async def seeded(client, auth) -> None:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text


async def new_youth(client, auth, department: str = "ARB") -> str:
    body = {"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"}
    body["registered_by_department"] = department
    response = await client.post("/v1/youth", json=body, headers=auth("admin", department))
    assert response.status_code == 201, response.text
    return response.json()["id"]


def concern_body(youth_id: str, **fields) -> dict:
    return {
        "youth_id": youth_id,
        "received_at": RECEIVED,
        "sender": PROFESSIONAL,
        "made_in_dialogue": True,
        "dialogue_participants": DIALOGUE,
        "level": 3,
        "frame": FRAME,
        **fields,
    }


async def receive(client, headers, body: dict) -> dict:
    response = await client.post("/v1/concerns", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def worklist(client, headers, **params) -> list[dict]:
    response = await client.get("/v1/obligations", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def concern_kinds(items: list[dict]) -> list[str]:
    return sorted(i["kind"] for i in items if i["kind"].startswith("concern."))


class TestDoneWhen:
    async def test_dialogue_concern_at_level_3_raises_two_obligations_for_bfu_and_is_invisible_to_the_job_centre(
        self, client, auth, seeded, admin_db, muni
    ) -> None:
        youth_id = await new_youth(client, auth, "ARB")
        job_centre = auth("caseworker", "ARB", sub="jobkonsulent")
        bfu = auth("caseworker", "BFU", sub="rådgiver")
        # before the concern, BFU does not see the youth; the job centre does (it registered them)
        assert (await client.get(f"/v1/youth/{youth_id}", headers=bfu)).status_code == 404
        assert (await client.get(f"/v1/youth/{youth_id}", headers=job_centre)).status_code == 200

        school = auth("caseworker", "SKOLE", sub="skole-sagsbehandler")
        concern = await receive(client, school, concern_body(youth_id))
        assert concern["receiving_department_code"] == "BFU"
        assert concern["made_in_dialogue"] is True and concern["dialogue_participants"] == DIALOGUE
        assert concern["level"] == 3 and concern["level_name"] == "Bekymring"
        assert concern["state"] == "received" and concern["assessment"] is None
        assert FRIDAY.weekday() == 4 and 2 <= (TODAY - FRIDAY).days <= 8
        assert concern["assessment_due_at"] == utc_iso(ASSESS_BY)
        assert concern["acknowledgement_due_on"] == ACKNOWLEDGE_BY.isoformat()
        assert ACKNOWLEDGE_BY.weekday() == 0

        # the receiving department now sees the youth, the concern and its two deadlines
        assert (await client.get(f"/v1/youth/{youth_id}", headers=bfu)).status_code == 200
        assert (await client.get(f"/v1/concerns/{concern['id']}", headers=bfu)).status_code == 200
        items = await worklist(client, bfu, as_of=FRIDAY.isoformat())
        assert [(i["kind"], i["due_on"], i["responsible_departments"], i["overdue"]) for i in items] == [
            ("concern.assessment_due", ASSESS_BY.astimezone(COPENHAGEN).date().isoformat(), ["BFU"], False),
            ("concern.acknowledgement_due", ACKNOWLEDGE_BY.isoformat(), ["BFU"], False),
        ]
        assert items[0]["due_at"] == utc_iso(ASSESS_BY) and items[1]["due_at"] is None
        assert items[0]["subject"] == {"type": "concern", "id": concern["id"]}
        assert items[0]["title"].startswith("Assess the concern")
        danish = await client.get("/v1/obligations", headers={**bfu, "Accept-Language": "da"})
        assert concern_kinds(danish.json()["items"]) == [
            "concern.acknowledgement_due",
            "concern.assessment_due",
        ]
        overdue = {i["kind"]: i["overdue"] for i in danish.json()["items"]}
        assert overdue == {"concern.assessment_due": True, "concern.acknowledgement_due": False}

        # the job centre sees the youth but nothing of the concern
        assert (await client.get(f"/v1/concerns/{concern['id']}", headers=job_centre)).status_code == 404
        listed = await client.get("/v1/concerns", params={"youth_id": youth_id}, headers=job_centre)
        assert listed.status_code == 200 and listed.json()["items"] == []
        assert concern_kinds(await worklist(client, job_centre)) == []
        assert concern_kinds(await worklist(client, job_centre, youth_id=youth_id)) == []
        # nor does the school that sent it
        assert (await client.get(f"/v1/concerns/{concern['id']}", headers=school)).status_code == 404

        # audit and outbox: created with the youth, no personal data in the event
        audit = await admin_db.fetch(
            "SELECT action, youth_id FROM audit_event WHERE municipality_code = $1 AND resource_type = 'concern' "
            "ORDER BY id",
            muni,
        )
        assert audit[0]["action"] == "create" and str(audit[0]["youth_id"]) == youth_id
        events = await admin_db.fetch(
            "SELECT action, data FROM change_event WHERE municipality_code = $1 AND resource_type = 'concern'",
            muni,
        )
        assert [e["action"] for e in events] == ["created"]


class TestDeadlines:
    async def test_assess_acknowledge_close_clear_the_worklist_and_the_visibility(
        self, client, auth, seeded, admin_db, muni
    ) -> None:
        youth_id = await new_youth(client, auth, "UU")
        bfu = auth("caseworker", "BFU", sub="rådgiver")
        concern = await receive(client, auth("admin", "UU"), concern_body(youth_id))
        url = f"/v1/concerns/{concern['id']}"

        closing_early = await client.post(
            url + "/close", json={"outcome": "no_action"}, headers={**bfu, "If-Match": '"1"'}
        )
        assert closing_early.status_code == 409 and closing_early.json()["code"] == "concern.invalid_action"
        assert (await client.post(url + "/assess", json={"in_danger": False}, headers=bfu)).status_code == 428
        too_early = await client.post(
            url + "/assess",
            json={"in_danger": False, "at": at(FRIDAY - timedelta(days=1), 12)},
            headers={**bfu, "If-Match": '"1"'},
        )
        assert too_early.status_code == 422 and too_early.json()["code"] == "concern.action_before_received"
        assessed = await client.post(
            url + "/assess",
            json={"in_danger": False, "note": "Ingen akut fare.", "at": at(FRIDAY, 15)},
            headers={**bfu, "If-Match": '"1"'},
        )
        assert assessed.status_code == 200, assessed.text
        body = assessed.json()
        assert body["state"] == "assessed" and body["version"] == 2 and assessed.headers["ETag"].startswith('"2-')
        assert body["assessment"]["in_danger"] is False and body["assessment"]["by"] == "rådgiver"
        assert concern_kinds(await worklist(client, bfu)) == ["concern.acknowledgement_due"]
        again = await client.post(
            url + "/assess", json={"in_danger": True}, headers={**bfu, "If-Match": '"2"'}
        )
        assert again.status_code == 409

        acknowledged = await client.post(url + "/acknowledge", headers={**bfu, "If-Match": '"2"'})
        assert acknowledged.status_code == 200, acknowledged.text
        assert acknowledged.json()["acknowledged_at"] is not None
        assert concern_kinds(await worklist(client, bfu)) == []
        twice = await client.post(url + "/acknowledge", headers={**bfu, "If-Match": '"3"'})
        assert twice.status_code == 409

        assert (await client.get(f"/v1/youth/{youth_id}", headers=bfu)).status_code == 200
        closed = await client.post(
            url + "/close",
            json={"outcome": "screening", "note": "Screening."},
            headers={**bfu, "If-Match": '"3"'},
        )
        assert closed.status_code == 200 and closed.json()["state"] == "closed"
        # closed: the concern stays the department's record, the youth is no longer opened by it
        assert (await client.get(url, headers=bfu)).status_code == 200
        assert (await client.get(f"/v1/youth/{youth_id}", headers=bfu)).status_code == 404
        changed = await client.patch(url, json={"level": 4}, headers={**bfu, "If-Match": '"4"'})
        assert changed.status_code == 409
        events = await admin_db.fetch(
            "SELECT action, version, data->>'state' AS state FROM change_event "
            "WHERE municipality_code = $1 AND resource_type = 'concern' ORDER BY id",
            muni,
        )
        assert [(e["action"], e["version"], e["state"]) for e in events] == [
            ("created", 1, "received"),
            ("state_changed", 2, "assessed"),
            ("updated", 3, "assessed"),
            ("state_changed", 4, "closed"),
        ]

    async def test_each_answer_reads_as_the_concern_read_back_whatever_offset_the_moments_came_with(
        self, client, auth, seeded
    ) -> None:
        youth_id = await new_youth(client, auth, "UU")
        bfu = auth("caseworker", "BFU", sub="rådgiver")
        concern = await receive(client, auth("admin", "UU"), concern_body(youth_id))
        url = f"/v1/concerns/{concern['id']}"
        assert concern["received_at"] == utc_iso(RECEIVED_AT)
        assert concern == (await client.get(url, headers=bfu)).json()
        steps = [
            ("assess", {"in_danger": False, "at": at(FRIDAY, 15)}),
            ("acknowledge", {"at": at(FRIDAY, 16)}),
            ("close", {"outcome": "no_action", "at": at(FRIDAY, 17)}),
        ]
        for version, (action, body) in enumerate(steps, start=1):
            response = await client.post(
                f"{url}/{action}", json=body, headers={**bfu, "If-Match": f'"{version}"'}
            )
            assert response.status_code == 200, response.text
            assert response.json() == (await client.get(url, headers=bfu)).json(), action
        assert response.json()["closed_at"] == utc_iso(datetime.fromisoformat(at(FRIDAY, 17)))

    async def test_a_citizen_is_owed_no_receipt_and_an_anonymous_sender_none_at_all(
        self, client, auth, seeded
    ) -> None:
        youth_id = await new_youth(client, auth)
        bfu = auth("caseworker", "BFU")
        citizen = await receive(
            client,
            auth("caseworker", "BFU"),
            concern_body(
                youth_id,
                sender={"kind": "citizen", "name": "Nabo Eksempel"},
                made_in_dialogue=False,
                dialogue_participants=[],
            ),
        )
        assert citizen["acknowledgement_due_on"] is None
        anonymous = await receive(
            client,
            auth("integration", []),
            concern_body(
                youth_id, sender={"kind": "anonymous"}, made_in_dialogue=False, dialogue_participants=[]
            ),
        )
        kinds = [
            (i["kind"], i["subject"]["id"])
            for i in await worklist(client, bfu)
            if i["kind"].startswith("concern.")
        ]
        assert sorted(kinds) == sorted(
            [("concern.assessment_due", citizen["id"]), ("concern.assessment_due", anonymous["id"])]
        )
        nobody = await client.post(
            f"/v1/concerns/{anonymous['id']}/acknowledge", headers={**bfu, "If-Match": '"1"'}
        )
        assert nobody.status_code == 409
        assert (
            await client.post(f"/v1/concerns/{citizen['id']}/acknowledge", headers={**bfu, "If-Match": '"1"'})
        ).status_code == 200


class TestRules:
    @pytest.mark.parametrize(
        ("fields", "code"),
        [
            ({"level": 5}, "concern.level_not_on_scale"),
            ({"sender": {**PROFESSIONAL, "profession": None}}, "concern.sender_incomplete"),
            ({"sender": {"kind": "citizen"}}, "concern.sender_incomplete"),
            ({"sender": {"kind": "anonymous", "name": "Nabo"}}, "concern.anonymous_identified"),
            ({"dialogue_participants": []}, "concern.dialogue_inconsistent"),
            ({"made_in_dialogue": False}, "concern.dialogue_inconsistent"),
            ({"frame": {"what_works": "Fodbold."}}, "concern.worries_required"),
            ({"received_at": at(TODAY + timedelta(days=1), 12)}, "concern.received_in_future"),
            ({"sender": {**PROFESSIONAL, "department_code": "NOPE"}}, "concern.unknown_department"),
        ],
    )
    async def test_refusals(self, client, auth, seeded, fields, code) -> None:
        youth_id = await new_youth(client, auth)
        response = await client.post(
            "/v1/concerns", json=concern_body(youth_id, **fields), headers=auth("caseworker", "SKOLE")
        )
        assert response.status_code == 422, response.text
        assert response.json()["code"] == code

    async def test_the_scale_is_the_municipalitys(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth)
        levels = [{"level": n, "name": f"Niveau {n}", "description": "Beskrivelse."} for n in range(1, 6)]
        stored = await client.get("/v1/settings", headers=auth())
        put = await client.put(
            "/v1/settings",
            json={**stored.json()["policy"], "concern_levels": levels},
            headers={**auth(), "If-Match": f'"{stored.json()["version"]}"'},
        )
        assert put.status_code == 200, put.text
        concern = await receive(client, auth("caseworker", "SKOLE"), concern_body(youth_id, level=5))
        assert concern["level_name"] == "Niveau 5"
        danish = await client.post(
            "/v1/concerns",
            json=concern_body(youth_id, level=7),
            headers={**auth("caseworker", "SKOLE"), "Accept-Language": "da"},
        )
        assert danish.status_code == 422 and "bekymringsskala (1, 2, 3, 4, 5)" in danish.json()["detail"]

    async def test_no_children_and_family_department(self, client, auth) -> None:
        youth = await client.post(
            "/v1/youth",
            json={"cpr": synthetic_cpr(), "given_name": "A", "family_name": "B"},
            headers=auth("admin"),
        )
        response = await client.post(
            "/v1/concerns",
            json=concern_body(
                youth.json()["id"],
                sender={"kind": "anonymous"},
                made_in_dialogue=False,
                dialogue_participants=[],
            ),
            headers=auth("admin"),
        )
        assert response.status_code == 422 and response.json()["code"] == "concern.no_receiving_department"


class TestAccess:
    async def test_roles(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth)
        body = concern_body(youth_id)
        for role in ("guide", "coordinator", "analyst", "dpo"):
            assert (
                await client.post("/v1/concerns", json=body, headers=auth(role, "BFU"))
            ).status_code == 403
        for role in ("guide", "analyst"):
            assert (await client.get("/v1/concerns", headers=auth(role, "BFU"))).status_code == 403
        concern = await receive(client, auth("integration", []), body)
        for role in ("admin", "dpo"):
            assert (
                await client.get(f"/v1/concerns/{concern['id']}", headers=auth(role, "UU"))
            ).status_code == 200
        coordinator = auth("coordinator", "BFU")
        assert (await client.get(f"/v1/concerns/{concern['id']}", headers=coordinator)).status_code == 200
        # a municipality-wide integration of another department does not read concerns
        assert (
            await client.get(f"/v1/concerns/{concern['id']}", headers=auth("integration", "ARB"))
        ).status_code == 404

    async def test_other_municipality(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth)
        concern = await receive(client, auth("caseworker", "SKOLE"), concern_body(youth_id))
        other = auth("admin", "BFU", municipality="998")
        assert (await client.get(f"/v1/concerns/{concern['id']}", headers=other)).status_code == 404
        refused = await client.post("/v1/concerns", json=concern_body(youth_id), headers=other)
        assert refused.status_code == 404

    async def test_list_pages_newest_first_and_filters(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth)
        sender = auth("caseworker", "SKOLE")
        ids = []
        for days_ago, level in ((3, 2), (2, 3), (1, 4)):
            concern = await receive(
                client,
                sender,
                concern_body(youth_id, received_at=at(TODAY - timedelta(days=days_ago), 10), level=level),
            )
            ids.append(concern["id"])
        bfu = auth("caseworker", "BFU")
        first = (await client.get("/v1/concerns", params={"limit": 2}, headers=bfu)).json()
        rest = (
            await client.get("/v1/concerns", params={"limit": 2, "cursor": first["next_cursor"]}, headers=bfu)
        ).json()
        assert [c["id"] for c in first["items"] + rest["items"]] == ids[::-1]
        assert rest["next_cursor"] is None
        by_level = (await client.get("/v1/concerns", params={"level": 3}, headers=bfu)).json()["items"]
        assert [c["id"] for c in by_level] == [ids[1]]
        received = (await client.get("/v1/concerns", params={"state": "closed"}, headers=bfu)).json()["items"]
        assert received == []

    async def test_change_level_and_frame(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth)
        concern = await receive(client, auth("caseworker", "SKOLE"), concern_body(youth_id))
        url = f"/v1/concerns/{concern['id']}"
        bfu = auth("caseworker", "BFU")
        assert (await client.patch(url, json={"level": 4}, headers=bfu)).status_code == 428
        bad = await client.patch(url, json={"level": 9}, headers={**bfu, "If-Match": '"1"'})
        assert bad.status_code == 422
        changed = await client.patch(
            url,
            json={"level": 4, "frame": {**FRAME, "next_steps": "Akut møde."}},
            headers={**bfu, "If-Match": '"1"'},
        )
        assert changed.status_code == 200, changed.text
        assert changed.json()["level"] == 4 and changed.json()["frame"]["next_steps"] == "Akut møde."
        assert changed.json()["level_name"] == "Alvorlig bekymring"
        school = {**auth("caseworker", "SKOLE"), "If-Match": '"2"'}
        assert (await client.patch(url, json={"level": 2}, headers=school)).status_code == 404

    async def test_idempotent_receive(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth)
        headers = {**auth("caseworker", "SKOLE"), "Idempotency-Key": "underretning-1"}
        first = await client.post("/v1/concerns", json=concern_body(youth_id), headers=headers)
        again = await client.post("/v1/concerns", json=concern_body(youth_id), headers=headers)
        assert first.status_code == again.status_code == 201
        assert first.json()["id"] == again.json()["id"]
        listed = (await client.get("/v1/concerns", headers=auth("caseworker", "BFU"))).json()["items"]
        assert len(listed) == 1


class TestAssessmentDeadlineIsAMoment:
    """The 24 hours are a moment, not a day: overdue the minute they run out (concern read,
    worklist and overview alike), compared with the app's clock, here frozen."""

    @staticmethod
    async def views(client, bfu, concern_id: str, youth_id: str, **worklist_params) -> tuple:
        read = (await client.get(f"/v1/concerns/{concern_id}", headers=bfu)).json()
        items = await worklist(client, bfu, youth_id=youth_id, kind="concern.assessment_due", **worklist_params)
        overview = (await client.get(f"/v1/youth/{youth_id}/overview", headers=bfu)).json()
        [shown] = [o for o in overview["open_obligations"] if o["kind"] == "concern.assessment_due"]
        [listed] = items
        assert listed["due_at"] == shown["due_at"] == read["assessment_due_at"]
        return read["overdue"], listed["overdue"], shown["overdue"]

    async def test_one_minute_before_and_one_minute_after(self, client, auth, seeded, time_machine) -> None:
        moment = now().replace(second=0, microsecond=0)
        time_machine.move_to(moment, tick=False)
        youth_id = await new_youth(client, auth, "ARB")
        bfu = auth("caseworker", "BFU")
        received = moment - timedelta(hours=24) + timedelta(minutes=1)
        concern = await receive(
            client, auth("caseworker", "SKOLE"), concern_body(youth_id, received_at=received.isoformat())
        )
        deadline = moment + timedelta(minutes=1)
        assert concern["assessment_due_at"] == utc_iso(deadline) and concern["overdue"] is False
        assert await self.views(client, bfu, concern["id"], youth_id) == (False, False, False)
        # the deadline itself: 24 hours have not yet run out
        time_machine.move_to(deadline, tick=False)
        assert await self.views(client, bfu, concern["id"], youth_id) == (False, False, False)
        # as it will stand tomorrow: overdue
        tomorrow = (deadline.astimezone(COPENHAGEN).date() + timedelta(days=1)).isoformat()
        assert (await self.views(client, bfu, concern["id"], youth_id, as_of=tomorrow))[1] is True
        time_machine.move_to(deadline + timedelta(minutes=1), tick=False)
        assert await self.views(client, bfu, concern["id"], youth_id) == (True, True, True)
        # assessed (late): nothing overdue any more
        assessed = await client.post(
            f"/v1/concerns/{concern['id']}/assess", json={"in_danger": False}, headers={**bfu, "If-Match": '"1"'}
        )
        assert assessed.status_code == 200 and assessed.json()["overdue"] is False

    async def test_six_hours_late_on_the_deadlines_own_day(self, client, auth, seeded, time_machine) -> None:
        moment = datetime.combine(TODAY, time(14, 0), COPENHAGEN)
        time_machine.move_to(moment, tick=False)
        youth_id = await new_youth(client, auth, "ARB")
        bfu = auth("caseworker", "BFU")
        received = moment - timedelta(hours=30)
        concern = await receive(
            client, auth("caseworker", "SKOLE"), concern_body(youth_id, received_at=received.isoformat())
        )
        [item] = await worklist(client, bfu, youth_id=youth_id, kind="concern.assessment_due")
        assert item["due_on"] == TODAY.isoformat() and item["due_at"] == utc_iso(moment - timedelta(hours=6))
        assert await self.views(client, bfu, concern["id"], youth_id) == (True, True, True)
