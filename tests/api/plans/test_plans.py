"""The one education-and-job plan through HTTP: make, read, change, revisions, R5, document."""

from __future__ import annotations

from datetime import date, timedelta

import asyncpg
import pytest

from tests.clock import TODAY
from tests.conftest import synthetic_cpr
from ungeapi.plans import rules


def years_ago(years: int, days: int = 0) -> date:
    """The birth date of someone who turned `years` `days` days ago (never 29 February)."""
    born = TODAY - timedelta(days=days)
    if born.month == 2 and born.day == 29:
        born -= timedelta(days=1)
    return born.replace(year=born.year - years)


@pytest.fixture
async def seeded(client, auth) -> None:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text


async def new_youth(client, auth, born: date | None = None, **fields) -> str:
    born = born or years_ago(16, 40)
    digit = 4 if 2000 <= born.year <= 2036 else 0
    body = {
        "cpr": synthetic_cpr(born.strftime("%d%m%y"), digit),
        "given_name": "Testa",
        "family_name": "Eksempelsen",
        **fields,
    }
    response = await client.post("/v1/youth", json=body, headers=auth("admin", "BFU"))
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def make_plan(client, headers, youth_id: str, **fields) -> dict:
    response = await client.post("/v1/plans", json={"youth_id": youth_id, **fields}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def patch(client, url: str, headers, version: int, **body):
    return await client.patch(url, json=body, headers={**headers, "If-Match": f'"{version}"'})


# R4's duties (test_duty.py) arise for every plan of a 15-17-year-old; these tests are about the rest.
R4_KINDS = ("plan.duty_unstated", "plan.ungeydelse_warning_due")


async def obligations(client, headers, youth_id: str) -> list[tuple[str, str]]:
    response = await client.get("/v1/obligations", params={"youth_id": youth_id}, headers=headers)
    assert response.status_code == 200, response.text
    return sorted(
        (o["kind"], o["due_on"])
        for o in response.json()["items"]
        if o["kind"].startswith("plan.") and o["kind"] not in R4_KINDS
    )


GOAL = {"horizon": "short", "description": "Møde op i FGU fire dage om ugen.", "target_on": (TODAY + timedelta(days=57)).isoformat()}
MEASURE = {
    "department_code": "BFU",
    "title": "Kontaktperson efter barnets lov",
    "legal_basis_code": "BL § 32",
    "legal_basis": "Støttende indsats",
    "responsible": {"sub": "raadgiver-1", "name": "Rådgiver Eksempel"},
    "starts_on": (TODAY - timedelta(days=4)).isoformat(),
    "ends_on": (TODAY + timedelta(days=207)).isoformat(),
}


class TestMakeAndRead:
    async def test_make_read_and_audit(self, client, auth, seeded, admin_db, muni) -> None:
        youth_id = await new_youth(client, auth)
        cw = auth("caseworker", "BFU", sub="cw-bfu")
        response = await client.post(
            "/v1/plans",
            json={
                "youth_id": youth_id,
                "destination": "education",
                "destination_text": "Tømrer (EUD)",
                "wishes": "Arbejde med mine hænder.",
                "duty_fulfilment": "FGU",
                "next_follow_up_on": (TODAY + timedelta(days=30)).isoformat(),
                "goals": [GOAL, {**GOAL, "horizon": "long", "description": "Svendebrev"}],
                "measures": [MEASURE],
                "why": "Plan lavet på mødet.",
            },
            headers=cw,
        )
        assert response.status_code == 201, response.text
        plan = response.json()
        assert response.headers["ETag"].startswith('"1-') and response.headers["Location"] == f"/v1/plans/{plan['id']}"
        assert plan["status"] == "active" and plan["revision"] == 1 and plan["version"] == 1
        assert plan["coordinating_caseworker"] == {"sub": "cw-bfu", "name": "cw-bfu", "department": "BFU"}
        assert [g["horizon"] for g in plan["goals"]] == ["short", "long"]
        assert plan["measures"][0]["responsible"]["name"] == "Rådgiver Eksempel"
        assert plan["measures"][0]["status"] == "planned" and plan["measures"][0]["offer_id"] is None

        read = await client.get(f"/v1/plans/{plan['id']}", headers=cw)
        assert read.status_code == 200 and read.headers["ETag"].startswith('"1-')
        assert read.json() == plan

        listed = await client.get("/v1/plans", params={"youth_id": youth_id}, headers=cw)
        assert [p["id"] for p in listed.json()["items"]] == [plan["id"]]
        assert listed.json()["items"][0]["destination"] == "education"

        actions = [
            r["action"]
            for r in await admin_db.fetch(
                "SELECT action FROM audit_event WHERE municipality_code = $1 AND resource_type = 'plan' "
                "AND youth_id = $2 ORDER BY id",
                muni,
                __import__("uuid").UUID(youth_id),
            )
        ]
        assert actions == ["create", "read", "search"]
        events = await admin_db.fetch(
            "SELECT resource_type, action FROM change_event WHERE municipality_code = $1 "
            "AND resource_type LIKE 'plan%' ORDER BY id",
            muni,
        )
        assert [(e["resource_type"], e["action"]) for e in events] == [
            ("plan", "created"),
            ("plan_goal", "created"),
            ("plan_goal", "created"),
            ("plan_measure", "created"),
        ]

    async def test_the_coordinating_caseworker_comes_from_the_guide_offer(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth)
        offerer = auth("caseworker", "ARB", sub="cw-arb", name="Ane Arbejde")
        await client.post(
            "/v1/cases",
            json={"youth_id": youth_id, "department_code": "ARB", "kind": "employment"},
            headers=auth(),
        )
        offered = await client.post(
            "/v1/guides",
            json={"youth_id": youth_id, "guide": {"sub": "g1", "name": "Guide"}},
            headers=offerer,
        )
        assert offered.status_code == 201, offered.text
        plan = await make_plan(client, auth("caseworker", "BFU", sub="cw-bfu"), youth_id)
        assert plan["coordinating_caseworker"]["sub"] == "cw-arb"
        assert plan["coordinating_caseworker"]["department"] == "ARB"
        other = await new_youth(client, auth)
        chosen = {"sub": "tovholder-9", "name": "Tove Holder", "department": "BFU"}
        plan = await make_plan(client, auth(), other, coordinating_caseworker=chosen)
        assert plan["coordinating_caseworker"] == chosen

    async def test_idempotent_make(self, client, auth, seeded, admin_db, muni) -> None:
        youth_id = await new_youth(client, auth)
        headers = {**auth(), "Idempotency-Key": "plan-1"}
        first = await client.post("/v1/plans", json={"youth_id": youth_id}, headers=headers)
        again = await client.post("/v1/plans", json={"youth_id": youth_id}, headers=headers)
        assert first.status_code == again.status_code == 201
        assert first.json()["id"] == again.json()["id"]
        assert await admin_db.fetchval("SELECT count(*) FROM plan WHERE municipality_code = $1", muni) == 1


class TestOnePlan:
    async def test_second_current_plan_is_refused_until_the_first_is_closed(
        self, client, auth, seeded
    ) -> None:
        youth_id = await new_youth(client, auth)
        plan = await make_plan(client, auth(), youth_id)
        again = await client.post("/v1/plans", json={"youth_id": youth_id}, headers=auth())
        assert again.status_code == 409 and again.json()["code"] == "plan.active_exists"
        url = f"/v1/plans/{plan['id']}"
        closed = await patch(client, url, auth(), 1, status="closed", status_reason="Fraflyttet kommunen.")
        assert closed.status_code == 200, closed.text
        assert closed.json()["ended_on"] == TODAY.isoformat()
        assert (
            await client.post("/v1/plans", json={"youth_id": youth_id}, headers=auth())
        ).status_code == 201
        final = await patch(client, url, auth(), 2, status="active")
        assert final.status_code == 409 and final.json()["code"] == "plan.finished"
        goal = await client.post(f"{url}/goals", json=GOAL, headers=auth())
        assert goal.status_code == 409 and goal.json()["code"] == "plan.finished"

    async def test_the_database_refuses_a_second_current_plan(
        self, client, auth, seeded, admin_db, muni
    ) -> None:
        youth_id = await new_youth(client, auth)
        await make_plan(client, auth(), youth_id)
        with pytest.raises(asyncpg.UniqueViolationError):
            await admin_db.execute(
                "INSERT INTO plan (municipality_code, youth_id, status, status_changed_on, coordinating_sub,"
                " coordinating_name, started_on) SELECT municipality_code, youth_id, 'stuck', $2::date, 'x',"
                " 'x', $2::date FROM plan WHERE municipality_code = $1",
                muni,
                TODAY,
            )
        with pytest.raises(asyncpg.CheckViolationError):
            await admin_db.execute(
                "UPDATE plan SET status = 'interrupted' WHERE municipality_code = $1", muni
            )


class TestAgeWindow:
    async def test_under_the_municipalitys_age_min_is_refused(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth, years_ago(14, 300))
        fifteen = await new_youth(client, auth, years_ago(15))
        settings = (await client.get("/v1/settings", headers=auth())).json()
        changed = await client.put(
            "/v1/settings", json={"age_min": 15}, headers={**auth(), "If-Match": f'"{settings["version"]}"'}
        )
        assert changed.status_code == 200, changed.text
        response = await client.post(
            "/v1/plans", json={"youth_id": youth_id}, headers={**auth(), "Accept-Language": "da"}
        )
        assert response.status_code == 422 and response.json()["code"] == "youth.outside_age_window"
        assert "fra 15 til 30 år" in response.json()["detail"]
        assert (await client.post("/v1/plans", json={"youth_id": fifteen}, headers=auth())).status_code == 201

    async def test_over_the_municipalitys_age_max_is_refused(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth, years_ago(26, 10))
        settings = (await client.get("/v1/settings", headers=auth())).json()
        changed = await client.put(
            "/v1/settings",
            json={"age_max": 25},
            headers={**auth(), "If-Match": f'"{settings["version"]}"'},
        )
        assert changed.status_code == 200, changed.text
        response = await client.post("/v1/plans", json={"youth_id": youth_id}, headers=auth())
        assert response.status_code == 422 and response.json()["code"] == "youth.outside_age_window"


class TestChangeAndRevisions:
    async def test_change_needs_if_match_and_makes_revisions(
        self, client, auth, seeded, admin_db, muni
    ) -> None:
        youth_id = await new_youth(client, auth)
        cw = auth("caseworker", "BFU", sub="cw-bfu")
        plan = await make_plan(client, cw, youth_id, wishes="Blive tømrer", goals=[GOAL])
        url = f"/v1/plans/{plan['id']}"
        assert (await client.patch(url, json={"wishes": "x"}, headers=cw)).status_code == 428
        stale = await patch(client, url, cw, 7, wishes="x")
        assert stale.status_code == 412 and stale.headers["ETag"] == '"1"'
        changed = await patch(
            client, url, cw, 1, wishes="Blive elektriker", why="Den unge har skiftet mening."
        )
        assert changed.status_code == 200, changed.text
        assert changed.headers["ETag"].startswith('"2-') and changed.json()["revision"] == 2
        stuck = await patch(client, url, cw, 2, status="stuck")
        assert stuck.status_code == 422 and stuck.json()["code"] == "plan.reason_required"
        stuck = await patch(client, url, cw, 2, status="stuck", status_reason="Intet tilbud har holdt.")
        assert stuck.status_code == 200 and stuck.json()["status"] == "stuck"
        summary = (await client.get("/v1/plans", params={"status": "stuck"}, headers=cw)).json()["items"]
        assert [(s["id"], s["status_reason"]) for s in summary] == [(plan["id"], "Intet tilbud har holdt.")]

        goal_id = plan["goals"][0]["id"]
        goal = await patch(
            client, f"{url}/goals/{goal_id}", cw, 1, status="achieved", why="Fremmødet holder."
        )
        assert goal.status_code == 200 and goal.json()["version"] == 2
        added = await client.post(f"{url}/goals", json={**GOAL, "horizon": "long"}, headers=cw)
        assert added.status_code == 201 and added.headers["ETag"].startswith('"1-')

        revisions = (await client.get(f"{url}/revisions", params={"limit": 2}, headers=cw)).json()
        assert [r["number"] for r in revisions["items"]] == [1, 2]
        rest = (
            await client.get(f"{url}/revisions", params={"cursor": revisions["next_cursor"]}, headers=cw)
        ).json()
        assert [(r["number"], r["action"]) for r in rest["items"]] == [
            (3, "plan.status_changed"),
            (4, "goal.changed"),
            (5, "goal.added"),
        ]
        assert rest["next_cursor"] is None
        second = revisions["items"][1]
        assert second["changes"] == {"wishes": ["Blive tømrer", "Blive elektriker"]}
        assert second["why"] == "Den unge har skiftet mening."
        assert second["actor"] == {"sub": "cw-bfu", "name": "cw-bfu", "department": "BFU"}
        assert rest["items"][0]["changes"]["status"] == ["active", "stuck"]
        assert rest["items"][1]["changes"] == {"status": ["open", "achieved"]}
        assert rest["items"][1]["subject"] == {"type": "goal", "id": goal_id}

        one = await client.get(f"{url}/revisions/2", headers=cw)
        assert one.status_code == 200
        assert one.json()["snapshot"]["wishes"] == "Blive elektriker"
        assert one.json()["snapshot"]["status"] == "active" and one.json()["snapshot"]["revision"] == 2
        first = (await client.get(f"{url}/revisions/1", headers=cw)).json()
        assert first["action"] == "plan.created" and first["changes"]["wishes"] == [None, "Blive tømrer"]
        missing = await client.get(f"{url}/revisions/99", headers=cw)
        assert missing.status_code == 404 and missing.json()["code"] == "plan.revision_not_found"
        assert (await client.get(f"{url}/revisions", params={"cursor": "bad"}, headers=cw)).status_code == 400

        with pytest.raises(asyncpg.PostgresError):
            await admin_db.execute("SET ROLE ungeapi_app; UPDATE plan_revision SET why = 'x'")
        await admin_db.execute("RESET ROLE")
        with pytest.raises(asyncpg.PostgresError):
            await admin_db.execute("UPDATE plan_revision SET why = 'x'")

    async def test_read_as_of_a_date(self, client, auth, seeded, admin_db) -> None:
        youth_id = await new_youth(client, auth)
        plan = await make_plan(client, auth(), youth_id, wishes="Første ønske")
        url = f"/v1/plans/{plan['id']}"
        assert (await patch(client, url, auth(), 1, wishes="Andet ønske")).status_code == 200
        async with admin_db.transaction():
            # Revisions are append-only; a superuser moves revision 1 back in time for the test.
            await admin_db.execute("SET LOCAL session_replication_role = replica")
            await admin_db.execute(
                "UPDATE plan_revision SET occurred_at = occurred_at - interval '10 days' "
                "WHERE plan_id = $1 AND number = 1",
                __import__("uuid").UUID(plan["id"]),
            )
        old = await client.get(url, params={"as_of": (TODAY - timedelta(days=5)).isoformat()}, headers=auth())
        assert old.status_code == 200 and old.json()["wishes"] == "Første ønske"
        # Its ETag is a fingerprint of the answer, no version that If-Match could name.
        assert not old.headers["ETag"].strip('"').partition("-")[0].isdigit()
        now = await client.get(url, params={"as_of": TODAY.isoformat()}, headers=auth())
        assert now.json()["wishes"] == "Andet ønske" and now.json()["revision"] == 2
        before = await client.get(
            url, params={"as_of": (TODAY - timedelta(days=20)).isoformat()}, headers=auth()
        )
        assert before.status_code == 404 and before.json()["code"] == "plan.not_yet_made"


class TestMeasures:
    async def test_another_departments_measure_is_read_only(
        self, client, auth, seeded, admin_db, muni
    ) -> None:
        youth_id = await new_youth(client, auth)
        bfu = auth("caseworker", "BFU", sub="cw-bfu")
        arb = auth("caseworker", "ARB", sub="cw-arb")
        await client.post(
            "/v1/cases",
            json={"youth_id": youth_id, "department_code": "ARB", "kind": "employment"},
            headers=auth(),
        )
        plan = await make_plan(client, bfu, youth_id, measures=[MEASURE])
        url = f"/v1/plans/{plan['id']}"
        foreign = await client.post(
            f"{url}/measures", json={**MEASURE, "department_code": "ARB"}, headers=bfu
        )
        assert foreign.status_code == 403 and foreign.json()["code"] == "plan.measure_department_not_yours"
        second_youth = await new_youth(client, auth)
        inline = await client.post(
            "/v1/plans",
            json={"youth_id": second_youth, "measures": [{**MEASURE, "department_code": "ARB"}]},
            headers=bfu,
        )
        assert inline.status_code == 403 and inline.json()["code"] == "plan.measure_department_not_yours"

        added = await client.post(
            f"{url}/measures",
            json={
                "department_code": "ARB",
                "title": "Mentor",
                "legal_basis_code": "LAB § 31",
                "why": "Aftalt.",
            },
            headers=arb,
        )
        assert added.status_code == 201, added.text
        measure = added.json()
        assert measure["responsible"] == {"sub": "cw-arb", "name": "cw-arb", "department": None}
        assert measure["starts_on"] == TODAY.isoformat()
        murl = f"{url}/measures/{measure['id']}"
        refused = await patch(client, murl, bfu, 1, status="cancelled")
        assert refused.status_code == 403 and refused.json()["code"] == "plan.measure_department_not_yours"
        ok = await patch(
            client, murl, arb, 1, status="active", ends_on=(TODAY + timedelta(days=90)).isoformat()
        )
        assert ok.status_code == 200 and ok.json()["status"] == "active" and ok.json()["version"] == 2
        backwards = await patch(client, murl, arb, 2, ends_on=(TODAY - timedelta(days=1)).isoformat())
        assert backwards.status_code == 422 and backwards.json()["code"] == "plan.measure_ends_before_start"
        assert (await patch(client, murl, auth("admin", "BFU"), 2, status="completed")).status_code == 200
        own = plan["measures"][0]
        assert (
            await patch(client, f"{url}/measures/{own['id']}", arb, 1, status="active")
        ).status_code == 403
        assert (
            await patch(client, f"{url}/measures/{own['id']}", bfu, 1, status="active")
        ).status_code == 200

        read = (await client.get(url, headers=arb)).json()
        assert sorted(m["department_code"] for m in read["measures"]) == ["ARB", "BFU"]
        assert read["revision"] == 5
        unknown = await client.post(
            f"{url}/measures", json={**MEASURE, "department_code": "XYZ"}, headers=auth()
        )
        assert unknown.status_code == 422 and unknown.json()["code"] == "plan.unknown_department"
        nothing = await patch(client, f"{url}/measures/{plan['id']}", auth(), 1, status="active")
        assert nothing.status_code == 404 and nothing.json()["code"] == "plan.measure_not_found"


class TestScope:
    async def test_refusals(self, client, auth, seeded, muni) -> None:
        youth_id = await new_youth(client, auth)
        plan = await make_plan(client, auth("caseworker", "BFU", sub="cw-bfu"), youth_id)
        url = f"/v1/plans/{plan['id']}"
        other_muni = "999" if muni != "999" else "998"
        assert (await client.get(url, headers=auth(municipality=other_muni))).status_code == 404
        outsider = auth("caseworker", "SUND")
        assert (await client.get(url, headers=outsider)).status_code == 404
        assert (await client.get(f"{url}/revisions", headers=outsider)).status_code == 404
        assert (await client.get(f"{url}/document", headers=outsider)).status_code == 404
        assert (await patch(client, url, outsider, 1, wishes="x")).status_code == 404
        made = await client.post("/v1/plans", json={"youth_id": youth_id}, headers=outsider)
        assert made.status_code == 404
        assert (await client.get(url, headers=auth("analyst"))).status_code == 403
        assert (await client.get(url, headers=auth("dpo"))).status_code == 200
        assert (await patch(client, url, auth("dpo"), 1, wishes="x")).status_code == 403
        assert (await patch(client, url, auth("integration"), 1, wishes="x")).status_code == 403
        assert (await client.get(url, headers=auth("integration"))).status_code == 200
        listed = await client.get("/v1/plans", headers=outsider)
        assert listed.status_code == 200 and listed.json()["items"] == []

    async def test_measure_departments_and_the_coordinator_see_the_youth(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth)
        coordinator = {"sub": "cw-skole", "name": "Skolekonsulent", "department": "SKOLE"}
        plan = await make_plan(
            client,
            auth(),
            youth_id,
            coordinating_caseworker=coordinator,
            measures=[{**MEASURE, "department_code": "SUND", "title": "Samtaler hos sundhedsplejen"}],
        )
        url = f"/v1/plans/{plan['id']}"
        sund = auth("caseworker", "SUND", sub="cw-sund")
        skole = auth("caseworker", "SKOLE", sub="cw-skole")
        assert (
            await client.get(url, headers=auth("caseworker", "SKOLE", sub="someone-else"))
        ).status_code == 404
        assert (await client.get(url, headers=skole)).status_code == 200
        assert (await client.get(f"/v1/youth/{youth_id}", headers=sund)).status_code == 200
        murl = f"{url}/measures/{plan['measures'][0]['id']}"
        done = await patch(client, murl, sund, 1, status="completed")
        assert done.status_code == 200, done.text
        assert (await client.get(url, headers=sund)).status_code == 404
        closed = await patch(client, url, skole, 1, status="completed")
        assert closed.status_code == 200
        assert (await client.get(url, headers=skole)).status_code == 404


class TestObligations:
    async def test_dropout_of_a_16_year_old(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth, years_ago(16, 40))
        cw = auth("caseworker", "BFU", sub="cw-bfu")
        plan = await make_plan(client, cw, youth_id, started_on=(TODAY - timedelta(days=60)).isoformat())
        url = f"/v1/plans/{plan['id']}"
        assert await obligations(client, cw, youth_id) == []
        future = await patch(
            client,
            url,
            cw,
            1,
            status="interrupted",
            status_reason="x",
            interrupted_on=(TODAY + timedelta(days=1)).isoformat(),
        )
        assert future.status_code == 422 and future.json()["code"] == "date.in_future"
        left = TODAY - timedelta(days=3)
        interrupted = await patch(
            client,
            url,
            cw,
            1,
            status="interrupted",
            status_reason="Stoppet på FGU.",
            interrupted_on=left.isoformat(),
        )
        assert interrupted.status_code == 200, interrupted.text
        assert interrupted.json()["interrupted_on"] == left.isoformat()
        contact_due = rules.add_weekdays(left, 5).isoformat()
        activity_due = (left + timedelta(days=30)).isoformat()
        assert await obligations(client, cw, youth_id) == [
            ("plan.dropout_contact_due", contact_due),
            ("plan.new_activity_due", activity_due),
        ]
        items = (await client.get("/v1/obligations", params={"youth_id": youth_id}, headers=cw)).json()[
            "items"
        ]
        contact = next(i for i in items if i["kind"] == "plan.dropout_contact_due")
        assert contact["responsible_subs"] == ["cw-bfu"] and contact["responsible_departments"] == ["BFU"]
        assert contact["subject"] == {"type": "plan", "id": plan["id"]}
        assert contact["title"].startswith("Contact the youth")
        only = await client.get(
            "/v1/obligations", params={"youth_id": youth_id, "kind": "plan.dropout_contact_due"}, headers=cw
        )
        assert only.status_code == 200, only.text
        assert [i["kind"] for i in only.json()["items"]] == ["plan.dropout_contact_due"]

        early = await patch(client, url, cw, 2, dropout_contact_on=(left - timedelta(days=1)).isoformat())
        assert early.status_code == 422 and early.json()["code"] == "date.before_event"
        contacted = await patch(client, url, cw, 2, dropout_contact_on=TODAY.isoformat())
        assert contacted.status_code == 200
        assert await obligations(client, cw, youth_id) == [("plan.new_activity_due", activity_due)]
        active = await patch(client, url, cw, 3, status="active", why="Startet på produktionsskole.")
        assert active.status_code == 200 and active.json()["status_reason"] is None
        assert await obligations(client, cw, youth_id) == []

    async def test_no_dropout_obligations_at_18(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth, years_ago(18, 40))
        plan = await make_plan(client, auth(), youth_id)
        response = await patch(
            client, f"/v1/plans/{plan['id']}", auth(), 1, status="interrupted", status_reason="x"
        )
        assert response.status_code == 200 and response.json()["interrupted_on"] == TODAY.isoformat()
        assert await obligations(client, auth(), youth_id) == []

    async def test_follow_up_overdue_appears_and_disappears(self, client, auth, seeded) -> None:
        youth_id = await new_youth(client, auth, years_ago(20))
        yesterday = (TODAY - timedelta(days=1)).isoformat()
        plan = await make_plan(client, auth(), youth_id, next_follow_up_on=TODAY.isoformat())
        url = f"/v1/plans/{plan['id']}"
        assert await obligations(client, auth(), youth_id) == []
        assert (await patch(client, url, auth(), 1, next_follow_up_on=yesterday)).status_code == 200
        assert await obligations(client, auth(), youth_id) == [("plan.follow_up_overdue", yesterday)]
        caseworker_elsewhere = auth("caseworker", "SUND")
        assert await obligations(client, caseworker_elsewhere, youth_id) == []
        later = (TODAY + timedelta(days=14)).isoformat()
        assert (await patch(client, url, auth(), 2, next_follow_up_on=later)).status_code == 200
        assert await obligations(client, auth(), youth_id) == []

    async def test_the_sql_weekday_function_matches_the_rule(self, admin_db) -> None:
        start = date(2026, 11, 16)
        rows = await admin_db.fetch(
            "SELECT d::date AS start, n, ungeapi_add_weekdays(d::date, n) AS due "
            "FROM generate_series($1::date, $1::date + 27, interval '1 day') AS d, generate_series(0, 12) AS n",
            start,
        )
        assert len(rows) == 28 * 13
        for row in rows:
            assert row["due"] == rules.add_weekdays(row["start"], row["n"]), (row["start"], row["n"])


def danish_date(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d.%m.%Y")


class TestDocument:
    async def test_renders_the_plan_in_danish_and_escapes_user_text(
        self, client, auth, seeded, admin_db, muni
    ) -> None:
        youth_id = await new_youth(client, auth, given_name="Sofie", family_name="Sørensen")
        cw = auth("caseworker", "BFU", sub="cw-bfu", name="Rasmus Rådgiver")
        plan = await make_plan(
            client,
            cw,
            youth_id,
            destination="education",
            destination_text="Tømrer (EUD)",
            wishes='<script>alert("x")</script> Jeg vil være tømrer & have en lærlingeplads',
            next_follow_up_on=(TODAY + timedelta(days=41)).isoformat(),
            goals=[GOAL],
            measures=[MEASURE],
        )
        response = await client.get(f"/v1/plans/{plan['id']}/document", headers=cw)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert response.headers["content-language"] == "da"
        html = response.text
        assert '<html lang="da">' in html and "Uddannelses- og jobplan" in html
        for text in (
            "Sofie Sørensen",
            "Tømrer (EUD)",
            "Uddannelse",
            "Møde op i FGU fire dage om ugen.",
            danish_date(GOAL["target_on"]),
            "Kontaktperson efter barnets lov",
            "BL § 32",
            "Rådgiver Eksempel",
            danish_date(MEASURE["starts_on"]),
            danish_date(MEASURE["ends_on"]),
            danish_date(plan["next_follow_up_on"]),
            "Rasmus Rådgiver",
            "Planlagt",
        ):
            assert text in html, text
        assert "<script>" not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
        assert "tømrer &amp; have" in html
        exports = await admin_db.fetchval(
            "SELECT count(*) FROM audit_event WHERE municipality_code = $1 AND action = 'export' "
            "AND resource_type = 'plan' AND purpose = 'plan_meeting'",
            muni,
        )
        assert exports == 1
