"""A citizen's token that names the youth only by the login broker's pseudonymous `sub` (no CPR
claim) opens /v1/me once the municipality's integration has mapped that `sub` to the person
(POST /v1/citizen-subjects); the mapping keeps the keyed CPR hash, never the number."""

from __future__ import annotations

import uuid

import pytest

from tests.api.me.test_me import registered
from tests.api.referrals.test_referrals_meetings import caseworker  # noqa: F401
from tests.conftest import synthetic_cpr
from ungeapi.core.citizen import mint_citizen_dev_token

ROUTE = "/v1/citizen-subjects"


@pytest.fixture
def pseudonymous(settings, muni):
    def make(sub: str, municipality: str | None = None) -> dict[str, str]:
        token = mint_citizen_dev_token(settings, cpr=None, sub=sub, municipality=municipality or muni)
        return {"Authorization": f"Bearer {token}"}

    return make


@pytest.fixture
async def youth(client, auth, caseworker) -> tuple[str, str]:  # noqa: F811
    admin = auth("admin")
    assert (await client.post("/v1/settings/seed", headers=admin)).status_code == 200
    return await registered(client, admin, caseworker)


async def test_a_mapped_pseudonym_opens_the_youths_own_door(client, auth, youth, pseudonymous) -> None:
    youth_id, cpr = youth
    sub = str(uuid.uuid4())
    before = await client.get("/v1/me", headers=pseudonymous(sub))
    assert before.status_code == 404 and before.json()["code"] == "me.not_registered"
    mapped = await client.post(ROUTE, json={"subject": sub, "cpr": cpr}, headers=auth("integration"))
    assert mapped.status_code == 200, mapped.text
    assert mapped.json()["subject"] == sub and mapped.json()["youth_registered"] is True
    assert cpr not in mapped.text and cpr.replace("-", "") not in mapped.text
    me = await client.get("/v1/me", headers=pseudonymous(sub))
    assert me.status_code == 200, me.text
    assert me.json()["youth_id"] == youth_id
    # Another pseudonym, unmapped, still opens nothing.
    other = await client.get("/v1/me", headers=pseudonymous(str(uuid.uuid4())))
    assert other.status_code == 404


async def test_registering_again_moves_the_pseudonym_to_the_new_person(
    client,
    auth,
    caseworker,  # noqa: F811
    youth,
    pseudonymous,
) -> None:
    youth_id, cpr = youth
    other_id, other_cpr = await registered(client, auth("admin"), caseworker)
    sub = str(uuid.uuid4())
    integration = auth("integration")
    assert (
        await client.post(ROUTE, json={"subject": sub, "cpr": cpr}, headers=integration)
    ).status_code == 200
    assert (await client.get("/v1/me", headers=pseudonymous(sub))).json()["youth_id"] == youth_id
    again = await client.post(ROUTE, json={"subject": sub, "cpr": other_cpr}, headers=integration)
    assert again.status_code == 200, again.text
    assert (await client.get("/v1/me", headers=pseudonymous(sub))).json()["youth_id"] == other_id


async def test_a_person_without_a_record_is_mapped_but_opens_nothing(
    client, auth, youth, pseudonymous
) -> None:
    sub = str(uuid.uuid4())
    nobody = synthetic_cpr("010101")
    mapped = await client.post(ROUTE, json={"subject": sub, "cpr": nobody}, headers=auth("admin"))
    assert mapped.status_code == 200, mapped.text
    assert mapped.json()["youth_registered"] is False
    assert (await client.get("/v1/me", headers=pseudonymous(sub))).status_code == 404


async def test_the_mapping_stores_the_keyed_hash_never_the_number(client, auth, youth, admin_db) -> None:
    _, cpr = youth
    sub = str(uuid.uuid4())
    assert (
        await client.post(ROUTE, json={"subject": sub, "cpr": cpr}, headers=auth("integration"))
    ).status_code == 200
    row = await admin_db.fetchrow("SELECT * FROM citizen_subject WHERE subject = $1", sub)
    assert row is not None
    stored = " ".join(str(v) for v in dict(row).values())
    assert cpr.replace("-", "") not in stored and cpr not in stored
    assert len(row["cpr_hash"]) == 32


@pytest.mark.parametrize("role", ["caseworker", "guide", "coordinator", "analyst", "dpo"])
async def test_only_the_integration_or_an_admin_maps_a_pseudonym(client, auth, youth, role) -> None:
    _, cpr = youth
    answer = await client.post(ROUTE, json={"subject": "x", "cpr": cpr}, headers=auth(role))
    assert answer.status_code == 403, answer.text


async def test_a_citizens_token_cannot_map_itself(client, youth, pseudonymous) -> None:
    _, cpr = youth
    answer = await client.post(ROUTE, json={"subject": "me", "cpr": cpr}, headers=pseudonymous("me"))
    assert answer.status_code == 403 and answer.json()["code"] == "auth.citizen_token"


@pytest.mark.parametrize(
    "body",
    [
        {"subject": "", "cpr": "010110-4000"},
        {"subject": "x" * 201, "cpr": "010110-4000"},
        {"subject": "s", "cpr": "12345"},
        {"subject": "s", "cpr": "321310-4000"},
        {"subject": "s"},
    ],
)
async def test_a_bad_mapping_is_refused(client, auth, body) -> None:
    answer = await client.post(ROUTE, json=body, headers=auth("integration"))
    assert answer.status_code == 422, answer.text


async def test_a_token_with_neither_cpr_nor_sub_is_refused(client, settings, muni) -> None:
    token = mint_citizen_dev_token(settings, cpr=None, sub=" ", municipality=muni)
    answer = await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 401
