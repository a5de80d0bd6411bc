"""Migrations: up to head, no drift from the models, down to base and up again."""

from __future__ import annotations

import asyncio
import warnings

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
