"""Builders shared by the privacy and security tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx

from tests.clock import TODAY
from tests.conftest import synthetic_cpr


def born_years_ago(years: int, days: int = 10) -> date:
    """A birth date `years` years and `days` days before today (so the age is `years`)."""
    try:
        anniversary = TODAY.replace(year=TODAY.year - years)
    except ValueError:  # 29 February
        anniversary = TODAY.replace(year=TODAY.year - years, day=28)
    return anniversary - timedelta(days=days)


def cpr_for(birth: date) -> str:
    yy = birth.year % 100
    if birth.year >= 2000:
        digit = 4 if yy <= 36 else 5
    else:
        digit = 0
    return synthetic_cpr(birth.strftime("%d%m%y"), digit)


async def seed(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    response = await client.post("/v1/settings/seed", headers=headers)
    assert response.status_code == 200, response.text


async def new_youth(
    client: httpx.AsyncClient, headers: dict[str, str], *, age: int = 16, **fields: Any
) -> dict[str, Any]:
    body = {
        "cpr": cpr_for(born_years_ago(age)),
        "given_name": "Testa",
        "family_name": "Eksempelsen",
        "registered_by_department": "BFU",
        **fields,
    }
    response = await client.post("/v1/youth", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def open_case(
    client: httpx.AsyncClient, headers: dict[str, str], youth_id: str, department: str = "BFU", **fields: Any
) -> dict[str, Any]:
    body = {"youth_id": youth_id, "department_code": department, "kind": "preventive", **fields}
    response = await client.post("/v1/cases", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def consent_body(youth_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "youth_id": youth_id,
        "given_by": [{"kind": "youth", "name": "Testa Eksempelsen", "given_on": TODAY.isoformat()}],
        "categories": ["cases"],
        "recipient_departments": ["UU"],
        "purpose": "Uddannelsesplan på tværs af afdelinger",
        "valid_until": (TODAY + timedelta(days=365)).isoformat(),
        **fields,
    }


async def give_consent(
    client: httpx.AsyncClient, headers: dict[str, str], youth_id: str, **fields: Any
) -> dict[str, Any]:
    response = await client.post("/v1/consents", json=consent_body(youth_id, **fields), headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def revoke(
    client: httpx.AsyncClient, headers: dict[str, str], consent: dict[str, Any]
) -> dict[str, Any]:
    response = await client.post(
        f"/v1/consents/{consent['id']}/revoke",
        json={"reason": "Trukket tilbage"},
        headers={**headers, "If-Match": f'"{consent["version"]}"'},
    )
    assert response.status_code == 200, response.text
    return dict(response.json())
