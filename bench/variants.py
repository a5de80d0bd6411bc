"""ungeapi built differently for comparison, without touching the product code.

`uvicorn --factory bench.variants:make_app` builds ungeapi as `app_from_env` does, with the
changes named in BENCH_VARIANT (comma-separated); `python -m bench.run --variant NAME` measures
each variant beside ungeapi as it is, in the same rounds. Add a variant as a name and the
settings it changes:

* `pool_20`    a database pool of 20 connections (+ 20 overflow) instead of 10: is the pool what
               32 connections wait for?
* `unnamed`    UNGEAPI_DB_PGBOUNCER=true straight to PostgreSQL: what the statements parsed at
               every use (none kept prepared) and the role taken per transaction cost alone.
* `pgbouncer`  UNGEAPI_DB_PGBOUNCER=true through a PgBouncer in transaction pooling, started for
               the server process (ungeapi_dev.pgbouncer, needs `apt-get install pgbouncer`) with
               as many server connections as the app's pool holds, and ended with it: the whole
               cost of running behind PgBouncer, its extra hop included.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy.engine import make_url

from ungeapi.core.settings import Settings
from ungeapi.main import create_app

CHANGES: dict[str, dict[str, object]] = {
    "pool_20": {"db_pool_size": 20},
    "unnamed": {"db_pgbouncer": True},
    "pgbouncer": {"db_pgbouncer": True},
}


def _through_pgbouncer(settings: Settings) -> str:
    from ungeapi_dev.pgbouncer import start_pgbouncer

    url = make_url(settings.database_url)
    bouncer = start_pgbouncer(
        Path(tempfile.mkdtemp(prefix="ungeapi-bench-pgbouncer-")),
        (url.host or "127.0.0.1", url.port or 5432),
        users=[url.username or "postgres"],
        pool_size=2 * settings.db_pool_size,
    )
    return bouncer.url(settings.database_url)


def make_app() -> FastAPI:
    names = list(filter(None, os.environ.get("BENCH_VARIANT", "").split(",")))
    update: dict[str, object] = {}
    for name in names:
        update.update(CHANGES[name])
    settings = Settings().model_copy(update=update)
    if "pgbouncer" in names:
        settings = settings.model_copy(update={"database_url": _through_pgbouncer(settings)})
    return create_app(settings)
