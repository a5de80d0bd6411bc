"""A write's bookkeeping, the same for every resource: the next version, the audit row and the
change event, in the request's transaction.

Every create and change of a record writes an audit row (who, why) and a change event (the
outbox of /v1/events and the webhooks); both go to PostgreSQL as one statement. A record's
server-made values (id, version, stamps) come back with the flush itself (`eager_defaults`,
models/base.py), so nothing is read back.
"""

from __future__ import annotations

import uuid
from typing import Any, Protocol, TypedDict, Unpack

from sqlalchemy import func, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.audit import audit_row, record
from ungeapi.core.context import Ctx
from ungeapi.core.errors import DomainError
from ungeapi.core.events import event_row
from ungeapi.models import AuditEvent
from ungeapi.models.event import ChangeEvent


class Identified(Protocol):
    id: Any


class Versioned(Identified, Protocol):
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
        event_row(
            ctx,
            action=event_action,
            resource_type=resource_type,
            resource_id=resource_id,
            youth_id=youth_id,
            version=version,
            data=data,
        )
    )
    await session.execute(event.add_cte(audited.cte("audited")))


# A write's name in the audit log and in the change feed.
Action = tuple[str, str]
CREATE: Action = ("create", "created")
UPDATE: Action = ("update", "updated")


class About(TypedDict, total=False):
    """What a write's audit row (`detail`) and change event (`data`, beyond id and version) tell."""

    detail: dict[str, Any] | None
    data: dict[str, Any] | None


async def logged(
    session: AsyncSession,
    ctx: Ctx,
    row: Identified,
    *,
    resource_type: str,
    youth_id: uuid.UUID | None,
    action: Action = UPDATE,
    **about: Unpack[About],
) -> None:
    """The audit row and change event of a write to `row` already flushed; `action` is the
    audit's and the event's name for it. A row written once and never changed has no version."""
    audit_action, event_action = action
    await log_change(
        session,
        ctx,
        audit_action=audit_action,
        event_action=event_action,
        resource_type=resource_type,
        resource_id=row.id,
        youth_id=youth_id,
        version=getattr(row, "version", None),
        **about,
    )


async def inserted(session: AsyncSession, row: object, *, conflict: type[DomainError] | None = None) -> None:
    """`row` written for the first time (its id, version and stamps come back with the flush);
    `conflict`: the error for a unique constraint the row breaks, as when a concurrent request won
    (flushed under a savepoint, so the transaction stays usable)."""
    session.add(row)
    if conflict is None:
        await session.flush()
        return
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        raise conflict() from exc


class Ledger:
    """How one resource's writes and other audited acts are logged: its audit rows and change
    events name `resource_type`, and are about the youth whose id the row holds in `youth` (None:
    a resource that holds no youth's data)."""

    def __init__(self, resource_type: str, *, youth: str | None = "youth_id") -> None:
        self.resource_type = resource_type
        self._youth = youth

    def youth_of(self, row: Any) -> uuid.UUID | None:
        return None if self._youth is None else getattr(row, self._youth)

    async def audited(
        self,
        session: AsyncSession,
        ctx: Ctx,
        row: Any,
        action: str = "read",
        detail: dict[str, Any] | None = None,
    ) -> None:
        """The audit row of `action` on `row` that changes nothing (a read, a lookup, an export)."""
        youth_id = self.youth_of(row)
        await record(
            session,
            ctx,
            action=action,
            resource_type=self.resource_type,
            resource_id=row.id,
            youth_id=youth_id,
            detail=detail,
        )

    async def logged(
        self,
        session: AsyncSession,
        ctx: Ctx,
        row: Identified,
        action: Action = UPDATE,
        **about: Unpack[About],
    ) -> None:
        """The audit row and change event of a write to `row` already flushed, as `action`."""
        youth_id = self.youth_of(row)
        await logged(
            session, ctx, row, resource_type=self.resource_type, youth_id=youth_id, action=action, **about
        )

    async def added(
        self,
        session: AsyncSession,
        ctx: Ctx,
        row: Identified,
        *,
        conflict: type[DomainError] | None = None,
        **about: Unpack[About],
    ) -> None:
        """A new record (versioned, or written once): `inserted`, and logged as created."""
        await inserted(session, row, conflict=conflict)
        await self.logged(session, ctx, row, CREATE, **about)

    async def saved(
        self, session: AsyncSession, ctx: Ctx, row: Versioned, action: Action = UPDATE, **about: Unpack[About]
    ) -> None:
        """A change made to `row`: its next version written, and logged as `action`."""
        bump(row)
        await session.flush()
        await self.logged(session, ctx, row, action, **about)


def part_created(
    ctx: Ctx, resource_type: str, row: Versioned, youth_id: uuid.UUID, **parent: uuid.UUID
) -> dict[str, Any]:
    """The `created` event of a record written with its parent (a team's member, a plan's goal),
    whose audit row covers it; `parent` names the parent's id in the event's data."""
    return event_row(
        ctx,
        action="created",
        resource_type=resource_type,
        resource_id=row.id,
        youth_id=youth_id,
        version=row.version,
        data={name: str(value) for name, value in parent.items()},
    )
