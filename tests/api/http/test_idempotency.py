"""One Idempotency-Key's concurrent retries, really concurrent against PostgreSQL: each gets
the first answer, or 409 idempotency.in_progress while the first still runs; never the
business conflict the first one's data would cause, and nothing is made twice."""

from __future__ import annotations

import asyncio
from collections import Counter

from tests.conftest import synthetic_cpr


async def test_concurrent_retries_get_the_first_answer_or_in_progress(client, auth, admin_db, muni) -> None:
    admin = {**auth("admin"), "Idempotency-Key": "register-once"}
    body = {"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"}
    responses = await asyncio.gather(*(client.post("/v1/youth", json=body, headers=admin) for _ in range(20)))
    outcomes = Counter(
        (r.status_code, r.json().get("code") if r.status_code != 201 else "created") for r in responses
    )
    assert set(outcomes) <= {(201, "created"), (409, "idempotency.in_progress")}, outcomes
    made = {r.json()["id"] for r in responses if r.status_code == 201}
    assert len(made) == 1
    for waiting in (r for r in responses if r.status_code == 409):
        assert waiting.headers["Retry-After"] == "1"
    later = await client.post("/v1/youth", json=body, headers=admin)
    assert later.status_code == 201 and later.json()["id"] in made
    assert later.headers["Idempotent-Replayed"] == "true"
    assert await admin_db.fetchval("SELECT count(*) FROM youth WHERE municipality_code = $1", muni) == 1


async def test_the_same_key_of_another_caller_is_another_key(client, auth) -> None:
    body = {"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"}
    first, second = await asyncio.gather(
        client.post("/v1/youth", json=body, headers={**auth("admin", sub="a"), "Idempotency-Key": "k"}),
        client.post(
            "/v1/youth", json=body | {"cpr": synthetic_cpr()}, headers={**auth("admin", sub="b"), "Idempotency-Key": "k"}
        ),
    )
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]
