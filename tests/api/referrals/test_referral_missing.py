"""R13 through HTTP as the brief now reads (§8 row R13): a preventive measure counts only when it
started at or after 15; a disability case only when support after 18 is expected."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.clock import TODAY, years_ago
from tests.conftest import synthetic_cpr
from ungeapi.youth.rules import date_turning

DAY = timedelta(days=1)
KIND = "referral.missing"



@pytest.fixture
async def seeded(client, auth) -> None:
    response = await client.post("/v1/settings/seed", headers=auth("admin"))
    assert response.status_code == 200, response.text


@pytest.fixture
def caseworker(auth):
    return auth("caseworker", "BFU", sub="raadgiver-bfu", name="Rådgiver Bente")


async def youth_with_case(client, auth, caseworker, born: date, **case) -> str:
    body = {
        "cpr": synthetic_cpr(born.strftime("%d%m%y"), 4 if 2000 <= born.year <= 2036 else 0),
        "given_name": "Testa",
        "family_name": "Eksempelsen",
    }
    response = await client.post("/v1/youth", json=body, headers=auth("admin", "BFU"))
    assert response.status_code == 201, response.text
    youth_id = response.json()["id"]
    response = await client.post(
        "/v1/cases", json={"youth_id": youth_id, "department_code": "BFU", **case}, headers=caseworker
    )
    assert response.status_code == 201, response.text
    return youth_id


async def missing(client, headers, youth_id: str, as_of: date = TODAY) -> list[tuple[str, bool]]:
    params = {"kind": KIND, "youth_id": youth_id, "as_of": as_of.isoformat()}
    response = await client.get("/v1/obligations", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return [(o["due_on"], o["overdue"]) for o in response.json()["items"]]


class TestPreventiveMeasure:
    @pytest.mark.parametrize(("offset", "counts"), [(-1, False), (0, True), (1, True)])
    async def test_started_around_the_15th_birthday(
        self, client, auth, seeded, caseworker, offset: int, counts: bool
    ) -> None:
        born = years_ago(15, 100)
        started = date_turning(born, 15) + timedelta(days=offset)
        youth_id = await youth_with_case(
            client, auth, caseworker, born, kind="preventive", opened_on=started.isoformat()
        )
        assert await missing(client, caseworker, youth_id) == (
            [(started.isoformat(), True)] if counts else []
        )

    async def test_opened_at_12_or_14_is_not_the_forgotten_case(
        self, client, auth, seeded, caseworker
    ) -> None:
        born = years_ago(15, 200)
        for age in (12, 14):
            youth_id = await youth_with_case(
                client,
                auth,
                caseworker,
                born,
                kind="preventive",
                opened_on=date_turning(born, age).isoformat(),
            )
            assert await missing(client, caseworker, youth_id) == []
            # Another listed case still makes it one, due from the 15th birthday.
            response = await client.post(
                "/v1/cases",
                json={
                    "youth_id": youth_id,
                    "department_code": "BFU",
                    "kind": "efterskole",
                    "opened_on": "2025-01-06",
                },
                headers=caseworker,
            )
            assert response.status_code == 201, response.text
            assert await missing(client, caseworker, youth_id) == [(date_turning(born, 15).isoformat(), True)]


class TestDisabilityCase:
    async def test_only_with_support_expected_after_18(self, client, auth, seeded, caseworker) -> None:
        born = years_ago(16, 10)
        youth_id = await youth_with_case(
            client,
            auth,
            caseworker,
            born,
            kind="disability",
            opened_on="2025-01-06",
            support_after_18_expected=False,
        )
        assert await missing(client, caseworker, youth_id) == []
        cases = (await client.get("/v1/cases", params={"youth_id": youth_id}, headers=caseworker)).json()[
            "items"
        ]
        response = await client.patch(
            f"/v1/cases/{cases[0]['id']}",
            json={"support_after_18_expected": True},
            headers={**caseworker, "If-Match": f'"{cases[0]["version"]}"'},
        )
        assert response.status_code == 200, response.text
        expected = max(date_turning(born, 15), date(2025, 1, 6))
        assert await missing(client, caseworker, youth_id) == [(expected.isoformat(), True)]
        # Narrowed to the caseworker (responsible=me) it is the same.
        response = await client.get(
            "/v1/obligations", params={"kind": KIND, "responsible": "me"}, headers=caseworker
        )
        assert [o["youth_id"] for o in response.json()["items"]] == [youth_id]
