"""A write's bookkeeping, the same for every resource: the next version, the audit row and the
change event, in the request's transaction.

Every create and change of a record writes an audit row (who, why) and a change event (the
outbox of /v1/events and the webhooks); both go to PostgreSQL as one statement. A record's
server-made values (id, version, stamps) come back with the flush itself (`eager_defaults`,
models/base.py), so nothing is read back.
"""

from __future__ import annotations

import uuid
from typing import Any, Protocol

from sqlalchemy import func, insert
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.audit import audit_row
from ungeapi.core.context import Ctx
from ungeapi.models import AuditEvent
from ungeapi.models.event import ChangeEvent


class Versioned(Protocol):
    id: Any
    version: Any
    updated_at: Any


def bump(row: Versioned) -> None:
    """A change to `row`: its next version, stamped with the transaction's time."""
    row.version += 1
    row.updated_at = func.now()


async def log_change(
    session: AsyncSession,
    ctx: Ctx,
    *,
    audit_action: str,
    event_action: str,
    resource_type: str,
    resource_id: object,
    youth_id: uuid.UUID | None,
    version: int | None,
    detail: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """The audit row and the change event of one write, in one statement."""
    audited = insert(AuditEvent).values(
        audit_row(ctx, audit_action, resource_type, resource_id, youth_id, detail)
    )
    event = insert(ChangeEvent).values(
        municipality_code=ctx.principal.municipality,
        resource_type=resource_type,
        resource_id=str(resource_id),
        youth_id=youth_id,
        action=event_action,
        version=version,
        actor_sub=ctx.principal.sub,
        data=data,
    )
    await session.execute(event.add_cte(audited.cte("audited")))


async def saved(
    session: AsyncSession,
    ctx: Ctx,
    row: Versioned,
    *,
    resource_type: str,
    youth_id: uuid.UUID | None,
    audit_action: str = "update",
    event_action: str = "updated",
    detail: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """Writes a change already made to `row` (bumped), with its audit row and change event
    (`data`: what the event tells of the change beyond its id and version)."""
    await session.flush()
    about: dict[str, Any] = {"detail": detail, "data": data}
    action = (audit_action, event_action)
    await logged(session, ctx, row, resource_type=resource_type, youth_id=youth_id, action=action, **about)


CREATE = ("create", "created")
UPDATE = ("update", "updated")


async def logged(
    session: AsyncSession,
    ctx: Ctx,
    row: Versioned,
    *,
    resource_type: str,
    youth_id: uuid.UUID | None,
    action: tuple[str, str] = UPDATE,
    detail: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """The audit row and change event of a write to `row` already flushed; `action` is the
    audit's and the event's name for it."""
    audit_action, event_action = action
    await log_change(
        session,
        ctx,
        audit_action=audit_action,
        event_action=event_action,
        resource_type=resource_type,
        resource_id=row.id,
        youth_id=youth_id,
        version=row.version,
        detail=detail,
        data=data,
    )


async def created(session: AsyncSession, ctx: Ctx, row: Versioned, **about: Any) -> None:
    """`logged` for a record written for the first time."""
    await logged(session, ctx, row, action=CREATE, **about)


async def changed(session: AsyncSession, ctx: Ctx, row: Versioned, **about: Any) -> None:
    """`logged` for a change already written (bumped and flushed)."""
    await logged(session, ctx, row, action=UPDATE, **about)
