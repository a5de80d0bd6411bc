from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ARRAY, Index, String, Text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, WrittenAt
from ungeapi.models.columns import SerialPk


class AuditEvent(TenantMixin, Base):
    """Append-only: who did what to which youth's data, when, and why (purpose).

    A trigger refuses UPDATE and DELETE (see the migration).
    """

    __tablename__ = "audit_event"

    id: Mapped[SerialPk]
    occurred_at: Mapped[WrittenAt]
    sub: Mapped[str] = mapped_column(String(200), nullable=False)
    roles: Mapped[list[str]] = mapped_column(ARRAY(Text), nullable=False)
    department: Mapped[str | None] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(40), nullable=False)
    resource_type: Mapped[str] = mapped_column(String(40), nullable=False)
    resource_id: Mapped[str | None] = mapped_column(String(100))
    youth_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    purpose: Mapped[str] = mapped_column(String(200), nullable=False)
    request_id: Mapped[str | None] = mapped_column(String(100))
    # No detail is SQL NULL, not the JSON value null, however the row was written.
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSONB(none_as_null=True))

    __table_args__ = (
        Index("ix_audit_event_youth", "municipality_code", "youth_id", "occurred_at"),
        Index("ix_audit_event_occurred", "municipality_code", "occurred_at"),
        # The dpo's filters on GET /v1/audit (privacy migration 0008).
        Index("ix_audit_event_sub", "municipality_code", "sub", "occurred_at"),
        Index("ix_audit_event_action", "municipality_code", "action", "occurred_at"),
    )
