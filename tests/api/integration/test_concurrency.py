"""Concurrency everywhere: 50 concurrent PATCHes with one ETag, exactly one wins."""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx

from tests.conftest import synthetic_cpr


async def test_fifty_concurrent_patches_with_the_same_etag(client, auth) -> None:
    admin = auth("admin")
    body = {"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"}
    youth = (await client.post("/v1/youth", json=body, headers=admin)).json()
    etag = (await client.get(f"/v1/youth/{youth['id']}", headers=admin)).headers["ETag"]

    async def patch(n: int) -> httpx.Response:
        return await client.patch(
            f"/v1/youth/{youth['id']}",
            json={"given_name": f"Writer {n}"},
            headers={**admin, "If-Match": etag},
        )

    responses = await asyncio.gather(*(patch(n) for n in range(50)))
    assert Counter(r.status_code for r in responses) == {200: 1, 412: 49}
    [winner] = [r.json() for r in responses if r.status_code == 200]
    assert all(r.headers["ETag"] == '"2"' for r in responses if r.status_code == 412)
    final = (await client.get(f"/v1/youth/{youth['id']}", headers=admin)).json()
    assert final["version"] == 2 and final["given_name"] == winner["given_name"]


async def test_fifty_concurrent_patches_of_an_absence_record(client, auth) -> None:
    admin = auth("admin")
    body = {"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"}
    youth = (await client.post("/v1/youth", json=body, headers=admin)).json()
    created = await client.post(
        "/v1/absence",
        json={"youth_id": youth["id"], "school_name": "Skolen", "quarter": "2026Q1", "lawful_pct": 1,
              "unlawful_pct": 1, "sick_pct": 1},
        headers=admin,
    )  # fmt: skip
    record = created.json()

    async def patch(n: int) -> httpx.Response:
        return await client.patch(
            f"/v1/absence/{record['id']}", json={"sick_pct": n % 10}, headers={**admin, "If-Match": '"1"'}
        )

    responses = await asyncio.gather(*(patch(n) for n in range(50)))
    assert Counter(r.status_code for r in responses) == {200: 1, 412: 49}
