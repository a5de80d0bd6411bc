"""Migrations: up to head, no drift from the models, down to base and up again."""

from __future__ import annotations

import asyncio
import warnings
from typing import Any

import asyncpg
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from tests.conftest import TEST_DATABASE, recreate_database, run_migrations
from ungeapi.models import Base

DATABASE = f"{TEST_DATABASE}_migrations"


def _diff(url: str) -> list[object]:
    async def run() -> list[object]:
        engine = create_async_engine(url)
        async with engine.connect() as conn:

            def compare(sync_conn):  # type: ignore[no-untyped-def]
                context = MigrationContext.configure(sync_conn, opts={"compare_type": True})
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # expression indexes can't be compared; said so
                    return compare_metadata(context, Base.metadata)

            result = await conn.run_sync(compare)
        await engine.dispose()
        return list(result)

    return asyncio.run(run())


def _tables(url: str) -> set[str]:
    async def run() -> set[str]:
        conn = await asyncpg.connect(
            make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        )
        try:
            rows = await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        finally:
            await conn.close()
        return {r["tablename"] for r in rows}

    return asyncio.run(run())


def test_upgrade_matches_models_and_downgrade_is_real(server_url: str) -> None:
    url = asyncio.run(recreate_database(server_url, DATABASE))
    run_migrations(url)
    assert _diff(url) == []
    assert {"youth", "audit_event", "idempotency_record"} <= _tables(url)
    run_migrations(url, "base", down=True)
    assert _tables(url) <= {"alembic_version"}
    run_migrations(url)
    assert _diff(url) == []


def test_0017_masks_cpr_numbers_stored_before_they_were_masked(server_url: str) -> None:
    url = asyncio.run(recreate_database(server_url, f"{TEST_DATABASE}_cpr_masking"))
    run_migrations(url, "0016")
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)

    async def before() -> None:
        conn = await asyncpg.connect(dsn)
        try:
            await conn.execute(
                "INSERT INTO audit_event (municipality_code, sub, roles, action, resource_type, purpose, "
                "request_id) VALUES ('101', 'cw', '{}', 'read', 'youth', 'opslag 280599-1234 mor', '2805991234'),"
                " ('101', 'cw', '{}', 'read', 'youth', 'sag 2024-1234', 'abc')"
            )
            job = await conn.fetchval(
                "INSERT INTO import_job (municipality_code, kind, format, mode, dry_run, filename, "
                "submitted_by_sub) VALUES ('101', 'youth', 'csv', 'all_or_nothing', false, "
                "'280599-1234.csv', 'cw') RETURNING id"
            )
            await conn.execute(
                "INSERT INTO import_problem (municipality_code, import_id, line, field, code, message, params) "
                "VALUES ('101', $1, 1, '280599-1234', 'import.unknown_column', "
                '\'The column 280599-1234 is not known.\', \'{"column": "280599-1234", "n": 3}\')',
                job,
            )
            await conn.execute(
                "INSERT INTO idempotency_record (municipality_code, sub, key, route, request_hash, status_code, "
                "response_ciphertext, response_headers) VALUES ('101', 'cw', '280599-1234', 'POST /v1/youth', "
                "'\\x00', 201, '\\x00', '{}'), ('101', 'cw', $1, 'POST /v1/youth', '\\x00', 201, '\\x00', '{}')",
                "ab" * 32,
            )
        finally:
            await conn.close()

    async def after() -> tuple[list[Any], ...]:
        conn = await asyncpg.connect(dsn)
        try:
            return (
                await conn.fetch("SELECT purpose, request_id FROM audit_event ORDER BY id"),
                await conn.fetch("SELECT filename FROM import_job"),
                await conn.fetch("SELECT field, message, params FROM import_problem"),
                await conn.fetch("SELECT key FROM idempotency_record"),
            )
        finally:
            await conn.close()

    asyncio.run(before())
    run_migrations(url, "0017")
    audit, jobs, problems, keys = asyncio.run(after())
    assert [tuple(r) for r in audit] == [("opslag [cpr] mor", "[cpr]"), ("sag 2024-1234", "abc")]
    assert [r["filename"] for r in jobs] == ["[cpr].csv"]
    assert [tuple(r) for r in problems] == [
        ("[cpr]", "The column [cpr] is not known.", '{"n": 3, "column": "[cpr]"}')
    ]
    assert [r["key"] for r in keys] == ["ab" * 32]
    run_migrations(url, "0016", down=True)
