"""Audit records, written in the caller's transaction so a read or write and its record
commit together or not at all."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Insert, Select, insert, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.context import Ctx
from ungeapi.core.db import AUDIT_LATER, driver_for
from ungeapi.models import AuditEvent


def audit_row(
    ctx: Ctx,
    action: str,
    resource_type: str,
    resource_id: object | None,
    youth_id: uuid.UUID | None,
    detail: dict[str, Any] | None,
) -> dict[str, Any]:
    p = ctx.principal
    return {
        "municipality_code": p.municipality,
        "sub": p.sub,
        "roles": sorted(p.roles),
        "department": p.primary_department,
        "action": action,
        "resource_type": resource_type,
        "resource_id": None if resource_id is None else str(resource_id),
        "youth_id": youth_id,
        "purpose": ctx.purpose,
        "request_id": ctx.request_id,
        "detail": detail,
        # The app's moment, not the database's: the access log and the audit search are asked by
        # the app's days (Europe/Copenhagen).
        "occurred_at": ctx.now,
    }


async def record(
    session: AsyncSession,
    ctx: Ctx,
    *,
    action: str,
    resource_type: str,
    resource_id: object | None = None,
    youth_id: uuid.UUID | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    row = audit_row(ctx, action, resource_type, resource_id, youth_id, detail)
    later = session.info.get(AUDIT_LATER)
    if later is None:
        await session.execute(insert(AuditEvent), [row])
        return
    # On a read-only replica (core/db.py `read_transaction`): the record of a read of no youth's
    # data (an aggregate figure) is written on the primary once the read is done, and the answer
    # waits for it (`write_later`). A youth's data is never read where its record cannot be
    # written in the same transaction.
    _refuse_youth_on_replica(youth_id is not None)
    later.append(row)


async def write_later(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """The records a replica's transaction kept (`record`), in a transaction on the primary."""
    if rows:
        await session.execute(insert(AuditEvent), rows)


def _refuse_youth_on_replica(about_youth: bool) -> None:
    if about_youth:
        raise RuntimeError("a read of a youth's data is audited in its own transaction: not on a replica")


# record_many's statement, written once: the caller's values and the subjects as two arrays, run
# on the driver (no SQLAlchemy statement built, compiled and executed per request; the worklist's
# page audit was a quarter of its Python time). Columns as audit_row writes them.
_FIXED = (
    "municipality_code",
    "sub",
    "roles",
    "department",
    "action",
    "resource_type",
    "purpose",
    "request_id",
    "occurred_at",
)
_RECORD_MANY = (
    "INSERT INTO audit_event (municipality_code, sub, roles, department, action, resource_type,"
    " purpose, request_id, occurred_at, detail, resource_id, youth_id)"
    " SELECT $1, $2, $3::text[], $4, $5, $6, $7, $8, $9::timestamptz, $10::jsonb, s.resource_id, s.youth_id"
    " FROM unnest($11::varchar[], $12::uuid[]) AS s(resource_id, youth_id)"
)


async def record_many(
    session: AsyncSession,
    ctx: Ctx,
    *,
    action: str,
    resource_type: str,
    subjects: Iterable[tuple[object, uuid.UUID | None]],
    detail: dict[str, Any] | None = None,
) -> None:
    """One audit row per (resource id, youth id), in one statement: the ids travel as two arrays,
    so a page of any length is one statement of one shape (PostgreSQL keeps its plan)."""
    _refuse_youth_on_replica(AUDIT_LATER in session.info)
    pairs = [(None if rid is None else str(rid), yid) for rid, yid in subjects]
    if not pairs:
        return
    row = audit_row(ctx, action, resource_type, None, None, None)
    driver = await driver_for(session)
    await driver.execute(
        _RECORD_MANY,
        *(row[name] for name in _FIXED),
        None if detail is None else json.dumps(detail),
        [rid for rid, _ in pairs],
        [yid for _, yid in pairs],
    )


async def record_each(
    session: AsyncSession,
    ctx: Ctx,
    *,
    action: str,
    subjects: Iterable[tuple[str, object, uuid.UUID | None, dict[str, Any] | None]],
) -> None:
    """One audit row per (resource type, resource id, youth id, detail), in one statement."""
    _refuse_youth_on_replica(AUDIT_LATER in session.info)
    rows = [audit_row(ctx, action, kind, rid, yid, detail) for kind, rid, yid, detail in subjects]
    if rows:
        await session.execute(insert(AuditEvent), rows)


def insert_from(ctx: Ctx, subjects: Select[Any], *, action: str, resource_type: str) -> Insert:
    """INSERT ... SELECT: one audit row per row of `subjects` (columns `resource_id`, `youth_id`,
    and optionally `detail`), the other columns as `record` writes them; for a statement that
    reads and audits at once."""
    row = audit_row(ctx, action, resource_type, None, None, None)
    table = AuditEvent.__table__
    source = subjects.subquery("subject")
    varying = ["resource_id", "youth_id", *(["detail"] if "detail" in source.c else [])]
    fixed = [name for name in row if name not in varying]
    rows = select(
        *(literal(row[name], table.c[name].type) for name in fixed),
        *(source.c[name] for name in varying),
    )
    return insert(AuditEvent).from_select([*fixed, *varying], rows)
