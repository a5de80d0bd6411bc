"""Placed youth through HTTP: youth plans (R19), aftercare decisions (R20) and their obligations."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta

import pytest

from tests.clock import TODAY
from tests.conftest import synthetic_cpr
from ungeapi.placements.rules import add_months
from ungeapi.youth.rules import date_turning

PLAN = {"youth_involved": True, "parents_involved": False, "goals": "Afslutte 10. klasse; EUD-afklaring."}


def born(years: int, days: int) -> date:
    """A birth date `years` and `days` before today, avoiding 29 February."""
    day = TODAY - timedelta(days=days)
    if day.month == 2 and day.day == 29:
        day -= timedelta(days=1)
    return day.replace(year=day.year - years)


@pytest.fixture
async def seeded(client, auth) -> None:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text


@pytest.fixture
def caseworker(auth):
    return auth("caseworker", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")


async def new_youth(client, auth, birth: date) -> str:
    body = {
        "cpr": synthetic_cpr(birth.strftime("%d%m%y"), 4 if 2000 <= birth.year <= 2036 else 0),
        "given_name": "Testa",
        "family_name": "Eksempelsen",
    }
    response = await client.post("/v1/youth", json=body, headers=auth("admin", "BFU"))
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def open_case(client, headers, youth_id: str, kind: str = "placement", **fields) -> dict:
    body = {"youth_id": youth_id, "department_code": "BFU", "kind": kind, "opened_on": TODAY.isoformat()}
    response = await client.post("/v1/cases", json={**body, **fields}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def due(client, headers, kind: str, youth_id: str, as_of: date) -> list[tuple[str, bool]]:
    params = {"kind": kind, "youth_id": youth_id, "as_of": as_of.isoformat()}
    response = await client.get("/v1/obligations", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return [(o["due_on"], o["overdue"]) for o in response.json()["items"]]


class TestYouthPlanDue:
    """R19: a placed youth gets a youth plan within 3 months of the 16th birthday."""

    async def test_from_the_16th_birthday_until_recorded(self, client, auth, seeded, caseworker) -> None:
        birth = born(15, 100)
        youth_id = await new_youth(client, auth, birth)
        case = await open_case(client, caseworker, youth_id)
        sixteen = date_turning(birth, 16)
        deadline = add_months(sixteen, 3)
        kind = "youth_plan.due"

        assert await due(client, caseworker, kind, youth_id, sixteen - timedelta(days=1)) == []
        assert await due(client, caseworker, kind, youth_id, sixteen) == [(deadline.isoformat(), False)]
        assert await due(client, caseworker, kind, youth_id, deadline) == [(deadline.isoformat(), False)]
        assert await due(client, caseworker, kind, youth_id, deadline + timedelta(days=1)) == [
            (deadline.isoformat(), True)
        ]
        response = await client.get(
            "/v1/obligations", params={"kind": kind, "as_of": sixteen.isoformat()}, headers=caseworker
        )
        item = response.json()["items"][0]
        assert item["responsible_subs"] == ["raadgiver-bfu"] and item["responsible_departments"] == ["BFU"]
        assert item["title"].startswith("Make the youth plan")
        # Missed: it stays after the 18th birthday (§8.2); another department does not see it.
        eighteen = date_turning(birth, 18)
        for day in (eighteen - timedelta(days=1), eighteen, eighteen + timedelta(days=1)):
            assert await due(client, caseworker, kind, youth_id, day) == [(deadline.isoformat(), True)]
        assert await due(client, auth("caseworker", "ARB"), kind, youth_id, sixteen) == []

        response = await client.post(
            "/v1/youth-plans", json={"youth_id": youth_id, "case_id": case["id"], **PLAN}, headers=caseworker
        )
        assert response.status_code == 201, response.text
        assert await due(client, caseworker, kind, youth_id, sixteen) == []
        assert await due(client, caseworker, kind, youth_id, deadline + timedelta(days=1)) == []

    async def test_placed_after_16_and_not_placed(self, client, auth, seeded, caseworker) -> None:
        birth = born(16, 200)
        youth_id = await new_youth(client, auth, birth)
        kind = "youth_plan.due"
        await open_case(client, caseworker, youth_id, kind="preventive")
        assert await due(client, caseworker, kind, youth_id, TODAY) == []
        await open_case(client, caseworker, youth_id)
        # Placed today: the plan is due 3 months after the placement, not after the birthday.
        assert await due(client, caseworker, kind, youth_id, TODAY - timedelta(days=1)) == []
        assert await due(client, caseworker, kind, youth_id, TODAY) == [
            (add_months(TODAY, 3).isoformat(), False)
        ]

    async def test_a_closed_placement_ends_it(self, client, auth, seeded, caseworker) -> None:
        birth = born(16, 10)
        youth_id = await new_youth(client, auth, birth)
        # Closed on a day that has come (§8.1): opened 20 days ago, closed 5 days ago.
        closes = TODAY - timedelta(days=5)
        opened = (TODAY - timedelta(days=20)).isoformat()
        await open_case(client, caseworker, youth_id, opened_on=opened, closed_on=closes.isoformat())
        assert len(await due(client, caseworker, "youth_plan.due", youth_id, closes - timedelta(days=1))) == 1
        assert await due(client, auth("admin"), "youth_plan.due", youth_id, closes) == []


class TestAftercareDecisionDue:
    """R20: the decision on support after 18 is due 6 months before the 18th birthday."""

    async def test_from_17_due_at_17_and_a_half_until_decided(self, client, auth, seeded, caseworker) -> None:
        birth = born(16, 100)
        youth_id = await new_youth(client, auth, birth)
        await open_case(client, caseworker, youth_id)
        seventeen, eighteen = date_turning(birth, 17), date_turning(birth, 18)
        deadline = add_months(eighteen, -6)
        kind = "aftercare.decision_due"

        assert await due(client, caseworker, kind, youth_id, seventeen - timedelta(days=1)) == []
        assert await due(client, caseworker, kind, youth_id, seventeen) == [(deadline.isoformat(), False)]
        assert await due(client, caseworker, kind, youth_id, deadline) == [(deadline.isoformat(), False)]
        assert await due(client, caseworker, kind, youth_id, deadline + timedelta(days=1)) == [
            (deadline.isoformat(), True)
        ]
        assert await due(client, caseworker, kind, youth_id, eighteen - timedelta(days=1)) == [
            (deadline.isoformat(), True)
        ]
        # §8.2: still there, overdue, on and after the 18th birthday.
        for day in (eighteen, eighteen + timedelta(days=1)):
            assert await due(client, caseworker, kind, youth_id, day) == [(deadline.isoformat(), True)]

        # A refusal is a decision too: it satisfies R20.
        response = await client.post(
            "/v1/aftercare-decisions",
            json={"youth_id": youth_id, "outcome": "refused", "legal_basis_code": "BL § 114"},
            headers=caseworker,
        )
        assert response.status_code == 201, response.text
        assert await due(client, caseworker, kind, youth_id, deadline + timedelta(days=1)) == []

    async def test_placed_after_17_and_a_half_is_due_at_once(self, client, auth, seeded, caseworker) -> None:
        birth = born(17, 250)
        youth_id = await new_youth(client, auth, birth)
        await open_case(client, caseworker, youth_id)
        assert await due(client, caseworker, "aftercare.decision_due", youth_id, TODAY) == [
            (TODAY.isoformat(), False)
        ]
        await open_case(client, caseworker, await new_youth(client, auth, birth), kind="aftercare")
        response = await client.get(
            "/v1/obligations",
            params={"kind": "aftercare.decision_due", "as_of": TODAY.isoformat()},
            headers=caseworker,
        )
        assert [o["youth_id"] for o in response.json()["items"]] == [youth_id]


class TestRecords:
    async def test_youth_plan_record_read_list_and_refusals(self, client, auth, seeded, caseworker) -> None:
        youth_id = await new_youth(client, auth, born(16, 30))
        case = await open_case(client, caseworker, youth_id)
        body = {"youth_id": youth_id, "case_id": case["id"], "made_on": TODAY.isoformat(), **PLAN}
        response = await client.post("/v1/youth-plans", json=body, headers=caseworker)
        assert response.status_code == 201, response.text
        plan = response.json()
        assert response.headers["Location"] == f"/v1/youth-plans/{plan['id']}"
        assert plan["author"] == {"sub": "raadgiver-bfu", "name": "Rådgiver Bente", "department": "BFU"}
        assert plan["made_on"] == TODAY.isoformat() and plan["youth_involved"] is True
        read = await client.get(f"/v1/youth-plans/{plan['id']}", headers=caseworker)
        assert read.status_code == 200 and read.json() == plan
        earlier = {**body, "made_on": (TODAY - timedelta(days=90)).isoformat()}
        assert (await client.post("/v1/youth-plans", json=earlier, headers=caseworker)).status_code == 201
        page = await client.get(
            "/v1/youth-plans", params={"youth_id": youth_id, "limit": 1}, headers=caseworker
        )
        assert [p["made_on"] for p in page.json()["items"]] == [earlier["made_on"]]
        rest = await client.get(
            "/v1/youth-plans",
            params={"youth_id": youth_id, "cursor": page.json()["next_cursor"]},
            headers=caseworker,
        )
        assert [p["id"] for p in rest.json()["items"]] == [plan["id"]]

        future = {**body, "made_on": (TODAY + timedelta(days=1)).isoformat()}
        response = await client.post("/v1/youth-plans", json=future, headers=caseworker)
        assert response.status_code == 422 and response.json()["code"] == "date.in_future"
        other = await new_youth(client, auth, born(16, 40))
        other_case = await open_case(client, caseworker, other)
        response = await client.post(
            "/v1/youth-plans", json={**body, "case_id": other_case["id"]}, headers=caseworker
        )
        assert response.status_code == 422 and response.json()["code"] == "placement.case_not_of_youth"
        assert (
            await client.post("/v1/youth-plans", json={**body, "goals": ""}, headers=caseworker)
        ).status_code == 422
        # Out of scope (404), not allowed to write (403).
        arb = auth("caseworker", "ARB")
        assert (await client.post("/v1/youth-plans", json=body, headers=arb)).status_code == 404
        assert (await client.get(f"/v1/youth-plans/{plan['id']}", headers=arb)).status_code == 404
        assert (
            await client.get("/v1/youth-plans", params={"youth_id": youth_id}, headers=arb)
        ).status_code == 404
        assert (
            await client.post("/v1/youth-plans", json=body, headers=auth("guide", "BFU"))
        ).status_code == 403
        assert (await client.get(f"/v1/youth-plans/{uuid.uuid4()}", headers=caseworker)).json()[
            "code"
        ] == "youth_plan.not_found"
        # The youth's right of access includes the youth plans.
        export = await client.get(f"/v1/youth/{youth_id}/export", headers=auth("dpo", "BFU"))
        assert export.status_code == 200, export.text
        assert sorted(p["id"] for p in export.json()["sections"]["youth_plans"]) == sorted(
            p["id"] for p in page.json()["items"] + rest.json()["items"]
        )
        assert export.json()["sections"]["aftercare_decisions"] == []

    async def test_aftercare_decision_record_and_refusals(self, client, auth, seeded, caseworker) -> None:
        youth_id = await new_youth(client, auth, born(17, 100))
        case = await open_case(client, caseworker, youth_id)
        body = {
            "youth_id": youth_id,
            "case_id": case["id"],
            "outcome": "granted",
            "legal_basis_code": "BL § 114",
            "support_until": (TODAY + timedelta(days=700)).isoformat(),
            "youth_plan_revised_on": TODAY.isoformat(),
            "notes": "Fortsat ophold på opholdssted.",
        }
        response = await client.post("/v1/aftercare-decisions", json=body, headers=caseworker)
        assert response.status_code == 201, response.text
        decision = response.json()
        assert decision["decided_on"] == TODAY.isoformat() and decision["outcome"] == "granted"
        assert decision["support_until"] == body["support_until"]
        read = await client.get(f"/v1/aftercare-decisions/{decision['id']}", headers=caseworker)
        assert read.status_code == 200 and read.json() == decision
        listed = await client.get(
            "/v1/aftercare-decisions", params={"youth_id": youth_id}, headers=caseworker
        )
        assert [d["id"] for d in listed.json()["items"]] == [decision["id"]]

        for bad, code in (
            ({"outcome": "refused"}, "aftercare_decision.support_until_invalid"),
            ({"support_until": TODAY.isoformat()}, "aftercare_decision.support_until_invalid"),
            ({"decided_on": (TODAY + timedelta(days=1)).isoformat()}, "date.in_future"),
            ({"youth_plan_revised_on": (TODAY + timedelta(days=1)).isoformat()}, "date.in_future"),
        ):
            response = await client.post("/v1/aftercare-decisions", json={**body, **bad}, headers=caseworker)
            assert response.status_code == 422 and response.json()["code"] == code, bad
        response = await client.post(
            "/v1/aftercare-decisions", json={**body, "outcome": "maybe"}, headers=caseworker
        )
        assert response.status_code == 422
        arb = auth("caseworker", "ARB")
        assert (await client.get(f"/v1/aftercare-decisions/{decision['id']}", headers=arb)).status_code == 404
        export = await client.get(f"/v1/youth/{youth_id}/export", headers=auth("dpo", "BFU"))
        assert [d["id"] for d in export.json()["sections"]["aftercare_decisions"]] == [decision["id"]]


async def test_sql_month_arithmetic_matches_the_rule(admin_db) -> None:
    days = [date(2027, 1, 31), date(2028, 8, 31), date(2027, 11, 30), date(2028, 2, 29), date(2026, 5, 15)]
    for day in days:
        for months in (3, -6, -12, 1):
            sql = await admin_db.fetchval("SELECT ($1::date + make_interval(0, $2))::date", day, months)
            assert sql == add_months(day, months), (day, months)


async def test_the_overview_shows_the_obligation_then_the_records(client, auth, seeded, caseworker) -> None:
    youth_id = await new_youth(client, auth, born(17, 250))
    await open_case(client, caseworker, youth_id)
    url = f"/v1/youth/{youth_id}/overview"
    overview = (await client.get(url, headers=caseworker)).json()
    assert overview["youth_plan"] is None and overview["aftercare_decision"] is None
    kinds = {o["kind"] for o in overview["open_obligations"]}
    assert {"youth_plan.due", "aftercare.decision_due"} <= kinds

    plan = await client.post("/v1/youth-plans", json={"youth_id": youth_id, **PLAN}, headers=caseworker)
    decision = await client.post(
        "/v1/aftercare-decisions",
        json={"youth_id": youth_id, "outcome": "declined_by_youth"},
        headers=caseworker,
    )
    assert plan.status_code == decision.status_code == 201
    overview = (await client.get(url, headers=caseworker)).json()
    assert overview["youth_plan"]["id"] == plan.json()["id"]
    assert overview["aftercare_decision"]["outcome"] == "declined_by_youth"
    kinds = {o["kind"] for o in overview["open_obligations"]}
    assert not {"youth_plan.due", "aftercare.decision_due"} & kinds


class TestCorrections:
    """A caseworker corrects a mistyped date or outcome: If-Match, the create rules re-checked."""

    async def test_correct_a_youth_plan(self, client, auth, seeded, caseworker, admin_db, muni) -> None:
        youth_id = await new_youth(client, auth, born(16, 30))
        case = await open_case(client, caseworker, youth_id)
        body = {"youth_id": youth_id, "case_id": case["id"], **PLAN}
        created = await client.post("/v1/youth-plans", json=body, headers=caseworker)
        assert created.status_code == 201, created.text
        plan = created.json()
        url = f"/v1/youth-plans/{plan['id']}"
        earlier = (TODAY - timedelta(days=10)).isoformat()

        # No If-Match 428, a stale one 412 with the current ETag.
        missing = await client.patch(url, json={"made_on": earlier}, headers=caseworker)
        assert missing.status_code == 428 and missing.json()["code"] == "precondition.required"
        stale = await client.patch(url, json={"made_on": earlier}, headers={**caseworker, "If-Match": '"7"'})
        assert stale.status_code == 412 and stale.headers["ETag"] == '"1"'
        v1 = {**caseworker, "If-Match": '"1"'}

        # The merged result is checked as on recording.
        future = await client.patch(
            url, json={"made_on": (TODAY + timedelta(days=1)).isoformat()}, headers=v1
        )
        assert future.status_code == 422 and future.json()["code"] == "date.in_future"
        other_case = await open_case(client, caseworker, await new_youth(client, auth, born(16, 40)))
        wrong = await client.patch(url, json={"case_id": other_case["id"]}, headers=v1)
        assert wrong.status_code == 422 and wrong.json()["code"] == "placement.case_not_of_youth"
        assert (await client.patch(url, json={"goals": ""}, headers=v1)).status_code == 422
        assert (await client.patch(url, json={"youth_id": str(uuid.uuid4())}, headers=v1)).status_code == 422
        # Out of scope 404 (another department, another municipality), a guide 403.
        assert (
            await client.patch(
                url, json={"made_on": earlier}, headers={**auth("caseworker", "ARB"), "If-Match": '"1"'}
            )
        ).status_code == 404
        elsewhere = {**auth("caseworker", "BFU", municipality="991"), "If-Match": '"1"'}
        assert (await client.patch(url, json={"made_on": earlier}, headers=elsewhere)).status_code == 404
        guide = {**auth("guide", "BFU"), "If-Match": '"1"'}
        assert (await client.patch(url, json={"made_on": earlier}, headers=guide)).status_code == 403
        missing_id = await client.patch(f"/v1/youth-plans/{uuid.uuid4()}", json={}, headers=v1)
        assert missing_id.status_code == 404 and missing_id.json()["code"] == "youth_plan.not_found"
        # Nothing of the refused attempts was kept.
        assert (await client.get(url, headers=caseworker)).json() == plan

        # The correction: a new version, null leaves a required field and clears an optional one.
        response = await client.patch(
            url,
            json={"made_on": earlier, "parents_involved": True, "goals": None, "case_id": None},
            headers=v1,
        )
        assert response.status_code == 200, response.text
        corrected = response.json()
        assert response.headers["ETag"].startswith('"2-') and corrected["version"] == 2
        assert corrected["made_on"] == earlier and corrected["parents_involved"] is True
        assert corrected["goals"] == PLAN["goals"] and corrected["case_id"] is None
        assert corrected["author"] == plan["author"] and corrected["created_at"] == plan["created_at"]
        assert (await client.get(url, headers=caseworker)).json() == corrected
        again = await client.patch(url, json={"notes": "x"}, headers=v1)
        assert again.status_code == 412 and again.headers["ETag"] == '"2"'
        # Still a recorded youth plan: R19 stays satisfied.
        assert await due(client, caseworker, "youth_plan.due", youth_id, TODAY) == []

        audits = await admin_db.fetch(
            "SELECT action, detail FROM audit_event WHERE municipality_code = $1 AND resource_type = 'youth_plan' "
            "AND resource_id = $2 AND action = 'update'",
            muni,
            plan["id"],
        )
        assert [(a["action"], json.loads(a["detail"])) for a in audits] == [
            ("update", {"fields": ["case_id", "made_on", "parents_involved"]})
        ]
        changes = await admin_db.fetch(
            "SELECT action, version FROM change_event WHERE resource_type = 'youth_plan' AND resource_id = $1 "
            "ORDER BY id",
            plan["id"],
        )
        assert [(c["action"], c["version"]) for c in changes] == [("created", 1), ("updated", 2)]

    async def test_correct_an_aftercare_decision(
        self, client, auth, seeded, caseworker, admin_db, muni
    ) -> None:
        youth_id = await new_youth(client, auth, born(17, 100))
        case = await open_case(client, caseworker, youth_id)
        decided_on = TODAY - timedelta(days=30)
        until = (TODAY + timedelta(days=700)).isoformat()
        body = {
            "youth_id": youth_id,
            "case_id": case["id"],
            "decided_on": decided_on.isoformat(),
            "outcome": "refused",
            "legal_basis_code": "BL § 114",
        }
        created = await client.post("/v1/aftercare-decisions", json=body, headers=caseworker)
        assert created.status_code == 201, created.text
        decision = created.json()
        url = f"/v1/aftercare-decisions/{decision['id']}"
        v1 = {**caseworker, "If-Match": '"1"'}

        assert (await client.patch(url, json={"outcome": "granted"}, headers=caseworker)).status_code == 428
        assert (
            await client.patch(url, json={"outcome": "granted"}, headers={**caseworker, "If-Match": '"2"'})
        ).status_code == 412
        for bad, code in (
            # support_until only with a grant (the stored outcome is a refusal) ...
            ({"support_until": until}, "aftercare_decision.support_until_invalid"),
            # ... and after the decision, also when only the decision's date moves past it.
            (
                {"outcome": "granted", "support_until": decided_on.isoformat()},
                "aftercare_decision.support_until_invalid",
            ),
            ({"decided_on": (TODAY + timedelta(days=1)).isoformat()}, "date.in_future"),
            ({"youth_plan_revised_on": (TODAY + timedelta(days=1)).isoformat()}, "date.in_future"),
        ):
            response = await client.patch(url, json=bad, headers=v1)
            assert response.status_code == 422 and response.json()["code"] == code, bad
        assert (await client.patch(url, json={"outcome": "maybe"}, headers=v1)).status_code == 422
        arb = {**auth("caseworker", "ARB"), "If-Match": '"1"'}
        assert (await client.patch(url, json={"outcome": "granted"}, headers=arb)).status_code == 404
        elsewhere = {**auth("caseworker", "BFU", municipality="992"), "If-Match": '"1"'}
        assert (await client.patch(url, json={"outcome": "granted"}, headers=elsewhere)).status_code == 404
        guide = {**auth("guide", "BFU"), "If-Match": '"1"'}
        assert (await client.patch(url, json={"outcome": "granted"}, headers=guide)).status_code == 403
        missing_id = await client.patch(f"/v1/aftercare-decisions/{uuid.uuid4()}", json={}, headers=v1)
        assert missing_id.status_code == 404 and missing_id.json()["code"] == "aftercare_decision.not_found"
        assert (await client.get(url, headers=caseworker)).json() == decision

        # The mistyped outcome: it was a grant, with support until a date.
        response = await client.patch(url, json={"outcome": "granted", "support_until": until}, headers=v1)
        assert response.status_code == 200, response.text
        granted = response.json()
        assert response.headers["ETag"].startswith('"2-') and granted["version"] == 2
        assert granted["outcome"] == "granted" and granted["support_until"] == until
        assert granted["decided_on"] == decided_on.isoformat() and granted["legal_basis_code"] == "BL § 114"
        v2 = {**caseworker, "If-Match": '"2"'}
        # Back to a refusal needs the support's end cleared.
        response = await client.patch(url, json={"outcome": "refused"}, headers=v2)
        assert response.json()["code"] == "aftercare_decision.support_until_invalid"
        response = await client.patch(url, json={"outcome": "refused", "support_until": None}, headers=v2)
        assert response.status_code == 200 and response.json()["support_until"] is None
        assert response.headers["ETag"].startswith('"3-')

        audits = await admin_db.fetch(
            "SELECT detail FROM audit_event WHERE municipality_code = $1 AND resource_type = 'aftercare_decision' "
            "AND resource_id = $2 AND action = 'update' ORDER BY id",
            muni,
            decision["id"],
        )
        assert [json.loads(a["detail"]) for a in audits] == [
            {"fields": ["outcome", "support_until"]},
            {"fields": ["outcome", "support_until"]},
        ]
        changes = await admin_db.fetch(
            "SELECT action, version FROM change_event WHERE resource_type = 'aftercare_decision' "
            "AND resource_id = $1 ORDER BY id",
            decision["id"],
        )
        assert [(c["action"], c["version"]) for c in changes] == [
            ("created", 1),
            ("updated", 2),
            ("updated", 3),
        ]
