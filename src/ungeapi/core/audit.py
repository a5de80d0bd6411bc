"""Audit records, written in the caller's transaction so a read or write and its record
commit together or not at all."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ARRAY, Insert, Select, String, Uuid, func, insert, literal, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.context import Ctx
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
    await session.execute(
        insert(AuditEvent), [audit_row(ctx, action, resource_type, resource_id, youth_id, detail)]
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
    pairs = [(None if rid is None else str(rid), yid) for rid, yid in subjects]
    if not pairs:
        return
    given = func.unnest(
        literal([rid for rid, _ in pairs], ARRAY(String)), literal([yid for _, yid in pairs], ARRAY(Uuid))
    ).table_valued("resource_id", "youth_id").render_derived()
    subjects_of = select(given.c.resource_id, given.c.youth_id, literal(detail, JSONB).label("detail"))
    await session.execute(insert_from(ctx, subjects_of, action=action, resource_type=resource_type))


async def record_each(
    session: AsyncSession,
    ctx: Ctx,
    *,
    action: str,
    subjects: Iterable[tuple[str, object, uuid.UUID | None, dict[str, Any] | None]],
) -> None:
    """One audit row per (resource type, resource id, youth id, detail), in one statement."""
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
