"""ungeapi built differently for comparison, without touching the product code.

`uvicorn --factory bench.variants:make_app` builds ungeapi as `app_from_env` does, with the
changes named in BENCH_VARIANT (comma-separated):

* `no_lane`      the hot lane (core/hotpath.py) off: every request takes the FastAPI route, the
                 SQLAlchemy session and the ORM, as the lane's reference implementation does.
* `async_audit`  UNGEAPI_HOT_READS_SYNCHRONOUS_COMMIT=false: the lane's read-and-audit transactions
                 are acknowledged before their WAL is on disk (see core/settings.py).
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from ungeapi.core.settings import Settings
from ungeapi.main import create_app

CHANGES = {"no_lane": {"hot_reads": False}, "async_audit": {"hot_reads_synchronous_commit": False}}


def make_app() -> FastAPI:
    update: dict[str, object] = {}
    for name in filter(None, os.environ.get("BENCH_VARIANT", "").split(",")):
        update.update(CHANGES[name])
    return create_app(Settings().model_copy(update=update))
