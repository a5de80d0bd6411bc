"""Engine, sessions and the one-transaction-per-request dependency."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Any

import asyncpg
from fastapi import Depends, Request
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from ungeapi.core.permissions import authenticated
from ungeapi.core.security import Principal
from ungeapi.core.settings import Settings

logger = logging.getLogger("ungeapi.db")

TENANT_SETTING = "ungeapi.municipality"
# PostgreSQL's JIT compiles a statement whose estimated cost passes jit_above_cost: for the
# worklist's one big UNION that took seconds per request at 300,000 youth in one municipality
# (bench, §8.2 queries) where running it takes a tenth of that; an API's short statements never
# gain from it.
SERVER_SETTINGS = {"jit": "off"}
# Behind PgBouncer in transaction pooling (UNGEAPI_DB_PGBOUNCER) the server connection under a
# client connection changes from one transaction to the next, and PgBouncer 1.18 carries no
# prepared statement across: a statement prepared by name on one server connection is missing
# (or, from another client, already taken) on the next. So no statement is kept prepared: asyncpg
# and SQLAlchemy's asyncpg adapter prepare each one unnamed and parse it again where it runs.
# Nor are server settings sent at login (PgBouncer refuses startup parameters it does not know,
# jit among them) or a role assumed per connection: `Database` sets both per transaction.
PGBOUNCER_CONNECT_ARGS = {"statement_cache_size": 0, "prepared_statement_cache_size": 0}


def make_engine(
    settings: Settings, *, url: str | None = None, app_role: bool = True, connect_timeout: float | None = None
) -> AsyncEngine:
    connect_args: dict[str, Any] = {
        "server_settings": dict(SERVER_SETTINGS),
        # asyncpg keeps a statement prepared only up to 15 KiB by default; the worklist and
        # the overview compile to more than that, and planning them again on every request
        # cost more than running them. Kept whatever their size (core/db.py `fetch`).
        "max_cacheable_statement_size": 0,
    }
    if settings.db_pgbouncer:
        connect_args = dict(PGBOUNCER_CONNECT_ARGS)
    if connect_timeout is not None:
        connect_args["timeout"] = connect_timeout
    engine = create_async_engine(
        url or settings.database_url,
        # As many as the setting and as many again, all kept: an overflow connection is closed
        # when it comes back, and opening one (TLS attempt, login, role, type codecs) costs ten
        # requests' worth of time whenever load passes the first half.
        pool_size=2 * settings.db_pool_size,
        max_overflow=0,
        # No pre-ping: its three round trips on every checkout cost more than the request's
        # own statements; a dead connection is found and replaced when a request begins on it.
        pool_pre_ping=False,
        connect_args=connect_args,
    )
    role = settings.db_app_role if app_role else None
    # Behind PgBouncer a role set on a connection would stay on whichever server connection ran
    # it, for other clients: the request path takes the role per transaction instead (`Database`).
    if role and not settings.db_pgbouncer:
        quoted = _quoted(role)

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


DRIVER = "ungeapi.driver_connection"
# A connection found dead when a request begins is thrown away and another taken; after a
# database restart every pooled connection is dead, so as many tries as the pool holds, and one.
_BEGIN_TRIES_BEYOND_POOL = 1
# What a dead connection raises on its next use: a closed socket, the server's FATAL for a killed
# backend or a shutdown, or (when that FATAL arrived while the connection sat idle) a protocol
# state asyncpg calls internal.
_DEAD = (
    asyncpg.InterfaceError,
    asyncpg.InternalClientError,
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,
    ConnectionError,
    OSError,
)


def server_unavailable(exc: BaseException) -> bool:
    """The server cannot take this request now, whatever the request: the connection is gone
    (SQLSTATE class 08), the server is shutting down or starting up (57P01-57P03), or it is no
    longer the primary (25006, read_only_sql_transaction: demoted in a failover while we were
    connected). Nothing was written; the same request succeeds once there is a primary again."""
    orig = getattr(exc, "orig", None)  # SQLAlchemy's wrapper of the driver's error
    state = str(getattr(exc, "sqlstate", None) or getattr(orig, "sqlstate", None) or "")
    return state.startswith(("08", "57P")) or state == "25006"


def retry_later(exc: BaseException) -> bool:
    """The same request may succeed if sent again: the server is unavailable (above), or it rolled
    the transaction back for a reason of its own (SQLSTATE class 40: a deadlock, a serialization
    failure, or a replica cancelling a read that conflicted with the replay of the primary's WAL).
    Nothing was written either way."""
    orig = getattr(exc, "orig", None)
    state = str(getattr(exc, "sqlstate", None) or getattr(orig, "sqlstate", None) or "")
    return server_unavailable(exc) or state.startswith("40")


def _quoted(identifier: str) -> str:
    """`identifier` as SQL writes a name: in double quotes, its own doubled."""
    return '"' + identifier.replace('"', '""') + '"'


def _begin_sql(municipality: str, per_transaction: str = "", *, read_only: bool = False) -> str:
    # The code is checked to be three digits (core/security.py) before any request gets here;
    # checked again because it is written into the SQL, which saves a round trip.
    if not (len(municipality) == 3 and municipality.isascii() and municipality.isdigit()):
        raise ValueError("municipality code must be three digits")
    begin = "BEGIN READ ONLY" if read_only else "BEGIN"
    return f"{begin};{per_transaction} SELECT set_config('{TENANT_SETTING}', '{municipality}', true)"


def _per_transaction(settings: Settings) -> str:
    """What a connection otherwise keeps for its life, taken in each transaction instead, when a
    server connection is the app's for one transaction only (PgBouncer, transaction pooling)."""
    if not settings.db_pgbouncer:
        return ""
    role = settings.db_app_role
    quoted = "" if not role else f" SET LOCAL ROLE {_quoted(role)};"
    return quoted + "".join(f" SET LOCAL {name} = {value};" for name, value in SERVER_SETTINGS.items())


Transaction = Callable[[str], AbstractAsyncContextManager[AsyncSession]]
"""`Database.transaction`: one transaction in a municipality, for work outside a request too."""

# How far behind the primary the replica is, in seconds, measured on the replica itself. The
# time since the last transaction replayed alone would grow without end under an idle primary,
# although nothing is missing: a replica whose WAL receiver runs and has replayed all it has
# received is taken as current (0). Otherwise (replay paused or slow, or no receiver: the primary
# is gone or streaming broke) that time is the lag, an upper bound; unknown (NULL: nothing
# replayed since the replica started) counts as too far. Not in recovery: the URL reached a
# primary (a replica promoted in a failover), which `read_transaction` leaves for the primary's pool.
REPLICA_LAG_SQL = """
SELECT pg_is_in_recovery() AS standby,
       CASE WHEN NOT pg_is_in_recovery() THEN 0
            WHEN EXISTS (SELECT FROM pg_stat_wal_receiver)
                 AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE greatest(0, extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()))
       END::float8 AS lag
"""
# A replica that cannot be reached: it is down, refuses connections, or does not answer in time.
_UNREACHABLE = (*_DEAD, DBAPIError, TimeoutError)
AUDIT_LATER = "ungeapi.audit_later"
"""`session.info` key of a replica's session: the audit rows to write on the primary afterwards
(core/audit.py `record`), as a read-only server takes none."""


@dataclass(frozen=True, slots=True)
class ReadSource:
    """Where a lag-tolerant read ran (`Database.read_transaction`): `source` "replica" or
    "primary", and why the primary when a replica was asked for."""

    source: str
    reason: str = ""
    lag: float | None = None

    @property
    def header(self) -> str:
        """The `X-Read-Source` answer header: `replica; lag=0.004` or `primary; reason=lag`."""
        if self.source == "replica":
            return f"replica; lag={self.lag or 0:.3f}"
        return f"primary; reason={self.reason}"


class Database:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = make_engine(settings)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)
        self._per_transaction = _per_transaction(settings)
        # The request path opens and ends its transaction itself (`transaction`): SQLAlchemy in
        # AUTOCOMMIT sends no BEGIN/COMMIT of its own, so the ORM's statements run inside it.
        self._request_engine = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        self.replica_engine: AsyncEngine | None = None
        if settings.database_replica_url:
            self.replica_engine = make_engine(
                settings,
                url=settings.database_replica_url,
                connect_timeout=settings.replica_connect_timeout_seconds,
            ).execution_options(isolation_level="AUTOCOMMIT")
        # Until this moment (time.monotonic) the replica is not tried: it could not be reached.
        self._replica_down_until = 0.0
        # Requests waiting for a pooled connection now (/metrics).
        self.waiting = 0

    @asynccontextmanager
    async def transaction(self, municipality: str) -> AsyncIterator[AsyncSession]:
        """One transaction in `municipality`, whole or not at all: BEGIN and the tenant setting in
        one round trip, COMMIT in one; the session for the ORM and `fetch` for compiled reads."""
        begun = await self._begin(self._request_engine, _begin_sql(municipality, self._per_transaction))
        async with _in_transaction(*begun) as session:
            yield session

    @asynccontextmanager
    async def read_transaction(self, municipality: str) -> AsyncIterator[tuple[AsyncSession, ReadSource]]:
        """A read-only transaction on the replica when one is set, reachable and no further behind
        than UNGEAPI_REPLICA_MAX_LAG_SECONDS; else a transaction on the primary. Only for reads of
        no youth's own data: a per-youth read is audited in its own transaction, which a replica
        cannot write (core/audit.py refuses it; the aggregate audit rows wait in AUDIT_LATER)."""
        begun, where = await self._begin_on_replica(municipality)
        if begun is None:
            async with self.transaction(municipality) as session:
                yield session, where
            return
        async with _in_transaction(*begun) as session:
            session.info[AUDIT_LATER] = []
            yield session, where

    async def _begin_on_replica(
        self, municipality: str
    ) -> tuple[tuple[AsyncConnection, asyncpg.Connection] | None, ReadSource]:
        if self.replica_engine is None:
            return None, ReadSource("primary", "no-replica")
        if time.monotonic() < self._replica_down_until:
            return None, ReadSource("primary", "replica-unavailable")
        sql = _begin_sql(municipality, self._per_transaction, read_only=True)
        try:
            connection, driver = await self._begin(self.replica_engine, sql)
        except _UNREACHABLE:
            return None, self._replica_lost()
        try:
            standby, lag = await driver.fetchrow(REPLICA_LAG_SQL)
        except _DEAD:
            await connection.invalidate()
            await connection.close()
            return None, self._replica_lost()
        except BaseException:
            await _abandon(connection, driver)
            await connection.close()
            raise
        if lag is None or lag > self.settings.replica_max_lag_seconds:
            await _abandon(connection, driver)
            await connection.close()
            return None, ReadSource("primary", "lag", lag)
        if not standby:
            # Promoted in a failover (or the URL names a primary): the connection leaves the
            # replica's pool, and the primary's own pool serves, until a standby is found again.
            await _abandon(connection, driver)
            await connection.invalidate()
            await connection.close()
            return None, self._replica_lost("replica-is-primary")
        return (connection, driver), ReadSource("replica", lag=lag)

    def _replica_lost(self, reason: str = "replica-unavailable") -> ReadSource:
        self._replica_down_until = time.monotonic() + self.settings.replica_retry_seconds
        logger.warning("reading from the primary, not the replica", extra={"fields": {"reason": reason}})
        return ReadSource("primary", reason)

    async def _begin(self, engine: AsyncEngine, sql: str) -> tuple[AsyncConnection, asyncpg.Connection]:
        tries = self.settings.db_pool_size * 2 + _BEGIN_TRIES_BEYOND_POOL
        for attempt in range(1, tries + 1):
            self.waiting += 1
            try:
                connection = await engine.connect()
            finally:
                self.waiting -= 1
            driver: asyncpg.Connection = (await connection.get_raw_connection()).driver_connection
            try:
                await driver.execute(sql)
            except _DEAD:
                # A pooled connection that died while it waited (no pre-ping pays for finding
                # out on every request): thrown away; the request goes on with another.
                await connection.invalidate()
                await connection.close()
                if attempt == tries:
                    raise
                continue
            except BaseException:
                await connection.invalidate()
                await connection.close()
                raise
            return connection, driver
        raise AssertionError("unreachable")

    async def dispose(self) -> None:
        await self.engine.dispose()
        if self.replica_engine is not None:
            await self.replica_engine.dispose()

    def pool_figures(self) -> dict[str, int]:
        """The request pool's connections: its size, in use, idle, and requests waiting for one."""
        pool: Any = self.engine.pool
        return {
            "size": pool.size(),
            "in_use": pool.checkedout(),
            "idle": pool.checkedin(),
            "waiting": self.waiting,
        }


