"""Finds the Alembic configuration, the head revision the code expects, and the revision a
database is at."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine


def alembic_ini_path() -> Path:
    candidates = [
        Path(os.environ["UNGEAPI_ALEMBIC_INI"]) if os.environ.get("UNGEAPI_ALEMBIC_INI") else None,
        Path.cwd() / "alembic.ini",
        Path(__file__).resolve().parents[2] / "alembic.ini",
    ]
    for candidate in candidates:
        if candidate is not None and candidate.is_file():
            return candidate
    raise FileNotFoundError("alembic.ini not found (set UNGEAPI_ALEMBIC_INI)")


def alembic_config(database_url: str | None = None) -> Config:
    ini = alembic_ini_path()
    config = Config(str(ini))
    config.set_main_option("script_location", str(ini.parent / "migrations"))
    if database_url:
        config.attributes["database_url"] = database_url
    return config


@functools.cache
def expected_head() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def database_revision(engine: AsyncEngine) -> str | None:
    """The revision the database's migrations are at; raises when the database does not answer."""
    async with engine.connect() as conn:
        revision: str | None = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
        return revision
