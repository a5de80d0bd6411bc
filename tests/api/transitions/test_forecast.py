"""The adult area's forecast from transition forms, against hand-computed sums."""

from __future__ import annotations

from datetime import date

import pytest

from tests.clock import TODAY
from tests.conftest import synthetic_cpr

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
    case = {"youth_id": youth_id, "department_code": "BFU", "kind": "disability", "opened_on": f"{TODAY.year - 1}-01-06"}
    response = await client.post("/v1/cases", json=case, headers=cw)
    assert response.status_code == 201, response.text
    if form is not None:
        response = await client.post("/v1/transition-forms", json={"youth_id": youth_id, **form}, headers=cw)
        assert response.status_code == 201, response.text
    return response.json()["id"]


def hidden(category: str, youth: int) -> dict:
    return {"category": category, "youth": youth, "cost": None, "suppressed": True}


def shown(category: str, youth: int, cost: int) -> dict:
    return {"category": category, "youth": youth, "cost": cost, "suppressed": False}


class TestForecast:
    async def test_sums_match_hand_computed_and_small_cells_are_suppressed(
        self, client, auth, seeded
    ) -> None:
        # Turn 18 this year: four youth, each 100,000 in housing support: too few to publish sums.
        for i in range(4):
            await youth_with_form(
                client,
                auth,
                date(Y - 18, 3, 10 + i),
                {"needs": {"housing_support": True}, "yearly_costs": {"housing_support": 100000}},
                f"Anna{i}",
            )
        # Turn 18 next year: five youth with costs (one of them also STU), and one without costs.
        for i in range(4):
            await youth_with_form(
                client,
                auth,
                date(Y - 17, 1, 20 + i),
                {
                    "needs": {"housing_support": True, "stu": i == 0},
                    "yearly_costs": {"housing_support": 100000 + 10000 * i, "day_offer": 10000}
                    | ({"stu": 200000} if i == 0 else {}),
                },
                f"Bo{i}",
            )
        # The fifth is updated: only its latest version counts.
        form_id = await youth_with_form(
            client, auth, date(Y - 17, 11, 2), {"needs": {"stu": True}, "yearly_costs": {"stu": 1}}, "Cem"
        )
        cw = auth("caseworker", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")
        response = await client.patch(
            f"/v1/transition-forms/{form_id}",
            json={
                "needs": {"housing_support": True},
                "yearly_costs": {"housing_support": 140000, "day_offer": 10000},
            },
            headers={**cw, "If-Match": '"1"'},
        )
        assert response.status_code == 200, response.text
        await youth_with_form(client, auth, date(Y - 17, 12, 1), {"needs": {"stu": True}}, "Dea")
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
        # This year: 4 youth contribute, so every sum is suppressed, the counts are not.
        assert years[0] == {
            "year": Y,
            "youth": 4,
            "cost": None,
            "suppressed": True,
            "by_category": [hidden("housing_support", 4)],
            "by_need": [{"need": "housing_support", "youth": 4, "cost": None, "suppressed": True}],
            "disability_youth": 0,
            "disability_assessed": 0,
        }
        # Next year: 5 youth contribute 100+110+120+130+140 thousand housing support, 5 × 10,000 day
        # offer and one 200,000 STU: 850,000. STU (1 youth) is suppressed; so is day offer, the
        # smallest other category, or STU would be the total minus the published categories.
        assert years[1] == {
            "year": Y + 1,
            "youth": 6,
            "cost": 850000,
            "suppressed": False,
            "by_category": [hidden("day_offer", 5), shown("housing_support", 5, 600000), hidden("stu", 1)],
            "by_need": [
                {"need": "housing_support", "youth": 5, "cost": 850000, "suppressed": False},
                {"need": "stu", "youth": 2, "cost": None, "suppressed": True},
            ],
            "disability_youth": 0,
            "disability_assessed": 0,
        }
        four = await client.get(
            "/v1/statistics/transition-forecast", params={"years": 4}, headers=auth("admin")
        )
        assert [(y["year"], y["youth"], y["cost"], y["suppressed"]) for y in four.json()["years"]] == [
            (Y, 4, None, True),
            (Y + 1, 6, 850000, False),
            (Y + 2, 0, 0, False),
            (Y + 3, 1, None, True),
        ]
        # A fifth youth this year makes this year's sums public.
        await youth_with_form(
            client,
            auth,
            date(Y - 18, 4, 1),
            {"needs": {"housing_support": True}, "yearly_costs": {"housing_support": 100000}},
            "Anna4",
        )
        response = await client.get(
            "/v1/statistics/transition-forecast", params={"years": 1}, headers=auth("analyst")
        )
        this_year = response.json()["years"][0]
        assert (this_year["youth"], this_year["cost"], this_year["suppressed"]) == (5, 500000, False)
        assert this_year["by_category"] == [shown("housing_support", 5, 500000)]
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
