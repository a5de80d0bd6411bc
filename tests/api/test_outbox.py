"""Every committed change leaves one event in the outbox, written in the same transaction."""

from __future__ import annotations

from tests.clock import TODAY
from tests.conftest import synthetic_cpr


async def events(admin_db, muni: str) -> list[tuple[str, str, int | None]]:
    rows = await admin_db.fetch(
        "SELECT resource_type, action, version FROM change_event WHERE municipality_code = $1 ORDER BY xact_id, id", muni
    )
    return [(r["resource_type"], r["action"], r["version"]) for r in rows]


async def test_youth_and_case_changes_are_events_and_reads_are_not(client, auth, admin_db, muni) -> None:
    admin = auth("admin")
    await client.post("/v1/settings/seed", headers=admin)
    seeded = await events(admin_db, muni)
    assert seeded == [("department", "created", 1)] * 6
    youth = (await client.post("/v1/youth", json={"cpr": synthetic_cpr(), "given_name": "A", "family_name": "B"}, headers=admin)).json()
    await client.get(f"/v1/youth/{youth['id']}", headers=admin)
    await client.patch(f"/v1/youth/{youth['id']}", json={"given_name": "C"}, headers={**admin, "If-Match": '"1"'})
    body = {"youth_id": youth["id"], "department_code": "BFU", "kind": "placement", "opened_on": f"{TODAY.year - 1}-01-01"}
    await client.put("/v1/cases/by-external/journal/K-1", json=body, headers=admin)
    await client.put("/v1/cases/by-external/journal/K-1", json=body, headers=admin)
    await client.post("/v1/youth", json={"cpr": "320110-4000", "given_name": "A", "family_name": "B"}, headers=admin)
    assert (await events(admin_db, muni))[6:] == [("youth", "created", 1), ("youth", "updated", 2), ("case", "created", 1)]


async def test_the_app_role_cannot_rewrite_events(admin_db, muni) -> None:
    import asyncpg
    import pytest

    async with admin_db.transaction():
        await admin_db.execute("SET LOCAL ROLE ungeapi_app")
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await admin_db.execute("UPDATE change_event SET action = 'x'")
