"""R24 through HTTP: the jobcentre assesses an education order for a young benefit recipient, the
order's deadlines follow, and the rule holds only inside its validity dates (a settings change)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.api.plans.test_plans import new_youth, years_ago
from tests.clock import TODAY

DAY = timedelta(days=1)
OPENED = TODAY - 10 * DAY
KINDS = ("education_order.assessment_due", "education_order.proposal_due", "education_order.application_due")


@pytest.fixture
async def seeded(client, auth) -> None:
    assert (await client.post("/v1/settings/seed", headers=auth("admin"))).status_code == 200


@pytest.fixture
def jc(auth):
    return auth("caseworker", "ARB", sub="jobkonsulent-1")


async def settings(client, auth, **policy) -> None:
    admin = auth("admin")
    current = (await client.get("/v1/settings", headers=admin)).json()
    body = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in policy.items()}
    response = await client.put(
        "/v1/settings", json=body, headers={**admin, "If-Match": f'"{current["version"]}"'}
    )
    assert response.status_code == 200, response.text


async def jobcentre_case(client, auth, youth_id: str, **fields) -> dict:
    """A case opened by the municipality's admin for the jobcentre's caseworker (who then sees the
    youth through it)."""
    headers = auth("admin", "ARB")
    body = {"youth_id": youth_id, "department_code": "ARB", "kind": "employment",
            "opened_on": OPENED.isoformat(), "benefit_type": "cash_benefit",
            "caseworker": {"sub": "jobkonsulent-1", "name": "Jobkonsulent Jens"}, **fields}  # fmt: skip
    response = await client.post("/v1/cases", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def duties(client, headers, youth_id: str, as_of: date = TODAY) -> list[tuple[str, str, bool]]:
    params = {"youth_id": youth_id, "as_of": as_of.isoformat()}
    response = await client.get("/v1/obligations", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return sorted(
        (o["kind"], o["due_on"], o["overdue"]) for o in response.json()["items"] if o["kind"] in KINDS
    )


async def record(client, headers, body: dict):
    return await client.post("/v1/education-orders", json=body, headers=headers)


def order_body(youth_id: str, case_id: str, **fields) -> dict:
    return {
        "youth_id": youth_id,
        "case_id": case_id,
        "outcome": "ordered",
        "ordered_on": (TODAY - 2 * DAY).isoformat(),
        "assessed_on": (TODAY - 2 * DAY).isoformat(),
        "proposal_due_on": (TODAY + 5 * DAY).isoformat(),
        "application_due_on": (TODAY + 20 * DAY).isoformat(),
        **fields,
    }


pytestmark = pytest.mark.usefixtures("seeded")


class TestAssessmentDue:
    async def test_first_day_overdue_after_and_closed_by_the_assessment(self, client, auth, jc) -> None:
        youth_id = await new_youth(client, auth, years_ago(20, 40))
        case = await jobcentre_case(client, auth, youth_id)
        assert case["benefit_type"] == "cash_benefit" and case["has_vocational_education"] is None
        due = (OPENED + 30 * DAY).isoformat()
        assert await duties(client, jc, youth_id, OPENED - DAY) == []
        assert await duties(client, jc, youth_id, OPENED) == [("education_order.assessment_due", due, False)]
        assert await duties(client, jc, youth_id, OPENED + 30 * DAY) == [
            ("education_order.assessment_due", due, False)
        ]
        assert await duties(client, jc, youth_id, OPENED + 31 * DAY) == [
            ("education_order.assessment_due", due, True)
        ]
        items = (await client.get("/v1/obligations", params={"youth_id": youth_id}, headers=jc)).json()[
            "items"
        ]
        item = next(i for i in items if i["kind"] == "education_order.assessment_due")
        assert item["subject"] == {"type": "case", "id": case["id"]}
        assert item["responsible_departments"] == ["ARB"] and item["responsible_subs"] == ["jobkonsulent-1"]
        mine = await client.get("/v1/obligations", params={"responsible": "jobkonsulent-1"}, headers=jc)
        assert "education_order.assessment_due" in {i["kind"] for i in mine.json()["items"]}

        response = await record(
            client, jc, {"youth_id": youth_id, "case_id": case["id"], "outcome": "not_ordered"}
        )
        assert response.status_code == 201, response.text
        assert response.json()["assessed_on"] == TODAY.isoformat()
        assert await duties(client, jc, youth_id, OPENED + 31 * DAY) == []

    @pytest.mark.parametrize(
        ("fields", "born"),
        [
            ({"has_vocational_education": True}, years_ago(20, 40)),
            ({"has_custody_of_children": True}, years_ago(20, 40)),
            ({"benefit_type": "other"}, years_ago(20, 40)),
            ({}, years_ago(25, 40)),
        ],
        ids=["vocational", "custody", "other benefit", "25"],
    )
    async def test_who_is_not_assessed(self, client, auth, jc, fields, born) -> None:
        youth_id = await new_youth(client, auth, born)
        await jobcentre_case(client, auth, youth_id, **fields)
        assert await duties(client, jc, youth_id) == []

    async def test_a_case_outside_the_jobcentre_owes_nothing(self, client, auth) -> None:
        youth_id = await new_youth(client, auth, years_ago(20, 40))
        bfu = auth("caseworker", "BFU")
        await jobcentre_case(client, auth, youth_id, department_code="BFU", kind="other")
        assert await duties(client, bfu, youth_id) == []

    async def test_a_change_of_the_case_fields_closes_it(self, client, auth, jc) -> None:
        youth_id = await new_youth(client, auth, years_ago(20, 40))
        case = await jobcentre_case(client, auth, youth_id)
        changed = await client.patch(
            f"/v1/cases/{case['id']}",
            json={"has_custody_of_children": True},
            headers={**jc, "If-Match": '"1"'},
        )
        assert changed.status_code == 200 and changed.json()["has_custody_of_children"] is True
        assert await duties(client, jc, youth_id) == []


class TestValidityDates:
    """The rule is a settings change away: tested on both sides of each date."""

    async def test_the_last_day_in_force(self, client, auth, jc) -> None:
        youth_id = await new_youth(client, auth, years_ago(20, 40))
        case = await jobcentre_case(client, auth, youth_id)
        await settings(client, auth, education_order_valid_to=TODAY)
        assert [d[0] for d in await duties(client, jc, youth_id)] == ["education_order.assessment_due"]
        assert await duties(client, jc, youth_id, TODAY + DAY) == []
        body = {"youth_id": youth_id, "case_id": case["id"], "outcome": "not_ordered"}
        late = await record(client, jc, body)
        assert late.status_code == 201, late.text

        await settings(client, auth, education_order_valid_to=TODAY - DAY)
        assert await duties(client, jc, youth_id) == []
        youth_id = await new_youth(client, auth, years_ago(21, 40))
        case = await jobcentre_case(client, auth, youth_id)
        assert await duties(client, jc, youth_id) == []
        refused = await record(
            client, jc, {"youth_id": youth_id, "case_id": case["id"], "outcome": "not_ordered"}
        )
        assert refused.status_code == 422 and refused.json()["code"] == "education_order.not_in_force"
        da = await client.post(
            "/v1/education-orders",
            json={"youth_id": youth_id, "case_id": case["id"], "outcome": "not_ordered"},
            headers={**jc, "Accept-Language": "da"},
        )
        assert da.json()["title"] == "Reglen gælder ikke"

    async def test_the_first_day_in_force(self, client, auth, jc) -> None:
        youth_id = await new_youth(client, auth, years_ago(20, 40))
        case = await jobcentre_case(client, auth, youth_id)
        await settings(client, auth, education_order_valid_from=TODAY + DAY)
        assert await duties(client, jc, youth_id) == []
        due = (TODAY + 31 * DAY).isoformat()
        assert await duties(client, jc, youth_id, TODAY + DAY) == [
            ("education_order.assessment_due", due, False)
        ]
        body = {"youth_id": youth_id, "case_id": case["id"], "outcome": "not_ordered"}
        refused = await record(client, jc, body)
        assert refused.status_code == 422 and refused.json()["code"] == "education_order.not_in_force"
        await settings(client, auth, education_order_valid_from=TODAY)
        assert (await record(client, jc, body)).status_code == 201

    async def test_a_missed_assessment_stays_after_the_rule_ended(self, client, auth, jc) -> None:
        youth_id = await new_youth(client, auth, years_ago(20, 40))
        body = {"youth_id": youth_id, "department_code": "ARB", "kind": "employment",
                "opened_on": (TODAY - 60 * DAY).isoformat(), "benefit_type": "unemployment_benefit"}  # fmt: skip
        body["caseworker"] = {"sub": "jobkonsulent-1", "name": "Jobkonsulent Jens"}
        assert (await client.post("/v1/cases", json=body, headers=auth("admin", "ARB"))).status_code == 201
        await settings(client, auth, education_order_valid_to=TODAY - 5 * DAY)
        due = (TODAY - 30 * DAY).isoformat()
        assert await duties(client, jc, youth_id) == [("education_order.assessment_due", due, True)]

    async def test_settings_refuse_an_end_before_the_start(self, client, auth) -> None:
        admin = auth("admin")
        current = (await client.get("/v1/settings", headers=admin)).json()
        body = {"education_order_valid_from": "2026-01-02", "education_order_valid_to": "2026-01-01"}
        response = await client.put(
            "/v1/settings", json=body, headers={**admin, "If-Match": f'"{current["version"]}"'}
        )
        assert response.status_code == 422


class TestOrderDeadlines:
    async def test_proposal_and_application(self, client, auth, jc) -> None:
        youth_id = await new_youth(client, auth, years_ago(19, 40))
        case = await jobcentre_case(client, auth, youth_id)
        response = await record(client, jc, order_body(youth_id, case["id"]))
        assert response.status_code == 201, response.text
        order = response.json()
        proposal, application = (TODAY + 5 * DAY).isoformat(), (TODAY + 20 * DAY).isoformat()
        assert await duties(client, jc, youth_id) == [
            ("education_order.application_due", application, False),
            ("education_order.proposal_due", proposal, False),
        ]
        assert await duties(client, jc, youth_id, TODAY + 6 * DAY) == [
            ("education_order.application_due", application, False),
            ("education_order.proposal_due", proposal, True),
        ]
        url = f"/v1/education-orders/{order['id']}"
        early = await client.patch(url, json={"proposed_on": (TODAY - 3 * DAY).isoformat()},
                                   headers={**jc, "If-Match": '"1"'})  # fmt: skip
        assert early.status_code == 422 and early.json()["code"] == "date.before_event"
        proposed = await client.patch(
            url, json={"proposed_on": TODAY.isoformat()}, headers={**jc, "If-Match": '"1"'}
        )
        assert proposed.status_code == 200, proposed.text
        assert await duties(client, jc, youth_id, TODAY + 21 * DAY) == [
            ("education_order.application_due", application, True)
        ]
        applied = await client.patch(
            url, json={"applied_on": TODAY.isoformat()}, headers={**jc, "If-Match": '"2"'}
        )
        assert applied.status_code == 200, applied.text
        assert await duties(client, jc, youth_id, TODAY + 21 * DAY) == []
        listed = await client.get("/v1/education-orders", params={"youth_id": youth_id}, headers=jc)
        assert [o["id"] for o in listed.json()["items"]] == [order["id"]]
        overview = (await client.get(f"/v1/youth/{youth_id}/overview", headers=jc)).json()
        assert overview["education_order"]["id"] == order["id"]

    async def test_the_order_as_of_the_day_before_it(self, client, auth, jc) -> None:
        youth_id = await new_youth(client, auth, years_ago(19, 40))
        case = await jobcentre_case(client, auth, youth_id)
        await record(client, jc, order_body(youth_id, case["id"]))
        assert await duties(client, jc, youth_id, TODAY - 3 * DAY) == []
        assert len(await duties(client, jc, youth_id, TODAY - 2 * DAY)) == 2

    @pytest.mark.parametrize(
        "fields",
        [
            {"proposal_due_on": None},
            {"application_due_on": (TODAY + 4 * DAY).isoformat()},
            {"outcome": "not_ordered"},
        ],
        ids=["no proposal deadline", "application before proposal", "deadlines without an order"],
    )
    async def test_deadlines_that_do_not_fit(self, client, auth, jc, fields) -> None:
        youth_id = await new_youth(client, auth, years_ago(19, 40))
        case = await jobcentre_case(client, auth, youth_id)
        response = await record(client, jc, order_body(youth_id, case["id"], **fields))
        assert response.status_code == 422 and response.json()["code"] == "education_order.invalid_deadlines"

    async def test_a_case_of_another_youth_and_an_unseen_youth(self, client, auth, jc) -> None:
        youth_id = await new_youth(client, auth, years_ago(19, 40))
        other = await new_youth(client, auth, years_ago(20, 10))
        case = await jobcentre_case(client, auth, other)
        await jobcentre_case(client, auth, youth_id)
        response = await record(client, jc, order_body(youth_id, case["id"]))
        assert response.status_code == 422 and response.json()["code"] == "education_order.case_not_of_youth"
        unseen = await new_youth(client, auth, years_ago(19, 80))
        response = await record(client, jc, order_body(unseen, case["id"]))
        assert response.status_code == 404
        reader = auth("caseworker", "SUND")
        assert (await client.get("/v1/education-orders", headers=reader)).json()["items"] == []

    async def test_the_export_holds_the_orders(self, client, auth, jc) -> None:
        youth_id = await new_youth(client, auth, years_ago(19, 40))
        case = await jobcentre_case(client, auth, youth_id)
        order = (await record(client, jc, order_body(youth_id, case["id"]))).json()
        export = await client.get(f"/v1/youth/{youth_id}/export", headers=auth("dpo"))
        assert export.status_code == 200, export.text
        assert [o["id"] for o in export.json()["sections"]["education_orders"]] == [order["id"]]


class TestOrderDates:
    async def test_the_order_is_not_ahead_nor_before_the_assessment(self, client, auth, jc) -> None:
        youth_id = await new_youth(client, auth, years_ago(19, 40))
        case = await jobcentre_case(client, auth, youth_id)
        ahead = order_body(youth_id, case["id"], ordered_on=(TODAY + DAY).isoformat())
        response = await record(client, jc, ahead)
        assert response.status_code == 422 and response.json()["code"] == "date.in_future"
        before = order_body(youth_id, case["id"], ordered_on=(TODAY - 3 * DAY).isoformat())
        response = await record(client, jc, before)
        assert response.status_code == 422 and response.json()["code"] == "date.before_event"
        answered = order_body(youth_id, case["id"], proposed_on=(TODAY - 3 * DAY).isoformat())
        response = await record(client, jc, answered)
        assert response.status_code == 422 and response.json()["code"] == "date.before_event"


# --- the door table: education_order.not_in_force on every write path of an order -------------

VALID_FROM, VALID_TO = TODAY - 5 * DAY, TODAY - 2 * DAY


async def _post_assessed(client, auth, youth_id: str, case_id: str, day: date):
    body = {
        "youth_id": youth_id,
        "case_id": case_id,
        "outcome": "not_ordered",
        "assessed_on": day.isoformat(),
    }
    return await record(client, auth("caseworker", "ARB", sub="jobkonsulent-1"), body)


async def _patch_assessed(client, auth, youth_id: str, case_id: str, day: date):
    made = await _post_assessed(client, auth, youth_id, case_id, VALID_FROM)
    assert made.status_code == 201, made.text
    headers = {**auth("caseworker", "ARB", sub="jobkonsulent-1"), "If-Match": '"1"'}
    return await client.patch(
        f"/v1/education-orders/{made.json()['id']}", json={"assessed_on": day.isoformat()}, headers=headers
    )


DOORS = {
    "POST /v1/education-orders": _post_assessed,
    "PATCH /v1/education-orders/{order_id}": _patch_assessed,
}


@pytest.mark.usefixtures("seeded")  # also where the door matrix collects the class
@pytest.mark.parametrize("door", sorted(DOORS))
class InForceOnEveryDoor:
    """Each door, the day before, the day and the day after each validity date."""

    @pytest.mark.parametrize(
        ("day", "accepted"),
        [(VALID_FROM - DAY, False), (VALID_FROM, True), (VALID_TO, True), (VALID_TO + DAY, False)],
        ids=["before the first day", "first day", "last day", "after the last day"],
    )
    async def test_only_inside_the_validity_dates(self, client, auth, door, day, accepted) -> None:
        youth_id = await new_youth(client, auth, years_ago(20, 40))
        case = await jobcentre_case(client, auth, youth_id)
        await settings(client, auth, education_order_valid_from=VALID_FROM, education_order_valid_to=VALID_TO)
        response = await DOORS[door](client, auth, youth_id, case["id"], day)
        if accepted:
            assert response.status_code < 300, response.text
        else:
            assert response.status_code == 422 and response.json()["code"] == "education_order.not_in_force"
