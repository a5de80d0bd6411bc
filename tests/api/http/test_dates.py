"""Dates outside 1900-2100 are 422 `date.out_of_range` wherever a date is accepted: bodies,
query strings and import files (core/fields.py `Day`, `Moment`)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.api.integration.helpers import post_import
from tests.clock import TODAY
from tests.conftest import synthetic_cpr

CHAIR = {"sub": "moedeleder", "name": "Teamleder Hanne", "department": "BFU"}


def refused(response, field: str | None = None) -> None:
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "request.validation"
    codes = {(e["loc"][-1], e["code"]) for e in problem["errors"]}
    assert any(code == "date.out_of_range" and (field is None or loc == field) for loc, code in codes), codes


class TestBodies:
    @pytest.mark.parametrize("start", ["0001-01-01T09:00:00+01:00", "1899-12-31T23:00:00+01:00", "2101-01-01T09:00:00+01:00"])
    async def test_a_meeting_series_out_of_range(self, client, auth, start: str) -> None:
        body = {"forum": "coordination", "first_starts_at": start, "count": 2, "chair": CHAIR}
        response = await client.post("/v1/meetings/series", json=body, headers=auth("coordinator"))
        refused(response, "first_starts_at")
        danish = await client.post(
            "/v1/meetings/series", json=body, headers={**auth("coordinator"), "Accept-Language": "da"}
        )
        assert "1900 til 2100" in danish.json()["errors"][0]["message"]

    async def test_the_edges_are_in_range(self, client, auth) -> None:
        body = {"forum": "coordination", "first_starts_at": "2100-12-01T09:00:00+01:00", "count": 2, "chair": CHAIR}
        response = await client.post("/v1/meetings/series", json=body, headers=auth("coordinator"))
        assert response.status_code == 201, response.text

    async def test_a_case_opened_before_1900(self, client, auth) -> None:
        admin = auth("admin")
        await client.post("/v1/settings/seed", headers=admin)
        youth = await client.post(
            "/v1/youth", json={"cpr": synthetic_cpr(), "given_name": "A", "family_name": "B"}, headers=admin
        )
        body = {"youth_id": youth.json()["id"], "department_code": "BFU", "kind": "placement", "opened_on": "1899-12-31"}
        refused(await client.post("/v1/cases", json=body, headers=admin), "opened_on")


class TestQueries:
    @pytest.mark.parametrize(
        "url",
        [
            "/v1/obligations?as_of=0001-01-01",
            "/v1/obligations?due_before=2101-01-01",
            "/v1/meetings?from=0001-01-01T00:00:00",
            "/v1/meetings?before=9999-12-31T00:00:00%2B01:00",
            "/v1/audit?from=1899-12-31",
            "/v1/statistics/obligations?as_of=2101-01-01",
        ],
    )
    async def test_out_of_range(self, client, auth, url: str) -> None:
        refused(await client.get(url, headers=auth(["admin", "dpo"])))

    async def test_in_range(self, client, auth) -> None:
        response = await client.get("/v1/obligations", params={"as_of": TODAY.isoformat()}, headers=auth())
        assert response.status_code == 200


async def test_an_import_row_out_of_range_is_reported(client, auth) -> None:
    admin = auth("admin")
    await client.post("/v1/settings/seed", headers=admin)
    cpr = synthetic_cpr()
    await client.post("/v1/youth", json={"cpr": cpr, "given_name": "A", "family_name": "B"}, headers=admin)
    opened = (TODAY - timedelta(days=10)).isoformat()
    csv = (
        "cpr,department_code,kind,opened_on,external_system,external_id\n"
        f"{cpr},BFU,placement,{opened},sbsys,S-1\n{cpr},BFU,other,0001-01-01,sbsys,S-2\n"
    )
    job = await post_import(client, auth("integration", "BFU"), csv, kind="cases", mode="valid_rows")
    assert job["valid"] == 1 and job["invalid"] == 1, job
    assert [(p["line"], p["field"], p["code"]) for p in job["report"]] == [(3, "opened_on", "date.out_of_range")]
