"""Candidate hot-path changes, measured without touching the product code.

`uvicorn --factory bench.variants:make_app` builds ungeapi exactly as `app_from_env` does, after
applying the patches named in BENCH_VARIANT (comma-separated). Each keeps the behaviour the
tests pin down (audit row in the request's transaction, tenant set, scope in the query):

* `no_pre_ping`  the pool does not ping on checkout. SQLAlchemy's asyncpg ping is BEGIN, `;`,
                 ROLLBACK: three round trips per request. A dead connection then surfaces as
                 an error on first use (503 via the existing handler) instead of a reconnect.
* `audit_values` `record_many` as one multi-row INSERT ... VALUES instead of an executemany
                 (50 Bind/Execute messages and 50 ORM parameter sets for a page of 50).
* `fused_read`   `read_youth` as one statement: the scoped SELECT and the audit INSERT in a
                 data-modifying CTE, so the audit row exists exactly when the youth was found.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

from fastapi import FastAPI
from sqlalchemy import insert, literal, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import aliased
from sqlalchemy.types import Text

from ungeapi.core import audit, db
from ungeapi.core.context import Ctx
from ungeapi.core.crypto import CprVault
from ungeapi.main import app_from_env
from ungeapi.models import AuditEvent, Youth
from ungeapi.youth import repository, service
from ungeapi.youth.errors import YouthNotFound


def _no_pre_ping() -> None:
    original = db.make_engine

    def make_engine(*args: Any, **kwargs: Any) -> Any:
        engine = original(*args, **kwargs)
        engine.sync_engine.pool._pre_ping = False
        return engine

    db.make_engine = make_engine  # type: ignore[assignment]


def _audit_values() -> None:
    async def record_many(
        session: Any, ctx: Ctx, *, action: str, resource_type: str, subjects: Any, detail: Any = None
    ) -> None:
        rows = [audit._row(ctx, action, resource_type, rid, yid, detail) for rid, yid in subjects]
        if rows:
            await session.execute(insert(AuditEvent).values(rows))

    audit.record_many = record_many  # type: ignore[assignment]


def _fused_read() -> None:
    async def read_youth(session: Any, ctx: Ctx, youth_id: uuid.UUID, *, vault: CprVault) -> Any:
        found = repository.visible(ctx.principal, ctx.today).where(Youth.id == youth_id).cte("found")
        p = ctx.principal
        record = (
            insert(AuditEvent)
            .from_select(
                [
                    "municipality_code",
                    "sub",
                    "roles",
                    "department",
                    "action",
                    "resource_type",
                    "resource_id",
                    "youth_id",
                    "purpose",
                    "request_id",
                ],
                select(
                    found.c.municipality_code,
                    literal(p.sub),
                    literal(sorted(p.roles), ARRAY(Text)),
                    literal(p.primary_department),
                    literal("read"),
                    literal(service.RESOURCE),
                    found.c.id.cast(Text),
                    found.c.id,
                    literal(ctx.purpose),
                    literal(ctx.request_id),
                ),
            )
            .cte("recorded")
        )
        query = select(aliased(Youth, found)).add_cte(record)
        youth = (await session.execute(query)).scalar_one_or_none()
        if youth is None:
            raise YouthNotFound()
        return service.to_read(youth, vault, ctx.today)

    service.read_youth = read_youth  # type: ignore[assignment]


PATCHES = {"no_pre_ping": _no_pre_ping, "audit_values": _audit_values, "fused_read": _fused_read}


def make_app() -> FastAPI:
    for name in filter(None, os.environ.get("BENCH_VARIANT", "").split(",")):
        PATCHES[name]()
    return app_from_env()