@asynccontextmanager
async def _in_transaction(
    connection: AsyncConnection, driver: asyncpg.Connection
) -> AsyncIterator[AsyncSession]:
    """The session of a transaction begun on `connection`: committed if its block ends well,
    rolled back (or the connection thrown away) if not; the connection goes back either way."""
    session = AsyncSession(bind=connection, expire_on_commit=False)
    session.info[DRIVER] = driver
    try:
        yield session
        if session.in_transaction():
            await session.flush()
        await driver.execute("COMMIT")
    except BaseException as exc:
        if server_unavailable(exc):
            # Not reused: on a demoted primary every later request on it would fail alike.
            await connection.invalidate()
        else:
            await _abandon(connection, driver)
        raise
    finally:
        if session.in_transaction():  # a request that only read compiled statements never used it
            await session.close()
        await connection.close()


async def _abandon(connection: AsyncConnection, driver: asyncpg.Connection) -> None:
    """Rolls back a failed request's transaction; a connection that cannot is not reused."""
    try:
        if driver.is_in_transaction():
            await asyncio.shield(driver.execute("ROLLBACK"))
    except BaseException:
        await connection.invalidate()


async def driver_for(session: AsyncSession) -> asyncpg.Connection:
    """The asyncpg connection under any session, in its transaction, with the ORM's pending
    changes flushed first (a statement on the driver would run before them): `driver_of` for a
    request's session, else the session's own connection (CLI, workers)."""
    if session.new or session.dirty or session.deleted:
        await session.flush()
    driver: asyncpg.Connection | None = session.info.get(DRIVER)
    if driver is None:
        raw = await (await session.connection()).get_raw_connection()
        driver = raw.driver_connection
    return driver


