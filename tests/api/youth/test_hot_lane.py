"""The hot lane (core/hotpath.py, youth/hot.py) answers exactly as the FastAPI routes do.

Every request is sent twice: to the app as it runs (lane on) and to a reference app with the
lane off, against the same database; bodies, headers, status codes and audit rows must agree.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import asyncpg
import httpx
import pytest

from tests.clock import TODAY
from tests.conftest import synthetic_cpr
from ungeapi.core.settings import Settings
from ungeapi.main import create_app

AUDIT_COLUMNS = (
    "municipality_code, sub, roles, department, action, resource_type, resource_id, youth_id, "
    "purpose, request_id, detail"
)


async def _client_for(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            yield c


@pytest.fixture(scope="module")
async def reference(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async for c in _client_for(settings.model_copy(update={"hot_reads": False})):
        yield c


@pytest.fixture(scope="module")
async def one_connection(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The lane with a single pooled connection, so municipalities must take turns on it."""
    async for c in _client_for(settings.model_copy(update={"db_pool_size": 1})):
        yield c


async def register(client: httpx.AsyncClient, headers: dict[str, str], **fields: Any) -> dict[str, Any]:
    body = {"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen", **fields}
    response = await client.post("/v1/youth", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def audit_of(admin_db: asyncpg.Connection, muni: str, request_id: str) -> list[dict[str, Any]]:
    rows = await admin_db.fetch(
        f"SELECT {AUDIT_COLUMNS} FROM audit_event WHERE municipality_code = $1 AND request_id = $2 "
        "ORDER BY resource_id",
        muni,
        request_id,
    )
    return [dict(r) for r in rows]


def same_answer(a: httpx.Response, b: httpx.Response) -> None:
    assert a.status_code == b.status_code, (a.text, b.text)
    assert a.headers["content-type"] == b.headers["content-type"]
    # Problem answers carry each request's own id.
    assert {**a.json(), "request_id": None} == {**b.json(), "request_id": None}
    for header in ("etag", "link"):
        assert a.headers.get(header) == b.headers.get(header)


class TestSameAnswers:
    async def test_one_youth_body_etag_and_audit_row(self, client, reference, auth, admin_db, muni) -> None:
        headers = auth()
        youth = await register(
            client,
            headers,
            guardians=[{"name": "Mor", "relation": "mother", "has_custody": True, "involve_until_18": True}],
            target_groups=["placed"],
            external_ref={"system": "DUBU", "id": "sag-17"},
        )
        fast = await client.get(
            f"/v1/youth/{youth['id']}", headers={**headers, "X-Request-Id": "lane-1", "X-Purpose": "team-meeting"}
        )
        slow = await reference.get(
            f"/v1/youth/{youth['id']}", headers={**headers, "X-Request-Id": "route-1", "X-Purpose": "team-meeting"}
        )
        assert fast.status_code == 200
        same_answer(fast, slow)
        assert fast.json()["guardians"][0]["name"] == "Mor"
        assert fast.json()["external_ref"] == {"system": "DUBU", "id": "sag-17"}
        lane_rows = await audit_of(admin_db, muni, "lane-1")
        route_rows = await audit_of(admin_db, muni, "route-1")
        assert len(lane_rows) == 1
        assert lane_rows[0]["action"] == "read" and lane_rows[0]["purpose"] == "team-meeting"
        assert [{**r, "request_id": None} for r in lane_rows] == [{**r, "request_id": None} for r in route_rows]

    async def test_pages_links_and_audit_rows(self, client, reference, auth, admin_db, muni) -> None:
        headers = auth()
        for _ in range(5):
            await register(client, headers)
        fast = await client.get("/v1/youth?limit=2", headers={**headers, "X-Request-Id": "lane-p1"})
        slow = await reference.get("/v1/youth?limit=2", headers={**headers, "X-Request-Id": "route-p1"})
        same_answer(fast, slow)
        assert len(fast.json()["items"]) == 2 and fast.json()["next_cursor"]
        assert fast.headers["link"].endswith('rel="next"')
        lane_rows = await audit_of(admin_db, muni, "lane-p1")
        route_rows = await audit_of(admin_db, muni, "route-p1")
        assert {r["action"] for r in lane_rows} == {"search"}
        assert sorted(r["resource_id"] for r in lane_rows) == sorted(r["resource_id"] for r in route_rows)
        assert len(lane_rows) == 2

        seen = [y["id"] for y in fast.json()["items"]]
        cursor = fast.json()["next_cursor"]
        while cursor:
            fast = await client.get("/v1/youth", params={"limit": 2, "cursor": cursor}, headers=headers)
            slow = await reference.get("/v1/youth", params={"limit": 2, "cursor": cursor}, headers=headers)
            same_answer(fast, slow)
            seen += [y["id"] for y in fast.json()["items"]]
            cursor = fast.json()["next_cursor"]
        assert len(seen) == len(set(seen)) == 5

    async def test_disclosures_through_a_consent_as_the_route(
        self, client, reference, auth, admin_db, muni
    ) -> None:
        """A read through a consent is audited as `disclose` (access.py) by the lane as by the route."""
        assert (await client.post("/v1/settings/seed", headers=auth())).status_code == 200
        youth = await register(client, auth(), registered_by_department="BFU")
        consent = {
            "youth_id": youth["id"],
            "given_by": [{"kind": "youth", "name": "Testa", "given_on": TODAY.isoformat()}],
            "categories": ["cases"],
            "recipient_departments": ["ARB"],
            "purpose": "Jobcentret følger uddannelsen.",
            "valid_until": (TODAY + timedelta(days=30)).isoformat(),
        }
        given = await client.post("/v1/consents", json=consent, headers=auth(roles="caseworker"))
        assert given.status_code == 201, given.text
        arb = auth(roles="caseworker", departments="ARB")
        for path, tag in ((f"/v1/youth/{youth['id']}", "one"), ("/v1/youth?limit=5", "page")):
            fast = await client.get(path, headers={**arb, "X-Request-Id": f"lane-d-{tag}"})
            slow = await reference.get(path, headers={**arb, "X-Request-Id": f"route-d-{tag}"})
            same_answer(fast, slow)
            assert youth["id"] in fast.text
            lane_rows = await audit_of(admin_db, muni, f"lane-d-{tag}")
            route_rows = await audit_of(admin_db, muni, f"route-d-{tag}")
            assert sorted(r["action"] for r in lane_rows) == ["disclose", "read" if tag == "one" else "search"]
            def plain(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
                return sorted(({**r, "request_id": None} for r in rows), key=lambda r: r["action"])

            assert plain(lane_rows) == plain(route_rows)

    async def test_default_page_and_filters_fall_through(self, client, reference, auth) -> None:
        headers = auth()
        await register(client, headers, given_name="Aske")
        await register(client, headers, given_name="Bo")
        for query in ("", "?limit=50", "?name=ask", "?archived=true", "?age_min=10&limit=5", "?limit=1&limit=2"):
            fast = await client.get(f"/v1/youth{query}", headers=headers)
            slow = await reference.get(f"/v1/youth{query}", headers=headers)
            same_answer(fast, slow)


class TestScopeAsTheRoutes:
    """The lane's scope is `ungeapi.access` compiled per shape of caller; each shape must agree."""

    async def test_every_kind_of_caller(self, client, reference, auth, muni) -> None:
        bfu = await register(client, auth(roles="caseworker", departments="BFU"))
        arb = await register(client, auth(roles="caseworker", departments="ARB"))
        callers = [
            auth(),
            auth(roles="dpo", departments=[]),
            auth(roles="caseworker", departments="BFU"),
            auth(roles="caseworker", departments="ARB"),
            auth(roles="caseworker", departments=["SAEH", "ARB"]),
            auth(roles="caseworker", departments=[]),
            auth(roles=["caseworker", "coordinator"], departments=["UU", "BFU", "ARB"]),
            auth(roles="guide", departments=[]),
            auth(roles="analyst", departments="BFU"),
            auth(municipality="991"),
        ]
        for headers in callers:
            for path in (f"/v1/youth/{bfu['id']}", f"/v1/youth/{arb['id']}", "/v1/youth", "/v1/youth?limit=1"):
                same_answer(await client.get(path, headers=headers), await reference.get(path, headers=headers))

    async def test_refusals(self, client, auth) -> None:
        youth = await register(client, auth())
        path = f"/v1/youth/{youth['id']}"
        assert (await client.get(path)).status_code == 401
        assert (await client.get(path, headers={"Authorization": "Bearer not-a-token"})).status_code == 401
        forbidden = await client.get(path, headers=auth(roles="analyst"))
        assert forbidden.status_code == 403
        assert forbidden.headers["content-type"] == "application/problem+json"
        elsewhere = await client.get(path, headers=auth(municipality="992"))
        assert elsewhere.status_code == 404
        assert elsewhere.json()["code"] == "youth.not_found"
        assert (await client.get(path, headers=auth(roles="caseworker", departments="ARB"))).status_code == 404
        assert (await client.get("/v1/youth?limit=0", headers=auth())).status_code == 422


class TestLaneItself:
    async def test_answers_without_the_route(self, client, auth, monkeypatch) -> None:
        youth = await register(client, auth())

        async def broken(*_args: Any, **_kwargs: Any) -> None:
            raise AssertionError("the FastAPI route was used")

        monkeypatch.setattr("ungeapi.youth.service.read_youth", broken)
        monkeypatch.setattr("ungeapi.youth.service.list_youth", broken)
        assert (await client.get(f"/v1/youth/{youth['id']}", headers=auth())).status_code == 200
        assert (await client.get("/v1/youth", headers=auth())).status_code == 200

    async def test_municipalities_taking_turns_on_one_connection(
        self, one_connection, auth, muni, monkeypatch
    ) -> None:
        mine = await register(one_connection, auth())
        other_muni = "993"
        theirs = await register(one_connection, auth(municipality=other_muni))
        crossing = await one_connection.get(f"/v1/youth/{mine['id']}", headers=auth(municipality=other_muni))
        assert crossing.status_code == 404

        async def broken(*_args: Any, **_kwargs: Any) -> None:
            raise AssertionError("the FastAPI route was used")

        # Each municipality's read must be the lane's own answer on the one shared connection.
        monkeypatch.setattr("ungeapi.youth.service.read_youth", broken)
        monkeypatch.setattr("ungeapi.youth.service.list_youth", broken)
        for _ in range(3):
            me = await one_connection.get(f"/v1/youth/{mine['id']}", headers=auth())
            assert me.status_code == 200 and me.json()["municipality_code"] == muni
            them = await one_connection.get(f"/v1/youth/{theirs['id']}", headers=auth(municipality=other_muni))
            assert them.status_code == 200 and them.json()["municipality_code"] == other_muni
            listed = await one_connection.get("/v1/youth?limit=200", headers=auth(municipality=other_muni))
            assert {y["municipality_code"] for y in listed.json()["items"]} == {other_muni}

    async def test_a_wrong_session_tenant_hides_rows_and_never_shows_another_municipality(
        self, one_connection, auth, muni
    ) -> None:
        mine = await register(one_connection, auth())
        other_muni = "995"
        await register(one_connection, auth(municipality=other_muni))
        assert (await one_connection.get(f"/v1/youth/{mine['id']}", headers=auth())).status_code == 200
        app = one_connection._transport.app  # type: ignore[attr-defined]
        pool = await app.state.db.raw_pool()
        async with pool.acquire() as conn:
            # The session now says another municipality while the connection's note still says ours.
            await conn.execute(f"SELECT set_config('ungeapi.municipality', '{other_muni}', false)")
            assert conn.session_tenant() == muni
        me = await one_connection.get(f"/v1/youth/{mine['id']}", headers=auth())
        assert me.status_code == 200 and me.json()["id"] == mine["id"]
        listed = await one_connection.get("/v1/youth?limit=200", headers=auth())
        assert {y["municipality_code"] for y in listed.json()["items"]} == {muni}


class TestSynchronousCommitSetting:
    async def test_durable_by_default_and_asynchronous_only_when_asked(self, settings, auth, admin_db, muni) -> None:
        for synchronous, expected in ((True, "on"), (False, "off")):
            update = {"hot_reads_synchronous_commit": synchronous}
            async for c in _client_for(settings.model_copy(update=update)):
                youth = await register(c, auth())
                read = await c.get(f"/v1/youth/{youth['id']}", headers={**auth(), "X-Request-Id": f"sc-{expected}"})
                assert read.status_code == 200
                assert len(await audit_of(admin_db, muni, f"sc-{expected}")) == 1
                pool = await c._transport.app.state.db.raw_pool()  # type: ignore[attr-defined]
                assert await pool.fetchval("SHOW synchronous_commit") == expected
                assert await pool.fetchval("SHOW jit") == "off"
                engine = c._transport.app.state.db.engine  # type: ignore[attr-defined]
                async with engine.connect() as connection:
                    assert (await connection.exec_driver_sql("SHOW jit")).scalar() == "off"
