"""The change feed: every committed change in order, resumable, gapless, scoped."""

from __future__ import annotations

from tests.api.integration.helpers import all_events, wait_until_settled
from tests.conftest import synthetic_cpr


async def new_youth(client, headers) -> dict:
    body = {"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"}
    response = await client.post("/v1/youth", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


class TestFeed:
    async def test_in_order_and_resumable_page_by_page(self, client, auth, admin_db) -> None:
        admin = auth("integration")
        created = [await new_youth(client, admin) for _ in range(5)]
        await wait_until_settled(admin_db)
        first = await client.get("/v1/events", params={"limit": 2}, headers=admin)
        assert first.status_code == 200
        page = first.json()
        assert page["has_more"] is True and len(page["items"]) == 2 and 'rel="next"' in first.headers["Link"]
        seen = list(page["items"])
        cursor = page["next_cursor"]
        while page["has_more"]:
            page = (
                await client.get("/v1/events", params={"limit": 2, "after": cursor}, headers=admin)
            ).json()
            seen += page["items"]
            cursor = page["next_cursor"]
        assert [e["resource_id"] for e in seen] == [y["id"] for y in created]
        assert [e["type"] for e in seen] == ["youth.created"] * 5 and all(e["version"] == 1 for e in seen)
        # Nothing new: the same cursor comes back, and nothing is repeated.
        idle = (await client.get("/v1/events", params={"after": cursor}, headers=admin)).json()
        assert idle == {"items": [], "next_cursor": cursor, "has_more": False}
        changed = await client.patch(
            f"/v1/youth/{created[2]['id']}", json={"family_name": "Ny"}, headers={**admin, "If-Match": '"1"'}
        )
        assert changed.status_code == 200
        await wait_until_settled(admin_db)
        later = (await client.get("/v1/events", params={"after": cursor}, headers=admin)).json()["items"]
        assert [(e["type"], e["resource_id"], e["version"]) for e in later] == [
            ("youth.updated", created[2]["id"], 2)
        ]

    async def test_an_event_that_commits_late_is_not_skipped(self, client, auth, admin_db, muni) -> None:
        admin = auth("admin")
        await new_youth(client, admin)
        await wait_until_settled(admin_db)
        cursor = (await client.get("/v1/events", headers=admin)).json()["next_cursor"]
        async with admin_db.transaction():
            # A writer that started first and commits last (e.g. a long import).
            await admin_db.execute(
                "INSERT INTO change_event (municipality_code, resource_type, resource_id, action, actor_sub) "
                "VALUES ($1, 'department', 'late', 'created', 'slow-writer')",
                muni,
            )
            quick = await new_youth(client, admin)
            held = (await client.get("/v1/events", params={"after": cursor}, headers=admin)).json()
            assert held["items"] == [] and held["next_cursor"] == cursor
        await wait_until_settled(admin_db)
        items = await all_events(client, admin, cursor)
        assert [e["resource_id"] for e in items] == ["late", quick["id"]]

    async def test_scope_roles_and_cursor(self, client, auth) -> None:
        await new_youth(client, auth("admin"))
        assert (await client.get("/v1/events", headers=auth("caseworker"))).status_code == 403
        assert (await client.get("/v1/events", headers=auth("dpo"))).status_code == 200
        other = (await client.get("/v1/events", headers=auth("admin", municipality="997"))).json()
        assert other["items"] == []
        bad = await client.get("/v1/events", params={"after": "bm90LWEtY3Vyc29y"}, headers=auth("admin"))
        assert bad.status_code == 400 and bad.json()["code"] == "request.invalid_cursor"