def driver_of(session: AsyncSession) -> asyncpg.Connection:
    """The asyncpg connection under a session of `Database.transaction`, inside its transaction."""
    driver: asyncpg.Connection = session.info[DRIVER]
    return driver


async def fetch(session: AsyncSession, sql: str, args: Sequence[Any]) -> list[asyncpg.Record]:
    """Runs compiled SQL (core/statements.py) in the session's transaction, so under its tenant
    setting, straight on the driver, with nothing for SQLAlchemy to do; the driver keeps the
    statement prepared per connection."""
    rows: list[asyncpg.Record] = await driver_of(session).fetch(sql, *args)
    return rows


async def use_generic_plans(session: AsyncSession) -> None:
    """For the rest of the transaction, prepared statements run on their generic plan at once.

    For statements compiled with their constants inlined (only the caller's values bound), whose
    plan does not depend on those values. PostgreSQL otherwise plans a prepared statement afresh
    for its first five runs on each connection before it settles on the generic plan; for the
    worklist that is tens of milliseconds of planning each time (bench/ANALYSIS.md), five times
    per pooled connection and caller shape. Not for the whole connection: a page's `LIMIT $n`
    planned generically is guessed at a tenth of the table."""
    await driver_of(session).execute("SET LOCAL plan_cache_mode = force_generic_plan")


async def tenant_session(
    request: Request, principal: Annotated[Principal, Depends(authenticated)]
) -> AsyncIterator[AsyncSession]:
    """One transaction per request, scoped to the caller's municipality.

    Used with `scope="function"`, so the commit happens before the response is sent: a failed
    commit becomes an error answer, never a 2xx for data that was not written.
    """
    db: Database = request.app.state.db
    async with db.transaction(principal.municipality) as session:
        yield session


Session = Annotated[AsyncSession, Depends(tenant_session, scope="function")]
