"""§8.2 through HTTP: R19 and R20 do not vanish at 18. A placed youth who turned 18 without a
youth plan or an aftercare decision shows it, overdue, to the caseworker who owns the case and
to the adult area that takes over."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.clock import TODAY
from tests.clock import years_ago as born
from tests.conftest import synthetic_cpr
from ungeapi.placements.rules import add_months
from ungeapi.youth.rules import date_turning

DAY = timedelta(days=1)
PLAN_DUE, DECISION_DUE = "youth_plan.due", "aftercare.decision_due"



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
    CPRS[response.json()["id"]] = body["cpr"]
    return response.json()["id"]


# Each youth's CPR by id: the adult area takes the youth on by CPR (cases/rules.py may_take_on).
CPRS: dict[str, str] = {}


async def open_case(client, headers, youth_id: str, department: str = "BFU", **fields) -> dict:
    body = {
        "youth_cpr": CPRS[youth_id],
        "department_code": department,
        "kind": "placement",
        "opened_on": TODAY.isoformat(),
        **fields,
    }
    response = await client.post("/v1/cases", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def items(client, headers, kind: str, as_of: date, **params) -> list[dict]:
    query = {"kind": kind, "as_of": as_of.isoformat(), **params}
    response = await client.get("/v1/obligations", params=query, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


class TestTurning18:
    async def test_both_stay_overdue_the_day_after_the_18th_birthday(
        self, client, auth, seeded, caseworker
    ) -> None:
        birth = born(17, 200)  # 18 in about 165 days; placed since 2025-01-06
        youth_id = await new_youth(client, auth, birth)
        await open_case(client, caseworker, youth_id, opened_on="2025-01-06")
        eighteen = date_turning(birth, 18)
        plan_deadline = add_months(max(date_turning(birth, 16), date(2025, 1, 6)), 3)
        decision_deadline = add_months(eighteen, -6)
        for day in (eighteen - DAY, eighteen, eighteen + DAY, eighteen + timedelta(days=400)):
            plan = await items(client, caseworker, PLAN_DUE, day, youth_id=youth_id)
            assert [(o["due_on"], o["overdue"]) for o in plan] == [(plan_deadline.isoformat(), True)], day
            decision = await items(client, caseworker, DECISION_DUE, day, youth_id=youth_id)
            assert [(o["due_on"], o["overdue"]) for o in decision] == [
                (decision_deadline.isoformat(), True)
            ], day
        # The owning caseworker's own list finds it too (responsible=me).
        mine = await items(client, caseworker, DECISION_DUE, eighteen + DAY, responsible="me")
        assert [o["youth_id"] for o in mine] == [youth_id]

    async def test_the_placement_ended_at_18_and_the_adult_area_took_over(
        self, client, auth, seeded, caseworker
    ) -> None:
        # Turned 18 two months ago: the placement closed that day (a closing is recorded once it
        # happened), and the adult area had opened its cases a month before.
        birth = born(18, 60)
        eighteen = date_turning(birth, 18)
        adult_opened = (eighteen - timedelta(days=30)).isoformat()
        youth_id = await new_youth(client, auth, birth)
        await open_case(client, caseworker, youth_id, opened_on="2025-01-06", closed_on=eighteen.isoformat())
        adult = auth("caseworker", "SAEH", sub="saeh-1")
        await open_case(client, adult, youth_id, department="SAEH", kind="disability", opened_on=adult_opened)
        jobcentre = auth("caseworker", "ARB", sub="arb-1")
        await open_case(client, jobcentre, youth_id, department="ARB", kind="employment", opened_on=adult_opened)
        deadline = add_months(eighteen, -6).isoformat()

        before = await items(client, caseworker, DECISION_DUE, eighteen - DAY, youth_id=youth_id)
        assert [(o["due_on"], o["responsible_departments"]) for o in before] == [(deadline, ["BFU"])]
        for day in (eighteen, eighteen + DAY):
            found = await items(client, caseworker, DECISION_DUE, day, youth_id=youth_id)
            assert [(o["due_on"], o["overdue"]) for o in found] == [(deadline, True)]
            assert found[0]["responsible_departments"] == ["ARB", "BFU", "SAEH"]
            assert found[0]["responsible_subs"] == ["raadgiver-bfu"]
            # The adult area sees it through its own case, and finds it by its department.
            for headers, code in ((adult, "SAEH"), (jobcentre, "ARB")):
                theirs = await items(client, headers, DECISION_DUE, day, department=code)
                assert [o["youth_id"] for o in theirs] == [youth_id]
        # Before 18 the adult area is not responsible.
        assert await items(client, adult, DECISION_DUE, eighteen - DAY, department="SAEH") == []

    async def test_not_missed_before_18_vanishes_with_the_duty(
        self, client, auth, seeded, caseworker
    ) -> None:
        # Placed about two months before the 18th birthday: the plan would be due 3 months later, after
        # 18; that duty ends at 18 (no future duties of the children's area after 18).
        birth = born(17, 300)
        eighteen = date_turning(birth, 18)
        youth_id = await new_youth(client, auth, birth)
        await open_case(client, caseworker, youth_id)
        plan_due = add_months(TODAY, 3)
        assert plan_due >= eighteen
        found = await items(client, caseworker, PLAN_DUE, eighteen - DAY, youth_id=youth_id)
        assert [o["due_on"] for o in found] == [plan_due.isoformat()]
        assert await items(client, caseworker, PLAN_DUE, eighteen, youth_id=youth_id) == []

    async def test_a_record_after_18_satisfies_it(self, client, auth, seeded, caseworker) -> None:
        birth = born(18, 30)
        youth_id = await new_youth(client, auth, birth)
        await open_case(client, caseworker, youth_id, opened_on="2025-01-06")
        assert len(await items(client, caseworker, DECISION_DUE, TODAY, youth_id=youth_id)) == 1
        response = await client.post(
            "/v1/aftercare-decisions",
            json={"youth_id": youth_id, "outcome": "granted", "legal_basis_code": "BL § 114"},
            headers=caseworker,
        )
        assert response.status_code == 201, response.text
        assert await items(client, caseworker, DECISION_DUE, TODAY, youth_id=youth_id) == []
