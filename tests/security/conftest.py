"""The attack tests share one real world (a municipality with one of everything) and attackers."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from tests.conftest import fresh_municipality
from tests.security.world import CONSENT_DEPARTMENT, IDLE_DEPARTMENT, World, api_routes, build
from ungeapi.core.security import mint_dev_token
from ungeapi.core.settings import Settings

_subs = itertools.count()

Token = Callable[[str, str, str], dict[str, str]]


@pytest.fixture(scope="session")
def token(settings: Settings) -> Token:
    def make(role: str, department: str, municipality: str) -> dict[str, str]:
        minted = mint_dev_token(
            settings,
            sub=f"{role}-{department}-{next(_subs)}@{municipality}",
            roles=[role],
            departments=[department],
            municipality=municipality,
        )
        return {"Authorization": f"Bearer {minted}"}

    return make


@pytest.fixture(scope="session")
async def world(client, app, token: Token, admin_db) -> World:
    muni = await fresh_municipality(admin_db)
    return await build(client, app.openapi(), api_routes(app), token, muni)


@pytest.fixture(scope="session")
async def attackers(client, token: Token, world: World, admin_db) -> dict[str, dict[str, str]]:
    other = await fresh_municipality(admin_db)
    # The other municipality is set up like the first, so nothing fails for want of a department.
    seeded = await client.post("/v1/settings/seed", headers=token("admin", "BFU", other))
    assert seeded.status_code == 200
    return {
        "other_municipality": token("admin", "BFU", other),
        "other_department": token("caseworker", IDLE_DEPARTMENT, world.municipality),
        "revoked_consent": token("caseworker", CONSENT_DEPARTMENT, world.municipality),
    }
