"""Engine, sessions and the one-transaction-per-request dependency."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated, Any

import asyncpg
from fastapi import Depends, Request
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from ungeapi.core.permissions import authenticated
from ungeapi.core.security import Principal
from ungeapi.core.settings import Settings

TENANT_SETTING = "ungeapi.municipality"
# PostgreSQL's JIT compiles a statement whose estimated cost passes jit_above_cost: for the
# worklist's one big UNION that took seconds per request at 300,000 youth in one municipality
# (bench, §8.2 queries) where running it takes a tenth of that; an API's short statements never
# gain from it.
SERVER_SETTINGS = {"jit": "off"}
_SET_SESSION_TENANT = "SELECT set_config($1, $2, false)"


def make_engine(settings: Settings, *, url: str | None = None, app_role: bool = True) -> AsyncEngine:
    engine = create_async_engine(
        url or settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_pool_size,
        pool_pre_ping=True,
        connect_args={"server_settings": dict(SERVER_SETTINGS)},
    )
    role = settings.db_app_role if app_role else None
    if role:
        quoted = '"' + role.replace('"', '""') + '"'

        @event.listens_for(engine.sync_engine, "connect")
        def _assume_app_role(dbapi_connection: Any, _record: Any) -> None:
            # The app runs as a role that row-level security applies to, whatever the login role.
            cursor = dbapi_connection.cursor()
            cursor.execute(f"SET ROLE {quoted}")
            cursor.close()
            # The driver ran SET ROLE inside a transaction: commit it, or a rollback of the first
            # request on this connection would undo the role and bypass row-level security.
            dbapi_connection.commit()

    return engine


class LaneConnection(asyncpg.Connection):  # type: ignore[misc]
    """A hot-lane connection that knows which municipality its session is set to (see
    `use_tenant`), so consecutive requests of one municipality skip a round trip."""

    __slots__ = ("_tenant",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._tenant: str | None = None

    def session_tenant(self) -> str | None:
        return self._tenant

    def note_tenant(self, municipality: str | None) -> None:
        self._tenant = municipality


async def use_tenant(connection: LaneConnection, municipality: str) -> None:
    """Sets the session's municipality on a hot-lane connection unless it is set to it already.

    The setting lives as long as the session, which only the lane uses; every lane statement also
    names the municipality itself, so even a wrong setting could only hide rows, never show another
    municipality's. The note is cleared before the change is sent: an interrupted change leaves it
    unknown, and the next request sets it again.
    """
    if connection.session_tenant() == municipality:
        return
    connection.note_tenant(None)
    # Prepared once per connection, then only bound: cheaper for PostgreSQL than a simple query.
    await connection.fetchval(_SET_SESSION_TENANT, TENANT_SETTING, municipality)
    connection.note_tenant(municipality)


async def _json_codecs(connection: asyncpg.Connection) -> None:
    # As the ORM gives them: JSON columns as Python values, not text.
    for name in ("json", "jsonb"):
        await connection.set_type_codec(name, encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


async def _keep_session(_connection: asyncpg.Connection) -> None:
    """Release without asyncpg's RESET ALL round trip, which would also undo `use_tenant`;
    asyncpg still rolls back a transaction left open."""


class Database:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = make_engine(settings)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)
        self._raw_pool: asyncpg.Pool | None = None
        self._raw_pool_lock = asyncio.Lock()

    async def raw_pool(self) -> asyncpg.Pool:
        """A plain asyncpg pool for the hot lane (core/hotpath.py), on the same app role."""
        if self._raw_pool is None:
            async with self._raw_pool_lock:
                if self._raw_pool is None:
                    settings = self.settings
                    dsn = make_url(settings.database_url).set(drivername="postgresql")
                    # The role as a startup parameter is the session's default, so nothing a
                    # transaction does can leave the connection outside row-level security.
                    server_settings = dict(SERVER_SETTINGS)
                    if settings.db_app_role:
                        server_settings["role"] = settings.db_app_role
                    if not settings.hot_reads_synchronous_commit:
                        server_settings["synchronous_commit"] = "off"
                    self._raw_pool = await asyncpg.create_pool(
                        dsn.render_as_string(hide_password=False),
                        min_size=1,
                        # As many as the SQLAlchemy pool may open with its overflow: waiters
                        # for a connection are what the latency tail is made of.
                        max_size=2 * settings.db_pool_size,
                        reset=_keep_session,
                        init=_json_codecs,
                        connection_class=LaneConnection,
                        server_settings=server_settings,
                    )
        return self._raw_pool

    async def dispose(self) -> None:
        if self._raw_pool is not None:
            await self._raw_pool.close()
            self._raw_pool = None
        await self.engine.dispose()


async def set_tenant(session: AsyncSession, municipality: str) -> None:
    await session.execute(
        text("SELECT set_config(:name, :value, true)"),
        {"name": TENANT_SETTING, "value": municipality},
    )


async def tenant_session(
    request: Request, principal: Annotated[Principal, Depends(authenticated)]
) -> AsyncIterator[AsyncSession]:
    """One transaction per request, scoped to the caller's municipality.

    Used with `scope="function"`, so the commit happens before the response is sent: a failed
    commit becomes an error answer, never a 2xx for data that was not written.
    """
    db: Database = request.app.state.db
    async with db.sessionmaker() as session, session.begin():
        await set_tenant(session, principal.municipality)
        yield session


Session = Annotated[AsyncSession, Depends(tenant_session, scope="function")]
