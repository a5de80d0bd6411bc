"""R4 through HTTP: a plan of a 15-17-year-old says how the duty to be in education or work is met
(or records an exemption), and records the ungeydelse warning; the worklist shows what is missing
from its first day, overdue the day after, until the data satisfies it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.api.plans.test_plans import make_plan, new_youth, patch, years_ago
from tests.api.plans.test_plans import seeded as seeded  # the fixture
from tests.clock import TODAY

pytestmark = pytest.mark.usefixtures("seeded")

DAY = timedelta(days=1)
R4 = ("plan.duty_unstated", "plan.ungeydelse_warning_due")
STATED = {"duty_kind": "education", "duty_fulfilment": "FGU på produktionsgrunduddannelsen."}


async def duties(client, headers, youth_id: str, as_of: date = TODAY) -> list[tuple[str, str, bool]]:
    params = {"youth_id": youth_id, "as_of": as_of.isoformat()}
    response = await client.get("/v1/obligations", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return sorted((o["kind"], o["due_on"], o["overdue"]) for o in response.json()["items"] if o["kind"] in R4)


@pytest.fixture
def cw(auth):
    return auth("caseworker", "BFU", sub="cw-bfu")


class TestAPlanOfA16YearOld:
    async def test_accepted_without_a_statement_and_both_duties_show(self, client, auth, cw) -> None:
        youth_id = await new_youth(client, auth, years_ago(16, 40))
        made = TODAY - 10 * DAY
        plan = await make_plan(client, cw, youth_id, started_on=made.isoformat())
        assert plan["duty_kind"] is None and plan["ungeydelse_warning_on"] is None
        assert await duties(client, cw, youth_id, made - DAY) == []
        day = made.isoformat()
        assert await duties(client, cw, youth_id, made) == [
            ("plan.duty_unstated", day, False),
            ("plan.ungeydelse_warning_due", day, False),
        ]
        assert await duties(client, cw, youth_id, made + DAY) == [
            ("plan.duty_unstated", day, True),
            ("plan.ungeydelse_warning_due", day, True),
        ]
        items = (await client.get("/v1/obligations", params={"youth_id": youth_id}, headers=cw)).json()[
            "items"
        ]
        unstated = next(i for i in items if i["kind"] == "plan.duty_unstated")
        assert unstated["responsible_subs"] == ["cw-bfu"] and unstated["subject"] == {
            "type": "plan",
            "id": plan["id"],
        }
        da = await client.get(
            "/v1/obligations", params={"youth_id": youth_id}, headers={**cw, "Accept-Language": "da"}
        )
        titles = {i["kind"]: i["title"] for i in da.json()["items"]}
        assert titles["plan.ungeydelse_warning_due"].startswith("Vejled den unge")

        url = f"/v1/plans/{plan['id']}"
        stated = await patch(client, url, cw, 1, **STATED)
        assert stated.status_code == 200, stated.text
        assert await duties(client, cw, youth_id) == [("plan.ungeydelse_warning_due", day, True)]
        warned = await patch(
            client, url, cw, 2, ungeydelse_warning_on=TODAY.isoformat(), guardian_involvement="Mor deltog."
        )
        assert warned.status_code == 200, warned.text
        assert warned.json()["guardian_involvement"] == "Mor deltog."
        assert await duties(client, cw, youth_id) == []
        overview = (await client.get(f"/v1/youth/{youth_id}/overview", headers=cw)).json()
        assert overview["plan"]["duty_kind"] == "education"
        assert overview["plan"]["ungeydelse_warning_on"] == TODAY.isoformat()
        assert not {o["kind"] for o in overview["open_obligations"]} & set(R4)

    async def test_a_plan_made_with_everything_owes_nothing(self, client, auth, cw) -> None:
        youth_id = await new_youth(client, auth, years_ago(16, 40))
        await make_plan(client, cw, youth_id, **STATED, ungeydelse_warning_on=TODAY.isoformat())
        assert await duties(client, cw, youth_id) == []

    async def test_an_activity_without_its_kind_is_no_statement(self, client, auth, cw) -> None:
        youth_id = await new_youth(client, auth, years_ago(16, 40))
        await make_plan(client, cw, youth_id, duty_fulfilment="FGU", ungeydelse_warning_on=TODAY.isoformat())
        assert await duties(client, cw, youth_id) == [("plan.duty_unstated", TODAY.isoformat(), False)]

    async def test_the_warning_is_not_dated_ahead(self, client, auth, cw) -> None:
        youth_id = await new_youth(client, auth, years_ago(16, 40))
        body = {"youth_id": youth_id, "ungeydelse_warning_on": (TODAY + DAY).isoformat()}
        response = await client.post("/v1/plans", json=body, headers=cw)
        assert response.status_code == 422 and response.json()["code"] == "date.in_future"


class TestTurning15:
    async def test_the_duties_open_on_the_15th_birthday(self, client, auth, cw) -> None:
        birthday = TODAY + 20 * DAY
        youth_id = await new_youth(client, auth, birthday.replace(year=birthday.year - 15))
        await make_plan(client, cw, youth_id)
        assert await duties(client, cw, youth_id, birthday - DAY) == []
        assert [d[:2] for d in await duties(client, cw, youth_id, birthday)] == [
            ("plan.duty_unstated", birthday.isoformat()),
            ("plan.ungeydelse_warning_due", birthday.isoformat()),
        ]

    async def test_none_at_18(self, client, auth, cw) -> None:
        youth_id = await new_youth(client, auth, years_ago(18, 40))
        await make_plan(client, cw, youth_id)
        assert await duties(client, cw, youth_id) == []


class TestExemption:
    async def test_recorded_with_its_reason_closes_the_duty(self, client, auth, cw) -> None:
        youth_id = await new_youth(client, auth, years_ago(16, 40))
        plan = await make_plan(client, cw, youth_id, started_on=(TODAY - 5 * DAY).isoformat())
        response = await patch(
            client, f"/v1/plans/{plan['id']}", cw, 1, duty_exemption_reason="illness",
            duty_exemption_to=(TODAY + 30 * DAY).isoformat(),
        )  # fmt: skip
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["duty_exemption_from"] == TODAY.isoformat()
        assert body["duty_exemption_decided_by"]["sub"] == "cw-bfu"
        assert [d[0] for d in await duties(client, cw, youth_id)] == ["plan.ungeydelse_warning_due"]
        # When the exemption has ended, the duty is due again the day after.
        after = TODAY + 31 * DAY
        assert ("plan.duty_unstated", after.isoformat(), False) in await duties(client, cw, youth_id, after)
        assert [d[0] for d in await duties(client, cw, youth_id, after - DAY)] == [
            "plan.ungeydelse_warning_due"
        ]

    async def test_the_printable_plan_shows_the_duty(self, client, auth, cw) -> None:
        youth_id = await new_youth(client, auth, years_ago(16, 40))
        decider = {"sub": "leder-1", "name": "Leder Hansen", "department": "BFU"}
        plan = await make_plan(
            client, cw, youth_id, **STATED, duty_exemption_reason="serious_social_problems",
            duty_exemption_decided_by=decider, ungeydelse_warning_on=TODAY.isoformat(),
            guardian_involvement="Far deltog i mødet.",
        )  # fmt: skip
        page = await client.get(f"/v1/plans/{plan['id']}/document", headers=cw)
        assert page.status_code == 200
        for text in ("Uddannelsespligt", "Uddannelse: FGU", "Alvorlige sociale problemer", "Leder Hansen",
                     TODAY.strftime("%d.%m.%Y"), "Far deltog i mødet."):  # fmt: skip
            assert text in page.text, text


# --- the door table: plan.exemption_reason_required on every write path of the plan -----------


async def _post(client, headers, youth_id: str, body: dict):
    return await client.post("/v1/plans", json={"youth_id": youth_id, **body}, headers=headers)


async def _patch(client, headers, youth_id: str, body: dict):
    plan = await make_plan(client, headers, youth_id)
    return await patch(client, f"/v1/plans/{plan['id']}", headers, 1, **body)


DOORS = {"POST /v1/plans": _post, "PATCH /v1/plans/{plan_id}": _patch}
WITHOUT_REASON = [
    {"duty_exemption_from": TODAY.isoformat()},
    {"duty_exemption_to": TODAY.isoformat()},
    {"duty_exemption_decided_by": {"sub": "leder-1", "name": "Leder"}},
    {"duty_exemption_reason": None, "duty_exemption_from": TODAY.isoformat()},
]


@pytest.mark.usefixtures("seeded")  # also where the door matrix collects the class
@pytest.mark.parametrize("door", sorted(DOORS))
class ExemptionReasonOnEveryDoor:
    @pytest.mark.parametrize("body", WITHOUT_REASON, ids=lambda b: ",".join(b))
    async def test_an_exemption_without_a_reason_is_refused(self, client, auth, door, body) -> None:
        youth_id = await new_youth(client, auth, years_ago(16, 40))
        response = await DOORS[door](client, auth("caseworker", "BFU"), youth_id, body)
        assert response.status_code == 422 and response.json()["code"] == "plan.exemption_reason_required"

    async def test_with_a_reason_it_is_recorded(self, client, auth, door) -> None:
        youth_id = await new_youth(client, auth, years_ago(16, 40))
        body = {"duty_exemption_reason": "disability", "duty_exemption_from": TODAY.isoformat()}
        response = await DOORS[door](client, auth("caseworker", "BFU"), youth_id, body)
        assert response.status_code < 300, response.text
        assert response.json()["duty_exemption_reason"] == "disability"

    async def test_ending_before_it_starts_is_refused(self, client, auth, door) -> None:
        youth_id = await new_youth(client, auth, years_ago(16, 40))
        body = {"duty_exemption_reason": "illness", "duty_exemption_from": TODAY.isoformat(),
                "duty_exemption_to": (TODAY - DAY).isoformat()}  # fmt: skip
        response = await DOORS[door](client, auth("caseworker", "BFU"), youth_id, body)
        assert response.status_code == 422 and response.json()["code"] == "plan.exemption_ends_before_start"


class TestExemptionReasonDoors(ExemptionReasonOnEveryDoor):
    """Run here too; the door matrix collects ExemptionReasonOnEveryDoor."""

    async def test_removing_the_reason_keeps_the_period_refused(self, client, auth, door) -> None:
        if door != "PATCH /v1/plans/{plan_id}":
            pytest.skip("a change of an existing exemption")
        youth_id = await new_youth(client, auth, years_ago(16, 40))
        cw = auth("caseworker", "BFU")
        plan = await make_plan(client, cw, youth_id, duty_exemption_reason="illness")
        url = f"/v1/plans/{plan['id']}"
        refused = await patch(client, url, cw, 1, duty_exemption_reason=None)
        assert refused.status_code == 422 and refused.json()["code"] == "plan.exemption_reason_required"
        cleared = await patch(client, url, cw, 1, duty_exemption_reason=None, duty_exemption_from=None,
                              duty_exemption_decided_by=None)  # fmt: skip
        assert cleared.status_code == 200 and cleared.json()["duty_exemption_from"] is None
