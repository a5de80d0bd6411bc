"""The bench database: created if missing, migrated with the project's Alembic, and labelled
(COMMENT ON DATABASE) with what was generated into it, so a run reuses matching data."""

from __future__ import annotations

import json
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
DEFAULT_NAME = "ungeapi_bench"


def with_database(server_dsn: str, name: str) -> str:
    """`postgresql://...` of database `name` on the server of `server_dsn`."""
    if name.startswith("ungeapi_test"):
        raise ValueError("the bench never uses the test databases (ungeapi_test*)")
    url = make_url(server_dsn).set(drivername="postgresql", database=name)
    return url.render_as_string(hide_password=False)


def sqlalchemy_url(dsn: str) -> str:
    return make_url(dsn).set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


async def ensure_database(server_dsn: str, name: str, *, recreate: bool = False) -> bool:
    """Creates database `name` if missing (or anew); True when it was created."""
    conn = await asyncpg.connect(server_dsn)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if exists and not recreate:
            return False
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
        return True
    finally:
        await conn.close()


def migrate(dsn: str) -> None:
    """`alembic upgrade head` with the project's configuration (call outside an event loop)."""
    from alembic import command

    from ungeapi.migrations_head import alembic_config

    command.upgrade(alembic_config(sqlalchemy_url(dsn)), "head")


async def read_label(server_dsn: str, name: str) -> dict[str, Any] | None:
    conn = await asyncpg.connect(server_dsn)
    try:
        text = await conn.fetchval(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1", name
        )
    finally:
        await conn.close()
    try:
        label = json.loads(text) if text else None
    except ValueError:
        return None
    return label if isinstance(label, dict) else None


async def write_label(server_dsn: str, name: str, label: dict[str, Any]) -> None:
    conn = await asyncpg.connect(server_dsn)
    try:
        literal = json.dumps(label, sort_keys=True).replace("'", "''")
        await conn.execute(f"COMMENT ON DATABASE \"{name}\" IS '{literal}'")
    finally:
        await conn.close()
