"""The development database every `ungeapi` command finds, and `ungeapi serve --dev`.

In a checkout (where these tools are installed), a command that needs a database and is given
none (no ``UNGEAPI_DATABASE_URL``, and ``UNGEAPI_ENV`` unset or ``development``) uses the
development database: ``ungeapi`` in the embedded PostgreSQL under ``./var/`` (``devdb``),
started if it is not running, created if missing and migrated. ``serve --dev``, ``import``,
``worker``, ``retention``, ``seed-demo`` and ``migrate`` all find the same one, so what
``ungeapi import`` loads is what ``make run`` serves; none of them falls back on whatever
answers on port 5432.

``serve`` (``ungeapi serve --dev``, which ``make run`` runs) then migrates, seeds the demo
municipality once, and serves with the webhook worker inside the same process: started with the
app, stopped with it (Ctrl-C), so webhooks fire in development as they do in production, where
``ungeapi worker`` runs beside the API. The console shows what a developer needs: the URL, where
the data is, the demo data, and a token per role. Request and worker log lines follow as they
happen; the seeding's own requests and uvicorn's start-up lines do not.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ungeapi.cli import migrate
from ungeapi.core.settings import DEV_JWT_SECRET, Settings
from ungeapi_dev import devdb

if TYPE_CHECKING:
    import uvicorn
    from fastapi import FastAPI

__all__ = ["DATABASE", "DevDatabase", "development_database", "serve"]

DATABASE = "ungeapi"
VAR_DIR = Path("var")
# The worker in development: a second's wait when idle, so a webhook arrives about a second
# after the change; at shutdown, a delivery under way gets this long before it is cancelled
# (and retried on the next start: deliveries are at-least-once).
WORKER_IDLE_SECONDS = 1.0
WORKER_STOP_SECONDS = 5.0


@dataclass(frozen=True)
class DevDatabase:
    url: str
    where: str


def development_database(var_dir: Path = VAR_DIR) -> DevDatabase:
    """The development database, started, created and migrated; raises RuntimeError (with what
    to do) when no PostgreSQL can be found or started."""
    server_url = devdb.start_embedded(var_dir)
    url = asyncio.run(ensure_database(server_url, DATABASE))
    migrate(url)
    where = f"PostgreSQL {devdb.server_version(var_dir)} under {var_dir.resolve()}"
    return DevDatabase(url, f"the development database {DATABASE} ({where})")


async def ensure_database(server_url: str, name: str) -> str:
    """Creates database `name` on the server if missing; returns its URL."""
    import asyncpg
    from sqlalchemy.engine import make_url

    url = make_url(server_url)
    conn = await asyncpg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False))
    try:
        if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return url.set(database=name).render_as_string(hide_password=False)


def serve(host: str, port: int, *, municipality: str, database: DevDatabase | None) -> int:
    """`ungeapi serve --dev`: `database` is the development database, or None when
    UNGEAPI_DATABASE_URL names one (migrated here)."""
    # Here, not at the top: the other commands find the development database without loading
    # the app and the server.
    import uvicorn

    from ungeapi.core.server import uvicorn_options
    from ungeapi.main import create_app
    from ungeapi_dev.demo import dev_tokens, seed_demo

    os.environ.setdefault("UNGEAPI_ENV", "development")
    os.environ.setdefault("UNGEAPI_JWT_DEV_SECRET", DEV_JWT_SECRET)
    settings = Settings()
    if database is None:
        migrate(settings.owner_database_url)
    # The seeding's in-process app logs at WARNING: not a line per request it makes.
    quiet = settings.model_copy(update={"log_level": "WARNING"})
    seeded = asyncio.run(seed_demo(quiet, municipality))
    app = create_app(settings)
    # uvicorn's start-up and shutdown lines say what the banner says; its warnings still show.
    logging.getLogger("uvicorn.error").setLevel(logging.WARNING)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        access_log=False,
        log_config=None,
        **uvicorn_options(settings.max_header_bytes),
    )
    server = uvicorn.Server(config)
    if database is None:
        where, stopping = "the database at UNGEAPI_DATABASE_URL", "Ctrl-C stops the server and the worker"
    else:
        where = database.where
        stopping = "Ctrl-C stops the server and the worker; the database keeps running (make clean stops it)"
    details = [
        f"database: {where}",
        f"demo data: {seeded.summary()}",
        "webhooks: delivered by the worker in this process",
        f"development tokens for municipality {municipality} (Authorize in /docs):",
        *(f"  {line}" for line in dev_tokens(settings, municipality)),
        stopping,
    ]
    with_worker_and_banner(app, settings, server, details)
    try:
        server.run()
    except KeyboardInterrupt:
        pass  # uvicorn shut down cleanly and passed the Ctrl-C on
    return 0 if server.started else 1


def with_worker_and_banner(
    app: FastAPI, settings: Settings, server: uvicorn.Server, details: Sequence[str]
) -> None:
    """Wraps the app's lifespan: the webhook worker runs while the app does, and the banner is
    printed once the server listens (the URL from its socket, so --port 0 works)."""
    from ungeapi.core.crypto import CprVault
    from ungeapi.core.db import make_engine
    from ungeapi.events.worker import run_forever

    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(application: FastAPI) -> AsyncIterator[Any]:
        async with inner(application) as state:
            engine = make_engine(settings, url=settings.owner_database_url, app_role=False)
            vault = CprVault(settings.effective_cpr_key, settings.effective_cpr_hash_key)
            stop = asyncio.Event()
            worker = asyncio.create_task(
                run_forever(
                    engine,
                    vault,
                    idle_seconds=WORKER_IDLE_SECONDS,
                    stop=stop,
                    allow_private=settings.private_webhook_targets,
                )
            )
            banner = asyncio.create_task(_banner_when_listening(server, details))
            try:
                yield state
            finally:
                banner.cancel()
                stop.set()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(worker, WORKER_STOP_SECONDS)
                await engine.dispose()

    app.router.lifespan_context = lifespan


async def _banner_when_listening(server: uvicorn.Server, details: Sequence[str]) -> None:
    while not server.started:  # noqa: ASYNC110 - uvicorn offers no event for it
        await asyncio.sleep(0.05)
    host, port = server.servers[0].sockets[0].getsockname()[:2]
    url = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
    print(f"ungeapi (development) is ready on {url} - API documentation: {url}/docs", flush=True)
    print("\n".join(details), flush=True)
