"""ungeapi built differently for comparison, without touching the product code.

`uvicorn --factory bench.variants:make_app` builds ungeapi as `app_from_env` does, with the
changes named in BENCH_VARIANT (comma-separated); `python -m bench.run --variant NAME` measures
each variant beside ungeapi as it is, in the same rounds. Add a variant as a name and the
settings it changes:

* `pool_20`  a database pool of 20 connections (+ 20 overflow) instead of 10: is the pool what
             32 connections wait for?
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from ungeapi.core.settings import Settings
from ungeapi.main import create_app

CHANGES: dict[str, dict[str, object]] = {"pool_20": {"db_pool_size": 20}}


def make_app() -> FastAPI:
    update: dict[str, object] = {}
    for name in filter(None, os.environ.get("BENCH_VARIANT", "").split(",")):
        update.update(CHANGES[name])
    return create_app(Settings().model_copy(update=update))
