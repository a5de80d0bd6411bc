"""§8.2 through HTTP for every obligation kind besides R11, R19 and R20 (tested in
tests/api/transitions/test_update_windows.py and tests/api/placements/test_after_18.py): an item
that was due and unmet while its conditions held stays, overdue, after they lapse (a case
closes, the youth leaves the age range, a plan resumes or ends, a team or concern closes),
until the data satisfies it or it is resolved; one whose conditions lapsed before it was due
leaves with its duty. Each kind: the day before its due day, the day, the day after, a lapse
after the due day, a lapse before it, satisfied, resolved."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.api.concerns.test_concerns import ACKNOWLEDGE_BY, FRIDAY, at, concern_body, receive
from tests.api.referrals.test_referrals_meetings import submitted
from tests.clock import TODAY
from tests.clock import years_ago as born
from tests.conftest import synthetic_cpr
from ungeapi.plans.rules import add_weekdays
from ungeapi.youth.rules import date_turning

DAY = timedelta(days=1)



def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@pytest.fixture
async def seeded(client, auth) -> None:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text


@pytest.fixture
def admin(auth):
    return auth("admin", "BFU")


@pytest.fixture
def bfu(auth):
    return auth("caseworker", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")


# Each youth's CPR number by id: a department takes a youth on by CPR (the youth came to it).
CPRS: dict[str, str] = {}


async def new_youth(client, auth, birth: date, registered_by: str = "BFU") -> str:
    body = {
        "cpr": synthetic_cpr(birth.strftime("%d%m%y"), 4 if 2000 <= birth.year <= 2036 else 0),
        "given_name": "Testa",
        "family_name": "Eksempelsen",
        "registered_by_department": registered_by,
    }
    response = await client.post("/v1/youth", json=body, headers=auth("admin", registered_by))
    assert response.status_code == 201, response.text
    CPRS[response.json()["id"]] = body["cpr"]
    return response.json()["id"]


async def open_case(
    client, headers, youth_id: str, opened_on: date, department: str = "BFU", **fields
) -> dict:
    body = {
        "youth_cpr": CPRS[youth_id],
        "department_code": department,
        "kind": "placement",
        "opened_on": opened_on.isoformat(),
        **fields,
    }
    response = await client.post("/v1/cases", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def close_case(client, headers, case: dict, closed_on: date) -> None:
    response = await client.patch(
        f"/v1/cases/{case['id']}",
        json={"closed_on": closed_on.isoformat()},
        headers={**headers, "If-Match": f'"{case["version"]}"'},
    )
    assert response.status_code == 200, response.text


async def items(
    client, headers, kind: str, youth_id: str | None, as_of: date = TODAY, **params
) -> list[dict]:
    query = {"kind": kind, "as_of": as_of.isoformat(), **params}
    if youth_id is not None:
        query["youth_id"] = youth_id
    response = await client.get("/v1/obligations", params=query, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def listed(client, headers, kind: str, youth_id: str, as_of: date = TODAY) -> list[tuple[str, bool]]:
    return [(o["due_on"], o["overdue"]) for o in await items(client, headers, kind, youth_id, as_of)]


async def around(client, headers, kind: str, youth_id: str, due: date, *, before: bool) -> None:
    """The day before the due day (listed, not overdue, when `before`; else not listed), the day
    (not overdue) and the day after (overdue)."""
    expected_before = [(due.isoformat(), False)] if before else []
    assert await listed(client, headers, kind, youth_id, due - DAY) == expected_before
    assert await listed(client, headers, kind, youth_id, due) == [(due.isoformat(), False)]
    assert await listed(client, headers, kind, youth_id, due + DAY) == [(due.isoformat(), True)]


async def resolve(client, headers, kind: str, youth_id: str) -> None:
    [item] = await items(client, headers, kind, youth_id)
    body = {"reason": "done_elsewhere", "note": "Klaret i en anden sag."}
    response = await client.post(f"/v1/obligations/{item['key']}/resolve", json=body, headers=headers)
    assert response.status_code == 201, response.text
    assert await items(client, headers, kind, youth_id) == []


class TestReferralMissing:
    KIND = "referral.missing"

    async def test_stays_after_the_case_closed(self, client, auth, seeded, admin, bfu) -> None:
        youth_id = await new_youth(client, auth, born(16, 200))
        opened = ago(100)
        case = await open_case(client, bfu, youth_id, opened)
        await around(client, bfu, self.KIND, youth_id, opened, before=False)
        await close_case(client, bfu, case, ago(50))
        for day in (ago(51), ago(50), TODAY, TODAY + timedelta(days=400)):
            assert await listed(client, bfu, self.KIND, youth_id, day) == [(opened.isoformat(), True)], day
        [item] = await items(client, admin, self.KIND, youth_id)
        assert (item["responsible_departments"], item["responsible_subs"]) == (["BFU"], ["raadgiver-bfu"])
        # The caseworker of the closed case still finds it on their own list (responsible=).
        mine = await items(client, admin, self.KIND, None, responsible="raadgiver-bfu")
        assert [o["youth_id"] for o in mine] == [youth_id]
        # A referral sent late satisfies it.
        await submitted(client, bfu, youth_id)
        assert await listed(client, bfu, self.KIND, youth_id) == []

    async def test_stays_after_18(self, client, auth, seeded, bfu) -> None:
        birth = born(17, 300)
        eighteen = date_turning(birth, 18)
        youth_id = await new_youth(client, auth, birth)
        await open_case(client, bfu, youth_id, ago(100))
        for day in (eighteen - DAY, eighteen, eighteen + DAY):
            assert await listed(client, bfu, self.KIND, youth_id, day) == [(ago(100).isoformat(), True)], day

    async def test_a_case_closed_before_the_15th_birthday_owes_nothing(
        self, client, auth, seeded, bfu
    ) -> None:
        birth = born(14, 300)
        fifteen = date_turning(birth, 15)
        youth_id = await new_youth(client, auth, birth)
        case = await open_case(client, bfu, youth_id, ago(30))
        await close_case(client, bfu, case, ago(10))
        for day in (fifteen - DAY, fifteen, fifteen + DAY):
            assert await listed(client, bfu, self.KIND, youth_id, day) == [], day

    async def test_resolved(self, client, auth, seeded, bfu) -> None:
        youth_id = await new_youth(client, auth, born(16, 200))
        case = await open_case(client, bfu, youth_id, ago(100))
        await close_case(client, bfu, case, ago(50))
        await resolve(client, bfu, self.KIND, youth_id)


class TestGuideOfferDue:
    KIND = "guide.offer_due"

    async def test_stays_after_an_authority_case_closed(self, client, auth, seeded, admin, bfu) -> None:
        # Registered by the school: BFU and ARB see the youth through their cases only.
        youth_id = await new_youth(client, auth, born(16, 40), registered_by="SKOLE")
        arb = auth("caseworker", "ARB", sub="cw-arb")
        await open_case(client, bfu, youth_id, ago(300), kind="preventive")
        second = ago(270)
        arb_case = await open_case(client, arb, youth_id, second, department="ARB", kind="employment")
        await around(client, bfu, self.KIND, youth_id, second, before=False)
        await close_case(client, arb, arb_case, ago(100))
        for day in (ago(101), ago(100), TODAY):
            assert await listed(client, bfu, self.KIND, youth_id, day) == [(second.isoformat(), True)], day
        [item] = await items(client, bfu, self.KIND, youth_id)
        assert (item["responsible_departments"], item["responsible_subs"]) == (
            ["ARB", "BFU"],
            ["cw-arb", "raadgiver-bfu"],
        )
        # Responsibility without wider access: the job centre, whose case closed, no longer sees
        # the youth, so not this item either; its caseworker's share is still found by admin.
        assert await items(client, arb, self.KIND, None) == []
        mine = await items(client, admin, self.KIND, None, responsible="cw-arb")
        assert [o["youth_id"] for o in mine] == [youth_id]
        # Offering a guide (late) satisfies it.
        response = await client.post(
            "/v1/guides", json={"youth_id": youth_id, "guide": {"sub": "g-1", "name": "Guide"}}, headers=bfu
        )
        assert response.status_code == 201, response.text
        assert await listed(client, bfu, self.KIND, youth_id) == []

    async def test_closed_before_the_15th_birthday_owes_nothing(self, client, auth, seeded, bfu) -> None:
        birth = born(14, 300)
        fifteen = date_turning(birth, 15)
        youth_id = await new_youth(client, auth, birth)
        await open_case(client, bfu, youth_id, ago(60), kind="preventive")
        arb = auth("caseworker", "ARB", sub="cw-arb")
        arb_case = await open_case(client, arb, youth_id, ago(60), department="ARB", kind="employment")
        await close_case(client, arb, arb_case, ago(10))
        for day in (fifteen - DAY, fifteen, fifteen + DAY):
            assert await listed(client, bfu, self.KIND, youth_id, day) == [], day

    async def test_resolved(self, client, auth, seeded, bfu) -> None:
        youth_id = await new_youth(client, auth, born(16, 40))
        await open_case(client, bfu, youth_id, ago(300), kind="preventive")
        arb = auth("caseworker", "ARB", sub="cw-arb")
        arb_case = await open_case(client, arb, youth_id, ago(270), department="ARB", kind="employment")
        await close_case(client, arb, arb_case, ago(100))
        await resolve(client, bfu, self.KIND, youth_id)


NEEDS_FORM = {"kind": "disability", "support_after_18_expected": True}


class TestTransitionFormDue:
    KIND = "transition_form.due"

    async def test_stays_after_the_case_closed(self, client, auth, seeded, bfu) -> None:
        youth_id = await new_youth(client, auth, born(15, 100))
        opened = ago(200)
        case = await open_case(client, bfu, youth_id, opened, **NEEDS_FORM)
        await around(client, bfu, self.KIND, youth_id, opened, before=False)
        await close_case(client, bfu, case, ago(20))
        for day in (ago(21), ago(20), TODAY):
            assert await listed(client, bfu, self.KIND, youth_id, day) == [(opened.isoformat(), True)], day
        response = await client.post(
            "/v1/transition-forms", json={"youth_id": youth_id, "support_hours_per_week": 12}, headers=bfu
        )
        assert response.status_code == 201, response.text
        assert await listed(client, bfu, self.KIND, youth_id) == []

    async def test_closed_before_the_14th_birthday_owes_nothing(self, client, auth, seeded, bfu) -> None:
        birth = born(13, 300)
        fourteen = date_turning(birth, 14)
        youth_id = await new_youth(client, auth, birth)
        case = await open_case(client, bfu, youth_id, ago(30), **NEEDS_FORM)
        await close_case(client, bfu, case, ago(5))
        for day in (fourteen - DAY, fourteen, fourteen + DAY):
            assert await listed(client, bfu, self.KIND, youth_id, day) == [], day

    async def test_resolved(self, client, auth, seeded, bfu) -> None:
        youth_id = await new_youth(client, auth, born(15, 100))
        case = await open_case(client, bfu, youth_id, ago(200), **NEEDS_FORM)
        await close_case(client, bfu, case, ago(20))
        await resolve(client, bfu, self.KIND, youth_id)


MEMBERS = [
    {"sub": "raadgiver-bfu", "name": "Rådgiver Bente", "department": "BFU", "role": "Rådgiver", "lead": True},
    {"department": "SAEH", "role": "Myndighed Handicap"},
]
MEETING = {
    "youth_present": True,
    "parents_present": False,
    "frame": {"worries": "Mange skift.", "what_works": "God kontakt.", "next_steps": "Bostøtte."},
}


class TestTeamFirstMeeting:
    KIND = "team.first_meeting_due"

    async def team(self, client, auth, birth: date) -> tuple[str, dict]:
        youth_id = await new_youth(client, auth, birth)
        await open_case(client, auth("caseworker", "BFU"), youth_id, ago(300))
        coordinator = auth("coordinator", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")
        response = await client.post(
            "/v1/teams", json={"youth_id": youth_id, "members": MEMBERS}, headers=coordinator
        )
        assert response.status_code == 201, response.text
        return youth_id, response.json()

    async def test_a_closed_team_keeps_a_missed_first_meeting(
        self, client, auth, seeded, bfu, admin_db, muni
    ) -> None:
        birth = born(16, 40)
        deadline = date_turning(birth, 17)
        youth_id, team = await self.team(client, auth, birth)
        await around(client, bfu, self.KIND, youth_id, deadline, before=True)
        # No door closes a team, and a closing is not dated: closed, it owes nothing before its
        # deadline and keeps the missed meeting after it.
        await admin_db.execute(
            "UPDATE coordinating_team SET status = 'closed' WHERE municipality_code = $1", muni
        )
        assert await listed(client, bfu, self.KIND, youth_id, deadline - DAY) == []
        assert await listed(client, bfu, self.KIND, youth_id, deadline) == []
        assert await listed(client, bfu, self.KIND, youth_id, deadline + DAY) == [
            (deadline.isoformat(), True)
        ]
        # A meeting held satisfies it (the youth turning 18 ends nothing meanwhile).
        eighteen = date_turning(birth, 18)
        assert await listed(client, bfu, self.KIND, youth_id, eighteen) == [(deadline.isoformat(), True)]
        response = await client.post(
            f"/v1/teams/{team['id']}/meetings", json={**MEETING, "held_on": TODAY.isoformat()}, headers=bfu
        )
        assert response.status_code == 201, response.text
        assert await listed(client, bfu, self.KIND, youth_id, deadline + DAY) == []

    async def test_resolved(self, client, auth, seeded, bfu, admin_db, muni) -> None:
        youth_id, _ = await self.team(client, auth, born(16, 40))
        await admin_db.execute(
            "UPDATE coordinating_team SET status = 'closed', first_meeting_deadline = $2"
            " WHERE municipality_code = $1",
            muni,
            ago(5),
        )
        assert await listed(client, bfu, self.KIND, youth_id) == [(ago(5).isoformat(), True)]
        await resolve(client, bfu, self.KIND, youth_id)


async def make_plan(client, headers, youth_id: str, **fields) -> dict:
    body = {"youth_id": youth_id, "started_on": ago(100).isoformat(), **fields}
    response = await client.post("/v1/plans", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def change(client, headers, plan: dict, **body) -> dict:
    response = await client.patch(
        f"/v1/plans/{plan['id']}", json=body, headers={**headers, "If-Match": f'"{plan["version"]}"'}
    )
    assert response.status_code == 200, response.text
    return response.json()


class TestDropout:
    CONTACT, ACTIVITY = "plan.dropout_contact_due", "plan.new_activity_due"

    async def interrupted(self, client, auth, bfu, left: date) -> tuple[str, dict]:
        youth_id = await new_youth(client, auth, born(16, 40))
        plan = await make_plan(client, bfu, youth_id)
        plan = await change(
            client,
            bfu,
            plan,
            status="interrupted",
            status_reason="Stoppet på FGU.",
            interrupted_on=left.isoformat(),
        )
        return youth_id, plan

    async def test_a_missed_contact_stays_after_the_plan_resumed(self, client, auth, seeded, bfu) -> None:
        left = ago(40)
        contact_due = add_weekdays(left, 5)
        youth_id, plan = await self.interrupted(client, auth, bfu, left)
        await around(client, bfu, self.CONTACT, youth_id, contact_due, before=True)
        plan = await change(client, bfu, plan, status="active")
        assert plan["resumed_on"] == TODAY.isoformat()
        for day in (TODAY, TODAY + DAY):
            assert await listed(client, bfu, self.CONTACT, youth_id, day) == [(contact_due.isoformat(), True)]
            # Resuming is the new activity (late: it was due 30 days after).
            assert await listed(client, bfu, self.ACTIVITY, youth_id, day) == []
        # The contact can still be recorded on the resumed plan, and satisfies it.
        refused = await client.patch(
            f"/v1/plans/{plan['id']}",
            json={"dropout_contact_on": (TODAY + DAY).isoformat()},
            headers={**bfu, "If-Match": f'"{plan["version"]}"'},
        )
        assert refused.status_code == 422 and refused.json()["code"] == "date.in_future"
        await change(client, bfu, plan, dropout_contact_on=ago(30).isoformat())
        assert await listed(client, bfu, self.CONTACT, youth_id, TODAY + DAY) == []

    async def test_resumed_before_the_deadlines_owes_nothing(self, client, auth, seeded, bfu) -> None:
        left = ago(2)
        youth_id, plan = await self.interrupted(client, auth, bfu, left)
        await change(client, bfu, plan, status="active")
        contact_due, activity_due = add_weekdays(left, 5), left + timedelta(days=30)
        for day in (contact_due - DAY, contact_due, contact_due + DAY):
            assert await listed(client, bfu, self.CONTACT, youth_id, day) == [], day
        assert await listed(client, bfu, self.ACTIVITY, youth_id, activity_due + DAY) == []

    async def test_a_plan_closed_after_the_deadline_keeps_the_new_activity(
        self, client, auth, seeded, bfu
    ) -> None:
        left = ago(40)
        activity_due = left + timedelta(days=30)
        youth_id, plan = await self.interrupted(client, auth, bfu, left)
        await around(client, bfu, self.ACTIVITY, youth_id, activity_due, before=True)
        await change(client, bfu, plan, status="completed")
        for day in (TODAY, TODAY + DAY):
            assert await listed(client, bfu, self.ACTIVITY, youth_id, day) == [
                (activity_due.isoformat(), True)
            ]
        await resolve(client, bfu, self.ACTIVITY, youth_id)
        # A new plan for the youth is the new activity and the contact.
        assert len(await listed(client, bfu, self.CONTACT, youth_id)) == 1
        await make_plan(client, bfu, youth_id, started_on=TODAY.isoformat())
        assert await listed(client, bfu, self.CONTACT, youth_id) == []

    async def test_a_plan_closed_before_the_deadline_owes_nothing(self, client, auth, seeded, bfu) -> None:
        left = ago(5)
        youth_id, plan = await self.interrupted(client, auth, bfu, left)
        await change(client, bfu, plan, status="completed")
        activity_due = left + timedelta(days=30)
        for day in (activity_due - DAY, activity_due, activity_due + DAY):
            assert await listed(client, bfu, self.ACTIVITY, youth_id, day) == [], day


class TestFollowUp:
    KIND = "plan.follow_up_overdue"

    async def test_a_plan_ended_after_its_follow_up_keeps_it(self, client, auth, seeded, bfu) -> None:
        youth_id = await new_youth(client, auth, born(20))
        follow_up = ago(10)
        plan = await make_plan(client, bfu, youth_id, next_follow_up_on=follow_up.isoformat())
        # Listed only once the date has passed.
        assert await listed(client, bfu, self.KIND, youth_id, follow_up - DAY) == []
        assert await listed(client, bfu, self.KIND, youth_id, follow_up) == []
        assert await listed(client, bfu, self.KIND, youth_id, follow_up + DAY) == [
            (follow_up.isoformat(), True)
        ]
        await change(client, bfu, plan, status="completed")
        for day in (TODAY, TODAY + DAY):
            assert await listed(client, bfu, self.KIND, youth_id, day) == [(follow_up.isoformat(), True)]
        await resolve(client, bfu, self.KIND, youth_id)

    async def test_ended_before_or_moved(self, client, auth, seeded, bfu) -> None:
        youth_id = await new_youth(client, auth, born(20))
        follow_up = TODAY + timedelta(days=5)
        plan = await make_plan(client, bfu, youth_id, next_follow_up_on=follow_up.isoformat())
        assert await listed(client, bfu, self.KIND, youth_id, follow_up + DAY) == [
            (follow_up.isoformat(), True)
        ]
        await change(client, bfu, plan, status="completed")
        assert await listed(client, bfu, self.KIND, youth_id, follow_up + DAY) == []
        # Moving the date satisfies it (the current plan of another youth).
        other = await new_youth(client, auth, born(20))
        plan = await make_plan(client, bfu, other, next_follow_up_on=ago(3).isoformat())
        assert len(await listed(client, bfu, self.KIND, other)) == 1
        await change(client, bfu, plan, next_follow_up_on=(TODAY + timedelta(days=14)).isoformat())
        assert await listed(client, bfu, self.KIND, other) == []


class TestConcern:
    ASSESSMENT, ACKNOWLEDGEMENT = "concern.assessment_due", "concern.acknowledgement_due"

    async def test_closing_keeps_a_missed_receipt_and_cannot_hide_an_assessment(
        self, client, auth, seeded, bfu
    ) -> None:
        youth_id = await new_youth(client, auth, born(16), registered_by="UU")
        concern = await receive(client, auth("admin", "UU"), concern_body(youth_id))
        url = f"/v1/concerns/{concern['id']}"
        await around(client, bfu, self.ACKNOWLEDGEMENT, youth_id, ACKNOWLEDGE_BY, before=True)
        # The assessment cannot lapse: a concern closes only once assessed (which satisfies it).
        refused = await client.post(
            url + "/close", json={"outcome": "no_action"}, headers={**bfu, "If-Match": '"1"'}
        )
        assert refused.status_code == 409 and refused.json()["code"] == "concern.invalid_action"
        assert len(await listed(client, bfu, self.ASSESSMENT, youth_id)) == 1
        assessed = await client.post(
            url + "/assess",
            json={"in_danger": False, "at": at(FRIDAY, 15)},
            headers={**bfu, "If-Match": '"1"'},
        )
        assert assessed.status_code == 200, assessed.text
        assert await listed(client, bfu, self.ASSESSMENT, youth_id) == []
        closed = await client.post(
            url + "/close", json={"outcome": "no_action"}, headers={**bfu, "If-Match": '"2"'}
        )
        assert closed.status_code == 200, closed.text
        # Closed after its due day, the receipt owed to the professional sender stays.
        assert await listed(client, bfu, self.ACKNOWLEDGEMENT, youth_id, ACKNOWLEDGE_BY + DAY) == [
            (ACKNOWLEDGE_BY.isoformat(), True)
        ]
        acknowledged = await client.post(url + "/acknowledge", headers={**bfu, "If-Match": '"3"'})
        assert acknowledged.status_code == 200, acknowledged.text
        assert await listed(client, bfu, self.ACKNOWLEDGEMENT, youth_id, ACKNOWLEDGE_BY + DAY) == []

    async def test_resolved(self, client, auth, seeded, bfu) -> None:
        youth_id = await new_youth(client, auth, born(16), registered_by="UU")
        await receive(client, auth("admin", "UU"), concern_body(youth_id))
        await resolve(client, bfu, self.ACKNOWLEDGEMENT, youth_id)


class TestAbsence:
    KIND = "absence.follow_up_due"

    async def test_stays_after_18_until_the_parents_are_warned_or_resolved(
        self, client, auth, seeded, admin
    ) -> None:
        birth = born(17, 300)
        youth_id = await new_youth(client, auth, birth)
        body = {"youth_id": youth_id, "school_name": "Nordbyskolen", "lawful_pct": 2.0, "unlawful_pct": 11.3,
                "sick_pct": 4.0, "period_from": ago(150).isoformat(), "period_to": ago(60).isoformat()}  # fmt: skip
        response = await client.post("/v1/absence", json=body, headers=admin)
        assert response.status_code == 201, response.text
        record = response.json()
        # Due on the period's end (or the day it was recorded, when earlier).
        [item] = await items(client, admin, self.KIND, youth_id)
        due = date.fromisoformat(item["due_on"])
        await around(client, admin, self.KIND, youth_id, due, before=True)
        # Nothing about the youth ends it: not the 18th birthday.
        eighteen = date_turning(birth, 18)
        assert await listed(client, admin, self.KIND, youth_id, eighteen + DAY) == [(due.isoformat(), True)]
        warned = await client.patch(
            f"/v1/absence/{record['id']}",
            json={"parents_warned_on": TODAY.isoformat()},
            headers={**admin, "If-Match": f'"{record["version"]}"'},
        )
        assert warned.status_code == 200, warned.text
        assert await listed(client, admin, self.KIND, youth_id, eighteen + DAY) == []

    async def test_resolved(self, client, auth, seeded, admin) -> None:
        youth_id = await new_youth(client, auth, born(16))
        body = {"youth_id": youth_id, "school_name": "Nordbyskolen", "quarter": "2026Q3", "lawful_pct": 2.0,
                "unlawful_pct": 16.0, "sick_pct": 4.0}  # fmt: skip
        response = await client.post("/v1/absence", json=body, headers=admin)
        assert response.status_code == 201, response.text
        await resolve(client, admin, self.KIND, youth_id)
