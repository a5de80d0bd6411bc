"""Engine, sessions and the one-transaction-per-request dependency."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import event, text
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


def make_engine(settings: Settings, *, url: str | None = None, app_role: bool = True) -> AsyncEngine:
    engine = create_async_engine(
        url or settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_pool_size,
        pool_pre_ping=True,
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


class Database:
    def __init__(self, settings: Settings) -> None:
        self.engine = make_engine(settings)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)

    async def dispose(self) -> None:
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
