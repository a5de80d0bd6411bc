"""Change events into the transactional outbox, in the caller's transaction.

Every create, update, state change and archive of every resource writes its `event_row`, so the
change feed (/v1/events) and the webhooks see each committed change exactly once and never
see one that was rolled back. Events carry ids and versions, never personal data.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.context import Ctx
from ungeapi.models.event import ChangeEvent

ACTIONS = ("created", "updated", "state_changed", "archived", "deleted")


def event_row(
    ctx: Ctx,
    *,
    action: str,
    resource_type: str,
    resource_id: object,
    youth_id: uuid.UUID | None = None,
    version: int | None = None,
    data: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The outbox row of one change, by the caller."""
    return {
        "municipality_code": ctx.principal.municipality,
        "resource_type": resource_type,
        "resource_id": str(resource_id),
        "youth_id": youth_id,
        "action": action,
        "version": version,
        "actor_sub": ctx.principal.sub,
        "data": data,
    }


async def record(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Changes' outbox rows (`event_row`), in one statement."""
    if rows:
        await session.execute(insert(ChangeEvent), rows)
