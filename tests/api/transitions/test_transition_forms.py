"""Transition forms (overgangsskemaer) through HTTP: versions, scope, R11 and R12."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from tests.clock import TODAY, years_ago
from tests.conftest import synthetic_cpr
from ungeapi.transitions.rules import current_window_start, window_end

KIND = "transition_form.update_due"
FORM = {
    "support_hours_per_week": 12.5,
    "needs": {"housing_support": True, "stu": True},
    "income_basis": "education_grant",
    "yearly_costs": {"housing_support": 180000, "stu": 250000},
    "notes": "Forventes at flytte i bostøttet bolig efter STU.",
}



@pytest.fixture
async def seeded(client, auth) -> None:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text


@pytest.fixture
def caseworker(auth):
    return auth("caseworker", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")


async def placed_youth(client, auth, caseworker) -> str:
    born = years_ago(16, 40)
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
        "support_after_18_expected": True,
    }
    response = await client.post("/v1/cases", json=case, headers=caseworker)
    assert response.status_code == 201, response.text
    return youth_id


async def due(client, headers, youth_id: str, as_of: date) -> list[dict]:
    params = {"kind": KIND, "youth_id": youth_id, "as_of": as_of.isoformat()}
    response = await client.get("/v1/obligations", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


class TestTransitionForms:
    async def test_create_update_versions_and_scope(self, client, auth, seeded, caseworker) -> None:
        youth_id = await placed_youth(client, auth, caseworker)
        response = await client.post(
            "/v1/transition-forms", json={"youth_id": youth_id, **FORM}, headers=caseworker
        )
        assert response.status_code == 201, response.text
        form = response.json()
        assert response.headers["ETag"].startswith('"1-') and form["version"] == 1
        assert form["author"] == {"sub": "raadgiver-bfu", "name": "Rådgiver Bente", "department": "BFU"}
        assert form["needs"] == {
            "housing_offer": False,
            "housing_support": True,
            "day_offer": False,
            "stu": True,
            "employment_measures": False,
        }
        assert form["yearly_costs"] == {"housing_support": 180000, "stu": 250000}
        assert form["support_hours_per_week"] == 12.5 and form["updated_on"] == TODAY.isoformat()
        url = f"/v1/transition-forms/{form['id']}"

        assert (await client.patch(url, json={"notes": "x"}, headers=caseworker)).status_code == 428
        stale = await client.patch(url, json={"notes": "x"}, headers={**caseworker, "If-Match": '"7"'})
        assert stale.status_code == 412
        response = await client.patch(
            url,
            json={"support_hours_per_week": 15, "yearly_costs": {"housing_offer": 600000}},
            headers={**caseworker, "If-Match": '"1"'},
        )
        assert response.status_code == 200, response.text
        updated = response.json()
        assert updated["version"] == 2 and updated["support_hours_per_week"] == 15
        assert updated["yearly_costs"] == {"housing_offer": 600000} and updated["notes"] == FORM["notes"]

        response = await client.get(f"{url}/versions", headers=caseworker)
        assert response.status_code == 200, response.text
        versions = response.json()["items"]
        assert [v["number"] for v in versions] == [1, 2]
        assert versions[0]["form"]["support_hours_per_week"] == 12.5
        assert versions[1]["form"]["yearly_costs"] == {"housing_offer": 600000}
        page = await client.get(f"{url}/versions", params={"limit": 1}, headers=caseworker)
        assert [v["number"] for v in page.json()["items"]] == [1] and page.json()["next_cursor"]

        listed = await client.get("/v1/transition-forms", params={"youth_id": youth_id}, headers=caseworker)
        assert [f["id"] for f in listed.json()["items"]] == [form["id"]]
        assert (await client.get(url, headers=caseworker)).json()["version"] == 2

        # Out of scope: another department, another municipality (404); a role without the right (403).
        arb = auth("caseworker", "ARB")
        assert (await client.get(url, headers=arb)).status_code == 404
        assert (await client.get(f"{url}/versions", headers=arb)).status_code == 404
        assert (
            await client.patch(url, json={"notes": "x"}, headers={**arb, "If-Match": '"2"'})
        ).status_code == 404
        assert (
            await client.get(url, headers=auth("caseworker", "BFU", municipality="999"))
        ).status_code == 404
        assert (
            await client.post("/v1/transition-forms", json={"youth_id": youth_id}, headers=arb)
        ).status_code == 404
        assert (await client.get(url, headers=auth("analyst"))).status_code == 403
        assert (
            await client.post(
                "/v1/transition-forms", json={"youth_id": youth_id}, headers=auth("guide", "UU")
            )
        ).status_code == 403
        assert (
            await client.get(f"/v1/transition-forms/{uuid.uuid4()}", headers=caseworker)
        ).status_code == 404

    async def test_bad_input_is_422(self, client, auth, seeded, caseworker) -> None:
        youth_id = await placed_youth(client, auth, caseworker)
        for bad in (
            {"support_hours_per_week": -1},
            {"yearly_costs": {"stu": -5}},
            {"income_basis": "lottery"},
            {"needs": {"castle": True}},
        ):
            response = await client.post(
                "/v1/transition-forms", json={"youth_id": youth_id, **bad}, headers=caseworker
            )
            assert response.status_code == 422, bad

    async def test_r11_window_and_r12_referral(self, client, auth, seeded, caseworker, admin_db) -> None:
        youth_id = await placed_youth(client, auth, caseworker)
        response = await client.post(
            "/v1/transition-forms", json={"youth_id": youth_id, **FORM}, headers=caseworker
        )
        assert response.status_code == 201, response.text
        form = response.json()
        assert await due(client, caseworker, youth_id, TODAY) == []

        # R11: the next update window opens on its first day, due on its last, overdue after it.
        later = TODAY + timedelta(days=1)
        while current_window_start(later, [1, 6, 7]) <= TODAY:
            later += timedelta(days=1)
        window = current_window_start(later, [1, 6, 7])
        end = window_end(window, [1, 6, 7])
        assert await due(client, caseworker, youth_id, window - timedelta(days=1)) == []
        items = await due(client, caseworker, youth_id, window)
        assert [(o["due_on"], o["overdue"]) for o in items] == [(end.isoformat(), False)]
        assert items[0]["subject"] == {"type": "transition_form", "id": form["id"]}
        assert items[0]["responsible_subs"] == ["raadgiver-bfu"]
        assert items[0]["responsible_departments"] == ["BFU"]
        assert items[0]["key"] == f"{KIND}:{youth_id}:{form['id']}:{end.isoformat()}"
        on_end = await due(client, caseworker, youth_id, end)
        assert [(o["due_on"], o["overdue"]) for o in on_end] == [(end.isoformat(), False)]
        overdue = await due(client, caseworker, youth_id, end + timedelta(days=1))
        assert [(o["due_on"], o["overdue"]) for o in overdue] == [(end.isoformat(), True)]
        # Another department does not see it.
        assert await due(client, auth("caseworker", "ARB"), youth_id, window) == []

        # R12: a referral submitted after the last update makes the update due that day.
        await admin_db.execute(
            "UPDATE transition_form SET updated_on = $1 WHERE id = $2",
            TODAY - timedelta(days=1),
            uuid.UUID(form["id"]),
        )
        body = {
            "youth_id": youth_id,
            "category": "placed",
            "summary": "Anbragt; forventes bostøtte efter 18.",
        }
        response = await client.post("/v1/referrals", json=body, headers=caseworker)
        assert response.status_code == 201, response.text
        referral = response.json()
        if current_window_start(TODAY, [1, 6, 7]) != TODAY:
            # A draft is not yet submitted: nothing due (unless a window begins today).
            assert await due(client, caseworker, youth_id, TODAY) == []
        response = await client.post(
            f"/v1/referrals/{referral['id']}/submit",
            headers={**caseworker, "If-Match": f'"{referral["version"]}"'},
        )
        assert response.status_code == 200, response.text
        # (A window that begins today would add its own row, due at its end.)
        assert TODAY.isoformat() in [o["due_on"] for o in await due(client, caseworker, youth_id, TODAY)]
        # Not the day before the referral was submitted (the form was updated that day).
        assert await due(client, caseworker, youth_id, TODAY - timedelta(days=1)) == []

        # Updating the form satisfies both.
        current = (await client.get(f"/v1/transition-forms/{form['id']}", headers=caseworker)).json()
        response = await client.patch(
            f"/v1/transition-forms/{form['id']}",
            json={"notes": "Opdateret efter indstillingen."},
            headers={**caseworker, "If-Match": f'"{current["version"]}"'},
        )
        assert response.status_code == 200, response.text
        assert await due(client, caseworker, youth_id, TODAY) == []
