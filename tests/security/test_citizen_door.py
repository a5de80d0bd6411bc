"""A citizen's token opens the youth's own door (/v1/me) and no other: every other /v1 route of
the app answers it 403 `auth.citizen_token`, and every /v1/me route answers an employee's token
403 `auth.not_citizen`. The routes are the app's own (app.routes), not a list kept by hand."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import synthetic_cpr
from tests.security.world import Route, app_routes
from ungeapi.core.citizen import mint_citizen_dev_token
from ungeapi.core.security import mint_dev_token
from ungeapi.core.settings import Settings

ROUTES = app_routes()
OWN = [r for r in ROUTES if r.path == "/v1/me" or r.path.startswith("/v1/me/")]
STAFF = [r for r in ROUTES if r not in OWN]


def concrete(route: Route) -> str:
    path = route.path
    for name in route.params:
        path = path.replace("{" + name + "}", "1" if name == "number" else str(uuid.uuid4()))
    return path


def test_the_matrix_covers_the_whole_app() -> None:
    assert len(OWN) >= 10 and len(STAFF) > 100


@pytest.fixture(scope="module")
def citizen_headers(settings: Settings) -> dict[str, str]:
    token = mint_citizen_dev_token(settings, cpr=synthetic_cpr(), municipality="990")
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def employee_headers(settings: Settings) -> dict[str, str]:
    token = mint_dev_token(
        settings, sub="admin@990", roles=["admin", "dpo"], departments=["BFU"], municipality="990"
    )
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("route", STAFF, ids=lambda r: r.id)
async def test_a_citizen_token_is_403_on_every_staff_route(client, citizen_headers, route: Route) -> None:
    response = await client.request(route.method, concrete(route), headers=citizen_headers)
    assert response.status_code == 403, (route.id, response.text)
    assert response.json()["code"] == "auth.citizen_token"


@pytest.mark.parametrize("route", OWN, ids=lambda r: r.id)
async def test_an_employee_token_is_403_on_every_own_route(client, employee_headers, route: Route) -> None:
    response = await client.request(route.method, concrete(route), headers=employee_headers)
    assert response.status_code == 403, (route.id, response.text)
    assert response.json()["code"] == "auth.not_citizen"


@pytest.mark.parametrize("route", OWN, ids=lambda r: r.id)
async def test_no_token_is_401_on_every_own_route(client, route: Route) -> None:
    response = await client.request(route.method, concrete(route))
    assert response.status_code == 401, (route.id, response.text)


async def test_a_citizen_token_signed_with_another_key_is_401_not_403(client, settings: Settings) -> None:
    forged = mint_citizen_dev_token(
        settings.model_copy(update={"jwt_dev_secret": "x" * 40}), cpr=synthetic_cpr()
    )
    for path in ("/v1/youth", "/v1/me"):
        response = await client.get(path, headers={"Authorization": f"Bearer {forged}"})
        assert response.status_code == 401, path


async def test_the_cpr_number_never_reaches_the_log(client, settings: Settings, caplog) -> None:
    cpr = synthetic_cpr()
    token = mint_citizen_dev_token(settings, cpr=cpr, municipality="990")
    await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    await client.get("/v1/youth", headers={"Authorization": f"Bearer {token}"})
    assert cpr not in caplog.text and cpr.replace("-", "") not in caplog.text
