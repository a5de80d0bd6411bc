"""R10 through HTTP: a case that expects support after 18 makes a transition form due."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.api.integration.helpers import post_import
from tests.clock import TODAY
from tests.clock import years_ago as born
from tests.conftest import synthetic_cpr
from ungeapi.youth.rules import date_turning

KIND = "transition_form.due"



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


async def open_case(client, headers, youth_id: str, **fields) -> dict:
    body = {
        "youth_id": youth_id,
        "department_code": "BFU",
        "kind": "disability",
        "opened_on": TODAY.isoformat(),
        "support_after_18_expected": True,
        "support_hours_after_18": 12,
        **fields,
    }
    response = await client.post("/v1/cases", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def due(client, headers, youth_id: str, as_of: date) -> list[tuple[str, bool]]:
    params = {"kind": KIND, "youth_id": youth_id, "as_of": as_of.isoformat()}
    response = await client.get("/v1/obligations", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return [(o["due_on"], o["overdue"]) for o in response.json()["items"]]


async def patch_case(client, headers, case: dict, body: dict) -> dict:
    response = await client.patch(
        f"/v1/cases/{case['id']}", json=body, headers={**headers, "If-Match": f'"{case["version"]}"'}
    )
    assert response.status_code == 200, response.text
    return response.json()


class TestCaseFields:
    async def test_create_patch_upsert_and_refusals(self, client, auth, seeded, caseworker) -> None:
        youth_id = await new_youth(client, auth, born(13, 10))
        case = await open_case(client, caseworker, youth_id, support_hours_after_18=12.5)
        assert case["support_after_18_expected"] is True and case["support_hours_after_18"] == 12.5
        read = (await client.get(f"/v1/cases/{case['id']}", headers=caseworker)).json()
        assert read["support_hours_after_18"] == 12.5
        # Hours belong to an expectation of support.
        body = {"youth_id": youth_id, "department_code": "BFU", "kind": "disability"}
        response = await client.post(
            "/v1/cases", json={**body, "support_hours_after_18": 5}, headers=caseworker
        )
        assert (
            response.status_code == 422
            and response.json()["code"] == "case.support_hours_without_expectation"
        )
        for bad in (-1, 169):
            response = await client.post(
                "/v1/cases",
                json={**body, "support_after_18_expected": True, "support_hours_after_18": bad},
                headers=caseworker,
            )
            assert response.status_code == 422, bad
        plain = await open_case(
            client, caseworker, youth_id, support_after_18_expected=False, support_hours_after_18=None
        )
        assert plain["support_after_18_expected"] is False and plain["support_hours_after_18"] is None
        response = await client.patch(
            f"/v1/cases/{plain['id']}",
            json={"support_hours_after_18": 3},
            headers={**caseworker, "If-Match": f'"{plain["version"]}"'},
        )
        assert (
            response.status_code == 422
            and response.json()["code"] == "case.support_hours_without_expectation"
        )

        # PATCH: no expectation any more clears the hours; the hours alone change the hours.
        case = await patch_case(client, caseworker, case, {"support_hours_after_18": 20})
        assert case["support_hours_after_18"] == 20 and case["support_after_18_expected"] is True
        case = await patch_case(client, caseworker, case, {"support_after_18_expected": False})
        assert case["support_after_18_expected"] is False and case["support_hours_after_18"] is None

        # The journal system's upsert carries the fields and is idempotent.
        upsert = {
            **body,
            "opened_on": TODAY.isoformat(),
            "support_after_18_expected": True,
            "support_hours_after_18": 11,
        }
        url = "/v1/cases/by-external/journal/SAG-R10-1"
        integration = auth("integration")
        first = await client.put(url, json=upsert, headers=integration)
        assert first.status_code == 201, first.text
        assert first.json()["support_hours_after_18"] == 11
        again = await client.put(url, json=upsert, headers=integration)
        assert again.status_code == 200 and again.json()["version"] == first.json()["version"]
        changed = await client.put(url, json={**upsert, "support_hours_after_18": 9}, headers=integration)
        assert changed.json()["support_hours_after_18"] == 9 and changed.json()["version"] == 2


class TestTransitionFormDue:
    async def test_from_the_policy_age_until_a_form_exists(self, client, auth, seeded, caseworker) -> None:
        birth = born(13, 100)
        youth_id = await new_youth(client, auth, birth)
        await open_case(client, caseworker, youth_id)
        fourteen = date_turning(birth, 14)

        assert await due(client, caseworker, youth_id, fourteen - timedelta(days=1)) == []
        assert await due(client, caseworker, youth_id, fourteen) == [(fourteen.isoformat(), False)]
        assert await due(client, caseworker, youth_id, fourteen + timedelta(days=1)) == [
            (fourteen.isoformat(), True)
        ]
        response = await client.get(
            "/v1/obligations", params={"kind": KIND, "as_of": fourteen.isoformat()}, headers=caseworker
        )
        item = response.json()["items"][0]
        assert item["responsible_subs"] == ["raadgiver-bfu"] and item["responsible_departments"] == ["BFU"]
        assert item["title"].startswith("Make a transition form")
        # §8.2 (it used to vanish at 18): a form due at 14 and never made stays, overdue, at 18.
        assert await due(client, caseworker, youth_id, date_turning(birth, 18)) == [(fourteen.isoformat(), True)]
        assert await due(client, auth("caseworker", "ARB"), youth_id, fourteen) == []

        # The municipality's policy moves the day (transition_form_age).
        current = (await client.get("/v1/settings", headers=auth("admin"))).json()
        response = await client.put(
            "/v1/settings",
            json={**current["policy"], "transition_form_age": 15},
            headers={**auth("admin"), "If-Match": f'"{current["version"]}"'},
        )
        assert response.status_code == 200, response.text
        fifteen = date_turning(birth, 15)
        assert await due(client, caseworker, youth_id, fourteen) == []
        assert await due(client, caseworker, youth_id, fifteen - timedelta(days=1)) == []
        assert await due(client, caseworker, youth_id, fifteen) == [(fifteen.isoformat(), False)]

        response = await client.post(
            "/v1/transition-forms",
            json={"youth_id": youth_id, "support_hours_per_week": 12},
            headers=caseworker,
        )
        assert response.status_code == 201, response.text
        assert await due(client, caseworker, youth_id, fifteen) == []

    async def test_which_cases_count(self, client, auth, seeded, caseworker) -> None:
        birth = born(14, 30)
        fourteen = date_turning(birth, 14)
        youth_id = await new_youth(client, auth, birth)
        # At the threshold (10 hours) is not above it; a preventive case does not count.
        case = await open_case(client, caseworker, youth_id, support_hours_after_18=10)
        await open_case(client, caseworker, youth_id, kind="preventive", support_hours_after_18=30)
        assert await due(client, caseworker, youth_id, TODAY) == []
        # Above the threshold: due since the case was opened (today), after the 14th birthday.
        case = await patch_case(client, caseworker, case, {"support_hours_after_18": 10.5})
        assert fourteen < TODAY
        assert await due(client, caseworker, youth_id, TODAY) == [(TODAY.isoformat(), False)]
        assert await due(client, caseworker, youth_id, TODAY - timedelta(days=1)) == []
        # Expected, hours not yet estimated: due. Not expected: not due.
        case = await patch_case(client, caseworker, case, {"support_hours_after_18": None})
        assert await due(client, caseworker, youth_id, TODAY) == [(TODAY.isoformat(), False)]
        case = await patch_case(client, caseworker, case, {"support_after_18_expected": False})
        assert await due(client, caseworker, youth_id, TODAY) == []
        # A placement case counts too; closing it after the form fell due no longer ends the
        # obligation (§8.2, it used to): the missed form stays, overdue.
        placement = await open_case(
            client, caseworker, youth_id, kind="placement", support_hours_after_18=None
        )
        assert await due(client, caseworker, youth_id, TODAY) == [(TODAY.isoformat(), False)]
        # Closed on a day that has come (§8.1): opened ten days ago, closed five days ago.
        closes = TODAY - timedelta(days=5)
        opened = (TODAY - timedelta(days=10)).isoformat()
        await patch_case(client, caseworker, placement, {"opened_on": opened, "closed_on": closes.isoformat()})
        assert len(await due(client, caseworker, youth_id, closes - timedelta(days=1))) == 1
        assert await due(client, auth("admin"), youth_id, closes) == [(opened, True)]


async def test_a_case_import_carries_the_expected_support(client, auth, seeded) -> None:
    headers = auth("integration", "BFU")
    youth_id = await new_youth(client, auth, born(14, 30))
    text = (
        "Ung id;Afdeling;Sagstype;Oprettet;Støtte efter 18;Timer efter 18;Journalsystem;Journalnummer\n"
        f"{youth_id};BFU;disability;{TODAY.isoformat()};true;12,5;sbsys;R10-1\n"
        f"{youth_id};BFU;disability;{TODAY.isoformat()};false;4;sbsys;R10-2\n"
    )
    job = await post_import(client, headers, text, kind="cases", mode="valid_rows")
    assert [(p["line"], p["code"]) for p in job["report"]] == [(3, "case.support_hours_without_expectation")]
    cases = (await client.get("/v1/cases", params={"youth_id": youth_id}, headers=headers)).json()["items"]
    assert [(c["support_after_18_expected"], c["support_hours_after_18"]) for c in cases] == [(True, 12.5)]
    assert await due(client, auth("caseworker", "BFU"), youth_id, TODAY) == [(TODAY.isoformat(), False)]
