"""The adult area's forecast from transition forms, against hand-computed sums."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import synthetic_cpr

TODAY = date.today()
Y = TODAY.year


@pytest.fixture
async def seeded(client, auth) -> None:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text


async def youth_with_form(client, auth, born: date, form: dict | None, name: str) -> str:
    cw = auth("caseworker", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")
    body = {
        "cpr": synthetic_cpr(born.strftime("%d%m%y"), 4 if 2000 <= born.year <= 2036 else 0),
        "given_name": name,
        "family_name": "Eksempelsen",
    }
    response = await client.post("/v1/youth", json=body, headers=auth("admin", "BFU"))
    assert response.status_code == 201, response.text
    youth_id = response.json()["id"]
    case = {"youth_id": youth_id, "department_code": "BFU", "kind": "disability", "opened_on": "2025-01-06"}
    response = await client.post("/v1/cases", json=case, headers=cw)
    assert response.status_code == 201, response.text
    if form is not None:
        response = await client.post("/v1/transition-forms", json={"youth_id": youth_id, **form}, headers=cw)
        assert response.status_code == 201, response.text
    return response.json()["id"]


class TestForecast:
    async def test_sums_match_hand_computed(self, client, auth, seeded) -> None:
        # Turns 18 this year.
        await youth_with_form(
            client,
            auth,
            date(Y - 18, 3, 10),
            {"needs": {"housing_support": True}, "yearly_costs": {"housing_support": 100000}},
            "Anna",
        )
        # Turn 18 next year: two forms; the second is updated, and only its latest version counts.
        await youth_with_form(
            client,
            auth,
            date(Y - 17, 1, 20),
            {
                "needs": {"housing_support": True, "stu": True},
                "yearly_costs": {"housing_support": 50000, "stu": 200000},
            },
            "Bo",
        )
        form_id = await youth_with_form(
            client, auth, date(Y - 17, 11, 2), {"needs": {"stu": True}, "yearly_costs": {"stu": 1}}, "Cem"
        )
        cw = auth("caseworker", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")
        response = await client.patch(
            f"/v1/transition-forms/{form_id}",
            json={
                "needs": {"stu": True, "day_offer": True},
                "yearly_costs": {"stu": 250000, "day_offer": 90000},
            },
            headers={**cw, "If-Match": '"1"'},
        )
        assert response.status_code == 200, response.text
        # No form: not counted. Turns 18 in three years: outside years=2.
        await youth_with_form(client, auth, date(Y - 17, 6, 6), None, "Dan")
        await youth_with_form(
            client, auth, date(Y - 15, 6, 6), {"yearly_costs": {"stu": 999}, "needs": {"stu": True}}, "Eva"
        )

        response = await client.get(
            "/v1/statistics/transition-forecast", params={"years": 2}, headers=auth("analyst")
        )
        assert response.status_code == 200, response.text
        years = response.json()["years"]
        assert years == [
            {
                "year": Y,
                "youth": 1,
                "cost": 100000,
                "by_category": [{"category": "housing_support", "cost": 100000}],
                "by_need": [{"need": "housing_support", "youth": 1, "cost": 100000}],
            },
            {
                "year": Y + 1,
                "youth": 2,
                "cost": 590000,
                "by_category": [
                    {"category": "day_offer", "cost": 90000},
                    {"category": "housing_support", "cost": 50000},
                    {"category": "stu", "cost": 450000},
                ],
                "by_need": [
                    {"need": "day_offer", "youth": 1, "cost": 340000},
                    {"need": "housing_support", "youth": 1, "cost": 250000},
                    {"need": "stu", "youth": 2, "cost": 590000},
                ],
            },
        ]
        four = await client.get(
            "/v1/statistics/transition-forecast", params={"years": 4}, headers=auth("admin")
        )
        assert [(y["year"], y["youth"], y["cost"]) for y in four.json()["years"]] == [
            (Y, 1, 100000),
            (Y + 1, 2, 590000),
            (Y + 2, 0, 0),
            (Y + 3, 1, 999),
        ]
        # Another municipality sees none of it; roles other than analyst, admin, coordinator: 403.
        other = await client.get(
            "/v1/statistics/transition-forecast",
            params={"years": 2},
            headers=auth("analyst", municipality="998"),
        )
        assert [y["youth"] for y in other.json()["years"]] == [0, 0]
        assert (
            await client.get("/v1/statistics/transition-forecast", headers=auth("coordinator", "BFU"))
        ).status_code == 200
        assert (await client.get("/v1/statistics/transition-forecast", headers=cw)).status_code == 403
        for bad in (0, 21):
            response = await client.get(
                "/v1/statistics/transition-forecast", params={"years": bad}, headers=auth("analyst")
            )
            assert response.status_code == 422
