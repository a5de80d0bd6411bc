"""Every query about youth, scoped by the caller's access."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import disclosure_insert, youth_visible, youth_writable
from ungeapi.core import statements
from ungeapi.core.context import Ctx
from ungeapi.core.db import fetch
from ungeapi.core.reads import Audit, AuditedRead, KeysetPage, Row, youth_subjects
from ungeapi.core.security import Principal
from ungeapi.models import Youth
from ungeapi.youth.rules import name_key

RESOURCE = "youth"
CPR_HASH = b"\x00cpr"


def visible(principal: Principal, today: date) -> Select[Youth]:
    return select(Youth).where(youth_visible(principal, today, "youth"))


def by_id(principal: Principal, today: date, youth_id: uuid.UUID) -> Select[Youth]:
    return visible(principal, today).where(Youth.id == youth_id)


async def get(
    session: AsyncSession,
    principal: Principal,
    today: date,
    youth_id: uuid.UUID,
    *,
    for_update: bool = False,
    writable: bool = False,
) -> Youth | None:
    """The youth in the caller's read scope, or with `writable` in their write scope (no consent)."""
    if writable:
        query = select(Youth).where(youth_writable(principal, today), Youth.id == youth_id)
    else:
        query = by_id(principal, today, youth_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def find_by_cpr_hash(session: AsyncSession, cpr_hash: bytes) -> Youth | None:
    """Unscoped within the municipality: a department taking a youth on by CPR (cases/rules.py)."""
    return (await session.execute(select(Youth).where(Youth.cpr_hash == cpr_hash))).scalar_one_or_none()


async def cpr_hash_taken(
    session: AsyncSession, cpr_hash: bytes, *, except_id: uuid.UUID | None = None
) -> bool:
    """Unscoped on purpose: a duplicate must be found even when the caller can't see it."""
    query = select(Youth.id).where(Youth.cpr_hash == cpr_hash)
    if except_id is not None:
        query = query.where(Youth.id != except_id)
    return (await session.execute(query.limit(1))).first() is not None


def _disclosed(ctx: Ctx, subjects: Select[Any]) -> Any:
    return disclosure_insert(ctx, RESOURCE, subjects, resource_type=RESOURCE)


def _named(pattern: Any) -> ColumnElement[bool]:
    return or_(
        Youth.family_name_key.like(pattern, escape="\\"),
        Youth.given_name_key.like(pattern, escape="\\"),
    )


def _archived(_ctx: Ctx, archived: bool) -> ColumnElement[bool]:
    return Youth.archived_at.is_not(None) if archived else Youth.archived_at.is_(None)


READ_ONE = AuditedRead(
    lambda ctx, _: by_id(ctx.principal, ctx.today, statements.ID),
    Audit("read", RESOURCE, youth_subjects, _disclosed),
)
READ_BY_CPR = AuditedRead(
    lambda ctx, _: visible(ctx.principal, ctx.today).where(Youth.cpr_hash == CPR_HASH),
    Audit("lookup", RESOURCE, youth_subjects, _disclosed),
    placeholders=frozenset({CPR_HASH}),
)

# Oldest registration first.
PAGE = KeysetPage(
    lambda ctx: visible(ctx.principal, ctx.today),
    Audit("search", RESOURCE, youth_subjects, _disclosed),
    key=(Youth.created_at, Youth.id),
    where={
        "born_after": lambda day: Youth.birth_date > day,
        "born_on_or_before": lambda day: Youth.birth_date <= day,
        "name_pattern": _named,
    },
    shaped={"archived": _archived},
)


_SEEN = statements.Templates(
    lambda ctx: select(Youth.id).where(
        youth_visible(ctx.principal, ctx.today, RESOURCE), Youth.id == statements.ID
    )
)


async def is_visible(session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID) -> bool:
    """Whether the caller may see the youth (a consent in force included); reads nothing else."""
    template = _SEEN.for_request(ctx)
    values = statements.values_of(ctx)
    values[statements.ID] = youth_id
    return bool(await fetch(session, template.sql, template.bind(values)))


async def read_one(session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID) -> Row | None:
    """The youth in the caller's read scope, audited as read."""
    return await READ_ONE.one(session, ctx, {statements.ID: youth_id})


async def read_by_cpr_hash(session: AsyncSession, ctx: Ctx, cpr_hash: bytes) -> Row | None:
    """The youth with this CPR number in the caller's read scope, audited as looked up."""
    return await READ_BY_CPR.one(session, ctx, {CPR_HASH: cpr_hash})


def name_pattern(prefix: str | None) -> str | None:
    """The LIKE pattern of names starting with `prefix` (as name keys), or None for no filter."""
    return _escape_like(name_key(prefix)) + "%" if prefix else None


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def names(session: AsyncSession, youth_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not youth_ids:
        return {}
    rows = await session.execute(
        select(Youth.id, Youth.given_name, Youth.family_name).where(Youth.id.in_(youth_ids))
    )
    return {row.id: f"{row.given_name} {row.family_name}" for row in rows}
