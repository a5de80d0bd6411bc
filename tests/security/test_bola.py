"""Broken object-level authorization: every route with an id, called by those who must not see it.

The matrix is built from the app's routes, so a new route is in it without anyone adding it.
For every route with a path parameter, on an object that really exists (the owner reads it
with 200 first), three callers must be refused (403 or 404, problem+json) and the answer
must hold none of the youth's data:
- an admin of another municipality (every right, other tenant): 404;
- a caseworker of a department with nothing to do with the youth and no consent;
- a caseworker of a department whose consent was revoked.
What is the municipality's own rather than one youth's (departments, the offers catalogue, the
coordination forum's meetings, whose agenda hides the items of youth the caller may not see)
is readable by all its employees, so same-municipality reads of it are allowed, but even then
nothing of the youth may appear; other municipalities still get 404.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.security.world import Route, World, app_routes

# The youth's own door (/v1/me) takes no employee's token at all (403 auth.not_citizen) and
# reaches only the caller's own records: tests/security/test_citizen_door.py and tests/api/me.
ROUTES = [r for r in app_routes() if r.params and not r.path.startswith("/v1/me/")]
CATALOGUE = ("/v1/departments/", "/v1/offers/", "/v1/meetings/")
CHECKED: dict[str, int] = {"routes": 0, "refusals": 0}


async def call(client, world: World, route: Route, headers: dict[str, str]) -> Any:
    body = world.body(route)
    extra = {"If-Match": '"1"'} if route.method in ("PATCH", "PUT", "DELETE", "POST") else {}
    kwargs: dict[str, Any] = {"json": body} if body is not None else {}
    return await client.request(route.method, world.fill(route.path), headers={**headers, **extra}, **kwargs)


def test_the_matrix_covers_every_route_with_an_id() -> None:
    assert len(ROUTES) >= 30
    assert {"/v1/youth/{youth_id}", "/v1/consents/{consent_id}/revoke", "/v1/cases/{case_id}"} <= {
        r.path for r in ROUTES
    }


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.id)
async def test_no_object_level_leak(client, world: World, attackers, route: Route) -> None:
    url = world.fill(route.path)
    if route.method == "GET" and "{" not in url and not world.unseeded_in(route.path):
        owner = await client.get(url, headers=world.admin)
        assert owner.status_code == 200, (url, owner.text)
    catalogue = route.path.startswith(CATALOGUE)
    for who, headers in attackers.items():
        response = await call(client, world, route, headers)
        CHECKED["refusals"] += 1
        if catalogue and who != "other_municipality":
            # The catalogue is the municipality's own: read by all, changed by admin only.
            expected = {200} if route.method == "GET" else {403}
        elif who == "other_municipality":
            expected = {404}
        else:
            expected = {403, 404}
        assert response.status_code in expected, (who, route.id, response.status_code, response.text)
        if response.status_code >= 400:
            assert response.headers["content-type"] == "application/problem+json"
        for secret in world.secrets:
            assert secret not in response.text, (who, route.id)
        if world.youth["id"] not in url:
            assert world.youth["id"] not in response.text, (who, route.id)
        if not catalogue or who == "other_municipality":
            for name, value in world.values.items():
                if value not in url and len(value) > 8:
                    assert value not in response.text, (who, route.id, name)
    CHECKED["routes"] += 1


async def test_the_owner_really_sees_the_objects(client, world: World) -> None:
    """The refusals above mean something only if the objects exist: the owner reads them."""
    made = {k.rsplit("/{", 1)[-1].rstrip("}") for k in world.values}
    assert {"case_id", "consent_id", "plan_id", "guide_id", "concern_id", "goal_id", "measure_id"} <= made
    assert not {k for k in world.unseeded if k.startswith(("/v1/plans", "/v1/cases", "/v1/consents"))}
    youth = await client.get(f"/v1/youth/{world.values['youth_id']}", headers=world.admin)
    assert youth.json()["given_name"] == "Bolaprobe"
