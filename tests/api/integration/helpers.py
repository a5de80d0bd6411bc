"""Shared helpers of the integration tests."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

DONE = ("completed", "failed")


async def wait_for_import(
    client: httpx.AsyncClient, headers: dict[str, str], location: str
) -> dict[str, Any]:
    """Polls an import until it has finished (bounded; no timing is asserted)."""
    for _ in range(6000):
        response = await client.get(location, headers=headers)
        assert response.status_code == 200, response.text
        job = response.json()
        if job["status"] in DONE:
            return job
        await asyncio.sleep(0.02)
    raise AssertionError(f"the import did not finish: {job}")


async def post_import(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    body: bytes | str,
    *,
    media_type: str = "text/csv",
    **params: Any,
) -> dict[str, Any]:
    content = body.encode() if isinstance(body, str) else body
    response = await client.post(
        "/v1/imports",
        params={k: str(v).lower() if isinstance(v, bool) else v for k, v in params.items()},
        content=content,
        headers={**headers, "Content-Type": media_type},
    )
    assert response.status_code == 202, response.text
    assert response.headers["Location"] == f"/v1/imports/{response.json()['id']}"
    return await wait_for_import(client, headers, response.headers["Location"])


async def wait_until_settled(admin_db) -> None:
    """Waits until every transaction older than now has ended, so the feed's horizon has passed
    everything this test committed. Other sessions on a shared server (another test run, a long
    import) may hold it back for a while; the feed is right to wait for them, and so are we."""
    mark = await admin_db.fetchval("SELECT pg_current_xact_id()::text::bigint")
    for _ in range(6000):
        horizon = await admin_db.fetchval("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        if horizon > mark:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("a transaction of another session has been running for minutes")


async def all_events(
    client: httpx.AsyncClient, headers: dict[str, str], after: str | None = None
) -> list[dict]:
    items: list[dict] = []
    while True:
        params: dict[str, Any] = {"limit": 200}
        if after:
            params["after"] = after
        page = (await client.get("/v1/events", params=params, headers=headers)).json()
        items += page["items"]
        after = page["next_cursor"]
        if not page["has_more"]:
            return items
