from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import BigInteger, Index, Integer, String, text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, WrittenAt
from ungeapi.models.columns import SerialPk, Sub


class ChangeEvent(TenantMixin, Base):
    """The transactional outbox: one row per committed change, written with the change.

    `xact_id` is the writing transaction's id; readers only return events of transactions
    older than every transaction still running, so a consumer never skips one that commits late.
    """

    __tablename__ = "change_event"

    id: Mapped[SerialPk]
    xact_id: Mapped[int] = mapped_column(
        BigInteger, nullable=False, server_default=text("(pg_current_xact_id()::text)::bigint")
    )
    occurred_at: Mapped[WrittenAt]
    resource_type: Mapped[str] = mapped_column(String(40), nullable=False)
    resource_id: Mapped[str] = mapped_column(String(100), nullable=False)
    youth_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    action: Mapped[str] = mapped_column(String(40), nullable=False)
    version: Mapped[int | None] = mapped_column(Integer)
    actor_sub: Mapped[Sub]
    data: Mapped[dict[str, Any] | None] = mapped_column(JSONB)

    __table_args__ = (
        Index("ix_change_event_feed", "municipality_code", "xact_id", "id"),
        Index("ix_change_event_youth", "municipality_code", "youth_id"),
    )
