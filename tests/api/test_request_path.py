"""The one request path (core/db.py `Database.transaction`, core/reads.py): every request is one
transaction with the caller's municipality set inside it; a read and its audit rows are one
statement; a connection that died in the pool is replaced, not answered with an error."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

import asyncpg
import httpx
import pytest

from tests.conftest import synthetic_cpr
from ungeapi.core.settings import Settings
from ungeapi.main import create_app


async def _client_for(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            yield c


@pytest.fixture(scope="module")
async def one_connection(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """An app with a single pooled connection, so every request takes its turn on it."""
    async for c in _client_for(settings.model_copy(update={"db_pool_size": 1})):
        yield c


async def register(client: httpx.AsyncClient, headers: dict[str, str]) -> dict[str, Any]:
    body = {"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"}
    response = await client.post("/v1/youth", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def audit_of(admin_db: asyncpg.Connection, request_id: str) -> list[asyncpg.Record]:
    return list(
        await admin_db.fetch(
            "SELECT action, resource_id, purpose FROM audit_event WHERE request_id = $1 ORDER BY resource_id",
            request_id,
        )
    )


@contextmanager
def round_trips(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The statements the app sends to PostgreSQL, one entry per round trip."""
    sent: list[str] = []
    execute, fetch = asyncpg.Connection.execute, asyncpg.Connection.fetch
    prepared_fetch = asyncpg.prepared_stmt.PreparedStatement.fetch

    async def counted_execute(self: asyncpg.Connection, query: str, *args: Any, **kw: Any) -> Any:
        sent.append(query)
        return await execute(self, query, *args, **kw)

    async def counted_fetch(self: asyncpg.Connection, query: str, *args: Any, **kw: Any) -> Any:
        sent.append(query)
        return await fetch(self, query, *args, **kw)

    async def counted_prepared(self: Any, *args: Any, **kw: Any) -> Any:
        sent.append(self.get_query())
        return await prepared_fetch(self, *args, **kw)

    with monkeypatch.context() as m:
        m.setattr(asyncpg.Connection, "execute", counted_execute)
        m.setattr(asyncpg.Connection, "fetch", counted_fetch)
        m.setattr(asyncpg.prepared_stmt.PreparedStatement, "fetch", counted_prepared)
        yield sent


class TestOneTransaction:
    async def test_a_read_is_begin_with_the_tenant_one_statement_and_commit(
        self, client, auth, muni, admin_db, monkeypatch
    ) -> None:
        youth = await register(client, auth())
        headers = {**auth(), "X-Request-Id": "path-read-1", "X-Purpose": "team-meeting"}
        with round_trips(monkeypatch) as sent:
            read = await client.get(f"/v1/youth/{youth['id']}", headers=headers)
        assert read.status_code == 200 and read.json()["id"] == youth["id"]
        assert len(sent) == 3, sent
        begin, statement, commit = sent
        assert begin.startswith("BEGIN;") and f"'{muni}', true)" in begin
        assert "INSERT INTO audit_event" in statement
        assert commit == "COMMIT"
        rows = await audit_of(admin_db, "path-read-1")
        assert [(r["action"], r["resource_id"], r["purpose"]) for r in rows] == [
            ("read", youth["id"], "team-meeting")
        ]

    async def test_a_page_audits_exactly_the_rows_it_shows(self, client, auth, admin_db) -> None:
        headers = auth()
        made = {(await register(client, headers))["id"] for _ in range(5)}
        seen: list[str] = []
        cursor: str | None = None
        for page in range(3):
            params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
            answer = await client.get("/v1/youth", params=params, headers={**headers, "X-Request-Id": f"pg-{page}"})
            assert answer.status_code == 200
            shown = [y["id"] for y in answer.json()["items"]]
            rows = await audit_of(admin_db, f"pg-{page}")
            assert sorted(r["resource_id"] for r in rows) == sorted(shown)
            assert {r["action"] for r in rows} <= {"search"}
            seen += shown
            cursor = answer.json()["next_cursor"]
            assert (cursor is not None) == ("link" in answer.headers)
        assert cursor is None
        assert len(seen) == len(set(seen)) == 5 and set(seen) == made

    async def test_pages_follow_their_order_not_the_order_rows_were_written(
        self, client, auth, admin_db, muni
    ) -> None:
        """Youth registered in one go (an import, the demo) share their registration moment: the
        list's order is then by id, whatever order they were written in, and every page holds the
        next ones of that order."""
        made = [(await register(client, auth()))["id"] for _ in range(6)]
        await admin_db.execute("UPDATE youth SET created_at = now() WHERE municipality_code = $1", muni)
        seen: list[str] = []
        params: dict[str, Any] = {"limit": 2}
        while True:
            page = await client.get("/v1/youth", params=params, headers=auth())
            assert page.status_code == 200, page.text
            seen += [y["id"] for y in page.json()["items"]]
            if not page.json()["next_cursor"]:
                break
            params["cursor"] = page.json()["next_cursor"]
        assert seen == sorted(made, key=uuid.UUID)

    async def test_a_refused_request_writes_nothing(self, client, auth, admin_db, muni) -> None:
        body = {"cpr": synthetic_cpr(), "given_name": "Testa", "family_name": "Eksempelsen"}
        assert (await client.post("/v1/youth", json=body, headers=auth())).status_code == 201
        again = await client.post("/v1/youth", json=body, headers={**auth(), "X-Request-Id": "path-dup"})
        assert again.status_code == 409
        assert await audit_of(admin_db, "path-dup") == []


class TestTenantPerTransaction:
    async def test_municipalities_taking_turns_on_one_connection(self, one_connection, auth, muni) -> None:
        mine = await register(one_connection, auth())
        other = "993"
        theirs = await register(one_connection, auth(municipality=other))
        for _ in range(3):
            crossing = await one_connection.get(f"/v1/youth/{mine['id']}", headers=auth(municipality=other))
            assert crossing.status_code == 404
            me = await one_connection.get(f"/v1/youth/{mine['id']}", headers=auth())
            assert me.status_code == 200 and me.json()["municipality_code"] == muni
            them = await one_connection.get(f"/v1/youth/{theirs['id']}", headers=auth(municipality=other))
            assert them.status_code == 200 and them.json()["municipality_code"] == other
            listed = await one_connection.get("/v1/youth?limit=200", headers=auth(municipality=other))
            assert {y["municipality_code"] for y in listed.json()["items"]} == {other}

    async def test_the_setting_ends_with_the_transaction(self, one_connection, auth) -> None:
        await register(one_connection, auth())
        app = one_connection._transport.app  # type: ignore[attr-defined]
        async with app.state.db.engine.connect() as connection:
            # The pool's one connection, after a request: nothing of the request's municipality left.
            setting = await connection.exec_driver_sql("SELECT current_setting('ungeapi.municipality', true)")
            assert setting.scalar() in (None, "")
            assert (await connection.exec_driver_sql("SHOW jit")).scalar() == "off"


class TestDeadConnections:
    async def test_a_connection_that_died_in_the_pool_is_replaced(
        self, one_connection, auth, admin_db, muni
    ) -> None:
        youth = await register(one_connection, auth())
        killed = await admin_db.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
        assert killed >= 1
        read = await one_connection.get(f"/v1/youth/{youth['id']}", headers={**auth(), "X-Request-Id": "revived"})
        assert read.status_code == 200, read.text
        assert [r["action"] for r in await audit_of(admin_db, "revived")] == ["read"]
